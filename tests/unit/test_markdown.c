/* Unit tests of the Markdown passes: heading ids, section numbers, the
 * table of contents, footnotes in Swedish, tables and safe mode. */
#include "check.h"
#include "markdown.h"

static struct md_result md(const char *src, int numbered, int toc, int unsafe)
{
	struct md_options o = {.numbered = numbered, .toc = toc, .toc_depth = 2, .unsafe = unsafe, .lang = lang_get("sv")};
	struct md_result r;
	markdown_render(src, strlen(src), &o, &r);
	return r;
}

int main(void)
{
	markdown_init();
	struct md_result r = md("## Mål\n\ntext\n\n### Mål\n\n## Ekonomi\n\n### Budget\n\n#### Detalj\n\n## Mål\n", 1, 1, 0);
	CHECK(r.nheadings == 6);
	CHECK_STR(r.headings[0].id, "mal");
	CHECK_STR(r.headings[1].id, "mal-2");
	CHECK_STR(r.headings[5].id, "mal-3");
	CHECK_STR(r.headings[0].number, "1");
	CHECK_STR(r.headings[1].number, "1.1");
	CHECK_STR(r.headings[2].number, "2");
	CHECK_STR(r.headings[3].number, "2.1");
	CHECK_STR(r.headings[4].number, "2.1.1");
	CHECK_STR(r.headings[5].number, "3");
	CHECK(strstr(r.html, "<h2 id=\"ekonomi\"><span class=\"secno\">2</span> Ekonomi</h2>") != NULL);
	CHECK(r.toc_html != NULL);
	CHECK(strstr(r.toc_html, "<h2 id=\"toc\">Innehåll</h2>") != NULL);
	CHECK(strstr(r.toc_html, "<a href=\"#budget\"><span class=\"secno\">2.1</span> Budget</a>") != NULL);
	CHECK(strstr(r.toc_html, "detalj") == NULL); /* deeper than the TOC depth */
	CHECK_STR(r.summary, "text");
	md_result_free(&r);

	r = md("# Toc\n\nA[^n] and B[^n].\n\n[^n]: Note *here*.\n", 0, 0, 0);
	CHECK_STR(r.headings[0].id, "toc-2"); /* "toc" belongs to the theme */
	CHECK(r.headings[0].number == NULL);
	CHECK(r.toc_html == NULL);
	CHECK(r.nfootnotes == 1);
	CHECK(strstr(r.html, "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>") != NULL);
	CHECK(strstr(r.html, "id=\"fnref-1-2\"") != NULL);
	CHECK(strstr(r.html, "<section class=\"footnotes\" aria-label=\"Fotnoter\">") != NULL);
	CHECK(strstr(r.html, "<li id=\"fn-1\">\n<p>Note <em>here</em>. <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Tillbaka till texten (1)\">↩</a>") != NULL);
	md_result_free(&r);

	r = md("## Inledning\n\n### Bakgrund {-}\n\n### Mål\n\n## Bilagor {.unnumbered}\n", 1, 1, 0);
	CHECK_STR(r.headings[0].number, "1");
	CHECK(r.headings[1].number == NULL);
	CHECK_STR(r.headings[1].text, "Bakgrund");
	CHECK_STR(r.headings[1].id, "bakgrund");
	CHECK_STR(r.headings[2].number, "1.1");
	CHECK(r.headings[3].number == NULL);
	CHECK(strstr(r.html, "<h3 id=\"bakgrund\">Bakgrund</h3>") != NULL);
	CHECK(strstr(r.toc_html, "Bakgrund") == NULL);
	CHECK(strstr(r.toc_html, "<span class=\"secno\">1.1</span> Mål") != NULL);
	md_result_free(&r);

	r = md("| Plats | tkr |\n|---|--:|\n| Borås | 1 200 |\n", 0, 0, 0);
	CHECK(strstr(r.html, "<th scope=\"col\" class=\"align-right\">tkr</th>") != NULL);
	CHECK(strstr(r.html, "<td class=\"align-right\">1 200</td>") != NULL);
	CHECK(strstr(r.html, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell\">") != NULL);
	md_result_free(&r);

	r = md("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b> ~~old~~\n", 0, 0, 0);
	CHECK(strstr(r.html, "<script>") == NULL);
	CHECK(strstr(r.html, "<!-- raw HTML omitted -->") != NULL);
	CHECK(strstr(r.html, "<a href=\"\">x</a>") != NULL);
	CHECK(strstr(r.html, "<del>old</del>") != NULL);
	md_result_free(&r);
	r = md("<b>bold</b>\n", 0, 0, 1);
	CHECK(strstr(r.html, "<b>bold</b>") != NULL);
	md_result_free(&r);

	r = md("- one\n- two\n\n1. a\n2. b\n\n3. c\n\nhttps://example.org\n\n![Alt *text*](bild.png \"T\")\n", 0, 0, 0);
	CHECK(strstr(r.html, "<ul>\n<li>one</li>\n<li>two</li>\n</ul>") != NULL);
	CHECK(strstr(r.html, "<a href=\"https://example.org\">https://example.org</a>") != NULL);
	CHECK(strstr(r.html, "<img src=\"bild.png\" alt=\"Alt text\" title=\"T\">") != NULL);
	md_result_free(&r);
	return check_done("markdown");
}
