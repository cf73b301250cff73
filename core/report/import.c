/* import.c: writing a checked document (import_check.c) to the database
 * as a new incident, in one transaction, and reading the file. */
#include "report/import.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "report/export_data.h"
#include "report/fields.h"
#include "store/store.h"
#include "model/timeline.h"
#include "base/text.h"
#include "base/util.h"

/* Old entry id -> new entry id, sorted by old. */
struct id_map {
	int64_t old, new;
};

static int
id_map_cmp(const void *a, const void *b)
{
	const struct id_map *x = a, *y = b;

	return x->old < y->old ? -1 : x->old > y->old;
}

static int64_t
id_map_get(const struct id_map *m, int n, int64_t old)
{
	struct id_map key = {old, 0};
	const struct id_map *r;

	if (old == 0)
		return 0;
	r = bsearch(&key, m, (size_t)n, sizeof *m, id_map_cmp);
	return r ? r->new : 0;
}

static void
bind_time(sqlite3_stmt *s, int i, int64_t t)
{
	if (t > 0)
		sqlite3_bind_int64(s, i, t);
	else
		sqlite3_bind_null(s, i);
}

static int
iw_incident(struct store *st, const struct incident *i, int64_t *id,
    char *err)
{
	static const char sql[] = "INSERT INTO incident (title, severity, "
	    "phase, commander, created, detected, recovered, resolved, "
	    "phase_since, impact, impact_scope, comms, checkin_interval, "
	    "update_interval, last_update, users_told, users_updated, "
	    "recovery_told, snooze_until, began, change_window, imported) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, 1)";
	sqlite3_stmt *s = store_stmt(st, sql);

	store_bind_text(s, 1, i->title);
	sqlite3_bind_text(s, 2, severity_names[i->severity], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, phase_names[i->phase], -1, SQLITE_STATIC);
	store_bind_text(s, 4, i->commander);
	sqlite3_bind_int64(s, 5, i->created);
	sqlite3_bind_int64(s, 6, i->detected);
	bind_time(s, 7, i->recovered);
	bind_time(s, 8, i->resolved);
	sqlite3_bind_int64(s, 9, i->phase_since);
	sqlite3_bind_text(s, 10, impact_names[i->impact], -1, SQLITE_STATIC);
	store_bind_text(s, 11, i->impact_scope);
	sqlite3_bind_text(s, 12, comms_names[i->comms], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 13, i->checkin_interval);
	sqlite3_bind_int(s, 14, i->update_interval);
	bind_time(s, 15, i->last_update);
	bind_time(s, 16, i->users_told);
	bind_time(s, 17, i->users_updated);
	bind_time(s, 18, i->recovery_told);
	bind_time(s, 19, i->snooze_until);
	bind_time(s, 20, i->began);
	sqlite3_bind_int64(s, 21, i->change_window);
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

static int
iw_board(struct store *st, int64_t inc, const struct pm *pm, char *err)
{
	static const char rsql[] = "INSERT INTO responder (incident_id, name, "
	    "role, state, joined, last_checkin) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char asql[] = "INSERT INTO assignment (incident_id, "
	    "responder_id, purpose, task, state, created, updated) SELECT ?1, "
	    "id, ?3, ?4, ?5, ?6, ?7 FROM responder WHERE incident_id = ?1 AND "
	    "name = ?2";
	sqlite3_stmt *s;
	int i;

	for (i = 0; i < pm->nresp; i++) {
		const struct responder *r = &pm->resp[i];

		/* One commander: the one the incident names (an export
		 * from before that rule may hold two). */
		int role = r->role == ROLE_COMMANDER && (pm->inc.commander ==
		    NULL || strcmp(pm->inc.commander, r->name) != 0) ?
		    ROLE_RESPONDER : r->role;

		s = store_stmt(st, rsql);
		sqlite3_bind_int64(s, 1, inc);
		store_bind_text(s, 2, r->name);
		sqlite3_bind_text(s, 3, role_names[role], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, rstate_names[r->state], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, r->joined);
		sqlite3_bind_int64(s, 6, r->last_checkin);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
	}
	for (i = 0; i < pm->nasg; i++) {
		const struct assignment *a = &pm->asg[i];

		s = store_stmt(st, asql);
		sqlite3_bind_int64(s, 1, inc);
		store_bind_text(s, 2, a->name);
		store_bind_text(s, 3, a->purpose);
		store_bind_text(s, 4, a->task);
		sqlite3_bind_text(s, 5, astate_names[a->state], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, a->created);
		sqlite3_bind_int64(s, 7, a->updated);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
	}
	return 0;
}

/* The columns an entry and its old versions share, at the same
 * parameters in both statements (?2 to ?15; ?3, recorded, only in entry). */
static void
iw_bind_entry(sqlite3_stmt *s, const struct entry *e)
{
	sqlite3_bind_int64(s, 2, e->event_time);
	sqlite3_bind_int64(s, 3, e->recorded);
	store_bind_text(s, 4, e->author);
	sqlite3_bind_text(s, 5, kind_names[e->kind], -1, SQLITE_STATIC);
	store_bind_text(s, 6, e->text);
	store_bind_text(s, 7, e->source);
	sqlite3_bind_text(s, 8, confidence_names[e->confidence], -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(s, 9, e->version);
	sqlite3_bind_int(s, 10, e->deleted);
	bind_time(s, 11, e->edited);
	store_bind_text(s, 12, e->edited_by);
	sqlite3_bind_int64(s, 13, e->tomb_at);
	store_bind_text(s, 14, e->tomb_by);
	store_bind_text(s, 15, e->tomb_reason);
}

/* An entry's routine mark in entry_routine, as writing it marked it. */
static int
iw_routine(struct store *st, int64_t id, const struct entry *e, char *err)
{
	static const char sql[] = "INSERT INTO entry_routine (entry_id, "
	    "routine, who) VALUES (?1, ?2, ?3)";
	const char *mark = field_routine_name(e->routine);
	sqlite3_stmt *s;

	if (mark == NULL)
		return 0;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, mark, -1, SQLITE_STATIC);
	store_bind_text(s, 3, e->routine_who ? e->routine_who : "");
	return store_exec_stmt(st, s, err);
}

/* A pinned entry's pin in pin_log too, as pinning it would have. */
static int
iw_pin_log(struct store *st, int64_t id, const struct entry *e, char *err)
{
	static const char sql[] = "INSERT INTO pin_log (entry_id, pinned, at, "
	    "by) VALUES (?1, 1, ?2, ?3)";
	sqlite3_stmt *s;

	if (e->pinned_at <= 0)
		return 0;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, e->pinned_at);
	store_bind_text(s, 3, e->pinned_by ? e->pinned_by : "?");
	return store_exec_stmt(st, s, err);
}

static int
iw_timeline(struct store *st, int64_t inc, const struct pm *pm,
    struct id_map *map, char *err)
{
	static const char esql[] = "INSERT INTO entry (incident_id, "
	    "event_time, recorded, author, kind, text, source, confidence, "
	    "version, deleted, edited, edited_by, tomb_at, tomb_by, "
	    "tomb_reason, pinned_at, pinned_by) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
	    "coalesce(?16, 0), ?17)";
	/* edited and edited_by of an old version: when and by whom it was
	 * replaced. */
	static const char hsql[] = "INSERT INTO entry_history (entry_id, "
	    "version, event_time, author, kind, text, source, confidence, "
	    "deleted, changed, changed_by, tomb_at, tomb_by, tomb_reason) "
	    "VALUES (?1, ?9, ?2, ?4, ?5, ?6, ?7, ?8, ?10, ?11, ?12, ?13, ?14, "
	    "?15)";
	sqlite3_stmt *s;
	int i;

	for (i = 0; i < pm->ntl; i++) {
		s = store_stmt(st, esql);
		sqlite3_bind_int64(s, 1, inc);
		iw_bind_entry(s, &pm->tl[i]);
		bind_time(s, 16, pm->tl[i].pinned_at);
		store_bind_text(s, 17, pm->tl[i].pinned_at > 0 ?
		    pm->tl[i].pinned_by : NULL);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
		map[i].old = pm->tl[i].id;
		map[i].new = sqlite3_last_insert_rowid(store_db(st));
		if (iw_pin_log(st, map[i].new, &pm->tl[i], err) != 0 ||
		    iw_routine(st, map[i].new, &pm->tl[i], err) != 0)
			return -1;
	}
	qsort(map, (size_t)pm->ntl, sizeof *map, id_map_cmp);
	for (i = 0; i < pm->nhist; i++) {
		s = store_stmt(st, hsql);
		sqlite3_bind_int64(s, 1, id_map_get(map, pm->ntl,
		    pm->hist[i].id));
		iw_bind_entry(s, &pm->hist[i]);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
	}
	return 0;
}

static void
bind_ref(sqlite3_stmt *s, int i, const struct id_map *m, int n, int64_t old)
{
	int64_t id = id_map_get(m, n, old);

	if (id > 0)
		sqlite3_bind_int64(s, i, id);
	else
		sqlite3_bind_null(s, i);
}

/* The checklist as the decision table keeps it (decision.c writes the
 * same): {"name","title","answers":[{"q","a","note"}]}, no note when none.
 * Caller frees; NULL when there is none. */
static char *
iw_checklist_json(const struct decision *d)
{
	cJSON *o, *arr;
	char *p, *copy;
	int i;

	if (d->checklist_name == NULL)
		return NULL;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", d->checklist_name);
	cJSON_AddStringToObject(o, "title", d->checklist_title);
	arr = cJSON_AddArrayToObject(o, "answers");
	for (i = 0; i < d->nanswers; i++) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "q", d->answers[i].question);
		cJSON_AddStringToObject(x, "a",
		    answer_names[d->answers[i].answer]);
		if (d->answers[i].note != NULL)
			cJSON_AddStringToObject(x, "note", d->answers[i].note);
		cJSON_AddItemToArray(arr, x);
	}
	p = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (p == NULL)
		fatal("out of memory printing JSON");
	copy = xstrdup(p);
	cJSON_free(p);
	return copy;
}

