/* outbox.h: status updates: written for an audience, headed by the phase,
 * queued in the database (the durable outbox) and delivered by the agent to
 * Slack incoming webhooks (agent/deliver.h). What a composer (screen or
 * command) needs, and the queue's states and retry timing for the agent. */
#ifndef WR_OUTBOX_H
#define WR_OUTBOX_H

#include <stdint.h>

#include "model/model.h"

struct store;
struct config;
struct slack_msg;

#define OUTBOX_BODY_MAX 12000     /* bytes of an update's body */
#define OUTBOX_TIMEOUT_DEFAULT 10 /* seconds per POST ([slack] timeout) */
#define OUTBOX_BACKOFF_FIRST 5    /* seconds before the first retry ... */
#define OUTBOX_BACKOFF_MAX 300    /* ... doubling up to this */
#define OUTBOX_NO_WEBHOOK_RECHECK 60

/* The heading every update of a phase carries, e.g. "【復旧完了】 recovered".
 * Core adds it; a body never replaces it. Caller frees. */
char *outbox_heading(int phase);
/* The heading in its readers' language: users get the phase's own heading
 * alone ("【調査中】"), no English phase word; others outbox_heading.
 * Caller frees. */
char *outbox_heading_for(int phase, int audience);
/* The body template for an audience (enum audience): engineers: what we
 * know / what we are doing / next steps; managers: impact / expected
 * recovery / decision needed; users: plain language, no internals. */
const char *outbox_template(int audience);

/* Clean a body as queueing would (valid UTF-8, at most OUTBOX_BODY_MAX
 * bytes, not empty, not the bare template). Caller frees; NULL with err. */
char *outbox_clean_body(const char *body, int audience, char *err);

/* Exactly what readers will see for this body, as plain text (heading,
 * body, context line): the same pieces the agent's payload is built from.
 * The heading is the incident's current phase. Caller frees; NULL + err. */
char *outbox_preview(struct store *st, int64_t incident, int audience,
    const char *body, int64_t now, char *err);
/* The same message as the JSON payload the agent will POST. */
char *outbox_preview_json(struct store *st, int64_t incident, int audience,
    const char *body, int64_t now, char *err);

/*
 * Queue an update: one transaction writes the status_update row (state
 * queued), a timeline entry of kind update, and incident.last_update. The
 * heading comes from the incident's phase inside that transaction. phase is
 * the phase the writer saw in the preview, or -1: when it has changed since,
 * nothing is queued and err says so (the heading would not be the one
 * previewed). Returns the update's id, or -1 with err.
 */
int64_t outbox_queue(struct store *st, int64_t incident, int audience,
    int phase, const char *body, const char *author, char *err);

/* Act on failed update id of incident inc, one transaction with its
 * timeline entry: retry queues it again (attempts from zero), else it is
 * given up (dropped: it stops asking for attention but stays listed). An
 * update of another incident is refused. */
int outbox_act(struct store *st, int64_t inc, int64_t id, int retry,
    const char *by, char *err);

/* An incident's updates, newest first; at most limit (0: all). Caller frees
 * with outbox_list_free. */
int outbox_list(struct store *st, int64_t incident, int limit,
    struct status_update **out, int *n, char *err);
void outbox_list_free(struct status_update *list, int n);
/* Failed updates no one has given up or sent again yet, oldest first; at
 * most limit (0: all). Free with outbox_list_free. */
int outbox_failed(struct store *st, int64_t incident, int limit,
    struct status_update **out, int *n, char *err);

/* Seconds between updates for this incident: its update_interval, else
 * severity_update_interval(). */
int outbox_interval(const struct incident *inc);
/* When the next update is due (epoch s): the last update (else detection)
 * plus the interval. 0 when none is due any more (resolved and later). */
int64_t outbox_due(const struct incident *inc);

/* The webhook an audience posts to ([slack] webhook.AUDIENCE, else
 * webhook), or NULL. *key gets the config key it came from. The URL is a
 * secret: never store, print or draw it. */
const char *outbox_webhook(const struct config *cf, int audience,
    const char **key);
/*
 * Why an update is in its state, in one line for people: "sent 14:03",
 * "failed: HTTP 404: channel_not_found", "retry in 40 s: HTTP 500",
 * "waiting: no webhook for users in CONFIG ...". cf may be NULL when the
 * config could not be read; cferr then says why (or NULL: not known, as on
 * a screen that does not read the config). Caller frees.
 */
char *outbox_why(const struct status_update *u, const struct config *cf,
    const char *cferr, int64_t now);
/* A few lines for `warroom status`: next update due or overdue, counts of
 * queued and failed updates, and why the oldest queued one waits. Caller
 * frees; NULL with err. */
char *outbox_summary(struct store *st, int64_t incident,
    const struct config *cf, const char *cferr, int64_t now, char *err);

/* [slack] timeout: seconds 1..120 ("10" or "10s"), or -1. Unset or bad,
 * the agent uses OUTBOX_TIMEOUT_DEFAULT (and `config check` says so). */
int outbox_timeout_parse(const char *v);
/* The id of the newest update (0: none yet; -1: not readable now), for
 * the agent to notice one queued while it sleeps: only writers other than
 * the agent add updates, so this cannot wake it in a loop. */
int64_t outbox_newest(struct store *st);
/* Seconds until the next queued update is due (0..max). */
int outbox_next_due(struct store *st, int64_t now, int max);

