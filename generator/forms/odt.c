/*
 * odt: a report as an OpenDocument text file (see odt.h).
 */
#include "odt.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "config.h"
#include "diag.h"
#include "doctype.h"
#include "dynlib.h"
#include "html.h"
#include "lang.h"
#include "numfmt.h"
#include "site.h"
#include "table.h"
#include "version.h"

#ifndef LIBXML2_SONAME
#define LIBXML2_SONAME "libxml2.so.2"
#endif
#ifndef LIBZIP_SONAME
#define LIBZIP_SONAME "libzip.so.4"
#endif

/* what is used of libxml2 and libzip */
static struct {
	__typeof__(&xmlInitParser) init;
	__typeof__(&xmlBufferCreate) buf_new;
	__typeof__(&xmlBufferFree) buf_free;
	__typeof__(&xmlBufferContent) buf_content;
	__typeof__(&xmlBufferLength) buf_len;
	__typeof__(&xmlNewTextWriterMemory) writer_new;
	__typeof__(&xmlFreeTextWriter) writer_free;
	__typeof__(&xmlTextWriterStartDocument) start_doc;
	__typeof__(&xmlTextWriterEndDocument) end_doc;
	__typeof__(&xmlTextWriterStartElement) start;
	__typeof__(&xmlTextWriterEndElement) end;
	__typeof__(&xmlTextWriterWriteAttribute) attr;
	__typeof__(&xmlTextWriterWriteString) string;
	__typeof__(&xmlTextWriterWriteElement) element;
} x;

static struct {
	__typeof__(&zip_source_buffer_create) src_new;
	__typeof__(&zip_source_buffer) src_buffer;
	__typeof__(&zip_source_keep) src_keep;
	__typeof__(&zip_source_free) src_free;
	__typeof__(&zip_source_open) src_open;
	__typeof__(&zip_source_read) src_read;
	__typeof__(&zip_source_close) src_close;
	__typeof__(&zip_open_from_source) open;
	__typeof__(&zip_file_add) add;
	__typeof__(&zip_set_file_compression) compression;
	__typeof__(&zip_file_set_dostime) dostime;
	__typeof__(&zip_close) close;
	__typeof__(&zip_discard) discard;
	__typeof__(&zip_strerror) strerror;
} z;

int odt_load(void)
{
	const struct dynlib_sym xsyms[] = {
		{"xmlInitParser", &x.init},
		{"xmlBufferCreate", &x.buf_new},
		{"xmlBufferFree", &x.buf_free},
		{"xmlBufferContent", &x.buf_content},
		{"xmlBufferLength", &x.buf_len},
		{"xmlNewTextWriterMemory", &x.writer_new},
		{"xmlFreeTextWriter", &x.writer_free},
		{"xmlTextWriterStartDocument", &x.start_doc},
		{"xmlTextWriterEndDocument", &x.end_doc},
		{"xmlTextWriterStartElement", &x.start},
		{"xmlTextWriterEndElement", &x.end},
		{"xmlTextWriterWriteAttribute", &x.attr},
		{"xmlTextWriterWriteString", &x.string},
		{"xmlTextWriterWriteElement", &x.element},
		{NULL, NULL},
	};
	const struct dynlib_sym zsyms[] = {
		{"zip_source_buffer_create", &z.src_new},
		{"zip_source_buffer", &z.src_buffer},
		{"zip_source_keep", &z.src_keep},
		{"zip_source_free", &z.src_free},
		{"zip_source_open", &z.src_open},
		{"zip_source_read", &z.src_read},
		{"zip_source_close", &z.src_close},
		{"zip_open_from_source", &z.open},
		{"zip_file_add", &z.add},
		{"zip_set_file_compression", &z.compression},
		{"zip_file_set_dostime", &z.dostime},
		{"zip_close", &z.close},
		{"zip_discard", &z.discard},
		{"zip_strerror", &z.strerror},
		{NULL, NULL},
	};
	if (dynlib_load(LIBXML2_SONAME, "libxml2", "build (odt)", xsyms) != 0 ||
	    dynlib_load(LIBZIP_SONAME, "libzip4", "build (odt)", zsyms) != 0)
		return -1;
	x.init();
	return 0;
}

/* ---- writing XML ---------------------------------------------------- */

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define ODF_VERSION "1.2"

/* One XML file being written. A writer that failed once stays failed:
 * each call after is skipped, and the end says so. */
struct xw {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int failed;
};

static int xw_begin(struct xw *o)
{
	memset(o, 0, sizeof *o);
	o->buf = x.buf_new();
	o->w = o->buf ? x.writer_new(o->buf, 0) : NULL;
	if (!o->w || x.start_doc(o->w, NULL, "UTF-8", NULL) < 0)
		o->failed = 1;
	return o->failed ? -1 : 0;
}

static void el(struct xw *o, const char *name)
{
	if (!o->failed && x.start(o->w, BAD_CAST name) < 0)
		o->failed = 1;
}

static void end(struct xw *o)
{
	if (!o->failed && x.end(o->w) < 0)
		o->failed = 1;
}

