/* action.c: retrospective actions in the store; each change leaves a note on
 * the incident's timeline in the same transaction. */
#include "model/action.h"

#include <stdlib.h>
#include <string.h>

#include "model/incident.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/util.h"

const char *const category_titles[CAT_COUNT] = {
	"Confirm the root cause",
	"Make the temporary fix permanent",
	"Prevent recurrence",
	"Detect faster",
	"Recover faster",
};

#define ACTION_COLUMNS                                                  \
	"SELECT id, incident_id, category, text, owner, due, done, "    \
	"entry_id, created FROM action "

static void
action_from_row(sqlite3_stmt *s, struct action *a)
{
	a->id = sqlite3_column_int64(s, 0);
	a->incident_id = sqlite3_column_int64(s, 1);
	a->category = enum_parse(category_names, CAT_COUNT,
	    (const char *)sqlite3_column_text(s, 2));
	a->text = store_col_str(s, 3);
	a->owner = store_col_text(s, 4);
	a->due = sqlite3_column_int64(s, 5);
	a->done = sqlite3_column_int(s, 6) != 0;
	a->entry_id = sqlite3_column_int64(s, 7);
	a->created = sqlite3_column_int64(s, 8);
	if (a->category < 0)
		a->category = CAT_ROOT_CAUSE;
}

static const char SQL_GET_ACTION[] = ACTION_COLUMNS "WHERE id = ?1";

int
action_get(struct store *st, int64_t id, struct action *out, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET_ACTION);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		action_from_row(s, out);
	else if (rc == SQLITE_DONE)
		err_set(err, "no action %lld", (long long)id);
	else
		store_err(st, "reading action", err);
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

static void
action_row(sqlite3_stmt *s, void *item)
{
	action_from_row(s, item);
}

static void
action_item_clear(void *item)
{
	action_clear(item);
}

static const struct store_rowtype action_rows = {
	sizeof(struct action), action_row, action_item_clear,
	"reading actions"
};

int
action_list(struct store *st, int64_t inc, int category, struct action **out,
    int *n, char *err)
{
	/* Category order is the talk's order, not the alphabet's. */
	static const char sql[] = ACTION_COLUMNS "WHERE incident_id = ?1 AND "
	    "(?2 IS NULL OR category = ?2) ORDER BY CASE category "
	    "WHEN 'root-cause' THEN 0 WHEN 'permanent-fix' THEN 1 "
	    "WHEN 'prevent-recurrence' THEN 2 WHEN 'detect-faster' THEN 3 "
	    "ELSE 4 END, id";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, inc);
	if (category >= 0 && category < CAT_COUNT)
		sqlite3_bind_text(s, 2, category_names[category], -1,
		    SQLITE_STATIC);
	*out = store_rows(st, s, &action_rows, n, err);
	if (*n < 0) {
		*n = 0;
		return -1;
	}
	return 0;
}

void
action_list_free(struct action *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		action_clear(&list[i]);
	free(list);
}

/* The cleaned fields of an action as given by a person. */
struct action_clean {
	char *text, *owner;
};

static void
action_clean_free(struct action_clean *c)
{
	free(c->text);
	free(c->owner);
	*c = (struct action_clean){0};
}

static int
action_check_category(int category, char *err)
{
	char *l;

	if (category >= 0 && category < CAT_COUNT)
		return 0;
	l = enum_list(category_names, CAT_COUNT);
	err_set(err, "unknown category (use one of: %s)", l);
	free(l);
	return -1;
}

static int
action_clean_owner(const char *owner, char **out, char *err)
{
	*out = NULL;
	if (owner == NULL || str_empty(owner))
		return 0;
	*out = text_clean_name(owner, "owner", err);
	return *out == NULL ? -1 : 0;
}

static int
action_clean_text(const char *text, char **out, char *err)
{
	if (text != NULL && strlen(text) > ACTION_TEXT_MAX) {
		err_set(err, "action text is too long (at most %d bytes)",
		    ACTION_TEXT_MAX);
		return -1;
	}
	*out = text_clean_field(text, "action text", 0, err);
	return *out == NULL ? -1 : 0;
}

static int
action_clean(const struct action *a, struct action_clean *c, char *err)
{
	*c = (struct action_clean){0};
	if (action_check_category(a->category, err) != 0)
		return -1;
	if (a->due < 0) {
		err_set(err, "bad due time");
		return -1;
	}
	if (action_clean_text(a->text, &c->text, err) != 0 ||
	    action_clean_owner(a->owner, &c->owner, err) != 0) {
		action_clean_free(c);
		return -1;
	}
	return 0;
}

