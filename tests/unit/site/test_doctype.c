/* Unit tests of the table of kinds of page (doctype.h): every row is
 * whole, the lookups read it, and the default theme has the print
 * template of every kind that is printed. */
#include <unistd.h>

#include "check.h"
#include "doctype.h"
#include "lang.h"

int main(void)
{
	size_t n;
	const struct doctype *t = doctype_all(&n);
	CHECK(n >= 6);
	for (size_t i = 0; i < n; i++) {
		CHECK(t[i].key && t[i].label_sv && t[i].label_en);
		/* a listed kind has a heading for its list, in both languages */
		if (t[i].flags & DOC_LISTED)
			CHECK(t[i].plural_sv && t[i].plural_en);
		/* a letter is printed and has its plain text (the e-mail forms) */
		if (t[i].flags & DOC_LETTER)
			CHECK((t[i].flags & DOC_PRINT) && (t[i].flags & DOC_PLAINTEXT));
		for (size_t k = i + 1; k < n; k++)
			CHECK(strcmp(t[i].key, t[k].key) != 0);
		CHECK(doctype_get(t[i].key) == &t[i]);
		/* the default theme prints every printed kind with its own template */
		if (t[i].flags & DOC_PRINT) {
			char path[128];
			snprintf(path, sizeof path, "templates/print/%s.mustache", t[i].key);
			CHECK(access(path, R_OK) == 0);
		}
	}
	CHECK(doctype_get(NULL) == NULL);
	CHECK(doctype_get("verksamhetsplanen") == NULL);
	CHECK(!doctype_has(NULL, DOC_PRINT));
	CHECK(doctype_has("delarsrapport", DOC_PRINT | DOC_LISTED));
	CHECK(!doctype_has("nyhet", DOC_PRINT));
	CHECK(doctype_has("nyhet", DOC_NEWS));
	CHECK(doctype_has("informationsbrev", DOC_LETTER));
	CHECK_STR(doctype_label(lang_get("sv"), "arsredovisning"), "Årsredovisning");
	CHECK_STR(doctype_label(lang_get("en"), "arsredovisning"), "Annual report");
	CHECK_STR(doctype_plural(lang_get("sv"), "delarsrapport"), "Delårsrapporter");
	CHECK(doctype_plural(lang_get("sv"), "sida") == NULL);
	CHECK(doctype_label(lang_get("sv"), "okand") == NULL);
	return check_done("doctype");
}
