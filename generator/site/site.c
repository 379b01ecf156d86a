/*
 * The site model: finding pages, linking them into sections and lists, and
 * the shared template data. Per-page work lives in page.c.
 */
#include "site.h"
#include "pool.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "a11ystmt.h"
#include "buf.h"
#include "doctype.h"
#include "cache.h"
#include "diag.h"
#include "i18n.h"
#include "form.h"
#include "fsutil.h"
#include "insats.h"
#include "jsonutil.h"
#include "pagekind.h"
#include "lang.h"
#include "output.h"
#include "protokoll.h"
#include "theme.h"
#include "version.h"

#define LATEST_COUNT 10
#define NEWS_ON_SECTION 5

/* makes room for one more in a list that grows one at a time */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 64;
	return xrealloc(v, *cap * size);
}

static struct page *page_new(struct site *s)
{
	s->pages = grow(s->pages, s->npages, &s->pages_cap, sizeof *s->pages);
	struct page *p = xcalloc(1, sizeof *p);
	s->pages[s->npages++] = p;
	return p;
}

static void page_free(const struct site *s, struct page *p)
{
	free(p->path);
	free(p->rel);
	free(p->dir);
	free(p->items);
	free_strings(p->aliases, p->naliases);
	free(p->eml_name);
	free(p->url_path);
	free(p->out_rel);
	frontmatter_free(&p->fm);
	free(p->src);
	md_result_free(&p->md);
	table_ctx_free(&p->tables);
	free(p->print_out_rel);
	free(p->pdf_name);
	free(p->pdf_rel);
	free(p->html);
	free(p->print_html);
	json_object_put(p->statement);
	json_object_put(p->facts);
	json_object_put(p->summary);
	json_object_put(p->list_frame);
	free(p->children);
	free_strings(p->outputs, p->noutputs);
	free(p->front_blob);
	free_strings(p->deps, p->ndeps);
	free(p->dep_prints);
	forms_drop(s->forms, p);
	free(p);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static void set_section_urls(struct page *p, const char *dir)
{
	p->dir = xstrdup(dir);
	p->url_path = dir[0] ? xasprintf("%s/", dir) : xstrdup("");
	p->out_rel = xasprintf("%sindex.html", p->url_path);
	p->is_section = 1;
	p->is_home = dir[0] == '\0';
}

static int scan_file(void *ud, const char *rel, const char *path)
{
	struct site *s = ud;
	char *link = NULL;
	if (!path) {
		/* A link is followed only to a file inside the site, so no
		 * content path can make planpress read outside it. */
		link = fs_join(s->content, rel);
		if (fs_check_link(s->root, link) != 0) {
			free(link);
			return -1;
		}
		path = link;
	}
	if (!ends_with(rel, ".md")) {
		s->files = grow(s->files, s->nfiles, &s->files_cap, sizeof *s->files);
		s->files[s->nfiles++] = xstrdup(rel);
		free(link);
		return 0;
	}
	struct page *p = page_new(s);
	p->path = xstrdup(path);
	p->rel = xstrdup(rel);
	char *dir = fs_dirname(rel);
	if (!strcmp(dir, "."))
		dir[0] = '\0';
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	if (!strcmp(base, "_index.md")) {
		set_section_urls(p, dir);
	} else {
		/* "a/b.md": "a/b/" and "a/b/index.html" (one per page: no printf) */
		static const char index[] = "index.html";
		size_t stem = strlen(rel) - 3;
		p->dir = xstrdup(dir);
		p->url_path = xmalloc(stem + 2);
		memcpy(p->url_path, rel, stem);
		memcpy(p->url_path + stem, "/", 2);
		p->out_rel = xmalloc(stem + 1 + sizeof index);
		memcpy(p->out_rel, p->url_path, stem + 1);
		memcpy(p->out_rel + stem + 1, index, sizeof index);
	}
	free(dir);
	free(link);
	return 0;
}

static void add_generated_section(struct site *s, const char *dir)
{
	struct page *p = page_new(s);
	p->generated = 1;
	p->rel = xstrdup("");
	char *idx = xasprintf("%s%s_index.md", dir, dir[0] ? "/" : "");
	p->path = fs_join(s->content, idx);
	free(idx);
	set_section_urls(p, dir);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A page the site makes itself, unless a written page already has its
 * URL (taken: the written pages' outputs, sorted). */
static struct page *add_special(struct site *s, char **taken, size_t ntaken, const char *dir,
				const char *url_path, const char *out_rel, const char *type)
{
	if (ntaken && bsearch(&out_rel, taken, ntaken, sizeof *taken, cmp_cstr))
		return NULL;
	struct page *p = page_new(s);
	p->generated = 1;
	p->gen_type = type;
	p->rel = xstrdup("");
	p->dir = xstrdup(dir);
	p->url_path = xstrdup(url_path);
	p->out_rel = xstrdup(out_rel);
	p->path = fs_join(s->content, dir[0] ? dir : ".");
	p->list_page = p->list_pages = 1;
	return p;
}

static int by_rel_cmp(const void *a, const void *b)
{
	return strcmp((*(struct page *const *)a)->rel, (*(struct page *const *)b)->rel);
}

int site_scan(struct site *s)
{
	s->content = fs_join(s->root, "content");
	if (!fs_is_dir(s->content)) {
		diag(DIAG_ERROR, s->content, 0, 0,
		     "no content directory: put the site's Markdown pages in content/");
		return -1;
	}
	/* (a big site's content is mostly directories: walked side by side) */
	if (fs_walk_parallel(s->content, scan_file, s, s->jobs > 0 ? s->jobs : 1) != 0)
		return -1;
	/* Every site has a home page, every förbund and every top-level
	 * directory a section page, written or not. Collect the names first:
	 * adding pages moves the array. */
	size_t n = s->npages, ndirs = 0;
	char **dirs = xmalloc((n + s->cfg.nforbund + 1) * sizeof *dirs);
	dirs[ndirs++] = xstrdup("");
	for (size_t i = 0; i < s->cfg.nforbund; i++)
		dirs[ndirs++] = xstrdup(s->cfg.forbund[i].slug);
	for (size_t i = 0; i < n; i++) {
		const char *rel = s->pages[i]->rel;
		const char *slash = strchr(rel, '/');
		if (slash)
			dirs[ndirs++] = xstrndup(rel, (size_t)(slash - rel));
	}
	/* Each directory once, in the order met, and the written sections
	 * and the sections already added looked up by name: a scan of all
	 * pages per page would be quadratic. */
	char **have = xmalloc((n + ndirs + 1) * sizeof *have);
	size_t nhave = 0;
	for (size_t i = 0; i < n; i++)
		if (s->pages[i]->is_section)
			have[nhave++] = s->pages[i]->dir;
	qsort(have, nhave, sizeof *have, cmp_cstr);
	size_t sorted = nhave;
	for (size_t i = 0; i < ndirs; i++) {
		if (i > 0 && !strcmp(dirs[i], dirs[i - 1]))
			continue; /* pages come directory by directory */
		int known = sorted && bsearch(&dirs[i], have, sorted, sizeof *have, cmp_cstr);
		if (!known && nhave > sorted) {
			/* the few added so far (top-level directories) */
			for (size_t k = sorted; k < nhave && !known; k++)
				known = !strcmp(have[k], dirs[i]);
		}
		if (!known) {
			add_generated_section(s, dirs[i]);
			have[nhave++] = dirs[i];
		}
	}
	free_strings(dirs, ndirs);
	free(have);
	char **taken = xmalloc((s->npages + 1) * sizeof *taken);
	size_t ntaken = 0;
	for (size_t i = 0; i < s->npages; i++)
		if (!s->pages[i]->generated)
			taken[ntaken++] = s->pages[i]->out_rel;
	qsort(taken, ntaken, sizeof *taken, cmp_cstr);
	for (size_t i = 0; i < s->cfg.nforbund; i++) {
		const char *slug = s->cfg.forbund[i].slug;
		char *u = xasprintf("%s/kontakt/", slug), *o = xasprintf("%sindex.html", u);
		add_special(s, taken, ntaken, slug, u, o, "kontakt");
		free(u);
		free(o);
		u = xasprintf("%s/nyheter/", slug);
		o = xasprintf("%sindex.html", u);
		add_special(s, taken, ntaken, slug, u, o, "nyheter");
		free(u);
		free(o);
	}
	/* the search page, when the build makes an index (search.h) */
	if (s->cfg.search)
		add_special(s, taken, ntaken, "", "sok/", "sok/index.html", "sok");
	struct page *nf = add_special(s, taken, ntaken, "", "404.html", "404.html", "404");
	free(taken);
	if (nf)
		nf->not_found = 1;
	if (s->nfiles)
		qsort(s->files, s->nfiles, sizeof *s->files, cmp_cstr);
	s->by_rel = xmalloc((s->npages + 1) * sizeof *s->by_rel);
	for (size_t i = 0; i < s->npages; i++)
		if (!s->pages[i]->generated)
			s->by_rel[s->nby_rel++] = s->pages[i];
	qsort(s->by_rel, s->nby_rel, sizeof *s->by_rel, by_rel_cmp);
	return 0;
}

struct page *site_page_by_rel(const struct site *s, const char *rel)
{
	struct page key = {.rel = (char *)rel}, *kp = &key;
	struct page **hit = bsearch(&kp, s->by_rel, s->nby_rel, sizeof *s->by_rel, by_rel_cmp);
	return hit ? *hit : NULL;
}

int site_check_links(const struct site *s)
{
	int bad = 0;
	for (size_t i = 0; i < s->npages && s->ndraft_rels; i++) {
		const struct page *p = s->pages[i];
		const char *links = p->tables.page_links.len ? p->tables.page_links.data : NULL;
		for (const char *l = links; l && *l;) {
			const char *end = strchr(l, '\n');
			char *entry = xstrndup(l, (size_t)(end - l + 1));
			const char *rel = strchr(entry, ' ') + 1;
			char *name = xstrndup(rel, strlen(rel) - 1);
			/* a heading's links are rendered twice (for the contents too) */
			int again = strstr(links, entry) < l;
			if (!again && site_is_draft(s, name)) {
				diag(DIAG_ERROR, p->path, atoi(entry), 0,
				     "this links to content/%s, a draft (draft: true) that is not "
				     "published; publish that page, or remove the link", name);
				bad++;
			}
			free(name);
			free(entry);
			l = end + 1;
		}
	}
	return bad;
}

int site_is_draft(const struct site *s, const char *rel)
{
	return s->ndraft_rels &&
	       bsearch(&rel, s->draft_rels, s->ndraft_rels, sizeof *s->draft_rels, cmp_cstr) != NULL;
}

int site_has_file(const struct site *s, const char *rel)
{
	return s->nfiles && bsearch(&rel, s->files, s->nfiles, sizeof *s->files, cmp_cstr) != NULL;
}

static int by_dir(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a, *q = *(struct page *const *)b;
	return strcmp(p->dir, q->dir);
}

/* Lists show newest first, undated pages last, then by title. */
static int by_date_title(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a, *q = *(struct page *const *)b;
	if (p->is_section != q->is_section)
		return p->is_section ? -1 : 1;
	const char *dp = p->date ? p->date : "", *dq = q->date ? q->date : "";
	int c = strcmp(dq, dp);
	if (c)
		return c;
	return strcmp(p->title ? p->title : "", q->title ? q->title : "");
}

static void percent_path(buf_t *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~/", *c)) {
			buf_putc(b, (char)*c);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*c >> 4]);
			buf_putc(b, hex[*c & 15]);
		}
	}
}

