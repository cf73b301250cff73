/* test_search.c: the search index (entry_fts) follows every change of an
 * entry: add, edit, delete, tombstone, undelete, a hard delete, and the
 * migration that builds it for an existing database. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"
#include "model/search.h"
#include "model/timeline.h"
#include "store/store.h"

#include "fixture.h"

static int
setup(void **state)
{
	return fx_setup_incident(state, "API errors", "ic");
}

/* How many live entries the index finds for q. */
static int
hits(struct fx *f, const char *q)
{
	struct search_hit *v;
	int n, partial;
	char err[ERR_LEN];

	assert_int_equal(search_entries(f->st, q, 100, &v, &n, &partial, err),
	    0);
	search_free(v, n);
	return n;
}

/* Rows of the index itself for a phrase, bypassing the join with entry:
 * what the triggers put there. */
static int
indexed(struct fx *f, const char *phrase)
{
	sqlite3_stmt *s;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), "SELECT count(*) "
	    "FROM entry_fts WHERE entry_fts MATCH ?1", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(s, 1, phrase, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
integrity(struct fx *f)
{
	assert_int_equal(sqlite3_exec(store_db(f->st), "INSERT INTO entry_fts "
	    "(entry_fts) VALUES ('integrity-check')", NULL, NULL, NULL),
	    SQLITE_OK);
}

static int64_t
add(struct fx *f, const char *text, const char *author)
{
	struct entry e = {0};
	char err[ERR_LEN];
	int64_t id;

	e.kind = KIND_EVENT;
	e.confidence = CONF_CONFIRMED;
	e.text = (char *)(uintptr_t)text;
	e.author = (char *)(uintptr_t)author;
	id = timeline_add(f->st, f->inc, &e, err);
	assert_true(id > 0);
	return id;
}

static int
version(struct fx *f, int64_t id)
{
	struct entry e;
	char err[ERR_LEN];
	int v;

	assert_int_equal(timeline_get(f->st, id, &e, err), 0);
	v = e.version;
	entry_clear(&e);
	return v;
}

static void
test_triggers(void **state)
{
	struct fx *f = *state;
	struct entry e;
	char err[ERR_LEN];
	int64_t a = add(f, "原因を調査中 disk full", "ic");
	int64_t b = add(f, "disk full on db-3", "alice");

	assert_int_equal(hits(f, "調査中"), 1);
	assert_int_equal(hits(f, "調査"), 1);      /* 2 characters: LIKE */
	assert_int_equal(hits(f, "DISK FULL"), 2); /* ASCII case folds */
	assert_int_equal(indexed(f, "\"disk full\""), 2);

	/* An edit replaces the indexed text. */
	assert_int_equal(timeline_get(f->st, a, &e, err), 0);
	free(e.text);
	e.text = xstrdup("原因はキャッシュ");
	assert_int_equal(timeline_edit(f->st, &e, "ic", err), 0);
	entry_clear(&e);
	assert_int_equal(hits(f, "調査中"), 0);
	assert_int_equal(indexed(f, "\"調査中\""), 0);
	assert_int_equal(hits(f, "キャッシュ"), 1);
	assert_int_equal(hits(f, "disk full"), 1);
	integrity(f);

	/* One's own entry deleted quietly: gone from the index. */
	assert_int_equal(timeline_remove(f->st, a, version(f, a), "ic", NULL,
	    err), 0);
	assert_int_equal(hits(f, "キャッシュ"), 0);
	assert_int_equal(indexed(f, "\"キャッシュ\""), 0);
	/* Someone else's with a reason: a tombstone, not found either. */
	assert_int_equal(timeline_remove(f->st, b, version(f, b), "ic",
	    "wrong incident", err), 0);
	assert_int_equal(hits(f, "disk full"), 0);
	assert_int_equal(indexed(f, "\"disk full\""), 0);
	integrity(f);

	/* Undelete brings each back with the text it has. */
	assert_true(timeline_undelete(f->st, a, "ic", err) > 0);
	assert_true(timeline_undelete(f->st, b, "ic", err) > 0);
	assert_int_equal(hits(f, "キャッシュ"), 1);
	assert_int_equal(hits(f, "disk full"), 1);
	integrity(f);

	/* A hard delete (an incident removed) leaves nothing behind. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "DELETE FROM entry",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(indexed(f, "\"disk full\""), 0);
	assert_int_equal(indexed(f, "\"キャッシュ\""), 0);
	integrity(f);
}

static void
test_query_is_text(void **state)
{
	struct fx *f = *state;
	struct search_hit *v;
	int n, partial;
	char err[ERR_LEN], big[SEARCH_MAX_BYTES + 2];

	add(f, "rate \"limit\" OR NOT (x*) 50%_ok", "ic");
	add(f, "rate limit", "ic");
	/* FTS syntax is only text: each finds the one entry holding it. */
	assert_int_equal(hits(f, "\"limit\" OR"), 1);
	assert_int_equal(hits(f, "NOT (x*)"), 1);
	assert_int_equal(hits(f, "OR NOT"), 1);
	assert_int_equal(hits(f, "%_"), 1);
	assert_int_equal(hits(f, "_ok"), 1);
	assert_int_equal(hits(f, "limit"), 2);
	assert_int_equal(hits(f, "limit*"), 0);
	/* The best match first: the short entry is all "rate limit". */
	assert_int_equal(search_entries(f->st, "rate limit", 10, &v, &n,
	    &partial, err), 0);
	assert_int_equal(n, 1);
	search_free(v, n);

	assert_int_equal(search_entries(f->st, "", 10, &v, &n, &partial, err),
	    -1);
	assert_non_null(strstr(err, "empty"));
	assert_int_equal(search_entries(f->st, "  ", 10, &v, &n, &partial,
	    err), -1);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(search_entries(f->st, big, 10, &v, &n, &partial, err),
	    -1);
	assert_int_equal(search_entries(f->st, "a\nb", 10, &v, &n, &partial,
	    err), -1);
	assert_int_equal(search_entries(f->st, "\xff\xfe", 10, &v, &n,
	    &partial, err), -1);
}

/* More holders than SEARCH_RANKED: the newest of them are ranked and the
 * caller is told (partial); fewer: all are, and it is not. */
static void
test_ranked_window(void **state)
{
	struct fx *f = *state;
	struct search_hit *v;
	sqlite3_stmt *s;
	int n, partial, i;
	char err[ERR_LEN];
	int64_t best = add(f, "pool exhausted", "ic");

	assert_int_equal(sqlite3_exec(store_db(f->st), "BEGIN", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), "INSERT INTO "
	    "entry (incident_id, event_time, recorded, author, kind, text) "
	    "VALUES (?1, 1, 1, 'ic', 'note', 'the db pool exhausted again, "
	    "filler text')", -1, &s, NULL), SQLITE_OK);
	for (i = 0; i < SEARCH_RANKED; i++) {
		sqlite3_bind_int64(s, 1, f->inc);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_exec(store_db(f->st), "COMMIT", NULL, NULL,
	    NULL), SQLITE_OK);
	/* SEARCH_RANKED + 1 hold it: the oldest (and best) is left out. */
	assert_int_equal(search_entries(f->st, "pool exhausted", 5, &v, &n,
	    &partial, err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(partial, 1);
	assert_true(v[0].entry_id != best);
	assert_int_equal(v[0].ranked, SEARCH_RANKED + 1);
	search_free(v, n);
	/* One fewer: all are ranked and the best comes first. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "DELETE FROM entry "
	    "WHERE id = (SELECT max(id) FROM entry)", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(search_entries(f->st, "pool exhausted", 5, &v, &n,
	    &partial, err), 0);
	assert_int_equal(partial, 0);
	assert_int_equal(v[0].entry_id, best);
	search_free(v, n);
}

/* A database from before the index: the migration indexes its live
 * entries only. */
static void
test_migration(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	int64_t a = add(f, "before the index", "ic");
	int64_t b = add(f, "before the index too", "alice");
	sqlite3 *db = store_db(f->st);

	assert_int_equal(timeline_remove(f->st, b, version(f, b), "ic", "no",
	    err), 0);
	(void)a;
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER entry_fts_insert; "
	    "DROP TRIGGER entry_fts_update; DROP TRIGGER entry_fts_delete; "
	    "DROP TABLE entry_fts; "
	    /* and what later migrations added, so they run again too */
	    "DROP TABLE pin_log; DROP INDEX entry_pinned; "
	    "ALTER TABLE entry DROP COLUMN pinned_by; "
	    "ALTER TABLE entry DROP COLUMN pinned_at; "
	    "PRAGMA user_version = 9", NULL, NULL, NULL),
	    SQLITE_OK);
	store_close(f->st);
	f->st = store_open(f->path, STORE_RW, err);
	assert_non_null(f->st);
	assert_int_equal(hits(f, "before the index"), 1);
	assert_int_equal(indexed(f, "\"before the index\""), 1);
	add(f, "after the index", "ic");
	assert_int_equal(hits(f, "the index"), 2);
	integrity(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_triggers, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_query_is_text, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_ranked_window, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_migration, setup,
		    fx_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
