#include "diag.h"

#include <libintl.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int errors, warnings, quiet;
static _Thread_local int thread_count;

void diag(enum diag_level level, const char *path, int line, int col,
	  const char *fmt, ...)
{
	/* the keywords stay English, as a compiler writes them, for the
	 * editors and CI jobs that read "file:line:col: error:" */
	static const char *names[] = {"note", "warning", "error"};
	/* the message in the user's language (i18n.h); a format that is
	 * translated already (ngettext at the call) comes back unchanged */
	fmt = gettext(fmt);
	thread_count++;
	pthread_mutex_lock(&lock);
	if (level == DIAG_ERROR)
		errors++;
	else if (level == DIAG_WARNING)
		warnings++;
	if (quiet > 1) {
		/* silent (the fuzzers): still format the message, which is
		 * where a bad argument would show */
		char sink[512];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(sink, sizeof sink, fmt, ap);
		va_end(ap);
	} else if (level == DIAG_ERROR || !quiet) {
		fputs(path ? path : "planpress", stderr);
		if (line > 0) {
			fprintf(stderr, ":%d", line);
			if (col > 0)
				fprintf(stderr, ":%d", col);
		}
		fprintf(stderr, ": %s: ", names[level]);
		va_list ap;
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	pthread_mutex_unlock(&lock);
}

int diag_thread_count(void)
{
	return thread_count;
}

int diag_error_count(void)
{
	pthread_mutex_lock(&lock);
	int n = errors;
	pthread_mutex_unlock(&lock);
	return n;
}

int diag_warning_count(void)
{
	pthread_mutex_lock(&lock);
	int n = warnings;
	pthread_mutex_unlock(&lock);
	return n;
}

void diag_reset(void)
{
	pthread_mutex_lock(&lock);
	errors = warnings = 0;
	pthread_mutex_unlock(&lock);
}

void diag_set_quiet(int q)
{
	quiet = q;
}
