/* slack.h: delivery to Slack incoming webhooks: one HTTP POST of a message
 * (model/slack_msg.h builds it) and how Slack's answer is handled. */
#ifndef WR_SLACK_H
#define WR_SLACK_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "model/slack_msg.h"

enum slack_result {
	SLACK_SENT,         /* 2xx */
	SLACK_RETRY,        /* 5xx, 408, network errors: back off and retry */
	SLACK_RATE_LIMITED, /* 429: retry after retry_after seconds */
	SLACK_FAILED,       /* will never succeed (400, 403, 404, 410 ...) */
};

/* How an HTTP status (0: no answer) is handled. */
enum slack_result slack_classify(long status);
/* Seconds from a Retry-After value (delta seconds or an HTTP date, relative
 * to now), clamped to 1..SLACK_RETRY_AFTER_MAX; -1 when unreadable. */
int slack_retry_after(const char *value, int64_t now);
#define SLACK_RETRY_AFTER_DEFAULT 30

struct slack_answer {
	enum slack_result result;
	long status;           /* HTTP status; 0 when no answer came */
	int retry_after;       /* seconds, for SLACK_RATE_LIMITED */
	char error[ERR_LEN];   /* why, one clean line, the URL redacted */
};

/* POST json to url (http or https only; no redirects followed) with a
 * connect timeout and a total timeout of timeout_s seconds. Fills *a and
 * returns its result. The URL is a secret: it never appears in a->error. */
enum slack_result slack_post(const char *url, const char *json,
    int timeout_s, int64_t now, struct slack_answer *a);
/* msg with every occurrence of url (and of its path) replaced by
 * "<webhook>". Caller frees. */
char *slack_redact(const char *msg, const char *url);
#endif
