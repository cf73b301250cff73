/* timeline.c: adding, editing and paging timeline entries; history kept. */
#include "model/timeline.h"
#include "model/timeline_row.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/role.h"
#include "model/incident_pick.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"

void
timeline_entry_row(sqlite3_stmt *s, struct entry *e)
{
	e->id = sqlite3_column_int64(s, 0);
	e->incident_id = sqlite3_column_int64(s, 1);
	e->event_time = sqlite3_column_int64(s, 2);
	e->recorded = sqlite3_column_int64(s, 3);
	e->author = store_col_str(s, 4);
	e->kind = enum_parse(kind_names, KIND_COUNT,
	    (const char *)sqlite3_column_text(s, 5));
	e->text = store_col_str(s, 6);
	e->source = store_col_str(s, 7);
	e->confidence = enum_parse(confidence_names, CONF_COUNT,
	    (const char *)sqlite3_column_text(s, 8));
	e->version = sqlite3_column_int(s, 9);
	e->deleted = sqlite3_column_int(s, 10);
	e->edited = sqlite3_column_int64(s, 11);
	e->edited_by = store_col_text(s, 12);
	e->tomb_at = sqlite3_column_int64(s, 13);
	e->tomb_by = store_col_text(s, 14);
	e->tomb_reason = store_col_text(s, 15);
	e->pinned_at = sqlite3_column_int64(s, 16);
	e->pinned_by = store_col_text(s, 17);
	if (sqlite3_column_count(s) > 19) {
		e->routine = timeline_routine_parse((const char *)
		    sqlite3_column_text(s, 18));
		e->routine_who = store_col_text(s, 19);
	}
	if (e->kind < 0)
		e->kind = KIND_NOTE;
	if (e->confidence < 0)
		e->confidence = CONF_UNVERIFIED;
}

/* Clean what a person or a feature gives us; fills *text, *author, *source. */
static int
timeline_clean(const struct entry *e, char **text, char **author,
    char **source, char *err)
{
	*text = *author = *source = NULL;
	if (e->kind < 0 || e->kind >= KIND_COUNT) {
		err_set(err, "unknown kind");
		return -1;
	}
	if (e->confidence < 0 || e->confidence >= CONF_COUNT) {
		err_set(err, "unknown confidence (use confirmed, likely or "
		    "unverified)");
		return -1;
	}
	if ((*text = text_clean_field(e->text, "text", 1, err)) == NULL)
		return -1;
	if (e->author != NULL && !str_empty(e->author)) {
		if ((*author = text_clean_name(e->author, "author", err))
		    == NULL)
			goto fail;
	} else
		*author = xstrdup("?");
	if (e->source != NULL && !str_empty(e->source)) {
		if (text_check(e->source, TEXT_NAME_MAX * 2, "source", err) != 0)
			goto fail;
		*source = text_trim(text_sanitize(e->source, strlen(e->source),
		    TEXT_NAME_MAX * 2, 0));
	} else
		*source = xstrdup("");
	return 0;
fail:
	free(*text);
	free(*author);
	*text = *author = NULL;
	return -1;
}

int
timeline_from_warroom(const struct entry *e)
{
	return e->source != NULL && strcmp(e->source, TIMELINE_ORIGIN) == 0;
}

int
timeline_unknown_origin(const struct entry *e)
{
	if (timeline_from_warroom(e))
		return 0;
	return e->source == NULL || e->source[0] == '\0' ||
	    e->confidence == CONF_UNVERIFIED;
}

const char *
timeline_origin_why(const struct entry *e)
{
	int nosrc = e->source == NULL || e->source[0] == '\0';

	if (!timeline_unknown_origin(e))
		return NULL;
	if (nosrc && e->confidence == CONF_UNVERIFIED)
		return "no source, unverified";
	return nosrc ? "no source" : "unverified";
}

