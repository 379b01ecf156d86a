/*
 * Table blocks: options, columns, computation, verification and output.
 * The order of work is: read the CSV; parse the number cells; classify the
 * rows (data, heading, total); group; compute formula columns on data rows;
 * compute and check totals in row order; render.
 */
#include "table.h"
#include "tblaudit.h"
#include "tblcalc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "csvread.h"
#include "blockopts.h"
#include "blockspec.h"
#include "cache.h"
#include "diag.h"
#include "i18n.h"
#include "expr.h"
#include "fsutil.h"
#include "numfmt.h"
#include "plaintext.h"
#include "slug.h"

#define MAX_DECIMALS 4

void table_ctx_init(struct table_ctx *c, int want_json)
{
	memset(c, 0, sizeof *c);
	c->json = want_json ? json_object_new_array() : NULL;
}

/* Everything but what names the table and its file. */
static void tbl_trim(struct tbl *t)
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

void table_ctx_trim(struct table_ctx *c)
{
	for (size_t i = 0; i < c->ntbl; i++)
		tbl_trim(c->tables[i]);
}

void table_ctx_free(struct table_ctx *c)
{
	for (size_t i = 0; i < c->ntbl; i++)
		tbl_free(c->tables[i]);
	free(c->tables);
	for (size_t i = 0; i < c->nfiles; i++) {
		free(c->files[i].name);
		free(c->files[i].data);
	}
	free(c->files);
	json_object_put(c->json);
	buf_free(&c->page_links);
	memset(c, 0, sizeof *c);
}

struct tbl *table_find(const struct table_ctx *c, const char *id)
{
	for (size_t i = 0; i < c->ntbl; i++)
		if (!strcmp(c->tables[i]->id, id))
			return c->tables[i];
	return NULL;
}

const char *table_ref(const struct table_ctx *c, const char *id)
{
	struct tbl *t = table_find(c, id);
	return t && t->numbered ? t->numbered : NULL;
}

/* ---------- options ---------- */

static int key_line(const struct fm_key *keys, size_t n, const char *name, int dflt)
{
	for (size_t i = 0; i < n; i++)
		if (!keys[i].parent && keys[i].name && !strcmp(keys[i].name, name))
			return keys[i].line;
	return dflt;
}

static const char *opt_str(struct table_ctx *c, json_object *o, const struct fm_key *keys,
			   size_t nkeys, int line, const char *name)
{
	json_object *v;
	if (!json_object_object_get_ex(o, name, &v) || !v)
		return NULL;
	if (json_object_get_type(v) == json_type_string || json_object_get_type(v) == json_type_int ||
	    json_object_get_type(v) == json_type_double)
		return json_object_get_string(v);
	diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, name, line), 0,
	     "table option '%s' must be text", name);
	c->errors++;
	return NULL;
}

