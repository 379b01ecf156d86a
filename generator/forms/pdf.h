/*
 * pdf: turns print pages into PDF with an external CSS Paged Media engine
 * (WeasyPrint, the reference engine; another can be named with
 * PLANPRESS_PDF_ENGINE).
 *
 * Engines are slow, so documents are rendered in parallel and a document
 * whose inputs have not changed is not rendered again: every PDF's inputs
 * (the print page, the files it shows, the engine style sheet, the
 * variant and the engine's file) are hashed, the hashes are kept in the output
 * directory (.planpress-pdf), and a PDF with the same hash is taken over
 * from the previous output instead.
 */
#ifndef PLANPRESS_PDF_H
#define PLANPRESS_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"

/* What kind of PDF is made: tagged for accessibility (WeasyPrint's
 * PDF/UA-1 variant, the default) or for the archive (PDF/A-2b). */
enum pdf_variant { PDF_ACCESSIBLE, PDF_ARCHIVE };

struct pdf_engine {
	char *path;      /* the command */
	char *identity;  /* the file found and its inode, size and time */
	enum pdf_variant variant;
	int available;
};

struct pdf_job {
	const char *html_rel; /* the print page, relative to the output */
	const char *pdf_rel;  /* the PDF to make */
	const char *source;   /* the Markdown file, for messages */
	uint64_t hash;        /* of everything the PDF depends on (filled by pdf_run) */
	int reused;
};

/* Looks for the engine on PATH without starting it. Returns 1 if it can
 * be run. */
int pdf_engine_probe(struct pdf_engine *e);
void pdf_engine_free(struct pdf_engine *e);

/* The engine's --pdf-variant value for v. */
const char *pdf_variant_arg(enum pdf_variant v);

/* Makes every job's PDF in the staging directory of out, taking PDFs over
 * from the previous output (out->final) where nothing changed. css is an
 * extra style sheet for the engine, or NULL. Returns 0, or -1 after
 * diagnostics. */
int pdf_run(const struct pdf_engine *e, const struct output *out, struct pdf_job *jobs,
	    size_t n, int threads, const char *css, int *made, int *reused);

/* html with U+2060 WORD JOINER after each en dash between two characters
 * that are not spaces, outside tags (malloc'd, its length in *out_len), or
 * NULL if it has none. */
char *pdf_join_dashes(const char *html, size_t len, size_t *out_len);

/* FNV-1a, 64 bits: enough to notice a change, not a security measure. */
uint64_t pdf_hash(uint64_t h, const void *data, size_t len);
#define PDF_HASH_INIT 0xcbf29ce484222325ULL

#endif
