/* test_retime.c: the clock tick moves the snapshot it has to a later now
 * (snapshot_retime) and must give what a fresh load at that time gives, for
 * everything the panes draw from it: metric axes and points, the reminder,
 * the last update's delivery line, the recovery hint, the board's order. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "model/outbox.h"
#include "view/snapshot.h"

#include "fixture.h"

#define T0 1700000000

static void
exec_sql(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

/* Samples every 5 s from from to to: 8 (bad) until T0 - 720, then 1. */
static void
add_samples(struct store *st, int64_t id, int64_t from, int64_t to)
{
	sqlite3_stmt *s;
	int64_t t;

	exec_sql(st, "BEGIN");
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "INSERT INTO sample "
	    "VALUES (?1, ?2, ?3)", -1, &s, NULL), SQLITE_OK);
	for (t = from; t <= to; t += 5) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, t);
		sqlite3_bind_double(s, 3, t <= T0 - 720 ? 8 : 1 + (t % 7) / 10.0);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	exec_sql(st, "COMMIT");
}

static void
same_series(const struct snap_series *a, const struct snap_series *b)
{
	int k;

	assert_int_equal(a->nsamples, b->nsamples);
	for (k = 0; k < a->nsamples; k++) {
		assert_int_equal(a->samples[k].t, b->samples[k].t);
		assert_true(a->samples[k].v == b->samples[k].v);
		assert_int_equal(a->range[k].n, b->range[k].n);
		assert_true(a->range[k].lo == b->range[k].lo);
		assert_true(a->range[k].hi == b->range[k].hi);
	}
	assert_true(a->lo == b->lo || (isnan(a->lo) && isnan(b->lo)));
	assert_true(a->hi == b->hi || (isnan(a->hi) && isnan(b->hi)));
}

/* a (retimed) and b (loaded at the same now) show the same. */
static void
same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	int i;

	assert_int_equal(a->now, b->now);
	assert_int_equal(a->mfrom, b->mfrom);
	assert_int_equal(a->mstep, b->mstep);
	assert_int_equal(a->nseries, b->nseries);
	for (i = 0; i < a->nseries; i++)
		same_series(&a->series[i], &b->series[i]);
	assert_int_equal(a->dfrom, b->dfrom);
	same_series(&a->dseries, &b->dseries);
	assert_string_equal(a->remind, b->remind);
	assert_string_equal(a->remind_key, b->remind_key);
	assert_int_equal(a->recovery_hint, b->recovery_hint);
	assert_int_equal(a->recovery_since, b->recovery_since);
	assert_int_equal(a->next_update, b->next_update);
	assert_non_null(a->last_update_why);
	assert_string_equal(a->last_update_why, b->last_update_why);
	assert_int_equal(a->nboard, b->nboard);
	for (i = 0; i < a->nboard; i++)
		assert_string_equal(a->board[i].name, b->board[i].name);
}

/* What retiming one snapshot changed, counted over the run. */
struct counts {
	int moved, reloaded, hint, remind, why, axis;
};

/* Load at T0 and retime to now; compare with a load at now. */
static void
retime_one(struct store *st, int64_t inc, const struct snapshot_want *w,
    int64_t now, struct counts *c)
{
	char err[ERR_LEN], r0[sizeof ((struct snapshot *)0)->remind], *w0;
	struct snapshot a, b;
	int h0;
	int64_t f0;

	fx_now(now);
	assert_int_equal(snapshot_load_want(st, inc, T0, w, &a, err), 0);
	assert_int_equal(snapshot_load_want(st, inc, now, w, &b, err), 0);
	h0 = a.recovery_hint;
	f0 = a.mfrom;
	w0 = xstrdup(a.last_update_why);
	snprintf(r0, sizeof r0, "%s", a.remind);
	if (snapshot_retime(&a, now, w) != 0) {
		c->reloaded++;
	} else {
		same_snapshot(&a, &b);
		c->moved++;
		c->hint += a.recovery_hint != h0;
		c->remind += strcmp(a.remind, r0) != 0;
		c->why += strcmp(a.last_update_why, w0) != 0;
		c->axis += a.mfrom != f0;
	}
	free(w0);
	snapshot_clear(&a);
	snapshot_clear(&b);
}

