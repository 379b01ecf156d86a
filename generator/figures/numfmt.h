/*
 * numfmt: writing figures the way the site's language writes them.
 * Swedish: digit groups separated by a no-break space, a decimal comma and
 * a real minus sign (U+2212): "−1 994", "3 817,5", "12 %". Zero is never
 * written with a sign. English follows later through struct lang.
 */
#ifndef PLANPRESS_NUMFMT_H
#define PLANPRESS_NUMFMT_H

#include "buf.h"
#include "lang.h"
#include "number.h"

enum numfmt_style {
	NUMFMT_HTML,   /* no-break spaces, minus sign: for pages */
	NUMFMT_TEXT,   /* plain spaces, minus sign: for messages */
	NUMFMT_EXCEL,  /* no grouping, ASCII minus, decimal comma: for CSV downloads */
};

/* Appends v rounded (half away from zero) to `decimals` places. */
void numfmt(buf_t *out, const struct lang *l, num_t v, int decimals, enum numfmt_style style);
/* Appends v (a ratio: 0,12 is 12 %) as a percentage with its sign. */
void numfmt_percent(buf_t *out, const struct lang *l, num_t v, int decimals, enum numfmt_style style);

#endif
