/*
 * Table blocks: the block as a whole. Its options are checked against
 * table_spec (blockspec.c), the table is read into the model and its
 * totals computed or checked (tblread.c, tblcalc.c), then rendered
 * (tblrender.c) and the HTML audited as the reader sees it (tblaudit.c).
 * The page's context (table_ctx) keeps every table for charts and
 * references, and the downloads.
 */
#include "table.h"
#include "tblaudit.h"
#include "tblcalc.h"
#include "tblread.h"
#include "tblrender.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blockopts.h"
#include "blockspec.h"
#include "diag.h"
#include "expr.h"
#include "figref.h"
#include "suggest.h"
#include "slug.h"

void table_ctx_init(struct table_ctx *c, int want_json)
{
	memset(c, 0, sizeof *c);
	c->json = want_json ? json_object_new_array() : NULL;
}

void table_ctx_trim(struct table_ctx *c)
{
	for (size_t i = 0; i < c->ntbl; i++)
		tbl_trim(c->tables[i]);
}

void table_ctx_free(struct table_ctx *c)
{
	for (size_t i = 0; i < c->ntbl; i++)
		tbl_free(c->tables[i]);
	free(c->tables);
	for (size_t i = 0; i < c->nfiles; i++) {
		free(c->files[i].name);
		free(c->files[i].data);
	}
	free(c->files);
	json_object_put(c->json);
	buf_free(&c->page_links);
	figref_free(c->fig);
	memset(c, 0, sizeof *c);
}

struct tbl *table_find(const struct table_ctx *c, const char *id)
{
	for (size_t i = 0; i < c->ntbl; i++)
		if (!strcmp(c->tables[i]->id, id))
			return c->tables[i];
	return NULL;
}

const char *table_ref(const struct table_ctx *c, const char *id)
{
	struct tbl *t = table_find(c, id);
	return t && t->numbered ? t->numbered : NULL;
}

/* The table block's options: the docs' table of options lists the same. */
static const struct opt_spec table_spec[] = {
	{"file", OPT_TEXT, NULL, NULL, NULL},
	{"caption", OPT_TEXT, NULL, NULL, NULL},
	{"id", OPT_TEXT, NULL, NULL, NULL},
	{"columns", OPT_MAP, NULL, NULL, NULL},
	{"total", OPT_TEXT, NULL, NULL, NULL},
	{"sums", OPT_LIST, NULL, NULL, NULL},
	{"tolerance", OPT_TEXT, NULL, NULL, NULL},
	{"source", OPT_TEXT, NULL, NULL, NULL},
	{"unit", OPT_TEXT, NULL, NULL, NULL},
	{"note", OPT_TEXT, NULL, NULL, NULL},
	{"group by", OPT_TEXT, NULL, NULL, NULL},
	{"show", OPT_TEXT, "table|summary", NULL, NULL},
	{"share", OPT_TEXT, NULL, "show=summary", NULL},
	{"download", OPT_YESNO, NULL, NULL, NULL},
	{"landscape", OPT_YESNO, NULL, NULL, NULL},
	{"data rows", OPT_LIST, NULL, NULL, NULL},
	{"groups", OPT_LIST, NULL, "show=summary", NULL},
	{"shares", OPT_TEXT, "signed|sizes", "show=summary", NULL},
	{"show total", OPT_YESNO, NULL, "show=summary", NULL},
	{"subtotals", OPT_LIST, NULL, NULL, NULL},
	{"levels", OPT_MAP, NULL, NULL, NULL},
	{"agrees", OPT_LIST, NULL, NULL, NULL},
	{NULL, OPT_TEXT, NULL, NULL, NULL},
};

/* levels: rows given a level by hand ("Kassa och bank: 3"), where the
 * rows' roles do not tell it */
static void set_levels(struct table_ctx *c, struct tbl *t, json_object *opts, const struct fm_key *keys,
		       size_t nkeys, int line)
{
	json_object *levels = NULL;
	if (!json_object_object_get_ex(opts, "levels", &levels) || !levels ||
	    json_object_get_type(levels) != json_type_object)
		return;
	int at = tbl_opt_line(keys, nkeys, "levels", line);
	json_object_object_foreach(levels, name, val) {
		int kl = blockopts_line(keys, nkeys, "levels", name, 0, at);
		const char *v = val ? json_object_get_string(val) : "";
		char *end;
		long n = strtol(v ? v : "", &end, 10);
		if (!v || end == v || *end || n < 1 || n > 6) {
			diag(DIAG_ERROR, c->page_path, kl, 0, "levels: '%s' must be a level from 1 to 6, such as '%s: 2'",
			     name, name);
			c->errors++;
			continue;
		}
		int found = 0;
		for (size_t i = 0; i < t->nrows; i++)
			if (tblcalc_same_label(t->rows[i].label, name)) {
				t->rows[i].level = (int)n;
				found = 1;
			}
		if (!found) {
			const char **labels = xcalloc(t->nrows + 1, sizeof *labels);
			for (size_t i = 0; i < t->nrows; i++)
				labels[i] = t->rows[i].label;
			const char *near = suggest_nearest(name, labels, strlen(name) < 6 ? 1 : 3);
			if (near)
				diag(DIAG_ERROR, c->page_path, kl, 0, "levels: no row labelled '%s'; did you mean '%s'?",
				     name, near);
			else
				diag(DIAG_ERROR, c->page_path, kl, 0, "levels: no row labelled '%s'", name);
			free(labels);
			c->errors++;
		}
	}
	t->leveled = 1;
}

