/* incident.c: declaring incidents and moving them through their phases. */
#include "model/authority.h"
#include "model/incident.h"

#include <stdlib.h>
#include <string.h>

#include "model/incident_pick.h"
#include "model/phase_history.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/util.h"

static const char SQL_INSERT_INCIDENT[] =
    "INSERT INTO incident (title, severity, phase, commander, created, "
    "detected, phase_since) VALUES (?1, ?2, 'detected', ?3, ?4, ?5, ?5)";

int64_t
incident_declare(struct store *st, const char *title, int severity,
    const char *commander, int64_t detected_at, char *err)
{
	int64_t now = wr_now(), id, eid;
	char *t = NULL, *c = NULL;
	sqlite3_stmt *s;
	struct entry e = {0};

	if (severity < 0 || severity >= SEV_COUNT) {
		err_set(err, "unknown severity (use SEV1, SEV2, SEV3 or SEV4)");
		return -1;
	}
	if ((t = text_clean_field(title, "title", 0, err)) == NULL)
		return -1;
	if (strlen(t) > 200) {
		err_set(err, "title is too long (at most 200 bytes)");
		free(t);
		return -1;
	}
	if (commander != NULL &&
	    (c = text_clean_name(commander, "commander", err)) == NULL) {
		free(t);
		return -1;
	}
	if (detected_at <= 0)
		detected_at = now;
	if (store_begin(st, err) != 0)
		goto fail;
	s = store_stmt(st, SQL_INSERT_INCIDENT);
	sqlite3_bind_text(s, 1, t, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, severity_names[severity], -1, SQLITE_STATIC);
	store_bind_text(s, 3, c);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, detected_at);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	id = sqlite3_last_insert_rowid(store_db(st));
	e.event_time = detected_at;
	e.author = c;
	e.kind = KIND_PHASE;
	e.text = xasprintf("%s %s declared: %s", phase_headings[PHASE_DETECTED],
	    severity_names[severity], t);
	eid = timeline_add_tx(st, id, &e, err);
	free(e.text);
	if (eid < 0 || phase_history_record(st, eid, -1, PHASE_DETECTED, NULL,
	    err) != 0)
		goto rollback;
	if (c != NULL) {
		static const char sql[] = "INSERT INTO responder (incident_id, "
		    "name, role, state, joined, last_checkin) VALUES "
		    "(?1, ?2, 'commander', 'active', ?3, ?3)";

		s = store_stmt(st, sql);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, c, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 3, now);
		if (store_exec_stmt(st, s, err) != 0 ||
		    authority_record_role(st, id, c, -1, ROLE_COMMANDER, c,
		    err) != 0)
			goto rollback;
	}
	if (store_commit(st, err) != 0)
		goto fail;
	free(t);
	free(c);
	return id;
rollback:
	store_rollback(st);
fail:
	free(t);
	free(c);
	return -1;
}

#define INCIDENT_COLUMNS                                                \
	"SELECT id, title, severity, phase, commander, created, detected, " \
	"recovered, resolved, phase_since, impact, impact_scope, comms, "  \
	"checkin_interval, update_interval, last_update, users_told, "     \
	"users_updated, recovery_told, snooze_until, began, change_window " \
	"FROM incident "
static const char SQL_LIST_INCIDENTS[] = INCIDENT_COLUMNS "ORDER BY id DESC";
static const char SQL_LOAD_INCIDENT[] = INCIDENT_COLUMNS "WHERE id = ?1";

static void
incident_from_row(sqlite3_stmt *s, struct incident *i)
{
	i->id = sqlite3_column_int64(s, 0);
	i->title = store_col_str(s, 1);
	i->severity = enum_parse(severity_names, SEV_COUNT,
	    (const char *)sqlite3_column_text(s, 2));
	i->phase = enum_parse(phase_names, PHASE_COUNT,
	    (const char *)sqlite3_column_text(s, 3));
	i->commander = store_col_text(s, 4);
	i->created = sqlite3_column_int64(s, 5);
	i->detected = sqlite3_column_int64(s, 6);
	i->recovered = sqlite3_column_int64(s, 7);
	i->resolved = sqlite3_column_int64(s, 8);
	i->phase_since = sqlite3_column_int64(s, 9);
	i->impact = enum_parse(impact_names, IMPACT_COUNT,
	    (const char *)sqlite3_column_text(s, 10));
	i->impact_scope = store_col_text(s, 11);
	i->comms = enum_parse(comms_names, COMMS_COUNT,
	    (const char *)sqlite3_column_text(s, 12));
	i->checkin_interval = sqlite3_column_int(s, 13);
	i->update_interval = sqlite3_column_int(s, 14);
	i->last_update = sqlite3_column_int64(s, 15);
	i->users_told = sqlite3_column_int64(s, 16);
	i->users_updated = sqlite3_column_int64(s, 17);
	i->recovery_told = sqlite3_column_int64(s, 18);
	i->snooze_until = sqlite3_column_int64(s, 19);
	i->began = sqlite3_column_int64(s, 20);
	i->change_window = sqlite3_column_int64(s, 21);
	if (i->severity < 0)
		i->severity = SEV3;
	if (i->phase < 0)
		i->phase = PHASE_DETECTED;
	if (i->impact < 0)
		i->impact = IMPACT_UNKNOWN;
	if (i->comms < 0)
		i->comms = COMMS_NOT_TOLD;
}