/* ---------- column specs ---------- */

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
	} else if (!strcasecmp(k, "number") || !strcasecmp(k, "tal")) {
		col->kind = COL_NUMBER;
	} else if (!strcasecmp(k, "percent") || !strcasecmp(k, "procent") || !strcmp(k, "%")) {
		col->kind = COL_PERCENT;
		col->unit = col->from = UNIT_PERCENT;
	} else if ((unit = num_unit_parse(k)) > 0 && unit != UNIT_PERCENT) {
		col->kind = COL_AMOUNT;
		col->unit = col->from = (enum num_unit)unit;
	} else {
		snprintf(err, errsz, _("unknown kind '%s': expected text, number, kr, tkr, mnkr or percent"), k);
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

static void put_stars(buf_t *h, int n)
{
	if (n <= 0)
		return;
	buf_puts(h, "<sup class=\"marker\">");
	for (int i = 0; i < n; i++)
		buf_putc(h, '*');
	buf_puts(h, "</sup>");
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

void tbl_format(const struct table_ctx *c, const struct tcol *col, num_t v, buf_t *out, int style)
{
	if (col->kind == COL_PERCENT)
		numfmt_percent(out, c->lang, v, col->decimals, (enum numfmt_style)style);
	else
		numfmt(out, c->lang, v, col->decimals, (enum numfmt_style)style);
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

struct tbl *tbl_from_options(struct table_ctx *c, json_object *opts, const struct fm_key *keys,
			     size_t nkeys, int line, const char *kind)
{
	const char *file = opt_str(c, opts, keys, nkeys, line, "file");
	if (!file) {
		if (!c->errors) {
			diag(DIAG_ERROR, c->page_path, line, 0,
			     "%s block needs 'file: NAME.csv' naming its CSV file", kind);
			c->errors++;
		}
		return NULL;
	}
	int file_line = key_line(keys, nkeys, "file", line);
	/* the fingerprint is taken before reading: a file that changes
	 * meanwhile is read again by the next build */
	uint64_t print;
	char *text;
	size_t text_len;
	char *path = resolve_csv(c, file, file_line, &print, &text, &text_len);
	if (!path) {
		c->errors++;
		return NULL;
	}
	struct csv_table csv;
	int read = text ? csv_table_parse(path, text, text_len, &csv) : csv_table_read(c->content_dir, path, &csv);
	free(text);
	if (read != 0) {
		free(path);
		csv_table_free(&csv);
		c->errors++;
		return NULL;
	}
	struct tbl *t = xcalloc(1, sizeof *t);
	t->csv_path = path;
	t->csv_print = print;
	t->csv_rel = xstrdup(file);
	t->label_col = -1;
	int bad = 0;
	char err[256];

	/* columns: as listed in the block, or every CSV column */
	json_object *cols = NULL;
	json_object_object_get_ex(opts, "columns", &cols);
	int cols_line = key_line(keys, nkeys, "columns", line);
	struct spec *specs = NULL;
	size_t nspecs = 0;
	if (cols && json_object_get_type(cols) == json_type_object) {
		size_t n = (size_t)json_object_object_length(cols), j = 0;
		t->cols = xcalloc(n + 1, sizeof *t->cols);
		specs = xcalloc(n + 1, sizeof *specs);
		nspecs = n;
		json_object_object_foreach(cols, name, val) {
			struct tcol *col = &t->cols[j];
			col->name = xstrdup(name);
			col->csv = -1;
			const char *spec = val ? json_object_get_string(val) : "";
			int cl = blockopts_line(keys, nkeys, "columns", name, 0, cols_line);
			col->line = cl;
			if (parse_spec(spec ? spec : "", col, &specs[j], err, sizeof err) != 0) {
				diag(DIAG_ERROR, c->page_path, cl, 0, "column '%s': %s", name, err);
				bad = 1;
			}
			if (!specs[j].formula) {
				col->csv = csv_table_column(&csv, name);
				if (col->csv < 0) {
					buf_t have = BUF_INIT;
					for (size_t k = 0; k < csv.ncols; k++)
						buf_printf(&have, "%s\"%s\"", k ? ", " : "", csv.header[k]);
					diag(DIAG_ERROR, c->page_path, cl, 0,
					     "column '%s' is not in %s (its columns are %s)", name, file,
					     buf_cstr(&have));
					buf_free(&have);
					bad = 1;
				}
			}
			col->label = xstrdup(specs[j].label ? specs[j].label : name);
			j++;
		}
		t->ncols = n;
	} else if (cols) {
		diag(DIAG_ERROR, c->page_path, cols_line, 0,
		     "'columns' must list one column per line, such as 'Förbundsmedel: tkr'");
		bad = 1;
	} else {
		t->cols = xcalloc(csv.ncols + 1, sizeof *t->cols);
		specs = xcalloc(csv.ncols + 1, sizeof *specs);
		nspecs = csv.ncols;
		for (size_t j = 0; j < csv.ncols; j++) {
			struct tcol *col = &t->cols[j];
			col->name = xstrdup(csv.header[j]);
			col->label = xstrdup(csv.header[j]);
			col->csv = (int)j;
			col->kind = j > 0 && looks_numeric_column(&csv, j) ? COL_NUMBER : COL_TEXT;
			col->inferred = col->kind == COL_NUMBER;
		}
		t->ncols = csv.ncols;
	}
	for (size_t j = 0; j < t->ncols && t->label_col < 0; j++)
		if (t->cols[j].kind == COL_TEXT)
			t->label_col = (int)j;

	json_object *tol;
	if (json_object_object_get_ex(opts, "tolerance", &tol) && tol) {
		struct num_cell nc;
		const char *ts = json_object_get_string(tol);
		if (num_parse(ts, strlen(ts), &nc) != 0 || nc.empty || nc.value < 0) {
			diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "tolerance", line), 0,
			     "tolerance must be a number such as 1");
			bad = 1;
		} else {
			t->tolerance = nc.value;
		}
	}
	if (bad)
		goto fail;

	/* rows */
	for (size_t i = 0; i < csv.nrows; i++) {
		const char *label = t->label_col >= 0 && t->cols[t->label_col].csv >= 0
			? csv.cells[i][t->cols[t->label_col].csv] : "";
		char *lab = xstrdup(label);
		int marker = 0;
		strip_marker(lab, &marker);
		tblcalc_add_row(t, ROW_DATA, lab, csv.lines[i]);
		t->rows[i].marker = marker;
		free(lab);
	}
	/* text cells of the columns besides the row labels */
	for (size_t j = 0; j < t->ncols; j++)
		if (t->cols[j].kind == COL_TEXT && t->cols[j].csv >= 0 && (int)j != t->label_col)
			for (size_t i = 0; i < csv.nrows; i++)
				t->cols[j].text[i] = xstrdup(csv.cells[i][t->cols[j].csv]);

	/* number cells */
	for (size_t j = 0; j < t->ncols; j++)
		if (t->cols[j].kind != COL_TEXT && t->cols[j].csv >= 0 &&
		    parse_cells(c, t, &csv, &t->cols[j]) != 0)
			bad = 1;
	if (bad)
		goto fail;

	/* formulas are parsed now, so the hidden columns they read are
	 * filled before the rows are grouped */
	size_t nshown = t->ncols;
	struct finder fnd = {c, t, &csv, 0};
	for (size_t j = 0; j < nshown && !bad; j++) {
		if (!specs || !specs[j].formula)
			continue;
		struct expr *e = expr_parse(specs[j].formula, find_col, &fnd, err, sizeof err);
		t->cols[j].expr = e; /* t->cols may have moved: hidden columns */
		if (!e) {
			diag(DIAG_ERROR, c->page_path,
			     blockopts_line(keys, nkeys, "columns", t->cols[j].name, 0, cols_line), 0,
			     "column '%s': %s", t->cols[j].name, err);
			bad = 1;
		}
	}
	if (fnd.bad)
		bad = 1;
	if (bad)
		goto fail;

	/* row kinds: headings have a label and no figures; totals are named
	 * so or listed under sums: */
	tblcalc_roles(t);
	/* data rows: a row whose label reads like a total but is data
	 * ("Kostnader totalt") */
	json_object *data_rows = NULL;
	json_object_object_get_ex(opts, "data rows", &data_rows);
	int data_line = key_line(keys, nkeys, "data rows", line);
	if (data_rows && json_object_get_type(data_rows) == json_type_string) {
		json_object *a = json_object_new_array();
		json_object_array_add(a, json_object_get(data_rows));
		json_object_object_add(opts, "data rows", a);
		data_rows = a;
	}
	if (data_rows && json_object_get_type(data_rows) != json_type_array) {
		diag(DIAG_ERROR, c->page_path, data_line, 0,
		     "'data rows' must list row labels, one per line, such as '- Kostnader totalt'");
		bad = 1;
	}
	for (size_t k = 0; data_rows && !bad && k < json_object_array_length(data_rows); k++) {
		const char *label = json_object_get_string(json_object_array_get_idx(data_rows, k));
		int r = tblcalc_row_by_label(t, label ? label : "");
		if (r < 0) {
			diag(DIAG_ERROR, c->page_path, blockopts_line(keys, nkeys, "data rows", NULL, (int)k, data_line), 0,
			     "data rows: no row labelled '%s' in %s", label ? label : "", file);
			bad = 1;
			continue;
		}
		for (size_t i = (size_t)r; i < t->nrows; i++)
			if (tblcalc_same_label(t->rows[i].label, label))
				t->rows[i].kind = ROW_DATA;
	}
	/* subtotals the file lacks: a row of their own, put right below the
	 * last row they add up, and then checked and computed as a 'sums:'
	 * line would be */
	json_object *subtotals = NULL;
	json_object_object_get_ex(opts, "subtotals", &subtotals);
	int sub_line = key_line(keys, nkeys, "subtotals", line);
	json_object *sub_sums = NULL;
	if (subtotals && !bad && opt_str(c, opts, keys, nkeys, line, "group by")) {
		diag(DIAG_ERROR, c->page_path, sub_line, 0,
		     "'group by' and 'subtotals' cannot be used in the same table: the groups make their own subtotals");
		bad = 1;
	} else if (subtotals && json_object_get_type(subtotals) != json_type_array) {
		diag(DIAG_ERROR, c->page_path, sub_line, 0,
		     "'subtotals' must be a list of lines such as '- Summa insatser = Insats A … Insats D'");
		bad = 1;
	}
	for (size_t k = 0; subtotals && !bad && k < json_object_array_length(subtotals); k++) {
		const char *s = json_object_get_string(json_object_array_get_idx(subtotals, k));
		int kline = blockopts_line(keys, nkeys, "subtotals", NULL, (int)k, sub_line);
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
				int r = tblcalc_row_by_label(t, tblcalc_trim(part));
				if (r < 0) {
					diag(DIAG_ERROR, c->page_path, kline, 0,
					     "subtotals: no row labelled '%s' in %s", tblcalc_trim(part), file);
					bad = 1;
					break;
				}
				if (r > last)
					last = r;
			}
			free(rhs);
		}
		char *label = tblcalc_trim(copy);
		if (!bad && (!eq || last < 0)) {
			diag(DIAG_ERROR, c->page_path, kline, 0,
			     "subtotals: '%s' must say which rows it adds up, such as "
			     "'Summa insatser = Insats A … Insats D'", s ? s : "");
			bad = 1;
		} else if (!bad && tblcalc_row_by_label(t, label) >= 0) {
			diag(DIAG_ERROR, c->page_path, kline, 0,
			     "subtotals: %s has a row '%s' already; to check it, list it under 'sums:'",
			     file, label);
			bad = 1;
		}
		if (!bad) {
			tblcalc_insert_row(t, (size_t)last + 1, ROW_TOTAL, label);
			t->rows[last + 1].opt_line = kline;
			if (!sub_sums)
				sub_sums = json_object_new_array();
			json_object_array_add(sub_sums, json_object_new_string(s));
		}
		free(copy);
	}
	struct scope *scopes = xcalloc(t->nrows + 2, sizeof *scopes);
	json_object *sums = NULL;
	json_object_object_get_ex(opts, "sums", &sums);
	int sums_line = key_line(keys, nkeys, "sums", line);
	if (sums && json_object_get_type(sums) == json_type_string) {
		json_object *a = json_object_new_array();
		json_object_array_add(a, json_object_get(sums));
		json_object_object_add(opts, "sums", a);
		sums = a;
	}
	/* the subtotals' lines go first: a 'sums:' line may name them */
	if (sub_sums) {
		for (size_t k = 0; sums && json_object_get_type(sums) == json_type_array &&
				   k < json_object_array_length(sums); k++)
			json_object_array_add(sub_sums, json_object_get(json_object_array_get_idx(sums, k)));
		json_object_object_add(opts, "sums", sub_sums);
		sums = sub_sums;
		sums_line = sub_line;
	}
	if (sums && json_object_get_type(sums) != json_type_array) {
		diag(DIAG_ERROR, c->page_path, sums_line, 0,
		     "'sums' must be a list of lines such as '- Summa = Ledning … Övrigt'");
		bad = 1;
	}
	for (size_t k = 0; sums && !bad && k < json_object_array_length(sums); k++) {
		const char *s = json_object_get_string(json_object_array_get_idx(sums, k));
		char *copy = xstrdup(s ? s : "");
		char *eq = strchr(copy, '=');
		if (eq)
			*eq = '\0';
		char *label = tblcalc_trim(copy);
		int r = tblcalc_row_by_label(t, label);
		if (r < 0) {
			diag(DIAG_ERROR, c->page_path, blockopts_line(keys, nkeys, "sums", NULL, (int)k, sums_line), 0,
			     "sums: no row labelled '%s' in %s", label, file);
			bad = 1;
			free(copy);
			continue;
		}
		t->rows[r].kind = ROW_TOTAL;
		if (eq) {
			char *rhs = tblcalc_trim(eq + 1);
			/* "A … B" (or "A ... B") is a range; "A + B + C" a list */
			char *dots = strstr(rhs, "\xE2\x80\xA6");
			size_t dlen = 3;
			if (!dots) {
				dots = strstr(rhs, "...");
				dlen = 3;
			}
			if (dots) {
				*dots = '\0';
				int a = tblcalc_row_by_label(t, tblcalc_trim(rhs)), b = tblcalc_row_by_label(t, tblcalc_trim(dots + dlen));
				if (a < 0 || b < 0 || b < a) {
					diag(DIAG_ERROR, c->page_path, blockopts_line(keys, nkeys, "sums", NULL, (int)k, sums_line), 0,
					     "sums: '%s' must name two rows of %s, the first above the second",
					     s, file);
					bad = 1;
				} else {
					scopes[r].from = a;
					scopes[r].to = b + 1;
					scopes[r].explicit_list = 0;
					scopes[r].nlist = 1; /* marks the scope as given */
				}
			} else {
				scopes[r].explicit_list = 1;
				char *save = NULL;
				for (char *part = strtok_r(rhs, "+", &save); part; part = strtok_r(NULL, "+", &save)) {
					int a = tblcalc_row_by_label(t, tblcalc_trim(part));
					if (a < 0) {
						diag(DIAG_ERROR, c->page_path, blockopts_line(keys, nkeys, "sums", NULL, (int)k, sums_line), 0,
						     "sums: no row labelled '%s' in %s", tblcalc_trim(part), file);
						bad = 1;
						break;
					}
					scopes[r].list = xrealloc(scopes[r].list, (scopes[r].nlist + 1) * sizeof(int));
					scopes[r].list[scopes[r].nlist++] = a;
				}
			}
		}
		free(copy);
	}

	/* group by: a heading and a subtotal around each group's rows */
	const char *group = opt_str(c, opts, keys, nkeys, line, "group by");
	if (group && sums && !bad) {
		diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "group by", line), 0,
		     "'group by' and 'sums' cannot be used in the same table: the groups make their own subtotals");
		bad = 1;
	}
	if (group && !bad) {
		int gcol = csv_table_column(&csv, group);
		if (gcol < 0) {
			diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "group by", line), 0,
			     "group by: no column '%s' in %s", group, file);
			bad = 1;
		} else {
			/* rebuild the rows in group order */
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
			unsigned char *done = xcalloc(csv.nrows + 1, 1);
			/* declared totals stay out of the groups; they come last and
			 * are checked against the groups' subtotals */
			for (size_t i = 0; i < csv.nrows; i++)
				if (t->rows[i].kind == ROW_TOTAL)
					done[i] = 2;
			for (size_t i = 0; i < csv.nrows; i++) {
				if (done[i])
					continue;
				const char *name = csv.cells[i][gcol];
				tblcalc_add_row(&g, ROW_HEADING, name, 0);
				int head = (int)g.nrows - 1;
				for (size_t k = i; k < csv.nrows; k++) {
					if (done[k] || strcmp(csv.cells[k][gcol], name))
						continue;
					done[k] = 1;
					tblcalc_add_row(&g, t->rows[k].kind, t->rows[k].label, t->rows[k].line);
					g.rows[g.nrows - 1].marker = t->rows[k].marker;
					for (size_t j = 0; j < t->ncols; j++) {
						g.cols[j].v[g.nrows - 1] = t->cols[j].v[k];
						g.cols[j].has[g.nrows - 1] = t->cols[j].has[k];
						g.cols[j].marker[g.nrows - 1] = t->cols[j].marker[k];
						g.cols[j].dash[g.nrows - 1] = t->cols[j].dash[k];
						if (t->cols[j].text) {
							g.cols[j].text[g.nrows - 1] = t->cols[j].text[k];
							t->cols[j].text[k] = NULL;
						}
					}
				}
				char *sub = xasprintf("S:a %s", name);
				tblcalc_add_row(&g, ROW_TOTAL, sub, 0);
				g.rows[g.nrows - 1].group_of = head;
				g.rows[g.nrows - 1].opt_line = key_line(keys, nkeys, "group by", line);
				free(sub);
			}
			for (size_t k = 0; k < csv.nrows; k++) {
				if (done[k] != 2)
					continue;
				tblcalc_add_row(&g, ROW_TOTAL, t->rows[k].label, t->rows[k].line);
				g.rows[g.nrows - 1].marker = t->rows[k].marker;
				for (size_t j = 0; j < t->ncols; j++) {
					g.cols[j].v[g.nrows - 1] = t->cols[j].v[k];
					g.cols[j].has[g.nrows - 1] = t->cols[j].has[k];
					g.cols[j].marker[g.nrows - 1] = t->cols[j].marker[k];
					g.cols[j].dash[g.nrows - 1] = t->cols[j].dash[k];
				}
			}
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
			free(scopes);
			scopes = xcalloc(t->nrows + 2, sizeof *scopes);
		}
	}

	/* formula columns, each once the formula columns it reads are done */
	if (!bad && tblcalc_formulas(c, t, cols_line) != 0)
		bad = 1;

	/* scopes of the totals the CSV declares */
	if (!bad)
		tblcalc_default_scopes(t, scopes);

	/* total: Summa adds a computed total row, unless the file has that
	 * row already: then it is the one checked, not printed twice. A file
	 * that ends in a total of its own under another name is ambiguous. */
	const char *total = opt_str(c, opts, keys, nkeys, line, "total");
	int own_total = total && !bad ? tblcalc_row_by_label(t, total) : -1;
	if (own_total >= 0 && t->rows[own_total].kind != ROW_TOTAL) {
		diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "total", line), 0,
		     "total: %s names a row of %s that is data (line %d); name the total row "
		     "something else, or leave 'total:' out", total, file, t->rows[own_total].line);
		bad = 1;
	}
	if (total && !bad && own_total < 0 && t->nrows > 0 && t->rows[t->nrows - 1].kind == ROW_TOTAL &&
	    t->rows[t->nrows - 1].group_of < 0 && scopes[t->nrows - 1].from == 0 &&
	    !scopes[t->nrows - 1].explicit_list) {
		const struct trow *last = &t->rows[t->nrows - 1];
		diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "total", line), 0,
		     "total: %s would add a second total: %s already ends with the total row \"%s\" "
		     "(line %d); write 'total: %s' to check that row, or leave 'total:' out",
		     total, file, last->label, last->line, last->label);
		bad = 1;
	}
	if (total && !bad && own_total < 0) {
		tblcalc_add_row(t, ROW_TOTAL, total, 0);
		t->rows[t->nrows - 1].opt_line = key_line(keys, nkeys, "total", line);
		scopes = xrealloc(scopes, (t->nrows + 2) * sizeof *scopes);
		memset(&scopes[t->nrows - 1], 0, sizeof *scopes);
		scopes[t->nrows - 1].from = 0;
		scopes[t->nrows - 1].to = (int)t->nrows - 1;
	}
	if (!bad && tblcalc_totals(c, t, scopes) != 0)
		bad = 1;
	for (size_t r = 0; r < t->nrows; r++)
		free(scopes[r].list);
	free(scopes);
	/* what a total shows of each column, and what each formula reads;
	 * then figures shown rounded add up as shown */
	if (!bad) {
		tblcalc_finish(t);
		tblcalc_round_parts(t);
	}

