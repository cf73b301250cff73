/* metrics.c: metric series and samples in the store. */
#include "metrics.h"

#include <math.h>
#include <stdlib.h>

#include "store.h"
#include "util.h"

int
metrics_series_list(struct store *st, struct series **out, int *n, char *err)
{
	static const char sql[] = "SELECT id, name, source, query, unit, warn, "
	    "crit, interval, last_ok, last_error, fail_count FROM series "
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
metrics_collect(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	/* Sources arrive with issue 7. */
	(void)st;
	(void)cf;
	(void)now;
	(void)err;
	return 0;
}

int
metrics_next_due(struct store *st, int64_t now, int max)
{
	(void)st;
	(void)now;
	return max;
}
