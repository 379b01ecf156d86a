/*
 * `planpress build` and `planpress check`: the pipeline from site.conf and
 * content/ to a published output directory.
 *
 *   config -> templates -> scan -> load pages (parallel) -> link
 *          -> render and write (parallel) -> commit
 *
 * The static files are copied from the scan on, by a thread that runs
 * when a core is free, and in the last stage by whichever thread is.
 *
 * Any error stops the build before the commit, so the previous output
 * stays as it was.
 */
#include <errno.h>
#include <json-c/json.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cli.h"
#include "diag.h"
#include "exit_keep.h"
#include "i18n.h"
#include "incremental.h"
#include "fsutil.h"
#include "output.h"
#include "feeds.h"
#include "figref.h"
#include "form.h"
#include "copier.h"
#include "linkcheck.h"
#include "odt.h"
#include "memhint.h"
#include "pdf.h"
#include "pool.h"
#include "search.h"
#include "site.h"
#include "stop.h"
#include "theme.h"
#include "version.h"

struct job {
	struct site *site;
	struct output *out;
	int keep_html;          /* check: keep pages for the link checker */
	atomic_size_t done;
	size_t total;
	int progress;
	const struct cache *cache; /* the last build's, when this one is incremental */
	int remember;           /* this build writes a cache */
	int feeds_failed;
	int own_dirs;           /* each page and file makes its own folder */
	atomic_int dirs_failed; /* one message is enough: a full disk stays full */
	struct copier copier;   /* the site's other files (copier.h) */
	uint64_t *shown;        /* a whole build's pages' shown_page, made as they render */
};

/* In a fresh output each page and file makes the folder it is written to
 * as it is rendered, so the folders are made while other pages render
 * rather than all before (mkdir -p copes with another thread making a
 * parent first). Returns -1 when the folder cannot be made. */
static int own_dir(struct job *j, const char *rel)
{
	if (!j->own_dirs)
		return 0;
	if (atomic_load(&j->dirs_failed))
		return -1;
	const char *slash = strrchr(rel, '/');
	if (!slash)
		return 0;
	char *dir = xstrndup(rel, (size_t)(slash - rel));
	int rc = output_mkdir(j->out, dir);
	free(dir);
	if (rc != 0)
		atomic_store(&j->dirs_failed, 1);
	return rc;
}

static void progress(struct job *j)
{
	size_t d = atomic_fetch_add(&j->done, 1) + 1;
	if (j->progress && (d % 250 == 0 || d == j->total))
		fprintf(stderr, "\rplanpress: %zu/%zu", d, j->total);
}

static void load_one(void *ud, size_t i)
{
	struct job *j = ud;
	struct page *p = j->site->pages[i];
	if (stop_requested())
		return;
	/* the fingerprint comes first: a file changed while it is read is
	 * read again next time (a whole build takes it when it reads) */
	if (!p->generated && j->cache)
		p->source_print = file_print(p->path);
	if (j->cache) {
		p->cache_rec = cache_page_find(j->cache, p->out_rel);
		p->unchanged = incr_unchanged(p, p->cache_rec) &&
			       incr_outputs_intact(j->cache, j->out->final, p->cache_rec);
	}
	int said = diag_thread_count();
	if (p->unchanged && !p->generated) {
		if (!p->cache_rec->front || page_load_front_cached(j->site, p, p->cache_rec->front) != 0)
			page_load_front(j->site, p);
		if (p->front_loaded && !p->failed) {
			p->cached = 1;
			if (p->cache_rec->summary)
				p->md.summary = xstrdup(p->cache_rec->summary);
		}
	} else {
		page_load(j->site, p);
	}
	/* its entry in lists, while the other pages load: linking
	 * waits for every page, and has less to do */
	if (p->front_loaded && !p->failed)
		site_page_summary(j->site, p);
	p->noisy = diag_thread_count() != said;
	/* the pages' HTML outgrows the heaps' first step on a big site */
	static _Thread_local unsigned loaded;
	if (++loaded % 32 == 0)
		memhint_more(p->md.html);
}

