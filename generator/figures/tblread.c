/*
 * tblread: from a table block's options and its CSV file to the table
 * model. The order of work: read the CSV file; the columns as the block
 * lists them (kinds, units, formulas, and the hidden columns a formula
 * reads); the rows and their cells; the rows' roles (data rows, the
 * subtotals: and sums: lines, group by); then tblcalc.c computes the
 * formula columns and computes or checks every total. The options' forms
 * were checked before (blockspec.c); here is what they mean.
 */
#include "tblread.h"
#include "tblcalc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "blockopts.h"
#include "cache.h"
#include "csvread.h"
#include "diag.h"
#include "expr.h"
#include "fsutil.h"
#include "i18n.h"

#define MAX_DECIMALS 4

/* ---------- options ---------- */

int tbl_opt_line(const struct fm_key *keys, size_t n, const char *name, int dflt)
{
	for (size_t i = 0; i < n; i++)
		if (!keys[i].parent && keys[i].name && !strcmp(keys[i].name, name))
			return keys[i].line;
	return dflt;
}

const char *tbl_opt_text(struct table_ctx *c, json_object *o, const struct fm_key *keys,
			   size_t nkeys, int line, const char *name)
{
	json_object *v;
	if (!json_object_object_get_ex(o, name, &v) || !v)
		return NULL;
	if (json_object_get_type(v) == json_type_string || json_object_get_type(v) == json_type_int ||
	    json_object_get_type(v) == json_type_double)
		return json_object_get_string(v);
	diag(DIAG_ERROR, c->page_path, tbl_opt_line(keys, nkeys, name, line), 0,
	     "table option '%s' must be text", name);
	c->errors++;
	return NULL;
}

/* ---------- column specs ---------- */

/* "not", "noter", "note", "notes": a column of note numbers */
static int is_note_word(const char *k)
{
	return !strcasecmp(k, "not") || !strcasecmp(k, "noter") || !strcasecmp(k, "note") ||
	       !strcasecmp(k, "notes");
}

static int parse_kind_words(const char *spec, struct tcol *col, char *err, size_t errsz)
{
	/* kind [decimals] [unit → unit] */
	char buf[128];
	snprintf(buf, sizeof buf, "%s", spec);
	/* normalise the arrow to a plain word */
	char *arrow;
	while ((arrow = strstr(buf, "\xE2\x86\x92")))
		memcpy(arrow, " > ", 3);
	while ((arrow = strstr(buf, "->")))
		memcpy(arrow, " >", 2);
	char *words[8];
	int n = 0;
	/* pages render in parallel: strtok's hidden state would be shared */
	char *save = NULL;
	for (char *tok = strtok_r(buf, " \t", &save); tok && n < 8; tok = strtok_r(NULL, " \t", &save))
		words[n++] = tok;
	if (n == 0) {
		snprintf(err, errsz, _("expected a kind such as text, number, tkr or percent"));
		return -1;
	}
	int i = 0;
	const char *k = words[i++];
	int unit;
	if (!strcasecmp(k, "text") || !strcasecmp(k, "text:")) {
		col->kind = COL_TEXT;
	} else if (is_note_word(k)) {
		col->kind = COL_TEXT;
		col->note = 1;
	} else if (!strcasecmp(k, "number") || !strcasecmp(k, "tal")) {
		col->kind = COL_NUMBER;
	} else if (!strcasecmp(k, "percent") || !strcasecmp(k, "procent") || !strcmp(k, "%")) {
		col->kind = COL_PERCENT;
		col->unit = col->from = UNIT_PERCENT;
	} else if ((unit = num_unit_parse(k)) > 0 && unit != UNIT_PERCENT) {
		col->kind = COL_AMOUNT;
		col->unit = col->from = (enum num_unit)unit;
	} else {
		snprintf(err, errsz, _("unknown kind '%s': expected text, number, kr, tkr, mnkr, percent or not"), k);
		return -1;
	}
	for (; i < n; i++) {
		char *end;
		long d = strtol(words[i], &end, 10);
		if (*end == '\0' && end != words[i]) {
			if (d < 0 || d > MAX_DECIMALS) {
				snprintf(err, errsz, _("decimals must be from 0 to %d"), MAX_DECIMALS);
				return -1;
			}
			col->decimals = (int)d;
			col->decimals_set = 1;
			continue;
		}
		if (!strcmp(words[i], ">") && col->kind == COL_AMOUNT && i + 1 < n &&
		    (unit = num_unit_parse(words[i + 1])) > 0 && unit != UNIT_PERCENT) {
			col->unit = (enum num_unit)unit;
			i++;
			continue;
		}
		if (!strcasecmp(words[i], "truncate") || !strcasecmp(words[i], "trunkera")) {
			col->truncate = 1;
			continue;
		}
		if (!strcasecmp(words[i], "round") || !strcasecmp(words[i], "avrunda")) {
			col->truncate = 0;
			continue;
		}
		snprintf(err, errsz, _("did not understand '%s' (expected decimals, '→ tkr' or truncate)"),
			 words[i]);
		return -1;
	}
	return 0;
}

/* Splits at commas outside brackets, parentheses and quotes. */
static int split_top(char *s, char **parts, int max)
{
	int n = 0, depth = 0, quoted = 0;
	parts[n++] = s;
	for (char *p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '(' || *p == '['))
			depth++;
		else if (!quoted && (*p == ')' || *p == ']'))
			depth--;
		else if (!quoted && depth == 0 && *p == ',' && (p[1] == ' ' || p[1] == '\0') && n < max) {
			*p = '\0';
			parts[n++] = p + 1;
		}
	}
	return n;
}