char *site_url(const struct site *s, const struct page *p, int absolute)
{
	buf_t b = BUF_INIT;
	buf_puts(&b, absolute ? s->cfg.base_url : s->cfg.base_path);
	percent_path(&b, p->url_path);
	return buf_detach(&b);
}

json_object *site_forbund_json(const struct site *s, const struct forbund *f)
{
	json_object *o = json_object_new_object();
	json_add_str(o, "slug", f->slug);
	json_add_str(o, "name", f->name);
	json_add_str(o, "description", f->description);
	json_add_str(o, "members", f->members);
	json_add_str(o, "email", f->email);
	json_add_str(o, "phone", f->phone);
	json_add_str(o, "phone_tel", f->tel);
	json_add_str(o, "phone_text", f->phone_text);
	json_add_str(o, "address", f->address);
	json_add_str(o, "logo", f->logo);
	if (f->logo) {
		/* a content file, like the pages' images */
		char *u = xasprintf("%s%s", s->cfg.base_path, f->logo);
		json_add_str(o, "logo_url", u);
		free(u);
	}
	char *url = xasprintf("%s%s/", s->cfg.base_path, f->slug);
	json_add_str(o, "url", url);
	free(url);
	return o;
}

static int doc_year(const struct page *p);

void site_page_fields(const struct site *s, const struct page *p, json_object *o)
{
	json_add_str(o, "title", p->title);
	char *url = site_url(s, p, 0), *perma = site_url(s, p, 1);
	json_add_str(o, "url", url);
	json_add_str(o, "permalink", perma);
	free(url);
	free(perma);
	if (p->year) {
		/* p->date's first ten characters: a year is only set where
		 * lang_parse_date read them as YYYY-MM-DD */
		json_add_strn(o, "date", p->date, 10);
		buf_t d = BUF_INIT;
		lang_format_date(s->cfg.lang, p->year, p->month, p->day, &d);
		json_add_str(o, "date_text", buf_cstr(&d));
		buf_free(&d);
		json_add_new(o, "year", json_object_new_int(p->year));
	}
	/* the year a document is for: a plan's, not its adoption's */
	if (doc_year(p))
		json_add_new(o, "doc_year", json_object_new_int(doc_year(p)));
	json_add_str(o, "type", p->type);
	json_add_str(o, "type_label", doctype_label(s->cfg.lang, p->type));
	json_add_str(o, "summary", p->md.summary);
	json_add_new(o, "is_section", json_object_new_boolean(p->is_section));
	if (p->facts)
		json_add_new(o, "facts", json_object_get(p->facts));
}

