/* libFuzzer: CSV import (encoding detection, separators, quoting, limits). */
#include <stddef.h>
#include <stdint.h>

#include "csvread.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_set_quiet(2);
	struct csv_table t;
	csv_table_parse("fuzz.csv", (const char *)data, size, &t);
	for (size_t i = 0; i < t.nrows; i++)
		csv_table_column(&t, t.cells[i][0]);
	csv_table_free(&t);
	return 0;
}
