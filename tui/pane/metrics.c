/* metrics.c: the Metrics pane: one sparkline per series on a shared
 * time axis with timeline markers, the latest value and unit coloured by
 * warn/crit, min and max of the window, stale and failing series said
 * plainly; and the detail overlay of one series with a value cursor. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "widget/draw.h"
#include "pane/common.h"
#include "pane/pane.h"

#define SERIES_ROWS 2 /* name and value; sparkline */
#define DETAIL_LABEL_W 10 /* the y-axis labels of the detail chart */
#define KEY_ESC 27

/* The windows `w` cycles through, shortest first. */
static const int64_t metrics_windows[] = {300, 900, 3600, 6 * 3600};
#define METRICS_WINDOW_DEFAULT 900

struct metrics_pane {
	int top;      /* first series shown */
	int sel;      /* the selected series */
	int fit;      /* how many series the pane shows */
	int cursor;   /* detail: the cursor's column, -1 follows the newest */
};

/* Glyphs of the markers: distinct shapes, and letters without UTF-8. */
static const struct {
	int kind;
	uint32_t cp;
	char ascii;
	const char *name;
} metrics_marks[] = {
	{KIND_PHASE, 0x25C6, 'P', "phase"},       /* ◆ */
	{KIND_DECISION, 0x2605, 'D', "decision"}, /* ★ */
	{KIND_RELEASE, 0x25B2, 'R', "release"},   /* ▲ */
};

static int
metrics_mark(int kind)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(metrics_marks); i++)
		if (metrics_marks[i].kind == kind)
			return (int)i;
	return 0;
}

/* Higher is worse unless crit is set below warn. */
static enum theme_el
metrics_level(const struct series *s, double v)
{
	int low_bad = !isnan(s->warn) && !isnan(s->crit) && s->crit < s->warn;

	if (!isnan(s->crit) && (low_bad ? v <= s->crit : v >= s->crit))
		return TH_CRIT;
	if (!isnan(s->warn) && (low_bad ? v <= s->warn : v >= s->warn))
		return TH_WARN;
	return TH_SPARK;
}

/* The worst value a point stands for, to colour it by. */
static double
metrics_worst(const struct series *s, const struct snap_range *r)
{
	int low_bad = !isnan(s->warn) && !isnan(s->crit) && s->crit < s->warn;

	return low_bad ? r->lo : r->hi;
}

static void
metrics_num(double v, char *out, size_t n)
{
	double a = fabs(v);

	if (a != 0 && (a >= 1e6 || a < 0.01))
		snprintf(out, n, "%.3g", v);
	else if (a >= 100)
		snprintf(out, n, "%.0f", v);
	else if (a >= 10)
		snprintf(out, n, "%.1f", v);
	else
		snprintf(out, n, "%.2f", v);
}

static void
metrics_value(double v, const char *unit, char *out, size_t n)
{
	metrics_num(v, out, n);
	if (unit != NULL && *unit != '\0') {
		size_t l = strlen(out);

		snprintf(out + l, n - l, "%s%s", strcmp(unit, "%") == 0 ? ""
		    : " ", unit);
	}
}

static const char *
metrics_window_name(int64_t w, char *out, size_t n)
{
	if (w % 3600 == 0)
		snprintf(out, n, "%lldh", (long long)(w / 3600));
	else if (w % 60 == 0)
		snprintf(out, n, "%lldm", (long long)(w / 60));
	else
		snprintf(out, n, "%llds", (long long)w);
	return out;
}

/* The column of time t on an axis of cols columns from..from+span. */
static int
metrics_col(int64_t t, int64_t from, int64_t span, int cols)
{
	if (span <= 0 || t < from || t >= from + span)
		return -1;
	return (int)((t - from) * cols / span);
}

static int
metrics_fit(const struct pane *p)
{
	int fit = (pane_rows(p) - 1) / SERIES_ROWS; /* the axis line */

	return fit < 1 ? 1 : fit;
}

