/*
 * feeds: the Atom feed of the whole site (atom.xml), one per förbund
 * (<slug>/atom.xml) and sitemap.xml. Written once per build, after the
 * pages, from the site model; nothing is kept.
 */
#ifndef PLANPRESS_FEEDS_H
#define PLANPRESS_FEEDS_H

#include "buf.h"
#include "output.h"
#include "site.h"

/* Returns 0, or -1 after a diagnostic. */
int feeds_write(const struct site *s, const struct output *o);

/* text as XML 1.0 allows it: itself, or a copy in scratch in which each
 * character XML does not allow (a control character but tab, newline
 * and carriage return; U+FFFE, U+FFFF) is U+FFFD. */
const char *feeds_xml_text(const char *text, buf_t *scratch);

#endif