/* The monotonic clock retries are timed by (wr_mono_ms; tests replace it).
 * A retry this process scheduled waits its backoff on this clock, so a
 * step of the wall clock (NTP, a resumed VM) neither delays nor hastens
 * it; one scheduled by another agent is due once the wall clock reaches
 * it, or at once when it lies further ahead than any wait ever set (the
 * wall clock went back since). */
extern int64_t (*outbox_mono_ms)(void);
/* Make every retry this process scheduled due now: the agent read a new
 * config, and the webhook that failed may be fixed. A retry another agent
 * scheduled (or a claim) keeps its time. */
void outbox_retry_soon(void);

/*
 * The queue as the agent works it (agent/deliver.c). Each step is its own
 * transaction, so an update is claimed and committed before its POST and
 * its answer committed right after.
 */
/* One queued update as the agent reads it. */
struct outbox_job {
	int64_t id, incident, created, next_attempt;
	int audience, attempts, phase;
	char *heading, *body, *title, *severity, *last_error;
};
/* The queued updates, oldest first (at most 200). Free with
 * outbox_jobs_free, also after an error. */
int outbox_jobs(struct store *st, struct outbox_job **out, int *n,
    char *err);
void outbox_jobs_free(struct outbox_job *jobs, int n);
/* Why an update for audience cannot be posted with cf, or NULL when it
 * can. Caller frees. */
char *outbox_config_problem(const struct config *cf, int audience);
/* [slack] timeout of cf in seconds, else OUTBOX_TIMEOUT_DEFAULT. */
int outbox_timeout(const struct config *cf);
/* Is j, tried before, due again at now (timeout: the POST's, seconds)? */
int outbox_retry_due(const struct outbox_job *j, int64_t now, int timeout);
/* j waits for configuration (why, one line): not an attempt; written only
 * when something changed. 0, or -1 with err. */
int outbox_wait(struct store *st, const struct outbox_job *j,
    const char *why, int64_t now, char *err);
/* Take j for an attempt, held until `until`: 1 taken, 0 when someone else
 * took it meanwhile, -1 with err. */
int outbox_claim(struct store *st, const struct outbox_job *j, int64_t until,
    char *err);
/* The answer to an attempt. */
enum outbox_result {
	OUTBOX_SENT,
	OUTBOX_RETRY,  /* again after retry_after seconds, else the backoff */
	OUTBOX_FAILED, /* never again: the timeline says it was not delivered */
};
struct outbox_answer {
	enum outbox_result result;
	int retry_after;
	const char *error; /* one clean line, the URL redacted */
};
/* Record the answer to attempt number `attempt` of j (one transaction).
 * Returns the seconds until the retry it set (0: sent or failed), or -1
 * with err. */
int64_t outbox_record(struct store *st, const struct outbox_job *j, int attempt,
    const struct outbox_answer *a, char *err);
/* The message j becomes, as the agent posts it; strings stay j's. */
void outbox_job_msg(const struct outbox_job *j, const struct config *cf,
    struct slack_msg *m);
/*
 * The status page ([statuspage], agent/statuspage.h): every users update
 * is queued there too, in the same transaction, with its own state,
 * attempts and retry, so a failure on Slack never resends to the page and
 * one on the page never resends to Slack. Each step is its own
 * transaction, as for Slack.
 */
struct outbox_page_job {
	int64_t id, incident, inc_created, created, next_attempt;
	int attempts, phase;
	char *heading, *body, *last_error;
	char *page_incident; /* what the incident became on the page, or NULL */
};
/* The queued page deliveries, oldest first (at most 200), with the page
 * incident each incident has on page_id. Free with outbox_page_jobs_free,
 * also after an error. */
int outbox_page_jobs(struct store *st, const char *page_id,
    struct outbox_page_job **out, int *n, char *err);
void outbox_page_jobs_free(struct outbox_page_job *jobs, int n);
/* No status page is configured: queued page deliveries are let go (state
 * off), so turning the page on later does not replay old news. Returns
 * how many, or -1 with err. */
int outbox_page_off(struct store *st, char *err);
/* The page is configured wrong (why, one line): queued deliveries wait
 * and say why; written only when something changed. Returns how many
 * rows changed, or -1 with err. */
int outbox_page_wait(struct store *st, const char *why, int64_t now,
    char *err);
/* Is j, tried before, due again at now (timeout: the request's)? */
int outbox_page_retry_due(const struct outbox_page_job *j, int64_t now,
    int timeout);
/* Take j for an attempt, held until `until`: 1 taken, 0 when someone else
 * took it meanwhile, -1 with err. */
int outbox_page_claim(struct store *st, const struct outbox_page_job *j,
    int64_t until, char *err);
/* The page incident incident became on page_id, or NULL (none yet, or
 * not readable now). Caller frees. */
char *outbox_page_incident(struct store *st, int64_t incident,
    const char *page_id);
/* Remember that incident became page_incident on page_id (one
 * transaction; a second link of the same incident keeps the first). */
int outbox_page_link(struct store *st, int64_t incident, const char *page_id,
    const char *page_incident, char *err);
/* Record the answer to attempt `attempt` of j, as outbox_record does;
 * when it was sent and page_incident is not NULL, the incident's link to
 * it on page_id is written in the same transaction. */
int64_t outbox_page_record(struct store *st, const struct outbox_page_job *j,
    int attempt, const struct outbox_answer *a, const char *page_id,
    const char *page_incident, char *err);
#endif
