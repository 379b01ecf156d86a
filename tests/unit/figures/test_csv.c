/* Unit tests of CSV import: separators, BOM, Windows-1252, CRLF, quoted
 * fields with separators and line breaks, and the errors. */
#include <stdlib.h>

#include "check.h"
#include "csvread.h"
#include "diag.h"
#include "fsutil.h"

static const char *write_tmp(const char *name, const char *data, size_t n)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name);
	fs_write(path, data, n);
	return path;
}

#define W(name, lit) write_tmp(name, lit, sizeof lit - 1)

int main(void)
{
	struct csv_table t;
	const char *p = W("pp-semi.csv", "\xEF\xBB\xBFPlats;Antal;Medel\r\nBOR\xC3\x85S;100;\"1 200\"\r\n\r\n\"MARK; s\xC3\xB6" "der\";50;\"175\"\r\n");
	CHECK(csv_table_read(NULL, p, &t) == 0);
	CHECK(t.sep == ';' && t.ncols == 3 && t.nrows == 2 && !t.converted);
	CHECK_STR(t.header[0], "Plats");
	CHECK_STR(t.cells[0][0], "BORÅS");
	CHECK_STR(t.cells[0][2], "1 200");
	CHECK_STR(t.cells[1][0], "MARK; söder");
	CHECK(t.lines[0] == 2 && t.lines[1] == 4);
	CHECK(csv_table_column(&t, "Medel") == 2);
	csv_table_free(&t);

	p = W("pp-comma.csv", "a,b\n\"x, y\",\"3 817,5\"\n\"two\nlines\",2\n");
	CHECK(csv_table_read(NULL, p, &t) == 0);
	CHECK(t.sep == ',' && t.nrows == 2);
	CHECK_STR(t.cells[0][0], "x, y");
	CHECK_STR(t.cells[1][0], "two\nlines");
	csv_table_free(&t);

	p = W("pp-tab.csv", "a\tb\n1\t2\n");
	CHECK(csv_table_read(NULL, p, &t) == 0 && t.sep == '\t' && t.nrows == 1);
	csv_table_free(&t);

	/* Windows-1252: å = 0xE5, – = 0x96 */
	p = W("pp-1252.csv", "Omr\xE5" "de;Belopp\nV\xE5rg\xE5rda;\x96" "5\n");
	CHECK(csv_table_read(NULL, p, &t) == 0 && t.converted);
	CHECK_STR(t.header[0], "Område");
	CHECK_STR(t.cells[0][0], "Vårgårda");
	CHECK_STR(t.cells[0][1], "\xE2\x80\x93" "5");
	csv_table_free(&t);

	diag_set_quiet(1);
	int before = diag_error_count();
	p = W("pp-bad.csv", "a;b\n\x81;1\n");          /* 0x81: not Windows-1252 */
	CHECK(csv_table_read(NULL, p, &t) != 0);
	csv_table_free(&t);
	p = W("pp-quote.csv", "a;b\n\"open;1\n");
	CHECK(csv_table_read(NULL, p, &t) != 0);
	csv_table_free(&t);
	p = W("pp-wide.csv", "a;b\n1;2;3\n");
	CHECK(csv_table_read(NULL, p, &t) != 0);
	csv_table_free(&t);
	p = W("pp-empty.csv", "\n\n");
	CHECK(csv_table_read(NULL, p, &t) != 0);
	csv_table_free(&t);
	p = W("pp-nul.csv", "a;b\n1\0;2\n");
	CHECK(csv_table_read(NULL, p, &t) != 0);
	csv_table_free(&t);
	CHECK(diag_error_count() == before + 5);
	/* trailing empty fields, as Excel writes them, are fine */
	p = W("pp-trail.csv", "a;b;;\n1;2;;\n");
	CHECK(csv_table_read(NULL, p, &t) == 0 && t.ncols == 2 && t.nrows == 1);
	csv_table_free(&t);
	return check_done("csv");
}
