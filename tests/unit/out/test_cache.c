/* cache: what cache_save writes, cache_load reads back (sorted, each file
 * once), and a damaged or torn file reads as no cache. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "check.h"
#include "fsutil.h"

static unsigned seed = 7;

static unsigned next(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* a path-like string of up to max bytes, NUL-free */
static char *random_text(const char *prefix, size_t i, size_t max)
{
	buf_t b = BUF_INIT;
	buf_printf(&b, "%s%zu/", prefix, i);
	size_t n = next() % (max + 1);
	for (size_t k = 0; k < n; k++)
		buf_putc(&b, "abcåä/-_.\n\""[next() % 11]);
	return buf_detach(&b);
}

/* A cache as a build makes it: its lists in no order, a file twice. */
static void make_cache(struct cache *c, size_t npages, size_t nfiles, size_t text)
{
	memset(c, 0, sizeof *c);
	c->validity = 0x1234;
	c->structure = next();
	c->shown = next();
	c->npages = npages;
	c->pages = xcalloc(npages + 1, sizeof *c->pages);
	for (size_t i = 0; i < npages; i++) {
		struct cache_page *p = &c->pages[i];
		p->key = random_text("page", i, 40);
		p->source = next();
		p->ndeps = next() % 3;
		p->deps = xcalloc(p->ndeps + 1, sizeof *p->deps);
		p->dep_prints = xcalloc(p->ndeps + 1, sizeof *p->dep_prints);
		for (size_t k = 0; k < p->ndeps; k++) {
			p->deps[k] = random_text("dep", k, 20);
			p->dep_prints[k] = next();
		}
		p->summary = next() % 4 ? random_text("summary", i, text) : NULL;
		p->front = next() % 4 ? random_text("{", i, text) : NULL;
		p->noutputs = next() % 4;
		p->outputs = xcalloc(p->noutputs + 1, sizeof *p->outputs);
		for (size_t k = 0; k < p->noutputs; k++)
			p->outputs[k] = random_text("out", k, 30);
	}
	for (size_t i = npages; i > 1; i--) { /* out of order */
		size_t k = next() % i;
		struct cache_page t = c->pages[i - 1];
		c->pages[i - 1] = c->pages[k];
		c->pages[k] = t;
	}
	c->nfiles = nfiles;
	c->files = xcalloc(nfiles + 1, sizeof *c->files);
	for (size_t i = 0; i < nfiles; i++) {
		struct cache_file *f = &c->files[nfiles - 1 - i];
		f->rel = i > 0 && i % 50 == 0 ? xstrdup(c->files[nfiles - i].rel) /* twice */
					       : random_text("file", i, 30);
		f->size = next() | 1;
		f->ino = next();
		f->mtime_ns = -(int64_t)next();
	}
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void check_round_trip(const char *path, size_t npages, size_t nfiles, size_t text)
{
	struct cache c, r;
	make_cache(&c, npages, nfiles, text);
	CHECK(cache_save(&c, path) == 0);
	CHECK(cache_load(&r, path, 0x1234) == 0);
	CHECK(r.structure == c.structure && r.shown == c.shown);
	CHECK(r.npages == c.npages);
	int pages_ok = 1;
	for (size_t i = 0; i < c.npages; i++) {
		const struct cache_page *p = &c.pages[i], *q = cache_page_find(&r, p->key);
		int ok = q && q->source == p->source && same_str(q->summary, p->summary) &&
			 same_str(q->front, p->front) && q->ndeps == p->ndeps && q->noutputs == p->noutputs;
		for (size_t k = 0; ok && k < p->ndeps; k++)
			ok = !strcmp(q->deps[k], p->deps[k]) && q->dep_prints[k] == p->dep_prints[k];
		for (size_t k = 0; ok && k < p->noutputs; k++)
			ok = !strcmp(q->outputs[k], p->outputs[k]);
		pages_ok &= ok;
	}
	CHECK(pages_ok);
	/* every file once, in order, with what was recorded for it */
	size_t dups = nfiles > 1 ? (nfiles - 1) / 50 : 0;
	CHECK(r.nfiles == c.nfiles - dups);
	int files_ok = 1;
	for (size_t i = 0; i < r.nfiles; i++)
		files_ok &= i == 0 || strcmp(r.files[i - 1].rel, r.files[i].rel) < 0;
	for (size_t i = 0; i < c.nfiles; i++) {
		const struct cache_file *f = cache_file_find(&r, c.files[i].rel);
		files_ok &= f != NULL && f->size != 0;
	}
	CHECK(files_ok);
	cache_free(&r);
	/* another planpress, options or site.conf: no cache */
	CHECK(cache_load(&r, path, 0x1235) != 0);
	cache_free(&c);
}

int main(void)
{
	char dir[] = "/tmp/planpress-test-cache-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char *path = fs_join(dir, CACHE_FILE);

	/* empty, small, and several of the writer's 64 KiB blocks, with
	 * lengths that end the file at every offset of the checksum's
	 * 32-byte block */
	check_round_trip(path, 0, 0, 0);
	check_round_trip(path, 1, 1, 5);
	for (int round = 0; round < 40; round++)
		check_round_trip(path, 1 + next() % 3000, next() % 3000, next() % 200);

	/* a damaged byte anywhere, or a torn end: no cache */
	struct cache c, r;
	make_cache(&c, 500, 800, 100);
	CHECK(cache_save(&c, path) == 0);
	cache_free(&c);
	size_t len;
	char *orig = fs_read(path, &len);
	CHECK(orig && len > 70000);
	char *data = xmalloc(len);
	int damaged = 0, torn = 0;
	for (int k = 0; k < 200; k++) {
		memcpy(data, orig, len);
		data[next() % len] ^= (char)(1 + next() % 255);
		damaged += cache_parse(&r, data, len, 0x1234) != 0;
		torn += cache_parse(&r, orig, len - 1 - next() % (len - 1), 0x1234) != 0;
	}
	CHECK(damaged == 200);
	CHECK(torn == 200);
	CHECK(cache_parse(&r, orig, len, 0x1234) == 0);
	cache_free(&r);
	free(data);
	free(orig);

	/* the checksum sees a change in the 32-byte blocks and in the tail */
	char block[100];
	memset(block, 'x', sizeof block);
	uint64_t base = cache_checksum(block, sizeof block);
	int changes = 0;
	for (size_t i = 0; i < sizeof block; i++) {
		block[i] = 'y';
		changes += cache_checksum(block, sizeof block) != base;
		block[i] = 'x';
	}
	CHECK(changes == (int)sizeof block);
	CHECK(cache_checksum(block, 64) != cache_checksum(block, 65));

	unlink(path);
	char *sub = fs_join(dir, CACHE_DIR);
	char *ignore = fs_join(sub, ".gitignore");
	unlink(ignore);
	rmdir(sub);
	rmdir(dir);
	free(ignore);
	free(sub);
	free(path);
	return check_done("cache");
}
