/*
 * form_pdf: a report's PDF, "a/b/b.pdf" beside its print page, when the
 * build makes PDFs (--pdf or pdf = true). It has no render function: the
 * engine turns the print pages into PDFs after every page is written
 * (pdf.c); this entry names the file for the output list and the links.
 */
#include "form.h"

#include "site.h"

static int applies(const struct site *s, const struct page *p)
{
	return s->pdf && p->is_report && p->pdf_rel;
}

static size_t count(const struct site *s, const struct page *p)
{
	(void)s, (void)p;
	return 1;
}

static char *path(const struct site *s, const struct page *p, size_t k)
{
	(void)s, (void)k;
	return xstrdup(p->pdf_rel);
}

const struct form form_pdf = {
	.name = "pdf",
	.applies = applies,
	.count = count,
	.path = path,
	.link = "pdf",
};
