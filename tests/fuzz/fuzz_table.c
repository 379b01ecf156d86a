/* libFuzzer: tables and their audit. The input is a CSV file, after an
 * optional first line that picks one of a few table blocks (byte 0). The
 * invariant (issue 20): a table the calculation accepts always passes the
 * independent audit of its rendered HTML (tblaudit.c); abort otherwise.
 *
 * Columns shown rounded (kr shown as tkr, decimals cut) are among them:
 * their parts are rounded to add up to their totals as shown. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "lang.h"
#include "plaintext.h"
#include "table.h"
#include "tblaudit.h"

static char content[64], csv_path[128];

static const char *const blocks[] = {
	"file: a.csv\n",
	"file: a.csv\ntotal: Summa\n",
	"file: a.csv\ncolumns:\n  Post: text\n  A: number\n  B: number\n  Diff: = A − B\n",
	"file: a.csv\ncolumns:\n  Post: text\n  A: number\n  Andel: = A ÷ sum(A), percent 1\ntotal: Summa\n",
	"file: a.csv\ncolumns:\n  Post: text\n  A: number\n  B: number\n  Kvot: = A ÷ B, percent 1\n",
	"file: a.csv\ncolumns:\n  Post: text\n  A: number\nsums:\n  - Summa = Rad 1 … Rad 3\n",
	"file: a.csv\ncolumns:\n  Grupp: text\n  Post: text\n  A: number\ngroup by: Grupp\n",
	"file: a.csv\ncolumns:\n  Grupp: text\n  Post: text\n  A: number\ngroup by: Grupp\nshow: summary\n",
	"file: a.csv\ndata rows:\n  - Kostnader totalt\n",
	"file: a.csv\ncolumns:\n  Post: text\n  A: kr → tkr\n  B: kr → tkr 1\ntotal: Summa\n",
	"file: a.csv\ncolumns:\n  Post: text\n  A: number 0\n  B: percent\n",
	"file: a.csv\ncolumns:\n  Post: text\n  A: kr → mnkr 1\nsubtotals:\n  - Delsumma = Rad 1 … Rad 2\n",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(content, sizeof content, "/tmp/planpress-fuzz-table-%d", (int)getpid());
	mkdir(content, 0755);
	snprintf(csv_path, sizeof csv_path, "%s/a.csv", content);
	diag_set_quiet(2);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *block = blocks[data[0] % (sizeof blocks / sizeof *blocks)];
	FILE *f = fopen(csv_path, "wb");
	if (!f)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	struct table_ctx tc;
	table_ctx_init(&tc, 0);
	tc.page_path = "fuzz.md";
	tc.content_dir = content;
	tc.page_dir = "";
	tc.page_stem = "fuzz";
	tc.lang = lang_get("sv");
	buf_t html = BUF_INIT;
	long before = tbl_audit_failures();
	struct plaintext_block *text = NULL;
	table_block(&tc, block, 2, &html, &text);
	plaintext_block_free(text);
	if (tbl_audit_failures() != before) {
		fprintf(stderr, "a table the calculation accepted failed the audit:\n%s\n", buf_cstr(&html));
		abort();
	}
	buf_free(&html);
	table_ctx_free(&tc);
	return 0;
}
