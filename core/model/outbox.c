/* outbox.c: status updates queued in the database with their phase heading:
 * the queue's rows and states, and the retry timing the agent's delivery
 * (agent/deliver.c) goes by. */
#include "model/outbox.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/config.h"
#include "model/incident.h"
#include "model/slack_msg.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/util.h"

char *
outbox_heading(int phase)
{
	if (phase < 0 || phase >= PHASE_COUNT)
		phase = PHASE_DETECTED;
	return xasprintf("%s %s", phase_headings[phase], phase_names[phase]);
}

char *
outbox_heading_for(int phase, int audience)
{
	if (audience != AUD_USERS)
		return outbox_heading(phase);
	if (phase < 0 || phase >= PHASE_COUNT)
		phase = PHASE_DETECTED;
	return xstrdup(phase_headings[phase]);
}

/* Is word in s as a word of its own (not inside a longer ASCII word)? */
static int
outbox_has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = s; (p = strcasestr(p, word)) != NULL; p++) {
		unsigned char before = p > s ? (unsigned char)p[-1] : ' ';
		unsigned char after = (unsigned char)p[n];

		if (!isalnum(before) && !isalnum(after))
			return 1;
	}
	return 0;
}

/* "incident 12", "Incident #12", "インシデント12": our numbering. */
static int
outbox_names_incident(const char *body)
{
	static const char *const words[] = {"incident", "インシデント"};
	const char *p;
	size_t i;

	for (i = 0; i < ARRAY_LEN(words); i++)
		for (p = body; (p = strcasestr(p, words[i])) != NULL; p++) {
			const char *q = p + strlen(words[i]);

			while (*q == ' ' || *q == '#' || *q == ':')
				q++;
			if (isdigit((unsigned char)*q))
				return 1;
		}
	return 0;
}

/* An update for users carries nothing internal: the incident's number,
 * its severity, or (in text that is not English) our English phase
 * words. 0 when clean, else -1 with err naming what to take out. */
static int
outbox_users_check(const char *body, char *err)
{
	const unsigned char *p;
	int i, translated = 0;

	for (i = 0; i < SEV_COUNT; i++)
		if (outbox_has_word(body, severity_names[i])) {
			err_set(err, "an update for users names the severity "
			    "(%s): take it out, users read plain words",
			    severity_names[i]);
			return -1;
		}
	for (p = (const unsigned char *)body; *p != '\0'; p++) {
		if (*p >= 0x80)
			translated = 1;
		if (*p == '#' && isdigit(p[1])) {
			err_set(err, "an update for users names an incident "
			    "number (#%c...): take it out", p[1]);
			return -1;
		}
	}
	if (outbox_names_incident(body)) {
		err_set(err, "an update for users names an incident number: "
		    "take it out");
		return -1;
	}
	for (i = 0; translated && i < PHASE_COUNT; i++)
		if (outbox_has_word(body, phase_names[i])) {
			err_set(err, "an update for users says \"%s\", an "
			    "internal phase word: write it in the readers' "
			    "language (the heading %s says it already)",
			    phase_names[i], phase_headings[i]);
			return -1;
		}
	return 0;
}

static const char *const outbox_templates[AUD_COUNT] = {
	[AUD_ENGINEERS] =
	    "What we know:\n- \n"
	    "What we are doing:\n- \n"
	    "Next steps:\n- ",
	[AUD_MANAGERS] =
	    "Impact: \n"
	    "Expected recovery: \n"
	    "Decision needed: ",
	[AUD_USERS] =
	    "What is affected (in plain words, no internal names): \n"
	    "What you can do meanwhile: \n"
	    "When we will tell you more: ",
};

const char *
outbox_template(int audience)
{
	if (audience < 0 || audience >= AUD_COUNT)
		audience = AUD_ENGINEERS;
	return outbox_templates[audience];
}

/* Equal but for white space at the ends of lines. */
static int
outbox_same_text(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t' || *a == '\n')
			a++;
		while (*b == ' ' || *b == '\t' || *b == '\n')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (*a++ != *b++)
			return 0;
	}
}

char *
outbox_clean_body(const char *body, int audience, char *err)
{
	char *c;

	if (audience < 0 || audience >= AUD_COUNT) {
		err_set(err, "unknown audience (use engineers, managers or "
		    "users)");
		return NULL;
	}
	if (body == NULL || str_empty(body)) {
		err_set(err, "the update is empty");
		return NULL;
	}
	if (text_check(body, OUTBOX_BODY_MAX, "the update", err) != 0)
		return NULL;
	if ((c = text_clean_field(body, "the update", 1, err)) == NULL)
		return NULL;
	if (audience == AUD_USERS && outbox_users_check(c, err) != 0) {
		free(c);
		return NULL;
	}
	if (outbox_same_text(c, outbox_template(audience))) {
		err_set(err, "the update is still the bare %s template: fill "
		    "it in", audience_names[audience]);
		free(c);
		return NULL;
	}
	return c;
}

/* [display] timezone of cf (an IANA name), or NULL for the host's. */
static const char *
outbox_tz(const struct config *cf)
{
	const char *tz = cf ? config_get(cf, "display", "timezone") : NULL;

	return tz != NULL && *tz != '\0' ? tz : NULL;
}

/* The message of an update; the strings stay the caller's. */
static void
outbox_msg(struct slack_msg *m, const char *heading, const char *body,
    const char *title, int64_t incident, const char *severity, int audience,
    int64_t time, const struct config *cf)
{
	*m = (struct slack_msg){0};
	m->heading = heading;
	m->body = body;
	m->title = title;
	m->incident_id = incident;
	m->severity = severity;
	m->audience = audience_names[audience];
	m->time = time;
	m->tz = outbox_tz(cf);
	m->for_users = audience == AUD_USERS;
}

