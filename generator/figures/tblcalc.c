#include "tblcalc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "expr.h"
#include "numfmt.h"

char *tblcalc_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

struct deps {
	const struct tbl *t;
	const unsigned char *done;
	int ready;
};

static void dep_ready(void *ud, int col)
{
	struct deps *d = ud;
	if (col >= 0 && d->t->cols[col].expr && !d->done[col])
		d->ready = 0;
}


/* Total rows: "Summa", "Totalt", "S:a …", "Summa totalt", "Medlemmar,
 * summa", in any letter case, with or without a colon after (Excel's
 * "Summa:"). A row so named that is data says so in the block with
 * 'data rows:'. */
int tblcalc_total_label(const char *label)
{
	size_t n = strlen(label);
	while (n > 0 && (label[n - 1] == ':' || label[n - 1] == ' '))
		n--;
	static const char *const starts[] = {"s:a", "summa", "totalt", "total", "totaler", NULL};
	for (const char *const *w = starts; *w; w++) {
		size_t k = strlen(*w);
		if (n >= k && !strncasecmp(label, *w, k) && (k == n || label[k] == ' ' || label[k] == ','))
			return 1;
	}
	static const char *const ends[] = {" summa", ",summa", " totalt", NULL};
	for (const char *const *w = ends; *w; w++) {
		size_t k = strlen(*w);
		if (n >= k && !strncasecmp(label + n - k, *w, k))
			return 1;
	}
	return 0;
}

/* What "S:a Kassa och bank" sums: "Kassa och bank". */
static const char *total_subject(const char *label)
{
	static const char *const starts[] = {"s:a ", "summa ", "totalt ", NULL};
	for (const char *const *w = starts; *w; w++) {
		size_t n = strlen(*w);
		if (!strncasecmp(label, *w, n))
			return label + n;
	}
	return NULL;
}

/* Case-insensitive comparison that knows Å, Ä, Ö and the other Latin-1
 * letters: "Övriga kostnader" is the heading of "S:a övriga kostnader". */
static unsigned char fold_byte(const char *s, size_t i)
{
	unsigned char x = (unsigned char)s[i];
	if (x >= 'A' && x <= 'Z')
		x += 32;
	/* the second byte of U+00C0..U+00DE (capitals) after 0xC3 */
	if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && x >= 0x80 && x <= 0x9E && x != 0x97)
		x += 32;
	return x;
}

static int fold_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fold_byte(a, i) != fold_byte(b, i))
			return 0;
	return 1;
}

int tblcalc_same_label(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	while (na > 0 && (a[na - 1] == ':' || a[na - 1] == ' '))
		na--;
	while (nb > 0 && (b[nb - 1] == ':' || b[nb - 1] == ' '))
		nb--;
	return na == nb && fold_eq(a, b, na);
}


void tblcalc_add_row(struct tbl *t, enum row_kind kind, const char *label, int line)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
		for (size_t j = 0; j < t->ncols; j++) {
			struct tcol *col = &t->cols[j];
			col->v = xrealloc(col->v, t->cap * sizeof *col->v);
			col->has = xrealloc(col->has, t->cap);
			col->marker = xrealloc(col->marker, t->cap);
			col->dash = xrealloc(col->dash, t->cap);
			if (col->kind == COL_TEXT)
				col->text = xrealloc(col->text, t->cap * sizeof *col->text);
		}
	}
	struct trow *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->label = xstrdup(label ? label : "");
	r->line = line;
	r->group_of = -1;
	for (size_t j = 0; j < t->ncols; j++) {
		struct tcol *col = &t->cols[j];
		col->v[t->nrows - 1] = 0;
		col->has[t->nrows - 1] = 0;
		col->marker[t->nrows - 1] = 0;
		col->dash[t->nrows - 1] = 0;
		if (col->kind == COL_TEXT)
			col->text[t->nrows - 1] = NULL;
	}
}

/* A row made by the block (line 0) at pos, the rows from there on moved
 * down one. */
void tblcalc_insert_row(struct tbl *t, size_t pos, enum row_kind kind, const char *label)
{
	tblcalc_add_row(t, kind, label, 0);
	size_t last = t->nrows - 1, n = last - pos;
	if (pos >= last)
		return;
	struct trow r = t->rows[last];
	memmove(&t->rows[pos + 1], &t->rows[pos], n * sizeof *t->rows);
	t->rows[pos] = r;
	for (size_t j = 0; j < t->ncols; j++) {
		struct tcol *col = &t->cols[j];
		num_t v = col->v[last];
		unsigned char has = col->has[last], marker = col->marker[last], dash = col->dash[last];
		memmove(&col->v[pos + 1], &col->v[pos], n * sizeof *col->v);
		memmove(&col->has[pos + 1], &col->has[pos], n);
		memmove(&col->marker[pos + 1], &col->marker[pos], n);
		memmove(&col->dash[pos + 1], &col->dash[pos], n);
		col->v[pos] = v;
		col->has[pos] = has;
		col->marker[pos] = marker;
		col->dash[pos] = dash;
		if (col->text) {
			char *tx = col->text[last];
			memmove(&col->text[pos + 1], &col->text[pos], n * sizeof *col->text);
			col->text[pos] = tx;
		}
	}
}



int tblcalc_row_by_label(const struct tbl *t, const char *label)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (tblcalc_same_label(t->rows[i].label, label))
			return (int)i;
	return -1;
}

/* sum(column) in formulas: the data rows of every column. Returns the
 * first column whose rows add up to more than a figure can hold, or -1. */
