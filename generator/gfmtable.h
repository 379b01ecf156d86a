/*
 * gfmtable: the body rows of GFM pipe tables.
 *
 * cmark-gfm's table extension reads each row twice (once to see that the
 * table goes on, once to make the row) and gives every cell a heap buffer
 * and a list link each time: ~5000 instructions a row, a sixth of the
 * parse of a report with a few tables. This reads a row once, in one pass
 * over the line, and allocates only the nodes. Where a table starts (its
 * header and delimiter rows) is still cmark-gfm's own code, asked only
 * about lines that could be a delimiter row.
 *
 * The rows are the nodes cmark-gfm would make (same types, extension,
 * cells, text and source positions; tests/unit/test_gfmtable.c compares
 * whole trees), so every renderer reads them as before. A cell of plain
 * text (a name, a figure: most cells of a budget table) gets its one text
 * node here too, and cmark's inline parser, which costs more than a
 * thousand instructions for any node, is not run on it. A table's rows
 * are padded with empty cells to its width, as cmark-gfm does; past
 * GFM_TABLE_MAX_PADDING padded cells a short row ends the table, so a
 * wide header over thousands of one-word lines cannot fill the memory.
 */
#ifndef PLANPRESS_GFMTABLE_H
#define PLANPRESS_GFMTABLE_H

#include <cmark-gfm.h>

#define GFM_TABLE_MAX_PADDING 0x80000

/* Takes over the rows of the registered "table" extension, for every
 * parser that attaches it. Call once, before any parse and any thread. */
void gfm_table_install(cmark_syntax_extension *table);

#endif
