/*
 * jsonutil: adding to the template data's JSON objects, and writing JSON.
 *
 * json_object_object_add looks a key up before adding it and copies it.
 * Every page's template data is hundreds of adds of literal keys to new
 * objects, and the lookup and the copy were half of their cost. These
 * add without either, so the key must live as long as the object (a
 * string literal) and must not be in the object yet. Test builds
 * (PLANPRESS_CHECKS) check the second and stop if it is broken.
 *
 * And json_write, JSON text of a value for the build cache.
 */
#ifndef PLANPRESS_JSONUTIL_H
#define PLANPRESS_JSONUTIL_H

#include <json-c/json.h>

#include "buf.h"
#ifdef PLANPRESS_CHECKS
#include <stdio.h>
#include <stdlib.h>
#endif

/* Adds v under key, which o does not hold yet; v is o's from now on. */
static inline void json_add_new(json_object *o, const char *key, json_object *v)
{
#ifdef PLANPRESS_CHECKS
	if (json_object_object_get_ex(o, key, NULL)) {
		fprintf(stderr, "planpress: internal error: \"%s\" added twice to one object\n", key);
		abort();
	}
#endif
	json_object_object_add_ex(o, key, v, JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT);
}

/* Adds the string v under key, as json_add_new; nothing when v is NULL. */
static inline void json_add_str(json_object *o, const char *key, const char *v)
{
	if (v)
		json_add_new(o, key, json_object_new_string(v));
}

/* The same for a string whose length is known (a page's HTML: json-c
 * would measure it again). */
static inline void json_add_strn(json_object *o, const char *key, const char *v, size_t len)
{
	if (v)
		json_add_new(o, key, json_object_new_string_len(v, (int)len));
}

/* Writes v as JSON that json_tokener_parse reads back equal: the keys of
 * an object in their order, doubles to the last bit, any byte of a
 * string (buf.c owns b). */
void json_write(buf_t *b, json_object *v);

#endif