static int column_sums(const struct tbl *t, num_t *sums)
{
	int too_large = -1;
	for (size_t k = 0; k < t->ncols; k++) {
		num_wide_t wide = 0;
		for (size_t i = 0; i < t->nrows; i++)
			if (t->rows[i].kind == ROW_DATA && t->cols[k].has[i])
				wide += t->cols[k].v[i];
		if (num_narrow(wide, &sums[k]) != 0 && too_large < 0)
			too_large = (int)k;
	}
	return too_large;
}

/* Where messages about row r point: its CSV line, or for a row the
 * block added, the option that added it. */
static const char *row_file(const struct table_ctx *c, const struct tbl *t, size_t r)
{
	return !t->rows[r].line && t->rows[r].opt_line ? c->page_path : t->csv_path;
}

static int row_line(const struct tbl *t, size_t r)
{
	return t->rows[r].line ? t->rows[r].line : t->rows[r].opt_line;
}

/* A total row as the duplicate check compares it: its label folded as
 * tblcalc_same_label compares labels, and its figures as shown (at each
 * column's precision). */
struct total_key {
	char *label;
	num_t *v;          /* one per column; 0 where the row has none */
	unsigned char *has;
	size_t ncols;
	int row;
};

static char *fold_label(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	char *f = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		f[i] = (char)fold_byte(s, i);
	f[n] = '\0';
	return f;
}

static int cmp_figures(const struct total_key *a, const struct total_key *b)
{
	int c = strcmp(a->label, b->label);
	for (size_t j = 0; !c && j < a->ncols; j++) {
		if (a->has[j] != b->has[j])
			c = a->has[j] < b->has[j] ? -1 : 1;
		else if (a->v[j] != b->v[j])
			c = a->v[j] < b->v[j] ? -1 : 1;
	}
	return c;
}

static int same_figures(const struct total_key *a, const struct total_key *b)
{
	return cmp_figures(a, b) == 0;
}

static int by_total_key(const void *pa, const void *pb)
{
	const struct total_key *a = pa, *b = pb;
	int c = cmp_figures(a, b);
	return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* One total, one row: the same label with the same figures twice is the
 * same total printed twice. Sorted, two such rows lie side by side, so a
 * table of many rows is checked in n log n. Reports the pair a row by
 * row search would find first (the earliest row that has a twin, and its
 * first twin). Returns 1 after that error, or 0. */
static int same_total_twice(const struct table_ctx *c, const struct tbl *t)
{
	size_t n = 0;
	for (size_t r = 0; r < t->nrows; r++)
		n += t->rows[r].kind == ROW_TOTAL;
	if (n < 2)
		return 0;
	struct total_key *k = xcalloc(n, sizeof *k);
	n = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].kind != ROW_TOTAL)
			continue;
		struct total_key *e = &k[n++];
		e->label = fold_label(t->rows[r].label);
		e->v = xcalloc(t->ncols + 1, sizeof *e->v);
		e->has = xcalloc(t->ncols + 1, 1);
		e->ncols = t->ncols;
		e->row = (int)r;
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->kind == COL_TEXT || !col->has[r])
				continue;
			int prec = col->kind == COL_PERCENT ? col->decimals + 2 : col->decimals;
			e->has[j] = 1;
			e->v[j] = num_round(col->v[r], prec, 0);
		}
	}
	qsort(k, n, sizeof *k, by_total_key);
	int first = -1, twin = -1;
	for (size_t i = 0, end; i < n; i = end) {
		/* a run of equal rows, in row order */
		for (end = i + 1; end < n && same_figures(&k[i], &k[end]); end++)
			;
		int figures = 0;
		for (size_t j = 0; j < t->ncols; j++)
			figures |= k[i].has[j];
		if (end - i > 1 && figures && (first < 0 || k[i].row < first)) {
			first = k[i].row;
			twin = k[i + 1].row;
		}
	}
	for (size_t i = 0; i < n; i++) {
		free(k[i].label);
		free(k[i].v);
		free(k[i].has);
	}
	free(k);
	if (first < 0)
		return 0;
	diag(DIAG_ERROR, row_file(c, t, (size_t)twin), row_line(t, (size_t)twin), 0,
	     "the total \"%s\" is here a second time, with the same figures as on line %d; "
	     "a table shows each total once: remove one of the rows",
	     t->rows[twin].label, row_line(t, (size_t)first));
	return 1;
}

/* Totals are computed from the top down, each from rows whose figures
 * are final: a total may not add up itself, nor a total below it (which
 * is not computed yet, and may in turn add up this one). A sums: line
 * can say either; the scopes planpress finds by itself never do. */
static int scope_order(const struct table_ctx *c, const struct tbl *t, size_t r, const struct scope *sc)
{
	size_t n = sc->explicit_list ? sc->nlist : sc->to > sc->from ? (size_t)(sc->to - sc->from) : 0;
	for (size_t k = 0; k < n; k++) {
		size_t i = sc->explicit_list ? (size_t)sc->list[k] : (size_t)sc->from + k;
		if (i != r && (i < r || t->rows[i].kind != ROW_TOTAL))
			continue;
		const char *file = sc->line ? c->page_path : row_file(c, t, r);
		int line = sc->line ? sc->line : row_line(t, r);
		if (i == r)
			diag(DIAG_ERROR, file, line, 0,
			     "sums: \"%s\" adds up its own row; a total adds up other rows, so name rows "
			     "that leave it out",
			     t->rows[r].label);
		else
			diag(DIAG_ERROR, file, line, 0,
			     "sums: \"%s\" adds up \"%s\", a total below it; a total comes after the "
			     "totals it adds up, so move \"%s\" below \"%s\" in the CSV file, or name rows "
			     "that leave \"%s\" out",
			     t->rows[r].label, t->rows[i].label, t->rows[r].label, t->rows[i].label,
			     t->rows[i].label);
		return -1;
	}
	return 0;
}

