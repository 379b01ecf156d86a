/*
 * theme: where templates and theme assets come from. The built-in default
 * theme is loaded first; a site's templates/ then overrides it file by
 * file, so a site can replace one template and keep the rest.
 *
 * Template NAME is the file templates/NAME.mustache (subdirectories give
 * names such as "partials/nav"). The returned set has no loader, so it can
 * be shared by render threads; the caller frees it.
 */
#ifndef PLANPRESS_THEME_H
#define PLANPRESS_THEME_H

#include "mustache.h"
#include "output.h"

/* Returns NULL after reporting errors (syntax errors in templates). */
mustache_set *theme_load(const char *site);
/* Copies the theme's assets and then the site's assets/ to output/assets/.
 * Returns the number of files copied, or -1 on error. */
int theme_copy_assets(const char *site, const struct output *o);

/* The output paths of the theme's and the site's assets ("assets/x.css"),
 * appended to *paths (the caller frees each and the array). */
void theme_asset_paths(const char *site, char ***paths, size_t *n);
/* The text of assets/NAME: the site's own file if it has one, else the
 * default theme's. NULL if neither exists. The caller frees it. */
char *theme_asset_text(const char *site, const char *name);

#endif
