#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* The catalogues of a planpress run from its source tree, where `make`
 * builds them: build/locale beside ./planpress, or one folder up from
 * build/asan/planpress. 0 when the program does not lie in a source tree
 * (it is installed). */
static int tree_locale_dir(char *out, size_t size)
{
	char dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n <= 0)
		return 0;
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	if ((size_t)snprintf(out, size, "%s/build/locale", dir) < size && fs_is_dir(out))
		return 1;
	slash = strrchr(dir, '/');
	if (slash && slash - dir >= 6 && !strncmp(slash - 6, "/build", 6)) {
		*slash = '\0';
		if ((size_t)snprintf(out, size, "%s/locale", dir) < size && fs_is_dir(out))
			return 1;
	}
	return 0;
}

void i18n_init(void)
{
	/* LC_MESSAGES only: a Swedish LC_NUMERIC would make strtod and
	 * printf read and write decimal commas */
	setlocale(LC_MESSAGES, "");
	char dir[PATH_MAX];
	bindtextdomain("planpress", tree_locale_dir(dir, sizeof dir) ? dir : LOCALEDIR);
	/* UTF-8 whatever LC_CTYPE is (it stays "C", which would turn å, ä
	 * and ö into '?'); the same for libc's own messages (strerror) */
	bind_textdomain_codeset("planpress", "UTF-8");
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain("planpress");
}
