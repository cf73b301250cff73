/* format.c: how a postmortem writes durations, escapes Markdown and draws
 * a metric as a sparkline. */
#include "report/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "report/export_data.h"

void
export_dur(int64_t secs, char *out, size_t n)
{
	const char *sign = "";
	long long s;

	if (secs == EXPORT_UNKNOWN) {
		snprintf(out, n, "-");
		return;
	}
	/* Never a negative duration: an end stamped before its start is a
	 * wrong clock or a wrong --at, and says so. */
	if (secs < 0) {
		sign = "out of order by ";
		secs = -secs;
	}
	s = (long long)secs;
	if (s < 60)
		snprintf(out, n, "%s%llds", sign, s);
	else if (s < 3600)
		snprintf(out, n, "%s%lldm %02llds", sign, s / 60, s % 60);
	else if (s < 86400)
		snprintf(out, n, "%s%lldh %02lldm %02llds", sign, s / 3600,
		    s % 3600 / 60, s % 60);
	else
		snprintf(out, n, "%s%lldd %02lldh %02lldm %02llds", sign,
		    s / 86400, s % 86400 / 3600, s % 3600 / 60, s % 60);
}

char *
export_md_escape(const char *s, int br)
{
	char *clean = text_sanitize(s, s ? strlen(s) : 0, TEXT_MAX,
	    TEXT_MULTILINE);
	struct buf b = {0};
	const char *p;
	int line_start = 1;

	buf_add(&b, "", 0);
	for (p = clean; *p != '\0'; p++) {
		char c = *p;

		if (c == '\n') {
			buf_adds(&b, br ? "<br>" : " ");
			line_start = 1;
			continue;
		}
		/* What would start a heading, list, quote or rule; in "12."
		 * the dot is what makes a list, and a digit cannot be
		 * escaped. */
		if (line_start && (c == '#' || c == '-' || c == '+' ||
		    c == '=' || c == '>'))
			buf_addc(&b, '\\');
		if (line_start && c >= '0' && c <= '9') {
			size_t n = strspn(p, "0123456789");

			if (p[n] == '.' || p[n] == ')') {
				buf_add(&b, p, n);
				buf_addc(&b, '\\');
				p += n;
				c = *p;
			}
		}
		line_start = 0;
		/* No tag can form without '<', so '>' stays readable. */
		switch (c) {
		case '<': buf_adds(&b, "&lt;"); break;
		case '&': buf_adds(&b, "&amp;"); break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '~':
			buf_addc(&b, '\\');
			buf_addc(&b, c);
			break;
		default:
			buf_addc(&b, c);
		}
	}
	free(clean);
	return buf_take(&b);
}

int
export_col(int64_t t, int64_t from, int64_t to, int width)
{
	/* In doubles from the start: t - from may not fit an int64_t. */
	double span = (double)to - (double)from + 1.0;

	return util_clamp_int(((double)t - (double)from) * width / span, 0,
	    width - 1);
}

char *
export_sparkline(const struct sample *v, int n, int64_t from, int64_t to,
    int width)
{
	static const char *const bars[8] = {"\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
	double *col, lo = 0, hi = 0;
	int *have, i, any = 0;
	struct buf b = {0};

	if (width <= 0)
		return xstrdup("");
	col = xcalloc((size_t)width, sizeof *col);
	have = xcalloc((size_t)width, sizeof *have);
	for (i = 0; i < n; i++) {
		int c;

		if (v[i].t < from || v[i].t > to || !isfinite(v[i].v))
			continue;
		c = export_col(v[i].t, from, to, width);
		/* A column shows its peak: incidents are about peaks. */
		if (!have[c] || v[i].v > col[c])
			col[c] = v[i].v;
		have[c] = 1;
		if (!any || v[i].v < lo)
			lo = v[i].v;
		if (!any || v[i].v > hi)
			hi = v[i].v;
		any = 1;
	}
	buf_add(&b, "", 0);
	for (i = 0; i < width; i++) {
		int level;

		if (!have[i]) {
			buf_addc(&b, ' ');
			continue;
		}
		level = hi > lo ? util_clamp_int(util_frac(col[i], lo, hi) *
		    7.0 + 0.5, 0, 7) : 3;
		buf_adds(&b, bars[level < 0 ? 0 : level > 7 ? 7 : level]);
	}
	free(col);
	free(have);
	return buf_take(&b);
}