int tblcalc_totals(const struct table_ctx *c, struct tbl *t, struct scope *scopes)
{
	int bad = 0;
	int *owner = xmalloc((t->nrows + 1) * sizeof *owner);
	/* A ratio on a total row (a column whose formula does not add up)
	 * is computed from the totals as they are, not as rounded for
	 * showing: 4 100 kr against 3 500 kr is 117 %, though both show as
	 * 4 tkr. exact holds each figure column's values so (data rows as
	 * read, totals as the sums of those), only when there is a ratio. */
	int ratios = 0;
	for (size_t j = 0; j < t->ncols; j++)
		ratios |= t->cols[j].expr && !expr_is_linear(t->cols[j].expr);
	num_t *exact = ratios ? xcalloc(t->ncols * t->nrows + 1, sizeof *exact) : NULL;
	for (size_t j = 0; exact && j < t->ncols; j++)
		for (size_t i = 0; i < t->nrows; i++)
			exact[j * t->nrows + i] = t->cols[j].v[i];
	for (size_t i = 0; i < t->nrows; i++)
		owner[i] = -1;
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].kind != ROW_TOTAL)
			continue;
		struct scope *sc = &scopes[r];
		if (scope_order(c, t, r, sc) != 0) {
			bad = 1;
			continue;
		}
		/* the items: rows in scope, each nested total standing for
		 * the rows it covers */
		size_t cap = sc->explicit_list ? sc->nlist : (size_t)(sc->to - sc->from);
		int *items = xmalloc((cap + 1) * sizeof *items);
		size_t n = 0;
		if (sc->explicit_list) {
			for (size_t k = 0; k < sc->nlist; k++)
				items[n++] = sc->list[k];
			/* a total below that covers these rows counts this one
			 * in their place, as it does a range's */
			for (size_t k = 0; k < sc->nlist; k++) {
				int it = sc->list[k];
				for (int i = 0; i < (int)r; i++)
					if (i == it || (t->rows[it].kind == ROW_TOTAL && owner[i] == it))
						owner[i] = (int)r;
			}
			owner[r] = -1;
		} else {
			for (int i = sc->from; i < sc->to; i++) {
				if (t->rows[i].kind == ROW_HEADING)
					continue;
				int o = owner[i];
				if (o >= sc->from && o < sc->to)
					continue;
				items[n++] = i;
			}
			for (int i = sc->from; i < sc->to; i++)
				owner[i] = (int)r;
		}
		for (size_t j = 0; j < t->ncols; j++) {
			struct tcol *col = &t->cols[j];
			if (col->kind == COL_TEXT || (col->expr && !expr_is_linear(col->expr)))
				continue;
			num_wide_t wide = 0, wide_exact = 0;
			int any = 0;
			for (size_t k = 0; k < n; k++)
				if (col->has[items[k]]) {
					wide += col->v[items[k]];
					if (exact)
						wide_exact += exact[j * t->nrows + (size_t)items[k]];
					any = 1;
				}
			if (!any) {
				/* a total of nothing is empty: a figure declared
				 * there was checked against nothing */
				if (col->has[r]) {
					buf_t d = BUF_INIT;
					tbl_format(c, col, col->v[r], &d, NUMFMT_TEXT);
					diag(DIAG_ERROR, row_file(c, t, r), row_line(t, r), 0,
					     "%s \"%s\" is %s but the rows it adds up are all empty; "
					     "leave it empty too, or fill in the rows", t->rows[r].label,
					     col->label, buf_cstr(&d));
					buf_free(&d);
					bad = 1;
				}
				continue;
			}
			num_t sum;
			/* 10^12 itself has 13 digits, more than a cell may */
			if (num_narrow(wide, &sum) != 0 || sum >= NUM_MAX || sum <= -NUM_MAX) {
				diag(DIAG_ERROR, row_file(c, t, r), row_line(t, r), 0,
				     "%s \"%s\": the rows add up to more than 999 999 999 999",
				     t->rows[r].label, col->label);
				bad = 1;
				continue;
			}
			int prec = col->kind == COL_PERCENT ? col->decimals + 2 : col->decimals;
			num_t computed = num_round(sum, prec, 0);
			if (exact && !col->has[r])
				exact[j * t->nrows + r] = num_narrow(wide_exact, &sum) == 0 ? sum : computed;
			if (!col->has[r]) {
				col->v[r] = computed;
				col->has[r] = 1;
				continue;
			}
			num_t declared = num_round(col->v[r], prec, 0);
			num_t diff = declared - computed;
			if (diff < 0)
				diff = -diff;
			if (diff <= t->tolerance)
				continue;
			buf_t d = BUF_INIT, s = BUF_INIT;
			if (col->kind == COL_PERCENT) {
				numfmt_percent(&d, c->lang, declared, col->decimals, NUMFMT_TEXT);
				numfmt_percent(&s, c->lang, computed, col->decimals, NUMFMT_TEXT);
			} else {
				numfmt(&d, c->lang, declared, col->decimals, NUMFMT_TEXT);
				numfmt(&s, c->lang, computed, col->decimals, NUMFMT_TEXT);
			}
			if (declared == -computed && declared != 0)
				diag(DIAG_ERROR, row_file(c, t, r), row_line(t, r), 0,
				     "%s \"%s\" is %s but the rows add up to %s (the sign is wrong)",
				     t->rows[r].label, col->label, buf_cstr(&d), buf_cstr(&s));
			else
				diag(DIAG_ERROR, row_file(c, t, r), row_line(t, r), 0,
				     "%s \"%s\" is %s but the rows add up to %s", t->rows[r].label,
				     col->label, buf_cstr(&d), buf_cstr(&s));
			buf_free(&d);
			buf_free(&s);
			bad = 1;
		}
		/* the model keeps what each total sums, for the audit */
		free(t->rows[r].items);
		t->rows[r].items = items;
		t->rows[r].nitems = n;
		/* ratios are computed from the total row's own figures */
		for (size_t j = 0; j < t->ncols; j++) {
			struct tcol *col = &t->cols[j];
			if (!col->expr || expr_is_linear(col->expr))
				continue;
			num_t *vals = xcalloc(t->ncols + 1, sizeof *vals), *sums = xcalloc(t->ncols + 1, sizeof *sums);
			unsigned char *has = xcalloc(t->ncols + 1, 1);
			for (size_t k = 0; k < t->ncols; k++) {
				vals[k] = exact[k * t->nrows + r];
				has[k] = t->cols[k].has[r];
			}
			num_t v;
			int empty;
			char err[128];
			if (column_sums(t, sums) < 0 && expr_eval(col->expr, vals, has, sums, &v, &empty, err, sizeof err) == 0 && !empty) {
				col->v[r] = num_round(v, col->kind == COL_PERCENT ? col->decimals + 2 : col->decimals,
						      col->truncate);
				col->has[r] = 1;
			}
			free(vals);
			free(sums);
			free(has);
		}
	}
	free(owner);
	free(exact);
	if (!bad)
		bad = same_total_twice(c, t);
	return bad ? -1 : 0;
}


