/*
 * stop: Ctrl-C and SIGTERM during a build.
 *
 * A signal asks the build to stop. The build's threads look at
 * stop_requested() between pages and files and leave cleanly, and the
 * build then removes what it wrote. One page can take longer than anyone
 * waits (a page file may hold up to 64 MiB), so a watchdog thread gives
 * the build one second after the signal. If it has not ended by then,
 * the watchdog runs the cleanup the build registered (which removes
 * what the build wrote, whatever its threads are doing) and ends the
 * process with status 130. A commit is never cut in two: once the build
 * has called stop_hold(), the watchdog leaves the rest to it.
 *
 * Programs the build runs (the PDF engine) are stopped with it: they are
 * registered with stop_child_add and sent SIGTERM when the signal comes.
 *
 * One build at a time per process: stop_begin starts the watchdog,
 * stop_end joins it.
 */
#ifndef PLANPRESS_STOP_H
#define PLANPRESS_STOP_H

#include <sys/types.h>

/* Installs the handlers for SIGINT and SIGTERM and starts the watchdog.
 * message is printed when the watchdog ends the process. */
void stop_begin(const char *message);
/* What the watchdog runs before it ends the process; fn must work while
 * other threads of the build go on (see output_abandon). */
void stop_set_cleanup(void (*fn)(void *), void *arg);
/* 1 once a signal came */
int stop_requested(void);
/* From here the build ends on its own: the watchdog no longer ends the
 * process. If the watchdog has begun to, this never returns. */
void stop_hold(void);
/* Stops and joins the watchdog. */
void stop_end(void);
/* Child processes to end with the build. */
void stop_child_add(pid_t pid);
void stop_child_remove(pid_t pid);

#endif