struct spec {
	char *formula; /* NULL for CSV columns */
	char *label;   /* a "quoted" header, or NULL */
};

/* Reads one `Name: spec` line into col (kind, decimals, units) and spec. */
static int parse_spec(const char *text, struct tcol *col, struct spec *sp, char *err, size_t errsz)
{
	char *s = xstrdup(text);
	char *t = tblcalc_trim(s);
	/* a trailing "quoted header" */
	size_t n = strlen(t);
	if (n >= 2 && t[n - 1] == '"') {
		char *open = t + n - 2;
		while (open > t && *open != '"')
			open--;
		if (*open == '"') {
			sp->label = xstrndup(open + 1, (size_t)(t + n - 1 - open - 1));
			*open = '\0';
			t = tblcalc_trim(t);
			n = strlen(t);
			if (n > 0 && t[n - 1] == ',')
				t[--n] = '\0';
			t = tblcalc_trim(t);
		}
	}
	int rc = 0;
	if (t[0] == '=') {
		char *parts[8];
		int np = split_top(t + 1, parts, 8);
		sp->formula = xstrdup(tblcalc_trim(parts[0]));
		col->kind = COL_NUMBER; /* may be replaced below or by the first column read */
		col->decimals = -1;
		for (int i = 1; i < np && rc == 0; i++) {
			char *m = tblcalc_trim(parts[i]);
			if (!strcasecmp(m, "truncate") || !strcasecmp(m, "trunkera")) {
				col->truncate = 1;
			} else if (!strcasecmp(m, "round") || !strcasecmp(m, "avrunda")) {
				col->truncate = 0;
			} else {
				int trunc = col->truncate;
				rc = parse_kind_words(m, col, err, errsz);
				col->truncate |= trunc;
				if (rc == 0 && col->kind != COL_PERCENT && !col->decimals_set)
					col->decimals = -1;
			}
		}
		if (!*sp->formula) {
			snprintf(err, errsz, _("the formula after '=' is empty"));
			rc = -1;
		}
	} else if (*t) {
		rc = parse_kind_words(t, col, err, errsz);
	} else {
		snprintf(err, errsz, _("expected a kind such as text, number, tkr or percent"));
		rc = -1;
	}
	free(s);
	return rc;
}

/* ---------- loading ---------- */

struct finder {
	struct table_ctx *c;
	struct tbl *t;
	const struct csv_table *csv;
	int bad;
};

static void add_row_storage(struct tcol *col, size_t nrows)
{
	col->v = xcalloc(nrows + 1, sizeof *col->v);
	col->has = xcalloc(nrows + 1, 1);
	col->marker = xcalloc(nrows + 1, 1);
	col->dash = xcalloc(nrows + 1, 1);
}

static int parse_cells(struct table_ctx *c, struct tbl *t, const struct csv_table *csv, struct tcol *col);

/* A formula may read any column of the CSV file; one that is not shown
 * becomes a hidden column. */
static int find_col(void *ud, const char *name)
{
	struct finder *f = ud;
	struct tbl *t = f->t;
	for (size_t j = 0; j < t->ncols; j++)
		if (!strcasecmp(t->cols[j].name, name))
			return (int)j;
	int k = csv_table_column(f->csv, name);
	if (k < 0)
		return -1;
	t->cols = xrealloc(t->cols, (t->ncols + 2) * sizeof *t->cols);
	struct tcol *col = &t->cols[t->ncols];
	memset(col, 0, sizeof *col);
	col->name = xstrdup(name);
	col->label = xstrdup(name);
	col->kind = COL_NUMBER;
	col->csv = k;
	col->hidden = 1;
	add_row_storage(col, t->cap > t->nrows ? t->cap : t->nrows);
	if (parse_cells(f->c, t, f->csv, col) != 0)
		f->bad = 1;
	return (int)t->ncols++;
}

/* A column without a kind in the block is figures when most of its
 * filled cells are figures: one mistyped cell ("5x6") is then an error
 * at its line and column, and does not quietly make the column text and
 * its total unchecked. A column of text says so in 'columns:'. */
static int looks_numeric_column(const struct csv_table *csv, size_t j)
{
	size_t figures = 0, words = 0;
	for (size_t i = 0; i < csv->nrows; i++) {
		struct num_cell nc;
		const char *s = csv->cells[i][j];
		if (num_parse(s, strlen(s), &nc) != 0)
			words++;
		else if (!nc.empty)
			figures++;
	}
	return figures > 0 && figures > words;
}

static void strip_marker(char *label, int *marker)
{
	size_t n = strlen(label);
	while (n > 0 && (label[n - 1] == '*' || label[n - 1] == ' ')) {
		if (label[n - 1] == '*')
			(*marker)++;
		label[--n] = '\0';
	}
}

/* Reads path when it is a readable file: its text (*data, *len; the
 * caller frees it) and its fingerprint for the build cache, from the one
 * open the text was read through. Returns 1 if path names something; a
 * file that cannot be read or a link to nowhere has *data NULL, and
 * csvread says why when it tries again. */
