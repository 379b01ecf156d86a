/*
 * incremental: what a build may keep from the last one (the policy; the
 * cache's storage is cache.c). A page is rendered again when its source
 * or a CSV file it read changed, when what it shows of other pages
 * changed, or when its outputs are not as the last build left them; and
 * every page is, when planpress, site.conf, the templates, the options or
 * the site's structure changed. Keys are 64-bit hashes (cache.h).
 */
#ifndef PLANPRESS_INCREMENTAL_H
#define PLANPRESS_INCREMENTAL_H

#include <stdint.h>

#include "cache.h"
#include "output.h"
#include "site.h"

/* 1 if the page's source and CSV files are as the last build read them */
int incr_unchanged(const struct page *p, const struct cache_page *rec);
/* 1 if every file the last build wrote for rec is still in final as it
 * was written */
int incr_outputs_intact(const struct cache *c, const char *final, const struct cache_page *rec);
/* What every page's output depends on: this planpress, site.conf, the
 * templates, the options and where the output goes. */
uint64_t incr_validity_key(const char *root, const char *conf, const struct output *o, int drafts,
			   int pdf);
/* The pages, their addresses and the other files: what links resolve to. */
uint64_t incr_structure_key(const struct site *s);
/* What one page shows of itself to other pages; the site's key combines
 * every page's (incr_shown_combine, in the pages' order) with the site's
 * own data; incr_shown_key computes them on jobs threads. */
uint64_t incr_shown_page(const struct site *s, const struct page *p);
uint64_t incr_shown_combine(const struct site *s, const uint64_t *hashes);
uint64_t incr_shown_key(const struct site *s, int jobs);
/* Marks the pages this build renders (p->render): all when all is set
 * (something pages show of each other changed), else the changed ones,
 * those whose files were touched, and letters whose news changed. */
void incr_choose_renders(struct site *s, const struct cache *c, const char *final, int all);
/* Records what this build read and wrote in c, for the next one. */
void incr_remember(struct cache *c, struct site *s, const struct output *o);

#endif
