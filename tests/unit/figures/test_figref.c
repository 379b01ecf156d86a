/* figref.c and tblcalc_levels: the form of an 'agrees:' check, and the
 * levels and subtotals of a statement's rows. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "figref.h"
#include "table.h"
#include "tblcalc.h"

static void parse_ok(void)
{
	struct fig_side l, r;
	char err[256];
	CHECK(figref_parse("[Årets resultat, 2016] = [balansrakning: Summa eget kapital, 2016] − "
			   "[balansrakning: Summa eget kapital, 2015]", &l, &r, err, sizeof err) == 0);
	CHECK(l.n == 1 && r.n == 2);
	CHECK(l.terms[0].target == NULL && !strcmp(l.terms[0].cell, "Årets resultat, 2016"));
	CHECK(!strcmp(r.terms[0].target, "balansrakning") && r.terms[0].sign == 1);
	CHECK(!strcmp(r.terms[1].cell, "Summa eget kapital, 2015") && r.terms[1].sign == -1);
	figref_side_free(&l);
	figref_side_free(&r);
	/* ASCII minus, another page, a row named "S:a …", a number */
	CHECK(figref_parse("[S:a fordringar, 2016] - 2 = [/mphla/verksamhetsplan-2016/#ekonomi: Aktiv, Budget]",
			   &l, &r, err, sizeof err) == 0);
	CHECK(l.n == 2 && l.terms[0].target == NULL && !strcmp(l.terms[0].cell, "S:a fordringar, 2016"));
	CHECK(l.terms[1].cell == NULL && l.terms[1].sign == -1 && l.terms[1].num == 2 * NUM_SCALE);
	CHECK(!strcmp(r.terms[0].target, "/mphla/verksamhetsplan-2016/#ekonomi"));
	figref_side_free(&l);
	figref_side_free(&r);
}

static void parse_bad(void)
{
	struct fig_side l, r;
	char err[256];
	CHECK(figref_parse("[A, 2016]", &l, &r, err, sizeof err) != 0);
	CHECK(figref_parse("[A, 2016] = [B, 2016] = [C, 2016]", &l, &r, err, sizeof err) != 0);
	CHECK(figref_parse("[A] = [B, 2016]", &l, &r, err, sizeof err) != 0 && strstr(err, "[A]"));
	CHECK(figref_parse("[A, 2016] = [B, 2016] [C, 2016]", &l, &r, err, sizeof err) != 0);
	CHECK(figref_parse("[A, 2016 = [B, 2016]", &l, &r, err, sizeof err) != 0);
	CHECK(figref_parse("[A, 2016] = ", &l, &r, err, sizeof err) != 0);
}

static void row(struct tbl *t, enum row_kind k, const char *label)
{
	tblcalc_add_row(t, k, label, 0);
}

static void levels(void)
{
	struct tbl *t = calloc(1, sizeof *t);
	t->label_col = -1;
	row(t, ROW_HEADING, "Tillgångar");            /* 0 */
	row(t, ROW_HEADING, "Omsättningstillgångar"); /* 1 */
	row(t, ROW_DATA, "Kassa och bank");           /* 2 */
	row(t, ROW_TOTAL, "Summa omsättningstillgångar"); /* 3 */
	row(t, ROW_TOTAL, "Summa tillgångar");        /* 4 */
	row(t, ROW_HEADING, "Intäkter");              /* 5 */
	row(t, ROW_DATA, "Bidrag");                   /* 6 */
	row(t, ROW_HEADING, "Kostnader");             /* 7: beside Intäkter */
	row(t, ROW_DATA, "Personal");                 /* 8 */
	t->rows[4].items = malloc(sizeof(int));
	t->rows[4].items[0] = 3;
	t->rows[4].nitems = 1;
	tblcalc_levels(t);
	CHECK(t->leveled);
	CHECK(t->rows[0].level == 1 && t->rows[1].level == 2 && t->rows[2].level == 3);
	CHECK(t->rows[3].level == 2 && t->rows[4].level == 1);
	CHECK(t->rows[3].nested && !t->rows[4].nested);
	CHECK(t->rows[5].level == 1 && t->rows[6].level == 2);
	CHECK(t->rows[7].level == 1 && t->rows[8].level == 2);
	tbl_free(t);
}

int main(void)
{
	parse_ok();
	parse_bad();
	levels();
	return check_done("figref");
}
