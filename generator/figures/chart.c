/*
 * Chart blocks: a horizontal bar, a stacked bar or a donut of shares, as
 * inline SVG, drawn from a CSV file or from a table above on the page.
 *
 *   ```chart
 *   type: stacked bar
 *   table: deltagare          (or file: deltagare.csv)
 *   caption: Deltagare per verksamhet och kön
 *   values: [Kvinnor, Män]
 *   ```
 *
 * Every colour has at least 3:1 contrast against white, segments are
 * separated by white gaps, and the second and later series also carry a
 * pattern, so the chart reads in black and white. The SVG has a <title>
 * and a <desc>, and the figures follow as a table for screen readers and
 * for anyone who prefers numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "blockopts.h"
#include "blockspec.h"
#include "diag.h"
#include "expr.h"
#include "numfmt.h"
#include "slug.h"
#include "table.h"
#include "tblread.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define W 680
#define LABEL_W 210
#define BAR_H 22
#define GAP 12

static const char *const colours[] = {
	"#163a63", /* dark blue, 11.4:1 on white */
	"#a14d00", /* brown-orange, 5.6:1 */
	"#2e6b30", /* green, 6.2:1 */
	"#6a1b9a", /* purple, 8.9:1 */
	"#00695c", /* teal, 6.4:1 */
	"#ad1457", /* crimson, 6.5:1 */
};
#define NCOLOURS 6

static void esc(buf_t *b, const char *s)
{
	buf_escape_html(b, s, strlen(s));
}

/* Patterns make series tell apart without colour. */
static void defs(buf_t *b, const char *id, size_t n)
{
	buf_puts(b, "<defs>\n");
	for (size_t k = 1; k < n; k++) {
		const char *c = colours[k % NCOLOURS];
		buf_printf(b, "<pattern id=\"%s-p%zu\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"", id, k);
		if (k % 3 == 1) {
			buf_printf(b, " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"%s\"/>"
				      "<rect width=\"2\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.55\"/></pattern>\n", c);
		} else if (k % 3 == 2) {
			buf_printf(b, "><rect width=\"6\" height=\"6\" fill=\"%s\"/>"
				      "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#ffffff\" fill-opacity=\"0.6\"/></pattern>\n", c);
		} else {
			buf_printf(b, " patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"%s\"/>"
				      "<rect width=\"6\" height=\"1.5\" fill=\"#ffffff\" fill-opacity=\"0.55\"/></pattern>\n", c);
		}
	}
	buf_puts(b, "</defs>\n");
}

static void fill(buf_t *b, const char *id, size_t k)
{
	if (k == 0)
		buf_printf(b, "fill=\"%s\"", colours[0]);
	else
		buf_printf(b, "fill=\"url(#%s-p%zu)\"", id, k);
}

static double as_double(num_t v)
{
	return (double)v / (double)NUM_SCALE;
}

struct series {
	const struct tcol *col;
};

static void legend(buf_t *b, const char *id, const struct tcol *const *vals, size_t nv, int y)
{
	int x = LABEL_W;
	for (size_t k = 0; k < nv; k++) {
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" ", x, y);
		fill(b, id, k);
		buf_puts(b, "/>");
		buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"chart-legend\">", x + 20, y + 12);
		esc(b, vals[k]->label);
		buf_puts(b, "</text>\n");
		x += 40 + 9 * (int)strlen(vals[k]->label);
	}
}

