/* alertmanager.c: the agent's poll of Alertmanager's API v2. Only the
 * firing alerts are listed by the API (a resolved one leaves the list), so
 * an alert told of that leaves the list of a successful poll has
 * resolved. */
#include "agent/alertmanager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "agent/http.h"
#include "base/config.h"
#include "base/redact.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"
#include "model/alert.h"
#include "model/model.h"
#include "store/store.h"

#define AM_FIELD_MAX 512 /* bytes of a label, fingerprint or summary */
#define AM_TIMEOUT 10

int
alertmanager_time(const char *s, int64_t *t)
{
	char head[21];
	const char *p;
	int sign, hh, mm;

	if (s == NULL || strlen(s) < 20)
		return -1;
	memcpy(head, s, 19);
	head[19] = 'Z';
	head[20] = '\0';
	if (time_iso_parse(head, t) != 0)
		return -1;
	p = s + 19;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (strcmp(p, "Z") == 0)
		return 0;
	if ((*p != '+' && *p != '-') || strlen(p) != 6 ||
	    sscanf(p + 1, "%2d:%2d", &hh, &mm) != 2 || hh > 23 || mm > 59)
		return -1;
	sign = *p == '+' ? 1 : -1;
	*t -= sign * (hh * 3600 + mm * 60);
	return 0;
}

static char *
am_clean(const char *s)
{
	return text_trim(text_sanitize(s ? s : "", s ? strlen(s) : 0,
	    AM_FIELD_MAX, 0));
}

/* The severity the config maps label value v to ("critical=SEV1,
 * warning=SEV3"), or -1. */
static int
am_severity(const struct config *cf, const char *v)
{
	const char *map = config_get(cf, "alertmanager", "severity");
	char *copy, *item, *save = NULL;
	int sev = -1;

	if (map == NULL || v == NULL)
		return -1;
	copy = xstrdup(map);
	for (item = strtok_r(copy, ",", &save); item != NULL && sev < 0;
	    item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');

		if (eq == NULL)
			continue;
		*eq = '\0';
		if (strcmp(text_trim(item), v) == 0)
			sev = enum_parse(severity_names, SEV_COUNT,
			    text_trim(eq + 1));
	}
	free(copy);
	return sev;
}

/* One alert of the answer: 0, or -1 when it lacks what is needed. */
static int
am_alert(const cJSON *j, const struct config *cf, struct alert *a)
{
	const char *sevlabel = config_get(cf, "alertmanager", "severity_label");
	const cJSON *fp = cJSON_GetObjectItemCaseSensitive(j, "fingerprint");
	const cJSON *lab = cJSON_GetObjectItemCaseSensitive(j, "labels");
	const cJSON *ann = cJSON_GetObjectItemCaseSensitive(j, "annotations");
	const cJSON *l, *sum = NULL;
	struct buf b = {0};

	memset(a, 0, sizeof *a);
	a->severity = -1;
	if (!cJSON_IsString(fp) || !cJSON_IsObject(lab) || alertmanager_time(
	    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "startsAt")), &a->starts_at) != 0)
		return -1;
	a->fingerprint = am_clean(fp->valuestring);
	cJSON_ArrayForEach(l, lab) {
		char *k = am_clean(l->string), *v;

		if (!cJSON_IsString(l)) {
			free(k);
			continue;
		}
		v = am_clean(l->valuestring);
		if (b.len < AM_FIELD_MAX)
			buf_addf(&b, "%s%s=%s", b.len ? ", " : "", k, v);
		if (strcmp(l->string, "alertname") == 0 && a->name == NULL)
			a->name = xstrdup(v);
		if (strcmp(l->string, sevlabel ? sevlabel : "severity") == 0)
			a->severity = am_severity(cf, l->valuestring);
		free(k);
		free(v);
	}
	a->labels = b.len ? buf_take(&b) : xstrdup("");
	buf_free(&b);
	if (a->name == NULL)
		a->name = xstrdup("");
	if (cJSON_IsObject(ann) && !cJSON_IsString(sum =
	    cJSON_GetObjectItemCaseSensitive(ann, "summary")))
		sum = cJSON_GetObjectItemCaseSensitive(ann, "description");
	a->summary = am_clean(cJSON_IsString(sum) ? sum->valuestring : "");
	return str_empty(a->fingerprint) ? -1 : 0;
}

