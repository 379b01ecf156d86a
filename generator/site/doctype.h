/*
 * doctype: the kinds of page a site has, as front matter's `type:` names
 * them. Each kind is one row of one table (doctype.c): its labels in both
 * languages, whether a förbund's page lists it among its documents, and
 * which forms it gets besides the web page. Everything planpress decides
 * by a page's type reads this table, so a new kind is a new row (and, for
 * its look, a template).
 *
 * All strings are static; nothing here is freed.
 */
#ifndef PLANPRESS_DOCTYPE_H
#define PLANPRESS_DOCTYPE_H

#include <stddef.h>

#include "lang.h"

enum doctype_flag {
	/* a förbund's page lists it among its documents, by year, in the
	 * order of the table */
	DOC_LISTED = 1 << 0,
	/* it gets a print page (utskrift.html) and, with --pdf, a PDF */
	DOC_PRINT = 1 << 1,
	/* a letter: the e-mail forms (.eml, HTML and plain text), its news
	 * items, a masthead instead of a cover, no contents page */
	DOC_LETTER = 1 << 2,
	/* its text is also made as plain text, for the e-mail forms */
	DOC_PLAINTEXT = 1 << 3,
	/* a news item: listed as news, in the feeds' news */
	DOC_NEWS = 1 << 4,
};

struct doctype {
	const char *key;              /* as written: "verksamhetsplan" */
	const char *label_sv, *label_en;
	const char *plural_sv, *plural_en; /* a list's heading; NULL if never listed */
	unsigned flags;               /* enum doctype_flag */
};

/* The kind called key, or NULL (key NULL or unknown). */
const struct doctype *doctype_get(const char *key);
/* The table, in its order; *n is set to its length. */
const struct doctype *doctype_all(size_t *n);
/* Whether the kind called key has flag (0 for NULL or unknown kinds). */
int doctype_has(const char *key, unsigned flag);
/* The kind's label ("Delårsrapport") and plural ("Delårsrapporter") in
 * the language l; NULL for an unknown kind or one without a plural. */
const char *doctype_label(const struct lang *l, const char *key);
const char *doctype_plural(const struct lang *l, const char *key);

#endif