int
incident_load(struct store *st, int64_t id, struct incident *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_LOAD_INCIDENT);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		incident_from_row(s, out);
	else if (rc == SQLITE_DONE)
		err_set(err, "no incident %lld", (long long)id);
	else
		store_err(st, "reading incident", err);
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int64_t
incident_current(struct store *st, char *err)
{
	int64_t id;

	switch (incident_pick(st, &id, err, ERR_LEN)) {
	case PICK_ONE:
		return id;
	case PICK_NONE:
		return 0;
	default:
		return -1;
	}
}

static void
incident_row(sqlite3_stmt *s, void *item)
{
	incident_from_row(s, item);
}

static void
incident_item_clear(void *item)
{
	incident_clear(item);
}

static const struct store_rowtype incident_rows = {
	sizeof(struct incident), incident_row, incident_item_clear,
	"reading incidents"
};

int
incident_list(struct store *st, struct incident **out, int *n, char *err)
{
	*out = store_rows(st, store_stmt(st, SQL_LIST_INCIDENTS),
	    &incident_rows, n, err);
	if (*n < 0) {
		*n = 0;
		return -1;
	}
	return 0;
}

void
incident_list_free(struct incident *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		incident_clear(&list[i]);
	free(list);
}

/* Write a system entry of kind in the open transaction. */
static int
incident_note(struct store *st, int64_t id, int kind, const char *by,
    char *text, char *err)
{
	struct entry e = {0};
	int64_t r;

	e.kind = kind;
	e.author = (char *)(uintptr_t)by;
	e.text = text;
	r = timeline_add_tx(st, id, &e, err);
	free(text);
	return r < 0 ? -1 : 0;
}

int
incident_set_phase(struct store *st, int64_t id, int phase, const char *note,
    const char *by, char *err)
{
	static const char sql[] = "UPDATE incident SET phase = ?2, "
	    "phase_since = ?3, "
	    "recovered = CASE WHEN ?4 AND recovered IS NULL THEN ?3 "
	    "  WHEN NOT ?4 THEN NULL ELSE recovered END, "
	    "resolved = CASE WHEN ?5 AND resolved IS NULL THEN ?3 "
	    "  WHEN NOT ?5 THEN NULL ELSE resolved END WHERE id = ?1";
	struct incident inc = {0};
	struct entry e = {0};
	char *n = NULL;
	sqlite3_stmt *s;
	int64_t now = wr_now(), eid;

	if (phase < 0 || phase >= PHASE_COUNT) {
		char *l = enum_list(phase_names, PHASE_COUNT);

		err_set(err, "unknown phase (use one of: %s)", l);
		free(l);
		return -1;
	}
	if (note != NULL && !str_empty(note) &&
	    (n = text_clean_field(note, "note", 0, err)) == NULL)
		return -1;
	if (store_begin(st, err) != 0)
		goto fail;
	if (incident_load(st, id, &inc, err) != 0)
		goto rollback;
	if (inc.phase == phase) {
		err_set(err, "the incident is already %s", phase_names[phase]);
		goto rollback;
	}
	if (phase < inc.phase && n == NULL) {
		err_set(err, "moving back from %s to %s needs a reason "
		    "(--note TEXT)", phase_names[inc.phase], phase_names[phase]);
		goto rollback;
	}
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, phase_names[phase], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_int(s, 4, phase >= PHASE_RECOVERED);
	sqlite3_bind_int(s, 5, phase >= PHASE_RESOLVED);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	e.kind = KIND_PHASE;
	e.author = (char *)(uintptr_t)by;
	e.text = xasprintf("%s %s -> %s%s%s", phase_headings[phase],
	    phase_names[inc.phase], phase_names[phase], n ? ": " : "",
	    n ? n : "");
	eid = timeline_add_tx(st, id, &e, err);
	free(e.text);
	if (eid < 0 || phase_history_record(st, eid, inc.phase, phase, n,
	    err) != 0)
		goto rollback;
	if (store_commit(st, err) != 0)
		goto fail;
	incident_clear(&inc);
	free(n);
	return 0;
rollback:
	store_rollback(st);
fail:
	incident_clear(&inc);
	free(n);
	return -1;
}

