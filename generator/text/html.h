/*
 * html: renders a cmark-gfm document tree to HTML.
 *
 * We render the tree ourselves rather than through cmark's renderer so
 * that headings carry their ids and section numbers, footnotes speak the
 * site's language, tables get scope attributes, and later passes (CSV
 * tables, charts, link rewriting) have one place to plug in.
 *
 * Heading nodes may carry a struct html_heading (cmark_node_set_user_data);
 * the renderer only reads it. Nothing here allocates beyond the output
 * buffer.
 */
#ifndef PLANPRESS_HTML_H
#define PLANPRESS_HTML_H

#include <cmark-gfm.h>

#include "buf.h"
#include "lang.h"

struct html_heading {
	const char *id;
	const char *number; /* "2.1", or NULL when unnumbered */
};

struct html_opts {
	int unsafe;               /* pass raw HTML through */
	const struct lang *lang;
	const char *(*xref)(void *ud, const char *id); /* text of an empty link to #id */
	void *ud;
	/* Rewrites a link or image URL (malloc'd result), or returns NULL to
	 * keep it. line is the Markdown line the link is on (1 for the first
	 * line of the body), or 0 where the same link was already rendered
	 * once and any complaint about it has been made. */
	char *(*rewrite)(void *ud, const char *url, int line);
	/* The pixel size of an image's file, as written in the Markdown;
	 * returns 1 when known (the <img> then gets width, height and
	 * loading="lazy"). NULL: images get none. */
	int (*imgsize)(void *ud, const char *url, int *w, int *h);
};

/* Learns the node types that cmark-gfm's extensions register at run time.
 * Call once, before any thread renders. */
void html_init(void);
/* The table cell and strikethrough node types learnt by html_init. */
void html_gfm_types(cmark_node_type *cell, cmark_node_type *strike);
void html_gfm_table_types(cmark_node_type *table, cmark_node_type *row, cmark_node_type *cell);

void html_render(cmark_node *doc, const struct html_opts *o, buf_t *out);
/* The inline content of node (a heading, say) as HTML, without footnote
 * references. */
void html_render_inlines(cmark_node *node, const struct html_opts *o, buf_t *out);
/* The plain text of node's inline content, without footnote references. */
void html_plain_text(cmark_node *node, buf_t *out);
/* Appends raw HTML (raw_html = true) through GFM's tagfilter: the "<"
 * of <title>, <textarea>, <style>, <xmp>, <iframe>, <noembed>,
 * <noframes>, <script> and <plaintext>, opening or closing, becomes
 * "&lt;". block: s is an HTML block, where every tag counts; otherwise
 * it is one inline tag, and only its start does (as in cmark-gfm). */
void html_tagfilter(buf_t *out, const char *s, size_t len, int block);
/* Appends url escaped for an href/src attribute. */
void html_escape_href(buf_t *out, const char *url);

#endif
