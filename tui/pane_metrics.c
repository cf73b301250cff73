/* pane_metrics.c: the Metrics pane: one sparkline per series on a shared
 * time axis, the latest value and unit coloured by warn/crit, stale and
 * failing series said plainly, and timeline markers under the axis. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timefmt.h"
#include "draw.h"
#include "pane.h"

#define SERIES_ROWS 2 /* name and value; sparkline */

struct metrics_pane {
	int top;      /* first series shown */
	int step;     /* seconds per column */
};

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

static void
metrics_value(double v, const char *unit, char *out, size_t n)
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
	if (unit != NULL && *unit != '\0') {
		size_t l = strlen(out);

		snprintf(out + l, n - l, "%s%s", strcmp(unit, "%") == 0 ? ""
		    : " ", unit);
	}
}

static int
metrics_fit(const struct pane *p)
{
	int fit = (pane_rows(p) - 1) / SERIES_ROWS; /* the axis line */

	return fit < 1 ? 1 : fit;
}

static void
metrics_recalc(struct pane *p, struct tui *t)
{
	struct metrics_pane *mp = p->priv;
	int i, step = 0, fit = metrics_fit(p), cols = pane_cols(p);

	/* One time axis for all: the shortest poll interval sets the step,
	 * as long as the window stays within what the snapshot loaded. */
	for (i = 0; i < t->snap.nseries; i++) {
		int iv = t->snap.series[i].s.interval;

		if (iv > 0 && (step == 0 || iv < step))
			step = iv;
	}
	if (step <= 0)
		step = 15;
	if (cols > 0 && step * cols > SNAPSHOT_METRIC_WINDOW)
		step = SNAPSHOT_METRIC_WINDOW / cols;
	if (step < 1)
		step = 1;
	mp->step = step;
	if (mp->top > t->snap.nseries - fit)
		mp->top = t->snap.nseries - fit;
	if (mp->top < 0)
		mp->top = 0;
	p->dirty = 1;
}

static void
metrics_spark(struct pane *p, struct tui *t, const struct snap_series *ss,
    int y)
{
	static const char ascii[] = "_.-:=+*#";
	struct metrics_pane *mp = p->priv;
	int cols = pane_cols(p), c, k = 0;
	int64_t end = t->snap.now + 1;
	double lo = INFINITY, hi = -INFINITY, *col;
	int *have;

	col = xcalloc((size_t)cols, sizeof *col);
	have = xcalloc((size_t)cols, sizeof *have);
	/* The latest sample of each column's time slot. */
	for (k = 0; k < ss->nsamples; k++) {
		const struct sample *sm = &ss->samples[k];
		int64_t back = (end - 1 - sm->t) / mp->step;

		if (sm->t >= end || back >= cols || !isfinite(sm->v))
			continue;
		c = cols - 1 - (int)back;
		col[c] = sm->v;
		have[c] = 1;
	}
	for (c = 0; c < cols; c++)
		if (have[c]) {
			lo = col[c] < lo ? col[c] : lo;
			hi = col[c] > hi ? col[c] : hi;
		}
	for (c = 0; c < cols; c++) {
		int level;

		if (!have[c])
			continue;
		level = hi > lo ? (int)((col[c] - lo) / (hi - lo) * 7.0 + 0.5)
		    : 3;
		if (level < 0)
			level = 0;
		if (level > 7)
			level = 7;
		draw_glyph(p->win, y, 1 + c, 0x2581 + (uint32_t)level,
		    ascii[level], metrics_level(&ss->s, col[c]));
	}
	free(col);
	free(have);
}

