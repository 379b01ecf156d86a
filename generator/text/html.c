#include "html.h"

#include <cmark-gfm-core-extensions.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"

static cmark_node_type T_TABLE, T_ROW, T_CELL, T_STRIKE;
static cmark_syntax_extension *task_ext;

void html_init(void)
{
	static const char probe[] = "| a |\n|---|\n| b |\n\n~~c~~\n";
	cmark_gfm_core_extensions_ensure_registered();
	task_ext = cmark_find_syntax_extension("tasklist");
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
	cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("strikethrough"));
	cmark_parser_feed(p, probe, sizeof probe - 1);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_node *table = cmark_node_first_child(doc);
	T_TABLE = cmark_node_get_type(table);
	cmark_node *row = cmark_node_first_child(table);
	T_ROW = cmark_node_get_type(row);
	T_CELL = cmark_node_get_type(cmark_node_first_child(row));
	cmark_node *para = cmark_node_next(table);
	T_STRIKE = cmark_node_get_type(cmark_node_first_child(para));
	cmark_node_free(doc);
	cmark_parser_free(p);
}

void html_gfm_types(cmark_node_type *cell, cmark_node_type *strike)
{
	*cell = T_CELL;
	*strike = T_STRIKE;
}

void html_gfm_table_types(cmark_node_type *table, cmark_node_type *row, cmark_node_type *cell)
{
	*table = T_TABLE;
	*row = T_ROW;
	*cell = T_CELL;
}

static void put_percent(buf_t *out, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
	buf_put(out, esc, 3);
}

void html_escape_href(buf_t *out, const char *url)
{
	static const char safe[] = "-_.+!*(),%#@?=;:/,+$~";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (isalnum(*p) || strchr(safe, *p))
			buf_putc(out, (char)*p);
		else if (*p == '&')
			buf_puts(out, "&amp;");
		else if (*p == '\'')
			buf_puts(out, "&#x27;");
		else
			put_percent(out, *p);
	}
}

/* GFM's tagfilter: these tags would change how the rest of the page is
 * read (a <title> or <textarea> swallows it as text, a <script> or
 * <style> runs it, an <iframe> loads another page), so even with raw
 * HTML on, their "<" is written as "&lt;" and they show as text. */
static const char *const filtered_tags[] = {
	"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext", NULL,
};

/* 1 if s[0, len) starts with one of those tags, opening or closing */
static int filtered_tag(const char *s, size_t len)
{
	if (len < 3 || s[0] != '<')
		return 0;
	size_t start = s[1] == '/' ? 2 : 1;
	for (const char *const *t = filtered_tags; *t; t++) {
		size_t n = strlen(*t), i = start;
		if (len < start + n || strncasecmp(s + start, *t, n))
			continue;
		i += n;
		if (i == len)
			continue;
		if ((s[i] && strchr(" \t\n\v\f\r>", s[i])) ||
		    (s[i] == '/' && i + 1 < len && s[i + 1] == '>'))
			return 1;
	}
	return 0;
}

void html_tagfilter(buf_t *out, const char *s, size_t len, int block)
{
	if (!block) {
		/* an inline tag is one tag: only its start counts */
		if (filtered_tag(s, len)) {
			buf_puts(out, "&lt;");
			buf_put(out, s + 1, len - 1);
		} else {
			buf_put(out, s, len);
		}
		return;
	}
	size_t done = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '<' || !filtered_tag(s + i, len - i))
			continue;
		buf_put(out, s + done, i - done);
		buf_puts(out, "&lt;");
		done = i + 1;
	}
	buf_put(out, s + done, len - done);
}

/* the line a node starts on, or its nearest block's (inlines may have none) */
static int node_line(cmark_node *n)
{
	for (; n; n = cmark_node_parent(n))
		if (cmark_node_get_start_line(n) > 0)
			return cmark_node_get_start_line(n);
	return 0;
}

static void put_url(buf_t *out, cmark_node *n, const struct html_opts *o)
{
	const char *url = cmark_node_get_url(n);
	/* a dangerous address never reaches a link, raw HTML on or off: raw
	 * HTML is the author's own markup, a Markdown link an address */
	if (!url || url_is_dangerous(url, strlen(url)))
		return;
	char *r = o->rewrite ? o->rewrite(o->ud, url, node_line(n)) : NULL;
	html_escape_href(out, r ? r : url);
	free(r);
}

static void put_text(buf_t *out, const char *s)
{
	if (s)
		buf_escape_html(out, s, strlen(s));
}

/* a TEXT or CODE node's text, escaped */
static void put_literal(buf_t *out, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	size_t len = s ? strlen(s) : 0;
	buf_escape_html(out, s, len);
}

