/*
 * planpress: the command line. Parses the subcommand and hands over to it.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "markdown.h"
#include "version.h"

static const char usage[] =
	"usage: planpress COMMAND [ARGS]\n"
	"\n"
	"planpress builds a samordningsförbund's web site and report documents\n"
	"from Markdown, CSV figures and Mustache templates.\n"
	"\n"
	"Commands:\n"
	"  build [SITE]      build SITE (default: .) into SITE/public/, or into\n"
	"                    the [site] output directory of site.conf\n"
	"  check [SITE]      build without publishing and report every problem;\n"
	"                    exits 1 if there are errors\n"
	"  serve [SITE] [-p PORT]\n"
	"                    preview SITE on http://127.0.0.1:8080/, rebuilding on\n"
	"                    every change and reloading open pages\n"
	"  mustache TEMPLATE [DATA.json] [--partials DIR]\n"
	"                    render one template to standard output\n"
	"\n"
	"Options:\n"
	"  -h, --help        show this help\n"
	"  -V, --version     show the version\n"
	"  -q, --quiet       (build, check) print only errors and the summary\n"
	"  -j N, --jobs N    (build, check) render with N threads (default: all cores)\n"
	"  -o DIR, --output DIR\n"
	"                    (build) write to DIR instead of the site's output\n"
	"      --pdf         (build) also make PDFs of the report documents\n"
	"\n"
	"Exit status: 0 success, 1 errors in the content, 2 usage errors.\n"
	"See planpress(1) and the README for more.\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("planpress %s\n", PLANPRESS_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "build") || !strcmp(cmd, "check")) {
		markdown_init();
		return cli_build(argc - 2, argv + 2, !strcmp(cmd, "check"));
	}
	if (!strcmp(cmd, "serve"))
		return cli_serve(argc - 2, argv + 2);
	if (!strcmp(cmd, "mustache"))
		return cli_mustache(argc - 2, argv + 2);
	diag(DIAG_ERROR, NULL, 0, 0, "unknown command '%s' (try 'planpress --help')", cmd);
	return 2;
}