fail:
	if (specs) {
		for (size_t j = 0; j < nspecs; j++) {
			free(specs[j].formula);
			free(specs[j].label);
		}
		free(specs);
	}
	csv_table_free(&csv);
	if (bad) {
		c->errors++;
		tbl_free(t);
		return NULL;
	}
	return t;
}

/* ---------- output ---------- */

static void put_cell_value(const struct table_ctx *c, const struct tcol *col, size_t i, buf_t *out)
{
	if (col->dash[i] && !col->has[i])
		buf_puts(out, "\xE2\x80\x93");
	if (!col->has[i])
		return;
	tbl_format(c, col, col->v[i], out, NUMFMT_HTML);
	put_stars(out, col->marker[i]);
}

static void excel_field(buf_t *b, const char *s)
{
	if (!strpbrk(s, ";\"\r\n")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The computed table for Excel: UTF-8 with a byte order mark (Excel needs
 * it to read UTF-8), ';' between fields, CRLF line ends. */
static void download_csv(const struct table_ctx *c, const struct tbl *t, buf_t *b)
{
	buf_puts(b, "\xEF\xBB\xBF");
	int first = 1;
	for (size_t j = 0; j < t->ncols; j++) {
		if (t->cols[j].hidden)
			continue;
		if (!first)
			buf_putc(b, ';');
		first = 0;
		excel_field(b, t->cols[j].label);
	}
	buf_puts(b, "\r\n");
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0, out = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden)
				continue;
			if (out++)
				buf_putc(b, ';');
			if ((int)j == t->label_col) {
				excel_field(b, t->rows[i].label);
			} else if (col->kind == COL_TEXT) {
				if (col->text && col->text[i])
					excel_field(b, col->text[i]);
			} else if (col->has[i]) {
				tbl_format(c, col, col->v[i], b, NUMFMT_EXCEL);
			}
		}
		buf_puts(b, "\r\n");
	}
}

