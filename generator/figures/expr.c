#include "expr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"

enum op { E_NUM, E_COL, E_NEG, E_ADD, E_SUB, E_MUL, E_DIV, E_SUM, E_ALLOC };

struct expr {
	enum op op;
	num_t num;
	int col;
	struct expr *a, *b;
};

struct parser {
	const char *s;
	size_t pos;
	expr_find_fn find;
	void *ud;
	char *err;
	size_t errsz;
	int failed;
	int depth;
};

static struct expr *node(enum op op, struct expr *a, struct expr *b)
{
	struct expr *e = xcalloc(1, sizeof *e);
	e->op = op;
	e->a = a;
	e->b = b;
	e->col = -1;
	return e;
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	expr_free(e->a);
	expr_free(e->b);
	free(e);
}

/* fmt is a message, looked up like diag()'s (`make po` knows fail) */
static void fail(struct parser *p, const char *fmt, const char *arg)
{
	if (!p->failed)
		snprintf(p->err, p->errsz, gettext(fmt), arg);
	p->failed = 1;
}

static void skip_ws(struct parser *p)
{
	for (;;) {
		unsigned char c = (unsigned char)p->s[p->pos];
		if (c == ' ' || c == '\t')
			p->pos++;
		else if (c == 0xC2 && (unsigned char)p->s[p->pos + 1] == 0xA0)
			p->pos += 2;
		else
			break;
	}
}

/* Operator characters, ASCII or typographic. Returns the byte length. */
static size_t op_at(const char *s, char *which)
{
	switch (s[0]) {
	case '+': *which = '+'; return 1;
	case '-': *which = '-'; return 1;
	case '*': *which = '*'; return 1;
	case '/': *which = '/'; return 1;
	}
	if (!strncmp(s, "\xE2\x88\x92", 3)) { *which = '-'; return 3; } /* − */
	if (!strncmp(s, "\xE2\x80\x93", 3)) { *which = '-'; return 3; } /* – */
	if (!strncmp(s, "\xC3\x97", 2)) { *which = '*'; return 2; }     /* × */
	if (!strncmp(s, "\xC3\xB7", 2)) { *which = '/'; return 2; }     /* ÷ */
	if (!strncmp(s, "\xE2\x8B\x85", 3)) { *which = '*'; return 3; } /* ⋅ */
	return 0;
}

static int is_arg_sep(const struct parser *p)
{
	char c = p->s[p->pos];
	if (c == ';')
		return 1;
	/* ", " separates arguments; "0,25" is a number */
	return c == ',' && (p->s[p->pos + 1] == ' ' || !(p->s[p->pos + 1] >= '0' && p->s[p->pos + 1] <= '9'));
}

static struct expr *parse_sum(struct parser *p);

static int column(struct parser *p, const char *name)
{
	int c = p->find(p->ud, name);
	if (c < 0)
		fail(p, N_("no column named '%s'"), name);
	return c;
}

/* A bare name: everything up to an operator, bracket, parenthesis or
 * argument separator, trimmed. */
static char *bare_name(struct parser *p)
{
	size_t start = p->pos;
	for (;;) {
		char c = p->s[p->pos], w;
		if (!c || c == '(' || c == ')' || c == '[' || c == ']' || c == ';' ||
		    (c == ',' && is_arg_sep(p)) || op_at(p->s + p->pos, &w))
			break;
		p->pos++;
	}
	size_t end = p->pos;
	while (end > start && (p->s[end - 1] == ' ' || p->s[end - 1] == '\t'))
		end--;
	return xstrndup(p->s + start, end - start);
}

static int parse_number_text(const char *s, num_t *out)
{
	struct num_cell c;
	if (num_parse(s, strlen(s), &c) != 0 || c.empty || c.unit != UNIT_NONE)
		return -1;
	*out = c.value;
	return 0;
}

