/*
 * One page: reading it, checking its front matter, turning its Markdown
 * into HTML, and rendering it through its template (page.h). Runs on
 * worker threads; touches only its own page and reads the shared site.
 */
#include "page.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "a11ylint.h"
#include "a11ystmt.h"
#include "insats.h"
#include "protokoll.h"
#include "buf.h"
#include "doctype.h"
#include "i18n.h"
#include "cache.h"
#include "diag.h"
#include "form.h"
#include "fsutil.h"
#include "imgsize.h"
#include "jsonutil.h"
#include "pagekind.h"
#include "site.h"
#include "suggest.h"

static const char *str_key(struct page *p, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(p->fm.data, key, &v) || !v)
		return NULL;
	if (json_object_get_type(v) == json_type_string)
		return json_object_get_string(v);
	/* Numbers are fine for titles and types ("title: 2016"), but the
	 * template needs to see them as text, so store them as text. */
	if (json_object_get_type(v) == json_type_int || json_object_get_type(v) == json_type_double) {
		char tmp[64];
		if (json_object_get_type(v) == json_type_int)
			snprintf(tmp, sizeof tmp, "%lld", (long long)json_object_get_int64(v));
		else
			snprintf(tmp, sizeof tmp, "%g", json_object_get_double(v));
		json_object_object_add(p->fm.data, key, json_object_new_string(tmp));
		json_object_object_get_ex(p->fm.data, key, &v);
		return json_object_get_string(v);
	}
	diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, key), 0,
	     "'%s' must be text", key);
	p->failed = 1;
	return NULL;
}

static int bool_key(struct page *p, const char *key, int dflt)
{
	json_object *v;
	if (!json_object_object_get_ex(p->fm.data, key, &v) || !v)
		return dflt;
	if (json_object_get_type(v) == json_type_boolean)
		return json_object_get_boolean(v);
	diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, key), 0,
	     "'%s' must be true or false", key);
	p->failed = 1;
	return dflt;
}

static int run_block(void *ud, const char *kind, const char *text, int line, buf_t *html,
		     struct plaintext_block **plain)
{
	struct table_ctx *c = ud;
	if (!strcmp(kind, "chart"))
		return chart_block(c, text, line, html);
	if (!strcmp(kind, "table"))
		return table_block(c, text, line, html, plain);
	/* a name near one of them (markdown.c): say which was meant */
	static const char *const kinds[] = {"table", "chart", NULL};
	const char *near = suggest_nearest(kind, kinds, 2);
	if (!near)
		near = strncasecmp(kind, "tab", 3) ? "chart" : "table";
	diag(DIAG_ERROR, c->page_path, line - 1, 0,
	     "```%s is not a block planpress knows: did you mean ```%s?", kind, near);
	c->errors++;
	return -1;
}

static const char *find_ref(void *ud, const char *id)
{
	return table_ref(ud, id);
}

/* Notes a link to another page, for site_check_links. */
static void note_page_link(struct table_ctx *c, const char *rel, int line)
{
	/* appended in place: a page of many links must not copy them all for
	 * each one */
	buf_printf(&c->page_links, "%d %s\n", line, rel);
}

/* A relative link in Markdown means a file beside the Markdown file: it is
 * resolved from there, so [plan](verksamhetsplan-2016.md) and
 * [data](ekonomi.csv) work however pretty the page's own URL is. Links
 * that lead to no content file are left as written. */
static char *rewrite_link(void *ud, const char *url, int line)
{
	struct table_ctx *c = ud;
	const struct site *s = c->site;
	const struct page *p = c->page;
	if (!*url || url[0] == '/' || url[0] == '#' || url[0] == '?' || strchr(url, ':'))
		return NULL;
	char *path = xstrdup(url);
	char *frag = strpbrk(path, "#?");
	char *tail = frag ? xstrdup(frag) : xstrdup("");
	if (frag)
		*frag = '\0';
	char *rel = p->dir[0] ? fs_join(p->dir, path) : xstrdup(path);
	char *out = NULL;
	char *norm = fs_rel_normalise(rel);
	if (norm) {
		const struct page *target = site_page_by_rel(s, norm);
		if ((target || site_is_draft(s, norm)) && line > 0 && !strchr(norm, '\n'))
			note_page_link(c, norm, p->fm.body_line + line - 1);
		if (target)
			out = xasprintf("%s%s%s", s->cfg.base_path, target->url_path, tail);
		else if (site_has_file(s, norm))
			out = xasprintf("%s%s%s", s->cfg.base_path, norm, tail);
		free(norm);
	}
	free(rel);
	free(path);
	free(tail);
	return out;
}

/* An image of the site's content: its size, for the <img> (imgsize.c) */
static int image_size(void *ud, const char *url, int *w, int *h)
{
	const struct table_ctx *c = ud;
	const char *base = c->site->cfg.base_path;
	int from_root = !strncmp(url, base, strlen(base)) && url[0] == '/';
	if (from_root)
		url += strlen(base); /* "/bilder/x.png" on a site at "/" */
	if (!*url || url[0] == '/' || strpbrk(url, ":?#"))
		return 0;
	char *rel = c->page->dir[0] && !from_root ? fs_join(c->page->dir, url) : xstrdup(url);
	char *norm = fs_rel_normalise(rel);
	int ok = 0;
	if (norm && site_has_file(c->site, norm)) {
		char *file = fs_join(c->site->content, norm);
		ok = imgsize_file(file, w, h);
		free(file);
	}
	free(norm);
	free(rel);
	return ok;
}