static json_object *tbl_json(const struct table_ctx *c, const struct tbl *t, const char *download)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(t->id));
	if (t->caption)
		json_object_object_add(o, "caption", json_object_new_string(t->caption));
	if (t->numbered)
		json_object_object_add(o, "number", json_object_new_string(t->numbered));
	if (download)
		json_object_object_add(o, "download", json_object_new_string(download));
	json_object *cols = json_object_new_array();
	for (size_t j = 0; j < t->ncols; j++) {
		if (t->cols[j].hidden)
			continue;
		json_object *cj = json_object_new_object();
		json_object_object_add(cj, "label", json_object_new_string(t->cols[j].label));
		json_object_object_add(cj, "numeric", json_object_new_boolean(t->cols[j].kind != COL_TEXT));
		json_object_array_add(cols, cj);
	}
	json_object_object_add(o, "columns", cols);
	json_object *rows = json_object_new_array();
	for (size_t i = 0; i < t->nrows; i++) {
		json_object *rj = json_object_new_object();
		json_object_object_add(rj, "label", json_object_new_string(t->rows[i].label));
		json_object_object_add(rj, "total", json_object_new_boolean(t->rows[i].kind == ROW_TOTAL));
		json_object_object_add(rj, "heading", json_object_new_boolean(t->rows[i].kind == ROW_HEADING));
		json_object *cells = json_object_new_array();
		for (size_t j = 0; j < t->ncols; j++) {
			if (t->cols[j].hidden)
				continue;
			buf_t b = BUF_INIT;
			if ((int)j == t->label_col)
				buf_puts(&b, t->rows[i].label);
			else if (t->cols[j].kind == COL_TEXT && t->cols[j].text && t->cols[j].text[i])
				buf_puts(&b, t->cols[j].text[i]);
			else if (t->cols[j].kind != COL_TEXT && t->cols[j].has[i])
				tbl_format(c, &t->cols[j], t->cols[j].v[i], &b, NUMFMT_HTML);
			json_object_array_add(cells, json_object_new_string(buf_cstr(&b)));
			buf_free(&b);
		}
		json_object_object_add(rj, "cells", cells);
		json_object_array_add(rows, rj);
	}
	json_object_object_add(o, "rows", rows);
	return o;
}

