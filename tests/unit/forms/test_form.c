/* Unit tests of the output forms (form.h): the list, which forms a page of
 * each kind gets, with PDFs and ODT on or off, and the paths of their
 * files. */
#include <stdlib.h>

#include "check.h"
#include "doctype.h"
#include "form.h"
#include "site.h"

/* A page as page.c sets it up for a file content/f/NAME/_index.md of the
 * kind type (its forms' fields only). */
static void make_page(struct page *p, const char *type, const char *name)
{
	memset(p, 0, sizeof *p);
	p->type = type;
	p->url_path = xasprintf("f/%s/", name);
	p->out_rel = xasprintf("f/%s/index.html", name);
	p->is_report = doctype_has(type, DOC_PRINT);
	if (p->is_report) {
		p->print_out_rel = xasprintf("f/%s/utskrift.html", name);
		p->pdf_name = xasprintf("%s.pdf", name);
		p->pdf_rel = xasprintf("f/%s/%s.pdf", name, name);
	}
	if (doctype_has(type, DOC_LETTER))
		p->eml_name = xasprintf("%s.eml", name);
}

static void free_page(struct page *p)
{
	free(p->url_path);
	free(p->out_rel);
	free(p->print_out_rel);
	free(p->pdf_name);
	free(p->pdf_rel);
	free(p->eml_name);
}

/* the applying forms' names, joined by spaces */
static char names_buf[256];
static const char *applying(const struct site *s, const struct page *p)
{
	names_buf[0] = '\0';
	for (const struct form *const *f = forms; *f; f++)
		if ((*f)->applies(s, p)) {
			if (names_buf[0])
				strcat(names_buf, " ");
			strcat(names_buf, (*f)->name);
		}
	return names_buf;
}

/* every path a page writes, joined by spaces */
static char paths_buf[1024];
static void add_path(void *ud, const char *rel)
{
	(void)ud;
	if (paths_buf[0])
		strcat(paths_buf, " ");
	strcat(paths_buf, rel);
}
static const char *paths(const struct site *s, const struct page *p)
{
	paths_buf[0] = '\0';
	form_each_path(s, p, add_path, NULL);
	return paths_buf;
}

int main(void)
{
	/* the list: named, unique, each with what it must have; only the
	 * PDF is made by another program */
	size_t n = 0;
	for (const struct form *const *f = forms; *f; f++, n++) {
		CHECK((*f)->name && (*f)->applies && (*f)->count && (*f)->path);
		CHECK(form_get((*f)->name) == *f);
		CHECK(((*f)->render == NULL) == !strcmp((*f)->name, "pdf"));
	}
	CHECK(n == 7);
	CHECK(form_get("docx") == NULL);
	/* the web page first: its folder is made before the others */
	CHECK_STR(forms[0]->name, "web");

	struct site s;
	memset(&s, 0, sizeof s);
	struct page p;

	/* by kind, with PDFs and ODT off */
	make_page(&p, "sida", "om");
	CHECK_STR(applying(&s, &p), "web");
	CHECK_STR(paths(&s, &p), "f/om/index.html");
	free_page(&p);
	make_page(&p, "nyhet", "ny");
	CHECK_STR(applying(&s, &p), "web");
	free_page(&p);
	make_page(&p, "arsredovisning", "ar");
	CHECK_STR(applying(&s, &p), "web print");
	CHECK_STR(paths(&s, &p), "f/ar/index.html f/ar/utskrift.html");
	free_page(&p);
	make_page(&p, "informationsbrev", "brev");
	CHECK_STR(applying(&s, &p), "web print mail");
	CHECK_STR(paths(&s, &p), "f/brev/index.html f/brev/utskrift.html f/brev/epost.html "
				  "f/brev/epost.txt f/brev/brev.eml");
	free_page(&p);

	/* with PDFs and ODT on: every report gets both, named alike, other
	 * pages neither */
	s.pdf = 1;
	s.cfg.odt = 1;
	make_page(&p, "verksamhetsplan", "vp");
	CHECK_STR(applying(&s, &p), "web print pdf odt");
	CHECK_STR(paths(&s, &p), "f/vp/index.html f/vp/utskrift.html f/vp/vp.pdf f/vp/vp.odt");
	char *odt = form_odt.path(&s, &p, 0);
	CHECK_STR(odt, "f/vp/vp.odt");
	free(odt);
	free_page(&p);
	make_page(&p, "delarsrapport", "dr");
	p.is_report = 0; /* print: false in its front matter */
	free(p.print_out_rel), p.print_out_rel = NULL;
	CHECK_STR(applying(&s, &p), "web");
	free_page(&p);
	make_page(&p, "sida", "om");
	CHECK_STR(applying(&s, &p), "web");
	free_page(&p);
	s.pdf = 0;
	make_page(&p, "arsredovisning", "ar");
	CHECK_STR(applying(&s, &p), "web print odt");
	free_page(&p);

	/* aliases and table downloads: one file each, the aliases where they
	 * were, the downloads beside the page */
	make_page(&p, "sida", "om");
	char *aliases[] = {"gammal/index.html", "ännu-äldre.html"};
	p.aliases = aliases;
	p.naliases = 2;
	struct table_file files[] = {{"tabeller/tabell-1.csv", "a", 1}};
	p.tables.files = files;
	p.tables.nfiles = 1;
	CHECK_STR(applying(&s, &p), "web alias tables");
	CHECK_STR(paths(&s, &p), "f/om/index.html gammal/index.html ännu-äldre.html f/om/tabeller/tabell-1.csv");
	CHECK(form_alias.own_folders && form_tables.own_folders && !form_web.own_folders);
	free_page(&p);
	return check_done("form");
}
