/* timefmt.c: parsing and formatting times and durations. */
#include "base/timefmt.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/text.h"
#include "base/util.h"

static int
time_digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* 0, -1 when malformed, -2 when out of range. */
static int
time_hhmmss(const char **p, int *h, int *m, int *sec)
{
	*sec = 0;
	if (time_digits(p, 2, h) != 0 || **p != ':')
		return -1;
	(*p)++;
	if (time_digits(p, 2, m) != 0)
		return -1;
	if (**p == ':') {
		(*p)++;
		if (time_digits(p, 2, sec) != 0)
			return -1;
	}
	if (*h > 23 || *m > 59 || *sec > 59)
		return -2; /* well formed, but no clock shows it */
	return 0;
}

int
time_dur_parse(const char *s, int64_t *secs)
{
	const char *p = s;
	int64_t total = 0;
	int groups = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+')
		p++;
	do {
		int64_t v = 0, unit;

		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p)) {
			v = v * 10 + (*p++ - '0');
			if (v > TIME_DUR_MAX)
				return -1;
		}
		switch (*p) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case '\0':
			if (groups > 0)
				return -1; /* "1h30": a bare number only alone */
			unit = 1;
			p--;
			break;
		default: return -1;
		}
		p++;
		total += v * unit;
		if (total > TIME_DUR_MAX)
			return -1;
		groups++;
	} while (*p != '\0');
	*secs = total;
	return 0;
}

/* "-5m", "+2h", "-1h30m": a unit is needed (a bare "-90" is no time). */
static int
time_relative(const char *s, int64_t now, int64_t *out)
{
	size_t len = strlen(s);
	int64_t d;

	if (s[0] != '-' && s[0] != '+')
		return -1;
	if (!isdigit((unsigned char)s[1]) || !isalpha((unsigned char)s[len - 1]))
		return -1;
	if (time_dur_parse(s + 1, &d) != 0)
		return -1;
	*out = now + (s[0] == '-' ? -d : d);
	return 0;
}

/* A calendar date and clock time as typed. */
struct civil {
	int y, mo, d, h, m, sec;
};

static void
time_civil_tm(const struct civil *c, struct tm *tm)
{
	tm->tm_year = c->y - 1900;
	tm->tm_mon = c->mo - 1;
	tm->tm_mday = c->d;
	tm->tm_hour = c->h;
	tm->tm_min = c->m;
	tm->tm_sec = c->sec;
}

/* mktime and timegm move what no calendar holds (February 30 becomes
 * March 2, 02:30 in a spring-forward gap becomes 03:30): read the time back
 * and refuse it when it is not what was typed. */
static int
time_moved(time_t t, int local, const struct civil *c, const char *s,
    char *err)
{
	struct tm back;

	if ((local ? localtime_r(&t, &back) : gmtime_r(&t, &back)) == NULL)
		return 0;
	/* With an offset, only the calendar date and clock are checked: the
	 * clock was taken as UTC before the offset was applied. */
	if (!local) {
		time_t u;
		struct tm tm = {0};

		time_civil_tm(c, &tm);
		u = timegm(&tm);
		if (u == (time_t)-1 || gmtime_r(&u, &back) == NULL)
			return 0;
	}
	if (back.tm_year == c->y - 1900 && back.tm_mon == c->mo - 1 &&
	    back.tm_mday == c->d && back.tm_hour == c->h &&
	    back.tm_min == c->m && back.tm_sec == c->sec)
		return 0;
	if (back.tm_mday != c->d || back.tm_mon != c->mo - 1)
		err_set(err, "no such date '%.40s' (%04d-%02d has no day %d)",
		    s, c->y, c->mo, c->d);
	else
		err_set(err, "no such time '%.40s' (the clocks skipped it: "
		    "daylight saving time began)", s);
	return -1;
}

/* A clock time today, or yesterday when today's would be more than 5
 * minutes ahead ("13:58" typed just after midnight). 0, -1 when the
 * calendar fails, -2 when the clocks skipped that time. */
static int
time_today(int64_t now, int h, int m, int sec, int64_t *out)
{
	time_t tn = (time_t)now, t;
	struct tm tm, back;
	int day;

	for (day = 0; day < 2; day++) {
		if (localtime_r(&tn, &tm) == NULL)
			return -1;
		tm.tm_mday -= day;
		tm.tm_hour = h;
		tm.tm_min = m;
		tm.tm_sec = sec;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			return -1;
		if ((int64_t)t <= now + 300)
			break;
	}
	if (localtime_r(&t, &back) == NULL)
		return -1;
	if (back.tm_hour != h || back.tm_min != m || back.tm_sec != sec)
		return -2;
	*out = (int64_t)t;
	return 0;
}

