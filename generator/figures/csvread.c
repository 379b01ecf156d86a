#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "fsutil.h"
#include "utf8.h"

/* Windows-1252's 0x80..0x9F; 0 marks the five bytes it leaves undefined. */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Returns the offset of the first byte Windows-1252 does not define, or
 * -1 after converting the whole text. */
static long from_cp1252(const unsigned char *s, size_t n, buf_t *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c >= 0x80 && c < 0xA0) {
			if (!cp1252[c - 0x80])
				return (long)i;
			utf8_put(out, cp1252[c - 0x80]);
		} else {
			utf8_put(out, c);
		}
	}
	return -1;
}

/* The separator that occurs most often outside quotes on the first line;
 * ';' (the Swedish Excel default) wins ties. */
static char detect_sep(const char *s, size_t n)
{
	int semi = 0, comma = 0, tab = 0, quoted = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ';')
			semi++;
		else if (!quoted && c == ',')
			comma++;
		else if (!quoted && c == '\t')
			tab++;
	}
	if (semi >= comma && semi >= tab)
		return ';';
	return tab >= comma ? '\t' : ',';
}

/* The cells go into one buffer, NUL after each, and are found by offset
 * while it grows; the table's pointers are made once at the end. A CSV
 * table used to cost a malloc and a free per cell. */
struct reader {
	struct csv_table *t;
	buf_t strings;     /* offset 0 is the empty string */
	size_t *row;       /* the fields of the row being read */
	size_t nfields, cap;
	size_t row_start;  /* strings.len when that row began */
	size_t *header;
	size_t *cells;     /* ncols per kept row */
	size_t ncells, cellcap;
	size_t linecap;
	int line;          /* line of the chunk being fed */
	int have_header;
	int failed;
	int too_many_reported;
};

static const char *field(const struct reader *r, size_t off)
{
	return r->strings.data + off;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->failed)
		return;
	if (len > CSV_MAX_CELL) {
		diag(DIAG_ERROR, r->t->path, r->line, (int)r->nfields + 1,
		     "cell is longer than %d bytes", CSV_MAX_CELL);
		r->failed = 1;
		return;
	}
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->row = xrealloc(r->row, r->cap * sizeof *r->row);
	}
	/* trim spaces and tabs around the field */
	const char *p = s ? s : "";
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 0) {
		r->row[r->nfields++] = 0;
		return;
	}
	r->row[r->nfields++] = r->strings.len;
	buf_put(&r->strings, p, len);
	buf_putc(&r->strings, '\0');
}

/* Forgets the row being read, and its strings. */
static void drop_row(struct reader *r)
{
	r->nfields = 0;
	r->strings.len = r->row_start;
	r->strings.data[r->row_start] = '\0';
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	struct csv_table *t = r->t;
	if (r->failed) {
		drop_row(r);
		return;
	}
	int blank = 1;
	for (size_t i = 0; i < r->nfields; i++)
		if (r->row[i])
			blank = 0;
	if (blank) {
		drop_row(r);
		return;
	}
	if (!r->have_header) {
		size_t n = r->nfields;
		while (n > 0 && !r->row[n - 1])
			n--;
		if (n > CSV_MAX_COLS) {
			diag(DIAG_ERROR, t->path, r->line, 0, "more than %d columns", CSV_MAX_COLS);
			r->failed = 1;
			drop_row(r);
			return;
		}
		t->ncols = n;
		r->header = xmalloc((n + 1) * sizeof *r->header);
		memcpy(r->header, r->row, n * sizeof *r->header);
		t->header_line = r->line;
		r->nfields = 0;
		r->row_start = r->strings.len;
		r->have_header = 1;
		for (size_t i = 0; i < n; i++)
			if (!r->header[i]) {
				diag(DIAG_ERROR, t->path, r->line, (int)i + 1,
				     "column %zu has no name in the header row", i + 1);
				r->failed = 1;
			}
		return;
	}
	for (size_t i = t->ncols; i < r->nfields; i++)
		if (r->row[i]) {
			diag(DIAG_ERROR, t->path, r->line, (int)i + 1,
			     "row has %zu fields but the header has %zu columns (cell \"%s\")",
			     r->nfields, t->ncols, field(r, r->row[i]));
			r->failed = 1;
			drop_row(r);
			return;
		}
	if (t->nrows >= CSV_MAX_ROWS) {
		if (!r->too_many_reported)
			diag(DIAG_ERROR, t->path, r->line, 0, "more than %d rows", CSV_MAX_ROWS);
		r->too_many_reported = 1;
		r->failed = 1;
		drop_row(r);
		return;
	}
	if (r->ncells + t->ncols > r->cellcap) {
		r->cellcap = r->cellcap ? r->cellcap * 2 : 64;
		while (r->cellcap < r->ncells + t->ncols)
			r->cellcap *= 2;
		r->cells = xrealloc(r->cells, r->cellcap * sizeof *r->cells);
	}
	for (size_t i = 0; i < t->ncols; i++)
		r->cells[r->ncells++] = i < r->nfields ? r->row[i] : 0;
	if (t->nrows == r->linecap) {
		r->linecap = r->linecap ? r->linecap * 2 : 16;
		t->lines = xrealloc(t->lines, r->linecap * sizeof *t->lines);
	}
	t->lines[t->nrows++] = r->line;
	r->nfields = 0;
	r->row_start = r->strings.len;
}