/* A release is the service's: one already recorded alike (imported
 * before, or the export came from this file) is the same release, not a
 * second deploy. Else a new row, told to the imported incident when its
 * entry came along. Its id, or -1 with err. */
static int64_t
iw_release(struct store *st, int64_t inc, const struct id_map *map, int nmap,
    const struct pm_release *r, char *err)
{
	static const char fsql[] = "SELECT id FROM release WHERE kind = ?1 AND "
	    "name = ?2 AND value IS ?3 AND rollback_safe = ?4 AND at = ?5 AND "
	    "link IS ?6 LIMIT 1";
	static const char rsql[] = "INSERT INTO release (incident_id, "
	    "entry_id, kind, name, value, rollback_safe, at, link, author) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	int64_t eid = id_map_get(map, nmap, r->entry_id), id = 0;
	sqlite3_stmt *s = store_stmt(st, fsql);

	store_bind_text(s, 1, r->kind);
	store_bind_text(s, 2, r->name);
	store_bind_text(s, 3, r->value);
	store_bind_text(s, 4, r->rollback_safe);
	sqlite3_bind_int64(s, 5, r->at);
	store_bind_text(s, 6, r->link);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	store_done(s);
	if (id > 0)
		return id;
	s = store_stmt(st, rsql);
	if (eid > 0) {
		sqlite3_bind_int64(s, 1, inc);
		sqlite3_bind_int64(s, 2, eid);
	} else {
		sqlite3_bind_null(s, 1);
		sqlite3_bind_null(s, 2);
	}
	store_bind_text(s, 3, r->kind);
	store_bind_text(s, 4, r->name);
	store_bind_text(s, 5, r->value);
	store_bind_text(s, 6, r->rollback_safe);
	sqlite3_bind_int64(s, 7, r->at);
	store_bind_text(s, 8, r->link);
	store_bind_text(s, 9, r->author ? r->author : "?");
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	return sqlite3_last_insert_rowid(store_db(st));
}

