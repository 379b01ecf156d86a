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

/* A block hook that says which rendering called it, and counts calls. */
struct hook_ud {
	const char *name;
	int calls;
};

static int hook(void *ud, const char *kind, const char *text, int line, buf_t *html,
		struct plaintext_block **plain)
{
	struct hook_ud *h = ud;
	(void)plain;
	h->calls++;
	buf_printf(html, "<p>%s %s %d %s</p>\n", h->name, kind, line, text);
	return strstr(text, "fel") ? -1 : 0;
}

/* One parse rendered for the web and then for print must give what two
 * parses give: each rendering runs its own hook, and a heading kept out
 * of the numbering stays out the second time (the first took its mark). */
static void check_two_renderings(void)
{
	static const char src[] = "## Inledning\n\nText[^a].\n\n```table\nfil: a.csv\n```\n\n"
				  "## Bilagor {-}\n\n## Sist\n\n```chart\nfel\n```\n\n[^a]: Noten.\n";
	struct hook_ud web1 = {"webb", 0}, print1 = {"tryck", 0}, web2 = {"webb", 0}, print2 = {"tryck", 0};
	struct md_options o = {.numbered = 1, .toc = 1, .toc_depth = 2, .lang = lang_get("sv"),
			       .block = hook, .first_line = 4};
	struct md_result a, b, c, d;
	o.ud = &web1;
	markdown_render(src, strlen(src), &o, &a);
	o.ud = &print1;
	markdown_render(src, strlen(src), &o, &b);

	o.ud = &web2;
	struct md_doc *doc = markdown_parse(src, strlen(src), &o);
	markdown_render_doc(doc, &o, &c);
	o.ud = &print2;
	markdown_render_doc(doc, &o, &d);
	markdown_doc_free(doc);

	CHECK_STR(c.html, a.html);
	CHECK_STR(d.html, b.html);
	CHECK_STR(c.toc_html, a.toc_html);
	CHECK_STR(d.toc_html, b.toc_html);
	CHECK(web2.calls == 2 && print2.calls == 2);
	CHECK(c.block_errors == 1 && d.block_errors == 1);
	CHECK(strstr(c.html, "<p>webb table 9 fil: a.csv\n</p>") != NULL);
	CHECK(strstr(d.html, "<p>tryck table 9 fil: a.csv\n</p>") != NULL);
	CHECK(strstr(d.html, "webb") == NULL);
	/* footnotes are only at the end, under their heading, in both */
	CHECK(strstr(d.html, "<span class=\"footnote\">") == NULL);
	CHECK(d.nheadings == 3);
	CHECK(d.headings[1].number == NULL);
	CHECK_STR(d.headings[1].text, "Bilagor");
	CHECK_STR(d.headings[2].number, "2");
	CHECK(c.nfootnotes == 1 && d.nfootnotes == 1);
	CHECK_STR(d.summary, c.summary);
	md_result_free(&a);
	md_result_free(&b);
	md_result_free(&c);
	md_result_free(&d);
}

/* the whole body of one rendering, for exact comparisons */
static void check_html(const char *src, int unsafe, const char *want, int line)
{
	struct md_result r = md(src, 0, 0, unsafe);
	if (strcmp(r.html, want))
		printf("test_markdown.c:%d: for input:\n%s", line, src);
	CHECK_STR(r.html, want);
	md_result_free(&r);
}
#define HTML(src, unsafe, want) check_html(src, unsafe, want, __LINE__)

