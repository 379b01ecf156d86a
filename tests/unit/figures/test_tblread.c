/* tblread.c and blockspec.c: a block's options and its CSV file read into
 * the table model, as a writer gives them: the rows' roles (data rows,
 * subtotals:, sums: as a range and as a list, group by, total:), the
 * columns (listed, inferred, hidden ones a formula reads), and the
 * options the spec refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blockopts.h"
#include "blockspec.h"
#include "check.h"
#include "diag.h"
#include "lang.h"
#include "table.h"
#include "tblread.h"

static char dir[64];

static const struct opt_spec spec[] = {
	{"file", OPT_TEXT, NULL, NULL, NULL},
	{"columns", OPT_MAP, NULL, NULL, NULL},
	{"total", OPT_TEXT, NULL, NULL, NULL},
	{"sums", OPT_LIST, NULL, NULL, NULL},
	{"subtotals", OPT_LIST, NULL, NULL, NULL},
	{"data rows", OPT_LIST, NULL, NULL, NULL},
	{"group by", OPT_TEXT, NULL, NULL, NULL},
	{"show", OPT_TEXT, "table|summary", NULL, NULL},
	{"show total", OPT_YESNO, NULL, "show=summary", NULL},
	{"download", OPT_YESNO, NULL, NULL, NULL},
	{"table", OPT_TEXT, NULL, NULL, "file"},
	{NULL, OPT_TEXT, NULL, NULL, NULL},
};

static void write_csv(const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/data.csv", dir);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* The options checked against spec, then read: the table, or NULL.
 * *spec_errors: what the spec refused. */
static struct tbl *read_block(const char *options, int *spec_errors)
{
	json_object *opts = NULL;
	struct fm_key *keys = NULL;
	size_t nkeys = 0;
	struct tbl *t = NULL;
	*spec_errors = -1;
	if (blockopts_parse("sida.md", "table", options, 4, &opts, &keys, &nkeys) != 0)
		return NULL;
	*spec_errors = blockspec_check("sida.md", "table", spec, opts, keys, nkeys);
	if (*spec_errors == 0) {
		struct table_ctx c;
		table_ctx_init(&c, 0);
		c.page_path = "sida.md";
		c.content_dir = dir;
		c.page_dir = "";
		c.page_stem = "sida";
		c.lang = lang_get("sv");
		t = tbl_from_options(&c, opts, keys, nkeys, 5, "table");
		table_ctx_free(&c);
	}
	json_object_put(opts);
	free(keys);
	return t;
}

/* "A:D B:D Summa:T" for the rows' labels and kinds */
static char *roles(const struct tbl *t)
{
	static char s[512];
	s[0] = '\0';
	for (size_t i = 0; t && i < t->nrows; i++) {
		char k = t->rows[i].kind == ROW_DATA ? 'D' : t->rows[i].kind == ROW_TOTAL ? 'T' : 'H';
		snprintf(s + strlen(s), sizeof s - strlen(s), "%s%s:%c", i ? " " : "", t->rows[i].label, k);
	}
	return s;
}

/* column j of row i in whole units, or -1 when empty */
static long long at(const struct tbl *t, size_t i, size_t j)
{
	return t->cols[j].has[i] ? (long long)(t->cols[j].v[i] / NUM_SCALE) : -1;
}

