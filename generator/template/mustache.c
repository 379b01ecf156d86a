/*
 * Mustache compiler and renderer.
 *
 * Compiling runs in passes over a flat token list: tokenize (honouring
 * set-delimiter tags), match sections, find standalone lines, re-indent
 * inheritance blocks, strip standalone whitespace, then build the tree.
 * Whitespace rules need to see whole lines, which is why they work on
 * tokens before the tree exists.
 */
#include "i18n.h"
#include "mustache.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"

#define MAX_DEPTH 100
#define MAX_DELIM 32

enum ntype { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

struct node {
	enum ntype type;
	const char *text; /* N_TEXT: points into the template's source */
	size_t len;
	char *name;       /* tag content as written, trimmed */
	char **parts;     /* dotted name; nparts == 0 means "." */
	unsigned long *hashes; /* json-c's hash of each part, made once */
	int nparts;
	int escape;       /* N_VAR */
	int dynamic;      /* N_PARTIAL, N_PARENT: name is looked up in data */
	int standalone;   /* N_PARTIAL, N_PARENT, N_BLOCK */
	char *indent;     /* added to each line when standalone */
	size_t indent_len;
	struct node *kids;
	size_t nkids;
	int line, col;
	const char *path; /* the template file it came from (owned by it) */
};

struct mustache_template {
	char *name;
	char *path;
	char *src;
	struct node *kids;
	size_t nkids;
};

struct mustache_set {
	mustache_load_fn load;
	void *ud;
	mustache_template **t;
	size_t n, cap;
};

/* ---------- compiling ---------- */

enum ttype { T_TEXT, T_TAG };

struct tok {
	enum ttype type;
	const char *text; /* T_TEXT; the front may be cut by block dedent */
	size_t len;
	char sigil;       /* 0 (variable), '{', '&', '#', '^', '/', '>', '<', '$', '!', '=' */
	const char *name;
	size_t nlen;
	int line, col;
	int group;        /* index of the source line this token is on */
	int removed;
	int match;        /* the matching open or close tag */
	int block_standalone;
	char *indent;
};

struct group {
	int first, last;  /* token range, inclusive */
	int standalone;
	int pair;         /* {{$x}}{{/x}} alone on a line: keep the newline */
};

struct cstate {
	const char *path;
	const char *src;
	size_t len;
	struct tok *t;
	size_t n, cap;
	struct group *g;
	size_t ng;
	mustache_error *err;
};

static void set_err(mustache_error *err, const char *path, int line, int col,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void set_err(mustache_error *err, const char *path, int line, int col,
		    const char *fmt, ...)
{
	if (!err)
		return;
	snprintf(err->path, sizeof err->path, "%s", path ? path : "");
	err->line = line;
	err->col = col;
	/* the message in the user's language, as diag() does it */
	fmt = gettext(fmt);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

static struct tok *push_tok(struct cstate *cs)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->t = xrealloc(cs->t, cs->cap * sizeof *cs->t);
	}
	struct tok *t = &cs->t[cs->n++];
	memset(t, 0, sizeof *t);
	t->match = -1;
	return t;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	if (m == 0 || n < m)
		return NULL;
	const char *end = hay + n - m;
	for (const char *p = hay; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
	}
	return NULL;
}

/* Text is split after every newline so the later passes can work by line. */
static void emit_text(struct cstate *cs, size_t from, size_t to, int *line,
		      size_t *line_start)
{
	while (from < to) {
		const char *nl = memchr(cs->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - cs->src) + 1 : to;
		struct tok *t = push_tok(cs);
		t->type = T_TEXT;
		t->text = cs->src + from;
		t->len = end - from;
		t->line = *line;
		t->col = (int)(from - *line_start) + 1;
		if (nl) {
			(*line)++;
			*line_start = end;
		}
		from = end;
	}
}

static int tokenize(struct cstate *cs)
{
	char otag[MAX_DELIM + 1] = "{{", ctag[MAX_DELIM + 1] = "}}";
	size_t olen = 2, clen = 2;
	size_t pos = 0, line_start = 0;
	int line = 1;
	const char *src = cs->src;
	size_t len = cs->len;

	while (pos < len) {
		const char *p = find(src + pos, len - pos, otag, olen);
		size_t tpos = p ? (size_t)(p - src) : len;
		emit_text(cs, pos, tpos, &line, &line_start);
		if (!p)
			break;
		int tline = line, tcol = (int)(tpos - line_start) + 1;
		size_t q = tpos + olen, cstart, cend, end;
		char sigil = 0;
		const char *close;
		if (q < len && (src[q] == '{' || src[q] == '=')) {
			char want[MAX_DELIM + 2];
			want[0] = src[q] == '{' ? '}' : '=';
			memcpy(want + 1, ctag, clen);
			sigil = src[q];
			close = find(src + q + 1, len - q - 1, want, clen + 1);
			if (!close) {
				set_err(cs->err, cs->path, tline, tcol,
					"unclosed tag: expected '%.*s' before the end of the template",
					(int)(clen + 1), want);
				return -1;
			}
			cstart = q + 1;
			cend = (size_t)(close - src);
			end = cend + 1 + clen;
		} else {
			close = find(src + q, len - q, ctag, clen);
			if (!close) {
				set_err(cs->err, cs->path, tline, tcol,
					"unclosed tag: expected '%s' before the end of the template",
					ctag);
				return -1;
			}
			cstart = q;
			cend = (size_t)(close - src);
			end = cend + clen;
			if (cstart < cend && strchr("#^/><$!&", src[cstart]))
				sigil = src[cstart++];
		}
		while (cstart < cend && (is_ws(src[cstart]) || src[cstart] == '\n' || src[cstart] == '\r'))
			cstart++;
		while (cend > cstart && (is_ws(src[cend - 1]) || src[cend - 1] == '\n' || src[cend - 1] == '\r'))
			cend--;

		if (sigil == '=') {
			size_t a = cstart, b = cstart;
			while (b < cend && !is_ws(src[b]))
				b++;
			size_t c = b;
			while (c < cend && is_ws(src[c]))
				c++;
			size_t d = c;
			while (d < cend && !is_ws(src[d]))
				d++;
			if (b == a || d == c || d != cend || b - a > MAX_DELIM ||
			    d - c > MAX_DELIM || memchr(src + a, '=', b - a) ||
			    memchr(src + c, '=', d - c)) {
				set_err(cs->err, cs->path, tline, tcol,
					"bad set-delimiter tag: expected two delimiters such as {{=<%% %%>=}}");
				return -1;
			}
			memcpy(otag, src + a, b - a);
			otag[b - a] = '\0';
			olen = b - a;
			memcpy(ctag, src + c, d - c);
			ctag[d - c] = '\0';
			clen = d - c;
		} else if (sigil != '!' && cstart == cend) {
			set_err(cs->err, cs->path, tline, tcol,
				"empty tag: expected a name between the delimiters");
			return -1;
		}

		struct tok *t = push_tok(cs);
		t->type = T_TAG;
		t->sigil = sigil;
		t->name = src + cstart;
		t->nlen = cend - cstart;
		t->line = tline;
		t->col = tcol;
		for (size_t i = tpos; i < end; i++)
			if (src[i] == '\n') {
				line++;
				line_start = i + 1;
			}
		pos = end;
	}
	return 0;
}

static int opens(char s)
{
	return s == '#' || s == '^' || s == '<' || s == '$';
}

static int match_sections(struct cstate *cs)
{
	int *stack = xmalloc((cs->n + 1) * sizeof *stack);
	int sp = 0;
	for (size_t i = 0; i < cs->n; i++) {
		struct tok *t = &cs->t[i];
		if (t->type != T_TAG)
			continue;
		if (opens(t->sigil)) {
			/* compiling and rendering recurse once per level */
			if (sp >= MAX_DEPTH) {
				set_err(cs->err, cs->path, t->line, t->col,
					"sections nested more than %d deep", MAX_DEPTH);
				free(stack);
				return -1;
			}
			stack[sp++] = (int)i;
		} else if (t->sigil == '/') {
			if (sp == 0) {
				set_err(cs->err, cs->path, t->line, t->col,
					"closing tag {{/%.*s}} has no opening tag",
					(int)t->nlen, t->name);
				free(stack);
				return -1;
			}
			struct tok *o = &cs->t[stack[--sp]];
			if (o->nlen != t->nlen || memcmp(o->name, t->name, t->nlen)) {
				set_err(cs->err, cs->path, t->line, t->col,
					"{{/%.*s}} does not close {{%c%.*s}} opened at line %d",
					(int)t->nlen, t->name, o->sigil, (int)o->nlen,
					o->name, o->line);
				free(stack);
				return -1;
			}
			o->match = (int)i;
			t->match = (int)(o - cs->t);
		}
	}
	if (sp > 0) {
		struct tok *o = &cs->t[stack[sp - 1]];
		set_err(cs->err, cs->path, o->line, o->col,
			"{{%c%.*s}} is never closed: expected {{/%.*s}}", o->sigil,
			(int)o->nlen, o->name, (int)o->nlen, o->name);
		free(stack);
		return -1;
	}
	free(stack);
	return 0;
}

static int ends_line(const struct tok *t)
{
	return t->type == T_TEXT && t->len > 0 && t->text[t->len - 1] == '\n';
}

static int all_ws(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ws(s[i]) && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static size_t ws_prefix(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

/* A line is standalone when it holds only whitespace and tags that produce
 * no output of their own (sections, partials, parents, blocks, comments,
 * delimiter changes). */
static void find_standalone(struct cstate *cs)
{
	cs->g = xmalloc((cs->n + 1) * sizeof *cs->g);
	cs->ng = 0;
	size_t i = 0;
	while (i < cs->n) {
		size_t j = i;
		while (j < cs->n && !ends_line(&cs->t[j]))
			j++;
		if (j == cs->n)
			j = cs->n - 1;
		struct group *g = &cs->g[cs->ng];
		g->first = (int)i;
		g->last = (int)j;
		g->standalone = g->pair = 0;
		int ntags = 0, ok = 1, first_tag = -1, second_tag = -1;
		for (size_t k = i; k <= j; k++) {
			struct tok *t = &cs->t[k];
			t->group = (int)cs->ng;
			if (t->type == T_TEXT) {
				if (!all_ws(t->text, t->len))
					ok = 0;
			} else {
				if (ntags == 0)
					first_tag = (int)k;
				else if (ntags == 1)
					second_tag = (int)k;
				ntags++;
				if (!strchr("#^/<>$!=", t->sigil) || t->sigil == 0)
					ok = 0;
			}
		}
		if (ntags > 0 && ok) {
			g->standalone = 1;
			if (ntags == 2 && cs->t[first_tag].sigil == '$' &&
			    cs->t[first_tag].match == second_tag)
				g->pair = 1;
		}
		cs->ng++;
		i = j + 1;
	}
}

/* Whitespace on line g before its first tag. */
static void leading_ws(struct cstate *cs, int g, buf_t *out)
{
	for (int k = cs->g[g].first; k <= cs->g[g].last; k++) {
		struct tok *t = &cs->t[k];
		if (t->type != T_TEXT)
			break;
		size_t w = ws_prefix(t->text, t->len);
		buf_put(out, t->text, w);
		if (w < t->len)
			break;
	}
}

/*
 * A standalone block's content is dedented where it is defined and
 * indented again where it is expanded, so an override written at any
 * indentation lands at the indentation of the block it replaces.
 */
static void reindent_blocks(struct cstate *cs)
{
	buf_t common = BUF_INIT, lead = BUF_INIT;
	for (size_t i = 0; i < cs->n; i++) {
		struct tok *o = &cs->t[i];
		if (o->type != T_TAG || o->sigil != '$' || !cs->g[o->group].standalone)
			continue;
		struct tok *c = &cs->t[o->match];
		o->block_standalone = 1;
		buf_reset(&lead);
		leading_ws(cs, o->group, &lead);
		if (cs->g[o->group].pair) {
			o->indent = xstrndup(buf_cstr(&lead), lead.len);
			continue;
		}
		int gfirst = o->group + 1;
		int glast = cs->g[c->group].standalone ? c->group - 1 : c->group;
		int have = 0;
		buf_reset(&common);
		for (int g = gfirst; g <= glast; g++) {
			struct tok *t = &cs->t[cs->g[g].first];
			int blank = 1;
			for (int k = cs->g[g].first; k <= cs->g[g].last; k++) {
				if (k == o->match)
					break;
				struct tok *u = &cs->t[k];
				if (u->type == T_TAG || !all_ws(u->text, u->len)) {
					blank = 0;
					break;
				}
			}
			if (blank)
				continue;
			size_t w = t->type == T_TEXT ? ws_prefix(t->text, t->len) : 0;
			if (!have) {
				buf_put(&common, t->text, w);
				have = 1;
			} else {
				size_t m = 0;
				while (m < common.len && m < w && common.data[m] == t->text[m])
					m++;
				common.len = m;
			}
		}
		if (common.len > 0)
			o->indent = xstrndup(common.data, common.len);
		else
			o->indent = xstrndup(buf_cstr(&lead), lead.len);
		for (int g = gfirst; g <= glast && common.len > 0; g++) {
			struct tok *t = &cs->t[cs->g[g].first];
			if (t->type != T_TEXT)
				continue;
			size_t w = ws_prefix(t->text, t->len);
			size_t cut = w < common.len ? w : common.len;
			t->text += cut;
			t->len -= cut;
		}
	}
	buf_free(&common);
	buf_free(&lead);
}

static void strip_standalone(struct cstate *cs)
{
	buf_t lead = BUF_INIT;
	for (size_t gi = 0; gi < cs->ng; gi++) {
		struct group *g = &cs->g[gi];
		if (!g->standalone)
			continue;
		buf_reset(&lead);
		leading_ws(cs, (int)gi, &lead);
		for (int k = g->first; k <= g->last; k++) {
			struct tok *t = &cs->t[k];
			if (t->type == T_TAG) {
				if ((t->sigil == '>' || t->sigil == '<') && !t->indent)
					t->indent = xstrndup(buf_cstr(&lead), lead.len);
				continue;
			}
			if (g->pair && k == g->last && ends_line(t)) {
				size_t keep = (t->len >= 2 && t->text[t->len - 2] == '\r') ? 2 : 1;
				t->text += t->len - keep;
				t->len = keep;
				continue;
			}
			t->removed = 1;
		}
	}
	buf_free(&lead);
}

static void split_name(struct node *n, const char *s, size_t len)
{
	n->name = xstrndup(s, len);
	if (len == 1 && s[0] == '.') {
		n->nparts = 0;
		return;
	}
	int parts = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '.')
			parts++;
	n->parts = xmalloc((size_t)parts * sizeof *n->parts);
	n->hashes = xmalloc((size_t)parts * sizeof *n->hashes);
	n->nparts = 0;
	/* every json-c object hashes its keys with the same function */
	json_object *probe = json_object_new_object();
	size_t from = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			char *part = xstrndup(s + from, i - from);
			n->hashes[n->nparts] = lh_get_hash(json_object_get_object(probe), part);
			n->parts[n->nparts++] = part;
			from = i + 1;
		}
	}
	json_object_put(probe);
}

