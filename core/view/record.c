/* record.c: one timeline entry whole (its versions, its decision or
 * release) and one responder's assignments, for reading on the screen. */
#include "view/record.h"

#include <stdlib.h>

#include "base/util.h"
#include "model/timeline.h"
#include "store/store.h"

/* Is entry id there at all (deleted or not)? 1, 0, or -1 with err. */
static int
entry_detail_exists(struct store *st, int64_t id, char *err)
{
	static const char sql[] = "SELECT 1 FROM entry WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_err(st, "reading entry", err);
	store_done(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
entry_detail_load(struct store *st, int64_t id, struct entry_detail *out,
    char *err)
{
	int rc;

	*out = (struct entry_detail){0};
	out->id = id;
	if ((rc = entry_detail_exists(st, id, err)) <= 0) {
		out->gone = 1;
		return rc;
	}
	if (timeline_get(st, id, &out->e, err) != 0 ||
	    timeline_history(st, id, &out->hist, &out->nhist, err) != 0)
		goto fail;
	if ((rc = decision_of_entry(st, id, &out->d, err)) < 0)
		goto fail;
	out->has_decision = rc;
	if ((rc = release_of_entry(st, id, &out->r, err)) < 0)
		goto fail;
	out->has_release = rc;
	return 0;
fail:
	entry_detail_clear(out);
	return -1;
}

void
entry_detail_clear(struct entry_detail *d)
{
	entry_clear(&d->e);
	timeline_free(d->hist, d->nhist);
	if (d->has_decision)
		decision_clear(&d->d);
	if (d->has_release)
		release_clear(&d->r);
	*d = (struct entry_detail){0};
}

static void
person_asg_row(sqlite3_stmt *s, void *item)
{
	struct person_asg *a = item;

	a->purpose = store_col_str(s, 0);
	a->task = store_col_str(s, 1);
	a->state = ENUM_PARSE(astate_names,
	    (const char *)sqlite3_column_text(s, 2));
	if (a->state < 0)
		a->state = ASTATE_ACTIVE;
	a->created = sqlite3_column_int64(s, 3);
	a->updated = sqlite3_column_int64(s, 4);
}

static void
person_asg_clear(void *item)
{
	struct person_asg *a = item;

	free(a->purpose);
	free(a->task);
}

static const struct store_rowtype person_asg_rows = {
	sizeof(struct person_asg), person_asg_row, person_asg_clear,
	"reading assignments"
};

int
person_asg_load(struct store *st, int64_t inc, const char *name,
    struct person_asg **out, int *n, char *err)
{
	static const char sql[] = "SELECT a.purpose, a.task, a.state, "
	    "a.created, a.updated FROM assignment a JOIN responder r ON "
	    "r.id = a.responder_id WHERE a.incident_id = ?1 AND r.name = ?2 "
	    "ORDER BY a.created DESC, a.id DESC";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	*out = store_rows(st, s, &person_asg_rows, n, err);
	if (*n < 0) {
		*n = 0;
		return -1;
	}
	return 0;
}

void
person_asg_free(struct person_asg *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		person_asg_clear(&list[i]);
	free(list);
}
