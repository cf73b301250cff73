/* alert.c: Alertmanager's alerts in the database: the firing set and each
 * incident's entries of them, written once. */
#include "model/alert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"
#include "model/model.h"
#include "model/timeline.h"
#include "store/store.h"

#define PICK_OPEN_SQL "phase NOT IN ('resolved', 'retrospective')"

void
alert_clear(struct alert *a)
{
	free(a->fingerprint);
	free(a->name);
	free(a->labels);
	free(a->summary);
	memset(a, 0, sizeof *a);
}

void
alert_list_free(struct alert *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		alert_clear(&list[i]);
	free(list);
}

char *
alert_title(const struct alert *a)
{
	char *t, *cut;

	if (!str_empty(a->summary))
		t = xstrdup(a->summary);
	else
		t = xasprintf("alert %s", str_empty(a->name) ? a->fingerprint :
		    a->name);
	/* A title is at most ALERT_TITLE_MAX bytes: cut at a character. */
	cut = text_sanitize(t, strlen(t), ALERT_TITLE_MAX, 0);
	free(t);
	return cut;
}

/* An entry by Alertmanager in the open transaction: its id or -1. */
static int64_t
alert_entry(struct store *st, int64_t incident, int64_t when, char *text,
    char *err)
{
	struct entry e = {0};
	int64_t id;

	e.kind = KIND_EVENT;
	e.confidence = CONF_CONFIRMED;
	e.event_time = when;
	e.author = (char *)ALERT_SOURCE;
	e.source = (char *)ALERT_SOURCE;
	e.text = text;
	id = timeline_add_tx(st, incident, &e, err);
	free(text);
	return id;
}

/* Tell incident of a once: 1 written, 0 told before, -1. */
static int
alert_tell(struct store *st, int64_t incident, const struct alert *a,
    char *err)
{
	static const char ins[] = "INSERT OR IGNORE INTO alert_seen "
	    "(incident_id, fingerprint, starts_at, name) VALUES (?1, ?2, ?3, ?4)";
	static const char upd[] = "UPDATE alert_seen SET entry_id = ?4 WHERE "
	    "incident_id = ?1 AND fingerprint = ?2 AND starts_at = ?3";
	sqlite3_stmt *s = store_stmt(st, ins);
	int64_t id;

	sqlite3_bind_int64(s, 1, incident);
	store_bind_text(s, 2, a->fingerprint);
	sqlite3_bind_int64(s, 3, a->starts_at);
	store_bind_text(s, 4, a->name);
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	if (sqlite3_changes(store_db(st)) == 0)
		return 0;
	id = alert_entry(st, incident, a->starts_at, xasprintf("alert %s "
	    "firing%s%s%s: %s", str_empty(a->name) ? a->fingerprint : a->name,
	    str_empty(a->summary) ? "" : " (", a->summary,
	    str_empty(a->summary) ? "" : ")", a->labels), err);
	if (id < 0)
		return -1;
	s = store_stmt(st, upd);
	sqlite3_bind_int64(s, 1, incident);
	store_bind_text(s, 2, a->fingerprint);
	sqlite3_bind_int64(s, 3, a->starts_at);
	sqlite3_bind_int64(s, 4, id);
	return store_exec_stmt(st, s, err) != 0 ? -1 : 1;
}

/* Every open incident told of every alert: entries written, or -1. */
static int
alert_tell_open(struct store *st, const struct alert *alerts, int n,
    char *err)
{
	static const char sql[] = "SELECT id FROM incident WHERE "
	    PICK_OPEN_SQL " AND imported = 0 ORDER BY id";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t *ids = NULL;
	int nid = 0, rc, i, j, written = 0, r;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ids = xreallocarray(ids, (size_t)nid + 1, sizeof *ids);
		ids[nid++] = sqlite3_column_int64(s, 0);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		store_err(st, "reading open incidents", err);
		return -1;
	}
	for (i = 0; i < nid; i++)
		for (j = 0; j < n; j++) {
			if ((r = alert_tell(st, ids[i], &alerts[j], err)) < 0) {
				free(ids);
				return -1;
			}
			written += r;
		}
	free(ids);
	return written;
}

static int
alert_fires(const struct alert *alerts, int n, const char *fp, int64_t start)
{
	int i;

	for (i = 0; i < n; i++)
		if (alerts[i].starts_at == start &&
		    strcmp(alerts[i].fingerprint, fp) == 0)
			return 1;
	return 0;
}

struct alert_told {
	int64_t incident, starts_at;
	char *fp, *name;
};

static void
alert_told_read(sqlite3_stmt *s, void *item)
{
	struct alert_told *t = item;

	t->incident = sqlite3_column_int64(s, 0);
	t->fp = store_col_str(s, 1);
	t->starts_at = sqlite3_column_int64(s, 2);
	t->name = store_col_str(s, 3);
}

static void
alert_told_clear(void *item)
{
	struct alert_told *t = item;

	free(t->fp);
	free(t->name);
}