/* Set one column (sql binds ?1 the id and ?2 value, or ivalue when value
 * is NULL) and write the note text (freed); check, when given, runs on
 * the loaded incident first. One transaction. */
static int
incident_update(struct store *st, int64_t id, const char *sql,
    const char *value, int64_t ivalue,
    int (*check)(const struct incident *, int64_t, char *), char *text,
    const char *by, char *err)
{
	struct incident inc = {0};
	sqlite3_stmt *s;

	if (store_begin(st, err) != 0) {
		free(text);
		return -1;
	}
	if (incident_load(st, id, &inc, err) != 0 ||
	    (check != NULL && check(&inc, ivalue, err) != 0))
		goto rollback;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	if (value != NULL)
		sqlite3_bind_text(s, 2, value, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 2, ivalue);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	incident_clear(&inc);
	if (incident_note(st, id, KIND_NOTE, by, text, err) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
rollback:
	incident_clear(&inc);
	free(text);
	store_rollback(st);
	return -1;
}

int
incident_set_severity(struct store *st, int64_t id, int severity,
    const char *by, char *err)
{
	static const char sql[] = "UPDATE incident SET severity = ?2 "
	    "WHERE id = ?1 AND ?3 IS NULL";

	if (severity < 0 || severity >= SEV_COUNT) {
		err_set(err, "unknown severity (use SEV1, SEV2, SEV3 or SEV4)");
		return -1;
	}
	return incident_update(st, id, sql, severity_names[severity], 0, NULL,
	    xasprintf("Severity set to %s", severity_names[severity]), by,
	    err);
}

/* The timeline's words for an impact change: the scope's old and new text
 * when it changes, so what was believed before stays on record. Caller
 * frees. */
static char *
incident_impact_text(int impact, const char *old, const char *sc)
{
	if (sc == NULL || (old != NULL && strcmp(old, sc) == 0))
		return xasprintf("Impact %s%s%s", impact_names[impact],
		    old ? ": " : "", old ? old : "");
	if (old == NULL)
		return xasprintf("Impact %s: %s", impact_names[impact], sc);
	return xasprintf("Impact %s: scope changed from \"%s\" to \"%s\"",
	    impact_names[impact], old, sc);
}

int
incident_set_impact(struct store *st, int64_t id, int impact,
    const char *scope, const char *by, char *err)
{
	/* No scope given keeps the one recorded before. */
	static const char sql[] = "UPDATE incident SET impact = ?2, "
	    "impact_scope = coalesce(?3, impact_scope) WHERE id = ?1";
	struct incident inc = {0};
	char *sc = NULL;
	sqlite3_stmt *s;

	if (impact < 0 || impact >= IMPACT_COUNT) {
		err_set(err, "unknown impact state (use unknown, assessing or "
		    "known)");
		return -1;
	}
	if (scope != NULL && !str_empty(scope) &&
	    (sc = text_clean_field(scope, "scope", 0, err)) == NULL)
		return -1;
	if (store_begin(st, err) != 0)
		goto fail;
	if (incident_load(st, id, &inc, err) != 0)
		goto rollback;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, impact_names[impact], -1, SQLITE_STATIC);
	store_bind_text(s, 3, sc);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	if (incident_note(st, id, KIND_NOTE, by, incident_impact_text(impact,
	    inc.impact_scope, sc), err) != 0)
		goto rollback;
	if (store_commit(st, err) != 0)
		goto fail;
	incident_clear(&inc);
	free(sc);
	return 0;
rollback:
	store_rollback(st);
fail:
	incident_clear(&inc);
	free(sc);
	return -1;
}