/* A person's source must not pass for warroom's own. */
static int
timeline_person_source(const struct entry *e, char *err)
{
	char *s;
	int own;

	if (e->source == NULL)
		return 0;
	s = text_trim(xstrdup(e->source));
	own = strcasecmp(s, TIMELINE_ORIGIN) == 0;
	free(s);
	if (own) {
		err_set(err, "the source '%s' is kept for what warroom writes "
		    "itself: say where this came from (a person, a dashboard, "
		    "a log)", TIMELINE_ORIGIN);
		return -1;
	}
	return 0;
}

static int64_t
timeline_insert(struct store *st, int64_t incident, const struct entry *e,
    char *err);

/* The names of the routine marks in entry_routine, by bit. */
static const struct {
	int bit;
	const char *name;
} timeline_routines[] = {
	{TL_ROUTINE_CHECKIN, "checkin"},
	{TL_ROUTINE_JOIN, "join"},
	{TL_ROUTINE_SAME, "same"},
	{TL_ROUTINE_NONE, "no"},
};

int
timeline_routine_parse(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < ARRAY_LEN(timeline_routines); i++)
		if (strcmp(name, timeline_routines[i].name) == 0)
			return timeline_routines[i].bit;
	return 0;
}

/* Mark entry id routine (bit) about who. */
static int
timeline_mark_routine(struct store *st, int64_t id, int bit, const char *who,
    char *err)
{
	static const char sql[] = "INSERT INTO entry_routine (entry_id, "
	    "routine, who) VALUES (?1, ?2, ?3)";
	const char *name = NULL;
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < ARRAY_LEN(timeline_routines); i++)
		if (timeline_routines[i].bit == bit)
			name = timeline_routines[i].name;
	if (name == NULL) {
		err_set(err, "unknown routine mark %d", bit);
		return -1;
	}
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, who != NULL ? who : "", -1, SQLITE_TRANSIENT);
	return store_exec_stmt(st, s, err);
}

int64_t
timeline_add_tx(struct store *st, int64_t incident, const struct entry *e,
    char *err)
{
	struct entry own = *e;
	int64_t id;

	if (own.source == NULL || str_empty(own.source))
		own.source = (char *)(uintptr_t)TIMELINE_ORIGIN;
	id = timeline_insert(st, incident, &own, err);
	if (id > 0 && e->routine != 0 && timeline_mark_routine(st, id,
	    e->routine, e->routine_who, err) != 0)
		return -1;
	return id;
}

static int64_t
timeline_insert(struct store *st, int64_t incident, const struct entry *e,
    char *err)
{
	static const char sql[] = "INSERT INTO entry (incident_id, event_time, "
	    "recorded, author, kind, text, source, confidence) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	char *text, *author, *source;
	int64_t now = wr_now(), id = -1;
	sqlite3_stmt *s;

	if (timeline_clean(e, &text, &author, &source, err) != 0)
		return -1;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_int64(s, 2, e->event_time > 0 ? e->event_time : now);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_text(s, 4, author, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, kind_names[e->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, confidence_names[e->confidence], -1,
	    SQLITE_STATIC);
	if (store_exec_stmt(st, s, err) == 0)
		id = sqlite3_last_insert_rowid(store_db(st));
	free(text);
	free(author);
	free(source);
	return id;
}

int64_t
timeline_add(struct store *st, int64_t incident, const struct entry *e,
    char *err)
{
	int64_t id;
	int found;

	if (timeline_person_source(e, err) != 0)
		return -1;
	if (store_begin(st, err) != 0)
		return -1;
	if ((found = incident_exists(st, incident, err)) != 1) {
		if (found == 0)
			err_set(err, "no incident %lld", (long long)incident);
		store_rollback(st);
		return -1;
	}
	id = timeline_insert(st, incident, e, err);
	if (id < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) != 0)
		return -1;
	return id;
}

static const char SQL_GET_ENTRY[] = ENTRY_COLUMNS "WHERE id = ?1";