static struct expr *parse_primary(struct parser *p)
{
	skip_ws(p);
	char c = p->s[p->pos];
	if (c == '(') {
		p->pos++;
		struct expr *e = parse_sum(p);
		skip_ws(p);
		if (p->s[p->pos] != ')') {
			fail(p, N_("expected ')'%s"), "");
			expr_free(e);
			return NULL;
		}
		p->pos++;
		return e;
	}
	if (c == '[') {
		const char *close = strchr(p->s + p->pos, ']');
		if (!close) {
			fail(p, N_("expected ']' after the column name%s"), "");
			return NULL;
		}
		char *name = xstrndup(p->s + p->pos + 1, (size_t)(close - (p->s + p->pos + 1)));
		p->pos = (size_t)(close - p->s) + 1;
		struct expr *e = node(E_COL, NULL, NULL);
		e->col = column(p, name);
		free(name);
		return e;
	}
	if (!c || c == ')' || c == ']') {
		fail(p, N_("expected a number or a column name%s"), "");
		return NULL;
	}
	char *name = bare_name(p);
	if (!*name) {
		fail(p, N_("expected a number or a column name%s"), "");
		free(name);
		return NULL;
	}
	skip_ws(p);
	if (p->s[p->pos] == '(' && (!strcmp(name, "sum") || !strcmp(name, "summa") ||
				    !strcmp(name, "allocate") || !strcmp(name, "fördela"))) {
		int alloc = name[0] == 'a' || name[0] == 'f';
		free(name);
		p->pos++;
		struct expr *e;
		if (alloc) {
			struct expr *amount = parse_sum(p);
			skip_ws(p);
			if (!is_arg_sep(p)) {
				fail(p, N_("allocate needs two arguments: allocate(amount; weight column)%s"), "");
				expr_free(amount);
				return NULL;
			}
			p->pos++;
			skip_ws(p);
			struct expr *w = parse_primary(p);
			if (w && w->op != E_COL) {
				fail(p, N_("the second argument of allocate must be a column%s"), "");
				expr_free(amount);
				expr_free(w);
				return NULL;
			}
			e = node(E_ALLOC, amount, NULL);
			e->col = w ? w->col : -1;
			expr_free(w);
		} else {
			struct expr *col = parse_primary(p);
			if (col && col->op != E_COL) {
				fail(p, N_("sum() takes a column%s"), "");
				expr_free(col);
				return NULL;
			}
			e = node(E_SUM, NULL, NULL);
			e->col = col ? col->col : -1;
			expr_free(col);
		}
		skip_ws(p);
		if (p->s[p->pos] != ')') {
			fail(p, N_("expected ')'%s"), "");
			expr_free(e);
			return NULL;
		}
		p->pos++;
		return e;
	}
	/* a number unless a column has that name ("2017 − 2016") */
	num_t v;
	int col = p->find(p->ud, name);
	struct expr *e;
	if (col < 0 && parse_number_text(name, &v) == 0) {
		e = node(E_NUM, NULL, NULL);
		e->num = v;
	} else {
		e = node(E_COL, NULL, NULL);
		e->col = column(p, name);
	}
	free(name);
	return e;
}

static struct expr *parse_unary(struct parser *p)
{
	skip_ws(p);
	char w;
	size_t k = op_at(p->s + p->pos, &w);
	if (k && w == '-') {
		p->pos += k;
		if (++p->depth > 64) {
			fail(p, N_("the formula is nested too deeply%s"), "");
			return NULL;
		}
		struct expr *a = parse_unary(p);
		p->depth--;
		return a ? node(E_NEG, a, NULL) : NULL;
	}
	return parse_primary(p);
}

static struct expr *parse_product(struct parser *p)
{
	struct expr *e = parse_unary(p);
	while (e && !p->failed) {
		skip_ws(p);
		char w;
		size_t k = op_at(p->s + p->pos, &w);
		if (!k || (w != '*' && w != '/'))
			break;
		p->pos += k;
		struct expr *b = parse_unary(p);
		if (!b) {
			expr_free(e);
			return NULL;
		}
		e = node(w == '*' ? E_MUL : E_DIV, e, b);
	}
	return e;
}

static struct expr *parse_sum(struct parser *p)
{
	if (++p->depth > 64) {
		fail(p, N_("the formula is nested too deeply%s"), "");
		return NULL;
	}
	struct expr *e = parse_product(p);
	while (e && !p->failed) {
		skip_ws(p);
		char w;
		size_t k = op_at(p->s + p->pos, &w);
		if (!k || (w != '+' && w != '-'))
			break;
		p->pos += k;
		struct expr *b = parse_product(p);
		if (!b) {
			expr_free(e);
			return NULL;
		}
		e = node(w == '+' ? E_ADD : E_SUB, e, b);
	}
	p->depth--;
	return e;
}

