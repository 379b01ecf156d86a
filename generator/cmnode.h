/*
 * cmnode: cmark-gfm's nodes read directly, where the public API would
 * copy.
 *
 * cmark_node_get_literal turns a text's chunk into a C string, copying
 * it when it still points into the parser's input: every text node of
 * every page, once for each pass that reads it. cmark-gfm's node.h (it
 * comes with libcmark-gfm-dev, so it matches the library we link) lets
 * us read the chunk where it lies. Only the inline literals are read
 * here; everything else goes through the public API.
 *
 * cmnode_iter walks a tree as cmark_iter does (the same ENTER and EXIT
 * events, leaves entered only, reset to skip a subtree) without a call
 * into the library for each step and each node's type: the renderers
 * walk every node of every page.
 */
#ifndef PLANPRESS_CMNODE_H
#define PLANPRESS_CMNODE_H

#include <stddef.h>

#include <cmark-gfm/node.h>

/* The text of a TEXT, CODE or HTML_INLINE node and its length; not
 * NUL-terminated. */
static inline const char *cmnode_literal(const cmark_node *n, size_t *len)
{
	*len = (size_t)n->as.literal.len;
	return *len ? (const char *)n->as.literal.data : "";
}

struct cmnode_iter {
	cmark_node *root;
	cmark_node *node;        /* the current node */
	cmark_event_type ev;     /* and its event */
	cmark_node *next_node;
	cmark_event_type next_ev;
};

static inline void cmnode_iter_init(struct cmnode_iter *it, cmark_node *root)
{
	it->root = root;
	it->node = NULL;
	it->ev = CMARK_EVENT_NONE;
	it->next_node = root;
	it->next_ev = CMARK_EVENT_ENTER;
}

/* the node kinds that have no EXIT event, as in cmark's iterator */
static inline int cmnode_is_leaf(const cmark_node *n)
{
	switch (n->type) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return 1;
	default:
		return 0;
	}
}

/* The next event (CMARK_EVENT_DONE at the end); it->node is its node. */
static inline cmark_event_type cmnode_iter_next(struct cmnode_iter *it)
{
	cmark_event_type ev = it->next_ev;
	cmark_node *n = it->next_node;
	it->ev = ev;
	it->node = n;
	if (ev == CMARK_EVENT_DONE)
		return ev;
	if (ev == CMARK_EVENT_ENTER && !cmnode_is_leaf(n)) {
		if (n->first_child) {
			it->next_ev = CMARK_EVENT_ENTER;
			it->next_node = n->first_child;
		} else {
			it->next_ev = CMARK_EVENT_EXIT; /* empty: exit it next */
		}
	} else if (n == it->root) {
		it->next_ev = CMARK_EVENT_DONE;
		it->next_node = NULL;
	} else if (n->next) {
		it->next_ev = CMARK_EVENT_ENTER;
		it->next_node = n->next;
	} else if (n->parent) {
		it->next_ev = CMARK_EVENT_EXIT;
		it->next_node = n->parent;
	} else {
		it->next_ev = CMARK_EVENT_DONE;
		it->next_node = NULL;
	}
	return ev;
}

/* Goes on from node with event ev, as cmark_iter_reset: (n, EXIT) skips
 * what is inside n. */
static inline void cmnode_iter_reset(struct cmnode_iter *it, cmark_node *n, cmark_event_type ev)
{
	it->next_node = n;
	it->next_ev = ev;
	cmnode_iter_next(it);
}

#endif