static int read_print(const char *dir, const char *path, char **data, size_t *len, uint64_t *print)
{
	struct stat st;
	*data = fs_read_in(dir, path, len, &st);
	if (*data) {
		*print = file_print_stat(&st);
		return 1;
	}
	*print = 0;
	return errno != ENOENT || fs_exists(path);
}

static char *resolve_csv(struct table_ctx *c, const char *file, int line, uint64_t *print,
			 char **data, size_t *len)
{
	*data = NULL;
	if (!fs_rel_is_safe(file)) {
		diag(DIAG_ERROR, c->page_path, line, 0,
		     "file '%s' leaves the site's content folder; give a path relative to the page", file);
		return NULL;
	}
	char *rel = c->page_dir[0] ? fs_join(c->page_dir, file) : xstrdup(file);
	if (!fs_rel_is_safe(rel)) {
		diag(DIAG_ERROR, c->page_path, line, 0,
		     "file '%s' leaves the site's content folder", file);
		free(rel);
		return NULL;
	}
	char *path = fs_join(c->content_dir, rel);
	free(rel);
	if (read_print(c->content_dir, path, data, len, print)) {
		if (!*data && errno == EISDIR) {
			diag(DIAG_ERROR, c->page_path, line, 0,
			     "file '%s' is a folder; name the CSV file in it, such as 'file: budget.csv'", file);
			free(path);
			return NULL;
		}
		if (!*data && (errno == EXDEV || errno == ELOOP)) {
			diag(DIAG_ERROR, c->page_path, line, 0, "file '%s': %s", file, fs_strerror(errno));
			free(path);
			return NULL;
		}
		return path;
	}
	/* also look in the folder named like the page (page bundle) */
	char *bundle = c->page_dir[0] ? xasprintf("%s/%s/%s", c->page_dir, c->page_stem, file)
				      : xasprintf("%s/%s", c->page_stem, file);
	char *alt = fs_join(c->content_dir, bundle);
	free(bundle);
	if (read_print(c->content_dir, alt, data, len, print)) {
		free(path);
		return alt;
	}
	free(alt);
	*print = 0;
	return path; /* csvread reports it missing */
}


static int parse_cells(struct table_ctx *c, struct tbl *t, const struct csv_table *csv, struct tcol *col)
{
	(void)c;
	int maxdec = 0, bad = 0;
	for (size_t i = 0; i < csv->nrows && i < t->nrows; i++) {
		const char *cell = csv->cells[i][col->csv];
		struct num_cell nc;
		if (num_parse(cell, strlen(cell), &nc) != 0 ||
		    (nc.unit == UNIT_PERCENT && col->kind == COL_AMOUNT) ||
		    (nc.unit != UNIT_NONE && nc.unit != UNIT_PERCENT && col->kind == COL_PERCENT)) {
			const char *what =
				/* xgettext:no-c-format */
				col->kind == COL_PERCENT ? _("a percentage (such as 12 % or 12,5)")
				: col->kind == COL_AMOUNT ? _("an amount (such as 1 794 000 kr, −1 994 or 3 817,5)")
							  : _("a number (such as 1 794, −3 817,5 or 12)");
			if (col->inferred)
				diag(DIAG_ERROR, t->csv_path, csv->lines[i], col->csv + 1,
				     "cell \"%s\" in column \"%s\" is not %s, as the column's other cells are; if "
				     "the column is text, say so in the block: 'columns:' with '%s: text'",
				     cell, col->name, what, col->name);
			else
				diag(DIAG_ERROR, t->csv_path, csv->lines[i], col->csv + 1,
				     "cell \"%s\" in column \"%s\" is not %s", cell, col->name, what);
			bad = 1;
			continue;
		}
		col->dash[i] = (unsigned char)nc.dash;
		if (nc.empty)
			continue;
		num_t v = nc.value;
		if (col->kind == COL_PERCENT) {
			num_div(v, num_from_int(100), &v);
		} else if (col->kind == COL_AMOUNT) {
			enum num_unit from = nc.unit != UNIT_NONE ? nc.unit : col->from;
			if (num_scale_units(v, num_unit_steps(from, col->unit), &v) != 0) {
				diag(DIAG_ERROR, t->csv_path, csv->lines[i], col->csv + 1,
				     "cell \"%s\" in column \"%s\" is too large: in %s it would be more than 999 999 999 999",
				     cell, col->name, num_unit_name(col->unit));
				bad = 1;
				continue;
			}
		}
		col->v[i] = v;
		col->has[i] = 1;
		col->marker[i] = (unsigned char)nc.marker;
		if (nc.decimals > maxdec)
			maxdec = nc.decimals;
	}
	if (!col->decimals_set) {
		int steps = num_unit_steps(col->from, col->unit);
		col->decimals = col->kind == COL_PERCENT ? 0
			: steps < 0 ? 0 : maxdec > MAX_DECIMALS ? MAX_DECIMALS : maxdec;
	}
	return bad ? -1 : 0;
}

/* One block being read: its options, its CSV file and the table so far.
 * Each phase below reports what is wrong at its option's line and sets
 * bad; the phases after one that failed are not run. */
struct reader {
	struct table_ctx *c;
	json_object *opts;
	const struct fm_key *keys;
	size_t nkeys;
	int line;              /* the block's first option line */
	const char *file;      /* as the block gives it */
	struct csv_table csv;
	struct tbl *t;
	struct spec *specs;    /* per listed column (NULL: every CSV column) */
	size_t nspecs;
	int cols_line;
	struct scope *scopes;  /* per row: what a total adds up */
	int has_sums;          /* sums: (or subtotals:) lines were given */
	int bad;
};

