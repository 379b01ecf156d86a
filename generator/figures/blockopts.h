/*
 * blockopts: the options of ```table and ```chart blocks.
 *
 * They look like YAML but are read more forgivingly, because the people
 * who write them are not programmers: a value is everything after the
 * first ": " of a top-level line (so "caption: Aktiv hälsa: deltagare"
 * works and "note: * ändrad" is not an alias), quotes around a value are
 * optional, and an option with no value on its line takes the indented
 * lines below it: "- item" lines make a list, "name: value" lines a map
 * (split at the last ": " outside quotes, so column names may hold
 * colons). "[a, b]" on one line is a list too. Lines starting with '#'
 * are comments.
 *
 * The result is a json-c object of strings, lists and maps, plus each
 * top-level key's line; the caller owns both.
 */
#ifndef PLANPRESS_BLOCKOPTS_H
#define PLANPRESS_BLOCKOPTS_H

#include <json-c/json.h>

#include "frontmatter.h"

/* text's first line is file line line0 + 1. Returns 0, or -1 after a
 * diagnostic naming path:line. */
int blockopts_parse(const char *path, const char *what, const char *text, int line0,
		    json_object **out, struct fm_key **keys, size_t *nkeys);
/* The line of nested entry `name` under option `parent`, of the k-th list
 * item under it when name is NULL, or dflt. */
int blockopts_line(const struct fm_key *keys, size_t n, const char *parent, const char *name,
		   int k, int dflt);
/* "false", "no", "nej", "0" -> 0; "true", "yes", "ja", "1" -> 1; else -1 */
int blockopts_bool(json_object *v);

#endif
