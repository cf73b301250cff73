/* slack.c: Block Kit payloads for Slack incoming webhooks (pure functions)
 * and the one HTTP POST that delivers them (libcurl, easy interface). */
#include "agent/slack.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "base/redact.h"
#include "base/text.h"

#define SLACK_SECTIONS_MAX (SLACK_BLOCKS_MAX - 2) /* minus header, context */
#define SLACK_CUT_NOTE "\n… (cut: too long for one Slack message; the " \
	"full text is in warroom)"
#define SLACK_BODY_SCAN_MAX ((size_t)SLACK_SECTIONS_MAX * SLACK_SECTION_MAX * 4)

/* The pieces of a message, unescaped; payload and preview share them. */
struct slack_parts {
	char *heading;
	char *text;
	char *sec[SLACK_SECTIONS_MAX];
	int nsec;
	char *context;
};

/* Characters cp counts for in Slack's limits once escaped. Slack counts
 * UTF-16 units, so a character beyond the BMP counts twice. */
static int
slack_cost(uint32_t cp, int escaped)
{
	if (escaped && cp == '&')
		return 5;
	if (escaped && (cp == '<' || cp == '>'))
		return 4;
	return cp >= 0x10000 ? 2 : 1;
}

static int
slack_cost_str(const char *s)
{
	size_t len = strlen(s), i = 0;
	int total = 0;

	while (i < len) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp);

		if (n < 0) {
			n = 1;
			cp = 0xFFFD;
		}
		total += slack_cost(cp, 1);
		i += (size_t)n;
	}
	return total;
}

/*
 * How many bytes of s (len bytes) fit in budget characters. When not all
 * of it fits, end at a line break (else a space) in the second half of what
 * fits, and set *skip to 1 so the break itself is dropped. escaped: count
 * characters as they will be once escaped.
 */
static size_t
slack_cut(const char *s, size_t len, int budget, int escaped, size_t *skip)
{
	size_t i = 0, nl = 0, sp = 0;
	int used = 0;

	*skip = 0;
	while (i < len) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp), c;

		if (n < 0) {
			n = 1;
			cp = 0xFFFD;
		}
		c = slack_cost(cp, escaped);
		if (used + c > budget)
			break;
		used += c;
		if (cp == '\n')
			nl = i;
		else if (cp == ' ')
			sp = i;
		i += (size_t)n;
	}
	if (i >= len)
		return len;
	if (nl > 0 && nl >= i / 2) {
		*skip = 1;
		return nl;
	}
	if (sp > 0 && sp >= i / 2) {
		*skip = 1;
		return sp;
	}
	return i;
}

static char *
slack_clean(const char *s, size_t max, int flags)
{
	if (s == NULL)
		s = "";
	return text_trim(text_sanitize(s, strlen(s), max, flags));
}

static void
slack_parts_free(struct slack_parts *p)
{
	int i;

	free(p->heading);
	free(p->text);
	for (i = 0; i < p->nsec; i++)
		free(p->sec[i]);
	free(p->context);
	memset(p, 0, sizeof *p);
}

/* Split the clean body into sections within Slack's limits. */
static void
slack_sections(struct slack_parts *p, const char *body)
{
	size_t len = strlen(body), pos = 0;
	int note = slack_cost_str(SLACK_CUT_NOTE);

	while (pos < len && p->nsec < SLACK_SECTIONS_MAX) {
		size_t skip, n = slack_cut(body + pos, len - pos,
		    SLACK_SECTION_MAX, 1, &skip);
		int last = p->nsec == SLACK_SECTIONS_MAX - 1;
		char *chunk;

		if (last && n < len - pos) {
			/* No block left for the rest: cut with a note. */
			n = slack_cut(body + pos, len - pos,
			    SLACK_SECTION_MAX - note, 1, &skip);
			chunk = xstrndup(body + pos, n);
			text_trim(chunk);
			p->sec[p->nsec] = xasprintf("%s%s", chunk,
			    SLACK_CUT_NOTE);
			free(chunk);
			p->nsec++;
			return;
		}
		chunk = xstrndup(body + pos, n);
		pos += n + skip;
		/* Slack refuses a section without visible text. */
		if (str_empty(chunk)) {
			free(chunk);
			continue;
		}
		p->sec[p->nsec++] = chunk;
	}
}

