/* board.c: who is in the response, and what each one is doing for what. */
#include "model/board.h"

#include <stdlib.h>
#include <string.h>

#include "model/authority.h"
#include "model/incident.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/util.h"

/* A board entry about who (NULL: several people), routine or not
 * (TL_ROUTINE_*, TL_ROUTINE_NONE): the mark the screens fold by. */
static int
board_note(struct store *st, int64_t inc, const char *by, const char *who,
    int routine, char *text, char *err)
{
	struct entry e = {0};
	int64_t r;

	e.kind = KIND_ASSIGNMENT;
	e.author = (char *)(uintptr_t)by;
	e.text = text;
	e.routine = routine;
	e.routine_who = (char *)(uintptr_t)(who != NULL ? who : "");
	r = timeline_add_tx(st, inc, &e, err);
	free(text);
	return r < 0 ? -1 : 0;
}

/* s cut to at most cols columns at a character boundary, for messages. */
static void
board_name_add(struct buf *b, const char *s, int cols)
{
	size_t n = text_fit(s, cols, NULL);

	buf_add(b, s, n);
	if (s[n] != '\0')
		buf_adds(b, "…");
}

/* How far a typed name may be from a real one to be suggested. */
static int
board_near_max(const char *typed)
{
	int max = text_chars(typed) / 3;

	return max < 1 ? 1 : max;
}

int
board_name_near(const char *typed, const char *name)
{
	int max = board_near_max(typed);

	return text_distance(typed, name, max) <= max;
}

int
board_suggest(struct store *st, int64_t inc, const char *name,
    char ***out)
{
	static const char sql[] = "SELECT name FROM responder WHERE "
	    "incident_id = ?1 ORDER BY name";
	sqlite3_stmt *s = store_stmt(st, sql);
	int max = board_near_max(name), n = 0, d, i;
	int dist[BOARD_SUGGEST_MAX];

	*out = xcalloc(BOARD_SUGGEST_MAX + 1, sizeof **out);
	sqlite3_bind_int64(s, 1, inc);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *cand = (const char *)sqlite3_column_text(s, 0);

		if (cand == NULL || strcmp(cand, name) == 0 ||
		    (d = text_distance(name, cand, max)) > max)
			continue;
		/* Keep the closest few, closest first, by name within. */
		for (i = n; i > 0 && dist[i - 1] > d; i--)
			;
		if (i >= BOARD_SUGGEST_MAX)
			continue;
		if (n == BOARD_SUGGEST_MAX)
			free((*out)[--n]);
		memmove(&(*out)[i + 1], &(*out)[i], (size_t)(n - i) *
		    sizeof **out);
		memmove(&dist[i + 1], &dist[i], (size_t)(n - i) * sizeof *dist);
		(*out)[i] = xstrdup(cand);
		dist[i] = d;
		n++;
	}
	store_done(s);
	return n;
}

void
board_suggest_free(char **list)
{
	int i;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		free(list[i]);
	free(list);
}

void
board_did_you_mean(struct buf *b, const char *lead, char *const *near,
    int n)
{
	int i;

	for (i = 0; i < n; i++) {
		buf_adds(b, i == 0 ? lead : i == n - 1 ? " or " : ", ");
		buf_adds(b, near[i]);
	}
	if (n > 0)
		buf_addc(b, '?');
}

/* "NAME is not in the response; did you mean A or B? ..." into err. */
static void
board_unknown(struct store *st, int64_t inc, const char *name, char *err)
{
	struct buf b = {0}, cut = {0};
	char **near;
	int n = board_suggest(st, inc, name, &near), i;

	for (i = 0; i < n; i++) {
		board_name_add(&cut, near[i], 24);
		free(near[i]);
		near[i] = buf_take(&cut);
	}
	board_name_add(&b, name, 24);
	buf_adds(&b, " is not in the response");
	board_did_you_mean(&b, "; did you mean ", near, n);
	buf_adds(&b, " (to add ");
	board_name_add(&b, name, 24);
	buf_adds(&b, ": warroom join, or assign --join to add and assign at "
	    "once)");
	err_set(err, "%s", b.p);
	buf_free(&b);
	board_suggest_free(near);
}