int
incident_users_told_tx(struct store *st, int64_t id, int64_t update_id,
    int phase, int64_t when, char *err)
{
	static const char sql[] = "UPDATE incident SET "
	    "comms = CASE WHEN ?3 THEN 'recovery-told' "
	    "  WHEN comms = 'recovery-told' THEN comms "
	    "  WHEN users_told IS NULL THEN 'told' ELSE 'updated' END, "
	    "recovery_told = CASE WHEN ?3 AND recovery_told IS NULL THEN ?2 "
	    "  ELSE recovery_told END, "
	    "users_updated = CASE WHEN NOT ?3 AND users_told IS NOT NULL "
	    "  THEN ?2 ELSE users_updated END, "
	    "users_told = coalesce(users_told, ?2) WHERE id = ?1";
	struct incident inc = {0};
	const char *what;
	sqlite3_stmt *s;
	int recovery = phase >= PHASE_RECOVERED;

	if (incident_load(st, id, &inc, err) != 0)
		return -1;
	what = recovery ? (inc.recovery_told ? "updated on the recovery"
	    : "told of the recovery") : inc.users_told ? "updated" : "told";
	incident_clear(&inc);
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, when);
	sqlite3_bind_int(s, 3, recovery);
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	return incident_note(st, id, KIND_NOTE, "agent", xasprintf("Users %s "
	    "(status update #%lld delivered)", what, (long long)update_id),
	    err);
}

int
incident_set_comms(struct store *st, int64_t id, int comms, const char *by,
    char *err)
{
	static const char sql[] = "UPDATE incident SET comms = ?2 "
	    "WHERE id = ?1 AND ?3 IS NULL";

	if (comms < 0 || comms >= COMMS_COUNT) {
		err_set(err, "unknown communication state (use not-told, told, "
		    "updated or recovery-told)");
		return -1;
	}
	return incident_update(st, id, sql, comms_names[comms], 0, NULL,
	    xasprintf("Users: %s", comms_names[comms]), by, err);
}

int
incident_set_intervals(struct store *st, int64_t id, int checkin_secs,
    int update_secs, const char *by, char *err)
{
	static const char sql[] = "UPDATE incident SET "
	    "checkin_interval = CASE WHEN ?2 > 0 THEN ?2 ELSE checkin_interval END, "
	    "update_interval = CASE WHEN ?3 >= 0 THEN ?3 ELSE update_interval END "
	    "WHERE id = ?1";
	sqlite3_stmt *s;
	char d1[32], d2[32];

	if (checkin_secs == 0 || checkin_secs > 86400 || update_secs > 86400) {
		err_set(err, "intervals must be between 1 s and 24 h");
		return -1;
	}
	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, checkin_secs);
	sqlite3_bind_int(s, 3, update_secs);
	if (store_exec_stmt(st, s, err) != 0 ||
	    sqlite3_changes(store_db(st)) == 0) {
		if (err[0] == '\0')
			err_set(err, "no incident %lld", (long long)id);
		store_rollback(st);
		return -1;
	}
	time_dur(checkin_secs, d1, sizeof d1);
	time_dur(update_secs, d2, sizeof d2);
	if (incident_note(st, id, KIND_NOTE, by, xasprintf("Intervals: "
	    "check-in %s, status update %s", checkin_secs > 0 ? d1 : "kept",
	    update_secs > 0 ? d2 : update_secs == 0 ? "by severity" : "kept"),
	    err) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

/* Impact cannot begin after it was detected. */
static int
incident_check_began(const struct incident *inc, int64_t began, char *err)
{
	char t[32];

	if (began <= inc->detected)
		return 0;
	time_full(inc->detected, t, sizeof t);
	err_set(err, "impact cannot begin after it was detected (%s): give "
	    "an earlier time", t);
	return -1;
}

int
incident_set_began(struct store *st, int64_t id, int64_t began,
    const char *by, char *err)
{
	static const char sql[] = "UPDATE incident SET began = ?2 "
	    "WHERE id = ?1";
	char t[32];

	if (began <= 0) {
		err_set(err, "no time given for when impact began");
		return -1;
	}
	time_full(began, t, sizeof t);
	return incident_update(st, id, sql, NULL, began, incident_check_began,
	    xasprintf("Impact began %s", t), by, err);
}

int
incident_set_window(struct store *st, int64_t id, int64_t secs,
    const char *by, char *err)
{
	static const char sql[] = "UPDATE incident SET change_window = ?2 "
	    "WHERE id = ?1";
	char d[32];

	if (secs < 0 || secs > INCIDENT_WINDOW_MAX) {
		err_set(err, "the change window must be between 0 and 24 h");
		return -1;
	}
	time_dur(secs, d, sizeof d);
	return incident_update(st, id, sql, NULL, secs, NULL, xasprintf(
	    "Changes shown from %s before detection", d), by, err);
}
