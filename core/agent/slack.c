/* slack.c: the one HTTP POST that delivers a message to a Slack incoming
 * webhook (libcurl, easy interface), and how its answer is read. */
#include "agent/slack.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

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
	long long secs;
	const char *p;

	if (value == NULL)
		return -1;
	while (*value == ' ' || *value == '\t')
		value++;
	if (*value == '\0')
		return -1;
	for (p = value; isdigit((unsigned char)*p); p++)
		;
	if (p > value && (*p == '\0' || *p == ' ' || *p == '\r' ||
	    *p == '\n')) {
		if (p - value > 9)
			return SLACK_RETRY_AFTER_MAX;
		secs = strtoll(value, NULL, 10);
	} else {
		time_t t = curl_getdate(value, NULL);

		if (t == (time_t)-1)
			return -1;
		secs = (long long)t - (long long)now;
	}
	if (secs < 1)
		secs = 1;
	if (secs > SLACK_RETRY_AFTER_MAX)
		secs = SLACK_RETRY_AFTER_MAX;
	return (int)secs;
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

struct slack_http {
	struct buf body;    /* the first SLACK_ANSWER_MAX bytes of the answer */
	char retry_after[64];
};
#define SLACK_ANSWER_MAX 512
#define SLACK_LINE_MAX 160 /* bytes of it kept in last_error */

static size_t
slack_on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct slack_http *h = arg;
	size_t n = size * nmemb;

	if (h->body.len < SLACK_ANSWER_MAX)
		buf_add(&h->body, data, n < SLACK_ANSWER_MAX - h->body.len ? n
		    : SLACK_ANSWER_MAX - h->body.len);
	return n;
}

static size_t
slack_on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct slack_http *h = arg;
	size_t n = size * nmemb, k = sizeof "retry-after:" - 1;

	if (n > k && strncasecmp(data, "retry-after:", k) == 0) {
		size_t vlen = n - k;

		if (vlen >= sizeof h->retry_after)
			vlen = sizeof h->retry_after - 1;
		memcpy(h->retry_after, data + k, vlen);
		h->retry_after[vlen] = '\0';
		h->retry_after[strcspn(h->retry_after, "\r\n")] = '\0';
	}
	return n;
}

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

/* The options of one POST of json to url, answers going to h. */
static void
slack_setopt(CURL *cu, const char *url, const char *json, int timeout_s,
    struct curl_slist *hdr, struct slack_http *h, char *cerr)
{
	curl_easy_setopt(cu, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(cu, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(cu, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(cu, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(cu, CURLOPT_POST, 1L);
	curl_easy_setopt(cu, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(cu, CURLOPT_POSTFIELDSIZE, (long)strlen(json));
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(cu, CURLOPT_USERAGENT, "warroom");
	curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(cu, CURLOPT_CONNECTTIMEOUT, (long)(timeout_s < 10 ?
	    timeout_s : 10));
	curl_easy_setopt(cu, CURLOPT_TIMEOUT, (long)timeout_s);
	curl_easy_setopt(cu, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, slack_on_body);
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, h);
	curl_easy_setopt(cu, CURLOPT_HEADERFUNCTION, slack_on_header);
	curl_easy_setopt(cu, CURLOPT_HEADERDATA, h);
}

/* Seconds a 429 asks us to wait: its Retry-After, else the default. */
static int
slack_wait_asked(CURL *cu, const struct slack_http *h, int64_t now)
{
	int ra = slack_retry_after(h->retry_after, now);

#if LIBCURL_VERSION_NUM >= 0x074200
	if (ra < 0) {
		/* Before curl 8.12 this may be negative. */
		curl_off_t v = -1;

		if (curl_easy_getinfo(cu, CURLINFO_RETRY_AFTER, &v) ==
		    CURLE_OK && v > 0)
			ra = v > SLACK_RETRY_AFTER_MAX ? SLACK_RETRY_AFTER_MAX
			    : (int)v;
	}
#else
	(void)cu;
#endif
	return ra > 0 ? ra : SLACK_RETRY_AFTER_DEFAULT;
}

/* Fill a from the answer (an HTTP status) of a finished transfer; returns
 * the message for a->error, URL not yet redacted (caller frees). */
static char *
slack_read_answer(CURL *cu, const struct slack_http *h, const char *url,
    int64_t now, struct slack_answer *a)
{
	char *line, *msg;

	curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &a->status);
	a->result = slack_classify(a->status);
	line = slack_answer_line(&h->body, url);
	if (a->result == SLACK_RATE_LIMITED) {
		a->retry_after = slack_wait_asked(cu, h, now);
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
	static int inited;
	struct slack_http h;
	struct curl_slist *hdr = NULL;
	char cerr[CURL_ERROR_SIZE] = "";
	CURL *cu;
	CURLcode rc;
	char *msg;

	memset(a, 0, sizeof *a);
	memset(&h, 0, sizeof h);
	if (url == NULL || (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0)) {
		a->result = SLACK_FAILED;
		err_set(a->error, "the webhook is not an http(s) URL");
		return a->result;
	}
	if (timeout_s < 1)
		timeout_s = 1;
	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = 1;
	}
	if ((cu = curl_easy_init()) == NULL) {
		a->result = SLACK_RETRY;
		err_set(a->error, "cannot start libcurl");
		return a->result;
	}
	hdr = curl_slist_append(hdr, "Content-Type: application/json; "
	    "charset=utf-8");
	hdr = curl_slist_append(hdr, "Expect:"); /* no 100-continue wait */
	slack_setopt(cu, url, json, timeout_s, hdr, &h, cerr);
	rc = curl_easy_perform(cu);
	if (rc != CURLE_OK) {
		a->status = 0;
		a->result = SLACK_RETRY;
		msg = xasprintf("no answer: %s%s%s%s", curl_easy_strerror(rc),
		    cerr[0] ? " (" : "", cerr, cerr[0] ? ")" : "");
	} else
		msg = slack_read_answer(cu, &h, url, now, a);
	slack_set_error(a, msg, url);
	free(msg);
	buf_free(&h.body);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(cu);
	return a->result;
}
