/* The e-mail building blocks of an informationsbrev. */
#include <stdlib.h>

#include "check.h"
#include "newsletter.h"

/* Decodes quoted-printable as a mail reader does, and checks the rules
 * on the way: lines of at most 76, no space or tab before a line end,
 * only printable ASCII. Returns NULL when a rule is broken. */
static char *qp_decode(const char *qp)
{
	buf_t d = BUF_INIT;
	size_t col = 0;
	for (const char *c = qp; *c; c++) {
		if (c[0] == '\r' && c[1] == '\n') {
			if (col > 76 || (c > qp && (c[-1] == ' ' || c[-1] == '\t')))
				goto broken;
			buf_putc(&d, '\n');
			col = 0;
			c++;
			continue;
		}
		col++;
		if (*c == '=') {
			if (c[1] == '\r' && c[2] == '\n') {
				if (col > 76)
					goto broken;
				col = 0;
				c += 2;
				continue;
			}
			unsigned v;
			if (sscanf(c + 1, "%2X", &v) != 1 || !c[1] || !c[2])
				goto broken;
			buf_putc(&d, (char)v);
			col += 2;
			c += 2;
			continue;
		}
		if ((unsigned char)*c > 126 || ((unsigned char)*c < 32 && *c != '\t'))
			goto broken;
		buf_putc(&d, *c);
	}
	if (col > 76)
		goto broken;
	return buf_detach(&d);
broken:
	buf_free(&d);
	return NULL;
}

/* The encoder as it was written first, a byte at a time: the fast one
 * must give exactly its output. */
static void qp_reference(const char *text, buf_t *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '\n') {
			buf_puts(out, "\r\n");
			col = 0;
			continue;
		}
		if (*c == '\r')
			continue;
		int at_eol = c[1] == '\n' || c[1] == '\r' || c[1] == '\0';
		int plain = *c > 32 && *c < 127 && *c != '=';
		int blank = (*c == ' ' || *c == '\t') && !at_eol;
		size_t w = plain || blank ? 1 : 3;
		if (col + w > 75) {
			buf_puts(out, "=\r\n");
			col = 0;
		}
		if (w == 1) {
			buf_putc(out, (char)*c);
		} else {
			buf_putc(out, '=');
			buf_putc(out, hex[*c >> 4]);
			buf_putc(out, hex[*c & 15]);
		}
		col += w;
	}
}

/* Random text of up to maxlen pieces from bits; a piece starting with
 * `repeat` comes up to `times` times in a row, for runs past a line. */
static void random_text(buf_t *in, const char *const *bits, unsigned nbits, unsigned *seed,
			int maxlen, char repeat, int times)
{
	int len = (int)((*seed = *seed * 1103515245u + 12345u) >> 16) % maxlen;
	for (int k = 0; k < len; k++) {
		const char *piece = bits[((*seed = *seed * 1103515245u + 12345u) >> 16) % nbits];
		int n = piece[0] == repeat ? (int)((*seed >> 8) % (unsigned)times) : 1;
		for (int t = 0; t < n; t++)
			buf_puts(in, piece);
	}
}

