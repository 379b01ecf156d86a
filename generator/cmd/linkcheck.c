/*
 * The link checker of `planpress check`: every built page is parsed with
 * libxml2's HTML parser (loaded when the check runs: see dynlib.h); every
 * internal link, image and style sheet must
 * lead to a page or file the build makes, every #anchor to an id on that
 * page, and no id may occur twice on a page. Problems are reported with
 * the Markdown file that produced the page.
 */
#include "linkcheck.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "dynlib.h"
#include "fsutil.h"
#include "pool.h"

#ifndef LIBXML2_SONAME
#define LIBXML2_SONAME "libxml2.so.2"
#endif

/* what is used of libxml2 */
static struct {
	__typeof__(&htmlReadMemory) read_memory;
	__typeof__(&xmlDocGetRootElement) root;
	__typeof__(&xmlFreeDoc) free_doc;
	__typeof__(&xmlGetProp) get_prop;
	__typeof__(&xmlInitParser) init;
	__typeof__(&xmlFree) free; /* a variable that holds libxml2's free */
} xml;

static int load_libxml2(void)
{
	const struct dynlib_sym syms[] = {
		{"htmlReadMemory", &xml.read_memory},
		{"xmlDocGetRootElement", &xml.root},
		{"xmlFreeDoc", &xml.free_doc},
		{"xmlGetProp", &xml.get_prop},
		{"xmlInitParser", &xml.init},
		{"xmlFree", &xml.free},
		{NULL, NULL},
	};
	return dynlib_load(LIBXML2_SONAME, "libxml2", "check", syms);
}

struct doc {
	const struct page *page;
	const char *rel;      /* the output file, "a/b/index.html" */
	const char *html;
	size_t len;
	char **ids;           /* sorted */
	size_t nids;
	char **links;         /* href/src values as written */
	size_t nlinks;
};

struct ctx {
	const struct site *s;
	struct doc *docs;
	size_t ndocs;
	char **targets;       /* every output path, sorted */
	size_t ntargets;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void push(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

static void walk(xmlNodePtr n, struct doc *d)
{
	static const char *const attrs[] = {"href", "src", NULL};
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xml.get_prop(n, BAD_CAST "id");
		if (id) {
			push(&d->ids, &d->nids, xstrdup((const char *)id));
			(*xml.free)(id);
		}
		for (const char *const *a = attrs; *a; a++) {
			xmlChar *v = xml.get_prop(n, BAD_CAST * a);
			if (v) {
				push(&d->links, &d->nlinks, xstrdup((const char *)v));
				(*xml.free)(v);
			}
		}
		walk(n->children, d);
	}
}

static void parse_one(void *ud, size_t i)
{
	struct ctx *c = ud;
	struct doc *d = &c->docs[i];
	htmlDocPtr doc = xml.read_memory(d->html, (int)d->len, d->rel, "UTF-8",
					HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					HTML_PARSE_RECOVER | HTML_PARSE_NONET);
	if (!doc)
		return;
	walk(xml.root(doc), d);
	xml.free_doc(doc);
	if (d->nids) /* a page may have no id at all */
		qsort(d->ids, d->nids, sizeof *d->ids, cmp_str);
}

static int has(char *const *v, size_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof *v, cmp_str) != NULL;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Lexically resolves rel against dir (both without a leading '/'). */
static char *resolve(const char *dir, const char *rel)
{
	buf_t b = BUF_INIT;
	if (rel[0] != '/')
		buf_puts(&b, dir);
	buf_puts(&b, rel[0] == '/' ? rel + 1 : rel);
	/* decode %XX */
	buf_t d = BUF_INIT;
	for (const char *p = buf_cstr(&b); *p; p++) {
		if (p[0] == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			buf_putc(&d, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 2;
		} else {
			buf_putc(&d, *p);
		}
	}
	buf_free(&b);
	/* drop . and .. */
	char **parts = NULL;
	size_t n = 0;
	char *copy = buf_detach(&d);
	int trailing = copy[0] && copy[strlen(copy) - 1] == '/';
	char *save = NULL;
	int escaped = 0;
	for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..")) {
			if (n == 0)
				escaped = 1;
			else
				n--;
			continue;
		}
		push(&parts, &n, t);
	}
	buf_t out = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&out, '/');
		buf_puts(&out, parts[i]);
	}
	if (trailing && out.len)
		buf_putc(&out, '/');
	free(parts);
	free(copy);
	if (escaped) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const struct doc *)a)->rel, ((const struct doc *)b)->rel);
}

static const struct doc *doc_for(const struct ctx *c, const char *rel)
{
	struct doc key = {.rel = rel};
	return bsearch(&key, c->docs, c->ndocs, sizeof *c->docs, by_rel);
}

/* The HTML no longer knows its source lines, so the first place the
 * Markdown mentions the text is the best pointer for the user; a link
 * that comes from a template is not found and gets no line. */
static void source_pos(const struct page *p, const char *needle, int *line, int *col)
{
	*line = *col = 0;
	if (!p->src || !*needle)
		return;
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= p->src_len; i++) {
		if (memcmp(p->src + i, needle, n))
			continue;
		int l = 1, c = 1;
		for (size_t k = 0; k < i; k++) {
			if (p->src[k] == '\n') {
				l++;
				c = 1;
			} else if ((p->src[k] & 0xC0) != 0x80) {
				c++;
			}
		}
		*line = l;
		*col = c;
		return;
	}
}

