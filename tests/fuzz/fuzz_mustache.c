/* libFuzzer: Mustache compile and render. The input up to the first NUL
 * byte is the template, the rest the JSON data; partials "p" and "q"
 * are the template itself and a fixed one, so recursion is reachable. */
#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mustache.h"

static const char *tpl;
static size_t tpl_len;

static char *load(void *ud, const char *name, size_t *len, char **path, mustache_error *err)
{
	(void)ud;
	(void)err;
	const char *src = !strcmp(name, "p") ? tpl : !strcmp(name, "q") ? "{{#a}}[{{.}}]{{/a}}{{>p}}" : NULL;
	if (!src)
		return NULL;
	*len = src == tpl ? tpl_len : strlen(src);
	*path = strdup(name);
	char *copy = malloc(*len + 1);
	memcpy(copy, src, *len);
	copy[*len] = '\0';
	return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	tpl = s;
	tpl_len = nul ? (size_t)(nul - s) : size;
	json_object *ctx = NULL;
	if (nul) {
		char *json = strndup(nul + 1, size - tpl_len - 1);
		ctx = json_tokener_parse(json);
		free(json);
	}
	if (!ctx)
		ctx = json_tokener_parse("{\"a\": [1, 2, {\"b\": \"<x>\"}], \"c\": {\"d\": true}}");
	mustache_set *set = mustache_set_new(load, NULL);
	mustache_error err;
	memset(&err, 0, sizeof err);
	mustache_template *t = mustache_set_add(set, "main", "main", tpl, tpl_len, &err);
	if (t) {
		buf_t out = BUF_INIT;
		json_object *stack[1] = {ctx};
		mustache_render(set, t, stack, 1, MUSTACHE_STRICT, &out, &err);
		buf_free(&out);
	}
	mustache_set_free(set);
	json_object_put(ctx);
	return 0;
}
