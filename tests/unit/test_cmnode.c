/* cmnode.h against cmark-gfm's public API: the iterator must give the
 * events cmark_iter gives (also when told to skip what is inside a node),
 * and the literals what cmark_node_get_literal gives. */
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>

#include "check.h"
#include "cmnode.h"
#include "gfm.h"
#include "html.h"

static const char *const docs[] = {
	"# Rubrik\n\nText med *betoning*, **fetstil**, `kod` och en [länk](https://example.org/).\n",
	"- ett\n- \n- tre\n  > citat\n  > med två rader\n\n1. a\n2. b\n",
	"Fotnot[^1] och en till[^2].\n\n[^1]: Den första.\n[^2]: Den andra,\n    med ett stycke till.\n",
	"| a | b |\n|---|--:|\n| 1 | 2 |\n| ~~3~~ | |\n",
	"<div>\nrå html\n</div>\n\n***\n\n```table\nfile: x.csv\n```\n\n    indragen kod\n",
	"Rad ett  \nrad två\\\nrad tre <b>inline</b> www.example.se\n",
	"",
	">\n",
	NULL,
};

struct event {
	cmark_node *node;
	cmark_event_type ev;
};

static size_t walk_cmark(cmark_node *root, struct event *out, size_t cap, int skip_paragraphs)
{
	size_t n = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && n < cap) {
		cmark_node *node = cmark_iter_get_node(it);
		out[n++] = (struct event){node, ev};
		if (skip_paragraphs && ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH)
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	return n;
}

static size_t walk_ours(cmark_node *root, struct event *out, size_t cap, int skip_paragraphs)
{
	size_t n = 0;
	struct cmnode_iter it;
	cmnode_iter_init(&it, root);
	cmark_event_type ev;
	while ((ev = cmnode_iter_next(&it)) != CMARK_EVENT_DONE && n < cap) {
		out[n++] = (struct event){it.node, ev};
		if (skip_paragraphs && ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(it.node) == CMARK_NODE_PARAGRAPH)
			cmnode_iter_reset(&it, it.node, CMARK_EVENT_EXIT);
	}
	return n;
}

static int same_literals(cmark_node *root)
{
	int ok = 1;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER ||
		    (t != CMARK_NODE_TEXT && t != CMARK_NODE_CODE && t != CMARK_NODE_HTML_INLINE))
			continue;
		size_t len;
		const char *s = cmnode_literal(node, &len);
		const char *want = cmark_node_get_literal(node);
		if (strlen(want) != len || memcmp(s, want, len))
			ok = 0;
	}
	cmark_iter_free(it);
	return ok;
}

int main(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	html_init();
	gfm_init();
	for (const char *const *d = docs; *d; d++) {
		cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
		cmark_parser_attach_syntax_extension(p, table);
		gfm_attach(p);
		cmark_parser_feed(p, *d, strlen(*d));
		cmark_node *doc = cmark_parser_finish(p);
		gfm_inlines(doc, p);
		for (int skip = 0; skip < 2; skip++) {
			struct event a[512], b[512];
			size_t na = walk_cmark(doc, a, 512, skip), nb = walk_ours(doc, b, 512, skip);
			int same = na == nb;
			for (size_t i = 0; same && i < na; i++)
				same = a[i].node == b[i].node && a[i].ev == b[i].ev;
			if (!same)
				printf("events differ (skip %d) for:\n%s\n", skip, *d);
			CHECK(same);
			CHECK(na > 0);
		}
		/* a subtree walks only itself */
		cmark_node *first = cmark_node_first_child(doc);
		if (first) {
			struct event a[512], b[512];
			size_t na = walk_cmark(first, a, 512, 0), nb = walk_ours(first, b, 512, 0);
			CHECK(na == nb && (na == 0 || (a[na - 1].node == b[nb - 1].node)));
		}
		CHECK(same_literals(doc));
		cmark_node_free(doc);
		cmark_parser_free(p);
	}
	return check_done("cmnode");
}
