/* test_keyset.c: Timeline keyset pages through a burst of 20,000 entries in
 * one second (an alert flood, an import), on a real SQLite file: the right
 * rows in order, and a plan that seeks the index instead of scanning. */
#define WR_STR1(x) #x
#define WR_STR(x) WR_STR1(x)
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
#include "model/timeline.h"
#include "model/timeline_row.h"
#include "store/store.h"
#include "view/snapshot.h"

#include "fixture.h"

#define KS_BURST 20000
#define KS_T 1700000000 /* the burst's second */

static int
setup(void **state)
{
	return fx_setup_incident(state, "alert flood", "ic");
}

/* The live entries of the incident, in time order: what every page must
 * be a slice of. */
struct ks_ref {
	struct tl_key *k;
	int n;
};

static void
ks_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* INSERT one entry of incident inc at t, kind note when note. */
static void
ks_add(sqlite3_stmt *s, int64_t inc, int64_t t, int note)
{
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_int64(s, 2, t);
	sqlite3_bind_text(s, 3, note ? "note" : "event", -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_reset(s);
}

/* Normal entries a minute apart on both sides of the burst, the burst with
 * another incident's entries and older ones written in its middle (so its
 * ids are not one run), then some of the burst deleted (gone from pages)
 * and some tombstoned (still in them). */
static void
ks_fill(struct fx *f, int64_t other)
{
	static const char ins[] = "INSERT INTO entry (incident_id, event_time, "
	    "recorded, author, kind, text) VALUES (?1, ?2, ?2, 'ks', ?3, 'x')";
	char err[ERR_LEN];
	sqlite3_stmt *s = NULL;
	int i;

	assert_int_equal(store_begin(f->st, err), 0);
	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), ins, -1, &s,
	    NULL), SQLITE_OK);
	for (i = 1; i <= 150; i++)
		ks_add(s, f->inc, KS_T + 60 * i, i % 3 == 0);
	for (i = 0; i < KS_BURST; i++) {
		ks_add(s, f->inc, KS_T, i % 3 == 0);
		if (i % 1000 == 500) {
			ks_add(s, other, KS_T, 0);
			ks_add(s, f->inc, KS_T - 60 * (i / 1000 + 1), 1);
		}
	}
	for (i = 21; i <= 150; i++)
		ks_add(s, f->inc, KS_T - 60 * i, i % 3 == 0);
	sqlite3_finalize(s);
	ks_exec(f->st, "UPDATE entry SET deleted = 1 WHERE event_time = "
	    WR_STR(KS_T) " AND id % 7 = 0");
	ks_exec(f->st, "UPDATE entry SET tomb_at = 1, tomb_by = 'ic', "
	    "tomb_reason = 'r' WHERE event_time = " WR_STR(KS_T) " AND "
	    "id % 11 = 0");
	assert_int_equal(store_commit(f->st, err), 0);
}

static struct ks_ref
ks_reference(struct fx *f, const char *kind)
{
	static const char sql[] = "SELECT event_time, id FROM entry "
	    "WHERE incident_id = ?1 AND deleted = 0 AND (?2 IS NULL OR "
	    "kind = ?2) ORDER BY event_time, id";
	struct ks_ref r = {xcalloc(KS_BURST + 2000, sizeof *r.k), 0};
	sqlite3_stmt *s = NULL;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &s,
	    NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, f->inc);
	if (kind != NULL)
		sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		assert_true(r.n < KS_BURST + 2000);
		r.k[r.n].t = sqlite3_column_int64(s, 0);
		r.k[r.n++].id = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return r;
}

/* The page of limit from key in dir must be exactly the reference rows
 * after (before) key, oldest first. */
