#include "imgsize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sizes beyond this are taken for a misread file */
#define IMG_MAX 100000

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static int ok(long w, long h, int *pw, int *ph)
{
	if (w < 1 || h < 1 || w > IMG_MAX || h > IMG_MAX)
		return 0;
	*pw = (int)w;
	*ph = (int)h;
	return 1;
}

static int jpeg(const unsigned char *d, size_t len, int *w, int *h)
{
	size_t i = 2;
	while (i + 4 <= len) {
		if (d[i] != 0xFF)
			return 0;
		unsigned char m = d[i + 1];
		if (m == 0xFF) { /* fill byte */
			i++;
			continue;
		}
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			i += 2;
			continue;
		}
		unsigned seg = be16(d + i + 2);
		if (seg < 2)
			return 0;
		/* SOF0..SOF15, but not DHT (C4), JPG (C8) or DAC (CC) */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (i + 9 > len)
				return 0;
			return ok(be16(d + i + 7), be16(d + i + 5), w, h);
		}
		i += 2 + seg;
	}
	return 0;
}

/* A length attribute's value in px: "120", "120px", "120.5"; not "%",
 * "em" or "mm", whose pixels the page does not know. */
static int svg_len(const char *v, size_t n, double *out)
{
	char tmp[32];
	if (n == 0 || n >= sizeof tmp)
		return 0;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	char *end;
	double x = strtod(tmp, &end);
	while (*end == ' ')
		end++;
	if (end == tmp || !(*end == '\0' || !strcmp(end, "px")))
		return 0;
	*out = x;
	return 1;
}

/* The value of attribute name in the tag [tag, end), or NULL. */
static const char *svg_attr(const char *tag, const char *end, const char *name, size_t *n)
{
	size_t nl = strlen(name);
	for (const char *p = tag; p + nl + 2 < end; p++) {
		if ((p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t' || p[-1] == '\r') &&
		    !strncmp(p, name, nl)) {
			const char *q = p + nl;
			while (q < end && *q == ' ')
				q++;
			if (q >= end || *q != '=')
				continue;
			q++;
			while (q < end && *q == ' ')
				q++;
			if (q >= end || (*q != '"' && *q != '\''))
				continue;
			char quote = *q++;
			const char *e = memchr(q, quote, (size_t)(end - q));
			if (!e)
				return NULL;
			*n = (size_t)(e - q);
			return q;
		}
	}
	return NULL;
}

static int svg(const char *d, size_t len, int *w, int *h)
{
	const char *tag = NULL;
	for (size_t i = 0; i + 4 < len; i++)
		if (d[i] == '<' && !strncmp(d + i + 1, "svg", 3) &&
		    (d[i + 4] == ' ' || d[i + 4] == '\n' || d[i + 4] == '\t' || d[i + 4] == '\r' || d[i + 4] == '>')) {
			tag = d + i + 1;
			break;
		}
	if (!tag)
		return 0;
	const char *end = memchr(tag, '>', len - (size_t)(tag - d));
	if (!end)
		return 0;
	size_t wn = 0, hn = 0, vn = 0;
	const char *wv = svg_attr(tag, end, "width", &wn);
	const char *hv = svg_attr(tag, end, "height", &hn);
	const char *vb = svg_attr(tag, end, "viewBox", &vn);
	double fw = 0, fh = 0;
	int hw = wv && svg_len(wv, wn, &fw), hh = hv && svg_len(hv, hn, &fh);
	if ((!hw || !hh) && vb) {
		char tmp[128];
		if (vn >= sizeof tmp)
			return 0;
		memcpy(tmp, vb, vn);
		tmp[vn] = '\0';
		for (char *c = tmp; *c; c++)
			if (*c == ',')
				*c = ' ';
		double x, y, vw, vh;
		if (sscanf(tmp, "%lf %lf %lf %lf", &x, &y, &vw, &vh) != 4 || vw <= 0 || vh <= 0)
			return 0;
		/* one side given: the other follows the viewBox's proportions */
		if (hw && !hh && !hv)
			fh = fw * vh / vw;
		else if (hh && !hw && !wv)
			fw = fh * vw / vh;
		else if (!wv && !hv) {
			fw = vw;
			fh = vh;
		} else
			return 0;
	} else if (!hw || !hh) {
		return 0;
	}
	return ok((long)(fw + 0.5), (long)(fh + 0.5), w, h);
}

int imgsize_data(const unsigned char *d, size_t len, int *w, int *h)
{
	if (len >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4))
		return ok((long)be32(d + 16), (long)be32(d + 20), w, h);
	if (len >= 10 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6)))
		return ok(d[6] | d[7] << 8, d[8] | d[9] << 8, w, h);
	if (len >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return jpeg(d, len, w, h);
	return svg((const char *)d, len, w, h);
}

int imgsize_file(const char *path, int *w, int *h)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t cap = 256 * 1024;
	unsigned char *d = malloc(cap);
	if (!d) {
		fclose(f);
		return 0;
	}
	size_t len = fread(d, 1, cap, f);
	fclose(f);
	int r = imgsize_data(d, len, w, h);
	free(d);
	return r;
}