/* The responder id of name, joining them (idle) when absent and join is
 * set; 0 when absent and not joining (err says so, with the names it
 * may have meant); -1 on error. In the caller's transaction. */
static int64_t
board_find(struct store *st, int64_t inc, const char *name, int join,
    int *state, char *err)
{
	static const char find[] = "SELECT id, state FROM responder WHERE "
	    "incident_id = ?1 AND name = ?2";
	static const char add[] = "INSERT INTO responder (incident_id, name, "
	    "role, state, joined, last_checkin) VALUES (?1, ?2, 'responder', "
	    "'idle', ?3, ?3)";
	sqlite3_stmt *s = store_stmt(st, find);
	int64_t id = 0;
	int rc;

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		if (state != NULL)
			*state = enum_parse(rstate_names, RSTATE_COUNT,
			    (const char *)sqlite3_column_text(s, 1));
	} else if (rc != SQLITE_DONE) {
		store_err(st, "reading board", err);
		id = -1;
	}
	store_done(s);
	if (id == 0 && !join)
		board_unknown(st, inc, name, err);
	if (id != 0 || !join)
		return id;
	s = store_stmt(st, add);
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, wr_now());
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	if (state != NULL)
		*state = -1; /* new */
	return sqlite3_last_insert_rowid(store_db(st));
}

int
board_known(struct store *st, int64_t inc, const char *name, char *err)
{
	char *n = text_clean_name(name, "name", err);
	int64_t id;

	if (n == NULL)
		return -1;
	id = board_find(st, inc, n, 0, NULL, err);
	free(n);
	return id > 0 ? 0 : -1;
}

/* Begin, check the incident, clean the name. */
static char *
board_begin(struct store *st, int64_t inc, const char *name, char *err)
{
	struct incident i = {0};
	char *n = text_clean_name(name, "name", err);

	if (n == NULL)
		return NULL;
	if (store_begin(st, err) != 0) {
		free(n);
		return NULL;
	}
	if (incident_load(st, inc, &i, err) != 0) {
		store_rollback(st);
		free(n);
		return NULL;
	}
	incident_clear(&i);
	return n;
}

static int
board_end(struct store *st, char *name, int ok, char *err)
{
	free(name);
	if (!ok) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

/* Joining someone already in the response changes nothing and logs
 * nothing; a role given that differs from theirs is a role change. */
static int
board_join_existing(struct store *st, int64_t inc, int64_t id,
    const char *n, int role, const char *by, char *err)
{
	static const char get[] = "SELECT role FROM responder WHERE id = ?1";
	static const char set[] = "UPDATE responder SET role = ?2 WHERE "
	    "id = ?1";
	sqlite3_stmt *s = store_stmt(st, get);
	int cur = ROLE_RESPONDER;

	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		cur = enum_parse(role_names, ROLE_COUNT,
		    (const char *)sqlite3_column_text(s, 0));
	store_done(s);
	if (role < 0 || role == cur)
		return 1;
	s = store_stmt(st, set);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, role_names[role], -1, SQLITE_STATIC);
	if (store_exec_stmt(st, s, err) != 0 ||
	    board_note(st, inc, by, n, TL_ROUTINE_NONE, xasprintf("%s's "
	    "role: %s (was %s)", n, role_names[role], cur >= 0 ?
	    role_names[cur] : "?"), err) != 0)
		return -1;
	return 0;
}

/* The role name holds now (-1: not in the response), or -2 with err when
 * joining as role would make or unmake a commander: that is a handoff. */