static int
time_bad(const char *s, char *err)
{
	err_set(err, "bad time '%.40s' (use HH:MM, HH:MM:SS, YYYY-MM-DD HH:MM, "
	    "ISO-8601, or -5m)", s ? s : "");
	return -1;
}

static int
time_no_clock(const char *s, char *err)
{
	err_set(err, "no such time '%.40s' (hours run 00-23, minutes and "
	    "seconds 00-59)", s);
	return -1;
}

/* "HH:MM" or "HH:MM:SS" alone: 0 when s is one (-1 with err when it is
 * well formed but no clock or no today has it), 1 when s is no clock. */
static int
time_parse_clock(const char *s, int64_t now, int64_t *out, char *err)
{
	const char *p = s;
	int h, m, sec, rc;

	if (strlen(s) > 8 || (rc = time_hhmmss(&p, &h, &m, &sec)) == -1 ||
	    *p != '\0')
		return 1;
	if (rc != 0)
		return time_no_clock(s, err);
	rc = time_today(now, h, m, sec, out);
	if (rc == -1)
		return time_bad(s, err);
	if (rc == -2) {
		err_set(err, "no such time '%.40s' today (the clocks skipped it: "
		    "daylight saving time began)", s);
		return -1;
	}
	return 0;
}

/* The zone after a date and time: "" (local: *local set), "Z", or
 * +HH:MM / -HH:MM / +HHMM, as seconds east of UTC. 0, or -1. */
static int
time_zone(const char *p, int *local, int *east)
{
	int oh = 0, om = 0, sign;

	*local = *p == '\0';
	*east = 0;
	if (*local || (*p == 'Z' && p[1] == '\0'))
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p == '-' ? -1 : 1;
	p++;
	if (time_digits(&p, 2, &oh) != 0)
		return -1;
	if (*p == ':')
		p++;
	if (time_digits(&p, 2, &om) != 0 || *p != '\0' || oh > 14 || om > 59)
		return -1;
	*east = sign * (oh * 3600 + om * 60);
	return 0;
}

/* "YYYY-MM-DD HH:MM[:SS]" or with 'T', then an optional zone. */
static int
time_parse_date(const char *s, int64_t *out, char *err)
{
	const char *p = s;
	struct civil c;
	struct tm tm = {0};
	int local, east, rc;
	time_t t;

	if (time_digits(&p, 4, &c.y) != 0 || *p++ != '-' ||
	    time_digits(&p, 2, &c.mo) != 0 || *p++ != '-' ||
	    time_digits(&p, 2, &c.d) != 0 || (*p != 'T' && *p != ' '))
		return time_bad(s, err);
	p++;
	if ((rc = time_hhmmss(&p, &c.h, &c.m, &c.sec)) == -1 || c.y < 1970 ||
	    c.y > 9999)
		return time_bad(s, err);
	if (c.mo < 1 || c.mo > 12 || c.d < 1 || c.d > 31) {
		err_set(err, "no such date '%.40s' (months run 01-12, days "
		    "01-31)", s);
		return -1;
	}
	if (rc != 0)
		return time_no_clock(s, err);
	time_civil_tm(&c, &tm);
	if (time_zone(p, &local, &east) != 0)
		return time_bad(s, err);
	if (local) {
		tm.tm_isdst = -1;
		t = mktime(&tm);
	} else {
		t = timegm(&tm);
		if (t != (time_t)-1)
			t -= east;
	}
	if (t == (time_t)-1)
		return time_bad(s, err);
	if (time_moved(t, local, &c, s, err) != 0)
		return -1;
	*out = (int64_t)t;
	return 0;
}

int
time_parse(const char *s, int64_t now, int64_t *out, char *err)
{
	int rc;

	if (s == NULL || *s == '\0')
		return time_bad(s, err);
	if (strcmp(s, "now") == 0) {
		*out = now;
		return 0;
	}
	if (time_relative(s, now, out) == 0)
		return 0;
	if (s[0] == '@') {
		char *end;
		long long v = strtoll(s + 1, &end, 10);

		if (end == s + 1 || *end != '\0' || v <= 0)
			return time_bad(s, err);
		*out = (int64_t)v;
		return 0;
	}
	if ((rc = time_parse_clock(s, now, out, err)) != 1)
		return rc;
	return time_parse_date(s, out, err);
}

