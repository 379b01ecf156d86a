/*
 * theme_data: the default theme (templates/ and assets/ of the source
 * tree), compiled into the binary by embed-theme so a site with only
 * site.conf and content/ builds anywhere. Generated at build time.
 */
#ifndef PLANPRESS_THEME_DATA_H
#define PLANPRESS_THEME_DATA_H

#include <stddef.h>

struct theme_file {
	const char *path; /* "templates/base.mustache", "assets/planpress.css" */
	const unsigned char *data;
	size_t len;
};

extern const struct theme_file theme_files[];
extern const size_t theme_nfiles;

#endif