static json_object *summary_json(const struct site *s, const struct page *p)
{
	json_object *o = json_object_new_object();
	site_page_fields(s, p, o);
	return o;
}

void site_page_summary(const struct site *s, struct page *p)
{
	if (!p->summary)
		p->summary = summary_json(s, p);
}

static json_object *site_json(const struct site *s)
{
	const struct config *c = &s->cfg;
	json_object *o = json_object_new_object();
	json_add_str(o, "title", c->title);
	json_add_str(o, "description", c->description);
	json_add_str(o, "base_url", c->base_url);
	json_add_str(o, "home_url", c->base_path);
	json_add_str(o, "language", c->lang->code);
	json_add_str(o, "assets", "assets/");
	char *assets = xasprintf("%sassets/", c->base_path);
	json_add_str(o, "assets_url", assets);
	free(assets);
	if (c->search) {
		char *u = xasprintf("%ssok/", c->base_path);
		json_add_str(o, "search_url", u);
		free(u);
	}
	json_add_str(o, "generator", "planpress " PLANPRESS_VERSION);
	time_t now = time(NULL);
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch)
		now = (time_t)strtoll(epoch, NULL, 10);
	struct tm tm;
	gmtime_r(&now, &tm);
	json_object_object_add(o, "year", json_object_new_int(tm.tm_year + 1900));
	json_object *fb = json_object_new_array();
	for (size_t i = 0; i < c->nforbund; i++)
		json_object_array_add(fb, site_forbund_json(s, &c->forbund[i]));
	json_object_object_add(o, "forbund", fb);
	json_object_object_add(o, "has_forbund", json_object_new_boolean(c->nforbund > 0));
	/* up to four förbund fit on one line of a desktop's menu */
	json_object_object_add(o, "few_forbund", json_object_new_boolean(c->nforbund <= 4));
	config_site_json(c, o); /* logo, favicon, og:locale */
	json_object_object_add(o, "i18n", lang_to_json(c->lang));
	const struct page *a11y = c->accessibility ? site_page_by_rel(s, c->accessibility) : NULL;
	if (a11y) {
		char *u = site_url(s, a11y, 0);
		json_add_str(o, "accessibility_url", u);
		free(u);
	}
	/* the default print pages link assets/print.css (one copy for all,
	 * found by a PDF engine beside the file); a theme may still put the
	 * text inside its print pages */
	char *css = theme_asset_text(s->root, "print.css");
	json_add_str(o, "print_css", css ? css : "");
	free(css);
	json_object *frame = json_object_new_object();
	json_object_object_add(frame, "site", o);
	return frame;
}

/* Every file of the output and what writes it, to find two that would
 * write the same file before either does. The names go into one buffer
 * and a hash table: a sort of every name was the longest serial step of
 * linking a large site. */
struct out_entry {
	size_t name;      /* offset in out_list.names */
	const char *from; /* a source file, or NULL: planpress itself */
	int copy;         /* from is a static file, relative to content/ */
	uint64_t hash;
};

struct out_list {
	struct out_entry *v;
	size_t n, cap;
	buf_t names;
	const char *from;
	int copy;
};