static int table_id_taken(void *ud, const char *id)
{
	return table_find(ud, id) != NULL;
}

/* aliases: old addresses, written as on the site ("/vp2016/",
 * "/gamla/plan.html"), that get a page sending readers here. */
static void read_aliases(const struct site *s, struct page *p)
{
	json_object *a;
	if (!json_object_object_get_ex(p->fm.data, "aliases", &a) || !a)
		return;
	int line = frontmatter_line(&p->fm, "aliases");
	if (json_object_is_type(a, json_type_string)) {
		json_object *one = json_object_new_array();
		json_object_array_add(one, json_object_get(a));
		json_object_object_add(p->fm.data, "aliases", one);
		a = one;
	}
	if (!json_object_is_type(a, json_type_array)) {
		diag(DIAG_ERROR, p->path, line, 0, "aliases must be a list of old addresses, like '- /gammal-sida/'");
		p->failed = 1;
		return;
	}
	size_t bl = strlen(s->cfg.base_path);
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		const char *v = json_object_get_string(json_object_array_get_idx(a, i));
		const char *rel = v;
		if (!strncmp(rel, s->cfg.base_path, bl))
			rel += bl;
		else if (rel[0] == '/')
			rel++;
		char *norm = *rel ? fs_rel_normalise(rel) : NULL;
		if (!norm || !*norm || strchr(v, ':') || strstr(v, "..")) {
			diag(DIAG_ERROR, p->path, line + 1 + (int)i, 0,
			     "alias '%s' is not an address on this site (expected a path like /gammal-sida/)", v);
			p->failed = 1;
			free(norm);
			continue;
		}
		size_t n = strlen(norm);
		int file = n > 5 && !strcmp(norm + n - 5, ".html");
		char *out = file ? xstrdup(norm) : xasprintf("%s/index.html", norm);
		free(norm);
		p->aliases = xrealloc(p->aliases, (p->naliases + 1) * sizeof *p->aliases);
		p->aliases[p->naliases++] = out;
	}
}

/* The stem of a page's file name: "b" for a/b.md. */
static char *page_stem(const struct page *p)
{
	const char *base = strrchr(p->rel, '/') ? strrchr(p->rel, '/') + 1 : p->rel;
	return xstrndup(base, strlen(base) - 3);
}

/* What a page's PDF and .eml are called: its file's stem, or for a
 * folder's _index.md the folder's name ("brev-2016-2.eml" for
 * brev-2016-2/_index.md, not "_index.eml"). */
static char *download_stem(const struct page *p)
{
	char *stem = page_stem(p);
	if (strcmp(stem, "_index") || !p->dir || !p->dir[0])
		return stem;
	free(stem);
	const char *slash = strrchr(p->dir, '/');
	return xstrdup(slash ? slash + 1 : p->dir);
}

static int read_source(const struct site *s, struct page *p)
{
	struct stat st;
	p->src = fs_read_in(s->root, p->path, &p->src_len, &st);
	/* the fingerprint for the build cache, if the build has not taken
	 * it already, from the look that came before the read */
	if (p->src && !p->source_print)
		p->source_print = file_print_stat(&st);
	if (!p->src) {
		if (errno == EFBIG)
			diag(DIAG_ERROR, p->path, 0, 0, "the file is larger than %d MiB; split it into several pages",
			     FS_MAX_INPUT >> 20);
		else
			diag(DIAG_ERROR, p->path, 0, 0, "cannot read: %s", fs_strerror(errno));
		p->failed = 1;
		return -1;
	}
	if (memchr(p->src, '\0', p->src_len)) {
		diag(DIAG_ERROR, p->path, 0, 0, "not a text file (it contains NUL bytes)");
		p->failed = 1;
		return -1;
	}
	return 0;
}

static void front_fields(struct site *s, struct page *p);

void page_load_front(struct site *s, struct page *p)
{
	if (p->generated) {
		pagekind_load_generated(&s->cfg, s->templates, p);
		return;
	}
	if (read_source(s, p) != 0)
		return;
	if (frontmatter_parse(p->path, p->src, p->src_len, &p->fm) != 0) {
		p->failed = 1;
		return;
	}
	front_fields(s, p);
}

/* The front matter as the build cache keeps it: the data, each key's
 * line, and where the Markdown starts. */
char *page_front_blob(const struct page *p)
{
	buf_t b = BUF_INIT;
	buf_puts(&b, "{\"data\":");
	json_write(&b, p->fm.data);
	buf_puts(&b, ",\"lines\":[");
	for (size_t i = 0; i < p->fm.nkeys; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_put_int(&b, p->fm.keys[i].line);
	}
	buf_puts(&b, "],\"offset\":");
	buf_put_int(&b, (long)p->fm.body_offset);
	buf_puts(&b, ",\"line\":");
	buf_put_int(&b, p->fm.body_line);
	buf_putc(&b, '}');
	return buf_detach(&b);
}

