/* detail.c: the detail view of one metric series (Enter in the Metrics
 * pane): a chart of the window with warn and crit lines and the timeline's
 * markers, a cursor reading the value and time of a column, and keys to
 * step through the series and the windows. */
#include "dialog/detail.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "widget/draw.h"
#include "pane/metrics.h"
#include "pane/pane.h"

#define DETAIL_LABEL_W 10 /* the y-axis labels of the chart */
#define KEY_ESC 27

/* One open detail view. */
struct detail {
	int cursor; /* the cursor's column, -1 follows the newest */
};

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

/* The pane's selected series, or NULL. */
static const struct snap_series *
detail_series(struct tui *t)
{
	int sel = metrics_selected(t);

	return sel >= 0 ? &t->snap.series[sel] : NULL;
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
		const struct metrics_marker *m = metrics_marker(
		    s->markers[i].kind);

		c = metrics_col(s->markers[i].t, s->dfrom, span, g->cw);
		if (c < 0)
			continue;
		for (r = 0; r < g->ch; r++)
			draw_glyph(w, g->cy + r, g->cx + c, 0x250A, ':',
			    TH_MARKER);
		draw_glyph(w, axis, g->cx + c, m->cp, m->ascii, TH_MARKER);
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
		if (metrics_col(s->markers[i].t, s->dfrom, span, g->cw) != cur)
			continue;
		time_hm(s->markers[i].t, at, sizeof at);
		used += draw_fmt(w, y, x + used, cols - used, TH_MARKER,
		    "  %s %s", metrics_marker(s->markers[i].kind)->name, at);
	}
}

static void
detail_draw(struct tui *t, void *data)
{
	struct detail *dt = data;
	const struct snapshot *s = &t->snap;
	const struct snap_series *d = &s->dseries;
	struct detail_geom g;
	WINDOW *w;
	char title[160], right[48], val[64];
	int cur;

	detail_geom(&g);
	w = overlay_box(t, &g.h, &g.w, TH_NORMAL);
	if (w == NULL)
		return;
	if (d->s.id == 0) {
		draw_box(w, "Metric", "Esc closes", 1);
		draw_text_ell(w, 1, 1, "loading...", g.w - 2, TH_MUTED);
		wnoutrefresh(w);
		return;
	}
	snprintf(title, sizeof title, "%s", d->s.name);
	snprintf(right, sizeof right, "%d/%d", metrics_selected(t) + 1,
	    s->nseries);
	draw_box(w, title, right, 1);
	cur = dt->cursor;
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

static const struct key_binding detail_key_table[] = {
	{'h', "h", ACT_LEFT, -1, NEED_NONE, "cursor a column back", 0, NULL},
	{KEY_LEFT, "Left", ACT_LEFT, -1, NEED_NONE, NULL, 0, NULL},
	{'l', "l", ACT_RIGHT, -1, NEED_NONE, "cursor a column on", 0, NULL},
	{KEY_RIGHT, "Right", ACT_RIGHT, -1, NEED_NONE, NULL, 0, NULL},
	{'H', "H", ACT_PAGE_UP, -1, NEED_NONE,
	    "cursor ten columns back", 0, NULL},
	{'L', "L", ACT_PAGE_DOWN, -1, NEED_NONE,
	    "cursor ten columns on", 0, NULL},
	{'g', "g", ACT_TOP, -1, NEED_NONE, "cursor to the oldest", 0, NULL},
	{KEY_HOME, "Home", ACT_TOP, -1, NEED_NONE, NULL, 0, NULL},
	{'G', "G", ACT_BOTTOM, -1, NEED_NONE,
	    "cursor back to the newest, following it", 0, NULL},
	{KEY_END, "End", ACT_BOTTOM, -1, NEED_NONE, NULL, 0, NULL},
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "the next series", 0, NULL},
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL, 0, NULL},
	{'k', "k", ACT_UP, -1, NEED_NONE, "the previous series", 0, NULL},
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL, 0, NULL},
	{'w', "w", ACT_METRIC_WINDOW, -1, NEED_NONE,
	    "the next window (5m 15m 1h 6h)", 0, NULL},
	{'+', "+", ACT_METRIC_SHORTER, -1, NEED_NONE,
	    "a shorter window", 0, NULL},
	{'-', "-", ACT_METRIC_LONGER, -1, NEED_NONE,
	    "a longer window", 0, NULL},
	{KEY_ESC, "Esc", ACT_CLOSE, -1, NEED_NONE, "close the chart", 0, NULL},
	{'q', "q", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{'\r', "Enter", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{'\n', "Enter", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_ENTER, "Enter", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{3, "^C", ACT_QUIT, -1, NEED_NONE, "quit", 0, NULL},
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL},
};
static const struct keymap detail_keys = KEYMAP("Keys: metric detail",
    detail_key_table);

/* Ask the next load for the selected series, a point per column. */
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

/* The cursor by a column, ten, to the oldest or back to following the
 * newest, within cw columns: 1 if act was one of those. */
static int
detail_cursor_move(struct detail *dt, enum tui_action act, int cw)
{
	switch (act) {
	case ACT_LEFT:
		dt->cursor = dt->cursor > 0 ? dt->cursor - 1 : 0;
		break;
	case ACT_RIGHT:
		dt->cursor = dt->cursor < cw - 1 ? dt->cursor + 1 : cw - 1;
		break;
	case ACT_PAGE_UP:
		dt->cursor = dt->cursor > 10 ? dt->cursor - 10 : 0;
		break;
	case ACT_PAGE_DOWN:
		dt->cursor = dt->cursor + 10 < cw ? dt->cursor + 10 : cw - 1;
		break;
	case ACT_TOP:
		dt->cursor = 0;
		break;
	case ACT_BOTTOM:
		dt->cursor = -1; /* follow the newest again */
		break;
	default:
		return 0;
	}
	return 1;
}

static int
detail_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct detail *dt = data;
	const struct key_binding *k = keymap_find(&detail_keys, (int)ch,
	    is_code, -1);
	enum tui_action act = k != NULL ? k->act : ACT_NONE;
	struct detail_geom g;
	int r;

	detail_geom(&g);
	if (dt->cursor < 0) /* start from where the cursor is drawn */
		dt->cursor = detail_newest_col(&t->snap, g.cw);
	if (detail_cursor_move(dt, act, g.cw))
		return KEY_HANDLED;
	if ((r = metrics_window_key(t, act)) != 0)
		return r;
	switch (act) {
	case ACT_DOWN:
	case ACT_UP:
		/* The pane's selection follows. */
		if (t->snap.nseries > 0) {
			metrics_select_step(t, act == ACT_DOWN ? 1 : -1);
			detail_load(t);
		}
		break;
	case ACT_CLOSE:
		overlay_close(t, OVERLAY_DIALOG);
		break;
	case ACT_QUIT:
		return KEY_QUIT;
	default:
		break;
	}
	return KEY_HANDLED;
}

/* Closed (or replaced): stop loading the series. */
static void
detail_close(struct tui *t, void *data)
{
	t->want.detail_id = 0;
	free(data);
}

static const struct overlay_ops detail_ops = {detail_draw, detail_key, NULL,
	detail_close, &detail_keys};

int
detail_open(struct tui *t)
{
	struct detail *dt;

	if (detail_series(t) == NULL) {
		tui_message(t, 1, "no metric series to show");
		return KEY_HANDLED;
	}
	dt = xcalloc(1, sizeof *dt);
	dt->cursor = -1;
	overlay_open(t, OVERLAY_DIALOG, &detail_ops, dt);
	detail_load(t);
	return KEY_HANDLED;
}
