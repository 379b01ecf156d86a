/* libFuzzer: table formulas, parsed against columns a, b and c and
 * evaluated on one row. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

static int find(void *ud, const char *name)
{
	(void)ud;
	if (!strcmp(name, "a"))
		return 0;
	if (!strcmp(name, "b"))
		return 1;
	if (!strcmp(name, "c"))
		return 2;
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	char err[256];
	struct expr *e = expr_parse(src, find, NULL, err, sizeof err);
	if (e) {
		num_t vals[3] = {num_from_int(7), num_from_int(-2), num_from_int(0)};
		unsigned char has[3] = {1, 1, 0};
		num_t sums[3] = {num_from_int(100), num_from_int(5), num_from_int(0)};
		num_t out;
		int empty;
		expr_eval(e, vals, has, sums, &out, &empty, err, sizeof err);
		expr_free(e);
	}
	free(src);
	return 0;
}
