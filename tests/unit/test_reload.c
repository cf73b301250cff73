/* test_reload.c: a reload keeps a series' points from the snapshot shown
 * (snapshot_reload) only while the store holds the same for it, and then
 * gives what a fresh load gives: after the axis moves, after the agent's
 * writes (samples with the series row), a new newest sample, a pruned
 * oldest one, a changed number of points; a sample changed in the middle
 * without any of those is read again within SNAPSHOT_KEEP_MAX. */
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

static void sqlf(struct store *st, const char *fmt, ...) WR_PRINTF(2, 3);

static void
sqlf(struct store *st, const char *fmt, ...)
{
	char sql[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	exec_sql(st, sql);
}

/* Samples every 5 s over two hours up to T0 for series id. */
static void
add_samples(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	int64_t t;

	exec_sql(st, "BEGIN");
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "INSERT INTO sample "
	    "VALUES (?1, ?2, ?3)", -1, &s, NULL), SQLITE_OK);
	for (t = T0 - 7200; t <= T0; t += 5) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, t);
		sqlite3_bind_double(s, 3, (double)(t % 13) + (double)id);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	exec_sql(st, "COMMIT");
}

/* The points of a and b are the same; 0 when they differ (no assert). */
static int
same_points(const struct snap_series *a, const struct snap_series *b)
{
	int k;

	if (a->nsamples != b->nsamples)
		return 0;
	for (k = 0; k < a->nsamples; k++)
		if (a->samples[k].t != b->samples[k].t ||
		    !(a->samples[k].v == b->samples[k].v) ||
		    a->range[k].n != b->range[k].n ||
		    !(a->range[k].lo == b->range[k].lo) ||
		    !(a->range[k].hi == b->range[k].hi))
			return 0;
	return (a->lo == b->lo || (isnan(a->lo) && isnan(b->lo))) &&
	    (a->hi == b->hi || (isnan(a->hi) && isnan(b->hi))) &&
	    a->has_last == b->has_last && a->last.t == b->last.t;
}

struct rl {
	struct fx *fx;
	struct snapshot_want w;
	struct snapshot cur; /* what the screen shows */
};

/* Reload cur at now (the screen's way) and compare it with a fresh load
 * at now: 1 when every series (and the detail) shows the same. */
static int
rl_step(struct rl *r, int64_t now)
{
	char err[ERR_LEN];
	struct snapshot next, fresh;
	int i, same;

	assert_int_equal(snapshot_reload(r->fx->st, r->fx->inc, now, &r->w,
	    &r->cur, &next, err), 0);
	assert_int_equal(snapshot_load_want(r->fx->st, r->fx->inc, now, &r->w,
	    &fresh, err), 0);
	assert_int_equal(next.nseries, fresh.nseries);
	assert_int_equal(next.mfrom, fresh.mfrom);
	same = same_points(&next.dseries, &fresh.dseries);
	for (i = 0; i < next.nseries; i++)
		same = same && same_points(&next.series[i], &fresh.series[i]);
	snapshot_clear(&fresh);
	snapshot_clear(&r->cur);
	r->cur = next;
	return same;
}

static void
test_reload(void **state)
{
	char err[ERR_LEN];
	struct rl r = {0};
	int64_t a, b, from0;

	(void)state;
	r.fx = fx_open();
	assert_non_null(r.fx);
	assert_int_equal(fx_declare(r.fx, "reload", "alice"), 0);
	exec_sql(r.fx->st, "INSERT INTO series (name, source, query, interval) "
	    "VALUES ('a', 'demo', 'errors', 5), ('b', 'demo', 'latency', 5)");
	a = 1;
	b = 2;
	add_samples(r.fx->st, a);
	add_samples(r.fx->st, b);
	r.w = (struct snapshot_want){3600, 200, a, 300, 0};
	assert_int_equal(snapshot_load_want(r.fx->st, r.fx->inc, T0, &r.w,
	    &r.cur, err), 0);
	assert_int_equal(r.cur.series[0].read_at, T0);
	from0 = r.cur.mfrom;

	/* Nothing changed, the axis moved on: kept, moved, as fresh. */
	assert_true(rl_step(&r, T0 + 20));
	assert_true(r.cur.mfrom > from0);
	assert_int_equal(r.cur.series[0].read_at, T0);
	assert_int_equal(r.cur.series[1].read_at, T0);
	assert_int_equal(r.cur.dseries.read_at, T0);
	assert_true(rl_step(&r, T0 + 40));
	assert_int_equal(r.cur.series[1].read_at, T0);

	/* The agent's way: a sample in the middle with the series row. */
	sqlf(r.fx->st, "INSERT OR REPLACE INTO sample VALUES (%lld, %lld, 99)",
	    (long long)a, (long long)T0 - 1800);
	sqlf(r.fx->st, "UPDATE series SET last_ok = %lld WHERE id = %lld",
	    (long long)T0 + 41, (long long)a);
	assert_true(rl_step(&r, T0 + 41));
	assert_int_equal(r.cur.series[0].read_at, T0 + 41);
	assert_int_equal(r.cur.dseries.read_at, T0 + 41);
	assert_int_equal(r.cur.series[1].read_at, T0); /* b kept */

	/* A new newest sample, written by anyone. */
	sqlf(r.fx->st, "INSERT INTO sample VALUES (%lld, %lld, 5)",
	    (long long)b, (long long)T0 + 42);
	assert_true(rl_step(&r, T0 + 43));
	assert_int_equal(r.cur.series[1].read_at, T0 + 43);
	/* The oldest samples pruned, into the window. */
	sqlf(r.fx->st, "DELETE FROM sample WHERE series_id = %lld AND t < %lld",
	    (long long)b, (long long)T0 - 3000);
	assert_true(rl_step(&r, T0 + 44));
	assert_int_equal(r.cur.series[1].read_at, T0 + 44);
	/* Another number of points: read again. */
	r.w.points = 300;
	assert_true(rl_step(&r, T0 + 45));
	assert_int_equal(r.cur.series[1].read_at, T0 + 45);

	/* Changed in the middle by a writer that leaves the row, the newest
	 * and the oldest sample alone (the sqlite3 shell): kept until
	 * SNAPSHOT_KEEP_MAX after the last read, then read again. */
	sqlf(r.fx->st, "INSERT OR REPLACE INTO sample VALUES (%lld, %lld, 77)",
	    (long long)b, (long long)T0 - 600);
	assert_false(rl_step(&r, T0 + 46));
	assert_int_equal(r.cur.series[1].read_at, T0 + 45);
	assert_true(rl_step(&r, T0 + 45 + SNAPSHOT_KEEP_MAX));
	assert_int_equal(r.cur.series[1].read_at, T0 + 45 + SNAPSHOT_KEEP_MAX);

	/* A series removed and another added: no points borrowed. */
	exec_sql(r.fx->st, "DELETE FROM series WHERE id = 1");
	exec_sql(r.fx->st, "INSERT INTO series (id, name, source, query) "
	    "VALUES (3, 'c', 'demo', 'errors')");
	add_samples(r.fx->st, 3);
	assert_true(rl_step(&r, T0 + 46 + SNAPSHOT_KEEP_MAX));
	assert_int_equal(r.cur.nseries, 2);
	snapshot_clear(&r.cur);
	fx_close(r.fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
