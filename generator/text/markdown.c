#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "gfm.h"
#include "gfmtable.h"
#include "html.h"
#include "plaintext.h"
#include "utf8.h"

/* the text part of an e-mail: lines that fit every mail reader */
#define PLAINTEXT_WIDTH 72
#include "slug.h"
#include "suggest.h"

#define MAX_NUMBERED_DEPTH 3
#define SUMMARY_CHARS 240

static cmark_syntax_extension *ext_table, *ext_tasklist;

/* "- [ ] text", "- [x] text" or "- [X] text": a task, as the GFM
 * specification has it. cmark-gfm's own rule (this replaces it) takes
 * only a lower-case x, no task in a quote, and calls a task done when
 * "[x]" appears anywhere on its line. The item gets the tasklist
 * extension and its state, which the renderers read. */
static cmark_node *open_task(cmark_syntax_extension *self, int indented, cmark_parser *parser,
			     cmark_node *container, unsigned char *input, int len)
{
	if (indented || cmark_node_get_type(container) != CMARK_NODE_ITEM ||
	    cmark_node_first_child(container) || cmark_node_get_syntax_extension(container))
		return NULL;
	int i = cmark_parser_get_first_nonspace(parser);
	if (len - i < 4 || input[i] != '[' || input[i + 2] != ']' ||
	    !strchr(" \txX", input[i + 1]) || !strchr(" \t", input[i + 3]))
		return NULL;
	cmark_node_set_syntax_extension(container, self);
	cmark_parser_advance_offset(parser, (const char *)input, i + 3 - cmark_parser_get_offset(parser), 0);
	cmark_gfm_extensions_set_tasklist_item_checked(container, input[i + 1] == 'x' || input[i + 1] == 'X');
	return NULL;
}

void markdown_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	ext_table = cmark_find_syntax_extension("table");
	ext_tasklist = cmark_find_syntax_extension("tasklist");
	cmark_syntax_extension_set_open_block_func(ext_tasklist, open_task);
	gfm_table_install(ext_table);
	html_init();
	gfm_init();
}

/* Ids the theme uses itself, which headings must not take. */
static const char *const reserved_ids[] = {"main", "toc", "footnotes", "top", NULL};

/* The ids a page's headings have taken, and for each slug the next number
 * to try after it: a thousand "## Kommentar" headings take linear time
 * (kommentar, kommentar-2 … kommentar-1000), not cubic. An open-addressed
 * hash table of owned keys; it lives for one rendering. */
struct ids {
	char **key;
	int *next;
	size_t cap, n;
};

static uint64_t id_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* the slot of key, or of the empty place where it would go */
static size_t ids_slot(const struct ids *t, const char *key)
{
	size_t i = (size_t)id_hash(key) & (t->cap - 1);
	while (t->key[i] && strcmp(t->key[i], key))
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* key's entry, added (with next 2) when absent */
static int *ids_get(struct ids *t, const char *key, int *added)
{
	if (2 * (t->n + 1) > t->cap) {
		struct ids old = *t;
		t->cap = old.cap ? old.cap * 2 : 64;
		t->key = xcalloc(t->cap, sizeof *t->key);
		t->next = xcalloc(t->cap, sizeof *t->next);
		for (size_t i = 0; i < old.cap; i++)
			if (old.key[i]) {
				size_t j = ids_slot(t, old.key[i]);
				t->key[j] = old.key[i];
				t->next[j] = old.next[i];
			}
		free(old.key);
		free(old.next);
	}
	size_t i = ids_slot(t, key);
	*added = !t->key[i];
	if (*added) {
		t->key[i] = xstrdup(key);
		t->next[i] = 2;
		t->n++;
	}
	return &t->next[i];
}

static void ids_free(struct ids *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->key[i]);
	free(t->key);
	free(t->next);
}

static int reserved(const struct md_options *o, const char *id)
{
	for (const char *const *r = reserved_ids; *r; r++)
		if (!strcmp(*r, id))
			return 1;
	return o->id_taken && o->id_taken(o->ud, id);
}