static void build(struct cstate *cs, size_t from, size_t to, struct node **out,
		  size_t *nout)
{
	struct node *kids = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = from; i < to; i++) {
		struct tok *t = &cs->t[i];
		if (t->removed)
			continue;
		if (t->type == T_TEXT) {
			if (t->len == 0)
				continue;
			if (n > 0 && kids[n - 1].type == N_TEXT &&
			    kids[n - 1].text + kids[n - 1].len == t->text) {
				kids[n - 1].len += t->len;
				continue;
			}
		} else if (t->sigil == '!' || t->sigil == '=' || t->sigil == '/') {
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			kids = xrealloc(kids, cap * sizeof *kids);
		}
		struct node *k = &kids[n++];
		memset(k, 0, sizeof *k);
		k->line = t->line;
		k->col = t->col;
		k->path = cs->path;
		if (t->type == T_TEXT) {
			k->type = N_TEXT;
			k->text = t->text;
			k->len = t->len;
			continue;
		}
		switch (t->sigil) {
		case 0:
		case '&':
		case '{':
			k->type = N_VAR;
			k->escape = t->sigil == 0;
			split_name(k, t->name, t->nlen);
			break;
		case '#':
		case '^':
		case '$':
			k->type = t->sigil == '#' ? N_SECTION
				: t->sigil == '^' ? N_INVERTED : N_BLOCK;
			split_name(k, t->name, t->nlen);
			if (t->sigil == '$') {
				k->standalone = t->block_standalone;
				k->indent = t->indent;
				t->indent = NULL;
				k->indent_len = k->indent ? strlen(k->indent) : 0;
			}
			build(cs, i + 1, (size_t)t->match, &k->kids, &k->nkids);
			i = (size_t)t->match;
			break;
		case '>':
		case '<': {
			k->type = t->sigil == '>' ? N_PARTIAL : N_PARENT;
			const char *s = t->name;
			size_t len = t->nlen;
			if (len > 0 && s[0] == '*') {
				k->dynamic = 1;
				s++;
				len--;
				while (len > 0 && is_ws(*s)) {
					s++;
					len--;
				}
				split_name(k, s, len);
			} else {
				k->name = xstrndup(s, len);
			}
			k->standalone = cs->g[t->group].standalone;
			k->indent = t->indent;
			t->indent = NULL;
			k->indent_len = k->indent ? strlen(k->indent) : 0;
			if (t->sigil == '<') {
				build(cs, i + 1, (size_t)t->match, &k->kids, &k->nkids);
				i = (size_t)t->match;
			}
			break;
		}
		}
	}
	*out = kids;
	*nout = n;
}