static void add_input(void *ud, int col)
{
	struct tcol *c = ud;
	if (col < 0)
		return;
	c->inputs = xrealloc(c->inputs, (c->ninputs + 1) * sizeof *c->inputs);
	c->inputs[c->ninputs++] = col;
}



/* The table of groups: each group's sum and its share of the whole, in
 * the order and under the names the block gives. Returns NULL after an
 * error (reported at the block's lines; *reported is then set) or with a
 * reason in err. */
struct tbl *tblcalc_summary(const struct table_ctx *c, const struct tbl *t, const char *share_col,
			      const struct summary_opts *so, int *reported, char *err, size_t errsz)
{
	*reported = 0;
	int sc = -1;
	for (size_t j = 0; j < t->ncols; j++)
		if (t->cols[j].kind != COL_TEXT && !t->cols[j].hidden &&
		    (share_col ? !strcasecmp(t->cols[j].name, share_col) : sc < 0))
			sc = (int)j;
	if (sc < 0) {
		snprintf(err, errsz, _("no figure column to take shares of"));
		return NULL;
	}
	/* the groups' subtotal rows, in the table's order */
	size_t ngroups = 0;
	int *sub = xmalloc((t->nrows + 1) * sizeof *sub);
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].group_of >= 0)
			sub[ngroups++] = (int)i;
	/* ... or in the block's, under its names */
	int *order = xmalloc((ngroups + 1) * sizeof *order);
	char **names = xcalloc(ngroups + 1, sizeof *names);
	size_t nshown = ngroups;
	for (size_t g = 0; g < ngroups; g++)
		order[g] = (int)g;
	int bad = 0;
	if (so->groups) {
		size_t n = json_object_get_type(so->groups) == json_type_array
				   ? json_object_array_length(so->groups) : 0;
		if (!n) {
			diag(DIAG_ERROR, c->page_path, so->groups_line, 0,
			     "'groups' must list the groups one per line, in the order to show them, "
			     "such as '- Individinriktade insatser = Insatser för individer'");
			bad = 1;
		}
		unsigned char *listed = xcalloc(ngroups + 1, 1);
		nshown = 0;
		for (size_t k = 0; k < n && !bad; k++) {
			const char *line = json_object_get_string(json_object_array_get_idx(so->groups, k));
			char *copy = xstrdup(line ? line : "");
			char *eq = strchr(copy, '=');
			if (eq)
				*eq = '\0';
			char *name = tblcalc_trim(copy);
			size_t g = 0;
			while (g < ngroups && !tblcalc_same_label(t->rows[t->rows[sub[g]].group_of].label, name))
				g++;
			if (g == ngroups || listed[g]) {
				if (g == ngroups)
					diag(DIAG_ERROR, c->page_path, so->groups_line + 1 + (int)k, 0,
					     "groups: there is no group '%s' in the table", name);
				else
					diag(DIAG_ERROR, c->page_path, so->groups_line + 1 + (int)k, 0,
					     "groups: '%s' is listed twice", name);
				bad = 1;
			} else {
				listed[g] = 1;
				order[nshown] = (int)g;
				names[nshown++] = eq && *tblcalc_trim(eq + 1) ? xstrdup(tblcalc_trim(eq + 1)) : NULL;
			}
			free(copy);
		}
		for (size_t g = 0; g < ngroups && !bad; g++)
			if (!listed[g]) {
				diag(DIAG_ERROR, c->page_path, so->groups_line, 0,
				     "groups: the group '%s' is not listed; list every group, in the order to show them",
				     t->rows[t->rows[sub[g]].group_of].label);
				bad = 1;
			}
		free(listed);
	}
	/* figures on both sides of zero: shares of what? */
	int pos = 0, neg = 0;
	for (size_t g = 0; g < ngroups; g++)
		if (t->cols[sc].has[sub[g]]) {
			pos |= t->cols[sc].v[sub[g]] > 0;
			neg |= t->cols[sc].v[sub[g]] < 0;
		}
	int sizes = 0;
	if (so->shares && !strcasecmp(so->shares, "sizes"))
		sizes = 1;
	else if (so->shares && strcasecmp(so->shares, "signed")) {
		diag(DIAG_ERROR, c->page_path, so->shares_line, 0,
		     "shares must be 'signed' (shares of the net whole, with their signs) or 'sizes' "
		     "(shares of the figures' sizes), not '%s'", so->shares);
		bad = 1;
	} else if (!so->shares && pos && neg && !bad) {
		diag(DIAG_ERROR, c->page_path, so->shares_line, 0,
		     "the groups' figures in '%s' are both above and below zero, so their shares could "
		     "mean two things: say 'shares: signed' (of the net whole, keeping their signs) or "
		     "'shares: sizes' (of the figures' sizes)", t->cols[sc].name);
		bad = 1;
	}
	struct tbl *s = NULL;
	if (bad) {
		*reported = 1;
		goto done;
	}
	num_wide_t wide = 0;
	for (size_t g = 0; g < ngroups; g++)
		if (t->cols[sc].has[sub[g]])
			wide += t->cols[sc].v[sub[g]];
	num_t whole;
	if (num_narrow(wide, &whole) != 0) {
		snprintf(err, errsz, _("the totals in '%s' add up to more than 999 999 999 999"),
			 t->cols[sc].name);
		goto done;
	}
	s = xcalloc(1, sizeof *s);
	s->ncols = 3;
	s->cols = xcalloc(4, sizeof *s->cols);
	s->label_col = 0;
	s->cols[0].name = xstrdup(t->label_col >= 0 ? t->cols[t->label_col].name : "");
	s->cols[0].label = xstrdup(t->label_col >= 0 ? t->cols[t->label_col].label : "");
	s->cols[0].kind = COL_TEXT;
	s->cols[1] = (struct tcol){0};
	s->cols[1].name = xstrdup(t->cols[sc].name);
	s->cols[1].label = xstrdup(t->cols[sc].label);
	s->cols[1].kind = t->cols[sc].kind;
	s->cols[1].unit = t->cols[sc].unit;
	s->cols[1].decimals = t->cols[sc].decimals;
	s->cols[2].name = xstrdup("Andel");
	s->cols[2].label = xstrdup("Andel");
	s->cols[2].kind = COL_PERCENT;
	s->cols[2].decimals = 0;
	for (size_t j = 0; j < 3; j++)
		s->cols[j].csv = -1;
	for (size_t k = 0; k < nshown; k++) {
		int i = sub[order[k]];
		tblcalc_add_row(s, ROW_DATA, names[k] ? names[k] : t->rows[t->rows[i].group_of].label, 0);
		size_t r = s->nrows - 1;
		s->cols[1].v[r] = t->cols[sc].v[i];
		s->cols[1].has[r] = t->cols[sc].has[i];
	}
	/* the shares as shown add up to 100 %: largest remainder at the shown
	 * precision (each rounded on its own, 13 + 72 + 12 + 1 + 1 = 99);
	 * with 'shares: sizes', of the figures' sizes */
	num_t *w = xcalloc(s->nrows + 1, sizeof *w);
	for (size_t r = 0; r < s->nrows; r++)
		w[r] = sizes && s->cols[1].v[r] < 0 ? -s->cols[1].v[r] : s->cols[1].v[r];
	if (shares_largest_remainder(w, s->cols[1].has, s->nrows, s->cols[2].decimals + 2, s->cols[2].v) == 0)
		for (size_t r = 0; r < s->nrows; r++)
			s->cols[2].has[r] = s->cols[1].has[r];
	free(w);
	if (so->show_total) {
		size_t r0 = s->nrows;
		tblcalc_add_row(s, ROW_TOTAL, "Summa", 0);
		size_t r = s->nrows - 1;
		s->rows[r].nitems = r0;
		s->rows[r].items = xmalloc((r0 + 1) * sizeof *s->rows[r].items);
		for (size_t i = 0; i < r0; i++)
			s->rows[r].items[i] = (int)i;
		/* the whole of nothing is empty, not 0 */
		int any = 0;
		for (size_t i = 0; i < r0; i++)
			any |= s->cols[1].has[i];
		s->cols[1].v[r] = whole;
		s->cols[1].has[r] = (unsigned char)any;
		s->cols[2].v[r] = NUM_SCALE;
		s->cols[2].has[r] = any && (whole != 0 || sizes);
		/* with sizes, the Summa of the figures is the net whole, and
		 * 100 % is of the sizes: the audit re-adds the shares only */
		s->cols[1].adds_up = !sizes;
	} else {
		s->cols[1].adds_up = 1;
	}
	s->cols[2].adds_up = 1;
	s->csv_path = xstrdup(t->csv_path);
	s->csv_rel = xstrdup(t->csv_rel);
