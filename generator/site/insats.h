/*
 * insats: a funded effort (type: insats) of a förbund and its parties.
 *
 * An insats has its parties (parties:), its period (start:, end:), its
 * status (planerad, pagaende, avslutad), a contact, a target group
 * (target_group:) and a budget, which is a table block in its text. The
 * status follows from the period and the build's day; written out
 * (status:), it must agree with them. The förbund's page lists the
 * running insatser first, then the planned and the ended ones.
 *
 * Owns nothing after it returns: the objects it returns are the caller's.
 */
#ifndef PLANPRESS_INSATS_H
#define PLANPRESS_INSATS_H

#include <json-c/json.h>

#include "frontmatter.h"
#include "lang.h"

enum insats_status { INSATS_PLANNED, INSATS_RUNNING, INSATS_ENDED };

/* The effort's facts from the front matter fm of the page at path, on the
 * day today (y*10000+m*100+d): {parties, has_parties, start, start_text,
 * end, end_text, status, status_label, contact: {name, email, phone,
 * phone_tel}, target_group, text: {...}} and "status_n" (enum
 * insats_status). Reports each problem at its line and returns NULL when
 * there was one. */
json_object *insats_read(const char *path, const struct frontmatter *fm, const struct lang *l,
			 int today);

/* The status read by insats_read; -1 for NULL. */
int insats_status(json_object *facts);

/* The förbund page's headings for its insatser, in the language l. */
json_object *insats_words(const struct lang *l);

#endif