static void
metrics_keep_sel(struct metrics_pane *mp, int n, int fit)
{
	pane_list_keep(&mp->sel, &mp->top, n, fit);
}

static void
metrics_recalc(struct pane *p, struct tui *t)
{
	struct metrics_pane *mp = p->priv;

	mp->fit = metrics_fit(p);
	metrics_keep_sel(mp, t->snap.nseries, mp->fit);
	p->dirty = 1;
}

/* The lowest and highest sample of ss (INFINITY, -INFINITY without any). */
static void
metrics_bounds(const struct snap_series *ss, double *lo, double *hi)
{
	int k;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (k = 0; k < ss->nsamples; k++) {
		*lo = ss->samples[k].v < *lo ? ss->samples[k].v : *lo;
		*hi = ss->samples[k].v > *hi ? ss->samples[k].v : *hi;
	}
}

/* The sparkline of ss in cols columns from x on row y; returns the last
 * column with data, or -1. */
static int
metrics_spark(WINDOW *w, const struct snapshot *s,
    const struct snap_series *ss, int y, int x, int cols)
{
	static const char ascii[] = "_.-:=+*#";
	int64_t span = s->mstep * s->mpoints;
	double lo, hi;
	int k, last = -1;

	metrics_bounds(ss, &lo, &hi);
	for (k = 0; k < ss->nsamples; k++) {
		const struct sample *sm = &ss->samples[k];
		int c = metrics_col(sm->t, s->mfrom, span, cols), level;

		if (c < 0 || !isfinite(sm->v))
			continue;
		level = hi > lo ? util_clamp_int(util_frac(sm->v, lo, hi) *
		    7.0 + 0.5, 0, 7) : 3;
		draw_glyph(w, y, x + c, 0x2581 + (uint32_t)level, ascii[level],
		    metrics_level(&ss->s, metrics_worst(&ss->s,
		    &ss->range[k])));
		last = c > last ? c : last;
	}
	return last;
}

static void
metrics_axis(struct pane *p, struct tui *t, int y)
{
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), i;
	int64_t span = s->mstep * s->mpoints;
	char win[32], left[64], hm[16];

	for (i = 0; i < cols; i++)
		draw_glyph(p->win, y, 1 + i, 0x2500, '-', TH_MUTED);
	time_hm(s->mfrom, hm, sizeof hm);
	metrics_window_name(s->mwindow, win, sizeof win);
	/* "-15m 13:47" on wide panes, "-15m" on narrow ones. */
	snprintf(left, sizeof left, "-%s %s", win, hm);
	if (cols < 24)
		left[strlen(win) + 1] = '\0';
	draw_text(p->win, y, 1, left, cols / 2, TH_TIME);
	if (cols > (int)strlen(left) + 5)
		draw_text(p->win, y, cols - 2, "now", 3, TH_TIME);
	/* Markers last: they matter more than the labels under them. */
	for (i = 0; i < s->nmarkers; i++) {
		int c = metrics_col(s->markers[i].t, s->mfrom, span, cols), m;

		if (c < 0)
			continue;
		m = metrics_mark(s->markers[i].kind);
		draw_glyph(p->win, y, 1 + c, metrics_marks[m].cp,
		    metrics_marks[m].ascii, TH_MARKER);
	}
}

/* The name row of a series: name, min..max of the window if there is
 * room, and the latest value (or its state). */
