/*
 * figref: checks that figures agree across tables and pages, and that
 * every note number has its note. See figref.h.
 */
#include "figref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blockopts.h"
#include "buf.h"
#include "cache.h"
#include "diag.h"
#include "fsutil.h"
#include "i18n.h"
#include "numfmt.h"
#include "page.h"
#include "slug.h"
#include "suggest.h"
#include "table.h"
#include "tblcalc.h"

/* A table's figures as shown: its rows' and figure columns' labels and
 * each cell's value, rounded as shown. */
struct fig_col {
	char *label, *name;
	int decimals, percent;
};

struct fig_table {
	char *id, *numbered;
	char **rows;
	unsigned char *heading;
	size_t nrows;
	struct fig_col *cols;
	size_t ncols;
	num_t *v;           /* nrows × ncols */
	unsigned char *has;
	char *csv_path;
	uint64_t csv_print;
	num_t tolerance;
};

struct fig_check {
	char *text;
	int line;
	size_t table;       /* its block's table, in figref_page.tables */
	struct fig_side lhs, rhs;
};

struct fig_note {
	char *num;
	int line;
};

struct figref_page {
	struct fig_table *tables;
	size_t ntables;
	struct fig_check *checks;
	size_t nchecks;
	struct fig_note *notes;
	size_t nnotes;
	char **deps;
	uint64_t *prints;
	size_t ndeps;
};

/* ---------- the form of a check ---------- */

void figref_side_free(struct fig_side *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->terms[i].target);
		free(s->terms[i].cell);
	}
	free(s->terms);
	s->terms = NULL;
	s->n = 0;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || !strncmp(p, "\xC2\xA0", 2))
		p += *p == (char)0xC2 ? 2 : 1;
	return p;
}

/* '+', '-', '−' (U+2212) or '–' (U+2013): its sign and length, or 0 */
static int op_at(const char *p, int *sign)
{
	if (*p == '+') {
		*sign = 1;
		return 1;
	}
	if (*p == '-') {
		*sign = -1;
		return 1;
	}
	if (!strncmp(p, "\xE2\x88\x92", 3) || !strncmp(p, "\xE2\x80\x93", 3)) {
		*sign = -1;
		return 3;
	}
	return 0;
}

/* The reference "[x: Row, Column]" without its brackets into term. */
static void split_target(const char *in, size_t n, struct fig_term *term)
{
	char *s = xstrndup(in, n);
	char *t = tblcalc_trim(s);
	/* "id: …" or "/page/#id: …": a word without spaces before a colon
	 * and a space ("S:a fordringar" is a row) */
	char *colon = strchr(t, ':');
	if (colon && colon > t && (colon[1] == ' ' || colon[1] == '\0') &&
	    (size_t)(colon - t) < strcspn(t, " \t")) {
		*colon = '\0';
		term->target = xstrdup(t);
		term->cell = xstrdup(tblcalc_trim(colon + 1));
	} else {
		term->cell = xstrdup(t);
	}
	free(s);
}