/* Releases, then the decisions that may name them. */
static int
iw_decisions(struct store *st, int64_t inc, const struct pm *pm,
    const struct id_map *map, char *err)
{
	static const char dsql[] = "INSERT INTO decision (incident_id, "
	    "entry_id, text, reason, risk, signoff_from, signoff_state, "
	    "signed_by, signed_at, signoff_note, release_id, checklist, "
	    "override) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13)";
	struct id_map *rmap;
	sqlite3_stmt *s;
	int i, rc = -1;

	rmap = xcalloc((size_t)(pm->nrel > 0 ? pm->nrel : 1), sizeof *rmap);
	for (i = 0; i < pm->nrel; i++) {
		rmap[i].old = pm->rel[i].id;
		if ((rmap[i].new = iw_release(st, inc, map, pm->ntl,
		    &pm->rel[i], err)) < 0)
			goto out;
	}
	qsort(rmap, (size_t)pm->nrel, sizeof *rmap, id_map_cmp);
	for (i = 0; i < pm->ndec; i++) {
		const struct decision *d = &pm->dec[i];
		char *json = iw_checklist_json(d);
		int failed;

		s = store_stmt(st, dsql);
		sqlite3_bind_int64(s, 1, inc);
		bind_ref(s, 2, map, pm->ntl, d->entry_id);
		store_bind_text(s, 3, d->text);
		store_bind_text(s, 4, d->reason);
		store_bind_text(s, 5, d->risk);
		store_bind_text(s, 6, d->signoff_from);
		sqlite3_bind_text(s, 7, signoff_names[d->signoff], -1,
		    SQLITE_STATIC);
		store_bind_text(s, 8, d->signed_by);
		bind_time(s, 9, d->signed_at);
		store_bind_text(s, 10, d->signoff_note);
		bind_ref(s, 11, rmap, pm->nrel, d->release_id);
		store_bind_text(s, 12, json);
		store_bind_text(s, 13, d->override);
		failed = store_exec_stmt(st, s, err) != 0;
		free(json);
		if (failed)
			goto out;
	}
	rc = 0;
out:
	free(rmap);
	return rc;
}

