/* Autolinks and strikethrough as gfm.c attaches them against cmark-gfm's
 * own extensions attached as they come, which are right when only one
 * thread parses: both trees go through cmark's HTML renderer and must
 * agree, on the cases below and on random text made of the characters
 * that matter (tildes, escapes, emphasis, brackets, the starts of links).
 * Then the cases on several threads at once. */
#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "check.h"
#include "gfm.h"
#include "html.h"

static cmark_syntax_extension *table, *strike, *autolink;

static char *reference(const char *md)
{
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_attach_syntax_extension(p, strike);
	cmark_parser_attach_syntax_extension(p, autolink);
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

static char *ours(const char *md)
{
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_attach_syntax_extension(p, table);
	gfm_attach(p);
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = gfm_finish(p);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(p));
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html;
}

static const char *const cases[] = {
	/* autolinks, from the GFM specification */
	"www.commonmark.org\n",
	"Visit www.commonmark.org/help for more information.\n",
	"Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n",
	"www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n"
	"(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)\n",
	"www.google.com/search?q=(business))+ok\n",
	"www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;\n",
	"www.commonmark.org/he<lp\n",
	"http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\n"
	"Anonymous FTP is available at ftp://foo.bar.baz.\n",
	"foo@bar.baz\n",
	"hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.\n",
	"a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_\n",
	"www.xxx.yyy.zzz www.xxx.yyy._zzz www.xxx._yyy.zzz www._xxx.yyy.zzz\n",
	/* where a link may start, and where it may not */
	"*www.example.se* (www.example.se) ~~www.example.se~~\n",
	"awww.example.se xhttp://example.se mailto:x and a/b\n",
	"[www.example.se](https://example.org/) and ![www.example.se](bild.png)\n",
	"`www.example.se` and <b>www.example.se</b>\n",
	"Ring 0321-12 34 56 eller skriv till kansliet@sjuharad.se; läs mer på\n"
	"www.samverkanvg.se under Samordningsförbund; Sjuhärad.\n",
	"Se https://www.samverkanvg.se/om-oss/, http://example.org:8080/a?b=c#d och "
	"https://sv.wikipedia.org/wiki/Samordningsförbund.\n",
	"| Förbund | Webb |\n|---|---|\n| Sjuhärad | www.samverkanvg.se |\n| Borås | info@boras.se |\n",
	"> Citat med www.example.se i\n> - och en lista med http://example.org\n",
	"Två länkar www.a.se www.b.se, och www.c.se.\n",
	/* strikethrough, from the specification and around it */
	"~~Hi~~ Hello, world!\n",
	"This ~~has a\n\nnew paragraph~~.\n",
	"This will ~~~not~~~ strike.\n",
	"~a~ and ~~b~~ and ~c~~ and ~~d~\n",
	"~~**fet** och *kursiv*~~ och **~~struken fet~~**\n",
	"x ~~ y ~~ z\n\n~~ a~~ ~~b ~~\n",
	"~~a ~b~ c~~\n\n~~a ~b c~~\n",
	"| a | b |\n|---|---|\n| ~~1 794~~ | 1 994 |\n",
	"# Rubrik ~~gammal~~ ny\n\n[~~gammal länk~~](https://example.org/)\n",
	"Budget ~~1 794 000 kr~~ 1 994 000 kr (~~tkr~~).\n",
	"a~~b~~c och a ~~b~~c och a~~b~~ c\n",
	/* escapes: an escaped tilde never strikes (issue 24) */
	"Intervallet 3\\~5 år och 7\\~9 år.\n",
	"~~foo\\~~ och \\~~foo~~ och \\~~foo\\~~ och ~foo\\~\n",
	"~~a\\~b~~ och ~~\\~~~ och a\\~~b~~c\n",
	/* an escape in "www." or before "://" stops the link; after the
	 * address starts it is part of it, as cmark-gfm has it */
	"www\\.example.com och http\\://example.com och http:\\/\\/example.com\n",
	"\\www.example.com och \\http://example.com och www.example.com/a\\_b\n",
	"se www.example.com\\. och https://example.com/\\)\n",
	/* what the old pass did differently: cmark-gfm reads the source
	 * around a link, where the "_" of _emphasis_ is still there, and
	 * inside brackets it makes no link at all */
	"_www.example.se_ och *www.example.se*\n",
	"se a/b@example.se\n",
	"[se www.example.se] och [http://example.se]\n",
	/* tildes next to emphasis, and long runs */
	"~~*a*~~ och *~~a~~* och **~a~** och ~~~a~~~ och ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n",
	"| a | b |\n|---|---|\n| 3\\~5 | ~x~ |\n| www.a.se | www\\.a.se |\n",
	NULL,
};

