#define _GNU_SOURCE
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
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

struct pending {
	char *tmp, *dst, *rel;
};

struct output_log {
	pthread_mutex_t lock;
	struct output_rec *recs;
	size_t nrecs, caprecs;
	int sorted;
	struct pending *pending; /* in place: new files waiting for the commit */
	size_t npending, cappending;
	char **made;             /* in place: directories this build created */
	size_t nmade, capmade;
	pthread_t walker;        /* in place: lists what the output holds ... */
	int walking;
	char **found;            /* ... while the build goes on */
	size_t nfound, capfound;
};

static struct output_log *log_new(void)
{
	struct output_log *l = xcalloc(1, sizeof *l);
	pthread_mutex_init(&l->lock, NULL);
	return l;
}

static void log_add(const struct output *o, const char *rel, const struct stat *st)
{
	struct output_log *l = o->log;
	if (!l)
		return;
	pthread_mutex_lock(&l->lock);
	if (l->nrecs == l->caprecs) {
		l->caprecs = l->caprecs ? 2 * l->caprecs : 256;
		l->recs = xrealloc(l->recs, l->caprecs * sizeof *l->recs);
	}
	l->recs[l->nrecs++] = (struct output_rec){xstrdup(rel), (uint64_t)st->st_size, (uint64_t)st->st_ino,
						  (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec};
	l->sorted = 0;
	pthread_mutex_unlock(&l->lock);
}

/* records rel as the file now at path */
static void log_path(const struct output *o, const char *rel, const char *path)
{
	struct stat st;
	if (o->log && lstat(path, &st) == 0)
		log_add(o, rel, &st);
}

void output_keep(const struct output *o, const char *rel, uint64_t size, uint64_t ino,
		 int64_t mtime_ns)
{
	struct stat st;
	memset(&st, 0, sizeof st);
	st.st_size = (off_t)size;
	st.st_ino = (ino_t)ino;
	st.st_mtim.tv_sec = mtime_ns / 1000000000;
	st.st_mtim.tv_nsec = mtime_ns % 1000000000;
	log_add(o, rel, &st);
}

static int by_rec(const void *a, const void *b)
{
	return strcmp(((const struct output_rec *)a)->rel, ((const struct output_rec *)b)->rel);
}

const struct output_rec *output_records_unsorted(const struct output *o, size_t *n)
{
	*n = o->log ? o->log->nrecs : 0;
	return o->log ? o->log->recs : NULL;
}

const struct output_rec *output_records(const struct output *o, size_t *n)
{
	struct output_log *l = o->log;
	*n = 0;
	if (!l)
		return NULL;
	if (!l->sorted && l->nrecs) {
		qsort(l->recs, l->nrecs, sizeof *l->recs, by_rec);
		/* a file written twice (never, but cheaply safe) counts once */
		size_t k = 0;
		for (size_t i = 0; i < l->nrecs; i++) {
			if (k && !strcmp(l->recs[k - 1].rel, l->recs[i].rel)) {
				free(l->recs[k - 1].rel);
				l->recs[k - 1] = l->recs[i];
			} else {
				l->recs[k++] = l->recs[i];
			}
		}
		l->nrecs = k;
	}
	l->sorted = 1;
	*n = l->nrecs;
	return l->recs;
}

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
		 const char *conf, int conf_line, int dry)
{
	memset(o, 0, sizeof *o);
	o->dry = dry;
	o->site = xstrdup(site);
	char *site_abs = fs_absolute(site);
	char *joined = out[0] == '/' ? xstrdup(out) : fs_join(site, out);
	o->final = fs_absolute(joined);
	free(joined);
	int rc = -1;
	if (!site_abs || !o->final) {
		diag(DIAG_ERROR, conf, conf_line, 0, "cannot resolve the output directory '%s'", out);
		goto done;
	}
	static const char *const sources[] = {"content", "templates", "assets", NULL};
	if (!strcmp(o->final, "/") || fs_is_within(site_abs, o->final)) {
		diag(DIAG_ERROR, conf, conf_line, 0,
		     "output directory '%s' would hold the site itself; choose a directory such as 'public'",
		     out);
		goto done;
	}
	for (const char *const *s = sources; *s; s++) {
		char *src = fs_join(site_abs, *s);
		int inside = fs_is_within(o->final, src);
		free(src);
		if (inside) {
			diag(DIAG_ERROR, conf, conf_line, 0,
			     "output directory '%s' lies inside the site's %s/ directory; choose a directory such as 'public'",
			     out, *s);
			goto done;
		}
	}
	if (fs_exists(o->final)) {
		if (!fs_is_dir(o->final)) {
			diag(DIAG_ERROR, conf, conf_line, 0, "output '%s' exists and is not a directory", o->final);
			goto done;
		}
		char *marker = fs_join(o->final, OUTPUT_MARKER);
		int ours = fs_exists(marker);
		free(marker);
		if (!ours && !dir_is_empty(o->final)) {
			diag(DIAG_ERROR, conf, conf_line, 0,
			     "refusing to replace '%s': it is not empty and planpress did not make it (it has no %s file); move it away or set another output",
			     o->final, OUTPUT_MARKER);
			goto done;
		}
	}
	if (dry) {
		rc = 0;
		goto done;
	}
	/* a folder made read-only says: do not write here. Replacing it
	 * whole would pass over that (its parent is writable), and leave
	 * the old one behind, which no build could remove. */
	if (fs_exists(o->final) && access(o->final, W_OK) != 0 && errno == EACCES) {
		diag(DIAG_ERROR, conf, conf_line, 0,
		     "the output folder '%s' is read-only; planpress does not replace a folder it may "
		     "not write: make it writable (chmod u+w) or set another output", o->final);
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
	o->log = log_new();
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
	return fs_join(o->inplace ? o->final : o->staging, rel);
}

/* Lists every file under dir (relative, "" for the top) in l->found. */
static void list_dir(const char *final, const char *rel, struct output_log *l)
{
	char *dir = rel[0] ? fs_join(final, rel) : xstrdup(final);
	DIR *d = opendir(dir);
	free(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *sub = rel[0] ? fs_join(rel, e->d_name) : xstrdup(e->d_name);
		int isdir = e->d_type == DT_DIR;
		if (e->d_type == DT_UNKNOWN) {
			char *path = fs_join(final, sub);
			struct stat st;
			isdir = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
			free(path);
		}
		if (isdir) {
			list_dir(final, sub, l);
			free(sub);
			continue;
		}
		if (l->nfound == l->capfound) {
			l->capfound = l->capfound ? 2 * l->capfound : 1024;
			l->found = xrealloc(l->found, l->capfound * sizeof *l->found);
		}
		l->found[l->nfound++] = sub;
	}
	closedir(d);
}

struct walk_arg {
	char *final;
	struct output_log *log;
};

static void *walker(void *arg)
{
	struct walk_arg *w = arg;
	list_dir(w->final, "", w->log);
	free(w->final);
	free(w);
	return NULL;
}

static void stop_walker(struct output_log *l)
{
	if (l && l->walking) {
		pthread_join(l->walker, NULL);
		l->walking = 0;
	}
}

int output_inplace(struct output *o)
{
	if (o->dry || !o->have_prev || !o->staging)
		return -1;
	fs_rm_rf(o->staging);
	free(o->staging);
	o->staging = NULL;
	o->inplace = 1;
	/* what the output holds is listed while the build goes on; the
	 * commit removes what this build did not make */
	struct walk_arg *w = xmalloc(sizeof *w);
	w->final = xstrdup(o->final);
	w->log = o->log;
	if (pthread_create(&o->log->walker, NULL, walker, w) == 0) {
		o->log->walking = 1;
	} else {
		free(w->final);
		free(w);
		list_dir(o->final, "", o->log);
	}
	/* the marker the staging directory got is in the output already */
	char *m = fs_join(o->final, OUTPUT_MARKER);
	log_path(o, OUTPUT_MARKER, m);
	free(m);
	return 0;
}

/* In place, a new file is written beside the old one and waits for the
 * commit. Returns the temporary path. */
static char *pending_path(const struct output *o, const char *rel, const char *t)
{
	struct output_log *l = o->log;
	char *tmp = xasprintf("%s.planpress-new-%ld", t, (long)getpid());
	pthread_mutex_lock(&l->lock);
	if (l->npending == l->cappending) {
		l->cappending = l->cappending ? 2 * l->cappending : 64;
		l->pending = xrealloc(l->pending, l->cappending * sizeof *l->pending);
	}
	l->pending[l->npending++] = (struct pending){xstrdup(tmp), xstrdup(t), xstrdup(rel)};
	pthread_mutex_unlock(&l->lock);
	return tmp;
}

/* 1 if path is a directory itself, not a link to one */
static int real_dir(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An update in place writes only into directories of the output itself:
 * a symbolic link (or a file) where one of rel's folders belongs, which
 * planpress never makes, is taken away, not followed (a whole build would
 * not have it either). Returns 1 when every folder is there. */
static int own_dirs(const char *final, const char *rel)
{
	char *d = xstrdup(rel);
	int all = 1;
	for (char *slash = d;; slash++) {
		slash = strchr(slash, '/');
		if (slash)
			*slash = '\0';
		char *full = fs_join(final, d);
		struct stat st;
		if (lstat(full, &st) != 0)
			all = 0;
		else if (!S_ISDIR(st.st_mode) && unlink(full) == 0)
			all = 0;
		free(full);
		if (!slash || !all)
			break;
		*slash = '/';
	}
	free(d);
	return all;
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
	if (o->inplace && own_dirs(o->final, rel_dir)) {
		free(t);
		return 0;
	}
	if (o->inplace) {
		/* remember each directory made, outermost first, so that a
		 * failed build can take them away again */
		struct output_log *l = o->log;
		char *d = xstrdup(rel_dir);
		char **mk = NULL;
		size_t nmk = 0;
		for (;;) {
			char *full = fs_join(o->final, d);
			int exists = real_dir(full);
			free(full);
			if (exists)
				break;
			mk = xrealloc(mk, (nmk + 1) * sizeof *mk);
			mk[nmk++] = xstrdup(d);
			char *slash = strrchr(d, '/');
			if (!slash)
				break;
			*slash = '\0';
		}
		free(d);
		pthread_mutex_lock(&l->lock);
		while (nmk > 0) {
			if (l->nmade == l->capmade) {
				l->capmade = l->capmade ? 2 * l->capmade : 16;
				l->made = xrealloc(l->made, l->capmade * sizeof *l->made);
			}
			l->made[l->nmade++] = mk[--nmk];
		}
		pthread_mutex_unlock(&l->lock);
		free(mk);
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
static int same_bytes(const char *path, size_t len, const char *data, const char *o_site,
		      const char *from, struct stat *stp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), fd2 = -1;
	if (fd < 0)
		return 0;
	struct stat st;
	int same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len;
	if (stp)
		*stp = st;
	if (same && !data) {
		fd2 = fs_open_in(o_site, from, O_RDONLY);
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

/* Hard-links rel from the previous output when it holds the same bytes,
 * and records the file (a link shares the old one's stat). Returns 1 when
 * it did. */
static int reuse(const struct output *o, const char *rel, const char *t, const char *data,
		 size_t len, const char *from)
{
	if (!o->have_prev)
		return 0;
	char *old = fs_join(o->final, rel);
	struct stat st;
	int same = same_bytes(old, len, data, o->site, from, &st);
	/* a new name, normally; one already there is replaced */
	int linked = same && (link(old, t) == 0 || (errno == EEXIST && unlink(t) == 0 && link(old, t) == 0));
	free(old);
	if (linked)
		log_add(o, rel, &st);
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
	if (o->inplace) {
		int rc = 0;
		struct stat st;
		if (same_bytes(t, len, data, NULL, NULL, &st)) {
			log_add(o, rel, &st);
		} else {
			char *tmp = pending_path(o, rel, t);
			rc = fs_write(tmp, data, len);
			if (rc != 0)
				write_error(o, rel, errno);
			free(tmp);
		}
		free(t);
		return rc;
	}
	if (reuse(o, rel, t, data, len, NULL)) {
		free(t);
		return 0;
	}
	/* a new file, normally; one already there is replaced, never
	 * written through */
	struct stat st;
	int rc = fs_write_ex(t, data, len, 1, &st);
	if (rc != 0 && errno == EEXIST) {
		detach(t);
		rc = fs_write_ex(t, data, len, 1, &st);
	}
	if (rc != 0)
		write_error(o, rel, errno);
	else
		log_add(o, rel, &st);
	free(t);
	return rc;
}

/* Why from cannot be read from inside the site (an errno), or 0 when it
 * can and a failed copy was the output's fault. */
static int read_error(const struct output *o, const char *from)
{
	int fd = fs_open_in(o->site, from, O_RDONLY);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
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
	struct stat st, old;
	/* the source's size matters only when there is an old copy to compare */
	int have = (o->inplace || o->have_prev) && stat(from, &st) == 0;
	if (o->inplace) {
		/* the copy is up to date when it has the source's size and
		 * times and was made after the source last changed: 'cp -p'
		 * keeps a new file's size and mtime, but not its ctime */
		if (have && lstat(t, &old) == 0 && S_ISREG(old.st_mode) && old.st_size == st.st_size &&
		    old.st_mtim.tv_sec == st.st_mtim.tv_sec && old.st_mtim.tv_nsec == st.st_mtim.tv_nsec &&
		    (st.st_ctim.tv_sec < old.st_ctim.tv_sec ||
		     (st.st_ctim.tv_sec == old.st_ctim.tv_sec && st.st_ctim.tv_nsec < old.st_ctim.tv_nsec))) {
			/* ... and can still be read: a whole build reads it, and
			 * an update must fail where a whole build fails */
			int e = read_error(o, from);
			free(t);
			if (e) {
				diag(DIAG_ERROR, from, 0, 0, "cannot read: %s", fs_strerror(e));
				return -1;
			}
			log_add(o, rel, &old);
			return 0;
		}
		char *tmp = pending_path(o, rel, t);
		int rc = fs_copy_in(o->site, from, tmp, 0, &old);
		int e;
		if (rc != 0 && (e = read_error(o, from)) != 0)
			diag(DIAG_ERROR, from, 0, 0, "cannot read: %s", fs_strerror(e));
		else if (rc != 0)
			write_error(o, rel, errno);
		free(tmp);
		free(t);
		return rc;
	}
	if (have && reuse(o, rel, t, NULL, (size_t)st.st_size, from)) {
		free(t);
		return 0;
	}
	int e, rc = fs_copy_in(o->site, from, t, 1, &old);
	if (rc != 0 && errno == EEXIST) {
		detach(t);
		rc = fs_copy_in(o->site, from, t, 1, &old);
	}
	/* A fresh output's folder is made by the first file written into
	 * it: the others find it there, without a mkdir that fails. */
	if (rc != 0 && errno == ENOENT) {
		char *dir = fs_dirname(t);
		int made = fs_mkdir_p(dir) == 0, e = errno;
		free(dir);
		if (made)
			rc = fs_copy_in(o->site, from, t, 1, &old);
		else
			errno = e;
	}
	if (rc != 0 && (e = read_error(o, from)) != 0)
		diag(DIAG_ERROR, from, 0, 0, "cannot read: %s", fs_strerror(e));
	else if (rc != 0)
		write_error(o, rel, errno);
	else
		log_add(o, rel, &old);
	free(t);
	return rc;
}

static int commit_inplace(struct output *o)
{
	struct output_log *l = o->log;
	/* an interrupt now would leave some files renamed and some not */
	sigset_t all, was;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &was);
	int rc = 0;
	for (size_t i = 0; i < l->npending; i++) {
		struct pending *p = &l->pending[i];
		if (rc == 0 && rename(p->tmp, p->dst) != 0) {
			diag(DIAG_ERROR, p->dst, 0, 0, "cannot replace: %s", strerror(errno));
			rc = -1;
		}
		if (rc == 0)
			log_path(o, p->rel, p->dst);
		else
			unlink(p->tmp);
	}
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	return rc;
}

void output_prune(struct output *o)
{
	if (!o->inplace)
		return;
	struct output_log *l = o->log;
	stop_walker(l);
	size_t n;
	const struct output_rec *recs = output_records(o, &n);
	for (size_t i = 0; i < l->nfound; i++) {
		struct output_rec key = {.rel = l->found[i]};
		if (n && bsearch(&key, recs, n, sizeof key, by_rec))
			continue;
		char *path = fs_join(o->final, l->found[i]);
		int gone = unlink(path) == 0;
		free(path);
		/* and the directories that leaves empty, up to the output */
		char *dir = fs_dirname(l->found[i]);
		while (gone && strcmp(dir, ".") && *dir) {
			char *full = fs_join(o->final, dir);
			gone = rmdir(full) == 0;
			free(full);
			char *up = fs_dirname(dir);
			free(dir);
			dir = up;
		}
		free(dir);
	}
}

int output_commit(struct output *o)
{
	if (o->inplace)
		return commit_inplace(o);
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

void output_each(const struct output *o, void (*fn)(void *ud, const char *rel, const char *path),
		 void *ud)
{
	struct output_log *l = o->log;
	if (!l || o->dry)
		return;
	pthread_mutex_lock(&l->lock);
	for (size_t i = 0; i < l->nrecs; i++) {
		char *path = fs_join(o->inplace ? o->final : o->staging, l->recs[i].rel);
		fn(ud, l->recs[i].rel, path);
		free(path);
	}
	for (size_t i = 0; i < l->npending; i++)
		fn(ud, l->pending[i].rel, l->pending[i].tmp);
	pthread_mutex_unlock(&l->lock);
}

/* What an update in place wrote and has not committed: the pending
 * files, then the folders it made, innermost first. */
static void remove_uncommitted(struct output *o)
{
	struct output_log *l = o->log;
	if (!o->inplace || !l)
		return;
	for (size_t i = 0; i < l->npending; i++)
		unlink(l->pending[i].tmp);
	for (size_t i = l->nmade; i-- > 0;) {
		char *full = fs_join(o->final, l->made[i]);
		rmdir(full);
		free(full);
	}
}

void output_abort(struct output *o)
{
	stop_walker(o->log);
	remove_uncommitted(o);
	if (o->staging) {
		fs_rm_rf(o->staging);
		free(o->staging);
		o->staging = NULL;
	}
}

void output_abandon(struct output *o)
{
	struct output_log *l = o->log;
	if (l)
		pthread_mutex_lock(&l->lock); /* never unlocked: the process ends */
	remove_uncommitted(o);
	if (o->staging)
		fs_rm_rf(o->staging);
}

void output_free(struct output *o)
{
	if (!o->inplace)
		output_abort(o);
	struct output_log *l = o->log;
	stop_walker(l);
	if (l) {
		free_strings(l->found, l->nfound);
		for (size_t i = 0; i < l->nrecs; i++)
			free(l->recs[i].rel);
		free(l->recs);
		for (size_t i = 0; i < l->npending; i++) {
			free(l->pending[i].tmp);
			free(l->pending[i].dst);
			free(l->pending[i].rel);
		}
		free(l->pending);
		free_strings(l->made, l->nmade);
		pthread_mutex_destroy(&l->lock);
		free(l);
		o->log = NULL;
	}
	free(o->final);
	o->final = NULL;
	free(o->site);
	o->site = NULL;
}
