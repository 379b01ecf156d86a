#include "newsletter.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "fsutil.h"
#include "lang.h"
#include "markdown.h"

/* Mail programs drop <style> and <link>, so each element the Markdown
 * makes gets its look in a style attribute. */
#define STYLE(tag, style) {tag, sizeof tag - 1, style}
static const struct {
	const char *tag;
	size_t len;
	const char *style;
} inline_styles[] = {
	STYLE("p", "margin:0 0 16px 0;"),
	STYLE("a", "color:#1f4e79;text-decoration:underline;"),
	STYLE("h2", "font-size:20px;line-height:1.3;margin:24px 0 8px 0;color:#1a1a1a;"),
	STYLE("h3", "font-size:17px;line-height:1.3;margin:20px 0 8px 0;color:#1a1a1a;"),
	STYLE("ul", "margin:0 0 16px 0;padding-left:24px;"),
	STYLE("ol", "margin:0 0 16px 0;padding-left:24px;"),
	STYLE("li", "margin:0 0 4px 0;"),
	STYLE("blockquote", "margin:0 0 16px 0;padding-left:12px;border-left:3px solid #c8c8c8;"),
	STYLE("table", "border-collapse:collapse;margin:0 0 16px 0;"),
	STYLE("th", "border:1px solid #c8c8c8;padding:4px 8px;text-align:left;"),
	STYLE("td", "border:1px solid #c8c8c8;padding:4px 8px;"),
	STYLE("img", "max-width:100%;height:auto;"),
	{NULL, 0, NULL},
};
#undef STYLE

/* 1 if the n bytes at p hold "style=": a tag is a few dozen bytes, for
 * which glibc's memmem costs more in setting up than in looking */
static int has_style(const char *p, size_t n)
{
	const char *end = p + n;
	while (end - p >= 6 && (p = memchr(p, 's', (size_t)(end - p - 5)))) {
		if (!memcmp(p, "style=", 6))
			return 1;
		p++;
	}
	return 0;
}

void newsletter_inline_styles(const char *html, buf_t *out)
{
	const char *c = html;
	while (*c) {
		const char *lt = strchr(c, '<');
		if (!lt) {
			buf_puts(out, c);
			break;
		}
		buf_put(out, c, (size_t)(lt - c));
		c = lt;
		if (c[1] == '/' || c[1] == '!') { /* an end tag or a comment */
			buf_putc(out, '<');
			c++;
			continue;
		}
		const char *gt = strchr(c, '>');
		int done = 0;
		/* the element's name, then one look in the table */
		size_t n = 0;
		while ((c[1 + n] >= 'a' && c[1 + n] <= 'z') || (c[1 + n] >= '0' && c[1 + n] <= '9'))
			n++;
		int named = c[1 + n] == ' ' || c[1 + n] == '>';
		for (int i = 0; gt && named && inline_styles[i].tag; i++) {
			if (inline_styles[i].len != n || inline_styles[i].tag[0] != c[1] ||
			    memcmp(c + 1, inline_styles[i].tag, n))
				continue;
			/* a tag the template styled already is left alone */
			if (has_style(c, (size_t)(gt - c)))
				break;
			buf_put(out, c, 1 + n);
			buf_puts(out, " style=\"");
			buf_puts(out, inline_styles[i].style);
			buf_putc(out, '"');
			c += 1 + n;
			done = 1;
			break;
		}
		if (!done) {
			buf_put(out, c, 1);
			c++;
		}
	}
}

/* Root-relative links ("/vg/a/") work on the site, not in a mail. */
void newsletter_absolute_links(const char *html, const char *base_path, const char *base_url,
			       buf_t *out)
{
	size_t bp = strlen(base_path);
	const char *c = html, *done = html;
	/* only the '=' of an href or src attribute can start a link */
	while ((c = strchr(c, '='))) {
		int attr = (c - html >= 4 && !memcmp(c - 4, "href", 4)) ||
			   (c - html >= 3 && !memcmp(c - 3, "src", 3));
		if (attr && c[1] == '"' && !strncmp(c + 2, base_path, bp) && c[2 + bp] != '/') {
			buf_put(out, done, (size_t)(c + 2 - done));
			buf_puts(out, base_url);
			done = c + 2 + bp;
		}
		c++;
	}
	buf_puts(out, done);
}

