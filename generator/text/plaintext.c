#include "plaintext.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "utf8.h"

/* One open container: its part of the line prefix starts at `at`. A list
 * item's or footnote's first line shows its marker there instead of the
 * spaces that indent the lines after it. */
struct level {
	size_t at;
	char mark[24];
	size_t mlen;
	int pending;
	int fresh; /* no line written inside it yet */
};

struct list {
	int ordered, tight, fresh, next;
};

/* A table as text: cells by row, and per column whether it is numeric
 * (right-aligned). */
struct grid {
	char **cells;     /* row after row */
	size_t ncells, cellcap;
	size_t *rowlen;   /* cells in each row */
	size_t nrows, cap, ncols;
	size_t header;    /* rows that are headings, underlined */
	char *right;      /* per column, 1 when right-aligned */
	size_t rightcap;
};

struct pt {
	buf_t *out;
	int width;
	buf_t prefix;
	struct level *levels;
	size_t nlevels, caplevels;
	struct list *lists;
	size_t nlists, caplists;
	size_t start; /* out->len when we began: a blank line never comes first */
	int footnotes; /* footnote definitions so far: they come in number order */
	const struct plaintext_links *links;
	cmark_node_type t_table, t_row, t_cell;
};

static size_t cols(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static void push_level(struct pt *pt, const char *mark, size_t mlen)
{
	if (pt->nlevels == pt->caplevels) {
		pt->caplevels = pt->caplevels ? pt->caplevels * 2 : 16;
		pt->levels = xrealloc(pt->levels, pt->caplevels * sizeof *pt->levels);
	}
	struct level *l = &pt->levels[pt->nlevels++];
	l->at = pt->prefix.len;
	l->mlen = mlen < sizeof l->mark ? mlen : sizeof l->mark - 1;
	memcpy(l->mark, mark, l->mlen);
	l->pending = l->mlen > 0;
	l->fresh = 1;
	if (l->mlen)
		for (size_t i = 0; i < l->mlen; i++)
			buf_putc(&pt->prefix, ' ');
	else
		buf_puts(&pt->prefix, "> ");
}

static void start_block(struct pt *pt);

/* Writes the prefix of the next line: markers still pending take the
 * place of their indent once. */
static void put_prefix(struct pt *pt, int blank)
{
	size_t start = pt->out->len, len = pt->prefix.len;
	if (blank) {
		/* the blank line before a quote's first block is outside it */
		for (size_t i = 0; i < pt->nlevels; i++)
			if (pt->levels[i].fresh) {
				len = pt->levels[i].at;
				break;
			}
		buf_put(pt->out, pt->prefix.data ? pt->prefix.data : "", len);
		return;
	}
	buf_put(pt->out, pt->prefix.data ? pt->prefix.data : "", len);
	for (size_t i = 0; i < pt->nlevels; i++) {
		struct level *l = &pt->levels[i];
		if (l->pending) {
			memcpy(pt->out->data + start + l->at, l->mark, l->mlen);
			l->pending = 0;
		}
		l->fresh = 0;
	}
}

static void end_line(struct pt *pt)
{
	while (pt->out->len > pt->start && pt->out->data[pt->out->len - 1] == ' ')
		pt->out->len--;
	buf_putc(pt->out, '\n');
}

static void put_line(struct pt *pt, const char *s, size_t n)
{
	put_prefix(pt, 0);
	buf_put(pt->out, s, n);
	end_line(pt);
}

static void pop_level(struct pt *pt)
{
	struct level *l = &pt->levels[--pt->nlevels];
	if (l->pending) { /* an empty item still shows its marker */
		pt->nlevels++;
		start_block(pt);
		put_line(pt, "", 0);
		pt->nlevels--;
	}
	pt->prefix.len = l->at;
	if (pt->prefix.data)
		pt->prefix.data[l->at] = '\0';
}

/* Before a block: a blank line, except between the blocks of a tight
 * list, and before a list that opens inside a tight one. */
static void start_block(struct pt *pt)
{
	int blank = 1;
	if (pt->nlists) {
		struct list *l = &pt->lists[pt->nlists - 1];
		if (l->fresh) {
			l->fresh = 0;
			blank = !(pt->nlists > 1 && pt->lists[pt->nlists - 2].tight);
		} else if (l->tight) {
			blank = 0;
		}
	}
	if (blank && pt->out->len > pt->start) {
		put_prefix(pt, 1);
		end_line(pt);
	}
}

/* Where the word at s[w] ends (a space, a newline or n), and in *wc its
 * width in characters. */
static size_t word_end(const char *s, size_t w, size_t n, size_t *wc)
{
	size_t start = w, cont = 0;
	while (w < n && s[w] != ' ' && s[w] != '\n')
		cont += ((unsigned char)s[w++] & 0xC0) == 0x80;
	*wc = w - start - cont;
	return w;
}

/* Fills lines up to the width, breaking at spaces; '\n' in s is a hard
 * break. A word longer than a line gets a line of its own. */
static void put_wrapped(struct pt *pt, const char *s, size_t n)
{
	size_t pcols = cols(pt->prefix.data ? pt->prefix.data : "", pt->prefix.len);
	size_t avail = (size_t)pt->width > pcols + 20 ? (size_t)pt->width - pcols : 20;
	size_t linecols = 0;
	int open = 0; /* a line is started in out */
	/* words of the line that follow each other with one space, still in
	 * s: they go out in one piece */
	size_t from = 0, to = 0;
	size_t i = 0;
	while (i < n) {
		if (s[i] == '\n') {
			buf_put(pt->out, s + from, to - from);
			from = to = 0;
			if (!open)
				put_prefix(pt, 0);
			end_line(pt);
			open = 0;
			linecols = 0;
			i++;
			continue;
		}
		if (s[i] == ' ') {
			i++;
			continue;
		}
		size_t wc, w = word_end(s, i, n, &wc);
		if (open && linecols + 1 + wc > avail) {
			buf_put(pt->out, s + from, to - from);
			from = to = 0;
			end_line(pt);
			open = 0;
			linecols = 0;
		}
		if (open && to + 1 == i) {
			to = w;
			linecols += 1 + wc;
		} else {
			buf_put(pt->out, s + from, to - from);
			if (open) {
				buf_putc(pt->out, ' ');
				linecols++;
			} else {
				put_prefix(pt, 0);
				open = 1;
			}
			from = i;
			to = w;
			linecols += wc;
		}
		i = w;
	}
	buf_put(pt->out, s + from, to - from);
	if (open)
		end_line(pt);
}

static int is_absolute(const char *url)
{
	if (!strncmp(url, "mailto:", 7) || !strncmp(url, "tel:", 4))
		return 1;
	const char *p = url;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
		p++;
	return p > url && !strncmp(p, "://", 3);
}

/* A link's address is worth printing unless its words already are the
 * address (an autolink, "www.x.se" for "http://www.x.se"). */
static int shows_address(const char *url, const char *text, size_t n)
{
	if (!is_absolute(url))
		return 0;
	size_t ul = strlen(url);
	return !(ul >= n && !memcmp(url + ul - n, text, n) &&
		 (ul == n || url[ul - n - 1] == ':' || url[ul - n - 1] == '/'));
}

/* The inline content of node as one string: soft breaks are spaces, hard
 * breaks '\n'. Iterative, for inlines nested thousands deep. */
/* The address a reader can use: the site's own for a link to a page or
 * file of the site, made absolute, as in the HTML of the e-mail. */
static char *address(const struct plaintext_links *l, const char *url)
{
	char *own = l && l->rewrite ? l->rewrite(l->ud, url, 0) : NULL;
	const char *u = own ? own : url;
	size_t bp = l && l->base_path ? strlen(l->base_path) : 0;
	char *abs;
	if (bp && l->base_url && u[0] == '/' && u[1] != '/' && !strncmp(u, l->base_path, bp))
		abs = xasprintf("%s%s", l->base_url, u + bp);
	else
		abs = xstrdup(u);
	free(own);
	return abs;
}

static void inline_text(const struct plaintext_links *links, cmark_node *node, buf_t *b)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	size_t link_at = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if (t == CMARK_NODE_LINK && cmark_node_get_url(n)) {
				char *url = address(links, cmark_node_get_url(n));
				if (shows_address(url, b->data ? b->data + link_at : "", b->len - link_at)) {
					buf_puts(b, " <");
					buf_puts(b, url);
					buf_putc(b, '>');
				}
				free(url);
			}
			continue;
		}
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *lit = cmark_node_get_literal(n);
			size_t len = lit ? strlen(lit) : 0;
			buf_put(b, lit, len);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			buf_putc(b, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, '\n');
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			buf_printf(b, "[%s]", cmark_node_get_literal(n));
			break;
		case CMARK_NODE_LINK:
			link_at = b->len;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static void grid_cell(struct grid *g, char *text)
{
	if (g->nrows == 0) {
		free(text);
		return;
	}
	if (g->ncells == g->cellcap) {
		g->cellcap = g->cellcap ? g->cellcap * 2 : 64;
		g->cells = xrealloc(g->cells, g->cellcap * sizeof *g->cells);
	}
	g->cells[g->ncells++] = text;
	size_t r = g->nrows - 1;
	if (++g->rowlen[r] > g->ncols)
		g->ncols = g->rowlen[r];
}

