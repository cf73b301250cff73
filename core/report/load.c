/* load.c: everything a postmortem holds, read from the store in one read
 * transaction into struct pm (export_data.h). */
#include "report/export.h"

#include <stdlib.h>

#include "base/util.h"
#include "model/action.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "model/timeline_row.h"
#include "report/export_data.h"
#include "store/store.h"

/* Grow an array of elements of size sz to hold one more. */
static void *
export_grow(void *p, int n, int *cap, size_t sz)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	return xreallocarray(p, (size_t)*cap, sz);
}

static int
export_load_entries(struct store *st, struct pm *pm, char *err)
{
	static const char sql[] = ENTRY_COLUMNS "WHERE incident_id = ?1 "
	    "ORDER BY event_time, id";
	static const char hsql[] = "SELECT h.entry_id, h.version, "
	    "h.event_time, h.author, h.kind, h.text, h.source, h.confidence, "
	    "h.deleted, h.changed, h.changed_by, h.tomb_at, h.tomb_by, "
	    "h.tomb_reason FROM entry_history h JOIN "
	    "entry e ON e.id = h.entry_id WHERE e.incident_id = ?1 "
	    "ORDER BY h.entry_id, h.version";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, cap = 0;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pm->tl = export_grow(pm->tl, pm->ntl, &cap, sizeof *pm->tl);
		pm->tl[pm->ntl] = (struct entry){0};
		timeline_entry_row(s, &pm->tl[pm->ntl++]);
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	s = store_stmt(st, hsql);
	cap = 0;
	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct entry *h;

		pm->hist = export_grow(pm->hist, pm->nhist, &cap,
		    sizeof *pm->hist);
		h = &pm->hist[pm->nhist++];
		*h = (struct entry){0};
		h->id = sqlite3_column_int64(s, 0);
		h->version = sqlite3_column_int(s, 1);
		h->event_time = sqlite3_column_int64(s, 2);
		h->author = store_col_str(s, 3);
		h->kind = enum_parse(kind_names, KIND_COUNT,
		    (const char *)sqlite3_column_text(s, 4));
		h->text = store_col_str(s, 5);
		h->source = store_col_str(s, 6);
		h->confidence = enum_parse(confidence_names, CONF_COUNT,
		    (const char *)sqlite3_column_text(s, 7));
		h->deleted = sqlite3_column_int(s, 8) != 0;
		h->edited = sqlite3_column_int64(s, 9);
		h->edited_by = store_col_str(s, 10);
		h->tomb_at = sqlite3_column_int64(s, 11);
		h->tomb_by = store_col_text(s, 12);
		h->tomb_reason = store_col_text(s, 13);
		if (h->kind < 0)
			h->kind = KIND_NOTE;
		if (h->confidence < 0)
			h->confidence = CONF_UNVERIFIED;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_err(st, "reading timeline", err);
	return -1;
}

static int
export_load_board(struct store *st, struct pm *pm, char *err)
{
	static const char rsql[] = "SELECT id, name, role, state, joined, "
	    "last_checkin FROM responder WHERE incident_id = ?1 "
	    "ORDER BY joined, id";
	static const char asql[] = "SELECT a.id, a.responder_id, r.name, "
	    "a.purpose, a.task, a.state, a.created, a.updated FROM assignment a "
	    "JOIN responder r ON r.id = a.responder_id WHERE "
	    "a.incident_id = ?1 ORDER BY a.created, a.id";
	sqlite3_stmt *s = store_stmt(st, rsql);
	int rc, cap = 0;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct responder *r;

		pm->resp = export_grow(pm->resp, pm->nresp, &cap,
		    sizeof *pm->resp);
		r = &pm->resp[pm->nresp++];
		*r = (struct responder){0};
		r->id = sqlite3_column_int64(s, 0);
		r->name = store_col_str(s, 1);
		r->role = enum_parse(role_names, ROLE_COUNT,
		    (const char *)sqlite3_column_text(s, 2));
		r->state = enum_parse(rstate_names, RSTATE_COUNT,
		    (const char *)sqlite3_column_text(s, 3));
		r->joined = sqlite3_column_int64(s, 4);
		r->last_checkin = sqlite3_column_int64(s, 5);
		if (r->role < 0)
			r->role = ROLE_RESPONDER;
		if (r->state < 0)
			r->state = RSTATE_IDLE;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	s = store_stmt(st, asql);
	cap = 0;
	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct assignment *a;

		pm->asg = export_grow(pm->asg, pm->nasg, &cap, sizeof *pm->asg);
		a = &pm->asg[pm->nasg++];
		*a = (struct assignment){0};
		a->id = sqlite3_column_int64(s, 0);
		a->responder_id = sqlite3_column_int64(s, 1);
		a->name = store_col_str(s, 2);
		a->purpose = store_col_str(s, 3);
		a->task = store_col_str(s, 4);
		a->state = enum_parse(astate_names, ASTATE_COUNT,
		    (const char *)sqlite3_column_text(s, 5));
		a->created = sqlite3_column_int64(s, 6);
		a->updated = sqlite3_column_int64(s, 7);
		if (a->state < 0)
			a->state = ASTATE_DROPPED;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_err(st, "reading board", err);
	return -1;
}

