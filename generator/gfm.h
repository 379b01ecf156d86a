/*
 * gfm: GitHub's autolinks (www.example.se, https://…, name@example.se)
 * and ~~strikethrough~~, applied to a parsed document.
 *
 * cmark-gfm has extensions for both, but every parse with them attached
 * switches their trigger characters on and off in a table shared by the
 * whole process. With pages parsed on several threads, one page's parse
 * switched them off in the middle of another's, and links and
 * strikethrough went missing at random. Doing the same after parsing,
 * on the finished tree, touches nothing shared.
 *
 * The rules are those of the GFM specification (and of cmark-gfm 0.29,
 * which tests/unit/test_gfm.c compares against on one thread).
 */
#ifndef PLANPRESS_GFM_H
#define PLANPRESS_GFM_H

#include <cmark-gfm.h>

/* Rewrites the text of doc in place; new nodes come from mem. doc is as
 * cmark_parser_finish returns it, with neighbouring text nodes already
 * merged (a link's text is never split across two). The
 * strikethrough extension must be registered (markdown_init does it):
 * struck text gets its node type, so every renderer knows it. */
void gfm_inlines(cmark_node *doc, cmark_mem *mem, cmark_syntax_extension *strike);

#endif
