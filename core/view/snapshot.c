/* snapshot.c: load what the screen shows of one incident in one go, so the
 * panes draw plain structs and never query while drawing. */
#include "view/snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alert.h"
#include "model/board.h"
#include "base/config.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "model/outbox.h"
#include "model/remind.h"
#include "store/store.h"
#include "model/timeline.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"

/* Step q over at most max rows, each read by row into item *n of s (*n
 * counts them, also when a later step fails). 0, or -1 with err saying
 * what was being read. */
static int
snapshot_rows(struct store *st, sqlite3_stmt *q, struct snapshot *s, int *n,
    int max, void (*row)(sqlite3_stmt *q, struct snapshot *s, int i),
    const char *what, char *err)
{
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < max)
		row(q, s, (*n)++);
	store_done(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_err(st, what, err);
		return -1;
	}
	return 0;
}

static void
snapshot_marker_row(sqlite3_stmt *q, struct snapshot *s, int i)
{
	struct snap_marker *m = &s->markers[i];

	m->t = sqlite3_column_int64(q, 0);
	m->kind = enum_parse(kind_names, KIND_COUNT,
	    (const char *)sqlite3_column_text(q, 1));
}

static int
snapshot_markers(struct store *st, struct snapshot *s, char *err)
{
	/* One index range per kind (entry_by_kind), merged: kind IN (...)
	 * with this ORDER BY walks entry_by_time over every entry of the
	 * window, and an alert flood puts thousands in it. */
#define MARKER_KIND(k)                                                   \
	"SELECT event_time, kind, id FROM entry WHERE incident_id = ?1 "     \
	"AND deleted = 0 AND kind = '" k "' AND event_time BETWEEN ?2 AND " \
	"?3 AND tomb_at = 0 "
	static const char sql[] = MARKER_KIND("phase") "UNION ALL "
	    MARKER_KIND("decision") "UNION ALL " MARKER_KIND("release")
	    "ORDER BY 1 DESC, 3 DESC LIMIT ?4";
#undef MARKER_KIND
	sqlite3_stmt *q = store_stmt(st, sql);
	int i;

	s->markers = xcalloc(SNAPSHOT_MARKERS_MAX, sizeof *s->markers);
	sqlite3_bind_int64(q, 1, s->incident_id);
	sqlite3_bind_int64(q, 2, s->mfrom);
	sqlite3_bind_int64(q, 3, s->mfrom + s->mstep * s->mpoints - 1);
	sqlite3_bind_int(q, 4, SNAPSHOT_MARKERS_MAX);
	if (snapshot_rows(st, q, s, &s->nmarkers, SNAPSHOT_MARKERS_MAX,
	    snapshot_marker_row, "reading markers", err) != 0)
		return -1;
	for (i = 0; i < s->nmarkers / 2; i++) { /* oldest first */
		struct snap_marker tmp = s->markers[i];

		s->markers[i] = s->markers[s->nmarkers - 1 - i];
		s->markers[s->nmarkers - 1 - i] = tmp;
	}
	return 0;
}

static void
snapshot_pending_row(sqlite3_stmt *q, struct snapshot *s, int i)
{
	struct snap_pending *p = &s->pending[i];

	p->entry_id = sqlite3_column_int64(q, 0);
	p->text = store_col_str(q, 1);
	p->from = store_col_str(q, 2);
	p->decision_id = sqlite3_column_int64(q, 3);
}

static int
snapshot_pending(struct store *st, struct snapshot *s, char *err)
{
	static const char sql[] = "SELECT e.id, e.text, d.signoff_from, d.id "
	    "FROM decision d JOIN entry e ON e.id = d.entry_id "
	    "WHERE d.incident_id = ?1 AND d.signoff_state = 'pending' "
	    "AND e.deleted = 0 AND e.tomb_at = 0 "
	    "ORDER BY e.event_time, e.id LIMIT ?2";
	sqlite3_stmt *q = store_stmt(st, sql);

	s->pending = xcalloc(SNAPSHOT_PENDING_MAX, sizeof *s->pending);
	sqlite3_bind_int64(q, 1, s->incident_id);
	sqlite3_bind_int(q, 2, SNAPSHOT_PENDING_MAX);
	return snapshot_rows(st, q, s, &s->npending, SNAPSHOT_PENDING_MAX,
	    snapshot_pending_row, "reading decisions", err);
}

