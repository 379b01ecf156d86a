#define _GNU_SOURCE
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "fsutil.h"
#include "pool.h"
#include "stop.h"

#define MANIFEST ".planpress-pdf"
#define ENGINE_CSS ".planpress-print-engine.css"

extern char **environ;

uint64_t pdf_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Runs argv with stdin closed; collects stdout and stderr (capped) and
 * returns the exit status, or -1 if it could not be started. */
static int run(char *const argv[], buf_t *out, buf_t *err)
{
	int po[2], pe[2];
	if (pipe2(po, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(pe, O_CLOEXEC) != 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (rc == 0) {
		stop_child_add(pid);
		/* a signal between the spawn and the line above */
		if (stop_requested())
			kill(pid, SIGTERM);
	}
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		return -1;
	}
	struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
	buf_t *bufs[2] = {out, err};
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char chunk[4096];
			ssize_t r = read(fds[i].fd, chunk, sizeof chunk);
			if (r > 0) {
				if (bufs[i] && bufs[i]->len < 65536)
					buf_put(bufs[i], chunk, (size_t)r);
			} else if (r == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	stop_child_remove(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The command's file: name itself if it holds a '/', else the first
 * executable of that name on PATH. Returns NULL if there is none. */
static char *find_command(const char *name)
{
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; ) {
		size_t n = strcspn(p, ":");
		char *dir = n ? xstrndup(p, n) : xstrdup(".");
		char *file = fs_join(dir, name);
		free(dir);
		struct stat st;
		if (stat(file, &st) == 0 && S_ISREG(st.st_mode) && access(file, X_OK) == 0)
			return file;
		free(file);
		if (!p[n])
			return NULL;
		p += n + 1;
	}
}

/* The engine is found without being started: starting WeasyPrint takes
 * about 0.6 s, and asking it for --version and --help took more than a
 * second of every build. What a PDF depends on is then the file that was
 * found: its path, inode, size and time change when the package is
 * upgraded or reinstalled (dpkg puts a new file in place). WeasyPrint 57
 * (Debian 12) or later is assumed; it knows --pdf-variant. */
int pdf_engine_probe(struct pdf_engine *e)
{
	memset(e, 0, sizeof *e);
	const char *env = getenv("PLANPRESS_PDF_ENGINE");
	e->path = xstrdup(env && *env ? env : "weasyprint");
	char *file = find_command(e->path);
	struct stat st;
	if (file && stat(file, &st) == 0) {
		e->available = 1;
		e->identity = xasprintf("%s %ju %ju %jd %jd", file, (uintmax_t)st.st_dev,
					(uintmax_t)st.st_ino, (intmax_t)st.st_size,
					(intmax_t)st.st_mtime);
	}
	free(file);
	return e->available;
}

const char *pdf_variant_arg(enum pdf_variant v)
{
	return v == PDF_ARCHIVE ? "pdf/a-2b" : "pdf/ua-1";
}

void pdf_engine_free(struct pdf_engine *e)
{
	free(e->path);
	free(e->identity);
	memset(e, 0, sizeof *e);
}

/* Adds the files a print page reads (src="..." and its style sheets'
 * href="...", those that stay inside the output) to the hash, so a new
 * cover picture or print.css makes a new PDF. */
static uint64_t hash_refs(uint64_t h, const char *dir, const char *html, const char *attr)
{
	size_t alen = strlen(attr);
	for (const char *p = html; (p = strstr(p, attr)); ) {
		p += alen;
		const char *end = strchr(p, '"');
		if (!end)
			break;
		char *ref = xstrndup(p, (size_t)(end - p));
		if (!strstr(ref, "://") && ref[0] != '/' && strncmp(ref, "data:", 5)) {
			char *path = fs_join(dir, ref);
			size_t len;
			char *data = fs_read(path, &len);
			if (data) {
				h = pdf_hash(h, ref, strlen(ref));
				h = pdf_hash(h, data, len);
				free(data);
			}
			free(path);
		}
		free(ref);
		p = end;
	}
	return h;
}

static uint64_t hash_inputs(uint64_t h, const char *dir, const char *html)
{
	h = hash_refs(h, dir, html, "src=\"");
	return hash_refs(h, dir, html, "<link rel=\"stylesheet\" href=\"");
}

/* A figure and its unit, as "25 %" or "38 tkr": the space after the
 * digit becomes a no-break space, so "%" or "tkr" never starts a line.
 * Returns the length of the unit after the space at p (0 if none). */
static size_t unit_after(const char *p, size_t n)
{
	static const char *const units[] = {"%", "tkr", "mnkr", "kr"};
	for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
		size_t u = strlen(units[k]);
		if (n >= u && !memcmp(p, units[k], u) &&
		    (n == u || !((p[u] >= 'a' && p[u] <= 'z') || (p[u] >= 'A' && p[u] <= 'Z') || (unsigned char)p[u] >= 0x80)))
			return u;
	}
	return 0;
}

/* An en dash between two characters that are not spaces ("2015–2017",
 * "jan–aug") is followed by U+2060 WORD JOINER in the text of html, so the
 * engine never breaks a line after it; and a figure keeps its unit on its
 * line (unit_after). Tags are left as they are. Returns the new text, or
 * NULL if nothing changed. Only the engine's copy of a print page gets
 * this: the web pages and utskrift.html, which people search and copy
 * from, keep the text as written. */
char *pdf_join_dashes(const char *html, size_t len, size_t *out_len)
{
	static const char dash[] = "\xe2\x80\x93", joiner[] = "\xe2\x81\xa0", nbsp[] = "\xc2\xa0";
	buf_t b = BUF_INIT;
	int in_tag = 0, changed = 0;
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = html[i];
		if (in_tag) {
			in_tag = ch != '>';
			continue;
		}
		if (ch == '<') {
			in_tag = 1;
			continue;
		}
		if (ch == ' ' && i > 0 && html[i - 1] >= '0' && html[i - 1] <= '9' &&
		    unit_after(html + i + 1, len - i - 1)) {
			buf_put(&b, html + from, i - from);
			buf_put(&b, nbsp, 2);
			from = i + 1;
			changed = 1;
			continue;
		}
		if (i > 0 && i + 3 < len && !memcmp(html + i, dash, 3) && html[i - 1] != '>' &&
		    !strchr(" \t\r\n", html[i - 1]) && !strchr(" \t\r\n<", html[i + 3]) &&
		    !(i + 6 <= len && !memcmp(html + i + 3, joiner, 3))) {
			buf_put(&b, html + from, i + 3 - from);
			buf_put(&b, joiner, 3);
			from = i + 3;
			changed = 1;
			i += 2;
		}
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	buf_put(&b, html + from, len - from);
	*out_len = b.len;
	return buf_detach(&b);
}

struct run_ctx {
	const struct pdf_engine *e;
	const struct output *out;
	struct pdf_job *jobs;
	char *css_path;
	char *previous;   /* the previous manifest, or NULL */
	int failed;
};

static int previous_has(const char *manifest, uint64_t hash, const char *rel)
{
	if (!manifest)
		return 0;
	char key[1024];
	snprintf(key, sizeof key, "%016" PRIx64 " %s\n", hash, rel);
	for (const char *p = manifest; (p = strstr(p, key)); p++)
		if (p == manifest || p[-1] == '\n')
			return 1;
	return 0;
}

static void run_one(void *ud, size_t i)
{
	struct run_ctx *c = ud;
	struct pdf_job *j = &c->jobs[i];
	/* Ctrl-C: no more PDFs (those being made were stopped with it) */
	if (stop_requested()) {
		c->failed = 1;
		return;
	}
	char *html = fs_join(c->out->staging, j->html_rel);
	char *pdf = fs_join(c->out->staging, j->pdf_rel);
	/* take the PDF over from the previous build when nothing changed */
	if (previous_has(c->previous, j->hash, j->pdf_rel)) {
		char *old = fs_join(c->out->final, j->pdf_rel);
		if (link(old, pdf) == 0 || fs_copy(old, pdf) == 0) {
			j->reused = 1;
			free(old);
			free(html);
			free(pdf);
			return;
		}
		free(old);
	}
	/* the engine reads a copy with word joiners after dashes, beside the
	 * print page so that its relative addresses lead to the same files */
	char *engine_html = NULL;
	size_t len, joined_len;
	char *text = fs_read(html, &len);
	char *joined = text ? pdf_join_dashes(text, len, &joined_len) : NULL;
	if (joined) {
		char *dir = fs_dirname(html);
		engine_html = fs_join(dir, ".planpress-engine.html");
		free(dir);
		if (fs_write(engine_html, joined, joined_len) == 0) {
			free(html);
			html = xstrdup(engine_html);
		} else {
			free(engine_html);
			engine_html = NULL;
		}
	}
	free(joined);
	free(text);
	char *argv[12];
	int n = 0;
	argv[n++] = c->e->path;
	argv[n++] = "-q";
	if (c->css_path) {
		argv[n++] = "-s";
		argv[n++] = c->css_path;
	}
	argv[n++] = "--pdf-variant";
	argv[n++] = (char *)pdf_variant_arg(c->e->variant);
	argv[n++] = html;
	argv[n++] = pdf;
	argv[n] = NULL;
	buf_t err = BUF_INIT;
	int rc = run(argv, NULL, &err);
	struct stat st;
	if (stop_requested()) {
		c->failed = 1;
	} else if (rc != 0 || stat(pdf, &st) != 0 || st.st_size == 0) {
		size_t len = err.len > 400 ? 400 : err.len;
		if (len)
			diag(DIAG_ERROR, j->source, 0, 0, "the PDF engine (%s) failed on %s: %.*s", c->e->path,
			     j->html_rel, (int)len, buf_cstr(&err));
		else
			diag(DIAG_ERROR, j->source, 0, 0, "the PDF engine (%s) failed on %s", c->e->path,
			     j->html_rel);
		c->failed = 1;
	}
	buf_free(&err);
	if (engine_html)
		unlink(engine_html);
	free(engine_html);
	free(html);
	free(pdf);
}

int pdf_run(const struct pdf_engine *e, const struct output *out, struct pdf_job *jobs,
	    size_t n, int threads, const char *css, int *made, int *reused)
{
	*made = *reused = 0;
	if (out->dry || n == 0)
		return 0;
	struct run_ctx c;
	memset(&c, 0, sizeof c);
	c.e = e;
	c.out = out;
	c.jobs = jobs;
	if (css) {
		c.css_path = fs_join(out->staging, ENGINE_CSS);
		if (fs_write(c.css_path, css, strlen(css)) != 0) {
			diag(DIAG_ERROR, c.css_path, 0, 0, "cannot write: %s", strerror(errno));
			free(c.css_path);
			return -1;
		}
	}
	char *prev = fs_join(out->final, MANIFEST);
	c.previous = fs_read(prev, NULL);
	free(prev);
	for (size_t i = 0; i < n; i++) {
		char *html_path = fs_join(out->staging, jobs[i].html_rel);
		char *dir = fs_dirname(html_path);
		size_t len;
		char *html = fs_read(html_path, &len);
		uint64_t h = PDF_HASH_INIT;
		h = pdf_hash(h, e->identity ? e->identity : "", e->identity ? strlen(e->identity) : 0);
		const char *variant = pdf_variant_arg(e->variant);
		h = pdf_hash(h, variant, strlen(variant));
		if (css)
			h = pdf_hash(h, css, strlen(css));
		if (html) {
			h = pdf_hash(h, html, len);
			h = hash_inputs(h, dir, html);
		}
		jobs[i].hash = h;
		free(html);
		free(dir);
		free(html_path);
	}
	pool_run(n, threads, run_one, &c);
	if (c.css_path)
		unlink(c.css_path);
	free(c.css_path);
	free(c.previous);
	if (c.failed)
		return -1;
	buf_t m = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		buf_printf(&m, "%016" PRIx64 " %s\n", jobs[i].hash, jobs[i].pdf_rel);
		if (jobs[i].reused)
			(*reused)++;
		else
			(*made)++;
	}
	int rc = output_write(out, MANIFEST, buf_cstr(&m), m.len);
	buf_free(&m);
	return rc;
}
