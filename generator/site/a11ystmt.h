/*
 * a11ystmt: the accessibility statement (tillgänglighetsredogörelse) that
 * the law on accessible digital public services (2018:1937) asks of every
 * förbund's site, in the structure of DIGG's model.
 *
 * A page of type 'tillganglighet' holds the statement's facts in its
 * front matter block 'accessibility:' (the body, the service, the level
 * of compliance, the shortcomings with their reasons, content outside the
 * law, how and when it was assessed, the feedback route, DIGG's form).
 * This module checks them against each other and against the build's
 * date, and turns them into the template data that the default theme's
 * tillganglighet template renders under DIGG's headings, in the site's
 * language.
 *
 * Owns nothing after it returns: the object it returns is the caller's.
 */
#ifndef PLANPRESS_A11YSTMT_H
#define PLANPRESS_A11YSTMT_H

#include <json-c/json.h>

#include "frontmatter.h"
#include "lang.h"

/* The statement of the page at path, from its front matter fm; src is the
 * page's text (the lines of the block's own keys are found in it, for the
 * messages; NULL: every message names the block's line). today is the
 * build's date as y*10000 + m*100 + d. Reports each problem at its line;
 * returns the template data, or NULL when there was an error (a warning,
 * such as an assessment more than a year old, still returns it). */
json_object *a11ystmt_read(const char *path, const struct frontmatter *fm, const char *src,
			   const struct lang *l, int today);

/* Today as y*10000 + m*100 + d, in UTC: SOURCE_DATE_EPOCH when it is set
 * (a reproducible build), else the clock. */
int a11ystmt_today(void);

#endif