static void escape(buf_t *b, const char *s)
{
	buf_escape_html(b, s, strlen(s));
}

static void render_table(const struct table_ctx *c, const struct tbl *t, const char *source,
			 const char *unit, const char *note, const char *download, int wide, buf_t *h)
{
	/* a wide table gets a landscape page of its own in print */
	buf_puts(h, wide ? "<div class=\"table-block wide\" id=\"" : "<div class=\"table-block\" id=\"");
	escape(h, t->id);
	buf_puts(h, "\">\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"");
	escape(h, t->id);
	buf_puts(h, "-caption\">\n<table class=\"figures\">\n<caption id=\"");
	escape(h, t->id);
	buf_puts(h, "-caption\"><span class=\"table-number\">");
	escape(h, t->numbered);
	buf_puts(h, ".</span>");
	if (t->caption) {
		buf_putc(h, ' ');
		escape(h, t->caption);
	}
	buf_puts(h, "</caption>\n");
	size_t shown = 0;
	for (size_t j = 0; j < t->ncols; j++)
		shown += !t->cols[j].hidden;
	buf_puts(h, "<thead>\n<tr>\n");
	for (size_t j = 0; j < t->ncols; j++) {
		if (t->cols[j].hidden)
			continue;
		buf_puts(h, t->cols[j].kind == COL_TEXT ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">");
		escape(h, t->cols[j].label);
		buf_puts(h, "</th>\n");
	}
	buf_puts(h, "</tr>\n</thead>\n<tbody>\n");
	for (size_t i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];
		if (r->kind == ROW_HEADING) {
			buf_printf(h, "<tr class=\"heading\">\n<th scope=\"rowgroup\" colspan=\"%zu\">", shown);
			escape(h, r->label);
			buf_puts(h, "</th>\n</tr>\n");
			continue;
		}
		buf_puts(h, r->kind == ROW_TOTAL ? "<tr class=\"total\">\n" : "<tr>\n");
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden)
				continue;
			if ((int)j == t->label_col) {
				buf_puts(h, "<th scope=\"row\">");
				escape(h, r->label);
				put_stars(h, r->marker);
				buf_puts(h, "</th>\n");
			} else if (col->kind == COL_TEXT) {
				buf_puts(h, "<td>");
				if (col->text && col->text[i])
					escape(h, col->text[i]);
				buf_puts(h, "</td>\n");
			} else {
				buf_puts(h, "<td class=\"num\">");
				put_cell_value(c, col, i, h);
				buf_puts(h, "</td>\n");
			}
		}
		buf_puts(h, "</tr>\n");
	}
	buf_puts(h, "</tbody>\n</table>\n</div>\n");
	if (note) {
		buf_puts(h, "<p class=\"table-note\">");
		escape(h, note);
		buf_puts(h, "</p>\n");
	}
	if (unit || source || download) {
		buf_puts(h, "<p class=\"table-meta\">");
		if (unit) {
			escape(h, unit);
			buf_puts(h, ". ");
		}
		if (source) {
			buf_puts(h, "Källa: ");
			escape(h, source);
			buf_puts(h, ". ");
		}
		if (download) {
			buf_puts(h, "<a class=\"table-download\" href=\"");
			escape(h, download);
			buf_puts(h, "\" download>Ladda ner tabellen som CSV</a>");
		}
		buf_puts(h, "</p>\n");
	}
	buf_puts(h, "</div>\n");
}

