/*
 * tblrender: a table model as its readers get it. Each form is made from
 * the model alone: the HTML of the page, the CSV file to download, the
 * plain text of the e-mail and the JSON that templates read.
 */
#include "tblrender.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "numfmt.h"
#include "plaintext.h"

void tbl_format(const struct table_ctx *c, const struct tcol *col, num_t v, buf_t *out, int style)
{
	if (col->kind == COL_PERCENT)
		numfmt_percent(out, c->lang, v, col->decimals, (enum numfmt_style)style);
	else
		numfmt(out, c->lang, v, col->decimals, (enum numfmt_style)style);
}

static void put_stars(buf_t *h, int n)
{
	if (n <= 0)
		return;
	buf_puts(h, "<sup class=\"marker\">");
	for (int i = 0; i < n; i++)
		buf_putc(h, '*');
	buf_puts(h, "</sup>");
}

static void put_cell_value(const struct table_ctx *c, const struct tcol *col, size_t i, buf_t *out)
{
	if (col->dash[i] && !col->has[i])
		buf_puts(out, "\xE2\x80\x93");
	if (!col->has[i])
		return;
	tbl_format(c, col, col->v[i], out, NUMFMT_HTML);
	put_stars(out, col->marker[i]);
}

static void excel_field(buf_t *b, const char *s)
{
	if (!strpbrk(s, ";\"\r\n")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The computed table for Excel: UTF-8 with a byte order mark (Excel needs
 * it to read UTF-8), ';' between fields, CRLF line ends. */
void tbl_render_csv(const struct table_ctx *c, const struct tbl *t, buf_t *b)
{
	buf_puts(b, "\xEF\xBB\xBF");
	int first = 1;
	for (size_t j = 0; j < t->ncols; j++) {
		if (t->cols[j].hidden)
			continue;
		if (!first)
			buf_putc(b, ';');
		first = 0;
		excel_field(b, t->cols[j].label);
	}
	buf_puts(b, "\r\n");
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0, out = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden)
				continue;
			if (out++)
				buf_putc(b, ';');
			if ((int)j == t->label_col) {
				excel_field(b, t->rows[i].label);
			} else if (col->kind == COL_TEXT) {
				if (col->text && col->text[i])
					excel_field(b, col->text[i]);
			} else if (col->has[i]) {
				tbl_format(c, col, col->v[i], b, NUMFMT_EXCEL);
			}
		}
		buf_puts(b, "\r\n");
	}
}

json_object *tbl_render_json(const struct table_ctx *c, const struct tbl *t, const char *download)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(t->id));
	if (t->caption)
		json_object_object_add(o, "caption", json_object_new_string(t->caption));
	if (t->numbered)
		json_object_object_add(o, "number", json_object_new_string(t->numbered));
	if (download)
		json_object_object_add(o, "download", json_object_new_string(download));
	json_object *cols = json_object_new_array();
	for (size_t j = 0; j < t->ncols; j++) {
		if (t->cols[j].hidden)
			continue;
		json_object *cj = json_object_new_object();
		json_object_object_add(cj, "label", json_object_new_string(t->cols[j].label));
		json_object_object_add(cj, "numeric", json_object_new_boolean(t->cols[j].kind != COL_TEXT));
		json_object_array_add(cols, cj);
	}
	json_object_object_add(o, "columns", cols);
	json_object *rows = json_object_new_array();
	for (size_t i = 0; i < t->nrows; i++) {
		json_object *rj = json_object_new_object();
		json_object_object_add(rj, "label", json_object_new_string(t->rows[i].label));
		json_object_object_add(rj, "total", json_object_new_boolean(t->rows[i].kind == ROW_TOTAL));
		json_object_object_add(rj, "heading", json_object_new_boolean(t->rows[i].kind == ROW_HEADING));
		json_object *cells = json_object_new_array();
		for (size_t j = 0; j < t->ncols; j++) {
			if (t->cols[j].hidden)
				continue;
			buf_t b = BUF_INIT;
			if ((int)j == t->label_col)
				buf_puts(&b, t->rows[i].label);
			else if (t->cols[j].kind == COL_TEXT && t->cols[j].text && t->cols[j].text[i])
				buf_puts(&b, t->cols[j].text[i]);
			else if (t->cols[j].kind != COL_TEXT && t->cols[j].has[i])
				tbl_format(c, &t->cols[j], t->cols[j].v[i], &b, NUMFMT_HTML);
			json_object_array_add(cells, json_object_new_string(buf_cstr(&b)));
			buf_free(&b);
		}
		json_object_object_add(rj, "cells", cells);
		json_object_array_add(rows, rj);
	}
	json_object_object_add(o, "rows", rows);
	return o;
}