int
timeline_get(struct store *st, int64_t id, struct entry *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET_ENTRY);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		timeline_entry_row(s, out);
	else if (rc == SQLITE_DONE)
		err_set(err, "no timeline entry %lld", (long long)id);
	else
		store_err(st, "reading entry", err);
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Copy the current version of id into history; the caller holds the
 * transaction and has checked the version. */
static int
timeline_archive(struct store *st, int64_t id, const char *by, char *err)
{
	static const char sql[] = "INSERT INTO entry_history (entry_id, "
	    "version, event_time, author, kind, text, source, confidence, "
	    "deleted, changed, changed_by, tomb_at, tomb_by, tomb_reason) "
	    "SELECT id, version, event_time, author, kind, text, source, "
	    "confidence, deleted, ?2, ?3, tomb_at, tomb_by, tomb_reason "
	    "FROM entry WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, wr_now());
	sqlite3_bind_text(s, 3, by ? by : "?", -1, SQLITE_TRANSIENT);
	return store_exec_stmt(st, s, err);
}

/* Begin, load id and check it is still at version; 0, -1 or CONFLICT. */
static int
timeline_lock(struct store *st, int64_t id, int version, struct entry *cur,
    char *err)
{
	if (store_begin(st, err) != 0)
		return -1;
	if (timeline_get(st, id, cur, err) != 0) {
		store_rollback(st);
		return -1;
	}
	if (cur->deleted) {
		err_set(err, "entry %lld was deleted by %s", (long long)id,
		    cur->edited_by ? cur->edited_by : "someone");
		store_rollback(st);
		return TIMELINE_CONFLICT;
	}
	if (cur->tomb_at > 0) {
		err_set(err, "entry %lld was deleted by %s (warroom undelete "
		    "%lld brings it back first)", (long long)id,
		    cur->tomb_by ? cur->tomb_by : "someone", (long long)id);
		store_rollback(st);
		return TIMELINE_CONFLICT;
	}
	if (cur->version != version) {
		err_set(err, "entry %lld was changed by %s since you read it "
		    "(now version %d, yours %d)", (long long)id,
		    cur->edited_by ? cur->edited_by : "someone", cur->version,
		    version);
		store_rollback(st);
		return TIMELINE_CONFLICT;
	}
	return 0;
}

int
timeline_edit(struct store *st, const struct entry *e, const char *by,
    char *err)
{
	static const char sql[] = "UPDATE entry SET event_time = ?2, kind = ?3, "
	    "text = ?4, source = ?5, confidence = ?6, version = version + 1, "
	    "edited = ?7, edited_by = ?8 WHERE id = ?1";
	char *text, *author, *source, *who = NULL;
	struct entry cur = {0};
	sqlite3_stmt *s;
	int rc;

	if (timeline_person_source(e, err) != 0 ||
	    timeline_clean(e, &text, &author, &source, err) != 0)
		return -1;
	free(author);
	if (by != NULL && (who = text_clean_name(by, "editor", err)) == NULL)
		goto fail;
	if ((rc = timeline_lock(st, e->id, e->version, &cur, err)) != 0) {
		free(text);
		free(source);
		free(who);
		entry_clear(&cur);
		return rc;
	}
	if (timeline_archive(st, e->id, who, err) != 0)
		goto rollback;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, e->id);
	sqlite3_bind_int64(s, 2, e->event_time > 0 ? e->event_time
	    : cur.event_time);
	sqlite3_bind_text(s, 3, kind_names[e->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, confidence_names[e->confidence], -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, wr_now());
	store_bind_text(s, 8, who ? who : "?");
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	rc = store_commit(st, err);
	free(text);
	free(source);
	free(who);
	entry_clear(&cur);
	return rc;
rollback:
	store_rollback(st);
fail:
	free(text);
	free(source);
	free(who);
	entry_clear(&cur);
	return -1;
}

/* Take id out of the timeline, the version before going to history:
 * without a reason it is deleted (leaves the timeline); with one it turns
 * into a tombstone, still shown in place saying who deleted it, when and
 * why. */
