#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"

#define MAX_DEPTH 32

struct parse {
	yaml_parser_t yp;
	const char *path;
	int line0;       /* file line of the YAML's first line, minus one */
	struct fm_key **keys;
	size_t *nkeys;
	const char *what; /* "front matter", marked with N_() */
	const char *text; /* the YAML, for messages that quote a line */
	size_t len;
	int failed;
};

/* fmt is a message marked with N_(), or "%s" */
static void fail(struct parse *p, const yaml_mark_t *m, const char *fmt, const char *arg)
{
	char msg[512];
	snprintf(msg, sizeof msg, gettext(fmt), arg ? arg : "");
	diag(DIAG_ERROR, p->path, p->line0 + (int)m->line + 1, (int)m->column + 1,
	     "%s: %s", gettext(p->what), msg);
	p->failed = 1;
}

static int is_int(const char *s)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!*p || (p[0] == '0' && p[1]))
		return 0;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return p - s < 19;
}

static int is_float(const char *s)
{
	const char *p = s;
	int digits = 0, dot = 0;
	if (*p == '-' || *p == '+')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0 && dot;
}

static json_object *scalar(const yaml_event_t *e)
{
	const char *v = (const char *)e->data.scalar.value;
	size_t n = e->data.scalar.length;
	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return json_object_new_string_len(v, (int)n);
	if (n == 0 || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
	    !strcmp(v, "NULL"))
		return NULL;
	if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE"))
		return json_object_new_boolean(1);
	if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE"))
		return json_object_new_boolean(0);
	if (is_int(v))
		return json_object_new_int64(strtoll(v, NULL, 10));
	if (is_float(v))
		return json_object_new_double(strtod(v, NULL));
	return json_object_new_string_len(v, (int)n);
}

static json_object *node(struct parse *p, yaml_event_t *e, int depth);

/* The commonest mistake said in words, not libyaml's: a colon in a value
 * ("title: Bilaga 2: avtal"), or Word's curly quotes, which YAML does not
 * take for quotation marks. Returns 1 when it said it. */
/* value as YAML reads it back: in double quotes, or, when it holds one
 * itself, in single quotes (a single quote in it written twice) */
static char *quoted(const char *value)
{
	buf_t b = BUF_INIT;
	if (!strchr(value, '"')) {
		buf_printf(&b, "\"%s\"", value);
		return buf_detach(&b);
	}
	buf_putc(&b, '\'');
	for (const char *c = value; *c; c++) {
		if (*c == '\'')
			buf_putc(&b, '\'');
		buf_putc(&b, *c);
	}
	buf_putc(&b, '\'');
	return buf_detach(&b);
}

static int plain_words(struct parse *p)
{
	if (!p->yp.problem || strcmp(p->yp.problem, "mapping values are not allowed in this context"))
		return 0;
	/* the line the problem is on */
	const char *s = p->text, *end = p->text + p->len;
	for (size_t l = 0; l < p->yp.problem_mark.line && s < end; l++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		s = nl ? nl + 1 : end;
	}
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)(n < 200 ? n : 200), s);
	char *colon = strchr(line, ':');
	const char *key = line, *value = colon ? colon + 1 : "";
	if (colon)
		*colon = '\0';
	while (*value == ' ')
		value++;
	char msg[512];
	if (strstr(value, "\xE2\x80\x9C") || strstr(value, "\xE2\x80\x9D") || strstr(value, "\xE2\x80\x98") ||
	    strstr(value, "\xE2\x80\x99")) {
		/* the value between straight quotes, the curly ones dropped */
		buf_t v = BUF_INIT;
		for (const char *c = value; *c; c++) {
			if (!strncmp(c, "\xE2\x80\x9C", 3) || !strncmp(c, "\xE2\x80\x9D", 3)) {
				c += 2;
				continue;
			}
			buf_putc(&v, *c);
		}
		char *q = quoted(buf_cstr(&v));
		snprintf(msg, sizeof msg, _("the value is in curly quotes (\xE2\x80\x9D \xE2\x80\x9D or \xE2\x80\x9C \xE2\x80\x9D, as Word "
			 "writes them), which are not quotation marks here, and it holds a colon: write straight "
			 "quotes, %s: %s"), key, q);
		free(q);
		buf_free(&v);
	} else {
		char *q = quoted(value);
		snprintf(msg, sizeof msg, _("a value with a colon in it needs quotation marks: write %s: %s"),
			 key, q);
		free(q);
	}
	fail(p, &p->yp.problem_mark, "%s", msg);
	return 1;
}