/* Failed updates still waiting for someone, and the current reminder. */
static int
snapshot_tracks(struct store *st, struct snapshot *s, char *err)
{
	if (outbox_failed(st, s->incident_id, SNAPSHOT_FAILED_MAX, &s->failed,
	    &s->nfailed, err) != 0)
		return -1;
	if (!remind_check(&s->inc, s->board, s->nboard, s->now, s->remind,
	    sizeof s->remind, s->remind_key, sizeof s->remind_key))
		s->remind[0] = s->remind_key[0] = '\0';
	return 0;
}

/* What the Phase pane shows besides the incident: recent releases and the
 * last status update with its delivery state. */
static int
snapshot_phase_extra(struct store *st, struct snapshot *s, char *err)
{
	struct status_update *u;
	int n;

	if (release_list(st, s->incident_id, SNAPSHOT_RELEASES_MAX,
	    &s->releases, &s->nreleases, err) != 0)
		return -1;
	if (outbox_list(st, s->incident_id, 1, &u, &n, err) != 0)
		return -1;
	if (n > 0) {
		s->last_update = u;
		/* No config here: the screen never reads the secrets. */
		s->last_update_why = outbox_why(u, NULL, NULL, s->now);
	} else
		free(u);
	return snapshot_tracks(st, s, err);
}

/* The axis of npoints points covering at least window seconds up
 * to now. Its end is aligned to the step, so points keep their samples
 * from one reload to the next and the chart moves a whole column at a
 * time. */
static void
snapshot_axis(int64_t now, int64_t window, int npoints, int64_t *from,
    int64_t *step)
{
	/* One point to spare: the newest is still filling. */
	int64_t per = npoints > 1 ? npoints - 1 : 1;
	int64_t st = (window + per - 1) / per, end;

	if (st < 1)
		st = 1;
	end = (now / st + 1) * st; /* exclusive */
	*step = st;
	*from = end - st * npoints;
}

/* Point n of ss: the mean of its bucket, whose values sum to sum. A sum of
 * huge values overflows (1.8e308 twice is Inf): then the middle of the
 * bucket's range, which is finite. */
static void
snapshot_mean(struct snap_series *ss, int n, double sum)
{
	const struct snap_range *r = &ss->range[n];
	double m = sum / r->n;

	ss->samples[n].v = isfinite(m) ? m : r->lo / 2 + r->hi / 2;
}

/* The samples of one series on an axis, downsampled as they are read (in
 * key order, so no sort): one point per bucket that has samples, so what
 * the screen keeps and draws follows the points, not the samples. */
static int
snapshot_points_read(struct store *st, struct snap_series *ss, int64_t from,
    int64_t step, int npoints, char *err)
{
	static const char sql[] = "SELECT t, v FROM sample WHERE series_id = ?1 "
	    "AND t >= ?2 AND t < ?3 ORDER BY t";
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc, n = 0, b = -1;
	double sum = 0;

	ss->samples = xcalloc((size_t)npoints, sizeof *ss->samples);
	ss->range = xcalloc((size_t)npoints, sizeof *ss->range);
	ss->lo = NAN;
	ss->hi = NAN;
	sqlite3_bind_int64(q, 1, ss->s.id);
	sqlite3_bind_int64(q, 2, from);
	sqlite3_bind_int64(q, 3, from + step * npoints);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(q, 0);
		double v = sqlite3_column_double(q, 1);
		int k = (int)((t - from) / step);
		struct snap_range *r;

		if (k != b) { /* a new bucket: close the last one */
			if (b >= 0)
				snapshot_mean(ss, n++, sum);
			b = k;
			sum = 0;
			ss->range[n] = (struct snap_range){v, v, 0};
		}
		r = &ss->range[n];
		ss->samples[n].t = t;
		sum += v;
		r->n++;
		r->lo = v < r->lo ? v : r->lo;
		r->hi = v > r->hi ? v : r->hi;
		if (isnan(ss->lo) || v < ss->lo)
			ss->lo = v;
		if (isnan(ss->hi) || v > ss->hi)
			ss->hi = v;
	}
	if (b >= 0)
		snapshot_mean(ss, n++, sum);
	store_done(q);
	ss->nsamples = n;
	if (rc != SQLITE_DONE) {
		store_err(st, "reading samples", err);
		return -1;
	}
	return 0;
}