static int parse_side(const char *p, const char *end, struct fig_side *side, char *err, size_t errsz)
{
	int sign = 1, want_term = 1;
	size_t cap = 0;
	for (p = skip_space(p); p < end; p = skip_space(p)) {
		int s, n = op_at(p, &s);
		if (want_term && n && side->n == 0 && s < 0 && sign > 0) {
			sign = -1; /* "−[A, 2016]" */
			p += n;
			continue;
		}
		if (!want_term) {
			if (!n) {
				snprintf(err, errsz, _("expected + or − between the figures, at \"%.*s\""),
					 (int)(end - p), p);
				return -1;
			}
			sign = s;
			want_term = 1;
			p += n;
			continue;
		}
		struct fig_term term = {sign, NULL, NULL, 0};
		if (*p == '[') {
			const char *close = memchr(p, ']', (size_t)(end - p));
			if (!close) {
				snprintf(err, errsz, _("a '[' without its ']'"));
				return -1;
			}
			split_target(p + 1, (size_t)(close - p - 1), &term);
			if (!strstr(term.cell, ", ")) {
				snprintf(err, errsz,
					 _("[%s] must name a row and a column, such as [Årets resultat, 2016]"),
					 term.cell);
				free(term.target);
				free(term.cell);
				return -1;
			}
			p = close + 1;
		} else {
			/* a number, up to the next operator */
			const char *q = p;
			while (q < end && *q != '[') {
				int s2;
				if (q > p && op_at(q, &s2) && q[-1] == ' ')
					break;
				q++;
			}
			size_t len = (size_t)(q - p);
			while (len > 0 && p[len - 1] == ' ')
				len--;
			struct num_cell nc;
			if (len == 0 || num_parse(p, len, &nc) != 0 || nc.empty) {
				snprintf(err, errsz,
					 _("expected a figure such as [Årets resultat, 2016] or a number, at \"%.*s\""),
					 (int)(end - p), p);
				return -1;
			}
			term.num = nc.value;
			p = q;
		}
		if (side->n == cap) {
			cap = cap ? cap * 2 : 4;
			side->terms = xrealloc(side->terms, cap * sizeof *side->terms);
		}
		side->terms[side->n++] = term;
		want_term = 0;
	}
	if (want_term) {
		snprintf(err, errsz, _("expected a figure such as [Årets resultat, 2016]"));
		return -1;
	}
	return 0;
}

int figref_parse(const char *text, struct fig_side *lhs, struct fig_side *rhs, char *err, size_t errsz)
{
	memset(lhs, 0, sizeof *lhs);
	memset(rhs, 0, sizeof *rhs);
	/* '=' outside the brackets, once */
	const char *eq = NULL;
	int depth = 0, neq = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '[')
			depth++;
		else if (*p == ']')
			depth--;
		else if (*p == '=' && depth == 0) {
			if (!eq)
				eq = p;
			neq++;
		}
	}
	if (neq != 1) {
		snprintf(err, errsz, _("a check is two sides with one '=' between them, such as "
				       "\"[Årets resultat, 2016] = [balansrakning: Årets resultat, 2016]\""));
		return -1;
	}
	if (parse_side(text, eq, lhs, err, errsz) != 0 ||
	    parse_side(eq + 1, eq + strlen(eq), rhs, err, errsz) != 0) {
		figref_side_free(lhs);
		figref_side_free(rhs);
		return -1;
	}
	return 0;
}

/* ---------- keeping a table's figures ---------- */

static struct figref_page *page_of(struct table_ctx *c)
{
	if (!c->fig)
		c->fig = xcalloc(1, sizeof *c->fig);
	return c->fig;
}

static void keep_table(struct figref_page *f, const struct tbl *t)
{
	f->tables = xrealloc(f->tables, (f->ntables + 1) * sizeof *f->tables);
	struct fig_table *ft = &f->tables[f->ntables++];
	memset(ft, 0, sizeof *ft);
	ft->id = xstrdup(t->id);
	ft->numbered = xstrdup(t->numbered ? t->numbered : t->id);
	ft->csv_path = t->csv_path ? xstrdup(t->csv_path) : NULL;
	ft->csv_print = t->csv_print;
	ft->tolerance = t->tolerance;
	ft->nrows = t->nrows;
	ft->rows = xcalloc(t->nrows + 1, sizeof *ft->rows);
	ft->heading = xcalloc(t->nrows + 1, 1);
	for (size_t i = 0; i < t->nrows; i++) {
		ft->rows[i] = xstrdup(t->rows[i].label);
		ft->heading[i] = t->rows[i].kind == ROW_HEADING;
	}
	ft->cols = xcalloc(t->ncols + 1, sizeof *ft->cols);
	for (size_t j = 0; j < t->ncols; j++) {
		const struct tcol *col = &t->cols[j];
		if (col->hidden || col->kind == COL_TEXT)
			continue;
		struct fig_col *fc = &ft->cols[ft->ncols++];
		fc->label = xstrdup(col->label);
		fc->name = xstrdup(col->name);
		fc->decimals = col->decimals < 0 ? 0 : col->decimals;
		fc->percent = col->kind == COL_PERCENT;
	}
	ft->v = xcalloc(t->nrows * ft->ncols + 1, sizeof *ft->v);
	ft->has = xcalloc(t->nrows * ft->ncols + 1, 1);
	for (size_t j = 0, k = 0; j < t->ncols; j++) {
		const struct tcol *col = &t->cols[j];
		if (col->hidden || col->kind == COL_TEXT)
			continue;
		/* as shown: a percentage 0,125 shown as 13 % is 0,13 */
		int dec = ft->cols[k].decimals + (ft->cols[k].percent ? 2 : 0);
		for (size_t i = 0; i < t->nrows; i++) {
			ft->has[i * ft->ncols + k] = col->has[i] && t->rows[i].kind != ROW_HEADING;
			ft->v[i * ft->ncols + k] = col->has[i] ? num_round(col->v[i], dec, 0) : 0;
		}
		k++;
	}
}

