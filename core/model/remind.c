/* remind.c: reminders for the commander (an update due, a stale check-in)
 * and their snooze; the agent (agent/deliver.c) posts them to the
 * commander's webhook, once each. */
#include "model/remind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/board.h"
#include "model/outbox.h"
#include "store/store.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/text.h"
#include "base/util.h"

#define REMIND_NAME_COLS 10 /* of a name in the short words */

/* "NAME: no check-in for 31m", a long name cut to REMIND_NAME_COLS
 * columns ("長い名前の…") so the time stays in sight. */
static void
remind_brief_stale(const char *name, const char *d, char *text, size_t n)
{
	int used;
	size_t fit = text_fit(name, REMIND_NAME_COLS, &used);

	if (name[fit] != '\0')
		fit = text_fit(name, REMIND_NAME_COLS - 1, &used);
	snprintf(text, n, "%.*s%s: no check-in for %s", (int)fit, name,
	    name[fit] != '\0' ? "…" : "", d);
}

/* The reminder at now, long (for people reading a line of its own, and
 * Slack) or short (a status bar of 80 columns); see remind.h. */
static int
remind_find(const struct incident *inc, const struct responder *board,
    int nboard, int64_t now, int brief, char *text, size_t n, char *key,
    size_t kn)
{
	int64_t due = outbox_due(inc);
	char d[32];
	int i, late;

	if (inc->phase >= PHASE_RESOLVED || inc->snooze_until > now)
		return 0;
	if (due > 0 && due <= now) {
		time_dur(now - due, d, sizeof d);
		late = now - due >= 60;
		if (brief)
			snprintf(text, n, late ? "Update %s overdue" :
			    "Update due%s", late ? d : "");
		else
			snprintf(text, n, "Next status update due%s%s", late
			    ? ", overdue by " : "", late ? d : "");
		/* A snooze run out makes it a new reminder: it rings and
		 * is posted again. */
		if (key != NULL)
			snprintf(key, kn, "update:%lld:%lld", (long long)due,
			    (long long)inc->snooze_until);
		return 1;
	}
	for (i = 0; i < nboard; i++) {
		const struct responder *r = &board[i];

		if (!board_is_stale(r, now, inc->checkin_interval))
			continue;
		time_dur(now - r->last_checkin, d, sizeof d);
		if (brief)
			remind_brief_stale(r->name, d, text, n);
		else
			snprintf(text, n, "%s has not checked in for %s",
			    r->name, d);
		if (key != NULL)
			snprintf(key, kn, "stale:%s:%lld:%lld", r->name,
			    (long long)r->last_checkin,
			    (long long)inc->snooze_until);
		return 1;
	}
	return 0;
}

int
remind_check(const struct incident *inc, const struct responder *board,
    int nboard, int64_t now, char *text, size_t n, char *key, size_t kn)
{
	return remind_find(inc, board, nboard, now, 0, text, n, key, kn);
}

int
remind_short(const struct incident *inc, const struct responder *board,
    int nboard, int64_t now, char *text, size_t n)
{
	return remind_find(inc, board, nboard, now, 1, text, n, NULL, 0);
}

int
remind_snooze(struct store *st, int64_t incident, const char *by,
    char *err)
{
	static const char sql[] = "UPDATE incident SET snooze_until = ?2 "
	    "WHERE id = ?1";
	struct entry e = {0};
	sqlite3_stmt *s;
	int64_t until = wr_now() + REMIND_SNOOZE;
	char t[32];

	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_int64(s, 2, until);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	if (sqlite3_changes(store_db(st)) == 0) {
		err_set(err, "no incident %lld", (long long)incident);
		goto rollback;
	}
	time_hm(until, t, sizeof t);
	e.kind = KIND_NOTE;
	e.confidence = CONF_CONFIRMED;
	e.author = (char *)(uintptr_t)(by ? by : "?");
	e.text = xasprintf("Reminders snoozed for 10 min (until %s)", t);
	if (timeline_add_tx(st, incident, &e, err) < 0) {
		free(e.text);
		goto rollback;
	}
	free(e.text);
	return store_commit(st, err);
rollback:
	store_rollback(st);
	return -1;
}

int
remind_claim(struct store *st, int64_t incident, const char *key,
    int64_t now, char *err)
{
	static const char sql[] = "INSERT INTO reminder_sent (incident_id, "
	    "key, at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
	sqlite3_stmt *s;
	int changed;

	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, now);
	if (store_exec_stmt(st, s, err) != 0) {
		store_rollback(st);
		return -1;
	}
	changed = sqlite3_changes(store_db(st));
	if (store_commit(st, err) != 0)
		return -1;
	return changed > 0;
}
