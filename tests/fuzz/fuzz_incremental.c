/* libFuzzer: incremental builds against whole builds (issue 19).
 *
 * Each input is a sequence of edits to a small site (the one `planpress
 * new` writes, plus a page with a table and a chart): page text made of
 * Markdown pieces, titles, drafts, CSV and chart files, static files (also
 * replaced with the same size and time, as 'cp -p' does), the site's own
 * assets and templates, site.conf, renames, deletions, new pages and
 * output files edited by hand. After each edit the site is built with its
 * cache (an update in place when the cache holds), and a copy of it is
 * built whole. The two must end alike, and when they succeed their
 * public/ folders must hold the same files with the same bytes; anything
 * else aborts, naming the edits.
 *
 * The builds run in this process, as `planpress build -q -j 1` would, in
 * /tmp/planpress-fuzz-incr-PID.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "fsutil.h"
#include "markdown.h"

#define MAX_EDITS 5

static char base[96], model[128], site[128], whole[128];
static buf_t story = BUF_INIT; /* the edits so far, for the abort message */

/* ---- small file helpers ---- */

static void put(const char *dir, const char *rel, const char *text, size_t len)
{
	char *path = fs_join(dir, rel);
	char *d = fs_dirname(path);
	fs_mkdir_p(d);
	fs_write(path, text, len);
	free(d);
	free(path);
}

static void puts_at(const char *dir, const char *rel, const char *text)
{
	put(dir, rel, text, strlen(text));
}

/* Copies the tree from into to (files and folders only), leaving out
 * names in skip (top level). */
static void copy_tree(const char *from, const char *to, const char *const *skip)
{
	fs_mkdir_p(to);
	DIR *d = opendir(from);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		int skipped = 0;
		for (const char *const *s = skip; s && *s; s++)
			skipped |= !strcmp(e->d_name, *s);
		if (skipped)
			continue;
		char *a = fs_join(from, e->d_name), *b = fs_join(to, e->d_name);
		struct stat st;
		if (lstat(a, &st) == 0 && S_ISDIR(st.st_mode))
			copy_tree(a, b, NULL);
		else if (S_ISREG(st.st_mode))
			fs_copy(a, b);
		free(a);
		free(b);
	}
	closedir(d);
}

/* 1 when the two trees hold the same files with the same bytes */
static int same_tree(const char *a, const char *b, buf_t *why)
{
	int same = 1;
	DIR *d = opendir(a);
	if (!d)
		return access(b, F_OK) != 0;
	struct dirent *e;
	size_t na = 0;
	while ((e = readdir(d)) && same) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		na++;
		char *pa = fs_join(a, e->d_name), *pb = fs_join(b, e->d_name);
		struct stat sa, sb;
		if (lstat(pa, &sa) != 0 || lstat(pb, &sb) != 0 ||
		    S_ISDIR(sa.st_mode) != S_ISDIR(sb.st_mode)) {
			buf_printf(why, "only in the update: %s", pa);
			same = 0;
		} else if (S_ISDIR(sa.st_mode)) {
			same = same_tree(pa, pb, why);
		} else {
			size_t la, lb;
			char *ta = fs_read(pa, &la), *tb = fs_read(pb, &lb);
			if (!ta || !tb || la != lb || memcmp(ta, tb, la)) {
				buf_printf(why, "differs: %s", pa);
				same = 0;
			}
			free(ta);
			free(tb);
		}
		free(pa);
		free(pb);
	}
	closedir(d);
	if (!same)
		return 0;
	size_t nb = 0;
	d = opendir(b);
	while (d && (e = readdir(d)))
		nb += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	if (na != nb) {
		buf_printf(why, "only in the whole build: a file in %s", b);
		return 0;
	}
	return 1;
}

static int build(const char *dir)
{
	char *argv[] = {"-q", "-j", "1", (char *)dir, NULL};
	diag_reset();
	return cli_build(4, argv, 0);
}

/* ---- the input, read as a stream of choices ---- */

struct in {
	const uint8_t *p;
	size_t n;
};

static unsigned take(struct in *in, unsigned range)
{
	if (!in->n || !range)
		return 0;
	unsigned v = *in->p++;
	in->n--;
	return v % range;
}

