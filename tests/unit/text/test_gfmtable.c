/* gfmtable.c's test "does the table go on" against cmark-gfm's own: every
 * document is parsed first with the table extension as it comes, then
 * with the padding bound installed, and both trees must print the same
 * XML (with source positions) and the same HTML. The documents are the cases below
 * and a few thousand random tables in quotes and lists, with escaped
 * pipes, tabs, CRLF, blank lines and rows of every width. */
#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "check.h"
#include "gfmtable.h"

#define RANDOM_DOCS 4000

static cmark_syntax_extension *table;

static char *render(const char *md)
{
	cmark_parser *p = cmark_parser_new(CMARK_OPT_SOURCEPOS);
	cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	char *xml = cmark_render_xml(doc, CMARK_OPT_SOURCEPOS);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
	buf_t b = BUF_INIT;
	buf_puts(&b, xml);
	buf_puts(&b, html);
	free(xml);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return buf_detach(&b);
}

static const char *const cases[] = {
	"| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6 |\n",
	"a | b\n--|--\nc | d\ne\n\nefter\n",
	"| Plats | Antal |\n|---|--:|\n| BORÅS | 1 234 |\n| **Summa** | `5|6` |\n",
	"| a \\| b | c |\n|---|---|\n| x \\| y | \\\\| z |\n| \\ | \\|\n",
	"> | a | b |\n> |---|---|\n> | 1 | 2 |\n>  | 3 | 4 |\n\n- | a |\n  |---|\n  | b |\n  c\n",
	"| a |\n|---|\n|\n| |\n||\n|  \t|\n",
	"| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n|3|4|\r\n",
	"|a|b|\n|-|-|\n\t| tab | row |\n   | three | spaces |\n    | four | spaces |\n",
	"| a |\n|---|\n| b |\n# rubrik\n| c |\n> citat\n- lista\n",
	"| a |\n|---|\n| b |\n    kod\n| c | d |   \n",
	"| a | b |\n|---|---|\n| `code | span` | [länk](x \"t|t\") |\n| <b>|</b> | *a|b* |\n",
	"Stycke\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	"| a |\n|---|\n| b |\n\n| c |\n",
	"| a |\n|---|\nb\n",
	"| a |\n|---|\n| b",
	"| ä | ö |\n|---|---|\n| å | \xc3\xa9 \\\\ |\n",
	/* cells of plain text get their text node from gfmtable.c; a leading
	 * quote, hyphen or period, or any byte that starts an inline, leaves
	 * the cell to cmark's inline parser */
	"| Plats | Antal |\n|---|--:|\n| BORÅS | 1 234 |\n| \xe2\x88\x92" "1 994 | 3 817,5 |\n"
	"| -5 | .5 |\n| 'a' | \"b\" |\n| a_b | a!b |\n| &amp; | x]y |\n|  a.b-c'd\"e  | 12 % |\n",
	/* lines that look like delimiter rows, and lines that nearly do */
	"a | b\n-- | --\n\nc | d\n:- | -:\n\ne | f\n- | x\n\ng|h\n|-|-|x\n",
	"a\n---\n\nb | c\n- - -\n\nd | e\n|:-:|\t-\r\n\nf\n|\n\ng\n:\n",
	"Lång rad\nmed två rader | x\n---|---\n1|2\n",
	NULL,
};

static uint32_t rng = 2463534242u;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void random_cell(buf_t *b)
{
	static const char *const bits[] = {"a", "ord", " ", "\t", "\\|", "\\", "`", "*", "-", ":",
					   "1", "å", "**b**", "[l](u)", "<i>", "x y", "  ", ".", "'",
					   "\"", "&amp;", "!", "_", "]", "~", "2,5", "1 234"};
	/* mostly short, sometimes long */
	int n = next() % 4 ? next() % 4 : next() % 16;
	for (int i = 0; i < n; i++)
		buf_puts(b, bits[next() % (sizeof bits / sizeof *bits)]);
}

static void random_row(buf_t *b, const char *prefix, int cells, const char *eol)
{
	buf_puts(b, prefix);
	for (int i = next() % 3; i > 0; i--)
		buf_putc(b, ' ');
	if (next() % 2)
		buf_putc(b, '|');
	for (int i = 0; i < cells; i++) {
		random_cell(b);
		if (i + 1 < cells || next() % 2)
			buf_putc(b, '|');
	}
	if (next() % 4 == 0)
		buf_puts(b, "  ");
	buf_puts(b, eol);
}

