/* cmd_metric.c: `warroom metric add|list|remove`: the series the agent
 * collects. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "agent/collect.h"
#include "agent/source.h"
#include "cli/cli.h"
#include "base/config.h"
#include "model/metrics.h"
#include "cli/output.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"

/* A finite number option, NaN when absent; -1 printed on a bad one. */
static int
metric_number(const struct cli *c, const char *opt, double *out)
{
	const char *v = cli_opt(c, opt);
	char *end;

	*out = NAN;
	if (v == NULL)
		return 0;
	errno = 0;
	*out = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || !isfinite(*out)) {
		cli_fail("metric: --%s needs a number, not '%.40s'", opt, v);
		return -1;
	}
	return 0;
}

static int
metric_add(struct cli *c)
{
	static const char *const kinds[] = {"prometheus", "mackerel",
	    "command", "demo"};
	const char *query = NULL, *iv = cli_opt(c, "interval");
	double warn, crit;
	long interval = 15;
	int source = -1, i;
	int64_t id;

	if (c->npos != 2)
		return cli_fail("usage: warroom metric add NAME --prometheus Q"
		    "|--mackerel SPEC|--command CMD|--demo CURVE");
	for (i = 0; i < (int)ARRAY_LEN(kinds); i++) {
		const char *q = cli_opt(c, kinds[i]);

		if (q == NULL)
			continue;
		if (query != NULL)
			return cli_fail("metric: give one source, not --%s "
			    "and --%s", source_names[source], kinds[i]);
		query = q;
		source = enum_parse(source_names, SRC_COUNT, kinds[i]);
	}
	if (query == NULL)
		return cli_fail("metric: add needs a source: --prometheus Q, "
		    "--mackerel SPEC, --command CMD or --demo CURVE");
	if (metric_number(c, "warn", &warn) != 0 ||
	    metric_number(c, "crit", &crit) != 0)
		return 1;
	if (iv != NULL) {
		int64_t secs;

		if (time_dur_parse(iv, &secs) != 0 || secs < 1 || secs > 86400)
			return cli_fail("metric: --interval needs 1 to 86400 "
			    "seconds, not '%.40s'", iv);
		interval = (long)secs;
	} else if (source == SRC_MACKEREL)
		interval = 60; /* Mackerel keeps one point a minute */
	id = metrics_add(c->st, c->pos[1], source, query, cli_opt(c, "unit"),
	    warn, crit, (int)interval, collect_check_query, c->err);
	if (id < 0)
		return cli_fail("metric: %s", c->err);
	if (source == SRC_COMMAND) {
		struct config *cf = config_load(NULL, c->err);
		const char *on = config_get(cf, "command", "enabled");

		if (config_bool(on) != 1)
			fprintf(stderr, "warroom: note: the agent runs command "
			    "sources only when its config file has [command] "
			    "enabled = yes\n");
		config_free(cf);
	}
	output_line("%lld", (long long)id);
	return 0;
}

/* What the agent holds in memory at most, as one line for people. Caller
 * frees. */
static char *
metric_limits_text(int nseries)
{
	return xasprintf("limits: %d of at most %d series; the agent polls up "
	    "to %d a round, %d at once; an answer up to %u MiB and %d points, "
	    "a command's output up to %u KiB", nseries, METRICS_SERIES_MAX,
	    METRICS_ROUND_MAX, SOURCE_PARALLEL_MAX, SOURCE_BODY_MAX >> 20,
	    SOURCE_POINTS_MAX, SOURCE_OUTPUT_MAX >> 10);
}

static int
metric_list(struct cli *c)
{
	struct series *list;
	int64_t now = wr_now();
	int n, i;
	char *limits;

	if (c->npos != 1)
		return cli_fail("usage: warroom metric list [--json]");
	if (cli_flag(c, "json")) {
		cJSON *a = metrics_all_json(c->st, now, c->err);

		if (a == NULL)
			return cli_error(c);
		output_json(a);
		cJSON_Delete(a);
		return 0;
	}
	if (metrics_series_list(c->st, &list, &n, c->err) != 0)
		return cli_error(c);
	for (i = 0; i < n; i++) {
		const struct series *s = &list[i];
		char val[64], *state = metrics_state_text(s, now), *name;

		metrics_value_text(c->st, s, val, sizeof val);
		name = text_pad(s->name, 16);
		output_line("%s %-10s %5ds  %-14s %s  [%s]",
		    name, s->source >= 0 ? source_names[s->source] : "?",
		    s->interval, val, state, s->query);
		free(name);
		free(state);
	}
	metrics_series_free(list, n);
	limits = metric_limits_text(n);
	puts(limits);
	free(limits);
	return 0;
}

int
cmd_metric(struct cli *c)
{
	const char *sub = c->pos[0];

	if (strcmp(sub, "add") == 0)
		return metric_add(c);
	if (strcmp(sub, "list") == 0)
		return metric_list(c);
	if (strcmp(sub, "remove") == 0) {
		if (c->npos != 2)
			return cli_fail("usage: warroom metric remove NAME");
		if (metrics_remove(c->st, c->pos[1], c->err) != 0)
			return cli_fail("metric: %s", c->err);
		return 0;
	}
	return cli_fail("metric: unknown subcommand '%.40s' (use add, list or "
	    "remove)", sub);
}
