#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>

#include "memhint.h"

#define MAX_JOBS 64

struct pool {
	atomic_size_t next;
	size_t n;
	pool_fn fn;
	void *ud;
};

static void worker(struct pool *p)
{
	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->n)
			break;
		p->fn(p->ud, i);
	}
}

/* The threads stay between runs. A thread started while its starter keeps
 * the core busy waits for the scheduler to move it to an idle one: about
 * a millisecond here, at every run, and a build has half a dozen runs. A
 * thread that sleeps on a condition is woken where it slept, mostly in
 * tens of microseconds. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t work, done;
	unsigned long gen;  /* bumped for each run and for the stop */
	int stop;
	int want;           /* threads the run uses besides its caller */
	int running;        /* of those, still at it */
	struct pool *job;
	int nthreads;
	pthread_t threads[MAX_JOBS];
	unsigned long born[MAX_JOBS]; /* the generation a thread was started in */
} shared = {.lock = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

/* set while this thread runs items: a run from inside one runs here */
static _Thread_local int in_run;

static void *thread_main(void *arg)
{
	int id = (int)(intptr_t)arg;
	memhint_thread();
	in_run = 1;
	pthread_mutex_lock(&shared.lock);
	/* the run that started it is the one after its birth */
	unsigned long seen = shared.born[id];
	for (;;) {
		while (shared.gen == seen)
			pthread_cond_wait(&shared.work, &shared.lock);
		seen = shared.gen;
		if (shared.stop)
			break;
		if (id >= shared.want)
			continue;
		struct pool *p = shared.job;
		pthread_mutex_unlock(&shared.lock);
		worker(p);
		pthread_mutex_lock(&shared.lock);
		if (--shared.running == 0)
			pthread_cond_signal(&shared.done);
	}
	pthread_mutex_unlock(&shared.lock);
	return NULL;
}

/* with the lock held */
static void start_threads(int n)
{
	if (n > MAX_JOBS - 1)
		n = MAX_JOBS - 1;
	while (shared.nthreads < n) {
		shared.born[shared.nthreads] = shared.gen;
		if (pthread_create(&shared.threads[shared.nthreads], NULL, thread_main,
				   (void *)(intptr_t)shared.nthreads) != 0)
			break;
		shared.nthreads++;
	}
}

void pool_start(int jobs)
{
	pthread_mutex_lock(&shared.lock);
	start_threads(jobs - 1);
	pthread_mutex_unlock(&shared.lock);
}

int pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

void pool_run(size_t n, int jobs, pool_fn fn, void *ud)
{
	struct pool p;
	atomic_init(&p.next, 0);
	p.n = n;
	p.fn = fn;
	p.ud = ud;
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if ((size_t)jobs > n)
		jobs = (int)n;
	if (jobs <= 1 || in_run) {
		worker(&p);
		return;
	}
	pthread_mutex_lock(&shared.lock);
	start_threads(jobs - 1);
	int want = jobs - 1 < shared.nthreads ? jobs - 1 : shared.nthreads;
	shared.job = &p;
	shared.want = want;
	shared.running = want;
	shared.gen++;
	pthread_cond_broadcast(&shared.work);
	pthread_mutex_unlock(&shared.lock);

	in_run = 1;
	worker(&p);
	in_run = 0;

	pthread_mutex_lock(&shared.lock);
	while (shared.running > 0)
		pthread_cond_wait(&shared.done, &shared.lock);
	shared.job = NULL;
	pthread_mutex_unlock(&shared.lock);
}

void pool_stop(void)
{
	pthread_mutex_lock(&shared.lock);
	int n = shared.nthreads;
	shared.stop = 1;
	shared.gen++;
	pthread_cond_broadcast(&shared.work);
	pthread_mutex_unlock(&shared.lock);
	for (int i = 0; i < n; i++)
		pthread_join(shared.threads[i], NULL);
	pthread_mutex_lock(&shared.lock);
	shared.nthreads = 0;
	shared.stop = 0;
	pthread_mutex_unlock(&shared.lock);
}