static int opt_line(const struct reader *r, const char *name)
{
	return tbl_opt_line(r->keys, r->nkeys, name, r->line);
}

static const char *opt_text(struct reader *r, const char *name)
{
	return tbl_opt_text(r->c, r->opts, r->keys, r->nkeys, r->line, name);
}

/* file: the CSV file, read and parsed; 0, or -1 after an error */
static int read_file(struct reader *r, const char *kind)
{
	struct table_ctx *c = r->c;
	r->file = opt_text(r, "file");
	if (!r->file) {
		if (!c->errors) {
			diag(DIAG_ERROR, c->page_path, r->line, 0,
			     "%s block needs 'file: NAME.csv' naming its CSV file", kind);
			c->errors++;
		}
		return -1;
	}
	/* the fingerprint is taken before reading: a file that changes
	 * meanwhile is read again by the next build */
	uint64_t print;
	char *text;
	size_t text_len;
	char *path = resolve_csv(c, r->file, opt_line(r, "file"), &print, &text, &text_len);
	if (!path) {
		c->errors++;
		return -1;
	}
	int read = text ? csv_table_parse(path, text, text_len, &r->csv)
			: csv_table_read(c->content_dir, path, &r->csv);
	free(text);
	if (read != 0) {
		free(path);
		csv_table_free(&r->csv);
		c->errors++;
		return -1;
	}
	struct tbl *t = xcalloc(1, sizeof *t);
	t->csv_path = path;
	t->csv_print = print;
	t->csv_rel = xstrdup(r->file);
	t->label_col = -1;
	r->t = t;
	return 0;
}

/* columns: as listed in the block, or every CSV column; the first text
 * column holds the rows' labels */
static void read_columns(struct reader *r)
{
	struct table_ctx *c = r->c;
	struct tbl *t = r->t;
	const struct csv_table *csv = &r->csv;
	char err[256];
	json_object *cols = NULL;
	json_object_object_get_ex(r->opts, "columns", &cols);
	r->cols_line = opt_line(r, "columns");
	if (cols && json_object_get_type(cols) == json_type_object) {
		size_t n = (size_t)json_object_object_length(cols), j = 0;
		t->cols = xcalloc(n + 1, sizeof *t->cols);
		r->specs = xcalloc(n + 1, sizeof *r->specs);
		r->nspecs = n;
		json_object_object_foreach(cols, name, val) {
			struct tcol *col = &t->cols[j];
			struct spec *sp = &r->specs[j];
			col->name = xstrdup(name);
			col->csv = -1;
			const char *spec = val ? json_object_get_string(val) : "";
			int cl = blockopts_line(r->keys, r->nkeys, "columns", name, 0, r->cols_line);
			col->line = cl;
			if (parse_spec(spec ? spec : "", col, sp, err, sizeof err) != 0) {
				diag(DIAG_ERROR, c->page_path, cl, 0, "column '%s': %s", name, err);
				r->bad = 1;
			}
			if (!sp->formula) {
				col->csv = csv_table_column(csv, name);
				if (col->csv < 0) {
					buf_t have = BUF_INIT;
					for (size_t k = 0; k < csv->ncols; k++)
						buf_printf(&have, "%s\"%s\"", k ? ", " : "", csv->header[k]);
					diag(DIAG_ERROR, c->page_path, cl, 0,
					     "column '%s' is not in %s (its columns are %s)", name, r->file,
					     buf_cstr(&have));
					buf_free(&have);
					r->bad = 1;
				}
			}
			col->label = xstrdup(sp->label ? sp->label : name);
			j++;
		}
		t->ncols = n;
	} else {
		/* (blockspec.c has made sure 'columns' is a map when given) */
		t->cols = xcalloc(csv->ncols + 1, sizeof *t->cols);
		r->specs = xcalloc(csv->ncols + 1, sizeof *r->specs);
		r->nspecs = csv->ncols;
		for (size_t j = 0; j < csv->ncols; j++) {
			struct tcol *col = &t->cols[j];
			col->name = xstrdup(csv->header[j]);
			col->label = xstrdup(csv->header[j]);
			col->csv = (int)j;
			/* a column headed "Not" holds note numbers, never figures */
			if (j > 0 && is_note_word(csv->header[j])) {
				col->kind = COL_TEXT;
				col->note = 1;
			} else {
				col->kind = j > 0 && looks_numeric_column(csv, j) ? COL_NUMBER : COL_TEXT;
			}
			col->inferred = col->kind == COL_NUMBER;
		}
		t->ncols = csv->ncols;
	}
	for (size_t j = 0; j < t->ncols && t->label_col < 0; j++)
		if (t->cols[j].kind == COL_TEXT && !t->cols[j].note)
			t->label_col = (int)j;
}

/* tolerance: how far a declared total may differ from its parts */
static void read_tolerance(struct reader *r)
{
	json_object *tol;
	if (!json_object_object_get_ex(r->opts, "tolerance", &tol) || !tol)
		return;
	struct num_cell nc;
	const char *ts = json_object_get_string(tol);
	if (num_parse(ts, strlen(ts), &nc) != 0 || nc.empty || nc.value < 0) {
		diag(DIAG_ERROR, r->c->page_path, opt_line(r, "tolerance"), 0,
		     "tolerance must be a number such as 1");
		r->bad = 1;
	} else {
		r->t->tolerance = nc.value;
	}
}

