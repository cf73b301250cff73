/* test_mpane.c: the Metrics pane and what the snapshot loads for it, in
 * process on a real database at a fixed clock: points downsampled to the
 * width, markers at their columns, warn/crit colours, stale and failing
 * rows, the recovery hint, the detail chart's cursor, the incident list. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "base/config.h"
#include "model/decision.h"
#include "model/incident.h"
#include "view/snapshot.h"
#include "store/store.h"
#include "widget/draw.h"
#include "dialog/detail.h"
#include "pane/pane.h"
#include "widget/theme.h"

#include "fixture.h"
#include "fixture_screen.h"

#define T0 1700000000 /* 2023-11-14 22:13:20 UTC */

static struct theme theme;

static int
screen_up(void **state)
{
	char err[ERR_LEN];

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	if (fx_screen_up(40, 120) != 0)
		return -1;
	if (theme_load(&theme, "themes/default.theme", err) != 0)
		return -1;
	theme_apply(&theme, 0);
	return 0;
}

static int
screen_down(void **state)
{
	(void)state;
	theme_free(&theme);
	fx_screen_down();
	unsetenv("WARROOM_NOW");
	return 0;
}

static void
exec_sql(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static int64_t
add_series(struct store *st, const char *name, const char *unit, double warn,
    double crit)
{
	sqlite3_stmt *s;
	int64_t id;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), "INSERT INTO series "
	    "(name, source, query, unit, warn, crit, interval) VALUES (?1, "
	    "'demo', 'errors', ?2, ?3, ?4, 5)", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, unit, -1, SQLITE_STATIC);
	if (isnan(warn))
		sqlite3_bind_null(s, 3);
	else
		sqlite3_bind_double(s, 3, warn);
	if (isnan(crit))
		sqlite3_bind_null(s, 4);
	else
		sqlite3_bind_double(s, 4, crit);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	id = sqlite3_last_insert_rowid(store_db(st));
	return id;
}

/* Samples every 5 s in [from, to], value f(t). */
static void
add_samples(struct store *st, int64_t id, int64_t from, int64_t to,
    double (*f)(int64_t))
{
	sqlite3_stmt *s;
	int64_t t;

	exec_sql(st, "BEGIN");
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "INSERT OR REPLACE "
	    "INTO sample VALUES (?1, ?2, ?3)", -1, &s, NULL), SQLITE_OK);
	for (t = from; t <= to; t += 5) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, t);
		sqlite3_bind_double(s, 3, f(t));
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	exec_sql(st, "COMMIT");
}

static double
f_ramp(int64_t t)
{
	return (double)(T0 - t) / 5.0 * 0.01 + 1.0; /* 1.00 now, 1.01 5 s ago */
}

static double
f_seven(int64_t t)
{
	(void)t;
	return 7;
}

static double
f_six_hundred(int64_t t)
{
	(void)t;
	return 600;
}

static double
f_thirty(int64_t t)
{
	return 30 + (double)(t % 60) / 10.0;
}

/* 8 (above crit) until 12 minutes ago, 1 since. */
static double
f_recovering(int64_t t)
{
	return t <= T0 - 720 ? 8 : 1;
}

/* ---- reading the screen back ---- */

/* The text of row y of w as UTF-8. */
static char *
row_text(WINDOW *w, int y)
{
	return fx_row(w, y, 0, getmaxx(w));
}

static wchar_t
cell(WINDOW *w, int y, int x, attr_t *attr, short *pair)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1];
	attr_t a;
	short p;

	mvwin_wch(w, y, x, &cc);
	getcchar(&cc, wc, &a, &p, NULL);
	if (attr != NULL)
		*attr = a;
	if (pair != NULL)
		*pair = p;
	return wc[0];
}

