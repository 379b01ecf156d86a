/*
 * form_mail: a letter's three e-mail forms, beside its web page: the HTML
 * of the message (epost.html), its plain text (epost.txt) and the whole
 * message to send (b.eml). newsletter.c makes all three in one go.
 */
#include "form.h"

#include "buf.h"
#include "newsletter.h"
#include "site.h"

static int applies(const struct site *s, const struct page *p)
{
	(void)s;
	return p->eml_name != NULL;
}

static size_t count(const struct site *s, const struct page *p)
{
	(void)s, (void)p;
	return 3;
}

static char *path(const struct site *s, const struct page *p, size_t k)
{
	(void)s;
	const char *names[] = {MAIL_HTML_NAME, MAIL_TEXT_NAME, p->eml_name};
	return xasprintf("%s%s", p->url_path, names[k < 3 ? k : 2]);
}

static int render(struct form_ctx *c)
{
	buf_t html = BUF_INIT, text = BUF_INIT, eml = BUF_INIT;
	int rc = newsletter_render(c->site, c->page, c->data, &html, &text, &eml);
	if (rc == 0) {
		buf_t *bodies[] = {&html, &text, &eml};
		for (size_t k = 0; k < 3; k++) {
			char *rel = path(c->site, c->page, k);
			c->emit(c, rel, buf_cstr(bodies[k]), bodies[k]->len, 0);
			free(rel);
		}
	}
	/* a failure was reported and fails the build; the page is not
	 * marked, as the feeds read the marks on another thread */
	buf_free(&html);
	buf_free(&text);
	buf_free(&eml);
	return rc;
}

const struct form form_mail = {
	.name = "mail",
	.applies = applies,
	.count = count,
	.path = path,
	.render = render,
};
