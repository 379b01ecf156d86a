/*
 * buf: a growable byte buffer, the one string builder used everywhere.
 *
 * A buf_t owns its data. buf_free releases it; buf_detach hands the
 * NUL-terminated data to the caller, who then frees it with free().
 * Allocation failure aborts the program with a message: planpress has no
 * sensible way to go on without memory, and half-written output is worse.
 */
#ifndef PLANPRESS_BUF_H
#define PLANPRESS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct {
	char *data;
	size_t len;
	size_t cap;
} buf_t;

#define BUF_INIT {NULL, 0, 0}

void buf_init(buf_t *b);
void buf_free(buf_t *b);
void buf_reset(buf_t *b);
void buf_grow(buf_t *b, size_t extra);

/* Appending is most of what a build does: the case where the data fits
 * is inline, and a literal's strlen is then worked out by the compiler. */
static inline void buf_put(buf_t *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (b->len + n >= b->cap)
		buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void buf_puts(buf_t *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static inline void buf_putc(buf_t *b, char c)
{
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void buf_printf(buf_t *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap);
/* Returns the data (never NULL) and leaves b empty. */
char *buf_detach(buf_t *b);
/* Data as a C string; valid until the next change to b. */
const char *buf_cstr(buf_t *b);

/* HTML text and attribute escaping: & < > " ' */
void buf_escape_html(buf_t *b, const char *s, size_t n);
/* Appends v in decimal: printf's work without its format parsing, for
 * the numbers in every page's markup. */
void buf_put_int(buf_t *b, long v);

/* Says so and aborts: for a library call that fails only when memory
 * runs out. */
_Noreturn void out_of_memory(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Frees n strings and the array that holds them (v may be NULL). */
void free_strings(char **v, size_t n);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
