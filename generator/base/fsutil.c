#define _GNU_SOURCE
#include "i18n.h"
#include "fsutil.h"

#include "diag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/openat2.h>

#include "buf.h"
#include "diag.h"
#include "pool.h"

char *fs_read(const char *path, size_t *len)
{
	return fs_read_ex(path, len, NULL);
}

/* Reads all of fd and closes it. */
static char *read_fd(int fd, size_t *len, struct stat *stp)
{
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return NULL;
	}
	if ((unsigned long long)st.st_size > FS_MAX_INPUT) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *data = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > FS_MAX_INPUT) {
				free(data);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			data = xrealloc(data, cap);
		}
		ssize_t r = read(fd, data + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(data);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		/* a regular file read to its size is read: no read to see
		 * the end (a file's size is 0 in /proc, so those go on) */
		if (S_ISREG(st.st_mode) && st.st_size > 0 && n == (size_t)st.st_size)
			break;
	}
	close(fd);
	data[n] = '\0';
	if (len)
		*len = n;
	if (stp)
		*stp = st; /* as it was before the first read */
	return data;
}

char *fs_read_ex(const char *path, size_t *len, struct stat *stp)
{
	return read_fd(open(path, O_RDONLY | O_CLOEXEC), len, stp);
}

char *fs_read_in(const char *dir, const char *path, size_t *len, struct stat *st)
{
	return read_fd(fs_open_in(dir, path, O_RDONLY), len, st);
}

/* path below dir, as fs_join(dir, rel) makes it: rel, or NULL */
static const char *rel_below(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (!strcmp(dir, ".") || !n)
		return path[0] != '/' ? path : NULL;
	if (!strncmp(path, dir, n) && (path[n] == '/' || (n == 1 && dir[0] == '/'))) {
		path += n;
		while (*path == '/')
			path++;
		return *path ? path : NULL;
	}
	return NULL;
}

/* Without openat2: every component opened with O_NOFOLLOW, so no
 * symbolic link is followed at all, and ".." is refused. */
static int open_nofollow(int dfd, const char *rel, int flags)
{
	char *copy = xstrdup(rel), *save = NULL;
	int fd = dup(dfd);
	for (char *part = strtok_r(copy, "/", &save); part && fd >= 0;) {
		char *next = strtok_r(NULL, "/", &save);
		int nfd;
		if (!strcmp(part, "..")) {
			errno = EXDEV;
			nfd = -1;
		} else if (next) {
			nfd = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		} else {
			nfd = openat(fd, part, flags | O_NOFOLLOW | O_CLOEXEC);
		}
		int e = errno;
		close(fd);
		errno = e;
		fd = nfd;
		part = next;
	}
	free(copy);
	return fd;
}

/* The folders files are opened beneath (the site's, its content's), each
 * opened once and kept until fs_close_roots: opening the folder again for
 * each of a site's thousands of files cost two of every seven system calls
 * of a build. A folder that cannot be opened is not kept, so the next
 * call tries again. */
#define MAX_ROOTS 8
static struct root {
	char *dir;
	int fd;
} roots[MAX_ROOTS];
static size_t nroots;
static pthread_mutex_t roots_lock = PTHREAD_MUTEX_INITIALIZER;

/* dir's kept fd, opened now if need be; -1 with errno when it cannot be
 * opened. With every slot taken, the caller gets a fd of its own (*own). */
static int root_fd(const char *dir, int *own)
{
	*own = 0;
	pthread_mutex_lock(&roots_lock);
	for (size_t i = 0; i < nroots; i++)
		if (!strcmp(roots[i].dir, dir)) {
			int fd = roots[i].fd;
			pthread_mutex_unlock(&roots_lock);
			return fd;
		}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && nroots < MAX_ROOTS) {
		roots[nroots].dir = xstrdup(dir);
		roots[nroots++].fd = fd;
	} else if (fd >= 0) {
		*own = 1;
	}
	int e = errno;
	pthread_mutex_unlock(&roots_lock);
	errno = e;
	return fd;
}

void fs_close_roots(void)
{
	pthread_mutex_lock(&roots_lock);
	for (size_t i = 0; i < nroots; i++) {
		close(roots[i].fd);
		free(roots[i].dir);
	}
	nroots = 0;
	pthread_mutex_unlock(&roots_lock);
}

