#include "number.h"

#include <string.h>
#include <strings.h>

/* Bytes of a space-like character at s (ASCII space, tab, no-break,
 * narrow no-break and thin space), or 0. */
static size_t space_at(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xAF || s[2] == 0x89))
		return 3;
	return 0;
}

/* Bytes of a minus sign at s ('-', U+2212 minus, U+2013 en dash), or 0. */
static size_t minus_at(const unsigned char *s, size_t n)
{
	if (n >= 1 && s[0] == '-')
		return 1;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)
		return 3;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x93)
		return 3;
	return 0;
}

int num_unit_parse(const char *s)
{
	if (!strcasecmp(s, "kr") || !strcasecmp(s, "kronor"))
		return UNIT_KR;
	if (!strcasecmp(s, "tkr"))
		return UNIT_TKR;
	if (!strcasecmp(s, "mnkr") || !strcasecmp(s, "mkr") || !strcasecmp(s, "mnkr."))
		return UNIT_MNKR;
	if (!strcmp(s, "%"))
		return UNIT_PERCENT;
	return -1;
}

const char *num_unit_name(enum num_unit u)
{
	switch (u) {
	case UNIT_KR: return "kr";
	case UNIT_TKR: return "tkr";
	case UNIT_MNKR: return "mnkr";
	case UNIT_PERCENT: return "%";
	default: return "";
	}
}

int num_parse(const char *str, size_t n, struct num_cell *out)
{
	const unsigned char *s = (const unsigned char *)str;
	memset(out, 0, sizeof *out);
	size_t i = 0, k;
	while (i < n && (k = space_at(s + i, n - i)))
		i += k;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	/* trailing no-break spaces */
	while (n >= i + 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0)
		n -= 2;
	if (i == n) {
		out->empty = 1;
		return 0;
	}
	/* a lone dash says "nothing" on purpose */
	if ((k = minus_at(s + i, n - i)) && i + k == n) {
		out->empty = out->dash = 1;
		return 0;
	}
	int neg = 0, paren = 0;
	if ((k = minus_at(s + i, n - i))) {
		neg = 1;
		i += k;
	} else if (s[i] == '+') {
		i++;
	} else if (s[i] == '(') {
		paren = 1;
		i++;
	}
	while (i < n && (k = space_at(s + i, n - i)))
		i += k;
	int64_t ip = 0;
	int64_t frac = 0;
	int digits = 0, fdigits = 0, point = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c >= '0' && c <= '9') {
			if (point) {
				if (fdigits < 6)
					frac = frac * 10 + (c - '0');
				else if (fdigits == 6 && c >= '5')
					frac++; /* round the seventh decimal */
				fdigits++;
			} else {
				if (++digits > NUM_MAX_INT_DIGITS)
					return -1;
				ip = ip * 10 + (c - '0');
			}
			i++;
			continue;
		}
		if ((c == ',' || c == '.') && !point && digits > 0 && i + 1 < n &&
		    s[i + 1] >= '0' && s[i + 1] <= '9') {
			point = 1;
			i++;
			continue;
		}
		/* a space between digit groups: only when a digit follows */
		if (!point && digits > 0 && (k = space_at(s + i, n - i)) && i + k < n &&
		    s[i + k] >= '0' && s[i + k] <= '9') {
			i += k;
			continue;
		}
		break;
	}
	if (digits == 0)
		return -1;
	if (paren) {
		if (i >= n || s[i] != ')')
			return -1;
		neg = 1;
		i++;
	}
	/* what may follow: spaces, a unit, footnote stars */
	for (;;) {
		while (i < n && (k = space_at(s + i, n - i)))
			i += k;
		if (i >= n)
			break;
		if (s[i] == '*') {
			out->marker++;
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && !space_at(s + j, n - j) && s[j] != '*')
			j++;
		char unit[16];
		if (j - i >= sizeof unit || out->unit != UNIT_NONE)
			return -1;
		memcpy(unit, s + i, j - i);
		unit[j - i] = '\0';
		int u = num_unit_parse(unit);
		if (u < 0)
			return -1;
		out->unit = (enum num_unit)u;
		i = j;
	}
	int64_t scale = NUM_SCALE;
	for (int d = fdigits < 6 ? fdigits : 6; d > 0; d--)
		scale /= 10;
	num_t v = ip * NUM_SCALE + frac * scale;
	out->value = neg ? -v : v;
	out->decimals = fdigits;
	return 0;
}

num_t num_from_int(int64_t i)
{
	return i * NUM_SCALE;
}

static __int128 round_div(__int128 a, __int128 b)
{
	int neg = (a < 0) != (b < 0);
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	__int128 q = (a + b / 2) / b;
	return neg ? -q : q;
}

static int fits(__int128 v)
{
	return v <= NUM_MAX && v >= -NUM_MAX;
}

int num_narrow(num_wide_t w, num_t *out)
{
	if (!fits(w))
		return -2;
	*out = (num_t)w;
	return 0;
}

int num_mul(num_t a, num_t b, num_t *out)
{
	__int128 r = round_div((__int128)a * b, NUM_SCALE);
	if (!fits(r))
		return -2;
	*out = (num_t)r;
	return 0;
}

int num_div(num_t a, num_t b, num_t *out)
{
	if (b == 0)
		return -1;
	__int128 r = round_div((__int128)a * NUM_SCALE, b);
	if (!fits(r))
		return -2;
	*out = (num_t)r;
	return 0;
}

num_t num_round(num_t v, int decimals, int truncate)
{
	if (decimals >= 6)
		return v;
	int64_t unit = NUM_SCALE;
	for (int d = 0; d < decimals; d++)
		unit /= 10;
	int64_t a = v < 0 ? -v : v;
	int64_t q = truncate ? a / unit : (a + unit / 2) / unit;
	int64_t r = q * unit;
	return v < 0 ? -r : r;
}

int num_unit_steps(enum num_unit from, enum num_unit to)
{
	static const int rank[] = {0, 0, 1, 2, 0};
	if (from == UNIT_NONE || to == UNIT_NONE || from == UNIT_PERCENT || to == UNIT_PERCENT)
		return 0;
	return rank[from] - rank[to];
}

int num_scale_units(num_t v, int steps, num_t *out)
{
	for (; steps > 0; steps--)
		if (num_narrow((num_wide_t)v * 1000, &v) != 0)
			return -2;
	for (; steps < 0; steps++)
		num_div(v, num_from_int(1000), &v);
	*out = v;
	return 0;
}