static int
iw_updates(struct store *st, int64_t inc, const struct pm *pm,
    const struct id_map *map, char *err)
{
	static const char sql[] = "INSERT INTO status_update (incident_id, "
	    "entry_id, audience, phase, heading, body, author, created, state, "
	    "attempts, next_attempt, sent_at, last_error, dropped_at, "
	    "dropped_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13, ?14, ?15)";
	sqlite3_stmt *s;
	int i;

	for (i = 0; i < pm->nupd; i++) {
		const struct pm_update *u = &pm->upd[i];

		s = store_stmt(st, sql);
		sqlite3_bind_int64(s, 1, inc);
		bind_ref(s, 2, map, pm->ntl, u->entry_id);
		store_bind_text(s, 3, u->audience);
		store_bind_text(s, 4, u->phase);
		store_bind_text(s, 5, u->heading);
		store_bind_text(s, 6, u->body);
		store_bind_text(s, 7, u->author);
		sqlite3_bind_int64(s, 8, u->created);
		store_bind_text(s, 9, u->state);
		sqlite3_bind_int(s, 10, u->attempts);
		sqlite3_bind_int64(s, 11, u->next_attempt);
		bind_time(s, 12, u->sent_at);
		store_bind_text(s, 13, u->last_error);
		bind_time(s, 14, u->dropped_at);
		store_bind_text(s, 15, u->dropped_by);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
	}
	return 0;
}

static void
bind_double(sqlite3_stmt *s, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_double(s, i, v);
}

/* A series of the same name is the same metric: its samples join it and
 * its settings stay. A new one is created as exported. */
