/* collect.c: the agent's collection round: the series that are due become
 * jobs, the sources run them (agent/source.h), and one transaction writes
 * every sample and each series' new state. */
#include "agent/collect.h"

#include <stdlib.h>

#include "agent/source.h"
#include "base/text.h"
#include "base/util.h"
#include "model/metrics.h"
#include "store/store.h"

#define COLLECT_FUTURE 3600 /* samples further ahead are a wrong clock */

/* The series due at now, as jobs. */
static int
collect_due(struct store *st, const struct config *cf, int64_t now,
    const struct metrics_settings *set, struct source_job **out, int *n,
    int **fails, char *err)
{
	/* A next_poll further ahead than any wait the agent sets (the
	 * interval, or the backoff) means the wall clock went back since:
	 * poll now rather than wait for the clock to catch up. */
	static const char sql[] = "SELECT id, name, source, query, interval, "
	    "last_ok, fail_count FROM series WHERE next_poll <= ?1 OR "
	    "next_poll > ?1 + max(interval, ?3) + 5 "
	    "ORDER BY next_poll, id LIMIT ?2";
	sqlite3_stmt *s = store_stmt(st, sql);
	struct source_job *jobs = NULL;
	int *fc = NULL;
	int rc, cnt = 0, cap = 0;

	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int(s, 2, METRICS_ROUND_MAX);
	sqlite3_bind_int(s, 3, METRICS_BACKOFF_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct source_job *j;
		int64_t from;

		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			jobs = xreallocarray(jobs, (size_t)cap, sizeof *jobs);
			fc = xreallocarray(fc, (size_t)cap, sizeof *fc);
		}
		j = &jobs[cnt];
		*j = (struct source_job){0};
		j->series_id = sqlite3_column_int64(s, 0);
		j->name = store_col_str(s, 1);
		j->kind = enum_parse(source_names, SRC_COUNT,
		    (const char *)sqlite3_column_text(s, 2));
		j->query = store_col_str(s, 3);
		j->interval = sqlite3_column_int(s, 4);
		if (j->interval <= 0)
			j->interval = 15;
		j->last_ok = sqlite3_column_int64(s, 5);
		fc[cnt] = sqlite3_column_int(s, 6);
		j->now = now;
		/* Catch up from the last good poll (a little overlap is
		 * harmless: samples replace), else backfill the last hour;
		 * never beyond what retention keeps. */
		from = j->last_ok > 0 ? j->last_ok - j->interval
		    : now - SOURCE_BACKFILL;
		if (from > now - j->interval) /* last_ok ahead: a clock step */
			from = now - j->interval;
		if (from < now - set->retention)
			from = now - set->retention;
		j->from = from;
		j->timeout_ms = set->timeout_ms;
		j->connect_timeout_ms = set->connect_timeout_ms;
		j->cf = cf;
		j->out_fd = j->err_fd = -1;
		cnt++;
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading series", err);
		while (cnt > 0)
			source_job_clear(&jobs[--cnt]);
		free(jobs);
		free(fc);
		return -1;
	}
	*out = jobs;
	*n = cnt;
	*fails = fc;
	return 0;
}

/* Seconds to wait before polling a series that failed fails times. */
static int64_t
collect_backoff(int interval, int fails)
{
	int64_t d = interval;
	int i;

	for (i = 1; i < fails && d < METRICS_BACKOFF_MAX; i++)
		d *= 2;
	if (d > METRICS_BACKOFF_MAX)
		d = interval > METRICS_BACKOFF_MAX ? interval
		    : METRICS_BACKOFF_MAX;
	return d;
}

/* Write the round: one transaction for every job's samples and state, and
 * the retention pruning. Returns samples written or -1. */
static int
collect_write(struct store *st, struct source_job *jobs, int n,
    const int *fails, int64_t now, int64_t retention, char *err)
{
	static const char sql_ok[] = "UPDATE series SET last_ok = ?2, "
	    "last_error = NULL, fail_count = 0, next_poll = ?3 WHERE id = ?1";
	static const char sql_fail[] = "UPDATE series SET last_error = ?2, "
	    "fail_count = fail_count + 1, next_poll = ?3 WHERE id = ?1";
	static const char sql_sample[] = "INSERT OR REPLACE INTO sample "
	    "(series_id, t, v) VALUES (?1, ?2, ?3)";
	static const char sql_prune[] = "DELETE FROM sample WHERE series_id IN "
	    "(SELECT id FROM series) AND t < ?1";
	sqlite3_stmt *s;
	int i, k, written = 0;

	if (store_begin(st, err) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct source_job *j = &jobs[i];

		s = store_stmt(st, j->failed ? sql_fail : sql_ok);
		sqlite3_bind_int64(s, 1, j->series_id);
		if (j->failed) {
			sqlite3_bind_text(s, 2, j->error, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 3, now +
			    collect_backoff(j->interval, fails[i] + 1));
		} else {
			sqlite3_bind_int64(s, 2, now);
			sqlite3_bind_int64(s, 3, now + j->interval);
		}
		if (store_exec_stmt(st, s, err) != 0)
			goto fail;
		if (j->failed || sqlite3_changes(store_db(st)) == 0)
			continue; /* removed while we polled: drop its samples */
		for (k = 0; k < j->nsamples; k++) {
			const struct sample *p = &j->samples[k];

			if (p->t < now - retention || p->t > now + COLLECT_FUTURE)
				continue;
			s = store_stmt(st, sql_sample);
			sqlite3_bind_int64(s, 1, j->series_id);
			sqlite3_bind_int64(s, 2, p->t);
			sqlite3_bind_double(s, 3, p->v);
			if (store_exec_stmt(st, s, err) != 0)
				goto fail;
			written++;
		}
	}
	s = store_stmt(st, sql_prune);
	sqlite3_bind_int64(s, 1, now - retention);
	if (store_exec_stmt(st, s, err) != 0)
		goto fail;
	if (store_commit(st, err) != 0)
		return -1;
	return written;
fail:
	store_rollback(st);
	return -1;
}

int
collect_round(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	struct metrics_settings set;
	struct source_job *jobs;
	int n, i, rc, *fails;

	if (metrics_settings(cf, &set, err) != 0)
		return -1;
	if (collect_due(st, cf, now, &set, &jobs, &n, &fails, err) != 0)
		return -1;
	if (n == 0) {
		free(jobs);
		free(fails);
		return 0;
	}
	source_run(jobs, n);
	rc = collect_write(st, jobs, n, fails, now, set.retention, err);
	for (i = 0; i < n; i++)
		source_job_clear(&jobs[i]);
	free(jobs);
	free(fails);
	return rc;
}
