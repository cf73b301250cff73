/* snapshot.c: load what the screen shows of one incident in one go, so the
 * panes draw plain structs and never query while drawing. */
#include "snapshot.h"

#include <stdlib.h>

#include "board.h"
#include "incident.h"
#include "metrics.h"
#include "outbox.h"
#include "store.h"
#include "timeline.h"
#include "util.h"

static int
snapshot_markers(struct store *st, struct snapshot *s, char *err)
{
	static const char sql[] = "SELECT event_time, kind FROM entry "
	    "WHERE incident_id = ?1 AND deleted = 0 "
	    "AND kind IN ('phase', 'decision', 'release') "
	    "AND event_time BETWEEN ?2 AND ?3 "
	    "ORDER BY event_time DESC, id DESC LIMIT ?4";
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc, i;

	s->markers = xcalloc(SNAPSHOT_MARKERS_MAX, sizeof *s->markers);
	sqlite3_bind_int64(q, 1, s->incident_id);
	sqlite3_bind_int64(q, 2, s->now - SNAPSHOT_METRIC_WINDOW);
	sqlite3_bind_int64(q, 3, s->now);
	sqlite3_bind_int(q, 4, SNAPSHOT_MARKERS_MAX);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW &&
	    s->nmarkers < SNAPSHOT_MARKERS_MAX) {
		struct snap_marker *m = &s->markers[s->nmarkers++];

		m->t = sqlite3_column_int64(q, 0);
		m->kind = enum_parse(kind_names, KIND_COUNT,
		    (const char *)sqlite3_column_text(q, 1));
	}
	store_done(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_err(st, "reading markers", err);
		return -1;
	}
	for (i = 0; i < s->nmarkers / 2; i++) { /* oldest first */
		struct snap_marker tmp = s->markers[i];

		s->markers[i] = s->markers[s->nmarkers - 1 - i];
		s->markers[s->nmarkers - 1 - i] = tmp;
	}
	return 0;
}

static int
snapshot_pending(struct store *st, struct snapshot *s, char *err)
{
	static const char sql[] = "SELECT e.id, e.text, d.signoff_from, d.id "
	    "FROM decision d JOIN entry e ON e.id = d.entry_id "
	    "WHERE d.incident_id = ?1 AND d.signoff_state = 'pending' "
	    "AND e.deleted = 0 ORDER BY e.event_time, e.id LIMIT ?2";
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc;

	s->pending = xcalloc(SNAPSHOT_PENDING_MAX, sizeof *s->pending);
	sqlite3_bind_int64(q, 1, s->incident_id);
	sqlite3_bind_int(q, 2, SNAPSHOT_PENDING_MAX);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW &&
	    s->npending < SNAPSHOT_PENDING_MAX) {
		struct snap_pending *p = &s->pending[s->npending++];

		p->entry_id = sqlite3_column_int64(q, 0);
		p->text = store_col_str(q, 1);
		p->from = store_col_str(q, 2);
		p->decision_id = sqlite3_column_int64(q, 3);
	}
	store_done(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_err(st, "reading decisions", err);
		return -1;
	}
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
	return 0;
}

static int
snapshot_series(struct store *st, struct snapshot *s, char *err)
{
	struct series *list;
	int n, i;

	if (metrics_series_list(st, &list, &n, err) != 0)
		return -1;
	s->series = xcalloc((size_t)(n > 0 ? n : 1), sizeof *s->series);
	s->nseries = n;
	for (i = 0; i < n; i++)
		s->series[i].s = list[i]; /* the items now belong to s */
	free(list);
	for (i = 0; i < n; i++) {
		struct snap_series *ss = &s->series[i];

		if (metrics_samples(st, ss->s.id, s->now -
		    SNAPSHOT_METRIC_WINDOW, s->now, &ss->samples,
		    &ss->nsamples, err) != 0)
			return -1;
	}
	return 0;
}

int
snapshot_load(struct store *st, int64_t incident, int64_t now,
    struct snapshot *out, char *err)
{
	struct snapshot *s = out;

	*s = (struct snapshot){0};
	s->now = now;
	s->incident_id = incident;
	if (snapshot_series(st, s, err) != 0)
		goto fail;
	if (incident <= 0)
		return 0;
	if (incident_load(st, incident, &s->inc, err) != 0)
		goto fail;
	if (board_load(st, incident, now, s->inc.checkin_interval, &s->board,
	    &s->nboard, err) != 0)
		goto fail;
	if (snapshot_markers(st, s, err) != 0 ||
	    snapshot_pending(st, s, err) != 0)
		goto fail;
	s->tl_total = timeline_count(st, incident, NULL);
	if (s->tl_total < 0) {
		store_err(st, "counting the timeline", err);
		goto fail;
	}
	/* The same rule `warroom status` uses. */
	s->next_update = outbox_due(&s->inc);
	if (snapshot_phase_extra(st, s, err) != 0)
		goto fail;
	return 0;
fail:
	snapshot_clear(s);
	return -1;
}

void
snapshot_clear(struct snapshot *s)
{
	int i;

	incident_clear(&s->inc);
	board_free(s->board, s->nboard);
	for (i = 0; i < s->nseries; i++) {
		series_clear(&s->series[i].s);
		free(s->series[i].samples);
	}
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
	*s = (struct snapshot){0};
}

const struct sample *
snapshot_latest(const struct snap_series *ss)
{
	return ss->nsamples > 0 ? &ss->samples[ss->nsamples - 1] : NULL;
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
snapshot_watch_fd(struct store *st)
{
	return store_watch_fd(st);
}

void
snapshot_watch_drain(struct store *st)
{
	store_watch_drain(st);
}

int
snapshot_readonly(const struct store *st)
{
	return store_readonly(st);
}
