/*
 * url: which URLs planpress never writes into a page.
 *
 * One rule for every way a URL reaches the output: a Markdown link or
 * image (html.c) and a template value at the start of a URL attribute
 * such as href="{{file}}" (mustache.c). The scheme is read the way
 * browsers read it: leading spaces and control characters are skipped and
 * tabs and newlines anywhere are ignored, so " JaVaScRiPt:" and
 * "java<TAB>script:" are what they look like to a browser.
 */
#ifndef PLANPRESS_URL_H
#define PLANPRESS_URL_H

#include <stddef.h>

/* 1 for javascript:, vbscript:, file: and data: URLs other than PNG, GIF,
 * JPEG and WebP images; 0 for everything else (relative URLs included). */
int url_is_dangerous(const char *url, size_t len);

/* 1 if html, the output so far, ends just inside the value of a URL
 * attribute of a tag (href=", src=', action= …): a value written next
 * decides that URL's scheme. */
int url_attr_starts(const char *html, size_t len);

#endif