int main(void)
{
	diag_set_quiet(2);
	snprintf(dir, sizeof dir, "/tmp/planpress-tblread-%d", (int)getpid());
	mkdir(dir, 0755);
	int e;

	/* total: adds a row, computed */
	write_csv("Post;Belopp\nA;100\nB;200\n");
	struct tbl *t = read_block("file: data.csv\ntotal: Summa\n", &e);
	CHECK(t && !strcmp(roles(t), "A:D B:D Summa:T") && at(t, 2, 1) == 300);
	tbl_free(t);

	/* the file's own total is checked, not added again */
	write_csv("Post;Belopp\nA;100\nB;200\nSumma;300\n");
	t = read_block("file: data.csv\ntotal: Summa\n", &e);
	CHECK(t && !strcmp(roles(t), "A:D B:D Summa:T"));
	tbl_free(t);
	write_csv("Post;Belopp\nA;100\nB;200\nSumma;301\n");
	t = read_block("file: data.csv\ntotal: Summa\n", &e);
	CHECK(!t && e == 0);

	/* data rows: a label that reads like a total */
	write_csv("Post;Belopp\nKostnader totalt;100\nB;200\nSumma;300\n");
	t = read_block("file: data.csv\ndata rows: Kostnader totalt\n", &e);
	CHECK(t && !strcmp(roles(t), "Kostnader totalt:D B:D Summa:T") && at(t, 2, 1) == 300);
	tbl_free(t);

	/* subtotals: a row of its own below the last row it adds */
	write_csv("Post;Belopp\nA;100\nB;200\nC;50\nTotalt;350\n");
	t = read_block("file: data.csv\nsubtotals:\n  - Summa AB = A … B\n", &e);
	CHECK(t && !strcmp(roles(t), "A:D B:D Summa AB:T C:D Totalt:T") && at(t, 2, 1) == 300 &&
	      at(t, 4, 1) == 350);
	tbl_free(t);

	/* sums: a range and a list */
	write_csv("Post;Belopp\nA;1\nB;2\nC;4\nX;3\nY;5\n");
	t = read_block("file: data.csv\nsums:\n  - X = A … B\n  - Y = A + C\n", &e);
	CHECK(t && !strcmp(roles(t), "A:D B:D C:D X:T Y:T"));
	tbl_free(t);
	write_csv("Post;Belopp\nA;1\nB;2\nC;4\nX;4\n");
	t = read_block("file: data.csv\nsums:\n  - X = A … B\n", &e);
	CHECK(!t && e == 0); /* 1 + 2 is not 4 */

	/* group by: heading, rows, subtotal per group; the file's total last */
	write_csv("Slag;Post;Belopp\nI;A;1\nS;B;2\nI;C;4\n;Summa;7\n");
	t = read_block("file: data.csv\ncolumns:\n  Post: text\n  Belopp: number\ngroup by: Slag\n", &e);
	CHECK(t && !strcmp(roles(t), "I:H A:D C:D S:a I:T S:H B:D S:a S:T Summa:T") && at(t, 3, 1) == 5 &&
	      at(t, 6, 1) == 2);
	tbl_free(t);

	/* a formula reads a column it does not show: hidden */
	write_csv("Post;Utfall;Budget\nA;100;80\n");
	t = read_block("file: data.csv\ncolumns:\n  Post: text\n  Diff: = Utfall - Budget\n", &e);
	CHECK(t && t->ncols == 4 && t->cols[2].hidden && at(t, 0, 1) == 20);
	tbl_free(t);

	/* a column without a kind is figures when most of its cells are */
	write_csv("Post;Antal\nA;5\nB;7\n");
	t = read_block("file: data.csv\n", &e);
	CHECK(t && t->cols[1].kind == COL_NUMBER && t->cols[1].inferred && t->label_col == 0);
	tbl_free(t);

	/* the spec: forms, words, what an option needs or excludes */
	t = read_block("file: data.csv\ndownload: nja\n", &e);
	CHECK(!t && e == 1);
	t = read_block("file: data.csv\nshow total: nej\n", &e);
	CHECK(!t && e == 1);
	t = read_block("file: data.csv\nshow: sammanfattning\n", &e);
	CHECK(!t && e == 1);
	t = read_block("file: data.csv\ncolumns:\n  - Post\n", &e);
	CHECK(!t && e == 1);
	t = read_block("file: data.csv\ntable: t\n", &e);
	CHECK(!t && e == 1);
	t = read_block("file: data.csv\ntitel: Budget\n", &e);
	CHECK(!t && e == 1);
	t = read_block("file: data.csv\ndownload: nej\nsums: Summa\n", &e);
	CHECK(e == 0); /* one line under sums: is a list of one */
	tbl_free(t);

	char path[128];
	snprintf(path, sizeof path, "%s/data.csv", dir);
	unlink(path);
	rmdir(dir);
	return check_done("tblread");
}
