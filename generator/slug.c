#include "slug.h"

#include <string.h>

/* Folds a Latin-1 Supplement code point (U+00C0..U+00FF) to ASCII. */
static const char *fold_latin1(unsigned cp)
{
	static const char *const tab[64] = {
		/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
		/* C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
		/* D0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
		/* D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
		/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
		/* E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
		/* F0 */ "d", "n", "o", "o", "o", "o", "o", NULL,
		/* F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	};
	if (cp < 0xC0 || cp > 0xFF)
		return NULL;
	return tab[cp - 0xC0];
}

void slug_append(buf_t *out, const char *s, size_t n)
{
	size_t start = out->len;
	int pending_dash = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		const char *piece = NULL;
		char one[2] = {0, 0};
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				one[0] = (char)c;
				piece = one;
			} else if (c >= 'A' && c <= 'Z') {
				one[0] = (char)(c - 'A' + 'a');
				piece = one;
			}
			i++;
		} else if ((c & 0xE0) == 0xC0 && i + 1 < n) {
			unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
			piece = fold_latin1(cp);
			i += 2;
		} else {
			/* Other scripts and symbols separate words. */
			i++;
			while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
		}
		if (!piece) {
			pending_dash = 1;
			continue;
		}
		if (pending_dash && out->len > start)
			buf_putc(out, '-');
		pending_dash = 0;
		buf_puts(out, piece);
	}
	if (out->len == start)
		buf_puts(out, "avsnitt");
}
