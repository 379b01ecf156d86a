/* pool: every item of a run is handed out once, on at most the threads
 * asked for; the threads stay from run to run until pool_stop; a run
 * started from inside an item runs on that item's thread. */
#define _GNU_SOURCE /* syscall */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "pool.h"

#define MAX_ITEMS 5000
#define MAX_SEEN 128

struct run {
	atomic_int done[MAX_ITEMS];
	pthread_mutex_t lock;
	long seen[MAX_SEEN]; /* the threads (kernel ids: never reused soon) that ran items */
	int nseen;
	int nap_us;               /* each item waits this long */
};

static void note_thread(struct run *r)
{
	long me = (long)syscall(SYS_gettid);
	pthread_mutex_lock(&r->lock);
	int known = 0;
	for (int k = 0; k < r->nseen; k++)
		known |= r->seen[k] == me;
	if (!known && r->nseen < MAX_SEEN)
		r->seen[r->nseen++] = me;
	pthread_mutex_unlock(&r->lock);
}

static void item(void *ud, size_t i)
{
	struct run *r = ud;
	atomic_fetch_add(&r->done[i], 1);
	note_thread(r);
	if (r->nap_us) {
		struct timespec ts = {0, r->nap_us * 1000L};
		nanosleep(&ts, NULL);
	}
}

static struct run *run_new(int nap_us)
{
	struct run *r = calloc(1, sizeof *r);
	pthread_mutex_init(&r->lock, NULL);
	r->nap_us = nap_us;
	return r;
}

static void run_free(struct run *r)
{
	pthread_mutex_destroy(&r->lock);
	free(r);
}

/* each of the n items ran once, and none past n */
static int all_once(const struct run *r, size_t n)
{
	for (size_t i = 0; i < MAX_ITEMS; i++)
		if (atomic_load(&r->done[i]) != (i < n ? 1 : 0))
			return 0;
	return 1;
}

static int contains(const struct run *r, long t)
{
	for (int k = 0; k < r->nseen; k++)
		if (r->seen[k] == t)
			return 1;
	return 0;
}

/* A run of 400 items that wait a little, on jobs threads: every thread
 * takes some. */
static struct run *waiting_run(int jobs)
{
	struct run *r = run_new(200);
	pool_run(400, jobs, item, r);
	CHECK(all_once(r, 400));
	CHECK(r->nseen == jobs);
	return r;
}

/* every thread that ran r's items also ran earlier's */
static int threads_from(const struct run *r, const struct run *earlier)
{
	for (int k = 0; k < r->nseen; k++)
		if (!contains(earlier, r->seen[k]))
			return 0;
	return 1;
}

/* ---- a run inside an item ---- */

struct outer {
	atomic_int ok, items;
};

struct inner {
	pthread_t owner;
	atomic_int elsewhere, count;
};

static void inner_item(void *ud, size_t i)
{
	(void)i;
	struct inner *in = ud;
	if (!pthread_equal(pthread_self(), in->owner))
		atomic_fetch_add(&in->elsewhere, 1);
	atomic_fetch_add(&in->count, 1);
}

static void outer_item(void *ud, size_t i)
{
	(void)i;
	struct outer *o = ud;
	struct inner in;
	in.owner = pthread_self();
	atomic_init(&in.elsewhere, 0);
	atomic_init(&in.count, 0);
	pool_run(50, 4, inner_item, &in);
	if (atomic_load(&in.count) == 50 && atomic_load(&in.elsewhere) == 0)
		atomic_fetch_add(&o->ok, 1);
	atomic_fetch_add(&o->items, 1);
}

int main(void)
{
	static const size_t sizes[] = {0, 1, 2, 3, 7, 100, 1000, MAX_ITEMS};
	static const int jobs[] = {1, 2, 3, 8, 64, 100};
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
		for (size_t j = 0; j < sizeof jobs / sizeof *jobs; j++) {
			struct run *r = run_new(0);
			pool_run(sizes[s], jobs[j], item, r);
			CHECK(all_once(r, sizes[s]));
			/* never more threads than asked for (or items) */
			CHECK(r->nseen <= jobs[j]);
			CHECK(r->nseen <= (int)(sizes[s] ? sizes[s] : 1));
			run_free(r);
		}

	/* The same threads come back for the next run: none is started
	 * anew; a smaller run uses some of them. */
	struct run *a = waiting_run(4);
	struct run *b = waiting_run(4);
	CHECK(threads_from(b, a));
	struct run *c = waiting_run(2);
	CHECK(threads_from(c, a));

	/* a run started from inside an item stays on its thread */
	struct outer o;
	atomic_init(&o.ok, 0);
	atomic_init(&o.items, 0);
	pool_run(40, 4, outer_item, &o);
	CHECK(atomic_load(&o.items) == 40);
	CHECK(atomic_load(&o.ok) == 40);

	/* after pool_stop the next run starts threads again */
	pool_stop();
	struct run *d = waiting_run(3);
	long main_id = (long)syscall(SYS_gettid);
	int fresh = 1;
	for (int k = 0; k < d->nseen; k++)
		if (d->seen[k] != main_id)
			fresh &= !contains(a, d->seen[k]);
	CHECK(fresh);
	/* pool_start ahead of a run: the run finds them */
	pool_stop();
	pool_start(3);
	struct run *e = waiting_run(3);
	pool_stop();
	pool_stop(); /* twice: nothing to stop */

	run_free(a);
	run_free(b);
	run_free(c);
	run_free(d);
	run_free(e);
	return check_done("pool");
}