/* The table as plain text, for the e-mail forms: what render_table
 * shows, from the model (the same cells, captions and notes; no
 * download link, which a reader of text cannot click). */
static struct plaintext_block *render_text(const struct table_ctx *c, const struct tbl *t,
					   const char *source, const char *unit, const char *note)
{
	struct plaintext_block *b = plaintext_block_new();
	buf_t s = BUF_INIT;
	buf_printf(&s, "%s.", t->numbered);
	if (t->caption)
		buf_printf(&s, " %s", t->caption);
	plaintext_block_para(b, buf_cstr(&s));
	plaintext_block_table(b, 1);
	plaintext_block_row(b, 1);
	for (size_t j = 0; j < t->ncols; j++)
		if (!t->cols[j].hidden)
			plaintext_block_cell(b, t->cols[j].label, t->cols[j].kind != COL_TEXT);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];
		plaintext_block_row(b, 0);
		if (r->kind == ROW_HEADING) {
			plaintext_block_cell(b, r->label, 0);
			continue;
		}
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden)
				continue;
			buf_reset(&s);
			if ((int)j == t->label_col) {
				buf_puts(&s, r->label);
				for (int k = 0; k < r->marker; k++)
					buf_putc(&s, '*');
			} else if (col->kind == COL_TEXT) {
				if (col->text && col->text[i])
					buf_puts(&s, col->text[i]);
			} else {
				if (col->dash[i] && !col->has[i])
					buf_puts(&s, "\xE2\x80\x93");
				if (col->has[i]) {
					tbl_format(c, col, col->v[i], &s, NUMFMT_HTML);
					for (int k = 0; k < col->marker[i]; k++)
						buf_putc(&s, '*');
				}
			}
			plaintext_block_cell(b, buf_cstr(&s), (int)j != t->label_col && col->kind != COL_TEXT);
		}
	}
	if (note)
		plaintext_block_para(b, note);
	buf_reset(&s);
	if (unit)
		buf_printf(&s, "%s. ", unit);
	if (source)
		buf_printf(&s, "Källa: %s. ", source);
	plaintext_block_para(b, buf_cstr(&s));
	buf_free(&s);
	return b;
}

