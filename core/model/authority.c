/* authority.c: who is acting, what their role lets them do, and handing
 * command from one person to another. */
#include "model/authority.h"

#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "model/model.h"
#include "store/store.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/text.h"
#include "base/util.h"

#define AUTH_WHAT(id, what, who) what,
static const char *const auth_what[AUTH_COUNT] = {AUTH_ACTIONS(AUTH_WHAT)};
#undef AUTH_WHAT
#define AUTH_WHO(id, what, who) who,
static const enum auth_who auth_who[AUTH_COUNT] = {AUTH_ACTIONS(AUTH_WHO)};
#undef AUTH_WHO

const char *
authority_actor(const char *as, const struct config *cf,
    const char *unix_user)
{
	const char *env = getenv("WARROOM_AS");
	const char *mapped;

	if (as != NULL)
		return as;
	if (env != NULL && *env != '\0')
		return env;
	mapped = cf != NULL ? config_get(cf, "people", unix_user) : NULL;
	return mapped != NULL && *mapped != '\0' ? mapped : unix_user;
}

/* The scribe's name, or NULL. */
static char *
authority_scribe(struct store *st, int64_t inc)
{
	static const char sql[] = "SELECT name FROM responder WHERE "
	    "incident_id = ?1 AND role = 'scribe' AND state <> 'dismissed' "
	    "ORDER BY joined, id LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	char *n = NULL;

	sqlite3_bind_int64(s, 1, inc);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = store_col_text(s, 0);
	store_done(s);
	return n;
}

/* The refusal: what may not be done, who may, and what to do instead. */
static void
authority_refuse(struct store *st, int64_t inc, const char *actor, int role,
    const char *cmd, enum auth_action action, char *err)
{
	const char *what = auth_what[action];
	const char *you = role >= 0 ? role_names[role] : "not in the response";
	char *scribe;

	if (cmd == NULL) {
		err_set(err, "incident %lld has no commander yet, so nobody may "
		    "%s; take command with 'warroom --as NAME handoff NAME'",
		    (long long)inc, what);
		return;
	}
	switch (auth_who[action]) {
	case AUTH_WHO_COMMANDER:
		err_set(err, "only the commander, %s, may %s (you are %s, %s); "
		    "ask %s, or to take over ask for 'warroom handoff %s'",
		    cmd, what, actor, you, cmd, actor);
		break;
	case AUTH_WHO_SCRIBE:
		scribe = authority_scribe(st, inc);
		if (scribe != NULL)
			err_set(err, "only the scribe, %s, or the commander, "
			    "%s, may %s (you are %s, %s)", scribe, cmd, what,
			    actor, you);
		else
			err_set(err, "only the scribe or the commander, %s, "
			    "may %s (you are %s, %s); the commander names a "
			    "scribe with 'warroom join NAME --role scribe'",
			    cmd, what, actor, you);
		free(scribe);
		break;
	default:
		err_set(err, "%s is not in the response of incident %lld, so "
		    "may not %s; the commander, %s, adds people with "
		    "'warroom join %s'", actor, (long long)inc, what, cmd,
		    actor);
		break;
	}
}

int
authority_check(struct store *st, int64_t inc, const char *actor,
    enum auth_action action, char *err)
{
	char *cmd = NULL;
	int role, ok;

	if (action < 0 || action >= AUTH_COUNT || actor == NULL) {
		err_set(err, "internal: unknown action");
		return -1;
	}
	if ((role = role_of(st, inc, actor, err)) == -2 ||
	    role_commander(st, inc, &cmd, err) != 0)
		return -1;
	switch (auth_who[action]) {
	case AUTH_WHO_COMMANDER:
		/* With nobody in command, anyone may take it (old databases,
		 * an import without a commander). */
		ok = role == ROLE_COMMANDER ||
		    (cmd == NULL && action == AUTH_HANDOFF);
		break;
	case AUTH_WHO_SCRIBE:
		ok = role == ROLE_COMMANDER || role == ROLE_SCRIBE;
		break;
	default:
		ok = role >= 0;
		break;
	}
	if (!ok)
		authority_refuse(st, inc, actor, role, cmd, action, err);
	free(cmd);
	return ok ? 0 : -1;
}

int
authority_record_role(struct store *st, int64_t inc, const char *name,
    int old_role, int new_role, const char *by, char *err)
{
	static const char sql[] = "INSERT INTO role_change (incident_id, name, "
	    "old_role, new_role, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 3, old_role >= 0 ? role_names[old_role] : NULL);
	sqlite3_bind_text(s, 4, role_names[new_role], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, wr_now());
	sqlite3_bind_text(s, 6, by, -1, SQLITE_TRANSIENT);
	return store_exec_stmt(st, s, err);
}

