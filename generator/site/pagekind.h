/*
 * pagekind: what kind of page a page is and which of the site's templates
 * renders it, and the pages the site makes itself (home, sections, a
 * förbund's kontakt and news lists, the 404 page).
 *
 * Both the site model (site.c, which makes the generated pages while it
 * links the site) and the page loader (page.c) use it; it reads the
 * configuration and the template set, never the site, so neither of
 * those two depends on the other through it. Owns nothing: titles go
 * into the page's own front matter object.
 */
#ifndef PLANPRESS_PAGEKIND_H
#define PLANPRESS_PAGEKIND_H

#include "config.h"
#include "mustache.h"
#include "page.h"

/* Sets p->tpl: the template its 'template:' names, else its type's when
 * the site has one, else the kind's default (home, section or page). An
 * unknown type, a template outside templates/ or one not found is an
 * error at its front matter line (p->failed). */
void pagekind_choose_template(const mustache_set *templates, struct page *p);
/* Sets the page's title from a file or folder name:
 * "verksamhetsplan-2016.md" -> "Verksamhetsplan 2016". */
void pagekind_title_from_name(struct page *p, const char *name);
/* Gives a page the site makes itself (p->generated, with dir, gen_type,
 * is_home or is_section, list_page set) its front matter object, förbund,
 * type, title and template. */
void pagekind_load_generated(const struct config *cfg, const mustache_set *templates,
			     struct page *p);

#endif
