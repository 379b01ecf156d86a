/* arena: blocks come zeroed and aligned, the newest grows in place, a
 * nested arena leaves the outer one's blocks alone, and an ended arena's
 * chunks serve the thread's next arena; a thread's kept chunks go with it
 * (LeakSanitizer checks that at exit). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "check.h"

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void *in_thread(void *arg)
{
	(void)arg;
	for (int k = 0; k < 3; k++) {
		struct arena a;
		cmark_mem *mem = arena_begin(&a);
		for (int i = 0; i < 100; i++)
			memset(mem->calloc(1, 4000), 1, 4000);
		arena_end(&a);
	}
	return NULL;
}

int main(void)
{
	struct arena a, b;
	cmark_mem *mem = arena_begin(&a);
	unsigned char *p1 = mem->calloc(10, 100);
	CHECK(all_zero(p1, 1000));
	CHECK(((uintptr_t)p1 & 15) == 0);
	memset(p1, 0xAA, 1000);
	/* the newest block grows where it is */
	CHECK(mem->realloc(p1, 2000) == p1);
	unsigned char *p2 = mem->calloc(1, 7);
	CHECK(((uintptr_t)p2 & 15) == 0);
	memset(p2, 0xBB, 7);
	/* an older one moves, with its bytes */
	unsigned char *p3 = mem->realloc(p1, 3000);
	CHECK(p3 != p1 && p3[0] == 0xAA && p3[999] == 0xAA);

	/* a nested arena, and the outer's blocks after it */
	cmark_mem *inner = arena_begin(&b);
	memset(inner->calloc(1, 50000), 0xCC, 50000);
	arena_end(&b);
	CHECK(p2[0] == 0xBB && p2[6] == 0xBB && p3[999] == 0xAA);
	unsigned char *p4 = mem->calloc(1, 100);
	CHECK(all_zero(p4, 100));
	arena_end(&a);

	/* the next arena starts in the chunk the last one ended with, zeroed
	 * for calloc; what malloc hands out meanwhile is not that chunk */
	mem = arena_begin(&a);
	unsigned char *q = mem->calloc(10, 100);
	arena_end(&a);
	void *m = malloc(64 * 1024 + 64);
	mem = arena_begin(&a);
	unsigned char *r = mem->calloc(10, 100);
	CHECK(r == q);
	CHECK(all_zero(r, 1000));
	/* a block larger than a chunk gets its own */
	unsigned char *big = mem->calloc(1, 200000);
	CHECK(all_zero(big, 200000));
	big[199999] = 1;
	arena_end(&a);
	free(m);

	pthread_t t;
	CHECK(pthread_create(&t, NULL, in_thread, NULL) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	return check_done("arena");
}