static void load_body(void *ud, size_t i)
{
	struct job *j = ud;
	struct page *p = j->site->pages[i];
	int said = diag_thread_count();
	if (!stop_requested() && p->render && p->cached)
		page_load_body(j->site, p);
	if (diag_thread_count() != said)
		p->noisy = 1;
}

static void drop_body(void *ud, size_t i);

/* how figref_check reaches the site's pages (figref.h) */
static struct page *by_rel(void *ud, const char *rel)
{
	return site_page_by_rel(ud, rel);
}

static void load_page_body(void *ud, struct page *p)
{
	page_load_body(ud, p);
}

/* Writes one of the page's files and remembers it as the page's (the
 * forms' emit, form.h). */
static int emit(struct form_ctx *c, const char *rel, const char *data, size_t len, int mkdir)
{
	struct job *j = c->ud;
	struct page *p = c->page;
	if (mkdir) {
		char *dir = fs_dirname(rel);
		int rc = output_mkdir(j->out, dir);
		free(dir);
		if (rc != 0)
			return -1;
	}
	output_write(j->out, rel, data, len);
	p->outputs = xrealloc(p->outputs, (p->noutputs + 1) * sizeof *p->outputs);
	p->outputs[p->noutputs++] = xstrdup(rel);
	return 0;
}

static void render_one(void *ud, size_t i)
{
	struct job *j = ud;
	struct page *p = j->site->pages[i];
	if (stop_requested() || p->failed)
		return;
	if (!p->render) {
		/* an incremental build leaves this page's files as they are */
		const struct cache_page *rec = p->cache_rec;
		for (size_t k = 0; k < rec->noutputs; k++) {
			const struct cache_file *f = cache_file_find(j->cache, rec->outputs[k]);
			if (f)
				output_keep(j->out, f->rel, f->size, f->ino, f->mtime_ns);
		}
		progress(j);
		return;
	}
	if (own_dir(j, p->out_rel) != 0)
		return;
	int said = diag_thread_count();
	/* each of its forms (form.h), from one set of template data */
	struct form_ctx fc = {j->site, p, page_data_new(j->site, p), j->keep_html, emit, j};
	form_render_all(&fc);
	page_data_free(fc.data);
	forms_drop(forms, p);
	if (diag_thread_count() != said)
		p->noisy = 1;
	/* the cache's copy of the front matter, made here on every core */
	if (j->remember && !p->generated && !p->noisy && p->front_loaded)
		p->front_blob = page_front_blob(p);
	/* done with its body, unless a letter still shows it */
	if (!j->keep_html && !p->in_letter)
		drop_body(j, i);
	progress(j);
}

/* After rendering, a page needs only what lists and feeds show of it:
 * the rest goes before the build's last steps add their own memory. */
/* a file the page's output depends on, for the cache */
static void add_dep(struct page *p, const char *path, uint64_t print)
{
	p->deps = xrealloc(p->deps, (p->ndeps + 1) * sizeof *p->deps);
	p->dep_prints = xrealloc(p->dep_prints, (p->ndeps + 1) * sizeof *p->dep_prints);
	p->deps[p->ndeps] = xstrdup(path);
	p->dep_prints[p->ndeps++] = print;
}

static void drop_body(void *ud, size_t i)
{
	struct job *j = ud;
	struct page *p = j->site->pages[i];
	/* the CSV files it read, for the cache, first */
	for (size_t k = 0; k < p->tables.ntbl; k++) {
		const struct tbl *tb = p->tables.tables[k];
		if (tb->csv_path && tb->csv_print) /* else made from another table */
			add_dep(p, tb->csv_path, tb->csv_print);
	}
	/* and those of other pages that its 'agrees:' checks read */
	const char *const *paths;
	const uint64_t *prints;
	size_t nx = figref_deps(&p->tables, &paths, &prints);
	for (size_t k = 0; k < nx; k++)
		add_dep(p, paths[k], prints[k]);
	md_result_drop_body(&p->md);
	table_ctx_free(&p->tables);
}

/* The last stage's work in one run, so no core waits for another between
 * its parts: the feeds (one item, first, while the pages start), every
 * page, then the static files the copier has not taken. */
