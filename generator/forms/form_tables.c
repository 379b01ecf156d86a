/*
 * form_tables: the CSV downloads of a page's tables, with the computed
 * figures, beside it ("a/b/tabeller/tabell-1.csv"). table.c makes their
 * text while the page loads; this form writes them.
 */
#include "form.h"

#include "site.h"

static int applies(const struct site *s, const struct page *p)
{
	(void)s;
	return p->tables.nfiles > 0;
}

static size_t count(const struct site *s, const struct page *p)
{
	(void)s;
	return p->tables.nfiles;
}

static char *path(const struct site *s, const struct page *p, size_t k)
{
	(void)s;
	return xasprintf("%s%s", p->url_path, p->tables.files[k].name);
}

static int render(struct form_ctx *c)
{
	const struct page *p = c->page;
	for (size_t k = 0; k < p->tables.nfiles; k++) {
		char *rel = path(c->site, p, k);
		c->emit(c, rel, p->tables.files[k].data, p->tables.files[k].len, 1);
		free(rel);
	}
	return 0;
}

const struct form form_tables = {
	.name = "tables",
	.applies = applies,
	.count = count,
	.path = path,
	.render = render,
	.own_folders = 1,
};
