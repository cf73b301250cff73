/* test_store.c: the store, incidents, the timeline and the board on real
 * SQLite files. */
#define WR_STR1(x) #x
#define WR_STR(x) WR_STR1(x)
#include <locale.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/board.h"
#include "model/incident.h"
#include "model/incident_pick.h"
#include "store/store.h"
#include "base/text.h"
#include "model/timeline.h"
#include "base/util.h"
#include "store/schema.sql.h"

#include "fixture.h"

static int
setup(void **state)
{
	return fx_setup_incident(state, "API errors", "ic");
}

static void
test_open_modes(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], other[160];
	struct store *ro;
	sqlite3_stmt *s;
	FILE *fp;

	/* WAL, and the -wal/-shm kept for read-only viewers. */
	s = store_stmt(f->st, "PRAGMA journal_mode");
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	store_done(s);
	ro = store_open(f->path, STORE_RO, err);
	assert_non_null(ro);
	assert_int_equal(store_begin(ro, err), -1);
	assert_non_null(strstr(err, "read-only"));
	store_close(ro);

	/* Missing file without CREATE, and a file that is not a database. */
	snprintf(other, sizeof other, "%s/missing.db", f->dir);
	assert_null(store_open(other, STORE_RW, err));
	assert_non_null(strstr(err, "warroom init"));
	assert_int_not_equal(access(other, F_OK), 0);
	snprintf(other, sizeof other, "%s/junk.db", f->dir);
	fp = fopen(other, "w");
	assert_non_null(fp);
	fputs("this is not a database, just some text long enough......\n"
	    "......................................................\n", fp);
	fclose(fp);
	assert_null(store_open(other, STORE_RW, err));
	assert_non_null(strstr(err, "not a warroom database"));
}

static void
test_newer_schema_refused(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], sql[64];
	struct store *st;

	assert_int_equal(sqlite3_exec(store_db(f->st), "PRAGMA user_version = 99",
	    NULL, NULL, NULL), SQLITE_OK);
	st = store_open(f->path, STORE_RW, err);
	assert_null(st);
	assert_non_null(strstr(err, "newer"));
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    STORE_SCHEMA_VERSION);
	assert_int_equal(sqlite3_exec(store_db(f->st), sql, NULL, NULL, NULL),
	    SQLITE_OK);
}

/* A database made before releases became the service's keeps its
 * releases, their authors and the decisions' links to them. */
