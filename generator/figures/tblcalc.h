/*
 * tblcalc: calculation on the table model, and nothing else.
 *
 * The model (struct tbl in table.h) is a table of rows and columns. Every
 * row has a role: data, heading or total (trow.kind); a total knows the
 * rows it adds up (trow.items), each nested total standing for the rows it
 * covers. Every figure has a source: read from the file, declared in the
 * file and checked (a total the file gives), computed (a formula, a share,
 * a total the file lacks), or none (an empty cell: has[i] is 0, and empty
 * is never zero).
 *
 * table.c reads the block's options and the CSV file into the model, and
 * renders it; this file gives the rows their roles, computes the formula
 * columns, shares and totals, checks the totals the file declares, and
 * makes a summary of groups. tblaudit.c checks the result as shown,
 * sharing no code with this file.
 *
 * Errors are reported with diag() at the file and line they concern: the
 * CSV file's line for a row of it, the block's line for a column
 * (tcol.line) or for the whole table. Functions that can fail return 0,
 * or -1 after their messages.
 */
#ifndef PLANPRESS_TBLCALC_H
#define PLANPRESS_TBLCALC_H

#include <json-c/json.h>
#include <stddef.h>

#include "table.h"

/* What a total adds up before it is computed: the rows of a range
 * [from, to), or exactly the rows of list[] (a 'sums:' line "A + B"). */
struct scope {
	int explicit_list;   /* items are exactly list[] */
	int *list;
	size_t nlist;
	int from, to;        /* rows [from, to) otherwise */
	int line;            /* the block's line of the sums: line that gave it, or 0 */
};

/* Labels of totals: "Summa", "Totalt", "S:a X", "Summa totalt",
 * "Medlemmar, summa", any case, with or without a colon after. */
int tblcalc_total_label(const char *label);
/* Labels compared as a reader would: letter case (Å, Ä, Ö too) and a
 * trailing colon do not matter. */
int tblcalc_same_label(const char *a, const char *b);
/* The first row labelled label, or -1. */
int tblcalc_row_by_label(const struct tbl *t, const char *label);
/* s without spaces and tabs at either end (s itself, shortened). */
char *tblcalc_trim(char *s);

/* A new row at the end, or at pos with the rows from there moved down;
 * line is its CSV line, 0 for a row the block made. */
void tblcalc_add_row(struct tbl *t, enum row_kind kind, const char *label, int line);
void tblcalc_insert_row(struct tbl *t, size_t pos, enum row_kind kind, const char *label);

/* Gives each row of the file its role by its label and figures: a total
 * by its label (found in another text cell when the label cell is empty),
 * a heading when it has a label and no figures, data otherwise. */
void tblcalc_roles(struct tbl *t);
/* Computes the formula columns, each once the columns it reads are done:
 * shares by largest remainder, allocate() likewise, other formulas row by
 * row (an empty input gives an empty cell). block_line is where a column
 * without a line of its own is reported. */
int tblcalc_formulas(const struct table_ctx *c, struct tbl *t, int block_line);
/* The scopes of the totals no 'sums:' line gave: "S:a X" the rows under
 * the heading X, a group's subtotal its group, any other total every row
 * above it. scopes has a slot per row. */
void tblcalc_default_scopes(struct tbl *t, struct scope *scopes);
/* Computes each total from its parts (a nested total counting once),
 * checks the totals the file declares, and keeps each total's rows in the
 * model. Ratios are computed again from a total row's own figures. */
int tblcalc_totals(const struct table_ctx *c, struct tbl *t, struct scope *scopes);
/* Figures shown rounded (kronor shown as tkr, or with fewer decimals than
 * the file has) are rounded so that a total's parts as shown add up to the
 * total as shown: by largest remainder, from the outermost total in. The
 * model then holds the figures as shown. */
void tblcalc_round_parts(struct tbl *t);
/* Notes in the model what the audit reads of it: which columns add up in
 * a total, and which columns each formula reads. */
void tblcalc_finish(struct tbl *t);

/* Each row's level of indentation, from the roles: a heading right
 * below a heading is inside it, a total closes its heading ("Summa X"
 * the heading X, another total the innermost) and stands at its level,
 * and a data row is one level inside its innermost heading. A total
 * that another total counts is marked nested (a subtotal). The table
 * shows its levels when it has a heading. */
void tblcalc_levels(struct tbl *t);

/* How a summary shows its groups: the block's 'groups:', 'shares:' and
 * 'show total:' (NULL, 0, 1 when not given). */
struct summary_opts {
	json_object *groups;  /* a list of "Name" or "Name = Shown name", in order */
	int groups_line;
	const char *shares;   /* "signed" or "sizes" */
	int shares_line;
	int show_total;
};

/* The table of a 'group by' table's groups: each group's sum and its share
 * of the whole (largest remainder), in the order and under the names the
 * block gives. Returns NULL after an error reported at the block's lines
 * (*reported set), or with a reason in err. The caller frees it
 * (tbl_free). */
struct tbl *tblcalc_summary(const struct table_ctx *c, const struct tbl *t, const char *share_col,
			      const struct summary_opts *so, int *reported, char *err, size_t errsz);

#endif
