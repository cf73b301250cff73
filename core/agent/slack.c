/* slack.c: the one HTTP POST (agent/http.c) that delivers a message to a
 * Slack incoming webhook, and how its answer is read. */
#include "agent/slack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent/http.h"
#include "base/redact.h"
#include "base/text.h"

enum slack_result
slack_classify(long status)
{
	if (status >= 200 && status <= 299)
		return SLACK_SENT;
	if (status == 429)
		return SLACK_RATE_LIMITED;
	/* No answer, a server error, or a timeout on the other side: it may
	 * well work later. */
	if (status == 0 || status >= 500 || status == 408 || status == 425)
		return SLACK_RETRY;
	/* 400 invalid_payload, 403 action_prohibited, 404 channel_not_found,
	 * 410 channel_is_archived, and anything else (a redirect means a wrong
	 * URL): sending the same again cannot succeed. */
	return SLACK_FAILED;
}

int
slack_retry_after(const char *value, int64_t now)
{
	return http_retry_after(value, now, SLACK_RETRY_AFTER_MAX);
}

char *
slack_redact(const char *msg, const char *url)
{
	struct redact r = {0};
	char *out;

	redact_add(&r, url, REDACT_URL, "<webhook>");
	out = redact_apply(&r, msg);
	redact_clear(&r);
	return out;
}

#define SLACK_ANSWER_MAX 512 /* bytes of an answer read */
#define SLACK_LINE_MAX 160 /* bytes of it kept in last_error */

/* The answer's body as a short clean line, for last_error: never more of
 * a remote body than this, and the webhook hidden in it before anything is
 * cut or cleaned (a cut or a replaced line break could hide the secret
 * from the search). */
static char *
slack_answer_line(const struct buf *b, const char *url)
{
	char *raw, *red, *s;
	size_t i;

	if (b->p == NULL)
		return xstrdup("");
	raw = xmalloc(b->len + 1);
	for (i = 0; i < b->len; i++) /* a NUL must not end the search */
		raw[i] = b->p[i] == '\0' ? ' ' : b->p[i];
	raw[b->len] = '\0';
	red = slack_redact(raw, url);
	s = text_trim(text_sanitize(red, strlen(red), SLACK_LINE_MAX, 0));
	free(red);
	free(raw);
	return s;
}

/* Seconds a 429 asks us to wait: its Retry-After, else the default. */
static int
slack_wait_asked(const struct http_answer *h, int64_t now)
{
	int ra = slack_retry_after(h->retry_after, now);

	if (ra < 0 && h->retry_curl > 0)
		ra = h->retry_curl > SLACK_RETRY_AFTER_MAX ?
		    SLACK_RETRY_AFTER_MAX : (int)h->retry_curl;
	return ra > 0 ? ra : SLACK_RETRY_AFTER_DEFAULT;
}

/* Fill a from the answer (an HTTP status) of a finished transfer; returns
 * the message for a->error, URL not yet redacted (caller frees). */
static char *
slack_read_answer(const struct http_answer *h, const char *url,
    int64_t now, struct slack_answer *a)
{
	char *line, *msg;

	a->status = h->status;
	a->result = slack_classify(a->status);
	line = slack_answer_line(&h->body, url);
	if (a->result == SLACK_RATE_LIMITED) {
		a->retry_after = slack_wait_asked(h, now);
		msg = xasprintf("HTTP 429%s%s: retry after %d s",
		    *line ? " " : "", line, a->retry_after);
	} else
		msg = xasprintf("HTTP %ld%s%s", a->status, *line ? ": " : "",
		    line);
	free(line);
	return msg;
}

/* a->error = msg with the URL redacted, as one clean line. */
static void
slack_set_error(struct slack_answer *a, const char *msg, const char *url)
{
	char *line = slack_redact(msg, url);

	err_set(a->error, "%s", line);
	/* err_set may have cut inside a character: clean once more. */
	free(line);
	line = text_sanitize(a->error, strlen(a->error), ERR_LEN - 1, 0);
	snprintf(a->error, sizeof a->error, "%s", line);
	free(line);
}

enum slack_result
slack_post(const char *url, const char *json, int timeout_s, int64_t now,
    struct slack_answer *a)
{
	static const char *const hdr[] = {
		"Content-Type: application/json; charset=utf-8",
		"Expect:", /* no 100-continue wait */
		NULL,
	};
	struct http_request rq = {"POST", url, json, hdr, timeout_s,
	    SLACK_ANSWER_MAX, 0};
	struct http_answer h;
	char *msg;

	memset(a, 0, sizeof *a);
	if (!http_url_ok(url)) {
		a->result = SLACK_FAILED;
		err_set(a->error, "the webhook is not an http(s) URL");
		return a->result;
	}
	if (http_request(&rq, &h) != 0) {
		a->status = 0;
		a->result = SLACK_RETRY;
		msg = xstrdup(h.error);
	} else
		msg = slack_read_answer(&h, url, now, a);
	slack_set_error(a, msg, url);
	free(msg);
	http_answer_free(&h);
	return a->result;
}
