/* metrics.c: the Metrics pane: one sparkline per series on a shared
 * time axis with timeline markers, the latest value and unit coloured by
 * warn/crit, min and max of the window, stale and failing series said
 * plainly. The detail view of one series (dialog/detail.c) draws with
 * the scale, columns and texts shared in pane/metrics.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "widget/draw.h"
#include "pane/common.h"
#include "pane/pane.h"
#include "pane/metrics.h"

#define SERIES_ROWS 2 /* name and value; sparkline */

/* The windows `w` cycles through, shortest first. */
static const int64_t metrics_windows[] = {300, 900, 3600, 6 * 3600};
#define METRICS_WINDOW_DEFAULT 900

struct metrics_pane {
	int top;      /* first series shown */
	int sel;      /* the selected series */
	int fit;      /* how many series the pane shows */
	struct draw_rows drawn; /* the rows as last drawn (widget/draw.h) */
};

/* Glyphs of the markers: distinct shapes, and letters without UTF-8. */
static const struct metrics_marker metrics_marks[] = {
	{KIND_PHASE, 0x25C6, 'P', "phase"},       /* ◆ */
	{KIND_DECISION, 0x2605, 'D', "decision"}, /* ★ */
	{KIND_RELEASE, 0x25B2, 'R', "release"},   /* ▲ */
};

const struct metrics_marker *
metrics_marker(int kind)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(metrics_marks); i++)
		if (metrics_marks[i].kind == kind)
			return &metrics_marks[i];
	return &metrics_marks[0];
}

enum theme_el
metrics_level(const struct series *s, double v)
{
	int low_bad = !isnan(s->warn) && !isnan(s->crit) && s->crit < s->warn;

	if (!isnan(s->crit) && (low_bad ? v <= s->crit : v >= s->crit))
		return TH_CRIT;
	if (!isnan(s->warn) && (low_bad ? v <= s->warn : v >= s->warn))
		return TH_WARN;
	return TH_SPARK;
}

double
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

void
metrics_value(double v, const char *unit, char *out, size_t n)
{
	metrics_num(v, out, n);
	if (unit != NULL && *unit != '\0') {
		size_t l = strlen(out);

		snprintf(out + l, n - l, "%s%s", strcmp(unit, "%") == 0 ? ""
		    : " ", unit);
	}
}

const char *
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

int
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

void
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

/* Where a label of len columns can start, from col on by step (+1
 * rightwards, -1 leftwards), inside [lo, hi) and clear of every marker
 * column (mark[c] set); -1 when nowhere. */
static int
metrics_label_at(const char *mark, int len, int col, int step, int lo,
    int hi)
{
	for (; col >= lo && col + len <= hi; col += step) {
		int c;

		for (c = col; c < col + len && !mark[c]; c++)
			;
		if (c == col + len)
			return col;
	}
	return -1;
}

/* The time axis: markers where they happened, and the labels "-15m 13:47"
 * (or "-15m") on the left and "now" on the right moved aside so that no
 * marker covers one of their digits; a label with no room is left out. */