/* The column where ASCII text starts on row y, or -1. */
static int
cell_find(WINDOW *w, int y, const char *text)
{
	int x, cols = getmaxx(w), n = (int)strlen(text), k;

	for (x = 0; x + n <= cols; x++) {
		for (k = 0; k < n; k++)
			if (cell(w, y, x + k, NULL, NULL) != (wchar_t)text[k])
				break;
		if (k == n)
			return x;
	}
	return -1;
}

/* The row of w showing text, or -1. */
static int
row_find(WINDOW *w, const char *text)
{
	int y, found = -1;

	for (y = 0; y < getmaxy(w) && found < 0; y++) {
		char *s = row_text(w, y);

		if (strstr(s, text) != NULL)
			found = y;
		free(s);
	}
	return found;
}

/* Does the cell at (y, x) carry the style of el? */
static int
has_style(WINDOW *w, int y, int x, enum theme_el el)
{
	attr_t a, want = (attr_t)theme_attr(el);
	short pair;

	cell(w, y, x, &a, &pair);
	return pair == (short)PAIR_NUMBER(want) &&
	    (a & (A_BOLD | A_REVERSE)) == (want & (A_BOLD | A_REVERSE));
}

/* A screen of four panes over st, loaded as the loop would. */
static void
tui_up(struct tui *t, struct store *st)
{
	static const struct pane_class *const classes[PANE_COUNT] = {
		&pane_phase_class, &pane_board_class, &pane_metrics_class,
		&pane_timeline_class};
	struct rect r[PANE_COUNT];
	int i;

	memset(t, 0, sizeof *t);
	t->st = st;
	t->as = "tester";
	t->db_path = "test.db";
	assert_int_equal(layout_compute(40, 120, r), 0);
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &t->panes[i];

		p->cls = classes[i];
		p->id = (enum pane_id)i;
		p->priv = p->cls->create();
		p->y = r[i].y;
		p->x = r[i].x;
		p->h = r[i].h;
		p->w = r[i].w;
		p->win = newwin(p->h, p->w, p->y, p->x);
		p->cls->resize(p, t);
	}
	t->focus = PANE_METRICS;
	t->panes[PANE_METRICS].focused = 1;
	t->status_win = newwin(1, COLS, LINES - 1, 0);
	tui_metrics_reload(t);
	assert_true(t->have_snap);
}

/* The open dialog (the detail view, the incident list), or NULL. */
static struct overlay *
dlg(struct tui *t)
{
	return overlay_get(t, OVERLAY_DIALOG);
}

static int
dlg_key(struct tui *t, int is_code, wint_t ch)
{
	struct overlay *o = dlg(t);

	return o->ops->key(t, o->data, is_code, ch);
}

static void
tui_draw_all(struct tui *t)
{
	int i;

	for (i = 0; i < PANE_COUNT; i++)
		t->panes[i].cls->draw(&t->panes[i], t);
	overlay_draw(t, OVERLAY_DIALOG, 1);
}

static void
tui_down(struct tui *t)
{
	int i;

	overlay_close(t, OVERLAY_DIALOG);
	for (i = 0; i < PANE_COUNT; i++) {
		t->panes[i].cls->free(&t->panes[i]);
		delwin(t->panes[i].win);
	}
	delwin(t->status_win);
	if (t->have_snap)
		snapshot_clear(&t->snap);
}

/* ---- the tests ---- */

/* 6 h of samples every 5 s come back as at most one point per column,
 * each the mean of its bucket with min, max and count, plus the exact
 * newest sample. */