int page_load_front_cached(struct site *s, struct page *p, const char *blob)
{
	json_object *o = json_tokener_parse(blob), *data, *lines, *off, *line;
	if (!o || !json_object_object_get_ex(o, "data", &data) ||
	    !json_object_is_type(data, json_type_object) ||
	    !json_object_object_get_ex(o, "lines", &lines) ||
	    !json_object_is_type(lines, json_type_array) ||
	    !json_object_object_get_ex(o, "offset", &off) || !json_object_object_get_ex(o, "line", &line)) {
		json_object_put(o);
		return -1;
	}
	/* the keys, in the order they were read, are the object's first */
	size_t n = json_object_array_length(lines), k = 0;
	p->fm.keys = xcalloc(n + 1, sizeof *p->fm.keys);
	json_object_object_foreach(data, key, val) {
		(void)val;
		if (k == n)
			break;
		p->fm.keys[k].name = key;
		p->fm.keys[k].line = json_object_get_int(json_object_array_get_idx(lines, k));
		k++;
	}
	p->fm.nkeys = k;
	p->fm.data = json_object_get(data);
	p->fm.body_offset = (size_t)json_object_get_int64(off);
	p->fm.body_line = json_object_get_int(line);
	json_object_put(o);
	front_fields(s, p);
	return 0;
}

/* A page's date, when its front matter has none, from one of its kind's
 * own dates (a protokoll's posting, an insats's start): lists and feeds
 * sort and show by it. */
static void default_date(struct page *p, const char *from)
{
	json_object *v;
	if (p->date || !p->facts || !json_object_object_get_ex(p->facts, from, &v))
		return;
	json_object_object_add(p->fm.data, "date", json_object_get(v));
	p->date = json_object_get_string(v);
	if (lang_parse_date(p->date, &p->year, &p->month, &p->day) != 0)
		p->year = 0;
}

/* The facts of a protokoll (its meeting, posting and last day to appeal)
 * and of an insats (its parties, period, status, contact, target group),
 * checked (protokoll.h, insats.h). An insats's status follows the
 * build's day, so its page is never taken from the build cache. */
static void kind_facts(struct site *s, struct page *p)
{
	if (!p->type)
		return;
	if (!strcmp(p->type, "protokoll")) {
		p->facts = protokoll_read(p->path, &p->fm, s->cfg.lang);
		default_date(p, "posted");
	} else if (!strcmp(p->type, "insats")) {
		p->dated = 1;
		p->facts = insats_read(p->path, &p->fm, s->cfg.lang, a11ystmt_today());
		default_date(p, "start");
	} else {
		return;
	}
	if (!p->facts)
		p->failed = 1;
}

static void front_fields(struct site *s, struct page *p)
{
	p->title = str_key(p, "title");
	p->date = str_key(p, "date");
	p->type = str_key(p, "type");
	p->template_name = str_key(p, "template");
	p->forbund_slug = str_key(p, "forbund");
	p->draft = bool_key(p, "draft", 0);
	p->numbered = bool_key(p, "numbered", 0);
	p->toc = bool_key(p, "toc", 0);
	p->toc_depth = 2;
	json_object *td;
	if (json_object_object_get_ex(p->fm.data, "toc_depth", &td) && td) {
		int64_t d = json_object_get_type(td) == json_type_int ? json_object_get_int64(td) : 0;
		if (d < 1 || d > 6) {
			diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "toc_depth"), 0,
			     "'toc_depth' must be a number from 1 to 6");
			p->failed = 1;
		} else {
			p->toc_depth = (int)d;
		}
	}
	if (p->date && lang_parse_date(p->date, &p->year, &p->month, &p->day) != 0) {
		diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "date"), 0,
		     "date '%s' is not a date: expected YYYY-MM-DD, such as 2016-11-24", p->date);
		p->failed = 1;
		p->year = 0;
	}
	if (!p->title) {
		const char *base = strrchr(p->rel, '/') ? strrchr(p->rel, '/') + 1 : p->rel;
		if (p->is_section)
			base = p->dir[0] ? (strrchr(p->dir, '/') ? strrchr(p->dir, '/') + 1 : p->dir)
					 : s->cfg.title;
		pagekind_title_from_name(p, base);
	}
	if (!p->forbund_slug) {
		size_t n = strcspn(p->rel, "/");
		for (size_t i = 0; i < s->cfg.nforbund; i++)
			if (p->rel[n] == '/' && strlen(s->cfg.forbund[i].slug) == n &&
			    !strncmp(s->cfg.forbund[i].slug, p->rel, n))
				p->forbund_slug = s->cfg.forbund[i].slug;
	}
	if (p->draft && !s->drafts && p->is_home) {
		/* the site's front door: without it there is no site */
		diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "draft"), 0,
		     "the home page cannot be a draft: the site has no front page without it; remove "
		     "'draft: true' (build with --drafts to preview the site with its drafts)");
		p->failed = 1;
	}
	if (p->draft && !s->drafts && !p->is_home)
		return;
	/* the accessibility statement: its facts are checked against each
	 * other and against today's date, so its page is never taken from
	 * the build cache (p->dated) */
	int is_statement = p->type && !strcmp(p->type, "tillganglighet");
	if (is_statement) {
		p->dated = 1;
		p->statement = a11ystmt_read(p->path, &p->fm, p->src, s->cfg.lang, a11ystmt_today());
		if (!p->statement)
			p->failed = 1;
	} else if (json_object_object_get_ex(p->fm.data, "accessibility", NULL)) {
		diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "accessibility"), 0,
		     "'accessibility' belongs to an accessibility statement: add 'type: tillganglighet' "
		     "to this page, or remove the block");
		p->failed = 1;
	}
	kind_facts(s, p);
	pagekind_choose_template(s->templates, p);
	/* report documents also get a print page */
	char *stem = download_stem(p);
	p->is_report = doctype_has(p->type, DOC_PRINT) && bool_key(p, "print", 1);
	if (p->is_report) {
		p->print_out_rel = xasprintf("%sutskrift.html", p->url_path);
		p->pdf_name = xasprintf("%s.pdf", stem);
		p->pdf_rel = xasprintf("%s%s", p->url_path, p->pdf_name);
	}
	read_aliases(s, p);
	if (doctype_has(p->type, DOC_LETTER))
		p->eml_name = xasprintf("%s.eml", stem);
	free(stem);
	p->front_loaded = 1;
}