static void at(struct xw *o, const char *name, const char *value)
{
	if (!o->failed && x.attr(o->w, BAD_CAST name, BAD_CAST value) < 0)
		o->failed = 1;
}

static void txt(struct xw *o, const char *s)
{
	if (!o->failed && s && *s && x.string(o->w, BAD_CAST s) < 0)
		o->failed = 1;
}

static void txtn(struct xw *o, const char *s, size_t n)
{
	char *t = xstrndup(s, n);
	txt(o, t);
	free(t);
}

/* An element with text only: <name>text</name>. */
static void el_text(struct xw *o, const char *name, const char *s)
{
	if (!o->failed && x.element(o->w, BAD_CAST name, BAD_CAST(s ? s : "")) < 0)
		o->failed = 1;
}

/* Ends the document; its text, malloc'd, or NULL when writing failed. */
static char *xw_finish(struct xw *o, size_t *len)
{
	if (!o->failed && x.end_doc(o->w) < 0)
		o->failed = 1;
	if (o->w)
		x.writer_free(o->w); /* flushes into buf */
	char *out = NULL;
	if (!o->failed && o->buf) {
		*len = (size_t)x.buf_len(o->buf);
		out = xmalloc(*len + 1);
		memcpy(out, x.buf_content(o->buf), *len);
		out[*len] = '\0';
	}
	if (o->buf)
		x.buf_free(o->buf);
	return out;
}

/* Text with its runs of spaces kept (text:s) and its line ends as line
 * breaks: for code, where the spaces mean something. */
static void txt_kept(struct xw *o, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, " \n");
		txtn(o, s, n);
		s += n;
		if (*s == '\n') {
			if (s[1]) {
				el(o, "text:line-break");
				end(o);
			}
			s++;
		} else if (*s == ' ') {
			size_t k = strspn(s, " ");
			txt(o, " ");
			if (k > 1) {
				char c[24];
				snprintf(c, sizeof c, "%zu", k - 1);
				el(o, "text:s");
				at(o, "text:c", c);
				end(o);
			}
			s += k;
		}
	}
}

/* ---- the text, from the parse tree ---------------------------------- */

struct body {
	struct xw *o;
	const struct site *s;
	const struct page *p;
	char *(*rewrite)(void *ud, const char *url, int line);
	void *ud;
	cmark_node_type t_table, t_row, t_cell, t_strike;
	cmark_node **notes;   /* the footnote definitions, by number - 1 */
	size_t nnotes;
	size_t heading;       /* the next of the document's own headings */
	size_t block;         /* the next ```table or ```chart block */
	char *page_url;       /* the web page's full address */
};

static void blocks(struct body *b, cmark_node *first, const char *para_style);

/* A link's full address: a document read from a disk has no site around
 * it, so every link leads to the web. */
static char *full_url(struct body *b, const char *url)
{
	char *r = b->rewrite ? b->rewrite(b->ud, url, 0) : NULL;
	const char *u = r ? r : url;
	char *out;
	int scheme = 0;
	for (const char *c = u; *c && *c != '/' && *c != '?' && *c != '#'; c++)
		if (*c == ':')
			scheme = 1;
	if (scheme || (u[0] == '/' && u[1] == '/')) {
		out = xstrdup(u);
	} else if (u[0] == '/') {
		/* the site's root is base_url; base_path is its path part */
		const struct config *c = &b->s->cfg;
		size_t blen = strlen(c->base_url), plen = strlen(c->base_path);
		out = xasprintf("%.*s%s", (int)(blen >= plen ? blen - plen : 0), c->base_url, u);
	} else {
		out = xasprintf("%s%s", b->page_url, u);
	}
	free(r);
	return out;
}

static void span(struct xw *o, const char *style)
{
	el(o, "text:span");
	at(o, "text:style-name", style);
}

static void inlines(struct body *b, cmark_node *first)
{
	struct xw *o = b->o;
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		switch (t) {
		case CMARK_NODE_TEXT:
			txt(o, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			txt(o, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			el(o, "text:line-break");
			end(o);
			break;
		case CMARK_NODE_CODE:
			span(o, "Source_20_Text");
			txt(o, cmark_node_get_literal(n));
			end(o);
			break;
		case CMARK_NODE_EMPH:
			span(o, "Emphasis");
			inlines(b, cmark_node_first_child(n));
			end(o);
			break;
		case CMARK_NODE_STRONG:
			span(o, "Strong_20_Emphasis");
			inlines(b, cmark_node_first_child(n));
			end(o);
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(n);
			if (url && *url) {
				char *full = full_url(b, url);
				el(o, "text:a");
				at(o, "xlink:type", "simple");
				at(o, "xlink:href", full);
				free(full);
				inlines(b, cmark_node_first_child(n));
				end(o);
			} else {
				inlines(b, cmark_node_first_child(n));
			}
			break;
		}
		case CMARK_NODE_IMAGE:
			/* the picture stays on the web page; its text is said */
			inlines(b, cmark_node_first_child(n));
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE: {
			const char *lit = cmark_node_get_literal(n);
			int num = lit ? atoi(lit) : 0;
			if (num < 1 || (size_t)num > b->nnotes)
				break;
			el(o, "text:note");
			at(o, "text:note-class", "footnote");
			el_text(o, "text:note-citation", lit);
			el(o, "text:note-body");
			blocks(b, cmark_node_first_child(b->notes[num - 1]), "Footnote");
			end(o);
			end(o);
			break;
		}
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_CUSTOM_INLINE:
			break;
		default:
			if (t == b->t_strike) {
				span(o, "Strikethrough");
				inlines(b, cmark_node_first_child(n));
				end(o);
			} else {
				inlines(b, cmark_node_first_child(n));
			}
			break;
		}
	}
}