static void
metrics_axis(struct pane *p, struct tui *t, int y)
{
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), i, at, end = 0;
	int64_t span = s->mstep * s->mpoints;
	char win[32], left[64], hm[16], *mark;

	if (cols <= 0)
		return;
	mark = xcalloc((size_t)cols, 1);
	for (i = 0; i < s->nmarkers; i++) {
		int c = metrics_col(s->markers[i].t, s->mfrom, span, cols);

		if (c >= 0 && c < cols)
			mark[c] = 1;
	}
	for (i = 0; i < cols; i++)
		draw_glyph(p->win, y, 1 + i, 0x2500, '-', TH_MUTED);
	time_hm(s->mfrom, hm, sizeof hm);
	metrics_window_name(s->mwindow, win, sizeof win);
	/* "-15m 13:47" on wide panes, "-15m" on narrow ones or when the
	 * markers leave no room for the time. */
	snprintf(left, sizeof left, "-%s %s", win, hm);
	at = cols < 24 ? -1 : metrics_label_at(mark, draw_width(left), 0, 1,
	    0, cols - 4);
	if (at < 0) {
		left[strlen(win) + 1] = '\0';
		at = metrics_label_at(mark, draw_width(left), 0, 1, 0, cols - 4);
	}
	if (at >= 0)
		end = at + draw_text(p->win, y, 1 + at, left, cols - at, TH_TIME);
	if (cols > end + 5) {
		at = metrics_label_at(mark, 3, cols - 3, -1, end + 1, cols);
		if (at >= 0)
			draw_text(p->win, y, 1 + at, "now", 3, TH_TIME);
	}
	/* The markers over the line; the labels are clear of them. */
	for (i = 0; i < s->nmarkers; i++) {
		int c = metrics_col(s->markers[i].t, s->mfrom, span, cols);
		const struct metrics_marker *m;

		if (c < 0)
			continue;
		m = metrics_marker(s->markers[i].kind);
		draw_glyph(p->win, y, 1 + c, m->cp, m->ascii, TH_MARKER);
	}
	free(mark);
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

/* What the two rows of series ss are drawn from (metrics_row, the
 * sparkline or what stands for it): equal hashes draw equal cells. The
 * clock enters only as what it shows (stale or not, and for how long). */
static uint64_t
metrics_series_hash(const struct snapshot *s, const struct snap_series *ss,
    int sel)
{
	const struct sample *l = snapshot_latest(ss);
	int stale = l != NULL && snapshot_series_stale(ss, s->now), k;
	const int64_t v[] = {sel, stale, s->mfrom, s->mstep, s->mpoints,
	    ss->s.id, ss->s.source, ss->s.interval, ss->s.last_ok,
	    ss->s.fail_count, ss->s.next_poll, ss->nsamples, ss->has_last,
	    ss->last.t};
	const double d[] = {ss->s.warn, ss->s.crit, ss->lo, ss->hi,
	    ss->last.v};
	char ago[32] = "";
	uint64_t h = DRAW_HASH_START;

	if (stale)
		tui_dur(s->now - l->t, ago, sizeof ago);
	h = draw_hash(h, v, sizeof v);
	h = draw_hash(h, d, sizeof d);
	h = draw_hash_str(h, ago);
	h = draw_hash_str(h, ss->s.name);
	h = draw_hash_str(h, ss->s.query);
	h = draw_hash_str(h, ss->s.unit);
	h = draw_hash_str(h, ss->s.last_error);
	for (k = 0; k < ss->nsamples; k++) {
		const double r[] = {ss->range[k].lo, ss->range[k].hi};

		h = draw_hash_int(h, ss->samples[k].t);
		h = draw_hash(h, &ss->samples[k].v, sizeof ss->samples[k].v);
		h = draw_hash(h, r, sizeof r);
		h = draw_hash_int(h, ss->range[k].n);
	}
	return h;
}

/* What the axis row is drawn from (metrics_axis). */
static uint64_t
metrics_axis_hash(const struct snapshot *s)
{
	const int64_t v[] = {s->mfrom, s->mstep, s->mpoints, s->mwindow,
	    s->nmarkers};
	uint64_t h = draw_hash(DRAW_HASH_START, v, sizeof v);
	int i;

	for (i = 0; i < s->nmarkers; i++) {
		h = draw_hash_int(h, s->markers[i].t);
		h = draw_hash_int(h, s->markers[i].kind);
	}
	return draw_hash_row(h);
}

/* Start the frame: the rows of a series and the axis are drawn again
 * only when what they are drawn from changed. */