static void
test_points(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct snapshot_want w = {6 * 3600, 100, 0, 0, 0};
	struct snapshot s;
	int64_t id, total = 0;
	double lo = INFINITY, hi = -INFINITY;
	int k;

	(void)state;
	id = add_series(st, "ramp", "%", NAN, NAN);
	add_samples(st, id, T0 - 7 * 3600, T0, f_ramp);
	assert_int_equal(snapshot_load_want(st, 0, T0, &w, &s, err), 0);
	assert_int_equal(s.nseries, 1);
	assert_int_equal(s.mpoints, 100);
	assert_int_equal(s.mstep, 219); /* 21600 / 99, rounded up */
	assert_true(s.mfrom <= T0 - 6 * 3600);
	assert_true(s.mfrom + s.mstep * s.mpoints > T0);
	assert_true(s.series[0].nsamples <= 100);
	assert_true(s.series[0].nsamples >= 99);
	for (k = 0; k < s.series[0].nsamples; k++) {
		const struct snap_range *r = &s.series[0].range[k];
		const struct sample *p = &s.series[0].samples[k];
		int64_t b0 = s.mfrom + (p->t - s.mfrom) / s.mstep * s.mstep;
		/* The samples of this bucket, by the formula of f_ramp. */
		int64_t first = b0 + ((T0 - b0) % 5 + 5) % 5, last = p->t;

		total += r->n;
		assert_int_equal(r->n, (int)((last - first) / 5 + 1));
		assert_true(fabs(r->hi - f_ramp(first)) < 1e-9);
		assert_true(fabs(r->lo - f_ramp(last)) < 1e-9);
		assert_true(fabs(p->v - (f_ramp(first) + f_ramp(last)) / 2) <
		    1e-9);
		lo = r->lo < lo ? r->lo : lo;
		hi = r->hi > hi ? r->hi : hi;
		if (k > 0)
			assert_true(p->t > s.series[0].samples[k - 1].t);
	}
	/* Every sample of the span, once. */
	assert_int_equal(total, (T0 - s.mfrom) / 5 + 1);
	assert_true(fabs(s.series[0].lo - lo) < 1e-9);
	assert_true(fabs(s.series[0].hi - hi) < 1e-9);
	assert_true(s.series[0].has_last);
	assert_int_equal(s.series[0].last.t, T0);
	assert_true(fabs(s.series[0].last.v - 1.0) < 1e-9);
	snapshot_clear(&s);
	/* A width beyond the cap is capped. */
	w.points = 100000;
	assert_int_equal(snapshot_load_want(st, 0, T0, &w, &s, err), 0);
	assert_int_equal(s.mpoints, SNAPSHOT_POINTS_MAX);
	snapshot_clear(&s);
	fx_close(fx);
}

/* A phase change and a release appear on the axis at their columns, with
 * distinct glyphs; switching the window changes the axis labels. */
