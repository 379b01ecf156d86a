/*
 * number: reading figures as Excel writes them, and exact arithmetic on
 * them.
 *
 * A num_t is a fixed-point value in millionths, so sums of amounts are
 * exact (no binary fractions) and 1 794 000 kr or 3 817,5 tkr are held
 * without error. Multiplication and division round half away from zero at
 * the sixth decimal. How figures are written back out is language
 * dependent and lives in numfmt.
 */
#ifndef PLANPRESS_NUMBER_H
#define PLANPRESS_NUMBER_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t num_t;

#define NUM_SCALE 1000000LL
#define NUM_MAX_INT_DIGITS 12 /* up to 999 999 999 999 */
/* The largest magnitude a figure may have: 10^12 whole units. Every value
 * num_parse and the checked operations below hand out stays within it, so
 * adding two of them, negating or rounding one cannot overflow. */
#define NUM_MAX (NUM_SCALE * 1000000000000LL)

/* Sums over many rows are kept wider and checked once, at the end. */
typedef __int128 num_wide_t;

enum num_unit { UNIT_NONE, UNIT_KR, UNIT_TKR, UNIT_MNKR, UNIT_PERCENT };

struct num_cell {
	num_t value;
	int decimals;       /* digits after the decimal sign in the cell */
	enum num_unit unit; /* a unit written in the cell, or UNIT_NONE */
	int marker;         /* footnote stars at the end of the cell ("17 668*") */
	int empty;          /* the cell holds nothing (or only spaces) */
	int dash;           /* the cell holds only "–" or "-": nothing, on purpose */
};

/*
 * Reads "1 794 000 kr", "−1 994", "-1994", "3 817,5", "12 %", "17 668*",
 * "(1 994)", with plain, no-break or narrow no-break spaces between digit
 * groups. Returns 0, or -1 when the text is not a number.
 */
int num_parse(const char *s, size_t n, struct num_cell *out);

num_t num_from_int(int64_t i);
/* a × b and a ÷ b; num_div returns -1 for division by zero. These and
 * num_narrow return -2 when the result is larger than NUM_MAX. */
int num_mul(num_t a, num_t b, num_t *out);
int num_div(num_t a, num_t b, num_t *out);
int num_narrow(num_wide_t w, num_t *out);
/* Rounds to `decimals` places, half away from zero, or truncates toward
 * zero. v must be within NUM_MAX (and so is the result). */
num_t num_round(num_t v, int decimals, int truncate);
/* Multiplies by 1000^steps (steps may be negative: kr -> tkr is -1);
 * -2 when the result is larger than NUM_MAX. */
int num_scale_units(num_t v, int steps, num_t *out);
/* The number of thousands between two units: kr -> tkr is -1. */
int num_unit_steps(enum num_unit from, enum num_unit to);
const char *num_unit_name(enum num_unit u);
/* "kr", "tkr", "mnkr", "%" -> unit; -1 if not a unit. */
int num_unit_parse(const char *s);

#endif
