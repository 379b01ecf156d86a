/*
 * The accessibility statement: its checks and its template data
 * (a11ystmt.h).
 */
#include "a11ystmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "jsonutil.h"
#include "suggest.h"

/* DIGG's form for reporting a public body's site to the supervisor */
#define DIGG_FORM "https://www.digg.se/tdosanmalan"

/* The statement's headings and sentences, in DIGG's order. The law and
 * DIGG's model are Swedish; the English follows the EU's model
 * statement. */
struct words {
	const char *intro;        /* body, service */
	const char *how;
	const char *level[3];     /* helt, delvis, inte: the service */
	const char *level_name[3];
	const char *cannot_use, *cannot_use_text;
	const char *report, *report_text;
	const char *supervision, *supervision_text, *digg_link;
	const char *technical;
	const char *inaccessible, *noncompliance, *burden, *not_covered;
	const char *fix;
	const char *tested, *assessed; /* date, method */
	const char *updated, *published;
	const char *form;
};

static const struct words sv = {
	.intro = "%s står bakom %s. Vi vill att så många som möjligt ska kunna använda den. "
		 "Här beskriver vi hur den uppfyller lagen (2018:1937) om tillgänglighet till "
		 "digital offentlig service, vilka brister vi känner till och hur du kan "
		 "rapportera brister till oss.",
	.how = "Hur tillgänglig är webbplatsen?",
	.level = {"%s är helt förenlig med lagen om tillgänglighet till digital offentlig service.",
		  "%s är delvis förenlig med lagen om tillgänglighet till digital offentlig "
		  "service, på grund av de brister som beskrivs nedan.",
		  "%s är inte förenlig med lagen om tillgänglighet till digital offentlig "
		  "service, på grund av de brister som beskrivs nedan."},
	.level_name = {"helt förenlig", "delvis förenlig", "inte förenlig"},
	.cannot_use = "Vad kan du göra om du inte kan använda delar av webbplatsen?",
	.cannot_use_text = "Behöver du innehåll från webbplatsen i en annan form, eller kommer du "
			   "inte åt något av det, så hör av dig till oss:",
	.report = "Rapportera brister i webbplatsens tillgänglighet",
	.report_text = "Vi arbetar hela tiden med att göra webbplatsen mer tillgänglig. Hittar du "
		       "problem som inte står här, eller anser du att vi inte uppfyller lagen, så "
		       "berätta det för oss, så att vi kan rätta till det.",
	.supervision = "Tillsyn",
	.supervision_text = "Myndigheten för digital förvaltning (Digg) har ansvar för tillsynen "
			    "över lagen om tillgänglighet till digital offentlig service. Är du inte "
			    "nöjd med hur vi tar hand om dina synpunkter kan du",
	.digg_link = "anmäla det till Digg",
	.technical = "Teknisk information om webbplatsens tillgänglighet",
	.inaccessible = "Innehåll som inte är tillgängligt",
	.noncompliance = "Bristande förenlighet med lagkraven",
	.burden = "Oskäligt betungande anpassning",
	.not_covered = "Innehåll som inte omfattas av lagkraven",
	.fix = "Så åtgärdar vi det",
	.tested = "Hur vi testat webbplatsen",
	.assessed = "Den senaste bedömningen gjordes den %s: %s.",
	.updated = "Redogörelsen uppdaterades senast den %s.",
	.published = "Webbplatsen publicerades den %s.",
	.form = "Formulär",
};

static const struct words en = {
	.intro = "%s is responsible for %s. We want as many people as possible to be able to "
		 "use it. This statement describes how it meets the Swedish act on accessibility "
		 "of digital public services (2018:1937), the shortcomings we know of, and how to "
		 "report problems to us.",
	.how = "How accessible is the website?",
	.level = {"%s is fully compliant with the act on accessibility of digital public services.",
		  "%s is partially compliant with the act on accessibility of digital public "
		  "services, due to the shortcomings listed below.",
		  "%s is not compliant with the act on accessibility of digital public services, "
		  "due to the shortcomings listed below."},
	.level_name = {"fully compliant", "partially compliant", "not compliant"},
	.cannot_use = "What to do if you cannot use parts of the website",
	.cannot_use_text = "If you need content from the website in another form, or cannot reach "
			   "some of it, contact us:",
	.report = "Reporting accessibility problems",
	.report_text = "We keep working on the website's accessibility. If you find a problem that "
		       "is not listed here, or think that we do not meet the law, tell us so that we "
		       "can put it right.",
	.supervision = "Enforcement",
	.supervision_text = "The Agency for Digital Government (Digg) supervises the act on "
			    "accessibility of digital public services. If you are not satisfied with "
			    "how we handle your comments, you can",
	.digg_link = "report it to Digg",
	.technical = "Technical information about the website's accessibility",
	.inaccessible = "Content that is not accessible",
	.noncompliance = "Non-compliance with the requirements",
	.burden = "Disproportionate burden",
	.not_covered = "Content outside the scope of the law",
	.fix = "How we will fix it",
	.tested = "How we tested the website",
	.assessed = "The latest assessment was made on %s: %s.",
	.updated = "This statement was last updated on %s.",
	.published = "The website was published on %s.",
	.form = "Form",
};

