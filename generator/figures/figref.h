/*
 * figref: figures that agree across tables and documents, and note
 * numbers that lead to their notes.
 *
 * A table block may require a figure of its own to equal a figure, or a
 * sum or difference of figures, in another table of the page or of
 * another page:
 *
 *   agrees:
 *     - "[Årets resultat, 2016] = [balansrakning: Summa eget kapital, 2016] − [balansrakning: Summa eget kapital, 2015]"
 *     - "[Aktiv, Budget helår] = [/mphla/verksamhetsplan-2016/#ekonomi: Aktiv, Budget]"
 *
 * [Row, Column] is a cell of this table; [id: Row, Column] one of the
 * table with that id on the page; [ADDRESS#id: Row, Column] one of a
 * table on another page, by its address (/mphla/verksamhetsplan-2016/)
 * or its file as a link names it (verksamhetsplan-2016.md). Figures are
 * compared as the tables show them (rounded), within the block's
 * 'tolerance:' if it has one.
 *
 * The checks need every page's tables, so each table block keeps its
 * table's figures as shown, its 'agrees:' lines and its note references
 * in the page's table_ctx (figref_keep), past table_ctx_trim; once
 * every page is loaded, figref_check checks them all (build.c). The
 * struct figref_page belongs to its table_ctx (figref_free).
 */
#ifndef PLANPRESS_FIGREF_H
#define PLANPRESS_FIGREF_H

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

#include "number.h"

struct table_ctx;
struct tbl;
struct lang;
struct fm_key;
struct figref_page;

/* One figure of a check: a cell (target NULL: this table; "id"; or
 * "page#id") or a number; sign +1 or -1. */
struct fig_term {
	int sign;
	char *target;
	char *cell;    /* "Row, Column" as written; NULL for a number */
	num_t num;
};

/* A side of "A = B": its terms added with their signs. */
struct fig_side {
	struct fig_term *terms;
	size_t n;
};

/* Parses one check, "[A, 2016] = [x: B, 2016] − [x: B, 2015]". Returns 0,
 * or -1 with the reason in err. The caller frees the sides
 * (figref_side_free). */
int figref_parse(const char *text, struct fig_side *lhs, struct fig_side *rhs, char *err, size_t errsz);
void figref_side_free(struct fig_side *s);

/* After a table block is rendered: keeps t's figures as shown, its note
 * references and its 'agrees:' lines (list, the option's value, or NULL),
 * each checked for its form now (errors at their lines, counted in
 * c->errors). */
void figref_keep(struct table_ctx *c, const struct tbl *t, json_object *agrees,
		 const struct fm_key *keys, size_t nkeys, int line);
void figref_free(struct figref_page *f);

/* The files a page's checks read on other pages, for the build cache:
 * a change to one builds the page again. */
size_t figref_deps(const struct table_ctx *c, const char *const **paths, const uint64_t **prints);

/* The site's pages as the checks see them. The figures code knows pages
 * by their record (page.h) only: finding one by its file and loading the
 * body of one that came from the build cache are the caller's (site.h,
 * page.h), so this module depends on neither. */
struct figref_site {
	struct page **pages;
	size_t npages;
	const struct lang *lang;
	/* the page whose source is content/REL, or NULL */
	struct page *(*by_rel)(void *ud, const char *rel);
	/* loads the body (Markdown, tables) of a page the cache kept */
	void (*load_body)(void *ud, struct page *p);
	void *ud;
};

/* Once every page is loaded: every check of every page, and every note
 * number against the page's headings. A page the checks need that came
 * from the build cache is loaded (and rendered). Returns the number of
 * errors reported. */
int figref_check(const struct figref_site *s);

#endif
