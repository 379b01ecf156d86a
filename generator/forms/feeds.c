/*
 * Atom feeds (the whole site, and one per förbund) and sitemap.xml.
 * URLs are absolute (from base_url) and dates RFC 3339.
 *
 * libxml2's xmlTextWriter writes the XML (one space of indent per level),
 * loaded when the feeds are written (dynlib.h). So that a feed is always
 * well-formed, a character XML 1.0 does not allow (a control character
 * from a title, say), which the writer would pass on, first becomes
 * U+FFFD.
 */
#include "feeds.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doctype.h"
#include "dynlib.h"

#ifndef LIBXML2_SONAME
#define LIBXML2_SONAME "libxml2.so.2"
#endif

#define FEED_ENTRIES 20

/* what is used of libxml2 */
static struct {
	__typeof__(&xmlBufferCreate) buffer_create;
	__typeof__(&xmlBufferFree) buffer_free;
	__typeof__(&xmlBufferContent) buffer_content;
	__typeof__(&xmlBufferLength) buffer_length;
	__typeof__(&xmlNewTextWriterMemory) new_writer;
	__typeof__(&xmlFreeTextWriter) free_writer;
	__typeof__(&xmlTextWriterSetIndent) set_indent;
	__typeof__(&xmlTextWriterSetIndentString) set_indent_string;
	__typeof__(&xmlTextWriterStartDocument) start_document;
	__typeof__(&xmlTextWriterEndDocument) end_document;
	__typeof__(&xmlTextWriterStartElement) start_element;
	__typeof__(&xmlTextWriterEndElement) end_element;
	__typeof__(&xmlTextWriterWriteAttribute) write_attribute;
	__typeof__(&xmlTextWriterWriteElement) write_element;
} xml;

static int load_libxml2(void)
{
	const struct dynlib_sym syms[] = {
		{"xmlBufferCreate", &xml.buffer_create},
		{"xmlBufferFree", &xml.buffer_free},
		{"xmlBufferContent", &xml.buffer_content},
		{"xmlBufferLength", &xml.buffer_length},
		{"xmlNewTextWriterMemory", &xml.new_writer},
		{"xmlFreeTextWriter", &xml.free_writer},
		{"xmlTextWriterSetIndent", &xml.set_indent},
		{"xmlTextWriterSetIndentString", &xml.set_indent_string},
		{"xmlTextWriterStartDocument", &xml.start_document},
		{"xmlTextWriterEndDocument", &xml.end_document},
		{"xmlTextWriterStartElement", &xml.start_element},
		{"xmlTextWriterEndElement", &xml.end_element},
		{"xmlTextWriterWriteAttribute", &xml.write_attribute},
		{"xmlTextWriterWriteElement", &xml.write_element},
		{NULL, NULL},
	};
	return dynlib_load(LIBXML2_SONAME, "libxml2", "build", syms);
}

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

/* A character XML 1.0 does not allow: a control character other than
 * tab, newline and carriage return, or U+FFFE or U+FFFF. Its length in
 * bytes, or 0. */
