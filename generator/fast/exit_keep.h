/*
 * exit_keep: what need not be freed just before the process ends.
 *
 * A big site's pages (thousands of strings and JSON trees, all over the
 * heap) take about 5 % of a build's CPU time to free one by one: 25 ms of
 * 500 on the 2000-page bench site. The system takes the memory back at
 * once when the process ends. A kept object stays reachable (leak
 * checkers do not count it) until then.
 *
 * Built with -DPLANPRESS_PLAIN nothing is kept and the caller frees all,
 * as it always does for a site of fewer than EXIT_KEEP_PAGES pages: the
 * freeing is checked by the sanitizers and valgrind on every test site,
 * and make test runs test_exit_keep built both ways.
 */
#ifndef PLANPRESS_EXIT_KEEP_H
#define PLANPRESS_EXIT_KEEP_H

#include <stddef.h>

#define EXIT_KEEP_PAGES 1000

/* Keeps a copy of the n bytes at obj, which owns the memory of pages
 * pages, until the process ends, and returns 1: the caller then frees
 * nothing of it. Returns 0, and keeps nothing, when the caller is to free
 * it as usual. */
int exit_keep(const void *obj, size_t n, size_t pages);

#endif