/* the rows with their labels (a label's trailing stars are its footnote
 * mark), the text cells and the number cells */
static void read_rows(struct reader *r)
{
	struct tbl *t = r->t;
	const struct csv_table *csv = &r->csv;
	for (size_t i = 0; i < csv->nrows; i++) {
		const char *label = t->label_col >= 0 && t->cols[t->label_col].csv >= 0
			? csv->cells[i][t->cols[t->label_col].csv] : "";
		char *lab = xstrdup(label);
		int marker = 0;
		strip_marker(lab, &marker);
		tblcalc_add_row(t, ROW_DATA, lab, csv->lines[i]);
		t->rows[i].marker = marker;
		free(lab);
	}
	for (size_t j = 0; j < t->ncols; j++)
		if (t->cols[j].kind == COL_TEXT && t->cols[j].csv >= 0 && (int)j != t->label_col)
			for (size_t i = 0; i < csv->nrows; i++)
				t->cols[j].text[i] = xstrdup(csv->cells[i][t->cols[j].csv]);
	for (size_t j = 0; j < t->ncols; j++)
		if (t->cols[j].kind != COL_TEXT && t->cols[j].csv >= 0 &&
		    parse_cells(r->c, t, csv, &t->cols[j]) != 0)
			r->bad = 1;
	/* a note cell holds note numbers: "3", or "3, 4" */
	for (size_t j = 0; j < t->ncols; j++) {
		const struct tcol *col = &t->cols[j];
		if (!col->note || col->csv < 0 || (int)j == t->label_col)
			continue;
		for (size_t i = 0; i < csv->nrows; i++) {
			const char *cell = col->text[i];
			if (cell && cell[strspn(cell, "0123456789, ")] == '\0')
				continue;
			diag(DIAG_ERROR, t->csv_path, csv->lines[i], col->csv + 1,
			     "cell \"%s\" in the note column \"%s\" is not a note number (such as 3, or 3, 4)",
			     cell ? cell : "", col->name);
			r->bad = 1;
		}
	}
}

/* Formulas are parsed now, so the hidden columns they read are filled
 * before the rows are grouped. */
static void parse_formulas(struct reader *r)
{
	struct tbl *t = r->t;
	char err[256];
	size_t nshown = t->ncols;
	struct finder fnd = {r->c, t, &r->csv, 0};
	for (size_t j = 0; j < nshown && !r->bad; j++) {
		if (!r->specs || !r->specs[j].formula)
			continue;
		struct expr *e = expr_parse(r->specs[j].formula, find_col, &fnd, err, sizeof err);
		t->cols[j].expr = e; /* t->cols may have moved: hidden columns */
		if (!e) {
			diag(DIAG_ERROR, r->c->page_path,
			     blockopts_line(r->keys, r->nkeys, "columns", t->cols[j].name, 0, r->cols_line), 0,
			     "column '%s': %s", t->cols[j].name, err);
			r->bad = 1;
		}
	}
	if (fnd.bad)
		r->bad = 1;
}

/* data rows: rows whose label reads like a total but that are data
 * ("Kostnader totalt") */
static void mark_data_rows(struct reader *r)
{
	struct tbl *t = r->t;
	json_object *data_rows = NULL;
	json_object_object_get_ex(r->opts, "data rows", &data_rows);
	int data_line = opt_line(r, "data rows");
	/* (a list: blockspec.c makes one value on the line a list of one) */
	for (size_t k = 0; data_rows && !r->bad && k < json_object_array_length(data_rows); k++) {
		const char *label = json_object_get_string(json_object_array_get_idx(data_rows, k));
		int row = tblcalc_row_by_label(t, label ? label : "");
		if (row < 0) {
			diag(DIAG_ERROR, r->c->page_path,
			     blockopts_line(r->keys, r->nkeys, "data rows", NULL, (int)k, data_line), 0,
			     "data rows: no row labelled '%s' in %s", label ? label : "", r->file);
			r->bad = 1;
			continue;
		}
		for (size_t i = (size_t)row; i < t->nrows; i++)
			if (tblcalc_same_label(t->rows[i].label, label))
				t->rows[i].kind = ROW_DATA;
	}
}

/* The one row labelled label: its index, -1 when there is none (the
 * caller says so, in its own words), or -2 when several rows have that
 * label, after an error that names two of them: which one a sums: or
 * subtotals: line means is not planpress's to guess. */
static int only_row(struct reader *r, const char *key, const char *label, int at)
{
	const struct tbl *t = r->t;
	int first = -1;
	for (size_t i = 0; i < t->nrows; i++) {
		if (!tblcalc_same_label(t->rows[i].label, label))
			continue;
		if (first < 0) {
			first = (int)i;
			continue;
		}
		diag(DIAG_ERROR, r->c->page_path, at, 0,
		     "%s: '%s' names more than one row of %s (lines %d and %d); give the rows labels "
		     "that differ in the CSV file, so that it is clear which one is meant",
		     key, label, r->file, t->rows[first].line, t->rows[i].line);
		r->bad = 1;
		return -2;
	}
	return first;
}

/* subtotals the file lacks: a row of their own, put right below the last
 * row they add up, and then checked and computed as a 'sums:' line would
 * be. Returns their lines, for read_sums (NULL when there are none). */
