#define _GNU_SOURCE
#include "theme.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "fsutil.h"
#include "theme_data.h"

#define SUFFIX ".mustache"

static int add(mustache_set *set, const char *name, const char *path,
	       const char *src, size_t len)
{
	mustache_error err;
	memset(&err, 0, sizeof err);
	if (!mustache_set_add(set, name, path, src, len, &err)) {
		diag(DIAG_ERROR, err.path, err.line, err.col, "%s", err.message);
		return -1;
	}
	return 0;
}

struct load_ctx {
	mustache_set *set;
	const char *site;
};

static int load_site_template(void *ud, const char *rel, const char *path)
{
	const struct load_ctx *l = ud;
	size_t n = strlen(rel), s = strlen(SUFFIX);
	if (n <= s || strcmp(rel + n - s, SUFFIX))
		return 0;
	/* a link is read like a file when it leads to one inside the site */
	char *link = NULL;
	if (!path) {
		char *dir = fs_join(l->site, "templates");
		link = fs_join(dir, rel);
		free(dir);
		if (fs_check_link(l->site, link) != 0) {
			free(link);
			return -1;
		}
		path = link;
	}
	size_t len;
	char *src = fs_read_in(l->site, path, &len, NULL);
	if (!src) {
		diag(DIAG_ERROR, path, 0, 0, "cannot read template: %s", fs_strerror(errno));
		free(link);
		return -1;
	}
	char *name = xstrndup(rel, n - s);
	int rc = add(l->set, name, path, src, len);
	free(name);
	free(src);
	free(link);
	return rc;
}

mustache_set *theme_load(const char *site)
{
	mustache_set *set = mustache_set_new(NULL, NULL);
	int rc = 0;
	static const char prefix[] = "templates/";
	for (size_t i = 0; i < theme_nfiles; i++) {
		const struct theme_file *f = &theme_files[i];
		size_t n = strlen(f->path), s = strlen(SUFFIX);
		if (strncmp(f->path, prefix, sizeof prefix - 1) || n <= s ||
		    strcmp(f->path + n - s, SUFFIX))
			continue;
		char *name = xstrndup(f->path + sizeof prefix - 1, n - s - (sizeof prefix - 1));
		char *path = xasprintf("(default theme)/%s", f->path);
		if (add(set, name, path, (const char *)f->data, f->len) != 0)
			rc = -1;
		free(name);
		free(path);
	}
	char *dir = fs_join(site, "templates");
	struct load_ctx l = {set, site};
	if (fs_walk(dir, load_site_template, &l) != 0)
		rc = -1;
	free(dir);
	if (rc != 0) {
		mustache_set_free(set);
		return NULL;
	}
	return set;
}

struct copy_ctx {
	const struct output *o;
	const char *site;
	int count;
};

static int copy_site_asset(void *ud, const char *rel, const char *path)
{
	struct copy_ctx *c = ud;
	/* a link is copied like a file when it leads to one inside the site */
	char *link = NULL;
	if (!path) {
		char *dir = fs_join(c->site, "assets");
		link = fs_join(dir, rel);
		free(dir);
		if (fs_check_link(c->site, link) != 0) {
			free(link);
			return -1;
		}
		path = link;
	}
	char *out = fs_join("assets", rel);
	char *dir = fs_dirname(out);
	int rc = output_mkdir(c->o, dir);
	if (rc == 0)
		rc = output_copy(c->o, out, path);
	if (rc == 0)
		c->count++;
	free(dir);
	free(out);
	free(link);
	return rc;
}

static int site_has_asset(const char *site, const char *rel)
{
	char *path = fs_join(site, rel);
	struct stat st;
	int has = lstat(path, &st) == 0;
	free(path);
	return has;
}

int theme_copy_assets(const char *site, const struct output *o)
{
	struct copy_ctx c = {o, site, 0};
	int rc = 0;
	for (size_t i = 0; i < theme_nfiles; i++) {
		const struct theme_file *f = &theme_files[i];
		if (strncmp(f->path, "assets/", 7))
			continue;
		/* A site's own copy replaces the default: the default is not
		 * written at all, or an update in place would stage it after
		 * finding the site's copy up to date, and the two would take
		 * turns in public/ from one build to the next. */
		if (site_has_asset(site, f->path))
			continue;
		char *dir = fs_dirname(f->path);
		if (output_mkdir(o, dir) != 0 ||
		    output_write(o, f->path, (const char *)f->data, f->len) != 0)
			rc = -1;
		else
			c.count++;
		free(dir);
	}
	char *dir = fs_join(site, "assets");
	if (fs_walk(dir, copy_site_asset, &c) != 0)
		rc = -1;
	free(dir);
	return rc ? -1 : c.count;
}

char *theme_asset_text(const char *site, const char *name)
{
	char *rel = fs_join("assets", name);
	char *path = fs_join(site, rel);
	char *text = fs_read_in(site, path, NULL, NULL);
	free(path);
	for (size_t i = 0; !text && i < theme_nfiles; i++)
		if (!strcmp(theme_files[i].path, rel))
			text = xstrndup((const char *)theme_files[i].data, theme_files[i].len);
	free(rel);
	return text;
}

struct list_ctx {
	char ***paths;
	size_t *n;
};

static int list_asset(void *ud, const char *rel, const char *path)
{
	struct list_ctx *l = ud;
	(void)path;
	*l->paths = xrealloc(*l->paths, (*l->n + 1) * sizeof **l->paths);
	(*l->paths)[(*l->n)++] = fs_join("assets", rel);
	return 0;
}

void theme_asset_paths(const char *site, char ***paths, size_t *n)
{
	for (size_t i = 0; i < theme_nfiles; i++)
		if (!strncmp(theme_files[i].path, "assets/", 7)) {
			*paths = xrealloc(*paths, (*n + 1) * sizeof **paths);
			(*paths)[(*n)++] = xstrdup(theme_files[i].path);
		}
	struct list_ctx l = {paths, n};
	char *dir = fs_join(site, "assets");
	fs_walk(dir, list_asset, &l);
	free(dir);
}
