/* Unit tests of slugs, dates and the small text helpers. */
#include <limits.h>

#include "buf.h"
#include "check.h"
#include "fsutil.h"
#include "lang.h"
#include "slug.h"
#include "utf8.h"

static void slug(const char *in, const char *want)
{
	buf_t b = BUF_INIT;
	slug_append(&b, in, strlen(in));
	CHECK_STR(buf_cstr(&b), want);
	buf_free(&b);
}

/* RFC 3629 well-formedness, one byte at a time, as Table 3-7 of the
 * Unicode standard lays it out */
static size_t utf8_check_reference(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c <= 0x7F)
			len = 1;
		else if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c == 0xE0)
			len = 3, lo = 0xA0;
		else if (c >= 0xE1 && c <= 0xEC)
			len = 3;
		else if (c == 0xED)
			len = 3, hi = 0x9F;
		else if (c >= 0xEE && c <= 0xEF)
			len = 3;
		else if (c == 0xF0)
			len = 4, lo = 0x90;
		else if (c >= 0xF1 && c <= 0xF3)
			len = 4;
		else if (c == 0xF4)
			len = 4, hi = 0x8F;
		else
			return i;
		if (i + len > n)
			return i;
		for (size_t k = 1; k < len; k++) {
			unsigned char d = s[i + k];
			if (k == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF))
				return i;
		}
		i += len;
	}
	return n;
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
	/* two-letter folds, a slug as long as its text, other scripts as
	 * separators, and a cut UTF-8 sequence at the end */
	slug("Æ-ß-Þ", "ae-ss-th");
	slug("æææææ", "aeaeaeaeae");
	slug("a\xce\xb1" "b\xe2\x80\x94" "c", "a-b-c");
	slug("slut\xc3", "slut");

	int y, m, d;
	CHECK(lang_parse_date("2016-11-24", &y, &m, &d) == 0 && y == 2016 && m == 11 && d == 24);
	CHECK(lang_parse_date("2016-02-29", &y, &m, &d) == 0);
	CHECK(lang_parse_date("2015-02-29", &y, &m, &d) != 0);
	CHECK(lang_parse_date("2016-13-01", &y, &m, &d) != 0);
	CHECK(lang_parse_date("2016-1-01", &y, &m, &d) != 0);
	CHECK(lang_parse_date("1999-12-31T23:59", &y, &m, &d) == 0 && y == 1999 && m == 12 && d == 31);
	CHECK(lang_parse_date("2000-02-29", &y, &m, &d) == 0 && y == 2000 && m == 2 && d == 29);
	CHECK(lang_parse_date("2016-00-10", &y, &m, &d) != 0);
	CHECK(lang_parse_date("2016-04-31", &y, &m, &d) != 0);
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
	/* the labels of the kinds of page are doctype.h's (test_doctype.c) */

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
	/* UTF-8: the offset of the first bad byte, or the length */
	{
		static const struct {
			const char *s;
			size_t want;
		} u[] = {
			{"", 0},
			{"plain ASCII text, longer than eight bytes", 41},
			{"Förbundet årsredovisning 2016 – € \xF0\x9F\x98\x80", 44},
			{"abcdefgh\xE4ndra", 8},          /* Latin-1 ä after a full word */
			{"ab\xC0\xAF", 2},                /* overlong '/' */
			{"ab\xE0\x80\xAF", 2},            /* overlong, three bytes */
			{"ab\xED\xA0\x80", 2},            /* a surrogate */
			{"ab\xF4\x90\x80\x80", 2},        /* past U+10FFFF */
			{"ab\xF5\x80\x80\x80", 2},
			{"ab\xC3", 2},                    /* cut short at the end */
			{"ab\xE2\x82x", 2},              /* a bad continuation */
			{"\xEF\xBF\xBD\xF0\x90\x80\x80", 7},
			/* past the sixteen-byte steps */
			{"0123456789abcdefghijklmnopqrstuvwxyz0123\xE4x", 40},
			{"0123456789abcdef\xC3\xA5" "0123456789abcdef\xC3\xA5" "0123456789\xFF", 46},
			{"0123456789abcdef0123456789abcdef\xC3\xA5\xC3\xA5", 36},
		};
		for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
			CHECK(utf8_check(u[i].s, strlen(u[i].s)) == u[i].want);
	}
	/* the same as a byte-by-byte reference on random text of ASCII,
	 * letters of two, three and four bytes, and broken sequences, around
	 * every sixteen-byte boundary */
	{
		static const char *const bits[] = {
			"a", "bcdefgh", " ", "\xC3\xA5", "\xC3\xB6", "\xC2\xA0", "\xDF\xBF",
			"\xE2\x80\x93", "\xE2\x88\x92", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80",
			"\xC3", "\xA5", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",
			"\xF4\x90\x80\x80", "\xF5", "\xFF", "\xE2\x82", "\xC3\xC3",
		};
		unsigned seed = 11;
		int same = 1;
		for (int round = 0; round < 20000 && same; round++) {
			buf_t b = BUF_INIT;
			seed = seed * 1103515245u + 12345u;
			int pieces = (int)((seed >> 16) % 40);
			int rare = 1 + (int)((seed >> 8) % 4); /* how often a broken piece may come */
			for (int k = 0; k < pieces; k++) {
				seed = seed * 1103515245u + 12345u;
				size_t nb = (seed >> 16) % 100 < (unsigned)(100 - rare * 2) ? 11 : sizeof bits / sizeof *bits;
				buf_puts(&b, bits[(seed >> 4) % nb]);
			}
			size_t want = utf8_check_reference((const unsigned char *)b.data, b.len);
			size_t got = utf8_check(b.data ? b.data : "", b.len);
			if (got != want) {
				printf("utf8_check: %zu, the reference %zu, for %zu bytes in round %d\n", got, want,
				       b.len, round);
				same = 0;
			}
			buf_free(&b);
		}
		CHECK(same);
	}
	/* HTML escaping, sixteen bytes at a time where it can: the same as a
	 * byte-by-byte reference for random text around every boundary */
	{
		static const char alphabet[] = "ab &<>\"'\xC3\xA4.";
		unsigned seed = 7;
		int same = 1;
		for (int round = 0; round < 3000 && same; round++) {
			char in[80];
			size_t n = (size_t)((seed = seed * 1103515245u + 12345u) >> 16) % sizeof in;
			for (size_t k = 0; k < n; k++) {
				seed = seed * 1103515245u + 12345u;
				/* mostly plain, so that runs cross sixteen bytes */
				in[k] = (seed >> 16) % 5 ? 'x' : alphabet[(seed >> 8) % (sizeof alphabet - 1)];
			}
			buf_t got = BUF_INIT, want = BUF_INIT;
			buf_puts(&got, "<");
			buf_puts(&want, "<");
			buf_escape_html(&got, in, n);
			for (size_t k = 0; k < n; k++) {
				switch (in[k]) {
				case '&': buf_puts(&want, "&amp;"); break;
				case '<': buf_puts(&want, "&lt;"); break;
				case '>': buf_puts(&want, "&gt;"); break;
				case '"': buf_puts(&want, "&quot;"); break;
				case '\'': buf_puts(&want, "&#39;"); break;
				default: buf_putc(&want, in[k]);
				}
			}
			same = got.len == want.len && !memcmp(got.data, want.data, got.len);
			buf_free(&got);
			buf_free(&want);
		}
		CHECK(same);
	}
	/* decimal numbers without printf */
	{
		const long v[] = {0, 7, -7, 10, 1999, -2147483648L, LONG_MAX, LONG_MIN};
		int same = 1;
		for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
			buf_t b = BUF_INIT;
			char want[32];
			snprintf(want, sizeof want, "%ld", v[k]);
			buf_put_int(&b, v[k]);
			same &= !strcmp(buf_cstr(&b), want);
			buf_free(&b);
		}
		CHECK(same);
	}
	/* code points written as UTF-8, one to four bytes */
	{
		buf_t b = BUF_INIT;
		const unsigned long cps[] = {0x41, 0xE5, 0x20AC, 0x1F600};
		for (size_t k = 0; k < 4; k++)
			utf8_put(&b, cps[k]);
		CHECK_STR(buf_cstr(&b), "A\xC3\xA5\xE2\x82\xAC\xF0\x9F\x98\x80");
		CHECK(utf8_check(b.data, b.len) == b.len);
		buf_free(&b);
	}
	return check_done("text");
}