static void bars(const struct table_ctx *c, const struct tbl *t, const char *id,
		 const struct tcol *const *vals, size_t nv, int stacked, buf_t *b, buf_t *desc)
{
	/* the scale: from the smallest to the largest (stacked) value */
	double lo = 0, hi = 0;
	size_t nrows = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		if (t->rows[i].kind != ROW_DATA)
			continue;
		nrows++;
		double pos = 0, neg = 0;
		for (size_t k = 0; k < nv; k++) {
			double v = vals[k]->has[i] ? as_double(vals[k]->v[i]) : 0;
			if (stacked) {
				if (v >= 0)
					pos += v;
				else
					neg += v;
			} else {
				if (v > hi)
					hi = v;
				if (v < lo)
					lo = v;
			}
		}
		if (stacked) {
			if (pos > hi)
				hi = pos;
			if (neg < lo)
				lo = neg;
		}
	}
	if (hi == lo)
		hi = lo + 1;
	int plot = W - LABEL_W - 90;
	double span = hi - lo;
	int zero = LABEL_W + (int)lround(-lo / span * plot);
	int top = nv > 1 ? 30 : 6;
	int rowh = stacked || nv == 1 ? BAR_H + GAP : (int)nv * (BAR_H - 6) + GAP;
	int height = top + (int)nrows * rowh + 10;
	buf_printf(b, " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n", W, height, W, height);
	buf_puts(b, "##TITLE##");
	defs(b, id, nv);
	if (nv > 1)
		legend(b, id, vals, nv, 6);
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#4a5563\" stroke-width=\"1\"/>\n",
		   zero, top - 4, zero, height - 6);
	int y = top;
	for (size_t i = 0; i < t->nrows; i++) {
		if (t->rows[i].kind != ROW_DATA)
			continue;
		const char *label = t->rows[i].label;
		buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"chart-label\">",
			   LABEL_W - 8, y + BAR_H / 2 + 5);
		esc(b, label);
		buf_puts(b, "</text>\n");
		buf_printf(desc, "%s%s", desc->len ? "; " : "", label);
		double pos = 0, neg = 0;
		int yy = y;
		for (size_t k = 0; k < nv; k++) {
			if (!vals[k]->has[i])
				continue;
			double v = as_double(vals[k]->v[i]);
			buf_t num = BUF_INIT;
			tbl_format(c, vals[k], vals[k]->v[i], &num, NUMFMT_HTML);
			if (nv > 1)
				buf_printf(desc, "%s %s %s", k ? "," : ":", buf_cstr(&num), vals[k]->label);
			else
				buf_printf(desc, " %s", buf_cstr(&num));
			double from = stacked ? (v >= 0 ? pos : neg) : 0;
			double to = from + v;
			if (stacked) {
				if (v >= 0)
					pos = to;
				else
					neg = to;
			}
			int x0 = LABEL_W + (int)lround((fmin(from, to) - lo) / span * plot);
			int x1 = LABEL_W + (int)lround((fmax(from, to) - lo) / span * plot);
			int h = stacked || nv == 1 ? BAR_H : BAR_H - 8;
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" stroke=\"#ffffff\" stroke-width=\"1.5\" ",
				   x0, yy, x1 - x0 > 0 ? x1 - x0 : 0, h);
			fill(b, id, k);
			buf_puts(b, "/>\n");
			if (!stacked) {
				buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"chart-value\"%s>%s</text>\n",
					   v >= 0 ? x1 + 6 : x0 - 6, yy + h / 2 + 5,
					   v >= 0 ? "" : " text-anchor=\"end\"", buf_cstr(&num));
				yy += h + 2;
			}
			buf_free(&num);
		}
		if (stacked) {
			/* the segments' sum at the end of the bar */
			num_wide_t wide = 0;
			for (size_t k = 0; k < nv; k++)
				if (vals[k]->has[i])
					wide += vals[k]->v[i];
			num_t sum;
			buf_t num = BUF_INIT;
			if (num_narrow(wide, &sum) == 0)
				tbl_format(c, vals[0], sum, &num, NUMFMT_HTML);
			else
				buf_puts(&num, "&gt; 999 999 999 999");
			int xe = LABEL_W + (int)lround((pos - lo) / span * plot);
			buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"chart-value\">%s</text>\n",
				   xe + 6, y + BAR_H / 2 + 5, buf_cstr(&num));
			buf_free(&num);
		}
		y += rowh;
	}
}

/* The parts a donut draws: data rows with a figure other than zero, all of
 * one sign. Amounts below zero (costs, a loss) are drawn by their
 * magnitudes; the figures beside them keep their signs. A column with
 * both signs is no whole of parts, and one with nothing is no chart: an
 * error names the column and says what to do. Returns the number of
 * parts, or -1 after the error. */
static long donut_parts(const struct table_ctx *c, const struct tbl *t, const struct tcol *col,
			int line, unsigned char *use, num_t *mag)
{
	size_t pos = 0, neg = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		use[i] = t->rows[i].kind == ROW_DATA && col->has[i] && col->v[i] != 0;
		mag[i] = col->v[i] < 0 ? -col->v[i] : col->v[i];
		pos += use[i] && col->v[i] > 0;
		neg += use[i] && col->v[i] < 0;
	}
	if (pos && neg) {
		diag(DIAG_ERROR, c->page_path, line, 0,
		     "a donut shows the parts of a whole, but '%s' has figures both above and below zero; "
		     "draw it as 'type: bar'", col->name);
		return -1;
	}
	if (!pos && !neg) {
		diag(DIAG_ERROR, c->page_path, line, 0,
		     "the donut would be empty: '%s' has no figures other than zero", col->name);
		return -1;
	}
	return (long)(pos + neg);
}