static void para(struct xw *o, const char *style)
{
	el(o, "text:p");
	at(o, "text:style-name", style);
}

static void cell(struct xw *o, const char *cell_style, const char *para_style, const char *text)
{
	el(o, "table:table-cell");
	at(o, "table:style-name", cell_style);
	at(o, "office:value-type", "string");
	para(o, para_style);
	txt(o, text);
	end(o);
	end(o);
}

static void table_columns(struct xw *o, size_t n)
{
	char c[24];
	snprintf(c, sizeof c, "%zu", n);
	el(o, "table:table-column");
	at(o, "table:style-name", "TableColumn");
	at(o, "table:number-columns-repeated", c);
	end(o);
}

/* A ```table block, from its model: the figures as the web page shows
 * them, right-aligned, the totals bold. */
static void model_table(struct body *b, const struct tbl *t)
{
	struct xw *o = b->o;
	const struct table_ctx *c = &b->p->tables;
	buf_t s = BUF_INIT;
	para(o, "Table");
	buf_printf(&s, "%s.", t->numbered);
	if (t->caption)
		buf_printf(&s, " %s", t->caption);
	txt(o, buf_cstr(&s));
	end(o);
	size_t shown = 0;
	for (size_t j = 0; j < t->ncols; j++)
		shown += !t->cols[j].hidden;
	el(o, "table:table");
	at(o, "table:name", t->numbered);
	at(o, "table:style-name", "Table");
	table_columns(o, shown);
	el(o, "table:table-header-rows");
	el(o, "table:table-row");
	for (size_t j = 0; j < t->ncols; j++)
		if (!t->cols[j].hidden)
			cell(o, "TableHeading", t->cols[j].kind != COL_TEXT ? "Table_20_Heading_20_Figure"
									    : "Table_20_Heading",
			     t->cols[j].label);
	end(o);
	end(o);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];
		int total = r->kind == ROW_TOTAL;
		el(o, "table:table-row");
		if (r->kind == ROW_HEADING) {
			char span_n[24];
			snprintf(span_n, sizeof span_n, "%zu", shown);
			el(o, "table:table-cell");
			at(o, "table:style-name", "TableCell");
			at(o, "table:number-columns-spanned", span_n);
			at(o, "office:value-type", "string");
			para(o, "Table_20_Row_20_Heading");
			txt(o, r->label);
			end(o);
			end(o);
			for (size_t k = 1; k < shown; k++) {
				el(o, "table:covered-table-cell");
				end(o);
			}
			end(o);
			continue;
		}
		for (size_t j = 0; j < t->ncols; j++) {
			const struct tcol *col = &t->cols[j];
			if (col->hidden)
				continue;
			buf_reset(&s);
			int figure = 0;
			if ((int)j == t->label_col) {
				buf_puts(&s, r->label);
				for (int k = 0; k < r->marker; k++)
					buf_putc(&s, '*');
			} else if (col->kind == COL_TEXT) {
				if (col->text && col->text[i])
					buf_puts(&s, col->text[i]);
			} else {
				figure = 1;
				if (col->dash[i] && !col->has[i])
					buf_puts(&s, "\xE2\x80\x93");
				if (col->has[i]) {
					tbl_format(c, col, col->v[i], &s, NUMFMT_HTML);
					for (int k = 0; k < col->marker[i]; k++)
						buf_putc(&s, '*');
				}
			}
			const char *ps = total ? figure ? "Table_20_Total_20_Figure" : "Table_20_Total"
					       : figure ? "Table_20_Figure" : "Table_20_Contents";
			cell(o, total ? "TableTotal" : "TableCell", ps, buf_cstr(&s));
		}
		end(o);
	}
	end(o);
	buf_free(&s);
}

