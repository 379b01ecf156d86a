/*
 * `planpress mustache TEMPLATE [DATA.json] [--partials DIR]`: renders one
 * template to standard output, byte for byte, for debugging templates and
 * for the spec tests. Missing partials render as empty strings, as the
 * Mustache spec asks, with a warning on stderr.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "fsutil.h"
#include "jsonfile.h"
#include "mustache.h"

struct loader {
	const char *dir;
};

static char *load_partial(void *ud, const char *name, size_t *len,
			  char **path, mustache_error *err)
{
	struct loader *l = ud;
	char *file = xasprintf("%s.mustache", name);
	if (!fs_rel_is_safe(file)) {
		snprintf(err->message, sizeof err->message,
			 _("partial name '%s' leaves the partials directory"), name);
		free(file);
		return NULL;
	}
	*path = fs_join(l->dir, file);
	free(file);
	char *src = fs_read(*path, len);
	if (!src) {
		if (errno == ENOENT)
			diag(DIAG_WARNING, *path, 0, 0,
			     "partial '%s' not found; rendering it as empty", name);
		else
			snprintf(err->message, sizeof err->message, "%s: %s",
				 *path, strerror(errno));
	}
	return src;
}

int cli_mustache(int argc, char **argv)
{
	const char *tpl = NULL, *data = NULL, *pdir = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--partials")) {
			if (++i >= argc) {
				diag(DIAG_ERROR, NULL, 0, 0, "--partials needs a directory");
				return 2;
			}
			pdir = argv[i];
		} else if (!strncmp(argv[i], "--partials=", 11)) {
			pdir = argv[i] + 11;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			/* TRANSLATORS: the help of mustache */
			fputs(_("usage: planpress mustache TEMPLATE [DATA.json] [--partials DIR]\n"
				"Renders TEMPLATE with the JSON data to standard output.\n"
				"Partial NAME is read from DIR/NAME.mustache (DIR defaults to\n"
				"the template's directory).\n"), stdout);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			diag(DIAG_ERROR, NULL, 0, 0, "unknown option '%s' for mustache", argv[i]);
			return 2;
		} else if (!tpl) {
			tpl = argv[i];
		} else if (!data) {
			data = argv[i];
		} else {
			diag(DIAG_ERROR, NULL, 0, 0, "too many arguments to mustache");
			return 2;
		}
	}
	if (!tpl) {
		diag(DIAG_ERROR, NULL, 0, 0,
		     "usage: planpress mustache TEMPLATE [DATA.json] [--partials DIR]");
		return 2;
	}
	size_t len;
	char *src = fs_read(tpl, &len);
	if (!src) {
		diag(DIAG_ERROR, tpl, 0, 0, "cannot read template: %s", strerror(errno));
		return 1;
	}
	json_object *root = NULL;
	if (data) {
		if (json_file_read(data, &root) != 0) {
			free(src);
			return 1;
		}
	}
	char *dir = pdir ? xstrdup(pdir) : fs_dirname(tpl);
	struct loader l = {dir};
	mustache_set *set = mustache_set_new(load_partial, &l);
	mustache_error err;
	memset(&err, 0, sizeof err);
	int rc = 0;
	mustache_template *t = mustache_set_add(set, "", tpl, src, len, &err);
	buf_t out = BUF_INIT;
	if (!t || mustache_render(set, t, &root, 1, 0, &out, &err) != 0) {
		diag(DIAG_ERROR, err.path[0] ? err.path : tpl, err.line, err.col,
		     "%s", err.message);
		rc = 1;
	} else if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len) {
		diag(DIAG_ERROR, NULL, 0, 0, "cannot write to standard output");
		rc = 1;
	}
	buf_free(&out);
	mustache_set_free(set);
	json_object_put(root);
	free(dir);
	free(src);
	return rc;
}