/* The table block's options: the docs' table of options lists the same. */
static const struct opt_spec table_spec[] = {
	{"file", OPT_TEXT, NULL, NULL, NULL},
	{"caption", OPT_TEXT, NULL, NULL, NULL},
	{"id", OPT_TEXT, NULL, NULL, NULL},
	{"columns", OPT_MAP, NULL, NULL, NULL},
	{"total", OPT_TEXT, NULL, NULL, NULL},
	{"sums", OPT_LIST, NULL, NULL, NULL},
	{"tolerance", OPT_TEXT, NULL, NULL, NULL},
	{"source", OPT_TEXT, NULL, NULL, NULL},
	{"unit", OPT_TEXT, NULL, NULL, NULL},
	{"note", OPT_TEXT, NULL, NULL, NULL},
	{"group by", OPT_TEXT, NULL, NULL, NULL},
	{"show", OPT_TEXT, "table|summary", NULL, NULL},
	{"share", OPT_TEXT, NULL, "show=summary", NULL},
	{"download", OPT_YESNO, NULL, NULL, NULL},
	{"landscape", OPT_YESNO, NULL, NULL, NULL},
	{"data rows", OPT_LIST, NULL, NULL, NULL},
	{"groups", OPT_LIST, NULL, "show=summary", NULL},
	{"shares", OPT_TEXT, "signed|sizes", "show=summary", NULL},
	{"show total", OPT_YESNO, NULL, "show=summary", NULL},
	{"subtotals", OPT_LIST, NULL, NULL, NULL},
	{NULL, OPT_TEXT, NULL, NULL, NULL},
};