/* A Markdown pipe table. */
static void pipe_table(struct body *b, cmark_node *table)
{
	struct xw *o = b->o;
	uint16_t ncols = cmark_gfm_extensions_get_table_columns(table);
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	el(o, "table:table");
	at(o, "table:style-name", "Table");
	table_columns(o, ncols ? ncols : 1);
	int in_head = 0;
	for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
		if (cmark_node_get_type(row) != b->t_row)
			continue;
		int head = cmark_gfm_extensions_get_table_row_is_header(row);
		if (head && !in_head) {
			el(o, "table:table-header-rows");
			in_head = 1;
		} else if (!head && in_head) {
			end(o);
			in_head = 0;
		}
		el(o, "table:table-row");
		uint16_t k = 0;
		for (cmark_node *c = cmark_node_first_child(row); c; c = cmark_node_next(c), k++) {
			int right = align && k < ncols && align[k] == 'r';
			el(o, "table:table-cell");
			at(o, "table:style-name", head ? "TableHeading" : "TableCell");
			at(o, "office:value-type", "string");
			para(o, head ? right ? "Table_20_Heading_20_Figure" : "Table_20_Heading"
				     : right ? "Table_20_Figure" : "Table_20_Contents");
			inlines(b, cmark_node_first_child(c));
			end(o);
			end(o);
		}
		end(o);
	}
	if (in_head)
		end(o);
	end(o);
}

static void list(struct body *b, cmark_node *n, const char *para_style)
{
	struct xw *o = b->o;
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	el(o, "text:list");
	at(o, "text:style-name", ordered ? "Numbering_20_123" : "List_20_1");
	int first = 1;
	for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
		el(o, "text:list-item");
		if (first && ordered && cmark_node_get_list_start(n) != 1) {
			char v[24];
			snprintf(v, sizeof v, "%d", cmark_node_get_list_start(n));
			at(o, "text:start-value", v);
		}
		first = 0;
		blocks(b, cmark_node_first_child(item),
		       strcmp(para_style, "Text_20_body") ? para_style : "List_20_Contents");
		end(o);
	}
	end(o);
}

static void blocks(struct body *b, cmark_node *first, const char *para_style)
{
	struct xw *o = b->o;
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
			para(o, para_style);
			inlines(b, cmark_node_first_child(n));
			end(o);
			break;
		case CMARK_NODE_HEADING: {
			/* the document's own headings have their numbers (and
			 * the first rendering took their {-} marks out); one in a
			 * list or quote is only bold text */
			const struct md_heading *h = NULL;
			if (cmark_node_parent(n) && cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT &&
			    b->heading < b->p->md.nheadings)
				h = &b->p->md.headings[b->heading++];
			if (!h) {
				para(o, "Heading");
				inlines(b, cmark_node_first_child(n));
				end(o);
				break;
			}
			int level = h->depth + 1;
			char style[32], lv[16];
			snprintf(style, sizeof style, "Heading_20_%d", level > 6 ? 6 : level);
			snprintf(lv, sizeof lv, "%d", level);
			el(o, "text:h");
			at(o, "text:style-name", style);
			at(o, "text:outline-level", lv);
			if (h->number) {
				txt(o, h->number);
				txt(o, " ");
			}
			inlines(b, cmark_node_first_child(n));
			end(o);
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(b, cmark_node_first_child(n), "Quotations");
			break;
		case CMARK_NODE_LIST:
			list(b, n, para_style);
			break;
		case CMARK_NODE_CODE_BLOCK:
			para(o, "Preformatted_20_Text");
			txt_kept(o, cmark_node_get_literal(n));
			end(o);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			para(o, "Horizontal_20_Line");
			end(o);
			break;
		case CMARK_NODE_CUSTOM_BLOCK: {
			/* a ```table or ```chart block, in the order the tables'
			 * model holds them */
			const struct table_ctx *c = &b->p->tables;
			const struct tbl *tb = b->block < c->ntbl ? c->tables[b->block] : NULL;
			b->block++;
			if (tb && tb->ncols > 0) {
				model_table(b, tb);
			} else if (tb) {
				/* a chart is drawn on the web page only */
				char *url = xasprintf("%s#%s", b->page_url, tb->id);
				para(o, "Caption");
				el(o, "text:a");
				at(o, "xlink:type", "simple");
				at(o, "xlink:href", url);
				txt(o, tb->numbered);
				end(o);
				end(o);
				free(url);
			}
			break;
		}
		case CMARK_NODE_FOOTNOTE_DEFINITION:
		case CMARK_NODE_HTML_BLOCK:
			break;
		default:
			if (t == b->t_table)
				pipe_table(b, n);
			else
				blocks(b, cmark_node_first_child(n), para_style);
			break;
		}
	}
}

struct odt_body {
	char *content; /* content.xml */
	size_t len;
};

/* The automatic styles of content.xml: the look of tables' cells, which
 * a word processor keeps with each table. */
static void table_styles(struct xw *o)
{
	el(o, "office:automatic-styles");
	el(o, "style:style");
	at(o, "style:name", "Table");
	at(o, "style:family", "table");
	el(o, "style:table-properties");
	at(o, "style:width", "16cm");
	at(o, "table:align", "margins");
	at(o, "fo:margin-top", "0.1cm");
	at(o, "fo:margin-bottom", "0.4cm");
	end(o);
	end(o);
	el(o, "style:style");
	at(o, "style:name", "TableColumn");
	at(o, "style:family", "table-column");
	end(o);
	static const char *const cells[][2] = {
		{"TableHeading", "0.5pt solid #000000"},
		{"TableCell", "0.5pt solid #b0b0b0"},
		{"TableTotal", "0.5pt solid #000000"},
	};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		el(o, "style:style");
		at(o, "style:name", cells[i][0]);
		at(o, "style:family", "table-cell");
		el(o, "style:table-cell-properties");
		at(o, "fo:padding", "0.06cm");
		at(o, i == 2 ? "fo:border-top" : "fo:border-bottom", cells[i][1]);
		end(o);
		end(o);
	}
	end(o);
}