static void
test_markers(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct tui t;
	struct pane *p;
	int64_t inc, id;
	int axis, cols, cp, cr;
	char *row;

	(void)state;
	fx_now(T0 - 1800);
	inc = incident_declare(st, "markers", SEV2, "alice", 0, err);
	assert_true(inc > 0);
	fx_now(T0 - 600);
	assert_int_equal(incident_set_phase(st, inc, PHASE_MITIGATING, NULL,
	    "alice", err), 0);
	assert_true(release_deploy(st, inc, "v1.2", SAFE_YES, T0 - 300, NULL,
	    "bob", err) > 0);
	id = add_series(st, "errors", "%", 2, 5);
	add_samples(st, id, T0 - 1200, T0, f_seven);
	fx_now(T0);
	tui_up(&t, st);
	tui_draw_all(&t);
	p = &t.panes[PANE_METRICS];
	cols = pane_cols(p);
	assert_int_equal(t.snap.mpoints, cols);
	assert_int_equal(t.snap.mwindow, 900);
	axis = pane_rows(p);
	row = row_text(p->win, axis);
	assert_non_null(strstr(row, "-15m 21:58"));
	assert_non_null(strstr(row, "now"));
	free(row);
	cp = 1 + (int)((T0 - 600 - t.snap.mfrom) / t.snap.mstep);
	cr = 1 + (int)((T0 - 300 - t.snap.mfrom) / t.snap.mstep);
	assert_true(cp < cr);
	assert_int_equal(cell(p->win, axis, cp, NULL, NULL), 0x25C6); /* ◆ */
	assert_int_equal(cell(p->win, axis, cr, NULL, NULL), 0x25B2); /* ▲ */
	assert_true(has_style(p->win, axis, cp, TH_MARKER));
	/* The legend says which is which. */
	row = row_text(p->win, axis + 1);
	assert_non_null(strstr(row, "◆phase"));
	assert_non_null(strstr(row, "▲release"));
	free(row);
	/* w: the next window, 1 h: new labels, markers move left. */
	assert_true(p->cls->key(p, &t, ACT_METRIC_WINDOW) & KEY_HANDLED);
	assert_int_equal(t.snap.mwindow, 3600);
	p->cls->draw(p, &t);
	row = row_text(p->win, axis);
	assert_non_null(strstr(row, "-1h 21:"));
	free(row);
	assert_true(row_find(p->win, "1h · 1 series") == 0);
	assert_int_equal(cell(p->win, axis, 1 + (int)((T0 - 600 -
	    t.snap.mfrom) / t.snap.mstep), NULL, NULL), 0x25C6);
	/* - goes longer still, + back shorter. */
	p->cls->key(p, &t, ACT_METRIC_LONGER);
	assert_int_equal(t.snap.mwindow, 6 * 3600);
	p->cls->key(p, &t, ACT_METRIC_LONGER); /* the longest already */
	assert_int_equal(t.snap.mwindow, 6 * 3600);
	p->cls->key(p, &t, ACT_METRIC_SHORTER);
	p->cls->key(p, &t, ACT_METRIC_SHORTER);
	p->cls->key(p, &t, ACT_METRIC_SHORTER);
	assert_int_equal(t.snap.mwindow, 300);
	p->cls->draw(p, &t);
	/* The release 5 min ago sits where the label starts: the label
	 * moves past it, the marker stays. */
	row = row_text(p->win, axis);
	assert_non_null(strstr(row, "▲-5m 22:0"));
	assert_null(strstr(row, "-5m▲"));
	free(row);
	tui_down(&t);
	fx_close(fx);
}

/* Values coloured by warn and crit; stale said, not drawn flat; a failing
 * source shows its reason, cleaned; the status bar names failing series
 * the pane cannot show. */