static void grid_row(struct grid *g)
{
	if (g->nrows == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->rowlen = xrealloc(g->rowlen, g->cap * sizeof *g->rowlen);
	}
	g->rowlen[g->nrows++] = 0;
}

static void grid_right(struct grid *g, size_t col)
{
	if (col >= g->rightcap) {
		size_t cap = col + 16;
		g->right = xrealloc(g->right, cap);
		memset(g->right + g->rightcap, 0, cap - g->rightcap);
		g->rightcap = cap;
	}
	g->right[col] = 1;
}

static void grid_free(struct grid *g)
{
	free_strings(g->cells, g->ncells);
	free(g->rowlen);
	free(g->right);
	memset(g, 0, sizeof *g);
}

/* Columns two spaces apart, each as wide as its widest cell, numbers
 * right-aligned; the heading rows are underlined. */
static void put_grid(struct pt *pt, struct grid *g)
{
	if (!g->nrows)
		return;
	size_t *w = xcalloc(g->ncols ? g->ncols : 1, sizeof *w);
	size_t k = 0;
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < g->rowlen[r]; c++, k++) {
			size_t cw = cols(g->cells[k], strlen(g->cells[k]));
			if (cw > w[c])
				w[c] = cw;
		}
	buf_t line = BUF_INIT;
	k = 0;
	for (size_t r = 0; r < g->nrows; r++) {
		line.len = 0;
		for (size_t c = 0; c < g->ncols; c++) {
			const char *cell = c < g->rowlen[r] ? g->cells[k + c] : "";
			size_t pad = w[c] - cols(cell, strlen(cell));
			int right = c < g->rightcap && g->right[c];
			if (c)
				buf_puts(&line, "  ");
			for (size_t i = 0; right && i < pad; i++)
				buf_putc(&line, ' ');
			buf_puts(&line, cell);
			for (size_t i = 0; !right && i < pad; i++)
				buf_putc(&line, ' ');
		}
		k += g->rowlen[r];
		put_line(pt, line.data, line.len);
		if (r + 1 == g->header) {
			line.len = 0;
			for (size_t c = 0; c < g->ncols; c++) {
				if (c)
					buf_puts(&line, "  ");
				for (size_t i = 0; i < w[c]; i++)
					buf_putc(&line, '-');
			}
			put_line(pt, line.data, line.len);
		}
	}
	buf_free(&line);
	free(w);
}