/* The .md files of the site's content, sorted (up to 16). */
static size_t pages(char names[16][96])
{
	size_t n = 0;
	static const char *const dirs[] = {"", "exempel", "exempel/verksamhetsplan", "prov", NULL};
	for (const char *const *dd = dirs; *dd; dd++) {
		char *c = fs_join(site, "content");
		char *dir = **dd ? fs_join(c, *dd) : xstrdup(c);
		DIR *d = opendir(dir);
		struct dirent *e;
		while (d && (e = readdir(d)) && n < 16) {
			size_t l = strlen(e->d_name);
			if (l > 3 && !strcmp(e->d_name + l - 3, ".md"))
				snprintf(names[n++], 96, "content/%s%s%s", *dd, **dd ? "/" : "", e->d_name);
		}
		if (d)
			closedir(d);
		free(dir);
		free(c);
	}
	/* readdir's order is the file system's: sort for the same choice */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char t[96];
			memcpy(t, names[j], 96);
			memcpy(names[j], names[j - 1], 96);
			memcpy(names[j - 1], t, 96);
		}
	return n;
}

static const char *const pieces[] = {
	"Text med ord. ", "\n\n", "## Rubrik\n\n", "### Underrubrik\n\n", "*kursiv* ", "~~struken~~ ",
	"[planen](exempel/verksamhetsplan.md) ", "[sidan](prov/sida.md) ", "[saknas](finns-inte.md) ",
	"- punkt\n", "1. steg\n", "> citat\n", "| A | B |\n|---|--:|\n| x | 1 |\n\n",
	"```table\nfile: budget.csv\ntotal: Summa\n```\n\n", "```chart\ntype: bar\nfile: diagram.csv\n```\n\n",
	"![bild](bild.png) ", "Fotnot[^1].\n\n[^1]: Noten.\n\n", "www.example.org ", "åäö ÅÄÖ ", "<b>rå</b> ",
	"`kod` ", "---\n", "```\nblock\n```\n\n",
};