static void
test_rows(void **state)
{
	char err[ERR_LEN], note[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct tui t;
	struct pane *p;
	int64_t id;
	int y, x;
	char *row;

	(void)state;
	fx_now(T0);
	assert_true(incident_declare(st, "rows", SEV3, "alice", 0, err) > 0);
	id = add_series(st, "a errors", "%", 2, 5);
	add_samples(st, id, T0 - 600, T0, f_seven);
	id = add_series(st, "b latency", "ms", 500, 800);
	add_samples(st, id, T0 - 600, T0, f_six_hundred);
	id = add_series(st, "c cpu", "%", 70, 90);
	add_samples(st, id, T0 - 600, T0, f_thirty);
	id = add_series(st, "d old", "/s", NAN, NAN);
	add_samples(st, id, T0 - 800, T0 - 400, f_thirty);
	id = add_series(st, "e broken", "", NAN, NAN);
	add_samples(st, id, T0 - 600, T0 - 300, f_thirty);
	exec_sql(st, "UPDATE series SET fail_count = 3, last_error = "
	    "'connect to 127.0.0.1:9 refused' || char(27) || '[2J now' "
	    "WHERE name = 'e broken'");
	tui_up(&t, st);
	tui_draw_all(&t);
	p = &t.panes[PANE_METRICS];

	y = row_find(p->win, "a errors");
	assert_true(y > 0);
	x = cell_find(p->win, y, "7.00%");
	assert_true(x > 0);
	assert_true(has_style(p->win, y, x, TH_CRIT));
	/* Its sparkline, in crit colour too. */
	assert_int_equal(cell(p->win, y + 1, pane_cols(p), NULL, NULL),
	    0x2584); /* a flat series sits mid-height */
	assert_true(has_style(p->win, y + 1, pane_cols(p), TH_CRIT));
	row = row_text(p->win, y);
	assert_non_null(strstr(row, "7.00–7.00")); /* min–max */
	free(row);

	y = row_find(p->win, "b latency");
	x = cell_find(p->win, y, "600 ms");
	assert_true(x > 0);
	assert_true(has_style(p->win, y, x, TH_WARN));
	y = row_find(p->win, "c cpu");
	x = cell_find(p->win, y, "32.0%"); /* f_thirty(T0) */
	assert_true(x > 0);
	assert_true(has_style(p->win, y, x, TH_OK));

	y = row_find(p->win, "d old");
	row = row_text(p->win, y);
	assert_non_null(strstr(row, "STALE 6m"));
	free(row);
	x = cell_find(p->win, y, "STALE");
	assert_true(has_style(p->win, y, x, TH_STALE));
	row = row_text(p->win, y + 1);
	assert_non_null(strstr(row, "no data")); /* the gap, said */
	free(row);

	y = row_find(p->win, "e broken");
	row = row_text(p->win, y);
	assert_non_null(strstr(row, "FAILING"));
	free(row);
	row = row_text(p->win, y + 1);
	assert_non_null(strstr(row, "connect to 127.0.0.1:9 refused\xef\xbf\xbd"
	    "[2J now"));
	assert_null(strchr(row, 0x1b));
	free(row);
	/* The pane shows it: nothing for the status bar. */
	metrics_status_note(&t, note, sizeof note);
	assert_string_equal(note, "");
	/* A pane too small to show it: the status bar says it. */
	p->h = 8;
	wresize(p->win, p->h, p->w);
	p->cls->resize(p, &t);
	p->cls->draw(p, &t);
	assert_int_equal(row_find(p->win, "e broken"), -1);
	metrics_status_note(&t, note, sizeof note);
	assert_non_null(strstr(note, "metric e broken FAILING: connect to"));
	tui_down(&t);
	fx_close(fx);
}

/* The hint holds while every crit series has been below warn for the
 * quiet time in mitigating or monitoring, and not otherwise. */
static void
test_recovery(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct snapshot_want w = {900, 60, 0, 0, 300};
	struct snapshot s;
	int64_t inc, id, other;

	(void)state;
	fx_now(T0 - 3600);
	inc = incident_declare(st, "recovery", SEV2, "alice", 0, err);
	id = add_series(st, "errors", "%", 2, 5);
	add_samples(st, id, T0 - 1800, T0, f_recovering);
	other = add_series(st, "requests", "/s", NAN, NAN);
	add_samples(st, other, T0 - 1800, T0, f_six_hundred);
	fx_now(T0);
	/* Detected: no hint whatever the metrics say. */
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_false(s.recovery_hint);
	snapshot_clear(&s);
	assert_int_equal(incident_set_phase(st, inc, PHASE_MITIGATING, NULL,
	    "alice", err), 0);
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_true(s.recovery_hint);
	assert_int_equal(s.recovery_since, T0 - 720);
	snapshot_clear(&s);
	/* 15 min asked: 12 are not enough. */
	w.recovery_quiet = 900;
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_false(s.recovery_hint);
	assert_int_equal(s.recovery_since, T0 - 720);
	snapshot_clear(&s);
	w.recovery_quiet = 300;
	/* Monitoring counts as well. */
	assert_int_equal(incident_set_phase(st, inc, PHASE_MONITORING, NULL,
	    "alice", err), 0);
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_true(s.recovery_hint);
	snapshot_clear(&s);
	/* A failing source: we cannot tell. */
	exec_sql(st, "UPDATE series SET last_error = 'timeout' WHERE "
	    "name = 'errors'");
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_false(s.recovery_hint);
	snapshot_clear(&s);
	exec_sql(st, "UPDATE series SET last_error = NULL");
	/* Stale data: neither. */
	assert_int_equal(snapshot_load_want(st, inc, T0 + 600, &w, &s, err), 0);
	assert_false(s.recovery_hint);
	snapshot_clear(&s);
	/* One sample at warn a minute ago restarts the clock. */
	exec_sql(st, "UPDATE sample SET v = 2 WHERE series_id = 1 AND t = "
	    "1700000000 - 60");
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_false(s.recovery_hint);
	assert_int_equal(s.recovery_since, T0 - 60);
	snapshot_clear(&s);
	/* Above warn right now: no. */
	exec_sql(st, "UPDATE sample SET v = 1 WHERE series_id = 1 AND t = "
	    "1700000000 - 60");
	exec_sql(st, "UPDATE sample SET v = 3 WHERE series_id = 1 AND t = "
	    "1700000000");
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_false(s.recovery_hint);
	snapshot_clear(&s);
	/* No series with a crit threshold: nothing to judge by. */
	exec_sql(st, "UPDATE series SET crit = NULL, warn = NULL");
	assert_int_equal(snapshot_load_want(st, inc, T0, &w, &s, err), 0);
	assert_false(s.recovery_hint);
	snapshot_clear(&s);
	fx_close(fx);
}

/* The Phase pane shows the hint when the snapshot has it. */
static void
test_recovery_pane(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct tui t;
	int64_t inc, id;

	(void)state;
	fx_now(T0 - 3600);
	inc = incident_declare(st, "recovery pane", SEV2, "alice", 0, err);
	fx_now(T0 - 1000);
	assert_int_equal(incident_set_phase(st, inc, PHASE_MITIGATING, NULL,
	    "alice", err), 0);
	id = add_series(st, "errors", "%", 2, 5);
	add_samples(st, id, T0 - 1800, T0, f_recovering);
	fx_now(T0);
	tui_up(&t, st);
	t.panes[PANE_PHASE].cls->draw(&t.panes[PANE_PHASE], &t);
	assert_true(row_find(t.panes[PANE_PHASE].win, "Metrics below warn for "
	    "12m: declare recovery?") > 0);
	tui_down(&t);
	/* A quiet time longer than that: no hint. */
	fx_now(T0);
	tui_up(&t, st);
	t.want.recovery_quiet = 1800;
	tui_metrics_reload(&t);
	t.panes[PANE_PHASE].cls->draw(&t.panes[PANE_PHASE], &t);
	assert_int_equal(row_find(t.panes[PANE_PHASE].win, "declare recovery"),
	    -1);
	tui_down(&t);
	fx_close(fx);
}

static void
test_quiet_setting(void **state)
{
	static const struct {
		const char *text;
		int64_t want; /* -1: refused */
	} cases[] = {
		{"", SNAPSHOT_QUIET_DEFAULT},
		{"[tui]\nrecovery_quiet = 90s\n", 90},
		{"[tui]\nrecovery_quiet = 5m\n", 300},
		{"[tui]\nrecovery_quiet = 1h\n", 3600},
		{"[tui]\nrecovery_quiet = 120\n", 120},
		{"[tui]\nrecovery_quiet = 0\n", -1},
		{"[tui]\nrecovery_quiet = 5 min\n", -1},
		{"[tui]\nrecovery_quiet = 2d\n", -1},
		{"[tui]\nrecovery_quiet = 25h\n", -1},
		{"[tui]\nrecovery_quiet = -5m\n", -1},
	};
	char err[ERR_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct config *cf = config_parse(cases[i].text, "c", err);
		int64_t q = 0;
		int rc;

		assert_non_null(cf);
		rc = snapshot_quiet_setting(cf, &q, err);
		if (cases[i].want < 0) {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(err, "recovery_quiet"));
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(q, cases[i].want);
		}
		config_free(cf);
	}
}

