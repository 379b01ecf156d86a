/* libFuzzer: reading a figure as Excel and people write them, and the
 * promise that every figure and every checked result stays within
 * NUM_MAX (so that sums of two, negation and rounding cannot overflow). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "number.h"

static void within(num_t v)
{
	if (v > NUM_MAX || v < -NUM_MAX)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct num_cell c;
	if (num_parse((const char *)data, size, &c) != 0)
		return 0;
	within(c.value);
	num_t out;
	if (num_mul(c.value, c.value, &out) == 0)
		within(out);
	if (num_div(c.value, num_from_int(3), &out) == 0)
		within(out);
	for (int d = 0; d <= 6; d++)
		within(num_round(c.value, d, d & 1));
	for (int steps = -2; steps <= 2; steps++)
		if (num_scale_units(c.value, steps, &out) == 0)
			within(out);
	if (num_narrow((num_wide_t)c.value + c.value, &out) == 0)
		within(out);
	within(-c.value);
	return 0;
}