void page_load_body(struct site *s, struct page *p)
{
	/* a page whose front matter came from the cache has not been read */
	if (!p->generated && p->front_loaded && !p->failed && !p->src && read_source(s, p) == 0 &&
	    p->fm.body_offset > p->src_len) {
		diag(DIAG_ERROR, p->path, 0, 0, "the file changed while it was read: build again");
		p->failed = 1;
	}
	if (p->generated || !p->front_loaded || p->failed || !p->src) {
		p->cached = 0;
		return;
	}
	/* a page from the cache has a summary and no body yet */
	free(p->md.summary);
	p->md.summary = NULL;
	p->cached = 0;
	/* tables and charts read CSV files relative to the page */
	char *dir = fs_dirname(p->rel);
	char *stem = page_stem(p);
	table_ctx_init(&p->tables, s->want_tables_json);
	p->tables.page_path = p->path;
	p->tables.content_dir = s->content;
	p->tables.page_dir = strcmp(dir, ".") ? dir : "";
	p->tables.page_stem = stem;
	p->tables.lang = s->cfg.lang;
	p->tables.site = s;
	p->tables.page = p;
	struct md_options mo = {
		.numbered = p->numbered,
		.toc = p->toc,
		.toc_depth = p->toc_depth,
		.unsafe = s->cfg.raw_html,
		.lang = s->cfg.lang,
		.block = run_block,
		.xref = find_ref,
		.id_taken = table_id_taken,
		.rewrite = rewrite_link,
		.imgsize = image_size,
		.ud = &p->tables,
		.first_line = p->fm.body_line,
		/* letters and the news they collect also go out as plain text */
		.plaintext = doctype_has(p->type, DOC_PLAINTEXT),
		.base_path = s->cfg.base_path,
		.base_url = s->cfg.base_url,
	};
	struct md_doc *doc = markdown_parse(p->src + p->fm.body_offset, p->src_len - p->fm.body_offset, &mo);
	markdown_render_doc(doc, &mo, &p->md);
	if (p->md.invalid_utf8) {
		const char *body = p->src + p->fm.body_offset;
		size_t bad = p->md.invalid_utf8 - 1, bol = 0;
		int line = p->fm.body_line;
		for (size_t i = 0; i < bad; i++)
			if (body[i] == '\n') {
				line++;
				bol = i + 1;
			}
		diag(DIAG_WARNING, p->path, line, (int)(bad - bol) + 1,
		     "the text is not UTF-8 here (byte 0x%02X), shown as \xEF\xBF\xBD; save the file as UTF-8",
		     (unsigned char)body[bad]);
	}
	if (p->md.block_errors || p->tables.errors)
		p->failed = 1;
	else /* a form that renders from the tree takes what it needs (form.h) */
		for (const struct form *const *f = s->forms; f && *f; f++)
			if ((*f)->keep)
				(*f)->keep(s, p, markdown_doc_tree(doc), rewrite_link, &p->tables);
	/* check: what the author can fix for screen reader and keyboard users */
	if (s->keep_sources)
		a11ylint_page(p->path, markdown_doc_tree(doc), p->fm.body_line);
	markdown_doc_free(doc);
	p->tables.page_dir = NULL;
	p->tables.page_stem = NULL;
	table_ctx_trim(&p->tables);
	free(dir);
	free(stem);
	if (!s->keep_sources) {
		free(p->src);
		p->src = NULL;
	}
}

void page_load(struct site *s, struct page *p)
{
	page_load_front(s, p);
	page_load_body(s, p);
}

static json_object *link_json(const struct site *s, const struct page *p)
{
	json_object *o = json_object_new_object();
	json_add_str(o, "title", p->title);
	char *url = site_url(s, p, 0);
	json_add_str(o, "url", url);
	free(url);
	return o;
}