static const char *const keys[] = {"body", "service", "compliance", "shortcomings", "burden",
				   "not_covered", "method", "assessed", "updated", "published",
				   "feedback", "digg", NULL};
static const char *const levels[] = {"helt", "delvis", "inte", NULL};
static const char *const item_keys[] = {"what", "reason", "fix", NULL};
static const char *const feedback_keys[] = {"email", "phone", "url", "text", NULL};

struct ctx {
	const char *path;
	const char *src;
	int line;      /* the line of 'accessibility:' */
	int failed;
	const struct lang *lang;
	const struct words *w;
};

/* An error at line of the page; the statement then renders nothing.
 * (make po reads its format as a message, like diag's.) */
#define stmt_error(c, line, ...) \
	((c)->failed = 1, diag(DIAG_ERROR, (c)->path, (line), 0, __VA_ARGS__))

/* The line of "key:" inside the block that starts after line `after`
 * (indented deeper than that line), or `after` when it is not found: the
 * front matter keeps the lines of its top-level keys only. */
static int line_of(const struct ctx *c, int after, const char *key)
{
	if (!c->src)
		return after;
	const char *s = c->src;
	int line = 1;
	while (line < after && (s = strchr(s, '\n')))
		s++, line++;
	if (!s)
		return after;
	size_t indent = strspn(s, " ");
	size_t klen = strlen(key);
	for (s = strchr(s, '\n'); s; s = strchr(s, '\n')) {
		s++, line++;
		size_t in = strspn(s, " ");
		if (s[in] == '\n' || s[in] == '#')
			continue;
		if (in <= indent && !(s[in] == '-' && in == indent))
			break;
		const char *k = s + in;
		if (*k == '-')
			k += 1 + strspn(k + 1, " ");
		if (!strncmp(k, key, klen) && k[klen] == ':')
			return line;
	}
	return after;
}

/* The line of list item i (0-based) of the block that starts at `after`. */
static int item_line(const struct ctx *c, int after, size_t i)
{
	if (!c->src)
		return after;
	const char *s = c->src;
	int line = 1;
	while (line < after && (s = strchr(s, '\n')))
		s++, line++;
	if (!s)
		return after;
	size_t indent = strspn(s, " ");
	size_t seen = 0, item_indent = 0;
	for (s = strchr(s, '\n'); s; s = strchr(s, '\n')) {
		s++, line++;
		size_t in = strspn(s, " ");
		if (s[in] == '\n' || s[in] == '#')
			continue;
		if (in < indent || (in == indent && s[in] != '-'))
			break;
		if (s[in] != '-')
			continue;
		if (!seen)
			item_indent = in;
		if (in != item_indent)
			continue;
		if (seen++ == i)
			return line;
	}
	return after;
}

/* An error at line of the page; the statement then renders nothing.
 * (make po reads its format as a message, like diag's.) */
#define stmt_stmt_error(c, line, ...) \
	((c)->failed = 1, diag(DIAG_ERROR, (c)->path, (line), 0, __VA_ARGS__))

/* Unknown keys of an object are errors that suggest the nearest known. */
static void known_keys(struct ctx *c, json_object *o, const char *const *known, int line,
		       const char *where)
{
	json_object_object_foreach(o, k, v) {
		(void)v;
		int ok = 0;
		for (size_t i = 0; known[i]; i++)
			ok |= !strcmp(known[i], k);
		if (ok)
			continue;
		buf_t list = BUF_INIT;
		for (size_t i = 0; known[i]; i++) {
			if (i)
				buf_puts(&list, ", ");
			buf_puts(&list, known[i]);
		}
		const char *near = suggest_nearest(k, known, 2);
		if (near)
			diag(DIAG_ERROR, c->path, line_of(c, line, k), 0,
			     "unknown key '%s' in %s: did you mean '%s'? (the keys are %s)", k, where, near,
			     buf_cstr(&list));
		else
			diag(DIAG_ERROR, c->path, line_of(c, line, k), 0,
			     "unknown key '%s' in %s (the keys are %s)", k, where, buf_cstr(&list));
		buf_free(&list);
		c->failed = 1;
	}
}

