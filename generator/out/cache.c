#include "cache.h"

#include <errno.h>
#include <fcntl.h>
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

/* The checksum of a cache file: four independent lanes over 32-byte
 * blocks (the file is megabytes on a big site, and one chain of
 * multiplies would be the slowest part of writing it), then the tail. */
struct checksum {
	uint64_t lane[4];
	uint64_t len;
};

static void checksum_init(struct checksum *c)
{
	*c = (struct checksum){{0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL, 0x94d049bb133111ebULL,
				0x2545f4914f6cdd1dULL},
			       0};
}

/* n must be a multiple of 32 */
static void checksum_blocks(struct checksum *c, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 32)
		for (int k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * k, 8);
			c->lane[k] = (c->lane[k] ^ w) * 0xff51afd7ed558ccdULL;
			c->lane[k] ^= c->lane[k] >> 29;
		}
	c->len += n;
}

static uint64_t checksum_end(struct checksum *c, const unsigned char *p, size_t n)
{
	size_t whole = n - n % 32;
	checksum_blocks(c, p, whole);
	uint64_t h = c->len + (n - whole);
	for (int k = 0; k < 4; k++)
		h = mix(h ^ c->lane[k]);
	return hash_bytes(h, p + whole, n - whole);
}

uint64_t cache_checksum(const void *data, size_t n)
{
	struct checksum c;
	checksum_init(&c);
	return checksum_end(&c, data, n);
}

/* ---- writing ---- */

/* The file goes out through one small buffer: no copy of the whole in
 * memory, and its checksum made on the way. */
#define WRITE_BLOCK (1 << 16) /* a multiple of the checksum's block */

struct writer {
	int fd, failed;
	size_t used;
	struct checksum sum;
	unsigned char buf[WRITE_BLOCK + 8]; /* and room for the checksum */
};

static void put_slow(struct writer *w, const unsigned char *p, size_t n)
{
	while (n > 0) {
		size_t room = WRITE_BLOCK - w->used, k = n < room ? n : room;
		memcpy(w->buf + w->used, p, k);
		w->used += k;
		p += k;
		n -= k;
		if (w->used == WRITE_BLOCK) {
			checksum_blocks(&w->sum, w->buf, w->used);
			if (!w->failed && fs_write_all(w->fd, w->buf, w->used) != 0)
				w->failed = errno ? errno : EIO;
			w->used = 0;
		}
	}
}

/* most pieces fit in the block as it is: one copy */
static inline void put(struct writer *w, const void *data, size_t n)
{
	if (n < WRITE_BLOCK - w->used) {
		memcpy(w->buf + w->used, data, n);
		w->used += n;
	} else {
		put_slow(w, data, n);
	}
}

static inline void put_u64(struct writer *w, uint64_t v)
{
	put(w, &v, sizeof v);
}

static void put_str(struct writer *w, const char *s)
{
	if (!s) {
		put_u64(w, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u64(w, n);
	put(w, s, n);
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

/* The strings of a cache were made all over the build, long before, and
 * are read once: each would be a wait for memory. The loops ask for the
 * ones AHEAD records on while they copy the current one. */
#define AHEAD 16

static void fetch_page(const struct cache_page *p)
{
	__builtin_prefetch(p->key);
	__builtin_prefetch(p->summary);
	__builtin_prefetch(p->front);
	for (size_t k = 0; k < p->noutputs; k++)
		__builtin_prefetch(p->outputs[k]);
}

int cache_save(const struct cache *c, const char *path)
{
	char *dir = fs_dirname(path);
	char *tmp = xasprintf("%s.new-%ld", path, (long)getpid());
	struct writer *w = xmalloc(sizeof *w);
	w->failed = 0;
	w->used = 0;
	checksum_init(&w->sum);
	w->fd = -1;
	int rc = cache_dir_make(dir);
	if (rc == 0 && (w->fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		rc = -1;
	if (rc == 0) {
		put(w, MAGIC, strlen(MAGIC));
		put_u64(w, c->validity);
		put_u64(w, c->structure);
		put_u64(w, c->shown);
		put_u64(w, c->npages);
		for (size_t i = 0; i < c->npages; i++) {
			const struct cache_page *p = &c->pages[i];
			if (i + AHEAD < c->npages)
				fetch_page(&c->pages[i + AHEAD]);
			put_str(w, p->key);
			put_u64(w, p->source);
			put_u64(w, p->ndeps);
			for (size_t k = 0; k < p->ndeps; k++) {
				put_str(w, p->deps[k]);
				put_u64(w, p->dep_prints[k]);
			}
			put_str(w, p->summary);
			put_str(w, p->front);
			put_u64(w, p->noutputs);
			for (size_t k = 0; k < p->noutputs; k++)
				put_str(w, p->outputs[k]);
		}
		put_u64(w, c->nfiles);
		for (size_t i = 0; i < c->nfiles; i++) {
			if (i + AHEAD < c->nfiles)
				__builtin_prefetch(c->files[i + AHEAD].rel);
			put_str(w, c->files[i].rel);
			put_u64(w, c->files[i].size);
			put_u64(w, c->files[i].ino);
			put_u64(w, (uint64_t)c->files[i].mtime_ns);
		}
		/* a checksum, so a torn or damaged file reads as no cache */
		uint64_t sum = checksum_end(&w->sum, w->buf, w->used);
		memcpy(w->buf + w->used, &sum, sizeof sum);
		w->used += sizeof sum;
		if (!w->failed && fs_write_all(w->fd, w->buf, w->used) != 0)
			w->failed = errno ? errno : EIO;
		if (close(w->fd) != 0 && !w->failed)
			w->failed = errno ? errno : EIO;
		if (w->failed) {
			errno = w->failed;
			rc = -1;
		}
	}
	if (rc == 0)
		rc = rename(tmp, path);
	if (rc != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(w);
	free(tmp);
	free(dir);
	return rc;
}

static void cache_sort(struct cache *c);

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
	    (memcpy(&sum, data + len - 8, 8), sum != cache_checksum(data, len - 8)))
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

/* A build saves its lists in the order its threads made them; they are
 * put in order when read, by the (incremental) build that looks things
 * up in them. A file recorded twice (never, but cheaply safe) is kept
 * once. */
static void cache_sort(struct cache *c)
{
	if (c->npages && !sorted(c->pages, c->npages, sizeof *c->pages, by_key))
		qsort(c->pages, c->npages, sizeof *c->pages, by_key);
	if (c->nfiles && !sorted(c->files, c->nfiles, sizeof *c->files, by_rel))
		qsort(c->files, c->nfiles, sizeof *c->files, by_rel);
	size_t k = 0;
	for (size_t i = 0; i < c->nfiles; i++) {
		if (k && !strcmp(c->files[k - 1].rel, c->files[i].rel)) {
			free(c->files[i].rel);
			continue;
		}
		c->files[k++] = c->files[i];
	}
	c->nfiles = k;
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
