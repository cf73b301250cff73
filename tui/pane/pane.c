/* pane.c: the helpers every pane shares (pane.h): a pane's inner size and
 * numbers as the screen shows them. */
#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"
#include "pane/pane.h"

int
pane_rows(const struct pane *p)
{
	return p->h - 2;
}

int
pane_cols(const struct pane *p)
{
	return p->w - 2;
}

void
tui_dur(int64_t secs, char *out, size_t n)
{
	if (secs < 0)
		secs = 0;
	if (secs < 60)
		snprintf(out, n, "<1m");
	else
		time_dur(secs - secs % 60, out, n);
}

void
tui_thousands(int64_t v, char *out, size_t n)
{
	char digits[32];
	size_t len, i, o = 0;
	int neg = v < 0;

	snprintf(digits, sizeof digits, "%lld", neg ? -(long long)v
	    : (long long)v);
	len = strlen(digits);
	if (neg && o + 1 < n)
		out[o++] = '-';
	for (i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}