/* A text value, or NULL (an error when it is there but not text). */
static const char *text(struct ctx *c, json_object *o, const char *key, int line)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || !v)
		return NULL;
	if (!json_object_is_type(v, json_type_string) || !*json_object_get_string(v)) {
		stmt_error(c, line_of(c, line, key), "accessibility: '%s' must be text",
		      key);
		return NULL;
	}
	return json_object_get_string(v);
}

static const char *required(struct ctx *c, json_object *o, const char *key, const char *what)
{
	const char *s = text(c, o, key, c->line);
	if (!s && !json_object_object_get_ex(o, key, NULL))
		stmt_error(c, c->line, "accessibility: '%s' is missing: expected %s", key, _(what));
	return s;
}

/* A date value as y*10000 + m*100 + d, and its text in the site's
 * language; 0 when absent or after an error. */
static int date(struct ctx *c, json_object *o, const char *key, json_object *out)
{
	const char *s = text(c, o, key, c->line);
	int y, m, d;
	if (!s)
		return 0;
	if (lang_parse_date(s, &y, &m, &d) != 0) {
		stmt_error(c, line_of(c, c->line, key),
		      "accessibility: '%s' is not a date: expected YYYY-MM-DD, such as 2016-11-01", key);
		return 0;
	}
	buf_t b = BUF_INIT;
	lang_format_date(c->lang, y, m, d, &b);
	char *k = xasprintf("%s_text", key);
	json_object_object_add(out, k, json_object_new_string(buf_cstr(&b))); /* copies k */
	free(k);
	buf_free(&b);
	json_add_str(out, key, s);
	return y * 10000 + m * 100 + d;
}

/* shortcomings and burden: [{what, reason, fix}] */
static size_t items(struct ctx *c, json_object *o, const char *key, json_object *out)
{
	json_object *list;
	if (!json_object_object_get_ex(o, key, &list) || !list)
		return 0;
	int kline = line_of(c, c->line, key);
	if (!json_object_is_type(list, json_type_array)) {
		stmt_error(c, kline,
		      "accessibility: '%s' must be a list, each item with 'what' (the shortcoming) and "
		      "'reason' (why it is so, such as the WCAG criterion it fails)",
		      key);
		return 0;
	}
	json_object *arr = json_object_new_array();
	size_t n = json_object_array_length(list);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(list, i);
		int line = item_line(c, kline, i);
		if (!e || !json_object_is_type(e, json_type_object)) {
			stmt_error(c, line,
			      "accessibility: each item of '%s' needs 'what' (the shortcoming) and 'reason' "
			      "(why it is so, such as the WCAG criterion it fails)",
		      key);
			continue;
		}
		known_keys(c, e, item_keys, line - 1, key);
		json_object *it = json_object_new_object();
		const char *what = text(c, e, "what", line - 1), *reason = text(c, e, "reason", line - 1);
		if (!what || !reason)
			stmt_error(c, line, "accessibility: an item of '%s' lacks '%s': DIGG asks for each "
				       "shortcoming and the reason for it",
			      key, !what ? "what" : "reason");
		json_add_str(it, "what", what);
		json_add_str(it, "reason", reason);
		json_add_str(it, "fix", text(c, e, "fix", line - 1));
		json_object_array_add(arr, it);
	}
	json_add_new(out, key, arr);
	char *has = xasprintf("has_%s", key);
	json_object_object_add(out, has, json_object_new_boolean(n > 0)); /* copies has */
	free(has);
	return n;
}

static void strings(struct ctx *c, json_object *o, const char *key, json_object *out)
{
	json_object *list;
	if (!json_object_object_get_ex(o, key, &list) || !list)
		return;
	json_object *arr = json_object_new_array();
	if (json_object_is_type(list, json_type_string)) {
		json_object_array_add(arr, json_object_new_string(json_object_get_string(list)));
	} else if (json_object_is_type(list, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(list); i++) {
			json_object *e = json_object_array_get_idx(list, i);
			if (e && json_object_is_type(e, json_type_string))
				json_object_array_add(arr, json_object_new_string(json_object_get_string(e)));
			else
				stmt_error(c, item_line(c, line_of(c, c->line, key), i),
				      "accessibility: each item of '%s' must be text",
		      key);
		}
	} else {
		stmt_error(c, line_of(c, c->line, key), "accessibility: '%s' must be a list of texts",
		      key);
	}
	json_add_new(out, "has_not_covered", json_object_new_boolean(json_object_array_length(arr) > 0));
	json_add_new(out, key, arr);
}