/* The message of a body for the incident as it is now. */
static char *
outbox_render(struct store *st, int64_t incident, int audience,
    const char *body, int64_t now, int json, char *err)
{
	struct incident inc = {0};
	struct slack_msg m;
	struct config *cf;
	char *clean, *heading, *out, cerr[ERR_LEN];

	if ((clean = outbox_clean_body(body, audience, err)) == NULL)
		return NULL;
	if (incident_load(st, incident, &inc, err) != 0) {
		free(clean);
		return NULL;
	}
	heading = outbox_heading_for(inc.phase, audience);
	/* The zone the agent will show, as far as this config tells. */
	cf = config_load(NULL, cerr);
	outbox_msg(&m, heading, clean, inc.title, inc.id,
	    severity_names[inc.severity], audience, now, cf);
	out = json ? slack_payload(&m) : slack_preview(&m);
	config_free(cf);
	free(heading);
	free(clean);
	incident_clear(&inc);
	return out;
}

char *
outbox_preview(struct store *st, int64_t incident, int audience,
    const char *body, int64_t now, char *err)
{
	return outbox_render(st, incident, audience, body, now, 0, err);
}

char *
outbox_preview_json(struct store *st, int64_t incident, int audience,
    const char *body, int64_t now, char *err)
{
	return outbox_render(st, incident, audience, body, now, 1, err);
}

static const char SQL_INSERT_UPDATE[] =
    "INSERT INTO status_update (incident_id, entry_id, audience, phase, "
    "heading, body, author, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
/* A users update goes to the status page too, with its own state. */
static const char SQL_INSERT_PAGE[] =
    "INSERT INTO page_delivery (update_id) VALUES (?1)";
static const char SQL_SET_LAST_UPDATE[] =
    "UPDATE incident SET last_update = ?2 WHERE id = ?1";

int64_t
outbox_queue(struct store *st, int64_t incident, int audience, int phase,
    const char *body, const char *author, char *err)
{
	struct incident inc = {0};
	struct entry e = {0};
	char *clean, *by = NULL, *heading = NULL;
	int64_t now = wr_now(), entry_id, id = -1;
	sqlite3_stmt *s;

	if ((clean = outbox_clean_body(body, audience, err)) == NULL)
		return -1;
	if (author != NULL && (by = text_clean_name(author, "author",
	    err)) == NULL)
		goto out;
	if (store_begin(st, err) != 0)
		goto out;
	/* The heading is read inside the transaction that writes it. */
	if (incident_load(st, incident, &inc, err) != 0)
		goto rollback;
	if (phase >= 0 && phase != inc.phase) {
		err_set(err, "the phase changed to %s since the preview: check "
		    "the heading and send again", phase_names[inc.phase]);
		goto rollback;
	}
	heading = outbox_heading_for(inc.phase, audience);
	e.kind = KIND_UPDATE;
	e.confidence = CONF_CONFIRMED;
	e.author = by;
	e.event_time = now;
	e.text = xasprintf("%s, to %s: %s", heading, audience_names[audience],
	    clean);
	entry_id = timeline_add_tx(st, incident, &e, err);
	free(e.text);
	if (entry_id < 0)
		goto rollback;
	s = store_stmt(st, SQL_INSERT_UPDATE);
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_int64(s, 2, entry_id);
	sqlite3_bind_text(s, 3, audience_names[audience], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, phase_names[inc.phase], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, heading, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, clean, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, by ? by : "?", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 8, now);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	id = sqlite3_last_insert_rowid(store_db(st));
	if (audience == AUD_USERS) {
		s = store_stmt(st, SQL_INSERT_PAGE);
		sqlite3_bind_int64(s, 1, id);
		if (store_exec_stmt(st, s, err) != 0)
			goto rollback;
	}
	s = store_stmt(st, SQL_SET_LAST_UPDATE);
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_int64(s, 2, now);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	if (store_commit(st, err) != 0) {
		id = -1;
		goto out;
	}
	goto out;
rollback:
	id = -1;
	store_rollback(st);
out:
	incident_clear(&inc);
	free(heading);
	free(clean);
	free(by);
	return id;
}

#define UPDATE_COLUMNS                                                    \
	"SELECT id, incident_id, audience, phase, heading, body, author, "  \
	"created, state, attempts, next_attempt, sent_at, last_error, "    \
	"dropped_at FROM status_update "
static const char SQL_LIST_UPDATES[] = UPDATE_COLUMNS
    "WHERE incident_id = ?1 ORDER BY id DESC LIMIT ?2";

static void
outbox_from_row(sqlite3_stmt *s, struct status_update *u)
{
	u->id = sqlite3_column_int64(s, 0);
	u->incident_id = sqlite3_column_int64(s, 1);
	u->audience = enum_parse(audience_names, AUD_COUNT,
	    (const char *)sqlite3_column_text(s, 2));
	u->phase = enum_parse(phase_names, PHASE_COUNT,
	    (const char *)sqlite3_column_text(s, 3));
	u->heading = store_col_str(s, 4);
	u->body = store_col_str(s, 5);
	u->author = store_col_str(s, 6);
	u->created = sqlite3_column_int64(s, 7);
	u->state = enum_parse(ustate_names, USTATE_COUNT,
	    (const char *)sqlite3_column_text(s, 8));
	u->attempts = sqlite3_column_int(s, 9);
	u->next_attempt = sqlite3_column_int64(s, 10);
	u->sent_at = sqlite3_column_int64(s, 11);
	u->last_error = store_col_text(s, 12);
	u->dropped_at = sqlite3_column_int64(s, 13);
	if (u->audience < 0)
		u->audience = AUD_ENGINEERS;
	if (u->phase < 0)
		u->phase = PHASE_DETECTED;
	if (u->state < 0)
		u->state = USTATE_QUEUED;
}

