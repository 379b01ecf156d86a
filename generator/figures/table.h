/*
 * table: budget tables from CSV, the reason planpress exists.
 *
 * A fenced block in Markdown names a CSV file and says how to show it:
 *
 *   ```table
 *   file: ekonomi.csv
 *   caption: Förbundsmedel per kommun 2016
 *   columns:
 *     Plats: text
 *     Förbundsmedel: tkr
 *     Andel: = Förbundsmedel ÷ sum(Förbundsmedel), percent
 *   total: Summa
 *   ```
 *
 * The module reads the CSV, formats every figure the Swedish way, computes
 * formula columns, allocations, subtotals and totals, and checks every total
 * the CSV itself declares (rows labelled Summa, Totalt, S:a …, or listed
 * under `sums:`). A total that does not add up is an error naming the CSV
 * line. The result is an accessible HTML table, a CSV download with the
 * computed figures, and template data.
 *
 * One struct table_ctx serves one page; it numbers the page's tables and
 * charts, keeps them for charts and cross-references, and collects the
 * files to write beside the page. It owns everything it holds
 * (table_ctx_free). Pages are processed in parallel, each with its own ctx.
 */
#ifndef PLANPRESS_TABLE_H
#define PLANPRESS_TABLE_H

#include <json-c/json.h>
#include <stddef.h>

#include "buf.h"
#include "lang.h"
#include "frontmatter.h"
#include "number.h"

struct table_file {
	char *name;  /* file name beside the page ("tabell-1.csv") */
	char *data;
	size_t len;
};

struct tbl;
struct site;
struct plaintext_block;
struct page;
struct figref_page;

struct table_ctx {
	const char *page_path;   /* the Markdown file, for messages */
	const char *content_dir; /* SITE/content: CSV files must lie inside it */
	const char *page_dir;    /* the page's folder below content/ ("" at the top) */
	const char *page_stem;   /* the page's file name without .md */
	const struct lang *lang;
	const struct site *site; /* for link rewriting (opaque here) */
	const struct page *page;
	int ntables, ncharts;    /* numbering through the page */
	struct tbl **tables;     /* every table so far, for charts and references */
	size_t ntbl;
	struct table_file *files;
	size_t nfiles;
	json_object *json;       /* page.tables: an array, or NULL when no template reads it */
	/* "LINE REL\n" for each link to another page (content/REL), at the
	 * Markdown file's LINE: whether REL is a draft is known only once
	 * every page is loaded (site_check_links) */
	buf_t page_links;
	/* the tables' figures as shown, their 'agrees:' checks and their
	 * note references, kept past table_ctx_trim for the checks that
	 * need every page (figref.h) */
	struct figref_page *fig;
	int errors;
};

/* want_json: build page.tables (only when a template reads it). */
void table_ctx_init(struct table_ctx *c, int want_json);
void table_ctx_free(struct table_ctx *c);
/* Once the page's Markdown is rendered its tables are HTML: keeps only
 * each table's id and file (for the build cache), the downloads and the
 * template data. A site's tables would otherwise all wait in memory for
 * the render phase. */
void table_ctx_trim(struct table_ctx *c);

/* Renders the block whose option lines are text (first line = file line
 * `line`) and appends HTML; with plain not NULL, also the table's plain
 * text, from its model (*plain, the caller's). Returns 0, or -1 after
 * diagnostics (c->errors is counted too). */
int table_block(struct table_ctx *c, const char *text, int line, buf_t *html,
		struct plaintext_block **plain);
/* The same for a ```chart block (chart.c). */
int chart_block(struct table_ctx *c, const char *text, int line, buf_t *html);
/* "Tabell 3" or "Figur 1" for a table or chart id on this page, or NULL. */
const char *table_ref(const struct table_ctx *c, const char *id);

/* ---- shared with chart.c ---- */

struct fm_key;

enum col_kind { COL_TEXT, COL_NUMBER, COL_AMOUNT, COL_PERCENT };
enum row_kind { ROW_DATA, ROW_HEADING, ROW_TOTAL };

struct tcol {
	char *name;          /* the CSV header, or the computed column's name */
	char *label;         /* what the header shows */
	enum col_kind kind;
	int decimals;
	int decimals_set;
	enum num_unit unit;  /* shown unit (amounts) */
	enum num_unit from;  /* unit of the CSV cells */
	int csv;             /* CSV column index, or -1 when computed */
	struct expr *expr;
	int truncate;
	int hidden;          /* read by formulas, not shown */
	int inferred;        /* figures by its cells: the block gave no kind */
	int line;            /* its line under 'columns:' in the block, or 0 */
	int note;            /* a Not column: note numbers, each a link to
				its note heading (#not-3); text, never summed */
	int adds_up;         /* a total row shows the sum of its parts here (not
				text, not a ratio computed from the total's own
				figures) */
	int *inputs;         /* the columns its formula reads */
	size_t ninputs;
	num_t *v;            /* per row */
	unsigned char *has;  /* per row */
	unsigned char *marker; /* footnote stars after the figure */
	unsigned char *dash;   /* the cell says "–" */
	char **text;           /* per row, for text columns */
};

struct trow {
	enum row_kind kind;
	char *label;
	int line;            /* CSV line, 0 for rows planpress added */
	int opt_line;        /* a row planpress added: the line of the block
				option that asked for it (in the page) */
	int marker;
	int group_of;        /* for generated group subtotals: the heading row */
	int *items;          /* a total: the rows it sums (a nested total stands
				for the rows it covers) */
	size_t nitems;
	int level;           /* indentation, 1 = outermost (tblcalc_levels) */
	int nested;          /* a total counted in another total: a subtotal */
};

struct tbl {
	char *id;
	char *caption;
	char *numbered;      /* "Tabell 3" */
	char *csv_path;      /* for messages */
	uint64_t csv_print;  /* the file as it was read (cache.h) */
	char *csv_rel;       /* as written in the block */
	struct tcol *cols;
	size_t ncols;
	int label_col;       /* index in cols of the row labels, or -1 */
	struct trow *rows;
	size_t nrows, cap;
	num_t tolerance;
	int leveled;         /* shows its rows' levels (it has headings, or
				the block's 'levels:') */
};

/* Frees a table (tblread.c, which makes them). */
void tbl_free(struct tbl *t);
/* Frees all of it but what names the table and its file. */
void tbl_trim(struct tbl *t);
struct tbl *table_find(const struct table_ctx *c, const char *id);
/* Appends a figure in its column's format. */
void tbl_format(const struct table_ctx *c, const struct tcol *col, num_t v, buf_t *out, int style);

#endif
