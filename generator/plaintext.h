/*
 * plaintext: a parsed Markdown tree as plain text, for the text part of
 * an informationsbrev e-mail and its epost.txt.
 *
 * Paragraphs are wrapped at a width (counted in characters, not bytes);
 * lists keep their markers and quotes their "> "; a link to an absolute
 * address is followed by it in <>, since a reader of plain text cannot
 * click the words; tables, from GFM pipes or from a CSV block's HTML,
 * become aligned columns; footnotes are numbered [1].
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

void plaintext_render(cmark_node *doc, int width, buf_t *out);

/* The visible text of HTML made by planpress's own blocks (a CSV table or
 * a chart): captions as lines, tables as aligned columns, SVG skipped. */
void plaintext_from_html(const char *html, int width, buf_t *out);

#endif
