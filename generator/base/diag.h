/*
 * diag: compiler-style diagnostics, "path:line[:col]: error: message".
 *
 * Every module reports bad input through here, so users see one format and
 * the build can count errors. The message is in the user's language; the
 * "error:" keyword is not, so that editors and CI can find it. Safe to
 * call from worker threads. Messages go to stderr as they come; the
 * counters decide the exit status.
 */
#ifndef PLANPRESS_DIAG_H
#define PLANPRESS_DIAG_H

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

/* path may be NULL (then "planpress" is shown); line 0 means no line,
 * col 0 means no column. fmt is English and is looked up in the message
 * catalogue (i18n.h), so the calls need no _(); an English fragment
 * handed in as a %s argument needs its own. */
void diag(enum diag_level level, const char *path, int line, int col,
	  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

int diag_error_count(void);
/* Messages of any level this thread has given so far: a page that gave
 * one is not taken from the build cache, so its messages come again. */
int diag_thread_count(void);
int diag_warning_count(void);
void diag_reset(void);
/* Stop printing warnings and notes (errors are always printed). */
/* 1: errors only; 2: nothing at all (the fuzzers) */
void diag_set_quiet(int quiet);

#endif