static int
board_join_role(struct store *st, int64_t inc, const char *name, int role,
    char *err)
{
	int old = role_of(st, inc, name, err);

	if (old == -2)
		return -2;
	if (old == ROLE_COMMANDER && role == ROLE_COMMANDER)
		err_set(err, "%s is already the commander", name);
	else if (role == ROLE_COMMANDER)
		err_set(err, "there is one commander at a time: to make %s "
		    "the commander, use 'warroom handoff %s'", name, name);
	else if (old == ROLE_COMMANDER)
		err_set(err, "%s is the commander: hand command to someone "
		    "first ('warroom handoff NAME --role %s')", name,
		    role_names[role]);
	else
		return old;
	return -2;
}

/* A role taken up through join (old: the role held before, -1 none) is
 * kept in the role history. */
static int
board_join_record(struct store *st, int64_t inc, const char *n, int old,
    int role, const char *by, char *err)
{
	if (old != role && authority_record_role(st, inc, n, old, role, by,
	    err) != 0)
		return -1;
	return 0;
}

/* The role a responder row holds, or -1. */
static int
board_role_of(struct store *st, int64_t id)
{
	static const char get[] = "SELECT role FROM responder WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, get);
	int role = -1;

	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		role = enum_parse(role_names, ROLE_COUNT,
		    (const char *)sqlite3_column_text(s, 0));
	store_done(s);
	return role;
}

int
board_join(struct store *st, int64_t inc, const char *name, int role,
    const char *by, char *err)
{
	static const char sql[] = "UPDATE responder SET role = ?2, state = "
	    "'idle', last_checkin = ?3 WHERE id = ?1";
	sqlite3_stmt *s;
	char *n;
	int64_t id;
	int state = -1, rc, old;

	if (role >= ROLE_COUNT) {
		char *l = enum_list(role_names, ROLE_COUNT);

		err_set(err, "unknown role (use one of: %s)", l);
		free(l);
		return -1;
	}
	if ((n = board_begin(st, inc, name, err)) == NULL)
		return -1;
	/* The role before (-1: not in the response), read before the row
	 * of someone new is made. */
	if ((old = role_of(st, inc, n, err)) == -2 ||
	    (id = board_find(st, inc, n, 1, &state, err)) < 0)
		return board_end(st, n, 0, err);
	if (state >= 0 && state != RSTATE_DISMISSED) {
		/* In the response already: nothing, or a role change. */
		if (role < 0 || role == board_role_of(st, id)) {
			free(n);
			store_rollback(st);
			return 1;
		}
		if (board_join_role(st, inc, n, role, err) == -2 ||
		    board_join_record(st, inc, n, old, role, by, err) != 0)
			return board_end(st, n, 0, err);
		rc = board_join_existing(st, inc, id, n, role, by, err);
		return board_end(st, n, rc == 0, err);
	}
	if (role < 0 && state == RSTATE_DISMISSED)
		role = board_role_of(st, id);
	if (role < 0)
		role = ROLE_RESPONDER;
	if (role == ROLE_COMMANDER) {
		err_set(err, "there is one commander at a time: to make %s "
		    "the commander, use 'warroom handoff %s'", n, n);
		return board_end(st, n, 0, err);
	}
	if (board_join_record(st, inc, n, old, role, by, err) != 0)
		return board_end(st, n, 0, err);
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, role_names[role], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, wr_now());
	if (store_exec_stmt(st, s, err) != 0 ||
	    board_note(st, inc, by, n, TL_ROUTINE_JOIN, xasprintf("%s %s as "
	    "%s", n, state == RSTATE_DISMISSED ? "rejoined" : "joined",
	    role_names[role]), err) != 0)
		return board_end(st, n, 0, err);
	return board_end(st, n, 1, err);
}

/* Close name's active assignment as astate; 1 if there was one. */
static int
board_close(struct store *st, int64_t rid, int astate, char *err)
{
	static const char sql[] = "UPDATE assignment SET state = ?2, "
	    "updated = ?3 WHERE responder_id = ?1 AND state = 'active'";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_text(s, 2, astate_names[astate], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, wr_now());
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	return sqlite3_changes(store_db(st)) > 0;
}

