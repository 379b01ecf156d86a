#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "memhint.h"

#define MAX_JOBS 64

struct pool {
	atomic_size_t next;
	size_t n;
	pool_fn fn;
	void *ud;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->n)
			break;
		p->fn(p->ud, i);
	}
	return NULL;
}

static void *thread_main(void *arg)
{
	memhint_thread();
	return worker(arg);
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
	pthread_t t[MAX_JOBS];
	int started = 0;
	for (int j = 1; j < jobs; j++)
		if (pthread_create(&t[started], NULL, thread_main, &p) == 0)
			started++;
	worker(&p);
	for (int j = 0; j < started; j++)
		pthread_join(t[j], NULL);
}