static void
metrics_row(struct pane *p, struct tui *t, const struct snap_series *ss,
    int y, int selected)
{
	const struct snapshot *s = &t->snap;
	const struct sample *l = snapshot_latest(ss);
	int cols = pane_cols(p), vw, mw = 0, nw;
	char val[64], ago[32], mm[64] = "", a[24], b[24];
	enum theme_el el;

	if (ss->s.last_error != NULL) {
		snprintf(val, sizeof val, "FAILING");
		el = TH_ERROR;
	} else if (l == NULL) {
		snprintf(val, sizeof val, "no data");
		el = TH_MUTED;
	} else if (snapshot_series_stale(ss, s->now)) {
		tui_dur(s->now - l->t, ago, sizeof ago);
		metrics_value(l->v, ss->s.unit, val, sizeof val);
		snprintf(val + strlen(val), sizeof val - strlen(val),
		    " STALE %s", ago);
		el = TH_STALE;
	} else {
		metrics_value(l->v, ss->s.unit, val, sizeof val);
		el = metrics_level(&ss->s, l->v);
		if (el == TH_SPARK)
			el = TH_OK;
	}
	vw = draw_width(val);
	if (vw > cols / 2)
		vw = cols / 2;
	if (!isnan(ss->lo)) {
		metrics_num(ss->lo, a, sizeof a);
		metrics_num(ss->hi, b, sizeof b);
		snprintf(mm, sizeof mm, "%s%s%s", a, draw_utf8() ? "–" : "..",
		    b);
		mw = draw_width(mm);
	}
	nw = draw_width(ss->s.name);
	if (mw > 0 && nw + 1 + mw + 2 + vw <= cols)
		draw_text(p->win, y, cols - vw - mw - 1, mm, mw, TH_MUTED);
	draw_text_ell(p->win, y, 1, ss->s.name, cols - vw - 1,
	    selected ? TH_SELECTED : TH_LABEL);
	draw_text_ell(p->win, y, cols - vw + 1, val, vw, el);
}

static void
metrics_draw(struct pane *p, struct tui *t)
{
	struct metrics_pane *mp = p->priv;
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), rows = pane_rows(p), y = 1, i;
	char right[96], win[32];

	werase(p->win);
	snprintf(right, sizeof right, "%s %s %d series",
	    metrics_window_name(s->mwindow, win, sizeof win),
	    draw_utf8() ? "·" : "-", s->nseries);
	draw_box(p->win, p->cls->title, s->nseries ? right : NULL, p->focused);
	if (!t->have_snap)
		return;
	if (s->nseries == 0) {
		draw_text_ell(p->win, 1, 1, "No metric series configured.",
		    cols, TH_MUTED);
		draw_text_ell(p->win, 2, 1, "warroom metric add NAME ...",
		    cols, TH_MUTED);
		return;
	}
	for (i = mp->top; i < s->nseries && y + SERIES_ROWS - 1 <= rows - 1;
	    i++) {
		const struct snap_series *ss = &s->series[i];
		int last;

		metrics_row(p, t, ss, y, p->focused && i == mp->sel);
		if (ss->s.last_error != NULL) {
			/* The reason matters more than the old curve now. */
			draw_fmt(p->win, y + 1, 1, cols, TH_ERROR, "%s %s",
			    draw_utf8() ? "✗" : "x", ss->s.last_error);
		} else if (!snapshot_latest(ss)) {
			draw_text_ell(p->win, y + 1, 1, "waiting for samples",
			    cols, TH_MUTED);
		} else {
			last = metrics_spark(p->win, s, ss, y + 1, 1, cols);
			/* A gap is not a flat line: say why it is empty. */
			if (snapshot_series_stale(ss, s->now) &&
			    cols - last - 2 >= 7)
				draw_text(p->win, y + 1, 1 + last + 2,
				    "no data", cols - last - 2, TH_STALE);
		}
		y += SERIES_ROWS;
	}
	metrics_axis(p, t, rows);
	if (s->nseries > mp->fit)
		draw_fmt(p->win, rows + 1, cols - 8, 9, TH_MUTED, " %d-%d/%d ",
		    mp->top + 1, i, s->nseries);
	else if (cols >= 34) {
		int x = cols - 27;
		size_t k;

		/* The legend of the markers, in the bottom border. */
		for (k = 0; k < ARRAY_LEN(metrics_marks); k++) {
			draw_glyph(p->win, rows + 1, x++, metrics_marks[k].cp,
			    metrics_marks[k].ascii, TH_MARKER);
			x += draw_text(p->win, rows + 1, x, metrics_marks[k].name,
			    10, TH_MUTED);
			x++;
		}
	}
}