static void
test_migrate_releases(void **state)
{
	static const char *const rows[] = {
	"INSERT INTO incident (id, title, severity, created, detected, "
	"phase_since) VALUES (1, 't', 'SEV2', 100, 100, 100)",
	"INSERT INTO entry (id, incident_id, event_time, recorded, author, kind, "
	"text) VALUES (1, 1, 90, 90, 'deployer', 'release', 'Deployed v1')",
	"INSERT INTO entry (id, incident_id, event_time, recorded, author, kind, "
	"text) VALUES (2, 1, 110, 110, 'ic', 'decision', 'roll back v1')",
	"INSERT INTO release (id, incident_id, entry_id, kind, name, "
	"rollback_safe, at, link) VALUES (7, 1, 1, 'deploy', 'v1', 'no', 90, "
	"'https://x.example/1')",
	"INSERT INTO decision (id, incident_id, entry_id, text, reason, "
	"release_id) VALUES (3, 1, 2, 'roll back v1', 'errors', 7)",
	NULL};
	struct fx *f = *state;
	char path[160], err[ERR_LEN];
	const char *const *q;
	struct store *st;
	sqlite3_stmt *s;
	sqlite3 *db;
	size_t v;

	snprintf(path, sizeof path, "%s/old.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (v = 0; v < 2; v++)
		for (q = store_migrations[v]; *q != NULL; q++)
			assert_int_equal(sqlite3_exec(db, *q, NULL, NULL, NULL),
			    SQLITE_OK);
	for (q = rows; *q != NULL; q++)
		assert_int_equal(sqlite3_exec(db, *q, NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 2", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = store_open(path, STORE_RW, err);
	assert_non_null(st);
	s = store_stmt(st, "SELECT r.id, r.incident_id, r.author, r.link, "
	    "d.release_id, i.change_window, i.began FROM release r, decision d, "
	    "incident i WHERE d.id = 3 AND i.id = 1");
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(s, 0), 7);
	assert_int_equal(sqlite3_column_int64(s, 1), 1);
	assert_string_equal((const char *)sqlite3_column_text(s, 2), "deployer");
	assert_string_equal((const char *)sqlite3_column_text(s, 3),
	    "https://x.example/1");
	assert_int_equal(sqlite3_column_int64(s, 4), 7);
	assert_int_equal(sqlite3_column_int64(s, 5), 86400);
	assert_int_equal(sqlite3_column_type(s, 6), SQLITE_NULL);
	store_done(s);
	/* A release with no incident is allowed now. */
	s = store_stmt(st, "INSERT INTO release (kind, name, at) VALUES "
	    "('deploy', 'v2', 200)");
	assert_int_equal(store_exec_stmt(st, s, err), 0);
	store_close(st);
}

static void
test_change_signal(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct store *other = store_open(f->path, STORE_RO, err);
	struct entry e = {0};

	assert_non_null(other);
	(void)store_changed(other);
	assert_int_equal(store_changed(other), 0);
	e.text = (char *)(uintptr_t)"from another connection";
	assert_true(timeline_add(f->st, f->inc, &e, err) > 0);
	assert_int_equal(store_changed(other), 1);
	assert_int_equal(store_changed(other), 0);
	store_close(other);
}

static int64_t
count_kept(struct store *st)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT count(*) FROM entry WHERE "
	    "text LIKE 'kept %'");
	int64_t n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0)
	    : -1;

	store_done(q);
	return n;
}

/* -wal and -shm deleted under an open writer: it notices on the change
 * signal, saves what they hold into the main file, reopens and writes on
 * into new files; nothing committed is lost, the file stays intact. */
static void
test_wal_deleted(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], wal[160], shm[160];
	struct entry e = {0};
	sqlite3_stmt *q;
	int i;

	(void)store_changed(f->st);
	for (i = 0; i < 3; i++) {
		e.text = (char *)(uintptr_t)"kept before";
		assert_true(timeline_add(f->st, f->inc, &e, err) > 0);
	}
	(void)store_changed(f->st);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	snprintf(shm, sizeof shm, "%s-shm", f->path);
	assert_int_equal(unlink(wal), 0);
	assert_int_equal(unlink(shm), 0);
	assert_int_equal(store_changed(f->st), 1); /* reopened */
	assert_int_equal(store_live(f->st), 1);
	assert_int_equal(access(wal, F_OK), 0);
	assert_int_equal(access(shm, F_OK), 0);
	e.text = (char *)(uintptr_t)"kept after";
	assert_true(timeline_add(f->st, f->inc, &e, err) > 0);
	/* Deleted again: the write itself notices first. */
	assert_int_equal(unlink(wal), 0);
	e.text = (char *)(uintptr_t)"kept last";
	assert_true(timeline_add(f->st, f->inc, &e, err) > 0);
	assert_int_equal(store_changed(f->st), 1);
	assert_int_equal(store_changed(f->st), 0);
	/* A fresh connection sees all of it in an intact file. */
	store_close(f->st);
	f->st = store_open(f->path, STORE_RW, err);
	assert_non_null(f->st);
	assert_int_equal(count_kept(f->st), 5);
	q = store_stmt(f->st, "PRAGMA integrity_check");
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
	store_done(q);
}

/* Called by SQLite once a commit is published: drop the watch events made
 * so far (the writes to -wal), so only later ones remain. */
static int
drain_on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	(void)db;
	(void)name;
	(void)pages;
	store_watch_drain(arg);
	return SQLITE_OK;
}

/* The watch must fire after a commit is visible, not only before (the -wal
 * writes): a reader woken early finds nothing and would sleep through it. */