static void
ks_check_page(struct fx *f, const struct ks_ref *r,
    const struct timeline_filter *flt, struct tl_key key, int dir, int limit)
{
	struct entry *page = xcalloc((size_t)limit, sizeof *page);
	char err[ERR_LEN];
	int n, i, at = 0, from, want;

	while (at < r->n && (r->k[at].t < key.t || (r->k[at].t == key.t &&
	    r->k[at].id < key.id)))
		at++; /* the first reference row at or after key */
	if (dir > 0) {
		from = at < r->n && r->k[at].t == key.t && r->k[at].id == key.id
		    ? at + 1 : at;
		want = r->n - from < limit ? r->n - from : limit;
	} else {
		want = at < limit ? at : limit;
		from = at - want;
	}
	n = timeline_page(f->st, f->inc, flt, &key, dir, limit, page, err);
	assert_int_equal(n, want);
	for (i = 0; i < n; i++) {
		assert_int_equal(page[i].id, r->k[from + i].id);
		assert_int_equal(page[i].event_time, r->k[from + i].t);
	}
	timeline_free(page, n);
}

/* Walk from key to the end in dir, a page of limit at a time, and count
 * the rows: every one of the reference's on that side, in order. */
static void
ks_walk(struct fx *f, const struct ks_ref *r, struct tl_key key, int dir,
    int limit)
{
	struct entry *page = xcalloc((size_t)limit, sizeof *page);
	char err[ERR_LEN];
	int n, seen = 0, at = 0, i;

	while (at < r->n && (r->k[at].t < key.t || (r->k[at].t == key.t &&
	    r->k[at].id <= key.id)))
		at++; /* key is a reference row: at is the one after it */
	while ((n = timeline_page(f->st, f->inc, NULL, &key, dir, limit, page,
	    err)) > 0) {
		for (i = 0; i < n; i++) {
			int want = dir > 0 ? at + seen + i
			    : at - 1 - seen - (n - i);

			assert_int_equal(page[i].id, r->k[want].id);
		}
		seen += n;
		key = (struct tl_key){page[dir > 0 ? n - 1 : 0].event_time,
		    page[dir > 0 ? n - 1 : 0].id};
		timeline_clear_items(page, n);
	}
	assert_int_equal(n, 0);
	assert_int_equal(seen, dir > 0 ? r->n - at : at - 1);
	free(page);
}

static void
test_burst_pages(void **state)
{
	struct fx *f = *state;
	struct timeline_filter notes = {KIND_NOTE, NULL};
	struct ks_ref all, nr;
	char err[ERR_LEN];
	int64_t other = incident_declare(f->st, "other", SEV3, "ic", 0, err);
	int i, j, first = -1, last = -1;

	assert_true(other > 0);
	ks_fill(f, other);
	all = ks_reference(f, NULL);
	nr = ks_reference(f, "note");
	for (i = 0; i < all.n; i++)
		if (all.k[i].t == KS_T)
			last = i, first = first < 0 ? i : first;
	/* Some of the burst deleted, some tombstoned, most of it there. */
	assert_true(fx_int(f->st, "SELECT count(*) FROM entry WHERE "
	    "deleted = 1") > KS_BURST / 8);
	assert_true(fx_int(f->st, "SELECT count(*) FROM entry WHERE "
	    "tomb_at <> 0 AND deleted = 0") > KS_BURST / 14);
	assert_true(last - first + 1 > KS_BURST * 4 / 5);
	for (j = 0; j < 7; j++) {
		/* The burst's first, its middle, its last, and the keys the
		 * pane makes: the id before a top row, a time with id 0. */
		static const int at[] = {0, 1, 9999, 10000, -2, -1, 5000};
		int k = at[j] < 0 ? last + 1 + at[j] : first + at[j];
		struct tl_key key = all.k[k];

		ks_check_page(f, &all, NULL, key, 1, 50);
		ks_check_page(f, &all, NULL, key, -1, 50);
		ks_check_page(f, &all, NULL, key, 1, 1);
		ks_check_page(f, &all, NULL, key, -1, 1);
		ks_check_page(f, &nr, &notes, key, 1, 40);
		ks_check_page(f, &nr, &notes, key, -1, 40);
		key.id--;
		ks_check_page(f, &all, NULL, key, 1, 50);
		ks_check_page(f, &all, NULL, key, -1, 50);
	}
	ks_check_page(f, &all, NULL, (struct tl_key){KS_T, 0}, 1, 50);
	ks_check_page(f, &all, NULL, (struct tl_key){KS_T, 0}, -1, 50);
	ks_check_page(f, &all, NULL, (struct tl_key){KS_T, INT64_MAX}, 1, 50);
	ks_check_page(f, &all, NULL, (struct tl_key){KS_T, INT64_MAX}, -1,
	    50);
	/* From the middle of the burst to either end, a screenful at a
	 * time: every row once, in order. */
	ks_walk(f, &all, all.k[(first + last) / 2], 1, 97);
	ks_walk(f, &all, all.k[(first + last) / 2], -1, 97);
	free(all.k);
	free(nr.k);
}

