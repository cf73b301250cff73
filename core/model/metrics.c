/* metrics.c: metric series and samples in the store, and the batch writer
 * of a collection round: every source reports into it (source.h), and it
 * writes one transaction per round. */
#include "model/metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/json.h"
#include "base/config.h"
#include "cli/output.h"
#include "agent/source.h"
#include "base/timefmt.h"
#include "store/store.h"
#include "base/text.h"
#include "base/util.h"

#define METRICS_BACKOFF_MAX 300 /* seconds between retries, at most */
#define METRICS_FUTURE 3600     /* samples further ahead are a wrong clock */

int
metrics_series_list(struct store *st, struct series **out, int *n, char *err)
{
	static const char sql[] = "SELECT id, name, source, query, unit, warn, "
	    "crit, interval, last_ok, last_error, fail_count, next_poll "
	    "FROM series "
	    "ORDER BY name";
	sqlite3_stmt *s = store_stmt(st, sql);
	struct series *list = NULL;
	int rc, cnt = 0, cap = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct series *r;

		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			list = xreallocarray(list, (size_t)cap, sizeof *list);
		}
		r = &list[cnt++];
		*r = (struct series){0};
		r->id = sqlite3_column_int64(s, 0);
		r->name = store_col_str(s, 1);
		r->source = enum_parse(source_names, SRC_COUNT,
		    (const char *)sqlite3_column_text(s, 2));
		r->query = store_col_str(s, 3);
		r->unit = store_col_str(s, 4);
		r->warn = sqlite3_column_type(s, 5) == SQLITE_NULL ? NAN
		    : sqlite3_column_double(s, 5);
		r->crit = sqlite3_column_type(s, 6) == SQLITE_NULL ? NAN
		    : sqlite3_column_double(s, 6);
		r->interval = sqlite3_column_int(s, 7);
		r->last_ok = sqlite3_column_int64(s, 8);
		r->last_error = store_col_text(s, 9);
		r->fail_count = sqlite3_column_int(s, 10);
		r->next_poll = sqlite3_column_int64(s, 11);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading series", err);
		metrics_series_free(list, cnt);
		return -1;
	}
	*out = list;
	*n = cnt;
	return 0;
}

void
metrics_series_free(struct series *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		series_clear(&list[i]);
	free(list);
}

int
metrics_samples(struct store *st, int64_t series_id, int64_t from, int64_t to,
    struct sample **out, int *n, char *err)
{
	static const char sql[] = "SELECT t, v FROM sample WHERE series_id = ?1 "
	    "AND t BETWEEN ?2 AND ?3 ORDER BY t";
	sqlite3_stmt *s = store_stmt(st, sql);
	struct sample *list = NULL;
	int rc, cnt = 0, cap = 0;

	sqlite3_bind_int64(s, 1, series_id);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			list = xreallocarray(list, (size_t)cap, sizeof *list);
		}
		list[cnt].t = sqlite3_column_int64(s, 0);
		list[cnt].v = sqlite3_column_double(s, 1);
		cnt++;
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading samples", err);
		free(list);
		return -1;
	}
	*out = list;
	*n = cnt;
	return 0;
}

int
metrics_check_query(int source, const char *query, char *err)
{
	const struct metric_source *ops = source_get(source);

	if (ops == NULL) {
		err_set(err, "unknown source");
		return -1;
	}
	if (text_check(query, 4096, "query", err) != 0)
		return -1;
	return ops->check(query, err);
}