/* the note numbers of t's note columns, once each */
static void keep_notes(struct figref_page *f, const struct tbl *t, int line)
{
	for (size_t j = 0; j < t->ncols; j++) {
		const struct tcol *col = &t->cols[j];
		if (!col->note || col->hidden || !col->text)
			continue;
		for (size_t i = 0; i < t->nrows; i++) {
			const char *s = col->text[i];
			while (s && *s) {
				size_t n = strspn(s, "0123456789");
				if (!n) {
					s++;
					continue;
				}
				int seen = 0;
				for (size_t k = 0; k < f->nnotes && !seen; k++)
					seen = f->notes[k].line == line && strlen(f->notes[k].num) == n &&
					       !strncmp(f->notes[k].num, s, n);
				if (!seen) {
					f->notes = xrealloc(f->notes, (f->nnotes + 1) * sizeof *f->notes);
					f->notes[f->nnotes].num = xstrndup(s, n);
					f->notes[f->nnotes++].line = line;
				}
				s += n;
			}
		}
	}
}

void figref_keep(struct table_ctx *c, const struct tbl *t, json_object *agrees,
		 const struct fm_key *keys, size_t nkeys, int line)
{
	struct figref_page *f = page_of(c);
	keep_table(f, t);
	keep_notes(f, t, line);
	int at = 0;
	for (size_t i = 0; i < nkeys; i++)
		if (!keys[i].parent && keys[i].name && !strcmp(keys[i].name, "agrees"))
			at = keys[i].line;
	for (size_t k = 0; agrees && k < json_object_array_length(agrees); k++) {
		const char *s = json_object_get_string(json_object_array_get_idx(agrees, k));
		int kline = blockopts_line(keys, nkeys, "agrees", NULL, (int)k, at ? at : line);
		struct fig_check ch;
		memset(&ch, 0, sizeof ch);
		char err[256];
		if (figref_parse(s ? s : "", &ch.lhs, &ch.rhs, err, sizeof err) != 0) {
			diag(DIAG_ERROR, c->page_path, kline, 0, "agrees: %s", err);
			c->errors++;
			continue;
		}
		ch.text = xstrdup(s);
		ch.line = kline;
		ch.table = f->ntables - 1;
		f->checks = xrealloc(f->checks, (f->nchecks + 1) * sizeof *f->checks);
		f->checks[f->nchecks++] = ch;
	}
}

void figref_free(struct figref_page *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->ntables; i++) {
		struct fig_table *ft = &f->tables[i];
		free(ft->id);
		free(ft->numbered);
		free_strings(ft->rows, ft->nrows);
		free(ft->heading);
		for (size_t j = 0; j < ft->ncols; j++) {
			free(ft->cols[j].label);
			free(ft->cols[j].name);
		}
		free(ft->cols);
		free(ft->v);
		free(ft->has);
		free(ft->csv_path);
	}
	free(f->tables);
	for (size_t i = 0; i < f->nchecks; i++) {
		free(f->checks[i].text);
		figref_side_free(&f->checks[i].lhs);
		figref_side_free(&f->checks[i].rhs);
	}
	free(f->checks);
	for (size_t i = 0; i < f->nnotes; i++)
		free(f->notes[i].num);
	free(f->notes);
	free_strings(f->deps, f->ndeps);
	free(f->prints);
	free(f);
}