static void
test_watch_after_commit(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct store *other = store_open(f->path, STORE_RO, err);
	struct entry e = {0};
	struct pollfd pfd;

	assert_non_null(other);
	pfd.fd = store_watch_fd(other);
	pfd.events = POLLIN;
	assert_true(pfd.fd >= 0);
	(void)store_changed(other);
	sqlite3_wal_hook(store_db(f->st), drain_on_commit, other);
	e.text = (char *)(uintptr_t)"seen at once";
	assert_true(timeline_add(f->st, f->inc, &e, err) > 0);
	sqlite3_wal_hook(store_db(f->st), NULL, NULL);
	assert_int_equal(poll(&pfd, 1, 0), 1);
	store_watch_drain(other);
	assert_int_equal(store_changed(other), 1);
	store_close(other);
}

static void
test_timeline_edit_history(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct entry e = {0}, cur = {0}, *hist;
	int64_t id;
	int n;

	e.text = (char *)(uintptr_t)"alerts fired";
	e.author = (char *)(uintptr_t)"scribe";
	e.source = (char *)(uintptr_t)"pagerduty";
	id = timeline_add(f->st, f->inc, &e, err);
	assert_true(id > 0);
	assert_int_equal(timeline_get(f->st, id, &cur, err), 0);
	assert_int_equal(cur.version, 1);
	assert_string_equal(cur.source, "pagerduty");

	/* An edit from an old version is a conflict and changes nothing. */
	free(cur.text);
	cur.text = xstrdup("alerts fired at 13:58");
	assert_int_equal(timeline_edit(f->st, &cur, "scribe", err), 0);
	cur.version = 1;
	free(cur.text);
	cur.text = xstrdup("someone else's edit");
	assert_int_equal(timeline_edit(f->st, &cur, "other", err),
	    TIMELINE_CONFLICT);
	assert_non_null(strstr(err, "changed by scribe"));
	entry_clear(&cur);
	assert_int_equal(timeline_get(f->st, id, &cur, err), 0);
	assert_string_equal(cur.text, "alerts fired at 13:58");
	assert_int_equal(cur.version, 2);

	/* The kept count (schema 2 triggers) follows adds and deletes. */
	n = (int)timeline_count(f->st, f->inc, NULL);
	assert_int_equal(timeline_delete(f->st, id, 2, "ic", err), 0);
	assert_int_equal(timeline_count(f->st, f->inc, NULL), n - 1);
	{
		struct timeline_filter all = {-1, "a"};
		sqlite3_stmt *s = store_stmt(f->st, "SELECT count(*) FROM entry "
		    "WHERE incident_id = ?1 AND deleted = 0");

		sqlite3_bind_int64(s, 1, f->inc);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int64(s, 0), n - 1);
		store_done(s);
		(void)all;
	}
	assert_int_equal(timeline_history(f->st, id, &hist, &n, err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(hist[0].text, "alerts fired");
	assert_string_equal(hist[1].text, "alerts fired at 13:58");
	assert_int_equal(hist[2].deleted, 1);
	timeline_free(hist, n);
	entry_clear(&cur);
}

static void
test_timeline_pages(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], text[32];
	struct entry e = {0}, page[8];
	struct timeline_filter only = {KIND_NOTE, NULL};
	struct tl_key k;
	int i, n;
	int64_t base = 1700000000;

	/* Written out of order; read back in event-time order. */
	for (i = 0; i < 20; i++) {
		snprintf(text, sizeof text, "entry %02d", (i * 7) % 20);
		e.text = text;
		e.kind = i % 2 ? KIND_NOTE : KIND_EVENT;
		e.event_time = base + ((i * 7) % 20) * 60;
		assert_true(timeline_add(f->st, f->inc, &e, err) > 0);
	}
	n = timeline_page(f->st, f->inc, NULL, NULL, 1, 5, page, err);
	assert_int_equal(n, 5);
	assert_string_equal(page[0].text, "entry 00");
	assert_string_equal(page[4].text, "entry 04");
	k.t = page[4].event_time;
	k.id = page[4].id;
	timeline_clear_items(page, n);
	n = timeline_page(f->st, f->inc, NULL, &k, 1, 3, page, err);
	assert_int_equal(n, 3);
	assert_string_equal(page[0].text, "entry 05");
	timeline_clear_items(page, n);
	n = timeline_page(f->st, f->inc, NULL, &k, -1, 3, page, err);
	assert_int_equal(n, 3);
	assert_string_equal(page[0].text, "entry 01");
	assert_string_equal(page[2].text, "entry 03");
	timeline_clear_items(page, n);
	/* From the newest end: the declare entry (now) is newest. */
	n = timeline_page(f->st, f->inc, NULL, NULL, -1, 2, page, err);
	assert_int_equal(n, 2);
	assert_int_equal(page[1].kind, KIND_PHASE);
	timeline_clear_items(page, n);
	assert_int_equal(timeline_count(f->st, f->inc, &only), 10);
	only.kind = -1;
	only.text = "ENTRY 1";
	assert_int_equal(timeline_count(f->st, f->inc, &only), 10);
	only.text = "100%";
	assert_int_equal(timeline_count(f->st, f->inc, &only), 0);
}

