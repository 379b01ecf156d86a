/*
 * lang: the words and formats that depend on the site's language (sv by
 * default, en). Month names are built in so output never depends on the
 * machine's locale. All strings returned are static.
 */
#ifndef PLANPRESS_LANG_H
#define PLANPRESS_LANG_H

#include <json-c/json.h>

#include "buf.h"

struct lang {
	const char *code;
	const char *months[12];
	const char *toc_title;
	const char *footnotes;
	const char *footnote_back;   /* aria-label of the back link */
	const char *skip_link;
	const char *home;
	const char *breadcrumbs;
	const char *main_nav;
	const char *published;
	const char *updated;
	const char *pages_in_section;
	const char *latest;
	const char *forbund_list;
	const char *page_not_found;
	const char *print;
	const char *table;
	const char *adopted;        /* "Antagen av förbundsstyrelsen den" */
	const char *page_word, *of_word; /* "Sida", "av" */
	const char *print_version;
	const char *download_pdf;
	const char *download_odt;   /* the link to a report's ODT file */
	/* a letter's e-mail forms, offered to the kansli that sends it */
	const char *mail_for_office, *mail_html, *mail_text, *mail_eml;
	const char *appendices;
	const char *moved;          /* redirect pages: "Sidan har flyttat till" */
	const char *contact, *members, *news, *documents, *more_news;
	const char *newer, *older, *page_n_of; /* pagination */
	const char *accessibility;  /* the statement's link text */
	const char *not_found_text;
	const char *in_this_issue, *read_on_web, *email, *phone, *address;
	/* the search page (templates/sok.mustache, assets/search.js); {n}
	 * and {q} stand for the number of results and the words searched */
	const char *search, *search_label, *search_button, *search_one, *search_many, *search_none, *search_more,
		*search_no_js, *search_unavailable, *search_filters, *search_any, *filter_forbund,
		*filter_type, *filter_year;
	const char *date_on;        /* "Tyresö den 24 november 2016" */
	const char *place_and_date; /* under a signer's empty line: "Ort och datum" */
};

/* The language for code ("sv", "en"); NULL for an unknown code. */
const struct lang *lang_get(const char *code);

/* Parses "YYYY-MM-DD" (optionally followed by a time) into y, m, d.
 * Returns 0 on success, -1 if it is not a valid date. */
int lang_parse_date(const char *s, int *y, int *m, int *d);
/* "24 november 2016" / "24 November 2016" */
void lang_format_date(const struct lang *l, int y, int m, int d, buf_t *out);
/* The strings templates may use, as an object (site.i18n). */
json_object *lang_to_json(const struct lang *l);

#endif
