/*
 * mustache: our Mustache engine (the official spec's required modules plus
 * ~inheritance and ~dynamic-names; lambdas are left out because templates
 * cannot carry code).
 *
 * A mustache_set owns compiled templates by name; partials and parents are
 * looked up in the same set. Templates are compiled once and rendered many
 * times. Rendering only reads the set and the data, so one set can serve
 * several threads at once, provided it has no loader (a loader adds
 * templates lazily and is meant for single-threaded use, such as
 * `planpress mustache`).
 *
 * The data is json-c. Rendering never changes reference counts or caches
 * of the data objects, so shared data can be read from several threads.
 */
#ifndef PLANPRESS_MUSTACHE_H
#define PLANPRESS_MUSTACHE_H

#include <json-c/json.h>

#include "buf.h"

typedef struct mustache_set mustache_set;
typedef struct mustache_template mustache_template;

typedef struct {
	char path[512];    /* template file (or name) where it happened */
	int line, col;     /* 1-based; 0 when unknown */
	char message[512];
} mustache_error;

/*
 * A loader returns the malloc'd source of template `name` (and its length),
 * and a malloc'd path for diagnostics in *path. It returns NULL when there
 * is no such template, or NULL with err->message set when the name is
 * refused (a name that escapes the template directory, say).
 */
typedef char *(*mustache_load_fn)(void *ud, const char *name, size_t *len,
				  char **path, mustache_error *err);

mustache_set *mustache_set_new(mustache_load_fn load, void *ud);
void mustache_set_free(mustache_set *set);

/* Compiles src and stores it under name. src is copied. Returns NULL and
 * fills err on a syntax error. A template of the same name is replaced. */
mustache_template *mustache_set_add(mustache_set *set, const char *name,
				    const char *path, const char *src,
				    size_t len, mustache_error *err);
/* Looks a template up without loading. */
mustache_template *mustache_set_get(const mustache_set *set, const char *name);
/* Looks a template up, loading and compiling it through the loader if the
 * set has one. Returns NULL (err->message empty) if there is none, or NULL
 * with err set on a compile or load error. */
mustache_template *mustache_set_find(mustache_set *set, const char *name,
				     mustache_error *err);

/* Missing partials are errors, not empty strings. */
#define MUSTACHE_STRICT 1

/*
 * Renders t with a context stack of ctx[0..nctx-1] (ctx[nctx-1] is the top)
 * and appends the result to out. Returns 0, or -1 with err filled.
 */
int mustache_render(mustache_set *set, const mustache_template *t,
		    json_object *const *ctx, int nctx, int flags, buf_t *out,
		    mustache_error *err);

const char *mustache_template_name(const mustache_template *t);
/* 1 if any template in the set reads a name with this part ("tables" is
 * read by {{#page.tables}}), so callers can skip building unused data. */
int mustache_set_mentions(const mustache_set *set, const char *part);

#endif
