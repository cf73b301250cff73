/* phase_history.c: the phase_change rows, written with the entry that
 * tells people and read back for the postmortem and the key times. */
#include "model/phase_history.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/util.h"
#include "store/store.h"

static void
phase_history_bind_from(sqlite3_stmt *s, int i, int from)
{
	if (from >= 0 && from < PHASE_COUNT)
		sqlite3_bind_text(s, i, phase_names[from], -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int
phase_history_record(struct store *st, int64_t entry_id, int from, int to,
    const char *note, char *err)
{
	static const char sql[] = "INSERT INTO phase_change (incident_id, "
	    "entry_id, from_phase, to_phase, at, by, note) SELECT incident_id, "
	    "id, ?2, ?3, event_time, author, ?4 FROM entry WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, entry_id);
	phase_history_bind_from(s, 2, from);
	sqlite3_bind_text(s, 3, phase_names[to], -1, SQLITE_STATIC);
	store_bind_text(s, 4, note);
	return store_exec_stmt(st, s, err);
}

int
phase_history_record_at(struct store *st, int64_t incident_id,
    int64_t entry_id, int from, int to, int64_t at, const char *by,
    const char *note, char *err)
{
	static const char sql[] = "INSERT INTO phase_change (incident_id, "
	    "entry_id, from_phase, to_phase, at, by, note) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7)";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, incident_id);
	if (entry_id > 0)
		sqlite3_bind_int64(s, 2, entry_id);
	else
		sqlite3_bind_null(s, 2);
	phase_history_bind_from(s, 3, from);
	sqlite3_bind_text(s, 4, phase_names[to], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, at);
	sqlite3_bind_text(s, 6, by ? by : "?", -1, SQLITE_TRANSIENT);
	store_bind_text(s, 7, note);
	return store_exec_stmt(st, s, err);
}

static void
phase_history_push(struct phase_change **list, int *n, int *cap,
    const struct phase_change *pc)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*list = xreallocarray(*list, (size_t)*cap, sizeof **list);
	}
	(*list)[(*n)++] = *pc;
}

/* The declaration: at the incident's detection, told by its entry when
 * that is still there, else said by the commander. */
static void
phase_history_declared(const struct incident *inc, sqlite3_stmt *s,
    struct phase_change *pc)
{
	pc->at = inc->detected;
	pc->from = -1;
	pc->to = PHASE_DETECTED;
	if (s != NULL && sqlite3_column_int(s, 6)) {
		pc->entry_id = sqlite3_column_int64(s, 5);
		pc->by = store_col_str(s, 3);
	} else
		pc->by = xstrdup(inc->commander ? inc->commander : "?");
}

int
phase_history_list(struct store *st, const struct incident *inc,
    struct phase_change **out, int *n, char *err)
{
	static const char sql[] = "SELECT pc.from_phase, pc.to_phase, pc.at, "
	    "pc.by, pc.note, coalesce(pc.entry_id, 0), e.id IS NOT NULL "
	    "FROM phase_change pc LEFT JOIN entry e ON e.id = pc.entry_id AND "
	    "e.deleted = 0 WHERE pc.incident_id = ?1 "
	    "ORDER BY pc.at, pc.entry_id, pc.id";
	sqlite3_stmt *s = store_stmt(st, sql);
	struct phase_change decl = {0};
	int rc, cap = 0, declared = 0;

	*out = NULL;
	*n = 0;
	/* Room for the declaration, which goes first. */
	phase_history_push(out, n, &cap, &decl);
	sqlite3_bind_int64(s, 1, inc->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct phase_change c = {0};

		if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
			if (!declared && sqlite3_column_int(s, 6)) {
				declared = 1;
				phase_history_declared(inc, s, &decl);
			}
			continue;
		}
		if (!sqlite3_column_int(s, 6))
			continue; /* its entry was deleted */
		c.from = enum_parse(phase_names, PHASE_COUNT,
		    (const char *)sqlite3_column_text(s, 0));
		c.to = enum_parse(phase_names, PHASE_COUNT,
		    (const char *)sqlite3_column_text(s, 1));
		c.at = sqlite3_column_int64(s, 2);
		c.by = store_col_str(s, 3);
		c.note = store_col_text(s, 4);
		c.entry_id = sqlite3_column_int64(s, 5);
		phase_history_push(out, n, &cap, &c);
	}
	store_done(s);
	if (!declared)
		phase_history_declared(inc, NULL, &decl);
	(*out)[0] = decl;
	if (rc != SQLITE_DONE) {
		phase_history_free(*out, *n);
		*out = NULL;
		*n = 0;
		store_err(st, "reading the phase history", err);
		return -1;
	}
	return 0;
}

void
phase_history_free(struct phase_change *list, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(list[i].by);
		free(list[i].note);
	}
	free(list);
}
