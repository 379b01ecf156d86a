/*
 * output: the all-or-nothing output directory.
 *
 * A build writes into a staging directory beside the output directory and
 * only swaps it in (one atomic rename) when the whole build succeeded, so a
 * failed build leaves the previous output exactly as it was. output_begin
 * refuses output directories that would hold or replace the site's own
 * sources, or a directory that planpress did not make. Every write goes
 * through output_* with a path relative to the output directory, which is
 * checked so nothing can be written outside it.
 *
 * A file whose bytes equal those of the same file in the previous output
 * is not written again but hard-linked from there, so it keeps its inode
 * and modification time and a deploy by rsync sends only what changed.
 */
#ifndef PLANPRESS_OUTPUT_H
#define PLANPRESS_OUTPUT_H

#include <stddef.h>

struct output {
	char *final;     /* absolute path of the output directory */
	char *staging;   /* where this build writes */
	int dry;         /* check: write nothing */
	int have_prev;   /* final holds a previous build to reuse files from */
};

/* Marker file that tells a planpress output directory from any other. */
#define OUTPUT_MARKER ".planpress-output"

/* site: the site directory; out: the output directory, relative to the site
 * unless absolute; conf: site.conf's path, for diagnostics. */
int output_begin(struct output *o, const char *site, const char *out,
		 const char *conf, int dry);
int output_mkdir(const struct output *o, const char *rel_dir);
int output_write(const struct output *o, const char *rel, const char *data, size_t len);
int output_copy(const struct output *o, const char *rel, const char *from);
/* Swaps the staging directory in. Returns 0, or -1 after a diagnostic. */
int output_commit(struct output *o);
/* Throws the staging directory away. */
void output_abort(struct output *o);
void output_free(struct output *o);

#endif