/* issue 24: escapes, the tagfilter, left alignment, task lists */
static void check_gfm(void)
{
	/* an escaped ~ never strikes */
	HTML("Intervallet 3\\~5 år och 7\\~9 år.\n", 0, "<p>Intervallet 3~5 år och 7~9 år.</p>\n");
	HTML("~~foo\\~~ och \\~~foo~~\n", 0, "<p>~~foo~~ och ~~foo~~</p>\n");
	/* (one tilde strikes too: "\~~foo\~~" is "\~", "~foo", "\~", "~") */
	HTML("\\~~foo\\~~ och ~~foo~~\n", 0, "<p>~<del>foo~</del> och <del>foo</del></p>\n");
	HTML("~~a \\~ b~~ och ~c~\n", 0, "<p><del>a ~ b</del> och <del>c</del></p>\n");
	HTML("| a |\n|---|\n| 3\\~5 och 7\\~9 |\n| ~~x~~ |\n", 0,
	     "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell\">\n<table>\n"
	     "<thead>\n<tr>\n<th scope=\"col\">a</th>\n</tr>\n</thead>\n<tbody>\n"
	     "<tr>\n<td>3~5 och 7~9</td>\n</tr>\n<tr>\n<td><del>x</del></td>\n</tr>\n</tbody>\n</table>\n</div>\n");
	/* an escape in "www." or before "://" stops the autolink */
	HTML("www\\.example.com och http\\://example.com\n", 0, "<p>www.example.com och http://example.com</p>\n");
	HTML("www.example.com och http://example.com\n", 0,
	     "<p><a href=\"http://www.example.com\">www.example.com</a> och "
	     "<a href=\"http://example.com\">http://example.com</a></p>\n");
	HTML("\\www.example.com och https:\\//example.com\n", 0,
	     "<p>\\www.example.com och https://example.com</p>\n");
	/* the tagfilter, with raw HTML on: the "<" of these tags is text */
	HTML("<script>alert(1)</script>\n", 1, "&lt;script>alert(1)&lt;/script>\n");
	HTML("<div>\n<style>p{}</style><b>ok</b>\n</div>\n", 1, "<div>\n&lt;style>p{}&lt;/style><b>ok</b>\n</div>\n");
	HTML("a <iframe src=\"x\"> <TITLE/> <xmp> <b>b</b> <scripts>\n", 1,
	     "<p>a &lt;iframe src=\"x\"> &lt;TITLE/> &lt;xmp> <b>b</b> <scripts></p>\n");
	HTML("<textarea>\n\n<noembed></noembed><noframes>\n\n<plaintext>\n", 1,
	     "&lt;textarea>\n<p>&lt;noembed>&lt;/noembed>&lt;noframes></p>\n&lt;plaintext>\n");
	/* and with raw HTML off, as before: none of it */
	HTML("<script>alert(1)</script>\n\na <iframe>\n", 0,
	     "<!-- raw HTML omitted -->\n<p>a <!-- raw HTML omitted --></p>\n");
	/* every alignment has its class */
	HTML("| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |\n", 0,
	     "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell\">\n<table>\n<thead>\n<tr>\n"
	     "<th scope=\"col\" class=\"align-left\">a</th>\n<th scope=\"col\" class=\"align-right\">b</th>\n"
	     "<th scope=\"col\" class=\"align-center\">c</th>\n<th scope=\"col\">d</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
	     "<td class=\"align-left\">1</td>\n<td class=\"align-right\">2</td>\n<td class=\"align-center\">3</td>\n"
	     "<td>4</td>\n</tr>\n</tbody>\n</table>\n</div>\n");
	/* task lists: a disabled checkbox with its state, named by its text */
	HTML("- [ ] Budget *utkast*\n- [x] Antagen\n  - [X] Justerad\n- Vanlig\n", 0,
	     "<ul>\n<li class=\"task-list-item\"><label><input type=\"checkbox\" disabled> Budget <em>utkast</em></label></li>\n"
	     "<li class=\"task-list-item\"><label><input type=\"checkbox\" disabled checked> Antagen</label>\n<ul>\n"
	     "<li class=\"task-list-item\"><label><input type=\"checkbox\" disabled checked> Justerad</label></li>\n"
	     "</ul>\n</li>\n<li>Vanlig</li>\n</ul>\n");
	HTML("1. [x] Först\n\n2. [ ] Sedan\n\n> - [ ] I ett citat, [x] mitt i\n", 0,
	     "<ol>\n<li class=\"task-list-item\"><p><label><input type=\"checkbox\" disabled checked> Först</label></p>\n</li>\n"
	     "<li class=\"task-list-item\"><p><label><input type=\"checkbox\" disabled> Sedan</label></p>\n</li>\n</ol>\n"
	     "<blockquote>\n<ul>\n<li class=\"task-list-item\"><label><input type=\"checkbox\" disabled> "
	     "I ett citat, [x] mitt i</label></li>\n</ul>\n</blockquote>\n");
	/* the e-mail's text part keeps the boxes */
	{
		struct md_options o = {.lang = lang_get("sv"), .plaintext = 1};
		struct md_result r;
		const char *src = "- [ ] Budget\n- [x] Antagen\n";
		markdown_render(src, strlen(src), &o, &r);
		CHECK_STR(r.text, "- [ ] Budget\n- [x] Antagen\n");
		md_result_free(&r);
	}
	/* no task: no space after the box, or something else in it */
	HTML("- [ ]x\n- [-] y\n- [x]\n", 0, "<ul>\n<li>[ ]x</li>\n<li>[-] y</li>\n<li>[x]</li>\n</ul>\n");
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

	/* a heading named like a numbered one, before and after */
	r = md("## Mål 2\n\n## Mål\n\n## Mål\n\n## Mål\n\n## Mål 3\n", 0, 0, 0);
	CHECK_STR(r.headings[0].id, "mal-2");
	CHECK_STR(r.headings[1].id, "mal");
	CHECK_STR(r.headings[2].id, "mal-3");
	CHECK_STR(r.headings[3].id, "mal-4");
	CHECK_STR(r.headings[4].id, "mal-3-2");
	md_result_free(&r);
	/* many of one name: every id once (and fast: linear, not cubic) */
	{
		buf_t many = BUF_INIT;
		for (int i = 0; i < 3000; i++)
			buf_puts(&many, "## Kommentar\n\n");
		r = md(buf_cstr(&many), 0, 0, 0);
		CHECK(r.nheadings == 3000);
		CHECK_STR(r.headings[0].id, "kommentar");
		CHECK_STR(r.headings[2999].id, "kommentar-3000");
		md_result_free(&r);
		buf_free(&many);
	}

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
	check_two_renderings();
	check_gfm();
	return check_done("markdown");
}