struct odt_body *odt_body_make(const struct site *s, const struct page *p, cmark_node *doc,
			       char *(*rewrite)(void *ud, const char *url, int line), void *ud)
{
	struct xw o;
	struct body b = {.o = &o, .s = s, .p = p, .rewrite = rewrite, .ud = ud};
	cmark_node_type cell_type;
	html_gfm_table_types(&b.t_table, &b.t_row, &cell_type);
	html_gfm_types(&cell_type, &b.t_strike);
	b.page_url = site_url(s, p, 1);
	for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) {
			b.notes = xrealloc(b.notes, (b.nnotes + 1) * sizeof *b.notes);
			b.notes[b.nnotes++] = n;
		}
	xw_begin(&o);
	el(&o, "office:document-content");
	at(&o, "xmlns:office", NS_OFFICE);
	at(&o, "xmlns:style", NS_STYLE);
	at(&o, "xmlns:text", NS_TEXT);
	at(&o, "xmlns:table", NS_TABLE);
	at(&o, "xmlns:fo", NS_FO);
	at(&o, "xmlns:xlink", NS_XLINK);
	at(&o, "office:version", ODF_VERSION);
	table_styles(&o);
	el(&o, "office:body");
	el(&o, "office:text");
	/* the cover's lines: title, then kind, förbund and date */
	para(&o, "Title");
	txt(&o, p->title);
	end(&o);
	buf_t sub = BUF_INIT;
	const char *label = doctype_label(s->cfg.lang, p->type);
	const struct forbund *f = config_forbund(&s->cfg, p->forbund_slug);
	if (label)
		buf_puts(&sub, label);
	if (f)
		buf_printf(&sub, "%s%s", sub.len ? " \xC2\xB7 " : "", f->name);
	if (p->year) {
		if (sub.len)
			buf_puts(&sub, ", ");
		lang_format_date(s->cfg.lang, p->year, p->month, p->day, &sub);
	}
	if (sub.len) {
		para(&o, "Subtitle");
		txt(&o, buf_cstr(&sub));
		end(&o);
	}
	buf_free(&sub);
	blocks(&b, cmark_node_first_child(doc), "Text_20_body");
	end(&o);
	end(&o);
	end(&o);
	struct odt_body *out = xcalloc(1, sizeof *out);
	out->content = xw_finish(&o, &out->len);
	free(b.notes);
	free(b.page_url);
	if (!out->content) {
		diag(DIAG_ERROR, p->path, 0, 0, "cannot write the document's ODT text (libxml2 failed)");
		free(out);
		return NULL;
	}
	return out;
}

void odt_body_free(struct odt_body *b)
{
	if (!b)
		return;
	free(b->content);
	free(b);
}

/* ---- styles.xml ----------------------------------------------------- */

/* A named paragraph style: name as stored ("Text_20_body"), as shown
 * ("Text body"), its parent and next style (or NULL). The properties are
 * given by the caller between style_begin and style_end. */
static void style_begin(struct xw *o, const char *name, const char *display, const char *family,
			const char *parent)
{
	el(o, "style:style");
	at(o, "style:name", name);
	at(o, "style:display-name", display);
	at(o, "style:family", family);
	if (parent)
		at(o, "style:parent-style-name", parent);
	if (!strcmp(family, "paragraph"))
		at(o, "style:class", "text");
}

static void props(struct xw *o, const char *kind, const char *const *kv)
{
	el(o, kind);
	for (; kv && kv[0]; kv += 2)
		at(o, kv[0], kv[1]);
	end(o);
}

static void para_style(struct xw *o, const char *name, const char *display, const char *parent,
		       const char *const *para_props, const char *const *text_props)
{
	style_begin(o, name, display, "paragraph", parent);
	if (para_props)
		props(o, "style:paragraph-properties", para_props);
	if (text_props)
		props(o, "style:text-properties", text_props);
	end(o);
}