/* Decisions through decision.h's loader (the checklist and release read as
 * everywhere else), every one of them: a deleted entry's too, in time order. */
static int
export_load_decisions(struct store *st, struct pm *pm, char *err)
{
	static const char dsql[] = "SELECT d.id FROM decision d JOIN entry e "
	    "ON e.id = d.entry_id WHERE d.incident_id = ?1 "
	    "ORDER BY e.event_time, d.id";
	/* The releases of the incident's window, and any older one a
	 * decision rolls back; an entry id only when the entry is this
	 * incident's. */
	static const char rsql[] = "SELECT r.id, CASE WHEN r.incident_id = "
	    "i.id THEN r.entry_id END, r.kind, r.name, r.value, "
	    "r.rollback_safe, r.at, r.link, r.author, "
	    "r.at < i.detected AND r.at >= i.detected - i.change_window "
	    "FROM release r JOIN incident i ON i.id = ?1 "
	    "WHERE (r.at >= i.detected - i.change_window AND (i.resolved IS "
	    "NULL OR r.at <= i.resolved)) OR r.id IN (SELECT release_id FROM "
	    "decision WHERE incident_id = ?1) ORDER BY r.at, r.id";
	sqlite3_stmt *s = store_stmt(st, dsql);
	int64_t *ids = NULL;
	int rc, cap = 0, n = 0, i;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ids = export_grow(ids, n, &cap, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		goto fail;
	}
	pm->dec = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->dec);
	for (i = 0; i < n; i++) {
		if (decision_get(st, ids[i], &pm->dec[i], err) != 0) {
			free(ids);
			return -1;
		}
		pm->ndec++;
	}
	free(ids);
	s = store_stmt(st, rsql);
	cap = 0;
	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_release *r;

		pm->rel = export_grow(pm->rel, pm->nrel, &cap, sizeof *pm->rel);
		r = &pm->rel[pm->nrel++];
		*r = (struct pm_release){0};
		r->id = sqlite3_column_int64(s, 0);
		r->entry_id = sqlite3_column_int64(s, 1);
		r->kind = store_col_str(s, 2);
		r->name = store_col_str(s, 3);
		r->value = store_col_text(s, 4);
		r->rollback_safe = store_col_str(s, 5);
		r->at = sqlite3_column_int64(s, 6);
		r->link = store_col_text(s, 7);
		r->author = store_col_str(s, 8);
		r->before = sqlite3_column_int(s, 9);
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_err(st, "reading decisions and releases", err);
	return -1;
}

static int
export_load_updates(struct store *st, struct pm *pm, char *err)
{
	static const char sql[] = "SELECT id, entry_id, audience, phase, "
	    "heading, body, author, created, state, attempts, next_attempt, "
	    "sent_at, last_error, dropped_at, dropped_by FROM status_update "
	    "WHERE incident_id = ?1 "
	    "ORDER BY created, id";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, cap = 0;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_update *u;

		pm->upd = export_grow(pm->upd, pm->nupd, &cap, sizeof *pm->upd);
		u = &pm->upd[pm->nupd++];
		*u = (struct pm_update){0};
		u->id = sqlite3_column_int64(s, 0);
		u->entry_id = sqlite3_column_int64(s, 1);
		u->audience = store_col_str(s, 2);
		u->phase = store_col_str(s, 3);
		u->heading = store_col_str(s, 4);
		u->body = store_col_str(s, 5);
		u->author = store_col_str(s, 6);
		u->created = sqlite3_column_int64(s, 7);
		u->state = store_col_str(s, 8);
		u->attempts = sqlite3_column_int(s, 9);
		u->next_attempt = sqlite3_column_int64(s, 10);
		u->sent_at = sqlite3_column_int64(s, 11);
		u->last_error = store_col_text(s, 12);
		u->dropped_at = sqlite3_column_int64(s, 13);
		u->dropped_by = store_col_text(s, 14);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading status updates", err);
		return -1;
	}
	return 0;
}

/* The window of metrics shown: from a margin before the first thing known
 * to the resolution (plus the margin), or to now while unresolved. */