/* The plan's lines for sql, one per line, into out (size n). */
static void
ks_plan(struct store *st, const char *sql, char *out, size_t n)
{
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *s = NULL;
	size_t len = 0;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), eqp, -1, &s, NULL),
	    SQLITE_OK);
	out[0] = '\0';
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(s, 3);

		len += (size_t)snprintf(out + len, n - len, "%s\n", d ? d : "");
		assert_true(len < n);
	}
	sqlite3_finalize(s);
	free(eqp);
}

/* Each half seeks: no SCAN, no sort, both halves on entry_by_time, the
 * key's second to (time, id) exactly. */
static void
ks_plan_check(struct store *st)
{
	static const char *const key_half[] = {
	    "entry_by_time (incident_id=? AND deleted=? AND event_time=? "
	    "AND id>?)",
	    "entry_by_time (incident_id=? AND deleted=? AND event_time=? "
	    "AND id<?)"};
	static const char *const rest_half[] = {
	    "entry_by_time (incident_id=? AND deleted=? AND event_time>?)",
	    "entry_by_time (incident_id=? AND deleted=? AND event_time<?)"};
	char plan[2048];
	int d;

	for (d = 0; d < 2; d++) {
		ks_plan(st, timeline_page_sql(d == 0 ? 1 : -1), plan,
		    sizeof plan);
		if (strstr(plan, "SCAN") != NULL || strstr(plan, "TEMP B-TREE")
		    != NULL || strstr(plan, key_half[d]) == NULL ||
		    strstr(plan, rest_half[d]) == NULL)
			fail_msg("page %s plan:\n%s", d == 0 ? "after" : "before",
			    plan);
	}
}

static void
test_burst_plan(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], plan[2048];
	int64_t other = incident_declare(f->st, "other", SEV3, "ic", 0, err);

	assert_true(other > 0);
	ks_fill(f, other);
	ks_plan_check(f->st);
	/* The old row-value form steps over the second: it seeks on the
	 * time alone, which is what this test is here to catch. */
	ks_plan(f->st, "SELECT id FROM entry WHERE incident_id = 1 AND "
	    "deleted = 0 AND (event_time, id) > (1, 2) ORDER BY event_time, "
	    "id LIMIT 5", plan, sizeof plan);
	assert_null(strstr(plan, "event_time=? AND id>?"));
	/* And with statistics, as after PRAGMA optimize. */
	ks_exec(f->st, "ANALYZE");
	ks_plan_check(f->st);
}

/* The work a page does does not grow with the burst: SQLite's virtual
 * machine steps for a page of 50 from the burst's far end stay near those
 * for 50 rows anywhere. */
