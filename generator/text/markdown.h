/*
 * markdown: Markdown to HTML through cmark-gfm's tree, with the passes a
 * report needs: unique Swedish-aware heading ids, section numbers
 * (1, 2, 2.1 ...), a table of contents, and footnotes in the site's
 * language.
 *
 * markdown_render fills a struct md_result that owns all its strings;
 * md_result_free releases them. Safe to call from several threads once
 * markdown_init has run.
 */
#ifndef PLANPRESS_MARKDOWN_H
#define PLANPRESS_MARKDOWN_H

#include <stddef.h>

#include "buf.h"

struct plaintext_block;
#include "lang.h"

struct md_options {
	int numbered;    /* number the sections */
	int toc;         /* build a table of contents */
	int toc_depth;   /* heading levels in the TOC (default 2) */
	int unsafe;      /* let raw HTML through */
	const struct lang *lang;
	/* Fenced blocks whose info string is "table" or "chart" are handed
	 * to block(), which appends their HTML and returns 0, or -1 after
	 * reporting errors. line is the file line of the block's first
	 * option line. When the plain text is wanted, text is not NULL, and
	 * the block may give its own (*text, then the tree's: freed with
	 * it); otherwise its HTML is read for it. */
	int (*block)(void *ud, const char *kind, const char *text, int line, buf_t *html,
		     struct plaintext_block **plain);
	/* An empty link to "#id" takes its text from xref ("Tabell 3"). */
	const char *(*xref)(void *ud, const char *id);
	/* Ids that blocks took already; headings avoid them. */
	int (*id_taken)(void *ud, const char *id);
	/* Rewrites link and image URLs (see html_opts). */
	char *(*rewrite)(void *ud, const char *url, int line); /* see html.h */
	int (*imgsize)(void *ud, const char *url, int *w, int *h); /* see html.h */
	void *ud;
	int first_line;  /* the file line the Markdown starts on */
	int plaintext;   /* also give the text as plain text (the e-mail forms) */
	/* for the plain text: links to the site made absolute (see
	 * plaintext.h); NULL leaves them as written */
	const char *base_path, *base_url;
};

struct md_heading {
	int level;       /* 1..6 as written */
	int depth;       /* 0 for the document's top heading level */
	char *id;
	char *number;    /* NULL when unnumbered */
	char *text;      /* plain text */
	char *html;      /* inline HTML */
};

struct md_result {
	char *html;
	size_t html_len;
	char *toc_html;  /* NULL unless toc was asked for and there are headings */
	char *summary;   /* plain text of the first paragraph, cut short */
	char *text;      /* the whole text as plain text, wrapped at 72; NULL
			    unless md_options.plaintext asked for it */
	struct md_heading *headings;
	size_t nheadings;
	int nfootnotes;
	int block_errors;  /* blocks whose hook failed */
	/* 1 + the offset of the first byte that is not UTF-8 (each such byte
	 * became U+FFFD), or 0 */
	size_t invalid_utf8;
};

void markdown_init(void);
int markdown_render(const char *src, size_t len, const struct md_options *o,
		    struct md_result *r);

/* The same in steps, for a text rendered more than once (a report's web
 * page and its print page): one parse, then a rendering for each set of
 * options. markdown_parse reads only o->unsafe; the ```table and ```chart
 * blocks go to each rendering's own block hook. The document must be
 * rendered and freed on the thread that parsed it (its memory is the
 * thread's arena, see arena.h); documents are freed in the reverse of
 * the order they were parsed in. */
struct md_doc;
struct md_doc *markdown_parse(const char *src, size_t len, const struct md_options *o);
int markdown_render_doc(struct md_doc *d, const struct md_options *o, struct md_result *r);
void markdown_doc_free(struct md_doc *d);
/* The parsed document's tree, as the first rendering left it (its
 * ```table and ```chart blocks are custom blocks, in order), for a form
 * that renders from it (form_odt.c) before markdown_doc_free. */
struct cmark_node *markdown_doc_tree(struct md_doc *d);
void md_result_free(struct md_result *r);
/* Frees all but the summary, which it does not touch: the feeds read a
 * page's summary on another thread while its body is let go. */
void md_result_drop_body(struct md_result *r);


#endif