static const char SQL_LIST_FAILED[] = UPDATE_COLUMNS
    "WHERE incident_id = ?1 AND state = 'failed' AND dropped_at IS NULL "
    "ORDER BY id LIMIT ?2";

static int outbox_rows(struct store *st, const char *sql, int64_t incident,
    int limit, struct status_update **out, int *n, char *err);

int
outbox_list(struct store *st, int64_t incident, int limit,
    struct status_update **out, int *n, char *err)
{
	return outbox_rows(st, SQL_LIST_UPDATES, incident, limit, out, n, err);
}

int
outbox_failed(struct store *st, int64_t incident, int limit,
    struct status_update **out, int *n, char *err)
{
	return outbox_rows(st, SQL_LIST_FAILED, incident, limit, out, n, err);
}

static int
outbox_rows(struct store *st, const char *sql, int64_t incident, int limit,
    struct status_update **out, int *n, char *err)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, (size_t)cap, sizeof **out);
		}
		(*out)[*n] = (struct status_update){0};
		outbox_from_row(s, &(*out)[(*n)++]);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading status updates", err);
		outbox_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
outbox_list_free(struct status_update *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		status_update_clear(&list[i]);
	free(list);
}

int
outbox_interval(const struct incident *inc)
{
	return inc->update_interval > 0 ? inc->update_interval
	    : severity_update_interval(inc->severity);
}

int64_t
outbox_due(const struct incident *inc)
{
	int64_t from = inc->last_update > 0 ? inc->last_update : inc->detected;

	if (inc->phase >= PHASE_RESOLVED)
		return 0;
	return from + outbox_interval(inc);
}

const char *
outbox_webhook(const struct config *cf, int audience, const char **key)
{
	static char keys[AUD_COUNT][32];
	const char *url;

	if (audience < 0 || audience >= AUD_COUNT)
		audience = AUD_ENGINEERS;
	snprintf(keys[audience], sizeof keys[audience], "webhook.%s",
	    audience_names[audience]);
	if ((url = config_get(cf, "slack", keys[audience])) != NULL &&
	    *url != '\0') {
		if (key != NULL)
			*key = keys[audience];
		return url;
	}
	if (key != NULL)
		*key = "webhook";
	url = config_get(cf, "slack", "webhook");
	return url != NULL && *url != '\0' ? url : NULL;
}

static int
outbox_url_ok(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0;
}

char *
outbox_config_problem(const struct config *cf, int audience)
{
	const char *key, *url = outbox_webhook(cf, audience, &key);
	const char *path = config_path(cf);

	if (url == NULL)
		return xasprintf("no webhook for %s: set [slack] webhook.%s or "
		    "webhook in %s", audience_names[audience],
		    audience_names[audience], path ? path :
		    "the config file (none found: create ~/.config/warroom/config, "
		    "mode 600, or set $WARROOM_CONFIG)");
	if (!outbox_url_ok(url))
		return xasprintf("[slack] %s in %s is not an http(s) URL", key,
		    path ? path : "the config file");
	return NULL;
}

static int64_t outbox_wait_max(const char *last_error, int attempts,
    int timeout);

char *
outbox_why(const struct status_update *u, const struct config *cf,
    const char *cferr, int64_t now)
{
	char t[32], d[32];
	const char *le = u->last_error;

	if (u->state == USTATE_SENT) {
		time_hm(u->sent_at, t, sizeof t);
		return u->attempts > 1 ? xasprintf("sent %s (attempt %d)", t,
		    u->attempts) : xasprintf("sent %s", t);
	}
	if (u->state == USTATE_FAILED && u->dropped_at > 0)
		return xasprintf("given up: %s", le ? le : "unknown reason");
	if (u->state == USTATE_FAILED)
		return xasprintf("failed: %s (warroom update --retry %lld or "
		    "--drop %lld)", le ? le : "unknown reason",
		    (long long)u->id, (long long)u->id);
	/* The agent's own word first: it reads the config that counts. A
	 * retry further ahead than any wait an agent sets means the clock
	 * went back: the agent treats it as due, and so does this. */
	if (u->attempts > 0 && clock_wait(u->next_attempt, now,
	    outbox_wait_max(le, u->attempts, cf != NULL ? outbox_timeout(cf)
	    : OUTBOX_TIMEOUT_DEFAULT)) > 0) {
		time_dur(u->next_attempt - now, d, sizeof d);
		return xasprintf("retry in %s: %s", d, le ? le : "no answer");
	}
	if (u->attempts > 0)
		return xasprintf("retry due: %s", le ? le : "no answer");
	if (le != NULL)
		return xasprintf("waiting: %s", le);
	/* Not tried yet: what the config we can read says. */
	if (cf == NULL && cferr != NULL)
		return xasprintf("waiting for the agent (and the config cannot "
		    "be read here: %s)", cferr);
	/* No config file here (on a team host the agent's is private to it):
	 * only the agent can tell, and it records its reason on its round. */
	if (cf != NULL && config_path(cf) != NULL) {
		char *p = outbox_config_problem(cf, u->audience), *r;

		if (p != NULL) {
			r = xasprintf("waiting: %s", p);
			free(p);
			return r;
		}
	}
	return xstrdup("waiting for the agent to send it");
}

/* The status page's side, when one is configured: counts, and the oldest
 * update not delivered there with why. */