/* Enter opens the chart of the selected series; the cursor shows the exact
 * time and value of a sample; h moves it; Esc closes. */
static void
test_detail(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct tui t;
	struct pane *p;
	int64_t id;
	int y;
	char *row;

	(void)state;
	fx_now(T0);
	assert_true(incident_declare(st, "detail", SEV3, "alice", 0, err) > 0);
	id = add_series(st, "a errors", "%", 1.2, 1.5);
	add_samples(st, id, T0 - 3600, T0, f_ramp);
	id = add_series(st, "b other", "ms", NAN, NAN);
	add_samples(st, id, T0 - 3600, T0, f_six_hundred);
	tui_up(&t, st);
	p = &t.panes[PANE_METRICS];
	/* The 5 min window: a point per sample at most. */
	p->cls->key(p, &t, ACT_METRIC_SHORTER);
	assert_int_equal(t.snap.mwindow, 300);
	assert_true(detail_open(&t) & KEY_HANDLED);
	assert_non_null(dlg(&t));
	/* Its keys, for the help (?). */
	assert_non_null(dlg(&t)->keys);
	assert_int_equal(keymap_find(dlg(&t)->keys, '?', 0, -1)->act,
	    ACT_HELP);
	assert_int_equal(t.want.detail_id, id - 1);
	assert_int_equal(t.snap.dseries.s.id, id - 1);
	assert_true(t.snap.dpoints > 60);
	tui_draw_all(&t);
	assert_non_null(dlg(&t)->win);
	assert_true(row_find(dlg(&t)->win, "a errors") == 0);
	/* y labels: max and min of what is drawn (the oldest sample of
	 * the window is the highest). */
	{
		const struct snap_series *d = &t.snap.dseries;
		char top[16];

		snprintf(top, sizeof top, "%.2f%%", d->samples[0].v);
		assert_true(row_find(dlg(&t)->win, top) == 1);
		assert_true(row_find(dlg(&t)->win, "1.00%") ==
		    1 + (getmaxy(dlg(&t)->win) - 6) - 1);
	}
	assert_true(row_find(dlg(&t)->win, "h/l cursor") > 0);
	/* The cursor starts on the newest sample: exact time and value. */
	y = row_find(dlg(&t)->win, "22:13:20  1.00%");
	assert_true(y > 0);
	/* Left until the cursor meets the sample 5 s older. */
	for (int i = 0; i < 6 && row_find(dlg(&t)->win, "22:13:15  1.01%") < 0;
	    i++) {
		dlg_key(&t, 1, KEY_LEFT);
		tui_draw_all(&t);
	}
	assert_true(row_find(dlg(&t)->win, "22:13:15  1.01%") == y);
	/* Back to the newest, and it stays there. */
	dlg_key(&t, 0, 'G');
	tui_draw_all(&t);
	assert_true(row_find(dlg(&t)->win, "22:13:20  1.00%") == y);
	/* The time labels, under the axis. */
	row = row_text(dlg(&t)->win, y - 1);
	assert_non_null(strstr(row, "5m"));
	assert_non_null(strstr(row, "22:07:"));
	free(row);
	/* j: the next series, loaded in detail. */
	dlg_key(&t, 0, 'j');
	assert_int_equal(t.snap.dseries.s.id, id);
	tui_draw_all(&t);
	assert_true(row_find(dlg(&t)->win, "b other") == 0);
	/* Esc closes and stops loading the detail. */
	dlg_key(&t, 0, 27);
	assert_null(dlg(&t));
	assert_int_equal(t.want.detail_id, 0);
	tui_down(&t);
	fx_close(fx);
}

