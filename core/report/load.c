/* load.c: everything a postmortem holds, read from the store in one read
 * transaction into struct pm (export_data.h). */
#include "report/export.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/action.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "model/timeline_row.h"
#include "report/export_data.h"
#include "report/fields.h"
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

/* Fill rec from the columns col0, col0 + 1 ... of a row, one a field of
 * its table (fields.h), in order. */
static void
export_row(sqlite3_stmt *s, int col0, const struct field *f, void *rec)
{
	int i = col0;

	for (; f->key != NULL; f++) {
		void *v = (char *)rec + f->off;

		switch (f->type) {
		case FT_ID:
		case FT_REF:
		case FT_TIME:
		case FT_DUR:
			*(int64_t *)v = sqlite3_column_int64(s, i);
			break;
		case FT_INT:
		case FT_BOOL:
			*(int *)v = sqlite3_column_int(s, i);
			break;
		case FT_ENUM:
			*(int *)v = enum_parse(f->names, f->nnames,
			    (const char *)sqlite3_column_text(s, i));
			if (*(int *)v < 0)
				*(int *)v = f->dflt;
			break;
		case FT_STR:
		case FT_ENUM_STR:
			*(char **)v = f->flags & FIELD_NULLABLE ?
			    store_col_text(s, i) : store_col_str(s, i);
			break;
		case FT_NUM:
			*(double *)v = sqlite3_column_double(s, i);
			break;
		case FT_TOMB:
		case FT_ORIGIN:
		case FT_ROUTINE:
			continue; /* no column */
		}
		i++;
	}
}

/* The rows of sql (?1 the incident) in a new array of records of size,
 * filled by export_row from column col0 and then by extra (NULL: none)
 * with the row. The caller keeps and frees the array even when *rc is -1;
 * *n counts its records. */
static void *
export_rows(struct store *st, const char *sql, int64_t inc, int col0,
    const struct field *f, size_t size,
    void (*extra)(sqlite3_stmt *s, void *rec), int *n, int *rc)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	char *recs = NULL;
	int cap = 0, r;

	*n = 0;
	sqlite3_bind_int64(s, 1, inc);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		char *rec;

		recs = export_grow(recs, *n, &cap, size);
		rec = recs + (size_t)(*n)++ * size;
		memset(rec, 0, size);
		export_row(s, col0, f, rec);
		if (extra != NULL)
			extra(s, rec);
	}
	store_done(s);
	*rc = r == SQLITE_DONE ? 0 : -1;
	return recs;
}

static int
export_load_entries(struct store *st, struct pm *pm, char *err)
{
	static const char sql[] = ENTRY_COLUMNS "WHERE incident_id = ?1 "
	    "ORDER BY event_time, id";
	/* An old version in the columns of ENTRY_COLUMNS: id is the entry's,
	 * edited and edited_by when and by whom it was replaced. */
	static const char hsql[] = "SELECT h.entry_id, e.incident_id, "
	    "h.event_time, 0, h.author, h.kind, h.text, h.source, "
	    "h.confidence, h.version, h.deleted <> 0, h.changed, "
	    "h.changed_by, h.tomb_at, h.tomb_by, h.tomb_reason, 0, NULL "
	    "FROM entry_history h JOIN "
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
		pm->hist = export_grow(pm->hist, pm->nhist, &cap,
		    sizeof *pm->hist);
		pm->hist[pm->nhist] = (struct entry){0};
		timeline_entry_row(s, &pm->hist[pm->nhist++]);
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_err(st, "reading timeline", err);
	return -1;
}

static void
export_responder_id(sqlite3_stmt *s, void *rec)
{
	((struct responder *)rec)->id = sqlite3_column_int64(s, 0);
}

static void
export_assignment_responder(sqlite3_stmt *s, void *rec)
{
	((struct assignment *)rec)->responder_id = sqlite3_column_int64(s, 7);
}

static int
export_load_board(struct store *st, struct pm *pm, char *err)
{
	static const char rsql[] = "SELECT id, name, role, state, joined, "
	    "last_checkin FROM responder WHERE incident_id = ?1 "
	    "ORDER BY joined, id";
	static const char asql[] = "SELECT a.id, r.name, a.purpose, a.task, "
	    "a.state, a.created, a.updated, a.responder_id FROM assignment a "
	    "JOIN responder r ON r.id = a.responder_id WHERE "
	    "a.incident_id = ?1 ORDER BY a.created, a.id";
	int rc;

	pm->resp = export_rows(st, rsql, pm->inc.id, 1, field_responder,
	    sizeof *pm->resp, export_responder_id, &pm->nresp, &rc);
	if (rc == 0)
		pm->asg = export_rows(st, asql, pm->inc.id, 0, field_assignment,
		    sizeof *pm->asg, export_assignment_responder, &pm->nasg,
		    &rc);
	if (rc != 0)
		store_err(st, "reading board", err);
	return rc;
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
	pm->rel = export_rows(st, rsql, pm->inc.id, 0, field_release,
	    sizeof *pm->rel, NULL, &pm->nrel, &rc);
	if (rc != 0)
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
	int rc;

	pm->upd = export_rows(st, sql, pm->inc.id, 0, field_update,
	    sizeof *pm->upd, NULL, &pm->nupd, &rc);
	if (rc != 0)
		store_err(st, "reading status updates", err);
	return rc;
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
	for (i = 0; i < pm->nrel; i++)
		field_free(field_release, &pm->rel[i]);
	free(pm->rel);
	for (i = 0; i < pm->nupd; i++)
		field_free(field_update, &pm->upd[i]);
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