/* The table's pointers into its strings, now that they stay put. */
static void finish(struct reader *r)
{
	struct csv_table *t = r->t;
	t->text = buf_detach(&r->strings);
	if (r->header) {
		t->header = xmalloc((t->ncols + 1) * sizeof *t->header);
		for (size_t j = 0; j < t->ncols; j++)
			t->header[j] = t->text + r->header[j];
	}
	t->cells = xmalloc((t->nrows + 1) * sizeof *t->cells);
	t->cell_ptrs = xmalloc((t->nrows * t->ncols + 1) * sizeof *t->cell_ptrs);
	for (size_t i = 0; i < t->nrows; i++) {
		t->cells[i] = t->cell_ptrs + i * t->ncols;
		for (size_t j = 0; j < t->ncols; j++)
			t->cells[i][j] = t->text + r->cells[i * t->ncols + j];
	}
	free(r->header);
	free(r->cells);
	free(r->row);
}

int csv_table_read(const char *dir, const char *path, struct csv_table *t)
{
	size_t len;
	char *raw = dir ? fs_read_in(dir, path, &len, NULL) : fs_read(path, &len);
	if (!raw) {
		memset(t, 0, sizeof *t);
		t->path = xstrdup(path);
		if (errno == EFBIG)
			diag(DIAG_ERROR, path, 0, 0, "the CSV file is larger than %d MiB", FS_MAX_INPUT >> 20);
		else
			diag(DIAG_ERROR, path, 0, 0, "cannot read the CSV file: %s", fs_strerror(errno));
		return -1;
	}
	int rc = csv_table_parse(path, raw, len, t);
	free(raw);
	return rc;
}

int csv_table_parse(const char *path, const char *raw, size_t len, struct csv_table *t)
{
	memset(t, 0, sizeof *t);
	t->path = xstrdup(path);
	const unsigned char *u = (const unsigned char *)raw;
	size_t off = 0;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		off = 3;
	if (memchr(raw, '\0', len)) {
		diag(DIAG_ERROR, path, 0, 0,
		     "not a text file (it holds NUL bytes; is it an .xlsx? save it as CSV)");
		return -1;
	}
	buf_t text = BUF_INIT;
	if (utf8_check(raw + off, len - off) == len - off) {
		buf_put(&text, raw + off, len - off);
	} else {
		long bad = from_cp1252(u, len, &text);
		if (bad >= 0) {
			int line = 1;
			for (long i = 0; i < bad; i++)
				line += raw[i] == '\n';
			diag(DIAG_ERROR, path, line, 0,
			     "the file is neither UTF-8 nor Windows-1252 (byte 0x%02X); save it from Excel as \"CSV UTF-8\"",
			     u[bad]);
			buf_free(&text);
			return -1;
		}
		t->converted = 1;
	}

	t->sep = detect_sep(buf_cstr(&text), text.len);
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&p, (unsigned char)t->sep);
	struct reader r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.line = 1;
	buf_putc(&r.strings, '\0'); /* offset 0: the empty cell */
	r.row_start = r.strings.len;
	const char *s = buf_cstr(&text);
	size_t n = text.len, pos = 0;
	int rc = 0;
	while (pos < n && !r.failed) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t chunk = nl ? (size_t)(nl - (s + pos)) + 1 : n - pos;
		if (csv_parse(&p, s + pos, chunk, on_field, on_row, &r) != chunk) {
			diag(DIAG_ERROR, path, r.line, 0, "cannot read this line: %s",
			     csv_error(&p) == CSV_EPARSE
				     ? _("a quotation mark is out of place (a quoted cell must end with a closing \")")
				     : csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
		pos += chunk;
		if (nl)
			r.line++;
	}
	if (rc == 0 && !r.failed && csv_fini(&p, on_field, on_row, &r) != 0) {
		diag(DIAG_ERROR, path, r.line, 0,
		     "the file ends inside a quoted cell (a closing \" is missing)");
		rc = -1;
	}
	drop_row(&r);
	finish(&r);
	csv_free(&p);
	buf_free(&text);
	if (r.failed)
		rc = -1;
	if (rc == 0 && !r.have_header) {
		diag(DIAG_ERROR, path, 0, 0, "the CSV file is empty: expected a header row with column names");
		rc = -1;
	}
	return rc;
}

void csv_table_free(struct csv_table *t)
{
	free(t->cells);
	free(t->cell_ptrs);
	free(t->header);
	free(t->text);
	free(t->lines);
	free(t->path);
	memset(t, 0, sizeof *t);
}

int csv_table_column(const struct csv_table *t, const char *name)
{
	for (size_t j = 0; j < t->ncols; j++)
		if (!strcmp(t->header[j], name))
			return (int)j;
	return -1;
}