static void add_out(void *ud, const char *rel)
{
	struct out_list *l = ud;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	size_t len = strlen(rel);
	l->v[l->n++] = (struct out_entry){l->names.len, l->from, l->copy, hash_bytes(0, rel, len)};
	buf_put(&l->names, rel, len + 1);
}

/* Two entries that name one file: the earlier one and the later */
struct clash {
	size_t first, second;
	const char *name;
};

static int by_clash(const void *a, const void *b)
{
	const struct clash *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->second > y->second) - (x->second < y->second);
}

/* The pairs of entries that name the same file, each later one with the
 * one before it, sorted by name: the same messages in the same order
 * every time. */
static struct clash *find_clashes(const struct out_list *l, size_t *nclash)
{
	size_t size = 16;
	while (size < 2 * l->n)
		size *= 2;
	size_t *slot = xcalloc(size, sizeof *slot); /* index + 1 of the newest */
	struct clash *c = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct out_entry *e = &l->v[i];
		const char *name = l->names.data + e->name;
		size_t k = (size_t)e->hash & (size - 1);
		for (; slot[k]; k = (k + 1) & (size - 1)) {
			const struct out_entry *o = &l->v[slot[k] - 1];
			if (o->hash == e->hash && !strcmp(l->names.data + o->name, name))
				break;
		}
		if (slot[k]) {
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				c = xrealloc(c, cap * sizeof *c);
			}
			c[n++] = (struct clash){slot[k] - 1, i, name};
		}
		slot[k] = i + 1;
	}
	free(slot);
	if (n > 1)
		qsort(c, n, sizeof *c, by_clash);
	*nclash = n;
	return c;
}

void site_page_outputs(const struct site *s, const struct page *p,
		       void (*fn)(void *ud, const char *rel), void *ud)
{
	if (p->cached && p->cache_rec) {
		for (size_t k = 0; k < p->cache_rec->noutputs; k++)
			fn(ud, p->cache_rec->outputs[k]);
		return;
	}
	for (const struct form *const *f = s->forms; f && *f; f++) {
		if (!(*f)->applies(s, p))
			continue;
		size_t n = (*f)->count(s, p);
		for (size_t k = 0; k < n; k++) {
			char *rel = (*f)->path(s, p, k);
			fn(ud, rel);
			free(rel);
		}
	}
}

/* the file an entry comes from, as messages name it; NULL for planpress */
static char *source_of(const struct site *s, const struct out_entry *e)
{
	if (!e->from)
		return NULL;
	return e->copy ? fs_join(s->content, e->from) : xstrdup(e->from);
}

/* the out_list qsort by_out_name sorts (qsort passes no context) */
static _Thread_local const struct out_list *sort_names;

static int by_out_name(const void *a, const void *b)
{
	const struct out_list *l = sort_names;
	return strcmp(l->names.data + l->v[*(const size_t *)a].name,
		      l->names.data + l->v[*(const size_t *)b].name);
}

static int check_collisions(struct site *s)
{
	struct out_list l = {NULL, 0, 0, BUF_INIT, NULL, 0};
	for (size_t i = 0; i < s->npages; i++) {
		/* a page planpress makes itself (the home page, a section,
		 * 404.html) has no file to rename: its addresses are its own */
		l.from = s->pages[i]->generated ? NULL : s->pages[i]->path;
		site_page_outputs(s, s->pages[i], add_out, &l);
	}
	l.copy = 1;
	for (size_t i = 0; i < s->nfiles; i++) {
		l.from = s->files[i];
		add_out(&l, s->files[i]);
	}
	/* what planpress writes of its own: feeds, sitemap and assets */
	l.from = NULL;
	l.copy = 0;
	add_out(&l, "atom.xml");
	add_out(&l, "sitemap.xml");
	add_out(&l, OUTPUT_MARKER);
	for (size_t i = 0; i < s->cfg.nforbund; i++) {
		char *rel = xasprintf("%s/atom.xml", s->cfg.forbund[i].slug);
		add_out(&l, rel);
		free(rel);
	}
	char **assets = NULL;
	size_t nassets = 0;
	theme_asset_paths(s->root, &assets, &nassets);
	for (size_t i = 0; i < nassets; i++)
		add_out(&l, assets[i]);
	free_strings(assets, nassets);

	size_t nclash;
	struct clash *c = find_clashes(&l, &nclash);
	int bad = 0;
	for (size_t i = 0; i < nclash; i++) {
		char *a = source_of(s, &l.v[c[i].first]), *b = source_of(s, &l.v[c[i].second]);
		if (a && b)
			diag(DIAG_ERROR, b, 0, 0, "would be written to %s, like %s; rename one of them", c[i].name, a);
		else if (a || b)
			diag(DIAG_ERROR, a ? a : b, 0, 0,
			     "would be written to %s, which planpress writes itself (a feed, the sitemap, a theme "
			     "asset, or a page it makes: the home page, a section, the news, 404.html); "
			     "choose another name",
			     c[i].name);
		/* else never: planpress names its own files once */
		bad |= a || b;
		free(a);
		free(b);
	}
	free(c);
	/* a file where another output needs a folder: an alias /sitemap.xml
	 * would be written as sitemap.xml/index.html */
	size_t *ord = xmalloc((l.n + 1) * sizeof *ord);
	for (size_t i = 0; i < l.n; i++)
		ord[i] = i;
	sort_names = &l;
	qsort(ord, l.n, sizeof *ord, by_out_name);
	for (size_t i = 0; i < l.n; i++) {
		const struct out_entry *e = &l.v[ord[i]];
		char *name = xstrdup(l.names.data + e->name);
		for (char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
			*slash = '\0';
			size_t lo = 0, hi = l.n;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				int cmp = strcmp(l.names.data + l.v[ord[mid]].name, name);
				if (cmp < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < l.n && !strcmp(l.names.data + l.v[ord[lo]].name, name)) {
				const struct out_entry *f = &l.v[ord[lo]];
				char *a = source_of(s, e), *b = source_of(s, f);
				if (a && b)
					diag(DIAG_ERROR, a, 0, 0,
					     "would be written into %s/, but %s is a file (from %s); rename one of them",
					     name, name, b);
				else if (a)
					diag(DIAG_ERROR, a, 0, 0,
					     "would be written into %s/, but %s is a file that planpress writes itself "
					     "(a feed, the sitemap or its marker); choose another address", name, name);
				else if (b)
					diag(DIAG_ERROR, b, 0, 0,
					     "would be written to %s, where planpress needs a folder of its own; rename it",
					     name);
				bad |= a || b;
				free(a);
				free(b);
			}
			*slash = '/';
		}
		free(name);
	}
	free(ord);
	buf_free(&l.names);
	free(l.v);
	return bad ? -1 : 0;
}