int fs_open_in(const char *dir, const char *path, int flags)
{
	const char *rel = rel_below(dir, path);
	if (!rel) {
		errno = EXDEV;
		return -1;
	}
	int own;
	int dfd = root_fd(dir, &own);
	if (dfd < 0)
		return -1;
	struct open_how how = {.flags = (unsigned)(flags | O_CLOEXEC),
			       .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
	int fd = (int)syscall(SYS_openat2, dfd, rel, &how, sizeof how);
	if (fd < 0 && errno == ENOSYS)
		fd = open_nofollow(dfd, rel, flags);
	if (own) {
		int e = errno;
		close(dfd);
		errno = e;
	}
	return fd;
}

const char *fs_strerror(int err)
{
	if (err == EXDEV)
		return _("it is outside the site, or a symbolic link on the way leads outside it (or is "
			 "absolute); planpress reads only files inside the site");
	if (err == ELOOP)
		return _("symbolic link loop");
	return strerror(err);
}

int fs_write(const char *path, const char *data, size_t len)
{
	return fs_write_ex(path, data, len, 0, NULL);
}

int fs_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int fs_write_ex(const char *path, const char *data, size_t len, int excl, struct stat *st)
{
	int fd = open(path, O_WRONLY | O_CREAT | (excl ? O_EXCL : O_TRUNC) | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (fs_write_all(fd, data, len) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (st && fstat(fd, st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

int fs_copy(const char *from, const char *to)
{
	return fs_copy_ex(from, to, 0, NULL);
}

static int copy_fd(int in, const char *to, int excl, struct stat *st);

int fs_copy_ex(const char *from, const char *to, int excl, struct stat *st)
{
	return copy_fd(open(from, O_RDONLY | O_CLOEXEC), to, excl, st);
}

int fs_copy_in(const char *dir, const char *from, const char *to, int excl, struct stat *st)
{
	return copy_fd(fs_open_in(dir, from, O_RDONLY), to, excl, st);
}

/* Copies all of in (closed after) to a new file to. */
static int copy_fd(int in, const char *to, int excl, struct stat *st)
{
	if (in < 0)
		return -1;
	int out = open(to, O_WRONLY | O_CREAT | (excl ? O_EXCL : O_TRUNC) | O_CLOEXEC, 0644);
	if (out < 0) {
		int e = errno;
		close(in);
		errno = e;
		return -1;
	}
	struct stat src;
	int rc = fstat(in, &src);
	/* a regular file copied to its size is copied: no read to see the end */
	off_t left = rc == 0 && S_ISREG(src.st_mode) && src.st_size > 0 ? src.st_size : -1;
	char block[65536];
	while (rc == 0 && left != 0) {
		ssize_t r = read(in, block, sizeof block);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			rc = r < 0 ? -1 : 0;
			break;
		}
		if (left > 0)
			left = r < left ? left - r : 0;
		char *p = block;
		while (r > 0) {
			ssize_t w = write(out, p, (size_t)r);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = -1;
				break;
			}
			p += w;
			r -= w;
		}
	}
	/* the copy carries its source's times, so a later build can tell an
	 * up-to-date copy without reading it */
	if (rc == 0 && st && (futimens(out, (struct timespec[2]){src.st_atim, src.st_mtim}) != 0 ||
			      fstat(out, st) != 0))
		rc = -1;
	int e = errno;
	close(in);
	if (close(out) != 0 && rc == 0)
		rc = -1, e = errno;
	errno = e;
	return rc;
}

/* Tries the directory itself first: in a build most parents exist already,
 * and every mkdir is a slow metadata operation on some file systems. */
int fs_mkdir_p(const char *path)
{
	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno == EEXIST)
		return fs_is_dir(path) ? 0 : -1;
	if (errno != ENOENT)
		return -1;
	char *parent = fs_dirname(path);
	int rc = -1;
	if (strcmp(parent, path) && strcmp(parent, ".") && strcmp(parent, "/"))
		rc = fs_mkdir_p(parent);
	free(parent);
	if (rc != 0)
		return -1;
	if (mkdir(path, 0755) == 0 || (errno == EEXIST && fs_is_dir(path)))
		return 0;
	return -1;
}

int fs_rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *sub = fs_join(path, e->d_name);
		if (fs_rm_rf(sub) != 0)
			rc = -1;
		free(sub);
	}
	closedir(d);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

int fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

char *fs_join(const char *a, const char *b)
{
	if (!a || !*a || !strcmp(a, "."))
		return xstrdup(b);
	size_t la = strlen(a), lb = strlen(b);
	int slash = a[la - 1] != '/';
	char *p = xmalloc(la + slash + lb + 1);
	memcpy(p, a, la);
	if (slash)
		p[la] = '/';
	memcpy(p + la + slash, b, lb + 1);
	return p;
}

char *fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Lexical normalisation of an absolute path. */
static char *normalize(const char *abs)
{
	size_t n = strlen(abs);
	char *out = xmalloc(n + 2);
	size_t o = 0;
	const char *p = abs;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 1 && p[0] == '.') {
			/* skip */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

char *fs_absolute(const char *path)
{
	char *joined;
	if (path[0] == '/') {
		joined = xstrdup(path);
	} else {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd))
			return NULL;
		joined = fs_join(cwd, path);
	}
	char *norm = normalize(joined);
	free(joined);
	/* Resolve symlinks in the longest existing prefix, so that two names
	 * for one directory compare equal. */
	char *probe = xstrdup(norm);
	char *rest = NULL;
	for (;;) {
		char real[PATH_MAX];
		if (realpath(probe, real)) {
			char *res = rest ? fs_join(real, rest) : xstrdup(real);
			free(probe);
			free(rest);
			free(norm);
			return res;
		}
		char *slash = strrchr(probe, '/');
		if (!slash || slash == probe)
			break;
		char *tail = xstrdup(slash + 1);
		char *nr = rest ? fs_join(tail, rest) : xstrdup(tail);
		free(tail);
		free(rest);
		rest = nr;
		*slash = '\0';
	}
	free(probe);
	free(rest);
	return norm;
}

int fs_is_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return 1;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int fs_rel_is_safe(const char *rel)
{
	if (!rel || !*rel || rel[0] == '/')
		return 0;
	int depth = 0;
	const char *p = rel;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return 0;
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			depth++;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	return 1;
}

char *fs_rel_normalise(const char *rel)
{
	if (!rel || !*rel || rel[0] == '/')
		return NULL;
	char *out = xmalloc(strlen(rel) + 1);
	size_t o = 0;
	int depth = 0;
	for (const char *p = rel; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0) {
				free(out);
				return NULL;
			}
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
			depth++;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	out[o] = '\0';
	return out;
}

/* S_IFDIR, S_IFREG, S_IFLNK or 0 (anything else, or gone). The
 * directory entry tells the kind on most file systems, which saves a
 * system call per file. */
static mode_t entry_kind(const struct dirent *e, const char *path)
{
	switch (e->d_type) {
	case DT_DIR:
		return S_IFDIR;
	case DT_REG:
		return S_IFREG;
	case DT_LNK:
		return S_IFLNK;
	}
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	return S_ISDIR(st.st_mode) || S_ISREG(st.st_mode) || S_ISLNK(st.st_mode) ? st.st_mode & S_IFMT : 0;
}

/* Walks dir, calling fn for every regular file with its path relative to
 * the walk's root. Symlinks are not followed out of the tree. */
static int walk_dir(const char *root, const char *rel, fs_walk_fn fn, void *ud)
{
	char *dir = rel[0] ? fs_join(root, rel) : xstrdup(root);
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	if (n < 0) {
		free(dir);
		return 0;
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		const char *nm = list[i]->d_name;
		if (nm[0] == '.') {
			free(list[i]);
			continue;
		}
		char *sub = rel[0] ? fs_join(rel, nm) : xstrdup(nm);
		char *path = fs_join(root, sub);
		mode_t kind = entry_kind(list[i], path);
		if (S_ISDIR(kind)) {
			if (walk_dir(root, sub, fn, ud) != 0)
				rc = -1;
		} else if (S_ISREG(kind)) {
			if (fn(ud, sub, path) != 0)
				rc = -1;
		} else if (S_ISLNK(kind)) {
			if (fn(ud, sub, NULL) != 0)
				rc = -1;
		}
		free(sub);
		free(path);
		free(list[i]);
	}
	free(list);
	free(dir);
	return rc;
}

int fs_walk(const char *root, fs_walk_fn fn, void *ud)
{
	return walk_dir(root, "", fn, ud);
}

/* What a walk met, kept to be handed on later in the same order. */
struct met {
	char *rel;
	int link; /* a symlink: handed on with no path */
};

struct met_list {
	struct met *v;
	size_t n, cap;
};

static void add_met(struct met_list *l, char *rel, int link)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = (struct met){rel, link};
}