static int check_link(const struct ctx *c, const struct doc *d, const char *link)
{
	int line, col;
	source_pos(d->page, link, &line, &col);
	const struct site *s = c->s;
	const char *l = link;
	if (!*l)
		return 0;
	/* absolute links to this very site are checked like internal ones */
	size_t bl = strlen(s->cfg.base_url);
	if (bl > 1 && !strncmp(l, s->cfg.base_url, bl))
		l = l + bl - strlen(s->cfg.base_path) ;
	else if (strstr(l, "://") || !strncmp(l, "//", 2) || !strncmp(l, "mailto:", 7) ||
		 !strncmp(l, "tel:", 4) || !strncmp(l, "data:", 5) || !strncmp(l, "javascript:", 11))
		return 0;
	char *copy = xstrdup(l);
	char *frag = strchr(copy, '#');
	if (frag)
		*frag++ = '\0';
	char *query = strchr(copy, '?');
	if (query)
		*query = '\0';
	const char *bp = s->cfg.base_path;
	char *path;
	if (copy[0] == '/') {
		if (strncmp(copy, bp, strlen(bp))) {
			free(copy);
			return 0; /* another part of the host */
		}
		path = resolve("", copy + strlen(bp));
	} else {
		char *dir = fs_dirname(d->rel);
		char *base = strcmp(dir, ".") ? xasprintf("%s/", dir) : xstrdup("");
		path = copy[0] ? resolve(base, copy) : xstrdup(d->rel);
		free(dir);
		free(base);
	}
	int bad = 0;
	const char *src = d->page->path;
	if (!path) {
		diag(DIAG_ERROR, src, line, col, "link \"%s\" leaves the site", link);
		bad = 1;
		goto done;
	}
	/* a folder means its index.html */
	char *file = (!*path || path[strlen(path) - 1] == '/') ? xasprintf("%sindex.html", path) : xstrdup(path);
	if (!has(c->targets, c->ntargets, file)) {
		char *asdir = xasprintf("%s/index.html", path);
		if (has(c->targets, c->ntargets, asdir)) {
			free(file);
			file = asdir;
		} else {
			free(asdir);
			diag(DIAG_ERROR, src, line, col, "broken link \"%s\": the site has no page or file %s%s",
			     link, bp, path);
			bad = 1;
			free(file);
			goto done;
		}
	}
	if (frag && *frag) {
		const struct doc *t = doc_for(c, file);
		if (t && !has(t->ids, t->nids, frag)) {
			diag(DIAG_ERROR, src, line, col, "broken link \"%s\": %s%s has no element with id \"%s\"",
			     link, bp, file, frag);
			bad = 1;
		}
	}
	free(file);
done:
	free(path);
	free(copy);
	return bad;
}

static void add_target(struct ctx *c, const char *rel)
{
	if (rel)
		push(&c->targets, &c->ntargets, xstrdup(rel));
}

static void output_target(void *ud, const char *rel)
{
	add_target(ud, rel);
}

int linkcheck_run(const struct site *s, char **extra, size_t nextra, int jobs)
{
	if (load_libxml2() != 0)
		return -1;
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.s = s;
	c.docs = xcalloc(2 * s->npages + 1, sizeof *c.docs);
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];
		site_page_outputs(s, p, output_target, &c);
		if (p->html) {
			struct doc *d = &c.docs[c.ndocs++];
			d->page = p;
			d->rel = p->out_rel;
			d->html = p->html;
			d->len = strlen(p->html);
		}
		if (p->print_html) {
			struct doc *d = &c.docs[c.ndocs++];
			d->page = p;
			d->rel = p->print_out_rel;
			d->html = p->print_html;
			d->len = strlen(p->print_html);
		}
	}
	for (size_t i = 0; i < s->nfiles; i++)
		add_target(&c, s->files[i]);
	for (size_t i = 0; i < nextra; i++)
		add_target(&c, extra[i]);
	if (c.ntargets)
		qsort(c.targets, c.ntargets, sizeof *c.targets, cmp_str);
	qsort(c.docs, c.ndocs, sizeof *c.docs, by_rel);

	xml.init();
	pool_run(c.ndocs, jobs, parse_one, &c);
	int bad = 0;
	for (size_t i = 0; i < c.ndocs; i++) {
		struct doc *d = &c.docs[i];
		for (size_t k = 1; k < d->nids; k++)
			if (!strcmp(d->ids[k], d->ids[k - 1]) && (k < 2 || strcmp(d->ids[k], d->ids[k - 2]))) {
				/* written as {#id}, or in raw HTML as id="id" */
				static const char *const forms[] = {"#%s", "id=\"%s\"", "id='%s'", NULL};
				int line = 0, col = 0;
				for (const char *const *f = forms; *f && !line; f++) {
					char *mark = xasprintf(*f, d->ids[k]);
					source_pos(d->page, mark, &line, &col);
					free(mark);
				}
				diag(DIAG_ERROR, d->page->path, line, col, "the id \"%s\" occurs more than once on %s%s",
				     d->ids[k], s->cfg.base_path, d->rel);
				bad = 1;
			}
		/* the print page repeats the web page's links: report each once */
		const struct doc *web = d->rel == d->page->print_out_rel ? doc_for(&c, d->page->out_rel) : NULL;
		for (size_t k = 0; k < d->nlinks; k++) {
			int seen = 0;
			for (size_t m = 0; web && m < web->nlinks && !seen; m++)
				seen = !strcmp(web->links[m], d->links[k]);
			if (!seen)
				bad |= check_link(&c, d, d->links[k]);
		}
	}
	for (size_t i = 0; i < c.ndocs; i++) {
		for (size_t k = 0; k < c.docs[i].nids; k++)
			free(c.docs[i].ids[k]);
		free(c.docs[i].ids);
		for (size_t k = 0; k < c.docs[i].nlinks; k++)
			free(c.docs[i].links[k]);
		free(c.docs[i].links);
	}
	free(c.docs);
	free_strings(c.targets, c.ntargets);
	return bad ? -1 : 0;
}