static int by_forbund(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a, *q = *(struct page *const *)b;
	int c = strcmp(p->forbund_slug, q->forbund_slug);
	return c ? c : strcmp(p->path, q->path);
}

/* A förbund named in front matter but missing from site.conf is one
 * mistake, however many pages name it: say so once per förbund. */
static void warn_unknown_forbund(struct site *s)
{
	struct page **v = xmalloc((s->npages + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (p->forbund_slug && !config_forbund(&s->cfg, p->forbund_slug))
			v[n++] = p;
	}
	qsort(v, n, sizeof *v, by_forbund);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && !strcmp(v[j]->forbund_slug, v[i]->forbund_slug))
			j++;
		diag(DIAG_WARNING, v[i]->path, frontmatter_line(&v[i]->fm, "forbund"), 0,
		     ngettext("forbund '%s' is not in site.conf (used by %zu page; add a [forbund.%s] section)",
			      "forbund '%s' is not in site.conf (used by %zu pages; add a [forbund.%s] section)",
			      j - i),
		     v[i]->forbund_slug, j - i, v[i]->forbund_slug);
		i = j;
	}
	free(v);
}

static int is_news(const struct page *p)
{
	return doctype_has(p->type, DOC_NEWS);
}

/* whether a förbund's page lists p among its documents */
static int is_listed_doc(const struct page *p)
{
	return doctype_has(p->type, DOC_LISTED);
}

/* A plan is listed under the year it plans, not the year it was adopted:
 * front matter "year:" says which, else the date's year. */
static int doc_year(const struct page *p)
{
	json_object *v;
	if (json_object_object_get_ex(p->fm.data, "year", &v) && v) {
		int y = json_object_get_int(v);
		if (y > 0)
			return y;
	}
	return p->year;
}

static void add_list(json_object *frame, const char *has, const char *key, json_object *list)
{
	json_object_object_add(frame, has, json_object_new_boolean(json_object_array_length(list) > 0));
	json_object_object_add(frame, key, list);
}

static char *special_url(const struct site *s, const char *dir, const char *name)
{
	return xasprintf("%s%s/%s/", s->cfg.base_path, dir, name);
}

/* A förbund's minutes and insatser, by the build's day: the minutes
 * still open to appeal on its anslagstavla (the rest are in its documents
 * by year), the insatser by status. A section that shows them changes
 * with the day, so it is never taken from the build cache. */
struct day_lists {
	int today;
	size_t nprotokoll;
	json_object *board, *insatser[3];
};

static void day_lists_add(struct day_lists *d, const struct page *c)
{
	if (!c->type)
		return;
	if (!strcmp(c->type, "protokoll")) {
		d->nprotokoll++;
		if (protokoll_open(c->facts, d->today))
			json_object_array_add(d->board, json_object_get(c->summary));
		return;
	}
	int st = insats_status(c->facts);
	if (st >= 0)
		json_object_array_add(d->insatser[st], json_object_get(c->summary));
}

static void day_lists_frame(const struct site *s, struct page *p, struct day_lists *d,
			    json_object *frame)
{
	static const char *const has[3] = {"has_planned_insatser", "has_running_insatser",
					   "has_ended_insatser"};
	static const char *const key[3] = {"planned_insatser", "running_insatser", "ended_insatser"};
	size_t ninsatser = 0;
	for (int k = 0; k < 3; k++) {
		ninsatser += json_object_array_length(d->insatser[k]);
		add_list(frame, has[k], key[k], d->insatser[k]);
	}
	json_object_object_add(frame, "has_insatser", json_object_new_boolean(ninsatser > 0));
	if (ninsatser)
		json_object_object_add(frame, "insats_text", insats_words(s->cfg.lang));
	json_object_object_add(frame, "has_protokoll", json_object_new_boolean(d->nprotokoll > 0));
	add_list(frame, "has_board", "board", d->board);
	if (d->nprotokoll)
		json_object_object_add(frame, "protokoll_text", protokoll_words(s->cfg.lang));
	if (d->nprotokoll || ninsatser)
		p->dated = 1;
}

/* A section lists its documents by type and then year, newest first, its
 * latest news, its subsections and its other pages. Children come sorted
 * newest first. */