/* Give name role in inc (joining them, active, when absent or dismissed);
 * its role before in *old (-1: was not in the response). */
static int
authority_set_role(struct store *st, int64_t inc, const char *name,
    int role, int *old, char *err)
{
	static const char find[] = "SELECT role, state FROM responder WHERE "
	    "incident_id = ?1 AND name = ?2";
	static const char upd[] = "UPDATE responder SET role = ?3, state = "
	    "CASE WHEN state = 'dismissed' OR ?3 = 'commander' THEN 'active' "
	    "ELSE state END WHERE incident_id = ?1 AND name = ?2";
	static const char add[] = "INSERT INTO responder (incident_id, name, "
	    "role, state, joined, last_checkin) VALUES (?1, ?2, ?3, 'active', "
	    "?4, ?4)";
	sqlite3_stmt *s = store_stmt(st, find);
	int rc, found;

	*old = -1;
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	found = rc == SQLITE_ROW;
	if (found && strcmp((const char *)sqlite3_column_text(s, 1),
	    "dismissed") != 0)
		*old = enum_parse(role_names, ROLE_COUNT,
		    (const char *)sqlite3_column_text(s, 0));
	store_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_err(st, "reading the board", err);
		return -1;
	}
	s = store_stmt(st, found ? upd : add);
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, role_names[role], -1, SQLITE_STATIC);
	if (!found)
		sqlite3_bind_int64(s, 4, wr_now());
	return store_exec_stmt(st, s, err);
}

/* The writes of a handoff, in the caller's transaction. */
static int
authority_handoff_tx(struct store *st, int64_t inc, const char *cmd,
    const char *to, int prev_role, const char *by, char *err)
{
	static const char sql[] = "UPDATE incident SET commander = ?2 "
	    "WHERE id = ?1";
	struct entry e = {0};
	sqlite3_stmt *s;
	int old, rc;

	/* The old commander first: one commander at any moment. */
	if (cmd != NULL && (authority_set_role(st, inc, cmd, prev_role, &old,
	    err) != 0 || authority_record_role(st, inc, cmd, ROLE_COMMANDER,
	    prev_role, by, err) != 0))
		return -1;
	if (authority_set_role(st, inc, to, ROLE_COMMANDER, &old, err) != 0 ||
	    authority_record_role(st, inc, to, old, ROLE_COMMANDER, by,
	    err) != 0)
		return -1;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	e.kind = KIND_ASSIGNMENT;
	e.author = (char *)(uintptr_t)by;
	e.text = cmd != NULL ? xasprintf("%s handed command to %s; %s stays "
	    "in the response as %s", cmd, to, cmd, role_names[prev_role])
	    : xasprintf("%s took command", to);
	rc = timeline_add_tx(st, inc, &e, err) < 0 ? -1 : 0;
	free(e.text);
	return rc;
}

int
authority_handoff(struct store *st, int64_t inc, const char *to,
    int prev_role, const char *by, char *err)
{
	char *n, *cmd = NULL;
	int rc = -1;

	if (prev_role < 0 || prev_role >= ROLE_COUNT ||
	    prev_role == ROLE_COMMANDER) {
		err_set(err, "the commander before stays as scribe, ops, comms "
		    "or responder, not as a second commander");
		return -1;
	}
	if ((n = text_clean_name(to, "name", err)) == NULL)
		return -1;
	if (store_begin(st, err) != 0) {
		free(n);
		return -1;
	}
	if (authority_check(st, inc, by, AUTH_HANDOFF, err) != 0 ||
	    role_commander(st, inc, &cmd, err) != 0)
		goto out;
	if (cmd != NULL && strcmp(cmd, n) == 0) {
		err_set(err, "%s is already the commander", n);
		goto out;
	}
	rc = authority_handoff_tx(st, inc, cmd, n, prev_role, by, err);
out:
	if (rc == 0)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	free(cmd);
	free(n);
	return rc;
}

static void
authority_change_row(sqlite3_stmt *s, void *item)
{
	struct role_change *r = item;
	const char *old = (const char *)sqlite3_column_text(s, 1);

	r->name = store_col_str(s, 0);
	r->old_role = old != NULL ? enum_parse(role_names, ROLE_COUNT, old)
	    : -1;
	r->new_role = enum_parse(role_names, ROLE_COUNT,
	    (const char *)sqlite3_column_text(s, 2));
	if (r->new_role < 0)
		r->new_role = ROLE_RESPONDER;
	r->at = sqlite3_column_int64(s, 3);
	r->by = store_col_str(s, 4);
}

static void
authority_change_clear(void *item)
{
	struct role_change *r = item;

	free(r->name);
	free(r->by);
}

static const struct store_rowtype role_change_rows = {
	sizeof(struct role_change), authority_change_row,
	authority_change_clear, "reading the role history"
};