static char *styles_xml(size_t *len)
{
	struct xw o;
	xw_begin(&o);
	el(&o, "office:document-styles");
	at(&o, "xmlns:office", NS_OFFICE);
	at(&o, "xmlns:style", NS_STYLE);
	at(&o, "xmlns:text", NS_TEXT);
	at(&o, "xmlns:table", NS_TABLE);
	at(&o, "xmlns:fo", NS_FO);
	at(&o, "xmlns:svg", NS_SVG);
	at(&o, "office:version", ODF_VERSION);
	el(&o, "office:font-face-decls");
	el(&o, "style:font-face");
	at(&o, "style:name", "Open Sans");
	at(&o, "svg:font-family", "'Open Sans'");
	at(&o, "style:font-family-generic", "swiss");
	end(&o);
	end(&o);
	el(&o, "office:styles");
	/* Swedish, so that a word processor checks the spelling and
	 * hyphenates as Swedish */
	el(&o, "style:default-style");
	at(&o, "style:family", "paragraph");
	props(&o, "style:text-properties",
	      (const char *const[]){"style:font-name", "Open Sans", "fo:font-size", "10.5pt",
				    "fo:language", "sv", "fo:country", "SE", "fo:hyphenate", "true",
				    NULL});
	end(&o);
	para_style(&o, "Standard", "Standard", NULL, NULL, NULL);
	para_style(&o, "Text_20_body", "Text body", "Standard",
		   (const char *const[]){"fo:margin-top", "0cm", "fo:margin-bottom", "0.2cm",
					 "fo:line-height", "135%", NULL},
		   NULL);
	para_style(&o, "Title", "Title", "Standard",
		   (const char *const[]){"fo:margin-bottom", "0.3cm", NULL},
		   (const char *const[]){"fo:font-size", "24pt", "fo:font-weight", "bold", NULL});
	para_style(&o, "Subtitle", "Subtitle", "Standard",
		   (const char *const[]){"fo:margin-bottom", "0.8cm", NULL},
		   (const char *const[]){"fo:font-size", "13pt", "fo:color", "#444444", NULL});
	para_style(&o, "Heading", "Heading", "Standard",
		   (const char *const[]){"fo:margin-top", "0.45cm", "fo:margin-bottom", "0.2cm",
					 "fo:keep-with-next", "always", NULL},
		   (const char *const[]){"fo:font-weight", "bold", NULL});
	static const char *const sizes[] = {"17pt", "14pt", "12pt", "11pt", "10.5pt", "10.5pt"};
	for (int i = 1; i <= 6; i++) {
		char name[32], display[32], level[16];
		snprintf(name, sizeof name, "Heading_20_%d", i);
		snprintf(display, sizeof display, "Heading %d", i);
		snprintf(level, sizeof level, "%d", i);
		style_begin(&o, name, display, "paragraph", "Heading");
		at(&o, "style:default-outline-level", level);
		props(&o, "style:text-properties",
		      (const char *const[]){"fo:font-size", sizes[i - 1], "fo:font-weight", "bold", NULL});
		end(&o);
	}
	para_style(&o, "List_20_Contents", "List Contents", "Text_20_body",
		   (const char *const[]){"fo:margin-bottom", "0.1cm", NULL}, NULL);
	para_style(&o, "Quotations", "Quotations", "Text_20_body",
		   (const char *const[]){"fo:margin-left", "1cm", "fo:margin-right", "1cm", NULL},
		   (const char *const[]){"fo:font-style", "italic", NULL});
	para_style(&o, "Preformatted_20_Text", "Preformatted Text", "Standard", NULL,
		   (const char *const[]){"style:font-name", "Liberation Mono", "fo:font-size", "9pt", NULL});
	para_style(&o, "Horizontal_20_Line", "Horizontal Line", "Standard",
		   (const char *const[]){"fo:margin-bottom", "0.3cm", "fo:border-bottom", "0.5pt solid #808080",
					 NULL},
		   NULL);
	para_style(&o, "Footnote", "Footnote", "Standard", NULL,
		   (const char *const[]){"fo:font-size", "9pt", NULL});
	para_style(&o, "Caption", "Caption", "Standard",
		   (const char *const[]){"fo:margin-top", "0.2cm", "fo:margin-bottom", "0.2cm", NULL},
		   (const char *const[]){"fo:font-style", "italic", NULL});
	para_style(&o, "Table", "Table", "Caption",
		   (const char *const[]){"fo:keep-with-next", "always", NULL},
		   (const char *const[]){"fo:font-style", "normal", "fo:font-weight", "bold", NULL});
	/* the tables: a kansli restyles all figures, or all totals, at once */
	para_style(&o, "Table_20_Contents", "Table Contents", "Standard", NULL,
		   (const char *const[]){"fo:font-size", "9.5pt", "fo:hyphenate", "false", NULL});
	para_style(&o, "Table_20_Heading", "Table Heading", "Table_20_Contents", NULL,
		   (const char *const[]){"fo:font-weight", "bold", NULL});
	para_style(&o, "Table_20_Heading_20_Figure", "Table Heading Figure", "Table_20_Heading",
		   (const char *const[]){"fo:text-align", "end", NULL}, NULL);
	para_style(&o, "Table_20_Figure", "Table Figure", "Table_20_Contents",
		   (const char *const[]){"fo:text-align", "end", NULL}, NULL);
	para_style(&o, "Table_20_Row_20_Heading", "Table Row Heading", "Table_20_Contents", NULL,
		   (const char *const[]){"fo:font-style", "italic", NULL});
	para_style(&o, "Table_20_Total", "Table Total", "Table_20_Contents", NULL,
		   (const char *const[]){"fo:font-weight", "bold", NULL});
	para_style(&o, "Table_20_Total_20_Figure", "Table Total Figure", "Table_20_Total",
		   (const char *const[]){"fo:text-align", "end", NULL}, NULL);
	/* character styles */
	style_begin(&o, "Emphasis", "Emphasis", "text", NULL);
	props(&o, "style:text-properties", (const char *const[]){"fo:font-style", "italic", NULL});
	end(&o);
	style_begin(&o, "Strong_20_Emphasis", "Strong Emphasis", "text", NULL);
	props(&o, "style:text-properties", (const char *const[]){"fo:font-weight", "bold", NULL});
	end(&o);
	style_begin(&o, "Source_20_Text", "Source Text", "text", NULL);
	props(&o, "style:text-properties", (const char *const[]){"style:font-name", "Liberation Mono", NULL});
	end(&o);
	style_begin(&o, "Strikethrough", "Strikethrough", "text", NULL);
	props(&o, "style:text-properties",
	      (const char *const[]){"style:text-line-through-style", "solid", NULL});
	end(&o);
	/* lists: bullets and numbers, two levels */
	el(&o, "text:list-style");
	at(&o, "style:name", "List_20_1");
	at(&o, "style:display-name", "List 1");
	for (int i = 1; i <= 2; i++) {
		char level[16], indent[24];
		snprintf(level, sizeof level, "%d", i);
		snprintf(indent, sizeof indent, "%.1fcm", 0.6 * i);
		el(&o, "text:list-level-style-bullet");
		at(&o, "text:level", level);
		at(&o, "text:bullet-char", i == 1 ? "\xE2\x80\xA2" : "\xE2\x80\x93");
		el(&o, "style:list-level-properties");
		at(&o, "text:list-level-position-and-space-mode", "label-alignment");
		el(&o, "style:list-level-label-alignment");
		at(&o, "text:label-followed-by", "listtab");
		at(&o, "fo:text-indent", "-0.5cm");
		at(&o, "fo:margin-left", indent);
		end(&o);
		end(&o);
		end(&o);
	}
	end(&o);
	el(&o, "text:list-style");
	at(&o, "style:name", "Numbering_20_123");
	at(&o, "style:display-name", "Numbering 123");
	for (int i = 1; i <= 2; i++) {
		char level[16], indent[24];
		snprintf(level, sizeof level, "%d", i);
		snprintf(indent, sizeof indent, "%.1fcm", 0.7 * i);
		el(&o, "text:list-level-style-number");
		at(&o, "text:level", level);
		at(&o, "style:num-suffix", ".");
		at(&o, "style:num-format", "1");
		el(&o, "style:list-level-properties");
		at(&o, "text:list-level-position-and-space-mode", "label-alignment");
		el(&o, "style:list-level-label-alignment");
		at(&o, "text:label-followed-by", "listtab");
		at(&o, "fo:text-indent", "-0.6cm");
		at(&o, "fo:margin-left", indent);
		end(&o);
		end(&o);
		end(&o);
	}
	end(&o);
	/* footnotes numbered through the document, at the foot of the page */
	el(&o, "text:notes-configuration");
	at(&o, "text:note-class", "footnote");
	at(&o, "text:default-style-name", "Footnote");
	at(&o, "style:num-format", "1");
	at(&o, "text:start-value", "0");
	at(&o, "text:footnotes-position", "page");
	at(&o, "text:start-numbering-at", "document");
	end(&o);
	end(&o); /* office:styles */
	/* an A4 page with 2.5 cm margins, numbered at the foot */
	el(&o, "office:automatic-styles");
	el(&o, "style:page-layout");
	at(&o, "style:name", "A4");
	props(&o, "style:page-layout-properties",
	      (const char *const[]){"fo:page-width", "21cm", "fo:page-height", "29.7cm",
				    "style:print-orientation", "portrait", "fo:margin-top", "2cm",
				    "fo:margin-bottom", "2cm", "fo:margin-left", "2.5cm",
				    "fo:margin-right", "2.5cm", NULL});
	end(&o);
	end(&o);
	el(&o, "office:master-styles");
	el(&o, "style:master-page");
	at(&o, "style:name", "Standard");
	at(&o, "style:page-layout-name", "A4");
	el(&o, "style:footer");
	el(&o, "text:p");
	at(&o, "text:style-name", "Standard");
	el(&o, "text:page-number");
	at(&o, "text:select-page", "current");
	end(&o);
	end(&o);
	end(&o);
	end(&o);
	end(&o);
	end(&o); /* office:document-styles */
	return xw_finish(&o, len);
}

