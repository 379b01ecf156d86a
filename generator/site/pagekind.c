/*
 * Page kinds, template choice and the site's own pages (pagekind.h).
 */
#include "pagekind.h"

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doctype.h"
#include "fsutil.h"
#include "i18n.h"
#include "lang.h"
#include "suggest.h"

static int valid_name(const char *s)
{
	return fs_rel_is_safe(s) && !strstr(s, "..");
}

/* An unknown type is an error that names the kinds (doctype.h) and the
 * nearest one: a mistyped type would quietly lose the page its print
 * version. */
static void unknown_type(struct page *p)
{
	size_t n;
	const struct doctype *types = doctype_all(&n);
	const char *keys[16];
	buf_t list = BUF_INIT;
	for (size_t i = 0; i < n && i + 1 < sizeof keys / sizeof *keys; i++) {
		keys[i] = types[i].key;
		keys[i + 1] = NULL;
		if (i > 0)
			/* TRANSLATORS: between the last two of a list: "a, b and c" */
			buf_puts(&list, i + 1 < n ? ", " : _(" and "));
		buf_puts(&list, types[i].key);
	}
	const char *near = suggest_nearest(p->type, keys, 3);
	if (near)
		diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "type"), 0,
		     "type '%s' is not a kind of page planpress knows: did you mean '%s'? (the kinds "
		     "are %s; a type of your own needs its template, templates/%s.mustache)",
		     p->type, near, buf_cstr(&list), p->type);
	else
		diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "type"), 0,
		     "type '%s' is not a kind of page planpress knows (the kinds are %s; a type of your "
		     "own needs its template, templates/%s.mustache)",
		     p->type, buf_cstr(&list), p->type);
	buf_free(&list);
	p->failed = 1;
}

void pagekind_choose_template(const mustache_set *templates, struct page *p)
{
	if (p->template_name) {
		if (!valid_name(p->template_name)) {
			diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "template"), 0,
			     "template '%s' leaves the templates directory", p->template_name);
			p->failed = 1;
			return;
		}
		p->tpl = mustache_set_get(templates, p->template_name);
		if (!p->tpl) {
			diag(DIAG_ERROR, p->path, frontmatter_line(&p->fm, "template"), 0,
			     "template '%s' not found: expected templates/%s.mustache or a default theme template",
			     p->template_name, p->template_name);
			p->failed = 1;
		}
		return;
	}
	const char *name = p->is_home ? "home" : p->is_section ? "section" : "page";
	/* a type planpress knows, or one the site has a template for: a
	 * mistyped one would quietly lose the page its print version */
	int known = !p->type || p->generated || doctype_get(p->type);
	if (!known && !(valid_name(p->type) && mustache_set_get(templates, p->type))) {
		unknown_type(p);
		return;
	}
	if (!p->is_section && p->type && valid_name(p->type) &&
	    mustache_set_get(templates, p->type))
		name = p->type;
	p->tpl = mustache_set_get(templates, name);
	if (!p->tpl) {
		diag(DIAG_ERROR, p->path, 0, 0, "no template '%s' for this page", name);
		p->failed = 1;
	}
}

/* "verksamhetsplan-2016.md" -> "Verksamhetsplan 2016" */
void pagekind_title_from_name(struct page *p, const char *name)
{
	buf_t b = BUF_INIT;
	for (const char *c = name; *c && strcmp(c, ".md"); c++)
		buf_putc(&b, *c == '-' || *c == '_' ? ' ' : *c);
	if (b.len && b.data[0] >= 'a' && b.data[0] <= 'z')
		b.data[0] = (char)(b.data[0] - 'a' + 'A');
	json_object_object_add(p->fm.data, "title", json_object_new_string(buf_cstr(&b)));
	buf_free(&b);
	json_object *v;
	json_object_object_get_ex(p->fm.data, "title", &v);
	p->title = json_object_get_string(v);
}

static void set_title(struct page *p, const char *t)
{
	json_object_object_add(p->fm.data, "title", json_object_new_string(t));
	json_object *v;
	json_object_object_get_ex(p->fm.data, "title", &v);
	p->title = json_object_get_string(v);
}

void pagekind_load_generated(const struct config *cfg, const mustache_set *templates,
			     struct page *p)
{
	const struct lang *l = cfg->lang;
	p->fm.data = json_object_new_object();
	const struct forbund *f = config_forbund(cfg, p->dir);
	if (f)
		p->forbund_slug = f->slug;
	if (p->gen_type) {
		p->type = p->gen_type;
		if (!strcmp(p->gen_type, "kontakt")) {
			set_title(p, l->contact);
		} else if (!strcmp(p->gen_type, "nyheter")) {
			char *t = p->list_page > 1 ? xasprintf("%s, %s %d", l->news, l->page_n_of, p->list_page)
						   : xstrdup(l->news);
			set_title(p, t);
			free(t);
		} else if (!strcmp(p->gen_type, "sok")) {
			set_title(p, l->search);
		} else {
			set_title(p, l->page_not_found);
		}
	} else {
		const char *t = p->is_home ? cfg->title : f ? f->name : NULL;
		if (t)
			set_title(p, t);
		else
			pagekind_title_from_name(p, p->dir);
		p->type = p->is_home ? "home" : "section";
	}
	pagekind_choose_template(templates, p);
}

