/* libFuzzer: reading a figure as Excel and people write them. */
#include <stddef.h>
#include <stdint.h>

#include "number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct num_cell c;
	if (num_parse((const char *)data, size, &c) == 0) {
		num_t out;
		num_mul(c.value, c.value, &out);
		num_div(c.value, num_from_int(3), &out);
		num_round(c.value, 0, 0);
	}
	return 0;
}