static void
outbox_page_summary(struct store *st, int64_t incident,
    const struct config *cf, int64_t now, struct buf *b)
{
	static const char sql[] = "SELECT p.update_id, p.state, "
	    "p.next_attempt, p.last_error FROM page_delivery p "
	    "JOIN status_update u ON u.id = p.update_id "
	    "WHERE u.incident_id = ?1 AND p.state <> 'off' ORDER BY p.update_id";
	const char *page = cf ? config_get(cf, "statuspage", "page_id") : NULL;
	int n[3] = {0, 0, 0}; /* sent, queued, failed */
	char *first = NULL, *clean, d[32];
	sqlite3_stmt *s;

	if (page == NULL || *page == '\0')
		return;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, incident);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(s, 1);
		const char *why = (const char *)sqlite3_column_text(s, 3);
		int64_t id = sqlite3_column_int64(s, 0);
		int64_t next = sqlite3_column_int64(s, 2);
		int k = state == NULL ? 1 : strcmp(state, "sent") == 0 ? 0 :
		    strcmp(state, "failed") == 0 ? 2 : 1;

		n[k]++;
		if (k == 0 || first != NULL)
			continue;
		time_dur(next > now ? next - now : 0, d, sizeof d);
		if (k == 2)
			first = xasprintf("#%lld failed: %s", (long long)id,
			    why ? why : "?");
		else if (why == NULL)
			first = xasprintf("#%lld queued: waiting for the agent "
			    "to send it", (long long)id);
		else
			first = xasprintf("#%lld queued: retry in %s: %s",
			    (long long)id, d, why);
	}
	store_done(s);
	buf_addf(b, "page      %d sent, %d queued, %d failed (status page)\n",
	    n[0], n[1], n[2]);
	if (first != NULL) {
		/* It holds stored text: one line whatever it says. */
		clean = text_sanitize(first, strlen(first), SIZE_MAX, 0);
		buf_addf(b, "          %s\n", clean);
		free(clean);
		free(first);
	}
}

char *
outbox_summary(struct store *st, int64_t incident, const struct config *cf,
    const char *cferr, int64_t now, char *err)
{
	struct incident inc = {0};
	struct status_update *list;
	struct buf b = {0};
	int n, i, queued = 0, failed = 0, shown = 0;
	int64_t due;
	char d[32], iv[32];

	if (incident_load(st, incident, &inc, err) != 0)
		return NULL;
	if (outbox_list(st, incident, 0, &list, &n, err) != 0) {
		incident_clear(&inc);
		return NULL;
	}
	due = outbox_due(&inc);
	time_dur(outbox_interval(&inc), iv, sizeof iv);
	if (due == 0)
		buf_adds(&b, "updates   none due any more\n");
	else if (due >= now) {
		time_dur(due - now, d, sizeof d);
		buf_addf(&b, "updates   next due in %s (every %s)\n", d, iv);
	} else {
		time_dur(now - due, d, sizeof d);
		buf_addf(&b, "updates   OVERDUE by %s (every %s)\n", d, iv);
	}
	for (i = 0; i < n; i++) {
		queued += list[i].state == USTATE_QUEUED;
		failed += list[i].state == USTATE_FAILED;
	}
	buf_addf(&b, "          %d sent, %d queued, %d failed\n",
	    n - queued - failed, queued, failed);
	/* Oldest first: the one that holds the others back comes first. */
	for (i = n - 1; i >= 0 && shown < 5; i--) {
		char *why, *line, *clean;

		if (list[i].state == USTATE_SENT)
			continue;
		why = outbox_why(&list[i], cf, cferr, now);
		/* why holds the stored error: one line whatever it says. */
		line = xasprintf("          #%lld %s %s: %s",
		    (long long)list[i].id, audience_names[list[i].audience],
		    ustate_names[list[i].state], why);
		clean = text_sanitize(line, strlen(line), SIZE_MAX, 0);
		buf_addf(&b, "%s\n", clean);
		free(clean);
		free(line);
		free(why);
		shown++;
	}
	outbox_list_free(list, n);
	incident_clear(&inc);
	outbox_page_summary(st, incident, cf, now, &b);
	return buf_take(&b);
}

static const char SQL_UPDATE_STATE[] =
    "SELECT incident_id, audience, state, dropped_at FROM status_update "
    "WHERE id = ?1";
static const char SQL_REQUEUE[] =
    "UPDATE status_update SET state = 'queued', attempts = 0, "
    "next_attempt = 0, last_error = NULL, dropped_at = NULL, "
    "dropped_by = NULL WHERE id = ?1 AND state = 'failed'";
static const char SQL_DROP[] =
    "UPDATE status_update SET dropped_at = ?2, dropped_by = ?3 "
    "WHERE id = ?1 AND state = 'failed' AND dropped_at IS NULL";

/* Read update id's incident and audience in the open transaction; it must
 * be a failed update (and, to drop it, not dropped yet). */
static int
outbox_failed_one(struct store *st, int64_t id, int dropping,
    int64_t *incident, int *audience, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_UPDATE_STATE);
	int rc, ok = -1;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(s, 2);

		*incident = sqlite3_column_int64(s, 0);
		*audience = enum_parse(audience_names, AUD_COUNT,
		    (const char *)sqlite3_column_text(s, 1));
		if (*audience < 0)
			*audience = AUD_ENGINEERS;
		if (state == NULL || strcmp(state, "failed") != 0)
			err_set(err, "update #%lld is %s, not failed: only a "
			    "failed update can be sent again or given up "
			    "(see warroom update --list)", (long long)id,
			    state ? state : "?");
		else if (dropping && sqlite3_column_type(s, 3) != SQLITE_NULL)
			err_set(err, "update #%lld was already given up",
			    (long long)id);
		else
			ok = 0;
	} else if (rc == SQLITE_DONE)
		err_set(err, "no status update #%lld (see warroom update "
		    "--list)", (long long)id);
	else
		store_err(st, "reading the status update", err);
	store_done(s);
	return ok;
}