static char *cell_text(const struct plaintext_links *links, cmark_node *cell)
{
	buf_t b = BUF_INIT;
	inline_text(links, cell, &b);
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n')
			b.data[i] = ' ';
	return buf_detach(&b);
}

static void put_table(struct pt *pt, cmark_node *table)
{
	struct grid g = {0};
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	uint16_t ncols = cmark_gfm_extensions_get_table_columns(table);
	for (uint16_t c = 0; align && c < ncols; c++)
		if (align[c] == 'r')
			grid_right(&g, c);
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
		if (cmark_node_get_type(row) != pt->t_row)
			continue;
		grid_row(&g);
		if (cmark_gfm_extensions_get_table_row_is_header(row))
			g.header = g.nrows;
		for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
			if (cmark_node_get_type(cell) == pt->t_cell)
				grid_cell(&g, cell_text(pt->links, cell));
	}
	put_grid(pt, &g);
	grid_free(&g);
}

/* --- blocks that give their own text -------------------------------------- */

struct part {
	char *para;       /* a paragraph, or NULL for a table */
	struct grid g;
	int captioned;
};

struct plaintext_block {
	struct part *parts;
	size_t nparts;
};

static char *take_text(buf_t *b);

struct plaintext_block *plaintext_block_new(void)
{
	return xcalloc(1, sizeof(struct plaintext_block));
}

