/*
 * memhint: asks the kernel to back a build's memory with huge pages.
 *
 * A build keeps every page's HTML from the moment it is parsed until the
 * page is written: tens of MB for a few thousand pages, first touched
 * 4 KiB at a time. Each first touch is a page fault (about 2 µs), and at
 * exit the kernel hands the pages back one by one; together about a tenth
 * of a big build's CPU time. In 2 MiB pages (transparent huge pages,
 * madvise(MADV_HUGEPAGE)) the same memory takes a few dozen faults.
 *
 * A huge page is only used where its whole 2 MiB lies inside the heap
 * when it is first touched, and glibc's malloc grows its heaps by little
 * more than it needs. So the heaps are first made to grow in big steps
 * (mallopt M_TOP_PAD), then marked. glibc can do this itself
 * (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), but only when told before the
 * program starts.
 *
 * Everything here is a hint. Under another allocator (a sanitizer's,
 * valgrind's, another libc) or a kernel without huge pages, nothing
 * changes but the speed; built with -DPLANPRESS_PLAIN it gives no hints
 * at all (make test runs test_memhint built so too). Owns nothing, frees
 * nothing.
 */
#ifndef PLANPRESS_MEMHINT_H
#define PLANPRESS_MEMHINT_H

#include <stddef.h>

/* Once, on the main thread, before any other thread allocates. Returns
 * the bytes of the main heap marked, 0 when nothing was (the hints are
 * then off for the threads as well). */
size_t memhint_start(void);
/* First thing in a thread that allocates for the build: marks the heap
 * malloc gives this thread. Returns the bytes marked, 0 when none. */
size_t memhint_thread(void);
/* Now and then during long work, on any thread: marks what the calling
 * thread's heap has grown by since (a big site outgrows the first step).
 * recent is a block the thread allocated lately (it shows which heap a
 * thread takes from now; NULL: none at hand). Cheap when nothing grew.
 * Returns the bytes marked. */
size_t memhint_more(const void *recent);

#endif
