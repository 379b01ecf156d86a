/* tblcalc.c on models made by hand: roles, empty cells, nested totals,
 * declared totals, formulas on totals, shares and a summary. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "expr.h"
#include "lang.h"
#include "table.h"
#include "tblcalc.h"

#define K NUM_SCALE
#define NONE (-999999999LL) /* an empty cell in the tables below */

static struct table_ctx ctx;

/* A table of a text label column and n figure columns, rows given as
 * label + figures (NONE for an empty cell). */
static struct tbl *make(size_t nfig, const char *const *labels, const long long *figs, size_t nrows)
{
	struct tbl *t = calloc(1, sizeof *t);
	t->ncols = 1 + nfig;
	t->cols = calloc(t->ncols + 1, sizeof *t->cols);
	t->label_col = 0;
	t->csv_path = strdup("data.csv");
	t->cols[0].name = strdup("Post");
	t->cols[0].label = strdup("Post");
	t->cols[0].kind = COL_TEXT;
	t->cols[0].csv = 0;
	for (size_t j = 1; j < t->ncols; j++) {
		char name[8] = {'V', (char)('0' + j), 0};
		t->cols[j].name = strdup(name);
		t->cols[j].label = strdup(name);
		t->cols[j].kind = COL_NUMBER;
		t->cols[j].csv = (int)j;
	}
	for (size_t i = 0; i < nrows; i++) {
		tblcalc_add_row(t, ROW_DATA, labels[i], (int)i + 2);
		for (size_t j = 1; j < t->ncols; j++) {
			long long v = figs[i * nfig + (j - 1)];
			if (v != NONE) {
				t->cols[j].v[i] = v * K;
				t->cols[j].has[i] = 1;
			}
		}
	}
	return t;
}

static int find_fig(void *ud, const char *name)
{
	const struct tbl *t = ud;
	for (size_t j = 0; j < t->ncols; j++)
		if (t->cols[j].name && !strcmp(t->cols[j].name, name))
			return (int)j;
	return -1;
}

/* row r's scope as a sums: line gives it: rows [from, to), or the n rows
 * of list when list is not NULL */
struct given {
	size_t r;
	int from, to;
	const int *list;
	size_t n;
};

static void set_given(struct tbl *t, struct scope *sc, const struct given *g)
{
	t->rows[g->r].kind = ROW_TOTAL;
	sc[g->r].line = 9;
	if (g->list) {
		sc[g->r].explicit_list = 1;
		sc[g->r].list = malloc(g->n * sizeof *sc[g->r].list);
		memcpy(sc[g->r].list, g->list, g->n * sizeof *g->list);
		sc[g->r].nlist = g->n;
	} else {
		sc[g->r].from = g->from;
		sc[g->r].to = g->to;
		sc[g->r].nlist = 1;
	}
}

/* Roles, default scopes and totals, as tbl_from_options runs them; g,
 * when not NULL, sets a scope first, as a sums: line does. */
static int compute(struct tbl *t, const struct given *g)
{
	tblcalc_roles(t);
	struct scope *sc = calloc(t->nrows + 2, sizeof *sc);
	if (g)
		set_given(t, sc, g);
	tblcalc_default_scopes(t, sc);
	int rc = tblcalc_totals(&ctx, t, sc);
	for (size_t r = 0; r < t->nrows; r++)
		free(sc[r].list);
	free(sc);
	return rc;
}

static int run(struct tbl *t)
{
	return compute(t, NULL);
}

static int run_given(struct tbl *t, size_t r, int from, int to, const int *list, size_t n)
{
	struct given g = {r, from, to, list, n};
	return compute(t, &g);
}

static long long at(const struct tbl *t, size_t r, size_t j)
{
	return t->cols[j].has[r] ? t->cols[j].v[r] / K : NONE;
}

