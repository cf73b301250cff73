/* test_routine.c: which board entries are routine (timeline_routine): a
 * check-in, a join, an assignment unchanged in substance, each marked as
 * data when written (entry_routine), never an assignment that changes
 * purpose or task; and databases from before the mark (schema 14) still
 * read right, their check-ins and joins known by their text. A real
 * SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/board.h"
#include "model/timeline.h"

#include "fixture.h"

static int
setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL || fx_declare(f, "定型の確認", "ic") != 0 ||
	    fx_join(f, "田中", ROLE_RESPONDER, "ic") != 0) {
		fx_close(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* What the newest entry is (TL_ROUTINE_*, 0), its text and person. */
static int
newest(struct fx *f, char *text, size_t tn, char *who, size_t wn)
{
	struct entry e = {0};
	char err[ERR_LEN];
	int k;

	assert_int_equal(timeline_get(f->st, fx_int(f->st, "SELECT max(id) "
	    "FROM entry"), &e, err), 0);
	k = timeline_routine(&e, who, wn);
	snprintf(text, tn, "%s", e.text);
	entry_clear(&e);
	return k;
}

static void
assign(struct fx *f, const char *name, const char *purpose, const char *task)
{
	char err[ERR_LEN];

	if (board_assign(f->st, f->inc, name, purpose, task, "ic", err) != 0)
		fail_msg("assign %s: %s", name, err);
}

static void
test_assign_same(void **state)
{
	struct fx *f = *state;
	char text[256], who[64] = "", err[ERR_LEN];

	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_JOIN);
	assert_string_equal(who, "田中");
	assign(f, "田中", "原因の特定", "DB のログを確認");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	assert_string_equal(text, "田中 assigned: for 原因の特定, do DB のログを確認");
	/* Assigned the same again: routine, about 田中. */
	assign(f, "田中", "原因の特定", "DB のログを確認");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_SAME);
	assert_string_equal(who, "田中");
	assert_non_null(strstr(text, "reassigned"));
	/* Spacing (an ideographic space too) and ASCII case only. */
	assign(f, "田中", "  原因の特定 ", "db　 の  ログを確認");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_SAME);
	assign(f, "田中", "原因 の特定", "DB のログを確認");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_SAME);
	assign(f, "田中", "原因の特定", "DBのログを確認");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_SAME);
	/* A space between two Latin words is not nothing. */
	assign(f, "田中", "原因の特定", "D B のログを確認");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	assign(f, "田中", "原因の特定", "DB のログを確認");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	/* A new task, or a new purpose, is news. */
	assign(f, "田中", "原因の特定", "DB を再起動");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	assign(f, "田中", "影響の確認", "DB を再起動");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	/* Back after a dismissal with the task held before: routine. */
	assert_int_equal(board_dismiss(f->st, f->inc, "田中", "ic", err), 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	assert_int_equal(board_assign_join(f->st, f->inc, "田中", "影響の確認",
	    "DB を再起動", "ic", err), 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_SAME);
	/* Finished, then given again: news. */
	assert_int_equal(board_finish(f->st, f->inc, "田中", ASTATE_DONE, "ic",
	    err), 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	assign(f, "田中", "影響の確認", "DB を再起動");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	/* Someone else's last assignment is not this one's. */
	assert_int_equal(board_assign_join(f->st, f->inc, "bob", "影響の確認",
	    "DB を再起動", "ic", err), 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	/* Every board entry carries its mark. */
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM entry WHERE kind "
	    "= 'assignment' AND id NOT IN (SELECT entry_id FROM "
	    "entry_routine)"), 0);
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM entry_routine "
	    "WHERE routine = 'same'"), 5);
}

