/*
 * form_alias: a page at each of a page's old addresses (front matter's
 * aliases:) that sends the reader on. A static host cannot answer 301, so
 * the page sends browsers on and tells search engines where the page
 * lives now.
 */
#include "form.h"

#include <string.h>

#include "buf.h"
#include "site.h"

static int applies(const struct site *s, const struct page *p)
{
	(void)s;
	return p->naliases > 0;
}

static size_t count(const struct site *s, const struct page *p)
{
	(void)s;
	return p->naliases;
}

static char *path(const struct site *s, const struct page *p, size_t k)
{
	(void)s;
	return xstrdup(p->aliases[k]);
}

static void redirect_page(const struct site *s, const struct page *p, buf_t *out)
{
	char *url = site_url(s, p, 0), *perma = site_url(s, p, 1);
	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", s->cfg.lang->code);
	buf_puts(out, "<title>");
	const char *t = p->title ? p->title : url;
	buf_escape_html(out, t, strlen(t));
	buf_printf(out, "</title>\n<link rel=\"canonical\" href=\"%s\">\n"
			"<meta name=\"robots\" content=\"noindex\">\n"
			"<meta http-equiv=\"refresh\" content=\"0; url=%s\">\n</head>\n<body>\n<p>%s <a href=\"%s\">",
		   perma, url, s->cfg.lang->moved, url);
	buf_escape_html(out, t, strlen(t));
	buf_puts(out, "</a>.</p>\n</body>\n</html>\n");
	free(url);
	free(perma);
}

static int render(struct form_ctx *c)
{
	/* every alias shows the same page */
	buf_t html = BUF_INIT;
	redirect_page(c->site, c->page, &html);
	for (size_t k = 0; k < c->page->naliases; k++)
		c->emit(c, c->page->aliases[k], buf_cstr(&html), html.len, 1);
	buf_free(&html);
	return 0;
}

const struct form form_alias = {
	.name = "alias",
	.applies = applies,
	.count = count,
	.path = path,
	.render = render,
	.own_folders = 1,
};