size_t figref_deps(const struct table_ctx *c, const char *const **paths, const uint64_t **prints)
{
	if (!c->fig) {
		*paths = NULL;
		*prints = NULL;
		return 0;
	}
	*paths = (const char *const *)c->fig->deps;
	*prints = c->fig->prints;
	return c->fig->ndeps;
}

static void add_dep(struct figref_page *f, const char *path, uint64_t print)
{
	for (size_t i = 0; i < f->ndeps; i++)
		if (!strcmp(f->deps[i], path))
			return;
	f->deps = xrealloc(f->deps, (f->ndeps + 1) * sizeof *f->deps);
	f->prints = xrealloc(f->prints, (f->ndeps + 1) * sizeof *f->prints);
	f->deps[f->ndeps] = xstrdup(path);
	f->prints[f->ndeps++] = print;
}

/* ---------- checking ---------- */

/* A cell found: its table and where it is, for the message. */
struct where {
	const struct fig_table *table;
	const struct page *page;  /* the page it is on */
};

static const struct fig_table *table_by_id(const struct figref_page *f, const char *id)
{
	buf_t b = BUF_INIT;
	slug_append(&b, id, strlen(id));
	const struct fig_table *hit = NULL;
	for (size_t i = 0; f && i < f->ntables && !hit; i++)
		if (!strcmp(f->tables[i].id, buf_cstr(&b)))
			hit = &f->tables[i];
	buf_free(&b);
	return hit;
}

/* "did you mean 'x'?" after the message, when a known word is near */
static void suggest_among(buf_t *out, const char *word, const char *const *known)
{
	size_t n = strlen(word);
	/* 2017 is not a misspelt 2016 */
	if (word[strspn(word, "0123456789 ")] == '\0')
		return;
	const char *near = suggest_nearest(word, known, n < 6 ? 1 : n < 12 ? 2 : 3);
	if (near)
		buf_printf(out, _("; did you mean '%s'?"), near);
}

static int row_of(const struct fig_table *t, const char *label)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (!t->heading[i] && tblcalc_same_label(t->rows[i], label))
			return (int)i;
	for (size_t i = 0; i < t->nrows; i++)
		if (tblcalc_same_label(t->rows[i], label))
			return (int)i;
	return -1;
}

static int col_of(const struct fig_table *t, const char *label)
{
	for (size_t j = 0; j < t->ncols; j++)
		if (tblcalc_same_label(t->cols[j].label, label) || tblcalc_same_label(t->cols[j].name, label))
			return (int)j;
	return -1;
}

/* where a table is, for messages: "Tabell 3 (balansrakning)", and the
 * page's file when it is another page */
static void place(buf_t *out, const struct where *w, const struct page *here)
{
	if (w->page != here)
		buf_printf(out, _("%s (%s) of %s"), w->table->numbered, w->table->id, w->page->path);
	else
		buf_printf(out, "%s (%s)", w->table->numbered, w->table->id);
}

struct checker {
	const struct figref_site *s;
	struct page *p;            /* the page of the check */
	const struct fig_table *self;
	int line;
};

/* The page a target "ADDRESS#id" names: a site address (/a/b/) or a
 * Markdown file as a link names it (b.md, ../a/b.md). */
static struct page *page_at(struct checker *k, const char *addr)
{
	const struct figref_site *s = k->s;
	size_t n = strlen(addr);
	if (n > 3 && !strcmp(addr + n - 3, ".md")) {
		char *rel = addr[0] == '/' ? xstrdup(addr + 1)
			    : k->p->dir && k->p->dir[0] ? fs_join(k->p->dir, addr) : xstrdup(addr);
		char *norm = fs_rel_normalise(rel);
		struct page *q = norm ? s->by_rel(s->ud, norm) : NULL;
		free(rel);
		free(norm);
		return q;
	}
	while (*addr == '/')
		addr++;
	n = strlen(addr);
	while (n > 0 && addr[n - 1] == '/')
		n--;
	for (size_t i = 0; i < s->npages; i++) {
		const char *u = s->pages[i]->url_path;
		size_t m = u ? strlen(u) : 0;
		while (m > 0 && u[m - 1] == '/')
			m--;
		if (u && m == n && !strncmp(u, addr, n))
			return s->pages[i];
	}
	return NULL;
}