/* I lists incidents; Enter switches the screen to the chosen one. */
static void
test_incidents(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct tui t;
	int64_t a, b;

	(void)state;
	fx_now(T0 - 7200);
	a = incident_declare(st, "first 障害", SEV1, "alice", 0, err);
	fx_now(T0 - 60);
	b = incident_declare(st, "second one", SEV3, "bob", 0, err);
	assert_true(a > 0 && b > a);
	fx_now(T0);
	tui_up(&t, st);
	/* Two open: the screen picks neither; it asks. */
	assert_int_equal(t.snap.incident_id, 0);
	assert_int_equal(t.incident_fixed, 0);
	assert_non_null(strstr(t.load_err, "Several incidents are open"));
	assert_int_equal(incidents_open(&t), KEY_HANDLED);
	assert_non_null(dlg(&t));
	tui_draw_all(&t);
	assert_true(row_find(dlg(&t)->win, "second one") > 0);
	assert_true(row_find(dlg(&t)->win, "first 障害") > 0);
	assert_true(row_find(dlg(&t)->win, "SEV1 detected") > 0);
	assert_true(row_find(dlg(&t)->win, "2023-11-14 20:13") > 0);
	dlg_key(&t, 0, 'j');
	dlg_key(&t, 0, '\r');
	assert_null(dlg(&t));
	assert_int_equal(t.snap.incident_id, a);
	assert_int_equal(t.incident_fixed, a);
	assert_non_null(strstr(t.msg, "first 障害"));
	tui_draw_all(&t);
	assert_true(row_find(t.panes[PANE_PHASE].win, "first 障害") > 0);
	/* Esc leaves everything as it was. */
	incidents_open(&t);
	dlg_key(&t, 1, KEY_UP);
	dlg_key(&t, 0, 27);
	assert_null(dlg(&t));
	assert_int_equal(t.snap.incident_id, a);
	tui_down(&t);
	fx_close(fx);
}