void html_plain_text(cmark_node *node, buf_t *out)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *s = cmark_node_get_literal(n);
			size_t len = s ? strlen(s) : 0;
			buf_put(out, s, len);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

struct rstate {
	const struct html_opts *o;
	buf_t *out;
	int *refs;       /* references seen per footnote number */
	int nrefs;
	int in_footnotes;
	int footnote_ix;
	int col;         /* current table column */
	int in_thead, in_tbody;
	int skip_footnote_refs;
};

static int footnote_number(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	return lit ? atoi(lit) : 0;
}

static void count_ref(struct rstate *rs, int num)
{
	if (num <= 0)
		return;
	if (num > rs->nrefs) {
		rs->refs = xrealloc(rs->refs, (size_t)num * sizeof *rs->refs);
		for (int i = rs->nrefs; i < num; i++)
			rs->refs[i] = 0;
		rs->nrefs = num;
	}
	rs->refs[num - 1]++;
}

static void backrefs(struct rstate *rs)
{
	int num = rs->footnote_ix;
	int count = num > 0 && num <= rs->nrefs ? rs->refs[num - 1] : 0;
	for (int k = 1; k <= count; k++) {
		buf_puts(rs->out, " <a href=\"#fnref-");
		buf_put_int(rs->out, num);
		if (k > 1) {
			buf_putc(rs->out, '-');
			buf_put_int(rs->out, k);
		}
		buf_puts(rs->out, "\" class=\"footnote-backref\" aria-label=\"");
		put_text(rs->out, rs->o->lang->footnote_back);
		if (count > 1)
			buf_printf(rs->out, " (%d)", k);
		buf_puts(rs->out, "\">↩</a>");
	}
}

static int in_tight_list(cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para);
	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return 0;
	cmark_node *list = cmark_node_parent(item);
	return list && cmark_node_get_list_tight(list);
}

static int is_last_para_of_footnote(cmark_node *n)
{
	cmark_node *parent = cmark_node_parent(n);
	return parent && cmark_node_get_type(parent) == CMARK_NODE_FOOTNOTE_DEFINITION &&
	       cmark_node_next(n) == NULL;
}

static int is_task(cmark_node *item)
{
	return task_ext && cmark_node_get_syntax_extension(item) == task_ext;
}

/* A task's checkbox: disabled (the page only shows the state), checked
 * or not, so that a screen reader says "Budget antagen, kryssruta,
 * markerad, ej tillgänglig". Its name is the text after it: the
 * paragraph's text goes in a <label> with it (the caller closes it).
 * A task that starts with something else (a heading) gets that text as
 * its name; one with no text at all keeps its marker as text. */
static void task_box(buf_t *out, cmark_node *item, cmark_node *para)
{
	int checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
	if (para) {
		buf_puts(out, "<label><input type=\"checkbox\" disabled");
		buf_puts(out, checked ? " checked> " : "> ");
		return;
	}
	buf_t name = BUF_INIT;
	html_plain_text(item, &name);
	if (!name.len) {
		buf_puts(out, checked ? "[x]" : "[ ]");
	} else {
		buf_puts(out, "<input type=\"checkbox\" disabled");
		if (checked)
			buf_puts(out, " checked");
		buf_puts(out, " aria-label=\"");
		put_text(out, buf_cstr(&name));
		buf_puts(out, "\">");
	}
	buf_free(&name);
}

static void cell_open(struct rstate *rs, cmark_node *cell, int header)
{
	cmark_node *row = cmark_node_parent(cell);
	cmark_node *table = row ? cmark_node_parent(row) : NULL;
	uint8_t *align = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
	uint16_t ncols = table ? cmark_gfm_extensions_get_table_columns(table) : 0;
	const char *cls = NULL;
	if (align && rs->col < ncols) {
		if (align[rs->col] == 'l')
			cls = "align-left";
		else if (align[rs->col] == 'r')
			cls = "align-right";
		else if (align[rs->col] == 'c')
			cls = "align-center";
	}
	buf_puts(rs->out, header ? "<th scope=\"col\"" : "<td");
	if (cls) {
		buf_puts(rs->out, " class=\"");
		buf_puts(rs->out, cls);
		buf_putc(rs->out, '"');
	}
	buf_putc(rs->out, '>');
	rs->col++;
}

