/*
 * gfm: GitHub's autolinks (www.example.se, https://…, name@example.se)
 * and ~~strikethrough~~, as cmark-gfm 0.29 makes them.
 *
 * cmark-gfm has extensions for both, but every parse with them attached
 * switches their trigger characters on and off in a table shared by the
 * whole process. With pages parsed on several threads, one page's parse
 * switched them off in the middle of another's, and links and
 * strikethrough went missing at random.
 *
 * So each parser gets one extension of ours instead, which registers no
 * trigger characters and touches nothing shared. cmark asks it about
 * every run of plain text, and it reads the run itself, stopping where
 * cmark stops and also at '~', 'w' and ':'. That way it sees the source
 * as the inline parser does, escapes included (an escaped character is
 * taken by cmark's own backslash handler and never reaches us):
 *
 * - "www." and "scheme://" go to cmark-gfm's own autolink matcher, which
 *   reads the raw source: "www\.example.se" and "http\://…" stay text;
 * - a run of one or two tildes that may open or close becomes a marker
 *   node (see gfm_inlines); an escaped "\~" is plain text and never
 *   strikes.
 *
 * After the parse, gfm_inlines pairs the markers into struck text and
 * runs cmark-gfm's own e-mail autolinking (which works on the finished
 * text in cmark-gfm too). tests/unit/test_gfm.c compares the result
 * with cmark-gfm's extensions on one thread, on cases and random text.
 */
#ifndef PLANPRESS_GFM_H
#define PLANPRESS_GFM_H

#include <cmark-gfm.h>

/* Once, after html_init and before any thread parses. Marks '~' as a
 * character that emphasis looks past, as cmark-gfm's strikethrough does
 * while it is attached (a parse with cmark-gfm's own strikethrough
 * attached undoes that: call gfm_init again after one). */
void gfm_init(void);

/* Attaches our inline extension to a parser. */
void gfm_attach(cmark_parser *parser);

/* After cmark_parser_finish(parser) returned doc: pairs the tilde
 * markers into struck text (the strikethrough extension's node type, so
 * every renderer knows it) or turns them back into text, and links
 * e-mail addresses. New nodes come from the parser's memory. */
void gfm_inlines(cmark_node *doc, cmark_parser *parser);

#endif