static int
timeline_retire(struct store *st, int64_t id, int version, const char *by,
    const char *reason, char *err)
{
	static const char del[] = "UPDATE entry SET deleted = 1, "
	    "version = version + 1, edited = ?2, edited_by = ?3 WHERE id = ?1";
	static const char tomb[] = "UPDATE entry SET tomb_at = ?2, "
	    "tomb_by = ?3, tomb_reason = ?4, version = version + 1, "
	    "edited = ?2, edited_by = ?3 WHERE id = ?1";
	struct entry cur = {0};
	sqlite3_stmt *s;
	int rc;

	if ((rc = timeline_lock(st, id, version, &cur, err)) != 0) {
		entry_clear(&cur);
		return rc;
	}
	entry_clear(&cur);
	if (timeline_archive(st, id, by, err) != 0)
		goto rollback;
	s = store_stmt(st, reason == NULL ? del : tomb);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, wr_now());
	if (reason == NULL) {
		store_bind_text(s, 3, by ? by : "?");
	} else {
		store_bind_text(s, 3, by);
		store_bind_text(s, 4, reason);
	}
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	return store_commit(st, err);
rollback:
	store_rollback(st);
	return -1;
}

int
timeline_delete(struct store *st, int64_t id, int version, const char *by,
    char *err)
{
	return timeline_retire(st, id, version, by, NULL, err);
}

/* 0 when who may delete or bring back the decision entry e; -1 with err.
 * The commander question is asked in one place (authority.c). */
static int
timeline_check_commander(struct store *st, const struct entry *e,
    const char *who, const char *doing, char *err)
{
	int c = role_is_commander(st, e->incident_id, who, err);

	if (c < 0)
		return -1;
	if (c == 0) {
		err_set(err, "only the incident's commander may %s decision "
		    "entry %lld (ask them, or log a note instead)", doing,
		    (long long)e->id);
		return -1;
	}
	return 0;
}

int
timeline_remove(struct store *st, int64_t id, int version, const char *by,
    const char *reason, char *err)
{
	struct entry cur = {0};
	char *who = NULL, *why = NULL;
	int sys, rc = -1;

	if ((sys = timeline_is_system(st, id, err)) < 0)
		return -1;
	if (sys == 1) {
		err_set(err, "entry %lld was written by warroom itself and "
		    "cannot be deleted by hand (log a note instead)",
		    (long long)id);
		return -1;
	}
	if (timeline_get(st, id, &cur, err) != 0)
		return -1;
	if ((who = text_clean_name(by != NULL && !str_empty(by) ? by : "?",
	    "who deletes", err)) == NULL)
		goto out;
	if (reason != NULL && !str_empty(reason) &&
	    (why = text_clean_field(reason, "the reason", 0, err)) == NULL)
		goto out;
	if (why == NULL && (sys == TIMELINE_DECISION ||
	    strcmp(cur.author, who) != 0)) {
		err_set(err, "entry %lld is %s: deleting it needs a reason "
		    "(--reason WHY), shown with it as who deleted it, when and "
		    "why", (long long)id, sys == TIMELINE_DECISION ?
		    "a decision" : "someone else's");
		goto out;
	}
	if (sys == TIMELINE_DECISION &&
	    timeline_check_commander(st, &cur, who, "delete", err) != 0)
		goto out;
	rc = timeline_retire(st, id, version, who, why, err);
out:
	entry_clear(&cur);
	free(who);
	free(why);
	return rc;
}

