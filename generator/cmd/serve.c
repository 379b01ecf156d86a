/*
 * serve: live preview. Builds the site into a private folder, serves it on
 * 127.0.0.1 with libmicrohttpd (loaded when serve starts: see dynlib.h),
 * watches the site with inotify and builds
 * again on every change. Pages ask /_planpress/version every half second
 * and reload when it changes; while a build fails, every page shows the
 * errors instead.
 *
 * Each build runs as a child process (this same program, `build -q -o`),
 * so a preview session holds no state between builds and a build can never
 * take the server down. The preview folder is removed on exit.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "dynlib.h"
#include "fsutil.h"

extern char **environ;

#ifndef MHD_SONAME
#define MHD_SONAME "libmicrohttpd.so.12"
#endif

/* what is used of libmicrohttpd */
static struct {
	__typeof__(&MHD_create_response_from_buffer) response;
	__typeof__(&MHD_add_response_header) header;
	__typeof__(&MHD_queue_response) queue;
	__typeof__(&MHD_destroy_response) destroy;
	__typeof__(&MHD_start_daemon) start;
	__typeof__(&MHD_stop_daemon) stop;
	__typeof__(&MHD_lookup_connection_value) lookup;
} mhd;

static int load_mhd(void)
{
	const struct dynlib_sym syms[] = {
		{"MHD_create_response_from_buffer", &mhd.response},
		{"MHD_add_response_header", &mhd.header},
		{"MHD_queue_response", &mhd.queue},
		{"MHD_destroy_response", &mhd.destroy},
		{"MHD_start_daemon", &mhd.start},
		{"MHD_stop_daemon", &mhd.stop},
		{"MHD_lookup_connection_value", &mhd.lookup},
		{NULL, NULL},
	};
	return dynlib_load(MHD_SONAME, "libmicrohttpd12", "serve", syms);
}

/* TRANSLATORS: the help of serve */
static const char serve_usage[] = N_(
	"usage: planpress serve [SITE] [-p PORT] [--drafts]\n"
	"\n"
	"Builds SITE (default: .) and serves it on http://127.0.0.1:PORT/ (default\n"
	"8080). Every change to the site's files rebuilds it, and open pages\n"
	"reload by themselves. Build errors show in the browser and here.\n"
	"Nothing is written to the site's public/. Stop with Ctrl-C.\n");

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long version = 1; /* bumped after every build */
static char *errors;              /* the last failed build's messages, or NULL */
static char out_dir[PATH_MAX];
static const char *base_path = "/";
static int serve_port;
static char own_output[256] = "public";
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The page knows the build it came from; a newer one makes it reload. */
static void reload_script(buf_t *b, unsigned long v)
{
	buf_printf(b, "<script>(function(){var v=\"%lu\";setInterval(function(){"
		      "fetch('/_planpress/version',{cache:'no-store'}).then(function(r){return r.text()})"
		      ".then(function(t){if(t!==v)location.reload()}).catch(function(){})},400)})();"
		      "</script>\n", v);
}

/* Runs `planpress build -q --no-search -o OUT SITE` and keeps its
 * messages. The preview rebuilds on every save, and Pagefind indexes the
 * whole site each time (seconds on a big one): it builds without search. */
