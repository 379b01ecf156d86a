/*
 * protokoll: board meeting minutes (type: protokoll) and the förbund's
 * anslagstavla (notice board).
 *
 * A protokoll says when the board met (meeting:) and when its minutes,
 * signed (justerat), were posted on the anslagstavla (posted:). Its
 * decisions can be appealed (laglighetsprövning) for three weeks from
 * the posting; the last day is computed here, not typed, so that it can
 * not be wrong. The förbund's page shows the minutes still open to
 * appeal on the build's day, and the rest in an archive by year.
 *
 * Owns nothing after it returns: the objects it returns are the caller's.
 */
#ifndef PLANPRESS_PROTOKOLL_H
#define PLANPRESS_PROTOKOLL_H

#include <json-c/json.h>

#include "frontmatter.h"
#include "lang.h"

/* The minutes' facts from the front matter fm of the page at path:
 * {meeting, meeting_text, posted, posted_text, appeal_until,
 * appeal_until_text, text: {...}} and the days as y*10000+m*100+d in
 * "posted_day" and "appeal_day". Reports each problem at its line and
 * returns NULL when there was one. */
json_object *protokoll_read(const char *path, const struct frontmatter *fm, const struct lang *l);

/* Whether minutes with these facts are on the anslagstavla on the day
 * today (y*10000+m*100+d): posted <= today <= the last day to appeal. */
int protokoll_open(json_object *facts, int today);

/* The last day to appeal minutes posted on y-m-d: three weeks later, as
 * y*10000+m*100+d; a Saturday or Sunday moves it to the Monday after (lag
 * 1930:173 om beräkning av lagstadgad tid). */
int protokoll_appeal_day(int y, int m, int d);

/* The förbund page's words for the anslagstavla, in the language l. */
json_object *protokoll_words(const struct lang *l);

#endif
