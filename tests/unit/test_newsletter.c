/* The e-mail building blocks of an informationsbrev. */
#include <stdlib.h>

#include "check.h"
#include "newsletter.h"

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

	/* headers: ASCII as it is, anything else as RFC 2047 base64 words */
	newsletter_header_word("Informationsbrev 2016:2", &b);
	CHECK_STR(buf_cstr(&b), "Informationsbrev 2016:2");
	buf_reset(&b);
	newsletter_header_word("Nytt från förbundet", &b);
	CHECK_STR(buf_cstr(&b), "=?UTF-8?B?Tnl0dCBmcsOlbiBmw7ZyYnVuZGV0?=");
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
	buf_free(&b);

	return check_done("newsletter");
}
