/*
 * insats: a funded effort's facts and status (insats.h).
 */
#include "insats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "jsonutil.h"

static const char *const status_keys[] = {"planerad", "pagaende", "avslutad"};
/* as a Swedish author may also write them */
static const char *const status_written[] = {"planerad", "pågående", "avslutad"};
static const char *const status_sv[] = {"Planerad", "Pågående", "Avslutad"};
static const char *const status_en[] = {"Planned", "Running", "Ended"};

static int swedish(const struct lang *l)
{
	return !strcmp(l->code, "sv");
}

static void add_date(json_object *o, const struct lang *l, const char *key, int day)
{
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", day / 10000, day / 100 % 100, day % 100);
	json_add_str(o, key, iso);
	buf_t b = BUF_INIT;
	lang_format_date(l, day / 10000, day / 100 % 100, day % 100, &b);
	char *k = xasprintf("%s_text", key);
	/* k is freed below: json_add_str keeps its key, this copies it */
	json_object_object_add(o, k, json_object_new_string(buf_cstr(&b)));
	free(k);
	buf_free(&b);
}

/* y*10000+m*100+d; 0 when absent; -1 (reported) when not a date */
static int read_date(const char *path, const struct frontmatter *fm, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(fm->data, key, &v) || !v)
		return 0;
	int y, m, d;
	if (json_object_get_type(v) != json_type_string ||
	    lang_parse_date(json_object_get_string(v), &y, &m, &d) != 0) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, key), 0,
		     "'%s' is not a date: expected YYYY-MM-DD, such as 2016-11-24", key);
		return -1;
	}
	return y * 10000 + m * 100 + d;
}

/* a string value, or NULL; other kinds are reported and set *bad */
static const char *read_text(const char *path, const struct frontmatter *fm, json_object *o,
			     const char *key, int line, const char *where, int *bad)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || !v)
		return NULL;
	if (json_object_get_type(v) != json_type_string) {
		diag(DIAG_ERROR, path, line ? line : frontmatter_line(fm, key), 0,
		     "%s'%s' must be text", where, key);
		*bad = 1;
		return NULL;
	}
	return json_object_get_string(v);
}

static json_object *read_contact(const char *path, const struct frontmatter *fm, int *bad)
{
	json_object *c;
	if (!json_object_object_get_ex(fm->data, "contact", &c) || !c)
		return NULL;
	int line = frontmatter_line(fm, "contact");
	json_object *o = json_object_new_object();
	if (json_object_get_type(c) == json_type_string) {
		json_add_str(o, "name", json_object_get_string(c));
		return o;
	}
	if (json_object_get_type(c) != json_type_object) {
		diag(DIAG_ERROR, path, line, 0,
		     "'contact' must be a name, or name, email and phone on their own lines below it");
		*bad = 1;
		json_object_put(o);
		return NULL;
	}
	json_object_object_foreach(c, k, v) {
		(void)v;
		if (strcmp(k, "name") && strcmp(k, "email") && strcmp(k, "phone")) {
			diag(DIAG_ERROR, path, line, 0,
			     "unknown key '%s' in contact: expected name, email and phone", k);
			*bad = 1;
		}
	}
	json_add_str(o, "name", read_text(path, fm, c, "name", line, "contact: ", bad));
	json_add_str(o, "email", read_text(path, fm, c, "email", line, "contact: ", bad));
	const char *phone = read_text(path, fm, c, "phone", line, "contact: ", bad);
	if (phone) {
		/* the same number as the footer and kontakt pages give it */
		char *shown = config_phone_text(phone), *tel = config_tel(phone);
		json_add_str(o, "phone", shown);
		json_add_str(o, "phone_tel", tel);
		free(shown);
		free(tel);
	}
	return o;
}

static json_object *read_parties(const char *path, const struct frontmatter *fm, int *bad)
{
	json_object *v;
	if (!json_object_object_get_ex(fm->data, "parties", &v) || !v)
		return NULL;
	int ok = json_object_get_type(v) == json_type_array;
	size_t n = ok ? json_object_array_length(v) : 0;
	for (size_t i = 0; ok && i < n; i++)
		ok = json_object_get_type(json_object_array_get_idx(v, i)) == json_type_string;
	if (!ok) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, "parties"), 0,
		     "'parties' must be a list of names, one '- name' a line below it");
		*bad = 1;
		return NULL;
	}
	return json_object_get(v);
}

static void iso(char *out, size_t n, int day)
{
	snprintf(out, n, "%04d-%02d-%02d", day / 10000, day / 100 % 100, day % 100);
}