static int
iw_series(struct store *st, const struct pm *pm, char *err)
{
	static const char find[] = "SELECT id FROM series WHERE name = ?1";
	static const char add[] = "INSERT INTO series (name, source, query, "
	    "unit, warn, crit, interval) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char sample[] = "INSERT OR IGNORE INTO sample (series_id, "
	    "t, v) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s;
	int i, j, rc;

	for (i = 0; i < pm->nser; i++) {
		const struct pm_series *ps = &pm->ser[i];
		int64_t id = 0;

		s = store_stmt(st, find);
		store_bind_text(s, 1, ps->s.name);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		store_done(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			store_err(st, "reading series", err);
			return -1;
		}
		if (id == 0) {
			s = store_stmt(st, add);
			store_bind_text(s, 1, ps->s.name);
			sqlite3_bind_text(s, 2, source_names[ps->s.source], -1,
			    SQLITE_STATIC);
			store_bind_text(s, 3, ps->s.query);
			store_bind_text(s, 4, ps->s.unit);
			bind_double(s, 5, ps->s.warn);
			bind_double(s, 6, ps->s.crit);
			sqlite3_bind_int(s, 7, ps->s.interval);
			if (store_exec_stmt(st, s, err) != 0)
				return -1;
			id = sqlite3_last_insert_rowid(store_db(st));
		}
		for (j = 0; j < ps->nv; j++) {
			s = store_stmt(st, sample);
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int64(s, 2, ps->v[j].t);
			sqlite3_bind_double(s, 3, ps->v[j].v);
			if (store_exec_stmt(st, s, err) != 0)
				return -1;
		}
	}
	return 0;
}

/* Actions in the order of their old ids (the export lists them by
 * category), so the new ids keep the order in which they were written. */
static int
iw_action_cmp(const void *a, const void *b)
{
	const struct action *x = *(const struct action *const *)a;
	const struct action *y = *(const struct action *const *)b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int
iw_actions(struct store *st, int64_t inc, const struct pm *pm,
    const struct id_map *map, char *err)
{
	static const char sql[] = "INSERT INTO action (incident_id, category, "
	    "text, owner, due, done, entry_id, created) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8)";
	const struct action **order;
	sqlite3_stmt *s;
	int i;

	order = xcalloc((size_t)(pm->nact > 0 ? pm->nact : 1), sizeof *order);
	for (i = 0; i < pm->nact; i++)
		order[i] = &pm->act[i];
	qsort(order, (size_t)pm->nact, sizeof *order, iw_action_cmp);
	for (i = 0; i < pm->nact; i++) {
		const struct action *a = order[i];

		s = store_stmt(st, sql);
		sqlite3_bind_int64(s, 1, inc);
		sqlite3_bind_text(s, 2, category_names[a->category], -1,
		    SQLITE_STATIC);
		store_bind_text(s, 3, a->text);
		store_bind_text(s, 4, a->owner);
		bind_time(s, 5, a->due);
		sqlite3_bind_int(s, 6, a->done);
		bind_ref(s, 7, map, pm->ntl, a->entry_id);
		sqlite3_bind_int64(s, 8, a->created);
		if (store_exec_stmt(st, s, err) != 0) {
			free(order);
			return -1;
		}
	}
	free(order);
	return 0;
}

static int
iw_roles(struct store *st, int64_t inc, const struct pm *pm, char *err)
{
	static const char sql[] = "INSERT INTO role_change (incident_id, name, "
	    "old_role, new_role, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	int i;

	for (i = 0; i < pm->nroles; i++) {
		const struct role_change *r = &pm->roles[i];
		sqlite3_stmt *s = store_stmt(st, sql);

		sqlite3_bind_int64(s, 1, inc);
		store_bind_text(s, 2, r->name);
		store_bind_text(s, 3, r->old_role >= 0 ?
		    role_names[r->old_role] : NULL);
		sqlite3_bind_text(s, 4, role_names[r->new_role], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, r->at);
		store_bind_text(s, 6, r->by);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
	}
	return 0;
}

/* The phase named by the word at *p (up to a space, ':' or the end). */
static int
import_phase_word(const char **p)
{
	size_t n = strcspn(*p, " :");
	int i;

	for (i = 0; i < PHASE_COUNT; i++)
		if (strlen(phase_names[i]) == n &&
		    strncmp(phase_names[i], *p, n) == 0) {
			*p += n;
			return i;
		}
	return -1;
}

int
import_parse_phase(const char *text, int *from, int *to, int *note_at)
{
	const char *p = strchr(text, ' ');

	if (p == NULL)
		return -1;
	p++;
	if ((*from = import_phase_word(&p)) < 0 || strncmp(p, " -> ", 4) != 0)
		return -1;
	p += 4;
	if ((*to = import_phase_word(&p)) < 0)
		return -1;
	if (*p == '\0')
		*note_at = -1;
	else if (strncmp(p, ": ", 2) == 0)
		*note_at = (int)(p + 2 - text);
	else
		return -1;
	return 0;
}

/* The phase history of the imported incident, as rows: the document
 * tells it by its phase entries (the declaration, then each "FROM -> TO"
 * in time order), read here once, as the store's migration 9 read those of
 * older databases. */
static int
iw_phases(struct store *st, const struct incident *i, int64_t inc,
    char *err)
{
	static const char sql[] = "SELECT id, event_time, author, text FROM "
	    "entry WHERE incident_id = ?1 AND kind = 'phase' AND deleted = 0 "
	    "ORDER BY event_time, id";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t decl = 0;
	char *by = NULL;
	int rc;

	sqlite3_bind_int64(s, 1, inc);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 3);
		int from, to, note_at;

		if (text == NULL)
			continue;
		if (import_parse_phase(text, &from, &to, &note_at) == 0) {
			if (phase_history_record_at(st, inc,
			    sqlite3_column_int64(s, 0), from, to,
			    sqlite3_column_int64(s, 1),
			    (const char *)sqlite3_column_text(s, 2),
			    note_at >= 0 ? text + note_at : NULL, err) != 0) {
				store_done(s);
				free(by);
				return -1;
			}
		} else if (decl == 0 && strstr(text, " declared: ")) {
			decl = sqlite3_column_int64(s, 0);
			by = store_col_str(s, 2);
		}
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		free(by);
		store_err(st, "reading phase entries", err);
		return -1;
	}
	rc = phase_history_record_at(st, inc, decl, -1, PHASE_DETECTED,
	    i->detected, by ? by : i->commander ? i->commander : "?", NULL,
	    err);
	free(by);
	return rc;
}