int table_block(struct table_ctx *c, const char *text, int line, buf_t *html,
		struct plaintext_block **plain)
{
	json_object *opts = NULL;
	struct fm_key *keys = NULL;
	size_t nkeys = 0;
	int errors_before = c->errors;
	if (blockopts_parse(c->page_path, "table", text, line - 1, &opts, &keys, &nkeys) != 0) {
		c->errors++;
		return -1;
	}
	c->errors += blockspec_check(c->page_path, "table", table_spec, opts, keys, nkeys);
	struct tbl *t = c->errors == errors_before ? tbl_from_options(c, opts, keys, nkeys, line, "table") : NULL;
	if (!t) {
		json_object_put(opts);
		free(keys);
		return -1;
	}
	const char *show = tbl_opt_text(c, opts, keys, nkeys, line, "show");
	if (show && !strcmp(show, "summary")) {
		char err[128] = "";
		struct summary_opts so = {NULL, tbl_opt_line(keys, nkeys, "groups", line),
					  tbl_opt_text(c, opts, keys, nkeys, line, "shares"),
					  tbl_opt_line(keys, nkeys, "shares", line), 1};
		json_object_object_get_ex(opts, "groups", &so.groups);
		json_object *st;
		if (json_object_object_get_ex(opts, "show total", &st) && blockopts_bool(st) == 0)
			so.show_total = 0;
		int reported = 0;
		struct tbl *s = tbl_opt_text(c, opts, keys, nkeys, line, "group by")
			? tblcalc_summary(c, t, tbl_opt_text(c, opts, keys, nkeys, line, "share"), &so, &reported, err, sizeof err)
			: NULL;
		if (!s || !tbl_opt_text(c, opts, keys, nkeys, line, "group by")) {
			if (!reported && err[0])
				diag(DIAG_ERROR, c->page_path, tbl_opt_line(keys, nkeys, "show", line), 0,
				     "show: summary needs 'group by: COLUMN'; %s", err);
			else if (!reported)
				diag(DIAG_ERROR, c->page_path, tbl_opt_line(keys, nkeys, "show", line), 0,
				     "show: summary needs 'group by: COLUMN'");
			tbl_free(s);
			tbl_free(t);
			json_object_put(opts);
			free(keys);
			c->errors++;
			return -1;
		}
		tbl_free(t);
		t = s;
	}
	tblcalc_levels(t);
	set_levels(c, t, opts, keys, nkeys, line);
	const char *caption = tbl_opt_text(c, opts, keys, nkeys, line, "caption");
	const char *id = tbl_opt_text(c, opts, keys, nkeys, line, "id");
	/* every table is numbered, so a reference to it always has text */
	if (caption)
		t->caption = xstrdup(caption);
	t->numbered = xasprintf("%s %d", !strcmp(c->lang->code, "sv") ? "Tabell" : "Table", ++c->ntables);
	if (id) {
		buf_t b = BUF_INIT;
		slug_append(&b, id, strlen(id));
		t->id = buf_detach(&b);
	} else {
		t->id = xasprintf("tabell-%zu", c->ntbl + 1);
	}
	if (table_find(c, t->id)) {
		diag(DIAG_ERROR, c->page_path, tbl_opt_line(keys, nkeys, "id", line), 0,
		     "two tables or charts on this page have the id '%s'", t->id);
		c->errors++;
	}
	json_object *dl;
	int want_download = !(json_object_object_get_ex(opts, "download", &dl) && blockopts_bool(dl) == 0);
	/* downloads get a folder of their own so they never replace a CSV
	 * file that sits beside the page */
	char *download = want_download ? xasprintf("tabeller/%s.csv", t->id) : NULL;
	json_object *land;
	int wide = json_object_object_get_ex(opts, "landscape", &land) && blockopts_bool(land) == 1;
	size_t start = html->len;
	tbl_render_html(c, t, tbl_opt_text(c, opts, keys, nkeys, line, "source"),
		     tbl_opt_text(c, opts, keys, nkeys, line, "unit"),
		     tbl_opt_text(c, opts, keys, nkeys, line, "note"), download, wide, html);
	if (plain)
		*plain = tbl_render_text(c, t, tbl_opt_text(c, opts, keys, nkeys, line, "source"),
				     tbl_opt_text(c, opts, keys, nkeys, line, "unit"),
				     tbl_opt_text(c, opts, keys, nkeys, line, "note"));
	/* the table as the reader sees it, re-added by tblaudit.c */
	int failed = tbl_audit(c, t, html->data + start, html->len - start, line);
	if (failed)
		c->errors += failed;
	/* its figures as shown, its notes and its checks against other
	 * tables, for figref_check once every page is loaded */
	json_object *agrees = NULL;
	json_object_object_get_ex(opts, "agrees", &agrees);
	figref_keep(c, t, agrees, keys, nkeys, line);
	if (download) {
		buf_t b = BUF_INIT;
		tbl_render_csv(c, t, &b);
		c->files = xrealloc(c->files, (c->nfiles + 1) * sizeof *c->files);
		c->files[c->nfiles].name = xstrdup(download);
		c->files[c->nfiles].len = b.len;
		c->files[c->nfiles].data = buf_detach(&b);
		c->nfiles++;
	}
	if (c->json)
		json_object_array_add(c->json, tbl_render_json(c, t, download));
	free(download);
	c->tables = xrealloc(c->tables, (c->ntbl + 1) * sizeof *c->tables);
	c->tables[c->ntbl++] = t;
	json_object_put(opts);
	free(keys);
	return c->errors == errors_before ? 0 : -1;
}