/* The time of the oldest sample of series id into *t (0: none). */
static int
snapshot_oldest(struct store *st, int64_t id, int64_t *t, char *err)
{
	static const char sql[] = "SELECT t FROM sample WHERE series_id = ?1 "
	    "ORDER BY t LIMIT 1";
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc;

	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	*t = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	store_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_err(st, "reading samples", err);
		return -1;
	}
	return 0;
}

/* The axis a series' points are on. */
struct snap_axis {
	int64_t from, step;
	int n;
};

static void snapshot_shift(struct snap_series *ss, int64_t from);

/* Whether old (on axis oa) still holds what the store would give ss (its
 * row, newest and oldest sample read) on axis a: see snapshot_reload. */
static int
snapshot_same(const struct snap_series *ss, const struct snap_series *old,
    const struct snap_axis *a, const struct snap_axis *oa, int64_t now)
{
	const struct series *n = &ss->s, *o = &old->s;

	if (n->id != o->id || n->last_ok != o->last_ok ||
	    n->next_poll != o->next_poll || n->fail_count != o->fail_count ||
	    ss->has_last != old->has_last || ss->oldest != old->oldest)
		return 0;
	if (ss->has_last && (ss->last.t != old->last.t ||
	    !(ss->last.v == old->last.v) ||
	    ss->last.t >= oa->from + oa->step * oa->n))
		return 0; /* new, changed, or beyond what old covered */
	return a->step == oa->step && a->n == oa->n && a->from >= oa->from &&
	    now >= old->read_at && now - old->read_at < SNAPSHOT_KEEP_MAX;
}

/* The points of one series on axis a: old's (on axis oa; NULL: none) moved
 * to a when nothing changed, else read. */
static int
snapshot_points(struct store *st, struct snap_series *ss,
    const struct snap_axis *a, const struct snap_series *old,
    const struct snap_axis *oa, int64_t now, char *err)
{
	int rc = metrics_latest(st, ss->s.id, &ss->last, err);

	if (rc < 0)
		return -1;
	ss->has_last = rc;
	if (snapshot_oldest(st, ss->s.id, &ss->oldest, err) != 0)
		return -1;
	if (old == NULL || !snapshot_same(ss, old, a, oa, now)) {
		ss->read_at = now;
		return snapshot_points_read(st, ss, a->from, a->step, a->n,
		    err);
	}
	ss->samples = xcalloc((size_t)a->n, sizeof *ss->samples);
	ss->range = xcalloc((size_t)a->n, sizeof *ss->range);
	ss->nsamples = old->nsamples;
	if (old->nsamples > 0) {
		memcpy(ss->samples, old->samples,
		    (size_t)old->nsamples * sizeof *ss->samples);
		memcpy(ss->range, old->range,
		    (size_t)old->nsamples * sizeof *ss->range);
	}
	ss->read_at = old->read_at;
	snapshot_shift(ss, a->from);
	return 0;
}

static void
snapshot_series_copy(struct series *dst, const struct series *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->query = xstrdup(src->query);
	dst->unit = xstrdup(src->unit);
	dst->last_error = xstrdup(src->last_error);
}