/* The table a term names, or NULL after an error. */
static int find_table(struct checker *k, const char *target, struct where *w)
{
	w->page = k->p;
	if (!target) {
		w->table = k->self;
		return 0;
	}
	const char *hash = strrchr(target, '#');
	const char *id = hash ? hash + 1 : target;
	struct page *q = k->p;
	if (hash) {
		char *addr = xstrndup(target, (size_t)(hash - target));
		q = addr[0] ? page_at(k, addr) : k->p;
		if (!q) {
			diag(DIAG_ERROR, k->p->path, k->line, 0,
			     "agrees: no page at '%s'; give the page's address, such as "
			     "/mphla/verksamhetsplan-2016/, or its file, such as verksamhetsplan-2016.md",
			     addr);
			free(addr);
			return -1;
		}
		free(addr);
		/* a page from the build cache has no tables yet: it is read
		 * and rendered again */
		if (q->cached && !q->failed) {
			k->s->load_body(k->s->ud, q);
			q->render = 1;
		}
	}
	w->page = q;
	w->table = table_by_id(q->tables.fig, id);
	if (w->table)
		return 0;
	if (q->failed)
		return -1; /* its own errors were told */
	buf_t have = BUF_INIT, hint = BUF_INIT;
	const struct figref_page *f = q->tables.fig;
	const char **ids = xcalloc((f ? f->ntables : 0) + 1, sizeof *ids);
	for (size_t i = 0; f && i < f->ntables; i++) {
		buf_printf(&have, "%s'%s'", i ? ", " : "", f->tables[i].id);
		ids[i] = f->tables[i].id;
	}
	suggest_among(&hint, id, ids);
	free(ids);
	if (!have.len)
		buf_puts(&have, "-");
	if (q == k->p)
		diag(DIAG_ERROR, k->p->path, k->line, 0,
		     "agrees: no table with the id '%s' on this page (its tables are %s)%s", id,
		     buf_cstr(&have), buf_cstr(&hint));
	else
		diag(DIAG_ERROR, k->p->path, k->line, 0,
		     "agrees: no table with the id '%s' on %s (its tables are %s)%s", id, q->path,
		     buf_cstr(&have), buf_cstr(&hint));
	buf_free(&have);
	buf_free(&hint);
	return -1;
}

/* A term's value as shown, and "Row, Column" as the table shows them in
 * desc; -1 after an error. */