/* A note's heading, "Not 3 Kortfristiga fordringar" (or "Note 3 …"),
 * gets the id not-3, which a table's note column links to: the text
 * that id is made from. Other headings: their text. */
static const char *note_id_text(const char *text)
{
	static _Thread_local char buf[32];
	size_t w = !strncasecmp(text, "note ", 5) ? 5 : !strncasecmp(text, "not ", 4) ? 4 : 0;
	size_t n = w ? strspn(text + w, "0123456789") : 0;
	if (!n || n > 9 || (text[w + n] && text[w + n] != ' ' && text[w + n] != '.' && text[w + n] != ':'))
		return text;
	snprintf(buf, sizeof buf, "not %.*s", (int)n, text + w);
	return buf;
}

static char *unique_id(const struct md_options *o, struct ids *taken, const char *text)
{
	buf_t b = BUF_INIT;
	slug_append(&b, text, strlen(text));
	int added;
	int *next = ids_get(taken, buf_cstr(&b), &added);
	if (added && !reserved(o, buf_cstr(&b)))
		return buf_detach(&b);
	/* the slug is taken: slug-2, slug-3 … from where the last one
	 * stopped (the entry may move as the table grows: copy the number) */
	char *base = buf_detach(&b);
	for (int k = *next;; k++) {
		buf_t c = BUF_INIT;
		buf_printf(&c, "%s-%d", base, k);
		int fresh;
		ids_get(taken, buf_cstr(&c), &fresh);
		if (fresh && !reserved(o, buf_cstr(&c))) {
			*ids_get(taken, base, &fresh) = k + 1;
			free(base);
			return buf_detach(&c);
		}
		buf_free(&c);
	}
}

/* "## Bilagor {-}" or "{.unnumbered}" keeps a heading out of the
 * numbering, as in Pandoc and Quarto. Strips the marker; returns 1 if
 * there was one. */
static int strip_unnumbered(cmark_node *heading)
{
	cmark_node *last = cmark_node_last_child(heading);
	if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return 0;
	const char *lit = cmark_node_get_literal(last);
	size_t n = strlen(lit);
	while (n > 0 && lit[n - 1] == ' ')
		n--;
	static const char *const marks[] = {"{-}", "{.unnumbered}", NULL};
	for (const char *const *m = marks; *m; m++) {
		size_t k = strlen(*m);
		if (n >= k && !memcmp(lit + n - k, *m, k)) {
			size_t keep = n - k;
			while (keep > 0 && lit[keep - 1] == ' ')
				keep--;
			char *t = xstrndup(lit, keep);
			cmark_node_set_literal(last, t);
			free(t);
			return 1;
		}
	}
	return 0;
}

/* A parsed page, rendered once or more: a report's web page and its
 * print page come from one parse. The tree lives in the arena. */
struct md_block {
	cmark_node *custom; /* what the tree shows in the block's place */
	cmark_node *code;   /* the ```table or ```chart block, out of the tree */
	struct plaintext_block *plain; /* its text, when the block gave it
					  (the custom node's user data) */
};

struct md_doc {
	struct arena arena;
	cmark_mem *mem;
	cmark_parser *parser;
	cmark_node *doc;
	size_t len;              /* of the source */
	size_t invalid_utf8;     /* as md_result.invalid_utf8 */
	int blocks_found;        /* the blocks are out of the tree */
	int rendered;            /* the headings' marks are out of the tree */
	struct md_block *blocks;
	size_t nblocks;
	unsigned char *unnumbered; /* per top-level heading, from its marker */
	size_t nheadings;
};

/* Takes each ```table and ```chart block out of the tree and puts an
 * empty custom block in its place, for the hooks to fill. The nodes are
 * collected first: the tree must not change while it is being walked. */
/* 1 if a fenced block's name (info[0..n)) is a near miss of "table" or
 * "chart", or the Swedish word for one: a block meant as figures that
 * would otherwise be printed as code */