done:
	for (size_t g = 0; g < ngroups; g++)
		free(names[g]);
	free(names);
	free(order);
	free(sub);
	return s;
}


void tblcalc_roles(struct tbl *t)
{
	/* row kinds: headings have a label and no figures; totals are named
	 * so or listed under sums: */
	for (size_t i = 0; i < t->nrows; i++) {
		struct trow *r = &t->rows[i];
		int figures = 0;
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->kind != COL_TEXT && col->csv >= 0 && (col->has[i] || col->dash[i]))
				figures = 1;
			/* text beside the label makes a row of data too */
			if (col->kind == COL_TEXT && (int)j != t->label_col && col->text && col->text[i] &&
			    col->text[i][0])
				figures = 1;
		}
		/* Excel sums often carry their label in another column
		 * (";Summa;17 668"): that label names the row */
		for (size_t j = 0; j < t->ncols && !r->label[0]; j++) {
			struct tcol *col = &t->cols[j];
			if (col->kind == COL_TEXT && (int)j != t->label_col && col->text && col->text[i] &&
			    tblcalc_total_label(col->text[i])) {
				free(r->label);
				r->label = col->text[i];
				col->text[i] = NULL;
			}
		}
		if (tblcalc_total_label(r->label))
			r->kind = ROW_TOTAL;
		else if (!figures && r->label[0])
			r->kind = ROW_HEADING;
	}
}