/* The note that says an entry came back, and what had removed it. */
static int64_t
timeline_log_restore(struct store *st, const struct entry *cur, int sys,
    const char *who, char *err)
{
	struct entry note = {0};
	char hm[16];
	int64_t id;

	time_hm(cur->tomb_at > 0 ? cur->tomb_at : cur->edited, hm, sizeof hm);
	note.kind = KIND_NOTE;
	note.confidence = CONF_CONFIRMED;
	note.author = (char *)(uintptr_t)who;
	if (cur->tomb_at > 0) {
		/* The reason in full stays in history; a long one is cut here
		 * so the note always fits. */
		const char *why = cur->tomb_reason ? cur->tomb_reason : "";
		size_t cut = text_fit(why, 200, NULL);

		note.text = xasprintf("Restored %s #%lld (deleted by %s at %s: "
		    "%.*s%s)", sys == TIMELINE_DECISION ? "decision entry"
		    : "entry", (long long)cur->id, cur->tomb_by ? cur->tomb_by
		    : "?", hm, (int)cut, why, why[cut] != '\0' ? "…" : "");
	} else
		note.text = xasprintf("Restored entry #%lld (deleted by %s at "
		    "%s)", (long long)cur->id,
		    cur->edited_by ? cur->edited_by : "?", hm);
	id = timeline_add_tx(st, cur->incident_id, &note, err);
	free(note.text);
	return id;
}

int64_t
timeline_undelete(struct store *st, int64_t id, const char *by, char *err)
{
	static const char sql[] = "UPDATE entry SET deleted = 0, tomb_at = 0, "
	    "tomb_by = NULL, tomb_reason = NULL, version = version + 1, "
	    "edited = ?2, edited_by = ?3 WHERE id = ?1";
	struct entry cur = {0};
	char *who;
	int64_t note = -1;
	int sys;
	sqlite3_stmt *s;

	if ((who = text_clean_name(by != NULL && !str_empty(by) ? by : "?",
	    "who restores", err)) == NULL)
		return -1;
	if (store_begin(st, err) != 0) {
		free(who);
		return -1;
	}
	if (timeline_get(st, id, &cur, err) != 0 ||
	    (sys = timeline_is_system(st, id, err)) < 0)
		goto rollback;
	if (!cur.deleted && cur.tomb_at == 0) {
		err_set(err, "entry %lld is not deleted", (long long)id);
		goto rollback;
	}
	if (sys == TIMELINE_DECISION &&
	    timeline_check_commander(st, &cur, who, "bring back", err) != 0)
		goto rollback;
	if (timeline_archive(st, id, who, err) != 0)
		goto rollback;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, wr_now());
	store_bind_text(s, 3, who);
	if (store_exec_stmt(st, s, err) != 0 ||
	    (note = timeline_log_restore(st, &cur, sys, who, err)) < 0 ||
	    store_commit(st, err) != 0) {
		note = -1;
		goto rollback;
	}
	entry_clear(&cur);
	free(who);
	return note;
rollback:
	store_rollback(st);
	entry_clear(&cur);
	free(who);
	return -1;
}

/* Filters go into the statements as "?N IS NULL OR ..." so one prepared
 * statement serves every filter. instr() on lower() keeps LIKE's wildcards
 * out of what people type. */
#define FILTER_SQL                                                       \
	"AND (?2 IS NULL OR kind = ?2) "                                     \
	"AND (?3 IS NULL OR instr(lower(text), lower(?3)) > 0 "              \
	"  OR instr(lower(source), lower(?3)) > 0 "                          \
	"  OR instr(lower(author), lower(?3)) > 0) "

static int64_t timeline_count_scan(struct store *st, int64_t incident,
    const struct timeline_filter *f);

static void
timeline_bind_filter(sqlite3_stmt *s, const struct timeline_filter *f)
{
	if (f != NULL && f->kind >= 0 && f->kind < KIND_COUNT)
		sqlite3_bind_text(s, 2, kind_names[f->kind], -1, SQLITE_STATIC);
	if (f != NULL && f->text != NULL && *f->text != '\0')
		sqlite3_bind_text(s, 3, f->text, -1, SQLITE_TRANSIENT);
}