/* Bytes that stand for themselves anywhere on a line: 33-126 but '='.
 * A space (32) does too, except before the end of a line. */
static const unsigned char qp_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};

static const char qp_hex[] = "0123456789ABCDEF";

/* A byte that would end a line of the encoding, for the space before it. */
static int qp_eol(unsigned char c)
{
	return c == '\n' || c == '\r' || c == '\0';
}

/* RFC 2045 quoted-printable with CRLF line ends and lines of at most 76.
 * A whole letter goes through here, so it writes straight into the
 * buffer, and a run of bytes that stand for themselves (most of the text)
 * is copied whole, up to the end of the line. */
void newsletter_qp(const char *text, buf_t *out)
{
	size_t n = strlen(text);
	/* at worst every byte is =XX, plus a soft break per 25 of them */
	buf_grow(out, n * 3 + n / 8 + 8);
	char *o = out->data + out->len;
	size_t col = 0;
	const unsigned char *c = (const unsigned char *)text, *end = c + n;
	while (c < end) {
		unsigned char ch = *c;
		if (qp_plain[ch] && !(ch == ' ' && qp_eol(c[1]))) {
			if (col >= 75) {
				memcpy(o, "=\r\n", 3);
				o += 3;
				col = 0;
			}
			size_t room = 75 - col;
			const unsigned char *r = c, *stop = (size_t)(end - c) > room ? c + room : end;
			while (r < stop && qp_plain[*r])
				r++;
			/* a space that would end a line is encoded */
			if (r[-1] == ' ' && (r == end || *r == '\n' || *r == '\r'))
				r--;
			memcpy(o, c, (size_t)(r - c));
			o += r - c;
			col += (size_t)(r - c);
			c = r;
			continue;
		}
		if (ch == '\n') {
			*o++ = '\r';
			*o++ = '\n';
			col = 0;
			c++;
			continue;
		}
		if (ch == '\r') {
			c++;
			continue;
		}
		int blank = (ch == ' ' || ch == '\t') && !qp_eol(c[1]);
		size_t w = blank ? 1 : 3;
		if (col + w > 75) {
			memcpy(o, "=\r\n", 3);
			o += 3;
			col = 0;
		}
		if (blank) {
			*o++ = (char)ch;
		} else {
			o[0] = '=';
			o[1] = qp_hex[ch >> 4];
			o[2] = qp_hex[ch & 15];
			o += 3;
		}
		col += w;
		c++;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
}

static void base64(const unsigned char *s, size_t n, buf_t *out)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char q[4] = {t[(v >> 18) & 63], t[(v >> 12) & 63], i + 1 < n ? t[(v >> 6) & 63] : '=',
			     i + 2 < n ? t[v & 63] : '='};
		buf_put(out, q, 4);
	}
}

/* RFC 2047 encoded words for a header, cut between UTF-8 characters so
 * that each word decodes on its own. */
void newsletter_header_word(const char *text, buf_t *out)
{
	int plain = 1;
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		if (*c < 32 || *c > 126)
			plain = 0;
	if (plain) {
		buf_puts(out, text);
		return;
	}
	const unsigned char *c = (const unsigned char *)text;
	size_t len = strlen(text);
	int first = 1;
	while (len > 0) {
		size_t n = len < 42 ? len : 42;
		while (n < len && n > 0 && (c[n] & 0xC0) == 0x80)
			n--;
		if (!first)
			buf_puts(out, "\r\n ");
		buf_puts(out, "=?UTF-8?B?");
		base64(c, n, out);
		buf_puts(out, "?=");
		c += n;
		len -= n;
		first = 0;
	}
}