/* feedback: {email, phone, url, text}: at least one way to reach the body */
static void feedback(struct ctx *c, json_object *o, json_object *out)
{
	json_object *f;
	if (!json_object_object_get_ex(o, "feedback", &f) || !f) {
		stmt_error(c, c->line,
		      "accessibility: 'feedback' is missing: expected how to report a problem, with at "
		      "least one of email, phone and url");
		return;
	}
	int line = line_of(c, c->line, "feedback");
	if (!json_object_is_type(f, json_type_object)) {
		stmt_error(c, line,
		      "accessibility: 'feedback' must hold email, phone or url (and text if you like), "
		      "each on a line of its own");
		return;
	}
	known_keys(c, f, feedback_keys, line, "feedback");
	json_object *fo = json_object_new_object();
	const char *email = text(c, f, "email", line), *phone = text(c, f, "phone", line),
		   *url = text(c, f, "url", line);
	if (!email && !phone && !url)
		stmt_error(c, line, "accessibility: 'feedback' needs at least one of email, phone and url");
	json_add_str(fo, "email", email);
	if (phone) {
		/* the same number as the footer and kontakt pages give it */
		char *shown = config_phone_text(phone), *tel = config_tel(phone);
		json_add_str(fo, "phone", shown);
		json_add_str(fo, "phone_tel", tel);
		free(shown);
		free(tel);
	}
	json_add_str(fo, "url", url);
	json_add_str(fo, "note", text(c, f, "text", line));
	json_add_str(fo, "email_label", c->lang->email);
	json_add_str(fo, "phone_label", c->lang->phone);
	json_add_str(fo, "url_label", c->w->form);
	json_add_new(out, "feedback", fo);
}

static void sentence(json_object *o, const char *key, const char *fmt, const char *a, const char *b)
{
	buf_t s = BUF_INIT;
	buf_printf(&s, fmt, a, b);
	json_add_str(o, key, buf_cstr(&s));
	buf_free(&s);
}

/* "Webbplatsen samordning.example" at the start of a sentence */
static char *capitalized(const char *s)
{
	char *c = xstrdup(s);
	if (c[0] >= 'a' && c[0] <= 'z')
		c[0] = (char)(c[0] - 'a' + 'A');
	return c;
}