int64_t
import_write(struct store *st, const struct import_doc *d, char *err)
{
	const struct pm *pm = &d->pm;
	struct id_map *map;
	int64_t inc = -1;

	if (store_begin(st, err) != 0)
		return -1;
	map = xcalloc((size_t)(pm->ntl > 0 ? pm->ntl : 1), sizeof *map);
	if (iw_incident(st, &pm->inc, &inc, err) != 0 ||
	    iw_board(st, inc, pm, err) != 0 ||
	    iw_roles(st, inc, pm, err) != 0 ||
	    iw_timeline(st, inc, pm, map, err) != 0 ||
	    iw_phases(st, &pm->inc, inc, err) != 0 ||
	    iw_decisions(st, inc, pm, map, err) != 0 ||
	    iw_updates(st, inc, pm, map, err) != 0 ||
	    iw_series(st, pm, err) != 0 ||
	    iw_actions(st, inc, pm, map, err) != 0 ||
	    /* Exports from before warroom wrote its entries' origin. */
	    timeline_mark_origin(st, inc, err) != 0) {
		store_rollback(st);
		free(map);
		return -1;
	}
	free(map);
	if (store_commit(st, err) != 0)
		return -1;
	return inc;
}

int
import_read_file(const char *path, char **buf, size_t *len, char *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	*buf = NULL;
	*len = 0;
	if (f == NULL) {
		err_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > IMPORT_MAX_BYTES) {
			err_set(err, "%s: larger than %d MiB", path,
			    IMPORT_MAX_BYTES / (1024 * 1024));
			goto fail;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		err_set(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	*buf = buf_take(&b);
	return 0;
fail:
	if (f != stdin)
		fclose(f);
	buf_free(&b);
	return -1;
}