static void
test_checkin_join(void **state)
{
	struct fx *f = *state;
	char text[256], who[64], err[ERR_LEN];
	struct entry e = {0};
	int64_t id;

	assert_int_equal(board_checkin(f->st, f->inc, "田中", "ic", err), 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_CHECKIN);
	assert_string_equal(who, "田中");
	/* A task whose words end like a check-in is still news. */
	assign(f, "田中", "全員の確認", "make sure everyone checked in");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	/* A person writing the same words: not routine. */
	e.text = (char *)(uintptr_t)"田中 checked in";
	e.author = (char *)(uintptr_t)"田中";
	e.source = (char *)(uintptr_t)"slack";
	e.kind = KIND_ASSIGNMENT;
	e.confidence = CONF_CONFIRMED;
	assert_true((id = timeline_add(f->st, f->inc, &e, err)) > 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	/* Pinned: never folded. */
	assert_int_equal(board_checkin(f->st, f->inc, "田中", "ic", err), 0);
	id = fx_int(f->st, "SELECT max(id) FROM entry");
	assert_int_equal(timeline_pin(f->st, id, 1, "ic", err), 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who), 0);
	/* Rejoining after a dismissal: a join. */
	assert_int_equal(board_dismiss(f->st, f->inc, "田中", "ic", err), 0);
	assert_int_equal(board_join(f->st, f->inc, "田中", -1, "ic", err), 0);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_JOIN);
	assert_string_equal(text, "田中 rejoined as responder");
}

/* The keyset pages carry the marks, and an old version (history) none. */
static void
test_page_marks(void **state)
{
	struct fx *f = *state;
	struct entry e[16];
	char err[ERR_LEN];
	int n, i, kinds = 0;

	assign(f, "田中", "原因の特定", "ログ");
	assign(f, "田中", "原因の特定", "ログ");
	assert_int_equal(board_checkin(f->st, f->inc, "田中", "ic", err), 0);
	n = timeline_page(f->st, f->inc, NULL, NULL, -1, 16, e, err);
	assert_true(n >= 5);
	for (i = 0; i < n; i++) {
		kinds |= timeline_routine(&e[i], NULL, 0);
		if (e[i].kind == KIND_PHASE)
			assert_int_equal(e[i].routine, 0);
	}
	assert_int_equal(kinds, TL_ROUTINE_CHECKIN | TL_ROUTINE_JOIN |
	    TL_ROUTINE_SAME);
	timeline_clear_items(e, n);
	assert_int_equal(timeline_routine_parse("same"), TL_ROUTINE_SAME);
	assert_int_equal(timeline_routine_parse("no"), TL_ROUTINE_NONE);
	assert_int_equal(timeline_routine_parse(NULL), 0);
	assert_int_equal(timeline_routine_parse("SAME"), 0);
}

/* A database from before the mark (schema 14): it opens, migrates, its
 * check-ins and joins still fold by their text and its assignments do
 * not; opening at 14 again with the table already there works too. */
static void
test_old_database(void **state)
{
	struct fx *f = *state;
	char text[256], who[64], err[ERR_LEN];
	sqlite3 *db;

	assign(f, "田中", "原因の特定", "ログ");
	assign(f, "田中", "原因の特定", "ログ");
	assert_int_equal(board_checkin(f->st, f->inc, "田中", "ic", err), 0);
	store_close(f->st);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE entry_routine; "
	    "PRAGMA user_version = 14", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	f->st = store_open(f->path, STORE_RW, err);
	assert_non_null(f->st);
	assert_int_equal(fx_int(f->st, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_CHECKIN);
	assert_string_equal(who, "田中");
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM entry_routine"),
	    0);
	/* The unchanged assignment of then is not guessed from its text. */
	assign(f, "田中", "原因の特定", "ログ");
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_SAME);
	/* Re-run: the migration again over its own table. */
	store_close(f->st);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 14", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	f->st = store_open(f->path, STORE_RW, err);
	assert_non_null(f->st);
	assert_int_equal(newest(f, text, sizeof text, who, sizeof who),
	    TL_ROUTINE_SAME);
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM entry_routine"),
	    1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_assign_same, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_checkin_join, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_page_marks, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_old_database, setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
