/*
 * dynlib: the libraries only some commands use, loaded when they run.
 *
 * `planpress check` parses pages with libxml2, a build writes its feeds
 * with it, `planpress serve` serves pages with libmicrohttpd, and the ODT
 * form zips with libzip. Linked like the others, they (with ICU and
 * GnuTLS behind them) were loaded and relocated at the start of every
 * run, also by commands and builds that never call them. Their headers still declare what is called (each function
 * pointer has the type of the function it stands for), and the library
 * named is the one the headers came with (its soname, found by the
 * Makefile).
 *
 * Nothing is ever unloaded: a loaded library stays for the process.
 */
#ifndef PLANPRESS_DYNLIB_H
#define PLANPRESS_DYNLIB_H

struct dynlib_sym {
	const char *name;
	void *slot; /* the address of a function pointer (or of a pointer to data) */
};

/* Loads soname and fills every slot of syms (ended by a NULL name).
 * Returns 0, or -1 after an error that names the command, the Debian
 * package that holds the library and what went wrong. Loading the same
 * library again is cheap. */
int dynlib_load(const char *soname, const char *package, const char *command,
		const struct dynlib_sym *syms);

#endif
