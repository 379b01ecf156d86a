/*
 * planpress: the command line. Parses the subcommand and hands over to it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "i18n.h"
#include "markdown.h"
#include "suggest.h"
#include "version.h"

/* TRANSLATORS: the help of planpress as a whole. Commands, options and
 * the words in capitals are typed as they are: keep them. */
static const char usage[] = N_(
	"usage: planpress COMMAND [ARGS]\n"
	"\n"
	"planpress builds a samordningsförbund's web site and report documents\n"
	"from Markdown, CSV figures and Mustache templates.\n"
	"\n"
	"Commands:\n"
	"  build [SITE] [-q] [-j N] [-o DIR] [--pdf] [--drafts]\n"
	"                    build SITE (default: .) into SITE/public/, or into\n"
	"                    the [site] output directory of site.conf\n"
	"  check [SITE] [-q] [-j N] [--drafts]\n"
	"                    build without publishing and report every problem;\n"
	"                    exits 1 if there are errors\n"
	"  serve [SITE] [-p PORT] [--drafts]\n"
	"                    preview SITE on http://127.0.0.1:8080/, rebuilding on\n"
	"                    every change and reloading open pages\n"
	"  mustache TEMPLATE [DATA.json] [--partials DIR]\n"
	"                    render one template to standard output\n"
	"  new SITE          start a new site in the folder SITE, ready to build\n"
	"  new page|plan|rapport|arsredovisning|brev|nyhet PATH\n"
	"                    add one page of that kind at PATH (content/.../NAME.md)\n"
	"  theme export DIR  write a copy of the default theme into DIR, to change\n"
	"  help [COMMAND]    show this help, or a command's own\n"
	"\n"
	"The options of a command come after it: planpress build -q.\n"
	"'planpress help build' (or 'planpress build --help') lists them.\n"
	"\n"
	"  -h, --help        show this help\n"
	"  -V, --version     show the version\n"
	"\n"
	"Exit status: 0 success, 1 errors in the content, 2 usage errors.\n"
	"See planpress(1) and the README for more.\n");

static const char *const commands[] = {"build", "check", "serve", "mustache", "new", "theme", "help",
				       "version", NULL};

/* The command a mistyped word most likely meant, or NULL. */
static const char *nearest_command(const char *word)
{
	return suggest_nearest(word, commands, 2);
}

static int run(const char *cmd, int argc, char **argv);

/* planpress help [COMMAND] */
static int help(int argc, char **argv)
{
	if (argc == 0) {
		fputs(_(usage), stdout);
		return 0;
	}
	if (!strcmp(argv[0], "help") || !strcmp(argv[0], "version")) {
		fputs(_(usage), stdout);
		return 0;
	}
	char *h[] = {"--help", NULL};
	for (const char *const *c = commands; *c; c++)
		if (!strcmp(argv[0], *c))
			return run(*c, 1, h);
	const char *near = nearest_command(argv[0]);
	if (near)
		diag(DIAG_ERROR, NULL, 0, 0,
		     "no command '%s'; did you mean '%s'? (commands: build, check, serve, mustache, new, theme)",
		     argv[0], near);
	else
		diag(DIAG_ERROR, NULL, 0, 0, "no command '%s' (commands: build, check, serve, mustache, new, theme)",
		     argv[0]);
	return 2;
}

static int run(const char *cmd, int argc, char **argv)
{
	if (!strcmp(cmd, "build") || !strcmp(cmd, "check")) {
		markdown_init();
		return cli_build(argc, argv, !strcmp(cmd, "check"));
	}
	if (!strcmp(cmd, "serve"))
		return cli_serve(argc, argv);
	if (!strcmp(cmd, "mustache"))
		return cli_mustache(argc, argv);
	if (!strcmp(cmd, "new"))
		return cli_new(argc, argv);
	if (!strcmp(cmd, "theme"))
		return cli_theme(argc, argv);
	if (!strcmp(cmd, "help"))
		return help(argc, argv);
	return -1;
}

int main(int argc, char **argv)
{
	i18n_init();
	if (argc < 2) {
		fputs(_(usage), stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		fputs(_(usage), stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("planpress %s\n", PLANPRESS_VERSION);
		return 0;
	}
	int rc = run(cmd, argc - 2, argv + 2);
	if (rc >= 0)
		return rc;
	/* an option before the command: the options belong to commands */
	if (cmd[0] == '-' && argc > 2 && argv[2][0] != '-') {
		diag(DIAG_ERROR, NULL, 0, 0, "options come after the command: try 'planpress %s %s'",
		     argv[2], cmd);
		return 2;
	}
	const char *near = nearest_command(cmd);
	if (near)
		diag(DIAG_ERROR, NULL, 0, 0, "unknown command '%s'; did you mean '%s'? (try 'planpress --help')",
		     cmd, near);
	else
		diag(DIAG_ERROR, NULL, 0, 0, "unknown command '%s' (try 'planpress --help')", cmd);
	return 2;
}
