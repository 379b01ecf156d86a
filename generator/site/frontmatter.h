/*
 * frontmatter: splits a page into YAML front matter and Markdown body and
 * turns the YAML (libyaml) into json-c data.
 *
 * Plain scalars become numbers, booleans or null when they look like one
 * (true, false, null, ~, 12, -3.5); everything else, dates included, stays
 * a string. Aliases are refused, so no alias bomb can blow up memory.
 * The caller owns fm->data (json_object_put) and frees fm->keys.
 */
#ifndef PLANPRESS_FRONTMATTER_H
#define PLANPRESS_FRONTMATTER_H

#include <json-c/json.h>
#include <stddef.h>

struct fm_key {
	const char *name;   /* points into data's key storage; NULL for a list item */
	int line;
	const char *parent; /* for a nested entry: the option it belongs to */
};

struct frontmatter {
	json_object *data;   /* an object; empty when the page has none */
	struct fm_key *keys; /* top-level keys with their lines */
	size_t nkeys;
	size_t body_offset;  /* where the Markdown starts */
	int body_line;       /* its first line number */
};

/* Returns 0, or -1 after reporting an error at path:line:col. */
int frontmatter_parse(const char *path, const char *src, size_t len,
		      struct frontmatter *fm);
void frontmatter_free(struct frontmatter *fm);
/* Parses a block of YAML `key: value` lines whose first line is file line
 * line0 + 1 into an object; `what` names it in messages (N_("front
 * matter"): it is translated where shown). Top-level keys and their lines are appended to *keys. Returns
 * 0, or -1 after a diagnostic. */
int yaml_to_json(const char *path, const char *what, const char *text, size_t len,
		 int line0, json_object **out, struct fm_key **keys, size_t *nkeys);
/* The line of top-level key name, or 1 if unknown. */
int frontmatter_line(const struct frontmatter *fm, const char *name);

#endif