static void finish_one(void *ud, size_t i)
{
	struct job *j = ud;
	size_t npages = j->site->npages;
	if (i == 0) {
		if (!stop_requested() && feeds_write(j->site, j->out) != 0)
			j->feeds_failed = 1;
	} else if (i - 1 < npages) {
		if (j->shown)
			j->shown[i - 1] = incr_shown_page(j->site, j->site->pages[i - 1]);
		render_one(ud, i - 1);
	} else {
		copier_next(&j->copier);
	}
}

/* The folders an update in place needs, made before the pages render,
 * one at a time: output_mkdir logs each one made, so that a failed build
 * can take it away again. */
static int make_dirs(struct site *s, struct output *o)
{
	const char *last = NULL;
	size_t lastlen = 0;
	for (size_t i = 0; i < s->npages + s->nfiles; i++) {
		if (i < s->npages && !s->pages[i]->render)
			continue; /* an incremental build keeps its files */
		const char *rel = i < s->npages ? s->pages[i]->out_rel : s->files[i - s->npages];
		const char *slash = strrchr(rel, '/');
		if (!slash)
			continue;
		size_t len = (size_t)(slash - rel);
		if (last && len == lastlen && !strncmp(last, rel, len))
			continue;
		char *dir = xstrndup(rel, len);
		int rc = output_mkdir(o, dir);
		free(dir);
		if (rc != 0)
			return -1;
		last = rel;
		lastlen = len;
	}
	return 0;
}

static int lock_site(const char *root, int quiet)
{
	char *dir = fs_join(root, CACHE_DIR), *path = fs_join(dir, "lock");
	int fd = -1;
	if (cache_dir_make(dir) == 0)
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (!quiet)
			diag(DIAG_NOTE, NULL, 0, 0, "another build of this site is running: waiting for it to end");
		if (flock(fd, LOCK_EX) != 0) {
			close(fd);
			fd = -1;
		}
	}
	free(path);
	free(dir);
	return fd;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* TRANSLATORS: the help of build and check; options are typed as they are */
static const char build_usage[] = N_(
	"usage: planpress build [SITE] [options]\n"
	"       planpress check [SITE] [options]\n"
	"\n"
	"build writes SITE (default: .) to SITE/public/ or to [site] output in\n"
	"site.conf. The new output replaces the old one only when the whole build\n"
	"succeeds. check does the same work, writes nothing and reports every\n"
	"problem.\n"
	"\n"
	"Options:\n"
	"  -o, --output DIR  write to DIR instead (also -oDIR, --output=DIR)\n"
	"  -j, --jobs N      use N threads, at most 64 (default: all cores; also -jN,\n"
	"                    --jobs=N)\n"
	"      --pdf         also make PDFs of the report documents (needs WeasyPrint)\n"
	"      --pdf=arkiv   the same as PDF/A-2b, for the archive\n"
	"      --odt         also make the report documents as ODT files, for Word and\n"
	"                    LibreOffice (as odt = ja in site.conf)\n"
	"      --drafts      include pages with draft: true\n"
	"      --no-search   make no search index (as search = nej in site.conf)\n"
	"  -q, --quiet       print only errors and the summary\n"
	"  -h, --help        show this help\n");

/* The watchdog's cleanup: what this build wrote goes, while its threads
 * may still be writing. */
static void abandon_output(void *out)
{
	output_abandon(out);
}

