/*
 * csvread: reads a CSV file as Excel writes it, into a grid of UTF-8
 * strings with the line number of every row.
 *
 * The separator (';', ',' or tab) is detected from the header line. A UTF-8
 * byte order mark is skipped; a file that is not UTF-8 is read as
 * Windows-1252 and converted; a file that is neither is an error. CRLF
 * line ends and quoted fields holding separators or line breaks are
 * handled by libcsv. The table owns all its strings (csv_table_free).
 */
#ifndef PLANPRESS_CSVREAD_H
#define PLANPRESS_CSVREAD_H

#include <stddef.h>

#define CSV_MAX_ROWS 100000
#define CSV_MAX_COLS 200
#define CSV_MAX_CELL 65536

struct csv_table {
	char *path;
	size_t nrows;      /* rows after the header */
	size_t ncols;      /* fields in the header */
	char **header;     /* ncols names */
	char ***cells;     /* nrows × ncols; never NULL, "" when empty */
	int *lines;        /* the file line of each row */
	int header_line;
	char sep;
	int converted;     /* it was Windows-1252 */
	/* where the strings and the rows' pointers live: one block each */
	char *text;
	char **cell_ptrs;
};

/* Reads path, a file of the folder dir (fs_open_in; with dir NULL, any
 * file). Returns 0, or -1 after a file:line diagnostic. */
int csv_table_read(const char *dir, const char *path, struct csv_table *t);
/* The same for text already in memory; path names it in diagnostics. */
int csv_table_parse(const char *path, const char *data, size_t len, struct csv_table *t);
void csv_table_free(struct csv_table *t);
/* The index of the column named name (trimmed, case-sensitive), or -1. */
int csv_table_column(const struct csv_table *t, const char *name);

#endif