/* ---- meta.xml and the manifest -------------------------------------- */

static char *meta_xml(const struct site *s, const struct page *p, size_t *len)
{
	struct xw o;
	xw_begin(&o);
	el(&o, "office:document-meta");
	at(&o, "xmlns:office", NS_OFFICE);
	at(&o, "xmlns:meta", NS_META);
	at(&o, "xmlns:dc", NS_DC);
	at(&o, "office:version", ODF_VERSION);
	el(&o, "office:meta");
	el_text(&o, "meta:generator", "planpress/" PLANPRESS_VERSION);
	el_text(&o, "dc:title", p->title);
	/* the author is the förbund whose document it is, else the site */
	const struct forbund *f = config_forbund(&s->cfg, p->forbund_slug);
	const char *author = f ? f->name : s->cfg.title;
	if (author) {
		el_text(&o, "meta:initial-creator", author);
		el_text(&o, "dc:creator", author);
	}
	if (p->year) {
		char date[32];
		snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00", p->year, p->month ? p->month : 1,
			 p->day ? p->day : 1);
		el_text(&o, "meta:creation-date", date);
		el_text(&o, "dc:date", date);
	}
	el_text(&o, "dc:language", !strcmp(s->cfg.lang->code, "sv") ? "sv-SE" : s->cfg.lang->code);
	end(&o);
	end(&o);
	return xw_finish(&o, len);
}

