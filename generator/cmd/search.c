/*
 * The search index by Pagefind (search.h).
 */
#define _GNU_SOURCE
#include "search.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "output.h"
#include "stop.h"

extern char **environ;

static int runnable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* the binary `npm ci` puts in tools/node_modules for this machine */
static char *in_tools(const char *tools)
{
	struct utsname u;
	const char *arch = uname(&u) == 0 && !strcmp(u.machine, "aarch64") ? "arm64" : "x64";
	static const char *const names[] = {"pagefind_extended", "pagefind"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *p = xasprintf("%s/node_modules/@pagefind/linux-%s/bin/%s", tools, arch, names[i]);
		if (runnable(p))
			return p;
		free(p);
	}
	return NULL;
}

char *search_find(void)
{
	const char *env = getenv("PLANPRESS_PAGEFIND");
	if (env && *env)
		return runnable(env) ? xstrdup(env) : NULL;
	const char *path = getenv("PATH");
	for (const char *d = path; d && *d;) {
		const char *end = strchr(d, ':');
		size_t len = end ? (size_t)(end - d) : strlen(d);
		if (len) {
			char *p = xasprintf("%.*s/pagefind", (int)len, d);
			if (runnable(p))
				return p;
			free(p);
		}
		d = end ? end + 1 : d + len;
	}
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return NULL;
	self[n] = '\0';
	char *dir = fs_dirname(self);
	/* ./planpress, or build/asan/planpress, in the source tree */
	static const char *const up[] = {"tools", "../../tools"};
	char *found = NULL;
	for (size_t i = 0; i < sizeof up / sizeof *up && !found; i++) {
		char *tools = fs_join(dir, up[i]);
		found = in_tools(tools);
		free(tools);
	}
	free(dir);
	return found;
}

struct view {
	const char *dir;
	int failed;
};

/* Links one HTML file of the output into the folder Pagefind reads. */
static void add_page(void *ud, const char *rel, const char *path)
{
	struct view *v = ud;
	size_t len = strlen(rel);
	if (v->failed || len < 5 || strcmp(rel + len - 5, ".html"))
		return;
	char *to = fs_join(v->dir, rel), *dir = fs_dirname(to);
	int rc = fs_mkdir_p(dir);
	if (rc == 0 && link(path, to) != 0) {
		/* another file system: a copy */
		size_t n;
		char *data = fs_read(path, &n);
		rc = data ? fs_write(to, data, n) : -1;
		free(data);
	}
	if (rc != 0) {
		diag(DIAG_ERROR, to, 0, 0, "cannot write: %s", strerror(errno));
		v->failed = 1;
	}
	free(dir);
	free(to);
}

/* Pagefind's own search UIs: the theme has its own (assets/search.js) */
static int unused(const char *rel)
{
	return strstr(rel, "-ui.") != NULL || !strcmp(rel, "pagefind-highlight.js");
}

struct bundle {
	const struct output *out;
	char *lastdir;
};

static int add_file(void *ud, const char *rel, const char *path)
{
	struct bundle *b = ud;
	if (!path || unused(rel))
		return 0;
	char *to = fs_join("pagefind", rel), *dir = fs_dirname(to);
	int rc = 0;
	if (!b->lastdir || strcmp(b->lastdir, dir)) {
		rc = output_mkdir(b->out, dir);
		free(b->lastdir);
		b->lastdir = xstrdup(dir);
	}
	size_t n;
	char *data = rc == 0 ? fs_read(path, &n) : NULL;
	if (rc == 0 && !data) {
		diag(DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		rc = output_write(b->out, to, data, n);
	free(data);
	free(dir);
	free(to);
	return rc;
}

/* Runs Pagefind with its output into log; its exit status, or -1. */
static int run(const char *exe, const char *site, const char *bundle, const char *log)
{
	char *argv[] = {(char *)exe, "--site", (char *)site, "--output-path", (char *)bundle, "--quiet", NULL};
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	pid_t pid;
	int rc = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	stop_child_add(pid);
	if (stop_requested())
		kill(pid, SIGTERM);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	stop_child_remove(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int search_index(const struct output *o, const char *exe)
{
	if (o->dry)
		return 0;
	char *parent = fs_dirname(o->final);
	char *name = xasprintf(".%s.planpress-search-%ld", strrchr(o->final, '/') + 1, (long)getpid());
	char *tmp = fs_join(parent, name);
	char *site = fs_join(tmp, "site"), *bundle = fs_join(tmp, "pagefind"), *log = fs_join(tmp, "log");
	free(name);
	free(parent);
	fs_rm_rf(tmp);
	int rc = -1;
	if (fs_mkdir_p(site) != 0) {
		diag(DIAG_ERROR, site, 0, 0, "cannot create directory: %s", strerror(errno));
		goto done;
	}
	struct view v = {site, 0};
	output_each(o, add_page, &v);
	if (v.failed)
		goto done;
	int status = run(exe, site, bundle, log);
	if (status != 0 && !stop_requested()) {
		size_t n = 0;
		char *said = fs_read(log, &n);
		/* its last lines say why */
		const char *tail = said ? said : "";
		while (n > 0 && (said[n - 1] == '\n' || said[n - 1] == ' '))
			said[--n] = '\0';
		if (n > 600)
			tail = said + n - 600;
		if (status < 0)
			diag(DIAG_ERROR, exe, 0, 0, "cannot run Pagefind: %s", strerror(errno));
		else
			diag(DIAG_ERROR, exe, 0, 0,
			     "Pagefind could not make the search index (exit status %d)%s%s; "
			     "build with --no-search to publish without one", status, *tail ? ":\n" : "", tail);
		free(said);
		goto done;
	}
	if (status != 0)
		goto done;
	struct bundle b = {o, NULL};
	rc = fs_walk(bundle, add_file, &b) == 0 ? 0 : -1;
	free(b.lastdir);
done:
	fs_rm_rf(tmp);
	free(tmp);
	free(site);
	free(bundle);
	free(log);
	return rc;
}