static int contains_alloc(const struct expr *e)
{
	return e && (e->op == E_ALLOC || contains_alloc(e->a) || contains_alloc(e->b));
}

static int reads_rows(const struct expr *e)
{
	return e && (e->op == E_COL || reads_rows(e->a) || reads_rows(e->b));
}

struct expr *expr_parse(const char *src, expr_find_fn find, void *ud, char *err, size_t errsz)
{
	struct parser p = {src, 0, find, ud, err, errsz, 0, 0};
	err[0] = '\0';
	struct expr *e = parse_sum(&p);
	skip_ws(&p);
	if (!p.failed && p.s[p.pos])
		fail(&p, N_("unexpected '%s' in the formula"), p.s + p.pos);
	if (!p.failed && e && e->op != E_ALLOC && contains_alloc(e))
		fail(&p, N_("allocate(...) must be the whole formula%s"), "");
	if (!p.failed && e && e->op == E_ALLOC && reads_rows(e->a))
		fail(&p, N_("the amount to allocate cannot depend on the row (use a number or sum(column))%s"), "");
	if (p.failed || !e) {
		expr_free(e);
		if (!err[0])
			snprintf(err, errsz, "%s", _("invalid formula"));
		return NULL;
	}
	return e;
}

static int eval(const struct expr *e, const num_t *vals, const unsigned char *has,
		const num_t *sums, num_t *out, int *seen, char *err, size_t errsz)
{
	num_t a = 0, b = 0;
	int rc;
	switch (e->op) {
	case E_NUM:
		*out = e->num;
		return 0;
	case E_COL:
		if (has[e->col])
			*seen = 1;
		*out = has[e->col] ? vals[e->col] : 0;
		return 0;
	case E_SUM:
		*out = sums[e->col];
		return 0;
	case E_ALLOC:
		snprintf(err, errsz, "%s", _("allocate(...) is computed for the whole column"));
		return -1;
	case E_NEG:
		if ((rc = eval(e->a, vals, has, sums, &a, seen, err, errsz)))
			return rc;
		*out = -a;
		return 0;
	default:
		break;
	}
	if ((rc = eval(e->a, vals, has, sums, &a, seen, err, errsz)) ||
	    (rc = eval(e->b, vals, has, sums, &b, seen, err, errsz)))
		return rc;
	switch (e->op) {
	case E_ADD:
	case E_SUB:
	case E_MUL:
		rc = e->op == E_ADD ? num_narrow((num_wide_t)a + b, out)
			: e->op == E_SUB ? num_narrow((num_wide_t)a - b, out) : num_mul(a, b, out);
		if (rc != 0) {
			snprintf(err, errsz, "%s", _("the result is too large"));
			return -1;
		}
		return 0;
	case E_DIV:
		rc = num_div(a, b, out);
		if (rc == -1)
			snprintf(err, errsz, "%s", _("division by zero"));
		else if (rc)
			snprintf(err, errsz, "%s", _("the result is too large"));
		return rc ? -1 : 0;
	default:
		return -1;
	}
}

/* 1 if a column the formula reads is empty on the row */
static int reads_empty(const struct expr *e, const unsigned char *has)
{
	if (!e)
		return 0;
	if (e->op == E_COL)
		return !has[e->col];
	return reads_empty(e->a, has) || reads_empty(e->b, has);
}

int expr_eval(const struct expr *e, const num_t *vals, const unsigned char *has,
	      const num_t *sums, num_t *out, int *empty, char *err, size_t errsz)
{
	int seen = 0;
	*out = 0;
	*empty = reads_empty(e, has);
	if (*empty)
		return 0;
	return eval(e, vals, has, sums, out, &seen, err, errsz);
}

