#define _GNU_SOURCE
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fsutil.h"

static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* A build that crashed cannot clean up after itself; the next one removes
 * staging directories whose process is gone. */
static void remove_stale_staging(const char *parent, const char *base)
{
	DIR *d = opendir(parent);
	if (!d)
		return;
	char *prefix = xasprintf(".%s.planpress-new-", base);
	size_t plen = strlen(prefix);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, plen))
			continue;
		char *end;
		long pid = strtol(e->d_name + plen, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char *path = fs_join(parent, e->d_name);
		fs_rm_rf(path);
		free(path);
	}
	free(prefix);
	closedir(d);
}

int output_begin(struct output *o, const char *site, const char *out,
		 const char *conf, int dry)
{
	memset(o, 0, sizeof *o);
	o->dry = dry;
	char *site_abs = fs_absolute(site);
	char *joined = out[0] == '/' ? xstrdup(out) : fs_join(site, out);
	o->final = fs_absolute(joined);
	free(joined);
	int rc = -1;
	if (!site_abs || !o->final) {
		diag(DIAG_ERROR, conf, 0, 0, "cannot resolve the output directory '%s'", out);
		goto done;
	}
	static const char *const sources[] = {"content", "templates", "assets", NULL};
	if (!strcmp(o->final, "/") || fs_is_within(site_abs, o->final)) {
		diag(DIAG_ERROR, conf, 0, 0,
		     "output directory '%s' would hold the site itself; choose a directory such as 'public'",
		     out);
		goto done;
	}
	for (const char *const *s = sources; *s; s++) {
		char *src = fs_join(site_abs, *s);
		int inside = fs_is_within(o->final, src);
		free(src);
		if (inside) {
			diag(DIAG_ERROR, conf, 0, 0,
			     "output directory '%s' lies inside the site's %s/ directory; choose a directory such as 'public'",
			     out, *s);
			goto done;
		}
	}
	if (fs_exists(o->final)) {
		if (!fs_is_dir(o->final)) {
			diag(DIAG_ERROR, conf, 0, 0, "output '%s' exists and is not a directory", o->final);
			goto done;
		}
		char *marker = fs_join(o->final, OUTPUT_MARKER);
		int ours = fs_exists(marker);
		free(marker);
		if (!ours && !dir_is_empty(o->final)) {
			diag(DIAG_ERROR, conf, 0, 0,
			     "refusing to replace '%s': it is not empty and planpress did not make it (it has no %s file); move it away or set another output",
			     o->final, OUTPUT_MARKER);
			goto done;
		}
	}
	if (dry) {
		rc = 0;
		goto done;
	}
	char *parent = fs_dirname(o->final);
	const char *base = strrchr(o->final, '/') + 1;
	if (fs_mkdir_p(parent) != 0) {
		diag(DIAG_ERROR, parent, 0, 0, "cannot create directory: %s", strerror(errno));
		free(parent);
		goto done;
	}
	remove_stale_staging(parent, base);
	char *name = xasprintf(".%s.planpress-new-%ld", base, (long)getpid());
	o->staging = fs_join(parent, name);
	free(name);
	free(parent);
	fs_rm_rf(o->staging);
	if (fs_mkdir_p(o->staging) != 0) {
		diag(DIAG_ERROR, o->staging, 0, 0, "cannot create the staging directory: %s",
		     strerror(errno));
		free(o->staging);
		o->staging = NULL;
		goto done;
	}
	char *prev_marker = fs_join(o->final, OUTPUT_MARKER);
	o->have_prev = fs_exists(prev_marker);
	free(prev_marker);
	static const char note[] = "This directory is written by planpress. It is replaced whole on every build.\n";
	if (output_write(o, OUTPUT_MARKER, note, sizeof note - 1) != 0)
		goto done;
	rc = 0;
done:
	free(site_abs);
	return rc;
}

static char *target(const struct output *o, const char *rel)
{
	if (!fs_rel_is_safe(rel))
		return NULL;
	return fs_join(o->staging, rel);
}

int output_mkdir(const struct output *o, const char *rel_dir)
{
	if (o->dry || !*rel_dir)
		return 0;
	char *t = target(o, rel_dir);
	if (!t) {
		diag(DIAG_ERROR, rel_dir, 0, 0, "path leaves the output directory");
		return -1;
	}
	int rc = fs_mkdir_p(t);
	if (rc != 0)
		diag(DIAG_ERROR, t, 0, 0, "cannot create directory: %s", strerror(errno));
	free(t);
	return rc;
}

/* 1 if the file at path holds exactly len bytes equal to data (or, with
 * data NULL, to the file from). Compares in chunks on the stack: a rebuild
 * looks at every output file, and most are equal. */