int
authority_history(struct store *st, int64_t inc, struct role_change **out,
    int *n, char *err)
{
	static const char sql[] = "SELECT name, old_role, new_role, at, by "
	    "FROM role_change WHERE incident_id = ?1 ORDER BY at, id";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, inc);
	*out = store_rows(st, s, &role_change_rows, n, err);
	if (*n < 0) {
		*n = 0;
		return -1;
	}
	return 0;
}

void
authority_history_free(struct role_change *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		authority_change_clear(&v[i]);
	free(v);
}

/* The guard: the check a connection's writes ask for, and its answer in
 * the transaction under way (0: not asked yet). */
struct auth_guard {
	struct store *st;
	int64_t inc;
	char *actor;
	enum auth_action action;
	int answer; /* 1 allowed, -1 refused, 0 not asked in this one */
	char err[ERR_LEN];
};

/* The response's tables: a temporary trigger on each write to them asks
 * wr_authority(). */
#define AUTH_TRIG(t, op) "CREATE TEMP TRIGGER IF NOT EXISTS wr_auth_" t \
	"_" op " BEFORE " op " ON main." t " BEGIN SELECT wr_authority(); END;"
#define AUTH_DROP(t, op) "DROP TRIGGER IF EXISTS temp.wr_auth_" t "_" op ";"
#define AUTH_TABLES(X)                                                  \
	X("entry", "INSERT") X("entry", "UPDATE") X("entry", "DELETE")  \
	X("incident", "UPDATE") X("incident", "DELETE")                 \
	X("responder", "INSERT") X("responder", "UPDATE")               \
	X("responder", "DELETE") X("assignment", "INSERT")              \
	X("assignment", "UPDATE") X("assignment", "DELETE")             \
	X("decision", "INSERT") X("decision", "UPDATE")                 \
	X("decision", "DELETE") X("status_update", "INSERT")            \
	X("status_update", "UPDATE") X("status_update", "DELETE")       \
	X("action", "INSERT") X("action", "UPDATE") X("action", "DELETE") \
	X("release", "INSERT") X("release", "UPDATE")
static const char auth_guard_on[] = AUTH_TABLES(AUTH_TRIG);
static const char auth_guard_off[] = AUTH_TABLES(AUTH_DROP);

static void
authority_guard_free(void *p)
{
	struct auth_guard *g = p;

	if (g != NULL)
		free(g->actor);
	free(g);
}

/* A commit or a rollback ends the transaction: the next one asks again. */
static int
authority_guard_commit(void *p)
{
	((struct auth_guard *)p)->answer = 0;
	return 0;
}

static void
authority_guard_rollback(void *p)
{
	((struct auth_guard *)p)->answer = 0;
}

/* wr_authority(): called by the temporary triggers at each write, inside
 * the writer's transaction. The answer is kept for the transaction: a
 * handoff made in it (its own writes) does not undo what was allowed. */
static void
authority_guard_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct auth_guard *g = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	if (g->answer == 0)
		g->answer = authority_check(g->st, g->inc, g->actor, g->action,
		    g->err) == 0 ? 1 : -1;
	if (g->answer < 0)
		sqlite3_result_error(ctx, g->err, -1);
	else
		sqlite3_result_int(ctx, 1);
}

int
authority_guard(struct store *st, int64_t inc, const char *actor,
    enum auth_action action, char *err)
{
	sqlite3 *db = store_db(st);
	struct auth_guard *g = xcalloc(1, sizeof *g);

	g->st = st;
	g->inc = inc;
	g->actor = xstrdup(actor);
	g->action = action;
	if (sqlite3_create_function_v2(db, "wr_authority", 0, SQLITE_UTF8, g,
	    authority_guard_fn, NULL, NULL, authority_guard_free) !=
	    SQLITE_OK) {
		store_err(st, "guarding authority", err);
		return -1;
	}
	sqlite3_commit_hook(db, authority_guard_commit, g);
	sqlite3_rollback_hook(db, authority_guard_rollback, g);
	/* Fixed text (no input in it): several statements at once. */
	if (sqlite3_exec(db, auth_guard_on, NULL, NULL, NULL) != SQLITE_OK) {
		store_err(st, "guarding authority", err);
		authority_unguard(st);
		return -1;
	}
	return 0;
}

void
authority_unguard(struct store *st)
{
	sqlite3 *db = store_db(st);

	(void)sqlite3_exec(db, auth_guard_off, NULL, NULL, NULL);
	sqlite3_commit_hook(db, NULL, NULL);
	sqlite3_rollback_hook(db, NULL, NULL);
	/* Removing the function frees the guard. */
	(void)sqlite3_create_function_v2(db, "wr_authority", 0, SQLITE_UTF8,
	    NULL, NULL, NULL, NULL, NULL);
}
