/*
 * form: the list of output forms and what walks it (see form.h).
 */
#include "form.h"

#include <stdlib.h>
#include <string.h>

#include "site.h"

const struct form *const forms[] = {
	&form_web, &form_print, &form_pdf, &form_odt, &form_alias, &form_mail, &form_tables, NULL,
};

const struct form *form_get(const char *name)
{
	for (const struct form *const *f = forms; *f; f++)
		if (!strcmp((*f)->name, name))
			return *f;
	return NULL;
}

void form_each_path(const struct site *s, const struct page *p,
		    void (*fn)(void *ud, const char *rel), void *ud)
{
	for (const struct form *const *f = forms; *f; f++) {
		if (!(*f)->applies(s, p))
			continue;
		size_t n = (*f)->count(s, p);
		for (size_t k = 0; k < n; k++) {
			char *rel = (*f)->path(s, p, k);
			fn(ud, rel);
			free(rel);
		}
	}
}

int form_render_all(struct form_ctx *c)
{
	int failed = 0;
	for (const struct form *const *f = forms; *f; f++)
		if ((*f)->render && (*f)->applies(c->site, c->page) && (*f)->render(c) != 0)
			failed++;
	return failed;
}
