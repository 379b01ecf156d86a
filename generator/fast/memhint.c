#define _DEFAULT_SOURCE /* sbrk, madvise */
#include "memhint.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)
/* how much a heap grows by at a time once the hints are on */
#define STEP (64 << 20)
/* glibc's M_TOP_PAD when nobody sets it */
#define DEFAULT_STEP (128 << 10)
/* glibc gives each thread's arena heaps of this size, aligned to it
 * (HEAP_MAX_SIZE in its arena.c: twice the largest mmap threshold) */
#define THREAD_HEAP ((uintptr_t)2 * 4 * 1024 * 1024 * sizeof(long))
/* below any mmap threshold, so malloc takes it from the heap */
#define PROBE (64 << 10)
#define MAX_PROBES 256

static atomic_int on;
static pthread_t main_thread;   /* the one that grows the main heap */
static uintptr_t main_marked;   /* the main heap is marked up to here */
static _Thread_local uintptr_t heap_marked; /* this thread's heap, marked */

/* marks the whole huge pages of [lo, hi) */
static size_t advise(uintptr_t lo, uintptr_t hi)
{
#ifdef MADV_HUGEPAGE
	lo = (lo + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	hi &= ~(HUGE_PAGE - 1);
	if (hi > lo && madvise((void *)lo, hi - lo, MADV_HUGEPAGE) == 0)
		return hi - lo;
#else
	(void)lo;
	(void)hi;
#endif
	return 0;
}

size_t memhint_start(void)
{
#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE) && !defined(PLANPRESS_PLAIN)
	if (mallopt(M_TOP_PAD, STEP) != 1)
		return 0;
	/* Take memory from the main heap until malloc has to grow it: it then
	 * grows by STEP, and that new end is marked before anything touches
	 * it. An allocator that is not glibc's never moves the break; the
	 * probes are bounded by what the heap has free. */
	size_t probes = 2;
#if __GLIBC_PREREQ(2, 33)
	probes += mallinfo2().fordblks / PROBE;
#endif
	if (probes > MAX_PROBES)
		probes = MAX_PROBES;
	void *held[MAX_PROBES];
	size_t n = 0;
	uintptr_t before = (uintptr_t)sbrk(0);
	while (n < probes && (uintptr_t)sbrk(0) == before && (held[n] = malloc(PROBE)))
		n++;
	uintptr_t after = (uintptr_t)sbrk(0);
	size_t marked = after > before && before != (uintptr_t)-1 ? advise(before, after) : 0;
	while (n)
		free(held[--n]);
	if (!marked) {
		mallopt(M_TOP_PAD, DEFAULT_STEP);
		return 0;
	}
	main_thread = pthread_self();
	main_marked = after & ~(HUGE_PAGE - 1);
	atomic_store(&on, 1);
	return marked;
#else
	return 0;
#endif
}

/* marks the thread heap that holds address a, unless it is the one
 * marked last */
static size_t mark_heap_of(uintptr_t a)
{
	uintptr_t lo = a & ~(THREAD_HEAP - 1);
	if (lo == heap_marked)
		return 0;
	heap_marked = lo;
	return advise(lo, lo + THREAD_HEAP);
}

size_t memhint_more(const void *recent)
{
	if (!atomic_load(&on))
		return 0;
	if (pthread_equal(pthread_self(), main_thread)) {
		/* the main heap grew by another STEP: mark what is new */
		uintptr_t end = (uintptr_t)sbrk(0);
		if (end == (uintptr_t)-1 || end < main_marked + HUGE_PAGE)
			return 0;
		size_t marked = advise(main_marked, end);
		main_marked = end & ~(HUGE_PAGE - 1);
		return marked;
	}
	/* A block taken lately lies in the heap the thread takes from now: a
	 * new one when the last was full. */
	return recent ? mark_heap_of((uintptr_t)recent) : 0;
}

size_t memhint_thread(void)
{
	if (!atomic_load(&on))
		return 0;
	/* The thread's first allocation gives it its arena. A new arena's
	 * heap is made STEP (the whole THREAD_HEAP) big at once, so marking
	 * the heap around that first chunk marks all the thread will use of
	 * it. A thread that shares the main arena (more threads than glibc
	 * makes arenas) marks part of the main heap: also a heap. */
	void *p = malloc(1);
	if (!p)
		return 0;
	uintptr_t a = (uintptr_t)p;
	free(p);
	return mark_heap_of(a);
}
