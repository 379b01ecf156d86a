/*
 * odt: a report as an OpenDocument text file (.odt), which LibreOffice and
 * Word open, for a kansli that must send the document as a word-processor
 * file. form_odt.c is the form; this module makes the file.
 *
 * The text is made from the page's parse tree and its tables' model while
 * the page loads (the tree lives only that long, in the parsing thread's
 * arena): odt_body_make writes content.xml then, and the page keeps it
 * (p->kept, form.h) until the form renders. odt_package adds styles.xml,
 * meta.xml and the manifest and zips them, mimetype first and stored, as
 * ODF asks. The XML is written with libxml2's xmlTextWriter and the zip
 * with libzip, both loaded when a build first asks for ODT (odt_load,
 * dynlib.h): a build without ODT loads neither.
 *
 * The styles are named ones (Heading 1, Text body, Table Figure, ...), so
 * that a kansli can restyle the document in its word processor.
 */
#ifndef PLANPRESS_ODT_H
#define PLANPRESS_ODT_H

#include <stddef.h>

#include "buf.h"

struct site;
struct page;
struct cmark_node;

struct odt_body; /* content.xml of one page */

/* Loads libxml2 and libzip. Returns 0, or -1 after a message that names
 * the Debian package to install. Call once, before the pages load. */
int odt_load(void);

/* content.xml of page p from its parse tree doc (markdown_doc_tree) and
 * its tables (p->tables, before table_ctx_trim). rewrite is the link
 * rewriting the web page had (markdown.h's md_options.rewrite, called with
 * line 0 so it reports nothing), ud its argument. Returns NULL when
 * libxml2 fails (after a message). Freed with odt_body_free. */
struct odt_body *odt_body_make(const struct site *s, const struct page *p, struct cmark_node *doc,
			       char *(*rewrite)(void *ud, const char *url, int line), void *ud);
void odt_body_free(struct odt_body *b);

/* The whole .odt of p into out: 0, or -1 after a message. */
int odt_package(const struct site *s, const struct page *p, const struct odt_body *b, buf_t *out);

#endif