static char *random_doc(void)
{
	static const char *const prefixes[] = {"", "", "> ", "  ", "- "};
	static const char *const extras[] = {"\n", "text\n", "# h\n", "> q\n", "- l\n", "    code\n",
					     "|\n", "||\n", "\\|\n", "a|b\n", "```\n"};
	buf_t b = BUF_INIT;
	const char *prefix = prefixes[next() % 5];
	const char *eol = next() % 5 ? "\n" : "\r\n";
	int cols = 1 + (int)(next() % 4);
	if (next() % 3 == 0)
		buf_puts(&b, "Stycke före\n");
	if (next() % 4 == 0) {
		/* a paragraph line, then one made of delimiter-row characters */
		random_row(&b, prefix, 1 + (int)(next() % 3), eol);
		for (int i = next() % 8; i >= 0; i--)
			buf_putc(&b, "|:- -\tx"[next() % 8]);
		buf_puts(&b, eol);
	}
	random_row(&b, prefix, cols, eol);
	if (!strcmp(prefix, "- "))
		prefix = "  ";
	buf_puts(&b, prefix);
	int dcols = next() % 5 ? cols : 1 + (int)(next() % 4);
	for (int i = 0; i < dcols; i++) {
		buf_puts(&b, i || next() % 2 ? "|" : "");
		buf_puts(&b, (const char *[]){"---", ":-", "-:", ":-:", " - "}[next() % 5]);
	}
	buf_puts(&b, next() % 2 ? "|" : "");
	buf_puts(&b, eol);
	for (int r = next() % 8; r > 0; r--) {
		if (next() % 6 == 0)
			buf_puts(&b, extras[next() % (sizeof extras / sizeof *extras)]);
		else
			random_row(&b, prefix, next() % 6, eol);
	}
	return buf_detach(&b);
}

static int same(const char *md, const char *want)
{
	char *got = render(md);
	int ok = !strcmp(got, want);
	if (!ok)
		printf("input:\n%s\ngot:\n%s\nwant:\n%s\n", md, got, want);
	free(got);
	return ok;
}

int main(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	table = cmark_find_syntax_extension("table");

	/* cmark-gfm's answers, before ours are installed */
	size_t ncases = 0;
	while (cases[ncases])
		ncases++;
	char **want = calloc(ncases + RANDOM_DOCS, sizeof *want);
	char **docs = calloc(RANDOM_DOCS, sizeof *docs);
	for (size_t i = 0; i < ncases; i++)
		want[i] = render(cases[i]);
	for (size_t i = 0; i < RANDOM_DOCS; i++) {
		docs[i] = random_doc();
		want[ncases + i] = render(docs[i]);
	}

	gfm_table_install(table);
	gfm_table_install(table); /* a second call changes nothing */
	for (size_t i = 0; i < ncases; i++)
		CHECK(same(cases[i], want[i]));
	size_t bad = 0;
	for (size_t i = 0; i < RANDOM_DOCS; i++)
		if (!same(docs[i], want[ncases + i]) && ++bad > 3)
			break;
	CHECK(bad == 0);

	/* A wide header over many short rows: cmark-gfm pads each row to
	 * the header's width; ours ends the table once the padding passes
	 * GFM_TABLE_MAX_PADDING cells, and the rest is a paragraph. */
	buf_t wide = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_puts(&wide, "|h");
	buf_puts(&wide, "|\n");
	for (int i = 0; i < 1000; i++)
		buf_puts(&wide, "|-");
	buf_puts(&wide, "|\n");
	for (int i = 0; i < 700; i++)
		buf_puts(&wide, "a\n");
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_feed(p, buf_cstr(&wide), wide.len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_node *t = cmark_node_first_child(doc);
	int nrows = 0;
	for (cmark_node *r = cmark_node_first_child(t); r; r = cmark_node_next(r))
		nrows++;
	/* the header, then rows until 999 padded cells each pass the limit */
	CHECK(nrows == 1 + (GFM_TABLE_MAX_PADDING / 999 + 1));
	CHECK(cmark_node_next(t) && cmark_node_get_type(cmark_node_next(t)) == CMARK_NODE_PARAGRAPH);
	cmark_node_free(doc);
	cmark_parser_free(p);
	buf_free(&wide);

	for (size_t i = 0; i < ncases + RANDOM_DOCS; i++)
		free(want[i]);
	for (size_t i = 0; i < RANDOM_DOCS; i++)
		free(docs[i]);
	free(want);
	free(docs);
	return check_done("gfmtable");
}
