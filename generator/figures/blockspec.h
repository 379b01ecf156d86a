/*
 * blockspec: what the options of a ```table or ```chart block may hold,
 * written down as data and checked in one place before a block is read.
 *
 * Each option has a form (one line of text, yes or no, a list, a map of
 * names), where it takes only some words those words, and where it means
 * nothing alone the option (and value) it works with. A block's options
 * are checked against its spec as a whole: every option not in the spec,
 * of the wrong form, with a word it does not take, or without what it
 * works with is an error at its line. Nothing is left out quietly: a
 * misspelt "download: nja" or a "show total: nej" in a table that shows
 * no summary would otherwise have done nothing.
 *
 * The spec tables are the block modules' own (table.c, chart.c); the
 * docs' option tables list the same options.
 */
#ifndef PLANPRESS_BLOCKSPEC_H
#define PLANPRESS_BLOCKSPEC_H

#include <json-c/json.h>
#include <stddef.h>

#include "frontmatter.h"

enum opt_form {
	OPT_TEXT,  /* one line of text (a number is text too) */
	OPT_YESNO, /* ja or nej (yes, no, true, false, 1, 0) */
	OPT_LIST,  /* "- item" lines or [a, b]; one value on the line is a
		      list of one, and is made one */
	OPT_MAP,   /* "name: value" lines below the option */
	OPT_TEXT_OR_LIST, /* either, as the option's reader takes both */
};

struct opt_spec {
	const char *name;
	enum opt_form form;
	const char *words; /* the values it takes, "table|summary"; NULL: any */
	const char *needs; /* "group by" (that option given), "show=summary"
			      (that option with that value); NULL: none */
	const char *excludes; /* "file|columns": options that cannot be
				 given with it; NULL: none */
};

/* Checks opts (from blockopts_parse) against spec, ended by a NULL
 * name; kind is "table" or "chart". Reports each problem at path and the
 * option's line and returns how many there were. */
int blockspec_check(const char *path, const char *kind, const struct opt_spec *spec,
		    json_object *opts, const struct fm_key *keys, size_t nkeys);

#endif
