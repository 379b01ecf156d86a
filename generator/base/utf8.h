/*
 * utf8: checks that text is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing past U+10FFFF), quickly: whole files go through it;
 * and writes code points as UTF-8.
 */
#ifndef PLANPRESS_UTF8_H
#define PLANPRESS_UTF8_H

#include <stddef.h>

#include "buf.h"

/* The offset of the first byte that is not part of well-formed UTF-8, or
 * n when all of s is. */
size_t utf8_check(const char *s, size_t n);

/* Appends code point cp (below 0x110000, not a surrogate) as UTF-8. */
void utf8_put(buf_t *b, unsigned long cp);

#endif
