/* src_mackerel.c: Mackerel host and service metrics. A query is
 * "host:HOST_ID:METRIC" or "service:SERVICE:METRIC"; the API key comes from
 * [mackerel] api_key of the config file, the base URL from [mackerel] url. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/config.h"
#include "agent/source.h"
#include "base/text.h"

#define MACKEREL_URL "https://api.mackerel.io"

int
mackerel_parse(const char *body, size_t len, struct sample **out, int *n,
    char *err)
{
	cJSON *root;
	const cJSON *metrics, *p, *e;
	struct sample *list = NULL;
	int cnt = 0, count;

	*out = NULL;
	*n = 0;
	if (body == NULL || len == 0) {
		err_set(err, "empty answer");
		return -1;
	}
	if (memchr(body, '\0', len) != NULL) {
		err_set(err, "answer has a NUL byte (not JSON text)");
		return -1;
	}
	if ((root = cJSON_ParseWithLength(body, len)) == NULL) {
		err_set(err, "answer is not JSON (%s)", body[0] == '<'
		    ? "an HTML page" : "malformed or truncated");
		return -1;
	}
	if (!cJSON_IsObject(root)) {
		err_set(err, "answer is not a JSON object");
		goto fail;
	}
	e = cJSON_GetObjectItemCaseSensitive(root, "error");
	if (e != NULL) {
		const cJSON *m = cJSON_IsObject(e)
		    ? cJSON_GetObjectItemCaseSensitive(e, "message") : e;
		char *c = cJSON_IsString(m) ? source_one_line(m->valuestring,
		    strlen(m->valuestring), 180) : xstrdup("(no message)");

		err_set(err, "error: %s", c);
		free(c);
		goto fail;
	}
	metrics = cJSON_GetObjectItemCaseSensitive(root, "metrics");
	if (!cJSON_IsArray(metrics)) {
		err_set(err, "answer has no metrics array");
		goto fail;
	}
	if ((count = cJSON_GetArraySize(metrics)) > SOURCE_POINTS_MAX) {
		err_set(err, "too many points (%d; at most %d)", count,
		    SOURCE_POINTS_MAX);
		goto fail;
	}
	list = xcalloc(count > 0 ? (size_t)count : 1, sizeof *list);
	cJSON_ArrayForEach(p, metrics) {
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(p, "time");
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(p, "value");

		if (!cJSON_IsObject(p) || !cJSON_IsNumber(t) ||
		    !cJSON_IsNumber(v)) {
			err_set(err, "a point is not {\"time\": number, "
			    "\"value\": number}");
			goto fail;
		}
		if (!isfinite(t->valuedouble) || t->valuedouble < 1 ||
		    t->valuedouble > 1e11) {
			err_set(err, "a point has a bad time");
			goto fail;
		}
		if (!isfinite(v->valuedouble) || cnt >= count)
			continue;
		list[cnt].t = (int64_t)floor(t->valuedouble);
		list[cnt].v = v->valuedouble;
		cnt++;
	}
	cJSON_Delete(root);
	*out = list;
	*n = cnt;
	return 0;
fail:
	cJSON_Delete(root);
	free(list);
	return -1;
}

static void
mackerel_start(struct source_job *j)
{
	const char *key = config_get(j->cf, "mackerel", "api_key");
	const char *base = config_get(j->cf, "mackerel", "url");
	const char *headers[3] = {"Accept: application/json", NULL, NULL};
	char err[ERR_LEN], *id, *metric, *eid, *emetric, *url, *hdr;
	size_t blen;
	int host;

	if (mackerel_split(j->query, &host, &id, &metric, err) != 0) {
		source_fail(j, "mackerel: %s", err);
		return;
	}
	if (str_empty(key) || strcspn(key, "\r\n") != strlen(key)) {
		source_fail(j, "mackerel: no api_key in [mackerel] of the "
		    "config file");
		free(id);
		free(metric);
		return;
	}
	if (str_empty(base))
		base = MACKEREL_URL;
	blen = strlen(base);
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	eid = source_escape(id);
	emetric = source_escape(metric);
	url = xasprintf("%.*s/api/v0/%s/%s/metrics?name=%s&from=%lld&to=%lld",
	    (int)blen, base, host ? "hosts" : "services", eid, emetric,
	    (long long)j->from, (long long)j->now);
	hdr = xasprintf("X-Api-Key: %s", key);
	headers[1] = hdr;
	source_http_get(j, url, headers, NULL);
	free(hdr);
	free(url);
	free(eid);
	free(emetric);
	free(id);
	free(metric);
}

static void
mackerel_finish(struct source_job *j, long status, const char *body,
    size_t len)
{
	struct sample *s;
	int n, rc;
	char err[ERR_LEN];

	if (status == 429) {
		source_fail(j, "mackerel: HTTP 429: rate limited (called too "
		    "often; backing off)");
		return;
	}
	rc = mackerel_parse(body, len, &s, &n, err);
	source_http_finish(j, "mackerel", status, rc, s, n, err, rc != 0 &&
	    strncmp(err, "error: ", 7) == 0 ? err + 7 : NULL);
}

const struct metric_source src_mackerel = {
	.name = "mackerel",
	.start = mackerel_start,
	.finish = mackerel_finish,
};
