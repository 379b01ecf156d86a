/* Unit tests of formulas (precedence, names, division by zero) and of
 * largest-remainder allocation. */
#include "check.h"
#include "expr.h"

static const char *names[] = {"Utfall", "Budget helår", "2016", "2017", "Förbundsmedel, tkr", NULL};

static int find(void *ud, const char *name)
{
	(void)ud;
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

static num_t eval(const char *src, const num_t *vals, int *rc)
{
	char err[128];
	struct expr *e = expr_parse(src, find, NULL, err, sizeof err);
	if (!e) {
		*rc = -2;
		return 0;
	}
	unsigned char has[5] = {1, 1, 1, 1, 1};
	num_t sums[5] = {0, 0, 0, 0, 1000 * NUM_SCALE};
	num_t out;
	int empty;
	*rc = expr_eval(e, vals, has, sums, &out, &empty, err, sizeof err);
	expr_free(e);
	return out;
}

int main(void)
{
	const num_t K = NUM_SCALE;
	num_t v[5] = {-218 * K, -325 * K, 2016 * K, 2100 * K, 250 * K};
	int rc;
	CHECK(eval("1 + 2 × 3", v, &rc) == 7 * K && rc == 0);
	CHECK(eval("(1 + 2) * 3", v, &rc) == 9 * K && rc == 0);
	CHECK(eval("10 − 4 − 3", v, &rc) == 3 * K);            /* left to right */
	CHECK(eval("12 ÷ 4 ÷ 3", v, &rc) == 1 * K);
	CHECK(eval("-2 × -3", v, &rc) == 6 * K);
	CHECK(eval("0,25 × 100", v, &rc) == 25 * K);
	CHECK(eval("Utfall - [Budget helår]", v, &rc) == 107 * K);
	CHECK(eval("Budget helår × 8 ÷ 12", v, &rc) == -216666667); /* -216,666667 */
	CHECK(eval("2017 − 2016", v, &rc) == 84 * K);           /* column names, not numbers */
	CHECK(eval("[Förbundsmedel, tkr] ÷ sum([Förbundsmedel, tkr])", v, &rc) == K / 4);
	eval("Utfall ÷ (2016 − 2016)", v, &rc);
	CHECK(rc == -1);                                       /* division by zero */
	/* sums and differences past the largest figure are errors, not
	 * wrapped numbers (the fuzzer found 1e18 − (−1e18)) */
	CHECK(eval("999 999 999 999 + 2", v, &rc) == 0 && rc == -1);
	CHECK(eval("-999 999 999 999 - 999 999 999 999", v, &rc) == 0 && rc == -1);
	CHECK(eval("999 999 999 999 - 1", v, &rc) == 999999999998 * K && rc == 0);

	/* empty is not zero: any empty input makes an empty result */
	{
		char err[128];
		unsigned char some[5] = {1, 0, 1, 1, 1};
		num_t sums[5] = {0};
		num_t out = 7;
		int empty = 0;
		struct expr *e = expr_parse("Utfall - [Budget helår]", find, NULL, err, sizeof err);
		CHECK(e && expr_eval(e, v, some, sums, &out, &empty, err, sizeof err) == 0 && empty);
		expr_free(e);
		e = expr_parse("Utfall ÷ [Budget helår]", find, NULL, err, sizeof err);
		CHECK(e && expr_eval(e, v, some, sums, &out, &empty, err, sizeof err) == 0 && empty);
		expr_free(e);
		e = expr_parse("Utfall × 2", find, NULL, err, sizeof err);
		CHECK(e && expr_eval(e, v, some, sums, &out, &empty, err, sizeof err) == 0 && !empty &&
		      out == -436 * K);
		expr_free(e);
	}

	char err[128];
	CHECK(expr_parse("Okänd + 1", find, NULL, err, sizeof err) == NULL);
	CHECK_STR(err, "no column named 'Okänd'");
	CHECK(expr_parse("(1 + 2", find, NULL, err, sizeof err) == NULL);
	CHECK(expr_parse("1 +", find, NULL, err, sizeof err) == NULL);
	CHECK(expr_parse("1 + allocate(5; Utfall)", find, NULL, err, sizeof err) == NULL);
	CHECK(expr_parse("allocate(Utfall; Utfall)", find, NULL, err, sizeof err) == NULL);
	struct expr *e = expr_parse("allocate(4417; Utfall)", find, NULL, err, sizeof err);
	const struct expr *amount;
	int w;
	CHECK(e && expr_is_allocation(e, &amount, &w) && w == 0);
	expr_free(e);

	/* the kommun shares of the 2016 funding plan: the printed parts add
	 * up to 4 418; shared out again they add up to 4 417 */
	num_t wts[8] = {178 * K, 2201 * K, 191 * K, 693 * K, 212 * K, 237 * K, 478 * K, 228 * K};
	unsigned char has[8] = {1, 1, 1, 1, 1, 1, 1, 1};
	num_t out[8];
	CHECK(allocate_largest_remainder(4417 * K, wts, has, 8, 0, out) == 0);
	num_t sum = 0;
	for (int i = 0; i < 8; i++)
		sum += out[i];
	CHECK(sum == 4417 * K);
	CHECK(out[1] == 2200 * K && out[0] == 178 * K && out[3] == 693 * K);
	CHECK(allocate_largest_remainder(3817 * K + K / 2, wts, has, 8, 1, out) == 0);
	sum = 0;
	for (int i = 0; i < 8; i++)
		sum += out[i];
	CHECK(sum == 3817 * K + K / 2);
	/* equal weights: the remainder goes to the earlier rows */
	num_t eq[3] = {K, K, K};
	CHECK(allocate_largest_remainder(10 * K, eq, has, 3, 0, out) == 0);
	CHECK(out[0] == 4 * K && out[1] == 3 * K && out[2] == 3 * K);
	/* negative amounts share out the same way */
	CHECK(allocate_largest_remainder(-10 * K, eq, has, 3, 0, out) == 0);
	CHECK(out[0] == -4 * K && out[1] + out[2] == -6 * K);
	num_t zero[2] = {0, 0};
	CHECK(allocate_largest_remainder(10 * K, zero, has, 2, 0, out) == -1);
	/* a negative weight would hand out shares larger than the amount */
	num_t mixed[2] = {NUM_MAX, -NUM_MAX + 1};
	CHECK(allocate_largest_remainder(10 * K, mixed, has, 2, 0, out) == -2);
	/* shares by largest remainder: 13,4 + 72,4 + 12,4 + 0,9 + 0,9 shown
	 * to whole percent add up to 100, ties going to the earlier row */
	{
		num_t w[5] = {134 * K, 724 * K, 124 * K, 9 * K, 9 * K}, sh[5];
		unsigned char all[5] = {1, 1, 1, 1, 1};
		CHECK(shares_largest_remainder(w, all, 5, 2, sh) == 0);
		CHECK(sh[0] == K * 14 / 100 && sh[1] == K * 72 / 100 && sh[2] == K * 12 / 100 &&
		      sh[3] == K / 100 && sh[4] == K / 100);
		/* three equal parts: 33,4 + 33,3 + 33,3 to one decimal */
		num_t eq[3] = {K, K, K}, s3[3];
		CHECK(shares_largest_remainder(eq, all, 3, 3, s3) == 0);
		CHECK(s3[0] == 334000 && s3[1] == 333000 && s3[2] == 333000);
		/* negative parts keep their signs and the shares still add up */
		num_t mixed[3] = {150 * K, -30 * K, 80 * K}, sm[3];
		CHECK(shares_largest_remainder(mixed, all, 3, 2, sm) == 0);
		CHECK(sm[0] + sm[1] + sm[2] == K && sm[1] < 0);
		/* a whole below zero: shares of a loss */
		num_t loss[2] = {-300 * K, -100 * K}, sl[2];
		CHECK(shares_largest_remainder(loss, all, 2, 2, sl) == 0);
		CHECK(sl[0] == K * 75 / 100 && sl[1] == K * 25 / 100);
		/* rows without a figure get no share; nothing to share is -1 */
		unsigned char some[3] = {1, 0, 1};
		CHECK(shares_largest_remainder(mixed, some, 3, 2, sm) == 0 && sm[1] == 0 &&
		      sm[0] + sm[2] == K);
		num_t zero[2] = {5 * K, -5 * K};
		CHECK(shares_largest_remainder(zero, all, 2, 2, sl) == -1);
	}
	return check_done("expr");
}
