/* metrics.h: metric series and their samples. The agent writes samples
 * (agent/collect.h); the screens, `status` and reports read them. */
#ifndef WR_METRICS_H
#define WR_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

struct store;
struct config;
struct cJSON;

/* Bounds on the agent's memory, with SOURCE_BODY_MAX, SOURCE_PARALLEL_MAX
 * and SOURCE_POINTS_MAX of agent/source.h. */
#define METRICS_SERIES_MAX 500 /* series `metric add` accepts in all */
#define METRICS_ROUND_MAX 64   /* series polled in one round; the rest of
                                * those due wait for the next round */
#define METRICS_BACKOFF_MAX 300 /* seconds between polls of a failing
                                 * series, at most */

/* Every series, by name. Caller frees with metrics_series_free. */
int metrics_series_list(struct store *st, struct series **out, int *n,
    char *err);
void metrics_series_free(struct series *list, int n);
/* Samples of one series with from <= t <= to, oldest first. Caller frees
 * *out. */
int metrics_samples(struct store *st, int64_t series_id, int64_t from,
    int64_t to, struct sample **out, int *n, char *err);

/* Is query well formed for a source kind? 0, or -1 with err. The agent's
 * sources know (collect_check_query). */
typedef int (*metrics_query_check)(int source, const char *query, char *err);
/* Add a series (name checked and cleaned, query checked with check;
 * warn/crit NaN when unset; interval in seconds). Returns its id, or -1
 * with err. */
int64_t metrics_add(struct store *st, const char *name, int source,
    const char *query, const char *unit, double warn, double crit,
    int interval, metrics_query_check check, char *err);
/* Remove a series and its samples. 0, or -1 with err. */
int metrics_remove(struct store *st, const char *name, char *err);
/* The newest sample of a series: 1 found, 0 none, -1 with err. */
int metrics_latest(struct store *st, int64_t series_id, struct sample *out,
    char *err);
/* How a series is doing, for people: "ok, 5s ago", "waiting for the
 * agent", "FAILING (3x, retry in 40s): reason". Caller frees. */
char *metrics_state_text(const struct series *s, int64_t now);
/* The newest value of s with its unit, "12.3 ms", or "-" when there is
 * none (or it cannot be read). */
void metrics_value_text(struct store *st, const struct series *s, char *out,
    size_t n);
/* One line per series (name, latest value and unit, state) for
 * `warroom status`; "" when there are none. Caller frees. */
char *metrics_summary_text(struct store *st, int64_t now, char *err);
/* Every series as a JSON array, each with its newest sample (caller
 * deletes; NULL with err). */
struct cJSON *metrics_all_json(struct store *st, int64_t now, char *err);

/* The agent's settings in [agent]: retention (default 24h), timeout
 * (total per poll, default 10s), connect_timeout (default 3s); durations
 * like 90s, 15m, 24h, 7d or plain seconds. 0, or -1 with err. */
struct metrics_settings {
	int64_t retention;
	int timeout_ms, connect_timeout_ms;
};
int metrics_settings(const struct config *cf, struct metrics_settings *out,
    char *err);

/* Seconds until the next series is due (at most max). */
int metrics_next_due(struct store *st, int64_t now, int max);
#endif