void plaintext_block_free(struct plaintext_block *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nparts; i++) {
		free(b->parts[i].para);
		grid_free(&b->parts[i].g);
	}
	free(b->parts);
	free(b);
}

static struct part *add_part(struct plaintext_block *b)
{
	b->parts = xrealloc(b->parts, (b->nparts + 1) * sizeof *b->parts);
	struct part *p = &b->parts[b->nparts++];
	memset(p, 0, sizeof *p);
	return p;
}

/* whitespace as in HTML: runs are one space, none at either end */
static char *collapsed(const char *text)
{
	buf_t t = BUF_INIT;
	for (const char *s = text; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (t.len && t.data[t.len - 1] != ' ')
				buf_putc(&t, ' ');
		} else {
			buf_putc(&t, *s);
		}
	}
	char *s = take_text(&t);
	buf_free(&t);
	return s;
}

void plaintext_block_para(struct plaintext_block *b, const char *text)
{
	char *s = collapsed(text);
	if (!*s) {
		free(s);
		return;
	}
	add_part(b)->para = s;
}

void plaintext_block_table(struct plaintext_block *b, int captioned)
{
	add_part(b)->captioned = captioned;
}

static struct grid *current_grid(struct plaintext_block *b)
{
	if (!b->nparts || b->parts[b->nparts - 1].para)
		plaintext_block_table(b, 0);
	return &b->parts[b->nparts - 1].g;
}

void plaintext_block_row(struct plaintext_block *b, int header)
{
	struct grid *g = current_grid(b);
	grid_row(g);
	if (header)
		g->header = g->nrows;
}

void plaintext_block_cell(struct plaintext_block *b, const char *text, int right)
{
	struct grid *g = current_grid(b);
	if (right)
		grid_right(g, g->nrows ? g->rowlen[g->nrows - 1] : 0);
	grid_cell(g, collapsed(text));
}

static void put_block(struct pt *pt, const struct plaintext_block *b)
{
	for (size_t i = 0; i < b->nparts; i++) {
		struct part *p = &b->parts[i];
		if (p->para) {
			start_block(pt);
			put_wrapped(pt, p->para, strlen(p->para));
		} else if (p->g.nrows) {
			if (!p->captioned)
				start_block(pt);
			put_grid(pt, &p->g);
		}
	}
}

/* --- HTML of planpress's own blocks ------------------------------------ */

static int tag_is(const char *tag, size_t n, const char *name)
{
	size_t l = strlen(name);
	return n >= l && !strncmp(tag, name, l) &&
	       (n == l || tag[l] == ' ' || tag[l] == '>' || tag[l] == '/' || tag[l] == '\t' ||
		tag[l] == '\n');
}

/* 1 if the n bytes at s contain word (memmem is not in C11 or POSIX) */
static int mentions(const char *s, size_t n, const char *word)
{
	size_t l = strlen(word);
	for (size_t i = 0; i + l <= n; i++)
		if (!memcmp(s + i, word, l))
			return 1;
	return 0;
}

/* Appends the character an entity stands for; returns the bytes used. */
static size_t entity(const char *s, buf_t *b)
{
	static const struct {
		const char *name;
		const char *text;
	} named[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
		     {"&nbsp;", "\xC2\xA0"}, {"&minus;", "\xE2\x88\x92"}};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		size_t l = strlen(named[i].name);
		if (!strncmp(s, named[i].name, l)) {
			buf_puts(b, named[i].text);
			return l;
		}
	}
	if (s[1] == '#') {
		char *end;
		int hex = s[2] == 'x' || s[2] == 'X';
		unsigned long cp = strtoul(s + (hex ? 3 : 2), &end, hex ? 16 : 10);
		if (*end == ';' && end > s + (hex ? 3 : 2) && cp > 0 && cp < 0x110000 &&
		    !(cp >= 0xD800 && cp < 0xE000)) {
			utf8_put(b, cp);
			return (size_t)(end - s) + 1;
		}
	}
	buf_putc(b, '&');
	return 1;
}