static json_object *section_frame(const struct site *s, struct page *p)
{
	struct day_lists day = {a11ystmt_today(), 0, json_object_new_array(),
				{json_object_new_array(), json_object_new_array(), json_object_new_array()}};
	json_object *frame = json_object_new_object();
	json_object *pages = json_object_new_array(), *secs = json_object_new_array();
	json_object *news = json_object_new_array(), *docs = json_object_new_array();
	json_object *others = json_object_new_array();
	size_t nnews = 0;
	for (size_t k = 0; k < p->nchildren; k++) {
		const struct page *c = p->children[k];
		if (c->is_section) {
			json_object_array_add(secs, json_object_get(c->summary));
			continue;
		}
		json_object_array_add(pages, json_object_get(c->summary));
		day_lists_add(&day, c);
		if (is_news(c)) {
			if (nnews++ < NEWS_ON_SECTION)
				json_object_array_add(news, json_object_get(c->summary));
		} else if (!is_listed_doc(c) && !(c->type && !strcmp(c->type, "insats"))) {
			json_object_array_add(others, json_object_get(c->summary));
		}
	}
	size_t ntypes;
	const struct doctype *types = doctype_all(&ntypes);
	for (size_t t = 0; t < ntypes; t++) {
		if (!(types[t].flags & DOC_LISTED))
			continue;
		json_object *years = NULL, *year = NULL;
		int cur = -1;
		for (size_t k = 0; k < p->nchildren; k++) {
			const struct page *c = p->children[k];
			if (!c->type || strcmp(c->type, types[t].key))
				continue;
			/* on the anslagstavla instead */
			if (!strcmp(c->type, "protokoll") && protokoll_open(c->facts, day.today))
				continue;
			if (!years)
				years = json_object_new_array();
			int cy = doc_year(c);
			if (!year || cy != cur) {
				cur = cy;
				json_object *y = json_object_new_object();
				if (cur)
					json_object_object_add(y, "year", json_object_new_int(cur));
				year = json_object_new_array();
				json_object_object_add(y, "items", year);
				json_object_array_add(years, y);
			}
			json_object_array_add(year, json_object_get(c->summary));
		}
		if (!years)
			continue;
		json_object *g = json_object_new_object();
		json_add_str(g, "type", types[t].key);
		json_add_str(g, "label", doctype_plural(s->cfg.lang, types[t].key));
		json_object_object_add(g, "years", years);
		json_object_array_add(docs, g);
	}
	add_list(frame, "has_pages", "pages", pages);
	add_list(frame, "has_other_pages", "other_pages", others);
	add_list(frame, "has_sections", "sections", secs);
	add_list(frame, "has_news", "news", news);
	add_list(frame, "has_documents", "documents", docs);
	day_lists_frame(s, p, &day, frame);
	if (!p->is_home && config_forbund(&s->cfg, p->dir)) {
		char *u = special_url(s, p->dir, "kontakt");
		json_add_str(frame, "contact_url", u);
		free(u);
		if (nnews) {
			u = special_url(s, p->dir, "nyheter");
			json_add_str(frame, "news_url", u);
			free(u);
		}
	}
	return frame;
}

/* A förbund's news, news_per_page to a page: the first page is the
 * generated nyheter/ page, later ones nyheter/2/ and on. */
static void news_lists(struct site *s, struct page *first)
{
	struct page *sec = first->parent && !strcmp(first->parent->dir, first->dir) ? first->parent : NULL;
	struct page **v = xmalloc(((sec ? sec->nchildren : 0) + 1) * sizeof *v);
	size_t n = 0;
	for (size_t k = 0; sec && k < sec->nchildren; k++)
		if (is_news(sec->children[k]))
			v[n++] = sec->children[k];
	size_t per = (size_t)s->cfg.news_per_page;
	int npages = n ? (int)((n + per - 1) / per) : 1;
	struct page **lp = xmalloc((size_t)npages * sizeof *lp);
	lp[0] = first;
	for (int k = 1; k < npages; k++) {
		struct page *p = page_new(s);
		p->generated = 1;
		p->gen_type = "nyheter";
		p->rel = xstrdup("");
		p->dir = xstrdup(first->dir);
		p->url_path = xasprintf("%s%d/", first->url_path, k + 1);
		p->out_rel = xasprintf("%sindex.html", p->url_path);
		p->path = xstrdup(first->path);
		p->parent = first->parent;
		p->list_page = k + 1;
		pagekind_load_generated(&s->cfg, s->templates, p);
		lp[k] = p;
	}
	for (int k = 0; k < npages; k++) {
		struct page *p = lp[k];
		p->list_pages = npages;
		site_page_summary(s, p);
		json_object *frame = json_object_new_object();
		json_object *items = json_object_new_array();
		for (size_t j = (size_t)k * per; j < n && j < (size_t)(k + 1) * per; j++)
			json_object_array_add(items, json_object_get(v[j]->summary));
		add_list(frame, "has_news", "news", items);
		if (npages > 1) {
			json_object *pg = json_object_new_object();
			json_object_object_add(pg, "current", json_object_new_int(k + 1));
			json_object_object_add(pg, "total", json_object_new_int(npages));
			if (k > 0) {
				char *u = site_url(s, lp[k - 1], 0);
				json_add_str(pg, "newer_url", u);
				free(u);
			}
			if (k + 1 < npages) {
				char *u = site_url(s, lp[k + 1], 0);
				json_add_str(pg, "older_url", u);
				free(u);
			}
			json_object_object_add(frame, "pagination", pg);
		}
		p->list_frame = frame;
	}
	free(lp);
	free(v);
}

static int has_tag(const struct page *p, const char *tag)
{
	json_object *t;
	if (!json_object_object_get_ex(p->fm.data, "tags", &t))
		return 0;
	if (json_object_is_type(t, json_type_string))
		return !strcmp(json_object_get_string(t), tag);
	for (size_t i = 0; json_object_is_type(t, json_type_array) && i < json_object_array_length(t); i++)
		if (!strcmp(json_object_get_string(json_object_array_get_idx(t, i)), tag))
			return 1;
	return 0;
}

