#include "gfmtable.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <stddef.h>

static cmark_syntax_extension *table_ext;
static cmark_node_type t_table;

/* padded cells of the table being parsed on this thread */
static _Thread_local size_t padded;

/* The grammar of cmark-gfm's ext_scanners.re, written out: a row is
 * `|? cell (| cell)* |? spaces newline`, where a cell runs to the next
 * pipe that is not escaped as `\|`. */

static int is_table_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* a pipe and the table spaces after it */
static int pipe_len(const unsigned char *s, int len, int i)
{
	if (i >= len || s[i] != '|')
		return 0;
	int j = i + 1;
	while (j < len && is_table_space(s[j]))
		j++;
	return j - i;
}

/* bytes where a cell may end, or where `\|` may start */
static const unsigned char cell_stop[256] = {['|'] = 1, ['\r'] = 1, ['\n'] = 1, ['\\'] = 1};

static int cell_len(const unsigned char *s, int len, int i)
{
	int j = i;
	while (j < len) {
		if (!cell_stop[s[j]]) {
			j++;
			continue;
		}
		if (s[j] != '\\')
			break;
		j += j + 1 < len && s[j + 1] == '|' ? 2 : 1;
	}
	return j - i;
}

/* table spaces and a line ending */
static int row_end_len(const unsigned char *s, int len, int i)
{
	int j = i;
	while (j < len && is_table_space(s[j]))
		j++;
	if (j < len && s[j] == '\r')
		j++;
	if (j < len && s[j] == '\n')
		return j + 1 - i;
	return 0;
}

/* The number of cells of the row in s[0, len), or 0 when s is not a
 * row, as cmark-gfm's row_from_string counts them. */
static int row_cells(const unsigned char *s, int len)
{
	int n = 0;
	int offset = pipe_len(s, len, 0);
	int more = 1;
	while (offset < len && more) {
		int cell = cell_len(s, len, offset);
		int pipe = pipe_len(s, len, offset + cell);
		if (cell || pipe)
			n++;
		offset += cell + pipe;
		if (!pipe) {
			/* a line is one row: its ending is its end */
			offset += row_end_len(s, len, offset);
			more = 0;
		}
	}
	return offset == len ? n : 0;
}

/* The table goes on while its lines are rows, and at a short one only
 * while the padding is within the limit. */
static int table_matches(cmark_syntax_extension *self, cmark_parser *parser, unsigned char *input,
			 int len, cmark_node *container)
{
	(void)self;
	if (cmark_node_get_type(container) != t_table)
		return 0;
	int first = cmark_parser_get_first_nonspace(parser);
	int n = row_cells(input + first, len - first);
	if (!n)
		return 0;
	cmark_node *last = cmark_node_last_child(container);
	if (last && cmark_gfm_extensions_get_table_row_is_header(last))
		padded = 0; /* the table's first body row */
	int columns = cmark_gfm_extensions_get_table_columns(container);
	if (n < columns) {
		if (padded > GFM_TABLE_MAX_PADDING)
			return 0;
		padded += (size_t)(columns - n);
	}
	return 1;
}

void gfm_table_install(cmark_syntax_extension *table)
{
	if (table_ext)
		return;
	table_ext = table;
	/* the table's node type, from a table cmark-gfm made itself */
	static const char probe[] = "| a |\n|---|\n";
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_feed(p, probe, sizeof probe - 1);
	cmark_node *doc = cmark_parser_finish(p);
	t_table = cmark_node_get_type(cmark_node_first_child(doc));
	cmark_node_free(doc);
	cmark_parser_free(p);
	cmark_syntax_extension_set_match_block_func(table, table_matches);
}
