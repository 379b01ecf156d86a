/*
 * newsletter: the e-mail forms of an informationsbrev, beside its web page.
 *
 *   epost.html  self-contained HTML for mail programs: the theme's
 *               email/informationsbrev template, every link made
 *               absolute and every element given its style inline;
 *   epost.txt   plain text from cmark-gfm's plaintext renderer;
 *   NAME.eml    a MIME message (multipart/alternative, UTF-8,
 *               quoted-printable) holding both, ready for a mail program
 *               or sendmail.
 *
 * The functions fill caller-owned buffers; nothing is kept.
 */
#ifndef PLANPRESS_NEWSLETTER_H
#define PLANPRESS_NEWSLETTER_H

#include "buf.h"
#include "site.h"

/* Renders the three forms. Returns 0, or -1 after a diagnostic. */
int newsletter_render(const struct site *s, const struct page *p, struct page_data *d,
		      buf_t *html, buf_t *text, buf_t *eml);

/* The building blocks, public for the unit tests. */
void newsletter_absolute_links(const char *html, const char *base_path, const char *base_url,
			       buf_t *out);
void newsletter_inline_styles(const char *html, buf_t *out);
void newsletter_qp(const char *text, buf_t *out);
/* The MIME body of a letter, after its own headers: MIME-Version, a
 * multipart/alternative of the text and the HTML, each quoted-printable,
 * under a boundary that occurs in neither (and that depends only on
 * them, so builds are reproducible). */
void newsletter_mime(const char *text, const char *html, buf_t *out);
/* An unstructured header's text (Subject): ASCII as it is, anything else
 * as RFC 2047 base64 words. */
void newsletter_header_word(const char *text, buf_t *out);
/* A display name for From (RFC 5322's phrase): plain ASCII words as they
 * are; ASCII with a character the address syntax gives a meaning (a comma,
 * parentheses, a dot, quotes …) as a quoted string, so "A (B), C" stays one
 * name rather than two addresses; anything else as RFC 2047 words. */
void newsletter_display_name(const char *name, buf_t *out);

#endif