int
outbox_act(struct store *st, int64_t inc, int64_t id, int retry,
    const char *by, char *err)
{
	struct entry e = {0};
	sqlite3_stmt *s;
	int64_t incident, r;
	int audience;
	char *who;

	if ((who = text_clean_name(by ? by : "?", "name", err)) == NULL)
		return -1;
	if (store_begin(st, err) != 0)
		goto fail;
	if (outbox_failed_one(st, id, !retry, &incident, &audience, err) != 0)
		goto rollback;
	if (incident != inc) {
		err_set(err, "update #%lld belongs to incident %lld; name it "
		    "with --incident %lld", (long long)id, (long long)incident,
		    (long long)incident);
		goto rollback;
	}
	s = store_stmt(st, retry ? SQL_REQUEUE : SQL_DROP);
	sqlite3_bind_int64(s, 1, id);
	if (!retry) {
		sqlite3_bind_int64(s, 2, wr_now());
		sqlite3_bind_text(s, 3, who, -1, SQLITE_TRANSIENT);
	}
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	e.kind = KIND_NOTE;
	e.confidence = CONF_CONFIRMED;
	e.author = who;
	e.text = xasprintf(retry ? "Status update #%lld to %s queued again "
	    "after it failed" : "Status update #%lld to %s given up after it "
	    "failed: it will not be sent", (long long)id,
	    audience_names[audience]);
	r = timeline_add_tx(st, incident, &e, err);
	free(e.text);
	if (r < 0)
		goto rollback;
	if (store_commit(st, err) != 0)
		goto fail;
	free(who);
	return 0;
rollback:
	store_rollback(st);
fail:
	free(who);
	return -1;
}

/* The retry timing. */

int64_t (*outbox_mono_ms)(void) = wr_mono_ms;

/* The retries this process scheduled, on the monotonic clock. An entry
 * counts only while the update's attempts are still what we saw: if
 * another agent tried it since, its own schedule (in the database) rules. */
#define OUTBOX_MONO_MAX 256
static struct outbox_mono {
	int64_t id, due_ms;
	int attempts;
} outbox_mono[OUTBOX_MONO_MAX];
static int outbox_nmono;

static struct outbox_mono *
outbox_mono_find(int64_t id)
{
	int i;

	for (i = 0; i < outbox_nmono; i++)
		if (outbox_mono[i].id == id)
			return &outbox_mono[i];
	return NULL;
}

static void
outbox_mono_forget(int64_t id)
{
	struct outbox_mono *m = outbox_mono_find(id);

	if (m != NULL)
		*m = outbox_mono[--outbox_nmono];
}

static void
outbox_mono_set(int64_t id, int attempts, int64_t delay_s)
{
	struct outbox_mono *m = outbox_mono_find(id);

	if (m == NULL) {
		if (outbox_nmono == OUTBOX_MONO_MAX) /* the oldest goes */
			memmove(outbox_mono, outbox_mono + 1,
			    (OUTBOX_MONO_MAX - 1) * sizeof *outbox_mono);
		else
			outbox_nmono++;
		m = &outbox_mono[outbox_nmono - 1];
	}
	m->id = id;
	m->attempts = attempts;
	m->due_ms = outbox_mono_ms() + delay_s * 1000;
}

void
outbox_retry_soon(void)
{
	int i;

	for (i = 0; i < outbox_nmono; i++)
		outbox_mono[i].due_ms = outbox_mono_ms();
}

static int64_t outbox_backoff(int attempts);

/* The longest wait an agent sets before retrying j (plus a margin):
 * its backoff, a claim's hold, or a rate limit's Retry-After. */
static int64_t
outbox_wait_max(const char *last_error, int attempts, int timeout)
{
	int64_t w = outbox_backoff(attempts);

	if (w < timeout + 60)
		w = timeout + 60;
	if (w < OUTBOX_NO_WEBHOOK_RECHECK)
		w = OUTBOX_NO_WEBHOOK_RECHECK;
	if (last_error != NULL && strncmp(last_error, "HTTP 429", 8) == 0)
		w = SLACK_RETRY_AFTER_MAX;
	return w + 5;
}

int
outbox_retry_due(const struct outbox_job *j, int64_t now, int timeout)
{
	const struct outbox_mono *m = outbox_mono_find(j->id);

	if (m != NULL && m->attempts == j->attempts)
		return outbox_mono_ms() >= m->due_ms;
	return clock_wait(j->next_attempt, now, outbox_wait_max(j->last_error,
	    j->attempts, timeout)) == 0;
}

static const char SQL_QUEUED[] =
    "SELECT u.id, u.incident_id, u.audience, u.heading, u.body, u.created, "
    "u.attempts, u.next_attempt, u.last_error, i.title, i.severity, "
    "u.phase "
    "FROM status_update u JOIN incident i ON i.id = u.incident_id "
    "WHERE u.state = 'queued' ORDER BY u.id LIMIT 200";
/* Taking an update is a write of its own: a second agent (or this one
 * after a crash) sees attempts changed and next_attempt in the future. */
static const char SQL_CLAIM[] =
    "UPDATE status_update SET attempts = attempts + 1, next_attempt = ?3 "
    "WHERE id = ?1 AND state = 'queued' AND attempts = ?2";