static int term_value(struct checker *k, const struct fig_term *term, struct where *w, num_t *v,
		      int *decimals, int *percent, buf_t *desc)
{
	if (!term->cell) {
		*v = term->num;
		*decimals = 0;
		*percent = 0;
		numfmt(desc, k->s->lang, term->num, 6, NUMFMT_TEXT);
		/* "1 234,000000" is 1 234 */
		while (desc->len && desc->data[desc->len - 1] == '0' && memchr(desc->data, ',', desc->len))
			desc->data[--desc->len] = '\0';
		if (desc->len && desc->data[desc->len - 1] == ',')
			desc->data[--desc->len] = '\0';
		w->table = NULL;
		return 0;
	}
	if (find_table(k, term->target, w) != 0)
		return -1;
	const struct fig_table *t = w->table;
	if (w->page != k->p) {
		if (t->csv_path)
			add_dep(k->p->tables.fig, t->csv_path, t->csv_print);
		add_dep(k->p->tables.fig, w->page->path, file_print(w->page->path));
	}
	/* "Row, Column": the split where both are found; the row may have
	 * a comma of its own ("Kommunerna, summa, 2016") */
	const char *cell = term->cell;
	int row = -1, col = -1;
	size_t row_split = 0, last = 0;
	for (const char *c = strstr(cell, ", "); c; c = strstr(c + 1, ", ")) {
		size_t at = (size_t)(c - cell);
		char *r = xstrndup(cell, at);
		int ri = row_of(t, tblcalc_trim(r));
		int ci = col_of(t, c + 2);
		free(r);
		last = at;
		if (ri >= 0 && !row_split)
			row_split = at;
		if (ri >= 0 && ci >= 0) {
			row = ri;
			col = ci;
			break;
		}
	}
	buf_t where = BUF_INIT;
	place(&where, w, k->p);
	if (row < 0 || col < 0) {
		size_t at = row_split ? row_split : last;
		char *r = xstrndup(cell, at);
		const char *rl = tblcalc_trim(r), *cl = cell + at + 2;
		buf_t hint = BUF_INIT;
		if (row_of(t, rl) < 0) {
			suggest_among(&hint, rl, (const char *const *)t->rows);
			diag(DIAG_ERROR, k->p->path, k->line, 0,
			     "agrees: %s has no row '%s'%s", buf_cstr(&where), rl, buf_cstr(&hint));
		} else {
			buf_t have = BUF_INIT;
			const char **labels = xcalloc(t->ncols + 1, sizeof *labels);
			for (size_t j = 0; j < t->ncols; j++) {
				buf_printf(&have, "%s'%s'", j ? ", " : "", t->cols[j].label);
				labels[j] = t->cols[j].label;
			}
			suggest_among(&hint, cl, labels);
			free(labels);
			diag(DIAG_ERROR, k->p->path, k->line, 0,
			     "agrees: %s has no column of figures '%s' (its columns of figures are %s)%s",
			     buf_cstr(&where), cl, have.len ? buf_cstr(&have) : "-", buf_cstr(&hint));
			buf_free(&have);
		}
		buf_free(&hint);
		buf_free(&where);
		free(r);
		return -1;
	}
	buf_printf(desc, "%s, %s", t->rows[row], t->cols[col].label);
	if (!t->has[(size_t)row * t->ncols + (size_t)col]) {
		diag(DIAG_ERROR, k->p->path, k->line, 0,
		     "agrees: %s, in %s, is empty: a check compares figures", buf_cstr(desc), buf_cstr(&where));
		buf_free(&where);
		return -1;
	}
	buf_free(&where);
	*v = t->v[(size_t)row * t->ncols + (size_t)col];
	*decimals = t->cols[col].decimals;
	*percent = t->cols[col].percent;
	return 0;
}

/* A side's value and how to tell it: "A, 2016 − A, 2015 in Tabell 3 (x)"
 * (the place once when all its figures are in one table, else after
 * each; "here" for this table). -1 after an error. */
static int side_value(struct checker *k, const struct fig_side *side, num_wide_t *sum, int *decimals,
		      int *percent, buf_t *desc, buf_t *plc)
{
	struct where *w = xcalloc(side->n + 1, sizeof *w);
	buf_t *d = xcalloc(side->n + 1, sizeof *d);
	int bad = 0, all_percent = 1;
	*sum = 0;
	*decimals = 0;
	for (size_t i = 0; i < side->n; i++) {
		num_t v;
		int dec, pct;
		if (term_value(k, &side->terms[i], &w[i], &v, &dec, &pct, &d[i]) != 0) {
			bad = 1;
			continue;
		}
		*sum += side->terms[i].sign * (num_wide_t)v;
		if (dec + (pct ? 2 : 0) > *decimals)
			*decimals = dec + (pct ? 2 : 0);
		all_percent &= pct;
	}
	if (!bad) {
		*percent = all_percent;
		if (all_percent)
			*decimals -= 2;
		const struct fig_table *one = NULL;
		int same = 1;
		for (size_t i = 0; i < side->n; i++) {
			if (!w[i].table)
				continue;
			if (one && (w[i].table != one))
				same = 0;
			one = w[i].table;
		}
		const struct page *one_page = NULL;
		for (size_t i = 0; i < side->n; i++)
			if (w[i].table == one)
				one_page = w[i].page;
		for (size_t i = 0; i < side->n; i++) {
			if (i)
				buf_puts(desc, side->terms[i].sign < 0 ? " \xE2\x88\x92 " : " + ");
			else if (side->terms[i].sign < 0)
				buf_puts(desc, "\xE2\x88\x92");
			buf_puts(desc, buf_cstr(&d[i]));
			if (!same && w[i].table) {
				buf_putc(desc, ' ');
				if (w[i].table == k->self)
					buf_puts(desc, _("here"));
				else {
					buf_puts(desc, _("in "));
					place(desc, &w[i], k->p);
				}
			}
		}
		if (same && one) {
			buf_putc(plc, ' ');
			if (one == k->self)
				buf_puts(plc, _("here"));
			else {
				struct where ow = {one, one_page};
				buf_puts(plc, _("in "));
				place(plc, &ow, k->p);
			}
		}
	}
	for (size_t i = 0; i < side->n; i++)
		buf_free(&d[i]);
	free(d);
	free(w);
	return bad ? -1 : 0;
}

