#include "cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"

#define MAGIC CACHE_MAGIC

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	h ^= 0x9e3779b97f4a7c15ULL + n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = mix(h ^ w) + 0x9e3779b97f4a7c15ULL;
		p += 8;
		n -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	return mix(h ^ w ^ ((uint64_t)n << 56));
}

uint64_t hash_str(uint64_t h, const char *s)
{
	return s ? hash_bytes(h, s, strlen(s) + 1) : hash_bytes(h, "", 0);
}

uint64_t file_print(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 0;
	return file_print_stat(&st);
}

uint64_t file_print_stat(const struct stat *st)
{
	uint64_t v[6] = {(uint64_t)st->st_ino, (uint64_t)st->st_size,
			 (uint64_t)st->st_mtim.tv_sec, (uint64_t)st->st_mtim.tv_nsec,
			 (uint64_t)st->st_ctim.tv_sec, (uint64_t)st->st_ctim.tv_nsec};
	uint64_t h = hash_bytes(1, v, sizeof v);
	return h ? h : 1;
}

/* ---- writing ---- */

static void put_u64(buf_t *b, uint64_t v)
{
	buf_put(b, (const char *)&v, sizeof v);
}

static void put_str(buf_t *b, const char *s)
{
	if (!s) {
		put_u64(b, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u64(b, n);
	buf_put(b, s, n);
}

int cache_dir_make(const char *dir)
{
	if (fs_mkdir_p(dir) != 0)
		return -1;
	/* the directory keeps itself out of version control */
	char *ignore = fs_join(dir, ".gitignore");
	if (!fs_exists(ignore))
		fs_write(ignore, "*\n", 2);
	free(ignore);
	return 0;
}

int cache_save(const struct cache *c, const char *path)
{
	buf_t b = BUF_INIT;
	buf_puts(&b, MAGIC);
	put_u64(&b, c->validity);
	put_u64(&b, c->structure);
	put_u64(&b, c->shown);
	put_u64(&b, c->npages);
	for (size_t i = 0; i < c->npages; i++) {
		const struct cache_page *p = &c->pages[i];
		put_str(&b, p->key);
		put_u64(&b, p->source);
		put_u64(&b, p->ndeps);
		for (size_t k = 0; k < p->ndeps; k++) {
			put_str(&b, p->deps[k]);
			put_u64(&b, p->dep_prints[k]);
		}
		put_str(&b, p->summary);
		put_str(&b, p->front);
		put_u64(&b, p->noutputs);
		for (size_t k = 0; k < p->noutputs; k++)
			put_str(&b, p->outputs[k]);
	}
	put_u64(&b, c->nfiles);
	for (size_t i = 0; i < c->nfiles; i++) {
		put_str(&b, c->files[i].rel);
		put_u64(&b, c->files[i].size);
		put_u64(&b, c->files[i].ino);
		put_u64(&b, (uint64_t)c->files[i].mtime_ns);
	}
	/* a checksum, so a torn or damaged file reads as no cache */
	put_u64(&b, hash_bytes(7, b.data, b.len));
	char *dir = fs_dirname(path);
	char *tmp = xasprintf("%s.new-%ld", path, (long)getpid());
	int rc = cache_dir_make(dir);
	if (rc == 0)
		rc = fs_write(tmp, b.data, b.len);
	if (rc == 0)
		rc = rename(tmp, path);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(dir);
	buf_free(&b);
	return rc;
}

/* ---- reading ---- */

struct reader {
	const char *p, *end;
	int bad;
};

static uint64_t get_u64(struct reader *r)
{
	uint64_t v = 0;
	if (r->bad || (size_t)(r->end - r->p) < sizeof v) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p, sizeof v);
	r->p += sizeof v;
	return v;
}

static char *get_str(struct reader *r)
{
	uint64_t n = get_u64(r);
	if (r->bad || n == UINT64_MAX)
		return NULL;
	if (n > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	char *s = xstrndup(r->p, (size_t)n);
	r->p += n;
	return s;
}

/* a count that the rest of the file could hold at all */
static size_t get_count(struct reader *r, size_t min_each)
{
	uint64_t n = get_u64(r);
	if (!r->bad && n > (uint64_t)(r->end - r->p) / min_each)
		r->bad = 1;
	return r->bad ? 0 : (size_t)n;
}

int cache_load(struct cache *c, const char *path, uint64_t validity)
{
	memset(c, 0, sizeof *c);
	size_t len;
	char *data = fs_read(path, &len);
	if (!data)
		return -1;
	int rc = cache_parse(c, data, len, validity);
	free(data);
	return rc;
}

int cache_parse(struct cache *c, const char *data, size_t len, uint64_t validity)
{
	memset(c, 0, sizeof *c);
	size_t mlen = strlen(MAGIC);
	uint64_t sum;
	if (len < mlen + 8 || memcmp(data, MAGIC, mlen) ||
	    (memcpy(&sum, data + len - 8, 8), sum != hash_bytes(7, data, len - 8)))
		return -1;
	struct reader r = {data + mlen, data + len - 8, 0};
	c->validity = get_u64(&r);
	if (c->validity != validity) {
		memset(c, 0, sizeof *c);
		return -1;
	}
	c->structure = get_u64(&r);
	c->shown = get_u64(&r);
	c->npages = get_count(&r, 40);
	c->pages = xcalloc(c->npages + 1, sizeof *c->pages);
	for (size_t i = 0; i < c->npages && !r.bad; i++) {
		struct cache_page *p = &c->pages[i];
		p->key = get_str(&r);
		p->source = get_u64(&r);
		p->ndeps = get_count(&r, 16);
		p->deps = xcalloc(p->ndeps + 1, sizeof *p->deps);
		p->dep_prints = xcalloc(p->ndeps + 1, sizeof *p->dep_prints);
		for (size_t k = 0; k < p->ndeps; k++) {
			p->deps[k] = get_str(&r);
			p->dep_prints[k] = get_u64(&r);
		}
		p->summary = get_str(&r);
		p->front = get_str(&r);
		p->noutputs = get_count(&r, 8);
		p->outputs = xcalloc(p->noutputs + 1, sizeof *p->outputs);
		for (size_t k = 0; k < p->noutputs; k++)
			p->outputs[k] = get_str(&r);
		if (!p->key)
			r.bad = 1;
	}
	c->nfiles = get_count(&r, 32);
	c->files = xcalloc(c->nfiles + 1, sizeof *c->files);
	for (size_t i = 0; i < c->nfiles && !r.bad; i++) {
		c->files[i].rel = get_str(&r);
		c->files[i].size = get_u64(&r);
		c->files[i].ino = get_u64(&r);
		c->files[i].mtime_ns = (int64_t)get_u64(&r);
		if (!c->files[i].rel)
			r.bad = 1;
	}
	if (r.bad || r.p != r.end) {
		cache_free(c);
		return -1;
	}
	cache_sort(c);
	return 0;
}

void cache_free(struct cache *c)
{
	for (size_t i = 0; i < c->npages && !c->borrowed; i++) {
		struct cache_page *p = &c->pages[i];
		free(p->key);
		free_strings(p->deps, p->ndeps);
		free(p->dep_prints);
		free(p->summary);
		free(p->front);
		free_strings(p->outputs, p->noutputs);
	}
	free(c->pages);
	for (size_t i = 0; i < c->nfiles && !c->borrowed; i++)
		free(c->files[i].rel);
	free(c->files);
	memset(c, 0, sizeof *c);
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct cache_page *)a)->key, ((const struct cache_page *)b)->key);
}

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const struct cache_file *)a)->rel, ((const struct cache_file *)b)->rel);
}

static int sorted(const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *p = base;
	for (size_t i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0)
			return 0;
	return 1;
}

/* The lists usually come in order already (a build's output records
 * do): a look costs less than a sort. */
void cache_sort(struct cache *c)
{
	if (c->npages && !sorted(c->pages, c->npages, sizeof *c->pages, by_key))
		qsort(c->pages, c->npages, sizeof *c->pages, by_key);
	if (c->nfiles && !sorted(c->files, c->nfiles, sizeof *c->files, by_rel))
		qsort(c->files, c->nfiles, sizeof *c->files, by_rel);
}

const struct cache_page *cache_page_find(const struct cache *c, const char *key)
{
	struct cache_page k = {.key = (char *)key};
	return c->npages ? bsearch(&k, c->pages, c->npages, sizeof k, by_key) : NULL;
}

const struct cache_file *cache_file_find(const struct cache *c, const char *rel)
{
	struct cache_file k = {.rel = (char *)rel};
	return c->nfiles ? bsearch(&k, c->files, c->nfiles, sizeof k, by_rel) : NULL;
}