static void
metrics_rows_begin(struct pane *p, struct tui *t)
{
	struct metrics_pane *mp = p->priv;
	const struct snapshot *s = &t->snap;
	int h = getmaxy(p->win), rows = pane_rows(p), y = 1, i;
	uint64_t *want = xreallocarray(NULL, (size_t)h, sizeof *want);
	uint64_t frame = DRAW_HASH_START;

	frame = draw_hash_int(frame, (int64_t)(uintptr_t)p->win);
	frame = draw_hash_int(frame, (int64_t)getmaxx(p->win) << 16 | h);
	frame = draw_hash_row(draw_hash_int(frame, p->focused));
	for (i = 0; i < h; i++)
		want[i] = DRAW_ROW_BLANK;
	for (i = mp->top; i < s->nseries && y + SERIES_ROWS - 1 <= rows - 1;
	    i++) {
		uint64_t sh = metrics_series_hash(s, &s->series[i],
		    p->focused && i == mp->sel);

		want[y] = draw_hash_row(draw_hash_int(sh, 0));
		want[y + 1] = draw_hash_row(draw_hash_int(sh, 1));
		y += SERIES_ROWS;
	}
	if (rows >= 1 && rows < h)
		want[rows] = metrics_axis_hash(s);
	draw_rows_begin(&mp->drawn, p->win, frame, want, 0, 0);
	free(want);
}

static void
metrics_draw(struct pane *p, struct tui *t)
{
	struct metrics_pane *mp = p->priv;
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), rows = pane_rows(p), y = 1, i;
	char right[96], win[32];

	if (!t->have_snap || s->nseries == 0) {
		draw_rows_reset(&mp->drawn);
		werase(p->win);
	} else {
		metrics_rows_begin(p, t);
	}
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

		if (!draw_rows_need(&mp->drawn, y) &&
		    !draw_rows_need(&mp->drawn, y + 1)) {
			y += SERIES_ROWS;
			continue;
		}
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
	if (draw_rows_need(&mp->drawn, rows))
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
	draw_rows_end(&mp->drawn, p->win);
}

/* The next window round (dir 0), or a shorter (-1) or longer (1) one. */
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

int
metrics_window_key(struct tui *t, enum tui_action act)
{
	switch (act) {
	case ACT_METRIC_WINDOW:
		return metrics_window_step(t, 0);
	case ACT_METRIC_SHORTER:
		return metrics_window_step(t, -1);
	case ACT_METRIC_LONGER:
		return metrics_window_step(t, 1);
	default:
		return 0;
	}
}

/* ---- keys, status ---- */

static int
metrics_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct metrics_pane *mp = p->priv;
	int fit = mp->fit > 0 ? mp->fit : metrics_fit(p);
	int n = t->snap.nseries, old = mp->sel, oldtop = mp->top, r;

	if ((r = metrics_window_key(t, act)) != 0)
		return r;
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
	draw_rows_reset(&((struct metrics_pane *)p->priv)->drawn);
	if (t->want.window <= 0)
		t->want.window = METRICS_WINDOW_DEFAULT;
	metrics_recalc(p, t);
}

static void
metrics_free(struct pane *p)
{
	struct metrics_pane *mp = p->priv;

	if (mp != NULL)
		draw_rows_free(&mp->drawn);
	pane_priv_free(p);
}

static void *
metrics_new(void)
{
	return xcalloc(1, sizeof(struct metrics_pane));
}

int
metrics_selected(const struct tui *t)
{
	const struct metrics_pane *mp = t->panes[PANE_METRICS].priv;

	if (mp == NULL || mp->sel < 0 || mp->sel >= t->snap.nseries)
		return -1;
	return mp->sel;
}

void
metrics_select_step(struct tui *t, int dir)
{
	struct metrics_pane *mp = t->panes[PANE_METRICS].priv;
	int n = t->snap.nseries;

	if (mp == NULL || n == 0)
		return;
	mp->sel = (mp->sel + (dir > 0 ? 1 : n - 1)) % n;
	metrics_keep_sel(mp, n, mp->fit > 0 ? mp->fit : 1);
	t->panes[PANE_METRICS].dirty = 1;
}

const struct pane_class pane_metrics_class = {
	"Metrics", metrics_recalc, metrics_draw, metrics_key, metrics_resize,
	metrics_free, metrics_new,
};
