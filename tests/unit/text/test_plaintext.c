/* The text part of an e-mail (plaintext.c), through markdown_render as
 * the newsletter uses it. */
#include <stdlib.h>

#include "check.h"
#include "html.h"
#include "lang.h"
#include "markdown.h"
#include "plaintext.h"

static char *text_with(struct md_options o, const char *md)
{
	struct md_result r;
	o.lang = lang_get("sv");
	o.plaintext = 1;
	markdown_render(md, strlen(md), &o, &r);
	char *t = r.text;
	r.text = NULL;
	md_result_free(&r);
	return t;
}

static char *text(const char *md)
{
	return text_with((struct md_options){0}, md);
}

/* the site's own links, as page.c's rewrite makes them */
static char *rewrite(void *ud, const char *url, int line)
{
	(void)ud;
	(void)line;
	return !strcmp(url, "sida.md") ? strdup("/vg/sida/") : NULL;
}

static char *site_text(const char *md)
{
	return text_with((struct md_options){.rewrite = rewrite, .base_path = "/vg/",
					     .base_url = "https://example.org/vg/"},
			 md);
}

#define EXPECT(md, want)                     \
	do {                                 \
		char *got_ = text(md);       \
		CHECK_STR(got_, want);       \
		free(got_);                  \
	} while (0)

static void html_case(const char *html, const char *want)
{
	buf_t b = BUF_INIT;
	plaintext_from_html(html, 72, &b);
	CHECK_STR(buf_cstr(&b), want);
	buf_free(&b);
}

