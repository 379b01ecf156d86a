#include "gfmtable.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
/* cmark-gfm's own headers for its node and extension: the rows need the
 * source positions and the extension data cmark-gfm's table code sets,
 * and the table's start is handed to the extension's own function; the
 * public API reaches neither. They come with libcmark-gfm-dev, so they
 * always match the library we link. */
#include <cmark-gfm/node.h>
#include <cmark-gfm/parser.h>
#include <cmark-gfm/syntax_extension.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* The data of a table row node, laid out as cmark-gfm's table.c has it. */
struct row_data {
	bool is_header;
};

static cmark_syntax_extension *table_ext;
static cmark_open_block_func table_open; /* cmark-gfm's own */
static cmark_node_type t_table, t_row, t_cell;

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

struct cell {
	int start, len;
};

/* Calls add(cell, ud) for each cell of the row in s[0, len) and returns
 * their number, or 0 when s is not a row. add may be NULL. */
static int row_cells(const unsigned char *s, int len, void (*add)(const struct cell *, void *),
		     void *ud)
{
	int n = 0;
	int offset = pipe_len(s, len, 0);
	int more = 1;
	while (offset < len && more) {
		int cell = cell_len(s, len, offset);
		int pipe = pipe_len(s, len, offset + cell);
		if (cell || pipe) {
			struct cell c = {offset, cell};
			if (add)
				add(&c, ud);
			n++;
		}
		offset += cell + pipe;
		if (!pipe) {
			/* a line is one row: its ending is its end */
			offset += row_end_len(s, len, offset);
			more = 0;
		}
	}
	return offset == len ? n : 0;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

struct row_build {
	cmark_parser *parser;
	cmark_node *table, *row;
	const unsigned char *s;
	int columns, made;
};

/* A new last child of parent, made as cmark_parser_add_child makes it.
 * That function first walks up to a container that takes the type, but
 * a table always takes a row and a row a cell, and the walk was half of
 * the cost of a cell. */
static cmark_node *new_child(cmark_parser *parser, cmark_node *parent, cmark_node_type type,
			     int start_column)
{
	cmark_mem *mem = parser->mem;
	cmark_node *n = mem->calloc(1, sizeof *n);
	cmark_strbuf_init(mem, &n->content, 32);
	n->type = (uint16_t)type;
	n->flags = CMARK_NODE__OPEN;
	n->start_line = n->end_line = parser->line_number;
	n->start_column = start_column;
	n->parent = parent;
	if (parent->last_child) {
		parent->last_child->next = n;
		n->prev = parent->last_child;
	} else {
		parent->first_child = n;
	}
	parent->last_child = n;
	return n;
}

/* Bytes that end a run of text in cmark-gfm's inline parser (its
 * SPECIAL_CHARS, and where gfm.c's inline extension stops), and those its
 * parse_inline hands to a handler of their own when they come first
 * (a quote, hyphen or period too, even with CMARK_OPT_SMART off). The
 * lists err on the careful side: a cell left to the inline parser is
 * only slower. */
static const unsigned char inline_stop[256] = {
	['\n'] = 1, ['\r'] = 1, ['!'] = 1, ['&'] = 1, ['*'] = 1, ['<'] = 1,
	['['] = 1, ['\\'] = 1, [']'] = 1, ['_'] = 1, ['`'] = 1,
	/* where gfm.c's extension looks for strikethrough and autolinks */
	['~'] = 1, ['w'] = 1, [':'] = 1,
};
static const unsigned char inline_lead[256] = {
	['\n'] = 1, ['\r'] = 1, ['!'] = 1, ['&'] = 1, ['*'] = 1, ['<'] = 1,
	['['] = 1, ['\\'] = 1, [']'] = 1, ['_'] = 1, ['`'] = 1,
	['\''] = 1, ['"'] = 1, ['-'] = 1, ['.'] = 1,
	['~'] = 1, ['w'] = 1, [':'] = 1,
};

/* Most cells of a budget table are a name or a figure: text that cmark's
 * inline parser would turn into one text node. Such a cell gets that
 * node here, as cmark_parse_inlines would make it (the literal points
 * into the cell's content, the positions count from the cell's), and
 * cell_has_inlines then keeps the inline parser away from it: its set-up
 * and emphasis pass cost more than a thousand instructions a cell. */
static void plain_cell(cmark_parser *parser, cmark_node *cell)
{
	const cmark_strbuf *t = &cell->content;
	if (t->size == 0 || inline_lead[t->ptr[0]])
		return;
	for (bufsize_t i = 1; i < t->size; i++)
		if (inline_stop[t->ptr[i]])
			return;
	cmark_node *text = parser->mem->calloc(1, sizeof *text);
	cmark_strbuf_init(parser->mem, &text->content, 0);
	text->type = CMARK_NODE_TEXT;
	text->as.literal = (cmark_chunk){t->ptr, t->size, 0};
	int offset = cell->start_column - 1 + cell->internal_offset;
	text->start_line = text->end_line = cell->start_line;
	text->start_column = 1 + offset;
	text->end_column = t->size + offset;
	text->parent = cell;
	cell->first_child = cell->last_child = text;
}

/* cmark-gfm's answer for its table cells, but for those with their text
 * made already (and empty ones: nothing to parse). */
static int cell_has_inlines(cmark_syntax_extension *ext, cmark_node *node)
{
	(void)ext;
	return node->type == t_cell && !node->first_child && node->content.size > 0;
}

static void add_cell(const struct cell *c, void *ud)
{
	struct row_build *rb = ud;
	if (rb->made >= rb->columns)
		return;
	const unsigned char *s = rb->s;
	int start = c->start, internal = 0;
	while (start > 0 && s[start - 1] != '|') {
		start--;
		internal++;
	}
	cmark_node *node = new_child(rb->parser, rb->row, t_cell, rb->table->start_column + start);
	node->internal_offset = internal;
	node->end_column = rb->table->start_column + c->start + c->len - 1;
	node->extension = table_ext;

	int a = c->start, b = c->start + c->len;
	while (a < b && is_space(s[a]))
		a++;
	while (b > a && is_space(s[b - 1]))
		b--;
	cmark_strbuf *text = &node->content;
	cmark_strbuf_set(text, s + a, b - a);
	/* `\|` is a pipe in the cell's text */
	bufsize_t w = 0;
	for (bufsize_t r = 0; r < text->size; r++) {
		if (text->ptr[r] == '\\' && r + 1 < text->size && text->ptr[r + 1] == '|')
			r++;
		text->ptr[w++] = text->ptr[r];
	}
	text->size = w;
	text->ptr[w] = '\0';
	plain_cell(rb->parser, node);
	rb->made++;
}

static int line_start(cmark_parser *parser)
{
	return cmark_parser_get_first_nonspace(parser);
}

/* The cells of the line table_matches read, for open_row, which comes
 * next with the same line: a row is split once. They are kept with a
 * copy of the line, as the cells depend on nothing else: cmark asks the
 * table's open row about the line too (and a row is no table, so that
 * answer must not drop them), and a line kept but never opened (one that
 * starts a heading, say) cannot be taken for another. */
#define SEEN_CELLS 64
#define SEEN_BYTES 512

static _Thread_local struct {
	int len; /* -1: none kept */
	int n;
	struct cell cells[SEEN_CELLS];
	unsigned char line[SEEN_BYTES];
} seen = {.len = -1};

static void note_cell(const struct cell *c, void *ud)
{
	(void)ud;
	if (seen.n < SEEN_CELLS)
		seen.cells[seen.n] = *c;
	seen.n++;
}

/* The table goes on while its lines are rows. */
static int table_matches(cmark_syntax_extension *self, cmark_parser *parser, unsigned char *input,
			 int len, cmark_node *container)
{
	(void)self;
	if (cmark_node_get_type(container) != t_table)
		return 0;
	seen.len = -1;
	int first = line_start(parser);
	seen.n = 0;
	int n = row_cells(input + first, len - first, note_cell, NULL);
	if (n && n <= SEEN_CELLS && len - first <= SEEN_BYTES) {
		seen.len = len - first;
		memcpy(seen.line, input + first, (size_t)seen.len);
	}
	if (!n)
		return 0;
	int columns = cmark_gfm_extensions_get_table_columns(container);
	if (n < columns && padded > GFM_TABLE_MAX_PADDING)
		return 0;
	return 1;
}

/* The row takes the rest of its line. cmark_parser_advance_offset steps
 * a character at a time for the sake of tabs; without one, every
 * character is one column. */
static void skip_rest(cmark_parser *parser, const unsigned char *input, int len)
{
	int count = len - 1 - parser->offset;
	if (count <= 0 || memchr(input + parser->offset, '\t', (size_t)count)) {
		cmark_parser_advance_offset(parser, (const char *)input, count, false);
		return;
	}
	parser->offset += count;
	parser->column += count;
	parser->partially_consumed_tab = false;
}

static cmark_node *open_row(cmark_syntax_extension *self, cmark_parser *parser,
			    cmark_node *container, unsigned char *input, int len)
{
	if (cmark_parser_is_blank(parser))
		return NULL;
	int first = line_start(parser);
	const unsigned char *s = input + first;
	cmark_node *last = cmark_node_last_child(container);
	if (last && cmark_gfm_extensions_get_table_row_is_header(last))
		padded = 0; /* the table's first body row */

	cmark_node *row = new_child(parser, container, t_row, container->start_column);
	row->extension = table_ext;
	row->end_column = container->end_column;
	row->as.opaque = row->content.mem->calloc(1, sizeof(struct row_data));

	struct row_build rb = {parser, container, row, s,
			       cmark_gfm_extensions_get_table_columns(container), 0};
	int cells;
	if (seen.len == len - first && !memcmp(seen.line, s, (size_t)seen.len)) {
		for (int k = 0; k < seen.n; k++)
			add_cell(&seen.cells[k], &rb);
		cells = seen.n;
	} else {
		cells = row_cells(s, len - first, add_cell, &rb);
	}
	seen.len = -1;
	if (!cells) {
		/* not a row after all (table_matches said it was): cmark-gfm's
		 * table extension decides */
		cmark_node_free(row);
		return table_open(self, 0, parser, container, input, len);
	}
	for (; rb.made < rb.columns; rb.made++) {
		cmark_node *pad = new_child(parser, row, t_cell, 0);
		pad->extension = table_ext;
		padded++;
	}
	skip_rest(parser, input, len);
	return row;
}

/* Only a line of pipes, colons, dashes and spaces can be a delimiter row
 * and turn the paragraph above it into a table; cmark-gfm runs its
 * scanner on every line of every paragraph to find out. */
static int may_be_delimiter_row(const unsigned char *s, int len)
{
	int dash = 0;
	for (int i = 0; i < len; i++) {
		switch (s[i]) {
		case '-':
			dash = 1;
			break;
		case '|':
		case ':':
		case ' ':
		case '\t':
		case '\v':
		case '\f':
		case '\r':
		case '\n':
			break;
		default:
			return 0;
		}
	}
	return dash;
}

static cmark_node *open_block(cmark_syntax_extension *self, int indented, cmark_parser *parser,
			      cmark_node *container, unsigned char *input, int len)
{
	if (indented)
		return NULL;
	cmark_node_type type = cmark_node_get_type(container);
	if (type == t_table)
		return open_row(self, parser, container, input, len);
	if (type != CMARK_NODE_PARAGRAPH)
		return NULL;
	int first = line_start(parser);
	if (!may_be_delimiter_row(input + first, len - first))
		return container; /* what cmark-gfm answers: the paragraph goes on */
	return table_open(self, indented, parser, container, input, len);
}

void gfm_table_install(cmark_syntax_extension *table)
{
	if (table_ext)
		return;
	table_ext = table;
	/* the node types, from a table cmark-gfm made itself */
	static const char probe[] = "| a |\n|---|\n| b |\n";
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_feed(p, probe, sizeof probe - 1);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_node *t = cmark_node_first_child(doc);
	t_table = cmark_node_get_type(t);
	t_row = cmark_node_get_type(cmark_node_first_child(t));
	t_cell = cmark_node_get_type(cmark_node_first_child(cmark_node_first_child(t)));
	cmark_node_free(doc);
	cmark_parser_free(p);

	table_open = table->try_opening_block;
	cmark_syntax_extension_set_match_block_func(table, table_matches);
	cmark_syntax_extension_set_open_block_func(table, open_block);
	cmark_syntax_extension_set_contains_inlines_func(table, cell_has_inlines);
}