static int same_bytes(const char *path, size_t len, const char *data, const char *from)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), fd2 = -1;
	if (fd < 0)
		return 0;
	struct stat st;
	int same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len;
	if (same && !data) {
		fd2 = open(from, O_RDONLY | O_CLOEXEC);
		same = fd2 >= 0;
	}
	char a[32768], b[32768];
	size_t off = 0;
	while (same && off < len) {
		size_t want = len - off < sizeof a ? len - off : sizeof a;
		ssize_t n = read(fd, a, want);
		if (n <= 0) {
			same = 0;
			break;
		}
		if (data) {
			same = !memcmp(a, data + off, (size_t)n);
		} else {
			size_t got = 0;
			while (got < (size_t)n) {
				ssize_t m = read(fd2, b + got, (size_t)n - got);
				if (m <= 0)
					break;
				got += (size_t)m;
			}
			same = got == (size_t)n && !memcmp(a, b, (size_t)n);
		}
		off += (size_t)n;
	}
	close(fd);
	if (fd2 >= 0)
		close(fd2);
	return same;
}

/* Hard-links rel from the previous output when it holds the same bytes.
 * Returns 1 when it did. */
static int reuse(const struct output *o, const char *rel, const char *t, const char *data,
		 size_t len, const char *from)
{
	if (!o->have_prev)
		return 0;
	char *old = fs_join(o->final, rel);
	int same = same_bytes(old, len, data, from);
	int linked = same && (unlink(t) == 0 || errno == ENOENT) && link(old, t) == 0;
	free(old);
	return linked;
}

/* A staging file may be a hard link into the previous output; writing
 * through it would change that output, so it is replaced, never written. */
static void detach(const char *t)
{
	if (unlink(t) != 0 && errno != ENOENT)
		diag(DIAG_WARNING, t, 0, 0, "cannot replace: %s", strerror(errno));
}

/* When the disk is full every later write fails too: say it once, with
 * the name the file would have had, not the staging one. */
static atomic_int write_failed;

static void write_error(const struct output *o, const char *rel, int err)
{
	if (atomic_fetch_add(&write_failed, 1) > 0)
		return;
	char *shown = fs_join(o->final, rel);
	if (err == ENOSPC || err == EDQUOT)
		diag(DIAG_ERROR, shown, 0, 0, "cannot write: %s (the disk is full: free some space and build again)",
		     strerror(err));
	else
		diag(DIAG_ERROR, shown, 0, 0, "cannot write: %s", strerror(err));
	free(shown);
}

int output_write(const struct output *o, const char *rel, const char *data, size_t len)
{
	if (o->dry)
		return 0;
	char *t = target(o, rel);
	if (!t) {
		diag(DIAG_ERROR, rel, 0, 0, "path leaves the output directory");
		return -1;
	}
	if (reuse(o, rel, t, data, len, NULL)) {
		free(t);
		return 0;
	}
	detach(t);
	int rc = fs_write(t, data, len);
	if (rc != 0)
		write_error(o, rel, errno);
	free(t);
	return rc;
}

int output_copy(const struct output *o, const char *rel, const char *from)
{
	if (o->dry)
		return 0;
	char *t = target(o, rel);
	if (!t) {
		diag(DIAG_ERROR, rel, 0, 0, "path leaves the output directory");
		return -1;
	}
	struct stat st;
	if (stat(from, &st) == 0 && reuse(o, rel, t, NULL, (size_t)st.st_size, from)) {
		free(t);
		return 0;
	}
	detach(t);
	int rc = fs_copy(from, t);
	if (rc != 0 && access(from, R_OK) != 0)
		diag(DIAG_ERROR, from, 0, 0, "cannot read: %s", strerror(errno));
	else if (rc != 0)
		write_error(o, rel, errno);
	free(t);
	return rc;
}

int output_commit(struct output *o)
{
	if (o->dry || !o->staging)
		return 0;
	if (fs_exists(o->final)) {
		/* One atomic exchange: readers never see a missing or half
		 * directory. Fall back to two renames where unsupported. */
		if (renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->final, RENAME_EXCHANGE) != 0) {
			char *old = xasprintf("%s.planpress-old-%ld", o->staging, (long)getpid());
			if (rename(o->final, old) != 0) {
				diag(DIAG_ERROR, o->final, 0, 0, "cannot replace the output: %s",
				     strerror(errno));
				free(old);
				return -1;
			}
			if (rename(o->staging, o->final) != 0) {
				diag(DIAG_ERROR, o->final, 0, 0, "cannot replace the output: %s",
				     strerror(errno));
				if (rename(old, o->final) != 0)
					diag(DIAG_ERROR, old, 0, 0, "the previous output was left here");
				free(old);
				return -1;
			}
			fs_rm_rf(old);
			free(old);
			free(o->staging);
			o->staging = NULL;
			return 0;
		}
		/* the staging path now holds the previous output */
		fs_rm_rf(o->staging);
	} else if (rename(o->staging, o->final) != 0) {
		diag(DIAG_ERROR, o->final, 0, 0, "cannot create the output: %s", strerror(errno));
		return -1;
	}
	free(o->staging);
	o->staging = NULL;
	return 0;
}

void output_abort(struct output *o)
{
	if (o->staging) {
		fs_rm_rf(o->staging);
		free(o->staging);
		o->staging = NULL;
	}
}

void output_free(struct output *o)
{
	output_abort(o);
	free(o->final);
	o->final = NULL;
}
