/* http.h: the agent's one HTTP exchange (libcurl, easy interface): a GET,
 * POST or PATCH with headers and a timeout, its answer read into a buffer,
 * the status and Retry-After kept, and a one-line error when no answer
 * came. What an answer means is each caller's (slack.c, statuspage.c,
 * alertmanager.c). */
#ifndef WR_HTTP_H
#define WR_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

struct http_request {
	const char *method;         /* "GET" (also NULL), "POST", "PATCH" */
	const char *url;            /* http or https only; no redirects */
	const char *body;           /* sent as it is; NULL: none */
	const char *const *headers; /* "Name: value", NULL-terminated */
	int timeout_s;              /* total; connecting at most 10 s */
	size_t answer_max;          /* bytes of the answer kept */
	/* Past answer_max: 0 keeps the first answer_max bytes, sets cut and
	 * reads on; 1 stops the transfer (no answer, "too long"). */
	int long_fails;
};

struct http_answer {
	long status;            /* the HTTP status; 0 when no answer came */
	struct buf body;        /* at most answer_max bytes of the answer */
	int cut;                /* the answer was longer than that */
	char retry_after[64];   /* the Retry-After header's value, or "" */
	long long retry_curl;   /* libcurl's reading of it, or -1 */
	char error[ERR_LEN];    /* no answer: why ("no answer: ...") */
};

/* Send rq: 0 when an answer came (any status: a->status), -1 when none did
 * (a->error, which never quotes the URL). Free a with http_answer_free. */
int http_request(const struct http_request *rq, struct http_answer *a);
void http_answer_free(struct http_answer *a);
/* 1 when url starts with http:// or https:// (any case). */
int http_url_ok(const char *url);
/* Seconds from a Retry-After value (delta seconds or an HTTP date,
 * relative to now), clamped to 1..max; -1 when unreadable. */
int http_retry_after(const char *value, int64_t now, int max);
#endif
