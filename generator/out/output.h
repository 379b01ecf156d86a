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
#include <stdint.h>

struct output_log;

struct output {
	char *final;     /* absolute path of the output directory */
	char *site;      /* the site's directory as given: files copied in are
			    read from inside it only (fs_open_in) */
	char *staging;   /* where this build writes; NULL when updating in place */
	int dry;         /* check: write nothing */
	int have_prev;   /* final holds a previous build to reuse files from */
	int inplace;     /* see output_inplace */
	struct output_log *log; /* the files of this build's output, and what
				   an in-place update still has to rename */
};

/* What the output holds of one file, for the build cache. */
struct output_rec {
	char *rel;
	uint64_t size, ino;
	int64_t mtime_ns;
};

/* Marker file that tells a planpress output directory from any other. */
#define OUTPUT_MARKER ".planpress-output"

/* site: the site directory; out: the output directory, relative to the site
 * unless absolute; conf and conf_line: where out was given, for
 * diagnostics (site.conf and the line of 'output =', or NULL and 0 for
 * the command line's -o). */
int output_begin(struct output *o, const char *site, const char *out,
		 const char *conf, int conf_line, int dry);
int output_mkdir(const struct output *o, const char *rel_dir);
int output_write(const struct output *o, const char *rel, const char *data, size_t len);
int output_copy(const struct output *o, const char *rel, const char *from);
/* An incremental build updates the previous output instead of replacing
 * it: a changed file is written beside its old self and renamed over it
 * at the commit, an unchanged one is left alone, and a failed build
 * removes what it wrote, so the previous output stays as it was. Call
 * right after output_begin. Returns -1 when there is no previous output. */
int output_inplace(struct output *o);
/* Counts a file that the previous build made, and this one leaves as it
 * is, as part of the output. */
void output_keep(const struct output *o, const char *rel, uint64_t size, uint64_t ino,
		 int64_t mtime_ns);
/* Swaps the staging directory in (or renames the changed files into
 * place). Returns 0, or -1 after a diagnostic. */
int output_commit(struct output *o);
/* After an in-place commit: removes every file in the output that this
 * build did not make (the output holds the site and nothing else, as
 * after a whole build), and the directories left empty. */
void output_prune(struct output *o);
/* The files of the committed output, sorted by path; valid until
 * output_free. */
const struct output_rec *output_records(const struct output *o, size_t *n);
/* The same in the order they were made, without the sort (the build
 * cache sorts when it reads); a file made twice may be there twice. */
const struct output_rec *output_records_unsorted(const struct output *o, size_t *n);
/* Calls fn for each file this build's output holds so far: its path in
 * the output, and where its bytes are now (the staging directory, the
 * output, or in place beside the file it replaces at the commit), so a
 * program can read the output as it will be (search.h). */
void output_each(const struct output *o, void (*fn)(void *ud, const char *rel, const char *path),
		 void *ud);
/* Throws the staging directory away. */
void output_abort(struct output *o);
/* The same, from another thread while the build's threads may still be
 * writing, just before the process ends (see stop.h): what they write
 * after it can only be stray files in the staging directory, which the
 * next build removes, or new files beside the output's own, which the
 * next build's update removes; the output's own files are never
 * touched. Leaves the output's lock held, so nothing more is logged. */
void output_abandon(struct output *o);
void output_free(struct output *o);

#endif