/* prev's series with id (NULL: none). */
static const struct snap_series *
snapshot_find(const struct snapshot *prev, int64_t id)
{
	int i;

	for (i = 0; prev != NULL && i < prev->nseries; i++)
		if (prev->series[i].s.id == id)
			return &prev->series[i];
	return NULL;
}

static int
snapshot_series(struct store *st, struct snapshot *s,
    const struct snapshot_want *w, const struct snapshot *prev, char *err)
{
	struct snap_axis a = {s->mfrom, s->mstep, s->mpoints}, oa = a;
	struct series *list;
	int n, i;

	if (metrics_series_list(st, &list, &n, err) != 0)
		return -1;
	s->series = xcalloc((size_t)(n > 0 ? n : 1), sizeof *s->series);
	s->nseries = n;
	for (i = 0; i < n; i++)
		s->series[i].s = list[i]; /* the items now belong to s */
	free(list);
	if (prev != NULL)
		oa = (struct snap_axis){prev->mfrom, prev->mstep,
		    prev->mpoints};
	for (i = 0; i < n; i++)
		if (snapshot_points(st, &s->series[i], &a,
		    snapshot_find(prev, s->series[i].s.id), &oa, s->now,
		    err) != 0)
			return -1;
	for (i = 0; i < n && w->detail_id > 0; i++) {
		if (s->series[i].s.id != w->detail_id)
			continue;
		snapshot_axis(s->now, s->mwindow, s->dpoints, &s->dfrom,
		    &s->dstep);
		snapshot_series_copy(&s->dseries.s, &s->series[i].s);
		a = (struct snap_axis){s->dfrom, s->dstep, s->dpoints};
		if (prev != NULL)
			oa = (struct snap_axis){prev->dfrom, prev->dstep,
			    prev->dpoints};
		if (snapshot_points(st, &s->dseries, &a, prev != NULL &&
		    prev->dseries.s.id == w->detail_id ? &prev->dseries : NULL,
		    &oa, s->now, err) != 0)
			return -1;
	}
	return 0;
}

/* Is v at or beyond the warn level of s (or crit, when warn is unset)?
 * Higher is worse unless crit is set below warn. */
static int
snapshot_bad(const struct series *se, double *thr, int *low_bad)
{
	*low_bad = !isnan(se->warn) && !isnan(se->crit) && se->crit < se->warn;
	*thr = !isnan(se->warn) ? se->warn : se->crit;
	return !isnan(se->crit);
}

/* The recovery hint. Each series with a crit threshold must be
 * polled fine, fresh, below warn now, and have had no sample at warn or
 * worse for the quiet time (looked for in a bounded span of samples). */
static int
snapshot_recovery(struct store *st, struct snapshot *s, int64_t quiet,
    char *err)
{
	static const char sql[] = "SELECT max(CASE WHEN (?4 AND v <= ?3) OR "
	    "(NOT ?4 AND v >= ?3) THEN t END), min(t) FROM sample "
	    "WHERE series_id = ?1 AND t > ?2";
	int64_t since = 0, lookback = quiet * 2 > 3600 ? quiet * 2 : 3600;
	int i, rc, watched = 0;

	if (s->inc.phase != PHASE_MITIGATING && s->inc.phase != PHASE_MONITORING)
		return 0;
	for (i = 0; i < s->nseries; i++) {
		const struct snap_series *ss = &s->series[i];
		sqlite3_stmt *q;
		double thr;
		int low_bad, have = 0;
		int64_t bad = 0, first = 0, si;

		if (!snapshot_bad(&ss->s, &thr, &low_bad))
			continue;
		watched++;
		if (!ss->has_last || ss->s.last_error != NULL ||
		    snapshot_series_stale(ss, s->now) ||
		    (low_bad ? ss->last.v <= thr : ss->last.v >= thr))
			return 0;
		q = store_stmt(st, sql);
		sqlite3_bind_int64(q, 1, ss->s.id);
		sqlite3_bind_int64(q, 2, s->now - lookback);
		sqlite3_bind_double(q, 3, thr);
		sqlite3_bind_int(q, 4, low_bad);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			have = sqlite3_column_type(q, 1) != SQLITE_NULL;
			bad = sqlite3_column_int64(q, 0);
			first = sqlite3_column_int64(q, 1);
		}
		store_done(q);
		if (rc != SQLITE_ROW) {
			store_err(st, "reading samples", err);
			return -1;
		}
		if (!have)
			return 0;
		si = bad > 0 ? bad : first;
		if (si > since)
			since = si;
	}
	if (watched == 0 || since <= 0)
		return 0;
	s->recovery_since = since;
	s->recovery_hint = s->now - since >= quiet;
	return 0;
}

