/*
 * Copying the site's other files into the output (copier.h).
 */
#define _GNU_SOURCE /* SCHED_IDLE */
#include "copier.h"

#include <sched.h>
#include <stdlib.h>

#include "fsutil.h"
#include "output.h"
#include "site.h"
#include "stop.h"

void copier_init(struct copier *c, const struct site *s, const struct output *out)
{
	c->site = s;
	c->out = out;
	atomic_store(&c->next, 0);
	atomic_store(&c->stop, 0);
	c->started = 0;
}

static void copy_one(struct copier *c, size_t i)
{
	if (stop_requested())
		return;
	const char *rel = c->site->files[i];
	/* (output_copy makes a missing folder of a fresh output itself) */
	char *from = fs_join(c->site->content, rel);
	output_copy(c->out, rel, from);
	free(from);
}

int copier_next(struct copier *c)
{
	size_t i = atomic_fetch_add(&c->next, 1);
	if (i >= c->site->nfiles)
		return 0;
	copy_one(c, i);
	return 1;
}

static void *copier_main(void *arg)
{
	struct copier *c = arg;
	struct sched_param sp = {0};
	pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
	while (!atomic_load(&c->stop) && copier_next(c))
		;
	return NULL;
}

void copier_start(struct copier *c)
{
	if (c->site->nfiles == 0)
		return;
	c->started = pthread_create(&c->thread, NULL, copier_main, c) == 0;
}

void copier_join(struct copier *c, int stop)
{
	if (!c->started)
		return;
	if (stop)
		atomic_store(&c->stop, 1);
	pthread_join(c->thread, NULL);
	c->started = 0;
}