static void
export_window(struct pm *pm, int64_t now)
{
	int64_t start = pm->inc.detected;
	int i;

	for (i = 0; i < pm->ntl; i++)
		if (!pm->tl[i].deleted && pm->tl[i].event_time < start)
			start = pm->tl[i].event_time;
	pm->w0 = start - EXPORT_WINDOW_BEFORE;
	pm->w1 = pm->inc.resolved > 0 ? pm->inc.resolved + EXPORT_WINDOW_BEFORE
	    : now;
	if (pm->w1 < pm->w0)
		pm->w1 = pm->w0;
}

static int
export_load_series(struct store *st, struct pm *pm, char *err)
{
	struct series *list;
	int n, i;

	if (metrics_series_list(st, &list, &n, err) != 0)
		return -1;
	pm->ser = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->ser);
	for (i = 0; i < n; i++) {
		struct pm_series *ps = &pm->ser[pm->nser];

		if (metrics_samples(st, list[i].id, pm->w0, pm->w1, &ps->v,
		    &ps->nv, err) != 0) {
			metrics_series_free(list, n);
			return -1;
		}
		if (ps->nv == 0) {
			free(ps->v);
			ps->v = NULL;
			series_clear(&list[i]);
			continue;
		}
		ps->s = list[i];
		list[i] = (struct series){0};
		pm->nser++;
	}
	metrics_series_free(list, n);
	return 0;
}

void
export_free(struct pm *pm)
{
	int i;

	incident_clear(&pm->inc);
	for (i = 0; i < pm->ntl; i++)
		entry_clear(&pm->tl[i]);
	free(pm->tl);
	for (i = 0; i < pm->nhist; i++)
		entry_clear(&pm->hist[i]);
	free(pm->hist);
	phase_history_free(pm->ph, pm->nph);
	for (i = 0; i < pm->nresp; i++)
		responder_clear(&pm->resp[i]);
	free(pm->resp);
	for (i = 0; i < pm->nasg; i++)
		assignment_clear(&pm->asg[i]);
	free(pm->asg);
	decision_list_free(pm->dec, pm->ndec);
	for (i = 0; i < pm->nrel; i++) {
		free(pm->rel[i].kind);
		free(pm->rel[i].name);
		free(pm->rel[i].value);
		free(pm->rel[i].rollback_safe);
		free(pm->rel[i].link);
		free(pm->rel[i].author);
	}
	free(pm->rel);
	for (i = 0; i < pm->nupd; i++) {
		free(pm->upd[i].audience);
		free(pm->upd[i].phase);
		free(pm->upd[i].heading);
		free(pm->upd[i].body);
		free(pm->upd[i].author);
		free(pm->upd[i].state);
		free(pm->upd[i].last_error);
		free(pm->upd[i].dropped_by);
	}
	free(pm->upd);
	for (i = 0; i < pm->nser; i++) {
		series_clear(&pm->ser[i].s);
		free(pm->ser[i].v);
	}
	free(pm->ser);
	action_list_free(pm->act, pm->nact);
	authority_history_free(pm->roles, pm->nroles);
	*pm = (struct pm){0};
}

int
export_load(struct store *st, int64_t inc, int64_t now, struct pm *pm,
    char *err)
{
	/* One read transaction: the document is one consistent snapshot. */
	sqlite3_stmt *b = store_stmt(st, "BEGIN DEFERRED");
	int rc = -1;

	*pm = (struct pm){0};
	if (sqlite3_step(b) != SQLITE_DONE) {
		store_err(st, "reading", err);
		store_done(b);
		return -1;
	}
	store_done(b);
	if (incident_load(st, inc, &pm->inc, err) != 0 ||
	    export_load_entries(st, pm, err) != 0 ||
	    export_load_board(st, pm, err) != 0 ||
	    authority_history(st, inc, &pm->roles, &pm->nroles, err) != 0 ||
	    export_load_decisions(st, pm, err) != 0 ||
	    export_load_updates(st, pm, err) != 0)
		goto out;
	export_window(pm, now);
	if (export_load_series(st, pm, err) != 0 ||
	    action_list(st, inc, -1, &pm->act, &pm->nact, err) != 0)
		goto out;
	if (phase_history_list(st, &pm->inc, &pm->ph, &pm->nph, err) != 0)
		goto out;
	export_keytimes_compute(&pm->inc, pm->tl, pm->ntl, pm->ph, pm->nph,
	    &pm->kt);
	rc = 0;
out:
	b = store_stmt(st, "COMMIT");
	sqlite3_step(b);
	store_done(b);
	if (rc != 0)
		export_free(pm);
	return rc;
}

int
export_keytimes(struct store *st, int64_t inc, struct keytimes *kt,
    char *err)
{
	struct pm pm;

	if (export_load(st, inc, wr_now(), &pm, err) != 0)
		return -1;
	*kt = pm.kt;
	export_free(&pm);
	return 0;
}
