/* collect.h: the agent's collection of metric samples from the sources
 * behind agent/source.h into the series of model/metrics.h. */
#ifndef WR_COLLECT_H
#define WR_COLLECT_H

#include <stdint.h>

struct store;
struct config;

/* Is query well formed for a source kind (enum source)? The check
 * `metric add` makes (metrics_add's metrics_query_check). 0, or -1 with
 * err. In query.c, without the transports: warroom links it, not libcurl. */
int collect_check_query(int source, const char *query, char *err);

/* One collection round: poll the series that are due (the longest waiting
 * first, at most METRICS_ROUND_MAX, SOURCE_PARALLEL_MAX at once), then
 * write every sample in one transaction (INSERT OR REPLACE), record each
 * failure (last_error, fail_count, a backed-off next_poll) or success on
 * its series, and prune samples older than the retention window. Returns
 * the number of samples written, or -1. */
int collect_round(struct store *st, const struct config *cf, int64_t now,
    char *err);
#endif