static void
test_retime(void **state)
{
	static const int64_t later[] = {1, 4, 5, 59, 60, 61, 299, 300, 301, 600,
	    900, 1200, 1799, 1801, 3000, 3700};
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct snapshot_want w = {3600, 200, 0, 300, 300};
	struct snapshot a;
	struct counts c = {0};
	int64_t id;
	size_t i;

	(void)state;
	fx_now(T0 - 3600);
	assert_int_equal(fx_declare(fx, "retime", "alice"), 0);
	assert_int_equal(fx_join(fx, "bob", ROLE_OPS, "alice"), 0);
	assert_int_equal(fx_join(fx, "carol", ROLE_OPS, "alice"), 0);
	exec_sql(st, "INSERT INTO series (name, source, query, unit, warn, "
	    "crit, interval) VALUES ('errors', 'demo', 'e', '%', 2, 5, 5)");
	id = sqlite3_last_insert_rowid(store_db(st));
	w.detail_id = id;
	add_samples(st, id, T0 - 7200, T0);
	fx_now(T0 - 1200);
	assert_int_equal(board_assign(st, fx->inc, "bob", "db", "look", "alice",
	    err), 0);
	assert_true(outbox_queue(st, fx->inc, AUD_ENGINEERS, -1, "first",
	    "alice", err) > 0);
	/* A retry waiting ("retry in ..."), then due ("retry due"). */
	exec_sql(st, "UPDATE status_update SET attempts = 1, last_error = "
	    "'timeout', next_attempt = 1700000000 + 20");
	assert_int_equal(incident_set_phase(st, fx->inc, PHASE_MITIGATING, NULL,
	    "alice", err), 0);
	fx_now(T0 - 30);
	assert_int_equal(board_checkin(st, fx->inc, "bob", "bob", err), 0);
	for (i = 0; i < sizeof later / sizeof later[0]; i++)
		retime_one(st, fx->inc, &w, T0 + later[i], &c);
	/* What follows the clock did change on the way. */
	assert_true(c.hint > 0);
	assert_true(c.remind > 0);
	assert_true(c.why > 0);
	assert_true(c.axis > 0);
	/* Most ticks repaint in place; bob going stale reorders the board. */
	assert_true(c.moved >= 10);
	assert_true(c.reloaded >= 1);
	/* The clock going back: load again. */
	assert_int_equal(snapshot_load_want(st, fx->inc, T0, &w, &a, err), 0);
	assert_int_equal(snapshot_retime(&a, T0 - 1, &w), 1);
	snapshot_clear(&a);
	unsetenv("WARROOM_NOW");
	fx_close(fx);
}

/* The loop looks again shortly only after a wake-up about the database's
 * own files: a file written beside it wakes the loop but says "not ours",
 * and a file written without pause does not hold the drain. */
static void
test_watch_ours(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *other = store_open(fx->path, STORE_RO, err);
	struct pollfd pfd;
	char two[sizeof fx->other + 2];
	int fd, fd2, i;

	(void)state;
	assert_non_null(other);
	pfd.fd = store_watch_fd(other);
	pfd.events = POLLIN;
	assert_true(pfd.fd >= 0);
	(void)store_watch_drain(other);
	fd = open(fx->other, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	assert_int_equal(poll(&pfd, 1, 1000), 1);
	assert_int_equal(store_watch_drain(other), 0);
	/* Far more events than one drain reads (two files in turn: inotify
	 * merges repeats), below the queue's limit: it returns all the same. */
	snprintf(two, sizeof two, "%s2", fx->other);
	fd2 = open(two, O_WRONLY | O_CREAT, 0600);
	assert_true(fd2 >= 0);
	for (i = 0; i < 5000; i++) {
		assert_int_equal(write(fd, "x", 1), 1);
		assert_int_equal(write(fd2, "x", 1), 1);
	}
	assert_int_equal(store_watch_drain(other), 0);
	assert_int_equal(poll(&pfd, 1, 0), 1); /* the rest waits */
	close(fd);
	close(fd2);
	while (poll(&pfd, 1, 0) == 1)
		(void)store_watch_drain(other);
	/* A commit without warroom's signal (the sqlite3 shell): its -wal
	 * writes say "look again soon", not "look now". */
	exec_sql(fx->st, "CREATE TABLE t (x)");
	assert_int_equal(poll(&pfd, 1, 1000), 1);
	assert_int_equal(store_watch_drain(other), STORE_WATCH_WRITE);
	while (poll(&pfd, 1, 50) == 1)
		(void)store_watch_drain(other);
	/* warroom's own commit signals after it: "look now". */
	{
		char e2[ERR_LEN];
		int got = 0;

		assert_int_equal(store_begin(fx->st, e2), 0);
		exec_sql(fx->st, "CREATE TABLE t2 (x)");
		assert_int_equal(store_commit(fx->st, e2), 0);
		while (poll(&pfd, 1, 200) == 1)
			got |= store_watch_drain(other);
		assert_int_equal(got, STORE_WATCH_DB | STORE_WATCH_WRITE);
	}
	store_close(other);
	fx_close(fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retime),
		cmocka_unit_test(test_watch_ours),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
