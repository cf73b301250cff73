/* statuspage.c: the requests to an Atlassian Statuspage-compatible API
 * (through agent/http.c), the JSON they carry and how answers read. */
#include "agent/statuspage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "agent/http.h"
#include "base/config.h"
#include "base/json.h"
#include "base/redact.h"
#include "base/text.h"
#include "model/model.h"

/* A page or incident id goes into a URL path: letters, digits, - and _. */
static int
statuspage_id_ok(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n == 0 || n > 64)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_") == n;
}

int
statuspage_config(const struct config *cf, struct statuspage *sp,
    char *err)
{
	const char *url = config_get(cf, "statuspage", "url");

	sp->page_id = config_get(cf, "statuspage", "page_id");
	sp->api_key = config_get(cf, "statuspage", "api_key");
	sp->url = url != NULL && *url != '\0' ? url : STATUSPAGE_URL_DEFAULT;
	if (sp->page_id != NULL && *sp->page_id == '\0')
		sp->page_id = NULL;
	if (sp->api_key != NULL && *sp->api_key == '\0')
		sp->api_key = NULL;
	if (sp->page_id == NULL && sp->api_key == NULL)
		return 0;
	if (sp->page_id == NULL || sp->api_key == NULL) {
		err_set(err, "[statuspage] needs both page_id and api_key");
		return -1;
	}
	if (!statuspage_id_ok(sp->page_id)) {
		err_set(err, "[statuspage] page_id is not a page id (letters, "
		    "digits, - and _)");
		return -1;
	}
	if (!http_url_ok(sp->url)) {
		err_set(err, "[statuspage] url is not an http(s) URL");
		return -1;
	}
	return 1;
}

const char *
statuspage_status(int phase)
{
	switch (phase) {
	case PHASE_IDENTIFIED:
	case PHASE_MITIGATING:
		return "identified";
	case PHASE_MONITORING:
	case PHASE_RECOVERED:
		return "monitoring";
	case PHASE_RESOLVED:
	case PHASE_RETROSPECTIVE:
		return "resolved";
	default:
		return "investigating";
	}
}

char *
statuspage_marker(int64_t incident, int64_t created)
{
	return xasprintf("warroom-%lld-%lld", (long long)incident,
	    (long long)created);
}

char *
statuspage_text(const char *heading, const char *body)
{
	return xasprintf("%s\n\n%s", heading ? heading : "", body ? body : "");
}

char *
statuspage_name(const char *body)
{
	size_t n = strcspn(body, "\n");

	return text_trim(text_sanitize(body, n, STATUSPAGE_NAME_MAX, 0));
}

char *
statuspage_payload(const char *name, const char *status, const char *text,
    const char *marker)
{
	cJSON *o = cJSON_CreateObject(), *inc, *meta, *wr;
	char *json;

	inc = cJSON_AddObjectToObject(o, "incident");
	if (name != NULL)
		cJSON_AddStringToObject(inc, "name", name);
	cJSON_AddStringToObject(inc, "status", status);
	cJSON_AddStringToObject(inc, "body", text);
	if (marker != NULL) {
		/* Top-level metadata values must be objects. */
		meta = cJSON_AddObjectToObject(inc, "metadata");
		wr = cJSON_AddObjectToObject(meta, "warroom");
		cJSON_AddStringToObject(wr, "incident", marker);
	}
	json = json_compact(o);
	cJSON_Delete(o);
	return json;
}

/* The id of incident object o when it is a plain id; caller frees. */
static char *
statuspage_obj_id(const cJSON *o)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");

	if (!cJSON_IsString(id) || !statuspage_id_ok(id->valuestring))
		return NULL;
	return xstrdup(id->valuestring);
}

char *
statuspage_answer_id(const char *json)
{
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	char *id = o ? statuspage_obj_id(o) : NULL;

	cJSON_Delete(o);
	return id;
}

/* Does incident o carry marker in metadata.warroom.incident? */
static int
statuspage_marked(const cJSON *o, const char *marker)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "metadata");

	m = cJSON_GetObjectItemCaseSensitive(m, "warroom");
	m = cJSON_GetObjectItemCaseSensitive(m, "incident");
	return cJSON_IsString(m) && strcmp(m->valuestring, marker) == 0;
}

/* Does o's newest update (incident_updates, newest first) say text with
 * status? */