/* "Borås den 24 november 2016", "Borås" or "24 november 2016" from a place
 * and a date, each of which may be missing; appended to b. Returns what it
 * wrote: PD_PLACE, PD_DATE, both or neither. */
enum { PD_PLACE = 1, PD_DATE = 2 };
static int place_date(const struct site *s, json_object *place, json_object *date, buf_t *b)
{
	int y, m, d, wrote = 0;
	if (place && json_object_get_type(place) == json_type_string && json_object_get_string_len(place) > 0) {
		buf_puts(b, json_object_get_string(place));
		wrote |= PD_PLACE;
	}
	if (date && lang_parse_date(json_object_get_string(date), &y, &m, &d) == 0) {
		if (b->len)
			buf_printf(b, " %s ", s->cfg.lang->date_on);
		lang_format_date(s->cfg.lang, y, m, d, b);
		wrote |= PD_DATE;
	}
	return wrote;
}

/* The signature block of a print page, from front matter
 *   signatures: {place, date, place_date: each, signers: [{name, role, place, date}]}
 * as {signed_text, each, signers: [{name, role, signed_text}], count,
 * layout}. With one shared place and date (today's syntax) the block
 * carries one line above the signers; when a signer has a place or a date
 * of their own, or place_date is "each", every signer gets a line of their
 * own: their place and date (or the shared ones they lack), a place and a
 * blank for the date (place_blank, "Borås den"), or an empty line to write
 * both on by hand. */
static json_object *signing_json(const struct site *s, json_object *sig)
{
	json_object *o = json_object_new_object();
	json_object *place = NULL, *date = NULL, *v, *list = NULL;
	json_object_object_get_ex(sig, "place", &place);
	json_object_object_get_ex(sig, "date", &date);
	int each = json_object_object_get_ex(sig, "place_date", &v) && v &&
		   json_object_get_type(v) == json_type_string && !strcmp(json_object_get_string(v), "each");
	size_t n = 0;
	if (json_object_object_get_ex(sig, "signers", &list) && list && json_object_get_type(list) == json_type_array)
		n = json_object_array_length(list);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(list, i);
		if (e && json_object_get_type(e) == json_type_object &&
		    (json_object_object_get_ex(e, "place", NULL) || json_object_object_get_ex(e, "date", NULL)))
			each = 1;
	}
	if (!each) {
		buf_t b = BUF_INIT;
		place_date(s, place, date, &b);
		if (b.len)
			json_add_str(o, "signed_text", buf_cstr(&b));
		buf_free(&b);
	}
	json_object *signers = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(list, i), *f = json_object_new_object();
		if (e && json_object_get_type(e) == json_type_object) {
			if (json_object_object_get_ex(e, "name", &v) && v)
				json_add_str(f, "name", json_object_get_string(v));
			if (json_object_object_get_ex(e, "role", &v) && v)
				json_add_str(f, "role", json_object_get_string(v));
			json_add_new(f, "each", json_object_new_boolean(each));
			if (each) {
				json_object *pl = place, *dt = date;
				json_object_object_get_ex(e, "place", &pl);
				json_object_object_get_ex(e, "date", &dt);
				buf_t b = BUF_INIT;
				/* a place without a date: "Borås den" and a blank to
				 * write the date on by hand */
				if (place_date(s, pl ? pl : place, dt ? dt : date, &b) == PD_PLACE) {
					buf_printf(&b, " %s", s->cfg.lang->date_on);
					json_add_str(f, "place_blank", buf_cstr(&b));
				} else if (b.len)
					json_add_str(f, "signed_text", buf_cstr(&b));
				buf_free(&b);
			}
		} else if (e) {
			json_add_str(f, "name", json_object_get_string(e));
			json_add_new(f, "each", json_object_new_boolean(each));
		}
		json_object_array_add(signers, f);
	}
	json_add_new(o, "each", json_object_new_boolean(each));
	json_add_new(o, "count", json_object_new_int((int)n));
	/* one signer alone, two or more side by side two to a row; more than
	 * six (three rows) may go on over a page break between rows */
	json_add_str(o, "layout", n <= 1 ? "one" : n <= 6 ? "two" : "many");
	json_add_new(o, "signers", signers);
	return o;
}

/* Whether the print page gets a table of contents: only when the front
 * matter asks for one (toc: true), the document is not a letter, and the
 * contents would help, that is the text runs to more than about two A4
 * pages (PRINT_TOC_MIN_TEXT characters of text, tables included; a full
 * page holds about 3 500) and has at least three headings in the contents.
 * A contents page in front of one or two pages of text only adds a leaf. */
