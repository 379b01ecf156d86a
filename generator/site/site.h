/*
 * site: the model of a site being built: its configuration, its pages and
 * sections, the other content files, and the data templates see.
 *
 * The site owns every page (site_free releases them; a page's record and
 * its loading and rendering are page.h's). Everything shared between
 * pages is built before rendering starts and is only read while pages
 * render in parallel.
 */
#ifndef PLANPRESS_SITE_H
#define PLANPRESS_SITE_H

#include <json-c/json.h>
#include <stddef.h>

#include "config.h"
#include "mustache.h"
#include "page.h"

struct form;

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
	/* The output forms a page may be written as (form.h), set by the
	 * build before site_scan. The site model and the page loader walk
	 * the list through its interface only (the files a page writes,
	 * what a form keeps of a parse, the template data's links), so they
	 * depend on no form's code; the forms depend on them. */
	const struct form *const *forms;
	json_object *site_frame; /* {"site": {...}} shared by every page */
};

/* Finds the pages and files under content/ and adds the generated section
 * pages. Returns 0 or -1 after diagnostics. */
int site_scan(struct site *s);
/* After every page is loaded: drops drafts, links sections, sorts lists
 * and builds the shared template data. */
int site_link(struct site *s);
/* Builds an informationsbrev's template data from its items again, once
 * their bodies are loaded. */
void site_letter_frame(const struct site *s, struct page *p);
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