static void free_nodes(struct node *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(k[i].name);
		for (int p = 0; p < k[i].nparts; p++)
			free(k[i].parts[p]);
		free(k[i].parts);
		free(k[i].hashes);
		free(k[i].indent);
		free_nodes(k[i].kids, k[i].nkids);
	}
	free(k);
}

static void template_free(mustache_template *t)
{
	if (!t)
		return;
	free_nodes(t->kids, t->nkids);
	free(t->name);
	free(t->path);
	free(t->src);
	free(t);
}

static mustache_template *compile(const char *name, const char *path,
				  const char *src, size_t len,
				  mustache_error *err)
{
	mustache_template *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->path = xstrdup(path ? path : name);
	t->src = xstrndup(src, len);
	struct cstate cs = {0};
	cs.path = t->path;
	cs.src = t->src;
	cs.len = len;
	cs.err = err;
	int rc = tokenize(&cs);
	if (rc == 0)
		rc = match_sections(&cs);
	if (rc == 0 && cs.n > 0) {
		find_standalone(&cs);
		reindent_blocks(&cs);
		strip_standalone(&cs);
		build(&cs, 0, cs.n, &t->kids, &t->nkids);
	}
	for (size_t i = 0; i < cs.n; i++)
		free(cs.t[i].indent);
	free(cs.t);
	free(cs.g);
	if (rc != 0) {
		template_free(t);
		return NULL;
	}
	return t;
}

