#include "numfmt.h"

#include <string.h>

void numfmt(buf_t *out, const struct lang *l, num_t v, int decimals, enum numfmt_style style)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	num_t r = num_round(v, decimals, 0);
	uint64_t a = r < 0 ? (uint64_t)(-(r + 1)) + 1 : (uint64_t)r;
	uint64_t ip = a / NUM_SCALE, fp = a % NUM_SCALE;
	int sv = !l || !strcmp(l->code, "sv");
	if (r < 0)
		buf_puts(out, style == NUMFMT_EXCEL ? "-" : "\xE2\x88\x92");
	/* digits by hand: snprintf dominated the cost of big tables */
	char digits[24];
	int n = 0;
	char rev[24];
	do {
		rev[n++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	for (int i = 0; i < n; i++)
		digits[i] = rev[n - 1 - i];
	const char *group = style == NUMFMT_HTML ? (sv ? "\xC2\xA0" : ",")
			  : style == NUMFMT_TEXT ? (sv ? " " : ",") : "";
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_puts(out, group);
		buf_putc(out, digits[i]);
	}
	if (decimals > 0) {
		buf_putc(out, sv || style == NUMFMT_EXCEL ? ',' : '.');
		char f[6];
		for (int i = 5; i >= 0; i--, fp /= 10)
			f[i] = (char)('0' + fp % 10);
		buf_put(out, f, (size_t)decimals);
	}
}

void numfmt_percent(buf_t *out, const struct lang *l, num_t v, int decimals, enum numfmt_style style)
{
	num_t pct;
	if (num_mul(v, num_from_int(100), &pct) != 0)
		pct = v;
	numfmt(out, l, pct, decimals, style);
	if (style == NUMFMT_EXCEL)
		buf_puts(out, "%");
	else
		buf_puts(out, style == NUMFMT_HTML ? "\xC2\xA0%" : " %");
}
