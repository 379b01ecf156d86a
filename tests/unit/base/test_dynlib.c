/* dynlib: a library loaded by its soname gives the functions asked for;
 * a missing library or function is an error that names the package. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "dynlib.h"

/* the messages go to stderr: catch them in a file to look at */
static char *errors_of(int (*fn)(void))
{
	char path[] = "/tmp/planpress-test-dynlib-XXXXXX";
	int fd = mkstemp(path);
	fflush(stderr);
	int saved = dup(2);
	dup2(fd, 2);
	int rc = fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	char text[1024] = "";
	ssize_t n = pread(fd, text, sizeof text - 1, 0);
	text[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	char *out = malloc(strlen(text) + 8);
	sprintf(out, "%d %s", rc, text);
	return out;
}

static double (*my_cos)(double);
static __typeof__(&strlen) my_strlen;

static int load_libm(void)
{
	const struct dynlib_sym syms[] = {{"cos", &my_cos}, {NULL, NULL}};
	return dynlib_load("libm.so.6", "libc6", "test", syms);
}

static int load_missing_library(void)
{
	const struct dynlib_sym syms[] = {{"cos", &my_cos}, {NULL, NULL}};
	return dynlib_load("libplanpress-none.so.9", "planpress-none", "serve", syms);
}

static int load_missing_function(void)
{
	const struct dynlib_sym syms[] = {{"strlen", &my_strlen}, {"no_such_function_here", &my_cos},
					  {NULL, NULL}};
	return dynlib_load("libc.so.6", "libc6", "check", syms);
}

int main(void)
{
	char *e = errors_of(load_libm);
	CHECK_STR(e, "0 ");
	free(e);
	CHECK(my_cos && my_cos(0.0) == 1.0);
	CHECK(diag_error_count() == 0);

	e = errors_of(load_missing_library);
	CHECK(e[0] == '-' && e[1] == '1');
	CHECK(strstr(e, "error: planpress serve needs libplanpress-none.so.9 (install the Debian package planpress-none)") != NULL);
	free(e);

	e = errors_of(load_missing_function);
	CHECK(e[0] == '-' && e[1] == '1');
	CHECK(strstr(e, "error: planpress check: libc.so.6 has no no_such_function_here") != NULL);
	CHECK(my_strlen && my_strlen("planpress") == 9);
	free(e);
	CHECK(diag_error_count() == 2);
	return check_done("dynlib");
}
