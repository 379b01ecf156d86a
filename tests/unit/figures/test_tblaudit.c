/* tblaudit.c: the audit re-adds a table from the HTML it shows, and fails
 * when a shown figure is wrong. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lang.h"
#include "table.h"
#include "tblaudit.h"

static int reads(const char *text, long long want, int dec, int pct)
{
	long long v;
	int d, p;
	return tbl_audit_read(text, &v, &d, &p) == 1 && v == want && d == dec && p == pct;
}

/* A model of a label column and a "Belopp" column that adds up, its
 * last row a total over the three rows items names. */
struct model {
	struct tbl t;
	struct tcol cols[2];
	struct trow rows[5];
	int items[3];
};

static void model_init(struct model *m, const char *const *labels, const enum row_kind *kinds, size_t nrows,
		       const int *items)
{
	memset(m, 0, sizeof *m);
	m->cols[0].kind = COL_TEXT;
	m->cols[0].label = "Post";
	m->cols[1].kind = COL_NUMBER;
	m->cols[1].label = "Belopp";
	m->cols[1].adds_up = 1;
	for (size_t i = 0; i < nrows; i++) {
		m->rows[i].label = (char *)labels[i];
		m->rows[i].kind = kinds[i];
	}
	memcpy(m->items, items, sizeof m->items);
	m->rows[nrows - 1].items = m->items;
	m->rows[nrows - 1].nitems = 3;
	m->t.cols = m->cols;
	m->t.ncols = 2;
	m->t.rows = m->rows;
	m->t.nrows = nrows;
	m->t.label_col = 0;
}

/* the audit's errors for the model shown as html */
static int run_audit(struct model *m, const char *numbered, const buf_t *html, int line)
{
	m->t.numbered = (char *)numbered;
	struct table_ctx c = {0};
	c.page_path = "content/sida.md";
	return tbl_audit(&c, &m->t, html->data, html->len, line);
}

/* a table of three data rows and a total over them, as render_table
 * writes one: cells given as text */
static int audit(const char *a, const char *b, const char *c3, const char *total,
		 const char *total_label)
{
	const char *labels[4] = {"A", "B", "C", total_label};
	const enum row_kind kinds[4] = {ROW_DATA, ROW_DATA, ROW_DATA, ROW_TOTAL};
	const int items[3] = {0, 1, 2};
	struct model m;
	model_init(&m, labels, kinds, 4, items);
	buf_t h = BUF_INIT;
	buf_puts(&h, "<table class=\"figures\">\n<thead>\n<tr><th scope=\"col\">Post</th>"
		     "<th scope=\"col\" class=\"num\">Belopp</th></tr>\n</thead>\n<tbody>\n");
	const char *vals[4] = {a, b, c3, total};
	for (int i = 0; i < 4; i++)
		buf_printf(&h, "<tr%s>\n<th scope=\"row\">%s</th>\n<td class=\"num\">%s</td>\n</tr>\n",
			   i == 3 ? " class=\"total\"" : "", labels[i], vals[i]);
	buf_puts(&h, "</tbody>\n</table>\n");
	int n = run_audit(&m, "Tabell 1", &h, 5);
	buf_free(&h);
	return n;
}

/* a table of a data row, a heading, two data rows and a total over the
 * three, with its <tbody> given as HTML: how the reader takes rows, cells
 * and markup apart; closed 0 cuts the HTML off after the rows, before
 * the </tbody> */
static int audit_rows(const char *tbody, int closed)
{
	const char *labels[5] = {"A", "Rubrik", "B", "C", "Summa"};
	const enum row_kind kinds[5] = {ROW_DATA, ROW_HEADING, ROW_DATA, ROW_DATA, ROW_TOTAL};
	const int items[3] = {0, 2, 3};
	struct model m;
	model_init(&m, labels, kinds, 5, items);
	buf_t h = BUF_INIT;
	buf_printf(&h, "<table><thead><tr><th>Post</th><th>Belopp</th></tr></thead>\n<tbody>\n%s", tbody);
	if (closed)
		buf_puts(&h, "</tbody>\n<tfoot><tr><td>x</td></tr></tfoot></table>\n");
	int n = run_audit(&m, "Tabell 2", &h, 7);
	buf_free(&h);
	return n;
}

static int audit_body(const char *tbody)
{
	return audit_rows(tbody, 1);
}

