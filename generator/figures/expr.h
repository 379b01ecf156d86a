/*
 * expr: the small formula language of computed table columns.
 *
 *   = Utfall − Budget
 *   = [Aktuell budget helår] × 8 ÷ 12
 *   = Förbundsmedel ÷ sum(Förbundsmedel)
 *   = allocate(4417; Fördelningsnyckel)
 *
 * Column names are written as they are, or in [brackets] when they hold
 * anything but letters, digits and spaces. Operators: + − × ÷ (also + - * /)
 * and parentheses; numbers use a decimal comma (0,25) or point. sum(col) is
 * the column's total over the data rows. allocate(amount; weights) shares
 * an amount out by weights with largest-remainder rounding; it must be the
 * whole formula. Function arguments are separated by ';' (as in Swedish
 * Excel) or by ', '.
 */
#ifndef PLANPRESS_EXPR_H
#define PLANPRESS_EXPR_H

#include <stddef.h>

#include "number.h"

struct expr;

/* Column names the formula may use; find returns an index or -1. */
typedef int (*expr_find_fn)(void *ud, const char *name);

/* Parses src (without the leading '='). Returns NULL with a message in err
 * on a syntax error or an unknown column. */
struct expr *expr_parse(const char *src, expr_find_fn find, void *ud, char *err, size_t errsz);
void expr_free(struct expr *e);

/* Evaluates for one row: vals/has hold the row's values, sums the column
 * totals. Empty is not zero: when any column the formula reads is empty
 * on this row, *empty is set and nothing is computed (so [A] ÷ [B] with B
 * empty is empty, not a division by zero). Returns 0, or -1 with err set
 * (division by zero, overflow). */
int expr_eval(const struct expr *e, const num_t *vals, const unsigned char *has,
	      const num_t *sums, num_t *out, int *empty, char *err, size_t errsz);

/* The first column the formula reads, or -1. */
int expr_first_column(const struct expr *e);
/* For allocate(amount; weights): returns 1 and sets *amount (a formula
 * without row values) and *weights (a column index). */
int expr_is_allocation(const struct expr *e, const struct expr **amount, int *weights);
/* 1 if the formula is linear in the row's values (sums, differences and
 * scaling by constants), so a total row may sum its parts; 0 for ratios
 * such as Kvinnor ÷ (Kvinnor + Män), which must be computed from the
 * totals. */
int expr_is_linear(const struct expr *e);
/* Calls fn for every column the formula reads. */
void expr_columns(const struct expr *e, void (*fn)(void *ud, int col), void *ud);

/* Shares total out over n weights to `decimals` places with the
 * largest-remainder method, so the parts add up exactly to the rounded
 * total. Rows with has[i] == 0 get nothing. Returns -1 when the weights add
 * up to zero and -2 when one is negative. */
/* Each weight's share of their sum (1 = 100 %), to `decimals` places, by
 * largest remainder: the shares add up to exactly 1. Weights may be
 * negative (the shares keep their signs, and still add up to 1). Returns
 * -1 when the weights add up to zero. */
int shares_largest_remainder(const num_t *weights, const unsigned char *has, size_t n,
			     int decimals, num_t *out);
/* 1 if the formula is a share of its column's whole, [X] ÷ sum([X]); *col
 * is then X. */
int expr_is_share(const struct expr *e, int *col);
int allocate_largest_remainder(num_t total, const num_t *weights, const unsigned char *has,
			       size_t n, int decimals, num_t *out);

#endif