static const char *fm_str(const struct page *p, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(p->fm.data, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void add_item(struct page *p, struct page *item)
{
	p->items = xrealloc(p->items, (p->nitems + 1) * sizeof *p->items);
	p->items[p->nitems++] = item;
	item->in_letter = 1;
}

/* An informationsbrev collects news: those its front matter lists under
 * items (paths as in links, from the letter's own folder), or else the
 * same förbund's news dated from..to and/or tagged tag; with none of
 * these it is just its own text. */
static int newsletter_items(struct site *s, struct page *p)
{
	json_object *list;
	int bad = 0;
	if (json_object_object_get_ex(p->fm.data, "items", &list)) {
		int line = frontmatter_line(&p->fm, "items");
		if (!json_object_is_type(list, json_type_array)) {
			diag(DIAG_ERROR, p->path, line, 0,
			     "items must be a list of news pages, like '- nyheter/ny-handlaggare.md'");
			return 1;
		}
		for (size_t i = 0; i < json_object_array_length(list); i++) {
			const char *want = json_object_get_string(json_object_array_get_idx(list, i));
			char *rel = p->dir[0] ? fs_join(p->dir, want) : xstrdup(want);
			char *norm = fs_rel_normalise(rel);
			struct page *item = norm ? site_page_by_rel(s, norm) : NULL;
			if (!item && fs_rel_is_safe(want))
				item = site_page_by_rel(s, want);
			if (!item && ((norm && site_is_draft(s, norm)) ||
				      (fs_rel_is_safe(want) && site_is_draft(s, want)))) {
				diag(DIAG_ERROR, p->path, line + 1 + (int)i, 0,
				     "items: '%s' is a draft (draft: true), which is not published; "
				     "publish it, or take it off the list", want);
				bad = 1;
			} else if (!item) {
				diag(DIAG_ERROR, p->path, line + 1 + (int)i, 0,
				     "items: no page '%s' (expected a Markdown file such as %s/nyhet.md)", want,
				     p->dir[0] ? p->dir : "forbund");
				bad = 1;
			} else {
				add_item(p, item);
			}
			free(norm);
			free(rel);
		}
	} else {
		const char *from = fm_str(p, "from"), *to = fm_str(p, "to"), *tag = fm_str(p, "tag");
		/* a letter without a selection is a letter of its own text; the
		 * news are its section's, which are sorted newest first already */
		const struct page *sec = p->parent;
		for (size_t i = 0; (from || to || tag) && sec && i < sec->nchildren; i++) {
			struct page *c = sec->children[i];
			if (!is_news(c) || !c->date)
				continue;
			if ((from && strcmp(c->date, from) < 0) || (to && strcmp(c->date, to) > 0) ||
			    (tag && !has_tag(c, tag)))
				continue;
			add_item(p, c);
		}
	}
	site_letter_frame(s, p);
	return bad;
}

void site_letter_frame(const struct site *s, struct page *p)
{
	json_object *frame = json_object_new_object(), *items = json_object_new_array();
	for (size_t i = 0; i < p->nitems; i++) {
		json_object *o = json_object_new_object();
		site_page_fields(s, p->items[i], o);
		json_add_strn(o, "content", p->items[i]->md.html, p->items[i]->md.html_len);
		json_object_array_add(items, o);
	}
	add_list(frame, "has_items", "items", items);
	json_object_put(p->list_frame);
	p->list_frame = frame;
}

/* Each page's parent: the nearest section above it. Sections are looked
 * up by directory, so this is linear in the pages. */
static void link_parents(struct site *s)
{
	struct page **sections = xmalloc((s->npages + 1) * sizeof *sections);
	size_t nsec = 0;
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->is_section)
			sections[nsec++] = s->pages[i];
	qsort(sections, nsec, sizeof *sections, by_dir);

	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (p->is_home)
			continue;
		char *dir = xstrdup(p->dir);
		if (p->is_section) {
			char *slash = strrchr(dir, '/');
			if (slash)
				*slash = '\0';
			else
				dir[0] = '\0';
		}
		for (;;) {
			struct page key = {.dir = dir}, *kp = &key;
			struct page **hit = bsearch(&kp, sections, nsec, sizeof *sections, by_dir);
			if (hit && *hit != p) {
				p->parent = *hit;
				break;
			}
			if (!dir[0])
				break;
			char *slash = strrchr(dir, '/');
			if (slash)
				*slash = '\0';
			else
				dir[0] = '\0';
		}
		free(dir);
		struct page *parent = p->parent;
		if (parent && !p->gen_type) {
			/* grown by doubling: a section may hold thousands */
			size_t n = parent->nchildren;
			if ((n & (n - 1)) == 0)
				parent->children = xrealloc(parent->children,
							    (n ? 2 * n : 1) * sizeof *parent->children);
			parent->children[parent->nchildren++] = p;
		}
	}
	free(sections);
}

/* The first steps of linking read the pages and write nothing another
 * of them reads, so they run side by side: each of the first four is
 * one item of a pool, and every page's summary another (made already
 * when the page was loaded, but for pages that failed to load). */
enum { STEP_COLLISIONS, STEP_FORBUND, STEP_PARENTS, STEP_LATEST, NSTEPS };

struct link_job {
	struct site *s;
	int collided;
	struct page **latest; /* the dated documents and news, newest first */
	size_t nlatest;
};

static void link_step(void *ud, size_t i)
{
	struct link_job *j = ud;
	struct site *s = j->s;
	switch (i) {
	case STEP_COLLISIONS:
		j->collided = check_collisions(s) != 0;
		break;
	case STEP_FORBUND:
		warn_unknown_forbund(s);
		break;
	case STEP_PARENTS:
		link_parents(s);
		break;
	case STEP_LATEST:
		for (size_t k = 0; k < s->npages; k++)
			if (!s->pages[k]->is_section && s->pages[k]->year &&
			    (is_news(s->pages[k]) || is_listed_doc(s->pages[k])))
				j->latest[j->nlatest++] = s->pages[k];
		qsort(j->latest, j->nlatest, sizeof *j->latest, by_date_title);
		break;
	default:
		site_page_summary(s, s->pages[i - NSTEPS]);
	}
}