#define PRINT_TOC_MIN_TEXT 6000
#define PRINT_TOC_MIN_ENTRIES 3
static int print_toc(const struct page *p)
{
	if (!p->md.toc_html || doctype_has(p->type, DOC_LETTER))
		return 0;
	size_t entries = 0;
	for (const char *c = p->md.toc_html; (c = strstr(c, "<li")); c += 3)
		entries++;
	if (entries < PRINT_TOC_MIN_ENTRIES)
		return 0;
	size_t text = 0;
	int in_tag = 0;
	for (size_t i = 0; i < p->md.html_len && text < PRINT_TOC_MIN_TEXT; i++) {
		char c = p->md.html[i];
		if (c == '<')
			in_tag = 1;
		else if (c == '>')
			in_tag = 0;
		else if (!in_tag && c != '\n' && ((unsigned char)c & 0xC0) != 0x80)
			text++;
	}
	return text >= PRINT_TOC_MIN_TEXT;
}

/* What makes an address in a print page a full one, appended to b: nothing
 * for a link within the page ("#…") or one with a scheme or "//"; the
 * site's scheme and host (base_url without its path) before "/…"; the
 * page's own address (here) before the rest. */
static void link_prefix(const struct site *s, const char *here, const char *h, size_t vlen, buf_t *b)
{
	int scheme = 0;
	for (size_t i = 0; i < vlen && h[i] != '/' && h[i] != '?' && h[i] != '#'; i++)
		if (h[i] == ':')
			scheme = 1;
	if (vlen == 0 || h[0] == '#' || scheme || (vlen > 1 && h[0] == '/' && h[1] == '/'))
		return;
	if (h[0] == '/') {
		size_t blen = strlen(s->cfg.base_url), plen = strlen(s->cfg.base_path);
		buf_put(b, s->cfg.base_url, blen >= plen ? blen - plen : 0);
	} else if (here)
		buf_puts(b, here);
}

/* The front matter's appendices: [{title, file, url}], url the file's full
 * address (the print page and its PDF are read from files, where
 * "bilaga-1.pdf" would be a file on the kansli's disk). */
static json_object *appendices_json(const struct site *s, const struct page *p, json_object *apx)
{
	json_object *list = json_object_new_array();
	char *here = site_url(s, p, 1);
	for (size_t i = 0; i < json_object_array_length(apx); i++) {
		json_object *e = json_object_array_get_idx(apx, i), *v, *a = json_object_new_object();
		if (e && json_object_get_type(e) == json_type_object) {
			if (json_object_object_get_ex(e, "title", &v) && v)
				json_add_str(a, "title", json_object_get_string(v));
			if (json_object_object_get_ex(e, "file", &v) && v && json_object_get_string_len(v) > 0) {
				const char *f = json_object_get_string(v);
				buf_t b = BUF_INIT;
				link_prefix(s, here, f, strlen(f), &b);
				buf_puts(&b, f);
				json_add_str(a, "file", f);
				json_add_str(a, "url", buf_cstr(&b));
				buf_free(&b);
			}
		} else if (e)
			json_add_str(a, "title", json_object_get_string(e));
		json_object_array_add(list, a);
	}
	free(here);
	return list;
}

