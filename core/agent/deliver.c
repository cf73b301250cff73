/* deliver.c: the agent posts what waits in the database to Slack: queued
 * status updates in order per webhook, and the commander's reminders; and
 * users updates to the status page, in order, each exactly once. */
#include "agent/deliver.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "agent/health.h"
#include "agent/slack.h"
#include "agent/statuspage.h"
#include "base/config.h"
#include "model/board.h"
#include "model/incident.h"
#include "model/outbox.h"
#include "model/remind.h"
#include "store/store.h"
#include "base/text.h"
#include "base/util.h"

static void
deliver_log_stderr(int prio, const char *line)
{
	health_log(prio, "%s", line); /* cleaned there */
}

void (*deliver_log)(int prio, const char *line) = deliver_log_stderr;

static void deliver_logf(int prio, const char *fmt, ...) WR_PRINTF(2, 3);

static void
deliver_logf(int prio, const char *fmt, ...)
{
	va_list ap;
	char line[512];

	if (deliver_log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	deliver_log(prio, line);
}

/* Webhooks a later update must not overtake on this round. */
struct deliver_round {
	const struct config *cf;
	int64_t now;
	int timeout;
	const char **blocked;
	int nb;
};

static int
deliver_blocked(const struct deliver_round *r, const char *url)
{
	int i;

	for (i = 0; i < r->nb; i++)
		if (strcmp(r->blocked[i], url) == 0)
			return 1;
	return 0;
}

/* POST j to url and record the answer. 1 sent, 0 not (yet), -1 with err. */
static int
deliver_post(struct store *st, struct deliver_round *r,
    const struct outbox_job *j, const char *url, char *err)
{
	const char *aud = audience_names[j->audience];
	struct outbox_answer oa = {0};
	struct slack_answer a;
	struct slack_msg m;
	int64_t retry;
	char *json;

	outbox_job_msg(j, r->cf, &m);
	json = slack_payload(&m);
	slack_post(url, json, r->timeout, wr_now(), &a);
	free(json);
	oa.result = a.result == SLACK_SENT ? OUTBOX_SENT : a.result ==
	    SLACK_FAILED ? OUTBOX_FAILED : OUTBOX_RETRY;
	oa.retry_after = a.result == SLACK_RATE_LIMITED ? a.retry_after : 0;
	oa.error = a.error;
	if ((retry = outbox_record(st, j, j->attempts + 1, &oa, err)) < 0)
		return -1;
	if (a.result == SLACK_SENT) {
		deliver_logf(HEALTH_INFO, "update %lld (%s): sent",
		    (long long)j->id, aud);
		return 1;
	}
	if (a.result == SLACK_FAILED)
		deliver_logf(HEALTH_ERR,
		    "update %lld (%s): failed, not retried: %s",
		    (long long)j->id, aud, a.error);
	else {
		deliver_logf(HEALTH_WARNING,
		    "update %lld (%s): %s; retry in %lld s",
		    (long long)j->id, aud, a.error, (long long)retry);
		r->blocked[r->nb++] = url;
	}
	return 0;
}

/* One queued update: wait for configuration, wait behind an earlier one,
 * or claim and post it. 1 sent, 0 not, -1 with err. */
static int
deliver_one(struct store *st, struct deliver_round *r,
    const struct outbox_job *j, char *err)
{
	const char *url;
	char *why;
	int claimed;

	if ((why = outbox_config_problem(r->cf, j->audience)) != NULL) {
		claimed = outbox_wait(st, j, why, r->now, err);
		if (claimed == 0 && (j->last_error == NULL ||
		    strcmp(j->last_error, why) != 0))
			deliver_logf(HEALTH_WARNING,
			    "update %lld (%s): waiting: %s",
			    (long long)j->id, audience_names[j->audience], why);
		free(why);
		return claimed;
	}
	url = outbox_webhook(r->cf, j->audience, NULL);
	if (deliver_blocked(r, url))
		return 0;
	/* Never tried: due now (it may have waited for a webhook). Tried:
	 * due at next_attempt, and later ones for the same webhook wait
	 * behind it, so updates arrive in order. */
	if (j->attempts > 0 && !outbox_retry_due(j, r->now, r->timeout)) {
		r->blocked[r->nb++] = url;
		return 0;
	}
	claimed = outbox_claim(st, j, wr_now() + r->timeout + 60, err);
	if (claimed < 0)
		return -1;
	if (claimed == 0) { /* taken by someone else meanwhile */
		r->blocked[r->nb++] = url;
		return 0;
	}
	return deliver_post(st, r, j, url, err);
}

/*
 * Delivery is at-least-once at its edge, exactly-once in normal operation:
 * an update is claimed (attempts + 1, next_attempt pushed past the POST's
 * timeout) and committed before the POST, and its answer is committed right
 * after. If the agent is killed (or the disk fails) between Slack's answer
 * and that second commit, the update is still queued; once the claim runs
 * out (timeout + 60 s) the next agent posts it again, so Slack may show it
 * twice. Slack webhooks take no idempotency key, so this window cannot be
 * closed from our side. It lasts from the moment the receiver has the
 * request until our commit of its answer: the whole round trip of the POST
 * plus one local commit (tests/integration/agent_kill.sh measures it;
 * docs/RELIABILITY.md).
 */
static int deliver_page(struct store *st, const struct config *cf,
    int64_t now, char *err);

int
deliver_updates(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	struct deliver_round r = {cf, now, outbox_timeout(cf), NULL, 0};
	struct outbox_job *jobs;
	int n, i, sent = 0, rc = 0;

	if (outbox_jobs(st, &jobs, &n, err) != 0) {
		outbox_jobs_free(jobs, n);
		return -1;
	}
	r.blocked = xcalloc((size_t)n + 1, sizeof *r.blocked);
	for (i = 0; i < n && rc >= 0; i++) {
		rc = deliver_one(st, &r, &jobs[i], err);
		if (rc > 0)
			sent++;
	}
	outbox_jobs_free(jobs, n);
	free(r.blocked);
	if (rc < 0)
		return -1;
	if ((rc = deliver_page(st, cf, now, err)) < 0)
		return -1;
	return sent + rc;
}

/* POST one reminder; a failure is logged, not retried: the next reminder
 * comes soon enough, and a stale one helps nobody. */
static void
deliver_reminder(const char *url, const struct incident *inc,
    const char *text, int64_t now)
{
	cJSON *o = cJSON_CreateObject();
	struct slack_answer a;
	char *line, *json, *esc;

	line = xasprintf("Reminder for incident #%lld %s: %s",
	    (long long)inc->id, inc->title, text);
	esc = slack_escape(line);
	cJSON_AddStringToObject(o, "text", esc);
	json = cJSON_PrintUnformatted(o);
	if (json == NULL)
		fatal("out of memory building JSON");
	if (slack_post(url, json, OUTBOX_TIMEOUT_DEFAULT, now, &a) !=
	    SLACK_SENT)
		deliver_logf(HEALTH_WARNING, "reminder not posted: %s",
		    a.error);
	cJSON_Delete(o);
	free(json);
	free(esc);
	free(line);
}

static int
deliver_remind_one(struct store *st, const char *url,
    const struct incident *inc, int64_t now, char *err)
{
	struct responder *board = NULL;
	char text[256], key[160];
	int nboard = 0, rc = 0, claimed;

	if (board_load(st, inc->id, now, inc->checkin_interval, &board,
	    &nboard, err) != 0)
		return -1;
	if (remind_check(inc, board, nboard, now, text, sizeof text, key,
	    sizeof key)) {
		claimed = remind_claim(st, inc->id, key, now, err);
		if (claimed < 0)
			rc = -1;
		else if (claimed > 0) {
			deliver_reminder(url, inc, text, now);
			rc = 1;
		}
	}
	board_free(board, nboard);
	return rc;
}

int
deliver_reminders(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	const char *url = config_get(cf, "slack", "reminders");
	struct incident *list;
	int n, i, posted = 0, r;

	if (url == NULL || *url == '\0')
		return 0;
	if (incident_list(st, &list, &n, err) != 0)
		return -1;
	for (i = 0; i < n && posted >= 0; i++) {
		if (list[i].phase >= PHASE_RESOLVED)
			continue;
		if ((r = deliver_remind_one(st, url, &list[i], now, err)) < 0)
			posted = -1;
		else
			posted += r;
	}
	incident_list_free(list, n);
	return posted;
}

/*
 * The status page. Every users update is queued for it too (its own state
 * in page_delivery), delivered oldest first, one at a time: a later update
 * never overtakes one still waiting. An incident's first update creates
 * the page incident (POST), later ones update it (PATCH); the page
 * incident's id is committed with the first update's success, so a new
 * agent PATCHes it too.
 *
 * Exactly once: the update is claimed and committed before any request,
 * as for Slack. Where the page can tell us, the at-least-once edge is
 * closed: before a create we list the page's incidents and look for ours
 * by a marker in its metadata (statuspage_marker; the public page does not
 * show it), and before retrying an update we read the page incident back.
 * If the newest update there already says this text with this status, an
 * earlier request of ours got there and only its answer was lost: the
 * update is marked sent, not posted again. (Two users updates with the
 * same text and phase in a row would be taken for one, if the first one's
 * answer was lost.)
 */
struct page_round {
	struct statuspage sp;
	int timeout;
	int64_t now;
};

/* Record the outcome of j's attempt from the last answer a; sent with
 * linked (the page incident) or not. 1 sent, 0 not, -1 with err. */
static int
deliver_page_record(struct store *st, const struct page_round *r,
    const struct outbox_page_job *j, const struct statuspage_answer *a,
    const char *linked, const char *what, char *err)
{
	struct outbox_answer oa = {0};
	int64_t retry;

	oa.result = a->result == SLACK_SENT ? OUTBOX_SENT : a->result ==
	    SLACK_FAILED ? OUTBOX_FAILED : OUTBOX_RETRY;
	oa.retry_after = a->result == SLACK_RATE_LIMITED ? a->retry_after : 0;
	oa.error = a->error;
	retry = outbox_page_record(st, j, j->attempts + 1, &oa, r->sp.page_id,
	    linked, err);
	if (retry < 0)
		return -1;
	if (a->result == SLACK_SENT)
		deliver_logf(HEALTH_INFO, "update %lld (status page): %s",
		    (long long)j->id, what);
	else if (a->result == SLACK_FAILED)
		deliver_logf(HEALTH_ERR,
		    "update %lld (status page): failed, not retried: "
		    "%s", (long long)j->id, a->error);
	else
		deliver_logf(HEALTH_WARNING,
		    "update %lld (status page): %s; retry in %lld s",
		    (long long)j->id, a->error, (long long)retry);
	return a->result == SLACK_SENT;
}

/* PATCH page incident id with j's status and text. */
static int
deliver_page_patch(struct store *st, const struct page_round *r,
    const struct outbox_page_job *j, const char *id, const char *text,
    char *err)
{
	const char *status = statuspage_status(j->phase);
	struct statuspage_answer a;
	char *path, *json;
	int rc;

	path = xasprintf("/v1/pages/%s/incidents/%s", r->sp.page_id, id);
	json = statuspage_payload(NULL, status, text, NULL);
	statuspage_request(&r->sp, "PATCH", path, json, r->timeout, r->now, &a);
	rc = deliver_page_record(st, r, j, &a, NULL, "page incident updated",
	    err);
	free(a.body);
	free(json);
	free(path);
	return rc;
}

/* No page incident yet: find ours (an earlier create whose answer was
 * lost) or create it. */
static int
deliver_page_create(struct store *st, const struct page_round *r,
    const struct outbox_page_job *j, const char *text, char *err)
{
	const char *status = statuspage_status(j->phase);
	char *path, *json, *marker, *name, *id;
	struct statuspage_answer a;
	int same, rc;

	path = xasprintf("/v1/pages/%s/incidents", r->sp.page_id);
	marker = statuspage_marker(j->incident, j->inc_created);
	statuspage_request(&r->sp, "GET", path, NULL, r->timeout, r->now, &a);
	id = a.result == SLACK_SENT ? statuspage_find(a.body, marker, text,
	    status, &same) : NULL;
	if (a.result != SLACK_SENT || (id != NULL && same))
		rc = deliver_page_record(st, r, j, &a, id, "already on the page "
		    "(the answer to an earlier request was lost)", err);
	else if (id != NULL)
		rc = outbox_page_link(st, j->incident, r->sp.page_id, id, err)
		    < 0 ? -1 : deliver_page_patch(st, r, j, id, text, err);
	else {
		free(a.body);
		name = statuspage_name(j->body);
		json = statuspage_payload(name, status, text, marker);
		statuspage_request(&r->sp, "POST", path, json, r->timeout,
		    r->now, &a);
		id = a.result == SLACK_SENT ? statuspage_answer_id(a.body)
		    : NULL;
		rc = deliver_page_record(st, r, j, &a, id, "page incident "
		    "created", err);
		free(json);
		free(name);
	}
	free(a.body);
	free(id);
	free(marker);
	free(path);
	return rc;
}

/* An update of a page incident we tried before: read it back first. */
static int
deliver_page_update(struct store *st, const struct page_round *r,
    const struct outbox_page_job *j, const char *text, char *err)
{
	struct statuspage_answer a;
	char *path, *id;
	int same = 0, rc;

	if (j->attempts == 0)
		return deliver_page_patch(st, r, j, j->page_incident, text, err);
	path = xasprintf("/v1/pages/%s/incidents/%s", r->sp.page_id,
	    j->page_incident);
	statuspage_request(&r->sp, "GET", path, NULL, r->timeout, r->now, &a);
	id = a.result == SLACK_SENT ? statuspage_find(a.body, NULL, text,
	    statuspage_status(j->phase), &same) : NULL;
	if (a.result != SLACK_SENT || same)
		rc = deliver_page_record(st, r, j, &a, NULL, "already on the "
		    "page (the answer to an earlier request was lost)", err);
	else
		rc = deliver_page_patch(st, r, j, j->page_incident, text, err);
	free(a.body);
	free(id);
	free(path);
	return rc;
}

/* One queued update: 1 sent, 0 not (the round stops), -1 with err. */
static int
deliver_page_one(struct store *st, const struct page_round *r,
    struct outbox_page_job *j, char *err)
{
	char *text;
	int claimed, rc;

	if (j->attempts > 0 && !outbox_page_retry_due(j, r->now, r->timeout))
		return 0;
	/* An earlier update of this round may have created it. */
	if (j->page_incident == NULL)
		j->page_incident = outbox_page_incident(st, j->incident,
		    r->sp.page_id);
	/* Two requests at most, each within the timeout. */
	claimed = outbox_page_claim(st, j, wr_now() + 2 * r->timeout + 60,
	    err);
	if (claimed <= 0)
		return claimed;
	text = statuspage_text(j->heading, j->body);
	if (j->page_incident == NULL)
		rc = deliver_page_create(st, r, j, text, err);
	else
		rc = deliver_page_update(st, r, j, text, err);
	free(text);
	return rc;
}

static int
deliver_page(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	struct page_round r = {{0}, outbox_timeout(cf), now};
	struct outbox_page_job *jobs;
	char why[ERR_LEN];
	int n, i, rc = 1, sent = 0, c;

	c = statuspage_config(cf, &r.sp, why);
	if (c == 0)
		return outbox_page_off(st, err) < 0 ? -1 : 0;
	if (c < 0) {
		if ((c = outbox_page_wait(st, why, now, err)) < 0)
			return -1;
		if (c > 0)
			deliver_logf(HEALTH_WARNING, "status page: waiting: %s",
			    why);
		return 0;
	}
	if (outbox_page_jobs(st, r.sp.page_id, &jobs, &n, err) != 0) {
		outbox_page_jobs_free(jobs, n);
		return -1;
	}
	for (i = 0; i < n && rc > 0; i++)
		if ((rc = deliver_page_one(st, &r, &jobs[i], err)) > 0)
			sent++;
	outbox_page_jobs_free(jobs, n);
	return rc < 0 ? -1 : sent;
}
