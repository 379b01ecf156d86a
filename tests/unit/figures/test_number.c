/* Unit tests of reading and writing figures: every separator, signs,
 * units, markers, zero and −0, large amounts and rounding halves. */
#include "check.h"
#include "lang.h"
#include "number.h"
#include "numfmt.h"

static num_t N(const char *s)
{
	struct num_cell c;
	if (num_parse(s, strlen(s), &c) != 0)
		return -999999999;
	return c.value;
}

static void fmt(num_t v, int dec, const char *want)
{
	buf_t b = BUF_INIT;
	numfmt(&b, lang_get("sv"), v, dec, NUMFMT_TEXT);
	CHECK_STR(buf_cstr(&b), want);
	buf_free(&b);
}

int main(void)
{
	const num_t K = NUM_SCALE;
	CHECK(N("1994") == 1994 * K);
	CHECK(N("-1994") == -1994 * K);
	CHECK(N("\xE2\x88\x92" "1 994") == -1994 * K);          /* U+2212 */
	CHECK(N("\xE2\x80\x93" "1 994") == -1994 * K);          /* en dash */
	CHECK(N("1\xC2\xA0" "794\xC2\xA0" "000 kr") == 1794000 * K); /* no-break spaces */
	CHECK(N("1\xE2\x80\xAF" "794") == 1794 * K);            /* narrow no-break */
	CHECK(N("1 794 000 kr") == 1794000 * K);
	CHECK(N("3 817,5") == 3817 * K + K / 2);
	CHECK(N("3817.5") == 3817 * K + K / 2);
	CHECK(N("12 %") == 12 * K);
	CHECK(N("(1 994)") == -1994 * K);
	CHECK(N("17 668*") == 17668 * K);
	CHECK(N("0") == 0);
	CHECK(N("-0") == 0);
	CHECK(N("0,000001") == 1);
	CHECK(N("999 999 999 999") == 999999999999LL * K);
	CHECK(N("1 2") == 12 * K);
	CHECK(N("12 3456") == 123456 * K);

	struct num_cell c;
	CHECK(num_parse("17 668*", 7, &c) == 0 && c.marker);
	CHECK(num_parse("1 794 000 kr", 12, &c) == 0 && c.unit == UNIT_KR);
	CHECK(num_parse("2 398 tkr", 9, &c) == 0 && c.unit == UNIT_TKR);
	CHECK(num_parse("12 %", 4, &c) == 0 && c.unit == UNIT_PERCENT);
	CHECK(num_parse("3 817,5", 7, &c) == 0 && c.decimals == 1);
	CHECK(num_parse("  ", 2, &c) == 0 && c.empty);
	CHECK(num_parse("", 0, &c) == 0 && c.empty);
	CHECK(num_parse("abc", 3, &c) != 0);
	CHECK(num_parse("12 äpplen", 10, &c) != 0);
	CHECK(num_parse("1,2,3", 5, &c) != 0);
	CHECK(num_parse("--5", 3, &c) != 0);
	CHECK(num_parse("1 000 000 000 000 000", 21, &c) != 0); /* too large */
	CHECK(num_parse("12 kr kr", 8, &c) != 0);
	CHECK(num_parse("(12", 3, &c) != 0);

	fmt(-1994 * K, 0, "\xE2\x88\x92" "1 994");
	fmt(17668 * K, 0, "17 668");
	fmt(3817 * K + K / 2, 1, "3 817,5");
	fmt(1794000 * K, 0, "1 794 000");
	fmt(999999999999LL * K, 0, "999 999 999 999");
	fmt(0, 0, "0");
	fmt(-1, 0, "0");               /* −0,000001 rounds to zero: no sign */
	fmt(-K / 2, 0, "\xE2\x88\x92" "1"); /* halves go away from zero */
	fmt(K / 2, 0, "1");
	fmt(K * 5 / 2, 0, "3");
	fmt(-K * 5 / 2, 0, "\xE2\x88\x92" "3");
	fmt(1234 * K + K / 20, 1, "1 234,1"); /* 1234,05 -> 1234,1 */
	fmt(100 * K, 2, "100,00");
	fmt(999 * K, 0, "999");
	fmt(1000 * K, 0, "1 000");

	buf_t b = BUF_INIT;
	numfmt(&b, lang_get("sv"), 1994 * K, 0, NUMFMT_HTML);
	CHECK_STR(buf_cstr(&b), "1\xC2\xA0" "994");
	buf_reset(&b);
	numfmt(&b, lang_get("sv"), -1994 * K - K / 2, 1, NUMFMT_EXCEL);
	CHECK_STR(buf_cstr(&b), "-1994,5");
	buf_reset(&b);
	numfmt_percent(&b, lang_get("sv"), K * 72 / 100, 0, NUMFMT_HTML);
	CHECK_STR(buf_cstr(&b), "72\xC2\xA0%");
	buf_reset(&b);
	numfmt(&b, lang_get("en"), -1994 * K, 1, NUMFMT_TEXT);
	CHECK_STR(buf_cstr(&b), "\xE2\x88\x92" "1,994.0");
	buf_free(&b);

	num_t r;
	CHECK(num_div(8 * K, 12 * K, &r) == 0 && r == 666667);
	CHECK(num_div(K, 0, &r) == -1);
	CHECK(num_mul(-325 * K, 666667, &r) == 0 && num_round(r, 0, 1) == -216 * K);
	CHECK(num_round(-216 * K - K * 67 / 100, 0, 1) == -216 * K);
	CHECK(num_round(-216 * K - K * 67 / 100, 0, 0) == -217 * K);
	CHECK(num_mul(INT64_MAX / 2, 4 * K, &r) == -2);
	CHECK(num_scale_units(1794000 * K, num_unit_steps(UNIT_KR, UNIT_TKR), &r) == 0 && r == 1794 * K);
	CHECK(num_scale_units(2 * K, num_unit_steps(UNIT_MNKR, UNIT_TKR), &r) == 0 && r == 2000 * K);
	/* 999 999 999 999 tkr is more kronor than a figure holds */
	CHECK(num_scale_units(NUM_MAX - K, num_unit_steps(UNIT_TKR, UNIT_KR), &r) == -2);
	CHECK(num_scale_units(NUM_MAX / 1000, num_unit_steps(UNIT_TKR, UNIT_KR), &r) == 0 && r == NUM_MAX);
	/* the largest figure a cell can hold is within NUM_MAX, and so are
	 * rounding it and adding it to itself, checked */
	CHECK(num_parse("999 999 999 999,9999999", 23, &c) == 0 && c.value == NUM_MAX);
	CHECK(num_round(NUM_MAX, 0, 0) == NUM_MAX && num_round(-NUM_MAX, 2, 0) == -NUM_MAX);
	CHECK(num_narrow((num_wide_t)NUM_MAX + NUM_MAX, &r) == -2);
	CHECK(num_narrow((num_wide_t)NUM_MAX - 1 + 1, &r) == 0 && r == NUM_MAX);
	CHECK(num_narrow(-(num_wide_t)NUM_MAX - 1, &r) == -2);
	CHECK(num_mul(NUM_MAX, 2 * K, &r) == -2 && num_div(NUM_MAX, K / 2, &r) == -2);
	return check_done("number");
}
