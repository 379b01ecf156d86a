/*
 * tblread: from a table block's options and its CSV file to the table
 * model (table.h), with every total computed or checked (tblcalc.h).
 * chart.c reads its own data the same way.
 */
#ifndef PLANPRESS_TBLREAD_H
#define PLANPRESS_TBLREAD_H

#include "table.h"

/* The table the options describe, or NULL after diagnostics (counted in
 * c->errors). kind ("table" or "chart") names the block in messages.
 * The caller frees it with tbl_free. */
struct tbl *tbl_from_options(struct table_ctx *c, json_object *opts, const struct fm_key *keys,
			     size_t nkeys, int line, const char *kind);
/* The line of option name, or dflt. */
int tbl_opt_line(const struct fm_key *keys, size_t n, const char *name, int dflt);
/* Option name as text, or NULL when not given (or, after an error, when
 * it is not text). */
const char *tbl_opt_text(struct table_ctx *c, json_object *o, const struct fm_key *keys,
			 size_t nkeys, int line, const char *name);

#endif
