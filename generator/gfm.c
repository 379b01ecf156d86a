#include "gfm.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "html.h"
#include "cmnode.h"

struct pass {
	cmark_mem *mem;
	cmark_syntax_extension *strike_ext;
	cmark_node_type strike, cell;
};

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Host names may hold any letter, in any script: a byte of a multi-byte
 * character counts as one, ASCII punctuation and spaces do not. */
static int is_hostchar(int c)
{
	return c >= 0x80 || is_alnum(c);
}

static cmark_node *text_node(const struct pass *ps, const char *s, size_t n)
{
	cmark_node *t = cmark_node_new_with_mem(CMARK_NODE_TEXT, ps->mem);
	char *lit = xstrndup(s, n);
	cmark_node_set_literal(t, lit);
	free(lit);
	return t;
}

/* ---- autolinks ---------------------------------------------------- */

/* Length of the domain at s (the first character is not examined, as in
 * cmark-gfm), or 0 when an underscore sits in one of its last two labels
 * or, unless short names are allowed, it has no dot. */
static size_t domain_len(const char *s, size_t n, int allow_short)
{
	size_t i, dots = 0, under_prev = 0, under = 0;
	if (n < 2)
		return 0;
	for (i = 1; i < n - 1; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '_') {
			under++;
		} else if (c == '.') {
			under_prev = under;
			under = 0;
			dots++;
		} else if (!is_hostchar(c) && c != '-') {
			break;
		}
	}
	if (under_prev || under)
		return 0;
	return allow_short || dots ? i : 0;
}

/* Trailing punctuation is not part of a link: "se www.example.se." ends
 * before the full stop, an unmatched ")" and an entity-like "&amp;" too. */
static size_t trim_end(const char *s, size_t end)
{
	for (size_t i = 0; i < end; i++)
		if (s[i] == '<') {
			end = i;
			break;
		}
	while (end > 0) {
		char c = s[end - 1];
		if (strchr("?!.,:*_~'\"", c)) {
			end--;
		} else if (c == ';') {
			/* "&amp;" and the like at the end are text, not address */
			size_t k = end >= 2 ? end - 2 : 0;
			while (k > 0 && is_alpha((unsigned char)s[k]))
				k--;
			if (end >= 2 && k < end - 2 && s[k] == '&')
				end = k;
			else
				end--;
		} else if (c == ')') {
			size_t open = 0, close = 0;
			for (size_t i = 0; i < end; i++) {
				open += s[i] == '(';
				close += s[i] == ')';
			}
			if (close <= open)
				break;
			end--;
		} else {
			break;
		}
	}
	return end;
}

static size_t extend(const char *s, size_t n, size_t end)
{
	while (end < n && !is_space((unsigned char)s[end]))
		end++;
	return trim_end(s, end);
}

/* The character just before (after = 0) or after a text node in the
 * source, as the inline parser saw it: what the neighbour ends or starts
 * with, or the delimiter of the emphasis the node sits in. */
static int neighbour_char(const struct pass *ps, cmark_node *text, int after)
{
	cmark_node *n = after ? cmark_node_next(text) : cmark_node_previous(text);
	if (!n) {
		cmark_node_type pt = cmark_node_get_type(cmark_node_parent(text));
		return pt == CMARK_NODE_EMPH || pt == CMARK_NODE_STRONG || pt == ps->strike ? '*' : '\n';
	}
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return '\n';
	case CMARK_NODE_TEXT: {
		size_t len;
		const char *l = cmnode_literal(n, &len);
		return len ? (unsigned char)l[after ? 0 : len - 1] : '\n';
	}
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		return '*';
	case CMARK_NODE_CODE:
		return '`';
	case CMARK_NODE_LINK:
		if (after) {
			/* an autolink begins with its own text */
			cmark_node *t = cmark_node_first_child(n);
			const char *l = t && cmark_node_get_type(t) == CMARK_NODE_TEXT ? cmark_node_get_literal(t) : NULL;
			const char *u = cmark_node_get_url(n);
			if (l && u && *l && strstr(u, l))
				return (unsigned char)*l;
		}
		return after ? '[' : ')';
	default:
		return cmark_node_get_type(n) == ps->strike ? '~' : after ? '[' : ')';
	}
}

/* the three characters a link can start at, all rare in text */
static const unsigned char link_start[256] = {['w'] = 1, [':'] = 1, ['@'] = 1};

static size_t next_link_start(const char *s, size_t n, size_t i)
{
#ifdef __SSE2__
	/* sixteen bytes at a time: this looks at every character of a page */
	const __m128i w = _mm_set1_epi8('w'), colon = _mm_set1_epi8(':'), at = _mm_set1_epi8('@');
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, w),
					   _mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, at)));
		int mask = _mm_movemask_epi8(hit);
		if (mask)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	while (i < n && !link_start[(unsigned char)s[i]])
		i++;
	return i;
}

