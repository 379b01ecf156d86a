/* memhint: the heaps malloc hands out are marked for huge pages, and the
 * kernel then backs them with huge pages. Built three times: with the
 * sanitizers, whose allocator is not glibc's (nothing may be marked);
 * without (build/rel/test_memhint), where glibc's heaps must be; and
 * without, as the plain fallback (-DPLANPRESS_PLAIN, build/plain/), where
 * nothing may be marked again. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "memhint.h"

#if defined(__SANITIZE_ADDRESS__)
#define OWN_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OWN_MALLOC 0
#endif
#endif
#ifndef OWN_MALLOC
#ifdef PLANPRESS_PLAIN
#define OWN_MALLOC 0 /* glibc's, but no hints are given */
#else
#define OWN_MALLOC 1 /* glibc's */
#endif
#endif

#define MIB ((size_t)1 << 20)
#define CHUNK 1000
#define CHUNKS 10000 /* about 10 MB */

/* The kernel gives huge pages unless it was told never to. */
static int kernel_has_thp(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	if (!f)
		return 0;
	char line[128] = "";
	int ok = fgets(line, sizeof line, f) && !strstr(line, "[never]");
	fclose(f);
	return ok;
}

/* What smaps says of the mapping that holds p: its kB of huge pages, and
 * whether it is marked for them ("hg" among its VmFlags). */
struct mapping {
	int found;
	long huge_kb;
	int marked;
};

static struct mapping mapping_of(const void *p)
{
	struct mapping m = {0, 0, 0};
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return m;
	char line[512];
	int inside = 0;
	uintptr_t a = (uintptr_t)p;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char *dash = strchr(line, '-'), *space = strchr(line, ' ');
		if (dash && space && dash < space && sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
			if (inside)
				break;
			inside = a >= lo && a < hi;
			m.found |= inside;
			continue;
		}
		long v;
		if (inside && sscanf(line, "AnonHugePages: %ld kB", &v) == 1)
			m.huge_kb = v;
		if (inside && !strncmp(line, "VmFlags:", 8))
			m.marked = strstr(line, " hg") != NULL;
	}
	fclose(f);
	return m;
}

/* Allocates and touches about 10 MB in small blocks, as a build does, and
 * returns the mapping of the middle block. */
static struct mapping fill_and_measure(char **blocks)
{
	for (int i = 0; i < CHUNKS; i++) {
		blocks[i] = malloc(CHUNK);
		memset(blocks[i], i, CHUNK);
	}
	return mapping_of(blocks[CHUNKS / 2]);
}

static void drop(char **blocks)
{
	for (int i = 0; i < CHUNKS; i++)
		free(blocks[i]);
}

/* Past the first step: about 100 MB more in small blocks, then a look.
 * Returns what memhint_more marked; *last is the newest block's mapping. */
#define BIG_BLOCK 4000
#define BIG_BLOCKS 25000

static size_t outgrow(struct mapping *last)
{
	char **v = malloc(BIG_BLOCKS * sizeof *v);
	for (int i = 0; i < BIG_BLOCKS; i++) {
		v[i] = malloc(BIG_BLOCK);
		v[i][0] = (char)i;
	}
	size_t more = memhint_more(v[BIG_BLOCKS - 1]);
	size_t again = memhint_more(v[BIG_BLOCKS - 1]);
	*last = mapping_of(v[BIG_BLOCKS - 1]);
	for (int i = 0; i < BIG_BLOCKS; i++)
		free(v[i]);
	free(v);
	return again ? 0 : more; /* a second look finds nothing new */
}

struct thread_result {
	size_t marked, more;
	struct mapping heap, stack, grown;
};

static void *thread_main(void *arg)
{
	struct thread_result *r = arg;
	r->marked = memhint_thread();
	char **blocks = malloc(CHUNKS * sizeof *blocks);
	r->heap = fill_and_measure(blocks);
	/* the thread's stack is no heap: not marked */
	r->stack = mapping_of(&blocks);
	r->more = outgrow(&r->grown);
	drop(blocks);
	free(blocks);
	return NULL;
}

int main(void)
{
	/* before memhint_start, threads mark nothing */
	CHECK(memhint_thread() == 0);

	size_t marked = memhint_start();
	char **blocks = malloc(CHUNKS * sizeof *blocks);
	struct mapping main_heap = fill_and_measure(blocks);
	struct mapping main_grown;
	size_t main_more = outgrow(&main_grown);
	struct thread_result tr;
	memset(&tr, 0, sizeof tr);
	pthread_t t;
	CHECK(pthread_create(&t, NULL, thread_main, &tr) == 0);
	pthread_join(t, NULL);

	CHECK(main_heap.found && tr.heap.found && tr.stack.found);
	CHECK(!tr.stack.marked);
	if (!OWN_MALLOC) {
		/* a sanitizer's malloc, no heap of glibc's to mark; or the
		 * plain fallback */
		CHECK(marked == 0);
		CHECK(tr.marked == 0);
		CHECK(main_more == 0 && tr.more == 0);
		CHECK(!main_heap.marked && !tr.heap.marked);
	} else {
		/* the main heap grew by its new step, nearly all of it marked */
		CHECK(marked >= 32 * MIB);
		CHECK(marked % (2 * MIB) == 0);
		/* a thread's arena: one whole glibc heap */
		CHECK(tr.marked == 64 * MIB);
		CHECK(main_heap.marked);
		CHECK(tr.heap.marked);
		/* heaps that outgrow their first step are marked anew */
		CHECK(main_more >= 32 * MIB);
		CHECK(main_grown.marked);
		CHECK(tr.more == 64 * MIB);
		CHECK(tr.grown.marked);
		if (kernel_has_thp()) {
			/* 10 MB touched: several whole huge pages in each heap */
			CHECK(main_heap.huge_kb >= 4096);
			CHECK(tr.heap.huge_kb >= 4096);
			if (main_heap.huge_kb < 4096 || tr.heap.huge_kb < 4096)
				printf("  huge pages: main heap %ld kB, thread heap %ld kB\n",
				       main_heap.huge_kb, tr.heap.huge_kb);
		} else {
			printf("# the kernel gives no transparent huge pages: their use not checked\n");
		}
	}
	drop(blocks);
	free(blocks);
	return check_done("memhint");
}