static json_object *add_subtotals(struct reader *r)
{
	struct table_ctx *c = r->c;
	struct tbl *t = r->t;
	json_object *subtotals = NULL;
	json_object_object_get_ex(r->opts, "subtotals", &subtotals);
	int sub_line = opt_line(r, "subtotals");
	json_object *sub_sums = NULL;
	if (subtotals && !r->bad && opt_text(r, "group by")) {
		diag(DIAG_ERROR, c->page_path, sub_line, 0,
		     "'group by' and 'subtotals' cannot be used in the same table: the groups make their own subtotals");
		r->bad = 1;
	}
	for (size_t k = 0; subtotals && !r->bad && k < json_object_array_length(subtotals); k++) {
		const char *s = json_object_get_string(json_object_array_get_idx(subtotals, k));
		int kline = blockopts_line(r->keys, r->nkeys, "subtotals", NULL, (int)k, sub_line);
		char *copy = xstrdup(s ? s : "");
		char *eq = strchr(copy, '=');
		int last = -1;
		if (eq) {
			*eq = '\0';
			/* the last row named on the right: "A … B", "A + B + C" */
			char *rhs = xstrdup(eq + 1), *save = NULL;
			for (char *dots = strstr(rhs, "\xE2\x80\xA6"); dots; dots = strstr(rhs, "\xE2\x80\xA6"))
				memcpy(dots, "  +", 3);
			for (char *dots = strstr(rhs, "..."); dots; dots = strstr(rhs, "..."))
				memcpy(dots, "  +", 3);
			for (char *part = strtok_r(rhs, "+", &save); part; part = strtok_r(NULL, "+", &save)) {
				int row = only_row(r, "subtotals", tblcalc_trim(part), kline);
				if (row == -2)
					break;
				if (row < 0) {
					diag(DIAG_ERROR, c->page_path, kline, 0,
					     "subtotals: no row labelled '%s' in %s", tblcalc_trim(part), r->file);
					r->bad = 1;
					break;
				}
				if (row > last)
					last = row;
			}
			free(rhs);
		}
		char *label = tblcalc_trim(copy);
		if (!r->bad && (!eq || last < 0)) {
			diag(DIAG_ERROR, c->page_path, kline, 0,
			     "subtotals: '%s' must say which rows it adds up, such as "
			     "'Summa insatser = Insats A … Insats D'", s ? s : "");
			r->bad = 1;
		} else if (!r->bad && tblcalc_row_by_label(t, label) >= 0) {
			diag(DIAG_ERROR, c->page_path, kline, 0,
			     "subtotals: %s has a row '%s' already; to check it, list it under 'sums:'",
			     r->file, label);
			r->bad = 1;
		}
		if (!r->bad) {
			tblcalc_insert_row(t, (size_t)last + 1, ROW_TOTAL, label);
			t->rows[last + 1].opt_line = kline;
			if (!sub_sums)
				sub_sums = json_object_new_array();
			json_object_array_add(sub_sums, json_object_new_string(s));
		}
		free(copy);
	}
	return sub_sums;
}

/* One 'sums:' line, "Label = A … B" (a range) or "Label = A + B + C"
 * (a list), or "Label" alone (a total whose rows planpress finds). */
static void read_sums_line(struct reader *r, const char *s, int at)
{
	struct tbl *t = r->t;
	char *copy = xstrdup(s ? s : "");
	char *eq = strchr(copy, '=');
	if (eq)
		*eq = '\0';
	char *label = tblcalc_trim(copy);
	/* "Delsumma" alone makes every row so labelled a total, each of the
	 * rows above it; with its rows given, the label must name one row */
	int row = eq ? only_row(r, "sums", label, at) : tblcalc_row_by_label(t, label);
	if (row == -2) {
		free(copy);
		return;
	}
	if (row < 0) {
		diag(DIAG_ERROR, r->c->page_path, at, 0, "sums: no row labelled '%s' in %s", label, r->file);
		r->bad = 1;
		free(copy);
		return;
	}
	for (size_t i = (size_t)row; i < t->nrows; i++)
		if (i == (size_t)row || (!eq && tblcalc_same_label(t->rows[i].label, label)))
			t->rows[i].kind = ROW_TOTAL;
	struct scope *sc = &r->scopes[row];
	sc->line = at;
	if (eq) {
		char *rhs = tblcalc_trim(eq + 1);
		char *dots = strstr(rhs, "\xE2\x80\xA6");
		if (!dots)
			dots = strstr(rhs, "...");
		if (dots) {
			*dots = '\0';
			int a = only_row(r, "sums", tblcalc_trim(rhs), at);
			int b = a == -2 ? -2 : only_row(r, "sums", tblcalc_trim(dots + 3), at);
			if (a == -2 || b == -2) {
				/* said already */
			} else if (a < 0 || b < 0 || b < a) {
				diag(DIAG_ERROR, r->c->page_path, at, 0,
				     "sums: '%s' must name two rows of %s, the first above the second", s, r->file);
				r->bad = 1;
			} else {
				sc->from = a;
				sc->to = b + 1;
				sc->explicit_list = 0;
				sc->nlist = 1; /* marks the scope as given */
			}
		} else {
			sc->explicit_list = 1;
			char *save = NULL;
			for (char *part = strtok_r(rhs, "+", &save); part; part = strtok_r(NULL, "+", &save)) {
				int a = only_row(r, "sums", tblcalc_trim(part), at);
				if (a == -2)
					break;
				if (a < 0) {
					diag(DIAG_ERROR, r->c->page_path, at, 0,
					     "sums: no row labelled '%s' in %s", tblcalc_trim(part), r->file);
					r->bad = 1;
					break;
				}
				sc->list = xrealloc(sc->list, (sc->nlist + 1) * sizeof(int));
				sc->list[sc->nlist++] = a;
			}
		}
	}
	free(copy);
}

