/*
 * Atom feeds (the whole site, and one per förbund) and sitemap.xml.
 * URLs are absolute (from base_url) and dates RFC 3339.
 *
 * The XML is written here, in the layout libxml2's xmlTextWriter gives
 * (one space of indent per level), with its escapes; and so that it is
 * always well-formed, a character XML 1.0 does not allow (a control
 * character from a title, say) becomes U+FFFD.
 */
#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doctype.h"
#include "diag.h"

#define FEED_ENTRIES 20

static int newest_first(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a, *q = *(struct page *const *)b;
	int c = strcmp(q->date ? q->date : "", p->date ? p->date : "");
	return c ? c : strcmp(p->url_path, q->url_path);
}

static void rfc3339(const struct page *p, char *out, size_t n)
{
	snprintf(out, n, "%04d-%02d-%02dT00:00:00Z", p->year, p->month, p->day);
}

/* Text of an element (attr 0) or of an attribute value (attr 1). */
void feeds_escape(buf_t *b, const char *text, int attr)
{
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		switch (*c) {
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\r':
			buf_puts(b, "&#13;");
			break;
		case '\n':
			buf_puts(b, attr ? "&#10;" : "\n");
			break;
		case '\t':
			buf_puts(b, attr ? "&#9;" : "\t");
			break;
		default:
			if (*c < 0x20) {
				buf_puts(b, "\xEF\xBF\xBD");
			} else if (c[0] == 0xEF && c[1] == 0xBF && (c[2] == 0xBE || c[2] == 0xBF)) {
				buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFE, U+FFFF */
				c += 2;
			} else {
				buf_putc(b, (char)*c);
			}
		}
	}
}

static void indent(buf_t *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_putc(b, ' ');
}

/* `<name`, indented: its attributes follow */
static void open_tag(buf_t *b, int depth, const char *name)
{
	indent(b, depth);
	buf_putc(b, '<');
	buf_puts(b, name);
}

/* `<name>` on a line of its own, for an element of elements */
static void start_tag(buf_t *b, int depth, const char *name)
{
	open_tag(b, depth, name);
	buf_puts(b, ">\n");
}

static void end_tag(buf_t *b, const char *name)
{
	buf_puts(b, "</");
	buf_puts(b, name);
	buf_puts(b, ">\n");
}

static void close_tag(buf_t *b, int depth, const char *name)
{
	indent(b, depth);
	end_tag(b, name);
}

/* <name>text</name> on a line of its own */
static void element(buf_t *b, int depth, const char *name, const char *text)
{
	open_tag(b, depth, name);
	buf_putc(b, '>');
	feeds_escape(b, text, 0);
	end_tag(b, name);
}

/* ` name="value"`, inside a start tag */
static void attribute(buf_t *b, const char *name, const char *value)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
	feeds_escape(b, value, 1);
	buf_putc(b, '"');
}

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

static int write_feed(const struct site *s, const struct output *o, const char *rel,
		      const char *title, const char *self, const char *alternate,
		      struct page **pages, size_t n)
{
	buf_t b = BUF_INIT;
	buf_puts(&b, xml_decl);
	open_tag(&b, 0, "feed");
	attribute(&b, "xml:lang", s->cfg.lang->code);
	attribute(&b, "xmlns", "http://www.w3.org/2005/Atom");
	buf_puts(&b, ">\n");
	element(&b, 1, "title", title);
	element(&b, 1, "id", self);
	open_tag(&b, 1, "link");
	attribute(&b, "rel", "self");
	attribute(&b, "href", self);
	buf_puts(&b, "/>\n");
	open_tag(&b, 1, "link");
	attribute(&b, "rel", "alternate");
	attribute(&b, "type", "text/html");
	attribute(&b, "href", alternate);
	buf_puts(&b, "/>\n");
	char date[32] = "1970-01-01T00:00:00Z";
	if (n > 0)
		rfc3339(pages[0], date, sizeof date);
	element(&b, 1, "updated", date);
	start_tag(&b, 1, "author");
	element(&b, 2, "name", title);
	close_tag(&b, 1, "author");
	element(&b, 1, "generator", "planpress");
	for (size_t i = 0; i < n && i < FEED_ENTRIES; i++) {
		const struct page *p = pages[i];
		char *url = site_url(s, p, 1);
		start_tag(&b, 1, "entry");
		element(&b, 2, "title", p->title ? p->title : "");
		open_tag(&b, 2, "link");
		attribute(&b, "rel", "alternate");
		attribute(&b, "href", url);
		buf_puts(&b, "/>\n");
		element(&b, 2, "id", url);
		rfc3339(p, date, sizeof date);
		element(&b, 2, "updated", date);
		element(&b, 2, "published", date);
		const char *label = doctype_label(s->cfg.lang, p->type);
		if (label) {
			open_tag(&b, 2, "category");
			attribute(&b, "term", p->type);
			attribute(&b, "label", label);
			buf_puts(&b, "/>\n");
		}
		if (p->md.summary && *p->md.summary)
			element(&b, 2, "summary", p->md.summary);
		close_tag(&b, 1, "entry");
		free(url);
	}
	close_tag(&b, 0, "feed");
	int rc = output_write(o, rel, buf_cstr(&b), b.len);
	buf_free(&b);
	return rc;
}

static int write_sitemap(const struct site *s, const struct output *o)
{
	buf_t b = BUF_INIT;
	buf_puts(&b, xml_decl);
	open_tag(&b, 0, "urlset");
	attribute(&b, "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
	buf_puts(&b, ">\n");
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		if (p->failed || p->not_found)
			continue;
		char *url = site_url(s, p, 1);
		start_tag(&b, 1, "url");
		element(&b, 2, "loc", url);
		if (p->year) {
			char d[16];
			snprintf(d, sizeof d, "%04d-%02d-%02d", p->year, p->month, p->day);
			element(&b, 2, "lastmod", d);
		}
		close_tag(&b, 1, "url");
		free(url);
	}
	close_tag(&b, 0, "urlset");
	int rc = output_write(o, "sitemap.xml", buf_cstr(&b), b.len);
	buf_free(&b);
	return rc;
}

int feeds_write(const struct site *s, const struct output *o)
{
	if (o->dry)
		return 0;
	struct page **dated = xmalloc((s->npages + 1) * sizeof *dated);
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++)
		if (!s->pages[i]->is_section && s->pages[i]->year && !s->pages[i]->not_found)
			dated[n++] = s->pages[i];
	qsort(dated, n, sizeof *dated, newest_first);
	char *self = xasprintf("%satom.xml", s->cfg.base_url);
	int rc = write_feed(s, o, "atom.xml", s->cfg.title, self, s->cfg.base_url, dated, n);
	free(self);
	for (size_t f = 0; f < s->cfg.nforbund && rc == 0; f++) {
		const struct forbund *fb = &s->cfg.forbund[f];
		struct page **mine = xmalloc((n + 1) * sizeof *mine);
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (dated[i]->forbund_slug && !strcmp(dated[i]->forbund_slug, fb->slug))
				mine[m++] = dated[i];
		char *rel = xasprintf("%s/atom.xml", fb->slug);
		char *fself = xasprintf("%s%s", s->cfg.base_url, rel);
		char *alt = xasprintf("%s%s/", s->cfg.base_url, fb->slug);
		if (output_mkdir(o, fb->slug) == 0)
			rc = write_feed(s, o, rel, fb->name, fself, alt, mine, m);
		free(rel);
		free(fself);
		free(alt);
		free(mine);
	}
	free(dated);
	if (rc == 0)
		rc = write_sitemap(s, o);
	return rc;
}
