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

/* Appends text escaped for XML: as element text (attr 0) or inside a
 * double-quoted attribute value (attr 1); characters XML 1.0 does not
 * allow become U+FFFD. */
void feeds_escape(buf_t *b, const char *text, int attr);

#endif