/* sums: the totals the file has that planpress cannot find by itself,
 * after the subtotals' own lines (a 'sums:' line may name them) */
static void read_sums(struct reader *r, json_object *sub_sums)
{
	r->scopes = xcalloc(r->t->nrows + 2, sizeof *r->scopes);
	json_object *sums = NULL;
	json_object_object_get_ex(r->opts, "sums", &sums);
	int sums_line = opt_line(r, "sums");
	if (sub_sums) {
		for (size_t k = 0; sums && k < json_object_array_length(sums); k++)
			json_object_array_add(sub_sums, json_object_get(json_object_array_get_idx(sums, k)));
		json_object_object_add(r->opts, "sums", sub_sums);
		sums = sub_sums;
		sums_line = opt_line(r, "subtotals");
	}
	r->has_sums = sums != NULL;
	for (size_t k = 0; sums && !r->bad && k < json_object_array_length(sums); k++)
		read_sums_line(r, json_object_get_string(json_object_array_get_idx(sums, k)),
			       blockopts_line(r->keys, r->nkeys, "sums", NULL, (int)k, sums_line));
}

/* Appends row k of from to g: its kind, label, line, mark and figures,
 * and with text, its text cells (which move over). */
static void move_row(struct tbl *g, struct tbl *from, size_t k, int text)
{
	tblcalc_add_row(g, from->rows[k].kind, from->rows[k].label, from->rows[k].line);
	g->rows[g->nrows - 1].marker = from->rows[k].marker;
	for (size_t j = 0; j < from->ncols; j++) {
		g->cols[j].v[g->nrows - 1] = from->cols[j].v[k];
		g->cols[j].has[g->nrows - 1] = from->cols[j].has[k];
		g->cols[j].marker[g->nrows - 1] = from->cols[j].marker[k];
		g->cols[j].dash[g->nrows - 1] = from->cols[j].dash[k];
		if (text && from->cols[j].text) {
			g->cols[j].text[g->nrows - 1] = from->cols[j].text[k];
			from->cols[j].text[k] = NULL;
		}
	}
}

/* group by: the rows in groups of one value of that column, each under a
 * heading and over its subtotal; the totals the file declares stay out
 * of the groups, come last and are checked against the subtotals */
static void group_rows(struct reader *r)
{
	struct table_ctx *c = r->c;
	struct tbl *t = r->t;
	const struct csv_table *csv = &r->csv;
	const char *group = opt_text(r, "group by");
	if (!group || r->bad)
		return;
	int group_line = opt_line(r, "group by");
	if (r->has_sums) {
		diag(DIAG_ERROR, c->page_path, group_line, 0,
		     "'group by' and 'sums' cannot be used in the same table: the groups make their own subtotals");
		r->bad = 1;
		return;
	}
	int gcol = csv_table_column(csv, group);
	if (gcol < 0) {
		diag(DIAG_ERROR, c->page_path, group_line, 0, "group by: no column '%s' in %s", group, r->file);
		r->bad = 1;
		return;
	}
	/* the rows again, in group order */
	struct tbl g = *t;
	g.rows = NULL;
	g.nrows = g.cap = 0;
	g.cols = xcalloc(t->ncols + 1, sizeof *g.cols);
	for (size_t j = 0; j < t->ncols; j++) {
		g.cols[j] = t->cols[j];
		g.cols[j].v = NULL;
		g.cols[j].has = NULL;
		g.cols[j].marker = NULL;
		g.cols[j].dash = NULL;
		g.cols[j].text = NULL;
	}
	unsigned char *done = xcalloc(csv->nrows + 1, 1);
	for (size_t i = 0; i < csv->nrows; i++)
		if (t->rows[i].kind == ROW_TOTAL)
			done[i] = 2;
	for (size_t i = 0; i < csv->nrows; i++) {
		if (done[i])
			continue;
		const char *name = csv->cells[i][gcol];
		tblcalc_add_row(&g, ROW_HEADING, name, 0);
		int head = (int)g.nrows - 1;
		for (size_t k = i; k < csv->nrows; k++) {
			if (done[k] || strcmp(csv->cells[k][gcol], name))
				continue;
			done[k] = 1;
			move_row(&g, t, k, 1);
		}
		char *sub = xasprintf("S:a %s", name);
		tblcalc_add_row(&g, ROW_TOTAL, sub, 0);
		g.rows[g.nrows - 1].group_of = head;
		g.rows[g.nrows - 1].opt_line = group_line;
		free(sub);
	}
	for (size_t k = 0; k < csv->nrows; k++)
		if (done[k] == 2)
			move_row(&g, t, k, 0);
	free(done);
	for (size_t j = 0; j < t->ncols; j++) {
		free(t->cols[j].v);
		free(t->cols[j].has);
		free(t->cols[j].marker);
		free(t->cols[j].dash);
		if (t->cols[j].text) {
			for (size_t i = 0; i < t->nrows; i++)
				free(t->cols[j].text[i]);
			free(t->cols[j].text);
		}
	}
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].label);
	free(t->rows);
	free(t->cols);
	*t = g;
	free(r->scopes);
	r->scopes = xcalloc(t->nrows + 2, sizeof *r->scopes);
}