static void build(const char *self, const char *site, int drafts)
{
	char log[PATH_MAX + 8];
	snprintf(log, sizeof log, "%s.log", out_dir);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	char *argv[] = {(char *)self, "build", "-q", "--no-search", "-o", out_dir, (char *)site,
			drafts ? "--drafts" : NULL, NULL};
	pid_t pid;
	int status = -1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (posix_spawn(&pid, self, &fa, NULL, argv, environ) == 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	posix_spawn_file_actions_destroy(&fa);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	size_t n = 0;
	char *msg = fs_read(log, &n);
	unlink(log);
	int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (msg && n)
		fputs(msg, stderr);
	if (ok)
		fprintf(stderr, _("planpress: rebuilt in %.0f ms\n"), ms);
	else
		fprintf(stderr, _("planpress: the build failed in %.0f ms; the browser shows the errors until "
				  "they are fixed\n"), ms);
	pthread_mutex_lock(&lock);
	free(errors);
	errors = ok ? NULL : msg && n ? msg : xstrdup(_("the build failed"));
	if (errors != msg)
		free(msg);
	version++;
	pthread_mutex_unlock(&lock);
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *type, char *body,
			     size_t len)
{
	struct MHD_Response *r = mhd.response(len, body, MHD_RESPMEM_MUST_FREE);
	mhd.header(r, "Content-Type", type);
	mhd.header(r, "Cache-Control", "no-store");
	enum MHD_Result ret = mhd.queue(c, code, r);
	mhd.destroy(r);
	return ret;
}

static enum MHD_Result error_page(struct MHD_Connection *c, const char *msg, unsigned long v)
{
	/* in the language of the messages it shows (the build inherits
	 * the environment that chose it) */
	/* TRANSLATORS: the language of this translation, as HTML's lang
	 * attribute names it: sv for Swedish */
	const char *lang = _("en");
	const char *title = _("The build failed");
	const char *hint = _("Correct the mistake in the file and save it: this page reloads by itself.");
	buf_t b = BUF_INIT;
	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
	buf_escape_html(&b, lang, strlen(lang));
	buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	buf_escape_html(&b, title, strlen(title));
	buf_puts(&b, " – planpress</title>\n"
		     "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}"
		     "pre{background:#fff4f4;border-left:4px solid #b00020;padding:1rem;white-space:pre-wrap}</style>\n"
		     "</head>\n<body>\n<main>\n<h1>");
	buf_escape_html(&b, title, strlen(title));
	buf_puts(&b, "</h1>\n<p>");
	buf_escape_html(&b, hint, strlen(hint));
	buf_puts(&b, "</p>\n<pre>");
	buf_escape_html(&b, msg, strlen(msg));
	buf_puts(&b, "</pre>\n</main>\n");
	reload_script(&b, v);
	buf_puts(&b, "</body>\n</html>\n");
	size_t len = b.len;
	return reply(c, 500, "text/html; charset=utf-8", buf_detach(&b), len);
}

static const char *mime(const char *path)
{
	static const char *const types[][2] = {
		{".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
		{".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
		{".jpeg", "image/jpeg"}, {".csv", "text/csv; charset=utf-8"},
		{".xml", "application/xml"}, {".pdf", "application/pdf"},
		{".txt", "text/plain; charset=utf-8"}, {".eml", "message/rfc822"},
		{".js", "text/javascript"}, {".woff2", "font/woff2"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (!strcmp(dot, types[i][0]))
			return types[i][1];
	return "application/octet-stream";
}

/* 1 if a Host header names 127.0.0.1 or localhost (at the port served) */
static int own_host(const char *host)
{
	static const char *const names[] = {"127.0.0.1", "localhost", NULL};
	for (const char *const *n = names; *n; n++) {
		size_t k = strlen(*n);
		if (strncasecmp(host, *n, k))
			continue;
		if (!host[k])
			return 1;
		char port[16];
		snprintf(port, sizeof port, ":%d", serve_port);
		if (!strcmp(host + k, port))
			return 1;
	}
	return 0;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *ver, const char *data, size_t *size, void **state)
{
	(void)cls;
	(void)ver;
	(void)data;
	(void)size;
	(void)state;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply(c, 405, "text/plain", xstrdup("GET only\n"), 9);
	/* only this machine's names for itself: a page elsewhere that points
	 * a name of its own at 127.0.0.1 (DNS rebinding) reads nothing */
	const char *host = mhd.lookup(c, MHD_HEADER_KIND, "Host");
	if (host && !own_host(host))
		return reply(c, 403, "text/plain", xstrdup("this preview answers only to 127.0.0.1 and localhost\n"), 53);
	if (!strcmp(url, "/_planpress/version")) {
		pthread_mutex_lock(&lock);
		char *v = xasprintf("%lu", version);
		pthread_mutex_unlock(&lock);
		return reply(c, 200, "text/plain", v, strlen(v));
	}
	pthread_mutex_lock(&lock);
	char *err = errors ? xstrdup(errors) : NULL;
	unsigned long v = version;
	pthread_mutex_unlock(&lock);
	/* the site lives under base_url's path; "/" leads there */
	size_t bl = strlen(base_path);
	const char *rel = NULL;
	if (!strncmp(url, base_path, bl))
		rel = url + bl;
	else if (!strcmp(url, "/") || (bl > 1 && !strncmp(url, base_path, bl - 1) && !url[bl - 1])) {
		struct MHD_Response *r = mhd.response(0, "", MHD_RESPMEM_PERSISTENT);
		mhd.header(r, "Location", base_path);
		enum MHD_Result ret = mhd.queue(c, 302, r);
		mhd.destroy(r);
		free(err);
		return ret;
	}
	char *path = NULL;
	if (rel && (!*rel || fs_rel_is_safe(rel))) {
		path = fs_join(out_dir, *rel ? rel : ".");
		if (fs_is_dir(path)) {
			char *idx = fs_join(path, "index.html");
			free(path);
			path = idx;
		}
	}
	size_t len = 0;
	char *body = path ? fs_read(path, &len) : NULL;
	const char *type = path ? mime(path) : "text/html";
	int html = !strncmp(type, "text/html", 9);
	if (err && (html || !body)) {
		free(body);
		free(path);
		enum MHD_Result ret = error_page(c, err, v);
		free(err);
		return ret;
	}
	free(err);
	unsigned code = 200;
	if (!body) {
		char *nf = fs_join(out_dir, "404.html");
		body = fs_read(nf, &len);
		free(nf);
		if (!body)
			body = xstrdup("not found\n"), len = 10;
		type = "text/html; charset=utf-8";
		html = 1;
		code = 404;
	}
	if (html) {
		/* the reload script goes just before </body> */
		buf_t b = BUF_INIT;
		buf_put(&b, body, len);
		const char *end = strstr(buf_cstr(&b), "</body>");
		size_t at = end ? (size_t)(end - b.data) : b.len;
		buf_t o = BUF_INIT;
		buf_put(&o, b.data, at);
		reload_script(&o, v);
		buf_put(&o, b.data + at, b.len - at);
		buf_free(&b);
		free(body);
		len = o.len;
		body = buf_detach(&o);
	}
	free(path);
	return reply(c, code, type, body, len);
}

struct watcher {
	int fd;
	const char *root;
	int root_wd; /* the watch of the site's folder itself */
};

static void watch_tree(struct watcher *w, const char *dir)
{
	int wd = inotify_add_watch(w->fd, dir, IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
						       IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB);
	if (!strcmp(dir, w->root))
		w->root_wd = wd;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		/* the site's own output folder is not watched; a content
		 * folder that happens to be called public is */
		if (e->d_name[0] == '.' || (!strcmp(dir, w->root) && !strcmp(e->d_name, own_output)))
			continue;
		char *sub = fs_join(dir, e->d_name);
		if (fs_is_dir(sub))
			watch_tree(w, sub);
		free(sub);
	}
	closedir(d);
}

int cli_serve(int argc, char **argv)
{
	const char *root = NULL;
	int port = 8080, drafts = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(_(serve_usage), stdout);
			return 0;
		} else if (cli_option_value(argc, argv, &i, "-p", "--port", &v)) {
			char *end = NULL;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || end == v || *end || n < 1 || n > 65535) {
				diag(DIAG_ERROR, NULL, 0, 0, "%s needs a port number from 1 to 65535",
				     a[1] == '-' ? "--port" : "-p");
				return 2;
			}
			port = (int)n;
		} else if (!strcmp(a, "--drafts")) {
			drafts = 1;
		} else if (a[0] == '-') {
			diag(DIAG_ERROR, NULL, 0, 0, "unknown option '%s' (try 'planpress serve --help')", a);
			return 2;
		} else if (!root) {
			root = a;
		} else {
			diag(DIAG_ERROR, NULL, 0, 0, "more than one site given ('%s' and '%s')", root, a);
			return 2;
		}
	}
	if (!root)
		root = ".";
	if (!fs_is_dir(root)) {
		diag(DIAG_ERROR, root, 0, 0, "no such site directory");
		return 2;
	}
	if (load_mhd() != 0)
		return 1;
	char self[PATH_MAX];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	if (sl <= 0) {
		diag(DIAG_ERROR, NULL, 0, 0, "cannot find the planpress program itself");
		return 1;
	}
	self[sl] = '\0';
	/* links in the pages start with base_url's path */
	char *conf = fs_join(root, "site.conf");
	struct config cfg;
	char *bp = NULL;
	if (config_read(conf, &cfg) == 0) {
		bp = xstrdup(cfg.base_path);
		/* the site's own output folder (when it is one of the site's
		 * top folders) is what the watch leaves out */
		if (cfg.output && !strchr(cfg.output, '/'))
			snprintf(own_output, sizeof own_output, "%s", cfg.output);
		config_free(&cfg);
	}
	free(conf);
	if (bp)
		base_path = bp;
	const char *tmp = getenv("TMPDIR");
	snprintf(out_dir, sizeof out_dir, "%s/planpress-serve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(out_dir)) {
		diag(DIAG_ERROR, out_dir, 0, 0, "cannot create the preview folder: %s", strerror(errno));
		return 1;
	}
	/* the build replaces this folder; mark it as planpress's own */
	char *marker = fs_join(out_dir, ".planpress-output");
	fs_write(marker, "", 0);
	free(marker);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	build(self, root, drafts);
	int rc = 0;
	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	serve_port = port;
	/* Connections are served by two threads that poll them all (epoll),
	 * not one thread each: an idle connection costs a descriptor, not a
	 * thread. There is room for thousands (the descriptor limit is raised
	 * as far as allowed, up to 8192), so idle ones cannot crowd out the
	 * browser's, and one that says nothing for 30 s is closed. Every
	 * request is answered from memory or a local file, so none holds a
	 * thread for long. */
	struct rlimit nofile;
	unsigned int room = 512;
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
		rlim_t want = nofile.rlim_max < 8192 + 64 ? nofile.rlim_max : 8192 + 64;
		if (want > nofile.rlim_cur) {
			nofile.rlim_cur = want;
			setrlimit(RLIMIT_NOFILE, &nofile);
		}
		if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur > 128)
			room = (unsigned int)(nofile.rlim_cur - 64);
	}
	struct MHD_Daemon *d = mhd.start(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD,
			     (uint16_t)port, NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR,
			     (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)2,
			     MHD_OPTION_CONNECTION_LIMIT, room, MHD_OPTION_CONNECTION_TIMEOUT,
			     (unsigned int)30, MHD_OPTION_END);
	if (!d) {
		diag(DIAG_ERROR, NULL, 0, 0, "cannot listen on 127.0.0.1:%d (is the port in use? try -p)", port);
		rc = 1;
		goto done;
	}
	fprintf(stderr, _("planpress: previewing %s on http://127.0.0.1:%d%s (Ctrl-C stops)\n"), root, port,
		base_path);

	struct watcher w = {.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC), .root = root};
	if (w.fd < 0) {
		diag(DIAG_ERROR, NULL, 0, 0, "cannot watch the site for changes: %s", strerror(errno));
		rc = 1;
		goto done;
	}
	watch_tree(&w, root);
	while (!stop) {
		struct pollfd pfd = {.fd = w.fd, .events = POLLIN};
		if (poll(&pfd, 1, 500) <= 0)
			continue;
		/* an editor saves in several steps: wait until the site is quiet */
		int changed = 0, new_dir = 0;
		do {
			char ev[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
			ssize_t n;
			while ((n = read(w.fd, ev, sizeof ev)) > 0) {
				for (char *p = ev; p < ev + n;) {
					struct inotify_event *e = (struct inotify_event *)p;
					/* the build's own files beside the output are not changes */
					if (!(e->len && (e->name[0] == '.' ||
							 (e->wd == w.root_wd && !strcmp(e->name, own_output)))))
						changed = 1;
					if (e->mask & IN_ISDIR)
						new_dir = 1;
					p += sizeof *e + e->len;
				}
			}
			pfd.revents = 0;
		} while (!stop && poll(&pfd, 1, 80) > 0);
		if (new_dir)
			watch_tree(&w, root);
		if (changed && !stop)
			build(self, root, drafts);
	}
	close(w.fd);
done:
	if (d)
		mhd.stop(d);
	fs_rm_rf(out_dir);
	free(bp);
	free(errors);
	fputs(_("planpress: preview stopped\n"), stderr);
	return rc;
}