static void donut(const struct table_ctx *c, const struct tbl *t, const char *id,
		  const struct tcol *col, const unsigned char *use, const num_t *mag, size_t n,
		  buf_t *b, buf_t *desc)
{
	num_wide_t whole = 0;
	for (size_t i = 0; i < t->nrows; i++)
		if (use[i])
			whole += mag[i];
	/* the shares as printed add up to 100 % */
	num_t *shares = xcalloc(t->nrows + 1, sizeof *shares);
	shares_largest_remainder(mag, use, t->nrows, 2, shares);
	int height = 40 + (int)(n > 8 ? n : 8) * 24;
	if (height < 240)
		height = 240;
	buf_printf(b, " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n", W, height, W, height);
	buf_puts(b, "##TITLE##");
	defs(b, id, n);
	double cx = 120, cy = height / 2.0, R = 105, r = 62, a = -M_PI / 2;
	size_t k = 0;
	int ly = 30;
	for (size_t i = 0; i < t->nrows && whole > 0; i++) {
		if (!use[i])
			continue;
		double share = (double)mag[i] / (double)whole;
		double a2 = a + share * 2 * M_PI;
		int large = share > 0.5;
		if (share >= 0.9999) {
			buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" stroke-width=\"%.1f\" ",
				   cx, cy, (R + r) / 2, R - r);
			buf_printf(b, "stroke=\"%s\"/>\n", colours[0]);
		} else {
			buf_printf(b, "<path d=\"M%.2f %.2f A%.1f %.1f 0 %d 1 %.2f %.2f L%.2f %.2f A%.1f %.1f 0 %d 0 %.2f %.2fZ\" "
				      "stroke=\"#ffffff\" stroke-width=\"2\" ",
				   cx + R * cos(a), cy + R * sin(a), R, R, large, cx + R * cos(a2), cy + R * sin(a2),
				   cx + r * cos(a2), cy + r * sin(a2), r, r, large, cx + r * cos(a), cy + r * sin(a));
			fill(b, id, k);
			buf_puts(b, "/>\n");
		}
		buf_t num = BUF_INIT, pct = BUF_INIT;
		tbl_format(c, col, col->v[i], &num, NUMFMT_HTML);
		numfmt_percent(&pct, c->lang, shares[i], 0, NUMFMT_HTML);
		buf_printf(b, "<rect x=\"270\" y=\"%d\" width=\"14\" height=\"14\" ", ly - 12);
		fill(b, id, k);
		buf_puts(b, "/>");
		buf_printf(b, "<text x=\"292\" y=\"%d\" class=\"chart-legend\">", ly);
		esc(b, t->rows[i].label);
		buf_printf(b, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"chart-value\">%s</text>"
			      "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"chart-value\">%s</text>\n",
			   W - 80, ly, buf_cstr(&num), W - 8, ly, buf_cstr(&pct));
		buf_printf(desc, "%s%s %s (%s)", desc->len ? "; " : "", t->rows[i].label, buf_cstr(&num),
			   buf_cstr(&pct));
		buf_free(&num);
		buf_free(&pct);
		ly += 24;
		a = a2;
		k++;
	}
	free(shares);
}

/* The chart block's options: the docs' table of options lists the same.
 * A chart draws either a table of its own (file: and the table options
 * it shares) or one above it on the page (table:), not both. */
static const struct opt_spec chart_spec[] = {
	{"type", OPT_TEXT, NULL, NULL, NULL},
	{"file", OPT_TEXT, NULL, NULL, NULL},
	{"table", OPT_TEXT, NULL, NULL, "file|columns|total|sums|tolerance"},
	{"caption", OPT_TEXT, NULL, NULL, NULL},
	{"id", OPT_TEXT, NULL, NULL, NULL},
	{"values", OPT_TEXT_OR_LIST, NULL, NULL, NULL},
	{"columns", OPT_MAP, NULL, NULL, NULL},
	{"total", OPT_TEXT, NULL, NULL, NULL},
	{"sums", OPT_LIST, NULL, NULL, NULL},
	{"tolerance", OPT_TEXT, NULL, NULL, NULL},
	{"description", OPT_TEXT, NULL, NULL, NULL},
	{"source", OPT_TEXT, NULL, NULL, NULL},
	{NULL, OPT_TEXT, NULL, NULL, NULL},
};

