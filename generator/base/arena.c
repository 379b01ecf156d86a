#include "arena.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* A page's parse takes a few hundred KiB; chunks below glibc's mmap
 * threshold come back from malloc's free lists without system calls. */
#define CHUNK_SIZE (64 * 1024)

/* Every block starts with its size, so realloc knows what to copy. */
struct block {
	size_t size;
	size_t pad; /* keeps the data 16-byte aligned, like malloc's */
};

struct arena_chunk {
	struct arena_chunk *next;
	size_t cap, used;
	size_t last;   /* offset of the newest block, which can grow in place */
	max_align_t data[];
};

static _Thread_local struct arena *current;

/* Chunks of ended arenas, kept for the thread's next page: memory the
 * thread has touched already and that is likely still in its cache. From
 * the heap instead, every page's chunks came from fresh memory, faulted in
 * page by page, as the pages' HTML kept from the page before holds the
 * old. A thread keeps at most MAX_SPARE; they go when it ends. */
#define MAX_SPARE 32
static _Thread_local struct arena_chunk *spare;
static _Thread_local size_t nspare;
static _Thread_local int spare_keyed; /* the key is set for this thread */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

/* A key's destructor runs on the ending thread itself, so the list it
 * frees is that thread's own; the key's value only makes it run. */
static void spare_free(void *unused)
{
	(void)unused;
	while (spare) {
		struct arena_chunk *next = spare->next;
		free(spare);
		spare = next;
	}
	nspare = 0;
	spare_keyed = 0; /* a later arena_end on this thread sets it again */
}

static void spare_key_make(void)
{
	if (pthread_key_create(&spare_key, spare_free) != 0)
		abort();
}

static size_t round16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static struct block *block_of(void *p)
{
	return (struct block *)((char *)p - sizeof(struct block));
}

static void *take(size_t size)
{
	struct arena *a = current;
	size_t need = sizeof(struct block) + round16(size ? size : 1);
	if (need < size)
		abort(); /* size_t overflow: no page asks for this */
	struct arena_chunk *c = a->chunks;
	if (!c || c->cap - c->used < need) {
		size_t cap = need > CHUNK_SIZE ? need : CHUNK_SIZE;
		if (cap == CHUNK_SIZE && spare) {
			c = spare;
			spare = c->next;
			nspare--;
		} else {
			c = xmalloc(sizeof *c + cap);
		}
		c->next = a->chunks;
		c->cap = cap;
		c->used = 0;
		a->chunks = c;
	}
	char *base = (char *)c->data;
	struct block *b = (struct block *)(base + c->used);
	b->size = size;
	c->last = c->used;
	c->used += need;
	return b + 1;
}

static void *arena_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		abort();
	void *p = take(n * size);
	memset(p, 0, n * size);
	return p;
}

/* 1 if p is the newest block of the newest chunk */
static int is_last(void *p)
{
	struct arena_chunk *c = current->chunks;
	return c && (char *)block_of(p) == (char *)c->data + c->last;
}

static void *arena_realloc(void *p, size_t size)
{
	if (!p)
		return take(size);
	struct block *b = block_of(p);
	if (is_last(p)) {
		struct arena_chunk *c = current->chunks;
		size_t need = sizeof(struct block) + round16(size ? size : 1);
		if (need >= size && c->last + need <= c->cap) {
			c->used = c->last + need;
			b->size = size;
			return p;
		}
	}
	void *q = take(size);
	memcpy(q, p, b->size < size ? b->size : size);
	return q;
}

static void arena_free(void *p)
{
	/* the newest block can be given back; the rest go with the arena */
	if (p && is_last(p))
		current->chunks->used = current->chunks->last;
}

static cmark_mem allocator = {arena_calloc, arena_realloc, arena_free};

cmark_mem *arena_begin(struct arena *a)
{
	a->chunks = NULL;
	a->outer = current;
	current = a;
	return &allocator;
}

void arena_end(struct arena *a)
{
	while (a->chunks) {
		struct arena_chunk *c = a->chunks;
		a->chunks = c->next;
		if (c->cap == CHUNK_SIZE && nspare < MAX_SPARE) {
			c->next = spare;
			spare = c;
			nspare++;
		} else {
			free(c);
		}
	}
	if (spare && !spare_keyed) {
		pthread_once(&spare_once, spare_key_make);
		pthread_setspecific(spare_key, &spare);
		spare_keyed = 1;
	}
	current = a->outer;
}
