/*
 * `planpress build` and `planpress check`: the pipeline from site.conf and
 * content/ to a published output directory.
 *
 *   config -> templates -> scan -> load pages (parallel) -> link
 *          -> render and write (parallel) -> copy files -> commit
 *
 * Any error stops the build before the commit, so the previous output
 * stays as it was.
 */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "fsutil.h"
#include "newsletter.h"
#include "output.h"
#include "feeds.h"
#include "linkcheck.h"
#include "pdf.h"
#include "pool.h"
#include "site.h"
#include "theme.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct job {
	struct site *site;
	struct output *out;
	int keep_html;          /* check: keep pages for the link checker */
	atomic_size_t done;
	size_t total;
	int progress;
};

static void progress(struct job *j)
{
	size_t d = atomic_fetch_add(&j->done, 1) + 1;
	if (j->progress && (d % 250 == 0 || d == j->total))
		fprintf(stderr, "\rplanpress: %zu/%zu", d, j->total);
}

static void load_one(void *ud, size_t i)
{
	struct job *j = ud;
	if (interrupted)
		return;
	page_load(j->site, j->site->pages[i]);
}

/* A static host cannot answer 301, so an old address gets a page that
 * sends browsers on and tells search engines where the page lives now. */
static void redirect_page(const struct site *s, const struct page *p, buf_t *out)
{
	char *url = site_url(s, p, 0), *perma = site_url(s, p, 1);
	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", s->cfg.lang->code);
	buf_puts(out, "<title>");
	const char *t = p->title ? p->title : url;
	buf_escape_html(out, t, strlen(t));
	buf_printf(out, "</title>\n<link rel=\"canonical\" href=\"%s\">\n"
			"<meta name=\"robots\" content=\"noindex\">\n"
			"<meta http-equiv=\"refresh\" content=\"0; url=%s\">\n</head>\n<body>\n<p>%s <a href=\"%s\">",
		   perma, url, s->cfg.lang->moved, url);
	buf_escape_html(out, t, strlen(t));
	buf_puts(out, "</a>.</p>\n</body>\n</html>\n");
	free(url);
	free(perma);
}

static void render_one(void *ud, size_t i)
{
	struct job *j = ud;
	struct page *p = j->site->pages[i];
	if (interrupted || p->failed)
		return;
	buf_t html = BUF_INIT;
	if (page_render(j->site, p, &html) == 0) {
		output_write(j->out, p->out_rel, html.data ? html.data : "", html.len);
		if (j->keep_html)
			p->html = buf_detach(&html);
	}
	if (p->is_report) {
		buf_reset(&html);
		if (page_render_print(j->site, p, &html) == 0) {
			output_write(j->out, p->print_out_rel, html.data ? html.data : "", html.len);
			if (j->keep_html)
				p->print_html = buf_detach(&html);
		}
	}
	if (p->eml_name) {
		buf_t text = BUF_INIT, eml = BUF_INIT;
		buf_reset(&html);
		if (newsletter_render(j->site, p, &html, &text, &eml) == 0) {
			char *rel = xasprintf("%s" MAIL_HTML_NAME, p->url_path);
			output_write(j->out, rel, buf_cstr(&html), html.len);
			free(rel);
			rel = xasprintf("%s" MAIL_TEXT_NAME, p->url_path);
			output_write(j->out, rel, buf_cstr(&text), text.len);
			free(rel);
			rel = xasprintf("%s%s", p->url_path, p->eml_name);
			output_write(j->out, rel, buf_cstr(&eml), eml.len);
			free(rel);
		} else {
			p->failed = 1;
		}
		buf_free(&text);
		buf_free(&eml);
	}
	for (size_t k = 0; k < p->naliases; k++) {
		buf_reset(&html);
		redirect_page(j->site, p, &html);
		char *dir = fs_dirname(p->aliases[k]);
		if (output_mkdir(j->out, dir) == 0)
			output_write(j->out, p->aliases[k], buf_cstr(&html), html.len);
		free(dir);
	}
	buf_free(&html);
	/* the CSV downloads of the page's tables live beside it */
	for (size_t k = 0; k < p->tables.nfiles; k++) {
		char *rel = xasprintf("%s%s", p->url_path, p->tables.files[k].name);
		char *dir = fs_dirname(rel);
		if (output_mkdir(j->out, dir) == 0)
			output_write(j->out, rel, p->tables.files[k].data, p->tables.files[k].len);
		free(dir);
		free(rel);
	}
	progress(j);
}