static int
board_set_state(struct store *st, int64_t rid, const char *state,
    int checkin, char *err)
{
	static const char sql[] = "UPDATE responder SET state = ?2, "
	    "last_checkin = CASE WHEN ?4 THEN ?3 ELSE last_checkin END "
	    "WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, wr_now());
	sqlite3_bind_int(s, 4, checkin);
	return store_exec_stmt(st, s, err);
}

/* s as compared for substance: ASCII case folded, each run of spaces
 * (ideographic ones too) one space between two ASCII characters (words
 * of Latin text), none beside others (Japanese has no spaces between
 * words: "DB のログ" is "DB の ログ") nor at the ends. Caller frees. */
static char *
board_norm(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	int gap = 0;

	while (*s != '\0') {
		size_t sp = strchr(" \t\n\r", *s) != NULL ? 1 :
		    strncmp(s, "\xe3\x80\x80", 3) == 0 ? 3 : 0; /* U+3000 */

		if (sp > 0) {
			s += sp;
			gap = 1;
			continue;
		}
		if (gap && o > out && (unsigned char)o[-1] < 0x80 &&
		    (unsigned char)*s < 0x80)
			*o++ = ' ';
		gap = 0;
		*o++ = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		s++;
	}
	*o = '\0';
	return out;
}

static int
board_same_words(const char *a, const char *b)
{
	char *x = board_norm(a), *y = board_norm(b);
	int same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

/* TL_ROUTINE_SAME when purpose p and task t are in substance those of
 * responder rid's last assignment, still in hand or dropped (assigned the
 * same again, back after a dismissal with the same task), else
 * TL_ROUTINE_NONE: a new purpose or task is news, and so is a task
 * finished (done) and given again. Read before the old one is closed. */
static int
board_unchanged(struct store *st, int64_t rid, const char *p, const char *t)
{
	static const char sql[] = "SELECT purpose, task, state FROM "
	    "assignment WHERE responder_id = ?1 ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int same = 0;

	sqlite3_bind_int64(s, 1, rid);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *op = (const char *)sqlite3_column_text(s, 0);
		const char *ot = (const char *)sqlite3_column_text(s, 1);
		const char *st8 = (const char *)sqlite3_column_text(s, 2);

		same = op != NULL && ot != NULL && st8 != NULL &&
		    strcmp(st8, astate_names[ASTATE_DONE]) != 0 &&
		    board_same_words(op, p) && board_same_words(ot, t);
	}
	store_done(s);
	return same ? TL_ROUTINE_SAME : TL_ROUTINE_NONE;
}

/* Assign name; join is set for assign --join: someone not yet in the
 * response joins as a responder in the same transaction. */
static int
board_assign_do(struct store *st, int64_t inc, const char *name,
    const char *purpose, const char *task, int join, const char *by,
    char *err)
{
	static const char sql[] = "INSERT INTO assignment (incident_id, "
	    "responder_id, purpose, task, state, created, updated) VALUES "
	    "(?1, ?2, ?3, ?4, 'active', ?5, ?5)";
	char *p, *t, *n;
	sqlite3_stmt *s;
	int64_t rid;
	int had, ok = 0, state = 0, same;

	/* The talk: every request names one person, for what, do what. */
	if (purpose == NULL || str_empty(purpose)) {
		err_set(err, "an assignment needs a purpose: for what? "
		    "(--purpose TEXT)");
		return -1;
	}
	if (task == NULL || str_empty(task)) {
		err_set(err, "an assignment needs a task: do what? (--task TEXT)");
		return -1;
	}
	if ((p = text_clean_field(purpose, "purpose", 0, err)) == NULL)
		return -1;
	if ((t = text_clean_field(task, "task", 0, err)) == NULL) {
		free(p);
		return -1;
	}
	if ((n = board_begin(st, inc, name, err)) == NULL)
		goto out;
	if ((rid = board_find(st, inc, n, join, &state, err)) <= 0 ||
	    (state < 0 && board_note(st, inc, by, n, TL_ROUTINE_JOIN,
	    xasprintf("%s joined as responder", n), err) != 0))
		goto end;
	same = board_unchanged(st, rid, p, t);
	if ((had = board_close(st, rid, ASTATE_DROPPED, err)) < 0)
		goto end;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_int64(s, 2, rid);
	sqlite3_bind_text(s, 3, p, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, t, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, wr_now());
	if (store_exec_stmt(st, s, err) != 0 ||
	    board_set_state(st, rid, "active", 1, err) != 0 ||
	    board_note(st, inc, by, n, same, xasprintf("%s %s: for %s, "
	    "do %s", n, had ? "reassigned" : "assigned", p, t), err) != 0)
		goto end;
	ok = 1;
end:
	ok = board_end(st, n, ok, err) == 0;
out:
	free(p);
	free(t);
	return ok ? 0 : -1;
}

