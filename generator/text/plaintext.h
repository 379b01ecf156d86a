/*
 * plaintext: a parsed Markdown tree as plain text, for the text part of
 * an informationsbrev e-mail and its epost.txt.
 *
 * Paragraphs are wrapped at a width (counted in characters, not bytes);
 * lists keep their markers and quotes their "> "; a link is followed by
 * its address in <> (made absolute for the site's own pages), since a
 * reader of plain text cannot click the words; tables, from GFM pipes or
 * from a CSV block's model, become aligned columns; footnotes are
 * numbered [1].
 *
 * cmark-gfm has a plain-text renderer, but it drops addresses, quotes,
 * footnote numbers and CSV tables, and it encodes every character one at
 * a time: for a newsletter it cost twice the parse.
 *
 * Needs html_init() first (for the GFM node types). The text is appended
 * to the caller's buffer; nothing else is kept.
 */
#ifndef PLANPRESS_PLAINTEXT_H
#define PLANPRESS_PLAINTEXT_H

#include <cmark-gfm.h>

#include "buf.h"

/* How link addresses are written: rewrite (may be NULL) turns a link as
 * written into the site's own address, as the HTML renderer does; an
 * address under base_path then gets base_url in its place, so that a
 * link to another page of the site works from a mail program. */
struct plaintext_links {
	char *(*rewrite)(void *ud, const char *url, int line); /* see html.h */
	void *ud;
	const char *base_path; /* "/" or "/vg/"; NULL leaves addresses as they are */
	const char *base_url;  /* "https://example.org/vg/" */
};

/* links may be NULL: addresses as written. */
void plaintext_render(cmark_node *doc, int width, const struct plaintext_links *links, buf_t *out);

/* The visible text of HTML made by planpress's own blocks (a chart):
 * captions as lines, tables as aligned columns, SVG skipped. */
void plaintext_from_html(const char *html, int width, buf_t *out);

/* A block's text made by its owner from what it knows (table.c, from the
 * table's model), not read back from its HTML: paragraphs (a caption, a
 * note) and tables. A block of the parse tree that carries one as its
 * user data (markdown.c puts it there) is rendered from it; others from
 * their HTML. Text is copied in; whitespace runs become one space. */
struct plaintext_block;
struct plaintext_block *plaintext_block_new(void);
void plaintext_block_free(struct plaintext_block *b);
void plaintext_block_para(struct plaintext_block *b, const char *text);
/* A table starts; captioned: it follows the last paragraph, its caption,
 * without a blank line. */
void plaintext_block_table(struct plaintext_block *b, int captioned);
/* A row of the current table; rows with header set are underlined. */
void plaintext_block_row(struct plaintext_block *b, int header);
/* A cell of the current row; right: its column is right-aligned. */
void plaintext_block_cell(struct plaintext_block *b, const char *text, int right);

#endif
