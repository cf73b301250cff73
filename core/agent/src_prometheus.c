/* src_prometheus.c: the Prometheus HTTP API (/api/v1/query_range, or
 * /api/v1/query for queries written "instant:EXPR"), one series per query.
 * Thanos, Mimir and VictoriaMetrics speak the same API. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/config.h"
#include "agent/source.h"
#include "base/text.h"

#define PROM_MAX_POINTS 11000 /* the server refuses more per series */

/* A [time, "value"] pair. 1 = a sample, 0 = skipped (NaN, Inf), -1 bad. */
static int
prom_pair(const cJSON *p, struct sample *s, char *err)
{
	const cJSON *t, *v;
	char *end;
	double tv, vv;

	if (!cJSON_IsArray(p) || cJSON_GetArraySize(p) != 2) {
		err_set(err, "a point is not a [time, value] pair");
		return -1;
	}
	t = cJSON_GetArrayItem(p, 0);
	v = cJSON_GetArrayItem(p, 1);
	if (!cJSON_IsNumber(t) || !isfinite(t->valuedouble) ||
	    t->valuedouble < 1 || t->valuedouble > 1e11) {
		err_set(err, "a point has a bad time");
		return -1;
	}
	tv = t->valuedouble;
	if (!cJSON_IsString(v) || v->valuestring == NULL ||
	    v->valuestring[0] == '\0' || strlen(v->valuestring) > 64) {
		err_set(err, "a point's value is not a number in a string");
		return -1;
	}
	vv = strtod(v->valuestring, &end);
	if (*end != '\0') {
		err_set(err, "a point's value is not a number in a string");
		return -1;
	}
	if (!isfinite(vv))
		return 0;
	s->t = (int64_t)floor(tv);
	s->v = vv;
	return 1;
}

/* The samples of one answer, as they are read. */
struct prom_list {
	struct sample *s;
	int n, cap;
};

/* Read the pair p into l. 0 (a sample, or one skipped), -1 with err. */
static int
prom_take(const cJSON *p, struct prom_list *l, char *err)
{
	struct sample s;
	int r = prom_pair(p, &s, err);

	if (r <= 0)
		return r;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->s = xreallocarray(l->s, (size_t)l->cap, sizeof *l->s);
	}
	l->s[l->n++] = s;
	return 0;
}