/* ---------- the set ---------- */

mustache_set *mustache_set_new(mustache_load_fn load, void *ud)
{
	mustache_set *s = xcalloc(1, sizeof *s);
	s->load = load;
	s->ud = ud;
	return s;
}

void mustache_set_free(mustache_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		template_free(s->t[i]);
	free(s->t);
	free(s);
}

mustache_template *mustache_set_get(const mustache_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->t[i]->name, name) == 0)
			return s->t[i];
	return NULL;
}

mustache_template *mustache_set_add(mustache_set *s, const char *name,
				    const char *path, const char *src,
				    size_t len, mustache_error *err)
{
	mustache_template *t = compile(name, path, src, len, err);
	if (!t)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->t[i]->name, name) == 0) {
			template_free(s->t[i]);
			s->t[i] = t;
			return t;
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->t = xrealloc(s->t, s->cap * sizeof *s->t);
	}
	s->t[s->n++] = t;
	return t;
}

mustache_template *mustache_set_find(mustache_set *s, const char *name,
				     mustache_error *err)
{
	if (err)
		err->message[0] = '\0';
	mustache_template *t = mustache_set_get(s, name);
	if (t || !s->load)
		return t;
	size_t len = 0;
	char *path = NULL;
	char *src = s->load(s->ud, name, &len, &path, err);
	if (!src) {
		free(path);
		return NULL;
	}
	t = mustache_set_add(s, name, path, src, len, err);
	free(src);
	free(path);
	return t;
}