static int near_block_name(const char *info, size_t n)
{
	static const char *const english[] = {"table", "chart", NULL};
	static const char *const swedish[] = {"tabell", "tabeller", "diagram", "figur", "graf", NULL};
	char word[32];
	if (n == 0 || n >= sizeof word)
		return 0;
	memcpy(word, info, n);
	word[n] = '\0';
	for (const char *const *w = swedish; *w; w++)
		if (!strcasecmp(word, *w))
			return 1;
	return suggest_nearest(word, english, 1) != NULL;
}

static void find_blocks(struct md_doc *d)
{
	size_t cap = 0;
	cmark_iter *it = cmark_iter_new(d->doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(node);
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			/* a code block is never inside their inlines: skip them */
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
			continue;
		}
		if (t != CMARK_NODE_CODE_BLOCK)
			continue;
		const char *info = cmark_node_get_fence_info(node);
		if (!info)
			continue;
		size_t w = strcspn(info, " \t");
		if (!((w == 5 && !strncmp(info, "table", 5)) || (w == 5 && !strncmp(info, "chart", 5))) &&
		    !near_block_name(info, w))
			continue;
		if (d->nblocks == cap) {
			cap = cap ? cap * 2 : 8;
			d->blocks = xrealloc(d->blocks, cap * sizeof *d->blocks);
		}
		d->blocks[d->nblocks].code = node;
		d->blocks[d->nblocks++].plain = NULL;
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < d->nblocks; i++) {
		struct md_block *b = &d->blocks[i];
		b->custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, d->mem);
		cmark_node_set_on_exit(b->custom, "");
		cmark_node_insert_before(b->code, b->custom);
		cmark_node_unlink(b->code);
	}
}

/* Each block gets the HTML its hook makes for this rendering. A fence
 * whose name is only near "table" or "chart" ("tabell") goes to the hook
 * too, by its own name, so that the page is told, not rendered as code. */
static void run_block_hooks(struct md_doc *d, const struct md_options *o, struct md_result *r)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		cmark_node *code = d->blocks[i].code;
		const char *info = cmark_node_get_fence_info(code);
		char kind[32];
		snprintf(kind, sizeof kind, "%.*s", (int)strcspn(info, " \t"), info);
		buf_t html = BUF_INIT;
		int line = o->first_line + cmark_node_get_start_line(code); /* the fence is line - 1 */
		/* a render before (web, then print) left its own */
		plaintext_block_free(d->blocks[i].plain);
		d->blocks[i].plain = NULL;
		if (o->block(o->ud, kind, cmark_node_get_literal(code), line, &html,
			     o->plaintext ? &d->blocks[i].plain : NULL) != 0)
			r->block_errors++;
		cmark_node_set_on_enter(d->blocks[i].custom, buf_cstr(&html));
		cmark_node_set_user_data(d->blocks[i].custom, d->blocks[i].plain);
		buf_free(&html);
	}
}

static void summarize(cmark_node *doc, struct md_result *r)
{
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH)
			continue;
		buf_t b = BUF_INIT;
		html_plain_text(c, &b);
		if (b.len > SUMMARY_CHARS) {
			size_t cut = SUMMARY_CHARS;
			while (cut > 0 && b.data[cut] != ' ')
				cut--;
			/* never cut inside a UTF-8 sequence */
			while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
				cut--;
			b.len = cut;
			buf_puts(&b, " …");
		}
		r->summary = buf_detach(&b);
		return;
	}
	r->summary = xstrdup("");
}