int64_t
metrics_add(struct store *st, const char *name, int source, const char *query,
    const char *unit, double warn, double crit, int interval, char *err)
{
	static const char sql_find[] = "SELECT 1 FROM series WHERE name = ?1";
	static const char sql_count[] = "SELECT count(*) FROM series";
	static const char sql_add[] = "INSERT INTO series (name, source, "
	    "query, unit, warn, crit, interval) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7)";
	char *cname = NULL, *cquery = NULL, *cunit = NULL;
	sqlite3_stmt *s;
	int64_t id = -1;
	int found;

	if (source < 0 || source >= SRC_COUNT) {
		err_set(err, "unknown source");
		return -1;
	}
	if (interval <= 0 || interval > 86400) {
		err_set(err, "the interval is 1 to 86400 seconds");
		return -1;
	}
	if (!isnan(warn) && !isfinite(warn)) {
		err_set(err, "--warn needs a finite number");
		return -1;
	}
	if (!isnan(crit) && !isfinite(crit)) {
		err_set(err, "--crit needs a finite number");
		return -1;
	}
	if (text_check(name, TEXT_NAME_MAX, "series name", err) != 0 ||
	    metrics_check_query(source, query, err) != 0 ||
	    (unit != NULL && text_check(unit, 32, "unit", err) != 0))
		return -1;
	cname = text_trim(text_sanitize(name, strlen(name), TEXT_NAME_MAX, 0));
	if (*cname == '\0') {
		err_set(err, "the series name is empty");
		goto out;
	}
	/* A query is run or sent as typed: it must already be clean. */
	cquery = text_sanitize(query, strlen(query), 4096, 0);
	if (strcmp(cquery, query) != 0) {
		err_set(err, "the query has control characters");
		goto out;
	}
	cunit = text_trim(text_sanitize(unit ? unit : "", unit ? strlen(unit)
	    : 0, 32, 0));
	if (store_begin(st, err) != 0)
		goto out;
	s = store_stmt(st, sql_find);
	sqlite3_bind_text(s, 1, cname, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	store_done(s);
	if (found) {
		err_set(err, "a series named '%s' exists (remove it first)",
		    cname);
		store_rollback(st);
		goto out;
	}
	s = store_stmt(st, sql_count);
	found = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	store_done(s);
	if (found >= METRICS_SERIES_MAX) {
		err_set(err, "there are already %d series, the most the agent "
		    "polls: remove one first", found);
		store_rollback(st);
		goto out;
	}
	s = store_stmt(st, sql_add);
	sqlite3_bind_text(s, 1, cname, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, source_names[source], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, cquery, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, cunit, -1, SQLITE_STATIC);
	if (isnan(warn))
		sqlite3_bind_null(s, 5);
	else
		sqlite3_bind_double(s, 5, warn);
	if (isnan(crit))
		sqlite3_bind_null(s, 6);
	else
		sqlite3_bind_double(s, 6, crit);
	sqlite3_bind_int(s, 7, interval);
	if (store_exec_stmt(st, s, err) != 0) {
		store_rollback(st);
		goto out;
	}
	id = sqlite3_last_insert_rowid(store_db(st));
	if (store_commit(st, err) != 0)
		id = -1;
out:
	free(cname);
	free(cquery);
	free(cunit);
	return id;
}

int
metrics_remove(struct store *st, const char *name, char *err)
{
	static const char sql[] = "DELETE FROM series WHERE name = ?1";
	sqlite3_stmt *s;

	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, sql);
	store_bind_text(s, 1, name);
	if (store_exec_stmt(st, s, err) != 0) {
		store_rollback(st);
		return -1;
	}
	if (sqlite3_changes(store_db(st)) == 0) {
		store_rollback(st);
		err_set(err, "no series named '%.60s' (see 'warroom metric "
		    "list')", name);
		return -1;
	}
	return store_commit(st, err);
}

int
metrics_latest(struct store *st, int64_t series_id, struct sample *out,
    char *err)
{
	static const char sql[] = "SELECT t, v FROM sample WHERE series_id = ?1 "
	    "ORDER BY t DESC LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	sqlite3_bind_int64(s, 1, series_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->t = sqlite3_column_int64(s, 0);
		out->v = sqlite3_column_double(s, 1);
	}
	store_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_err(st, "reading samples", err);
		return -1;
	}
	return rc == SQLITE_ROW;
}

/* "90s", "15m", "24h", "7d" or plain seconds, within [min, max]. */
static int
metrics_duration(const struct config *cf, const char *key, int64_t dflt,
    int64_t min, int64_t max, int64_t *out, char *err)
{
	const char *v = config_get(cf, "agent", key);
	int64_t n;

	*out = dflt;
	if (v == NULL)
		return 0;
	if (time_dur_parse(v, &n) != 0 || n > max || n < min) {
		err_set(err, "[agent] %s = '%.30s' is not a duration between "
		    "%llds and %llds (like 90s, 15m, 24h, 7d)", key, v,
		    (long long)min, (long long)max);
		return -1;
	}
	*out = n;
	return 0;
}

int
metrics_settings(const struct config *cf, struct metrics_settings *out,
    char *err)
{
	int64_t t, c;

	if (metrics_duration(cf, "retention", 86400, 60, 366 * 86400,
	    &out->retention, err) != 0 ||
	    metrics_duration(cf, "timeout", 10, 1, 300, &t, err) != 0 ||
	    metrics_duration(cf, "connect_timeout", 3, 1, 300, &c, err) != 0)
		return -1;
	out->timeout_ms = (int)t * 1000;
	out->connect_timeout_ms = (int)(c < t ? c : t) * 1000;
	return 0;
}

/* The longest the agent waits before polling a series again. */
static int64_t
metrics_wait_max(int interval)
{
	return (interval > METRICS_BACKOFF_MAX ? interval : METRICS_BACKOFF_MAX)
	    + 5;
}

/* The series due at now, as jobs. */
static int
metrics_due(struct store *st, const struct config *cf, int64_t now,
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
metrics_backoff(int interval, int fails)
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
metrics_write(struct store *st, struct source_job *jobs, int n,
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
			    metrics_backoff(j->interval, fails[i] + 1));
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

			if (p->t < now - retention || p->t > now + METRICS_FUTURE)
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
metrics_collect(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	struct metrics_settings set;
	struct source_job *jobs;
	int n, i, rc, *fails;

	if (metrics_settings(cf, &set, err) != 0)
		return -1;
	if (metrics_due(st, cf, now, &set, &jobs, &n, &fails, err) != 0)
		return -1;
	if (n == 0) {
		free(jobs);
		free(fails);
		return 0;
	}
	source_run(jobs, n);
	rc = metrics_write(st, jobs, n, fails, now, set.retention, err);
	for (i = 0; i < n; i++)
		source_job_clear(&jobs[i]);
	free(jobs);
	free(fails);
	return rc;
}

int
metrics_next_due(struct store *st, int64_t now, int max)
{
	static const char sql[] = "SELECT min(next_poll) FROM series";
	sqlite3_stmt *s = store_stmt(st, sql);
	int wait = max;

	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL) {
		int64_t next = sqlite3_column_int64(s, 0);

		if (next - now < wait)
			wait = next - now < 0 ? 0 : (int)(next - now);
	}
	store_done(s);
	return wait;
}