const char *mustache_template_name(const mustache_template *t)
{
	return t->name;
}

/* ---------- rendering ---------- */

struct rstate {
	mustache_set *set;
	int flags;
	buf_t *out;
	mustache_error *err;
	json_object **ctx;
	int nctx, capctx;
	const struct node **ovr; /* parent tags whose blocks override, outermost first */
	int novr, capovr;
	buf_t indent;
	int line_start;
	int depth;
};

static void push_ctx(struct rstate *rs, json_object *o)
{
	if (rs->nctx == rs->capctx) {
		rs->capctx = rs->capctx ? rs->capctx * 2 : 16;
		rs->ctx = xrealloc(rs->ctx, (size_t)rs->capctx * sizeof *rs->ctx);
	}
	rs->ctx[rs->nctx++] = o;
}

/* A name's part in an object, by the hash made when the template was
 * compiled: a lookup in each enclosing context would hash it again. */
static int get_part(json_object *o, const struct node *n, int p, json_object **v)
{
	if (!o || json_object_get_type(o) != json_type_object)
		return 0;
	struct lh_entry *e = lh_table_lookup_entry_w_hash(json_object_get_object(o),
							  n->parts[p], n->hashes[p]);
	if (!e)
		return 0;
	*v = (json_object *)lh_entry_v(e);
	return 1;
}