/* Write a note on inc's timeline in the open transaction; frees text. */
static int
action_note(struct store *st, int64_t inc, const char *by, char *text,
    char *err)
{
	struct entry e = {0};
	int64_t r;

	e.kind = KIND_NOTE;
	e.author = (char *)(uintptr_t)by;
	e.text = text;
	r = timeline_add_tx(st, inc, &e, err);
	free(text);
	return r < 0 ? -1 : 0;
}

/* " (owner NAME, due YYYY-MM-DD HH:MM:SS)" or "". Caller frees. */
static char *
action_detail(const char *owner, int64_t due)
{
	char when[32];

	if (owner == NULL && due <= 0)
		return xstrdup("");
	if (due > 0)
		time_full(due, when, sizeof when);
	return xasprintf(" (%s%s%s%s%s)", owner ? "owner " : "",
	    owner ? owner : "", owner && due > 0 ? ", " : "",
	    due > 0 ? "due " : "", due > 0 ? when : "");
}

/* Check that entry_id is a live entry of inc, in the open transaction. */
static int
action_check_entry(struct store *st, int64_t inc, int64_t entry_id,
    char *err)
{
	struct entry e = {0};
	int ok;

	if (timeline_get(st, entry_id, &e, err) != 0)
		return -1;
	ok = e.incident_id == inc && !e.deleted;
	if (!ok)
		err_set(err, "timeline entry %lld %s", (long long)entry_id,
		    e.deleted ? "was deleted" : "belongs to another incident");
	entry_clear(&e);
	return ok ? 0 : -1;
}

int64_t
action_add(struct store *st, int64_t inc, const struct action *a,
    const char *by, char *err)
{
	static const char sql[] = "INSERT INTO action (incident_id, category, "
	    "text, owner, due, done, entry_id, created) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, 0, ?6, ?7)";
	struct action_clean c;
	struct incident i = {0};
	sqlite3_stmt *s;
	int64_t id;

	if (action_clean(a, &c, err) != 0)
		return -1;
	if (store_begin(st, err) != 0) {
		action_clean_free(&c);
		return -1;
	}
	if (incident_load(st, inc, &i, err) != 0)
		goto rollback;
	incident_clear(&i);
	if (a->entry_id != 0 && action_check_entry(st, inc, a->entry_id, err)
	    != 0)
		goto rollback;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, category_names[a->category], -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c.text, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 4, c.owner);
	if (a->due > 0)
		sqlite3_bind_int64(s, 5, a->due);
	if (a->entry_id != 0)
		sqlite3_bind_int64(s, 6, a->entry_id);
	sqlite3_bind_int64(s, 7, wr_now());
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	id = sqlite3_last_insert_rowid(store_db(st));
	{
		char *d = action_detail(c.owner, a->due);
		char *from = a->entry_id ? xasprintf(", from entry %lld",
		    (long long)a->entry_id) : xstrdup("");
		int rc = action_note(st, inc, by, xasprintf("Retrospective "
		    "action %lld (%s%s): %s%s", (long long)id,
		    category_names[a->category], from, c.text, d), err);

		free(d);
		free(from);
		if (rc != 0)
			goto rollback;
	}
	if (store_commit(st, err) != 0) {
		action_clean_free(&c);
		return -1;
	}
	action_clean_free(&c);
	return id;
rollback:
	store_rollback(st);
	action_clean_free(&c);
	return -1;
}

int64_t
action_from_entry(struct store *st, int64_t entry_id, const struct action *a,
    const char *by, char *err)
{
	struct entry e = {0};
	struct action x = *a;
	char *cut = NULL;
	int64_t id;

	if (timeline_get(st, entry_id, &e, err) != 0)
		return -1;
	x.entry_id = entry_id;
	if (x.text == NULL) {
		/* An entry may be long; an action is one line. */
		size_t n = strlen(e.text) > ACTION_TEXT_MAX
		    ? text_fit(e.text, ACTION_TEXT_MAX / 4, NULL) : strlen(e.text);

		cut = xstrndup(e.text, n);
		x.text = cut;
	}
	id = action_add(st, e.incident_id, &x, by, err);
	free(cut);
	entry_clear(&e);
	return id;
}