int64_t
timeline_count(struct store *st, int64_t incident,
    const struct timeline_filter *f)
{
	if (f == NULL || ((f->kind < 0 || f->kind >= KIND_COUNT) &&
	    (f->text == NULL || *f->text == '\0'))) {
		/* No filter: the count the triggers keep (schema 2). */
		static const char live[] = "SELECT coalesce((SELECT live FROM "
		    "entry_count WHERE incident_id = ?1), 0)";
		sqlite3_stmt *s = store_stmt(st, live);
		int64_t n = -1;

		sqlite3_bind_int64(s, 1, incident);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		store_done(s);
		return n;
	}
	return timeline_count_scan(st, incident, f);
}

/* Count by scanning: filters cannot use the kept count. */
static int64_t
timeline_count_scan(struct store *st, int64_t incident,
    const struct timeline_filter *f)
{
	static const char sql[] = "SELECT count(*) FROM entry WHERE "
	    "incident_id = ?1 AND deleted = 0 " FILTER_SQL;
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t n = -1;

	sqlite3_bind_int64(s, 1, incident);
	timeline_bind_filter(s, f);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	store_done(s);
	return n;
}

/* A keyset page: the rest of key's second, then the seconds after (or
 * before) it, merged in index order. The row value (event_time, id) >
 * (?4, ?5) seeks on the time only and steps over every entry of that
 * second up to the key, which a burst of thousands in one second makes
 * slow; split in two, each half seeks straight to its first row in
 * entry_by_time and the LIMIT stops both (issue 18). */
#define PAGE_WHERE "WHERE incident_id = ?1 AND deleted = 0 " FILTER_SQL
static const char SQL_PAGE_AFTER[] = ENTRY_COLUMNS PAGE_WHERE
    "AND event_time = ?4 AND id > ?5 "
    "UNION ALL " ENTRY_COLUMNS PAGE_WHERE "AND event_time > ?4 "
    "ORDER BY event_time, id LIMIT ?6";
static const char SQL_PAGE_BEFORE[] = ENTRY_COLUMNS PAGE_WHERE
    "AND event_time = ?4 AND id < ?5 "
    "UNION ALL " ENTRY_COLUMNS PAGE_WHERE "AND event_time < ?4 "
    "ORDER BY event_time DESC, id DESC LIMIT ?6";

const char *
timeline_page_sql(int dir)
{
	return dir > 0 ? SQL_PAGE_AFTER : SQL_PAGE_BEFORE;
}

int
timeline_page(struct store *st, int64_t incident,
    const struct timeline_filter *f, const struct tl_key *key, int dir,
    int limit, struct entry *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, timeline_page_sql(dir));
	int n = 0, rc = SQLITE_DONE, i;

	sqlite3_bind_int64(s, 1, incident);
	timeline_bind_filter(s, f);
	if (key != NULL) {
		sqlite3_bind_int64(s, 4, key->t);
		sqlite3_bind_int64(s, 5, key->id);
	} else {
		sqlite3_bind_int64(s, 4, dir > 0 ? INT64_MIN : INT64_MAX);
		sqlite3_bind_int64(s, 5, dir > 0 ? INT64_MIN : INT64_MAX);
	}
	sqlite3_bind_int(s, 6, limit);
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		out[n] = (struct entry){0};
		timeline_entry_row(s, &out[n++]);
	}
	if (n < limit && rc != SQLITE_DONE) {
		store_err(st, "reading timeline", err);
		store_done(s);
		timeline_clear_items(out, n);
		return -1;
	}
	store_done(s);
	if (dir < 0) /* newest first from SQL: turn into time order */
		for (i = 0; i < n / 2; i++) {
			struct entry tmp = out[i];

			out[i] = out[n - 1 - i];
			out[n - 1 - i] = tmp;
		}
	return n;
}

static void
timeline_history_row(sqlite3_stmt *s, void *item)
{
	timeline_entry_row(s, item);
}

static void
timeline_item_clear(void *item)
{
	entry_clear(item);
}

static const struct store_rowtype history_rows = {
	sizeof(struct entry), timeline_history_row, timeline_item_clear,
	"reading history"
};