/* Without UTF-8 the pane draws ASCII only. */
static void
test_ascii(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct tui t;
	struct pane *p;
	int64_t inc, id;
	int y, x;

	(void)state;
	fx_now(T0 - 1800);
	inc = incident_declare(st, "ascii", SEV2, "alice", 0, err);
	fx_now(T0 - 600);
	assert_int_equal(incident_set_phase(st, inc, PHASE_MITIGATING, NULL,
	    "alice", err), 0);
	assert_true(release_deploy(st, inc, "v9", SAFE_NO, T0 - 300, NULL,
	    "bob", err) > 0);
	id = add_series(st, "errors", "%", 2, 5);
	add_samples(st, id, T0 - 1200, T0, f_ramp);
	fx_now(T0);
	setlocale(LC_ALL, "C");
	draw_init();
	tui_up(&t, st);
	tui_draw_all(&t);
	p = &t.panes[PANE_METRICS];
	for (y = 1; y < p->h - 1; y++)
		for (x = 1; x < p->w - 1; x++) {
			wchar_t c = cell(p->win, y, x, NULL, NULL);

			if (c > 0x7E)
				fail_msg("non-ASCII U+%04X at %d,%d", (unsigned)c,
				    y, x);
		}
	y = pane_rows(p);
	assert_int_equal(cell(p->win, y, 1 + (int)((T0 - 600 - t.snap.mfrom) /
	    t.snap.mstep), NULL, NULL), 'P');
	assert_int_equal(cell(p->win, y, 1 + (int)((T0 - 300 - t.snap.mfrom) /
	    t.snap.mstep), NULL, NULL), 'R');
	assert_true(row_find(p->win, "15m - 1 series") == 0);
	{
		char mm[32];

		snprintf(mm, sizeof mm, "1.00..%.2f", t.snap.series[0].hi);
		assert_true(row_find(p->win, mm) > 0);
	}
	tui_down(&t);
	setlocale(LC_ALL, "C.UTF-8");
	draw_init();
	fx_close(fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_recovery_pane),
		cmocka_unit_test(test_quiet_setting),
		cmocka_unit_test(test_detail),
		cmocka_unit_test(test_incidents),
		cmocka_unit_test(test_ascii),
	};

	return cmocka_run_group_tests(tests, screen_up, screen_down);
}