/* Text gathered between tags, whitespace collapsed. */
static void put_text_run(buf_t *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			if (b->len && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
			i++;
		} else if (c == '&') {
			i += entity(s + i, b);
		} else {
			buf_putc(b, c);
			i++;
		}
	}
}

static char *take_text(buf_t *b)
{
	while (b->len && b->data[b->len - 1] == ' ')
		b->len--;
	size_t lead = 0;
	while (lead < b->len && b->data[lead] == ' ')
		lead++;
	char *s = xstrndup(b->data ? b->data + lead : "", b->len - lead);
	b->len = 0;
	return s;
}

static void html_text(struct pt *pt, const char *html)
{
	struct grid g = {0};
	buf_t text = BUF_INIT;
	int in_table = 0, in_cell = 0, in_head = 0, skip = 0, skip_svg = 0, captioned = 0;
	size_t col = 0;
	const char *p = html;
	while (*p) {
		if (*p != '<') {
			const char *e = strchr(p, '<');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (!skip && !skip_svg)
				put_text_run(&text, p, n);
			p += n;
			continue;
		}
		const char *e = strchr(p, '>');
		if (!e)
			break;
		const char *tag = p + 1;
		size_t n = (size_t)(e - tag);
		int close = n && *tag == '/';
		if (close) {
			tag++;
			n--;
		}
		p = e + 1;
		/* a chart's drawing, and a link to download a file, are not
		 * text a reader can use */
		if (tag_is(tag, n, "svg")) {
			skip_svg = !close;
			continue;
		}
		if (!skip_svg && tag_is(tag, n, "a") && (close || mentions(tag, n, " download"))) {
			skip = !close;
			continue;
		}
		if (skip || skip_svg)
			continue;
		if (tag_is(tag, n, "table")) {
			if (close && g.nrows) {
				if (!captioned)
					start_block(pt);
				put_grid(pt, &g);
			}
			grid_free(&g);
			in_table = !close;
			captioned = 0;
			text.len = 0;
		} else if (in_table && tag_is(tag, n, "thead")) {
			in_head = !close;
		} else if (in_table && tag_is(tag, n, "tr")) {
			if (!close) {
				grid_row(&g);
				col = 0;
				if (in_head)
					g.header = g.nrows;
			}
		} else if (in_table && (tag_is(tag, n, "td") || tag_is(tag, n, "th"))) {
			if (!close) {
				text.len = 0;
				in_cell = 1;
				if (mentions(tag, n, "\"num"))
					grid_right(&g, col);
			} else if (in_cell) {
				grid_cell(&g, take_text(&text));
				in_cell = 0;
				col++;
			}
		} else if (!in_cell && close && (tag_is(tag, n, "caption") || tag_is(tag, n, "figcaption") ||
				     tag_is(tag, n, "p") || tag_is(tag, n, "div") ||
				     (n == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') ||
				     tag_is(tag, n, "li"))) {
			char *s = take_text(&text);
			if (*s) {
				start_block(pt);
				put_wrapped(pt, s, strlen(s));
				captioned = in_table;
			}
			free(s);
		}
		if (in_table && !in_cell && (tag_is(tag, n, "tr") || tag_is(tag, n, "thead") ||
					     tag_is(tag, n, "tbody") || tag_is(tag, n, "tfoot")))
			text.len = 0;
	}
	if (g.nrows) { /* a table left open */
		start_block(pt);
		put_grid(pt, &g);
	}
	grid_free(&g);
	char *s = take_text(&text);
	if (*s) {
		start_block(pt);
		put_wrapped(pt, s, strlen(s));
	}
	free(s);
	buf_free(&text);
}

/* --- the tree ----------------------------------------------------------- */

static void pt_init(struct pt *pt, int width, buf_t *out)
{
	memset(pt, 0, sizeof *pt);
	pt->out = out;
	pt->width = width;
	pt->start = out->len;
	html_gfm_table_types(&pt->t_table, &pt->t_row, &pt->t_cell);
}

static void pt_free(struct pt *pt)
{
	buf_free(&pt->prefix);
	free(pt->levels);
	free(pt->lists);
}

void plaintext_from_html(const char *html, int width, buf_t *out)
{
	struct pt pt;
	pt_init(&pt, width, out);
	html_text(&pt, html);
	pt_free(&pt);
}

static void leaf(struct pt *pt, cmark_node *n, int level)
{
	buf_t b = BUF_INIT;
	inline_text(pt->links, n, &b);
	if (b.len == 0) /* "##" alone, an image without words: no block */
		return;
	start_block(pt);
	size_t before = pt->out->len;
	put_wrapped(pt, b.data ? b.data : "", b.len);
	if ((level == 1 || level == 2) && pt->out->len > before) {
		/* underline as wide as the longest line written, prefix aside */
		size_t longest = 0, at = before;
		for (size_t i = before; i <= pt->out->len; i++)
			if (i == pt->out->len || pt->out->data[i] == '\n') {
				size_t c = cols(pt->out->data + at, i - at);
				if (c > longest)
					longest = c;
				at = i + 1;
			}
		size_t pcols = cols(pt->prefix.data ? pt->prefix.data : "", pt->prefix.len);
		longest = longest > pcols ? longest - pcols : 0;
		b.len = 0;
		for (size_t i = 0; i < longest; i++)
			buf_putc(&b, level == 1 ? '=' : '-');
		put_line(pt, b.data ? b.data : "", b.len);
	}
	buf_free(&b);
}

static void code_block(struct pt *pt, const char *lit)
{
	start_block(pt);
	const char *s = lit ? lit : "";
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		put_prefix(pt, 0);
		buf_puts(pt->out, "    ");
		buf_put(pt->out, s, n);
		end_line(pt);
		s += n + (e != NULL);
	}
}

