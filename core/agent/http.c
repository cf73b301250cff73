/* http.c: the agent's one HTTP exchange with libcurl; see http.h. */
#include "agent/http.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "base/text.h"

struct http_ctx {
	const struct http_request *rq;
	struct http_answer *a;
};

static size_t
http_on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http_ctx *x = arg;
	struct buf *b = &x->a->body;
	size_t n = size * nmemb, room = x->rq->answer_max - b->len;

	if (n > room) {
		x->a->cut = 1;
		if (x->rq->long_fails)
			return 0; /* the transfer fails */
		n = room;
	}
	buf_add(b, data, n);
	return size * nmemb;
}

static size_t
http_on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http_answer *a = arg;
	size_t n = size * nmemb, k = sizeof "retry-after:" - 1;

	if (n > k && strncasecmp(data, "retry-after:", k) == 0) {
		size_t vlen = n - k;

		if (vlen >= sizeof a->retry_after)
			vlen = sizeof a->retry_after - 1;
		memcpy(a->retry_after, data + k, vlen);
		a->retry_after[vlen] = '\0';
		a->retry_after[strcspn(a->retry_after, "\r\n")] = '\0';
	}
	return n;
}

static void
http_setopt(CURL *cu, const struct http_request *rq, struct curl_slist *hdr,
    struct http_ctx *x, char *cerr)
{
	int t = rq->timeout_s < 1 ? 1 : rq->timeout_s;

	curl_easy_setopt(cu, CURLOPT_URL, rq->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(cu, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(cu, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(cu, CURLOPT_FOLLOWLOCATION, 0L);
	if (rq->body != NULL) {
		curl_easy_setopt(cu, CURLOPT_POSTFIELDS, rq->body);
		curl_easy_setopt(cu, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(rq->body));
		if (rq->method != NULL && strcmp(rq->method, "POST") != 0)
			curl_easy_setopt(cu, CURLOPT_CUSTOMREQUEST,
			    rq->method);
	} else
		curl_easy_setopt(cu, CURLOPT_HTTPGET, 1L);
	if (hdr != NULL)
		curl_easy_setopt(cu, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(cu, CURLOPT_USERAGENT, "warroom");
	curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(cu, CURLOPT_CONNECTTIMEOUT, (long)(t < 10 ? t : 10));
	curl_easy_setopt(cu, CURLOPT_TIMEOUT, (long)t);
	curl_easy_setopt(cu, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, http_on_body);
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(cu, CURLOPT_HEADERFUNCTION, http_on_header);
	curl_easy_setopt(cu, CURLOPT_HEADERDATA, x->a);
}

/* What libcurl read of Retry-After (before curl 8.12 it may be
 * negative), for a value our own reading does not take. */
static long long
http_curl_retry(CURL *cu)
{
#if LIBCURL_VERSION_NUM >= 0x074200
	curl_off_t v = -1;

	if (curl_easy_getinfo(cu, CURLINFO_RETRY_AFTER, &v) == CURLE_OK &&
	    v > 0)
		return (long long)v;
#else
	(void)cu;
#endif
	return -1;
}

int
http_request(const struct http_request *rq, struct http_answer *a)
{
	static int inited;
	struct http_ctx x = {rq, a};
	struct curl_slist *hdr = NULL;
	char cerr[CURL_ERROR_SIZE] = "";
	const char *const *h;
	CURL *cu;
	CURLcode rc;

	memset(a, 0, sizeof *a);
	a->retry_curl = -1;
	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = 1;
	}
	if ((cu = curl_easy_init()) == NULL) {
		err_set(a->error, "cannot start libcurl");
		return -1;
	}
	for (h = rq->headers; h != NULL && *h != NULL; h++)
		hdr = curl_slist_append(hdr, *h);
	http_setopt(cu, rq, hdr, &x, cerr);
	rc = curl_easy_perform(cu);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &a->status);
		a->retry_curl = http_curl_retry(cu);
	} else
		/* curl's own text only: it may quote the URL, a secret. */
		err_set(a->error, "no answer: %s%s%s%s",
		    curl_easy_strerror(rc), cerr[0] ? " (" : "", cerr,
		    cerr[0] ? ")" : "");
	curl_slist_free_all(hdr);
	curl_easy_cleanup(cu);
	return rc == CURLE_OK ? 0 : -1;
}

void
http_answer_free(struct http_answer *a)
{
	buf_free(&a->body);
}

int
http_url_ok(const char *url)
{
	return url != NULL && (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0);
}

int
http_retry_after(const char *value, int64_t now, int max)
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
			return max;
		secs = strtoll(value, NULL, 10);
	} else {
		time_t t = curl_getdate(value, NULL);

		if (t == (time_t)-1)
			return -1;
		secs = (long long)t - (long long)now;
	}
	if (secs < 1)
		secs = 1;
	if (secs > max)
		secs = max;
	return (int)secs;
}