int cli_build(int argc, char **argv, int check_only)
{
	const char *root = NULL, *out_opt = NULL;
	int jobs = pool_cores(), quiet = 0, drafts = 0, no_search = 0;
	int want_pdf = 0, want_archive = 0, want_odt = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(_(build_usage), stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(a, "--drafts")) {
			drafts = 1;
		} else if (!strcmp(a, "--no-search")) {
			no_search = 1;
		} else if (!strcmp(a, "--pdf") || !strncmp(a, "--pdf=", 6)) {
			if (a[5] == '=') {
				if (strcmp(a + 6, "arkiv") && strcmp(a + 6, "archive")) {
					diag(DIAG_ERROR, NULL, 0, 0,
					     "--pdf=%s: the one kind of PDF to ask for is arkiv (PDF/A-2b for the archive)",
					     a + 6);
					return 2;
				}
				want_archive = 1;
			}
			if (check_only) {
				diag(DIAG_ERROR, NULL, 0, 0,
				     "--pdf belongs to build: check writes nothing, PDFs included "
				     "(try 'planpress build --pdf')");
				return 2;
			}
			want_pdf = 1;
		} else if (!strcmp(a, "--odt")) {
			if (check_only) {
				diag(DIAG_ERROR, NULL, 0, 0,
				     "--odt belongs to build: check writes nothing, ODT files included "
				     "(try 'planpress build --odt')");
				return 2;
			}
			want_odt = 1;
		} else if (cli_option_value(argc, argv, &i, "-j", "--jobs", &v)) {
			char *end = NULL;
			errno = 0;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || end == v || *end || errno || n < 1 || n > 64) {
				const char *opt = a[1] == '-' ? "--jobs" : "-j";
				if (v)
					diag(DIAG_ERROR, NULL, 0, 0, "%s needs a number of threads from 1 to 64, not '%s'",
					     opt, v);
				else
					diag(DIAG_ERROR, NULL, 0, 0, "%s needs a number of threads from 1 to 64", opt);
				return 2;
			}
			jobs = (int)n;
		} else if (!strncmp(a, "-output", 7) && (a[7] == '=' || !a[7])) {
			/* -o with "utput" as its directory, to getopt; a user
			 * who typed this meant --output */
			diag(DIAG_ERROR, NULL, 0, 0, "unknown option '%s': did you mean '-%s'?", a, a);
			return 2;
		} else if (cli_option_value(argc, argv, &i, "-o", "--output", &v)) {
			if (!v || !*v) {
				diag(DIAG_ERROR, NULL, 0, 0, "%s needs a directory", a[1] == '-' ? "--output" : "-o");
				return 2;
			}
			out_opt = v;
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
	/* before the first thread: every page's HTML is kept until it is
	 * written, tens of MB on a big site */
	memhint_start();
	pool_start(jobs);

	stop_begin(check_only ? _("planpress: interrupted; nothing was written\n")
			      : _("planpress: interrupted; the previous output was left as it was\n"));

	struct site site;
	memset(&site, 0, sizeof site);
	site.root = root;
	site.drafts = drafts;
	site.keep_sources = check_only;
	site.jobs = jobs;
	site.forms = forms;
	struct output out;
	memset(&out, 0, sizeof out);
	struct job job;
	memset(&job, 0, sizeof job);
	struct pdf_engine engine;
	memset(&engine, 0, sizeof engine);
	int ok = 0, pdf_made = 0, pdf_reused = 0, incremental = 0, lock_fd = -1;
	char *cache_path = NULL, *pagefind = NULL;
	uint64_t validity = 0, structure = 0;
	struct cache old_cache;
	memset(&old_cache, 0, sizeof old_cache);
	char *conf = fs_join(root, "site.conf");
	char *cli_out = out_opt ? fs_absolute(out_opt) : NULL;

	if (config_read(conf, &site.cfg) != 0)
		goto finish;
	/* ODT (form_odt.c): its libraries are loaded only when it is asked for */
	if (want_odt)
		site.cfg.odt = 1;
	if (site.cfg.odt && odt_load() != 0)
		goto finish;
	if (!check_only)
		lock_fd = lock_site(root, quiet);
	if (output_begin(&out, root, cli_out ? cli_out : site.cfg.output, cli_out ? NULL : conf,
			 cli_out ? 0 : site.cfg.output_line, check_only) != 0)
		goto finish;
	stop_set_cleanup(abandon_output, &out);
	if ((want_pdf || site.cfg.pdf) && !check_only) {
		if (pdf_engine_probe(&engine))
			site.pdf = 1;
		else
			diag(DIAG_NOTE, NULL, 0, 0,
			     "no PDF engine found ('%s' cannot be run): the print pages are built, the PDFs are skipped (install the Debian package weasyprint)",
			     engine.path);
		if (want_archive || site.cfg.pdf_archive)
			engine.variant = PDF_ARCHIVE;
	}
	/* the search index (search.h). The pages are the same with Pagefind
	 * or without (its search page then says search does not work), so
	 * the output does not depend on the machine beyond pagefind/. */
	if (no_search)
		site.cfg.search = 0;
	if (site.cfg.search && !check_only && !(pagefind = search_find()))
		diag(DIAG_NOTE, NULL, 0, 0,
		     "Pagefind is not installed: the site is built without a search index "
		     "(run 'make deps' in planpress's source, set PLANPRESS_PAGEFIND, or search = nej)");
	site.templates = theme_load(root);
	if (!site.templates)
		goto finish;
	site.want_tables_json = mustache_set_mentions(site.templates, "tables");
	if (site_scan(&site) != 0)
		goto finish;

	/* With the last build's cache, and the same planpress, settings and
	 * pages, this one updates the output in place and reads and renders
	 * only what changed. PDFs are made by another program: those builds
	 * stay whole. */
	if (!check_only && !site.pdf) {
		cache_path = fs_join(root, CACHE_FILE);
		/* (--odt, like odt = ja, changes what is written) */
		validity = incr_validity_key(root, conf, &out, drafts,
					    site.pdf | want_odt << 1 | site.cfg.search << 2);
		structure = incr_structure_key(&site);
		if (cache_load(&old_cache, cache_path, validity) == 0 &&
		    old_cache.structure == structure && output_inplace(&out) == 0)
			incremental = 1;
	}

	job.site = &site;
	job.out = &out;
	copier_init(&job.copier, &site, &out);
	job.total = site.npages;
	job.progress = !quiet && isatty(2) && site.npages >= 500;
	job.cache = incremental ? &old_cache : NULL;
	job.remember = cache_path != NULL;
	/* (an update in place makes its folders one at a time, later) */
	if (!check_only && !out.inplace && jobs > 1)
		copier_start(&job.copier);
	pool_run(site.npages, jobs, load_one, &job);
	if (stop_requested() || diag_error_count() > 0)
		goto finish;
	if (site_link(&site) != 0)
		goto finish;
	uint64_t shown = incremental ? incr_shown_key(&site, jobs) : 0;
	if (cache_path && !incremental)
		job.shown = xcalloc(site.npages + 1, sizeof *job.shown);
	if (incremental) {
		incr_choose_renders(&site, &old_cache, out.final, shown != old_cache.shown);
		pool_run(site.npages, jobs, load_body, &job);
		for (size_t i = 0; i < site.npages; i++)
			if (site.pages[i]->render && site.pages[i]->nitems)
				site_letter_frame(&site, site.pages[i]);
		if (stop_requested() || diag_error_count() > 0)
			goto finish;
	} else {
		for (size_t i = 0; i < site.npages; i++)
			site.pages[i]->render = 1;
	}
	/* figures that must agree across tables and pages (figref.h) */
	struct figref_site fs = {site.pages, site.npages, site.cfg.lang, by_rel, load_page_body, &site};
	if (figref_check(&fs) != 0)
		goto finish;
	if (site_check_links(&site) != 0)
		goto finish;
	job.total = site.npages;
	job.keep_html = check_only;
	/* an update in place logs each folder it makes, for an abort: those
	 * (few) are made first, one at a time */
	job.own_dirs = !out.inplace;
	if (out.inplace && make_dirs(&site, &out) != 0)
		goto finish;
	pool_run(1 + site.npages + site.nfiles, jobs, finish_one, &job);
	copier_join(&job.copier, 0);
	if (job.shown)
		shown = incr_shown_combine(&site, job.shown);
	if (job.progress)
		fputc('\n', stderr);
	if (job.feeds_failed || atomic_load(&job.dirs_failed))
		goto finish;
	if (!check_only)
		for (size_t i = 0; i < site.npages; i++)
			if (site.pages[i]->in_letter)
				drop_body(&job, i);
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
		free_strings(extra, nextra);
	}
	int assets = theme_copy_assets(root, &out);
	if (assets < 0 || stop_requested() || diag_error_count() > 0)
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
		if (!quiet && npj > 0 && isatty(2))
			fprintf(stderr, ngettext("planpress: making %zu PDF with %s\n",
						 "planpress: making %zu PDFs with %s\n", npj),
				npj, engine.path);
		int rc = pdf_run(&engine, &out, pj, npj, jobs, NULL, &pdf_made, &pdf_reused);
		free(pj);
		if (rc != 0 || stop_requested())
			goto finish;
	}
	if (pagefind && (search_index(&out, pagefind) != 0 || stop_requested()))
		goto finish;
	/* from here the build ends by itself, interrupted or not */
	stop_hold();
	if (output_commit(&out) != 0)
		goto finish;
	ok = 1;
	output_prune(&out);
	if (cache_path) {
		struct cache now;
		memset(&now, 0, sizeof now);
		now.validity = validity;
		now.structure = structure;
		now.shown = shown;
		incr_remember(&now, &site, &out);
		if (cache_save(&now, cache_path) != 0)
			diag(DIAG_NOTE, cache_path, 0, 0,
			     "cannot save the build cache (%s): the next build will be a whole one",
			     strerror(errno));
		cache_free(&now);
	}

