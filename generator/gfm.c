#include "gfm.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmnode.h"
#include "html.h"

/* cmark-gfm's headers for its chunks and extensions: our inline
 * extension makes text nodes as the inline parser does and calls the
 * autolink extension's own functions. They come with libcmark-gfm-dev,
 * so they always match the library we link. */
#include <cmark-gfm/chunk.h>
#include <cmark-gfm/parser.h>
#include <cmark-gfm/syntax_extension.h>

static cmark_syntax_extension *ours, *autolink, *strike_ext;
static cmark_node_type t_strike;

/* Where a run of text ends: cmark's own SPECIAL_CHARS ("\r\n\\`&_*[]<!"),
 * and the characters that may start a strikethrough or an autolink. */
static const unsigned char stop[256] = {
	['\n'] = 1, ['\r'] = 1, ['!'] = 1, ['&'] = 1, ['*'] = 1, ['<'] = 1,
	['['] = 1, ['\\'] = 1, [']'] = 1, ['_'] = 1, ['`'] = 1,
	['~'] = 1, ['w'] = 1, [':'] = 1,
};

/* A tilde run that may open or close is a node of the strikethrough
 * type, with no children, whose user data points here: the run's length
 * and how it flanks. gfm_inlines turns every one of them into struck
 * text or back into text. (A node of its own type would not do: table
 * cells take only the inline types cmark-gfm knows.) */
struct tilde {
	int len, left, right;
};
static const struct tilde tildes[2][2][2] = {
	{{{1, 0, 0}, {1, 0, 1}}, {{1, 1, 0}, {1, 1, 1}}},
	{{{2, 0, 0}, {2, 0, 1}}, {{2, 1, 0}, {2, 1, 1}}},
};
static const char tilde_text[] = "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"
				 "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~";

static const struct tilde *marker(cmark_node *n)
{
	if (n->type != t_strike || n->first_child)
		return NULL;
	const struct tilde *t = n->user_data;
	return t >= &tildes[0][0][0] && t <= &tildes[1][1][1] ? t : NULL;
}

static cmark_node *text_node(cmark_mem *mem, const char *s, bufsize_t len, int line, int col)
{
	cmark_node *t = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
	/* points into the source, as the inline parser's text does */
	t->as.literal = (cmark_chunk){(unsigned char *)s, len, 0};
	t->start_line = t->end_line = line;
	t->start_column = col;
	t->end_column = col + len - 1;
	return t;
}

static cmark_node *tilde_run(cmark_parser *parser, cmark_inline_parser *inl)
{
	int left, right, punct_before, punct_after;
	int line = cmark_inline_parser_get_line(inl), col = cmark_inline_parser_get_column(inl);
	int n = cmark_inline_parser_scan_delimiters(inl, (int)sizeof tilde_text - 1, '~', &left, &right,
						    &punct_before, &punct_after);
	cmark_mem *mem = parser->mem;
	if (n > 2 || !(left || right))
		return text_node(mem, tilde_text, n, line, col);
	cmark_node *m = cmark_node_new_with_mem_and_ext(t_strike, mem, strike_ext);
	m->user_data = (void *)&tildes[n - 1][left != 0][right != 0];
	m->start_line = m->end_line = line;
	m->start_column = col;
	m->end_column = col + n - 1;
	return m;
}

/* cmark asks every inline extension about the character that starts each
 * run of plain text (and about nothing else: a backslash, an entity, a
 * delimiter of emphasis or a bracket has its own handler). We answer
 * with the run, so that it stops where we need it to. */
static cmark_node *match(cmark_syntax_extension *self, cmark_parser *parser, cmark_node *parent,
			 unsigned char c, cmark_inline_parser *inl)
{
	(void)self;
	if (c == '~')
		return tilde_run(parser, inl);
	if (c == 'w' || c == ':') {
		cmark_node *link = autolink->match_inline(autolink, parser, parent, c, inl);
		if (link)
			return link;
	}
	cmark_chunk *chunk = cmark_inline_parser_get_chunk(inl);
	int pos = cmark_inline_parser_get_offset(inl);
	int line = cmark_inline_parser_get_line(inl), col = cmark_inline_parser_get_column(inl);
	int end = pos + 1;
	while (end < chunk->len && !stop[chunk->data[end]])
		end++;
	cmark_inline_parser_set_offset(inl, end);
	bufsize_t len = end - pos;
	/* before a line break, trailing spaces are not text */
	if (end < chunk->len && (chunk->data[end] == '\n' || chunk->data[end] == '\r'))
		while (len > 0 && cmark_isspace(chunk->data[pos + len - 1]))
			len--;
	cmark_node *t = text_node(parser->mem, (const char *)chunk->data + pos, len, line, col);
	t->end_column = col + (end - pos) - 1;
	return t;
}