/* Finds the next autolink in s from `from`: its start, end and address.
 * before is the character before s, or -1 when not yet known: it is
 * asked of the node's neighbour only for "www." at the very start. */
static int find_link(const struct pass *ps, cmark_node *text, const char *s, size_t n, size_t from,
		     int before, size_t *start, size_t *end, buf_t *url)
{
	for (size_t i = from; i < n; i++) {
		i = next_link_start(s, n, i);
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		int prev = i ? (unsigned char)s[i - 1] : before >= 0 ? before : neighbour_char(ps, text, 0);
		if (c == 'w' && (is_space(prev) || strchr("*_~(", prev)) && n - i >= 4 &&
		    !memcmp(s + i, "www.", 4)) {
			size_t d = domain_len(s + i, n - i, 0);
			size_t e = d ? extend(s + i, n - i, d) : 0;
			if (e) {
				*start = i;
				*end = i + e;
				buf_reset(url);
				buf_puts(url, "http://");
				buf_put(url, s + i, e);
				return 1;
			}
		} else if (c == ':' && n - i >= 4 && s[i + 1] == '/' && s[i + 2] == '/') {
			size_t r = 0;
			while (r < i - from && is_alpha((unsigned char)s[i - r - 1]))
				r++;
			const char *scheme = s + i - r;
			size_t rest = n - (i - r);
			static const char *const safe[] = {"http://", "https://", "ftp://"};
			int ok = 0;
			for (int k = 0; k < 3 && !ok; k++) {
				size_t len = strlen(safe[k]);
				ok = rest > len && !strncasecmp(scheme, safe[k], len) &&
				     is_hostchar((unsigned char)scheme[len]);
			}
			if (!ok)
				continue;
			size_t d = domain_len(s + i + 3, n - i - 3, 1);
			if (!d)
				continue;
			size_t e = extend(s + i, n - i, 3 + d);
			if (e) {
				*start = i - r;
				*end = i + e;
				buf_reset(url);
				buf_put(url, s + i - r, r + e);
				return 1;
			}
		} else if (c == '@') {
			size_t r = 0;
			int slash = 0;
			while (r < i - from) {
				unsigned char b = (unsigned char)s[i - r - 1];
				if (is_alnum(b) || strchr(".+-_", b)) {
					r++;
					continue;
				}
				slash = b == '/';
				break;
			}
			if (!r || slash)
				continue;
			size_t e = 0, ats = 0, dots = 0;
			for (; i + e < n; e++) {
				unsigned char b = (unsigned char)s[i + e];
				if (is_alnum(b))
					continue;
				if (b == '@')
					ats++;
				else if (b == '.' && i + e + 1 < n && is_alnum((unsigned char)s[i + e + 1]))
					dots++;
				else if (b != '-' && b != '_')
					break;
			}
			if (e < 2 || ats != 1 || !dots ||
			    (!is_alpha((unsigned char)s[i + e - 1]) && s[i + e - 1] != '.'))
				continue;
			e = trim_end(s + i, e);
			if (!e)
				continue;
			*start = i - r;
			*end = i + e;
			buf_reset(url);
			buf_puts(url, "mailto:");
			buf_put(url, s + i - r, r + e);
			return 1;
		}
	}
	return 0;
}

static void autolink_text(const struct pass *ps, cmark_node *text)
{
	size_t n;
	const char *s = cmnode_literal(text, &n);
	if (next_link_start(s, n, 0) == n)
		return;
	buf_t url = BUF_INIT;
	size_t start, end;
	for (;;) {
		s = cmnode_literal(text, &n);
		if (!find_link(ps, text, s, n, 0, -1, &start, &end, &url))
			break;
		cmark_node *link = cmark_node_new_with_mem(CMARK_NODE_LINK, ps->mem);
		cmark_node_set_url(link, buf_cstr(&url));
		cmark_node_append_child(link, text_node(ps, s + start, end - start));
		cmark_node *rest = text_node(ps, s + end, n - end);
		char *head = xstrndup(s, start);
		cmark_node_set_literal(text, head);
		free(head);
		cmark_node_insert_after(text, link);
		cmark_node_insert_after(link, rest);
		text = rest;
	}
	buf_free(&url);
}

/* ---- strikethrough ------------------------------------------------ */

struct delim {
	cmark_node *node;
	int len, can_open, can_close, active;
};

static int is_punct(int c)
{
	return c < 0x80 && ispunct(c);
}

/* Splits every run of one or two tildes into a text node of its own and
 * lists the runs that may open or close. */