static json_object *lookup(const struct rstate *rs, const struct node *n)
{
	if (n->nparts == 0)
		return rs->nctx > 0 ? rs->ctx[rs->nctx - 1] : NULL;
	json_object *v = NULL;
	int hit = 0;
	for (int i = rs->nctx - 1; i >= 0 && !hit; i--)
		hit = get_part(rs->ctx[i], n, 0, &v);
	if (!hit)
		return NULL;
	for (int p = 1; p < n->nparts; p++)
		if (!get_part(v, n, p, &v))
			return NULL;
	return v;
}

static int truthy(json_object *v)
{
	if (!v)
		return 0;
	switch (json_object_get_type(v)) {
	case json_type_null: return 0;
	case json_type_boolean: return json_object_get_boolean(v);
	case json_type_array: return json_object_array_length(v) > 0;
	case json_type_string: return json_object_get_string_len(v) > 0;
	default: return 1;
	}
}

/* The text of a value, without touching json-c's caches (they are not
 * thread-safe). Returns the length; *s points at the text. */
static size_t value_text(json_object *v, const char **s, char *tmp, size_t tmpsz)
{
	*s = "";
	if (!v)
		return 0;
	switch (json_object_get_type(v)) {
	case json_type_string:
		*s = json_object_get_string(v);
		return (size_t)json_object_get_string_len(v);
	case json_type_int:
		snprintf(tmp, tmpsz, "%" PRId64, json_object_get_int64(v));
		*s = tmp;
		return strlen(tmp);
	case json_type_double: {
		double d = json_object_get_double(v);
		snprintf(tmp, tmpsz, "%.15g", d);
		if (strtod(tmp, NULL) != d)
			snprintf(tmp, tmpsz, "%.17g", d);
		*s = tmp;
		return strlen(tmp);
	}
	case json_type_boolean:
		*s = json_object_get_boolean(v) ? "true" : "false";
		return strlen(*s);
	default:
		return 0;
	}
}