/* The first amount column a formula reads whose unit is not want, or -1. */
struct unit_check {
	const struct tbl *t;
	enum num_unit want;
	int other;
};

static void unit_of_input(void *ud, int col)
{
	struct unit_check *u = ud;
	const struct tcol *in = &u->t->cols[col];
	if (u->other < 0 && in->kind == COL_AMOUNT && in->unit != u->want)
		u->other = col;
}

int tblcalc_formulas(const struct table_ctx *c, struct tbl *t, int block_line)
{
	int bad = 0;
	char err[256];
	/* formula columns: parse them all, then compute each once the
	 * formula columns it reads are done */

	unsigned char *done = xcalloc(t->ncols + 1, 1);
	for (size_t pass = 0; pass < t->ncols && !bad; pass++) {
		size_t j = t->ncols;
		for (size_t k = 0; k < t->ncols; k++) {
			if (!t->cols[k].expr || done[k])
				continue;
			struct deps d = {t, done, 1};
			expr_columns(t->cols[k].expr, dep_ready, &d);
			if (d.ready) {
				j = k;
				break;
			}
		}
		if (j == t->ncols) {
			for (size_t k = 0; k < t->ncols; k++)
				if (t->cols[k].expr && !done[k]) {
					diag(DIAG_ERROR, c->page_path,
					     (t->cols[k].line ? t->cols[k].line : block_line), 0,
					     "column '%s': its formula depends on itself through other columns",
					     t->cols[k].name);
					bad = 1;
					break;
				}
			break;
		}
		done[j] = 1;
		struct tcol *col = &t->cols[j];
		int first = expr_first_column(col->expr);
		if (col->decimals < 0) {
			if (col->kind == COL_NUMBER && first >= 0 && t->cols[first].kind != COL_TEXT &&
			    t->cols[first].kind != COL_PERCENT) {
				int d = col->decimals_set ? col->decimals : t->cols[first].decimals;
				col->kind = t->cols[first].kind;
				col->unit = t->cols[first].unit;
				col->decimals = d;
			} else {
				col->decimals = 0;
			}
		}
		/* A formula that adds up counts in its inputs' units (as
		 * shown): kronor shown as tkr count as tkr. A column of
		 * another unit would show a tkr figure as kronor. */
		if (col->kind == COL_AMOUNT && expr_is_linear(col->expr)) {
			struct unit_check u = {t, col->unit, -1};
			expr_columns(col->expr, unit_of_input, &u);
			if (u.other >= 0) {
				diag(DIAG_ERROR, c->page_path, (col->line ? col->line : block_line), 0,
				     "column '%s' is in %s, but its formula counts in %s, the unit '%s' is shown in; "
				     "write '%s' for this column, or show '%s' in %s",
				     col->name, num_unit_name(col->unit), num_unit_name(t->cols[u.other].unit),
				     t->cols[u.other].name, num_unit_name(t->cols[u.other].unit),
				     t->cols[u.other].name, num_unit_name(col->unit));
				bad = 1;
				continue;
			}
		}
		num_t *sums_by_col = xcalloc(t->ncols + 1, sizeof *sums_by_col);
		int huge = column_sums(t, sums_by_col);
		if (huge >= 0) {
			diag(DIAG_ERROR, c->page_path, (col->line ? col->line : block_line), 0,
			     "column '%s': the rows of '%s' add up to more than 999 999 999 999",
			     col->name, t->cols[huge].name);
			free(sums_by_col);
			bad = 1;
			continue;
		}
		num_t *vals = xcalloc(t->ncols + 1, sizeof *vals);
		unsigned char *has = xcalloc(t->ncols + 1, 1);
		const struct expr *amount;
		int wcol, scol;
		if (expr_is_share(col->expr, &scol)) {
			/* shares of the whole, [X] ÷ sum([X]): rounded by largest
			 * remainder at the shown precision, so the shown shares
			 * add up to 100 % (each rounded on its own, they need not) */
			unsigned char *use = xcalloc(t->nrows + 1, 1);
			for (size_t i = 0; i < t->nrows; i++)
				use[i] = t->rows[i].kind == ROW_DATA && t->cols[scol].has[i];
			int prec = col->kind == COL_PERCENT ? col->decimals + 2 : col->decimals;
			if (shares_largest_remainder(t->cols[scol].v, use, t->nrows, prec, col->v) != 0) {
				diag(DIAG_ERROR, c->page_path,
				     (col->line ? col->line : block_line), 0,
				     "column '%s': the figures in '%s' add up to zero, so they have no shares",
				     col->name, t->cols[scol].name);
				bad = 1;
			}
			for (size_t i = 0; i < t->nrows; i++)
				col->has[i] = use[i];
			free(use);
		} else if (expr_is_allocation(col->expr, &amount, &wcol)) {
			num_t total;
			int empty;
			if (expr_eval(amount, vals, has, sums_by_col, &total, &empty, err, sizeof err) != 0) {
				diag(DIAG_ERROR, c->page_path, (col->line ? col->line : block_line), 0, "column '%s': %s", col->name, err);
				bad = 1;
			} else {
				unsigned char *use = xcalloc(t->nrows + 1, 1);
				num_t *w = xcalloc(t->nrows + 1, sizeof *w);
				for (size_t i = 0; i < t->nrows; i++) {
					use[i] = t->rows[i].kind == ROW_DATA && t->cols[wcol].has[i];
					w[i] = t->cols[wcol].v[i];
				}
				int rc = allocate_largest_remainder(total, w, use, t->nrows, col->decimals, col->v);
				if (rc != 0) {
					if (rc == -1)
						diag(DIAG_ERROR, c->page_path, block_line, 0,
						     "column '%s': the weights in '%s' add up to zero", col->name,
						     t->cols[wcol].name);
					else
						diag(DIAG_ERROR, c->page_path, block_line, 0,
						     "column '%s': the weights in '%s' must not be negative", col->name,
						     t->cols[wcol].name);
					bad = 1;
				}
				for (size_t i = 0; i < t->nrows; i++)
					col->has[i] = use[i];
				free(use);
				free(w);
			}
		} else {
			for (size_t i = 0; i < t->nrows && !bad; i++) {
				if (t->rows[i].kind != ROW_DATA)
					continue;
				for (size_t k = 0; k < t->ncols; k++) {
					vals[k] = t->cols[k].v[i];
					has[k] = t->cols[k].has[i];
				}
				num_t v;
				int empty;
				if (expr_eval(col->expr, vals, has, sums_by_col, &v, &empty, err, sizeof err) != 0) {
					diag(DIAG_ERROR, t->rows[i].line ? t->csv_path : c->page_path,
					     t->rows[i].line ? t->rows[i].line : block_line, 0,
					     "column '%s' on the row \"%s\": %s", col->name, t->rows[i].label, err);
					bad = 1;
					break;
				}
				if (empty)
					continue;
				col->v[i] = num_round(v, col->kind == COL_PERCENT ? col->decimals + 2 : col->decimals,
						      col->truncate);
				if (col->v[i] >= NUM_MAX || col->v[i] <= -NUM_MAX) {
					diag(DIAG_ERROR, t->rows[i].line ? t->csv_path : c->page_path,
					     t->rows[i].line ? t->rows[i].line : block_line, 0,
					     "column '%s' on the row \"%s\": the result is more than 999 999 999 999",
					     col->name, t->rows[i].label);
					bad = 1;
					break;
				}
				col->has[i] = 1;
			}
		}
		free(vals);
		free(has);
		free(sums_by_col);
	}
	free(done);

	return bad ? -1 : 0;
}