static void edit(struct in *in)
{
	char names[16][96];
	size_t np = pages(names);
	const char *page = np ? names[take(in, (unsigned)np)] : NULL;
	unsigned kind = take(in, 14);
	buf_t b = BUF_INIT;
	switch (kind) {
	case 0: /* page text */
	case 1:
		if (!page)
			break;
		buf_printf(&b, "---\ntitle: Sida %u\n---\n\n", take(in, 4));
		for (unsigned k = take(in, 12) + 1; k > 0; k--)
			buf_puts(&b, pieces[take(in, sizeof pieces / sizeof *pieces)]);
		puts_at(site, page, buf_cstr(&b));
		buf_printf(&story, "text of %s; ", page);
		break;
	case 2: { /* a draft, or no longer one */
		if (!page)
			break;
		unsigned draft = take(in, 2);
		buf_printf(&b, "---\ntitle: Utkast\ndraft: %s\n---\n\nText.\n", draft ? "true" : "false");
		puts_at(site, page, buf_cstr(&b));
		buf_printf(&story, "%s draft %u; ", page, draft);
		break;
	}
	case 3: /* the table's CSV */
		buf_puts(&b, "Post;Belopp\n");
		for (unsigned k = take(in, 4) + 1; k > 0; k--)
			buf_printf(&b, "Rad %u;%u\n", k, take(in, 200));
		if (take(in, 2))
			buf_puts(&b, "Summa;300\n");
		puts_at(site, "content/prov/budget.csv", buf_cstr(&b));
		buf_puts(&story, "budget.csv; ");
		break;
	case 4: /* the chart's data */
		buf_printf(&b, "Post;Antal\nA;%u\nB;%u\n", take(in, 90), take(in, 90));
		puts_at(site, "content/prov/diagram.csv", buf_cstr(&b));
		buf_puts(&story, "diagram.csv; ");
		break;
	case 5: { /* a static file, sometimes with the same size and time */
		char *path = fs_join(site, "content/prov/bild.png");
		struct stat st;
		int had = stat(path, &st) == 0;
		char data[8];
		for (int i = 0; i < 8; i++)
			data[i] = (char)('a' + take(in, 26));
		fs_write(path, data, take(in, 2) ? 8 : 4);
		if (had && take(in, 2)) {
			struct timespec t[2] = {st.st_atim, st.st_mtim};
			utimensat(AT_FDCWD, path, t, 0);
			buf_puts(&story, "bild.png, same time; ");
		} else {
			buf_puts(&story, "bild.png; ");
		}
		free(path);
		break;
	}
	case 6: { /* the site's own assets */
		static const char *const assets[] = {"assets/egen.css", "assets/planpress.css"};
		const char *a = assets[take(in, 2)];
		char *path = fs_join(site, a);
		if (take(in, 3) == 0) {
			unlink(path);
			buf_printf(&story, "%s removed; ", a);
		} else {
			buf_printf(&b, "body { color: #%06x }\n", take(in, 255) * 65793u);
			puts_at(site, a, buf_cstr(&b));
			buf_printf(&story, "%s; ", a);
		}
		free(path);
		break;
	}
	case 7: { /* the site's own template */
		char *path = fs_join(site, "templates/page.mustache");
		unsigned v = take(in, 3);
		if (v == 0)
			unlink(path);
		else
			puts_at(site, "templates/page.mustache",
				v == 1 ? "<!doctype html><title>{{page.title}}</title><main>{{{page.content}}}</main>\n"
				       : "<!doctype html><title>{{page.title}} {{site.title}}</title><main>{{{page.content}}}</main>\n");
		buf_printf(&story, "template %u; ", v);
		free(path);
		break;
	}
	case 8: { /* site.conf */
		char *path = fs_join(site, "site.conf");
		size_t len;
		char *text = fs_read(path, &len);
		if (text) {
			char *t = strstr(text, "title = ");
			if (t)
				t[8] = (char)('A' + take(in, 26));
			fs_write(path, text, len);
		}
		free(text);
		free(path);
		buf_puts(&story, "site.conf; ");
		break;
	}
	case 9: /* a rename */
		if (page) {
			char *from = fs_join(site, page);
			char to_rel[128];
			snprintf(to_rel, sizeof to_rel, "content/prov/flyttad-%u.md", take(in, 4));
			char *to = fs_join(site, to_rel);
			rename(from, to);
			buf_printf(&story, "%s -> %s; ", page, to_rel);
			free(from);
			free(to);
		}
		break;
	case 10: /* a deletion */
		if (page && np > 2) {
			char *from = fs_join(site, page);
			unlink(from);
			free(from);
			buf_printf(&story, "%s removed; ", page);
		}
		break;
	case 11: { /* a new page */
		char rel[64];
		snprintf(rel, sizeof rel, "content/prov/ny-%u.md", take(in, 4));
		puts_at(site, rel, "---\ntitle: Ny\n---\n\nNy text, [sidan](sida.md).\n");
		buf_printf(&story, "new %s; ", rel);
		break;
	}
	default: { /* an output file edited or removed by hand */
		char *out = fs_join(site, "public/prov/sida/index.html");
		if (take(in, 2))
			fs_write(out, "handskrivet\n", 12);
		else
			unlink(out);
		free(out);
		buf_puts(&story, "public/ by hand; ");
		break;
	}
	}
	buf_free(&b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(2);
	markdown_init();
	snprintf(base, sizeof base, "/tmp/planpress-fuzz-incr-%d", (int)getpid());
	snprintf(model, sizeof model, "%s/model", base);
	snprintf(site, sizeof site, "%s/site", base);
	snprintf(whole, sizeof whole, "%s/whole", base);
	fs_rm_rf(base);
	fs_mkdir_p(base);
	char *new_argv[] = {model, NULL};
	if (cli_new(1, new_argv) != 0)
		abort();
	puts_at(model, "content/prov/budget.csv", "Post;Belopp\nA;100\nB;200\nSumma;300\n");
	puts_at(model, "content/prov/diagram.csv", "Post;Antal\nA;10\nB;20\n");
	puts_at(model, "content/prov/bild.png", "bild");
	puts_at(model, "content/prov/sida.md",
		"---\ntitle: Provsida\n---\n\nText.\n\n```table\nfile: budget.csv\n```\n\n"
		"```chart\ntype: bar\nfile: diagram.csv\n```\n\n![bild](bild.png)\n");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};
	fs_rm_rf(site);
	copy_tree(model, site, NULL);
	buf_reset(&story);
	if (build(site) != 0)
		abort(); /* the model site builds */
	for (int k = 0; k < MAX_EDITS && in.n > 0; k++) {
		edit(&in);
		int rc_update = build(site);
		static const char *const skip[] = {"public", ".planpress", NULL};
		fs_rm_rf(whole);
		copy_tree(site, whole, skip);
		int rc_whole = build(whole);
		buf_t why = BUF_INIT;
		char *a = fs_join(site, "public"), *b = fs_join(whole, "public");
		int same = rc_update == rc_whole && (rc_update != 0 || same_tree(a, b, &why));
		free(a);
		free(b);
		if (!same) {
			fprintf(stderr, "fuzz_incremental: after %s the update %s (exit %d) and the whole build "
				"(exit %d) differ: %s\n", buf_cstr(&story), site, rc_update, rc_whole, buf_cstr(&why));
			abort();
		}
		buf_free(&why);
	}
	return 0;
}
