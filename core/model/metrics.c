/* metrics.c: metric series and samples in the store, as `metric` adds them
 * and the screens and reports read them; the agent's collection round
 * (agent/collect.c) writes the samples. */
#include "model/metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/clock.h"
#include "base/json.h"
#include "base/config.h"
#include "base/timefmt.h"
#include "store/store.h"
#include "base/text.h"
#include "base/util.h"


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

/* Check a new series' fields; the name and unit come back cleaned (caller
 * frees both, also on an error). 0, or -1 with err. */
static int
metrics_add_check(const char *name, int source, const char *query,
    const char *unit, double warn, double crit, int interval,
    metrics_query_check check, char **cname, char **cunit, char *err)
{
	char *cquery;
	int rc = -1;

	*cname = *cunit = NULL;
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
	    check(source, query, err) != 0 ||
	    (unit != NULL && text_check(unit, 32, "unit", err) != 0))
		return -1;
	*cname = text_trim(text_sanitize(name, strlen(name), TEXT_NAME_MAX, 0));
	if (**cname == '\0') {
		err_set(err, "the series name is empty");
		return -1;
	}
	/* A query is run or sent as typed: it must already be clean. */
	cquery = text_sanitize(query, strlen(query), 4096, 0);
	if (strcmp(cquery, query) != 0)
		err_set(err, "the query has control characters");
	else
		rc = 0;
	free(cquery);
	*cunit = text_trim(text_sanitize(unit ? unit : "", unit ? strlen(unit)
	    : 0, 32, 0));
	return rc;
}

/* Bind NaN as NULL (a threshold not set). */
static void
metrics_bind_num(sqlite3_stmt *s, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_double(s, i, v);
}

/* Insert the checked series in one transaction: the name must be new and
 * the count below METRICS_SERIES_MAX. Its id, or -1 with err. */
static int64_t
metrics_add_tx(struct store *st, const char *cname, int source,
    const char *query, const char *cunit, double warn, double crit,
    int interval, char *err)
{
	static const char sql_find[] = "SELECT 1 FROM series WHERE name = ?1";
	static const char sql_count[] = "SELECT count(*) FROM series";
	static const char sql_add[] = "INSERT INTO series (name, source, "
	    "query, unit, warn, crit, interval) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7)";
	sqlite3_stmt *s;
	int64_t id;
	int found;

	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, sql_find);
	sqlite3_bind_text(s, 1, cname, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	store_done(s);
	if (found) {
		err_set(err, "a series named '%s' exists (remove it first)",
		    cname);
		goto rollback;
	}
	s = store_stmt(st, sql_count);
	found = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	store_done(s);
	if (found >= METRICS_SERIES_MAX) {
		err_set(err, "there are already %d series, the most the agent "
		    "polls: remove one first", found);
		goto rollback;
	}
	s = store_stmt(st, sql_add);
	sqlite3_bind_text(s, 1, cname, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, source_names[source], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, query, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, cunit, -1, SQLITE_STATIC);
	metrics_bind_num(s, 5, warn);
	metrics_bind_num(s, 6, crit);
	sqlite3_bind_int(s, 7, interval);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	id = sqlite3_last_insert_rowid(store_db(st));
	if (store_commit(st, err) != 0)
		return -1;
	return id;
rollback:
	store_rollback(st);
	return -1;
}

int64_t
metrics_add(struct store *st, const char *name, int source, const char *query,
    const char *unit, double warn, double crit, int interval,
    metrics_query_check check, char *err)
{
	char *cname, *cunit;
	int64_t id = -1;

	if (metrics_add_check(name, source, query, unit, warn, crit, interval,
	    check, &cname, &cunit, err) == 0)
		id = metrics_add_tx(st, cname, source, query, cunit, warn, crit,
		    interval, err);
	free(cname);
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

/* The longest the agent waits before polling a series again. */
static int64_t
metrics_wait_max(int interval)
{
	return (interval > METRICS_BACKOFF_MAX ? interval : METRICS_BACKOFF_MAX)
	    + 5;
}

char *
metrics_state_text(const struct series *s, int64_t now)
{
	char ago[32], retry[32];
	/* Further ahead than any wait the agent sets: the clock went back,
	 * and the agent polls it at once (agent/collect.c). */
	int64_t wait = clock_wait(s->next_poll, now,
	    metrics_wait_max(s->interval));

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

void
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
		char val[64], *state = metrics_state_text(&list[i], now), *line;
		char *clean;

		metrics_value_text(st, &list[i], val, sizeof val);
		/* Stored fields: one line whatever they hold. */
		line = xasprintf("  %-16s %-14s %s", list[i].name, val, state);
		clean = text_sanitize(line, strlen(line), SIZE_MAX, 0);
		buf_addf(&b, "%s\n", clean);
		free(clean);
		free(line);
		free(state);
	}
	metrics_series_free(list, n);
	return buf_take(&b);
}

/* A series as JSON, with its newest sample (caller deletes). */
static cJSON *
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