void tblcalc_default_scopes(struct tbl *t, struct scope *scopes)
{
	/* scopes of the totals the CSV declares */
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].kind != ROW_TOTAL || scopes[r].explicit_list || scopes[r].nlist)
			continue;
		if (t->rows[r].group_of >= 0) {
			scopes[r].from = t->rows[r].group_of + 1;
			scopes[r].to = (int)r;
			continue;
		}
		const char *subject = total_subject(t->rows[r].label);
		int head = -1;
		for (int i = (int)r - 1; subject && i >= 0; i--)
			if (t->rows[i].kind == ROW_HEADING && tblcalc_same_label(t->rows[i].label, subject)) {
				head = i;
				break;
			}
		scopes[r].from = head >= 0 ? head + 1 : 0;
		scopes[r].to = (int)r;
	}

}

void tblcalc_finish(struct tbl *t)
{
	for (size_t j = 0; j < t->ncols; j++) {
		struct tcol *col = &t->cols[j];
		col->adds_up = col->kind != COL_TEXT && (!col->expr || expr_is_linear(col->expr));
		if (col->expr)
			expr_columns(col->expr, add_input, col);
	}
}

/* Rounds the parts of one total to whole units so that they add up to its
 * shown figure: each part cut down to a unit, and the units still missing
 * handed to the parts that lost most (the larger part first among equals,
 * then the earlier row). Parts fixed already (by a total above) keep their
 * figure. Returns -1 when the figures cannot be made to add up (a total
 * declared far from its parts, which tblcalc_totals has refused). */
struct part {
	int row;
	num_t rest;   /* what cutting down took off, 0 ≤ rest < unit */
	num_t size;
};

static int by_rest(const void *a, const void *b)
{
	const struct part *p = a, *q = b;
	if (p->rest != q->rest)
		return p->rest > q->rest ? -1 : 1;
	if (p->size != q->size)
		return p->size > q->size ? -1 : 1;
	return p->row - q->row;
}