static char *manifest_xml(size_t *len)
{
	struct xw o;
	xw_begin(&o);
	el(&o, "manifest:manifest");
	at(&o, "xmlns:manifest", NS_MANIFEST);
	at(&o, "manifest:version", ODF_VERSION);
	static const char *const entries[][2] = {
		{"/", "application/vnd.oasis.opendocument.text"},
		{"content.xml", "text/xml"},
		{"styles.xml", "text/xml"},
		{"meta.xml", "text/xml"},
	};
	for (size_t i = 0; i < sizeof entries / sizeof *entries; i++) {
		el(&o, "manifest:file-entry");
		at(&o, "manifest:full-path", entries[i][0]);
		if (i == 0)
			at(&o, "manifest:version", ODF_VERSION);
		at(&o, "manifest:media-type", entries[i][1]);
		end(&o);
	}
	end(&o);
	return xw_finish(&o, len);
}

/* ---- the zip -------------------------------------------------------- */

#define MIMETYPE "application/vnd.oasis.opendocument.text"

int odt_package(const struct site *s, const struct page *p, const struct odt_body *b, buf_t *out)
{
	struct part {
		const char *name;
		char *data;
		size_t len;
	} parts[5] = {
		{"mimetype", xstrdup(MIMETYPE), strlen(MIMETYPE)},
		{"META-INF/manifest.xml", NULL, 0},
		{"content.xml", NULL, 0},
		{"styles.xml", NULL, 0},
		{"meta.xml", NULL, 0},
	};
	parts[1].data = manifest_xml(&parts[1].len);
	parts[2].data = xstrndup(b->content, b->len);
	parts[2].len = b->len;
	parts[3].data = styles_xml(&parts[3].len);
	parts[4].data = meta_xml(s, p, &parts[4].len);
	int rc = -1;
	const char *what = NULL;
	zip_t *za = NULL;
	zip_error_t err;
	memset(&err, 0, sizeof err);
	zip_source_t *mem = NULL;
	for (size_t i = 0; i < 5; i++)
		if (!parts[i].data)
			what = "libxml2 failed";
	if (!what) {
		mem = z.src_new(NULL, 0, 0, &err);
		if (mem) {
			z.src_keep(mem);
			za = z.open(mem, ZIP_TRUNCATE, &err);
		}
		if (!za)
			what = "libzip cannot make a zip in memory";
	}
	/* every entry dated by the document, so that the same text makes the
	 * same file (an archive compares them) */
	int y = p->year >= 1980 ? p->year : 1980, m = p->year >= 1980 && p->month ? p->month : 1,
	    d = p->year >= 1980 && p->day ? p->day : 1;
	zip_uint16_t dosdate = (zip_uint16_t)(((y - 1980) << 9) | (m << 5) | d);
	for (size_t i = 0; i < 5 && !what; i++) {
		zip_source_t *src = z.src_buffer(za, parts[i].data, parts[i].len, 0);
		zip_int64_t ix = src ? z.add(za, parts[i].name, src, ZIP_FL_ENC_GUESS) : -1;
		if (ix < 0) {
			if (src)
				z.src_free(src);
			what = z.strerror(za);
			break;
		}
		/* ODF: the mimetype first, stored, so that its name can be
		 * read at a fixed offset */
		if (z.compression(za, (zip_uint64_t)ix, i == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) != 0 ||
		    z.dostime(za, (zip_uint64_t)ix, 0, dosdate, 0) != 0)
			what = z.strerror(za);
	}
	if (za && !what) {
		if (z.close(za) != 0) {
			what = z.strerror(za);
			z.discard(za);
		}
		za = NULL;
	}
	if (!what) {
		char chunk[16384];
		zip_int64_t n;
		if (z.src_open(mem) != 0) {
			what = "libzip cannot read the zip back";
		} else {
			while ((n = z.src_read(mem, chunk, sizeof chunk)) > 0)
				buf_put(out, chunk, (size_t)n);
			if (n < 0)
				what = "libzip cannot read the zip back";
			z.src_close(mem);
		}
	}
	if (za)
		z.discard(za);
	if (mem)
		z.src_free(mem);
	if (what)
		diag(DIAG_ERROR, p->path, 0, 0, "cannot make the ODT file: %s", what);
	else
		rc = 0;
	for (size_t i = 0; i < 5; i++)
		free(parts[i].data);
	return rc;
}
