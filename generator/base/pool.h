/*
 * pool: runs fn(ud, i) for i in [0, n) on several threads. Items are
 * handed out one at a time, so uneven pages balance themselves. With
 * jobs <= 1 everything runs on the calling thread. The threads it starts
 * mark their heaps for huge pages first (memhint.h) and wait for the next
 * run when one ends, until pool_stop. One run at a time; a run started
 * from inside one runs on its thread.
 */
#ifndef PLANPRESS_POOL_H
#define PLANPRESS_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *ud, size_t i);

void pool_run(size_t n, int jobs, pool_fn fn, void *ud);
/* Starts the threads a run of jobs will use, ahead of it: a thread takes
 * a while to reach an idle core while its starter keeps busy. */
void pool_start(int jobs);
/* Ends the threads (a later run starts them again). */
void pool_stop(void);
/* The number of online cores (at least 1). */
int pool_cores(void);

#endif