static int round_parts(struct tcol *col, const struct trow *tr, num_t target, num_t unit,
		       unsigned char *fixed, num_t *shown)
{
	struct part *parts = xmalloc((tr->nitems + 1) * sizeof *parts);
	size_t n = 0;
	num_wide_t have = 0;
	for (size_t k = 0; k < tr->nitems; k++) {
		int i = tr->items[k];
		if (!col->has[i])
			continue;
		if (fixed[i]) {
			have += shown[i];
			continue;
		}
		num_t v = col->v[i], down = v / unit * unit;
		if (down > v)
			down -= unit; /* toward minus infinity */
		parts[n++] = (struct part){i, v - down, v < 0 ? -v : v};
		shown[i] = down;
		have += down;
	}
	num_wide_t missing = ((num_wide_t)target - have) / unit;
	int rc = 0;
	if (missing < 0 || missing > (num_wide_t)n) {
		rc = -1;
	} else {
		qsort(parts, n, sizeof *parts, by_rest);
		for (size_t k = 0; k < (size_t)missing; k++)
			shown[parts[k].row] += unit;
		for (size_t k = 0; k < n; k++)
			fixed[parts[k].row] = 1;
	}
	free(parts);
	return rc;
}

void tblcalc_round_parts(struct tbl *t)
{
	/* the total each total is a part of, if any: totals are rounded
	 * from the outermost in */
	int *parent = xmalloc((t->nrows + 1) * sizeof *parent);
	for (size_t r = 0; r < t->nrows; r++)
		parent[r] = -1;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t k = 0; t->rows[r].kind == ROW_TOTAL && k < t->rows[r].nitems; k++)
			if (parent[t->rows[r].items[k]] < 0)
				parent[t->rows[r].items[k]] = (int)r;
	int *order = xmalloc((t->nrows + 1) * sizeof *order), *depth = xcalloc(t->nrows + 1, sizeof *depth);
	size_t ntot = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->rows[r].kind != ROW_TOTAL)
			continue;
		order[ntot++] = (int)r;
		for (int p = parent[r], guard = 0; p >= 0 && guard < (int)t->nrows; p = parent[p], guard++)
			depth[r]++;
	}
	/* outermost first (a stable insertion sort: few totals) */
	for (size_t a = 1; a < ntot; a++)
		for (size_t b = a; b > 0 && depth[order[b - 1]] > depth[order[b]]; b--) {
			int x = order[b];
			order[b] = order[b - 1];
			order[b - 1] = x;
		}
	unsigned char *fixed = xcalloc(t->nrows + 1, 1);
	num_t *shown = xcalloc(t->nrows + 1, sizeof *shown);
	for (size_t j = 0; j < t->ncols; j++) {
		struct tcol *col = &t->cols[j];
		int prec = col->kind == COL_PERCENT ? col->decimals + 2 : col->decimals;
		if (!col->adds_up || col->kind == COL_TEXT || prec >= 6)
			continue;
		num_t unit = NUM_SCALE;
		for (int d = 0; d < prec; d++)
			unit /= 10;
		/* nothing to do where every figure is shown as it is */
		int rounded = 0;
		for (size_t i = 0; i < t->nrows && !rounded; i++)
			rounded = col->has[i] && col->v[i] % unit != 0;
		if (!rounded)
			continue;
		memset(fixed, 0, t->nrows + 1);
		int ok = 1;
		for (size_t k = 0; k < ntot && ok; k++) {
			int r = order[k];
			if (!col->has[r])
				continue;
			if (!fixed[r]) {
				shown[r] = num_round(col->v[r], prec, 0);
				fixed[r] = 1;
			}
			ok = round_parts(col, &t->rows[r], shown[r], unit, fixed, shown) == 0;
		}
		if (!ok)
			continue; /* left as the audit will find it */
		for (size_t i = 0; i < t->nrows; i++)
			if (col->has[i])
				col->v[i] = fixed[i] ? shown[i] : num_round(col->v[i], prec, col->truncate);
	}
	free(fixed);
	free(shown);
	free(order);
	free(depth);
	free(parent);
}

/* The heading a total closes: "Summa X" or "S:a X" the open heading X,
 * any other total the innermost one. Returns its place in open[], or -1. */
static int closed_heading(const struct tbl *t, const int *open, int nopen, const char *label)
{
	const char *subject = total_subject(label);
	for (int k = nopen - 1; subject && k >= 0; k--)
		if (tblcalc_same_label(t->rows[open[k]].label, subject))
			return k;
	return nopen - 1;
}

void tblcalc_levels(struct tbl *t)
{
	int *open = xmalloc((t->nrows + 1) * sizeof *open);
	int nopen = 0, headings = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		struct trow *r = &t->rows[i];
		if (r->kind == ROW_HEADING) {
			/* a heading right below a heading is inside it; one
			 * below a data row is beside the heading of that row */
			if (nopen > 0 && i > 0 && t->rows[i - 1].kind == ROW_DATA)
				nopen--;
			r->level = nopen + 1;
			open[nopen++] = (int)i;
			headings = 1;
		} else if (r->kind == ROW_TOTAL) {
			int k = closed_heading(t, open, nopen, r->label);
			if (k >= 0) {
				r->level = t->rows[open[k]].level;
				nopen = k;
			} else {
				r->level = 1;
			}
		} else {
			r->level = nopen + 1;
		}
		for (size_t k = 0; r->kind == ROW_TOTAL && k < r->nitems; k++)
			if (r->items[k] >= 0 && (size_t)r->items[k] < t->nrows &&
			    t->rows[r->items[k]].kind == ROW_TOTAL)
				t->rows[r->items[k]].nested = 1;
	}
	t->leveled = headings;
	free(open);
}
