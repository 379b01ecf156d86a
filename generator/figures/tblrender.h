/*
 * tblrender: a table model (table.h) as HTML, as the CSV file to
 * download, as plain text for the e-mail and as JSON for templates. None
 * of them computes a figure: they show the model's, formatted by
 * tbl_format (table.h).
 */
#ifndef PLANPRESS_TBLRENDER_H
#define PLANPRESS_TBLRENDER_H

#include <json-c/json.h>

#include "buf.h"
#include "table.h"

struct plaintext_block;

/* The table block's HTML: the table with its numbered caption, then the
 * note, and a line with the unit, the source and the download link (each
 * may be NULL); wide: a landscape page of its own in print. */
void tbl_render_html(const struct table_ctx *c, const struct tbl *t, const char *source,
		     const char *unit, const char *note, const char *download, int wide, buf_t *h);
/* The same as plain text, for the e-mail forms (the caller frees it
 * with plaintext_block_free). */
struct plaintext_block *tbl_render_text(const struct table_ctx *c, const struct tbl *t,
					const char *source, const char *unit, const char *note);
/* The CSV file to download, for Excel (semicolons, figures as shown). */
void tbl_render_csv(const struct table_ctx *c, const struct tbl *t, buf_t *b);
/* page.tables' entry for the table (the caller owns it). */
json_object *tbl_render_json(const struct table_ctx *c, const struct tbl *t, const char *download);

#endif