/* Begin, load id into cur and give the update statement sql with id
 * bound as ?1; NULL (rolled back) with err. */
static sqlite3_stmt *
action_begin(struct store *st, int64_t id, const char *sql,
    struct action *cur, char *err)
{
	sqlite3_stmt *s;

	if (store_begin(st, err) != 0)
		return NULL;
	if (action_get(st, id, cur, err) != 0) {
		store_rollback(st);
		return NULL;
	}
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	return s;
}

/* Run the update statement s (bound by the caller), write the note and
 * commit; frees note and clears cur. */
static int
action_finish(struct store *st, sqlite3_stmt *s, struct action *cur,
    const char *by, char *note, char *err)
{
	int64_t inc = cur->incident_id;

	action_clear(cur);
	if (store_exec_stmt(st, s, err) != 0) {
		free(note);
		store_rollback(st);
		return -1;
	}
	if (action_note(st, inc, by, note, err) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

int
action_edit(struct store *st, const struct action *a, const char *by,
    char *err)
{
	static const char sql[] = "UPDATE action SET category = ?2, text = ?3, "
	    "owner = ?4, due = ?5 WHERE id = ?1";
	struct action_clean c;
	struct action cur = {0};
	sqlite3_stmt *s;
	char *d;
	int rc;

	if (action_clean(a, &c, err) != 0)
		return -1;
	if ((s = action_begin(st, a->id, sql, &cur, err)) == NULL) {
		action_clean_free(&c);
		return -1;
	}
	sqlite3_bind_text(s, 2, category_names[a->category], -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c.text, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 4, c.owner);
	if (a->due > 0)
		sqlite3_bind_int64(s, 5, a->due);
	d = action_detail(c.owner, a->due);
	rc = action_finish(st, s, &cur, by, xasprintf("Retrospective action "
	    "%lld edited (%s): %s%s", (long long)a->id,
	    category_names[a->category], c.text, d), err);
	free(d);
	action_clean_free(&c);
	return rc;
}

int
action_set_owner(struct store *st, int64_t id, const char *owner,
    const char *by, char *err)
{
	static const char sql[] = "UPDATE action SET owner = ?2 WHERE id = ?1";
	struct action cur = {0};
	sqlite3_stmt *s;
	char *o;
	int rc;

	if (action_clean_owner(owner, &o, err) != 0)
		return -1;
	if ((s = action_begin(st, id, sql, &cur, err)) == NULL) {
		free(o);
		return -1;
	}
	store_bind_text(s, 2, o);
	rc = action_finish(st, s, &cur, by, o ? xasprintf("Retrospective "
	    "action %lld: owner %s", (long long)id, o) : xasprintf(
	    "Retrospective action %lld: no owner", (long long)id), err);
	free(o);
	return rc;
}

int
action_set_due(struct store *st, int64_t id, int64_t due, const char *by,
    char *err)
{
	static const char sql[] = "UPDATE action SET due = ?2 WHERE id = ?1";
	struct action cur = {0};
	sqlite3_stmt *s;
	char when[32];

	if (due < 0) {
		err_set(err, "bad due time");
		return -1;
	}
	if ((s = action_begin(st, id, sql, &cur, err)) == NULL)
		return -1;
	if (due > 0)
		sqlite3_bind_int64(s, 2, due);
	time_full(due, when, sizeof when);
	return action_finish(st, s, &cur, by, xasprintf("Retrospective action "
	    "%lld: %s%s", (long long)id, due > 0 ? "due " : "no due date",
	    due > 0 ? when : ""), err);
}

int
action_set_done(struct store *st, int64_t id, int done, const char *by,
    char *err)
{
	static const char sql[] = "UPDATE action SET done = ?2 WHERE id = ?1";
	struct action cur = {0};
	sqlite3_stmt *s;
	char *text;

	if ((s = action_begin(st, id, sql, &cur, err)) == NULL)
		return -1;
	if (cur.done == (done != 0)) {
		err_set(err, "action %lld is already %s", (long long)id,
		    done ? "done" : "open");
		action_clear(&cur);
		store_rollback(st);
		return -1;
	}
	text = xasprintf("Retrospective action %lld %s: %s", (long long)id,
	    done ? "done" : "reopened", cur.text);
	sqlite3_bind_int(s, 2, done != 0);
	return action_finish(st, s, &cur, by, text, err);
}