static void put_indent_if_due(struct rstate *rs)
{
	if (rs->line_start && rs->indent.len > 0)
		buf_put(rs->out, rs->indent.data, rs->indent.len);
	rs->line_start = 0;
}

static void emit_template_text(struct rstate *rs, const char *s, size_t n)
{
	if (rs->indent.len == 0) {
		buf_put(rs->out, s, n);
		if (n > 0)
			rs->line_start = s[n - 1] == '\n';
		return;
	}
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t piece = nl ? (size_t)(nl - s) + 1 : n;
		int empty_line = s[0] == '\n' || (piece == 2 && s[0] == '\r');
		if (!empty_line)
			put_indent_if_due(rs);
		buf_put(rs->out, s, piece);
		rs->line_start = nl != NULL;
		s += piece;
		n -= piece;
	}
}

static void emit_value(struct rstate *rs, const char *s, size_t n, int escape)
{
	if (n == 0)
		return;
	/* A value that starts a URL attribute (href="{{file}}") is a URL
	 * from the site's data: javascript: and its kin are left out, as in
	 * Markdown links, whatever the template. */
	if (url_attr_starts(rs->out->data ? rs->out->data : "", rs->out->len) && url_is_dangerous(s, n))
		return;
	put_indent_if_due(rs);
	if (escape)
		buf_escape_html(rs->out, s, n);
	else
		buf_put(rs->out, s, n);
}

static int render_nodes(struct rstate *rs, const struct node *k, size_t n);

static const struct node *find_override(const struct rstate *rs, const char *name)
{
	for (int f = 0; f < rs->novr; f++) {
		const struct node *p = rs->ovr[f];
		for (size_t i = 0; i < p->nkids; i++)
			if (p->kids[i].type == N_BLOCK && strcmp(p->kids[i].name, name) == 0)
				return &p->kids[i];
	}
	return NULL;
}

static int render_indented(struct rstate *rs, const struct node *site,
			   const struct node *k, size_t n)
{
	size_t saved = rs->indent.len;
	if (site->standalone && site->indent_len > 0) {
		buf_put(&rs->indent, site->indent, site->indent_len);
		rs->line_start = 1;
	}
	int rc = render_nodes(rs, k, n);
	rs->indent.len = saved;
	return rc;
}

/* Partial names are paths below the templates directory: no absolute
 * paths, no "..", no empty components. */
static int name_is_safe(const char *name)
{
	if (!*name || name[0] == '/')
		return 0;
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return 1;
}

static int render_partial(struct rstate *rs, const struct node *k)
{
	const char *name = k->name;
	char tmp[64];
	if (k->dynamic) {
		json_object *v = lookup(rs, k);
		if (value_text(v, &name, tmp, sizeof tmp) == 0)
			return 0;
	}
	/* an empty name is a partial that is not there; a name that leaves
	 * the templates directory is an error whatever the mode, never an
	 * empty rendering that hides it ({{>/etc/passwd}}) */
	if (!*name)
		return 0;
	if (!name_is_safe(name)) {
		set_err(rs->err, k->path, k->line, k->col,
			"template name '%s' leaves the templates directory",
			name);
		return -1;
	}
	mustache_error lerr;
	memset(&lerr, 0, sizeof lerr);
	mustache_template *t = mustache_set_find(rs->set, name, &lerr);
	if (!t && lerr.message[0]) {
		*rs->err = lerr;
		return -1;
	}
	if (!t) {
		if (rs->flags & MUSTACHE_STRICT) {
			if (k->type == N_PARENT)
				set_err(rs->err, k->path, k->line, k->col, "parent template '%s' not found", name);
			else
				set_err(rs->err, k->path, k->line, k->col, "partial '%s' not found", name);
			return -1;
		}
		return 0;
	}
	if (rs->depth >= MAX_DEPTH) {
		set_err(rs->err, k->path, k->line, k->col,
			"templates nested more than %d deep at '%s' (does a partial include itself?)",
			MAX_DEPTH, name);
		return -1;
	}
	rs->depth++;
	int pushed = 0;
	if (k->type == N_PARENT) {
		if (rs->novr == rs->capovr) {
			rs->capovr = rs->capovr ? rs->capovr * 2 : 8;
			rs->ovr = xrealloc(rs->ovr, (size_t)rs->capovr * sizeof *rs->ovr);
		}
		rs->ovr[rs->novr++] = k;
		pushed = 1;
	}
	int rc = render_indented(rs, k, t->kids, t->nkids);
	if (pushed)
		rs->novr--;
	rs->depth--;
	return rc;
}

