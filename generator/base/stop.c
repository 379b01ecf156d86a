#include "stop.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How long a build has to end by itself after the signal. */
#define GRACE_MS 800

enum { RUNNING, HELD, ENDING };

static volatile sig_atomic_t requested;
static sem_t wake;
static pthread_t watchdog;
static int watching;
static atomic_int state;
static atomic_int over;
static void (*cleanup)(void *);
static void *cleanup_arg;
static const char *end_message;

#define MAX_CHILDREN 128
static atomic_int children[MAX_CHILDREN];

static void on_signal(int sig)
{
	(void)sig;
	if (!requested) {
		requested = 1;
		/* sem_post is safe in a signal handler; the watchdog wakes */
		sem_post(&wake);
	}
}

static void kill_children(void)
{
	for (int i = 0; i < MAX_CHILDREN; i++) {
		int pid = atomic_load(&children[i]);
		if (pid > 0)
			kill((pid_t)pid, SIGTERM);
	}
}

static void *watch(void *arg)
{
	(void)arg;
	while (sem_wait(&wake) != 0)
		if (errno != EINTR)
			return NULL;
	if (atomic_load(&over))
		return NULL;
	kill_children();
	for (int ms = 0; ms < GRACE_MS; ms += 50) {
		if (atomic_load(&over))
			return NULL;
		struct timespec ts = {0, 50 * 1000000L};
		nanosleep(&ts, NULL);
	}
	int expected = RUNNING;
	if (!atomic_compare_exchange_strong(&state, &expected, ENDING))
		return NULL; /* the build is committing or cleaning up */
	if (cleanup)
		cleanup(cleanup_arg);
	if (end_message) {
		ssize_t n = write(2, end_message, strlen(end_message));
		(void)n;
	}
	_exit(130);
}

void stop_begin(const char *message)
{
	requested = 0;
	atomic_store(&state, RUNNING);
	atomic_store(&over, 0);
	cleanup = NULL;
	cleanup_arg = NULL;
	end_message = message;
	sem_init(&wake, 0, 0);
	/* the watchdog never takes the signals itself: it would be woken
	 * by its own handler while it sleeps */
	sigset_t sigs, was;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &was);
	watching = pthread_create(&watchdog, NULL, watch, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void stop_set_cleanup(void (*fn)(void *), void *arg)
{
	cleanup_arg = arg;
	cleanup = fn;
}

int stop_requested(void)
{
	return requested != 0;
}

void stop_hold(void)
{
	int expected = RUNNING;
	if (atomic_compare_exchange_strong(&state, &expected, HELD) || expected == HELD)
		return;
	/* the watchdog is removing what the build wrote and ends the
	 * process: nothing more may be written */
	for (;;)
		pause();
}

void stop_end(void)
{
	atomic_store(&over, 1);
	if (watching) {
		sem_post(&wake);
		pthread_join(watchdog, NULL);
		watching = 0;
	}
	sem_destroy(&wake);
	cleanup = NULL;
}

void stop_child_add(pid_t pid)
{
	for (int i = 0; i < MAX_CHILDREN; i++) {
		int free_slot = 0;
		if (atomic_compare_exchange_strong(&children[i], &free_slot, (int)pid))
			return;
	}
	/* more at once than slots: that one is not stopped early, but
	 * the build still waits for it */
}

void stop_child_remove(pid_t pid)
{
	for (int i = 0; i < MAX_CHILDREN; i++) {
		int mine = (int)pid;
		if (atomic_compare_exchange_strong(&children[i], &mine, 0))
			return;
	}
}
