/*
 * tblaudit: an independent check of a table as the reader sees it.
 *
 * Once a table is rendered, the audit reads its HTML back, cell by cell,
 * and re-adds it from the figures the cells show: each total and subtotal
 * against its shown parts, and each share column against its shown whole
 * of 100 %. It also checks that no total row appears twice and that no
 * computed cell shows a figure where one of its inputs is empty.
 *
 * It shares no code with the calculation (table.c, expr.c, number.c):
 * it has its own reader of shown Swedish figures, and it takes from the
 * table model only what the model says, not what it computed: which rows
 * are totals and which rows each sums, which columns add up, and which
 * columns a formula reads. A defect in the calculation or the formatting
 * that changes a shown figure is then caught here, in the form a board
 * member would catch it with a pencil.
 *
 * A rounding difference a table really wants to show (tkr rounded from
 * kr) is declared with the block's 'tolerance:', and the audit allows that
 * much and no more.
 */
#ifndef PLANPRESS_TBLAUDIT_H
#define PLANPRESS_TBLAUDIT_H

#include <stddef.h>

struct table_ctx;
struct tbl;

/* Audits the table t whose HTML (as render_table wrote it) is html[0..len).
 * block_line is the table block's line in the page, for the messages.
 * Returns the number of errors it reported (0 when the table adds up). */
int tbl_audit(const struct table_ctx *c, const struct tbl *t, const char *html, size_t len,
	      int block_line);

/* How many tables have failed the audit in this process: the fuzzer's
 * invariant is that no table the calculation accepts ever does. */
long tbl_audit_failures(void);

/* The reader of shown figures, for the tests: "1 794", "−3 817,5",
 * "12,5 %", "–" and "" (both empty). Sets *value (scaled by 10^*decimals),
 * *decimals and *percent; returns 1 for a figure, 0 for an empty cell, -1
 * for text that is no figure. */
int tbl_audit_read(const char *text, long long *value, int *decimals, int *percent);

#endif
