/*
 * page: one page of a site: its record (what its source, front matter,
 * Markdown and tables gave, and the files it writes), its loading, and its
 * rendering to each form (web page, print page, e-mail) through the
 * site's templates.
 *
 * A page belongs to its site (site.h), which frees it. Each page owns its
 * strings, its front matter, its Markdown result and its summary object;
 * section pages also own the list objects their templates iterate over.
 */
#ifndef PLANPRESS_PAGE_H
#define PLANPRESS_PAGE_H

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "frontmatter.h"
#include "markdown.h"
#include "mustache.h"
#include "table.h"

struct site;
struct cache_page;

/* An informationsbrev's e-mail forms, beside its web page. */
#define MAIL_HTML_NAME "epost.html"
#define MAIL_TEXT_NAME "epost.txt"

struct page {
	char *path;          /* for diagnostics: SITE/content/a/b.md */
	char *rel;           /* relative to content/: a/b.md ("" for generated pages) */
	char *dir;           /* the directory it lists, for sections: "a" */
	char *url_path;      /* "a/b/" ("" for the home page) */
	char *out_rel;       /* "a/b/index.html" */
	int is_home, is_section, generated;
	int not_found;       /* the 404 page: in no list, feed or sitemap */
	const char *gen_type; /* generated pages besides sections: "kontakt",
				 "nyheter" (a förbund's news list), "404" */
	int list_page, list_pages; /* a news list's page number and count */
	struct page *parent; /* the section it belongs to; NULL for home */

	/* front matter */
	struct frontmatter fm;
	const char *title, *date, *type, *template_name, *forbund_slug;
	int draft, numbered, toc, toc_depth;
	int year, month, day; /* 0 when there is no date */

	char *src;            /* the file's text */
	size_t src_len;
	struct md_result md;
	struct table_ctx tables; /* its tables, charts and CSV downloads */
	/* report documents also get a print page (and a PDF) */
	int is_report;
	char *print_out_rel;         /* "a/b/utskrift.html" */
	char *pdf_name;              /* "b.pdf", beside the print page */
	char *pdf_rel;               /* "a/b/b.pdf" */
	char *html, *print_html;     /* kept by `check` for the link checker */
	const mustache_template *tpl;
	int failed;           /* an error was reported for this page */
	int front_loaded;     /* page_load_front ran to the end */
	int cached;           /* the body is not loaded: md.summary came from
				 the build cache (see build.c) */
	uint64_t source_print; /* the source as read (cache.h), 0 if not read */
	const struct cache_page *cache_rec; /* what the last build knew of it */
	int unchanged;        /* its source and CSV files are as last time */
	int render;           /* this build renders it (else its outputs stay) */
	int noisy;            /* it gave a message: not to be taken from the cache */
	int dated;            /* its checks depend on the build's date: never
				 taken from the cache either */
	json_object *statement; /* an accessibility statement's data (a11ystmt.h) */
	json_object *facts;   /* a protokoll's or an insats's checked facts
				 (protokoll.h, insats.h), or NULL */
	int in_letter;        /* an informationsbrev shows it in full */
	char *front_blob;     /* its front matter for the build cache, or NULL */
	char **deps;          /* the CSV files it read (for the cache) */
	uint64_t *dep_prints;
	size_t ndeps;
	char **outputs;       /* the files its rendering wrote */
	size_t noutputs;

	json_object *summary; /* {title, url, date, ...} used in lists */
	struct page **children;
	size_t nchildren;
	json_object *list_frame; /* {"pages": [...], "sections": [...]} for sections,
				    {"items": [...]} for an informationsbrev */
	char **aliases;       /* old addresses that redirect here: "gammal/index.html" */
	size_t naliases;
	char *eml_name;       /* an informationsbrev's "b.eml"; NULL for other pages */
	struct page **items;  /* an informationsbrev's news, in order */
	size_t nitems;
	struct form_kept *kept; /* what a form took from the parse for its
				   render (form.h), or NULL */
};

/* Reads one page: front matter, validation, template choice, Markdown.
 * Reports its own errors (page->failed). Safe to run in parallel. */
void page_load(struct site *s, struct page *p);
/* The two halves of page_load: the file and its front matter (all that
 * site_link needs besides the summary), and the Markdown with its tables.
 * A page taken from the build cache gets only the first, and the second
 * when it has to be rendered after all. */
void page_load_front(struct site *s, struct page *p);
void page_load_body(struct site *s, struct page *p);
/* The front matter for the build cache (malloc'd text), and a page's
 * first half loaded from it without reading the file; -1 when the text
 * is not such a record. */
char *page_front_blob(const struct page *p);
int page_load_front_cached(struct site *s, struct page *p, const char *blob);
/* A page's template data, made once for all the forms it renders to (web
 * page, print page, e-mail) and freed by the caller with page_data_free.
 * Safe to make and use in parallel after site_link, one per page. */
struct page_data;
struct page_data *page_data_new(const struct site *s, const struct page *p);
void page_data_free(struct page_data *d);
/* Renders one page to HTML. */
int page_render(const struct site *s, const struct page *p, struct page_data *d, buf_t *out);
/* Renders the page with the named template (the e-mail forms). */
int page_render_with(const struct site *s, const struct page *p, struct page_data *d,
		     const char *tpl, buf_t *out);
/* Renders a report's print page. */
int page_render_print(const struct site *s, const struct page *p, struct page_data *d, buf_t *out);

#endif