static int next(struct parse *p, yaml_event_t *e)
{
	if (yaml_parser_parse(&p->yp, e))
		return 0;
	if (plain_words(p))
		return -1;
	char msg[512];
	if (p->yp.context)
		/* TRANSLATORS: libyaml's English problem and context, such as
		 * "did not find expected ',' or ']'" "while parsing a flow
		 * sequence", and the line where that began */
		snprintf(msg, sizeof msg, _("%s %s that began at line %d"),
			 p->yp.problem ? p->yp.problem : _("invalid YAML"), p->yp.context,
			 p->line0 + (int)p->yp.context_mark.line + 1);
	else
		snprintf(msg, sizeof msg, "%s", p->yp.problem ? p->yp.problem : _("invalid YAML"));
	fail(p, &p->yp.problem_mark, "%s", msg);
	return -1;
}

static json_object *mapping(struct parse *p, int depth, int top)
{
	json_object *o = json_object_new_object();
	for (;;) {
		yaml_event_t k;
		if (next(p, &k) != 0)
			break;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return o;
		}
		if (k.type != YAML_SCALAR_EVENT) {
			fail(p, &k.start_mark, N_("expected a plain key such as 'title:'%s"), NULL);
			yaml_event_delete(&k);
			break;
		}
		char *key = xstrndup((const char *)k.data.scalar.value, k.data.scalar.length);
		yaml_mark_t km = k.start_mark;
		yaml_event_delete(&k);
		if (json_object_object_get_ex(o, key, NULL)) {
			fail(p, &km, N_("key '%s' appears twice"), key);
			free(key);
			break;
		}
		yaml_event_t v;
		if (next(p, &v) != 0) {
			free(key);
			break;
		}
		json_object *val = node(p, &v, depth + 1);
		yaml_event_delete(&v);
		if (p->failed) {
			json_object_put(val);
			free(key);
			break;
		}
		json_object_object_add(o, key, val);
		if (top) {
			*p->keys = xrealloc(*p->keys, (*p->nkeys + 1) * sizeof **p->keys);
			struct lh_entry *ent = json_object_get_object(o)->tail;
			(*p->keys)[*p->nkeys].name = (const char *)lh_entry_k(ent);
			(*p->keys)[*p->nkeys].line = p->line0 + (int)km.line + 1;
			(*p->keys)[*p->nkeys].parent = NULL;
			(*p->nkeys)++;
		}
		free(key);
	}
	json_object_put(o);
	return NULL;
}

static json_object *sequence(struct parse *p, int depth)
{
	json_object *a = json_object_new_array();
	for (;;) {
		yaml_event_t v;
		if (next(p, &v) != 0)
			break;
		if (v.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&v);
			return a;
		}
		json_object *item = node(p, &v, depth + 1);
		yaml_event_delete(&v);
		if (p->failed) {
			json_object_put(item);
			break;
		}
		json_object_array_add(a, item);
	}
	json_object_put(a);
	return NULL;
}

static json_object *node(struct parse *p, yaml_event_t *e, int depth)
{
	if (depth > MAX_DEPTH) {
		fail(p, &e->start_mark, N_("nested more than 32 levels deep%s"), NULL);
		return NULL;
	}
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		return scalar(e);
	case YAML_MAPPING_START_EVENT:
		return mapping(p, depth, 0);
	case YAML_SEQUENCE_START_EVENT:
		return sequence(p, depth);
	case YAML_ALIAS_EVENT:
		fail(p, &e->start_mark, N_("YAML aliases (*%s) are not supported: write the value out in full"),
		     (const char *)e->data.alias.anchor);
		return NULL;
	default:
		fail(p, &e->start_mark, N_("unexpected YAML structure%s"), NULL);
		return NULL;
	}
}