/* ---- the detail overlay ---- */

struct detail_geom {
	int h, w;        /* the window */
	int cw, ch;      /* the chart: columns and rows */
	int cx, cy;      /* its top left cell in the window */
};

static void
detail_geom(struct detail_geom *g)
{
	int rows = LINES - 1;

	g->h = rows * 3 / 4 > 14 ? rows * 3 / 4 : 14;
	g->w = COLS * 9 / 10 > 60 ? COLS * 9 / 10 : 60;
	if (g->h > rows)
		g->h = rows;
	if (g->w > COLS)
		g->w = COLS;
	/* border, axis, time labels, cursor line, keys line */
	g->ch = g->h - 6;
	g->cw = g->w - 2 - DETAIL_LABEL_W - 2;
	g->cx = 1 + DETAIL_LABEL_W + 1;
	g->cy = 1;
	if (g->ch < 2)
		g->ch = 2;
	if (g->cw < 10)
		g->cw = 10;
}

static struct metrics_pane *
detail_pane(struct tui *t)
{
	return t->panes[PANE_METRICS].priv;
}

/* The selected series, or NULL. */
static const struct snap_series *
detail_series(struct tui *t)
{
	struct metrics_pane *mp = detail_pane(t);

	if (mp == NULL || mp->sel < 0 || mp->sel >= t->snap.nseries)
		return NULL;
	return &t->snap.series[mp->sel];
}

static void
detail_load(struct tui *t)
{
	const struct snap_series *ss = detail_series(t);
	struct detail_geom g;

	detail_geom(&g);
	t->want.detail_id = ss != NULL ? ss->s.id : 0;
	t->want.detail_points = g.cw;
	tui_metrics_reload(t);
}

/* The index of the point shown in column c, or -1. */
static int
detail_point_at(const struct snapshot *s, int c, int cw)
{
	const struct snap_series *d = &s->dseries;
	int k, found = -1;

	for (k = 0; k < d->nsamples; k++)
		if (metrics_col(d->samples[k].t, s->dfrom, s->dstep * s->dpoints,
		    cw) == c)
			found = k;
	return found;
}

/* The chart's axes, with the highest and lowest value beside the y-axis
 * (or why there is nothing to show). */
static void
detail_axes(WINDOW *w, const struct detail_geom *g,
    const struct snap_series *d, double lo, double hi)
{
	int r, c, axis = g->cy + g->ch;
	char lab[64];

	for (r = 0; r < g->ch; r++)
		draw_glyph(w, g->cy + r, g->cx - 1, 0x2502, '|', TH_MUTED);
	draw_glyph(w, axis, g->cx - 1, 0x2514, '+', TH_MUTED);
	for (c = 0; c < g->cw; c++)
		draw_glyph(w, axis, g->cx + c, 0x2500, '-', TH_MUTED);
	if (d->nsamples == 0) {
		draw_text_ell(w, g->cy + g->ch / 2, g->cx + 2,
		    d->s.last_error != NULL ? d->s.last_error
		    : "no samples in this window", g->cw - 2,
		    d->s.last_error != NULL ? TH_ERROR : TH_MUTED);
		return;
	}
	metrics_value(hi, d->s.unit, lab, sizeof lab);
	draw_text_ell(w, g->cy, 1, lab, DETAIL_LABEL_W, TH_TIME);
	draw_glyph(w, g->cy, g->cx - 1, 0x2524, '+', TH_MUTED);
	metrics_value(lo, d->s.unit, lab, sizeof lab);
	draw_text_ell(w, g->cy + g->ch - 1, 1, lab, DETAIL_LABEL_W, TH_TIME);
	draw_glyph(w, g->cy + g->ch - 1, g->cx - 1, 0x2524, '+', TH_MUTED);
}

