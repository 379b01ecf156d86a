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
	/* Every byte of s gives at most one byte of the slug: a two-byte
	 * letter at most two, a run of others one dash before the next
	 * letter. So the room is made once, and the bytes go straight in:
	 * every heading of every page comes through here. */
	buf_grow(out, n + sizeof "avsnitt");
	char *start = out->data + out->len, *o = start;
	int pending_dash = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		char one = 0;
		const char *piece = NULL;
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				one = (char)c;
			else if (c >= 'A' && c <= 'Z')
				one = (char)(c - 'A' + 'a');
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
		if (!one && !piece) {
			pending_dash = 1;
			continue;
		}
		if (pending_dash && o > start)
			*o++ = '-';
		pending_dash = 0;
		if (one)
			*o++ = one;
		else
			while (*piece)
				*o++ = *piece++;
	}
	if (o == start) {
		memcpy(o, "avsnitt", sizeof "avsnitt" - 1);
		o += sizeof "avsnitt" - 1;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
}