int
board_assign(struct store *st, int64_t inc, const char *name,
    const char *purpose, const char *task, const char *by, char *err)
{
	return board_assign_do(st, inc, name, purpose, task, 0, by, err);
}

int
board_assign_join(struct store *st, int64_t inc, const char *name,
    const char *purpose, const char *task, const char *by, char *err)
{
	return board_assign_do(st, inc, name, purpose, task, 1, by, err);
}

int
board_checkin(struct store *st, int64_t inc, const char *name,
    const char *by, char *err)
{
	static const char sql[] = "UPDATE responder SET last_checkin = ?2, "
	    "state = CASE WHEN state = 'dismissed' THEN 'idle' ELSE state END "
	    "WHERE id = ?1";
	sqlite3_stmt *s;
	char *n;
	int64_t rid;

	if ((n = board_begin(st, inc, name, err)) == NULL)
		return -1;
	if ((rid = board_find(st, inc, n, 0, NULL, err)) <= 0)
		return board_end(st, n, 0, err);
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_int64(s, 2, wr_now());
	if (store_exec_stmt(st, s, err) != 0 ||
	    board_note(st, inc, by, n, TL_ROUTINE_CHECKIN, xasprintf("%s "
	    "checked in", n), err) != 0)
		return board_end(st, n, 0, err);
	return board_end(st, n, 1, err);
}

int
board_finish(struct store *st, int64_t inc, const char *name, int astate,
    const char *by, char *err)
{
	char *n;
	int64_t rid;
	int had;

	if (astate != ASTATE_DONE && astate != ASTATE_DROPPED) {
		err_set(err, "an assignment ends as done or dropped");
		return -1;
	}
	if ((n = board_begin(st, inc, name, err)) == NULL)
		return -1;
	if ((rid = board_find(st, inc, n, 0, NULL, err)) <= 0)
		return board_end(st, n, 0, err);
	if ((had = board_close(st, rid, astate, err)) <= 0) {
		if (had == 0)
			err_set(err, "%s has no active assignment", n);
		return board_end(st, n, 0, err);
	}
	if (board_set_state(st, rid, "idle", 1, err) != 0 ||
	    board_note(st, inc, by, n, TL_ROUTINE_NONE, xasprintf("%s's "
	    "assignment %s", n, astate_names[astate]), err) != 0)
		return board_end(st, n, 0, err);
	return board_end(st, n, 1, err);
}

int
board_dismiss(struct store *st, int64_t inc, const char *name,
    const char *by, char *err)
{
	char *n;
	int64_t rid;
	int state = -1;

	if ((n = board_begin(st, inc, name, err)) == NULL)
		return -1;
	if ((rid = board_find(st, inc, n, 0, &state, err)) <= 0)
		return board_end(st, n, 0, err);
	if (state == RSTATE_DISMISSED) {
		err_set(err, "%s is already dismissed", n);
		return board_end(st, n, 0, err);
	}
	if (board_close(st, rid, ASTATE_DROPPED, err) < 0 ||
	    board_set_state(st, rid, "dismissed", 0, err) != 0 ||
	    board_note(st, inc, by, n, TL_ROUTINE_NONE, xasprintf("%s "
	    "dismissed: back to normal work", n), err) != 0)
		return board_end(st, n, 0, err);
	return board_end(st, n, 1, err);
}