void newsletter_display_name(const char *name, buf_t *out)
{
	int ascii = 1, special = 0;
	for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
		if (*c < 32 || *c > 126)
			ascii = 0;
		else if (strchr("()<>[]:;@\\,.\"", *c))
			special = 1;
	}
	if (!ascii || !special) {
		newsletter_header_word(name, out);
		return;
	}
	buf_putc(out, '"');
	for (const char *c = name; *c; c++) {
		if (*c == '"' || *c == '\\')
			buf_putc(out, '\\');
		buf_putc(out, *c);
	}
	buf_putc(out, '"');
}

static const char *fm_string(const struct page *p, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(p->fm.data, key, &v) || !v)
		return NULL;
	return json_object_get_string(v);
}

static void rule(buf_t *out, const char *title, char ch)
{
	buf_printf(out, "%s\n", title);
	/* one mark per character, not per byte */
	for (const unsigned char *c = (const unsigned char *)title; *c; c++)
		if ((*c & 0xC0) != 0x80)
			buf_put(out, &ch, 1);
	buf_puts(out, "\n\n");
}

static void render_text(const struct site *s, const struct page *p, buf_t *out)
{
	const struct lang *l = s->cfg.lang;
	const struct forbund *f = config_forbund(&s->cfg, p->forbund_slug);
	const char *number = fm_string(p, "number");
	if (number && strstr(p->title, number))
		number = NULL; /* the title says it already */
	buf_t head = BUF_INIT;
	buf_printf(&head, "%s%s%s", p->title, number ? " " : "", number ? number : "");
	rule(out, buf_cstr(&head), '=');
	buf_free(&head);
	if (f)
		buf_printf(out, "%s\n", f->name);
	char *url = site_url(s, p, 1);
	buf_printf(out, "%s: %s\n\n", l->read_on_web, url);
	free(url);
	if (p->md.text)
		buf_puts(out, p->md.text);
	if (p->nitems) {
		buf_puts(out, "\n");
		/* the section's heading, over the headings of its news */
		rule(out, l->in_this_issue, '=');
	}
	for (size_t i = 0; i < p->nitems; i++) {
		const struct page *it = p->items[i];
		if (i) /* the rule above left a blank line */
			buf_puts(out, "\n");
		rule(out, it->title ? it->title : "", '-');
		if (it->year) {
			lang_format_date(l, it->year, it->month, it->day, out);
			buf_puts(out, "\n\n");
		}
		/* an item of another type than nyhet has only its summary */
		buf_puts(out, it->md.text ? it->md.text : it->md.summary ? it->md.summary : "");
		if (!it->md.text)
			buf_puts(out, "\n");
		char *u = site_url(s, it, 1);
		buf_printf(out, "\n%s: %s\n", l->read_on_web, u);
		free(u);
	}
	buf_puts(out, "\n-- \n");
	if (f) {
		buf_printf(out, "%s\n", f->name);
		if (f->email)
			buf_printf(out, "%s: %s\n", l->email, f->email);
		if (f->phone)
			buf_printf(out, "%s: %s\n", l->phone, f->phone);
	}
	buf_printf(out, "%s\n", s->cfg.base_url);
}

