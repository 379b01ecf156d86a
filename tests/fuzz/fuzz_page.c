/* libFuzzer: the page pipeline: front matter, Markdown through
 * cmark-gfm and our renderer, ```table and ```chart blocks reading a
 * fixed CSV file beside the page, numbering and the TOC, the plain text
 * of an e-mail, and the text taken from HTML (the page's own, and the
 * input read as HTML). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "frontmatter.h"
#include "lang.h"
#include "markdown.h"
#include "plaintext.h"
#include "table.h"

static char content[64];

static int run_block(void *ud, const char *kind, const char *text, int line, buf_t *html)
{
	struct table_ctx *c = ud;
	return !strcmp(kind, "chart") ? chart_block(c, text, line, html) : table_block(c, text, line, html);
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frontmatter fm;
	if (frontmatter_parse("fuzz.md", (const char *)data, size, &fm) != 0) {
		frontmatter_free(&fm);
		return 0;
	}
	struct table_ctx tc;
	table_ctx_init(&tc, 1);
	tc.page_path = "fuzz.md";
	tc.content_dir = content;
	tc.page_dir = "";
	tc.page_stem = "fuzz";
	tc.lang = lang_get("sv");
	struct md_options mo = {
		.numbered = size & 1,
		.toc = (size >> 1) & 1,
		.toc_depth = 3,
		.lang = tc.lang,
		.block = run_block,
		.xref = find_ref,
		.ud = &tc,
		.first_line = fm.body_line,
		.print = (size >> 2) & 1,
		.plaintext = 1,
	};
	struct md_result r;
	markdown_render((const char *)data + fm.body_offset, size - fm.body_offset, &mo, &r);
	buf_t text = BUF_INIT;
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
