/*
 * gfmtable: a bound on the cells of a GFM pipe table.
 *
 * cmark-gfm 0.29.0.gfm.6 pads every body row of a table with empty cells
 * to the header's width: a header of 2000 columns over 3000 one-word
 * lines (8 KB of text) makes six million cells, 18 s and 1.4 GB. Here,
 * once a table's rows have been padded with GFM_TABLE_MAX_PADDING cells,
 * a short row ends the table (later cmark-gfm releases do the same), and
 * the rest is text.
 *
 * The limit takes the place of the table extension's test "does the
 * table go on at this line", through cmark-gfm's public extension API:
 * the line goes on if it is a row (the grammar of cmark-gfm's
 * ext_scanners.re, written out) and the limit is not passed. Everything
 * else, from the table's start to each row's cells, is cmark-gfm's own
 * code. tests/unit/text/test_gfmtable.c compares whole trees with cmark-gfm's.
 */
#ifndef PLANPRESS_GFMTABLE_H
#define PLANPRESS_GFMTABLE_H

#include <cmark-gfm.h>

#define GFM_TABLE_MAX_PADDING 0x80000

/* Puts the limit on the registered "table" extension, for every parser
 * that attaches it. Call once, before any parse and any thread. */
void gfm_table_install(cmark_syntax_extension *table);

#endif