static void build_toc(const struct md_options *o, struct md_result *r)
{
	int limit = o->toc_depth > 0 ? o->toc_depth : 2;
	buf_t b = BUF_INIT;
	int cur = -1; /* depth of the open <li>; -1 before the first entry */
	for (size_t i = 0; i < r->nheadings; i++) {
		struct md_heading *h = &r->headings[i];
		if (h->depth >= limit)
			continue;
		/* A numbered document's contents list its numbered sections,
		 * as a printed table of contents does. */
		if (o->numbered && !h->number)
			continue;
		/* A heading that skips a level is listed one level deeper than
		 * the one before it, so the lists stay well nested. */
		int d = h->depth > cur + 1 ? cur + 1 : h->depth;
		if (cur < 0) {
			buf_puts(&b, "<nav class=\"toc\" aria-labelledby=\"toc\">\n<h2 id=\"toc\">");
			buf_escape_html(&b, o->lang->toc_title, strlen(o->lang->toc_title));
			buf_puts(&b, "</h2>\n<ol>\n");
			d = 0;
		} else if (d > cur) {
			buf_puts(&b, "\n<ol>\n");
		} else {
			buf_puts(&b, "</li>\n");
			for (int k = cur; k > d; k--)
				buf_puts(&b, "</ol>\n</li>\n");
		}
		cur = d;
		buf_puts(&b, "<li><a href=\"#");
		buf_escape_html(&b, h->id, strlen(h->id));
		buf_puts(&b, "\">");
		if (h->number) {
			buf_puts(&b, "<span class=\"secno\">");
			buf_puts(&b, h->number);
			buf_puts(&b, "</span> ");
		}
		buf_puts(&b, h->html);
		buf_puts(&b, "</a>");
	}
	if (cur < 0) {
		buf_free(&b);
		return;
	}
	buf_puts(&b, "</li>\n");
	for (int k = cur; k > 0; k--)
		buf_puts(&b, "</ol>\n</li>\n");
	buf_puts(&b, "</ol>\n</nav>\n");
	r->toc_html = buf_detach(&b);
}

struct md_doc *markdown_parse(const char *src, size_t len, const struct md_options *o)
{
	struct md_doc *d = xcalloc(1, sizeof *d);
	d->len = len;
	int opts = CMARK_OPT_FOOTNOTES;
	/* cmark's own check goes through every line character by character;
	 * ours takes eight ASCII bytes at a time, and cmark replaces bad
	 * bytes only when there are some */
	size_t bad = utf8_check(src, len);
	if (bad < len) {
		opts |= CMARK_OPT_VALIDATE_UTF8;
		d->invalid_utf8 = bad + 1;
	}
	if (o->unsafe)
		opts |= CMARK_OPT_UNSAFE;
	d->mem = arena_begin(&d->arena);
	d->parser = cmark_parser_new_with_mem(opts, d->mem);
	/* tables (with a bound on their padding: see gfmtable.h), tasks,
	 * autolinks and strikethrough (see gfm.h for how, with threads) */
	cmark_parser_attach_syntax_extension(d->parser, ext_table);
	cmark_parser_attach_syntax_extension(d->parser, ext_tasklist);
	gfm_attach(d->parser);
	cmark_parser_feed(d->parser, src, len);
	d->doc = gfm_finish(d->parser);
	return d;
}

struct cmark_node *markdown_doc_tree(struct md_doc *d)
{
	return d->doc;
}

void markdown_doc_free(struct md_doc *d)
{
	if (!d)
		return;
	/* the tree and the parser live in the arena and go with it: freeing
	 * them node by node first would be wasted work */
	arena_end(&d->arena);
	for (size_t i = 0; i < d->nblocks; i++)
		plaintext_block_free(d->blocks[i].plain);
	free(d->blocks);
	free(d->unnumbered);
	free(d);
}