/* Is tz a zone this host knows? A name TZ does not know gives UTC with its
 * own letters as the abbreviation, which would show a wrong time. */
static int
slack_tz_known(const char *tz)
{
	char path[512];

	if (tz[0] == '/' || strstr(tz, "..") != NULL || strlen(tz) > 200)
		return 0;
	if (strcmp(tz, "UTC") == 0)
		return 1;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	return access(path, R_OK) == 0;
}

void
slack_time(int64_t t, const char *tz, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char *saved = NULL;
	const char *old;
	int swap = tz != NULL && *tz != '\0';

	out[0] = '\0';
	if (swap) {
		if ((old = getenv("TZ")) != NULL)
			saved = xstrdup(old);
		setenv("TZ", slack_tz_known(tz) ? tz : "UTC", 1);
		tzset();
	}
	if (localtime_r(&tt, &tm) != NULL)
		strftime(out, n, "%Y-%m-%d %H:%M %Z", &tm);
	if (swap) {
		if (saved != NULL)
			setenv("TZ", saved, 1);
		else
			unsetenv("TZ");
		tzset();
		free(saved);
	}
}

static void
slack_parts_make(struct slack_parts *p, const struct slack_msg *m)
{
	char *body, *title, *sev, *aud, when[64] = "";
	size_t skip, n;
	int budget;
	struct buf b = {0};

	memset(p, 0, sizeof *p);
	p->heading = slack_clean(m->heading, 512, 0);
	if (*p->heading == '\0') { /* never posted without a heading */
		free(p->heading);
		p->heading = xstrdup("Status update");
	}
	/* The header is plain text, never escaped: count it plainly. */
	n = slack_cut(p->heading, strlen(p->heading), SLACK_HEADER_MAX, 0,
	    &skip);
	p->heading[n] = '\0';

	body = slack_clean(m->body, SLACK_BODY_SCAN_MAX, TEXT_MULTILINE);
	slack_sections(p, body);

	/* Notifications show only "text": the heading first, then the body. */
	buf_adds(&b, p->heading);
	if (*body != '\0') {
		buf_adds(&b, ": ");
		budget = SLACK_TEXT_MAX - slack_cost_str(b.p) - 1;
		if (budget < 5)
			budget = 5;
		n = slack_cut(body, strlen(body), budget, 1, &skip);
		buf_add(&b, body, n);
		if (n < strlen(body))
			buf_adds(&b, "…");
	}
	p->text = buf_take(&b);
	free(body);

	title = slack_clean(m->title, 400, 0);
	sev = slack_clean(m->severity, 32, 0);
	aud = slack_clean(m->audience, 64, 0);
	if (m->time > 0)
		slack_time(m->time, m->tz, when, sizeof when);
	if (m->for_users) {
		/* Users read the time only: numbers, severities and titles
		 * are ours. */
		buf_adds(&b, *when != '\0' ? when : "");
	} else {
		buf_addf(&b, "Incident #%lld", (long long)m->incident_id);
		if (*title != '\0')
			buf_addf(&b, " %s", title);
		if (*sev != '\0')
			buf_addf(&b, " · %s", sev);
		if (*aud != '\0')
			buf_addf(&b, " · to %s", aud);
		if (*when != '\0')
			buf_addf(&b, " · %s", when);
	}
	n = slack_cut(b.p, b.len, SLACK_CONTEXT_MAX, 1, &skip);
	b.p[n] = '\0';
	b.len = n;
	p->context = buf_take(&b);
	free(title);
	free(sev);
	free(aud);
}

char *
slack_escape(const char *s)
{
	struct buf b = {0};

	for (; *s != '\0'; s++) {
		if (*s == '&')
			buf_adds(&b, "&amp;");
		else if (*s == '<')
			buf_adds(&b, "&lt;");
		else if (*s == '>')
			buf_adds(&b, "&gt;");
		else
			buf_addc(&b, *s);
	}
	return buf_take(&b);
}

static void
slack_add_escaped(cJSON *o, const char *key, const char *s)
{
	char *e = slack_escape(s);

	cJSON_AddStringToObject(o, key, e);
	free(e);
}

static cJSON *
slack_text_obj(const char *type, const char *s, int escape)
{
	cJSON *t = cJSON_CreateObject();

	cJSON_AddStringToObject(t, "type", type);
	if (escape)
		slack_add_escaped(t, "text", s);
	else
		cJSON_AddStringToObject(t, "text", s);
	return t;
}

