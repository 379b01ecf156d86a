#include "tblaudit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdatomic.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "table.h"

static atomic_long failures;

long tbl_audit_failures(void)
{
	return atomic_load(&failures);
}

/* ---------- reading what the cells show ---------- */

/* Appends the text of a cell without its markup, with &nbsp; and &amp;
 * as the characters they stand for, and a NUL to end it. */
static void cell_text(buf_t *b, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		/* text up to the next tag or entity, as it is */
		const char *q = p;
		while (q < end && *q != '<' && *q != '&')
			q++;
		buf_put(b, p, (size_t)(q - p));
		if (q == end)
			break;
		if (*q == '<') {
			const char *gt = memchr(q, '>', (size_t)(end - q));
			if (!gt)
				break;
			p = gt + 1;
			continue;
		}
		static const struct { const char *ent, *ch; } ents[] = {
			{"&nbsp;", "\xC2\xA0"}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
			{"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}};
		size_t k = 0, m = 0;
		for (; k < sizeof ents / sizeof *ents; k++) {
			m = strlen(ents[k].ent);
			if ((size_t)(end - q) >= m && !memcmp(q, ents[k].ent, m))
				break;
		}
		if (k < sizeof ents / sizeof *ents) {
			buf_puts(b, ents[k].ch);
			p = q + m;
		} else {
			buf_putc(b, '&');
			p = q + 1;
		}
	}
	buf_putc(b, '\0');
}

int tbl_audit_read(const char *text, long long *value, int *decimals, int *percent)
{
	const unsigned char *p = (const unsigned char *)text;
	*value = 0;
	*decimals = 0;
	*percent = 0;
	while (*p == ' ')
		p++;
	/* "–" (the cell says there is nothing) and "" are empty */
	if (!*p || !strcmp((const char *)p, "\xE2\x80\x93"))
		return 0;
	int neg = 0;
	if (!strncmp((const char *)p, "\xE2\x88\x92", 3)) { /* − */
		neg = 1;
		p += 3;
	} else if (*p == '-') {
		neg = 1;
		p++;
	}
	int digits = 0, frac = -1;
	long long v = 0;
	for (;;) {
		if (*p >= '0' && *p <= '9') {
			if (v > 99999999999999999LL / 10)
				return -1;
			v = v * 10 + (*p - '0');
			digits++;
			if (frac >= 0)
				frac++;
			p++;
		} else if (*p == ',' && frac < 0 && digits) {
			frac = 0;
			p++;
		} else if (frac < 0 && digits && (*p == ' ' || !strncmp((const char *)p, "\xC2\xA0", 2) ||
						  !strncmp((const char *)p, "\xE2\x80\xAF", 3))) {
			/* a thousands space, if a digit follows */
			size_t w = *p == ' ' ? 1 : *p == 0xC2 ? 2 : 3;
			if (p[w] < '0' || p[w] > '9')
				break;
			p += w;
		} else {
			break;
		}
	}
	if (!digits || frac == 0)
		return -1;
	/* " %" after the figure, with any kind of space */
	while (*p == ' ' || !strncmp((const char *)p, "\xC2\xA0", 2) || !strncmp((const char *)p, "\xE2\x80\xAF", 3))
		p += *p == ' ' ? 1 : *p == 0xC2 ? 2 : 3;
	if (*p == '%') {
		*percent = 1;
		p++;
	}
	/* footnote markers after the figure */
	while (*p == '*' || *p == ' ')
		p++;
	if (*p)
		return -1;
	*value = neg ? -v : v;
	*decimals = frac > 0 ? frac : 0;
	return 1;
}

/* ---------- the table's rows as the HTML shows them ---------- */

struct shown {
	char ***cells;  /* per model row: the shown columns' texts (NULL for a heading) */
	size_t nrows;
	size_t ncells;
	char **slots;   /* every row's cells, ncells a row */
	char *text;     /* the texts the slots point into */
};

static void shown_free(struct shown *s)
{
	free(s->cells);
	free(s->slots);
	free(s->text);
}

/* the next tag at or after p that starts with name ("<tbody>", "</t"),
 * or NULL; tags are found by their '<', not byte by byte */
static const char *find_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
		if ((size_t)(end - p) >= n && !memcmp(p, name, n))
			return p;
		p++;
	}
	return NULL;
}

