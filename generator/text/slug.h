/*
 * slug: turns heading text into URL fragment ids the Swedish way:
 * "Ekonomisk sammanställning 2016" -> "ekonomisk-sammanstallning-2016".
 * å and ä become a, ö becomes o, other accented Latin letters lose their
 * accent, and runs of anything else become one hyphen.
 */
#ifndef PLANPRESS_SLUG_H
#define PLANPRESS_SLUG_H

#include <stddef.h>

#include "buf.h"

/* Appends the slug of the UTF-8 text s[0..n) to out. An empty result
 * (text with no letters or digits) appends "avsnitt". */
void slug_append(buf_t *out, const char *s, size_t n);

#endif