void plaintext_render(cmark_node *doc, int width, const struct plaintext_links *links, buf_t *out)
{
	struct pt pt;
	pt_init(&pt, width, out);
	pt.links = links;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int enter = ev == CMARK_EVENT_ENTER;
		switch (t) {
		case CMARK_NODE_BLOCK_QUOTE:
			if (enter)
				push_level(&pt, "", 0);
			else
				pop_level(&pt);
			break;
		case CMARK_NODE_LIST:
			if (enter) {
				if (pt.nlists == pt.caplists) {
					pt.caplists = pt.caplists ? pt.caplists * 2 : 8;
					pt.lists = xrealloc(pt.lists, pt.caplists * sizeof *pt.lists);
				}
				pt.lists[pt.nlists++] = (struct list){
					cmark_node_get_list_type(n) == CMARK_ORDERED_LIST,
					cmark_node_get_list_tight(n), 1, cmark_node_get_list_start(n)};
			} else {
				pt.nlists--;
			}
			break;
		case CMARK_NODE_ITEM:
			if (enter) {
				char mark[24];
				struct list *l = &pt.lists[pt.nlists - 1];
				if (l->ordered)
					snprintf(mark, sizeof mark, "%d. ", l->next++);
				else
					snprintf(mark, sizeof mark, "- ");
				/* a task keeps its box: "- [x] Budget antagen" */
				if (cmark_node_get_syntax_extension(n) &&
				    !strcmp(cmark_node_get_type_string(n), "tasklist"))
					strcat(mark, cmark_gfm_extensions_get_tasklist_item_checked(n) ? "[x] " : "[ ] ");
				push_level(&pt, mark, strlen(mark));
			} else {
				pop_level(&pt);
			}
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			if (enter) {
				char mark[24];
				snprintf(mark, sizeof mark, "[%d] ", ++pt.footnotes);
				push_level(&pt, mark, strlen(mark));
			} else {
				pop_level(&pt);
			}
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (enter) {
				leaf(&pt, n, t == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block(&pt, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			start_block(&pt);
			put_line(&pt, "* * *", 5);
			break;
		case CMARK_NODE_CUSTOM_BLOCK:
			if (enter && cmark_node_get_user_data(n))
				put_block(&pt, cmark_node_get_user_data(n));
			else if (enter)
				html_text(&pt, cmark_node_get_on_enter(n));
			break;
		default:
			if (t == pt.t_table && enter) {
				start_block(&pt);
				put_table(&pt, n);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			/* raw HTML is markup, not text: left out */
			break;
		}
	}
	cmark_iter_free(it);
	pt_free(&pt);
}
