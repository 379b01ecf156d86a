#include "blockopts.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static json_object *value(char *v)
{
	v = trim(v);
	size_t n = strlen(v);
	if (n >= 2 && ((v[0] == '"' && v[n - 1] == '"') || (v[0] == '\'' && v[n - 1] == '\''))) {
		v[n - 1] = '\0';
		v++;
	}
	return json_object_new_string(v);
}

/* "[a, b, c]" */
static json_object *flow_list(char *v)
{
	size_t n = strlen(v);
	v[n - 1] = '\0';
	json_object *a = json_object_new_array();
	char *save = NULL;
	for (char *part = strtok_r(v + 1, ",", &save); part; part = strtok_r(NULL, ",", &save))
		if (*trim(part))
			json_object_array_add(a, value(part));
	return a;
}

/* The last ": " (or a trailing ':') outside double quotes. */
static char *last_colon(char *s)
{
	char *found = NULL;
	int quoted = 0;
	for (char *p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ':' && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0'))
			found = p;
	}
	return found;
}

static void add_key(struct fm_key **keys, size_t *nkeys, const char *name, int line,
		    const char *parent)
{
	*keys = xrealloc(*keys, (*nkeys + 1) * sizeof **keys);
	(*keys)[*nkeys].name = name;
	(*keys)[*nkeys].line = line;
	(*keys)[*nkeys].parent = parent;
	(*nkeys)++;
}

int blockopts_parse(const char *path, const char *what, const char *text, int line0,
		    json_object **out, struct fm_key **keys, size_t *nkeys)
{
	json_object *root = json_object_new_object();
	json_object *nested = NULL; /* the list or map being filled */
	const char *nested_key = NULL;
	int nested_line = 0;
	char *copy = xstrdup(text);
	int line = line0, rc = 0;
	char *next = copy;
	while (next && *next) {
		char *raw = next;
		char *nl = strchr(raw, '\n');
		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		line++;
		char *l = raw;
		size_t n = strlen(l);
		while (n > 0 && l[n - 1] == '\r')
			l[--n] = '\0';
		char *body = trim(l);
		if (!*body || body[0] == '#')
			continue;
		int indented = l[0] == ' ' || l[0] == '\t';
		if (indented) {
			if (!nested_key) {
				diag(DIAG_ERROR, path, line, 0,
				     "%s: this indented line belongs to no option (put an option such as 'columns:' above it)",
				     what);
				rc = -1;
				break;
			}
			if (body[0] == '-' && (body[1] == ' ' || !body[1])) {
				if (!nested)
					nested = json_object_new_array();
				if (json_object_get_type(nested) != json_type_array) {
					diag(DIAG_ERROR, path, line, 0,
					     "%s: '%s' mixes '- item' lines with 'name: value' lines", what, nested_key);
					rc = -1;
					break;
				}
				json_object_array_add(nested, value(body + 1));
				add_key(keys, nkeys, NULL, line, nested_key);
				continue;
			}
			char *colon = last_colon(body);
			if (!colon) {
				diag(DIAG_ERROR, path, line, 0,
				     "%s: expected 'name: value' or '- item' under '%s'", what, nested_key);
				rc = -1;
				break;
			}
			if (!nested)
				nested = json_object_new_object();
			if (json_object_get_type(nested) != json_type_object) {
				diag(DIAG_ERROR, path, line, 0,
				     "%s: '%s' mixes '- item' lines with 'name: value' lines", what, nested_key);
				rc = -1;
				break;
			}
			*colon = '\0';
			char *name = trim(body);
			size_t nl = strlen(name);
			if (nl >= 2 && name[0] == '"' && name[nl - 1] == '"') {
				name[nl - 1] = '\0';
				name++;
			}
			json_object_object_add(nested, name, value(colon + 1));
			struct lh_entry *ne = json_object_get_object(nested)->tail;
			add_key(keys, nkeys, (const char *)lh_entry_k(ne), line, nested_key);
			continue;
		}
		/* a top-level line: close the nested block first */
		if (nested_key) {
			json_object_object_add(root, nested_key, nested ? nested : json_object_new_string(""));
			nested = NULL;
			nested_key = NULL;
		}
		char *colon = strstr(body, ": ");
		if (!colon && body[strlen(body) - 1] == ':')
			colon = body + strlen(body) - 1;
		if (!colon) {
			diag(DIAG_ERROR, path, line, 0, "%s: expected 'option: value', such as 'file: ekonomi.csv'", what);
			rc = -1;
			break;
		}
		*colon = '\0';
		char *key = trim(body);
		char *v = trim(colon + 1);
		if (json_object_object_get_ex(root, key, NULL)) {
			diag(DIAG_ERROR, path, line, 0, "%s: option '%s' is given twice", what, key);
			rc = -1;
			break;
		}
		*keys = xrealloc(*keys, (*nkeys + 1) * sizeof **keys);
		if (!*v) {
			json_object_object_add(root, key, NULL); /* placeholder keeps the key */
			nested_key = NULL;
			/* remember the key by its stored name */
			struct lh_entry *e = json_object_get_object(root)->tail;
			nested_key = (const char *)lh_entry_k(e);
			nested_line = line;
		} else if (v[0] == '[' && v[strlen(v) - 1] == ']') {
			json_object_object_add(root, key, flow_list(v));
		} else {
			json_object_object_add(root, key, value(v));
		}
		struct lh_entry *e = json_object_get_object(root)->tail;
		(*keys)[*nkeys].name = (const char *)lh_entry_k(e);
		(*keys)[*nkeys].line = line;
		(*keys)[*nkeys].parent = NULL;
		(*nkeys)++;
	}
	(void)nested_line;
	if (rc == 0 && nested_key)
		json_object_object_add(root, nested_key, nested ? nested : json_object_new_string(""));
	else if (nested)
		json_object_put(nested);
	free(copy);
	if (rc != 0) {
		json_object_put(root);
		free(*keys);
		*keys = NULL;
		*nkeys = 0;
		return -1;
	}
	*out = root;
	return 0;
}

int blockopts_bool(json_object *v)
{
	if (!v)
		return -1;
	if (json_object_get_type(v) == json_type_boolean)
		return json_object_get_boolean(v);
	const char *s = json_object_get_string(v);
	if (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcasecmp(s, "nej") || !strcmp(s, "0"))
		return 0;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcasecmp(s, "ja") || !strcmp(s, "1"))
		return 1;
	return -1;
}

int blockopts_line(const struct fm_key *keys, size_t n, const char *parent, const char *name,
		   int k, int dflt)
{
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!keys[i].parent || strcmp(keys[i].parent, parent))
			continue;
		if (name ? (keys[i].name && !strcmp(keys[i].name, name)) : (!keys[i].name && seen++ == k))
			return keys[i].line;
	}
	return dflt;
}