static int
statuspage_says(const cJSON *o, const char *text, const char *status)
{
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(o,
	    "incident_updates"), *b, *s;

	u = cJSON_IsArray(u) ? cJSON_GetArrayItem(u, 0) : NULL;
	b = cJSON_GetObjectItemCaseSensitive(u, "body");
	s = cJSON_GetObjectItemCaseSensitive(u, "status");
	return cJSON_IsString(b) && cJSON_IsString(s) &&
	    strcmp(b->valuestring, text) == 0 &&
	    strcmp(s->valuestring, status) == 0;
}

char *
statuspage_find(const char *json, const char *marker, const char *text,
    const char *status, int *same)
{
	cJSON *all = json ? cJSON_Parse(json) : NULL;
	const cJSON *o, *hit = NULL;
	char *id = NULL;

	*same = 0;
	if (marker == NULL)
		hit = cJSON_IsObject(all) ? all : NULL;
	else if (cJSON_IsArray(all)) {
		cJSON_ArrayForEach(o, all)
			if (cJSON_IsObject(o) && statuspage_marked(o, marker)) {
				hit = o;
				break;
			}
	}
	if (hit != NULL && (id = statuspage_obj_id(hit)) != NULL)
		*same = statuspage_says(hit, text, status);
	cJSON_Delete(all);
	return id;
}

/* The HTTP exchange. */

/* a->error = msg with the key (and any password in the URL) hidden, as
 * one clean line. The key is hidden before anything is cut or cleaned. */
static void
statuspage_set_error(const struct statuspage *sp, struct statuspage_answer *a,
    const char *msg)
{
	struct redact r = {0};
	char *red, *line;

	redact_add(&r, sp->api_key, REDACT_PLAIN, "<api_key>");
	redact_add(&r, sp->url, REDACT_USERINFO, "<password>");
	red = redact_apply(&r, msg);
	redact_clear(&r);
	line = text_trim(text_sanitize(red, strlen(red), 200, 0));
	snprintf(a->error, sizeof a->error, "%s", line);
	free(line);
	free(red);
}

/* The message for a finished transfer's answer; fills a. Caller frees. */
static char *
statuspage_read_answer(const struct http_answer *h, int64_t now,
    struct statuspage_answer *a)
{
	size_t n = h->body.len < 160 ? h->body.len : 160;
	char *line, *msg;

	a->status = h->status;
	a->result = slack_classify(a->status);
	line = text_trim(text_sanitize(h->body.p ? h->body.p : "", n, 160,
	    0));
	if (a->result == SLACK_RATE_LIMITED) {
		a->retry_after = slack_retry_after(h->retry_after, now);
		if (a->retry_after < 1)
			a->retry_after = SLACK_RETRY_AFTER_DEFAULT;
		msg = xasprintf("HTTP 429%s%s: retry after %d s",
		    *line ? " " : "", line, a->retry_after);
	} else if (a->result == SLACK_SENT && h->cut) {
		a->result = SLACK_RETRY;
		msg = xasprintf("HTTP %ld: answer too long", a->status);
	} else
		msg = xasprintf("HTTP %ld%s%s", a->status, *line ? ": " : "",
		    line);
	free(line);
	return msg;
}

enum slack_result
statuspage_request(const struct statuspage *sp, const char *method,
    const char *path, const char *json, int timeout_s, int64_t now,
    struct statuspage_answer *a)
{
	const char *hdr[5];
	struct http_request rq = {method, NULL, json, hdr, timeout_s,
	    STATUSPAGE_ANSWER_MAX, 0};
	struct http_answer h;
	char *url, *auth, *msg;
	size_t ul = strlen(sp->url);
	int n = 0;

	memset(a, 0, sizeof *a);
	while (ul > 0 && sp->url[ul - 1] == '/')
		ul--;
	rq.url = url = xasprintf("%.*s%s", (int)ul, sp->url, path);
	hdr[n++] = auth = xasprintf("Authorization: OAuth %s", sp->api_key);
	hdr[n++] = "Accept: application/json";
	if (json != NULL)
		hdr[n++] = "Content-Type: application/json; charset=utf-8";
	hdr[n++] = "Expect:";
	hdr[n] = NULL;
	if (http_request(&rq, &h) != 0) {
		a->result = SLACK_RETRY;
		msg = xstrdup(h.error);
	} else
		msg = statuspage_read_answer(&h, now, a);
	statuspage_set_error(sp, a, msg);
	if (a->result == SLACK_SENT)
		a->body = buf_take(&h.body);
	http_answer_free(&h);
	free(msg);
	free(auth);
	free(url);
	return a->result;
}