static int
am_order(const void *x, const void *y)
{
	const struct alert *a = x, *b = y;

	if (a->starts_at != b->starts_at)
		return a->starts_at < b->starts_at ? -1 : 1;
	return strcmp(a->fingerprint, b->fingerprint);
}

int
alertmanager_parse(const char *json, const struct config *cf,
    struct alert **out, char *err)
{
	cJSON *root = cJSON_Parse(json), *j;
	struct alert *list = NULL;
	int n = 0;

	*out = NULL;
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		err_set(err, "alertmanager: the answer is not a list of alerts");
		return -1;
	}
	cJSON_ArrayForEach(j, root) {
		if (n >= ALERT_MAX)
			break;
		list = xreallocarray(list, (size_t)n + 1, sizeof *list);
		if (am_alert(j, cf, &list[n]) != 0) {
			alert_clear(&list[n]);
			continue; /* not an alert we can tell of */
		}
		n++;
	}
	cJSON_Delete(root);
	if (n > 0)
		qsort(list, (size_t)n, sizeof *list, am_order);
	*out = list;
	return n;
}

/* The query URL: base, the path, and each matcher of the config (split at
 * commas outside double quotes) as a filter. Caller frees. */
static char *
am_url(CURL *cu, const char *base, const char *matchers)
{
	struct buf b = {0};
	size_t ul = strlen(base);
	const char *p = matchers, *start;
	int quoted;

	while (ul > 0 && base[ul - 1] == '/')
		ul--;
	buf_addf(&b, "%.*s/api/v2/alerts?active=true&silenced=false&"
	    "inhibited=false", (int)ul, base);
	while (p != NULL && *p != '\0') {
		char *one, *esc;

		for (quoted = 0, start = p; *p != '\0' && (quoted || *p != ',');
		    p++)
			if (*p == '"' && (p == start || p[-1] != '\\'))
				quoted = !quoted;
		one = text_trim(xstrndup(start, (size_t)(p - start)));
		if (*one != '\0' && (esc = curl_easy_escape(cu, one, 0))) {
			buf_addf(&b, "&filter=%s", esc);
			curl_free(esc);
		}
		free(one);
		if (*p == ',')
			p++;
	}
	return buf_take(&b);
}

/* GET url: the answer's body (caller frees), or NULL with err. */
static char *
am_get(const char *url, char *err)
{
	struct http_request rq = {"GET", url, NULL, NULL, AM_TIMEOUT,
	    ALERTMANAGER_ANSWER_MAX, 1};
	struct http_answer h;
	char *out = NULL;

	if (http_request(&rq, &h) != 0)
		err_set(err, "alertmanager: %s", h.error);
	else if (h.status != 200)
		err_set(err, "alertmanager: HTTP %ld", h.status);
	else {
		buf_addc(&h.body, '\0');
		out = buf_take(&h.body);
	}
	http_answer_free(&h);
	return out;
}

/* The alerts of base that match matchers: the body or NULL with err. */
static char *
am_get_alerts(const char *base, const char *matchers, char *err)
{
	CURL *cu = curl_easy_init();
	char *url, *out;

	if (cu == NULL) {
		err_set(err, "alertmanager: cannot start libcurl");
		return NULL;
	}
	url = am_url(cu, base, matchers);
	curl_easy_cleanup(cu);
	out = am_get(url, err);
	free(url);
	return out;
}

