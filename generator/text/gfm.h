/*
 * gfm: GitHub's autolinks (www.example.se, https://…, name@example.se)
 * and ~~strikethrough~~ by cmark-gfm's own extensions, safe with pages
 * parsed on several threads.
 *
 * Attached as they are, those extensions are not: every parse with them
 * switches their trigger characters ('~', 'w', ':') on in a table shared
 * by the whole process when its inline parsing starts, and off when it
 * ends (cmark_parser_finish). A page parsed on another thread in the
 * meantime lost them, and links and strikethrough went missing at
 * random. That table is private to cmark-gfm, and its public API has no
 * way to keep the characters on while a parser has the extensions
 * attached. So gfm_finish holds one lock while the table is switched and
 * read: around cmark_parser_finish, the inline parsing of a page. Block
 * parsing (cmark_parser_feed) and rendering stay parallel.
 *
 * tests/unit/text/test_gfm.c compares with cmark-gfm's extensions on one
 * thread, and parses on several threads at once.
 */
#ifndef PLANPRESS_GFM_H
#define PLANPRESS_GFM_H

#include <cmark-gfm.h>

/* Once, before any thread parses. */
void gfm_init(void);

/* Attaches strikethrough and autolinks to a parser. */
void gfm_attach(cmark_parser *parser);

/* cmark_parser_finish for a parser that gfm_attach was given: the same
 * tree, made under the lock. */
cmark_node *gfm_finish(cmark_parser *parser);

#endif
