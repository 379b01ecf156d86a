/*
 * search: the site's search index, made by Pagefind (pagefind.app) from
 * the built pages, before the output is committed.
 *
 * Pagefind reads the pages as they will be published: each HTML file of
 * the output (staged, kept or waiting for the commit, output_each) is
 * hard-linked into a folder of its own beside the output, Pagefind indexes
 * that folder into another one, and its files (the index, pagefind.js and
 * its WebAssembly; not its own UIs, which the theme does not use) are
 * written into the output's pagefind/ through output_write. So they are
 * committed with the rest, reused when unchanged, kept by an update in
 * place and recorded in the build cache, and a failed Pagefind leaves the
 * previous output as it was. The two temporary folders are search's own.
 *
 * What to index, the titles' weight and the filters are said by the
 * templates' data-pagefind-* attributes (docs/templates.md); the search
 * page and its script are the theme's (templates/sok.mustache,
 * assets/search.js).
 */
#ifndef PLANPRESS_SEARCH_H
#define PLANPRESS_SEARCH_H

struct output;

/* The Pagefind to run: $PLANPRESS_PAGEFIND, else pagefind on the PATH,
 * else the one `make deps` installs in the source tree's tools/ (beside
 * the planpress executable, or two folders up for build/asan/planpress).
 * NULL when there is none (the caller says so in a note); the caller
 * frees the result. */
char *search_find(void);

/* Indexes the output's pages with the Pagefind at exe and writes the
 * index into the output's pagefind/. Returns 0, or -1 after an error. */
int search_index(const struct output *o, const char *exe);

#endif
