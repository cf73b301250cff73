/* across.c: loading the report across incidents: key times as each
 * postmortem computes them, cadence from the status updates, decisions
 * and actions. */
#include "report/across.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/action.h"
#include "model/incident.h"
#include "model/outbox.h"
#include "store/store.h"

const char *const across_state_names[ACROSS_STATES] = {"open", "overdue",
    "done"};

/* Gaps between detection, each update and the end (resolution, else now). */
static int
across_cadence(struct store *st, struct across_row *r, int64_t now,
    char *err)
{
	static const char sql[] = "SELECT created FROM status_update WHERE "
	    "incident_id = ?1 AND audience IN ('users', 'engineers') AND "
	    "state IN ('sent', 'queued') AND dropped_at IS NULL "
	    "ORDER BY created, id";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t prev = r->inc.detected, end;
	int rc;

	if (s == NULL) {
		store_err(st, "reading updates", err);
		return -1;
	}
	end = r->inc.resolved > 0 ? r->inc.resolved : now;
	r->interval = outbox_interval(&r->inc);
	sqlite3_bind_int64(s, 1, r->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(s, 0);

		/* One given before detection (a backdated declaration)
		 * closes no gap. */
		if (t > end)
			t = end;
		if (t > prev) {
			r->missed += t - prev > r->interval;
			if (t - prev > r->longest_gap)
				r->longest_gap = t - prev;
			prev = t;
		}
		r->updates++;
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading updates", err);
		return -1;
	}
	if (end > prev) {
		r->missed += end - prev > r->interval;
		if (end - prev > r->longest_gap)
			r->longest_gap = end - prev;
	}
	return 0;
}

static int
cmp_due(const void *a, const void *b)
{
	const struct action *x = a, *y = b;

	return x->due < y->due ? -1 : x->due > y->due ? 1 :
	    x->id < y->id ? -1 : x->id > y->id;
}

static int
across_actions(struct store *st, struct across_row *r, int64_t now,
    char *err)
{
	struct action *v;
	int n, i;

	if (action_list(st, r->inc.id, -1, &v, &n, err) != 0)
		return -1;
	r->overdue = xcalloc((size_t)n + 1, sizeof *r->overdue);
	for (i = 0; i < n; i++) {
		int state = v[i].done ? ACROSS_DONE : v[i].due > 0 &&
		    v[i].due < now ? ACROSS_OVERDUE : ACROSS_OPEN;

		r->actions[v[i].category][state]++;
		if (state == ACROSS_OVERDUE) {
			/* Moved over: the list keeps only what stays. */
			r->overdue[r->noverdue++] = v[i];
			memset(&v[i], 0, sizeof v[i]);
		}
	}
	action_list_free(v, n);
	qsort(r->overdue, (size_t)r->noverdue, sizeof *r->overdue, cmp_due);
	return 0;
}

static int
across_decisions(struct store *st, struct across_row *r, char *err)
{
	static const char sql[] = "SELECT count(*) FROM decision d JOIN entry "
	    "e ON e.id = d.entry_id WHERE d.incident_id = ?1 AND "
	    "e.deleted = 0 AND e.tomb_at = 0";
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL) {
		store_err(st, "counting decisions", err);
		return -1;
	}
	sqlite3_bind_int64(s, 1, r->inc.id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_done(s);
		store_err(st, "counting decisions", err);
		return -1;
	}
	r->decisions = sqlite3_column_int(s, 0);
	store_done(s);
	return 0;
}

static int
cmp_detected(const void *a, const void *b)
{
	const struct across_row *x = a, *y = b;

	return x->inc.detected < y->inc.detected ? -1 :
	    x->inc.detected > y->inc.detected ? 1 :
	    x->inc.id < y->inc.id ? -1 : x->inc.id > y->inc.id;
}

int
across_load(struct store *st, int64_t since, int64_t now, struct across *out,
    char *err)
{
	struct incident *list;
	int n, i;

	memset(out, 0, sizeof *out);
	out->now = now;
	out->since = since;
	if (incident_list(st, &list, &n, err) != 0)
		return -1;
	out->rows = xcalloc((size_t)n + 1, sizeof *out->rows);
	for (i = 0; i < n; i++) {
		struct across_row *r;

		if (list[i].detected < since)
			continue;
		r = &out->rows[out->n++];
		r->inc = list[i];
		memset(&list[i], 0, sizeof list[i]);
		if (export_keytimes(st, r->inc.id, &r->kt, err) != 0 ||
		    across_cadence(st, r, now, err) != 0 ||
		    across_decisions(st, r, err) != 0 ||
		    across_actions(st, r, now, err) != 0) {
			incident_list_free(list, n);
			across_free(out);
			return -1;
		}
	}
	incident_list_free(list, n);
	qsort(out->rows, (size_t)out->n, sizeof *out->rows, cmp_detected);
	return 0;
}

void
across_free(struct across *a)
{
	int i;

	for (i = 0; i < a->n; i++) {
		incident_clear(&a->rows[i].inc);
		action_list_free(a->rows[i].overdue, a->rows[i].noverdue);
	}
	free(a->rows);
	memset(a, 0, sizeof *a);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int64_t
across_median(const struct across *a, size_t which, int *known)
{
	int64_t *v = xcalloc((size_t)a->n + 1, sizeof *v), m;
	int i, k = 0;

	for (i = 0; i < a->n; i++) {
		int64_t d;

		memcpy(&d, (const char *)&a->rows[i].kt + which, sizeof d);
		if (d != EXPORT_UNKNOWN)
			v[k++] = d;
	}
	*known = k;
	qsort(v, (size_t)k, sizeof *v, cmp_i64);
	/* The lower middle for an even count: a time someone took. */
	m = k == 0 ? EXPORT_UNKNOWN : v[(k - 1) / 2];
	free(v);
	return m;
}