int
time_iso_parse(const char *s, int64_t *out)
{
	const char *p = s;
	struct civil c;
	struct tm tm = {0}, back;
	time_t t;

	if (strlen(s) != 20 || time_digits(&p, 4, &c.y) != 0 || *p++ != '-' ||
	    time_digits(&p, 2, &c.mo) != 0 || *p++ != '-' ||
	    time_digits(&p, 2, &c.d) != 0 || *p++ != 'T' ||
	    time_digits(&p, 2, &c.h) != 0 || *p++ != ':' ||
	    time_digits(&p, 2, &c.m) != 0 || *p++ != ':' ||
	    time_digits(&p, 2, &c.sec) != 0 || *p != 'Z')
		return -1;
	if (c.y < 1970 || c.mo < 1 || c.mo > 12 || c.d < 1 || c.d > 31 ||
	    c.h > 23 || c.m > 59 || c.sec > 59)
		return -1;
	time_civil_tm(&c, &tm);
	t = timegm(&tm);
	/* Reject dates that do not exist (Feb 30 would roll over). */
	if (t == (time_t)-1 || t <= 0 || gmtime_r(&t, &back) == NULL ||
	    back.tm_mday != c.d || back.tm_mon != c.mo - 1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

int
time_ahead(int64_t t, int64_t now)
{
	return t > now + TIME_SKEW;
}

int
time_check(int64_t t, const struct time_rule *r, const char *what,
    char *err)
{
	char at[32], ref[32], more[64] = "";

	time_full(t, at, sizeof at);
	if (r->hint != NULL)
		snprintf(more, sizeof more, ", or add %s if you mean it",
		    r->hint);
	if (t <= 0 || (t < TIME_FLOOR && !r->allow_past)) {
		if (t < 2 * 86400)
			err_set(err, "%s %s is the epoch (1970-01-01), not a "
			    "time anything happened: give the real time%s",
			    what, at, t <= 0 ? "" : more);
		else
			err_set(err, "%s %s is before the year 2000: check the "
			    "year%s", what, at, more);
		return -1;
	}
	if (!r->allow_future && time_ahead(t, r->now)) {
		time_full(r->now, ref, sizeof ref);
		err_set(err, "%s %s is in the future (the clock says %s; at "
		    "most %d minutes ahead is taken as clock skew): check the "
		    "date and the time zone", what, at, ref, TIME_SKEW / 60);
		return -1;
	}
	if (r->detected > 0 && !r->allow_past &&
	    t < r->detected - TIME_LOOKBACK) {
		time_full(r->detected, ref, sizeof ref);
		err_set(err, "%s %s is more than %d hours before the incident "
		    "was detected (%s): check the date%s", what, at,
		    TIME_LOOKBACK / 3600, ref, more);
		return -1;
	}
	return 0;
}

int
time_parse_checked(const char *s, const struct time_rule *r,
    const char *what, int64_t *out, char *err)
{
	int64_t t;

	if (time_parse(s, r->now, &t, err) != 0 ||
	    time_check(t, r, what, err) != 0)
		return -1;
	*out = t;
	return 0;
}

enum { TF_HM, TF_HMS, TF_FULL };

static void
time_local(int64_t t, int form, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t r = 0;

	if (localtime_r(&tt, &tm) != NULL) {
		if (form == TF_HM)
			r = strftime(out, n, "%H:%M", &tm);
		else if (form == TF_HMS)
			r = strftime(out, n, "%H:%M:%S", &tm);
		else
			r = strftime(out, n, "%Y-%m-%d %H:%M:%S", &tm);
	}
	if (r == 0)
		snprintf(out, n, "?");
}

void
time_hm(int64_t t, char *out, size_t n)
{
	time_local(t, TF_HM, out, n);
}

void
time_hms(int64_t t, char *out, size_t n)
{
	time_local(t, TF_HMS, out, n);
}

void
time_full(int64_t t, char *out, size_t n)
{
	time_local(t, TF_FULL, out, n);
}

void
time_iso(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, n, "?");
}

void
time_dur(int64_t secs, char *out, size_t n)
{
	if (secs < 0)
		secs = 0;
	if (secs < 60)
		snprintf(out, n, "%llds", (long long)secs);
	else if (secs < 3600)
		snprintf(out, n, "%lldm", (long long)(secs / 60));
	else if (secs < 86400)
		snprintf(out, n, "%lldh%02lldm", (long long)(secs / 3600),
		    (long long)(secs % 3600 / 60));
	else
		snprintf(out, n, "%lldd%02lldh", (long long)(secs / 86400),
		    (long long)(secs % 86400 / 3600));
}