/* A section's list of its pages, one section per item: a page's summary
 * is in its one parent's lists only, so no two threads share one. */
struct frame_job {
	struct site *s;
	struct page **sections;
};

static void frame_one(void *ud, size_t i)
{
	struct frame_job *j = ud;
	struct page *p = j->sections[i];
	if (p->nchildren > 1)
		qsort(p->children, p->nchildren, sizeof *p->children, by_date_title);
	p->list_frame = section_frame(j->s, p);
}

struct clash_find {
	const char *rel;      /* an address a news list's page takes */
	const char *by;       /* set when a page or file takes it too */
	const struct page *page;
	const char *by_file;
};

static void find_out(void *ud, const char *rel)
{
	struct clash_find *cf = ud;
	if (!cf->by && !strcmp(rel, cf->rel))
		cf->by = rel;
}

int site_link(struct site *s)
{
	/* Drafts leave the site before anything links to them: out of the
	 * pages and out of the look-up by name (which keeps its order), and
	 * their names are kept so that a page referring to one is told. */
	size_t kept = 0, nrel = 0;
	for (size_t i = 0; i < s->nby_rel; i++) {
		struct page *p = s->by_rel[i];
		if (p->draft && !s->drafts && !p->is_home) {
			s->draft_rels = xrealloc(s->draft_rels, (s->ndraft_rels + 1) * sizeof *s->draft_rels);
			s->draft_rels[s->ndraft_rels++] = xstrdup(p->rel);
		} else {
			s->by_rel[nrel++] = p;
		}
	}
	s->nby_rel = nrel;
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (p->draft && !s->drafts && !p->is_home)
			page_free(s, p);
		else
			s->pages[kept++] = p;
	}
	s->npages = kept;
	int jobs = s->jobs > 0 ? s->jobs : 1;

	struct link_job lj = {s, 0, xmalloc((s->npages + 1) * sizeof *lj.latest), 0};
	pool_run(NSTEPS + s->npages, jobs, link_step, &lj);
	if (lj.collided) {
		free(lj.latest);
		return -1;
	}

	size_t nall = s->npages; /* news lists may add pages below */
	struct frame_job fj = {s, xmalloc((nall + 1) * sizeof *fj.sections)};
	size_t nsec = 0;
	for (size_t i = 0; i < nall; i++)
		if (s->pages[i]->is_section)
			fj.sections[nsec++] = s->pages[i];
	pool_run(nsec, jobs, frame_one, &fj);
	free(fj.sections);
	/* the home page also lists the newest of all, after the pool: those
	 * summaries are in their sections' lists too */
	for (size_t i = 0; i < nall; i++) {
		struct page *p = s->pages[i];
		if (!p->is_home)
			continue;
		json_object *l = json_object_new_array();
		for (size_t k = 0; k < lj.nlatest && k < LATEST_COUNT; k++)
			json_object_array_add(l, json_object_get(lj.latest[k]->summary));
		json_object_object_add(p->list_frame, "has_latest",
				       json_object_new_boolean(json_object_array_length(l) > 0));
		json_object_object_add(p->list_frame, "latest", l);
	}
	free(lj.latest);
	for (size_t i = 0; i < nall; i++) {
		struct page *p = s->pages[i];
		if (p->gen_type && !strcmp(p->gen_type, "nyheter"))
			news_lists(s, p);
	}
	/* the news lists' later pages are known only now: none may take a
	 * page's or a file's address */
	int clashed = 0;
	for (size_t i = nall; i < s->npages; i++) {
		struct clash_find cf = {s->pages[i]->out_rel, NULL, NULL, NULL};
		for (size_t k = 0; k < nall && !cf.by; k++) {
			cf.page = s->pages[k];
			if (!cf.page->generated)
				site_page_outputs(s, cf.page, find_out, &cf);
		}
		for (size_t k = 0; k < s->nfiles && !cf.by; k++)
			if (!strcmp(s->files[k], cf.rel))
				cf.by_file = s->files[k], cf.by = cf.rel;
		if (cf.by) {
			char *src = cf.by_file ? fs_join(s->content, cf.by_file) : xstrdup(cf.page->path);
			diag(DIAG_ERROR, src, 0, 0,
			     "would be written to %s, which is page %d of the news list of %s/; "
			     "rename it, or move it out of that folder", cf.rel, s->pages[i]->list_page,
			     s->pages[i]->url_path[0] ? s->pages[i]->dir : "");
			free(src);
			clashed = 1;
		}
	}
	if (clashed)
		return -1;
	int bad = 0;
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (doctype_has(p->type, DOC_LETTER) && !p->generated)
			bad |= newsletter_items(s, p);
	}
	if (s->cfg.accessibility && site_is_draft(s, s->cfg.accessibility)) {
		diag(DIAG_ERROR, s->cfg.path, s->cfg.accessibility_line, 0,
		     "accessibility = %s: that page is a draft (draft: true); the accessibility "
		     "statement must be published", s->cfg.accessibility);
		bad = 1;
	} else if (s->cfg.accessibility && !site_page_by_rel(s, s->cfg.accessibility)) {
		diag(DIAG_ERROR, s->cfg.path, s->cfg.accessibility_line, 0,
		     "accessibility = %s: there is no page content/%s", s->cfg.accessibility,
		     s->cfg.accessibility);
		bad = 1;
	}
	s->site_frame = site_json(s);
	return bad ? -1 : 0;
}

void site_free(struct site *s)
{
	for (size_t i = 0; i < s->npages; i++)
		page_free(s, s->pages[i]);
	free(s->pages);
	free_strings(s->files, s->nfiles);
	free(s->by_rel);
	free_strings(s->draft_rels, s->ndraft_rels);
	free(s->content);
	json_object_put(s->site_frame);
	mustache_set_free(s->templates);
	config_free(&s->cfg);
	memset(s, 0, sizeof *s);
}