char *
slack_payload(const struct slack_msg *m)
{
	struct slack_parts p;
	cJSON *root = cJSON_CreateObject(), *blocks, *blk, *el;
	char *json, *out;
	int i;

	if (root == NULL)
		fatal("out of memory building JSON");
	slack_parts_make(&p, m);
	slack_add_escaped(root, "text", p.text);
	blocks = cJSON_AddArrayToObject(root, "blocks");

	blk = cJSON_CreateObject();
	cJSON_AddStringToObject(blk, "type", "header");
	el = slack_text_obj("plain_text", p.heading, 0);
	cJSON_AddBoolToObject(el, "emoji", 1);
	cJSON_AddItemToObject(blk, "text", el);
	cJSON_AddItemToArray(blocks, blk);

	for (i = 0; i < p.nsec; i++) {
		blk = cJSON_CreateObject();
		cJSON_AddStringToObject(blk, "type", "section");
		cJSON_AddItemToObject(blk, "text",
		    slack_text_obj("mrkdwn", p.sec[i], 1));
		cJSON_AddItemToArray(blocks, blk);
	}

	blk = cJSON_CreateObject();
	cJSON_AddStringToObject(blk, "type", "context");
	el = cJSON_AddArrayToObject(blk, "elements");
	cJSON_AddItemToArray(el, slack_text_obj("mrkdwn", p.context, 1));
	cJSON_AddItemToArray(blocks, blk);

	json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	slack_parts_free(&p);
	if (json == NULL)
		fatal("out of memory printing JSON");
	out = xstrdup(json); /* hand over memory our free() pairs with */
	cJSON_free(json);
	return out;
}

char *
slack_preview(const struct slack_msg *m)
{
	struct slack_parts p;
	struct buf b = {0};
	int i;

	slack_parts_make(&p, m);
	buf_addf(&b, "%s\n\n", p.heading);
	for (i = 0; i < p.nsec; i++)
		buf_addf(&b, "%s\n", p.sec[i]);
	if (p.nsec > 0)
		buf_addc(&b, '\n');
	buf_addf(&b, "%s\n", p.context);
	slack_parts_free(&p);
	return buf_take(&b);
}

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
	char *line, *msg;

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
	curl_easy_setopt(cu, CURLOPT_WRITEDATA, &h);
	curl_easy_setopt(cu, CURLOPT_HEADERFUNCTION, slack_on_header);
	curl_easy_setopt(cu, CURLOPT_HEADERDATA, &h);
	rc = curl_easy_perform(cu);
	if (rc != CURLE_OK) {
		a->status = 0;
		a->result = SLACK_RETRY;
		msg = xasprintf("no answer: %s%s%s%s", curl_easy_strerror(rc),
		    cerr[0] ? " (" : "", cerr, cerr[0] ? ")" : "");
	} else {
		curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &a->status);
		a->result = slack_classify(a->status);
		line = slack_answer_line(&h.body, url);
		if (a->result == SLACK_RATE_LIMITED) {
			int ra = slack_retry_after(h.retry_after, now);
#if LIBCURL_VERSION_NUM >= 0x074200
			if (ra < 0) {
				/* Before curl 8.12 this may be negative. */
				curl_off_t v = -1;

				if (curl_easy_getinfo(cu, CURLINFO_RETRY_AFTER,
				    &v) == CURLE_OK && v > 0)
					ra = v > SLACK_RETRY_AFTER_MAX ?
					    SLACK_RETRY_AFTER_MAX : (int)v;
			}
#endif
			a->retry_after = ra > 0 ? ra : SLACK_RETRY_AFTER_DEFAULT;
			msg = xasprintf("HTTP 429%s%s: retry after %d s",
			    *line ? " " : "", line, a->retry_after);
		} else
			msg = xasprintf("HTTP %ld%s%s", a->status,
			    *line ? ": " : "", line);
		free(line);
	}
	line = slack_redact(msg, url);
	err_set(a->error, "%s", line);
	/* err_set may have cut inside a character: clean once more. */
	free(line);
	line = text_sanitize(a->error, strlen(a->error), ERR_LEN - 1, 0);
	snprintf(a->error, sizeof a->error, "%s", line);
	free(line);
	free(msg);
	buf_free(&h.body);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(cu);
	return a->result;
}