finish:
	stop_hold();
	copier_join(&job.copier, 1);
	free(job.shown);
	if (!ok)
		output_abort(&out);
	int errors = diag_error_count(), warnings = diag_warning_count();
	double secs = seconds_since(&t0);
	/* (a signal after the commit came too late to stop anything) */
	int stopped = stop_requested() && !ok;
	if (stopped) {
		fputs(check_only ? _("planpress: interrupted; nothing was written\n")
				 : _("planpress: interrupted; the previous output was left as it was\n"),
		      stderr);
	} else if (check_only) {
		/* each count with its own plural, then the sentence */
		char *pages = xasprintf(ngettext("%zu page", "%zu pages", site.npages), site.npages);
		char *files = xasprintf(ngettext("%zu file", "%zu files", site.nfiles), site.nfiles);
		char *errs = xasprintf(ngettext("%d error", "%d errors", errors), errors);
		char *warns = xasprintf(ngettext("%d warning", "%d warnings", warnings), warnings);
		/* TRANSLATORS: "checked 12 pages and 30 files in 0.41 s: 1 error, 0 warnings" */
		fprintf(stderr, _("planpress: checked %s and %s in %.2f s: %s, %s\n"), pages, files, secs,
			errs, warns);
		free(pages), free(files), free(errs), free(warns);
	} else if (ok) {
		char *pdfs = site.pdf ? xasprintf(ngettext(", made %d PDF (%d unchanged)",
							   ", made %d PDFs (%d unchanged)", pdf_made),
						  pdf_made, pdf_reused)
				      : xstrdup("");
		char *rendered = NULL;
		if (incremental) {
			size_t n = 0;
			for (size_t i = 0; i < site.npages; i++)
				n += site.pages[i]->render != 0;
			rendered = n == site.npages ? xstrdup(_(" (all rendered)"))
						    : xasprintf(_(" (%zu rendered, the rest unchanged)"), n);
		}
		char *pages = xasprintf(ngettext("%zu page", "%zu pages", site.npages), site.npages);
		char *files = xasprintf(ngettext("%zu file", "%zu files", site.nfiles), site.nfiles);
		/* TRANSLATORS: "built 12 pages[ (3 rendered, ...)] and 30 files[, made 2
		 * PDFs (1 unchanged)] in 0.41 s into public[ (with warnings)]" */
		fprintf(stderr, _("planpress: built %s%s and %s%s in %.2f s into %s%s\n"), pages,
			rendered ? rendered : "", files, pdfs, secs, out.final,
			warnings ? _(" (with warnings)") : "");
		free(pages), free(files), free(pdfs), free(rendered);
	} else {
		const char *left = out.final && fs_exists(out.final) ? _("the previous output was left as it was")
								      : _("nothing was written");
		fprintf(stderr, ngettext("planpress: build failed with %d error; %s\n",
					 "planpress: build failed with %d errors; %s\n", errors),
			errors, left);
	}
	output_free(&out);
	if (lock_fd >= 0)
		close(lock_fd);
	cache_free(&old_cache);
	free(cache_path);
	pdf_engine_free(&engine);
	free(pagefind);
	/* a big site is left to the end of the process (exit_keep.h) */
	if (!exit_keep(&site, sizeof site, site.npages))
		site_free(&site);
	free(conf);
	free(cli_out);
	pool_stop();
	fs_close_roots();
	stop_end();
	if (stopped)
		return 130;
	return ok && errors == 0 ? 0 : 1;
}