static void copy_one(void *ud, size_t i)
{
	struct job *j = ud;
	if (interrupted)
		return;
	const char *rel = j->site->files[i];
	char *from = fs_join(j->site->content, rel);
	output_copy(j->out, rel, from);
	free(from);
}

static int make_dirs(struct site *s, struct output *o)
{
	int rc = 0;
	const char *last = NULL;
	size_t lastlen = 0;
	for (size_t i = 0; i < s->npages + s->nfiles && rc == 0; i++) {
		const char *rel = i < s->npages ? s->pages[i]->out_rel : s->files[i - s->npages];
		const char *slash = strrchr(rel, '/');
		if (!slash)
			continue;
		size_t len = (size_t)(slash - rel);
		if (last && len == lastlen && !strncmp(last, rel, len))
			continue;
		char *dir = xstrndup(rel, len);
		rc = output_mkdir(o, dir);
		free(dir);
		last = rel;
		lastlen = len;
	}
	return rc;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static const char build_usage[] =
	"usage: planpress build [SITE] [options]\n"
	"       planpress check [SITE] [options]\n"
	"\n"
	"build writes SITE (default: .) to SITE/public/ or to [site] output in\n"
	"site.conf. The new output replaces the old one only when the whole build\n"
	"succeeds. check does the same work, writes nothing and reports every\n"
	"problem.\n"
	"\n"
	"Options:\n"
	"  -o, --output DIR  write to DIR instead\n"
	"  -j, --jobs N      use N threads (default: all cores)\n"
	"      --pdf         also make PDFs of the report documents (needs WeasyPrint)\n"
	"      --drafts      include pages with draft: true\n"
	"  -q, --quiet       print only errors and the summary\n"
	"  -h, --help        show this help\n";

int cli_build(int argc, char **argv, int check_only)
{
	const char *root = NULL, *out_opt = NULL;
	int jobs = pool_cores(), quiet = 0, drafts = 0, want_pdf = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(build_usage, stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(a, "--drafts")) {
			drafts = 1;
		} else if (!strcmp(a, "--pdf")) {
			want_pdf = 1;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			if (++i >= argc || atoi(argv[i]) < 1) {
				diag(DIAG_ERROR, NULL, 0, 0, "%s needs a number of threads", a);
				return 2;
			}
			jobs = atoi(argv[i]);
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (++i >= argc) {
				diag(DIAG_ERROR, NULL, 0, 0, "%s needs a directory", a);
				return 2;
			}
			out_opt = argv[i];
		} else if (a[0] == '-' && a[1]) {
			diag(DIAG_ERROR, NULL, 0, 0, "unknown option '%s' (try 'planpress %s --help')",
			     a, check_only ? "check" : "build");
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
	diag_set_quiet(quiet);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	struct site site;
	memset(&site, 0, sizeof site);
	site.root = root;
	site.drafts = drafts;
	site.keep_sources = check_only;
	struct output out;
	memset(&out, 0, sizeof out);
	struct pdf_engine engine;
	memset(&engine, 0, sizeof engine);
	int ok = 0, pdf_made = 0, pdf_reused = 0;
	char *conf = fs_join(root, "site.conf");
	char *cli_out = out_opt ? fs_absolute(out_opt) : NULL;

	if (config_read(conf, &site.cfg) != 0)
		goto finish;
	if (output_begin(&out, root, cli_out ? cli_out : site.cfg.output, conf, check_only) != 0)
		goto finish;
	if ((want_pdf || site.cfg.pdf) && !check_only) {
		if (pdf_engine_probe(&engine))
			site.pdf = 1;
		else
			diag(DIAG_NOTE, NULL, 0, 0,
			     "no PDF engine found ('%s' cannot be run): the print pages are built, the PDFs are skipped (install the Debian package weasyprint)",
			     engine.path);
	}
	site.templates = theme_load(root);
	if (!site.templates)
		goto finish;
	site.want_tables_json = mustache_set_mentions(site.templates, "tables");
	if (site_scan(&site) != 0)
		goto finish;

	struct job job;
	memset(&job, 0, sizeof job);
	job.site = &site;
	job.out = &out;
	job.total = site.npages;
	job.progress = !quiet && isatty(2) && site.npages >= 500;
	pool_run(site.npages, jobs, load_one, &job);
	if (interrupted || diag_error_count() > 0)
		goto finish;
	if (site_link(&site) != 0)
		goto finish;
	job.total = site.npages;
	job.keep_html = check_only;
	if (make_dirs(&site, &out) != 0)
		goto finish;
	pool_run(site.npages, jobs, render_one, &job);
	if (job.progress)
		fputc('\n', stderr);
	pool_run(site.nfiles, jobs, copy_one, &job);
	if (feeds_write(&site, &out) != 0)
		goto finish;
	if (check_only) {
		/* the files that the site model does not list */
		char **extra = NULL;
		size_t nextra = 0;
		theme_asset_paths(root, &extra, &nextra);
		extra = xrealloc(extra, (nextra + 3 + site.cfg.nforbund) * sizeof *extra);
		extra[nextra++] = xstrdup("atom.xml");
		extra[nextra++] = xstrdup("sitemap.xml");
		for (size_t i = 0; i < site.cfg.nforbund; i++)
			extra[nextra++] = xasprintf("%s/atom.xml", site.cfg.forbund[i].slug);
		linkcheck_run(&site, extra, nextra, jobs);
		for (size_t i = 0; i < nextra; i++)
			free(extra[i]);
		free(extra);
	}
	int assets = theme_copy_assets(root, &out);
	if (assets < 0 || interrupted || diag_error_count() > 0)
		goto finish;
	if (site.pdf) {
		struct pdf_job *pj = xcalloc(site.npages + 1, sizeof *pj);
		size_t npj = 0;
		for (size_t i = 0; i < site.npages; i++) {
			struct page *p = site.pages[i];
			if (!p->is_report)
				continue;
			pj[npj].html_rel = p->print_out_rel;
			pj[npj].pdf_rel = p->pdf_rel;
			pj[npj].source = p->path;
			npj++;
		}
		char *css = site.cfg.page_footnotes ? theme_asset_text(root, "print-footnotes.css") : NULL;
		if (!quiet && npj > 0 && isatty(2))
			fprintf(stderr, "planpress: making %zu PDF%s with %s\n", npj, npj == 1 ? "" : "s",
				engine.version ? engine.version : engine.path);
		int rc = pdf_run(&engine, &out, pj, npj, jobs, css, &pdf_made, &pdf_reused);
		free(css);
		free(pj);
		if (rc != 0 || interrupted)
			goto finish;
	}
	if (output_commit(&out) != 0)
		goto finish;
	ok = 1;

finish:
	if (!ok)
		output_abort(&out);
	int errors = diag_error_count(), warnings = diag_warning_count();
	double secs = seconds_since(&t0);
	if (interrupted) {
		fprintf(stderr, "planpress: interrupted; %s\n",
			check_only ? "nothing was written"
				   : "the previous output was left as it was");
	} else if (check_only) {
		fprintf(stderr, "planpress: checked %zu pages and %zu files in %.2f s: %d error%s, %d warning%s\n",
			site.npages, site.nfiles, secs, errors, errors == 1 ? "" : "s",
			warnings, warnings == 1 ? "" : "s");
	} else if (ok) {
		char pdfs[96] = "";
		if (site.pdf)
			snprintf(pdfs, sizeof pdfs, ", made %d PDF%s (%d unchanged)", pdf_made,
				 pdf_made == 1 ? "" : "s", pdf_reused);
		fprintf(stderr, "planpress: built %zu pages and %zu files%s in %.2f s into %s%s\n",
			site.npages, site.nfiles, pdfs, secs, out.final,
			warnings ? " (with warnings)" : "");
	} else {
		fprintf(stderr, "planpress: build failed with %d error%s; %s\n", errors,
			errors == 1 ? "" : "s",
			out.final && fs_exists(out.final) ? "the previous output was left as it was"
							  : "nothing was written");
	}
	output_free(&out);
	pdf_engine_free(&engine);
	site_free(&site);
	free(conf);
	free(cli_out);
	if (interrupted)
		return 130;
	return ok && errors == 0 ? 0 : 1;
}
