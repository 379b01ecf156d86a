/* Unit tests of the Mustache engine beyond the official spec: compile
 * errors with line and column, strict partial lookup, path escapes,
 * recursion limits and reuse of one compiled template. */
#include "check.h"
#include "mustache.h"

static char *render(mustache_set *set, const char *src, const char *json, int flags,
		    mustache_error *err)
{
	memset(err, 0, sizeof *err);
	mustache_template *t = mustache_set_add(set, "t", "t.mustache", src, strlen(src), err);
	if (!t)
		return NULL;
	json_object *data = json_tokener_parse(json);
	buf_t out = BUF_INIT;
	int rc = mustache_render(set, t, &data, 1, flags, &out, err);
	json_object_put(data);
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static void compile_errors(void)
{
	mustache_set *set = mustache_set_new(NULL, NULL);
	mustache_error err;
	const char *src = "line one\n  {{#items}}\n{{name}}\n";
	CHECK(mustache_set_add(set, "a", "a.mustache", src, strlen(src), &err) == NULL);
	CHECK(err.line == 2 && err.col == 3);
	CHECK_STR(err.message, "{{#items}} is never closed: expected {{/items}}");
	CHECK_STR(err.path, "a.mustache");

	src = "{{#a}}\n{{/b}}";
	CHECK(mustache_set_add(set, "a", "a.mustache", src, strlen(src), &err) == NULL);
	CHECK(err.line == 2 && err.col == 1);
	CHECK_STR(err.message, "{{/b}} does not close {{#a}} opened at line 1");

	src = "x {{/a}}";
	CHECK(mustache_set_add(set, "a", "a.mustache", src, strlen(src), &err) == NULL);
	CHECK_STR(err.message, "closing tag {{/a}} has no opening tag");

	src = "ok\n\nbad {{name";
	CHECK(mustache_set_add(set, "a", "a.mustache", src, strlen(src), &err) == NULL);
	CHECK(err.line == 3 && err.col == 5);
	CHECK_STR(err.message, "unclosed tag: expected '}}' before the end of the template");

	src = "{{= a =}}";
	CHECK(mustache_set_add(set, "a", "a.mustache", src, strlen(src), &err) == NULL);
	CHECK(err.line == 1 && err.col == 1);

	src = "{{ }}";
	CHECK(mustache_set_add(set, "a", "a.mustache", src, strlen(src), &err) == NULL);
	CHECK_STR(err.message, "empty tag: expected a name between the delimiters");
	mustache_set_free(set);
}

static void strict_partials(void)
{
	mustache_set *set = mustache_set_new(NULL, NULL);
	mustache_error err;
	char *out = render(set, "a{{>missing}}b", "{}", 0, &err);
	CHECK_STR(out, "ab");
	free(out);
	out = render(set, "a\n  {{>missing}}", "{}", MUSTACHE_STRICT, &err);
	CHECK(out == NULL);
	CHECK_STR(err.message, "partial 'missing' not found");
	CHECK(err.line == 2 && err.col == 3);
	out = render(set, "{{>../etc/passwd}}", "{}", MUSTACHE_STRICT, &err);
	CHECK(out == NULL);
	CHECK_STR(err.message, "template name '../etc/passwd' leaves the templates directory");
	out = render(set, "{{>*name}}", "{\"name\": \"/abs\"}", MUSTACHE_STRICT, &err);
	CHECK(out == NULL);
	mustache_set_free(set);
}

static void recursion_limit(void)
{
	mustache_set *set = mustache_set_new(NULL, NULL);
	mustache_error err;
	const char *loop = "x{{>loop}}";
	mustache_set_add(set, "loop", "loop.mustache", loop, strlen(loop), &err);
	char *out = render(set, "{{>loop}}", "{}", 0, &err);
	CHECK(out == NULL);
	CHECK(strstr(err.message, "nested more than 100 deep") != NULL);
	mustache_set_free(set);
}

static void reuse_and_escaping(void)
{
	mustache_set *set = mustache_set_new(NULL, NULL);
	mustache_error err;
	const char *src = "{{#rows}}<td>{{v}}</td>{{/rows}}|{{{raw}}}|{{n}}|{{f}}";
	mustache_template *t = mustache_set_add(set, "t", "t", src, strlen(src), &err);
	CHECK(t != NULL);
	const char *inputs[] = {
		"{\"rows\":[{\"v\":\"<b>&'\\\"\"}],\"raw\":\"<i>\",\"n\":-42,\"f\":0.5}",
		"{\"rows\":[],\"raw\":\"\",\"n\":0,\"f\":1e21}",
	};
	const char *want[] = {
		"<td>&lt;b&gt;&amp;&#39;&quot;</td>|<i>|-42|0.5",
		"||0|1e+21",
	};
	for (int i = 0; i < 2; i++) {
		json_object *d = json_tokener_parse(inputs[i]);
		buf_t out = BUF_INIT;
		CHECK(mustache_render(set, t, &d, 1, 0, &out, &err) == 0);
		CHECK_STR(buf_cstr(&out), want[i]);
		buf_free(&out);
		json_object_put(d);
	}
	mustache_set_free(set);
}

int main(void)
{
	compile_errors();
	strict_partials();
	recursion_limit();
	reuse_and_escaping();
	return check_done("mustache");
}