static void
test_board(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct responder *b;
	int n;
	int64_t now = wr_now();

	assert_int_equal(board_assign(f->st, f->inc, "alice", "", "read logs",
	    "ic", err), -1);
	assert_non_null(strstr(err, "purpose"));
	assert_int_equal(board_assign(f->st, f->inc, "alice", "find cause",
	    "  ", "ic", err), -1);
	assert_non_null(strstr(err, "task"));
	/* Nothing is created by a typo: assign names someone who joined
	 * (or says --join). */
	assert_int_equal(board_assign(f->st, f->inc, "alice", "find cause",
	    "read logs", "ic", err), -1);
	assert_non_null(strstr(err, "not in the response"));
	assert_int_equal(board_assign_join(f->st, f->inc, "alice", "find cause",
	    "read logs", "ic", err), 0);
	assert_int_equal(board_join(f->st, f->inc, "bob", ROLE_OPS, "ic", err),
	    0);
	assert_int_equal(board_join(f->st, f->inc, "佐藤", ROLE_COMMS, "ic",
	    err), 0);

	/* An hour later alice is stale; bob is idle; 佐藤 leads comms, which
	 * is work without a task: not idle. */
	assert_int_equal(board_load(f->st, f->inc, now + 3600, 900, &b, &n,
	    err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(b[0].name, "alice");
	assert_true(board_is_stale(&b[0], now + 3600, 900));
	assert_string_equal(b[0].purpose, "find cause");
	assert_string_equal(b[1].name, "bob");
	assert_int_equal(b[1].asg_id, 0);
	board_free(b, n);

	assert_int_equal(board_dismiss_idle(f->st, f->inc, "ic", err), 1);
	assert_int_equal(board_load(f->st, f->inc, now, 900, &b, &n, err), 0);
	assert_int_equal(b[n - 1].state, RSTATE_DISMISSED);
	assert_string_equal(b[n - 1].name, "bob");
	board_free(b, n);
	assert_int_equal(board_finish(f->st, f->inc, "alice", ASTATE_DONE, "ic",
	    err), 0);
	assert_int_equal(board_finish(f->st, f->inc, "alice", ASTATE_DONE, "ic",
	    err), -1);
	assert_non_null(strstr(err, "no active assignment"));
}

static void
test_phase(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct incident i = {0};

	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_RECOVERED, NULL,
	    "ic", err), 0);
	assert_int_equal(incident_load(f->st, f->inc, &i, err), 0);
	assert_int_equal(i.phase, PHASE_RECOVERED);
	assert_true(i.recovered > 0);
	incident_clear(&i);
	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_MITIGATING,
	    NULL, "ic", err), -1);
	assert_non_null(strstr(err, "needs a reason"));
	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_MITIGATING,
	    "errors came back", "ic", err), 0);
	assert_int_equal(incident_load(f->st, f->inc, &i, err), 0);
	assert_int_equal(i.recovered, 0);
	incident_clear(&i);
	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_COUNT, NULL,
	    "ic", err), -1);
}