/* The answer as a JSON object, or NULL with err. */
static cJSON *
prom_root(const char *body, size_t len, char *err)
{
	cJSON *root;

	if (body == NULL || len == 0) {
		err_set(err, "empty answer");
		return NULL;
	}
	if (memchr(body, '\0', len) != NULL) {
		err_set(err, "answer has a NUL byte (not JSON text)");
		return NULL;
	}
	root = cJSON_ParseWithLength(body, len);
	if (root == NULL) {
		err_set(err, "answer is not JSON (%s)", body[0] == '<'
		    ? "an HTML page" : "malformed or truncated");
		return NULL;
	}
	if (!cJSON_IsObject(root)) {
		err_set(err, "answer is not a JSON object");
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* The API's own error answer, as "errorType: error" in err. */
static void
prom_api_error(const cJSON *root, char *err)
{
	const cJSON *et = cJSON_GetObjectItemCaseSensitive(root, "errorType");
	const cJSON *em = cJSON_GetObjectItemCaseSensitive(root, "error");
	char *c1 = source_one_line(cJSON_IsString(et) ? et->valuestring
	    : "error", cJSON_IsString(et) ? strlen(et->valuestring) : 5, 40);
	char *c2 = source_one_line(cJSON_IsString(em) ? em->valuestring
	    : "", cJSON_IsString(em) ? strlen(em->valuestring) : 0, 180);

	err_set(err, "%s: %s", c1, *c2 ? c2 : "(no message)");
	free(c1);
	free(c2);
}

/* The one series of a vector or matrix result into l. 0, or -1 with err. */
static int
prom_series(const char *rtype, const cJSON *result, struct prom_list *l,
    char *err)
{
	const cJSON *series, *values, *p;
	int count;

	if (!cJSON_IsArray(result)) {
		err_set(err, "data.result is not an array");
		return -1;
	}
	count = cJSON_GetArraySize(result);
	if (count == 0) {
		err_set(err, "query matched no series");
		return -1;
	}
	if (count > 1) {
		err_set(err, "query returned %d series; one series per query "
		    "(aggregate it, e.g. sum(...) or max(...))", count);
		return -1;
	}
	series = cJSON_GetArrayItem(result, 0);
	if (!cJSON_IsObject(series)) {
		err_set(err, "a series is not an object");
		return -1;
	}
	if (strcmp(rtype, "vector") == 0)
		return prom_take(cJSON_GetObjectItemCaseSensitive(series,
		    "value"), l, err);
	values = cJSON_GetObjectItemCaseSensitive(series, "values");
	if (!cJSON_IsArray(values)) {
		err_set(err, "a series has no values array");
		return -1;
	}
	if ((count = cJSON_GetArraySize(values)) > SOURCE_POINTS_MAX) {
		err_set(err, "too many points (%d; at most %d)", count,
		    SOURCE_POINTS_MAX);
		return -1;
	}
	cJSON_ArrayForEach(p, values)
		if (prom_take(p, l, err) < 0)
			return -1;
	return 0;
}

/* The samples of a successful answer into l. 0, or -1 with err;
 * *api_error tells the API's own error answer. */
static int
prom_answer(const cJSON *root, struct prom_list *l, int *api_error,
    char *err)
{
	const cJSON *status, *data, *rtype, *result;

	status = cJSON_GetObjectItemCaseSensitive(root, "status");
	if (cJSON_IsString(status) && strcmp(status->valuestring, "error")
	    == 0) {
		prom_api_error(root, err);
		*api_error = 1;
		return -1;
	}
	if (!cJSON_IsString(status) || strcmp(status->valuestring, "success")
	    != 0) {
		err_set(err, "answer has no status \"success\"");
		return -1;
	}
	data = cJSON_GetObjectItemCaseSensitive(root, "data");
	rtype = cJSON_GetObjectItemCaseSensitive(data, "resultType");
	result = cJSON_GetObjectItemCaseSensitive(data, "result");
	if (!cJSON_IsObject(data) || !cJSON_IsString(rtype) || result == NULL) {
		err_set(err, "answer has no data.resultType and data.result");
		return -1;
	}
	if (strcmp(rtype->valuestring, "scalar") == 0)
		return prom_take(result, l, err);
	if (strcmp(rtype->valuestring, "matrix") != 0 &&
	    strcmp(rtype->valuestring, "vector") != 0) {
		err_set(err, "result type \"%.20s\" is not a number series",
		    rtype->valuestring);
		return -1;
	}
	return prom_series(rtype->valuestring, result, l, err);
}

/* Like prom_parse; *api_error tells that the body was a well-formed error
 * answer of the API (its message is in err). */
static int
prom_parse_ex(const char *body, size_t len, struct sample **out, int *n,
    int *api_error, char *err)
{
	struct prom_list l = {0};
	cJSON *root;
	int rc;

	*api_error = 0;
	*out = NULL;
	*n = 0;
	if ((root = prom_root(body, len, err)) == NULL)
		return -1;
	rc = prom_answer(root, &l, api_error, err);
	cJSON_Delete(root);
	if (rc != 0) {
		free(l.s);
		return -1;
	}
	*out = l.s;
	*n = l.n;
	return 0;
}

int
prom_parse(const char *body, size_t len, struct sample **out, int *n,
    char *err)
{
	int api_error;

	return prom_parse_ex(body, len, out, n, &api_error, err);
}

static void
prom_start(struct source_job *j)
{
	const char *base = config_get(j->cf, "prometheus", "url");
	const char *user = config_get(j->cf, "prometheus", "user");
	const char *pass = config_get(j->cf, "prometheus", "password");
	const char *token = config_get(j->cf, "prometheus", "bearer_token");
	const char *headers[3] = {"Accept: application/json", NULL, NULL};
	const char *q = j->query;
	char *esc, *url, *auth = NULL, *userpwd = NULL;
	size_t blen;
	int64_t from = j->from;
	int step = j->interval > 0 ? j->interval : 15;

	if (str_empty(base)) {
		source_fail(j, "prometheus: no url in [prometheus] of the "
		    "config file");
		return;
	}
	blen = strlen(base);
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	if (token != NULL && *token != '\0') {
		auth = xasprintf("Authorization: Bearer %s", token);
		headers[1] = auth;
	} else if (user != NULL && *user != '\0')
		userpwd = xasprintf("%s:%s", user, pass ? pass : "");
	if (strncmp(q, PROM_INSTANT, strlen(PROM_INSTANT)) == 0) {
		esc = source_escape(q + strlen(PROM_INSTANT));
		url = xasprintf("%.*s/api/v1/query?query=%s&time=%lld",
		    (int)blen, base, esc, (long long)j->now);
	} else {
		if ((j->now - from) / step > PROM_MAX_POINTS - 1)
			from = j->now - (int64_t)step * (PROM_MAX_POINTS - 1);
		esc = source_escape(q);
		url = xasprintf("%.*s/api/v1/query_range?query=%s&start=%lld"
		    "&end=%lld&step=%d", (int)blen, base, esc,
		    (long long)from, (long long)j->now, step);
	}
	source_http_get(j, url, headers, userpwd);
	free(esc);
	free(url);
	free(auth);
	free(userpwd);
}

static void
prom_finish(struct source_job *j, long status, const char *body, size_t len)
{
	struct sample *s;
	int n, rc, api_error;
	char err[ERR_LEN];

	rc = prom_parse_ex(body, len, &s, &n, &api_error, err);
	source_http_finish(j, "prometheus", status, rc, s, n, err,
	    rc != 0 && api_error ? err : NULL);
}

const struct metric_source src_prometheus = {
	.name = "prometheus",
	.start = prom_start,
	.finish = prom_finish,
};