int
board_standing_role(int role)
{
	return role == ROLE_COMMANDER || role == ROLE_SCRIBE ||
	    role == ROLE_COMMS;
}

int
board_is_idle(const struct responder *r)
{
	return r->asg_id == 0 && r->state != RSTATE_DISMISSED &&
	    !board_standing_role(r->role);
}

/* When name handed off command of inc (the latest time), 0 if never, -1
 * with err. */
static int64_t
board_handed_off(struct store *st, int64_t inc, const char *name, char *err)
{
	static const char sql[] = "SELECT coalesce(max(at), 0) FROM "
	    "role_change WHERE incident_id = ?1 AND name = ?2 AND old_role = "
	    "'commander' AND new_role != 'commander'";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t at = -1;

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		at = sqlite3_column_int64(s, 0);
	else
		store_err(st, "reading role changes", err);
	store_done(s);
	return at;
}

/* Idle, but the commander before: they hold what the new commander needs
 * to hear, so dismiss --idle keeps them (dismiss NAME releases them).
 * Added to kept; 1 kept, 0 not, -1 with err. */
static int
board_keep_idle(struct store *st, int64_t inc, const struct responder *r,
    struct buf *kept, char *err)
{
	int64_t at = board_handed_off(st, inc, r->name, err), now = wr_now();
	char ago[32];

	if (at <= 0)
		return at < 0 ? -1 : 0;
	time_dur(now > at ? now - at : 0, ago, sizeof ago);
	buf_addf(kept, "%s%s: handed off command %s ago", kept->len ? ", " :
	    "", r->name, ago);
	return 1;
}

int
board_dismiss_idle_kept(struct store *st, int64_t inc, const char *by,
    char **kept, char *err)
{
	static const char upd[] = "UPDATE responder SET state = 'dismissed' "
	    "WHERE id = ?1";
	struct incident i = {0};
	struct responder *list = NULL;
	struct buf names = {0}, keep = {0};
	sqlite3_stmt *s;
	int n = 0, cnt = 0, k, hold;

	*kept = NULL;
	if (store_begin(st, err) != 0)
		return -1;
	if (incident_load(st, inc, &i, err) != 0 ||
	    board_load(st, inc, wr_now(), i.checkin_interval, &list, &cnt,
	    err) != 0)
		goto fail;
	/* The one rule of who is idle, the same the screen shows. */
	for (k = 0; k < cnt; k++) {
		if (!board_is_idle(&list[k]))
			continue;
		if ((hold = board_keep_idle(st, inc, &list[k], &keep, err)) < 0)
			goto fail;
		if (hold)
			continue;
		s = store_stmt(st, upd);
		sqlite3_bind_int64(s, 1, list[k].id);
		if (store_exec_stmt(st, s, err) != 0)
			goto fail;
		buf_addf(&names, "%s%s", n ? ", " : "", list[k].name);
		n++;
	}
	if (n == 0) {
		store_rollback(st);
		goto out;
	}
	if (board_note(st, inc, by, NULL, TL_ROUTINE_NONE, xasprintf(
	    "Dismissed %d idle: %s%s%s", n, names.p, keep.len ? "; kept "
	    : "", keep.len ? keep.p : ""), err) != 0)
		goto fail;
	if (store_commit(st, err) != 0)
		n = -1;
	goto out;
fail:
	store_rollback(st);
	n = -1;
out:
	if (n >= 0 && keep.len > 0)
		*kept = xstrdup(keep.p);
	incident_clear(&i);
	board_free(list, cnt);
	buf_free(&names);
	buf_free(&keep);
	return n;
}

int
board_dismiss_idle(struct store *st, int64_t inc, const char *by, char *err)
{
	char *kept;
	int n = board_dismiss_idle_kept(st, inc, by, &kept, err);

	free(kept);
	return n;
}

