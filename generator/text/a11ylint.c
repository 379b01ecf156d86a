/*
 * Accessibility checks of what authors write (a11ylint.h).
 */
#include "a11ylint.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"

/* Link texts that tell nothing out of context, in the site's two
 * languages, compared without case and without a closing full stop. */
static const char *const vague[] = {
	"här", "klicka här", "klicka", "läs mer", "mer", "länk", "denna länk", "den här länken",
	"here", "click here", "read more", "more", "link", "this link", NULL,
};

/* The text of a node's inline children, as a reader hears it. */
static void text_of(cmark_node *n, buf_t *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* "  Klicka här. " -> is it one of the vague texts? */
static int is_vague(const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == '!'))
		n--;
	for (size_t i = 0; vague[i]; i++)
		if (strlen(vague[i]) == n && !strncasecmp(vague[i], s, n))
			return 1;
	/* strncasecmp folds ASCII only: "Här" and "HÄR" */
	if (n == 4 && (!strncmp(s, "Här", 4) || !strncmp(s, "HÄR", 4)))
		return 1;
	return 0;
}

/* The file line and column of a node; an inline without a position of
 * its own (cmark gives some none) takes its block's. */
static void where(cmark_node *n, int first_line, int *line, int *col)
{
	cmark_node *b = n;
	while (b && cmark_node_get_start_line(b) == 0)
		b = cmark_node_parent(b);
	*line = b ? first_line + cmark_node_get_start_line(b) - 1 : first_line;
	*col = b ? cmark_node_get_start_column(b) : 0;
}

int a11ylint_page(const char *path, cmark_node *doc, int first_line)
{
	int warnings = 0, level = 1, line, col;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	buf_t t = BUF_INIT;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_HEADING) {
			int h = cmark_node_get_heading_level(n);
			if (h > level + 1) {
				where(n, first_line, &line, &col);
				diag(DIAG_WARNING, path, line, col,
				     "a level %d heading follows a level %d one: a screen reader's list of headings "
				     "then misses a level; use %.*s (the page's title is the level 1 heading)",
				     h, level, level + 1, "######");
				warnings++;
			}
			level = h;
		} else if (type == CMARK_NODE_IMAGE) {
			buf_reset(&t);
			text_of(n, &t);
			if (strspn(buf_cstr(&t), " ") == t.len) {
				where(n, first_line, &line, &col);
				const char *url = cmark_node_get_url(n);
				diag(DIAG_WARNING, path, line, col,
				     "the image %s has no alt text: say what it shows between the brackets, such "
				     "as ![Diagram över deltagare per år](%s)",
				     url ? url : "", url ? url : "");
				warnings++;
			}
		} else if (type == CMARK_NODE_LINK) {
			buf_reset(&t);
			text_of(n, &t);
			if (is_vague(buf_cstr(&t))) {
				where(n, first_line, &line, &col);
				diag(DIAG_WARNING, path, line, col,
				     "the link text '%s' does not say where the link leads, and screen readers list "
				     "links out of context: write what the reader finds there, such as "
				     "[verksamhetsplanen för 2017](…)",
				     buf_cstr(&t));
				warnings++;
			}
		} else if (!strcmp(cmark_node_get_type_string(n), "table")) {
			/* the first row is the header row */
			cmark_node *row = cmark_node_first_child(n);
			int empty = row != NULL;
			for (cmark_node *cell = row ? cmark_node_first_child(row) : NULL; cell;
			     cell = cmark_node_next(cell)) {
				buf_reset(&t);
				text_of(cell, &t);
				if (strspn(buf_cstr(&t), " ") != t.len || cmark_node_first_child(cell))
					empty = 0;
			}
			if (empty) {
				where(n, first_line, &line, &col);
				diag(DIAG_WARNING, path, line, col,
				     "the table has no column headings (its first row is empty): name each column "
				     "in the first row, so that a screen reader can say which column a figure is in");
				warnings++;
			}
		}
	}
	buf_free(&t);
	cmark_iter_free(it);
	return warnings;
}
