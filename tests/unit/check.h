/*
 * A minimal test harness: CHECK and CHECK_STR record a result each and
 * report failures with file:line; check_done prints the closing
 * "# N passed, N failed" line that tests/run.sh adds up.
 */
#ifndef PLANPRESS_CHECK_H
#define PLANPRESS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (cond) {                                                  \
			check_passed++;                                      \
		} else {                                                     \
			check_failed++;                                      \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                       \
			check_passed++;                                      \
		} else {                                                     \
			check_failed++;                                      \
			printf("FAIL %s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
			       __FILE__, __LINE__, #got, g_ ? g_ : "(null)",   \
			       w_ ? w_ : "(null)");                          \
		}                                                            \
	} while (0)

static int check_done(const char *name)
{
	printf("# %s: %d passed, %d failed\n", name, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