/* Warn and crit as dashed lines where they fall inside the chart. */
static void
detail_thresholds(WINDOW *w, const struct detail_geom *g,
    const struct snap_series *d, double lo, double hi)
{
	double thr[2];
	enum theme_el thr_el[2] = {TH_WARN, TH_CRIT};
	int i, c, r, total = g->ch * 8;

	thr[0] = d->s.warn;
	thr[1] = d->s.crit;
	for (i = 0; i < 2 && hi > lo; i++) {
		int lv;

		if (isnan(thr[i]) || thr[i] < lo || thr[i] > hi)
			continue;
		lv = util_clamp_int(util_frac(thr[i], lo, hi) * (total - 1),
		    0, total - 1) + 1;
		r = g->cy + g->ch - 1 - (lv - 1) / 8;
		for (c = 0; c < g->cw; c++)
			draw_glyph(w, r, g->cx + c, 0x254C, '-', thr_el[i]);
	}
}

/* Marker guides, under the bars, with the marker on the axis. */
static void
detail_guides(WINDOW *w, const struct detail_geom *g,
    const struct snapshot *s)
{
	int64_t span = s->dstep * s->dpoints;
	int i, c, r, axis = g->cy + g->ch;

	for (i = 0; i < s->nmarkers; i++) {
		int m = metrics_mark(s->markers[i].kind);

		c = metrics_col(s->markers[i].t, s->dfrom, span, g->cw);
		if (c < 0)
			continue;
		for (r = 0; r < g->ch; r++)
			draw_glyph(w, g->cy + r, g->cx + c, 0x250A, ':',
			    TH_MARKER);
		draw_glyph(w, axis, g->cx + c, metrics_marks[m].cp,
		    metrics_marks[m].ascii, TH_MARKER);
	}
}

/* The bars: full blocks, and the top cell in eighths; the one at the
 * cursor's column selected. */
static void
detail_bars(WINDOW *w, const struct detail_geom *g,
    const struct snapshot *s, double lo, double hi, int cur)
{
	static const char ascii[] = "_.-:=+*#";
	const struct snap_series *d = &s->dseries;
	int64_t span = s->dstep * s->dpoints;
	int k, c, r, total = g->ch * 8;

	for (k = 0; k < d->nsamples; k++) {
		const struct sample *sm = &d->samples[k];
		enum theme_el el = metrics_level(&d->s, metrics_worst(&d->s,
		    &d->range[k]));
		int lv;

		c = metrics_col(sm->t, s->dfrom, span, g->cw);
		if (c < 0)
			continue;
		lv = hi > lo ? util_clamp_int(util_frac(sm->v, lo, hi) *
		    (total - 1), 0, total - 1) + 1 : total / 2;
		for (r = 0; r < g->ch && lv > 0; r++, lv -= 8) {
			int part = lv >= 8 ? 8 : lv;

			draw_glyph(w, g->cy + g->ch - 1 - r, g->cx + c,
			    part == 8 ? 0x2588 : 0x2580 + (uint32_t)part,
			    part == 8 ? '#' : ascii[part - 1], c == cur
			    ? TH_SELECTED : el);
		}
	}
}

/* Time labels under the axis, HH:MM:SS for short windows, and the
 * window's length under the y-axis labels. */
static void
detail_times(WINDOW *w, const struct detail_geom *g,
    const struct snapshot *s)
{
	int64_t span = s->dstep * s->dpoints;
	int c, axis = g->cy + g->ch;
	int step = g->cw / 4 > 10 ? g->cw / 4 : 10;
	char lab[64], win[32];

	for (c = 0; c + 8 <= g->cw; c += step) {
		if (s->mwindow < 3600)
			time_hms(s->dfrom + span * c / g->cw, lab, sizeof lab);
		else
			time_hm(s->dfrom + span * c / g->cw, lab, sizeof lab);
		draw_text(w, axis + 1, g->cx + c, lab, g->cw - c, TH_TIME);
	}
	draw_text(w, axis + 1, 1, metrics_window_name(s->mwindow, win,
	    sizeof win), DETAIL_LABEL_W, TH_MUTED);
}

