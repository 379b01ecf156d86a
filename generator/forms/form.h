/*
 * form: the output forms of a page. A page is written as one or more
 * forms: its web page, a report's print page, PDF and ODT, a letter's
 * three e-mail forms, the redirect pages of its old addresses and the CSV
 * downloads of its tables. Each form is one struct form in one file
 * (form_web.c, form_print.c, ...) and one entry of forms[] (form.c); the
 * build's render step, the list of files a page writes (site_page_outputs)
 * and the template data's links to a page's other forms all go through
 * the list. Adding a form is a file and an entry.
 *
 * A form says whether it applies to a page, how many files it writes for
 * it and what each is called (relative to the output directory), and
 * renders them. A form that another program makes after the build (the
 * PDF, see pdf.c) has no render function: it still names its file, so
 * that the output list and the links know it.
 *
 * Ownership: the list and the forms are static. path() returns a string
 * the caller frees. render() hands each file's bytes to the context's
 * emit(), which copies what it keeps; the form frees its own buffers.
 * What a form takes from the parse for a later render (the ODT's text,
 * see form_odt.c) hangs on the page as p->kept and is freed with
 * form_kept_free (the build frees it once the page is rendered, site_free
 * otherwise).
 */
#ifndef PLANPRESS_FORM_H
#define PLANPRESS_FORM_H

#include <stddef.h>
#include <stdlib.h>

#include "page.h"

struct site;
struct page_data;
struct cmark_node;

/* What a form's render() gets. The page is the caller's; render() may set
 * the fields the form owns on it (p->html and p->print_html when
 * keep_html asks for them). */
struct form_ctx {
	const struct site *site;
	struct page *page;
	struct page_data *data; /* the page's template data, made once for all forms */
	int keep_html;          /* check: keep the web and print HTML for the link checker */
	/* Writes one file of the page (rel relative to the output) and
	 * remembers it as the page's; 0, or -1 when its folder cannot be
	 * made. */
	int (*emit)(struct form_ctx *c, const char *rel, const char *data, size_t len, int mkdir);
	void *ud;               /* the caller's, for emit */
};

struct form {
	const char *name; /* "web", "print", "pdf", "odt", "mail", "alias", "tables" */
	/* 1 if the page gets this form in this site and build */
	int (*applies)(const struct site *s, const struct page *p);
	/* the number of files it writes for the page (when it applies) */
	size_t (*count)(const struct site *s, const struct page *p);
	/* the k-th of them, relative to the output: "a/b/utskrift.html"
	 * (malloc'd) */
	char *(*path)(const struct site *s, const struct page *p, size_t k);
	/* renders and emits its files: 0, or -1 after a diagnostic. NULL
	 * for a form made after the build by another program. */
	int (*render)(struct form_ctx *c);
	/* its files may lie outside the page's folder, whose folders the
	 * emit makes */
	int own_folders;
	/* Optional. While the page's parse tree lives (page_load_body):
	 * takes what render() will need of it onto p->kept. */
	void (*keep)(const struct site *s, struct page *p, struct cmark_node *doc,
		     char *(*rewrite)(void *ud, const char *url, int line), void *ud);
	/* Optional: frees what keep() took. */
	void (*drop)(struct page *p);
	/* Optional: the template data's name for a link to the form's
	 * (first) file: "pdf" gives page.pdf_url and page.pdf_file. */
	const char *link;
};

/* Every form, in the order a page's files are written and listed; ended
 * by NULL. */
extern const struct form *const forms[];

/* The form called name, or NULL. */
const struct form *form_get(const char *name);

/* Calls fn with the path of each file every applying form writes for p,
 * in the list's order. */
void form_each_path(const struct site *s, const struct page *p,
		    void (*fn)(void *ud, const char *rel), void *ud);

/* Renders every applying form that has a render function, in order. The
 * forms go on after one fails (its failure was reported). Returns the
 * number that failed. */
int form_render_all(struct form_ctx *c);

/* The forms, one file each */
extern const struct form form_web, form_print, form_pdf, form_odt, form_mail, form_alias,
	form_tables;

/* What forms take from a page's parse for their render (see above). */
struct form_kept {
	struct odt_body *odt; /* form_odt.c: the text as ODT, or NULL */
};

/* Frees what the forms of list kept of p (each form's drop, then the
 * record). Inline, so that the site model (site.c), which is handed the
 * list, frees pages without depending on the forms' code. */
static inline void forms_drop(const struct form *const *list, struct page *p)
{
	if (!p->kept)
		return;
	for (const struct form *const *f = list; f && *f; f++)
		if ((*f)->drop)
			(*f)->drop(p);
	free(p->kept);
	p->kept = NULL;
}

#endif