static void show_value(const struct lang *l, num_wide_t v, int decimals, int percent, buf_t *out)
{
	num_t n = v > NUM_MAX ? NUM_MAX : v < -NUM_MAX ? -NUM_MAX : (num_t)v;
	if (percent)
		numfmt_percent(out, l, n, decimals, NUMFMT_TEXT);
	else
		numfmt(out, l, n, decimals, NUMFMT_TEXT);
}

static int check_one(struct checker *k, const struct fig_check *ch)
{
	num_wide_t a, b;
	int da, db, pa, pb;
	buf_t la = BUF_INIT, lb = BUF_INIT, wa = BUF_INIT, wb = BUF_INIT;
	int bad = 0;
	if (side_value(k, &ch->lhs, &a, &da, &pa, &la, &wa) != 0)
		bad = 1;
	if (side_value(k, &ch->rhs, &b, &db, &pb, &lb, &wb) != 0)
		bad = 1;
	num_wide_t diff = a > b ? a - b : b - a;
	if (!bad && diff > k->self->tolerance) {
		buf_t va = BUF_INIT, vb = BUF_INIT;
		show_value(k->s->lang, a, da, pa, &va);
		show_value(k->s->lang, b, db, pb, &vb);
		/* "A, 2016 is 1 234 here, but B, 2016 in Tabell 3 (x)
		 * gives 1 243": each side's place (" here", " in …", or
		 * none when its figures each have their own) */
		diag(DIAG_ERROR, k->p->path, ch->line, 0, "%s is %s%s, but %s%s gives %s", buf_cstr(&la),
		     buf_cstr(&va), buf_cstr(&wa), buf_cstr(&lb), buf_cstr(&wb), buf_cstr(&vb));
		buf_free(&va);
		buf_free(&vb);
		bad = 1;
	}
	buf_free(&la);
	buf_free(&lb);
	buf_free(&wa);
	buf_free(&wb);
	return bad;
}

/* the page's headings have the note's id, not-3 */
static int check_notes(const struct page *p)
{
	const struct figref_page *f = p->tables.fig;
	int errors = 0;
	for (size_t i = 0; i < f->nnotes; i++) {
		char *id = xasprintf("not-%s", f->notes[i].num);
		int found = 0;
		for (size_t h = 0; h < p->md.nheadings && !found; h++)
			found = p->md.headings[h].id && !strcmp(p->md.headings[h].id, id);
		if (!found) {
			diag(DIAG_ERROR, p->path, f->notes[i].line, 0,
			     "the table refers to note %s, but the page has no heading for it: write one such as "
			     "'### Not %s …' (its id is then %s)",
			     f->notes[i].num, f->notes[i].num, id);
			errors++;
		}
		free(id);
	}
	return errors;
}

int figref_check(const struct figref_site *s)
{
	int errors = 0;
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		struct figref_page *f = p->tables.fig;
		if (!f || p->failed || p->cached)
			continue;
		errors += check_notes(p);
		for (size_t c = 0; c < f->nchecks; c++) {
			struct checker k = {s, p, &f->tables[f->checks[c].table], f->checks[c].line};
			errors += check_one(&k, &f->checks[c]);
		}
	}
	return errors;
}