int
timeline_history(struct store *st, int64_t id, struct entry **out, int *n,
    char *err)
{
	static const char sql[] = ENTRY_HISTORY_COLUMNS
	    "WHERE h.entry_id = ?1 ORDER BY h.version";
	struct entry cur = {0};
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if (timeline_get(st, id, &cur, err) != 0)
		return -1;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	*out = store_rows(st, s, &history_rows, n, err);
	if (*n < 0) {
		entry_clear(&cur);
		*n = 0;
		return -1;
	}
	/* History rows record when each version was replaced, and by whom:
	 * shift that onto the version that followed, so every version says
	 * who made it and when. */
	*out = xreallocarray(*out, (size_t)*n + 1, sizeof **out);
	(*out)[(*n)++] = cur;
	return 0;
}

void
timeline_clear_items(struct entry *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		entry_clear(&list[i]);
}

void
timeline_free(struct entry *list, int n)
{
	timeline_clear_items(list, n);
	free(list);
}

int
timeline_sources(struct store *st, int64_t incident, char ***out, int max)
{
	static const char sql[] = "SELECT source FROM entry WHERE "
	    "incident_id = ?1 AND source <> '' GROUP BY source "
	    "ORDER BY max(recorded) DESC LIMIT ?2";
	sqlite3_stmt *s = store_stmt(st, sql);
	int n = 0;

	*out = xcalloc((size_t)(max > 0 ? max : 1), sizeof **out);
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_int(s, 2, max);
	while (n < max && sqlite3_step(s) == SQLITE_ROW)
		(*out)[n++] = store_col_str(s, 0);
	store_done(s);
	return n;
}

char *
timeline_tomb_text(int64_t at, const char *by, const char *reason)
{
	char hm[16];

	time_hm(at, hm, sizeof hm);
	return xasprintf("deleted by %s at %s: %s", by ? by : "?", hm,
	    reason ? reason : "");
}

int
timeline_is_system(struct store *st, int64_t id, char *err)
{
	static const char sql[] = "SELECT CASE "
	    "WHEN EXISTS (SELECT 1 FROM decision WHERE entry_id = ?1) THEN 2 "
	    "WHEN kind IN ('phase', 'assignment', 'release') OR source = '"
	    TIMELINE_ORIGIN "' "
	    "OR EXISTS (SELECT 1 FROM status_update WHERE entry_id = ?1) "
	    "OR EXISTS (SELECT 1 FROM release WHERE entry_id = ?1) THEN 1 "
	    "ELSE 0 END FROM entry WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, r = -1;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		r = sqlite3_column_int(s, 0);
	else if (rc == SQLITE_DONE)
		err_set(err, "no timeline entry %lld", (long long)id);
	else
		store_err(st, "reading entry", err);
	store_done(s);
	return r;
}

/* Entries warroom wrote before it wrote their origin: the kinds only it
 * writes, the entries its decisions, releases and status updates point
 * at, and sign-offs by the one who signed. */
#define TIMELINE_OWN_SQL                                                   \
	"(kind IN ('phase', 'assignment', 'release') "                     \
	"OR id IN (SELECT entry_id FROM decision WHERE entry_id "          \
	"IS NOT NULL) OR id IN (SELECT entry_id FROM release WHERE "       \
	"entry_id IS NOT NULL) OR id IN (SELECT entry_id FROM "            \
	"status_update WHERE entry_id IS NOT NULL) OR (kind = 'decision' " \
	"AND text LIKE 'Sign-off: %' AND EXISTS (SELECT 1 FROM decision "  \
	"d WHERE d.incident_id = entry.incident_id AND "                   \
	"d.signed_by = entry.author)))"

int
timeline_mark_origin(struct store *st, int64_t incident, char *err)
{
	static const char sql[] = "UPDATE entry SET source = '"
	    TIMELINE_ORIGIN "' WHERE source = '' AND (?1 = 0 OR incident_id = "
	    "?1) AND " TIMELINE_OWN_SQL;
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, incident);
	return store_exec_stmt(st, s, err);
}