static const char SQL_SENT[] =
    "UPDATE status_update SET state = 'sent', sent_at = ?2, "
    "next_attempt = 0, last_error = NULL WHERE id = ?1 AND state = 'queued'";
static const char SQL_FAILED[] =
    "UPDATE status_update SET state = 'failed', last_error = ?2, "
    "next_attempt = 0 WHERE id = ?1 AND state = 'queued'";
static const char SQL_RETRY[] =
    "UPDATE status_update SET next_attempt = ?2, last_error = ?3 "
    "WHERE id = ?1 AND state = 'queued'";
/* Waiting for configuration: not an attempt. Written only when something
 * changes, so an idle agent does not write every round. */
static const char SQL_WAIT[] =
    "UPDATE status_update SET next_attempt = ?2, last_error = ?3 "
    "WHERE id = ?1 AND state = 'queued' AND "
    "(last_error IS NOT ?3 OR next_attempt <= ?4)";

void
outbox_jobs_free(struct outbox_job *jobs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(jobs[i].heading);
		free(jobs[i].body);
		free(jobs[i].title);
		free(jobs[i].severity);
		free(jobs[i].last_error);
	}
	free(jobs);
}

int
outbox_jobs(struct store *st, struct outbox_job **out, int *n, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_QUEUED);
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct outbox_job *j;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, (size_t)cap, sizeof **out);
		}
		j = &(*out)[(*n)++];
		j->id = sqlite3_column_int64(s, 0);
		j->incident = sqlite3_column_int64(s, 1);
		j->audience = enum_parse(audience_names, AUD_COUNT,
		    (const char *)sqlite3_column_text(s, 2));
		if (j->audience < 0)
			j->audience = AUD_ENGINEERS;
		j->heading = store_col_str(s, 3);
		j->body = store_col_str(s, 4);
		j->created = sqlite3_column_int64(s, 5);
		j->attempts = sqlite3_column_int(s, 6);
		j->next_attempt = sqlite3_column_int64(s, 7);
		j->last_error = store_col_text(s, 8);
		j->title = store_col_str(s, 9);
		j->severity = store_col_str(s, 10);
		j->phase = enum_parse(phase_names, PHASE_COUNT,
		    (const char *)sqlite3_column_text(s, 11));
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading the outbox", err);
		return -1;
	}
	return 0;
}

/* Run one write statement (bound by the caller) in its own transaction;
 * returns the rows it changed, or -1. */
static int
outbox_write(struct store *st, sqlite3_stmt *s, char *err)
{
	int changed;

	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	changed = sqlite3_changes(store_db(st));
	return changed;
}

int
outbox_wait(struct store *st, const struct outbox_job *j, const char *why,
    int64_t now, char *err)
{
	sqlite3_stmt *s;

	/* Nothing new to say: no transaction at all. */
	if (j->last_error != NULL && strcmp(j->last_error, why) == 0 &&
	    j->next_attempt > now)
		return 0;
	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, SQL_WAIT);
	sqlite3_bind_int64(s, 1, j->id);
	sqlite3_bind_int64(s, 2, now + OUTBOX_NO_WEBHOOK_RECHECK);
	sqlite3_bind_text(s, 3, why, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now);
	if (outbox_write(st, s, err) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

int
outbox_claim(struct store *st, const struct outbox_job *j, int64_t until,
    char *err)
{
	sqlite3_stmt *s;
	int changed;

	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, SQL_CLAIM);
	sqlite3_bind_int64(s, 1, j->id);
	sqlite3_bind_int(s, 2, j->attempts);
	sqlite3_bind_int64(s, 3, until);
	if ((changed = outbox_write(st, s, err)) < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) != 0)
		return -1;
	return changed;
}

static int64_t
outbox_backoff(int attempts)
{
	int64_t d = OUTBOX_BACKOFF_FIRST;

	while (--attempts > 0 && d < OUTBOX_BACKOFF_MAX)
		d *= 2;
	return d < OUTBOX_BACKOFF_MAX ? d : OUTBOX_BACKOFF_MAX;
}

int64_t
outbox_record(struct store *st, const struct outbox_job *j, int attempt,
    const struct outbox_answer *a, char *err)
{
	int64_t now = wr_now(), next = 0;
	sqlite3_stmt *s;
	const char *aud = audience_names[j->audience];

	if (store_begin(st, err) != 0)
		return -1;
	switch (a->result) {
	case OUTBOX_SENT:
		s = store_stmt(st, SQL_SENT);
		sqlite3_bind_int64(s, 1, j->id);
		sqlite3_bind_int64(s, 2, now);
		break;
	case OUTBOX_FAILED:
		s = store_stmt(st, SQL_FAILED);
		sqlite3_bind_int64(s, 1, j->id);
		sqlite3_bind_text(s, 2, a->error, -1, SQLITE_TRANSIENT);
		break;
	default:
		next = now + (a->retry_after > 0 ? a->retry_after
		    : outbox_backoff(attempt));
		s = store_stmt(st, SQL_RETRY);
		sqlite3_bind_int64(s, 1, j->id);
		sqlite3_bind_int64(s, 2, next);
		sqlite3_bind_text(s, 3, a->error, -1, SQLITE_TRANSIENT);
		break;
	}
	if (outbox_write(st, s, err) < 0)
		goto rollback;
	/* The users' track follows what users were really sent. */
	if (a->result == OUTBOX_SENT && j->audience == AUD_USERS &&
	    sqlite3_changes(store_db(st)) > 0 &&
	    incident_users_told_tx(st, j->incident, j->id, j->phase, now,
	    err) != 0)
		goto rollback;
	if (next > 0)
		outbox_mono_set(j->id, attempt, next - now);
	else
		outbox_mono_forget(j->id);
	if (a->result == OUTBOX_FAILED) {
		/* People should see later that this update never arrived. */
		struct entry e = {0};
		int64_t r;

		e.kind = KIND_NOTE;
		e.confidence = CONF_CONFIRMED;
		e.author = (char *)(uintptr_t)"agent";
		e.text = xasprintf("Status update #%lld to %s was NOT "
		    "delivered: %s", (long long)j->id, aud, a->error);
		r = timeline_add_tx(st, j->incident, &e, err);
		free(e.text);
		if (r < 0)
			goto rollback;
	}
	if (store_commit(st, err) != 0)
		return -1;
	return next > 0 ? next - now : 0;
rollback:
	store_rollback(st);
	return -1;
}

