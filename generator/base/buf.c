#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simd_scan.h"

_Noreturn void out_of_memory(void)
{
	fputs("planpress: error: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xasprintf(const char *fmt, ...)
{
	buf_t b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

void buf_init(buf_t *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_free(buf_t *b)
{
	free(b->data);
	buf_init(b);
}

void buf_reset(buf_t *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_grow(buf_t *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
	/* data is always a C string, even before anything is written */
	b->data[b->len] = '\0';
}

void buf_vprintf(buf_t *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		buf_put(b, small, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(buf_t *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *buf_detach(buf_t *b)
{
	char *d = b->data;
	if (!d)
		d = xstrdup("");
	else if (b->cap - b->len > b->len / 8 + 64)
		/* a detached string lives on (a page's HTML until the end of the
		 * build): give back what doubling reserved */
		d = xrealloc(d, b->len + 1);
	buf_init(b);
	return d;
}

const char *buf_cstr(buf_t *b)
{
	return b->data ? b->data : "";
}

void free_strings(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void buf_put_int(buf_t *b, long v)
{
	char digits[24];
	size_t n = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		digits[sizeof digits - ++n] = (char)('0' + u % 10);
	while ((u /= 10) && n < sizeof digits - 1);
	if (v < 0)
		digits[sizeof digits - ++n] = '-';
	buf_put(b, digits + sizeof digits - n, n);
}

void buf_escape_html(buf_t *b, const char *s, size_t n)
{
	/* which entity, if any, stands for each byte */
	static const unsigned char which[256] = {['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5};
	static const char *const entity[] = {"", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
	static const unsigned char entity_len[] = {0, 5, 4, 4, 6, 5};
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, i = 0;
	buf_grow(b, n);
	for (;;) {
		/* text is mostly runs without any of the five: copied whole */
		i = simd_skip_html_text(s, i, n);
		while (i < n && !which[u[i]])
			i++;
		buf_put(b, s + start, i - start);
		if (i == n)
			break;
		buf_put(b, entity[which[u[i]]], entity_len[which[u[i]]]);
		start = ++i;
	}
}
