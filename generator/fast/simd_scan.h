/*
 * simd_scan: the two byte scans where SSE2 measurably speeds a build,
 * kept apart from the code that uses them.
 *
 * Each skips ahead over text its caller would pass over anyway, sixteen
 * bytes at a time, and returns where the caller's own byte-by-byte loop
 * goes on: a hint, never the last word. The plain fallback, built where
 * the target has no SSE2 or with -DPLANPRESS_PLAIN, skips nothing and
 * returns i; the caller's loop then does all the work, and the result is
 * the same (make test runs the unit tests built both ways, and
 * test_simd_scan checks each scan's promise on random text).
 */
#ifndef PLANPRESS_SIMD_SCAN_H
#define PLANPRESS_SIMD_SCAN_H

#include <stddef.h>

/* j, i <= j <= n, with none of & < > " ' in s[i..j) (buf_escape_html). */
size_t simd_skip_html_text(const char *s, size_t i, size_t n);

/* j, i <= j <= n, with s[i..j) well-formed UTF-8 that ends at the end of
 * a character; s[i] must start one (utf8_check). What is skipped is ASCII
 * and the two-byte letters of Latin scripts (å, ä, ö, é). */
size_t simd_skip_utf8(const char *s, size_t i, size_t n);

#endif