static void
test_burst_cost(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	int64_t other = incident_declare(f->st, "other", SEV3, "ic", 0, err);
	int d;

	assert_true(other > 0);
	ks_fill(f, other);
	for (d = 0; d < 2; d++) {
		sqlite3_stmt *s = NULL;
		int rows = 0, steps;

		assert_int_equal(sqlite3_prepare_v2(store_db(f->st),
		    timeline_page_sql(d == 0 ? 1 : -1), -1, &s, NULL),
		    SQLITE_OK);
		sqlite3_bind_int64(s, 1, f->inc);
		sqlite3_bind_int64(s, 4, KS_T);
		/* After the burst's last but ten, before its first but
		 * ten: the far ends from where the index's time seek
		 * lands. */
		sqlite3_bind_int64(s, 5, d == 0 ? fx_int(f->st,
		    "SELECT max(id) - 10 FROM entry WHERE event_time = "
		    WR_STR(KS_T)) : fx_int(f->st, "SELECT min(id) + 10 FROM "
		    "entry WHERE event_time = " WR_STR(KS_T)));
		sqlite3_bind_int(s, 6, 50);
		while (sqlite3_step(s) == SQLITE_ROW)
			rows++;
		steps = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0);
		sqlite3_finalize(s);
		assert_int_equal(rows, 50);
		if (steps > 100 * 50)
			fail_msg("page %d: %d VM steps for 50 rows", d, steps);
	}
}

/* The statement the connection prepared whose text holds needle. */
static sqlite3_stmt *
ks_prepared(struct store *st, const char *needle)
{
	sqlite3_stmt *s = NULL;

	while ((s = sqlite3_next_stmt(store_db(st), s)) != NULL)
		if (strstr(sqlite3_sql(s), needle) != NULL)
			return s;
	fail_msg("no prepared statement with %s", needle);
	return NULL;
}

/* The Metrics pane's markers with the burst in their window: the phase,
 * decision and release entries, found by kind in an index, not by
 * walking the window's 20,000 entries on every reload. */
static void
test_burst_markers(void **state)
{
	struct fx *f = *state;
	struct snapshot snap;
	char err[ERR_LEN], plan[2048];
	int64_t other = incident_declare(f->st, "other", SEV3, "ic", 0, err);
	int64_t want;
	sqlite3_stmt *s;

	assert_true(other > 0);
	ks_fill(f, other);
	ks_exec(f->st, "UPDATE entry SET kind = 'decision' WHERE event_time = "
	    WR_STR(KS_T) " AND id % 1000 = 1");
	ks_exec(f->st, "UPDATE entry SET kind = 'phase' WHERE event_time = "
	    WR_STR(KS_T) " - 120");
	want = fx_int(f->st, "SELECT count(*) FROM entry WHERE incident_id = 1 "
	    "AND deleted = 0 AND tomb_at = 0 AND kind IN ('phase', 'decision', "
	    "'release') AND event_time BETWEEN " WR_STR(KS_T) " - 3000 AND "
	    WR_STR(KS_T) " + 600");
	assert_true(want > 10);
	fx_now(KS_T + 600);
	assert_int_equal(snapshot_load(f->st, f->inc, KS_T + 600, &snap, err),
	    0);
	assert_int_equal(snap.nmarkers, want);
	assert_int_equal(snap.markers[snap.nmarkers - 1].t, KS_T);
	assert_int_equal(snap.markers[snap.nmarkers - 1].kind, KIND_DECISION);
	assert_int_equal(snap.markers[0].kind, KIND_PHASE);
	snapshot_clear(&snap);
	s = ks_prepared(f->st, "event_time BETWEEN ?2 AND ?3");
	if (sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0) > 100 * want)
		fail_msg("markers: %d VM steps for %d rows",
		    sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0),
		    (int)want);
	ks_plan(f->st, sqlite3_sql(s), plan, sizeof plan);
	if (strstr(plan, "SCAN") != NULL || strstr(plan, "TEMP B-TREE") !=
	    NULL || strstr(plan, "entry_by_time") != NULL)
		fail_msg("markers plan:\n%s", plan);
	unsetenv("WARROOM_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_burst_pages, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_burst_plan, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_burst_cost, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_burst_markers, setup,
		    fx_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
