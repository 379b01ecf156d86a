/*
 * site: the model of a site being built: its configuration, its pages and
 * sections, the other content files, and the data templates see.
 *
 * The site owns every page (site_free releases them). Each page owns its
 * strings, its front matter, its Markdown result and its summary object;
 * section pages also own the list objects their templates iterate over.
 * Everything shared between pages is built before rendering starts and is
 * only read while pages render in parallel.
 */
#ifndef PLANPRESS_SITE_H
#define PLANPRESS_SITE_H

#include <json-c/json.h>
#include <stddef.h>

#include "config.h"
#include "frontmatter.h"
#include "markdown.h"
#include "mustache.h"
#include "table.h"

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
};

struct site {
	const char *root;     /* the site directory as given */
	char *content;        /* root/content */
	struct config cfg;
	mustache_set *templates;
	struct page **pages;
	size_t npages;
	char **files;         /* other content files, relative to content/, sorted */
	size_t nfiles;
	size_t pages_cap, files_cap; /* room in pages and files */
	struct page **by_rel; /* pages sorted by rel, for link rewriting */
	size_t nby_rel;
	char **draft_rels;    /* the drafts left out (their rel, sorted): a page
				 that refers to one is told so */
	size_t ndraft_rels;
	int drafts;           /* include drafts */
	int jobs;             /* threads for the parallel parts of site_link */
	int keep_sources;     /* check: the link checker quotes source lines;
				 a build frees each page's text once it is parsed */
	int want_tables_json; /* some template reads page.tables */
	int pdf;              /* PDFs will be made: link them */
	json_object *site_frame; /* {"site": {...}} shared by every page */
};

/* Finds the pages and files under content/ and adds the generated section
 * pages. Returns 0 or -1 after diagnostics. */
int site_scan(struct site *s);
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
/* After every page is loaded: drops drafts, links sections, sorts lists
 * and builds the shared template data. */
int site_link(struct site *s);
/* Builds an informationsbrev's template data from its items again, once
 * their bodies are loaded. */
void site_letter_frame(const struct site *s, struct page *p);
/* Loads a page made by site_link itself (a news list's later pages). */
void page_load_generated(struct site *s, struct page *p);
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
/* Adds the fields every page has in template data (title, url, permalink,
 * date, date_text, year, type, type_label, summary, is_section) to o. */
void site_page_fields(const struct site *s, const struct page *p, json_object *o);
/* Sets p->summary, the page as lists show it, from those fields. Each
 * loaded page's is made right after it is loaded, side by side with the
 * others; site_link makes any still missing. */
void site_page_summary(const struct site *s, struct page *p);
/* A förbund as template data; the caller owns the object. */
json_object *site_forbund_json(const struct site *s, const struct forbund *f);
/* Calls fn for each file the page writes into the output ("a/b/index.html",
 * its print page and PDF, aliases, e-mail forms and table downloads): a
 * page the cache kept unread, with what the last build wrote for it. */
void site_page_outputs(const struct site *s, const struct page *p,
		       void (*fn)(void *ud, const char *rel), void *ud);
/* The page whose source is content/REL, or NULL. */
struct page *site_page_by_rel(const struct site *s, const char *rel);
/* After site_link and once the pages to render have their bodies: every
 * link from a rendered page to a draft is an error at its line (a draft
 * is not published, so the link would lead nowhere). Returns the number
 * of errors. */
int site_check_links(const struct site *s);
/* 1 if content/REL is a page left out as a draft (after site_link). */
int site_is_draft(const struct site *s, const char *rel);
/* 1 if content/REL is a file that is copied to the output. */
int site_has_file(const struct site *s, const char *rel);
/* The page's URL: root-relative ("/a/b/"), or absolute from base_url. */
char *site_url(const struct site *s, const struct page *p, int absolute);
void site_free(struct site *s);

#endif
