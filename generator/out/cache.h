/*
 * cache: what the last build of a site learnt, so that the next one can
 * leave alone what has not changed.
 *
 * For every page it keeps the fingerprint (inode, size, times) of its
 * source and of the CSV files it read, the summary that lists show, and
 * the output files it made; for every output file its size, time and
 * inode as they were left. A build whose planpress, site.conf, templates,
 * options and set of pages match the cache's reads only the changed
 * pages, and when nothing that other pages show has changed (titles,
 * dates, front matter, summaries) renders only those pages; the rest of
 * the output stays as it is (see build.c).
 *
 * The cache lives in SITE/.planpress/ and is only ever a hint: a cache
 * that is missing, damaged or from another planpress means a full build.
 * cache_load and cache_save own all the memory of a struct cache.
 */
#ifndef PLANPRESS_CACHE_H
#define PLANPRESS_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* Where in the site the cache lives. */
#define CACHE_DIR ".planpress"
#define CACHE_FILE CACHE_DIR "/cache"

struct cache_page {
	char *key;            /* the page's output, "a/b/index.html" */
	uint64_t source;      /* fingerprint of its source; 0 for generated pages */
	char **deps;          /* CSV files it read, as paths */
	uint64_t *dep_prints;
	size_t ndeps;
	char *summary;        /* NULL when it has none */
	char *front;          /* its front matter (page_front_blob), or NULL */
	char **outputs;       /* every file its rendering wrote */
	size_t noutputs;
};

struct cache_file {
	char *rel;
	uint64_t size, ino;
	int64_t mtime_ns;
};

struct cache {
	uint64_t validity;    /* planpress, site.conf, templates, options */
	uint64_t structure;   /* the set of pages and files */
	uint64_t shown;       /* everything one page shows of others */
	struct cache_page *pages; /* sorted by key when read; saved in any order */
	size_t npages;
	struct cache_file *files; /* sorted by rel when read; saved in any order */
	size_t nfiles;
	/* Set when the strings and per-page arrays belong to someone else
	 * (a build's own site, saved as it is): cache_free frees only the
	 * two arrays above. */
	int borrowed;
};

/* 64-bit hashing, for fingerprints and keys (not for security). */
uint64_t hash_bytes(uint64_t h, const void *data, size_t n);
uint64_t hash_str(uint64_t h, const char *s);
/* The fingerprint of a file: inode, size and modification and change
 * times. 0 when it cannot be read. */
uint64_t file_print(const char *path);
/* The same from a stat already taken. */
uint64_t file_print_stat(const struct stat *st);

/* Returns 0 and fills c (its lists sorted, each file once), or -1 (c
 * empty) when there is no usable cache with this validity. */
int cache_load(struct cache *c, const char *path, uint64_t validity);
/* The same from the file's bytes. */
int cache_parse(struct cache *c, const char *data, size_t len, uint64_t validity);
/* The text cache_save writes first, and how a file ends: a checksum of
 * all before it (cache_checksum). */
#define CACHE_MAGIC "planpress cache 3\n"
uint64_t cache_checksum(const void *data, size_t n);
/* Makes the cache directory (with a .gitignore that ignores it all). */
int cache_dir_make(const char *dir);
/* Writes c atomically (a new file renamed over the old). */
int cache_save(const struct cache *c, const char *path);
void cache_free(struct cache *c);
const struct cache_page *cache_page_find(const struct cache *c, const char *key);
const struct cache_file *cache_file_find(const struct cache *c, const char *rel);

#endif
