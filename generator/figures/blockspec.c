#include "blockspec.h"

#include <stdio.h>
#include <string.h>

#include "blockopts.h"
#include "buf.h"
#include "diag.h"

static const struct opt_spec *find(const struct opt_spec *spec, const char *name)
{
	for (const struct opt_spec *s = spec; s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

/* 1 if value is one of words ("a|b|c"), as written */
static int one_of(const char *words, const char *value)
{
	size_t n = strlen(value);
	for (const char *w = words; *w;) {
		size_t l = strcspn(w, "|");
		if (l == n && !strncmp(w, value, n))
			return 1;
		w += l;
		if (*w == '|')
			w++;
	}
	return 0;
}

static int is_text(json_object *v)
{
	enum json_type t = json_object_get_type(v);
	return t == json_type_string || t == json_type_int || t == json_type_double;
}

int blockspec_check(const char *path, const char *kind, const struct opt_spec *spec,
		    json_object *opts, const struct fm_key *keys, size_t nkeys)
{
	int errors = 0;
	for (size_t i = 0; i < nkeys; i++) {
		if (keys[i].parent)
			continue;
		const char *name = keys[i].name;
		const struct opt_spec *s = find(spec, name);
		if (!s) {
			buf_t list = BUF_INIT;
			for (const struct opt_spec *k = spec; k->name; k++)
				buf_printf(&list, "%s%s", k == spec ? "" : ", ", k->name);
			diag(DIAG_ERROR, path, keys[i].line, 0, "unknown %s option '%s' (known: %s)", kind, name,
			     buf_cstr(&list));
			buf_free(&list);
			errors++;
			continue;
		}
		json_object *v = NULL;
		if (!json_object_object_get_ex(opts, name, &v) || !v)
			continue; /* an option with nothing after it: its reader says */
		int at = keys[i].line;
		switch (s->form) {
		case OPT_TEXT:
			if (!is_text(v)) {
				diag(DIAG_ERROR, path, at, 0,
				     "%s option '%s' must be one line of text, on the option's own line", kind, name);
				errors++;
				continue;
			}
			break;
		case OPT_YESNO:
			if (!is_text(v) || blockopts_bool(v) < 0) {
				diag(DIAG_ERROR, path, at, 0, "%s option '%s' must be ja or nej (or yes or no), not '%s'",
				     kind, name, is_text(v) ? json_object_get_string(v) : "a list");
				errors++;
				continue;
			}
			break;
		case OPT_LIST:
			if (is_text(v)) {
				/* one item on the option's line */
				json_object *a = json_object_new_array();
				json_object_array_add(a, json_object_get(v));
				json_object_object_add(opts, name, a);
				v = a;
			} else if (json_object_get_type(v) != json_type_array) {
				diag(DIAG_ERROR, path, at, 0,
				     "%s option '%s' must be a list: one item on each line below it, starting with '- '",
				     kind, name);
				errors++;
				continue;
			}
			break;
		case OPT_MAP:
			if (json_object_get_type(v) != json_type_object) {
				diag(DIAG_ERROR, path, at, 0,
				     "%s option '%s' must name one thing on each line below it, as 'name: value'",
				     kind, name);
				errors++;
				continue;
			}
			break;
		case OPT_TEXT_OR_LIST:
			if (!is_text(v) && json_object_get_type(v) != json_type_array) {
				diag(DIAG_ERROR, path, at, 0,
				     "%s option '%s' must be one line of text or a list of lines starting with '- '",
				     kind, name);
				errors++;
				continue;
			}
			break;
		}
		if (s->words && is_text(v) && !one_of(s->words, json_object_get_string(v))) {
			/* 'a', 'b' or 'c' */
			buf_t w = BUF_INIT;
			const char *last = strrchr(s->words, '|');
			for (const char *p = s->words; *p; p++)
				if (*p == '|')
					buf_puts(&w, p == last ? "' or '" : "', '");
				else
					buf_putc(&w, *p);
			diag(DIAG_ERROR, path, at, 0, "%s option '%s' must be '%s', not '%s'", kind, name,
			     buf_cstr(&w), json_object_get_string(v));
			buf_free(&w);
			errors++;
			continue;
		}
		for (const char *x = s->excludes; x && *x;) {
			char other[64];
			size_t l = strcspn(x, "|");
			snprintf(other, sizeof other, "%.*s", (int)l, x);
			x += l + (x[l] == '|');
			json_object *o = NULL;
			if (json_object_object_get_ex(opts, other, &o)) {
				diag(DIAG_ERROR, path, at, 0,
				     "%s options '%s' and '%s' cannot be used together; leave one of them out",
				     kind, name, other);
				errors++;
			}
		}
		if (s->needs) {
			char need[64];
			snprintf(need, sizeof need, "%s", s->needs);
			char *eq = strchr(need, '=');
			const char *want = NULL;
			if (eq) {
				*eq = '\0';
				want = eq + 1;
			}
			json_object *o = NULL;
			int given = json_object_object_get_ex(opts, need, &o) && o;
			int ok = given && (!want || (is_text(o) && !strcmp(json_object_get_string(o), want)));
			if (!ok) {
				if (want)
					diag(DIAG_ERROR, path, at, 0,
					     "%s option '%s' works only with '%s: %s'; add that, or leave '%s' out",
					     kind, name, need, want, name);
				else
					diag(DIAG_ERROR, path, at, 0,
					     "%s option '%s' works only with '%s'; add that, or leave '%s' out", kind,
					     name, need, name);
				errors++;
			}
		}
	}
	return errors;
}