static int render_nodes(struct rstate *rs, const struct node *k, size_t n)
{
	char tmp[64];
	for (size_t i = 0; i < n; i++, k++) {
		switch (k->type) {
		case N_TEXT:
			emit_template_text(rs, k->text, k->len);
			break;
		case N_VAR: {
			const char *s;
			size_t len = value_text(lookup(rs, k), &s, tmp, sizeof tmp);
			emit_value(rs, s, len, k->escape);
			break;
		}
		case N_SECTION: {
			json_object *v = lookup(rs, k);
			if (!truthy(v))
				break;
			if (json_object_get_type(v) == json_type_array) {
				size_t len = json_object_array_length(v);
				for (size_t j = 0; j < len; j++) {
					push_ctx(rs, json_object_array_get_idx(v, j));
					int rc = render_nodes(rs, k->kids, k->nkids);
					rs->nctx--;
					if (rc)
						return rc;
				}
			} else {
				push_ctx(rs, v);
				int rc = render_nodes(rs, k->kids, k->nkids);
				rs->nctx--;
				if (rc)
					return rc;
			}
			break;
		}
		case N_INVERTED:
			if (!truthy(lookup(rs, k)) &&
			    render_nodes(rs, k->kids, k->nkids))
				return -1;
			break;
		case N_PARTIAL:
		case N_PARENT:
			if (render_partial(rs, k))
				return -1;
			break;
		case N_BLOCK: {
			const struct node *o = find_override(rs, k->name);
			const struct node *content = o ? o : k;
			/* an override may hold its own block again */
			if (rs->depth >= MAX_DEPTH) {
				set_err(rs->err, k->path, k->line, k->col,
					"blocks nested more than %d deep at '%s' (does a block contain itself?)",
					MAX_DEPTH, k->name);
				return -1;
			}
			rs->depth++;
			int rc = render_indented(rs, k, content->kids, content->nkids);
			rs->depth--;
			if (rc)
				return -1;
			break;
		}
		}
	}
	return 0;
}

int mustache_render(mustache_set *set, const mustache_template *t,
		    json_object *const *ctx, int nctx, int flags, buf_t *out,
		    mustache_error *err)
{
	struct rstate rs;
	memset(&rs, 0, sizeof rs);
	rs.set = set;
	rs.flags = flags;
	rs.out = out;
	rs.err = err;
	rs.line_start = 1;
	for (int i = 0; i < nctx; i++)
		push_ctx(&rs, ctx[i]);
	int rc = render_nodes(&rs, t->kids, t->nkids);
	free(rs.ctx);
	free(rs.ovr);
	buf_free(&rs.indent);
	return rc;
}

static int nodes_mention(const struct node *k, size_t n, const char *part)
{
	for (size_t i = 0; i < n; i++, k++) {
		for (int p = 0; p < k->nparts; p++)
			if (!strcmp(k->parts[p], part))
				return 1;
		if (k->dynamic && k->nparts == 0 && k->name && !strcmp(k->name, part))
			return 1;
		if (nodes_mention(k->kids, k->nkids, part))
			return 1;
	}
	return 0;
}

int mustache_set_mentions(const mustache_set *set, const char *part)
{
	for (size_t i = 0; i < set->n; i++)
		if (nodes_mention(set->t[i]->kids, set->t[i]->nkids, part))
			return 1;
	return 0;
}
