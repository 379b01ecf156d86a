/*
 * cliopt: reading a subcommand's options (cli.h), shared by build, check
 * and serve so that each accepts an option in the same forms.
 */
#include <string.h>

#include "cli.h"

int cli_option_value(int argc, char **argv, int *i, const char *shrt, const char *lng,
		     const char **v)
{
	const char *a = argv[*i];
	size_t n = strlen(lng);
	*v = NULL;
	if (!strcmp(a, shrt) || !strcmp(a, lng)) {
		if (*i + 1 < argc)
			*v = argv[++*i];
		return 1;
	}
	if (!strncmp(a, shrt, 2) && a[2])
		*v = a + 2;
	else if (!strncmp(a, lng, n) && a[n] == '=')
		*v = a + n + 1;
	return *v != NULL;
}