int
outbox_timeout_parse(const char *v)
{
	int64_t t;

	if (time_dur_parse(v, &t) != 0 || t < 1 || t > 120)
		return -1;
	return (int)t;
}

int
outbox_timeout(const struct config *cf)
{
	const char *v = config_get(cf, "slack", "timeout");
	int t = v != NULL ? outbox_timeout_parse(v) : -1;

	return t > 0 ? t : OUTBOX_TIMEOUT_DEFAULT;
}

void
outbox_job_msg(const struct outbox_job *j, const struct config *cf,
    struct slack_msg *m)
{
	outbox_msg(m, j->heading, j->body, j->title, j->incident, j->severity,
	    j->audience, j->created, cf);
}

int
outbox_next_due(struct store *st, int64_t now, int max)
{
	static const char sql[] = "SELECT min(t) FROM (SELECT min(next_attempt) "
	    "AS t FROM status_update WHERE state = 'queued' UNION ALL "
	    "SELECT min(next_attempt) FROM page_delivery WHERE state = "
	    "'queued')";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t wait = max;

	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL) {
		int64_t at = sqlite3_column_int64(s, 0);

		wait = at <= now ? 0 : at - now;
	}
	store_done(s);
	if (wait > max)
		wait = max;
	return (int)wait;
}

int64_t
outbox_newest(struct store *st)
{
	static const char sql[] = "SELECT max(id) FROM status_update";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t id = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0); /* NULL (none yet) reads 0 */
	store_done(s);
	return id;
}

/* The status page's queue: the same steps as Slack's, on page_delivery. */

static const char SQL_PAGE_QUEUED[] =
    "SELECT u.id, u.incident_id, i.created, u.created, p.next_attempt, "
    "p.attempts, u.phase, u.heading, u.body, p.last_error, "
    "(SELECT page_incident FROM page_incident m WHERE m.incident_id = "
    "u.incident_id AND m.page_id = ?1) "
    "FROM page_delivery p JOIN status_update u ON u.id = p.update_id "
    "JOIN incident i ON i.id = u.incident_id "
    "WHERE p.state = 'queued' ORDER BY u.id LIMIT 200";
static const char SQL_PAGE_OFF[] =
    "UPDATE page_delivery SET state = 'off', next_attempt = 0 "
    "WHERE state = 'queued'";
static const char SQL_PAGE_CLAIM[] =
    "UPDATE page_delivery SET attempts = attempts + 1, next_attempt = ?3 "
    "WHERE update_id = ?1 AND state = 'queued' AND attempts = ?2";
static const char SQL_PAGE_LINK[] =
    "INSERT OR IGNORE INTO page_incident (incident_id, page_id, "
    "page_incident) VALUES (?1, ?2, ?3)";
static const char SQL_PAGE_SENT[] =
    "UPDATE page_delivery SET state = 'sent', sent_at = ?2, "
    "next_attempt = 0, last_error = NULL "
    "WHERE update_id = ?1 AND state = 'queued'";
static const char SQL_PAGE_FAILED[] =
    "UPDATE page_delivery SET state = 'failed', last_error = ?2, "
    "next_attempt = 0 WHERE update_id = ?1 AND state = 'queued'";
static const char SQL_PAGE_RETRY[] =
    "UPDATE page_delivery SET next_attempt = ?2, last_error = ?3 "
    "WHERE update_id = ?1 AND state = 'queued'";

void
outbox_page_jobs_free(struct outbox_page_job *jobs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(jobs[i].heading);
		free(jobs[i].body);
		free(jobs[i].last_error);
		free(jobs[i].page_incident);
	}
	free(jobs);
}

int
outbox_page_jobs(struct store *st, const char *page_id,
    struct outbox_page_job **out, int *n, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_PAGE_QUEUED);
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	sqlite3_bind_text(s, 1, page_id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct outbox_page_job *j;

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, (size_t)cap, sizeof **out);
		}
		j = &(*out)[(*n)++];
		j->id = sqlite3_column_int64(s, 0);
		j->incident = sqlite3_column_int64(s, 1);
		j->inc_created = sqlite3_column_int64(s, 2);
		j->created = sqlite3_column_int64(s, 3);
		j->next_attempt = sqlite3_column_int64(s, 4);
		j->attempts = sqlite3_column_int(s, 5);
		j->phase = enum_parse(phase_names, PHASE_COUNT,
		    (const char *)sqlite3_column_text(s, 6));
		j->heading = store_col_str(s, 7);
		j->body = store_col_str(s, 8);
		j->last_error = store_col_text(s, 9);
		j->page_incident = store_col_text(s, 10);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading the status page's queue", err);
		return -1;
	}
	return 0;
}

/* Run s, bound by the caller, in a transaction of its own: rows changed,
 * or -1 with err. */
static int
outbox_page_write(struct store *st, sqlite3_stmt *s, char *err)
{
	int changed;

	if ((changed = outbox_write(st, s, err)) < 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, err) != 0)
		return -1;
	return changed;
}