int main(void)
{
	markdown_init();
	html_init();

	/* wrapped at 72 characters, counted as characters: å is one */
	EXPECT("Åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå\n",
	       "Åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå\nåå\n");
	/* a word longer than a line is not cut */
	EXPECT("kort https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa slut\n",
	       "kort\nhttps://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nslut\n");
	EXPECT("Ett  stycke\nmed mjuk brytning.\n\nOch ett hårt  \nbrott.\n",
	       "Ett stycke med mjuk brytning.\n\nOch ett hårt\nbrott.\n");

	/* headings: levels 1 and 2 underlined */
	EXPECT("# Rubrik\n\n## Underrubrik\n\n### Liten\n\nText.\n",
	       "Rubrik\n======\n\nUnderrubrik\n-----------\n\nLiten\n\nText.\n");

	/* an empty heading is no block (the fuzzer found it underlined
	 * with a negative width) */
	EXPECT("Före\n\n##\n\n> #\n\nEfter\n", "Före\n\nEfter\n");

	/* addresses follow the words that link to them, unless they are
	 * the words; relative links keep only their words */
	EXPECT("Se [planen](https://example.org/plan) och [sidan](../sida.md).\n",
	       "Se planen <https://example.org/plan> och sidan.\n");
	EXPECT("Besök www.example.org eller <https://example.org/a>.\n",
	       "Besök www.example.org eller https://example.org/a.\n");
	EXPECT("Skriv till [oss](mailto:kansli@example.org) eller kansli@example.org.\n",
	       "Skriv till oss <mailto:kansli@example.org> eller kansli@example.org.\n");
	/* links to the site's own pages and files, absolute as in the HTML
	 * of the e-mail; other relative links and anchors keep their words */
	{
		char *t = site_text("Se [sidan](sida.md), [filen](/vg/fil.pdf), [annat](/x/) och [här](#a).\n");
		CHECK_STR(t, "Se sidan <https://example.org/vg/sida/>, filen\n<https://example.org/vg/fil.pdf>, annat och här.\n");
		free(t);
	}
	EXPECT("![Logotyp](logo.png) och *kursiv* ~~struken~~ `kod`\n",
	       "Logotyp och kursiv struken kod\n");

	/* lists: tight without blank lines, nested lists indented under the
	 * text of their item, numbers from the list's start */
	EXPECT("Före\n\n- ett\n- två\n  - inre\n- tre\n\nEfter\n",
	       "Före\n\n- ett\n- två\n  - inre\n- tre\n\nEfter\n");
	EXPECT("3. tre\n4. fyra\n", "3. tre\n4. fyra\n");
	EXPECT("- ett\n\n- två\n\n  mer\n", "- ett\n\n- två\n\n  mer\n");
	EXPECT("- \n- b\n", "-\n- b\n");
	/* a long item wraps under its text */
	EXPECT("- Åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå\n",
	       "- Åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå åå\n  åå åå\n");

	/* quotes keep their "> ", blank lines between their paragraphs too */
	EXPECT("Före\n\n> ett\n>\n> två\n\nEfter\n", "Före\n\n> ett\n>\n> två\n\nEfter\n");
	EXPECT("> - a\n> - b\n", "> - a\n> - b\n");

	/* code is indented and not wrapped */
	EXPECT("```\nrad ett\n  rad två\n```\n", "    rad ett\n      rad två\n");
	EXPECT("---\n", "* * *\n");
	/* raw HTML is markup, not text */
	EXPECT("<div>gömd</div>\n\nSynlig\n", "Synlig\n");

	/* footnotes numbered as on the web */
	EXPECT("Text.[^a] Mer.[^b]\n\n[^b]: Andra.\n[^a]: Första.\n",
	       "Text.[1] Mer.[2]\n\n[1] Första.\n\n[2] Andra.\n");

	/* GFM tables: aligned columns, right-aligned where the table says */
	EXPECT("| Ort | Antal |\n|---|--:|\n| Borås | 100 |\n| Mark | 5 |\n",
	       "Ort    Antal\n-----  -----\nBorås    100\nMark       5\n");

	/* the HTML of a CSV table: caption, numbers right-aligned, the
	 * download link left out, entities decoded */
	html_case("<div class=\"table-block\"><table>\n<caption><span>Tabell 1.</span> Medel &amp; "
		  "deltagare</caption>\n<thead>\n<tr>\n<th scope=\"col\">Plats</th>\n<th scope=\"col\" "
		  "class=\"num\">Kr</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<th scope=\"row\">Borås</th>\n"
		  "<td class=\"num\">1&#xA0;794</td>\n</tr>\n<tr>\n<th scope=\"row\">Mark</th>\n"
		  "<td class=\"num\">&minus;75</td>\n</tr>\n</tbody>\n</table>\n"
		  "<p class=\"table-meta\"><a class=\"table-download\" href=\"t.csv\" download>Ladda ner"
		  "</a></p></div>\n",
		  "Tabell 1. Medel & deltagare\nPlats     Kr\n-----  -----\nBorås  1\xC2\xA0"
		  "794\nMark     \xE2\x88\x92" "75\n");
	/* a chart: its drawing skipped, its caption kept */
	html_case("<figure><svg><text>12</text><a href=\"x\"><text>y</text></a></svg>"
		  "<figcaption>Figur 1. Utfall</figcaption></figure>",
		  "Figur 1. Utfall\n");

	/* deep nesting neither recurses nor fails */
	{
		size_t n = 20000;
		char *md = malloc(n * 2 + 8);
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			md[k++] = '>';
			md[k++] = ' ';
		}
		memcpy(md + k, "djup\n", 6);
		char *t = text(md);
		CHECK(t && strstr(t, "> > > djup\n") != NULL);
		free(t);
		free(md);
	}
	/* random paragraphs against a plain greedy wrap of their words:
	 * runs of spaces count as one, å as one character, and words of
	 * every length up to longer than a line */
	{
		static const char *const words[] = {"och", "förbundet", "å", "samordningsförbundet",
						    "rehabiliteringsinsatserna-för-unga-vuxna",
						    "x", "Östra", "tkr", "2016:2", "ääääääääääääääääää"};
		unsigned seed = 4242;
		int same = 1;
		for (int round = 0; round < 500 && same; round++) {
			buf_t md = BUF_INIT, want = BUF_INIT;
			int nw = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 60;
			size_t linecols = 0;
			for (int k = 0; k < nw; k++) {
				const char *w = words[((seed = seed * 1103515245u + 12345u) >> 16) % 10];
				int gap = 1 + (int)((seed >> 8) % 3);
				if (k)
					for (int g = 0; g < gap; g++)
						buf_putc(&md, ' ');
				buf_puts(&md, w);
				size_t wc = 0;
				for (const char *c = w; *c; c++)
					wc += ((unsigned char)*c & 0xC0) != 0x80;
				if (k && linecols + 1 + wc > 72) {
					buf_putc(&want, '\n');
					linecols = 0;
				} else if (k) {
					buf_putc(&want, ' ');
					linecols++;
				}
				buf_puts(&want, w);
				linecols += wc;
			}
			buf_puts(&md, "\n");
			buf_puts(&want, "\n");
			char *got = text(buf_cstr(&md));
			same = got && !strcmp(got, buf_cstr(&want));
			if (!same)
				printf("wrap differs in round %d:\n%s\nwant:\n%s\n", round, got ? got : "(null)",
				       buf_cstr(&want));
			free(got);
			buf_free(&md);
			buf_free(&want);
		}
		CHECK(same);
	}
	return check_done("plaintext");
}
