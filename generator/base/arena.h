/*
 * arena: a bump allocator for cmark's parse of one page.
 *
 * Parsing a page makes thousands of small nodes and buffers that all die
 * together when the page has been turned into HTML. Handing them to cmark
 * from an arena and dropping the arena at once costs a fraction of
 * malloc and free for each. cmark's allocator has no context argument, so
 * the arena in use is per thread; arenas nest (a table inside a page may
 * render Markdown of its own).
 *
 * Nothing allocated from an arena may outlive arena_end: copy what is
 * kept (markdown.c copies the HTML and text it returns).
 */
#ifndef PLANPRESS_ARENA_H
#define PLANPRESS_ARENA_H

#include <cmark-gfm.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *chunks; /* newest first */
	struct arena *outer;        /* the arena this one interrupted */
};

/* Makes a the current thread's arena and returns an allocator for cmark
 * that takes from it. */
cmark_mem *arena_begin(struct arena *a);
/* Ends a: nothing taken from it may be used after. Its chunks are kept
 * for the thread's next arena (up to a bound, freed when the thread ends).
 * Restores the arena a interrupted. */
void arena_end(struct arena *a);

#endif
