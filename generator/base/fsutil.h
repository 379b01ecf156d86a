/*
 * fsutil: files and paths. Reading and writing whole files, directory
 * creation and removal, copying, and the path checks that keep planpress
 * inside the site and its output.
 *
 * Functions returning char * hand ownership to the caller (free()).
 * Errors are returned as -1 / NULL with errno set; callers turn them into
 * diagnostics, because only they know which file the user should fix.
 */
#ifndef PLANPRESS_FSUTIL_H
#define PLANPRESS_FSUTIL_H

#include <stddef.h>
#include <sys/stat.h>

/* Maximum size of any input file planpress reads (64 MiB). */
#define FS_MAX_INPUT (64u * 1024u * 1024u)

char *fs_read(const char *path, size_t *len);
/* The same, also giving the file's stat as it was before it was read. */
char *fs_read_ex(const char *path, size_t *len, struct stat *st);

/* Every file of the site is opened through fs_open_in: path (dir joined
 * with a relative path, as fs_join makes it) is opened only if it lies
 * inside dir as the kernel resolves it at that moment, every symbolic
 * link on the way included (openat2 with RESOLVE_BENEATH; where the kernel
 * lacks it, no symbolic link is followed at all). A name starting with a
 * dot is no exception. A path that leads outside, or through an absolute
 * link, fails with EXDEV; fs_strerror says so in words. The fd is the
 * caller's to close. */
int fs_open_in(const char *dir, const char *path, int flags);
/* fs_open_in keeps the folders it opens beneath open, for the rest of the
 * build; this closes them (a build calls it when it ends). */
void fs_close_roots(void);
/* fs_read_ex and fs_copy_ex for a file of the site, opened by fs_open_in. */
char *fs_read_in(const char *dir, const char *path, size_t *len, struct stat *st);
int fs_copy_in(const char *dir, const char *from, const char *to, int excl, struct stat *st);
/* strerror, but EXDEV and ELOOP said as fs_open_in means them */
const char *fs_strerror(int err);

int fs_write(const char *path, const char *data, size_t len);
/* Writes all of data to fd (again after a short write or EINTR); 0, or
 * -1 with errno. */
int fs_write_all(int fd, const void *data, size_t len);
int fs_copy(const char *from, const char *to);
/* The same, with excl: fail with EEXIST rather than replace a file; and
 * with st: the new file's stat (a copy also takes its source's times). */
struct stat;
int fs_write_ex(const char *path, const char *data, size_t len, int excl, struct stat *st);
int fs_copy_ex(const char *from, const char *to, int excl, struct stat *st);
int fs_mkdir_p(const char *path);
int fs_rm_rf(const char *path);
int fs_is_dir(const char *path);
int fs_exists(const char *path);

/* "a" + "b" -> "a/b"; "." + "b" -> "b"; "" + "b" -> "b". */
char *fs_join(const char *a, const char *b);
/* Directory part of a path ("." when there is none). */
char *fs_dirname(const char *path);
/* Absolute, normalized path ("." and ".." resolved lexically, symlinks of
 * existing leading parts resolved with realpath). */
char *fs_absolute(const char *path);
/* 1 if path is dir itself or lies below it (both absolute, normalized). */
int fs_is_within(const char *path, const char *dir);
/* 1 if a relative path stays inside its base: not absolute, no ".." that
 * climbs above the start. */
int fs_rel_is_safe(const char *rel);

/* "a/./b/../c" -> "a/c", lexically; NULL when rel escapes its root.
 * The caller frees the result. */
char *fs_rel_normalise(const char *rel);

/* Calls fn for every regular file below root, in sorted order, with its
 * path relative to root and its full path. Names starting with '.' are
 * skipped. Symbolic links are not followed: fn gets path == NULL for them,
 * so the caller can say so. A missing root is an empty tree. */
typedef int (*fs_walk_fn)(void *ud, const char *rel, const char *path);
/* A symbolic link the walk met (its path): 0 when it leads to a regular
 * file inside site, so it may be read like one; otherwise -1 after an
 * error that says where it leads (nowhere, in a loop, outside the site
 * or to a directory). Every kind of file the site holds is treated so:
 * pages, CSV files, static files, templates and assets. */
int fs_check_link(const char *site, const char *link);
int fs_walk(const char *root, fs_walk_fn fn, void *ud);
/* The same, with the root's directories walked on up to jobs threads
 * side by side; fn is still called on the calling thread, in the order
 * fs_walk calls it. */
int fs_walk_parallel(const char *root, fs_walk_fn fn, void *ud, int jobs);

#endif