json_object *insats_read(const char *path, const struct frontmatter *fm, const struct lang *l,
			 int today)
{
	int bad = 0;
	int start = read_date(path, fm, "start"), end = read_date(path, fm, "end");
	if (start < 0 || end < 0)
		bad = 1;
	const char *st = read_text(path, fm, fm->data, "status", 0, "", &bad);
	int given = -1;
	if (st) {
		for (int i = 0; i < 3; i++)
			if (!strcmp(st, status_keys[i]) || !strcmp(st, status_written[i]))
				given = i;
		if (given < 0) {
			diag(DIAG_ERROR, path, frontmatter_line(fm, "status"), 0,
			     "status '%s' is not a status of an insats: expected planerad, pagaende or "
			     "avslutad",
			     st);
			bad = 1;
		}
	}
	if (start > 0 && end > 0 && end < start) {
		char a[16], b[16];
		iso(a, sizeof a, start);
		iso(b, sizeof b, end);
		diag(DIAG_ERROR, path, frontmatter_line(fm, "end"), 0,
		     "end %s is before start %s: expected the period's last day", b, a);
		bad = 1;
	}
	if (!start && !st && !bad) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, "type"), 0,
		     "an insats needs 'start:', the first day of its period (YYYY-MM-DD), or, while "
		     "that is not decided, 'status: planerad'");
		bad = 1;
	}
	/* the status the period gives on the build's day */
	int derived = -1;
	if (start > 0 && (end <= 0 || end >= start))
		derived = today < start ? INSATS_PLANNED
			  : end > 0 && today > end ? INSATS_ENDED
						  : INSATS_RUNNING;
	else if (!start && end > 0 && today > end)
		derived = INSATS_ENDED;
	if (!bad && given >= 0 && derived >= 0 && given != derived) {
		char t[16], a[16], b[16];
		iso(t, sizeof t, today);
		iso(a, sizeof a, start);
		iso(b, sizeof b, end);
		if (start && end)
			diag(DIAG_ERROR, path, frontmatter_line(fm, "status"), 0,
			     "status '%s' does not agree with the period %s to %s: today, %s, the insats "
			     "is %s; remove 'status' (planpress derives it from the period) or correct "
			     "the dates",
			     st, a, b, t, status_keys[derived]);
		else
			diag(DIAG_ERROR, path, frontmatter_line(fm, "status"), 0,
			     "status '%s' does not agree with the period (%s %s): today, %s, the insats "
			     "is %s; remove 'status' (planpress derives it from the period) or correct "
			     "the dates",
			     st, start ? "start" : "end", start ? a : b, t, status_keys[derived]);
		bad = 1;
	}
	json_object *parties = read_parties(path, fm, &bad);
	json_object *contact = read_contact(path, fm, &bad);
	const char *target = read_text(path, fm, fm->data, "target_group", 0, "", &bad);
	if (bad) {
		json_object_put(parties);
		json_object_put(contact);
		return NULL;
	}
	int status = given >= 0 ? given : derived;
	json_object *o = json_object_new_object();
	if (start > 0)
		add_date(o, l, "start", start);
	if (end > 0)
		add_date(o, l, "end", end);
	json_add_str(o, "status", status_keys[status]);
	json_add_str(o, "status_label", swedish(l) ? status_sv[status] : status_en[status]);
	json_object_object_add(o, "status_n", json_object_new_int(status));
	json_object_object_add(o, "running", json_object_new_boolean(status == INSATS_RUNNING));
	json_object_object_add(o, "has_parties",
			       json_object_new_boolean(parties && json_object_array_length(parties)));
	if (parties)
		json_object_object_add(o, "parties", parties);
	if (contact)
		json_object_object_add(o, "contact", contact);
	json_add_str(o, "target_group", target);
	json_object_object_add(o, "text", insats_words(l));
	return o;
}

int insats_status(json_object *facts)
{
	json_object *v;
	if (!facts || !json_object_object_get_ex(facts, "status_n", &v))
		return -1;
	return json_object_get_int(v);
}

json_object *insats_words(const struct lang *l)
{
	int sv = swedish(l);
	json_object *o = json_object_new_object();
	json_add_str(o, "facts", sv ? "Om insatsen" : "About the initiative");
	json_add_str(o, "status", sv ? "Status" : "Status");
	json_add_str(o, "period", sv ? "Period" : "Period");
	json_add_str(o, "parties", sv ? "Parter" : "Parties");
	json_add_str(o, "target_group", sv ? "Målgrupp" : "Target group");
	json_add_str(o, "contact", sv ? "Kontakt" : "Contact");
	json_add_str(o, "email", sv ? "E-post" : "Email");
	json_add_str(o, "phone", sv ? "Telefon" : "Phone");
	json_add_str(o, "heading", sv ? "Insatser" : "Initiatives");
	json_add_str(o, "running", sv ? "Pågående insatser" : "Running initiatives");
	json_add_str(o, "planned", sv ? "Planerade insatser" : "Planned initiatives");
	json_add_str(o, "ended", sv ? "Avslutade insatser" : "Ended initiatives");
	return o;
}