/* Finds the line that closes the front matter: "---" or "..." alone. */
static const char *find_close(const char *s, const char *end, const char **after, int *lines)
{
	int n = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		size_t w = (size_t)(le - s);
		if (w > 0 && s[w - 1] == '\r')
			w--;
		if (w == 3 && (!memcmp(s, "---", 3) || !memcmp(s, "...", 3))) {
			*after = nl ? nl + 1 : end;
			*lines = n;
			return s;
		}
		n++;
		s = nl ? nl + 1 : end;
	}
	return NULL;
}

int yaml_to_json(const char *path, const char *what, const char *text, size_t len,
		 int line0, json_object **out, struct fm_key **keys, size_t *nkeys)
{
	struct parse ps;
	memset(&ps, 0, sizeof ps);
	ps.path = path;
	ps.line0 = line0;
	ps.keys = keys;
	ps.nkeys = nkeys;
	ps.what = what;
	ps.text = text;
	ps.len = len;
	yaml_parser_initialize(&ps.yp);
	yaml_parser_set_input_string(&ps.yp, (const unsigned char *)text, len);
	json_object *root = NULL;
	int have_doc = 0;
	yaml_event_t e;
	while (!ps.failed && next(&ps, &e) == 0) {
		yaml_event_type_t t = e.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		if (t == YAML_DOCUMENT_START_EVENT) {
			if (have_doc)
				fail(&ps, &e.start_mark, N_("only one YAML document is allowed%s"), NULL);
			have_doc = 1;
		} else if (t == YAML_MAPPING_START_EVENT) {
			root = mapping(&ps, 1, 1);
		} else if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
			   t == YAML_ALIAS_EVENT) {
			if (!(t == YAML_SCALAR_EVENT && e.data.scalar.length == 0))
				fail(&ps, &e.start_mark,
				     N_("expected 'key: value' lines (such as 'title: Verksamhetsplan 2016')%s"),
				     NULL);
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&ps.yp);
	if (ps.failed) {
		json_object_put(root);
		free(*keys);
		*keys = NULL;
		*nkeys = 0;
		return -1;
	}
	*out = root ? root : json_object_new_object();
	return 0;
}

int frontmatter_parse(const char *path, const char *src, size_t len, struct frontmatter *fm)
{
	memset(fm, 0, sizeof *fm);
	const char *p = src, *end = src + len;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	fm->body_offset = (size_t)(p - src);
	fm->body_line = 1;
	size_t first = (size_t)(end - p) >= 4 && !memcmp(p, "---\n", 4) ? 4
		: (size_t)(end - p) >= 5 && !memcmp(p, "---\r\n", 5) ? 5 : 0;
	if (!first) {
		fm->data = json_object_new_object();
		return 0;
	}
	const char *yaml = p + first, *after;
	int lines;
	const char *close = find_close(yaml, end, &after, &lines);
	if (!close) {
		diag(DIAG_ERROR, path, 1, 1,
		     "front matter opened with '---' is never closed: expected a line '---' after it");
		return -1;
	}
	json_object *root = NULL;
	if (yaml_to_json(path, N_("front matter"), yaml, (size_t)(close - yaml), 1, &root,
			 &fm->keys, &fm->nkeys) != 0)
		return -1;
	fm->data = root;
	fm->body_offset = (size_t)(after - src);
	fm->body_line = 1 + 1 + lines + 1;
	return 0;
}

void frontmatter_free(struct frontmatter *fm)
{
	json_object_put(fm->data);
	free(fm->keys);
	memset(fm, 0, sizeof *fm);
}

int frontmatter_line(const struct frontmatter *fm, const char *name)
{
	for (size_t i = 0; i < fm->nkeys; i++)
		if (!strcmp(fm->keys[i].name, name))
			return fm->keys[i].line;
	return 1;
}