static void
detail_chart(struct tui *t, WINDOW *w, const struct detail_geom *g, int cur)
{
	const struct snapshot *s = &t->snap;
	double lo, hi;

	metrics_bounds(&s->dseries, &lo, &hi);
	detail_axes(w, g, &s->dseries, lo, hi);
	detail_thresholds(w, g, &s->dseries, lo, hi);
	detail_guides(w, g, s);
	detail_bars(w, g, s, lo, hi, cur);
	if (cur >= 0 && cur < g->cw)
		draw_glyph(w, g->cy + g->ch, g->cx + cur, 0x2191, '^',
		    TH_SELECTED);
	detail_times(w, g, s);
}

/* The column of the newest point, where a cursor that follows it stands;
 * the last column without one. */
static int
detail_newest_col(const struct snapshot *s, int cw)
{
	const struct snap_series *d = &s->dseries;
	int c = d->nsamples > 0 ? metrics_col(d->samples[d->nsamples - 1].t,
	    s->dfrom, s->dstep * s->dpoints, cw) : cw - 1;

	return c < 0 ? cw - 1 : c;
}

/* What the cursor points at, in one line. */
static void
detail_cursor_line(struct tui *t, WINDOW *w, int y, int x, int cols,
    const struct detail_geom *g, int cur)
{
	const struct snapshot *s = &t->snap;
	const struct snap_series *d = &s->dseries;
	int k = detail_point_at(s, cur, g->cw), i, used;
	int64_t span = s->dstep * s->dpoints;
	int64_t t0 = s->dfrom + span * cur / g->cw;
	char at[32], v[64], a[64], b[64];

	if (k < 0) {
		time_hms(t0, at, sizeof at);
		used = draw_fmt(w, y, x, cols, TH_MUTED, "%s  no sample", at);
	} else if (d->range[k].n == 1) {
		time_hms(d->samples[k].t, at, sizeof at);
		metrics_value(d->samples[k].v, d->s.unit, v, sizeof v);
		used = draw_fmt(w, y, x, cols, TH_NORMAL, "%s  %s", at, v);
	} else {
		time_hms(d->samples[k].t, at, sizeof at);
		metrics_value(d->samples[k].v, d->s.unit, v, sizeof v);
		metrics_value(d->range[k].lo, d->s.unit, a, sizeof a);
		metrics_value(d->range[k].hi, d->s.unit, b, sizeof b);
		used = draw_fmt(w, y, x, cols, TH_NORMAL, "%s  mean %s of %d "
		    "samples (%s %s %s)", at, v, d->range[k].n, a,
		    draw_utf8() ? "–" : "..", b);
	}
	for (i = 0; i < s->nmarkers && used < cols; i++) {
		int m;

		if (metrics_col(s->markers[i].t, s->dfrom, span, g->cw) != cur)
			continue;
		m = metrics_mark(s->markers[i].kind);
		time_hm(s->markers[i].t, at, sizeof at);
		used += draw_fmt(w, y, x + used, cols - used, TH_MARKER,
		    "  %s %s", metrics_marks[m].name, at);
	}
}

static void
detail_draw(struct tui *t, void *data)
{
	struct metrics_pane *mp = detail_pane(t);
	const struct snapshot *s = &t->snap;
	const struct snap_series *d = &s->dseries;
	struct detail_geom g;
	WINDOW *w;
	char title[160], right[48], val[64];
	int cur;

	(void)data;
	detail_geom(&g);
	w = overlay_box(t, &g.h, &g.w, TH_NORMAL);
	if (w == NULL || mp == NULL)
		return;
	if (d->s.id == 0) {
		draw_box(w, "Metric", "Esc closes", 1);
		draw_text_ell(w, 1, 1, "loading...", g.w - 2, TH_MUTED);
		wnoutrefresh(w);
		return;
	}
	snprintf(title, sizeof title, "%s", d->s.name);
	snprintf(right, sizeof right, "%d/%d", mp->sel + 1, s->nseries);
	draw_box(w, title, right, 1);
	cur = mp->cursor;
	if (cur < 0 || cur >= g.cw)
		cur = detail_newest_col(s, g.cw);
	detail_chart(t, w, &g, cur);
	if (d->s.last_error != NULL)
		draw_fmt(w, g.h - 3, 1, g.w - 2, TH_ERROR, "FAILING: %s",
		    d->s.last_error);
	else
		detail_cursor_line(t, w, g.h - 3, 1, g.w - 2, &g, cur);
	if (d->has_last) {
		metrics_value(d->last.v, d->s.unit, val, sizeof val);
		draw_fmt(w, g.h - 2, 1, g.w - 2, TH_MUTED, "latest %s  "
		    "h/l cursor  j/k series  w + - window  Esc close", val);
	} else
		draw_text_ell(w, g.h - 2, 1, "h/l cursor  j/k series  "
		    "w + - window  Esc close", g.w - 2, TH_MUTED);
	wnoutrefresh(w);
}