int expr_is_linear(const struct expr *e)
{
	if (!e)
		return 1;
	if (e->op == E_MUL && reads_rows(e->a) && reads_rows(e->b))
		return 0;
	if (e->op == E_DIV && reads_rows(e->b))
		return 0;
	return expr_is_linear(e->a) && expr_is_linear(e->b);
}

int expr_first_column(const struct expr *e)
{
	if (!e)
		return -1;
	if (e->op == E_COL || e->op == E_SUM)
		return e->col;
	if (e->op == E_ALLOC)
		return e->col;
	int c = expr_first_column(e->a);
	return c >= 0 ? c : expr_first_column(e->b);
}

int expr_is_allocation(const struct expr *e, const struct expr **amount, int *weights)
{
	if (e->op != E_ALLOC)
		return 0;
	*amount = e->a;
	*weights = e->col;
	return 1;
}

void expr_columns(const struct expr *e, void (*fn)(void *ud, int col), void *ud)
{
	if (!e)
		return;
	if (e->op == E_COL || e->op == E_SUM || e->op == E_ALLOC)
		fn(ud, e->col);
	expr_columns(e->a, fn, ud);
	expr_columns(e->b, fn, ud);
}

/* qsort has no context argument; pages are processed on several threads */
static _Thread_local const __int128 *sort_rem;

static int by_remainder(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (sort_rem[i] != sort_rem[j])
		return sort_rem[i] > sort_rem[j] ? -1 : 1;
	return i < j ? -1 : i > j;
}

static int allocate(num_t total, const num_t *weights, const unsigned char *has, size_t n,
		    int decimals, num_t *out, int signed_weights)
{
	int64_t unit = NUM_SCALE;
	for (int d = 0; d < decimals && d < 6; d++)
		unit /= 10;
	__int128 wsum = 0;
	for (size_t i = 0; i < n; i++)
		if (has[i]) {
			if (weights[i] < 0 && !signed_weights)
				return -2;
			wsum += weights[i];
		}
	if (wsum == 0)
		return -1;
	/* weights that add up to less than nothing share out as their
	 * opposites do: the shares keep their signs */
	int flip = wsum < 0;
	if (flip)
		wsum = -wsum;
	int neg = total < 0;
	num_t t = num_round(neg ? -total : total, decimals, 0);
	int64_t units = t / unit;
	/* floor of each exact share, in units; remember the remainders */
	__int128 *rem = xcalloc(n ? n : 1, sizeof *rem);
	int64_t given = 0;
	for (size_t i = 0; i < n; i++) {
		out[i] = 0;
		if (!has[i])
			continue;
		__int128 num = (__int128)units * (flip ? -(__int128)weights[i] : weights[i]);
		__int128 q = num / wsum, r = num % wsum;
		if (r < 0) {
			q -= 1;
			r += wsum;
		}
		out[i] = (num_t)q;
		rem[i] = r;
		given += (int64_t)q;
	}
	/* hand out what is left, one unit each, largest remainder first
	 * (earlier rows first among equals) */
	size_t *order = xmalloc((n ? n : 1) * sizeof *order), m = 0;
	for (size_t i = 0; i < n; i++)
		if (has[i])
			order[m++] = i;
	sort_rem = rem;
	qsort(order, m, sizeof *order, by_remainder);
	for (int64_t left = units - given, k = 0; left > 0 && (size_t)k < m; left--, k++)
		out[order[k]] += 1;
	free(order);
	for (size_t i = 0; i < n; i++) {
		out[i] *= unit;
		if (neg)
			out[i] = -out[i];
	}
	free(rem);
	return 0;
}

int allocate_largest_remainder(num_t total, const num_t *weights, const unsigned char *has,
			       size_t n, int decimals, num_t *out)
{
	return allocate(total, weights, has, n, decimals, out, 0);
}

int shares_largest_remainder(const num_t *weights, const unsigned char *has, size_t n,
			     int decimals, num_t *out)
{
	return allocate(NUM_SCALE, weights, has, n, decimals, out, 1);
}

int expr_is_share(const struct expr *e, int *col)
{
	if (!e || e->op != E_DIV || !e->a || !e->b || e->a->op != E_COL || e->b->op != E_SUM ||
	    e->a->col != e->b->col)
		return 0;
	*col = e->a->col;
	return 1;
}