int chart_block(struct table_ctx *c, const char *text, int line, buf_t *html)
{
	json_object *opts = NULL;
	struct fm_key *keys = NULL;
	size_t nkeys = 0;
	int before = c->errors;
	if (blockopts_parse(c->page_path, "chart", text, line - 1, &opts, &keys, &nkeys) != 0) {
		c->errors++;
		return -1;
	}
	c->errors += blockspec_check(c->page_path, "chart", chart_spec, opts, keys, nkeys);
	json_object *v;
	const char *type = json_object_object_get_ex(opts, "type", &v) && v ? json_object_get_string(v) : "bar";
	int kind = !strcasecmp(type, "bar") || !strcasecmp(type, "stapel") ? 0
		 : !strcasecmp(type, "stacked bar") || !strcasecmp(type, "stacked") ? 1
		 : !strcasecmp(type, "donut") || !strcasecmp(type, "ring") ? 2 : -1;
	if (kind < 0) {
		diag(DIAG_ERROR, c->page_path, tbl_opt_line(keys, nkeys, "type", line), 0,
		     "chart type '%s' is not known: expected bar, stacked bar or donut", type);
		c->errors++;
	}
	struct tbl *own = NULL;
	const struct tbl *t = NULL;
	const char *from = json_object_object_get_ex(opts, "table", &v) && v ? json_object_get_string(v) : NULL;
	if (c->errors == before) {
		if (from) {
			buf_t sid = BUF_INIT;
			slug_append(&sid, from, strlen(from));
			t = table_find(c, buf_cstr(&sid));
			if (!t) {
				diag(DIAG_ERROR, c->page_path, tbl_opt_line(keys, nkeys, "table", line), 0,
				     "no table with the id '%s' above this chart on the page", buf_cstr(&sid));
				c->errors++;
			}
			buf_free(&sid);
		} else {
			t = own = tbl_from_options(c, opts, keys, nkeys, line, "chart");
		}
	}
	/* the value columns: listed, or every figure column */
	const struct tcol *vals[16];
	size_t nv = 0;
	if (t) {
		json_object *list;
		if (json_object_object_get_ex(opts, "values", &list) && list) {
			size_t n = json_object_get_type(list) == json_type_array ? json_object_array_length(list) : 1;
			for (size_t k = 0; k < n && nv < 16; k++) {
				const char *name = json_object_get_type(list) == json_type_array
					? json_object_get_string(json_object_array_get_idx(list, k))
					: json_object_get_string(list);
				const struct tcol *found = NULL;
				for (size_t j = 0; j < t->ncols; j++)
					if (name && !strcasecmp(t->cols[j].name, name) && t->cols[j].kind != COL_TEXT)
						found = &t->cols[j];
				if (!found) {
					diag(DIAG_ERROR, c->page_path, tbl_opt_line(keys, nkeys, "values", line), 0,
					     "values: '%s' is not a figure column of the table", name ? name : "");
					c->errors++;
				} else {
					vals[nv++] = found;
				}
			}
		} else {
			for (size_t j = 0; j < t->ncols && nv < 16; j++)
				if (t->cols[j].kind != COL_TEXT && !t->cols[j].hidden)
					vals[nv++] = &t->cols[j];
			/* as the docs say: a bar chart and a donut draw the first
			 * figure column, a stacked bar all of them */
			if (kind != 1 && nv > 1)
				nv = 1;
		}
		if (nv == 0 && c->errors == before) {
			diag(DIAG_ERROR, c->page_path, line, 0, "the chart has no figure columns to draw");
			c->errors++;
		}
	}
	/* a donut's parts are checked before anything is drawn */
	unsigned char *use = NULL;
	num_t *mag = NULL;
	long nparts = 0;
	if (c->errors == before && t && kind == 2) {
		use = xcalloc(t->nrows + 1, 1);
		mag = xcalloc(t->nrows + 1, sizeof *mag);
		nparts = donut_parts(c, t, vals[0], line, use, mag);
		if (nparts < 0)
			c->errors++;
	}
	if (c->errors != before || !t) {
		free(use);
		free(mag);
		tbl_free(own);
		json_object_put(opts);
		free(keys);
		if (c->errors == before)
			c->errors++;
		return -1;
	}
	const char *caption = json_object_object_get_ex(opts, "caption", &v) && v ? json_object_get_string(v) : NULL;
	const char *id_opt = json_object_object_get_ex(opts, "id", &v) && v ? json_object_get_string(v) : NULL;
	char *id;
	if (id_opt) {
		buf_t sid = BUF_INIT;
		slug_append(&sid, id_opt, strlen(id_opt));
		id = buf_detach(&sid);
	} else {
		id = xasprintf("figur-%d", c->ncharts + 1);
	}
	char *number = xasprintf("%s %d", !strcmp(c->lang->code, "sv") ? "Figur" : "Figure", ++c->ncharts);

	buf_t svg = BUF_INIT, desc = BUF_INIT;
	buf_printf(&svg, "<svg class=\"chart\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Open Sans, DejaVu Sans, sans-serif\" font-size=\"12\"", id, id);
	if (kind == 2)
		donut(c, t, id, vals[0], use, mag, (size_t)nparts, &svg, &desc);
	else
		bars(c, t, id, vals, nv, kind == 1, &svg, &desc);
	buf_puts(&svg, "</svg>\n");
	const char *given = json_object_object_get_ex(opts, "description", &v) && v ? json_object_get_string(v) : NULL;
	buf_t head = BUF_INIT;
	buf_printf(&head, "<title id=\"%s-title\">", id);
	esc(&head, caption ? caption : number);
	buf_printf(&head, "</title>\n<desc id=\"%s-desc\">", id);
	esc(&head, kind == 2 ? "Ringdiagram. " : kind == 1 ? "Staplat stapeldiagram. " : "Stapeldiagram. ");
	if (given) {
		esc(&head, given);
		buf_puts(&head, " ");
	}
	esc(&head, buf_cstr(&desc));
	buf_puts(&head, ".</desc>\n");
	/* the title and description go first in the SVG */
	const char *mark = strstr(buf_cstr(&svg), "##TITLE##");
	buf_printf(html, "<figure class=\"chart-block\" id=\"%s\">\n", id);
	/* the caption comes first: a figure's caption must be its first or
	 * last child, and the figures' table closes the figure */
	buf_puts(html, "<figcaption><span class=\"table-number\">");
	esc(html, number);
	buf_puts(html, ".</span> ");
	if (caption)
		esc(html, caption);
	const char *source = json_object_object_get_ex(opts, "source", &v) && v ? json_object_get_string(v) : NULL;
	if (source) {
		buf_puts(html, " Källa: ");
		esc(html, source);
		buf_puts(html, ".");
	}
	buf_puts(html, "</figcaption>\n");
	buf_put(html, svg.data, (size_t)(mark - svg.data));
	buf_put(html, head.data, head.len);
	buf_puts(html, mark + 9);
	/* the figures as a table, the accessible alternative */
	buf_puts(html, "<details class=\"chart-data\"><summary>Visa siffrorna i diagrammet</summary>\n");
	buf_puts(html, "<table class=\"figures\">\n<thead>\n<tr><th scope=\"col\">");
	if (t->label_col >= 0)
		esc(html, t->cols[t->label_col].label);
	buf_puts(html, "</th>");
	for (size_t k = 0; k < nv; k++) {
		buf_puts(html, "<th scope=\"col\" class=\"num\">");
		esc(html, vals[k]->label);
		buf_puts(html, "</th>");
	}
	buf_puts(html, "</tr>\n</thead>\n<tbody>\n");
	for (size_t i = 0; i < t->nrows; i++) {
		if (t->rows[i].kind != ROW_DATA)
			continue;
		buf_puts(html, "<tr><th scope=\"row\">");
		esc(html, t->rows[i].label);
		buf_puts(html, "</th>");
		for (size_t k = 0; k < nv; k++) {
			buf_puts(html, "<td class=\"num\">");
			if (vals[k]->has[i])
				tbl_format(c, vals[k], vals[k]->v[i], html, NUMFMT_HTML);
			buf_puts(html, "</td>");
		}
		buf_puts(html, "</tr>\n");
	}
	buf_puts(html, "</tbody>\n</table>\n</details>\n</figure>\n");

	/* keep it for cross-references */
	struct tbl *ref = xcalloc(1, sizeof *ref);
	ref->id = id;
	ref->numbered = number;
	ref->label_col = -1;
	/* a chart drawn from a file of its own depends on that file: the
	 * build cache must read the page again when it changes */
	if (own && own->csv_path) {
		ref->csv_path = xstrdup(own->csv_path);
		ref->csv_print = own->csv_print;
	}
	c->tables = xrealloc(c->tables, (c->ntbl + 1) * sizeof *c->tables);
	c->tables[c->ntbl++] = ref;
	buf_free(&svg);
	buf_free(&desc);
	buf_free(&head);
	free(use);
	free(mag);
	tbl_free(own);
	json_object_put(opts);
	free(keys);
	return 0;
}
