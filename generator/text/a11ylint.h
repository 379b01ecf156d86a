/*
 * a11ylint: what an author can fix in a page's text for readers who use a
 * screen reader or their keyboard, found in the parsed Markdown:
 *
 * - an image without alt text (![](bild.png));
 * - a heading that skips a level (## then ####; the page's title is the
 *   one level 1, so the text's headings start at ##);
 * - a link whose text says nothing of where it leads ("här", "klicka
 *   här", "läs mer", "here"): screen readers list links out of context;
 * - a table whose header row is empty.
 *
 * Each is a warning at its file:line:col. `planpress check` runs it; the
 * build does not, so a site's build stays as quiet as before. Owns
 * nothing.
 */
#ifndef PLANPRESS_A11YLINT_H
#define PLANPRESS_A11YLINT_H

#include <cmark-gfm.h>

/* Checks the tree of the page at path whose Markdown starts on file line
 * first_line. Returns the number of warnings given. */
int a11ylint_page(const char *path, cmark_node *doc, int first_line);

#endif