/* The incident acted on when none is named: the only open one declared
 * here; several open are listed, never guessed between. */
static void
test_pick(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], msg[ERR_LEN], small[60], *title = NULL;
	int64_t id, b, c;
	int i, sev;

	assert_int_equal(incident_pick(f->st, &id, msg, sizeof msg), PICK_ONE);
	assert_int_equal(id, f->inc);
	b = incident_declare(f->st, "ディスクの警告がずっと鳴り止まないという"
	    "とても長い題名", SEV4, "bob", 0, err);
	assert_true(b > f->inc);
	assert_int_equal(incident_pick(f->st, &id, msg, sizeof msg),
	    PICK_SEVERAL);
	assert_int_equal(id, b); /* the newest of them, for a list to start on */
	assert_non_null(strstr(msg, "several incidents are open"));
	assert_non_null(strstr(msg, "#1 SEV2 \"API errors\""));
	assert_non_null(strstr(msg, "#2 SEV4 \"ディスクの警告"));
	assert_non_null(strstr(msg, "...\"")); /* the long title, cut */
	assert_true(text_is_clean(msg, strlen(msg), 0));
	assert_int_equal(incident_current(f->st, err), -1);
	/* A small buffer loses whole entries, never half a character. */
	assert_int_equal(incident_pick(f->st, &id, small, sizeof small),
	    PICK_SEVERAL);
	assert_true(text_is_clean(small, strlen(small), 0));
	/* Another declared: newer than 1, other than the one shown. */
	assert_int_equal(incident_newer_open(f->st, f->inc, f->inc, &id, &sev,
	    &title, err), 1);
	assert_int_equal(id, b);
	assert_int_equal(sev, SEV4);
	assert_non_null(strstr(title, "ディスク"));
	free(title);
	assert_int_equal(incident_newer_open(f->st, b, f->inc, &id, &sev,
	    &title, err), 0);
	assert_int_equal(incident_newer_open(f->st, f->inc, b, &id, &sev,
	    &title, err), 0);
	/* Resolved (and retrospective) ones are closed. */
	assert_int_equal(incident_set_phase(f->st, b, PHASE_RESOLVED, NULL, "x",
	    err), 0);
	assert_int_equal(incident_pick(f->st, &id, msg, sizeof msg), PICK_ONE);
	assert_int_equal(id, f->inc);
	assert_int_equal(incident_newer_open(f->st, f->inc, f->inc, &id, &sev,
	    &title, err), 0);
	/* Many open: five named, the rest counted. */
	for (i = 0; i < 7; i++)
		c = incident_declare(f->st, "more", SEV3, "x", 0, err);
	assert_int_equal(incident_pick(f->st, &id, msg, sizeof msg),
	    PICK_SEVERAL);
	assert_int_equal(id, c);
	assert_non_null(strstr(msg, "and 3 more"));
	assert_null(strstr(msg, "API errors"));
	assert_int_equal(incident_newest_id(f->st, err), c);
	assert_int_equal(incident_exists(f->st, c, err), 1);
	assert_int_equal(incident_exists(f->st, c + 1, err), 0);
	/* Marks without width: the byte bound holds, on a whole character. */
	{
		char t[1 + 200 * 2 + 1];

		t[0] = 'a';
		for (i = 0; i < 200; i++)
			memcpy(t + 1 + 2 * i, "\xcc\x81", 2); /* U+0301 */
		t[sizeof t - 1] = '\0';
		assert_int_equal(incident_title_fit(t, 32, 100), 99);
		assert_int_equal(incident_title_fit("日本語", 4, 100), 6);
		assert_int_equal(incident_title_fit("日本語", 10, 4), 3);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_modes, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused,
		    setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_migrate_releases, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_change_signal, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_wal_deleted, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_watch_after_commit, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_timeline_edit_history,
		    setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_timeline_pages, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_board, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_phase, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_pick, setup, fx_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