/* 1 if the tag at p is <name> or <name ...> */
static int is_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	return (size_t)(end - p) > n && !memcmp(p, name, n) && (p[n] == '>' || p[n] == ' ');
}

/* Splits the <tbody> into rows and cells, in one pass over its tags.
 * Returns 0, or -1 when the HTML does not have the table's rows and
 * columns (itself an audit failure). */
static int read_shown(const char *html, size_t len, size_t nrows, size_t ncells, struct shown *s)
{
	memset(s, 0, sizeof *s);
	s->cells = xcalloc(nrows + 1, sizeof *s->cells);
	s->slots = xcalloc(nrows * ncells + 1, sizeof *s->slots);
	s->ncells = ncells;
	const char *end = html + len;
	const char *p = find_tag(html, end, "<tbody>");
	if (!p)
		return -1;
	/* the cells' texts go into one buffer; their offsets into it are
	 * made pointers once it has stopped growing */
	buf_t text = BUF_INIT;
	size_t *at = xcalloc(nrows * ncells + 1, sizeof *at);
	int in_row = 0, heading = 0, bad = 0, closed = 0;
	size_t n = 0;
	for (const char *q = p + 7; !bad && q < end && (q = memchr(q, '<', (size_t)(end - q)));) {
		/* most tags are none of these: the byte after '<' tells */
		if (q + 1 == end) {
			break;
		} else if (q[1] == 't' && is_tag(q, end, "<tr")) {
			if (in_row || s->nrows == nrows) {
				bad = 1;
				break;
			}
			in_row = 1;
			heading = !strncmp(q, "<tr class=\"heading\"", 19);
			n = 0;
			q += 3;
		} else if (q[1] == '/' && !strncmp(q, "</tr>", 5)) {
			if (!in_row || (!heading && n != ncells)) {
				bad = 1;
				break;
			}
			s->cells[s->nrows] = heading ? NULL : s->slots + s->nrows * ncells;
			s->nrows++;
			in_row = 0;
			q += 5;
		} else if (q[1] == '/' && !strncmp(q, "</tbody>", 8)) {
			closed = 1;
			break;
		} else if (q[1] == 't' && in_row && !heading && (is_tag(q, end, "<td") || is_tag(q, end, "<th"))) {
			/* the cell's text runs to its "</td>" or "</th>" */
			const char *gt = memchr(q, '>', (size_t)(end - q));
			const char *close = gt ? find_tag(gt, end, "</t") : NULL;
			if (!close || n == ncells) {
				bad = 1;
				break;
			}
			at[s->nrows * ncells + n++] = text.len;
			cell_text(&text, gt + 1, (size_t)(close - gt - 1));
			q = close + 5;
		} else {
			q++;
		}
	}
	if (in_row || !closed)
		bad = 1;
	s->text = text.data; /* NULL when no cell has been read */
	for (size_t r = 0; r < s->nrows; r++)
		for (size_t j = 0; s->cells[r] && j < ncells; j++)
			s->cells[r][j] = s->text + at[r * ncells + j];
	free(at);
	return !bad && s->nrows == nrows ? 0 : -1;
}

/* ---------- the checks ---------- */

static long long pow10ll(int n)
{
	long long p = 1;
	while (n-- > 0)
		p *= 10;
	return p;
}

/* a shown figure as a whole number of units of 10^-6 */
static __int128 scaled(long long v, int decimals)
{
	return (__int128)v * pow10ll(6 - (decimals > 6 ? 6 : decimals));
}

/* 1 if two rows show the same cells, some figure among them (figure[j]:
 * shown column j holds figures) */
/* A total row as shown, for finding one shown twice. */
struct shown_row {
	const char *label;
	char **cells;
	size_t ncells;
	size_t row;
};

