/* libFuzzer: the e-mail form of an informationsbrev. The input is a
 * letter's text part and its HTML part (split at the first NUL). The
 * invariant (issue 19): the MIME message planpress writes, read back by a
 * reader written here (not planpress's code), has exactly the two parts
 * planpress wrote, in order, and each decodes to exactly what was put in
 * (line ends as CRLF, as e-mail has them): no text can end a part or start
 * one of its own. Abort otherwise. (A bare CR, which a text part may not
 * hold, is left out.) */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "newsletter.h"

/* text with its line ends as e-mail has them: every LF (after a CR or
 * not) a CRLF, and a CR that ends no line left out, as a text part may
 * not hold one */
static char *crlf(const char *s)
{
	buf_t b = BUF_INIT;
	for (const char *p = s; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_putc(&b, '\r');
		buf_putc(&b, *p);
	}
	return buf_detach(&b);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* quoted-printable decoded, by RFC 2045; NULL if it is not valid */
static char *qp_decode(const char *s, size_t n)
{
	buf_t b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '=') {
			buf_putc(&b, s[i]);
			continue;
		}
		if (i + 2 < n + 1 && i + 2 <= n && s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n') {
			i += 2; /* a soft line break */
			continue;
		}
		if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
			buf_free(&b);
			return NULL;
		}
		buf_putc(&b, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
		i += 2;
	}
	return buf_detach(&b);
}

/* the body of the part after delimiter line at start (its headers
 * skipped), up to the CRLF before the next delimiter at next */
static char *part_body(const char *start, const char *next, const char *type)
{
	const char *h = strstr(start, "\r\n\r\n");
	if (!h || h > next)
		return NULL;
	char want[64];
	snprintf(want, sizeof want, "Content-Type: %s; charset=UTF-8\r\n", type);
	const char *ct = strstr(start, want);
	if (!ct || ct > h)
		return NULL;
	const char *body = h + 4, *end = next - 2; /* the CRLF before "--" belongs to the delimiter */
	if (end < body || strncmp(end, "\r\n", 2))
		return NULL;
	return qp_decode(body, (size_t)(end - body));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	const char *text = in, *html = strlen(in) < size ? in + strlen(in) + 1 : "";
	buf_t out = BUF_INIT;
	newsletter_mime(text, html, &out);
	const char *m = buf_cstr(&out);
	const char *bp = strstr(m, "boundary=\"");
	if (!bp)
		abort();
	bp += 10;
	const char *bq = strchr(bp, '"');
	char delim[128], close[128];
	snprintf(delim, sizeof delim, "\r\n--%.*s\r\n", (int)(bq - bp), bp);
	snprintf(close, sizeof close, "\r\n--%.*s--\r\n", (int)(bq - bp), bp);
	/* the delimiters: exactly two, then the close, which ends the message */
	const char *d1 = strstr(m, delim);
	const char *d2 = d1 ? strstr(d1 + 1, delim) : NULL;
	const char *d3 = d2 ? strstr(d2 + 1, delim) : NULL;
	const char *c = strstr(m, close);
	if (!d1 || !d2 || d3 || !c || c < d2 || strcmp(c + strlen(close), "") != 0 ||
	    strstr(c + 1, close))
		abort();
	char *t = part_body(d1 + 2, d2 + 2, "text/plain");
	char *h = part_body(d2 + 2, c + 2, "text/html");
	char *wt = crlf(text), *wh = crlf(html);
	if (!t || !h || strcmp(t, wt) || strcmp(h, wh))
		abort();
	free(t);
	free(h);
	free(wt);
	free(wh);
	buf_free(&out);
	free(in);
	return 0;
}