static void escape(buf_t *b, const char *s)
{
	buf_escape_html(b, s, strlen(s));
}

/* class="level-2" on a row's label, in a table that shows levels */
static void put_level(const struct tbl *t, const struct trow *r, buf_t *h)
{
	if (t->leveled && r->level > 0)
		buf_printf(h, " class=\"level-%d\"", r->level);
}

/* "3" or "3, 4": each note number a link to its note, #not-3 (the
 * numbers were checked when read: tblread.c) */
static void put_note_links(buf_t *h, const char *s)
{
	while (*s) {
		size_t n = strspn(s, "0123456789");
		if (n == 0) {
			buf_escape_html(h, s, 1);
			s++;
			continue;
		}
		buf_printf(h, "<a href=\"#not-%.*s\">%.*s</a>", (int)n, s, (int)n, s);
		s += n;
	}
}

/* rows of 9 pt figures that fit on an A4 page with its running header */
#define TBL_KEEP_ROWS 36

void tbl_render_html(const struct table_ctx *c, const struct tbl *t, const char *source,
			 const char *unit, const char *note, const char *download, int wide, buf_t *h)
{
	/* a wide table gets a landscape page of its own in print; a short one
	 * (one that fits on an A4 page) is kept whole on one
	 * page, so it never starts at a page's foot with only its header and
	 * never leaves its total alone on the next (print.css: .keep) */
	buf_puts(h, "<div class=\"table-block");
	if (wide)
		buf_puts(h, " wide");
	if (t->nrows <= TBL_KEEP_ROWS)
		buf_puts(h, " keep");
	buf_puts(h, "\" id=\"");
	escape(h, t->id);
	buf_puts(h, "\">\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"");
	escape(h, t->id);
	buf_puts(h, "-caption\">\n<table class=\"figures\">\n<caption id=\"");
	escape(h, t->id);
	buf_puts(h, "-caption\"><span class=\"table-number\">");
	escape(h, t->numbered);
	buf_puts(h, ".</span>");
	if (t->caption) {
		buf_putc(h, ' ');
		escape(h, t->caption);
	}
	buf_puts(h, "</caption>\n");
	size_t shown = 0;
	for (size_t j = 0; j < t->ncols; j++)
		shown += !t->cols[j].hidden;
	buf_puts(h, "<thead>\n<tr>\n");
	for (size_t j = 0; j < t->ncols; j++) {
		if (t->cols[j].hidden)
			continue;
		buf_puts(h, t->cols[j].kind == COL_TEXT ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">");
		escape(h, t->cols[j].label);
		buf_puts(h, "</th>\n");
	}
	buf_puts(h, "</tr>\n</thead>\n<tbody>\n");
	for (size_t i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];
		if (r->kind == ROW_HEADING) {
			buf_printf(h, "<tr class=\"heading\">\n<th scope=\"rowgroup\" colspan=\"%zu\"", shown);
			put_level(t, r, h);
			buf_putc(h, '>');
			escape(h, r->label);
			buf_puts(h, "</th>\n</tr>\n");
			continue;
		}
		/* a total that another total counts is a subtotal */
		buf_puts(h, r->kind != ROW_TOTAL ? "<tr>\n"
			    : r->nested ? "<tr class=\"subtotal\">\n" : "<tr class=\"total\">\n");
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden)
				continue;
			if ((int)j == t->label_col) {
				buf_puts(h, "<th scope=\"row\"");
				put_level(t, r, h);
				buf_putc(h, '>');
				escape(h, r->label);
				put_stars(h, r->marker);
				buf_puts(h, "</th>\n");
			} else if (col->note) {
				buf_puts(h, "<td class=\"note\">");
				if (col->text && col->text[i])
					put_note_links(h, col->text[i]);
				buf_puts(h, "</td>\n");
			} else if (col->kind == COL_TEXT) {
				buf_puts(h, "<td>");
				if (col->text && col->text[i])
					escape(h, col->text[i]);
				buf_puts(h, "</td>\n");
			} else {
				buf_puts(h, "<td class=\"num\">");
				put_cell_value(c, col, i, h);
				buf_puts(h, "</td>\n");
			}
		}
		buf_puts(h, "</tr>\n");
	}
	buf_puts(h, "</tbody>\n</table>\n</div>\n");
	if (note) {
		buf_puts(h, "<p class=\"table-note\">");
		escape(h, note);
		buf_puts(h, "</p>\n");
	}
	if (unit || source || download) {
		buf_puts(h, "<p class=\"table-meta\">");
		if (unit) {
			escape(h, unit);
			buf_puts(h, ". ");
		}
		if (source) {
			buf_puts(h, "Källa: ");
			escape(h, source);
			buf_puts(h, ". ");
		}
		if (download) {
			buf_puts(h, "<a class=\"table-download\" href=\"");
			escape(h, download);
			buf_puts(h, "\" download>Ladda ner tabellen som CSV</a>");
		}
		buf_puts(h, "</p>\n");
	}
	buf_puts(h, "</div>\n");
}