int markdown_render_doc(struct md_doc *d, const struct md_options *o, struct md_result *r)
{
	memset(r, 0, sizeof *r);
	r->invalid_utf8 = d->invalid_utf8;
	cmark_node *doc = d->doc;
	if (o->block) {
		if (!d->blocks_found)
			find_blocks(d);
		d->blocks_found = 1;
		run_block_hooks(d, o, r);
	}

	/* Headings of the document itself (not inside lists or quotes) get
	 * ids, numbers and TOC entries. */
	size_t cap = 0;
	int top = 7;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_HEADING)
			continue;
		int level = cmark_node_get_heading_level(c);
		if (level < top)
			top = level;
		if (r->nheadings == cap) {
			cap = cap ? cap * 2 : 16;
			r->headings = xrealloc(r->headings, cap * sizeof *r->headings);
		}
		r->nheadings++;
	}
	/* the first rendering takes the "{-}" marks out of the tree and
	 * remembers them for the next */
	if (!d->rendered) {
		d->nheadings = r->nheadings;
		d->unnumbered = xcalloc(r->nheadings ? r->nheadings : 1, 1);
	}
	struct html_heading *hh = xcalloc(r->nheadings ? r->nheadings : 1, sizeof *hh);
	struct ids taken = {0};
	struct html_opts ho = {o->unsafe, o->lang, o->xref, o->ud, o->rewrite, o->imgsize};
	int counters[MAX_NUMBERED_DEPTH] = {0};
	size_t i = 0;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_HEADING)
			continue;
		struct md_heading *h = &r->headings[i];
		memset(h, 0, sizeof *h);
		if (!d->rendered)
			d->unnumbered[i] = (unsigned char)strip_unnumbered(c);
		int unnumbered = i < d->nheadings && d->unnumbered[i];
		h->level = cmark_node_get_heading_level(c);
		h->depth = h->level - top;
		buf_t text = BUF_INIT, inl = BUF_INIT;
		html_plain_text(c, &text);
		html_render_inlines(c, &ho, &inl);
		h->text = buf_detach(&text);
		h->html = buf_detach(&inl);
		h->id = unique_id(o, &taken, note_id_text(h->text));
		if (o->numbered && !unnumbered && h->depth < MAX_NUMBERED_DEPTH) {
			counters[h->depth]++;
			for (int k = h->depth + 1; k < MAX_NUMBERED_DEPTH; k++)
				counters[k] = 0;
			buf_t num = BUF_INIT;
			for (int k = 0; k <= h->depth; k++)
				buf_printf(&num, k ? ".%d" : "%d", counters[k]);
			h->number = buf_detach(&num);
		}
		hh[i].id = h->id;
		hh[i].number = h->number;
		cmark_node_set_user_data(c, &hh[i]);
		i++;
	}
	d->rendered = 1;
	ids_free(&taken);

	buf_t out = BUF_INIT;
	buf_grow(&out, d->len + d->len / 4);
	html_render(doc, &ho, &out);
	r->html_len = out.len;
	r->html = buf_detach(&out);
	for (cmark_node *c = cmark_node_last_child(doc); c; c = cmark_node_previous(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION)
			break;
		r->nfootnotes++;
	}
	summarize(doc, r);
	if (o->toc)
		build_toc(o, r);
	if (o->plaintext) {
		buf_t text = BUF_INIT;
		struct plaintext_links links = {o->rewrite, o->ud, o->base_path, o->base_url};
		plaintext_render(doc, PLAINTEXT_WIDTH, &links, &text);
		r->text = buf_detach(&text);
	}
	free(hh);
	return 0;
}

int markdown_render(const char *src, size_t len, const struct md_options *o,
		    struct md_result *r)
{
	struct md_doc *d = markdown_parse(src, len, o);
	int rc = markdown_render_doc(d, o, r);
	markdown_doc_free(d);
	return rc;
}

void md_result_drop_body(struct md_result *r)
{
	for (size_t i = 0; i < r->nheadings; i++) {
		free(r->headings[i].id);
		free(r->headings[i].number);
		free(r->headings[i].text);
		free(r->headings[i].html);
	}
	free(r->headings);
	r->headings = NULL;
	r->nheadings = 0;
	free(r->html);
	r->html = NULL;
	r->html_len = 0;
	free(r->toc_html);
	r->toc_html = NULL;
	free(r->text);
	r->text = NULL;
}

void md_result_free(struct md_result *r)
{
	md_result_drop_body(r);
	free(r->summary);
	memset(r, 0, sizeof *r);
}