/* Compares count random documents with cmark-gfm; returns how many
 * differ. */
static long random_docs(long count, int emphasis)
{
	static const char *const bits[] = {
		"~", "~~", "~~~", "\\~", "\\", "a", "b", " ", " ", "\n", "[", "]", "(", ")", "](u)",
		"www.", "example.se", "http://", "https://x.se", ":", "//", "\\.", "\\:", ".", "@", "x@y.se",
		"`", "<", ">", "!", "&amp;", "\xc3\xa5", "w", "ww", "'", "\"", "-", "|", "\n\n", "\\w", "\\\\",
		/* the rest only with emphasis */
		"*", "_", "**", "\\_", "\\*",
	};
	size_t nbits = sizeof bits / sizeof *bits - (emphasis ? 0 : 5);
	uint64_t seed = 24 + (uint64_t)emphasis;
	long differ = 0;
	for (long i = 0; i < count; i++) {
		char md[256];
		size_t len = 0;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		int parts = 1 + (int)((seed >> 33) % 14);
		for (int k = 0; k < parts; k++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			const char *b = bits[(seed >> 33) % nbits];
			size_t bl = strlen(b);
			if (len + bl + 2 >= sizeof md)
				break;
			memcpy(md + len, b, bl);
			len += bl;
		}
		md[len++] = '\n';
		md[len] = '\0';
		char *want = reference(md), *got = ours(md);
		if (strcmp(want, got) && differ++ < 10)
			printf("random input differs:\n%s--- cmark-gfm:\n%s--- ours:\n%s", md, want, got);
		free(want);
		free(got);
	}
	return differ;
}

/* On threads: each parses the cases over and over, as planpress's pages
 * are parsed, and must get what one thread got. Without gfm_finish's
 * lock, a parse ending on one thread switches the trigger characters off
 * under the others. */
#define THREADS 4
#define ROUNDS 300

static char **single; /* the cases' HTML on one thread */
static long thread_differ;
static pthread_mutex_t differ_lock = PTHREAD_MUTEX_INITIALIZER;

static void *parse_ours(void *arg)
{
	(void)arg;
	long differ = 0;
	for (int r = 0; r < ROUNDS; r++)
		for (size_t i = 0; cases[i]; i++) {
			char *got = ours(cases[i]);
			differ += strcmp(got, single[i]) != 0;
			free(got);
		}
	pthread_mutex_lock(&differ_lock);
	thread_differ += differ;
	pthread_mutex_unlock(&differ_lock);
	return NULL;
}

static void on_threads(void)
{
	size_t n = 0;
	while (cases[n])
		n++;
	single = calloc(n, sizeof *single);
	for (size_t i = 0; i < n; i++)
		single[i] = ours(cases[i]);
	pthread_t t[THREADS];
	for (int k = 0; k < THREADS; k++)
		pthread_create(&t[k], NULL, parse_ours, NULL);
	for (int k = 0; k < THREADS; k++)
		pthread_join(t[k], NULL);
	printf("threads: %ld of %ld pages differ from one thread's\n", thread_differ,
	       (long)THREADS * ROUNDS * (long)n);
	CHECK(thread_differ == 0);
	for (size_t i = 0; i < n; i++)
		free(single[i]);
	free(single);
}

int main(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	html_init();
	gfm_init();
	table = cmark_find_syntax_extension("table");
	strike = cmark_find_syntax_extension("strikethrough");
	autolink = cmark_find_syntax_extension("autolink");
	for (const char *const *c = cases; *c; c++) {
		char *want = reference(*c), *got = ours(*c);
		if (strcmp(want, got))
			printf("input:\n%s", *c);
		CHECK_STR(got, want);
		free(want);
		free(got);
	}
	/* random text, differentially; GFM_RANDOM=N for a longer run */
	const char *env = getenv("GFM_RANDOM");
	long count = env ? atol(env) : 20000;
	long differ = random_docs(count, 0);
	printf("random: %ld of %ld differ\n", differ, count);
	CHECK(differ == 0);
	/* with * and _ too: the tildes pair on emphasis's delimiter stack,
	 * as in cmark-gfm ("~~a **b~~ c**") */
	differ = random_docs(count, 1);
	printf("random with emphasis: %ld of %ld differ\n", differ, count);
	CHECK(differ == 0);
	on_threads();
	return check_done("gfm");
}
