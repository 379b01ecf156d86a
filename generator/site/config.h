/*
 * config: reads site.conf (INI, through inih) into struct config.
 *
 * [site] holds title, base_url, language, output, description, raw_html, pdf,
 * odt, search (a search index by Pagefind; on unless false), logo and
 * favicon (content files, checked to exist),
 * footnotes (end or page), accessibility (the statement's content path) and
 * news_per_page;
 * each [forbund.<slug>] holds a förbund's name, description, members,
 * email, phone, address and logo. Unknown keys and sections are warnings
 * that name the line; malformed lines are errors. config_free releases
 * everything the struct owns.
 */
#ifndef PLANPRESS_CONFIG_H
#define PLANPRESS_CONFIG_H

#include <stddef.h>

#include "lang.h"

struct forbund {
	char *slug;
	char *name;
	char *description;
	char *members;
	char *email;
	char *phone;
	char *address;
	char *logo;
	char *tel;   /* phone for a tel: link ("+4633000000"), or NULL */
	char *phone_text; /* phone with non-breaking hyphens and spaces */
	char *url;   /* its section's, from the site's root: base_path slug/ */
	int line;
};

struct config {
	char *path;          /* of site.conf, for diagnostics */
	char *title;
	char *base_url;      /* always ends with '/' */
	char *base_path;     /* the path part of base_url: "/" or "/vg/" */
	char *language;
	char *output;        /* as written; relative to the site */
	char *description;
	int raw_html;
	int pdf;             /* make PDFs of the print pages */
	int pdf_archive;     /* pdf = arkiv: as PDF/A-2b, not tagged PDF/UA */
	int odt;             /* make the reports as ODT too (form_odt.c); also build --odt */
	int search;          /* make a search index (search.h); build --no-search turns it off */
	char *accessibility; /* content path of the accessibility statement */
	int accessibility_line;
	int output_line;     /* the line of 'output =', or 0 */
	int news_per_page;   /* news items on one page of a news list */
	char *logo, *favicon; /* content paths of the site's logo and icon, or NULL */
	int logo_line, favicon_line;
	int logo_w, logo_h;  /* the logo's pixel size, or 0 when not known */
	const struct lang *lang;
	struct forbund *forbund;
	size_t nforbund;
};

/* Returns 0, or -1 after reporting errors. cfg is filled in either case
 * and must be freed. */
int config_read(const char *path, struct config *cfg);
void config_free(struct config *cfg);
/* Adds to a template's site object what the configuration alone gives:
 * logo_url, logo_width/height, og_image (absolute), favicon_url and
 * favicon_type, og_locale. */
struct json_object;
void config_site_json(const struct config *cfg, struct json_object *site);
/* phone for a tel: link: digits and a leading +, a Swedish 0 area code
 * as +46; NULL when it holds no number of at least five digits. */
char *config_tel(const char *phone);
/* phone to show in a tel: link, that does not break over lines */
char *config_phone_text(const char *phone);
const struct forbund *config_forbund(const struct config *cfg, const char *slug);

#endif
