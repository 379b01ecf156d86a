/* fsutil: fs_walk_parallel meets the same files in the same order as
 * fs_walk, whatever the number of threads; fs_open_in keeps the folders
 * it opens beneath without letting a link out of them or leaking a fd. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "fsutil.h"

static unsigned seed = 11;

static unsigned next(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* every call as a line: "rel path-or-(link)"; "ERR" entries fail */
static int record(void *ud, const char *rel, const char *path)
{
	buf_t *b = ud;
	buf_printf(b, "%s %s\n", rel, path ? path : "(link)");
	return strstr(rel, "ERR") ? -1 : 0;
}

static void make_file(const char *root, const char *rel)
{
	char *path = fs_join(root, rel);
	fs_write(path, "x", 1);
	free(path);
}

/* a random tree: files, nested and empty directories, dot entries and
 * symbolic links, at the top and below */
static void make_tree(const char *root, int depth, const char *rel)
{
	int n = 1 + (int)(next() % 6);
	for (int i = 0; i < n; i++) {
		char name[64];
		unsigned kind = next() % 10;
		snprintf(name, sizeof name, "%s%s%c%u", rel, rel[0] ? "/" : "", 'a' + (int)(next() % 26),
			 next() % 100);
		char *path = fs_join(root, name);
		if (kind < 3 && depth < 4) {
			mkdir(path, 0755);
			make_tree(root, depth + 1, name);
		} else if (kind == 3) {
			char *dot = fs_join(root, rel[0] ? rel : ".");
			char *hidden = fs_join(dot, ".hidden");
			mkdir(hidden, 0755);
			make_file(hidden, "secret.md");
			free(hidden);
			free(dot);
		} else if (kind == 4) {
			symlink("elsewhere", path);
		} else if (kind == 5) {
			char *err = xasprintf("%s-ERR.md", path);
			fs_write(err, "x", 1);
			free(err);
		} else {
			fs_write(path, "x", 1);
		}
		free(path);
	}
}

/* the lowest free fd: a leak shows as a higher one */
static int lowest_fd(void)
{
	int fd = open("/dev/null", O_RDONLY);
	close(fd);
	return fd;
}

static void test_open_in(void)
{
	char dir[] = "/tmp/planpress-test-open-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *site = fs_join(dir, "site"), *inside = fs_join(site, "a.csv"),
	     *link = fs_join(site, "out.csv"), *secret = fs_join(dir, "secret");
	CHECK(mkdir(site, 0755) == 0);
	CHECK(fs_write(inside, "1;2", 3) == 0);
	CHECK(fs_write(secret, "no", 2) == 0);
	CHECK(symlink(secret, link) == 0);
	int low = lowest_fd();
	for (int round = 0; round < 3; round++) {
		/* the first call keeps the folder, the later ones use it:
		 * the link out is refused every time */
		size_t len = 0;
		char *data = fs_read_in(site, inside, &len, NULL);
		CHECK(data && len == 3 && !memcmp(data, "1;2", 3));
		free(data);
		errno = 0;
		CHECK(fs_read_in(site, link, &len, NULL) == NULL && errno == EXDEV);
	}
	CHECK(lowest_fd() == low + 1); /* the kept folder, no more */
	/* more folders than are kept: each still opens, none leaks */
	char *many[12];
	for (int i = 0; i < 12; i++) {
		many[i] = xasprintf("%s/d%d", dir, i);
		CHECK(mkdir(many[i], 0755) == 0);
		char *f = fs_join(many[i], "f");
		CHECK(fs_write(f, "x", 1) == 0);
		int fd = fs_open_in(many[i], f, O_RDONLY);
		CHECK(fd >= 0);
		close(fd);
		free(f);
	}
	int kept = lowest_fd();
	for (int i = 0; i < 12; i++) {
		char *f = fs_join(many[i], "f");
		int fd = fs_open_in(many[i], f, O_RDONLY);
		CHECK(fd >= 0);
		close(fd);
		free(f);
	}
	CHECK(lowest_fd() == kept);
	/* a folder that is missing is not kept: made later, it is found */
	char *later = fs_join(dir, "later"), *lf = fs_join(later, "f");
	errno = 0;
	CHECK(fs_open_in(later, lf, O_RDONLY) == -1 && errno == ENOENT);
	CHECK(mkdir(later, 0755) == 0 && fs_write(lf, "y", 1) == 0);
	int fd = fs_open_in(later, lf, O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	/* after fs_close_roots a folder put in the old one's place is read */
	fs_close_roots();
	CHECK(lowest_fd() == low);
	char *moved = fs_join(dir, "moved");
	CHECK(rename(site, moved) == 0 && mkdir(site, 0755) == 0 && fs_write(inside, "new", 3) == 0);
	size_t len = 0;
	char *data = fs_read_in(site, inside, &len, NULL);
	CHECK(data && len == 3 && !memcmp(data, "new", 3));
	free(data);
	fs_close_roots();
	for (int i = 0; i < 12; i++)
		free(many[i]);
	free(later), free(lf), free(moved);
	free(site), free(inside), free(link), free(secret);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
}

int main(void)
{
	test_open_in();

	int same = 0, rounds = 60;
	for (int r = 0; r < rounds; r++) {
		char dir[] = "/tmp/planpress-test-walk-XXXXXX";
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			return 1;
		}
		make_tree(dir, 0, "");
		buf_t want = BUF_INIT;
		int want_rc = fs_walk(dir, record, &want);
		int ok = 1;
		for (int jobs = 1; jobs <= 8; jobs *= 2) {
			buf_t got = BUF_INIT;
			int rc = fs_walk_parallel(dir, record, &got, jobs);
			ok &= rc == want_rc && !strcmp(buf_cstr(&got), buf_cstr(&want));
			if (!ok && r < 3)
				printf("walk differs with %d jobs:\n%s---\n%s", jobs, buf_cstr(&want), buf_cstr(&got));
			buf_free(&got);
		}
		same += ok;
		buf_free(&want);
		char *cmd = xasprintf("rm -rf '%s'", dir);
		CHECK(system(cmd) == 0);
		free(cmd);
	}
	CHECK(same == rounds);

	/* a missing root is an empty tree */
	buf_t none = BUF_INIT;
	CHECK(fs_walk_parallel("/tmp/planpress-no-such-dir/x", record, &none, 2) == 0);
	CHECK(none.len == 0);
	buf_free(&none);
	return check_done("fsutil");
}
