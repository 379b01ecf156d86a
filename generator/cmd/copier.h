/*
 * copier: the site's other content files (images, PDFs, CSV files that
 * no page reads) copied into the output.
 *
 * They depend on nothing but the scan, so a fresh output's copies start
 * early, on a thread of the lowest priority (SCHED_IDLE): a core that
 * would wait while the other links the site copies instead. Whatever the
 * thread has not taken when the pages render is copied by the build's
 * last pool, file by file, with copier_next. Each file is taken once.
 *
 * The copier reads the site's file list and writes through the output;
 * it owns its thread only.
 */
#ifndef PLANPRESS_COPIER_H
#define PLANPRESS_COPIER_H

#include <pthread.h>
#include <stdatomic.h>

struct site;
struct output;

struct copier {
	const struct site *site;
	const struct output *out;
	atomic_size_t next;     /* the next file to copy */
	atomic_int stop;
	pthread_t thread;
	int started;
};

/* Sets c up for the site's files and the output (c zeroed by the caller). */
void copier_init(struct copier *c, const struct site *s, const struct output *out);
/* Starts copying on a thread of its own. Writing early is safe only into a
 * fresh output, which is a staging directory until the commit. */
void copier_start(struct copier *c);
/* Copies the next file not yet taken; 0 when there is none. Any thread. */
int copier_next(struct copier *c);
/* Waits for the thread; with stop, it first stops it after the file it
 * is copying. */
void copier_join(struct copier *c, int stop);

#endif
