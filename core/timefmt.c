/* timefmt.c: parsing and formatting times and durations. */
#include "timefmt.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

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
	if (*h > 23 || *m > 59 || *sec > 60)
		return -1;
	return 0;
}

static int
time_relative(const char *s, int64_t now, int64_t *out)
{
	char *end;
	long long v;
	int64_t mul;

	if (s[0] != '-' && s[0] != '+')
		return -1;
	if (!isdigit((unsigned char)s[1]))
		return -1;
	v = strtoll(s + 1, &end, 10);
	if (v < 0 || v > 1000000)
		return -1;
	switch (*end) {
	case 's': mul = 1; break;
	case 'm': mul = 60; break;
	case 'h': mul = 3600; break;
	case 'd': mul = 86400; break;
	default: return -1;
	}
	if (end[1] != '\0')
		return -1;
	*out = now + (s[0] == '-' ? -1 : 1) * (int64_t)v * mul;
	return 0;
}

int
time_parse(const char *s, int64_t now, int64_t *out, char *err)
{
	const char *p = s;
	struct tm tm = {0};
	int h, m, sec, y, mo, d;
	time_t t;

	if (s == NULL || *s == '\0')
		goto bad;
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
			goto bad;
		*out = (int64_t)v;
		return 0;
	}
	if (strlen(s) <= 8 && time_hhmmss(&p, &h, &m, &sec) == 0 &&
	    *p == '\0') {
		time_t tn = (time_t)now;

		localtime_r(&tn, &tm);
		tm.tm_hour = h;
		tm.tm_min = m;
		tm.tm_sec = sec;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			goto bad;
		/* "13:58" typed just after midnight means yesterday. */
		if ((int64_t)t > now + 300) {
			tm.tm_mday--;
			tm.tm_isdst = -1;
			t = mktime(&tm);
		}
		*out = (int64_t)t;
		return 0;
	}
	p = s;
	if (time_digits(&p, 4, &y) != 0 || *p++ != '-' ||
	    time_digits(&p, 2, &mo) != 0 || *p++ != '-' ||
	    time_digits(&p, 2, &d) != 0 || (*p != 'T' && *p != ' '))
		goto bad;
	p++;
	if (time_hhmmss(&p, &h, &m, &sec) != 0 || mo < 1 || mo > 12 ||
	    d < 1 || d > 31 || y < 1970 || y > 9999)
		goto bad;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	if (*p == '\0') {
		tm.tm_isdst = -1;
		t = mktime(&tm);
	} else {
		int oh = 0, om = 0, sign = 1;

		if (*p == 'Z' && p[1] == '\0')
			;
		else if ((*p == '+' || *p == '-')) {
			sign = *p == '-' ? -1 : 1;
			p++;
			if (time_digits(&p, 2, &oh) != 0)
				goto bad;
			if (*p == ':')
				p++;
			if (time_digits(&p, 2, &om) != 0 || *p != '\0' ||
			    oh > 14 || om > 59)
				goto bad;
		} else
			goto bad;
		t = timegm(&tm);
		if (t != (time_t)-1)
			t -= sign * (oh * 3600 + om * 60);
	}
	if (t == (time_t)-1)
		goto bad;
	*out = (int64_t)t;
	return 0;
bad:
	err_set(err, "bad time '%.40s' (use HH:MM, HH:MM:SS, YYYY-MM-DD HH:MM, "
	    "ISO-8601, or -5m)", s ? s : "");
	return -1;
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
