/*
 * form_odt: a report as an OpenDocument text file, "a/b/b.odt" beside its
 * web page and named like its PDF, for a kansli that must send a Word or
 * LibreOffice file. Only with `odt = ja` in site.conf or build --odt.
 *
 * The text is made from the parse tree while the page loads (the tree
 * lives no longer, see odt.h) and kept on the page until this form
 * renders; then the file is put together (odt.c).
 */
#include "form.h"

#include <string.h>

#include "diag.h"
#include "odt.h"
#include "site.h"

static int applies(const struct site *s, const struct page *p)
{
	return s->cfg.odt && p->is_report && p->pdf_name;
}

static size_t count(const struct site *s, const struct page *p)
{
	(void)s, (void)p;
	return 1;
}

static char *path(const struct site *s, const struct page *p, size_t k)
{
	(void)s, (void)k;
	/* the PDF's name with .odt for .pdf */
	size_t n = strlen(p->pdf_name);
	return xasprintf("%s%.*s.odt", p->url_path, (int)(n > 4 ? n - 4 : n), p->pdf_name);
}

static int render(struct form_ctx *c)
{
	struct page *p = c->page;
	if (!p->kept) {
		diag(DIAG_ERROR, p->path, 0, 0, "the document's ODT text was not made");
		return -1;
	}
	if (!p->kept->odt)
		return -1; /* making its text failed, and said so */
	buf_t zip = BUF_INIT;
	int rc = odt_package(c->site, p, p->kept->odt, &zip);
	if (rc == 0) {
		char *rel = path(c->site, p, 0);
		c->emit(c, rel, buf_cstr(&zip), zip.len, 0);
		free(rel);
	}
	buf_free(&zip);
	return rc;
}

static void keep(const struct site *s, struct page *p, struct cmark_node *doc,
		 char *(*rewrite)(void *ud, const char *url, int line), void *ud)
{
	if (!applies(s, p))
		return;
	if (!p->kept)
		p->kept = xcalloc(1, sizeof *p->kept);
	odt_body_free(p->kept->odt);
	p->kept->odt = odt_body_make(s, p, doc, rewrite, ud);
}

static void drop(struct page *p)
{
	odt_body_free(p->kept->odt);
	p->kept->odt = NULL;
}

const struct form form_odt = {
	.name = "odt",
	.applies = applies,
	.count = count,
	.path = path,
	.render = render,
	.keep = keep,
	.drop = drop,
	.link = "odt",
};
