/*
 * incremental: the policy of incremental builds (incremental.h).
 */
#include "incremental.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "a11ystmt.h"
#include "fsutil.h"
#include "pool.h"
#include "version.h"

/* A page whose content depends on the date as well as on its files (an
 * accessibility statement, which ages; a förbund's page with the minutes
 * still open to appeal) is recorded with its fingerprint mixed with the
 * day the build is for (a11ystmt_today: SOURCE_DATE_EPOCH or the clock).
 * It is taken from the cache on that day only. */
static uint64_t on_the_day(uint64_t print)
{
	int today = a11ystmt_today();
	return hash_bytes(hash_str(print, "dated"), &today, sizeof today);
}

/* 1 if the page's source and CSV files are as the last build read them
 * (and, for a page that depends on the date, the day is the same) */
int incr_unchanged(const struct page *p, const struct cache_page *rec)
{
	if (!rec)
		return 0;
	if (p->generated)
		return rec->source == 0 || rec->source == on_the_day(0);
	if (!p->source_print ||
	    (rec->source != p->source_print && rec->source != on_the_day(p->source_print)))
		return 0;
	for (size_t k = 0; k < rec->ndeps; k++)
		if (file_print(rec->deps[k]) != rec->dep_prints[k])
			return 0;
	return 1;
}


struct print_ctx {
	uint64_t h;
	const char *dir;
};

static int print_template(void *ud, const char *rel, const char *path)
{
	struct print_ctx *c = ud;
	c->h = hash_str(c->h, rel);
	/* a link (read as a file when it leads to one inside the site)
	 * counts by what it leads to */
	char *link = path ? NULL : fs_join(c->dir, rel);
	uint64_t fp = file_print(path ? path : link);
	free(link);
	c->h = hash_bytes(c->h, &fp, sizeof fp);
	return 0;
}

/* What every page's output depends on: this planpress, site.conf, the
 * templates, the options and where the output goes. */
uint64_t incr_validity_key(const char *root, const char *conf, const struct output *o, int drafts,
			   int pdf)
{
	uint64_t h = hash_str(0, PLANPRESS_VERSION);
	uint64_t v[4] = {file_print("/proc/self/exe"), (uint64_t)drafts, (uint64_t)pdf, 0};
	size_t len;
	char *text = fs_read_in(root, conf, &len, NULL);
	v[3] = text ? hash_bytes(0, text, len) : 0;
	free(text);
	h = hash_bytes(h, v, sizeof v);
	h = hash_str(h, o->final);
	char *abs = fs_absolute(root);
	h = hash_str(h, abs);
	free(abs);
	struct print_ctx pc = {h, fs_join(root, "templates")};
	fs_walk(pc.dir, print_template, &pc);
	free((char *)pc.dir);
	return pc.h;
}

/* The pages, their addresses and the other files: what links resolve to. */
uint64_t incr_structure_key(const struct site *s)
{
	uint64_t h = hash_bytes(0, &s->npages, sizeof s->npages);
	for (size_t i = 0; i < s->npages; i++) {
		h = hash_str(h, s->pages[i]->rel);
		h = hash_str(h, s->pages[i]->out_rel);
	}
	for (size_t i = 0; i < s->nfiles; i++)
		h = hash_str(h, s->files[i]);
	return h;
}

/* Everything a page shows of other pages: every page's front matter,
 * title, date, summary and place, and the site's own data. An
 * informationsbrev also shows its news in full; build.c renders it
 * again when one of them changed. */
/* Hashes JSON data by walking it: serializing would leave a copy of the
 * text in every object until it is freed. */
static uint64_t hash_json(uint64_t h, json_object *o)
{
	enum json_type t = json_object_get_type(o);
	h = hash_bytes(h, &t, sizeof t);
	switch (t) {
	case json_type_object: {
		json_object_object_foreach(o, k, v) {
			h = hash_str(h, k);
			h = hash_json(h, v);
		}
		return h;
	}
	case json_type_array: {
		size_t n = json_object_array_length(o);
		for (size_t i = 0; i < n; i++)
			h = hash_json(h, json_object_array_get_idx(o, i));
		return hash_bytes(h, &n, sizeof n);
	}
	case json_type_null:
		return h;
	case json_type_boolean: {
		int b = json_object_get_boolean(o);
		return hash_bytes(h, &b, sizeof b);
	}
	case json_type_int: {
		int64_t v = json_object_get_int64(o);
		return hash_bytes(h, &v, sizeof v);
	}
	case json_type_double: {
		double v = json_object_get_double(o);
		return hash_bytes(h, &v, sizeof v);
	}
	default:
		return hash_str(h, json_object_get_string(o));
	}
}

struct shown_job {
	const struct site *site;
	uint64_t *hashes;
};

uint64_t incr_shown_page(const struct site *s, const struct page *p)
{
	/* the summary made at loading holds the fields lists show; it is
	 * only read (a whole build hashes while other pages render) */
	uint64_t h;
	if (p->summary) {
		h = hash_json(0, p->summary);
	} else {
		json_object *o = json_object_new_object();
		site_page_fields(s, p, o);
		h = hash_json(0, o);
		json_object_put(o);
	}
	h = hash_json(h, p->fm.data);
	h = hash_str(h, p->parent ? p->parent->out_rel : "");
	return hash_str(h, p->tpl ? mustache_template_name(p->tpl) : "");
}

