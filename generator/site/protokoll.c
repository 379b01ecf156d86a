/*
 * protokoll: minutes and the anslagstavla (protokoll.h).
 */
#include "protokoll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "jsonutil.h"

static int swedish(const struct lang *l)
{
	return !strcmp(l->code, "sv");
}

/* days since 1970-01-01 of a date in the proleptic Gregorian calendar */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + d);
}

int protokoll_appeal_day(int y, int m, int d)
{
	long z = days_from_civil(y, m, d) + 21;
	/* 1970-01-01 was a Thursday: 2 is a Saturday, 3 a Sunday */
	long wd = ((z % 7) + 7) % 7;
	if (wd == 2)
		z += 2;
	else if (wd == 3)
		z += 1;
	return civil_from_days(z);
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

/* The date under key, as y*10000+m*100+d; 0 when it is absent, -1 (and
 * reported) when it is not a date. */
static int read_date(const char *path, const struct frontmatter *fm, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(fm->data, key, &v) || !v)
		return 0;
	const char *s = json_object_get_string(v);
	int y, m, d;
	if (json_object_get_type(v) != json_type_string || lang_parse_date(s, &y, &m, &d) != 0) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, key), 0,
		     "'%s' is not a date: expected YYYY-MM-DD, such as 2016-11-24", key);
		return -1;
	}
	return y * 10000 + m * 100 + d;
}

json_object *protokoll_read(const char *path, const struct frontmatter *fm, const struct lang *l)
{
	int meeting = read_date(path, fm, "meeting");
	int posted = read_date(path, fm, "posted");
	int given = read_date(path, fm, "appeal_until");
	int bad = meeting < 0 || posted < 0 || given < 0;
	if (!meeting) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, "type"), 0,
		     "a protokoll needs 'meeting:', the date of the board's meeting (YYYY-MM-DD)");
		bad = 1;
	}
	if (!posted) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, "type"), 0,
		     "a protokoll needs 'posted:', the date its minutes were put up on the "
		     "anslagstavla (YYYY-MM-DD): the three weeks to appeal run from it");
		bad = 1;
	}
	if (bad)
		return NULL;
	if (posted < meeting) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, "posted"), 0,
		     "posted %04d-%02d-%02d is before the meeting, %04d-%02d-%02d: minutes are "
		     "posted after the meeting they record",
		     posted / 10000, posted / 100 % 100, posted % 100, meeting / 10000,
		     meeting / 100 % 100, meeting % 100);
		return NULL;
	}
	int last = protokoll_appeal_day(posted / 10000, posted / 100 % 100, posted % 100);
	if (given && given != last) {
		diag(DIAG_ERROR, path, frontmatter_line(fm, "appeal_until"), 0,
		     "appeal_until %04d-%02d-%02d is not three weeks after posted %04d-%02d-%02d: "
		     "the last day to appeal is %04d-%02d-%02d; remove 'appeal_until' (planpress "
		     "computes it) or correct 'posted'",
		     given / 10000, given / 100 % 100, given % 100, posted / 10000,
		     posted / 100 % 100, posted % 100, last / 10000, last / 100 % 100, last % 100);
		return NULL;
	}
	json_object *o = json_object_new_object();
	add_date(o, l, "meeting", meeting);
	add_date(o, l, "posted", posted);
	add_date(o, l, "appeal_until", last);
	json_object_object_add(o, "posted_day", json_object_new_int(posted));
	json_object_object_add(o, "appeal_day", json_object_new_int(last));
	json_object_object_add(o, "text", protokoll_words(l));
	return o;
}

int protokoll_open(json_object *facts, int today)
{
	json_object *p, *a;
	if (!facts || !json_object_object_get_ex(facts, "posted_day", &p) ||
	    !json_object_object_get_ex(facts, "appeal_day", &a))
		return 0;
	return json_object_get_int(p) <= today && today <= json_object_get_int(a);
}

json_object *protokoll_words(const struct lang *l)
{
	int sv = swedish(l);
	json_object *o = json_object_new_object();
	json_add_str(o, "meeting", sv ? "Sammanträdesdatum" : "Date of meeting");
	json_add_str(o, "posted", sv ? "Anslaget på anslagstavlan" : "Posted on the notice board");
	json_add_str(o, "appeal_until", sv ? "Sista dag att överklaga" : "Last day to appeal");
	json_add_str(o, "appeal",
		     sv ? "Beslut i protokollet kan överklagas genom laglighetsprövning. Överklagandet "
			  "ska ha kommit in till förvaltningsrätten senast den dag som står ovan, tre "
			  "veckor efter att protokollet anslogs."
			: "Decisions in these minutes can be appealed to the administrative court "
			  "(laglighetsprövning). The appeal must reach the court by the day given above, "
			  "three weeks after the minutes were posted.");
	json_add_str(o, "board", sv ? "Anslagstavla" : "Notice board");
	json_add_str(o, "board_intro",
		     sv ? "Protokoll som är anslagna och fortfarande kan överklagas."
			: "Minutes that are posted and can still be appealed.");
	json_add_str(o, "board_empty",
		     sv ? "Inga protokoll är anslagna just nu."
			: "No minutes are posted at the moment.");
	json_add_str(o, "archive", sv ? "Protokollarkiv" : "Archive of minutes");
	return o;
}
