/*
 * doctype: the table of the kinds of page (see doctype.h).
 */
#include "doctype.h"

#include <string.h>

static const struct doctype types[] = {
	{"verksamhetsplan", "Verksamhetsplan", "Activity plan", "Verksamhetsplaner", "Activity plans",
	 DOC_LISTED | DOC_PRINT},
	{"delarsrapport", "Delårsrapport", "Interim report", "Delårsrapporter", "Interim reports",
	 DOC_LISTED | DOC_PRINT},
	{"arsredovisning", "Årsredovisning", "Annual report", "Årsredovisningar", "Annual reports",
	 DOC_LISTED | DOC_PRINT},
	/* minutes are signed (justerade) and printed; the förbund's page
	 * lists those still open to appeal on its anslagstavla and the
	 * rest by year (site.c, protokoll.h) */
	{"protokoll", "Protokoll", "Minutes", "Protokoll", "Minutes", DOC_LISTED | DOC_PRINT},
	{"informationsbrev", "Informationsbrev", "Newsletter", "Informationsbrev", "Newsletters",
	 DOC_LISTED | DOC_PRINT | DOC_LETTER | DOC_PLAINTEXT},
	/* a funded effort: a web page (its budget is a table block, its
	 * status follows the build's day); the förbund's page lists the
	 * insatser by status (site.c, insats.h) */
	{"insats", "Insats", "Initiative", "Insatser", "Initiatives", 0},
	{"nyhet", "Nyhet", "News", NULL, NULL, DOC_NEWS | DOC_PLAINTEXT},
	{"sida", "Sida", "Page", NULL, NULL, 0},
	{"tillganglighet", "Tillgänglighetsredogörelse", "Accessibility statement", NULL, NULL, 0},
};
#define NTYPES (sizeof types / sizeof *types)

const struct doctype *doctype_get(const char *key)
{
	for (size_t i = 0; key && i < NTYPES; i++)
		if (!strcmp(types[i].key, key))
			return &types[i];
	return NULL;
}

const struct doctype *doctype_all(size_t *n)
{
	*n = NTYPES;
	return types;
}

int doctype_has(const char *key, unsigned flag)
{
	const struct doctype *t = doctype_get(key);
	return t && (t->flags & flag);
}

static int swedish(const struct lang *l)
{
	return !strcmp(l->code, "sv");
}

const char *doctype_label(const struct lang *l, const char *key)
{
	const struct doctype *t = doctype_get(key);
	return t ? swedish(l) ? t->label_sv : t->label_en : NULL;
}

const char *doctype_plural(const struct lang *l, const char *key)
{
	const struct doctype *t = doctype_get(key);
	return t ? swedish(l) ? t->plural_sv : t->plural_en : NULL;
}
