/*
 * Atom feeds (the whole site, and one per förbund) and sitemap.xml,
 * written with libxml2's xmlTextWriter so they are always well-formed.
 * URLs are absolute (from base_url) and dates RFC 3339.
 */
#include "feeds.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
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

static int finish(xmlTextWriterPtr w, xmlBufferPtr b, const struct output *o, const char *rel)
{
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	int rc = output_write(o, rel, (const char *)xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
	return rc;
}

#define X(s) BAD_CAST(s)

static int write_feed(const struct site *s, const struct output *o, const char *rel,
		      const char *title, const char *self, const char *alternate,
		      struct page **pages, size_t n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(w, NULL, X("feed"), X("http://www.w3.org/2005/Atom"));
	xmlTextWriterWriteAttribute(w, X("xml:lang"), X(s->cfg.lang->code));
	xmlTextWriterWriteElement(w, X("title"), X(title));
	xmlTextWriterWriteElement(w, X("id"), X(self));
	xmlTextWriterStartElement(w, X("link"));
	xmlTextWriterWriteAttribute(w, X("rel"), X("self"));
	xmlTextWriterWriteAttribute(w, X("href"), X(self));
	xmlTextWriterEndElement(w);
	xmlTextWriterStartElement(w, X("link"));
	xmlTextWriterWriteAttribute(w, X("rel"), X("alternate"));
	xmlTextWriterWriteAttribute(w, X("type"), X("text/html"));
	xmlTextWriterWriteAttribute(w, X("href"), X(alternate));
	xmlTextWriterEndElement(w);
	char date[32] = "1970-01-01T00:00:00Z";
	if (n > 0)
		rfc3339(pages[0], date, sizeof date);
	xmlTextWriterWriteElement(w, X("updated"), X(date));
	xmlTextWriterStartElement(w, X("author"));
	xmlTextWriterWriteElement(w, X("name"), X(title));
	xmlTextWriterEndElement(w);
	xmlTextWriterWriteElement(w, X("generator"), X("planpress"));
	for (size_t i = 0; i < n && i < FEED_ENTRIES; i++) {
		const struct page *p = pages[i];
		char *url = site_url(s, p, 1);
		xmlTextWriterStartElement(w, X("entry"));
		xmlTextWriterWriteElement(w, X("title"), X(p->title ? p->title : ""));
		xmlTextWriterStartElement(w, X("link"));
		xmlTextWriterWriteAttribute(w, X("rel"), X("alternate"));
		xmlTextWriterWriteAttribute(w, X("href"), X(url));
		xmlTextWriterEndElement(w);
		xmlTextWriterWriteElement(w, X("id"), X(url));
		rfc3339(p, date, sizeof date);
		xmlTextWriterWriteElement(w, X("updated"), X(date));
		xmlTextWriterWriteElement(w, X("published"), X(date));
		const char *label = lang_type_label(s->cfg.lang, p->type);
		if (label) {
			xmlTextWriterStartElement(w, X("category"));
			xmlTextWriterWriteAttribute(w, X("term"), X(p->type));
			xmlTextWriterWriteAttribute(w, X("label"), X(label));
			xmlTextWriterEndElement(w);
		}
		if (p->md.summary && *p->md.summary)
			xmlTextWriterWriteElement(w, X("summary"), X(p->md.summary));
		xmlTextWriterEndElement(w);
		free(url);
	}
	xmlTextWriterEndElement(w);
	return finish(w, b, o, rel);
}

static int write_sitemap(const struct site *s, const struct output *o)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(w, NULL, X("urlset"), X("http://www.sitemaps.org/schemas/sitemap/0.9"));
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		if (p->failed || p->not_found)
			continue;
		char *url = site_url(s, p, 1);
		xmlTextWriterStartElement(w, X("url"));
		xmlTextWriterWriteElement(w, X("loc"), X(url));
		if (p->year) {
			char d[16];
			snprintf(d, sizeof d, "%04d-%02d-%02d", p->year, p->month, p->day);
			xmlTextWriterWriteElement(w, X("lastmod"), X(d));
		}
		xmlTextWriterEndElement(w);
		free(url);
	}
	xmlTextWriterEndElement(w);
	return finish(w, b, o, "sitemap.xml");
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