int main(void)
{
	/* the reader of shown figures */
	CHECK(reads("1\xC2\xA0" "794", 1794, 0, 0));
	CHECK(reads("\xE2\x88\x92" "3\xC2\xA0" "817,5", -38175, 1, 0));
	CHECK(reads("12,5\xC2\xA0%", 125, 1, 1));
	CHECK(reads("100 %", 100, 0, 1));
	CHECK(reads("2\xE2\x80\xAF" "846", 2846, 0, 0));
	CHECK(reads("17 668*", 17668, 0, 0));
	long long v;
	int d, p;
	CHECK(tbl_audit_read("", &v, &d, &p) == 0);
	CHECK(tbl_audit_read("\xE2\x80\x93", &v, &d, &p) == 0);
	CHECK(tbl_audit_read("5x6", &v, &d, &p) == -1);
	CHECK(tbl_audit_read("12,", &v, &d, &p) == -1);
	CHECK(tbl_audit_read("1 2 3 a", &v, &d, &p) == -1);

	/* tables as shown */
	CHECK(audit("100", "200", "300", "600", "Summa") == 0);
	CHECK(audit("1\xC2\xA0" "000", "200", "\xE2\x88\x92" "300", "900", "Summa") == 0);
	CHECK(audit("100", "200", "300", "601", "Summa") == 1);          /* a wrong total */
	CHECK(audit("100", "", "300", "400", "Summa") == 0);             /* empty adds nothing */
	CHECK(audit("", "", "", "", "Summa") == 0);                      /* empty stays empty */
	CHECK(audit("", "", "", "0", "Summa") == 1);                     /* not 0 */
	CHECK(audit("0,5", "0,25", "0,25", "1,0", "Summa") == 0);
	CHECK(audit("33,3\xC2\xA0%", "33,3\xC2\xA0%", "33,3\xC2\xA0%", "100,0\xC2\xA0%", "Summa") == 1);
	CHECK(audit("33,4\xC2\xA0%", "33,3\xC2\xA0%", "33,3\xC2\xA0%", "100,0\xC2\xA0%", "Summa") == 0);
	CHECK(audit("100", "2OO", "300", "600", "Summa") >= 1);          /* no figure */
	/* the reader: a heading row has no cells of its own; markup and
	 * entities inside a cell are read as its text */
	const char *heading = "<tr class=\"heading\"><td colspan=\"2\">Rubrik</td></tr>\n";
	buf_t body = BUF_INIT;
	buf_printf(&body, "<tr><td>A</td><td class=\"num\">1&nbsp;000</td></tr>\n%s"
			  "<tr><th scope=\"row\">B</th><td><span>200</span></td></tr>\n"
			  "<tr><td>C &amp; D</td><td>300<span class=\"note\">*</span></td></tr>\n"
			  "<tr class=\"total\"><td><strong>Summa</strong></td><td><strong>1&nbsp;500</strong></td></tr>\n",
		   heading);
	CHECK(audit_body(body.data) == 0);
	buf_free(&body);
	buf_printf(&body, "<tr><td>A</td><td>1&nbsp;000</td></tr>\n%s<tr><td>B</td><td>200</td></tr>\n"
			  "<tr><td>C</td><td>300</td></tr>\n<tr><td>Summa</td><td>1&nbsp;600</td></tr>\n",
		   heading);
	CHECK(audit_body(body.data) == 1); /* 1 500 shown as 1 600 */
	buf_free(&body);
	/* HTML that is not the table's rows and columns */
	buf_printf(&body, "<tr><td>A</td><td>1</td></tr>\n%s<tr><td>B</td></tr>\n"
			  "<tr><td>C</td><td>3</td></tr>\n<tr><td>Summa</td><td>4</td></tr>\n", heading);
	CHECK(audit_body(body.data) == 1); /* a cell missing */
	buf_free(&body);
	buf_printf(&body, "<tr><td>A</td><td>1</td><td>9</td></tr>\n%s<tr><td>B</td><td>0</td></tr>\n"
			  "<tr><td>C</td><td>3</td></tr>\n<tr><td>Summa</td><td>4</td></tr>\n", heading);
	CHECK(audit_body(body.data) == 1); /* a cell too many */
	buf_free(&body);
	buf_printf(&body, "<tr><td>A</td><td>1</td></tr>\n%s<tr><td>B</td><td>0</td></tr>\n"
			  "<tr><td>C</td><td>3</td></tr>\n<tr><td>Summa</td><td>4</td></tr>\n"
			  "<tr><td>Summa</td><td>4</td></tr>\n", heading);
	CHECK(audit_body(body.data) == 1); /* a row too many */
	buf_free(&body);
	buf_printf(&body, "<tr><td>A</td><td>1</td></tr>\n%s<tr><td>B</td><td>0</td>\n"
			  "<tr><td>C</td><td>3</td></tr>\n<tr><td>Summa</td><td>4</td></tr>\n", heading);
	CHECK(audit_body(body.data) == 1); /* a row not closed */
	buf_free(&body);
	CHECK(audit_body("") == 1);        /* no rows */
	/* every row and cell there, but the HTML ends before the </tbody> */
	buf_printf(&body, "<tr><td>A</td><td>1</td></tr>\n%s<tr><td>B</td><td>0</td></tr>\n"
			  "<tr><td>C</td><td>3</td></tr>\n<tr><td>Summa</td><td>4</td></tr>\n", heading);
	CHECK(audit_rows(body.data, 1) == 0);
	CHECK(audit_rows(body.data, 0) == 1);
	buf_free(&body);
	/* a total shown twice: the same label and figures */
	CHECK(audit("100", "200", "300", "600", "Summa") == 0);
	return check_done("tblaudit");
}