int main(void)
{
	diag_set_quiet(2);
	table_ctx_init(&ctx, 0);
	ctx.page_path = "sida.md";
	ctx.lang = lang_get("sv");

	/* labels */
	CHECK(tblcalc_total_label("Summa") && tblcalc_total_label("summa:") &&
	      tblcalc_total_label("S:a fordringar") && tblcalc_total_label("Summa totalt") &&
	      tblcalc_total_label("TOTALT") && tblcalc_total_label("Kommunerna, summa") &&
	      tblcalc_total_label("Kostnader totalt"));
	CHECK(!tblcalc_total_label("Summering") && !tblcalc_total_label("Totalförsvaret") &&
	      !tblcalc_total_label("") && !tblcalc_total_label("Insatser"));
	CHECK(tblcalc_same_label("ÖVRIGA KOSTNADER:", "övriga kostnader"));

	/* roles and a heading's S:a; nested totals count once */
	{
		const char *l[] = {"Fordringar", "Kundfordringar", "Övriga", "S:a fordringar", "Kassa", "Summa"};
		long long f[] = {NONE, 100, 50, NONE, 25, NONE};
		struct tbl *t = make(1, l, f, 6);
		CHECK(run(t) == 0);
		CHECK(t->rows[0].kind == ROW_HEADING && t->rows[3].kind == ROW_TOTAL && t->rows[5].kind == ROW_TOTAL);
		CHECK(at(t, 3, 1) == 150 && at(t, 5, 1) == 175);
		CHECK(t->rows[5].nitems == 2); /* S:a fordringar and Kassa */
		tbl_free(t);
	}
	/* totals are computed from the top down: a total given by sums:
	 * may add up rows below it, but not itself or a total below it */
	{
		const char *l[] = {"Totalt", "A", "B", "S:a", "C"};
		long long f[] = {NONE, 1, 2, NONE, 4};
		struct tbl *t = make(1, l, f, 5);
		CHECK(run_given(t, 0, 1, 3, NULL, 0) == 0 && at(t, 0, 1) == 3); /* A … B, below it */
		tbl_free(t);
		t = make(1, l, f, 5);
		CHECK(run_given(t, 0, 1, 5, NULL, 0) == -1); /* A … C takes in S:a */
		tbl_free(t);
		t = make(1, l, f, 5);
		int below[] = {1, 3};
		CHECK(run_given(t, 0, 0, 0, below, 2) == -1); /* A + S:a */
		tbl_free(t);
		const char *m[] = {"A", "Summa", "B", "C"};
		long long g[] = {1, NONE, 2, 4};
		t = make(1, m, g, 4);
		CHECK(run_given(t, 1, 0, 4, NULL, 0) == -1); /* A … C takes in Summa itself */
		tbl_free(t);
		t = make(1, m, g, 4);
		int self[] = {0, 1, 2};
		CHECK(run_given(t, 1, 0, 0, self, 3) == -1); /* A + Summa + B */
		tbl_free(t);
		t = make(1, m, g, 4);
		int others[] = {0, 2, 3};
		CHECK(run_given(t, 1, 0, 0, others, 3) == 0 && at(t, 1, 1) == 7); /* A + B + C */
		tbl_free(t);
	}
	/* a declared total is checked */
	{
		const char *l[] = {"A", "B", "Summa"};
		long long f[] = {100, 200, 301};
		struct tbl *t = make(1, l, f, 3);
		CHECK(run(t) == -1);
		tbl_free(t);
		long long ok[] = {100, 200, 300};
		t = make(1, l, ok, 3);
		CHECK(run(t) == 0 && at(t, 2, 1) == 300);
		tbl_free(t);
	}
	/* empty is not zero: a total of nothing stays empty; a figure
	 * declared over nothing is an error */
	{
		const char *l[] = {"A", "B", "Summa"};
		long long f[] = {NONE, 5, NONE, 7, NONE, NONE};
		struct tbl *t = make(2, l, f, 3);
		CHECK(run(t) == 0 && at(t, 2, 1) == NONE && at(t, 2, 2) == 12);
		tbl_free(t);
		long long g[] = {NONE, NONE, 0};
		t = make(1, l, g, 3);
		CHECK(run(t) == -1);
		tbl_free(t);
	}
	/* the same total twice */
	{
		const char *l[] = {"A", "Totalt", "Totalt"};
		long long f[] = {10, 10, 10};
		struct tbl *t = make(1, l, f, 3);
		CHECK(run(t) == -1);
		tbl_free(t);
	}
	/* an Excel sum with its label in another text column */
	{
		const char *l[] = {"Individ", "Struktur", ""};
		long long f[] = {10, 20, 30};
		struct tbl *t = make(1, l, f, 3);
		t->cols = realloc(t->cols, 4 * sizeof *t->cols);
		memmove(&t->cols[2], &t->cols[1], sizeof *t->cols);
		memset(&t->cols[1], 0, sizeof *t->cols);
		t->cols[1].name = strdup("Namn");
		t->cols[1].label = strdup("Namn");
		t->cols[1].kind = COL_TEXT;
		t->cols[1].text = calloc(4, sizeof(char *));
		t->cols[1].text[2] = strdup("Summa");
		t->cols[1].v = calloc(4, sizeof(num_t));
		t->cols[1].has = calloc(4, 1);
		t->cols[1].marker = calloc(4, 1);
		t->cols[1].dash = calloc(4, 1);
		t->ncols = 3;
		CHECK(run(t) == 0 && t->rows[2].kind == ROW_TOTAL && !strcmp(t->rows[2].label, "Summa"));
		tbl_free(t);
	}
	/* inserted subtotal between rows */
	{
		const char *l[] = {"A", "B", "C"};
		long long f[] = {1, 2, 3};
		struct tbl *t = make(1, l, f, 3);
		tblcalc_insert_row(t, 2, ROW_TOTAL, "S:a AB");
		CHECK(t->nrows == 4 && !strcmp(t->rows[2].label, "S:a AB") && !strcmp(t->rows[3].label, "C") &&
		      at(t, 3, 1) == 3 && !t->cols[1].has[2]);
		tbl_free(t);
	}
	/* formulas: a difference totals the sum of its parts as shown (an
	 * empty input gives an empty part), a ratio is computed again from the
	 * total's own figures, a share column adds up to exactly 100 % */
	{
		const char *l[] = {"A", "B", "C", "Summa"};
		long long f[] = {10, 4, 20, 5, NONE, 7, NONE, NONE};
		struct tbl *t = make(2, l, f, 4);
		t->cols = realloc(t->cols, 7 * sizeof *t->cols);
		const char *names[] = {"Diff", "Kvot", "Andel"};
		const char *src[] = {"V1 - V2", "V1 ÷ V2", "V2 ÷ sum(V2)"};
		for (int k = 0; k < 3; k++) {
			struct tcol *col = &t->cols[3 + k];
			memset(col, 0, sizeof *col);
			col->name = strdup(names[k]);
			col->label = strdup(names[k]);
			col->kind = k ? COL_PERCENT : COL_NUMBER;
			col->decimals = k ? 1 : -1;
			col->csv = -1;
			col->v = calloc(t->cap + 1, sizeof(num_t));
			col->has = calloc(t->cap + 1, 1);
			col->marker = calloc(t->cap + 1, 1);
			col->dash = calloc(t->cap + 1, 1);
		}
		t->ncols = 6;
		char err[128];
		for (int k = 0; k < 3; k++) {
			struct tcol *col = &t->cols[3 + k];
			col->expr = expr_parse(src[k], find_fig, t, err, sizeof err);
		}
		tblcalc_roles(t);
		CHECK(tblcalc_formulas(&ctx, t, 1) == 0);
		CHECK(at(t, 0, 3) == 6 && at(t, 1, 3) == 15 && at(t, 2, 3) == NONE);
		CHECK(run(t) == 0);
		CHECK(at(t, 3, 3) == 21);                       /* 6 + 15 */
		CHECK(t->cols[4].v[3] == 1875000);            /* 30 ÷ 16 = 187,5 %, from the totals */
		num_t shares = t->cols[5].v[0] + t->cols[5].v[1] + t->cols[5].v[2];
		CHECK(shares == K && t->cols[5].v[3] == K);
		tbl_free(t);
	}
	table_ctx_free(&ctx);
	return check_done("tblcalc");
}