void gfm_init(void)
{
	if (!ours) {
		cmark_gfm_core_extensions_ensure_registered();
		autolink = cmark_find_syntax_extension("autolink");
		strike_ext = cmark_find_syntax_extension("strikethrough");
		cmark_node_type cell;
		html_gfm_types(&cell, &t_strike);
		ours = cmark_syntax_extension_new("planpress-gfm");
		cmark_syntax_extension_set_match_inline_func(ours, match);
	}
	/* '~' is skipped over when emphasis looks at its neighbours, as
	 * while cmark-gfm's strikethrough is attached: "~~*a*~~". Done once,
	 * before any thread: nothing in planpress undoes it. */
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, strike_ext);
	cmark_manage_extensions_special_characters(p, 1);
	cmark_parser_free(p);
}

void gfm_attach(cmark_parser *parser)
{
	cmark_parser_attach_syntax_extension(parser, ours);
}

/* ---- strikethrough ------------------------------------------------ */

struct delim {
	cmark_node *node;
	const struct tilde *t;
	int active;
};

/* Pairs the markers among one node's children as cmark's emphasis
 * algorithm pairs delimiters: each closer, left to right, takes the
 * nearest opener that may pair with it; a pair of different lengths is
 * left alone; what lies between a pair is no longer a delimiter. */
static void strike_siblings(cmark_node *parent, cmark_mem *mem, struct delim **buf, size_t *cap)
{
	size_t n = 0;
	for (cmark_node *c = parent->first_child; c; c = c->next) {
		const struct tilde *t = marker(c);
		if (!t)
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*buf = xrealloc(*buf, *cap * sizeof **buf);
		}
		(*buf)[n++] = (struct delim){c, t, 1};
	}
	if (!n)
		return;
	struct delim *d = *buf;
	/* openers_bottom, by the closer's length mod 3: below it no opener
	 * is looked for again */
	long bottom[3] = {-1, -1, -1};
	for (size_t c = 0; c < n; c++) {
		if (!d[c].active || !d[c].t->right)
			continue;
		long o = (long)c - 1;
		int found = 0;
		for (; o > bottom[d[c].t->len % 3]; o--) {
			if (!d[o].active || !d[o].t->left)
				continue;
			if (!(d[c].t->left || d[o].t->right) || (d[o].t->len + d[c].t->len) % 3 != 0) {
				found = 1;
				break;
			}
		}
		if (!found) {
			long prev = (long)c - 1;
			while (prev >= 0 && !d[prev].active)
				prev--;
			bottom[d[c].t->len % 3] = prev;
			if (!d[c].t->left)
				d[c].active = 0;
			continue;
		}
		if (d[o].t->len != d[c].t->len)
			continue; /* cmark-gfm leaves both where they are */
		cmark_node *s = d[o].node;
		for (cmark_node *x = s->next; x && x != d[c].node;) {
			cmark_node *next = x->next;
			cmark_node_append_child(s, x);
			x = next;
		}
		s->user_data = NULL;
		s->end_column = d[c].node->end_column;
		for (size_t k = (size_t)o; k <= c; k++)
			d[k].active = 0;
		d[o].node = NULL; /* it is struck text now */
		cmark_node_free(d[c].node);
		d[c].node = NULL;
	}
	/* the rest are text */
	for (size_t k = 0; k < n; k++) {
		cmark_node *m = d[k].node;
		if (!m)
			continue;
		cmark_node *t = text_node(mem, tilde_text, d[k].t->len, m->start_line, m->start_column);
		cmark_node_insert_before(m, t);
		cmark_node_free(m);
	}
}

static int holds_inlines(cmark_node *n)
{
	/* the markers are inlines: their parent is a block that holds
	 * inlines or an inline itself */
	switch (n->type) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		return 1;
	default:
		return n->type == t_strike ||
		       (n->extension && n->first_child && CMARK_NODE_TYPE_INLINE_P((cmark_node_type)n->first_child->type));
	}
}

void gfm_inlines(cmark_node *doc, cmark_parser *parser)
{
	cmark_mem *mem = parser->mem;
	struct delim *buf = NULL;
	size_t cap = 0;
	/* every node, parents before their children, without recursion: a
	 * page may nest quotes and lists thousands deep */
	cmark_node *n = doc;
	for (;;) {
		if (holds_inlines(n))
			strike_siblings(n, mem, &buf, &cap);
		if (n->first_child) {
			n = n->first_child;
			continue;
		}
		while (n != doc && !n->next)
			n = n->parent;
		if (n == doc)
			break;
		n = n->next;
	}
	free(buf);
	/* e-mail addresses, by cmark-gfm's own code: it joins neighbouring
	 * text first, as cmark_parser_finish did */
	autolink->postprocess_func(autolink, parser, doc);
}