static int by_shown(const void *pa, const void *pb)
{
	const struct shown_row *a = pa, *b = pb;
	int c = strcmp(a->label, b->label);
	for (size_t j = 0; !c && j < a->ncells; j++)
		c = strcmp(a->cells[j], b->cells[j]);
	return c ? c : (a->row > b->row) - (a->row < b->row);
}

static int same_cells(char **a, char **b, size_t n, const unsigned char *figure)
{
	if (!a || !b)
		return 0;
	int shown = 0;
	for (size_t j = 0; j < n; j++) {
		if (strcmp(a[j], b[j]))
			return 0;
		/* a dash says there is no figure, as an empty cell does */
		long long v;
		int d, p;
		shown |= figure[j] && tbl_audit_read(a[j], &v, &d, &p) == 1;
	}
	return shown;
}

/* One failure: "Tabell 3, row "Summa", column "Belopp": WHAT". */
static int fail(const struct table_ctx *c, const struct tbl *t, int line, const char *row,
		const char *col, const char *what)
{
	diag(DIAG_ERROR, c->page_path, line, 0,
	     "%s, row \"%s\", column \"%s\": %s (audit of the table as shown; a rounding "
	     "difference the table means to show is declared with 'tolerance:')",
	     t->numbered ? t->numbered : _("the table"), row, col, what);
	return 1;
}

/* a sum of shown figures (units of 10^-6), written as the cells write them */
static void put_figure(buf_t *b, __int128 sum, int dec, int pct)
{
	__int128 m = sum < 0 ? -sum : sum;
	long long unit = pow10ll(6 - (dec > 6 ? 6 : dec));
	long long whole = (long long)(m / 1000000), frac = (long long)((m % 1000000) / unit);
	if (sum < 0)
		buf_puts(b, "\xE2\x88\x92");
	char digits[32];
	int nd = snprintf(digits, sizeof digits, "%lld", whole);
	for (int i = 0; i < nd; i++) {
		if (i && (nd - i) % 3 == 0)
			buf_puts(b, "\xC2\xA0");
		buf_putc(b, digits[i]);
	}
	if (dec > 0)
		buf_printf(b, ",%0*lld", dec, frac);
	if (pct)
		buf_puts(b, "\xC2\xA0%");
}

