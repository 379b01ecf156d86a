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

#endif