int main(void)
{
	buf_t b = BUF_INIT;

	/* quoted-printable: UTF-8 and '=' encoded, CRLF, soft breaks at 76 */
	newsletter_qp("Hälsa = bra\n", &b);
	CHECK_STR(buf_cstr(&b), "H=C3=A4lsa =3D bra\r\n");
	buf_reset(&b);
	newsletter_qp("slut \n", &b);
	CHECK_STR(buf_cstr(&b), "slut=20\r\n");
	buf_reset(&b);
	char long_line[201];
	memset(long_line, 'a', 200);
	long_line[200] = '\0';
	newsletter_qp(long_line, &b);
	int max = 0, cur = 0;
	for (const char *c = buf_cstr(&b); *c; c++) {
		if (*c == '\r' || *c == '\n') {
			cur = 0;
			continue;
		}
		if (++cur > max)
			max = cur;
	}
	CHECK(max <= 76);
	CHECK(strstr(buf_cstr(&b), "=\r\n") != NULL);
	buf_reset(&b);

	/* random text of the characters that matter round-trips, keeping
	 * every rule (the runs of plain characters are copied whole) */
	{
		static const char *const bits[] = {"a", "b", " ", "\t", "=", "\xC3\xA4", "\n", "xyz.,;", "\r\n"};
		unsigned seed = 12345;
		int ok = 1;
		for (int round = 0; round < 2000 && ok; round++) {
			buf_t in = BUF_INIT, want = BUF_INIT;
			random_text(&in, bits, 9, &seed, 300, 'a', 90);
			for (size_t k = 0; k < in.len; k++)
				if (in.data[k] != '\r')
					buf_putc(&want, in.data[k]);
			buf_reset(&b);
			newsletter_qp(buf_cstr(&in), &b);
			char *back = qp_decode(buf_cstr(&b));
			ok = back && !strcmp(back, buf_cstr(&want));
			if (!ok)
				printf("qp round %d: %s\n", round, buf_cstr(&in));
			free(back);
			buf_free(&in);
			buf_free(&want);
		}
		CHECK(ok);
		buf_reset(&b);
	}

	/* the same bytes as the plain encoder, for text with runs longer
	 * than a line and spaces everywhere, also before line ends */
	{
		static const char *const bits[] = {"word ", "  ", " ", "\t", "=", "\xC3\xA4",
						   "\n", " \n", "\r\n", "x", "\x7F", "~"};
		unsigned seed = 777;
		int same = 1;
		for (int round = 0; round < 3000 && same; round++) {
			buf_t in = BUF_INIT, want = BUF_INIT;
			random_text(&in, bits, 12, &seed, 400, 'x', 100);
			qp_reference(buf_cstr(&in), &want);
			buf_reset(&b);
			/* in a block of its own size, so that AddressSanitizer
			 * sees a read past the text's end */
			char *exact = xstrdup(buf_cstr(&in));
			newsletter_qp(exact, &b);
			free(exact);
			same = !strcmp(buf_cstr(&b), buf_cstr(&want));
			if (!same)
				printf("qp differs in round %d: %s\n", round, buf_cstr(&in));
			buf_free(&in);
			buf_free(&want);
		}
		CHECK(same);
		buf_reset(&b);
	}

	/* headers: ASCII as it is, anything else as RFC 2047 base64 words */
	newsletter_header_word("Informationsbrev 2016:2", &b);
	CHECK_STR(buf_cstr(&b), "Informationsbrev 2016:2");
	buf_reset(&b);
	newsletter_header_word("Nytt från förbundet", &b);
	CHECK_STR(buf_cstr(&b), "=?UTF-8?B?Tnl0dCBmcsOlbiBmw7ZyYnVuZGV0?=");
	buf_reset(&b);

	/* a From name: plain words as they are, specials quoted (a comma would
	 * make two addresses), quotes and backslashes escaped, non-ASCII as
	 * RFC 2047 words (which may hold any character) */
	newsletter_display_name("Sjuharads samordningsforbund", &b);
	CHECK_STR(buf_cstr(&b), "Sjuharads samordningsforbund");
	buf_reset(&b);
	newsletter_display_name("Samordningsforbundet Sjuharad (SOFS), Boras", &b);
	CHECK_STR(buf_cstr(&b), "\"Samordningsforbundet Sjuharad (SOFS), Boras\"");
	buf_reset(&b);
	newsletter_display_name("Kansliet \"SOFS\" \\ Boras.", &b);
	CHECK_STR(buf_cstr(&b), "\"Kansliet \\\"SOFS\\\" \\\\ Boras.\"");
	buf_reset(&b);
	newsletter_display_name("Sjuhärad, Borås", &b);
	CHECK(strncmp(buf_cstr(&b), "=?UTF-8?B?", 10) == 0);
	buf_reset(&b);

	/* root-relative links become absolute; other links stay */
	newsletter_absolute_links("<a href=\"/vg/a/\">x</a><img src=\"/vg/b.png\"><a href=\"//cdn/x\">"
				  "<a href=\"mailto:k@x\">",
				  "/vg/", "https://example.org/vg/", &b);
	CHECK_STR(buf_cstr(&b), "<a href=\"https://example.org/vg/a/\">x</a><img src=\"https://example.org/vg/b.png\">"
				"<a href=\"//cdn/x\"><a href=\"mailto:k@x\">");
	buf_reset(&b);

	/* inline styles on bare elements; styled ones and lookalikes left alone */
	newsletter_inline_styles("<p>a <a href=\"x\">b</a></p><p style=\"c\">d</p><pre>e</pre>", &b);
	CHECK(strncmp(buf_cstr(&b), "<p style=\"margin:", 17) == 0);
	CHECK(strstr(buf_cstr(&b), "<a style=\"color:") != NULL);
	CHECK(strstr(buf_cstr(&b), "<p style=\"c\">d</p>") != NULL);
	CHECK(strstr(buf_cstr(&b), "<pre>e</pre>") != NULL);
	/* "style=" anywhere in the tag, at its end, or only nearly */
	buf_reset(&b);
	newsletter_inline_styles("<p class=\"x\" style=\"c\">a</p><a href=\"styl\">b</a><p title=\"s\">c</p>"
				 "<li style=>d</li>", &b);
	CHECK_STR(buf_cstr(&b), "<p class=\"x\" style=\"c\">a</p><a style=\"color:#1f4e79;text-decoration:underline;\""
				" href=\"styl\">b</a><p style=\"margin:0 0 16px 0;\" title=\"s\">c</p><li style=>d</li>");
	buf_free(&b);

	return check_done("newsletter");
}
