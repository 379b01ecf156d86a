/*
 * `planpress new SITE`: a small Swedish site to start from, that builds and
 * passes check at once; `planpress new page|plan|rapport|brev|nyhet PATH`:
 * one page of that kind with its front matter; `planpress theme export
 * DIR`: a copy of the default theme to change.
 *
 * Nothing is ever written over: a site goes only into a folder that does
 * not exist or is empty, a page only where there is no file, a theme only
 * into an empty folder.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "a11ystmt.h"
#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "fsutil.h"
#include "suggest.h"
#include "theme_data.h"

/* the starter site: a path below the site and its text */
struct starter {
	const char *path;
	const char *text;
};

static const struct starter site_files[] = {
	{"site.conf",
	 "; Webbplatsens inställningar. Byt exemplen mot förbundets egna uppgifter.\n"
	 "; Varje rad är 'nyckel = värde'; rader som börjar med ; är kommentarer.\n"
	 "\n"
	 "[site]\n"
	 "title = Samordningsförbundet Exempel\n"
	 "description = Finansiell samordning av rehabilitering\n"
	 "; webbplatsens adress, som den ska stå i länkar och flöden\n"
	 "base_url = https://www.example.se/\n"
	 "language = sv\n"
	 "; tillgänglighetsredogörelsen, som länkas från varje sidfot\n"
	 "accessibility = tillganglighet.md\n"
	 "\n"
	 "; förbundet: mappen content/exempel/ hör till det\n"
	 "[forbund.exempel]\n"
	 "name = Samordningsförbundet Exempel\n"
	 "description = Förbundet finansierar insatser som hjälper människor tillbaka till arbete.\n"
	 "email = kansli@example.se\n"
	 "phone = 000-00 00 00\n"},
	{"content/_index.md",
	 "---\n"
	 "title: Samordningsförbundet Exempel\n"
	 "---\n"
	 "\n"
	 "Välkommen! Här skriver ni det besökaren ska mötas av först: vad\n"
	 "förbundet gör och var man hittar planer, rapporter och nyheter.\n"},
	{"content/exempel/_index.md",
	 "---\n"
	 "title: Om förbundet\n"
	 "---\n"
	 "\n"
	 "Här beskriver ni förbundet: vilka som är medlemmar, vad förbundet\n"
	 "finansierar och hur man kommer i kontakt med kansliet.\n"},
	{"content/exempel/verksamhetsplan.md",
	 "---\n"
	 "title: Verksamhetsplan\n"
	 "type: verksamhetsplan\n"
	 "numbered: true\n"
	 "toc: true\n"
	 "---\n"
	 "\n"
	 "## Inledning\n"
	 "\n"
	 "Här står vad planen gäller och vem som har beslutat den.\n"
	 "\n"
	 "## Mål\n"
	 "\n"
	 "Här står förbundets mål för året.\n"
	 "\n"
	 "## Budget\n"
	 "\n"
	 "Siffrorna kommer från filen budget.csv bredvid sidan (spara den från\n"
	 "Excel som CSV). Summan räknas ut och kontrolleras av planpress.\n"
	 "\n"
	 "```table\n"
	 "file: budget.csv\n"
	 "caption: Budget\n"
	 "columns:\n"
	 "  Post: text\n"
	 "  Belopp, tkr: tkr\n"
	 "total: Summa\n"
	 "```\n"},
	{"content/exempel/verksamhetsplan/budget.csv",
	 "Post;Belopp, tkr\n"
	 "Insatser för individer;1 200\n"
	 "Samverkan och kunskap;300\n"
	 "Kansli och styrelse;500\n"},
	/* (@TODAY@ becomes the date the site is made) */
	{"content/tillganglighet.md",
	 "---\n"
	 "title: Tillgänglighetsredogörelse\n"
	 "type: tillganglighet\n"
	 "# Fyll i fakta om webbplatsen. planpress skriver redogörelsen efter\n"
	 "# Diggs mall och kontrollerar att uppgifterna hänger ihop.\n"
	 "accessibility:\n"
	 "  body: Samordningsförbundet Exempel\n"
	 "  service: webbplatsen exempel.se\n"
	 "  # helt, delvis eller inte förenlig med lagen; helt betyder inga brister alls\n"
	 "  compliance: delvis\n"
	 "  shortcomings:\n"
	 "    - what: Webbplatsen har inte granskats ännu.\n"
	 "      reason: Vi vet därför inte om den uppfyller WCAG 2.1 på nivå AA.\n"
	 "      fix: Vi granskar den innan vi publicerar den.\n"
	 "  not_covered:\n"
	 "    - Dokument som publicerades före den 23 september 2018.\n"
	 "  method: ingen granskning ännu\n"
	 "  assessed: @TODAY@\n"
	 "  feedback:\n"
	 "    email: kansli@example.se\n"
	 "---\n"},
	{NULL, NULL},
};