int
board_clock_ahead(const struct responder *r, int64_t now)
{
	return time_ahead(r->last_checkin, now) ||
	    (r->asg_id != 0 && time_ahead(r->asg_since, now));
}

int
board_is_stale(const struct responder *r, int64_t now, int stale_after)
{
	int64_t last = 0;

	if (r->asg_id == 0 || r->state == RSTATE_DISMISSED)
		return 0;
	/* A stamp from a clock running ahead would read as fresh for as long
	 * as that clock is ahead: only stamps our clock agrees with count
	 * (else joining the board; with none, it is overdue). */
	if (!time_ahead(r->last_checkin, now))
		last = r->last_checkin;
	if (!time_ahead(r->asg_since, now) && r->asg_since > last)
		last = r->asg_since;
	if (last == 0 && !time_ahead(r->joined, now))
		last = r->joined;
	return now - last > stale_after;
}

static int
board_rank(const struct responder *r, int64_t now, int stale_after)
{
	if (board_is_stale(r, now, stale_after))
		return 0;
	if (r->state == RSTATE_DISMISSED)
		return 3;
	if (board_is_idle(r))
		return 1;
	return 2;
}

/* The select list of a responder as r, in board_responder_row's order. */
#define RESPONDER_COLUMNS "r.id, r.name, r.role, r.state, r.joined, " \
	"r.last_checkin"

/* Fill r from the first columns of a row selected with RESPONDER_COLUMNS. */
static void
board_responder_row(sqlite3_stmt *s, struct responder *r)
{
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

/* A responder and their active assignment, if any. */
static void
board_row(sqlite3_stmt *s, void *item)
{
	struct responder *r = item;

	board_responder_row(s, r);
	r->asg_id = sqlite3_column_int64(s, 6);
	r->purpose = store_col_text(s, 7);
	r->task = store_col_text(s, 8);
	r->asg_since = sqlite3_column_int64(s, 9);
}

static void
board_item_clear(void *item)
{
	responder_clear(item);
}

static const struct store_rowtype board_rows = {
	sizeof(struct responder), board_row, board_item_clear, "reading board"
};

int
board_load(struct store *st, int64_t inc, int64_t now, int stale_after,
    struct responder **out, int *n, char *err)
{
	static const char sql[] = "SELECT " RESPONDER_COLUMNS ", a.id, "
	    "a.purpose, a.task, a.created FROM responder r LEFT JOIN "
	    "assignment a ON a.responder_id = r.id AND a.state = 'active' "
	    "WHERE r.incident_id = ?1 ORDER BY r.name";
	sqlite3_stmt *s = store_stmt(st, sql);
	struct responder *list;
	int cnt, i, j;

	sqlite3_bind_int64(s, 1, inc);
	list = store_rows(st, s, &board_rows, &cnt, err);
	if (cnt < 0)
		return -1;
	/* Attention first: stale, idle, active, dismissed; stable by name.
	 * Insertion sort: a board has tens of rows. */
	for (i = 1; i < cnt; i++) {
		struct responder tmp = list[i];
		int rk = board_rank(&tmp, now, stale_after);

		for (j = i - 1; j >= 0 &&
		    board_rank(&list[j], now, stale_after) > rk; j--)
			list[j + 1] = list[j];
		list[j + 1] = tmp;
	}
	*out = list;
	*n = cnt;
	return 0;
}

void
board_free(struct responder *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		responder_clear(&list[i]);
	free(list);
}

int
board_parse_interval(const char *s, int *secs, char *err)
{
	int64_t total;

	if (s == NULL || *s == '\0') {
		err_set(err, "an interval is needed, like 10m, 90s or 1h");
		return -1;
	}
	if (time_dur_parse(s, &total) != 0) {
		err_set(err, "'%.40s' is not an interval (use 10m, 90s, 1h30m "
		    "or seconds)", s);
		return -1;
	}
	if (total < 1 || total > 86400) {
		err_set(err, "a check-in interval is 1s to 24h, not '%.40s'", s);
		return -1;
	}
	*secs = (int)total;
	return 0;
}
