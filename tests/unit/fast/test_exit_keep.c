/* exit_keep: a big site is kept to the end of the process, reachable (the
 * leak checker that ends this test would count it otherwise), and nothing
 * is kept of a small one; built with -DPLANPRESS_PLAIN, nothing at all. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "exit_keep.h"

struct owner {
	char *a, *b;
};

int main(void)
{
	struct owner small = {xstrdup("a"), xstrdup("b")};
	CHECK(exit_keep(&small, sizeof small, EXIT_KEEP_PAGES - 1) == 0);
	free(small.a);
	free(small.b);

	struct owner big = {xstrdup("many pages"), xmalloc(1 << 20)};
	int kept = exit_keep(&big, sizeof big, EXIT_KEEP_PAGES);
#ifdef PLANPRESS_PLAIN
	CHECK(kept == 0);
#else
	CHECK(kept == 1);
#endif
	if (!kept) {
		free(big.a);
		free(big.b);
	}
	/* what was kept is a copy: the original may go */
	memset(&big, 0, sizeof big);
	return check_done("exit_keep");
}