static void shown_one(void *ud, size_t i)
{
	struct shown_job *j = ud;
	j->hashes[i] = incr_shown_page(j->site, j->site->pages[i]);
}

/* hashes: every page's shown_page, in the pages' order */
uint64_t incr_shown_combine(const struct site *s, const uint64_t *hashes)
{
	uint64_t h = hash_json(0, s->site_frame);
	return hash_bytes(h, hashes, s->npages * sizeof *hashes);
}

/* An incremental build needs the key before it renders; a whole build
 * hashes each page as it renders it (job.shown), without a run of its
 * own. */
uint64_t incr_shown_key(const struct site *s, int jobs)
{
	struct shown_job j = {s, xcalloc(s->npages + 1, sizeof *j.hashes)};
	pool_run(s->npages, jobs, shown_one, &j);
	uint64_t h = incr_shown_combine(s, j.hashes);
	free(j.hashes);
	return h;
}

/* 1 if the files the page made last time are still there as they were */
int incr_outputs_intact(const struct cache *c, const char *final, const struct cache_page *rec)
{
	for (size_t k = 0; k < rec->noutputs; k++) {
		const struct cache_file *f = cache_file_find(c, rec->outputs[k]);
		char *path = fs_join(final, rec->outputs[k]);
		struct stat st;
		int ok = f && lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
			 (uint64_t)st.st_size == f->size && (uint64_t)st.st_ino == f->ino &&
			 (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec == f->mtime_ns;
		free(path);
		if (!ok)
			return 0;
	}
	return 1;
}

/* Decides which pages an incremental build renders: all when anything
 * that pages show of each other changed, else the changed ones, those
 * whose files were touched, and letters whose news changed. */
void incr_choose_renders(struct site *s, const struct cache *c, const char *final, int all)
{
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		if (p->generated && !p->cache_rec) {
			/* a news list's later pages are made by site_link */
			p->cache_rec = cache_page_find(c, p->out_rel);
			p->unchanged = p->cache_rec && incr_outputs_intact(c, final, p->cache_rec);
		}
		p->render = all || !p->unchanged;
	}
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		for (size_t k = 0; k < p->nitems && !p->render; k++)
			if (!p->items[k]->unchanged)
				p->render = 1;
		/* a letter shows its news in full: they need their bodies */
		if (p->render)
			for (size_t k = 0; k < p->nitems; k++)
				p->items[k]->render = 1;
	}
}

/* The cache of this build, borrowing the site's strings: it is saved
 * and freed before the site is. */
void incr_remember(struct cache *c, struct site *s, const struct output *o)
{
	c->borrowed = 1;
	c->npages = s->npages;
	c->pages = xcalloc(s->npages + 1, sizeof *c->pages);
	for (size_t i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		struct cache_page *r = &c->pages[i];
		r->key = p->out_rel;
		/* a page that gave a message is read again next time, so
		 * the message is given again, and so is one whose checks
		 * depend on the date (a statement's assessment ages, a
		 * förbund's anslagstavla and insatser change with the day) */
		r->source = p->generated ? p->noisy ? 1 : p->dated ? on_the_day(0) : 0
			    : p->noisy ? 0 : p->dated ? on_the_day(p->source_print) : p->source_print;
		r->summary = p->md.summary;
		if (p->generated || p->noisy || !p->front_loaded)
			r->front = NULL;
		else if (p->front_blob)
			r->front = p->front_blob;
		else if (p->unchanged && p->cache_rec && p->cache_rec->front)
			r->front = p->cache_rec->front;
		else
			r->front = p->front_blob = page_front_blob(p);
		/* the CSV files it read: noted by drop_body, or, for a page not
		 * read this time, what the last build knew */
		r->deps = p->cached ? p->cache_rec->deps : p->deps;
		r->dep_prints = p->cached ? p->cache_rec->dep_prints : p->dep_prints;
		r->ndeps = p->cached ? p->cache_rec->ndeps : p->ndeps;
		const struct cache_page *old = p->cache_rec;
		r->outputs = p->render ? p->outputs : old->outputs;
		r->noutputs = p->render ? p->noutputs : old->noutputs;
	}
	size_t n;
	const struct output_rec *recs = output_records_unsorted(o, &n);
	c->nfiles = n;
	c->files = xcalloc(n + 1, sizeof *c->files);
	for (size_t i = 0; i < n; i++)
		c->files[i] = (struct cache_file){recs[i].rel, recs[i].size, recs[i].ino,
						  recs[i].mtime_ns};
}

/* One build of a site at a time: an incremental build updates its output
 * in place, and two at once could take each other's new files away. A
 * second build waits for the first. Returns the lock's descriptor (closed
 * at the end of the build), or -1 when the lock cannot be had at all
 * (a read-only site): then the build goes on without. */
