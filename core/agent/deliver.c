/* deliver.c: the agent posts what waits in the database to Slack: queued
 * status updates in order per webhook, and the commander's reminders. */
#include "agent/deliver.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "agent/health.h"
#include "agent/slack.h"
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
	return rc >= 0 ? sent : -1;
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
