/*
 * form_print: a report's print page, "a/b/utskrift.html": the whole
 * document for paper and for the PDF engine (templates/print/).
 */
#include "form.h"

#include "buf.h"
#include "site.h"

static int applies(const struct site *s, const struct page *p)
{
	(void)s;
	return p->is_report;
}

static size_t count(const struct site *s, const struct page *p)
{
	(void)s, (void)p;
	return 1;
}

static char *path(const struct site *s, const struct page *p, size_t k)
{
	(void)s, (void)k;
	return xstrdup(p->print_out_rel);
}

static int render(struct form_ctx *c)
{
	buf_t html = BUF_INIT;
	int rc = page_render_print(c->site, c->page, c->data, &html);
	if (rc == 0) {
		c->emit(c, c->page->print_out_rel, html.data ? html.data : "", html.len, 0);
		if (c->keep_html)
			c->page->print_html = buf_detach(&html);
	}
	buf_free(&html);
	return rc;
}

const struct form form_print = {
	.name = "print",
	.applies = applies,
	.count = count,
	.path = path,
	.render = render,
	.link = "print",
};