static json_object *page_json(const struct site *s, const struct page *p)
{
	json_object *o = json_object_new_object();
	site_page_fields(s, p, o);
	json_add_str(o, "source", p->rel);
	json_add_new(o, "is_home", json_object_new_boolean(p->is_home));
	json_add_new(o, "numbered", json_object_new_boolean(p->numbered));
	/* links to the page's other forms (print page, PDF, ODT): each form
	 * that names a link (form.h) gives page.NAME_url and page.NAME_file */
	for (const struct form *const *f = s->forms; f && *f; f++) {
		if (!(*f)->link || !(*f)->applies(s, p))
			continue;
		char *rel = (*f)->path(s, p, 0), *u = site_url(s, p, 0);
		size_t n = strlen(p->url_path);
		const char *file = strncmp(rel, p->url_path, n) ? rel : rel + n;
		char *key = xasprintf("%s_url", (*f)->link), *url = xasprintf("%s%s", u, file);
		json_object_object_add(o, key, json_object_new_string(url)); /* copies key */
		free(key);
		key = xasprintf("%s_file", (*f)->link);
		json_object_object_add(o, key, json_object_new_string(file));
		free(key);
		free(url);
		free(u);
		free(rel);
	}
	if (p->eml_name) {
		char *u = site_url(s, p, 0);
		char *m = xasprintf("%s" MAIL_HTML_NAME, u);
		json_add_str(o, "mail_html_url", m);
		free(m);
		m = xasprintf("%s" MAIL_TEXT_NAME, u);
		json_add_str(o, "mail_text_url", m);
		free(m);
		m = xasprintf("%s%s", u, p->eml_name);
		json_add_str(o, "eml_url", m);
		free(m);
		free(u);
	}
	/* the way from this page's folder to the site's root, for print pages
	 * read from files by a PDF engine */
	buf_t root = BUF_INIT;
	for (const char *c = p->url_path; *c; c++)
		if (*c == '/')
			buf_puts(&root, "../");
	json_add_str(o, "root", root.len ? buf_cstr(&root) : "./");
	buf_free(&root);
	json_object *adopted;
	int ay, am, ad;
	if (json_object_object_get_ex(p->fm.data, "adopted", &adopted) && adopted &&
	    lang_parse_date(json_object_get_string(adopted), &ay, &am, &ad) == 0) {
		buf_t b = BUF_INIT;
		buf_printf(&b, "%s ", s->cfg.lang->adopted);
		lang_format_date(s->cfg.lang, ay, am, ad, &b);
		json_add_str(o, "adopted_text", buf_cstr(&b));
		buf_free(&b);
	}
	json_object *apx;
	int has_apx = json_object_object_get_ex(p->fm.data, "appendices", &apx) &&
		      apx && json_object_get_type(apx) == json_type_array &&
		      json_object_array_length(apx) > 0;
	json_add_new(o, "has_appendices", json_object_new_boolean(has_apx));
	if (p->statement)
		json_add_new(o, "statement", json_object_get(p->statement));
	/* a protokoll's or an insats's facts came with site_page_fields */
	if (has_apx)
		json_add_new(o, "appendices", appendices_json(s, p, apx));
	json_object *sig;
	if (json_object_object_get_ex(p->fm.data, "signatures", &sig) && sig &&
	    json_object_get_type(sig) == json_type_object)
		json_add_new(o, "signing", signing_json(s, sig));
	if (has_apx && p->md.toc_html) {
		/* the appendices are the contents' last entry, after the text's
		 * headings: inserted before the outermost list's end */
		const char *toc = p->md.toc_html, *end = strstr(toc, "</ol>\n</nav>");
		if (end) {
			buf_t b = BUF_INIT;
			buf_put(&b, toc, (size_t)(end - toc));
			buf_printf(&b, "<li><a href=\"#appendices\">%s</a></li>\n", s->cfg.lang->appendices);
			buf_puts(&b, end);
			json_add_str(o, "toc_html", buf_cstr(&b));
			buf_free(&b);
		} else {
			json_add_str(o, "toc_html", toc);
		}
	} else {
		json_add_str(o, "toc_html", p->md.toc_html);
	}
	json_add_new(o, "has_toc", json_object_new_boolean(p->md.toc_html != NULL));
	json_add_new(o, "print_toc", json_object_new_boolean(print_toc(p)));
	json_add_new(o, "has_footnotes", json_object_new_boolean(p->md.nfootnotes > 0));
	json_add_new(o, "params", json_object_get(p->fm.data));
	if (p->tables.json)
		json_add_new(o, "tables", json_object_get(p->tables.json));

	json_object *heads = json_object_new_array();
	for (size_t i = 0; i < p->md.nheadings; i++) {
		const struct md_heading *h = &p->md.headings[i];
		json_object *e = json_object_new_object();
		json_add_str(e, "id", h->id);
		json_add_str(e, "number", h->number);
		json_add_str(e, "text", h->text);
		json_add_new(e, "level", json_object_new_int(h->level));
		json_object_array_add(heads, e);
	}
	json_add_new(o, "headings", heads);

	if (p->parent && !p->parent->is_home)
		json_add_new(o, "section", link_json(s, p->parent));
	json_object *crumbs = json_object_new_array();
	const struct page *chain[64];
	int n = 0;
	for (const struct page *q = p->parent; q && n < 64; q = q->parent)
		chain[n++] = q;
	while (n > 0)
		json_object_array_add(crumbs, link_json(s, chain[--n]));
	json_add_new(o, "breadcrumbs", crumbs);
	json_add_new(o, "has_breadcrumbs", json_object_new_boolean(!p->is_home));

	const struct forbund *f = config_forbund(&s->cfg, p->forbund_slug);
	json_object *nav = json_object_new_array();
	for (size_t i = 0; i < s->cfg.nforbund; i++) {
		const struct forbund *g = &s->cfg.forbund[i];
		json_object *e = json_object_new_object();
		json_add_str(e, "name", g->name);
		json_add_str(e, "url", g->url);
		json_add_new(e, "current", json_object_new_boolean(f == g));
		json_object_array_add(nav, e);
	}
	json_add_new(o, "nav", nav);
	if (f) {
		json_object *fo = site_forbund_json(s, f);
		json_add_new(o, "forbund", fo);
	}
	json_object *frame = json_object_new_object();
	json_add_new(frame, "page", o);
	return frame;
}

struct page_data {
	json_object *frame; /* {"page": ...} */
	json_object *page;  /* its "page", whose "content" is one of the two */
	json_object *content, *print_content;
	json_object *preamble; /* the print page's short text before its first heading, for the cover */
};

/* A preamble of at most this many characters of text goes on the cover. */
#define COVER_PREAMBLE_MAX 700

/* Splits a short preamble (the text before the first "##" heading: a
 * quotation, a paragraph or two) off the print text into d->preamble, so
 * the cover carries it as the printed originals did; a long one stays. */