json_object *a11ystmt_read(const char *path, const struct frontmatter *fm, const char *src,
			   const struct lang *l, int today)
{
	struct ctx c = {path, src, frontmatter_line(fm, "accessibility"), 0, l,
			!strcmp(l->code, "sv") ? &sv : &en};
	json_object *o;
	if (!json_object_object_get_ex(fm->data, "accessibility", &o) || !o) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, "type"), 0,
		     "an accessibility statement (type: tillganglighet) needs its facts in the front "
		     "matter block 'accessibility:' (body, service, compliance, shortcomings, method, "
		     "assessed, feedback; see docs/writing.md)");
		return NULL;
	}
	if (!json_object_is_type(o, json_type_object)) {
		diag(DIAG_ERROR, path, c.line, 0,
		     "'accessibility' must hold the statement's keys (body, service, compliance, "
		     "shortcomings, method, assessed, feedback), each on a line of its own");
		return NULL;
	}
	known_keys(&c, o, keys, c.line, "accessibility");
	json_object *out = json_object_new_object();
	const char *body = required(&c, o, "body", N_("who is responsible for the site, such as "
						   "'Samordningsförbundet Sjuhärad'"));
	const char *service = required(&c, o, "service", N_("which digital service the statement "
							 "covers, such as 'webbplatsen sofs.se'"));
	const char *level = required(&c, o, "compliance", N_("helt, delvis or inte (DIGG's three "
							  "levels of compliance)"));
	int li = -1;
	for (int i = 0; level && levels[i]; i++)
		if (!strcmp(level, levels[i]))
			li = i;
	if (level && li < 0)
		stmt_error(&c, line_of(&c, c.line, "compliance"),
		      "accessibility: compliance '%s' is not one of DIGG's levels: expected helt, delvis "
		      "or inte",
		      level);
	size_t nshort = items(&c, o, "shortcomings", out);
	size_t nburden = items(&c, o, "burden", out);
	if (li == 0 && nshort + nburden > 0) {
		stmt_error(&c, line_of(&c, c.line, "compliance"),
		      "accessibility: compliance 'helt' means no shortcomings at all, but %zu are listed: "
		      "write 'compliance: delvis' (or 'inte'), or remove what has been fixed",
		      nshort + nburden);
	}
	if (li > 0 && nshort + nburden == 0)
		stmt_error(&c, line_of(&c, c.line, "compliance"),
		      "accessibility: compliance '%s' needs the shortcomings that make it so: list each "
		      "under 'shortcomings:' with 'what' and 'reason'",
		      level);
	strings(&c, o, "not_covered", out);
	const char *method = required(&c, o, "method", N_("how the site was assessed, such as "
						       "'självskattning med axe-core och tangentbord'"));
	int assessed = date(&c, o, "assessed", out);
	if (!assessed && !json_object_object_get_ex(o, "assessed", NULL))
		stmt_error(&c, c.line, "accessibility: 'assessed' is missing: expected the date of the latest assessment, such as 2016-11-01");
	int updated = date(&c, o, "updated", out);
	date(&c, o, "published", out);
	feedback(&c, o, out);
	const char *digg = text(&c, o, "digg", c.line);
	if (assessed && assessed > today) {
		char t[16];
		snprintf(t, sizeof t, "%04d-%02d-%02d", today / 10000, today / 100 % 100, today % 100);
		stmt_error(&c, line_of(&c, c.line, "assessed"),
		      "accessibility: assessed %s is after today, %s: expected the date the assessment "
		      "was made",
		      json_object_get_string(json_object_object_get(out, "assessed")), t);
	} else if (assessed && today - assessed >= 10000) {
		/* y*10000 + m*100 + d: a difference of 10000 is a year to the day */
		char t[16];
		snprintf(t, sizeof t, "%04d-%02d-%02d", today / 10000, today / 100 % 100, today % 100);
		diag(DIAG_WARNING, path, line_of(&c, c.line, "assessed"), 0,
		     "accessibility: the assessment of %s is more than a year old (today is %s): review "
		     "the site and the statement, and give the new date",
		     json_object_get_string(json_object_object_get(out, "assessed")), t);
	}
	if (updated && assessed && updated < assessed)
		stmt_error(&c, line_of(&c, c.line, "updated"),
		      "accessibility: updated %s is before the assessment it reports (assessed %s)",
		      json_object_get_string(json_object_object_get(out, "updated")),
		      json_object_get_string(json_object_object_get(out, "assessed")));
	if (c.failed) {
		json_object_put(out);
		return NULL;
	}
	const struct words *w = c.w;
	json_add_str(out, "body", body);
	json_add_str(out, "service", service);
	json_add_str(out, "compliance", level);
	json_add_str(out, "compliance_text", w->level_name[li]);
	json_add_new(out, "is_helt", json_object_new_boolean(li == 0));
	json_object *nc;
	int has_nc = json_object_object_get_ex(out, "has_not_covered", &nc) && json_object_get_boolean(nc);
	json_add_new(out, "has_inaccessible", json_object_new_boolean(li > 0 || has_nc));
	json_add_str(out, "method", method);
	json_add_str(out, "digg_url", digg ? digg : DIGG_FORM);
	json_object *t = json_object_new_object();
	sentence(t, "intro", w->intro, body, service);
	char *svc = capitalized(service);
	sentence(t, "level", w->level[li], svc, NULL);
	free(svc);
	json_add_str(t, "how", w->how);
	json_add_str(t, "cannot_use", w->cannot_use);
	json_add_str(t, "cannot_use_text", w->cannot_use_text);
	json_add_str(t, "report", w->report);
	json_add_str(t, "report_text", w->report_text);
	json_add_str(t, "supervision", w->supervision);
	json_add_str(t, "supervision_text", w->supervision_text);
	json_add_str(t, "digg_link", w->digg_link);
	json_add_str(t, "technical", w->technical);
	json_add_str(t, "inaccessible", w->inaccessible);
	json_add_str(t, "noncompliance", w->noncompliance);
	json_add_str(t, "burden", w->burden);
	json_add_str(t, "not_covered", w->not_covered);
	json_add_str(t, "fix", w->fix);
	json_add_str(t, "tested", w->tested);
	sentence(t, "assessed",  w->assessed,
		 json_object_get_string(json_object_object_get(out, "assessed_text")), method);
	json_object *v;
	if (json_object_object_get_ex(out, "updated_text", &v))
		sentence(t, "updated", w->updated, json_object_get_string(v), NULL);
	if (json_object_object_get_ex(out, "published_text", &v))
		sentence(t, "published", w->published, json_object_get_string(v), NULL);
	json_add_new(out, "text", t);
	return out;
}

int a11ystmt_today(void)
{
	time_t now = time(NULL);
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch)
		now = (time_t)strtoll(epoch, NULL, 10);
	struct tm tm;
	gmtime_r(&now, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}