int table_block(struct table_ctx *c, const char *text, int line, buf_t *html,
		struct plaintext_block **plain)
{
	json_object *opts = NULL;
	struct fm_key *keys = NULL;
	size_t nkeys = 0;
	int errors_before = c->errors;
	if (blockopts_parse(c->page_path, "table", text, line - 1, &opts, &keys, &nkeys) != 0) {
		c->errors++;
		return -1;
	}
	c->errors += blockspec_check(c->page_path, "table", table_spec, opts, keys, nkeys);
	struct tbl *t = c->errors == errors_before ? tbl_from_options(c, opts, keys, nkeys, line, "table") : NULL;
	if (!t) {
		json_object_put(opts);
		free(keys);
		return -1;
	}
	const char *show = opt_str(c, opts, keys, nkeys, line, "show");
	if (show && !strcmp(show, "summary")) {
		char err[128] = "";
		struct summary_opts so = {NULL, key_line(keys, nkeys, "groups", line),
					  opt_str(c, opts, keys, nkeys, line, "shares"),
					  key_line(keys, nkeys, "shares", line), 1};
		json_object_object_get_ex(opts, "groups", &so.groups);
		json_object *st;
		if (json_object_object_get_ex(opts, "show total", &st) && blockopts_bool(st) == 0)
			so.show_total = 0;
		int reported = 0;
		struct tbl *s = opt_str(c, opts, keys, nkeys, line, "group by")
			? tblcalc_summary(c, t, opt_str(c, opts, keys, nkeys, line, "share"), &so, &reported, err, sizeof err)
			: NULL;
		if (!s || !opt_str(c, opts, keys, nkeys, line, "group by")) {
			if (!reported && err[0])
				diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "show", line), 0,
				     "show: summary needs 'group by: COLUMN'; %s", err);
			else if (!reported)
				diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "show", line), 0,
				     "show: summary needs 'group by: COLUMN'");
			tbl_free(s);
			tbl_free(t);
			json_object_put(opts);
			free(keys);
			c->errors++;
			return -1;
		}
		tbl_free(t);
		t = s;
	}
	const char *caption = opt_str(c, opts, keys, nkeys, line, "caption");
	const char *id = opt_str(c, opts, keys, nkeys, line, "id");
	/* every table is numbered, so a reference to it always has text */
	if (caption)
		t->caption = xstrdup(caption);
	t->numbered = xasprintf("%s %d", !strcmp(c->lang->code, "sv") ? "Tabell" : "Table", ++c->ntables);
	if (id) {
		buf_t b = BUF_INIT;
		slug_append(&b, id, strlen(id));
		t->id = buf_detach(&b);
	} else {
		t->id = xasprintf("tabell-%zu", c->ntbl + 1);
	}
	if (table_find(c, t->id)) {
		diag(DIAG_ERROR, c->page_path, key_line(keys, nkeys, "id", line), 0,
		     "two tables or charts on this page have the id '%s'", t->id);
		c->errors++;
	}
	json_object *dl;
	int want_download = !(json_object_object_get_ex(opts, "download", &dl) && blockopts_bool(dl) == 0);
	/* downloads get a folder of their own so they never replace a CSV
	 * file that sits beside the page */
	char *download = want_download ? xasprintf("tabeller/%s.csv", t->id) : NULL;
	json_object *land;
	int wide = json_object_object_get_ex(opts, "landscape", &land) && blockopts_bool(land) == 1;
	size_t start = html->len;
	render_table(c, t, opt_str(c, opts, keys, nkeys, line, "source"),
		     opt_str(c, opts, keys, nkeys, line, "unit"),
		     opt_str(c, opts, keys, nkeys, line, "note"), download, wide, html);
	if (plain)
		*plain = render_text(c, t, opt_str(c, opts, keys, nkeys, line, "source"),
				     opt_str(c, opts, keys, nkeys, line, "unit"),
				     opt_str(c, opts, keys, nkeys, line, "note"));
	/* the table as the reader sees it, re-added by tblaudit.c */
	int failed = tbl_audit(c, t, html->data + start, html->len - start, line);
	if (failed)
		c->errors += failed;
	if (download) {
		buf_t b = BUF_INIT;
		download_csv(c, t, &b);
		c->files = xrealloc(c->files, (c->nfiles + 1) * sizeof *c->files);
		c->files[c->nfiles].name = xstrdup(download);
		c->files[c->nfiles].len = b.len;
		c->files[c->nfiles].data = buf_detach(&b);
		c->nfiles++;
	}
	if (c->json)
		json_object_array_add(c->json, tbl_json(c, t, download));
	free(download);
	c->tables = xrealloc(c->tables, (c->ntbl + 1) * sizeof *c->tables);
	c->tables[c->ntbl++] = t;
	json_object_put(opts);
	free(keys);
	return c->errors == errors_before ? 0 : -1;
}
