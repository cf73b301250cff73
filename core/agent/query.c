/* query.c: is a metric query well formed for its source? The check
 * `metric add` makes (collect.h's collect_check_query), apart from the
 * transports of source.c so that warroom, which has no network code,
 * links it without libcurl. The demo curves and the Mackerel query's parts
 * are here for the same reason. */
#include <stdlib.h>
#include <string.h>

#include "agent/collect.h"
#include "agent/source.h"
#include "base/text.h"
#include "base/util.h"

const char *const demo_curves[] = {"errors", "latency", "cpu", "requests"};
const int demo_ncurves = (int)ARRAY_LEN(demo_curves);

int
demo_curve(const char *name)
{
	int i;

	for (i = 0; i < demo_ncurves; i++)
		if (name != NULL && strcmp(name, demo_curves[i]) == 0)
			return i;
	return -1;
}

static int
prom_check(const char *query, char *err)
{
	const char *q = query;

	if (strncmp(q, PROM_INSTANT, strlen(PROM_INSTANT)) == 0)
		q += strlen(PROM_INSTANT);
	if (str_empty(q)) {
		err_set(err, "the Prometheus query is empty");
		return -1;
	}
	return 0;
}

int
mackerel_split(const char *q, int *host, char **id, char **metric, char *err)
{
	const char *a, *b;

	*id = *metric = NULL;
	if (strncmp(q, "host:", 5) == 0)
		*host = 1;
	else if (strncmp(q, "service:", 8) == 0)
		*host = 0;
	else {
		err_set(err, "a Mackerel query is host:HOST_ID:METRIC or "
		    "service:SERVICE:METRIC");
		return -1;
	}
	a = strchr(q, ':') + 1;
	b = strchr(a, ':');
	if (b == NULL || b == a || b[1] == '\0') {
		err_set(err, "a Mackerel query is host:HOST_ID:METRIC or "
		    "service:SERVICE:METRIC");
		return -1;
	}
	if (strcspn(a, " \t/?#%") < (size_t)(b - a)) {
		err_set(err, "a Mackerel %s has no spaces, '/', '?', '#' or "
		    "'%%'", *host ? "host id" : "service name");
		return -1;
	}
	*id = xstrndup(a, (size_t)(b - a));
	*metric = xstrdup(b + 1);
	return 0;
}

static int
mackerel_check(const char *query, char *err)
{
	char *id, *metric;
	int host;

	if (mackerel_split(query, &host, &id, &metric, err) != 0)
		return -1;
	free(id);
	free(metric);
	return 0;
}

static int
command_check(const char *query, char *err)
{
	if (str_empty(query)) {
		err_set(err, "the command is empty");
		return -1;
	}
	return 0;
}

static int
demo_check(const char *query, char *err)
{
	if (demo_curve(query) < 0) {
		err_set(err, "unknown demo curve '%.40s' (use one of: errors, "
		    "latency, cpu, requests)", query);
		return -1;
	}
	return 0;
}

int
collect_check_query(int source, const char *query, char *err)
{
	static int (*const check[SRC_COUNT])(const char *, char *) = {
		[SRC_PROMETHEUS] = prom_check,
		[SRC_MACKEREL] = mackerel_check,
		[SRC_COMMAND] = command_check,
		[SRC_DEMO] = demo_check,
	};

	if (source < 0 || source >= SRC_COUNT || check[source] == NULL) {
		err_set(err, "unknown source");
		return -1;
	}
	if (text_check(query, 4096, "query", err) != 0)
		return -1;
	return check[source](query, err);
}