static void detail_close(struct tui *t);

static int
metrics_window_step(struct tui *t, int dir)
{
	int64_t cur = t->want.window > 0 ? t->want.window
	    : METRICS_WINDOW_DEFAULT;
	int i, n = (int)ARRAY_LEN(metrics_windows), at = 0;

	for (i = 0; i < n; i++)
		if (metrics_windows[i] <= cur)
			at = i;
	if (dir == 0)
		at = (at + 1) % n;
	else {
		at += dir;
		if (at < 0 || at >= n)
			return KEY_HANDLED;
	}
	t->want.window = metrics_windows[at];
	tui_metrics_reload(t);
	return KEY_HANDLED | KEY_REDRAW;
}

/* h l H L g G: the cursor by a column, ten, to the oldest or back to
 * following the newest, within cw columns. */
static void
detail_cursor_move(struct metrics_pane *mp, int key, int cw)
{
	switch (key) {
	case 'h':
		mp->cursor = mp->cursor > 0 ? mp->cursor - 1 : 0;
		break;
	case 'l':
		mp->cursor = mp->cursor < cw - 1 ? mp->cursor + 1 : cw - 1;
		break;
	case 'H':
		mp->cursor = mp->cursor > 10 ? mp->cursor - 10 : 0;
		break;
	case 'L':
		mp->cursor = mp->cursor + 10 < cw ? mp->cursor + 10 : cw - 1;
		break;
	case 'g':
		mp->cursor = 0;
		break;
	default: /* G */
		mp->cursor = -1; /* follow the newest again */
		break;
	}
}

/* j and k: the next or previous series, round the end; the pane's
 * selection follows. */
static void
detail_series_step(struct tui *t, struct metrics_pane *mp, int dir)
{
	int n = t->snap.nseries;

	if (n == 0)
		return;
	mp->sel = (mp->sel + (dir > 0 ? 1 : n - 1)) % n;
	metrics_keep_sel(mp, n, mp->fit > 0 ? mp->fit : 1);
	t->panes[PANE_METRICS].dirty = 1;
	detail_load(t);
}

static int
detail_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct metrics_pane *mp = detail_pane(t);
	struct detail_geom g;
	int key = (int)ch;

	(void)data;
	detail_geom(&g);
	if (mp == NULL) {
		detail_close(t);
		return KEY_HANDLED;
	}
	if (mp->cursor < 0) /* start from where the cursor is drawn */
		mp->cursor = detail_newest_col(&t->snap, g.cw);
	if (is_code) {
		switch (key) {
		case KEY_LEFT:
			key = 'h';
			break;
		case KEY_RIGHT:
			key = 'l';
			break;
		case KEY_UP:
			key = 'k';
			break;
		case KEY_DOWN:
			key = 'j';
			break;
		case KEY_HOME:
			key = 'g';
			break;
		case KEY_END:
			key = 'G';
			break;
		case KEY_ENTER:
			key = '\r';
			break;
		default:
			return KEY_HANDLED;
		}
	}
	switch (key) {
	case 'h':
	case 'l':
	case 'H':
	case 'L':
	case 'g':
	case 'G':
		detail_cursor_move(mp, key, g.cw);
		break;
	case 'j':
	case 'k':
		detail_series_step(t, mp, key == 'j' ? 1 : -1);
		break;
	case 'w':
		return metrics_window_step(t, 0);
	case '+':
		return metrics_window_step(t, -1);
	case '-':
		return metrics_window_step(t, 1);
	case KEY_ESC:
	case 'q':
	case '\r':
	case '\n':
		detail_close(t);
		break;
	case 3: /* ^C */
		return KEY_QUIT;
	default:
		break;
	}
	return KEY_HANDLED;
}