static void split_preamble(const struct page *p, struct page_data *d)
{
	if (!d->print_content || doctype_has(p->type, DOC_LETTER))
		return;
	const char *html = json_object_get_string(d->print_content);
	const char *h2 = strstr(html, "<h2");
	if (!h2 || h2 == html)
		return;
	size_t text = 0;
	int in_tag = 0;
	for (const char *c = html; c < h2; c++) {
		if (*c == '<')
			in_tag = 1;
		else if (*c == '>')
			in_tag = 0;
		else if (!in_tag && *c != '\n' && *c != ' ' && ((unsigned char)*c & 0xC0) != 0x80)
			text++;
	}
	/* tables and charts stay in the text */
	const char *tb = strstr(html, "class=\"table-block"), *fig = strstr(html, "<figure");
	if (text == 0 || text > COVER_PREAMBLE_MAX || (tb && tb < h2) || (fig && fig < h2))
		return;
	d->preamble = json_object_new_string_len(html, (int)(h2 - html));
	json_object *rest = json_object_new_string(h2);
	json_object_put(d->print_content);
	d->print_content = rest;
}

/* The print page's text with every link a full address: a PDF engine reads
 * the page from a file, so "/sjuharad/…" would become file:///sjuharad/…
 * and "ekonomi.csv" a file on the kansli's disk. Links within the page
 * ("#…") and those with a scheme stay as they are. */
static void absolute_links(const struct site *s, const struct page *p, buf_t *out)
{
	const char *html = out->data ? out->data : "";
	size_t len = out->len;
	char *here = site_url(s, p, 1);
	buf_t b = BUF_INIT;
	buf_grow(&b, len + 1024);
	const char *c = html, *end = html + len, *h;
	while ((h = strstr(c, " href=\"")) && h < end) {
		/* links only: a style sheet's address stays a file beside the page */
		const char *tag = h;
		while (tag > html && *tag != '<')
			tag--;
		h += 7;
		buf_put(&b, c, (size_t)(h - c));
		if (strncmp(tag, "<a ", 3) != 0) {
			c = h;
			continue;
		}
		const char *q = memchr(h, '"', (size_t)(end - h));
		link_prefix(s, here, h, q ? (size_t)(q - h) : 0, &b);
		c = h;
	}
	buf_put(&b, c, (size_t)(end - c));
	free(here);
	buf_t old = *out;
	*out = b;
	buf_free(&old);
}

static json_object *content_json(const struct md_result *md)
{
	/* the page's body is its biggest string: its length is known */
	return md->html ? json_object_new_string_len(md->html, (int)md->html_len) : json_object_new_string("");
}

struct page_data *page_data_new(const struct site *s, const struct page *p)
{
	struct page_data *d = xcalloc(1, sizeof *d);
	d->frame = page_json(s, p);
	json_object_object_get_ex(d->frame, "page", &d->page);
	d->content = content_json(&p->md);
	if (p->is_report) {
		d->print_content = json_object_get(d->content);
		split_preamble(p, d);
	}
	return d;
}

void page_data_free(struct page_data *d)
{
	if (!d)
		return;
	json_object_put(d->frame);
	json_object_put(d->content);
	json_object_put(d->print_content);
	json_object_put(d->preamble);
	free(d);
}

static int render_with(const struct site *s, const struct page *p, struct page_data *d,
		       const mustache_template *tpl, int print, buf_t *out)
{
	/* the print page's text may differ (its preamble on the cover) */
	json_object *content = print && d->print_content ? d->print_content : d->content;
	json_object_object_add(d->page, "content", json_object_get(content));
	if (print && d->preamble)
		json_object_object_add(d->page, "print_preamble", json_object_get(d->preamble));
	else
		json_object_object_del(d->page, "print_preamble");
	/* room for the text and the template around it, so the page is not
	 * copied again each time it outgrows its buffer */
	buf_grow(out, (content ? (size_t)json_object_get_string_len(content) : 0) + 16384);
	json_object *ctx[3];
	int n = 0;
	ctx[n++] = s->site_frame;
	if (p->list_frame)
		ctx[n++] = p->list_frame;
	ctx[n++] = d->frame;
	mustache_error err;
	memset(&err, 0, sizeof err);
	int rc = mustache_render(s->templates, tpl, ctx, n, MUSTACHE_STRICT, out, &err);
	if (rc != 0)
		diag(DIAG_ERROR, err.path, err.line, err.col, "%s (while rendering %s)",
		     err.message, p->path);
	return rc;
}

int page_render(const struct site *s, const struct page *p, struct page_data *d, buf_t *out)
{
	return render_with(s, p, d, p->tpl, 0, out);
}

int page_render_with(const struct site *s, const struct page *p, struct page_data *d,
		     const char *name, buf_t *out)
{
	const mustache_template *t = mustache_set_get(s->templates, name);
	if (!t) {
		diag(DIAG_ERROR, p->path, 0, 0, "no template '%s': expected templates/%s.mustache", name, name);
		return -1;
	}
	return render_with(s, p, d, t, 0, out);
}

int page_render_print(const struct site *s, const struct page *p, struct page_data *d, buf_t *out)
{
	char *name = xasprintf("print/%s", p->type);
	const mustache_template *t = mustache_set_get(s->templates, name);
	if (!t)
		t = mustache_set_get(s->templates, "print/report");
	free(name);
	if (!t) {
		diag(DIAG_ERROR, p->path, 0, 0, "no print template: expected templates/print/report.mustache");
		return -1;
	}
	size_t start = out->len;
	int rc = render_with(s, p, d, t, 1, out);
	if (rc == 0 && start == 0)
		absolute_links(s, p, out);
	return rc;
}