static void
metrics_axis(struct pane *p, struct tui *t, int y)
{
	struct metrics_pane *mp = p->priv;
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), i;
	int64_t end = s->now + 1;
	char span[32], left[40];

	tui_dur((int64_t)mp->step * cols, span, sizeof span);
	snprintf(left, sizeof left, "-%s", span);
	for (i = 0; i < cols; i++)
		draw_glyph(p->win, y, 1 + i, 0x2500, '-', TH_MUTED);
	draw_text(p->win, y, 1, left, cols, TH_MUTED);
	if (cols > (int)strlen(left) + 4)
		draw_text(p->win, y, cols - 2, "now", 3, TH_MUTED);
	for (i = 0; i < s->nmarkers; i++) {
		int64_t back = (end - 1 - s->markers[i].t) / mp->step;
		char ch = s->markers[i].kind == KIND_PHASE ? 'P'
		    : s->markers[i].kind == KIND_DECISION ? 'D' : 'R';

		if (s->markers[i].t >= end || back >= cols)
			continue;
		draw_glyph(p->win, y, cols - (int)back, (uint32_t)ch, ch,
		    TH_MARKER);
	}
}

static void
metrics_draw(struct pane *p, struct tui *t)
{
	struct metrics_pane *mp = p->priv;
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), rows = pane_rows(p), y = 1, i;
	char right[48];

	werase(p->win);
	snprintf(right, sizeof right, "%d series", s->nseries);
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
		const struct sample *l = snapshot_latest(ss);
		char val[64], ago[32];
		enum theme_el el = TH_NORMAL;
		int vw;

		if (ss->s.last_error != NULL && ss->s.fail_count > 0 &&
		    (l == NULL || snapshot_series_stale(ss, s->now))) {
			snprintf(val, sizeof val, "error");
			el = TH_ERROR;
		} else if (l == NULL) {
			snprintf(val, sizeof val, "no data");
			el = TH_MUTED;
		} else if (snapshot_series_stale(ss, s->now)) {
			tui_dur(s->now - l->t, ago, sizeof ago);
			metrics_value(l->v, ss->s.unit, val, sizeof val);
			snprintf(val + strlen(val), sizeof val - strlen(val),
			    " stale %s", ago);
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
		draw_text_ell(p->win, y, 1, ss->s.name, cols - vw - 1, TH_LABEL);
		draw_text_ell(p->win, y, cols - vw + 1, val, vw, el);
		if (el == TH_ERROR && ss->s.last_error != NULL)
			draw_text_ell(p->win, y + 1, 1, ss->s.last_error, cols,
			    TH_ERROR);
		else if (l == NULL)
			draw_text_ell(p->win, y + 1, 1, "waiting for samples",
			    cols, TH_MUTED);
		else
			metrics_spark(p, t, ss, y + 1);
		y += SERIES_ROWS;
	}
	metrics_axis(p, t, rows);
	if (s->nseries > metrics_fit(p))
		draw_fmt(p->win, rows + 1, cols - 8, 9, TH_MUTED, " %d-%d/%d ",
		    mp->top + 1, i, s->nseries);
	else if (cols >= 34)
		draw_text(p->win, rows + 1, cols - 29, " P phase D decision "
		    "R release ", 29, TH_MUTED);
}

static int
metrics_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct metrics_pane *mp = p->priv;
	int fit = metrics_fit(p), max = t->snap.nseries - fit, old = mp->top;

	if (max < 0)
		max = 0;
	switch (act) {
	case ACT_UP:
		mp->top--;
		break;
	case ACT_DOWN:
		mp->top++;
		break;
	case ACT_PAGE_UP:
		mp->top -= fit;
		break;
	case ACT_PAGE_DOWN:
		mp->top += fit;
		break;
	case ACT_TOP:
		mp->top = 0;
		break;
	case ACT_BOTTOM:
		mp->top = max;
		break;
	default:
		return 0;
	}
	if (mp->top > max)
		mp->top = max;
	if (mp->top < 0)
		mp->top = 0;
	return KEY_HANDLED | (mp->top != old ? KEY_REDRAW : 0);
}

static void
metrics_resize(struct pane *p, struct tui *t)
{
	metrics_recalc(p, t);
}

static void
metrics_free(struct pane *p)
{
	free(p->priv);
	p->priv = NULL;
}

static void *
metrics_new(void)
{
	return xcalloc(1, sizeof(struct metrics_pane));
}

const struct pane_class pane_metrics_class = {
	"Metrics", metrics_recalc, metrics_draw, metrics_key, metrics_resize,
	metrics_free, metrics_new,
};
