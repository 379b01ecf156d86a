/* simd_scan: each scan keeps its promise (simd_scan.h) on random text,
 * around every sixteen-byte boundary, and skips what it should. Built
 * twice by make test: with SSE2, and with -DPLANPRESS_PLAIN, where the
 * scans skip nothing. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "simd_scan.h"
#include "utf8.h"

static unsigned seed = 22;

static unsigned next(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* RFC 3629 well-formedness, one byte at a time */
static size_t utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i], lo = 0x80, hi = 0xBF;
		size_t len;
		if (c <= 0x7F) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		else
			return i;
		if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += len;
	}
	return n;
}

int main(void)
{
	/* HTML: nothing to escape is passed over, and no more */
	static const char html_bits[] = "ab &<>\"'\xC3\xA4.";
	int kept = 1;
	for (int round = 0; round < 20000 && kept; round++) {
		char s[100];
		size_t n = next() % sizeof s;
		for (size_t k = 0; k < n; k++)
			s[k] = next() % 9 ? 'x' : html_bits[next() % (sizeof html_bits - 1)];
		size_t i = n ? next() % (n + 1) : 0;
		size_t j = simd_skip_html_text(s, i, n);
		kept = j >= i && j <= n;
		for (size_t k = i; k < j && kept; k++)
			kept = !strchr("&<>\"'", s[k]);
		if (!kept)
			printf("simd_skip_html_text: %zu from %zu of %zu in round %d\n", j, i, n, round);
	}
	CHECK(kept);

	/* UTF-8: what is passed over is whole characters of well-formed
	 * UTF-8, from ASCII, letters of two, three and four bytes, and broken
	 * sequences */
	static const char *const bits[] = {
		"a", "bcdefgh", " ", "\xC3\xA5", "\xC3\xB6", "\xC2\xA0", "\xDF\xBF",
		"\xE2\x80\x93", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80",
		"\xC3", "\xA5", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF",
	};
	const size_t nbits = sizeof bits / sizeof *bits;
	kept = 1;
	for (int round = 0; round < 20000 && kept; round++) {
		buf_t b = BUF_INIT;
		int broken = next() % 3 == 0;
		for (int k = next() % 40; k > 0; k--)
			buf_puts(&b, bits[next() % (broken && next() % 8 == 0 ? nbits : 10)]);
		const char *s = buf_cstr(&b);
		/* from a character's start: the first, or one a bit further */
		size_t i = 0;
		for (size_t k = next() % 8; k > 0 && i < b.len && utf8_ok((const unsigned char *)s, b.len) > i; k--)
			do
				i++;
			while (i < b.len && ((unsigned char)s[i] & 0xC0) == 0x80);
		if (utf8_ok((const unsigned char *)s, b.len) < i)
			i = 0;
		size_t j = simd_skip_utf8(s, i, b.len);
		kept = j >= i && j <= b.len && utf8_ok((const unsigned char *)s + i, j - i) == j - i;
		/* and utf8_check, which relies on it, says what the reference says */
		kept &= utf8_check(s, b.len) == utf8_ok((const unsigned char *)s, b.len);
		if (!kept)
			printf("simd_skip_utf8: %zu from %zu of %zu in round %d\n", j, i, b.len, round);
		buf_free(&b);
	}
	CHECK(kept);

	/* with SSE2 the scans do skip: a page of Swedish text without a
	 * special character passes whole but for its last few bytes */
	const char *text = "Samordningsförbundets årsredovisning för året som gått, med "
			   "förvaltningsberättelse och måluppfyllelse";
	size_t n = strlen(text);
#if defined(__SSE2__) && !defined(PLANPRESS_PLAIN)
	CHECK(simd_skip_html_text(text, 0, n) + 16 > n);
	CHECK(simd_skip_utf8(text, 0, n) + 16 > n);
#else
	CHECK(simd_skip_html_text(text, 0, n) == 0);
	CHECK(simd_skip_utf8(text, 0, n) == 0);
#endif
	CHECK(simd_skip_html_text("a<b", 0, 3) <= 1);
	return check_done("simd_scan");
}