int
timeline_pin(struct store *st, int64_t id, int on, const char *by,
    char *err)
{
	static const char upd[] = "UPDATE entry SET pinned_at = ?2, "
	    "pinned_by = ?3 WHERE id = ?1";
	static const char log[] = "INSERT INTO pin_log (entry_id, pinned, at, "
	    "by) VALUES (?1, ?2, ?3, ?4)";
	struct entry cur = {0};
	char *who, hm[16];
	int64_t now = wr_now();
	sqlite3_stmt *s;
	int rc = -1;

	if ((who = text_clean_name(by != NULL && !str_empty(by) ? by : "?",
	    "who pins", err)) == NULL)
		return -1;
	if (store_begin(st, err) != 0) {
		free(who);
		return -1;
	}
	if (timeline_get(st, id, &cur, err) != 0)
		goto rollback;
	if (cur.deleted || cur.tomb_at > 0) {
		err_set(err, "entry %lld was deleted: bring it back before %s "
		    "it", (long long)id, on ? "pinning" : "unpinning");
		goto rollback;
	}
	if (on && cur.pinned_at > 0) {
		time_hm(cur.pinned_at, hm, sizeof hm);
		err_set(err, "entry %lld is already pinned (by %s at %s)",
		    (long long)id, cur.pinned_by ? cur.pinned_by : "?", hm);
		goto rollback;
	}
	if (!on && cur.pinned_at == 0) {
		err_set(err, "entry %lld is not pinned", (long long)id);
		goto rollback;
	}
	s = store_stmt(st, upd);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, on ? now : 0);
	if (on)
		store_bind_text(s, 3, who);
	else
		sqlite3_bind_null(s, 3);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	s = store_stmt(st, log);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, on ? 1 : 0);
	sqlite3_bind_int64(s, 3, now);
	store_bind_text(s, 4, who);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	rc = store_commit(st, err);
	goto out;
rollback:
	store_rollback(st);
out:
	entry_clear(&cur);
	free(who);
	return rc;
}

int
timeline_pinned(struct store *st, int64_t incident, struct entry *out,
    int max, int *total, char *err)
{
	static const char sql[] = ENTRY_COLUMNS "WHERE incident_id = ?1 AND "
	    "pinned_at > 0 AND deleted = 0 ORDER BY pinned_at DESC, id DESC";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, n = 0, all = 0;

	sqlite3_bind_int64(s, 1, incident);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n < max) {
			out[n] = (struct entry){0};
			timeline_entry_row(s, &out[n++]);
		}
		all++;
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading pinned entries", err);
		timeline_clear_items(out, n);
		return -1;
	}
	*total = all;
	return n;
}

int
timeline_routine(const struct entry *e, char *who, size_t n)
{
	static const char checkin[] = " checked in";
	size_t len, cut;
	const char *j, *name = e->text;
	int kind;

	if (e->kind != KIND_ASSIGNMENT || !timeline_from_warroom(e) ||
	    e->tomb_at > 0 || e->pinned_at > 0 || e->text == NULL)
		return 0;
	len = strlen(e->text);
	if (e->routine == TL_ROUTINE_NONE)
		return 0;
	if (e->routine != 0) { /* marked when written */
		kind = e->routine;
		name = e->routine_who != NULL ? e->routine_who : "";
		cut = strlen(name);
	} else if (len > sizeof checkin - 1 && strcmp(e->text + len -
	    (sizeof checkin - 1), checkin) == 0) {
		kind = TL_ROUTINE_CHECKIN;
		cut = len - (sizeof checkin - 1);
	} else if ((j = strstr(e->text, " joined as ")) != NULL ||
	    (j = strstr(e->text, " rejoined as ")) != NULL) {
		kind = TL_ROUTINE_JOIN;
		cut = (size_t)(j - e->text);
	} else
		return 0;
	if (who != NULL && n > 0)
		snprintf(who, n, "%.*s", (int)cut, name);
	return kind;
}