/* Would the page's wait (why NULL: letting go) change a row? Read first,
 * so an idle agent takes no write lock every round. */
static int
outbox_page_pending(struct store *st, const char *why, int64_t now)
{
	static const char sql[] = "SELECT 1 FROM page_delivery WHERE state = "
	    "'queued' AND (?1 IS NULL OR last_error IS NOT ?1 OR "
	    "next_attempt <= ?2) LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	if (why != NULL)
		sqlite3_bind_text(s, 1, why, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now);
	rc = sqlite3_step(s);
	store_done(s);
	return rc != SQLITE_DONE; /* a row, or an error the write will tell */
}

int
outbox_page_off(struct store *st, char *err)
{
	sqlite3_stmt *s;

	if (!outbox_page_pending(st, NULL, 0))
		return 0;
	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, SQL_PAGE_OFF);
	return outbox_page_write(st, s, err);
}

int
outbox_page_wait(struct store *st, const char *why, int64_t now, char *err)
{
	static const char sql[] = "UPDATE page_delivery SET next_attempt = ?1, "
	    "last_error = ?2 WHERE state = 'queued' AND "
	    "(last_error IS NOT ?2 OR next_attempt <= ?3)";
	sqlite3_stmt *s;

	if (!outbox_page_pending(st, why, now))
		return 0;
	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, now + OUTBOX_NO_WEBHOOK_RECHECK);
	sqlite3_bind_text(s, 2, why, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, now);
	return outbox_page_write(st, s, err);
}

int
outbox_page_retry_due(const struct outbox_page_job *j, int64_t now,
    int timeout)
{
	/* The page's retries share the monotonic schedule under -id. */
	const struct outbox_mono *m = outbox_mono_find(-j->id);

	if (m != NULL && m->attempts == j->attempts)
		return outbox_mono_ms() >= m->due_ms;
	return clock_wait(j->next_attempt, now, outbox_wait_max(j->last_error,
	    j->attempts, timeout)) == 0;
}

int
outbox_page_claim(struct store *st, const struct outbox_page_job *j,
    int64_t until, char *err)
{
	sqlite3_stmt *s;

	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, SQL_PAGE_CLAIM);
	sqlite3_bind_int64(s, 1, j->id);
	sqlite3_bind_int(s, 2, j->attempts);
	sqlite3_bind_int64(s, 3, until);
	return outbox_page_write(st, s, err);
}

char *
outbox_page_incident(struct store *st, int64_t incident, const char *page_id)
{
	static const char sql[] = "SELECT page_incident FROM page_incident "
	    "WHERE incident_id = ?1 AND page_id = ?2";
	sqlite3_stmt *s = store_stmt(st, sql);
	char *id = NULL;

	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_text(s, 2, page_id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = store_col_text(s, 0);
	store_done(s);
	return id;
}

int
outbox_page_link(struct store *st, int64_t incident, const char *page_id,
    const char *page_incident, char *err)
{
	sqlite3_stmt *s;

	if (store_begin(st, err) != 0)
		return -1;
	s = store_stmt(st, SQL_PAGE_LINK);
	sqlite3_bind_int64(s, 1, incident);
	sqlite3_bind_text(s, 2, page_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, page_incident, -1, SQLITE_TRANSIENT);
	return outbox_page_write(st, s, err) < 0 ? -1 : 0;
}

int64_t
outbox_page_record(struct store *st, const struct outbox_page_job *j,
    int attempt, const struct outbox_answer *a, const char *page_id,
    const char *page_incident, char *err)
{
	int64_t now = wr_now(), next = 0;
	sqlite3_stmt *s;

	if (store_begin(st, err) != 0)
		return -1;
	if (a->result == OUTBOX_SENT) {
		s = store_stmt(st, SQL_PAGE_SENT);
		sqlite3_bind_int64(s, 2, now);
	} else if (a->result == OUTBOX_FAILED) {
		s = store_stmt(st, SQL_PAGE_FAILED);
		sqlite3_bind_text(s, 2, a->error, -1, SQLITE_TRANSIENT);
	} else {
		next = now + (a->retry_after > 0 ? a->retry_after
		    : outbox_backoff(attempt));
		s = store_stmt(st, SQL_PAGE_RETRY);
		sqlite3_bind_int64(s, 2, next);
		sqlite3_bind_text(s, 3, a->error, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(s, 1, j->id);
	if (outbox_write(st, s, err) < 0)
		goto rollback;
	if (a->result == OUTBOX_SENT && page_incident != NULL) {
		s = store_stmt(st, SQL_PAGE_LINK);
		sqlite3_bind_int64(s, 1, j->incident);
		sqlite3_bind_text(s, 2, page_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, page_incident, -1, SQLITE_TRANSIENT);
		if (outbox_write(st, s, err) < 0)
			goto rollback;
	}
	if (next > 0)
		outbox_mono_set(-j->id, attempt, next - now);
	else
		outbox_mono_forget(-j->id);
	if (a->result == OUTBOX_FAILED) {
		struct entry e = {0};
		int64_t r;

		e.kind = KIND_NOTE;
		e.confidence = CONF_CONFIRMED;
		e.author = (char *)(uintptr_t)"agent";
		e.text = xasprintf("Status update #%lld was NOT posted to the "
		    "status page: %s", (long long)j->id, a->error);
		r = timeline_add_tx(st, j->incident, &e, err);
		free(e.text);
		if (r < 0)
			goto rollback;
	}
	if (store_commit(st, err) != 0)
		return -1;
	return next > 0 ? next - now : 0;
rollback:
	store_rollback(st);
	return -1;
}
