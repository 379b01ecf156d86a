/*
 * form_web: the page itself, "a/b/index.html", through its template.
 * Every page has it.
 */
#include "form.h"

#include "buf.h"
#include "site.h"

static int applies(const struct site *s, const struct page *p)
{
	(void)s, (void)p;
	return 1;
}

static size_t count(const struct site *s, const struct page *p)
{
	(void)s, (void)p;
	return 1;
}

static char *path(const struct site *s, const struct page *p, size_t k)
{
	(void)s, (void)k;
	return xstrdup(p->out_rel);
}

static int render(struct form_ctx *c)
{
	buf_t html = BUF_INIT;
	int rc = page_render(c->site, c->page, c->data, &html);
	if (rc == 0) {
		c->emit(c, c->page->out_rel, html.data ? html.data : "", html.len, 0);
		if (c->keep_html)
			c->page->html = buf_detach(&html);
	}
	buf_free(&html);
	return rc;
}

const struct form form_web = {
	.name = "web",
	.applies = applies,
	.count = count,
	.path = path,
	.render = render,
};