/* total: Summa adds a computed total row, unless the file has that row
 * already: then it is the one checked, not printed twice. A file that
 * ends in a total of its own under another name is ambiguous. */
static void add_total(struct reader *r)
{
	struct table_ctx *c = r->c;
	struct tbl *t = r->t;
	const char *total = opt_text(r, "total");
	if (!total || r->bad)
		return;
	int total_line = opt_line(r, "total");
	int own_total = tblcalc_row_by_label(t, total);
	if (own_total >= 0 && t->rows[own_total].kind != ROW_TOTAL) {
		diag(DIAG_ERROR, c->page_path, total_line, 0,
		     "total: %s names a row of %s that is data (line %d); name the total row "
		     "something else, or leave 'total:' out", total, r->file, t->rows[own_total].line);
		r->bad = 1;
		return;
	}
	if (own_total >= 0)
		return;
	if (t->nrows > 0 && t->rows[t->nrows - 1].kind == ROW_TOTAL && t->rows[t->nrows - 1].group_of < 0 &&
	    r->scopes[t->nrows - 1].from == 0 && !r->scopes[t->nrows - 1].explicit_list) {
		const struct trow *last = &t->rows[t->nrows - 1];
		diag(DIAG_ERROR, c->page_path, total_line, 0,
		     "total: %s would add a second total: %s already ends with the total row \"%s\" "
		     "(line %d); write 'total: %s' to check that row, or leave 'total:' out",
		     total, r->file, last->label, last->line, last->label);
		r->bad = 1;
		return;
	}
	tblcalc_add_row(t, ROW_TOTAL, total, 0);
	t->rows[t->nrows - 1].opt_line = total_line;
	r->scopes = xrealloc(r->scopes, (t->nrows + 2) * sizeof *r->scopes);
	memset(&r->scopes[t->nrows - 1], 0, sizeof *r->scopes);
	r->scopes[t->nrows - 1].from = 0;
	r->scopes[t->nrows - 1].to = (int)t->nrows - 1;
}

struct tbl *tbl_from_options(struct table_ctx *c, json_object *opts, const struct fm_key *keys,
			     size_t nkeys, int line, const char *kind)
{
	struct reader r;
	memset(&r, 0, sizeof r);
	r.c = c;
	r.opts = opts;
	r.keys = keys;
	r.nkeys = nkeys;
	r.line = line;
	if (read_file(&r, kind) != 0)
		return NULL;
	read_columns(&r);
	read_tolerance(&r);
	if (!r.bad)
		read_rows(&r);
	if (!r.bad)
		parse_formulas(&r);
	if (!r.bad) {
		/* the rows' roles: headings have a label and no figures;
		 * totals are named so, or listed under sums: */
		tblcalc_roles(r.t);
		mark_data_rows(&r);
		json_object *sub_sums = add_subtotals(&r);
		read_sums(&r, sub_sums);
		group_rows(&r);
		/* formula columns, each once the formula columns it reads are
		 * done; then what each total adds up, the total: row, and
		 * every total computed or checked */
		if (!r.bad && tblcalc_formulas(c, r.t, r.cols_line) != 0)
			r.bad = 1;
		if (!r.bad)
			tblcalc_default_scopes(r.t, r.scopes);
		add_total(&r);
		if (!r.bad && tblcalc_totals(c, r.t, r.scopes) != 0)
			r.bad = 1;
		/* what a total shows of each column, and what each formula
		 * reads; then figures shown rounded add up as shown */
		if (!r.bad) {
			tblcalc_finish(r.t);
			tblcalc_round_parts(r.t);
		}
	}
	if (r.scopes) {
		for (size_t i = 0; i < r.t->nrows; i++)
			free(r.scopes[i].list);
		free(r.scopes);
	}
	if (r.specs) {
		for (size_t j = 0; j < r.nspecs; j++) {
			free(r.specs[j].formula);
			free(r.specs[j].label);
		}
		free(r.specs);
	}
	csv_table_free(&r.csv);
	if (r.bad) {
		c->errors++;
		tbl_free(r.t);
		return NULL;
	}
	return r.t;
}

/* The model made here is freed here too. */
/* Everything but what names the table and its file. */
void tbl_trim(struct tbl *t)
{
	for (size_t j = 0; j < t->ncols; j++) {
		struct tcol *col = &t->cols[j];
		free(col->name);
		free(col->label);
		expr_free(col->expr);
		free(col->v);
		free(col->has);
		free(col->marker);
		free(col->dash);
		free(col->inputs);
		free_strings(col->text, t->nrows);
	}
	free(t->cols);
	for (size_t i = 0; i < t->nrows; i++) {
		free(t->rows[i].label);
		free(t->rows[i].items);
	}
	free(t->rows);
	free(t->caption);
	free(t->numbered);
	t->cols = NULL;
	t->rows = NULL;
	t->caption = t->numbered = NULL;
	t->ncols = t->nrows = t->cap = 0;
}

void tbl_free(struct tbl *t)
{
	if (!t)
		return;
	tbl_trim(t);
	free(t->id);
	free(t->csv_path);
	free(t->csv_rel);
	free(t);
}
