/* incident_pick.c: the incident acted on when none is named. Picking the
 * newest one made a SEV4 declared by someone else take over a live SEV2's
 * screens and commands; now a choice is made only when there is one. */
#include "model/incident_pick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/incident.h"
#include "model/model.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"

#define PICK_OPEN "phase NOT IN ('resolved', 'retrospective')"
#define PICK_LISTED 5        /* incidents named in one line at most */
#define PICK_TITLE_COLS 32   /* of each title */

struct pick_out {
	char *buf;
	size_t n, len;
	int full; /* something was left off: so is all that follows */
};

/* Append, never cutting a character: what does not fit is left off. */
static void
pick_add(struct pick_out *o, const char *s)
{
	size_t l = strlen(s);

	if (o->full || o->len + l + 1 > o->n) {
		o->full = 1;
		return;
	}
	memcpy(o->buf + o->len, s, l + 1);
	o->len += l;
}

size_t
incident_title_fit(const char *title, int cols, size_t maxbytes)
{
	int used;
	size_t fit = text_fit(title, cols, &used);

	/* Zero-width marks take bytes but no columns. */
	if (fit > maxbytes) {
		fit = maxbytes;
		while (fit > 0 && ((unsigned char)title[fit] & 0xC0) == 0x80)
			fit--;
	}
	return fit;
}

/* "#2 SEV4 "disk noise", #1 ..." for the first PICK_LISTED rows of s (id,
 * severity, title); the number of rows. */
static int
pick_list(sqlite3_stmt *s, struct pick_out *o, int64_t *first, int *rc)
{
	int count = 0;

	while ((*rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *title = (const char *)sqlite3_column_text(s, 2);
		char item[PICK_TITLE_COLS * 4 + 64];
		size_t fit;

		if (count == 0)
			*first = sqlite3_column_int64(s, 0);
		if (count++ >= PICK_LISTED)
			continue;
		if (title == NULL)
			title = "";
		fit = incident_title_fit(title, PICK_TITLE_COLS, sizeof item -
		    64);
		snprintf(item, sizeof item, "%s#%lld %s \"%.*s%s\"", count > 1
		    ? ", " : "", (long long)sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (int)fit, title,
		    title[fit] != '\0' ? "..." : "");
		pick_add(o, item);
	}
	if (count > PICK_LISTED) {
		char more[32];

		snprintf(more, sizeof more, " and %d more", count - PICK_LISTED);
		pick_add(o, more);
	}
	return count;
}

/* The incidents of sql (?1: imported 0 or 1), newest first, listed after
 * head into msg; *first is the newest. How many, or -1 with msg. */
static int
pick_rows(struct store *st, const char *sql, int imported, int64_t *first,
    const char *head, char *msg, size_t n)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	struct pick_out o = {msg, n, 0, 0};
	int rc, count;

	msg[0] = '\0';
	pick_add(&o, head);
	sqlite3_bind_int(s, 1, imported);
	count = pick_list(s, &o, first, &rc);
	store_done(s);
	if (rc != SQLITE_DONE) {
		char err[ERR_LEN];

		store_err(st, "reading incidents", err);
		snprintf(msg, n, "%s", err);
		return -1;
	}
	return count;
}

static const char SQL_PICK_OPEN[] = "SELECT id, severity, title FROM "
    "incident WHERE " PICK_OPEN " AND imported = ?1 ORDER BY id DESC";
static const char SQL_PICK_ALL[] = "SELECT id, severity, title FROM "
    "incident WHERE imported = ?1 ORDER BY id DESC";

enum incident_pick
incident_pick(struct store *st, int64_t *id, char *msg, size_t n)
{
	int64_t first = 0;
	int c;

	*id = 0;
	c = pick_rows(st, SQL_PICK_OPEN, 0, &first, "several incidents are "
	    "open; say which with --incident N or WARROOM_INCIDENT=N: ", msg,
	    n);
	if (c != 0)
		goto out;
	c = pick_rows(st, SQL_PICK_OPEN, 1, &first, "no incident declared "
	    "here is open; name an imported one with --incident N: ", msg, n);
	if (c != 0)
		goto several;
	/* None open: the newest declared here, to read or to look back on. */
	c = pick_rows(st, SQL_PICK_ALL, 0, &first, "", msg, n);
	if (c != 0) {
		c = c > 0 ? 1 : c;
		goto out;
	}
	c = pick_rows(st, SQL_PICK_ALL, 1, &first, "no incident declared "
	    "here; name an imported one with --incident N: ", msg, n);
	if (c != 0)
		goto several;
	snprintf(msg, n, "no incident yet; declare one with 'warroom declare "
	    "TITLE'");
	return PICK_NONE;
several:
	if (c < 0)
		return PICK_ERROR;
	*id = first;
	return PICK_SEVERAL;
out:
	if (c < 0)
		return PICK_ERROR;
	if (c > 1)
		goto several;
	*id = first;
	msg[0] = '\0';
	return PICK_ONE;
}

int
incident_newer_open(struct store *st, int64_t after, int64_t skip,
    int64_t *id, int *severity, char **title, char *err)
{
	static const char sql[] = "SELECT id, severity, title FROM incident "
	    "WHERE " PICK_OPEN " AND imported = 0 AND id > ?1 AND id != ?2 "
	    "ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, found = 0;

	sqlite3_bind_int64(s, 1, after);
	sqlite3_bind_int64(s, 2, skip);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *sev = (const char *)sqlite3_column_text(s, 1);
		const char *t = (const char *)sqlite3_column_text(s, 2);

		*id = sqlite3_column_int64(s, 0);
		*severity = sev != NULL ? enum_parse(severity_names, SEV_COUNT, sev)
		    : -1;
		if (*severity < 0)
			*severity = SEV3;
		*title = xstrdup(t != NULL ? t : "");
		found = 1;
	} else if (rc != SQLITE_DONE) {
		store_err(st, "reading incidents", err);
		found = -1;
	}
	store_done(s);
	return found;
}

int
incident_exists(struct store *st, int64_t id, char *err)
{
	static const char sql[] = "SELECT 1 FROM incident WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, found = 0;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		found = 1;
	else if (rc != SQLITE_DONE) {
		store_err(st, "reading incidents", err);
		found = -1;
	}
	store_done(s);
	return found;
}

int64_t
incident_newest_id(struct store *st, char *err)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM incident";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t id = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else
		store_err(st, "reading incidents", err);
	store_done(s);
	return id;
}

int
incident_closed(struct store *st, int64_t id, int64_t now, char *line,
    size_t n)
{
	struct incident i = {0};
	char err[ERR_LEN], ago[32];
	const char *title;
	int64_t when;
	size_t fit;

	line[0] = '\0';
	if (incident_load(st, id, &i, err) != 0) {
		snprintf(line, n, "%s", err);
		return -1;
	}
	if (i.phase != PHASE_RESOLVED && i.phase != PHASE_RETROSPECTIVE) {
		incident_clear(&i);
		return 0;
	}
	title = i.title != NULL ? i.title : "";
	when = i.resolved > 0 ? i.resolved : i.phase_since;
	time_dur(now > when ? now - when : 0, ago, sizeof ago);
	fit = incident_title_fit(title, PICK_TITLE_COLS, PICK_TITLE_COLS * 4);
	snprintf(line, n, "#%lld \"%.*s%s\" was resolved %s ago",
	    (long long)id, (int)fit, title, title[fit] != '\0' ? "..." : "",
	    ago);
	incident_clear(&i);
	return 1;
}
