/* libFuzzer: the page pipeline: front matter, Markdown through
 * cmark-gfm and our renderer, ```table and ```chart blocks reading a
 * fixed CSV file beside the page, numbering and the TOC, the plain text
 * of an e-mail, and the text taken from HTML (the page's own, and the
 * input read as HTML). The e-mail's quoted-printable parts and styled
 * HTML are made too, and the front matter's JSON for the build cache
 * must read back as the same value (abort otherwise). A print page
 * rendered from its web page's parse must equal one parsed anew. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "frontmatter.h"
#include "jsonutil.h"
#include "lang.h"
#include "markdown.h"
#include "newsletter.h"
#include "plaintext.h"
#include "table.h"

static char content[64];

static int run_block(void *ud, const char *kind, const char *text, int line, buf_t *html,
		     struct plaintext_block **plain)
{
	struct table_ctx *c = ud;
	return !strcmp(kind, "chart") ? chart_block(c, text, line, html) : table_block(c, text, line, html, plain);
}

static const char *find_ref(void *ud, const char *id)
{
	return table_ref(ud, id);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(content, sizeof content, "/tmp/planpress-fuzz-%d", (int)getpid());
	mkdir(content, 0755);
	char path[128];
	snprintf(path, sizeof path, "%s/a.csv", content);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("Post;Belopp, tkr;Andel\nBidrag;8 346;50 %\nKommunerna;4 173;25 %\nRegionen;4 173;25 %\nTotalt;16 692;100 %\n", f);
		fclose(f);
	}
	markdown_init();
	diag_set_quiet(2);
	return 0;
}

/* RFC 2045's rules: lines of at most 76, printable ASCII, no space or
 * tab before a line's end. */
static void check_qp(const char *q)
{
	size_t col = 0;
	for (const char *c = q; *c; c++) {
		if (c[0] == '\r' && c[1] == '\n') {
			if (col > 76 || (c > q && (c[-1] == ' ' || c[-1] == '\t')))
				abort();
			col = 0;
			c++;
			continue;
		}
		unsigned char u = (unsigned char)*c;
		if (u > 126 || (u < 32 && u != '\t'))
			abort();
		if (++col > 76)
			abort();
	}
}

static void ctx_init(struct table_ctx *tc)
{
	table_ctx_init(tc, 1);
	tc->page_path = "fuzz.md";
	tc->content_dir = content;
	tc->page_dir = "";
	tc->page_stem = "fuzz";
	tc->lang = lang_get("sv");
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* A report's print page is rendered from the parse its web page was:
 * both renderings must be what a parse of their own gives. */
static void check_one_parse(const char *src, size_t len, const struct md_options *o)
{
	struct table_ctx tw, tp, fresh;
	ctx_init(&tw);
	ctx_init(&tp);
	struct md_options web = *o, print = *o;
	web.ud = &tw;
	print.plaintext = 0;
	print.ud = &tp;
	struct md_result w, p, again;
	struct md_doc *d = markdown_parse(src, len, &web);
	markdown_render_doc(d, &web, &w);
	markdown_render_doc(d, &print, &p);
	markdown_doc_free(d);

	ctx_init(&fresh);
	web.ud = &fresh;
	markdown_render(src, len, &web, &again);
	if (!same_str(w.html, again.html) || !same_str(w.toc_html, again.toc_html) ||
	    !same_str(w.text, again.text) || w.nheadings != again.nheadings)
		abort();
	md_result_free(&again);
	table_ctx_free(&fresh);

	ctx_init(&fresh);
	print.ud = &fresh;
	markdown_render(src, len, &print, &again);
	if (!same_str(p.html, again.html) || !same_str(p.toc_html, again.toc_html) ||
	    p.nfootnotes != again.nfootnotes || p.nheadings != again.nheadings)
		abort();
	for (size_t i = 0; i < p.nheadings; i++)
		if (!same_str(p.headings[i].id, again.headings[i].id) ||
		    !same_str(p.headings[i].number, again.headings[i].number))
			abort();
	md_result_free(&again);
	table_ctx_free(&fresh);
	md_result_free(&w);
	md_result_free(&p);
	table_ctx_free(&tw);
	table_ctx_free(&tp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frontmatter fm;
	if (frontmatter_parse("fuzz.md", (const char *)data, size, &fm) != 0) {
		frontmatter_free(&fm);
		return 0;
	}
	struct table_ctx tc;
	ctx_init(&tc);
	struct md_options mo = {
		.numbered = size & 1,
		.toc = (size >> 1) & 1,
		.toc_depth = 3,
		.lang = tc.lang,
		.block = run_block,
		.xref = find_ref,
		.ud = &tc,
		.first_line = fm.body_line,
		.plaintext = 1,
	};
	struct md_result r;
	markdown_render((const char *)data + fm.body_offset, size - fm.body_offset, &mo, &r);
	if ((size >> 3) & 1)
		check_one_parse((const char *)data + fm.body_offset, size - fm.body_offset, &mo);
	buf_t text = BUF_INIT;
	newsletter_qp(r.text ? r.text : "", &text);
	check_qp(buf_cstr(&text));
	buf_reset(&text);
	buf_t styled = BUF_INIT;
	newsletter_inline_styles(r.html, &styled);
	newsletter_qp(buf_cstr(&styled), &text);
	check_qp(buf_cstr(&text));
	buf_free(&styled);
	buf_reset(&text);
	json_write(&text, fm.data);
	json_object *back = json_tokener_parse(buf_cstr(&text));
	if (!json_object_equal(fm.data, back))
		abort();
	json_object_put(back);
	buf_reset(&text);
	plaintext_from_html(r.html, 72, &text);
	char *raw = strndup((const char *)data, size); /* up to a NUL, as HTML is read */
	plaintext_from_html(raw, 72, &text);
	free(raw);
	buf_free(&text);
	md_result_free(&r);
	table_ctx_free(&tc);
	frontmatter_free(&fm);
	return 0;
}