/* Resolutions of alerts told of that fire no more: written, or -1. */
static int
alert_resolve(struct store *st, const struct alert *alerts, int n,
    int64_t now, char *err)
{
	static const struct store_rowtype type = {sizeof(struct alert_told),
	    alert_told_read, alert_told_clear, "reading alerts told of"};
	static const char sql[] = "SELECT incident_id, fingerprint, starts_at, "
	    "name FROM alert_seen WHERE resolved_at IS NULL";
	static const char upd[] = "UPDATE alert_seen SET resolved_at = ?4 "
	    "WHERE incident_id = ?1 AND fingerprint = ?2 AND starts_at = ?3";
	struct alert_told *t;
	int nt, i, written = 0, rc = 0;

	t = store_rows(st, store_stmt(st, sql), &type, &nt, err);
	if (nt < 0)
		return -1;
	for (i = 0; i < nt && rc == 0; i++) {
		char since[32];
		sqlite3_stmt *s;

		if (alert_fires(alerts, n, t[i].fp, t[i].starts_at))
			continue;
		time_iso(t[i].starts_at, since, sizeof since);
		if (alert_entry(st, t[i].incident, now, xasprintf("alert %s "
		    "resolved (firing since %s)", str_empty(t[i].name) ?
		    t[i].fp : t[i].name, since), err) < 0) {
			rc = -1;
			break;
		}
		s = store_stmt(st, upd);
		sqlite3_bind_int64(s, 1, t[i].incident);
		store_bind_text(s, 2, t[i].fp);
		sqlite3_bind_int64(s, 3, t[i].starts_at);
		sqlite3_bind_int64(s, 4, now);
		rc = store_exec_stmt(st, s, err);
		written++;
	}
	for (i = 0; i < nt; i++)
		alert_told_clear(&t[i]);
	free(t);
	return rc < 0 ? -1 : written;
}

static void
alert_read(sqlite3_stmt *s, void *item)
{
	struct alert *a = item;
	const char *sev = (const char *)sqlite3_column_text(s, 5);

	a->fingerprint = store_col_str(s, 0);
	a->name = store_col_str(s, 1);
	a->labels = store_col_str(s, 2);
	a->summary = store_col_str(s, 3);
	a->starts_at = sqlite3_column_int64(s, 4);
	a->severity = sev ? enum_parse(severity_names, SEV_COUNT, sev) : -1;
}

static void
alert_read_clear(void *item)
{
	alert_clear(item);
}

static const struct store_rowtype alert_type = {sizeof(struct alert),
    alert_read, alert_read_clear, "reading firing alerts"};

#define ALERT_COLUMNS "fingerprint, name, labels, summary, starts_at, severity"

int
alert_firing_list(struct store *st, struct alert **out, char *err)
{
	static const char sql[] = "SELECT " ALERT_COLUMNS " FROM alert_firing "
	    "ORDER BY starts_at, fingerprint";
	int n;

	*out = store_rows(st, store_stmt(st, sql), &alert_type, &n, err);
	return n;
}

int
alert_firing_get(struct store *st, const char *fp, struct alert *out,
    char *err)
{
	static const char sql[] = "SELECT " ALERT_COLUMNS " FROM alert_firing "
	    "WHERE fingerprint = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	memset(out, 0, sizeof *out);
	store_bind_text(s, 1, fp);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		alert_read(s, out);
	store_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_err(st, "reading firing alerts", err);
		return -1;
	}
	return rc == SQLITE_ROW;
}

static int
alert_same(const struct alert *a, const struct alert *b)
{
	return a->starts_at == b->starts_at && a->severity == b->severity &&
	    strcmp(a->fingerprint, b->fingerprint) == 0 &&
	    strcmp(a->name, b->name) == 0 && strcmp(a->labels, b->labels) == 0
	    && strcmp(a->summary, b->summary) == 0;
}

/* Replace the firing set when it differs: 1 replaced, 0 same, -1. */
static int
alert_firing_replace(struct store *st, const struct alert *alerts, int n,
    char *err)
{
	static const char ins[] = "INSERT OR REPLACE INTO alert_firing ("
	    ALERT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	struct alert *old;
	int nold = alert_firing_list(st, &old, err), i, same;

	if (nold < 0)
		return -1;
	same = nold == n;
	for (i = 0; same && i < n; i++)
		same = alert_same(&old[i], &alerts[i]);
	alert_list_free(old, nold);
	if (same)
		return 0;
	if (store_exec_stmt(st, store_stmt(st, "DELETE FROM alert_firing"),
	    err) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_stmt *s = store_stmt(st, ins);

		store_bind_text(s, 1, alerts[i].fingerprint);
		store_bind_text(s, 2, alerts[i].name);
		store_bind_text(s, 3, alerts[i].labels);
		store_bind_text(s, 4, alerts[i].summary);
		sqlite3_bind_int64(s, 5, alerts[i].starts_at);
		if (alerts[i].severity >= 0 && alerts[i].severity < SEV_COUNT)
			store_bind_text(s, 6,
			    severity_names[alerts[i].severity]);
		else
			sqlite3_bind_null(s, 6);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
	}
	return 1;
}

int
alert_poll_record(struct store *st, const struct alert *alerts, int n,
    int64_t now, char *err)
{
	int told, resolved, replaced;

	if (store_begin(st, err) != 0)
		return -1;
	if ((told = alert_tell_open(st, alerts, n, err)) < 0 ||
	    (resolved = alert_resolve(st, alerts, n, now, err)) < 0 ||
	    (replaced = alert_firing_replace(st, alerts, n, err)) < 0) {
		store_rollback(st);
		return -1;
	}
	if (told + resolved + replaced == 0) {
		store_rollback(st);
		return 0;
	}
	if (store_commit(st, err) != 0)
		return -1;
	return told + resolved;
}
