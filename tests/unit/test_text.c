/* Unit tests of slugs, dates and the small text helpers. */
#include "buf.h"
#include "check.h"
#include "fsutil.h"
#include "lang.h"
#include "slug.h"

static void slug(const char *in, const char *want)
{
	buf_t b = BUF_INIT;
	slug_append(&b, in, strlen(in));
	CHECK_STR(buf_cstr(&b), want);
	buf_free(&b);
}

int main(void)
{
	slug("Grundläggande förutsättningar", "grundlaggande-forutsattningar");
	slug("ÅRSREDOVISNING 2016", "arsredovisning-2016");
	slug("4.1 Individinriktade insatser:", "4-1-individinriktade-insatser");
	slug("  Styrning, ledning & administration  ", "styrning-ledning-administration");
	slug("Café Über", "cafe-uber");
	slug("Målgrupp – unga vuxna", "malgrupp-unga-vuxna");
	slug("???", "avsnitt");
	slug("", "avsnitt");

	int y, m, d;
	CHECK(lang_parse_date("2016-11-24", &y, &m, &d) == 0 && y == 2016 && m == 11 && d == 24);
	CHECK(lang_parse_date("2016-02-29", &y, &m, &d) == 0);
	CHECK(lang_parse_date("2015-02-29", &y, &m, &d) != 0);
	CHECK(lang_parse_date("2016-13-01", &y, &m, &d) != 0);
	CHECK(lang_parse_date("2016-1-01", &y, &m, &d) != 0);
	CHECK(lang_parse_date("24 november 2016", &y, &m, &d) != 0);
	CHECK(lang_parse_date("2016-09-15T10:00:00", &y, &m, &d) == 0 && d == 15);
	buf_t b = BUF_INIT;
	lang_format_date(lang_get("sv"), 2016, 11, 24, &b);
	CHECK_STR(buf_cstr(&b), "24 november 2016");
	buf_reset(&b);
	lang_format_date(lang_get("en"), 2016, 9, 5, &b);
	CHECK_STR(buf_cstr(&b), "5 September 2016");
	buf_free(&b);
	CHECK(lang_get("de") == NULL);
	CHECK_STR(lang_type_label(lang_get("sv"), "delarsrapport"), "Delårsrapport");
	CHECK(lang_type_label(lang_get("sv"), "okand") == NULL);

	CHECK(fs_rel_is_safe("a/b.md"));
	CHECK(fs_rel_is_safe("a/../b.md"));
	CHECK(!fs_rel_is_safe("../b.md"));
	CHECK(!fs_rel_is_safe("a/../../b.md"));
	CHECK(!fs_rel_is_safe("/etc/passwd"));
	CHECK(!fs_rel_is_safe(""));
	char *n = fs_rel_normalise("a/./b/../c.md");
	CHECK_STR(n, "a/c.md");
	free(n);
	n = fs_rel_normalise("sjuharad/../mphla//x.csv");
	CHECK_STR(n, "mphla/x.csv");
	free(n);
	CHECK(fs_rel_normalise("a/../../etc/passwd") == NULL);
	CHECK(fs_is_within("/a/b/c", "/a/b"));
	CHECK(fs_is_within("/a/b", "/a/b"));
	CHECK(!fs_is_within("/a/bc", "/a/b"));
	char *abs = fs_absolute("/x/./y/../z");
	CHECK_STR(abs, "/x/z");
	free(abs);
	char *j = fs_join(".", "content");
	CHECK_STR(j, "content");
	free(j);

	buf_t e = BUF_INIT;
	buf_escape_html(&e, "a<b>&\"'", 7);
	CHECK_STR(buf_cstr(&e), "a&lt;b&gt;&amp;&quot;&#39;");
	buf_free(&e);
	return check_done("text");
}