static size_t split_runs(const struct pass *ps, cmark_node *parent, struct delim **out)
{
	size_t n = 0, cap = 0;
	struct delim *d = NULL;
	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		if (c->type != CMARK_NODE_TEXT)
			continue;
		size_t len;
		const char *s = cmnode_literal(c, &len);
		const char *tilde = len ? memchr(s, '~', len) : NULL;
		if (!tilde)
			continue;
		size_t i = (size_t)(tilde - s);
		size_t run = 0;
		while (i + run < len && s[i + run] == '~')
			run++;
		if (i > 0) {
			/* the text before the run stays here; the run moves on */
			cmark_node *rest = text_node(ps, s + i, len - i);
			char *head = xstrndup(s, i);
			cmark_node_set_literal(c, head);
			free(head);
			cmark_node_insert_after(c, rest);
			continue; /* the loop visits rest next */
		}
		if (run < len) {
			cmark_node *rest = text_node(ps, s + run, len - run);
			char *head = xstrndup(s, run);
			cmark_node_set_literal(c, head);
			free(head);
			cmark_node_insert_after(c, rest);
		}
		if (run > 2)
			continue;
		int before = neighbour_char(ps, c, 0), after = neighbour_char(ps, c, 1);
		int left = !is_space(after) && (!is_punct(after) || is_space(before) || is_punct(before));
		int right = !is_space(before) && (!is_punct(before) || is_space(after) || is_punct(after));
		if (!left && !right)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			d = xrealloc(d, cap * sizeof *d);
		}
		d[n++] = (struct delim){c, (int)run, left, right, 1};
	}
	*out = d;
	return n;
}

/* Matches closers to openers left to right, as cmark's emphasis
 * algorithm does: the nearest opener wins, runs between a pair stay text,
 * and a pair of different lengths is no pair. */
static void strike_siblings(const struct pass *ps, cmark_node *parent)
{
	struct delim *d;
	size_t n = split_runs(ps, parent, &d);
	for (size_t c = 0; c < n; c++) {
		if (!d[c].active || !d[c].can_close)
			continue;
		size_t o = c;
		int found = 0;
		while (o-- > 0) {
			if (!d[o].active || !d[o].can_open)
				continue;
			if (!(d[c].can_open || d[o].can_close) || d[c].len == d[o].len ||
			    (d[c].len + d[o].len) % 3 != 0) {
				found = 1;
				break;
			}
		}
		if (!found) {
			if (!d[c].can_open)
				d[c].active = 0;
			continue;
		}
		for (size_t k = o; k <= c; k++)
			d[k].active = 0;
		if (d[o].len != d[c].len)
			continue;
		cmark_node *s = cmark_node_new_with_mem_and_ext(ps->strike, ps->mem, ps->strike_ext);
		cmark_node_insert_after(d[o].node, s);
		for (cmark_node *x = cmark_node_next(s); x && x != d[c].node;) {
			cmark_node *next = cmark_node_next(x);
			cmark_node_append_child(s, x);
			x = next;
		}
		cmark_node_free(d[o].node);
		cmark_node_free(d[c].node);
	}
	free(d);
}

static int holds_inlines(const struct pass *ps, cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_EMPH ||
	       t == CMARK_NODE_STRONG || t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE || t == ps->cell;
}

static int is_link(cmark_node *n)
{
	cmark_node_type t = (cmark_node_type)n->type;
	return t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE;
}

static void visit(const struct pass *ps, cmark_node *node, int in_link)
{
	cmark_node_type t = (cmark_node_type)node->type;
	if (!holds_inlines(ps, t))
		return;
	if (!in_link && !is_link(node))
		for (cmark_node *c = node->first_child; c; c = c->next)
			if (c->type == CMARK_NODE_TEXT)
				autolink_text(ps, c);
	/* struck text made here was matched with its siblings already, and
	 * is not a container visit() looks into */
	strike_siblings(ps, node);
}

/* Every node, parents before their children, without recursion: a page
 * may nest quotes and lists thousands deep. */
static void walk(const struct pass *ps, cmark_node *root)
{
	int in_link = 0;
	cmark_node *n = root;
	for (;;) {
		visit(ps, n, in_link);
		cmark_node *c = n->first_child;
		if (c) {
			in_link += is_link(n);
			n = c;
			continue;
		}
		while (n != root && !n->next) {
			n = n->parent;
			in_link -= is_link(n);
		}
		if (n == root)
			break;
		n = n->next;
	}
}

void gfm_inlines(cmark_node *doc, cmark_mem *mem, cmark_syntax_extension *strike)
{
	struct pass ps = {mem, strike, 0, 0};
	html_gfm_types(&ps.cell, &ps.strike);
	walk(&ps, doc);
}