/* the kinds of page `new` makes: the word, the type, a title, a body */
struct kind {
	const char *word;
	const char *type; /* NULL: a plain page */
	const char *title;
	const char *extra; /* front matter lines after type */
	const char *body;
};

static const struct kind kinds[] = {
	{"page", NULL, "Ny sida", "", "Skriv sidans text här.\n"},
	{"plan", "verksamhetsplan", "Verksamhetsplan", "numbered: true\ntoc: true\n",
	 "## Inledning\n\nSkriv planens text här.\n"},
	{"rapport", "delarsrapport", "Delårsrapport", "numbered: true\ntoc: true\n",
	 "## Sammanfattning\n\nSkriv rapportens text här.\n"},
	{"arsredovisning", "arsredovisning", "Årsredovisning", "numbered: true\ntoc: true\n",
	 "## Förvaltningsberättelse\n\nSkriv årsredovisningens text här.\n"},
	{"brev", "informationsbrev", "Informationsbrev", "number: \"1\"\n",
	 "Skriv brevets inledning här. Nyheterna det tar med anges med items: eller\n"
	 "tag: i huvudet (se docs/writing.md).\n"},
	{"nyhet", "nyhet", "Ny nyhet", "", "Skriv nyheten här.\n"},
	{NULL, NULL, NULL, NULL, NULL},
};

/* TRANSLATORS: the help of new; the kinds of page are typed as they are */
static const char new_usage[] = N_(
	"usage: planpress new SITE\n"
	"       planpress new page|plan|rapport|arsredovisning|brev|nyhet PATH\n"
	"\n"
	"new SITE writes a small Swedish site to start from into the folder SITE\n"
	"(which must not exist or be empty): site.conf with one förbund to fill\n"
	"in, a home page, the förbund's page, an accessibility statement with\n"
	"Digg's headings, and a verksamhetsplan with a budget table and its CSV.\n"
	"It builds and passes check at once.\n"
	"\n"
	"new KIND PATH writes one page of that kind at PATH (a .md file below\n"
	"content/, which must not exist), with its front matter.\n");

static int dir_empty(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT ? 1 : -1;
	struct dirent *e;
	int empty = 1;
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	return empty;
}

/* writes path (below root) as a new file; its folders are made */
static int write_new(const char *root, const char *path, const char *text, size_t len)
{
	char *full = fs_join(root, path);
	char *dir = fs_dirname(full);
	int rc = fs_mkdir_p(dir);
	if (rc == 0)
		rc = fs_write_ex(full, text, len, 1, NULL);
	if (rc != 0)
		diag(DIAG_ERROR, full, 0, 0, "cannot write: %s", strerror(errno));
	free(dir);
	free(full);
	return rc;
}

static int new_site(const char *root)
{
	int empty = dir_empty(root);
	if (empty != 1) {
		if (empty < 0)
			diag(DIAG_ERROR, root, 0, 0,
			     "cannot read the folder; planpress new writes a site only into a new or empty folder");
		else
			diag(DIAG_ERROR, root, 0, 0,
			     "the folder is not empty; planpress new writes a site only into a new or empty folder");
		return 1;
	}
	int today = a11ystmt_today();
	char date[16];
	snprintf(date, sizeof date, "%04d-%02d-%02d", today / 10000, today / 100 % 100, today % 100);
	for (const struct starter *f = site_files; f->path; f++) {
		buf_t text = BUF_INIT;
		const char *t = f->text, *at;
		for (; (at = strstr(t, "@TODAY@")); t = at + 7) {
			buf_put(&text, t, (size_t)(at - t));
			buf_puts(&text, date);
		}
		buf_puts(&text, t);
		int rc = write_new(root, f->path, buf_cstr(&text), text.len);
		buf_free(&text);
		if (rc != 0)
			return 1;
	}
	printf(_("planpress: a new site in %s\n"
		 "  next: fill in site.conf, then 'planpress serve %s' to see it while you write\n"),
	       root, root);
	return 0;
}