static int note(void *ud, const char *rel, const char *path)
{
	add_met(ud, xstrdup(rel), path == NULL);
	return 0;
}

/* fn for one entry met, which is then freed */
static int hand_one(const char *root, struct met *m, fs_walk_fn fn, void *ud)
{
	char *path = m->link ? NULL : fs_join(root, m->rel);
	int rc = fn(ud, m->rel, path);
	free(path);
	free(m->rel);
	return rc != 0 ? -1 : 0;
}

static int hand_on(const char *root, struct met_list *l, fs_walk_fn fn, void *ud)
{
	int rc = 0;
	for (size_t k = 0; k < l->n; k++)
		rc |= hand_one(root, &l->v[k], fn, ud);
	free(l->v);
	return rc;
}

/* The root's entries: its files and links as they are, each directory
 * as an entry with a NULL name (its list comes in its place). */
struct top_walk {
	const char *root;
	struct met_list top;
	char **dirs;
	struct met_list *lists; /* one per directory */
	size_t ndirs;
};

static void walk_top(void *ud, size_t i)
{
	struct top_walk *w = ud;
	walk_dir(w->root, w->dirs[i], note, &w->lists[i]);
}

int fs_walk_parallel(const char *root, fs_walk_fn fn, void *ud, int jobs)
{
	struct top_walk w = {.root = root};
	struct dirent **list;
	int n = scandir(root, &list, NULL, alphasort);
	if (n < 0)
		return 0;
	w.dirs = xcalloc((size_t)n + 1, sizeof *w.dirs);
	for (int i = 0; i < n; i++) {
		const char *nm = list[i]->d_name;
		char *path = fs_join(root, nm);
		mode_t kind = nm[0] == '.' ? 0 : entry_kind(list[i], path);
		if (S_ISDIR(kind)) {
			w.dirs[w.ndirs++] = xstrdup(nm);
			add_met(&w.top, NULL, 0);
		} else if (S_ISREG(kind) || S_ISLNK(kind)) {
			add_met(&w.top, xstrdup(nm), S_ISLNK(kind));
		}
		free(path);
		free(list[i]);
	}
	free(list);
	w.lists = xcalloc(w.ndirs + 1, sizeof *w.lists);
	pool_run(w.ndirs, jobs, walk_top, &w);
	int rc = 0;
	size_t d = 0;
	for (size_t i = 0; i < w.top.n; i++) {
		struct met *m = &w.top.v[i];
		rc |= m->rel ? hand_one(root, m, fn, ud) : hand_on(root, &w.lists[d++], fn, ud);
	}
	free(w.top.v);
	free_strings(w.dirs, w.ndirs);
	free(w.lists);
	return rc;
}


int fs_check_link(const char *site_dir, const char *link)
{
	char *target = fs_absolute(link);
	char *site = fs_absolute(site_dir);
	struct stat st;
	errno = 0;
	int found = stat(link, &st) == 0;
	int err = errno;
	int ok = found && target && site && fs_is_within(target, site) && S_ISREG(st.st_mode);
	if (!found && err == ELOOP)
		diag(DIAG_ERROR, link, 0, 0,
		     "symbolic link loop: the link leads back to itself; remove it or point it at a file");
	else if (!found)
		diag(DIAG_ERROR, link, 0, 0, "symbolic link leads nowhere (%s); remove it or point it at a file",
		     strerror(err));
	else if (!ok)
		diag(DIAG_ERROR, link, 0, 0,
		     "symbolic link leads outside the site or to a directory; planpress reads only files inside the site");
	free(target);
	free(site);
	return ok ? 0 : -1;
}