/* Is the answer to /api/v2/status Alertmanager's? Its version, or NULL
 * (caller frees). */
static char *
am_status_version(const struct buf *b)
{
	cJSON *o = b->p != NULL ? cJSON_ParseWithLength(b->p, b->len) : NULL;
	const cJSON *vi = cJSON_GetObjectItemCaseSensitive(o, "versionInfo");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(vi, "version");
	char *out = NULL;

	if (cJSON_IsObject(vi) && cJSON_IsObject(
	    cJSON_GetObjectItemCaseSensitive(o, "cluster")))
		out = am_clean(cJSON_IsString(v) ? v->valuestring : "?");
	cJSON_Delete(o);
	return out;
}

/* Why Alertmanager refused the matchers: its answer (a JSON string), as
 * one clean line. */
static void
am_refusal(const struct buf *b, char *what)
{
	cJSON *o = b->p != NULL ? cJSON_ParseWithLength(b->p, b->len) : NULL;
	char *line;

	if (cJSON_IsString(o))
		line = am_clean(o->valuestring);
	else
		line = text_trim(text_sanitize(b->p ? b->p : "", b->len, 200,
		    0));
	err_set(what, "%s", *line ? line : "HTTP 400");
	free(line);
	cJSON_Delete(o);
}

int
alertmanager_probe(const char *base, const char *matchers, int timeout_s,
    char *what)
{
	struct http_request rq = {"GET", NULL, NULL, NULL, timeout_s,
	    1 << 20, 0};
	struct http_answer h;
	size_t ul = strlen(base);
	char *url, *ver;
	CURL *cu;
	int rc;

	while (ul > 0 && base[ul - 1] == '/')
		ul--;
	rq.url = url = xasprintf("%.*s/api/v2/status", (int)ul, base);
	rc = http_request(&rq, &h);
	free(url);
	if (rc != 0) {
		err_set(what, "%s", h.error);
		http_answer_free(&h);
		return ALERTMANAGER_UNREACHABLE;
	}
	ver = h.status == 200 ? am_status_version(&h.body) : NULL;
	if (ver == NULL)
		err_set(what, "/api/v2/status answered HTTP %ld%s", h.status,
		    h.status == 200 ? " but not with Alertmanager's status" :
		    "");
	http_answer_free(&h);
	if (ver == NULL)
		return ALERTMANAGER_NOT_IT;
	err_set(what, "Alertmanager %s", ver);
	free(ver);
	if (str_empty(matchers) || (cu = curl_easy_init()) == NULL)
		return ALERTMANAGER_OK;
	/* The matchers as the poll sends them: Alertmanager says 400 and why
	 * when one does not parse. */
	rq.url = url = am_url(cu, base, matchers);
	curl_easy_cleanup(cu);
	rc = http_request(&rq, &h);
	free(url);
	if (rc == 0 && h.status == 400) {
		am_refusal(&h.body, what);
		rc = ALERTMANAGER_BAD_MATCHER;
	} else
		rc = ALERTMANAGER_OK;
	http_answer_free(&h);
	return rc;
}

int
alertmanager_poll(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	const char *url = config_get(cf, "alertmanager", "url");
	struct alert *list;
	char *body;
	int n, rc;

	if (str_empty(url))
		return 0;
	if ((body = am_get_alerts(url, config_get(cf, "alertmanager",
	    "matchers"), err)) == NULL) {
		struct redact r = {0};
		char *red;

		/* a password in the url stays out of the log */
		redact_add(&r, url, REDACT_USERINFO, "<password>");
		red = redact_apply(&r, err);
		redact_clear(&r);
		err_set(err, "%s", red);
		free(red);
		return -1;
	}
	n = alertmanager_parse(body, cf, &list, err);
	free(body);
	if (n < 0)
		return -1;
	rc = alert_poll_record(st, list, n, now, err);
	alert_list_free(list, n);
	return rc < 0 ? -1 : 0;
}
