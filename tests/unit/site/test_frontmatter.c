/* Unit tests of front matter: values, key lines, and the errors. */
#include "check.h"
#include "diag.h"
#include "frontmatter.h"

int main(void)
{
	struct frontmatter fm;
	const char *src = "---\ntitle: \"Verksamhetsplan 2016\"\nyear: 2016\nratio: 0.25\ndraft: false\n"
			  "date: 2016-11-24\nempty:\ntags: [a, b]\n---\n# Body\n";
	CHECK(frontmatter_parse("p.md", src, strlen(src), &fm) == 0);
	json_object *v;
	CHECK(json_object_object_get_ex(fm.data, "title", &v) &&
	      !strcmp(json_object_get_string(v), "Verksamhetsplan 2016"));
	CHECK(json_object_object_get_ex(fm.data, "year", &v) && json_object_is_type(v, json_type_int));
	CHECK(json_object_object_get_ex(fm.data, "ratio", &v) && json_object_is_type(v, json_type_double));
	CHECK(json_object_object_get_ex(fm.data, "draft", &v) && json_object_is_type(v, json_type_boolean));
	CHECK(json_object_object_get_ex(fm.data, "date", &v) && json_object_is_type(v, json_type_string));
	CHECK(json_object_object_get_ex(fm.data, "empty", &v) && v == NULL);
	CHECK(json_object_object_get_ex(fm.data, "tags", &v) && json_object_array_length(v) == 2);
	CHECK(frontmatter_line(&fm, "title") == 2);
	CHECK(frontmatter_line(&fm, "date") == 6);
	CHECK(fm.body_line == 10);
	CHECK_STR(src + fm.body_offset, "# Body\n");
	frontmatter_free(&fm);

	src = "No front matter\n";
	CHECK(frontmatter_parse("p.md", src, strlen(src), &fm) == 0);
	CHECK(fm.body_offset == 0 && json_object_object_length(fm.data) == 0);
	frontmatter_free(&fm);

	diag_set_quiet(1);
	int before = diag_error_count();
	src = "---\ntitle: x\n";
	CHECK(frontmatter_parse("p.md", src, strlen(src), &fm) != 0);
	src = "---\ntitle: [unclosed\n---\n";
	CHECK(frontmatter_parse("p.md", src, strlen(src), &fm) != 0);
	src = "---\na: &x [1]\nb: *x\n---\n";
	CHECK(frontmatter_parse("p.md", src, strlen(src), &fm) != 0);
	src = "---\na: 1\na: 2\n---\n";
	CHECK(frontmatter_parse("p.md", src, strlen(src), &fm) != 0);
	src = "---\n- just\n- a list\n---\n";
	CHECK(frontmatter_parse("p.md", src, strlen(src), &fm) != 0);
	CHECK(diag_error_count() == before + 5);
	return check_done("frontmatter");
}