static const char *weekday(int y, int m, int d)
{
	static const char *const names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y -= 1;
	return names[(y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7];
}

void newsletter_mime(const char *text, const char *html, buf_t *out)
{
	/* The boundary must not occur in either part, or a letter's text could
	 * end a part and start one of its own. "=_" never occurs in
	 * quoted-printable ('=' itself is written "=3D"), so a boundary that
	 * starts with it cannot; the parts' hash keeps the build reproducible.
	 * Checked all the same. */
	buf_t qt = BUF_INIT, qh = BUF_INIT;
	newsletter_qp(text, &qt);
	newsletter_qp(html, &qh);
	uint64_t h = hash_str(hash_str(0, text), html);
	char boundary[64];
	for (unsigned n = 0;; n++) {
		snprintf(boundary, sizeof boundary, "=_planpress_%016llx_%u", (unsigned long long)h, n);
		if (!strstr(buf_cstr(&qt), boundary) && !strstr(buf_cstr(&qh), boundary))
			break;
	}
	buf_printf(out, "MIME-Version: 1.0\r\n"
			"Content-Type: multipart/alternative; boundary=\"%s\"\r\n"
			"\r\n"
			"This is a MIME message: a text part and an HTML part.\r\n"
			"\r\n", boundary);
	buf_printf(out, "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary);
	buf_put(out, buf_cstr(&qt), qt.len);
	buf_printf(out, "\r\n--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary);
	buf_put(out, buf_cstr(&qh), qh.len);
	buf_printf(out, "\r\n--%s--\r\n", boundary);
	buf_free(&qt);
	buf_free(&qh);
}

static void render_eml(const struct site *s, const struct page *p, const char *html,
		       const char *text, buf_t *out)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	const struct forbund *f = config_forbund(&s->cfg, p->forbund_slug);
	/* both parts at their quoted-printable worst, and the headers */
	size_t th = strlen(text) + strlen(html);
	buf_grow(out, th * 3 + th / 8 + 4096);
	/* the host of base_url names the message */
	const char *host = strstr(s->cfg.base_url, "://");
	host = host ? host + 3 : s->cfg.base_url;
	size_t hl = strcspn(host, "/:");
	const char *number = fm_string(p, "number");
	if (number && strstr(p->title, number))
		number = NULL;
	buf_t subj = BUF_INIT;
	buf_printf(&subj, "%s%s%s", p->title, number ? " " : "", number ? number : "");
	buf_t hdr = BUF_INIT;
	if (f && f->email) {
		buf_puts(out, "From: ");
		newsletter_display_name(f->name, &hdr);
		buf_printf(out, "%s <%s>\r\n", buf_cstr(&hdr), f->email);
		buf_reset(&hdr);
	}
	buf_puts(out, "Subject: ");
	newsletter_header_word(buf_cstr(&subj), out);
	buf_puts(out, "\r\n");
	if (p->year)
		buf_printf(out, "Date: %s, %d %s %04d 08:00:00 +0000\r\n",
			   weekday(p->year, p->month, p->day), p->day, months[p->month - 1], p->year);
	/* "sjuharad/informationsbrev-2016-2/" names the message uniquely;
	 * anything but letters, digits and ".-_" becomes "-", so no name can
	 * end the header (CR, LF) or add one */
	char *id = xstrdup(p->url_path);
	for (char *c = id; *c; c++)
		if (*c == '/')
			*c = '.';
		else if (!isalnum((unsigned char)*c) && *c != '.' && *c != '-' && *c != '_')
			*c = '-';
	size_t il = strlen(id);
	if (il && id[il - 1] == '.')
		id[il - 1] = '\0';
	buf_printf(out, "Message-ID: <%s@%.*s>\r\n", id, (int)hl, host);
	/* Outlook opens the file as a message to send, not as one received */
	buf_puts(out, "X-Unsent: 1\r\n");
	free(id);
	newsletter_mime(text, html, out);
	buf_free(&hdr);
	buf_free(&subj);
}

int newsletter_render(const struct site *s, const struct page *p, struct page_data *d,
		      buf_t *html, buf_t *text, buf_t *eml)
{
	buf_t raw = BUF_INIT, abs = BUF_INIT;
	if (page_render_with(s, p, d, "email/informationsbrev", &raw) != 0) {
		buf_free(&raw);
		return -1;
	}
	newsletter_absolute_links(buf_cstr(&raw), s->cfg.base_path, s->cfg.base_url, &abs);
	newsletter_inline_styles(buf_cstr(&abs), html);
	buf_free(&raw);
	buf_free(&abs);
	render_text(s, p, text);
	render_eml(s, p, buf_cstr(html), buf_cstr(text), eml);
	return 0;
}