/* The table as plain text, for the e-mail forms: what tbl_render_html
 * shows, from the model (the same cells, captions and notes; no
 * download link, which a reader of text cannot click). */
struct plaintext_block *tbl_render_text(const struct table_ctx *c, const struct tbl *t,
					const char *source, const char *unit, const char *note)
{
	struct plaintext_block *b = plaintext_block_new();
	buf_t s = BUF_INIT;
	buf_printf(&s, "%s.", t->numbered);
	if (t->caption)
		buf_printf(&s, " %s", t->caption);
	plaintext_block_para(b, buf_cstr(&s));
	plaintext_block_table(b, 1);
	plaintext_block_row(b, 1);
	for (size_t j = 0; j < t->ncols; j++)
		if (!t->cols[j].hidden)
			plaintext_block_cell(b, t->cols[j].label, t->cols[j].kind != COL_TEXT);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];
		plaintext_block_row(b, 0);
		if (r->kind == ROW_HEADING) {
			plaintext_block_cell(b, r->label, 0);
			continue;
		}
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden)
				continue;
			buf_reset(&s);
			if ((int)j == t->label_col) {
				buf_puts(&s, r->label);
				for (int k = 0; k < r->marker; k++)
					buf_putc(&s, '*');
			} else if (col->kind == COL_TEXT) {
				if (col->text && col->text[i])
					buf_puts(&s, col->text[i]);
			} else {
				if (col->dash[i] && !col->has[i])
					buf_puts(&s, "\xE2\x80\x93");
				if (col->has[i]) {
					tbl_format(c, col, col->v[i], &s, NUMFMT_HTML);
					for (int k = 0; k < col->marker[i]; k++)
						buf_putc(&s, '*');
				}
			}
			plaintext_block_cell(b, buf_cstr(&s), (int)j != t->label_col && col->kind != COL_TEXT);
		}
	}
	if (note)
		plaintext_block_para(b, note);
	buf_reset(&s);
	if (unit)
		buf_printf(&s, "%s. ", unit);
	if (source)
		buf_printf(&s, "Källa: %s. ", source);
	plaintext_block_para(b, buf_cstr(&s));
	buf_free(&s);
	return b;
}