int
snapshot_load(struct store *st, int64_t incident, int64_t now,
    struct snapshot *out, char *err)
{
	return snapshot_load_want(st, incident, now, NULL, out, err);
}

static int
snapshot_clamp(int v, int dflt)
{
	if (v <= 0)
		return dflt;
	return v > SNAPSHOT_POINTS_MAX ? SNAPSHOT_POINTS_MAX : v;
}

/* The latest event time of the incident's entries, deleted or not (one
 * seek of entry_by_time each), into s->tl_newest. */
static int
snapshot_newest(struct store *st, struct snapshot *s, char *err)
{
	static const char sql[] = "SELECT max(coalesce((SELECT max(event_time) "
	    "FROM entry WHERE incident_id = ?1 AND deleted = 0), 0), "
	    "coalesce((SELECT max(event_time) FROM entry WHERE incident_id = ?1 "
	    "AND deleted = 1), 0))";
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc;

	sqlite3_bind_int64(q, 1, s->incident_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		s->tl_newest = sqlite3_column_int64(q, 0);
	store_done(q);
	if (rc != SQLITE_ROW) {
		store_err(st, "reading the timeline", err);
		return -1;
	}
	return 0;
}

/* The timeline's count, newest time and pinned entries. 0 or -1 with
 * err. */
static int
snapshot_timeline(struct store *st, struct snapshot *s, char *err)
{
	int n;

	s->tl_total = timeline_count(st, s->incident_id, NULL);
	if (s->tl_total < 0) {
		store_err(st, "counting the timeline", err);
		return -1;
	}
	if (snapshot_newest(st, s, err) != 0)
		return -1;
	n = timeline_pinned(st, s->incident_id, s->pins, SNAPSHOT_PINS_MAX,
	    &s->pins_total, err);
	if (n < 0)
		return -1;
	s->npins = n;
	return 0;
}

int
snapshot_load_want(struct store *st, int64_t incident, int64_t now,
    const struct snapshot_want *want, struct snapshot *out, char *err)
{
	return snapshot_reload(st, incident, now, want, NULL, out, err);
}

/* The firing alerts, for the status bar's proposal; none when they
 * cannot be read (the proposal is a hint, never in the way). */
static void
snapshot_alerts(struct store *st, struct snapshot *s)
{
	char err[ERR_LEN];

	s->nalerts = alert_firing_list(st, &s->alerts, err);
	if (s->nalerts < 0) {
		s->alerts = NULL;
		s->nalerts = 0;
	}
}

int
snapshot_reload(struct store *st, int64_t incident, int64_t now,
    const struct snapshot_want *want, const struct snapshot *prev,
    struct snapshot *out, char *err)
{
	static const struct snapshot_want none;
	const struct snapshot_want *w = want != NULL ? want : &none;
	struct snapshot *s = out;

	*s = (struct snapshot){0};
	s->now = now;
	s->incident_id = incident;
	s->mwindow = w->window > 0 ? w->window : SNAPSHOT_METRIC_WINDOW;
	if (s->mwindow > SNAPSHOT_WINDOW_MAX)
		s->mwindow = SNAPSHOT_WINDOW_MAX;
	s->mpoints = snapshot_clamp(w->points, SNAPSHOT_POINTS_DEFAULT);
	s->dpoints = snapshot_clamp(w->detail_points, SNAPSHOT_POINTS_DEFAULT);
	snapshot_axis(now, s->mwindow, s->mpoints, &s->mfrom, &s->mstep);
	if (snapshot_series(st, s, w, prev, err) != 0)
		goto fail;
	if (incident <= 0) {
		snapshot_alerts(st, s);
		return 0;
	}
	if (incident_load(st, incident, &s->inc, err) != 0)
		goto fail;
	if (s->inc.phase >= PHASE_RESOLVED)
		snapshot_alerts(st, s);
	if (board_load(st, incident, now, s->inc.checkin_interval, &s->board,
	    &s->nboard, err) != 0)
		goto fail;
	if (snapshot_markers(st, s, err) != 0 ||
	    snapshot_pending(st, s, err) != 0 ||
	    snapshot_recovery(st, s, w->recovery_quiet > 0 ? w->recovery_quiet
	    : SNAPSHOT_QUIET_DEFAULT, err) != 0)
		goto fail;
	if (snapshot_timeline(st, s, err) != 0)
		goto fail;
	/* The same rule `warroom status` uses. */
	s->next_update = outbox_due(&s->inc);
	if (snapshot_phase_extra(st, s, err) != 0)
		goto fail;
	return 0;
fail:
	snapshot_clear(s);
	return -1;
}

/* Drop the points of ss older than from (the axis moved on by whole
 * steps, so the buckets left are what a reload would read) and take the
 * window's min and max again. */
static void
snapshot_shift(struct snap_series *ss, int64_t from)
{
	int k = 0, i;

	while (k < ss->nsamples && ss->samples[k].t < from)
		k++;
	if (k > 0) {
		ss->nsamples -= k;
		memmove(ss->samples, ss->samples + k,
		    (size_t)ss->nsamples * sizeof *ss->samples);
		memmove(ss->range, ss->range + k,
		    (size_t)ss->nsamples * sizeof *ss->range);
	}
	ss->lo = NAN;
	ss->hi = NAN;
	for (i = 0; i < ss->nsamples; i++) {
		if (isnan(ss->lo) || ss->range[i].lo < ss->lo)
			ss->lo = ss->range[i].lo;
		if (isnan(ss->hi) || ss->range[i].hi > ss->hi)
			ss->hi = ss->range[i].hi;
	}
}

/* The recovery hint as time passes: a watched series going stale ends it
 * (snapshot_recovery would not set it), the quiet time may now be met. */
static void
snapshot_recovery_retime(struct snapshot *s, int64_t quiet)
{
	int i;

	if (s->recovery_since <= 0)
		return;
	for (i = 0; i < s->nseries; i++) {
		double thr;
		int low_bad;

		if (snapshot_bad(&s->series[i].s, &thr, &low_bad) &&
		    snapshot_series_stale(&s->series[i], s->now)) {
			s->recovery_since = 0;
			s->recovery_hint = 0;
			return;
		}
	}
	s->recovery_hint = s->now - s->recovery_since >= quiet;
}

int
snapshot_retime(struct snapshot *s, int64_t now,
    const struct snapshot_want *want)
{
	int64_t quiet = want != NULL && want->recovery_quiet > 0
	    ? want->recovery_quiet : SNAPSHOT_QUIET_DEFAULT, from, step;
	int i;

	if (now < s->now)
		return 1; /* the clock went back: read it all again */
	/* The board's order ranks stale people first: a change reorders. */
	for (i = 0; i < s->nboard; i++)
		if (board_is_stale(&s->board[i], s->now,
		    s->inc.checkin_interval) != board_is_stale(&s->board[i],
		    now, s->inc.checkin_interval))
			return 1;
	s->now = now;
	snapshot_axis(now, s->mwindow, s->mpoints, &from, &step);
	if (from != s->mfrom) {
		s->mfrom = from;
		for (i = 0; i < s->nseries; i++)
			snapshot_shift(&s->series[i], from);
	}
	if (s->dseries.s.id != 0) {
		snapshot_axis(now, s->mwindow, s->dpoints, &from, &step);
		if (from != s->dfrom) {
			s->dfrom = from;
			snapshot_shift(&s->dseries, from);
		}
	}
	snapshot_recovery_retime(s, quiet);
	if (s->last_update != NULL) {
		free(s->last_update_why);
		s->last_update_why = outbox_why(s->last_update, NULL, NULL,
		    now);
	}
	if (s->incident_id > 0 && !remind_check(&s->inc, s->board, s->nboard,
	    now, s->remind, sizeof s->remind, s->remind_key,
	    sizeof s->remind_key))
		s->remind[0] = s->remind_key[0] = '\0';
	return 0;
}

void
snapshot_clear(struct snapshot *s)
{
	int i;

	timeline_clear_items(s->pins, s->npins);
	incident_clear(&s->inc);
	board_free(s->board, s->nboard);
	for (i = 0; i < s->nseries; i++) {
		series_clear(&s->series[i].s);
		free(s->series[i].samples);
		free(s->series[i].range);
	}
	series_clear(&s->dseries.s);
	free(s->dseries.samples);
	free(s->dseries.range);
	free(s->series);
	free(s->markers);
	for (i = 0; i < s->npending; i++) {
		free(s->pending[i].text);
		free(s->pending[i].from);
	}
	free(s->pending);
	release_list_free(s->releases, s->nreleases);
	if (s->last_update != NULL)
		outbox_list_free(s->last_update, 1);
	free(s->last_update_why);
	outbox_list_free(s->failed, s->nfailed);
	alert_list_free(s->alerts, s->nalerts);
	*s = (struct snapshot){0};
}

const struct sample *
snapshot_latest(const struct snap_series *ss)
{
	return ss->has_last ? &ss->last : NULL;
}

int
snapshot_quiet_setting(const struct config *cf, int64_t *out, char *err)
{
	const char *v = config_get(cf, "tui", "recovery_quiet");
	int64_t n;

	*out = SNAPSHOT_QUIET_DEFAULT;
	if (v == NULL)
		return 0;
	if (time_dur_parse(v, &n) != 0 || n < 1 || n > 86400) {
		err_set(err, "[tui] recovery_quiet = '%.30s' is not a duration "
		    "between 1s and 24h (like 90s, 5m, 1h)", v);
		return -1;
	}
	*out = n;
	return 0;
}

int
snapshot_series_stale(const struct snap_series *ss, int64_t now)
{
	const struct sample *l = snapshot_latest(ss);
	int every = ss->s.interval > 0 ? ss->s.interval : 15;

	/* Three missed polls, and never less than a minute. */
	return l != NULL && now - l->t > (every * 3 > 60 ? every * 3 : 60);
}

int
snapshot_changed(struct store *st)
{
	return store_changed(st);
}

int
snapshot_read_begin(struct store *st)
{
	return store_read_begin(st);
}

void
snapshot_read_end(struct store *st)
{
	store_read_end(st);
}

int
snapshot_watch_fd(struct store *st)
{
	return store_watch_fd(st);
}

int
snapshot_watch_drain(struct store *st)
{
	return store_watch_drain(st);
}

_Static_assert(SNAPSHOT_WATCH_DB == STORE_WATCH_DB &&
    SNAPSHOT_WATCH_PRESENCE == STORE_WATCH_PRESENCE &&
    SNAPSHOT_WATCH_WRITE == STORE_WATCH_WRITE, "the watch's bits");

int
snapshot_watch_presence(struct store *st)
{
	return store_watch_presence(st);
}

int
snapshot_watch_ok(const struct store *st)
{
	return store_watch_ok(st);
}

int
snapshot_live(const struct store *st)
{
	return store_live(st);
}

int
snapshot_settle(struct store *st)
{
	return store_settle(st);
}

int
snapshot_readonly(const struct store *st)
{
	return store_readonly(st);
}

void
snapshot_write_timeout(struct store *st, int ms)
{
	store_set_busy_timeout(st, ms);
}