static size_t not_xml(const unsigned char *c)
{
	if (*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r')
		return 1;
	if (c[0] == 0xEF && c[1] == 0xBF && (c[2] == 0xBE || c[2] == 0xBF))
		return 3;
	return 0;
}

const char *feeds_xml_text(const char *text, buf_t *scratch)
{
	const unsigned char *c = (const unsigned char *)text;
	while (*c && !not_xml(c))
		c++;
	if (!*c)
		return text;
	buf_reset(scratch);
	buf_put(scratch, text, (size_t)((const char *)c - text));
	while (*c) {
		size_t bad = not_xml(c);
		if (bad) {
			buf_puts(scratch, "\xEF\xBF\xBD");
			c += bad;
		} else {
			buf_putc(scratch, (char)*c++);
		}
	}
	return buf_cstr(scratch);
}

/* One document being written into memory. */
struct doc {
	xmlBufferPtr out;
	xmlTextWriterPtr w;
	buf_t scratch;
};

/* The writer's calls fail (return -1) only when memory runs out, which
 * ends planpress as everywhere else (buf.h). */
static void ok(int rc)
{
	if (rc < 0)
		out_of_memory();
}

static void doc_start(struct doc *d, const char *root)
{
	d->out = xml.buffer_create();
	d->w = d->out ? xml.new_writer(d->out, 0) : NULL;
	if (!d->w)
		out_of_memory();
	buf_init(&d->scratch);
	ok(xml.set_indent(d->w, 1));
	ok(xml.set_indent_string(d->w, BAD_CAST " "));
	ok(xml.start_document(d->w, NULL, "UTF-8", NULL));
	ok(xml.start_element(d->w, BAD_CAST root));
}

static void start(struct doc *d, const char *name)
{
	ok(xml.start_element(d->w, BAD_CAST name));
}

static void end(struct doc *d)
{
	ok(xml.end_element(d->w));
}

static void attribute(struct doc *d, const char *name, const char *value)
{
	ok(xml.write_attribute(d->w, BAD_CAST name, BAD_CAST feeds_xml_text(value, &d->scratch)));
}

/* <name>text</name> */
static void element(struct doc *d, const char *name, const char *text)
{
	ok(xml.write_element(d->w, BAD_CAST name, BAD_CAST feeds_xml_text(text, &d->scratch)));
}

/* Ends the document and writes it to rel. Returns 0, or -1 after a
 * diagnostic. */
static int doc_write(struct doc *d, const struct output *o, const char *rel)
{
	ok(xml.end_document(d->w));
	/* the writer flushes into d->out as it is freed */
	xml.free_writer(d->w);
	int rc = output_write(o, rel, (const char *)xml.buffer_content(d->out),
			      (size_t)xml.buffer_length(d->out));
	xml.buffer_free(d->out);
	buf_free(&d->scratch);
	return rc;
}

static int write_feed(const struct site *s, const struct output *o, const char *rel,
		      const char *title, const char *self, const char *alternate,
		      struct page **pages, size_t n)
{
	struct doc d;
	doc_start(&d, "feed");
	attribute(&d, "xml:lang", s->cfg.lang->code);
	attribute(&d, "xmlns", "http://www.w3.org/2005/Atom");
	element(&d, "title", title);
	element(&d, "id", self);
	start(&d, "link");
	attribute(&d, "rel", "self");
	attribute(&d, "href", self);
	end(&d);
	start(&d, "link");
	attribute(&d, "rel", "alternate");
	attribute(&d, "type", "text/html");
	attribute(&d, "href", alternate);
	end(&d);
	char date[32] = "1970-01-01T00:00:00Z";
	if (n > 0)
		rfc3339(pages[0], date, sizeof date);
	element(&d, "updated", date);
	start(&d, "author");
	element(&d, "name", title);
	end(&d);
	element(&d, "generator", "planpress");
	for (size_t i = 0; i < n && i < FEED_ENTRIES; i++) {
		const struct page *p = pages[i];
		char *url = site_url(s, p, 1);
		start(&d, "entry");
		element(&d, "title", p->title ? p->title : "");
		start(&d, "link");
		attribute(&d, "rel", "alternate");
		attribute(&d, "href", url);
		end(&d);
		element(&d, "id", url);
		rfc3339(p, date, sizeof date);
		element(&d, "updated", date);
		element(&d, "published", date);
		const char *label = doctype_label(s->cfg.lang, p->type);
		if (label) {
			start(&d, "category");
			attribute(&d, "term", p->type);
			attribute(&d, "label", label);
			end(&d);
		}
		if (p->md.summary && *p->md.summary)
			element(&d, "summary", p->md.summary);
		end(&d);
		free(url);
	}
	return doc_write(&d, o, rel);
}

static int write_sitemap(const struct site *s, const struct output *o)
{
	struct doc d;
	doc_start(&d, "urlset");
	attribute(&d, "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		if (p->failed || p->not_found)
			continue;
		char *url = site_url(s, p, 1);
		start(&d, "url");
		element(&d, "loc", url);
		if (p->year) {
			char date[16];
			snprintf(date, sizeof date, "%04d-%02d-%02d", p->year, p->month, p->day);
			element(&d, "lastmod", date);
		}
		end(&d);
		free(url);
	}
	return doc_write(&d, o, "sitemap.xml");
}

int feeds_write(const struct site *s, const struct output *o)
{
	if (o->dry)
		return 0;
	if (load_libxml2() != 0)
		return -1;
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