int tbl_audit(const struct table_ctx *c, const struct tbl *t, const char *html, size_t len,
	      int block_line)
{
	/* the model's columns in the order the HTML shows them */
	size_t *shown_col = calloc(t->ncols + 1, sizeof *shown_col);
	unsigned char *figure = calloc(t->ncols + 1, 1);
	size_t ncells = 0;
	for (size_t j = 0; j < t->ncols; j++)
		if (!t->cols[j].hidden) {
			figure[ncells] = t->cols[j].kind != COL_TEXT && (int)j != t->label_col;
			shown_col[j] = ncells++;
		}
	struct shown s;
	int errors = 0;
	if (read_shown(html, len, t->nrows, ncells, &s) != 0) {
		diag(DIAG_ERROR, c->page_path, block_line, 0,
		     "%s: the audit cannot find the table's %zu rows and %zu columns in its HTML "
		     "(a fault of planpress or of a template; report it)",
		     t->numbered ? t->numbered : _("the table"), t->nrows, ncells);
		shown_free(&s);
		free(shown_col);
		free(figure);
		return 1;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		const struct trow *row = &t->rows[r];
		if (row->kind == ROW_HEADING || !s.cells[r])
			continue;
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden || col->kind == COL_TEXT || (int)j == t->label_col)
				continue;
			const char *text = s.cells[r][shown_col[j]];
			long long v;
			int d, pct;
			int got = tbl_audit_read(text, &v, &d, &pct);
			if (got < 0) {
				buf_t w = BUF_INIT;
				buf_printf(&w, _("the cell shows \"%s\", which is no figure"), text);
				errors += fail(c, t, block_line, row->label, col->label, buf_cstr(&w));
				buf_free(&w);
				continue;
			}
			/* a computed cell shows a figure only where its inputs do */
			if (got > 0 && row->kind == ROW_DATA && col->ninputs) {
				for (size_t k = 0; k < col->ninputs; k++) {
					const struct tcol *in = &t->cols[col->inputs[k]];
					if (in->kind == COL_TEXT)
						continue;
					int empty = in->hidden ? !in->has[r]
						: tbl_audit_read(s.cells[r][shown_col[col->inputs[k]]], &v, &d, &pct) == 0;
					if (empty) {
						buf_t w = BUF_INIT;
						buf_printf(&w, _("it shows %s, computed from \"%s\", which is empty on that row"),
							   text, in->label);
						errors += fail(c, t, block_line, row->label, col->label, buf_cstr(&w));
						buf_free(&w);
						break;
					}
				}
			}
			if (row->kind != ROW_TOTAL || !col->adds_up)
				continue;
			/* a total against its parts as shown */
			__int128 sum = 0;
			int any = 0, dec = d;
			for (size_t k = 0; k < row->nitems; k++) {
				const char **cells = (const char **)s.cells[row->items[k]];
				if (!cells)
					continue;
				long long pv;
				int pd, pp;
				int pg = tbl_audit_read(cells[shown_col[j]], &pv, &pd, &pp);
				if (pg <= 0)
					continue;
				sum += scaled(pv, pd);
				any = 1;
				if (pd > dec)
					dec = pd;
			}
			if (!any && got == 0)
				continue;
			__int128 total = got > 0 ? scaled(v, d) : 0;
			__int128 diff = total - sum;
			if (diff < 0)
				diff = -diff;
			/* tolerance is in the column's figures; percent cells
			 * show a hundred times their value */
			__int128 tol = (__int128)t->tolerance * (pct ? 100 : 1);
			if (any && got > 0 && diff <= tol)
				continue;
			buf_t w = BUF_INIT, parts = BUF_INIT;
			put_figure(&parts, sum, dec, pct);
			if (!any)
				buf_printf(&w, _("the total shows %s but all its parts are empty"), text);
			else if (got > 0)
				buf_printf(&w, _("the total shows %s but its parts as shown add up to %s"), text,
					   buf_cstr(&parts));
			else
				buf_printf(&w, _("the total shows nothing but its parts as shown add up to %s"),
					   buf_cstr(&parts));
			errors += fail(c, t, block_line, row->label, col->label, buf_cstr(&w));
			buf_free(&w);
			buf_free(&parts);
		}
	}
	/* no total row twice: the same label and the same figures (two
	 * sections may each end in a "Totalt" of their own). Sorted by
	 * what they show, twins lie side by side. */
	size_t ntot = 0;
	for (size_t r = 0; r < t->nrows; r++)
		ntot += t->rows[r].kind == ROW_TOTAL && t->rows[r].label[0] && s.cells[r];
	struct shown_row *tot = xcalloc(ntot + 1, sizeof *tot);
	ntot = 0;
	for (size_t r = 0; r < t->nrows; r++)
		if (t->rows[r].kind == ROW_TOTAL && t->rows[r].label[0] && s.cells[r])
			tot[ntot++] = (struct shown_row){t->rows[r].label, s.cells[r], ncells, r};
	qsort(tot, ntot, sizeof *tot, by_shown);
	for (size_t i = 0; i + 1 < ntot; i++)
		if (!strcmp(tot[i].label, tot[i + 1].label) &&
		    same_cells(tot[i].cells, tot[i + 1].cells, ncells, figure)) {
			diag(DIAG_ERROR, c->page_path, block_line, 0,
			     "%s shows the total row \"%s\" twice; a table shows each total once "
			     "(planpress's audit of the table as shown)",
			     t->numbered ? t->numbered : _("the table"), tot[i].label);
			errors++;
		}
	free(tot);
	shown_free(&s);
	free(shown_col);
	free(figure);
	if (errors)
		atomic_fetch_add(&failures, 1);
	return errors;
}