static int new_page(const struct kind *k, const char *path)
{
	size_t n = strlen(path);
	if (n < 4 || strcmp(path + n - 3, ".md")) {
		diag(DIAG_ERROR, path, 0, 0, "a page is a Markdown file: give a path ending in .md");
		return 2;
	}
	/* a page is read only from a site's content/ folder: one written
	 * anywhere else would never be published */
	const char *in = !strncmp(path, "content/", 8) ? path + 8 : strstr(path, "/content/");
	if (!in) {
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		diag(DIAG_ERROR, path, 0, 0,
		     "a page goes in the site's content/ folder: give a path such as content/%s", base);
		return 2;
	}
	if (fs_exists(path)) {
		diag(DIAG_ERROR, path, 0, 0, "there is a file here already; planpress new writes over nothing");
		return 1;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	buf_t b = BUF_INIT;
	buf_printf(&b, "---\ntitle: %s\ndate: %04d-%02d-%02d\n", k->title, tm.tm_year + 1900, tm.tm_mon + 1,
		   tm.tm_mday);
	if (k->type)
		buf_printf(&b, "type: %s\n", k->type);
	buf_printf(&b, "%s---\n\n%s", k->extra, k->body);
	int rc = write_new(".", path, b.data, b.len);
	buf_free(&b);
	if (rc == 0)
		/* TRANSLATORS: "a new plan in content/x/plan.md"; %s is the kind
		 * as typed (page, plan, rapport, arsredovisning, brev, nyhet) */
		printf(_("planpress: a new %s in %s\n"), k->word, path);
	return rc ? 1 : 0;
}

int cli_new(int argc, char **argv)
{
	if (argc == 1 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
		fputs(_(new_usage), stdout);
		return 0;
	}
	if (argc == 1 && argv[0][0] != '-')
		return new_site(argv[0]);
	if (argc == 2 && argv[0][0] != '-') {
		for (const struct kind *k = kinds; k->word; k++)
			if (!strcmp(argv[0], k->word))
				return new_page(k, argv[1]);
		const char *words[8];
		size_t n = 0;
		for (const struct kind *k = kinds; k->word && n < 7; k++)
			words[n++] = k->word;
		words[n] = NULL;
		const char *near = suggest_nearest(argv[0], words, 2);
		if (near)
			diag(DIAG_ERROR, NULL, 0, 0, "no kind of page '%s'; did you mean '%s'? (kinds: page, plan, "
			     "rapport, arsredovisning, brev, nyhet)", argv[0], near);
		else
			diag(DIAG_ERROR, NULL, 0, 0, "no kind of page '%s' (kinds: page, plan, rapport, "
			     "arsredovisning, brev, nyhet)", argv[0]);
		return 2;
	}
	fputs(_(new_usage), stderr);
	return 2;
}

int cli_theme(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[0], "export")) {
		const char *dir = argv[1];
		int empty = dir_empty(dir);
		if (empty != 1) {
			if (empty < 0)
				diag(DIAG_ERROR, dir, 0, 0,
				     "cannot read the folder; the theme is written only into a new or empty folder");
			else
				diag(DIAG_ERROR, dir, 0, 0,
				     "the folder is not empty; the theme is written only into a new or empty folder");
			return 1;
		}
		for (size_t i = 0; i < theme_nfiles; i++)
			if (write_new(dir, theme_files[i].path, (const char *)theme_files[i].data,
				      theme_files[i].len) != 0)
				return 1;
		printf(_("planpress: the default theme (%zu files) in %s\n"
			 "  copy the templates/ and assets/ you change into your site; the rest stay built in\n"),
		       theme_nfiles, dir);
		return 0;
	}
	/* TRANSLATORS: the help of theme */
	fputs(_("usage: planpress theme export DIR\n"
		"Writes the default theme (templates/ and assets/) into DIR, a new or empty\n"
		"folder, to change. A site uses its own templates/ and assets/ before the\n"
		"built-in ones, file by file.\n"),
	      argc == 1 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) ? stdout : stderr);
	return argc == 1 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) ? 0 : 2;
}