static const struct overlay_ops detail_ops = {detail_draw, detail_key, NULL,
	NULL, NULL};

static void
detail_close(struct tui *t)
{
	t->want.detail_id = 0;
	overlay_close(t, OVERLAY_DIALOG);
}

static int
detail_open(struct tui *t)
{
	struct metrics_pane *mp = detail_pane(t);

	if (detail_series(t) == NULL) {
		tui_message(t, 1, "no metric series to show");
		return KEY_HANDLED;
	}
	mp->cursor = -1;
	overlay_open(t, OVERLAY_DIALOG, &detail_ops, NULL);
	detail_load(t);
	return KEY_HANDLED;
}

/* ---- keys, status ---- */

static int
metrics_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct metrics_pane *mp = p->priv;
	int fit = mp->fit > 0 ? mp->fit : metrics_fit(p);
	int n = t->snap.nseries, old = mp->sel, oldtop = mp->top;

	switch (act) {
	case ACT_METRIC_WINDOW:
		return metrics_window_step(t, 0);
	case ACT_METRIC_SHORTER:
		return metrics_window_step(t, -1);
	case ACT_METRIC_LONGER:
		return metrics_window_step(t, 1);
	case ACT_METRIC_DETAIL:
		return detail_open(t);
	default:
		break;
	}
	if (!pane_list_step(act, &mp->sel, fit, n))
		return 0;
	metrics_keep_sel(mp, n, fit);
	if (mp->top != oldtop)
		t->status_dirty = 1; /* what the status bar notes may change */
	return KEY_HANDLED | (mp->sel != old || mp->top != oldtop ? KEY_REDRAW
	    : 0);
}

void
metrics_status_note(const struct tui *t, char *out, size_t n)
{
	const struct metrics_pane *mp = t->panes[PANE_METRICS].priv;
	const struct snap_series *first = NULL;
	int i, hidden = 0;

	out[0] = '\0';
	if (!t->have_snap)
		return;
	for (i = 0; i < t->snap.nseries; i++) {
		const struct snap_series *ss = &t->snap.series[i];

		if (ss->s.last_error == NULL)
			continue;
		if (mp != NULL && mp->fit > 0 && i >= mp->top &&
		    i < mp->top + mp->fit && t->panes[PANE_METRICS].win != NULL)
			continue; /* the pane shows it */
		if (first == NULL)
			first = ss;
		hidden++;
	}
	if (hidden == 1)
		snprintf(out, n, "metric %s FAILING: %s", first->s.name,
		    first->s.last_error);
	else if (hidden > 1)
		snprintf(out, n, "%d metrics FAILING (%s: %s)", hidden,
		    first->s.name, first->s.last_error);
}

static void
metrics_resize(struct pane *p, struct tui *t)
{
	/* The next load brings one point per column. */
	t->want.points = pane_cols(p);
	if (t->want.window <= 0)
		t->want.window = METRICS_WINDOW_DEFAULT;
	metrics_recalc(p, t);
}

static void
metrics_free(struct pane *p)
{
	pane_priv_free(p);
}

static void *
metrics_new(void)
{
	struct metrics_pane *mp = xcalloc(1, sizeof *mp);

	mp->cursor = -1;
	return mp;
}

const struct pane_class pane_metrics_class = {
	"Metrics", metrics_recalc, metrics_draw, metrics_key, metrics_resize,
	metrics_free, metrics_new,
};