char *
metrics_limits_text(int nseries)
{
	return xasprintf("limits: %d of at most %d series; the agent polls up "
	    "to %d a round, %d at once; an answer up to %u MiB and %d points, "
	    "a command's output up to %u KiB", nseries, METRICS_SERIES_MAX,
	    METRICS_ROUND_MAX, SOURCE_PARALLEL_MAX, SOURCE_BODY_MAX >> 20,
	    SOURCE_POINTS_MAX, SOURCE_OUTPUT_MAX >> 10);
}

char *
metrics_state_text(const struct series *s, int64_t now)
{
	char ago[32], retry[32];
	int64_t wait = s->next_poll > now ? s->next_poll - now : 0;

	/* Further ahead than any wait the agent sets: the clock went back,
	 * and the agent polls it at once (metrics_due). */
	if (wait > metrics_wait_max(s->interval))
		wait = 0;
	if (s->last_error != NULL) {
		time_dur(wait, retry, sizeof retry);
		return xasprintf("FAILING (%dx, retry in %s): %s",
		    s->fail_count, retry, s->last_error);
	}
	if (s->last_ok <= 0)
		return xstrdup("waiting for the agent");
	time_dur(now > s->last_ok ? now - s->last_ok : 0, ago, sizeof ago);
	return xasprintf("ok, polled %s ago", ago);
}

/* "12.3 ms" or "-". */
static void
metrics_value_text(struct store *st, const struct series *s, char *out,
    size_t n)
{
	struct sample last;
	char err[ERR_LEN];

	if (metrics_latest(st, s->id, &last, err) != 1)
		snprintf(out, n, "-");
	else
		snprintf(out, n, "%.4g%s%s", last.v, *s->unit ? " " : "",
		    s->unit);
}

char *
metrics_summary_text(struct store *st, int64_t now, char *err)
{
	struct series *list;
	struct buf b = {0};
	int n, i;

	if (metrics_series_list(st, &list, &n, err) != 0)
		return NULL;
	if (n > 0)
		buf_addf(&b, "metrics (%d)\n", n);
	for (i = 0; i < n; i++) {
		char val[64], *state = metrics_state_text(&list[i], now);

		metrics_value_text(st, &list[i], val, sizeof val);
		output_addf(&b, "  %-16s %-14s %s", list[i].name, val, state);
		free(state);
	}
	metrics_series_free(list, n);
	return buf_take(&b);
}

cJSON *
metrics_series_json(struct store *st, const struct series *s, int64_t now)
{
	cJSON *o = cJSON_CreateObject(), *l;
	struct sample last;
	char err[ERR_LEN];

	cJSON_AddNumberToObject(o, "id", (double)s->id);
	cJSON_AddStringToObject(o, "name", s->name);
	cJSON_AddStringToObject(o, "source", s->source >= 0 &&
	    s->source < SRC_COUNT ? source_names[s->source] : "unknown");
	cJSON_AddStringToObject(o, "query", s->query);
	cJSON_AddStringToObject(o, "unit", s->unit);
	json_num(o, "warn", s->warn);
	json_num(o, "crit", s->crit);
	cJSON_AddNumberToObject(o, "interval", s->interval);
	cJSON_AddStringToObject(o, "state", s->last_error ? "failing"
	    : s->last_ok > 0 ? "ok" : "waiting");
	json_time(o, "last_ok", s->last_ok);
	if (s->last_error)
		cJSON_AddStringToObject(o, "last_error", s->last_error);
	else
		cJSON_AddNullToObject(o, "last_error");
	cJSON_AddNumberToObject(o, "fail_count", s->fail_count);
	json_time(o, "next_poll", s->next_poll > 0 ? s->next_poll
	    : now);
	if (metrics_latest(st, s->id, &last, err) == 1) {
		l = cJSON_AddObjectToObject(o, "latest");
		json_time(l, "time", last.t);
		cJSON_AddNumberToObject(l, "value", last.v);
	} else
		cJSON_AddNullToObject(o, "latest");
	return o;
}

cJSON *
metrics_all_json(struct store *st, int64_t now, char *err)
{
	struct series *list;
	cJSON *a;
	int n, i;

	if (metrics_series_list(st, &list, &n, err) != 0)
		return NULL;
	a = cJSON_CreateArray();
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, metrics_series_json(st, &list[i], now));
	metrics_series_free(list, n);
	return a;
}