static void render(struct rstate *rs, cmark_node *root)
{
	buf_t *out = rs->out;
	const struct html_opts *o = rs->o;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER;
		cmark_node_type t = cmark_node_get_type(n);
		switch (t) {
		case CMARK_NODE_DOCUMENT:
			if (!enter && rs->in_footnotes)
				buf_puts(out, "</ol>\n</section>\n");
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			buf_puts(out, enter ? "<blockquote>\n" : "</blockquote>\n");
			break;
		case CMARK_NODE_LIST:
			if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
				int start = cmark_node_get_list_start(n);
				if (!enter)
					buf_puts(out, "</ol>\n");
				else if (start != 1)
					buf_printf(out, "<ol start=\"%d\">\n", start);
				else
					buf_puts(out, "<ol>\n");
			} else {
				buf_puts(out, enter ? "<ul>\n" : "</ul>\n");
			}
			break;
		case CMARK_NODE_ITEM:
			if (!enter) {
				buf_puts(out, "</li>\n");
			} else if (!is_task(n)) {
				buf_puts(out, "<li>");
			} else {
				buf_puts(out, "<li class=\"task-list-item\">");
				cmark_node *first = cmark_node_first_child(n);
				if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
					task_box(out, n, NULL);
			}
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *info = cmark_node_get_fence_info(n);
			buf_puts(out, "<pre><code");
			if (info && *info) {
				size_t w = strcspn(info, " \t");
				buf_puts(out, " class=\"language-");
				buf_escape_html(out, info, w);
				buf_putc(out, '"');
			}
			buf_putc(out, '>');
			put_text(out, cmark_node_get_literal(n));
			buf_puts(out, "</code></pre>\n");
			break;
		}
		case CMARK_NODE_HTML_BLOCK:
			if (o->unsafe) {
				const char *h = cmark_node_get_literal(n);
				html_tagfilter(out, h, strlen(h), 1);
			} else
				buf_puts(out, "<!-- raw HTML omitted -->\n");
			break;
		case CMARK_NODE_CUSTOM_BLOCK:
			/* HTML that planpress made itself (tables, charts) */
			if (enter && cmark_node_get_on_enter(n))
				buf_puts(out, cmark_node_get_on_enter(n));
			break;
		case CMARK_NODE_CUSTOM_INLINE:
			break;
		case CMARK_NODE_PARAGRAPH: {
			/* a task's first paragraph is its checkbox's label */
			cmark_node *task = cmark_node_parent(n);
			int label = task && is_task(task) && cmark_node_first_child(task) == n;
			if (in_tight_list(n)) {
				if (label && enter)
					task_box(out, task, n);
				else if (label)
					buf_puts(out, "</label>");
				if (!enter && cmark_node_next(n))
					buf_putc(out, '\n');
				break;
			}
			if (enter) {
				buf_puts(out, "<p>");
				if (label)
					task_box(out, task, n);
			} else {
				if (label)
					buf_puts(out, "</label>");
				if (rs->in_footnotes && is_last_para_of_footnote(n))
					backrefs(rs);
				buf_puts(out, "</p>\n");
			}
			break;
		}
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(n);
			const struct html_heading *h = cmark_node_get_user_data(n);
			if (!enter) {
				buf_puts(out, "</h");
				buf_put_int(out, level);
				buf_puts(out, ">\n");
				break;
			}
			buf_puts(out, "<h");
			buf_put_int(out, level);
			if (h && h->id) {
				buf_puts(out, " id=\"");
				put_text(out, h->id);
				buf_putc(out, '"');
			}
			buf_putc(out, '>');
			if (h && h->number) {
				buf_puts(out, "<span class=\"secno\">");
				put_text(out, h->number);
				buf_puts(out, "</span> ");
			}
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK:
			buf_puts(out, "<hr>\n");
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			if (enter) {
				if (!rs->in_footnotes) {
					rs->in_footnotes = 1;
					buf_puts(out, "<section class=\"footnotes\" aria-label=\"");
					put_text(out, o->lang->footnotes);
					buf_puts(out, "\">\n<ol>\n");
				}
				rs->footnote_ix++;
				buf_puts(out, "<li id=\"fn-");
				buf_put_int(out, rs->footnote_ix);
				buf_puts(out, "\">\n");
			} else {
				cmark_node *last = cmark_node_last_child(n);
				if (!last || cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH)
					backrefs(rs);
				buf_puts(out, "</li>\n");
			}
			break;
		case CMARK_NODE_TEXT:
			put_literal(out, n);
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_LINEBREAK:
			buf_puts(out, "<br>\n");
			break;
		case CMARK_NODE_CODE:
			buf_puts(out, "<code>");
			put_literal(out, n);
			buf_puts(out, "</code>");
			break;
		case CMARK_NODE_HTML_INLINE:
			if (o->unsafe) {
				const char *h = cmark_node_get_literal(n);
				size_t len = h ? strlen(h) : 0;
				html_tagfilter(out, h, len, 0);
			} else
				buf_puts(out, "<!-- raw HTML omitted -->");
			break;
		case CMARK_NODE_EMPH:
			buf_puts(out, enter ? "<em>" : "</em>");
			break;
		case CMARK_NODE_STRONG:
			buf_puts(out, enter ? "<strong>" : "</strong>");
			break;
		case CMARK_NODE_LINK:
			if (enter) {
				buf_puts(out, "<a href=\"");
				put_url(out, n, o);
				const char *title = cmark_node_get_title(n);
				if (title && *title) {
					buf_puts(out, "\" title=\"");
					put_text(out, title);
				}
				buf_puts(out, "\">");
				/* [](#tabell-3) reads "Tabell 3" */
				const char *url = cmark_node_get_url(n);
				if (!cmark_node_first_child(n) && o->xref && url && url[0] == '#') {
					const char *text = o->xref(o->ud, url + 1);
					if (text)
						put_text(out, text);
				}
			} else {
				buf_puts(out, "</a>");
			}
			break;
		case CMARK_NODE_IMAGE: {
			buf_puts(out, "<img src=\"");
			put_url(out, n, o);
			buf_puts(out, "\" alt=\"");
			buf_t alt = BUF_INIT;
			html_plain_text(n, &alt);
			put_text(out, buf_cstr(&alt));
			buf_free(&alt);
			buf_putc(out, '"');
			const char *title = cmark_node_get_title(n);
			if (title && *title) {
				buf_puts(out, " title=\"");
				put_text(out, title);
				buf_putc(out, '"');
			}
			int w, h;
			if (o->imgsize && o->imgsize(o->ud, cmark_node_get_url(n), &w, &h)) {
				buf_puts(out, " width=\"");
				buf_put_int(out, w);
				buf_puts(out, "\" height=\"");
				buf_put_int(out, h);
				buf_puts(out, "\" loading=\"lazy\"");
			}
			buf_putc(out, '>');
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		case CMARK_NODE_FOOTNOTE_REFERENCE: {
			/* cmark's iterator enters and exits this node */
			if (!enter || rs->skip_footnote_refs)
				break;
			int num = footnote_number(n);
			count_ref(rs, num);
			int k = num > 0 ? rs->refs[num - 1] : 1;
			buf_puts(out, "<sup class=\"footnote-ref\"><a href=\"#fn-");
			buf_put_int(out, num);
			buf_puts(out, "\" id=\"fnref-");
			buf_put_int(out, num);
			if (k > 1) {
				buf_putc(out, '-');
				buf_put_int(out, k);
			}
			buf_puts(out, "\">");
			buf_put_int(out, num);
			buf_puts(out, "</a></sup>");
			break;
		}
		default:
			if (t == T_TABLE) {
				if (enter) {
					/* focusable, so a table wider than the screen
					 * can be scrolled from the keyboard */
					buf_puts(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
					put_text(out, o->lang->table);
					buf_puts(out, "\">\n<table>\n");
					rs->in_tbody = 0;
				} else {
					if (rs->in_tbody)
						buf_puts(out, "</tbody>\n");
					buf_puts(out, "</table>\n</div>\n");
				}
			} else if (t == T_ROW) {
				int header = cmark_gfm_extensions_get_table_row_is_header(n);
				if (enter) {
					rs->col = 0;
					if (header) {
						buf_puts(out, "<thead>\n");
					} else if (!rs->in_tbody) {
						buf_puts(out, "<tbody>\n");
						rs->in_tbody = 1;
					}
					buf_puts(out, "<tr>\n");
					rs->in_thead = header;
				} else {
					buf_puts(out, "</tr>\n");
					if (header)
						buf_puts(out, "</thead>\n");
				}
			} else if (t == T_CELL) {
				if (enter)
					cell_open(rs, n, rs->in_thead);
				else
					buf_puts(out, rs->in_thead ? "</th>\n" : "</td>\n");
			} else if (t == T_STRIKE) {
				buf_puts(out, enter ? "<del>" : "</del>");
			}
			break;
		}
	}
	cmark_iter_free(it);
}

void html_render(cmark_node *doc, const struct html_opts *o, buf_t *out)
{
	struct rstate rs;
	memset(&rs, 0, sizeof rs);
	rs.o = o;
	rs.out = out;
	render(&rs, doc);
	free(rs.refs);
}

void html_render_inlines(cmark_node *node, const struct html_opts *o, buf_t *out)
{
	struct rstate rs;
	memset(&rs, 0, sizeof rs);
	rs.o = o;
	rs.out = out;
	rs.skip_footnote_refs = 1;
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		render(&rs, c);
	free(rs.refs);
}
