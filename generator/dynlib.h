/*
 * dynlib: the libraries only some commands use, loaded when they run.
 *
 * `planpress check` parses pages with libxml2 and `planpress serve`
 * serves them with libmicrohttpd. Linked like the others, the two (with
 * ICU and GnuTLS behind them) were loaded and relocated at the start of
 * every build too, for 3 ms of its time, and of every rebuild the preview
 * makes. Their headers still declare what is called (each function
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
