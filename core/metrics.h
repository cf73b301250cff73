/* metrics.h: metric series and their samples. The agent writes samples; the
 * screens read them. */
#ifndef WR_METRICS_H
#define WR_METRICS_H

#include <stdint.h>

#include "model.h"

struct store;
struct config;

/* Every series, by name. Caller frees with metrics_series_free. */
int metrics_series_list(struct store *st, struct series **out, int *n,
    char *err);
void metrics_series_free(struct series *list, int n);
/* Samples of one series with from <= t <= to, oldest first. Caller frees
 * *out. */
int metrics_samples(struct store *st, int64_t series_id, int64_t from,
    int64_t to, struct sample **out, int *n, char *err);

/* One collection round: poll every series that is due, write samples in
 * batched transactions, record failures on the series. Returns the number
 * of samples written, or -1. */
int metrics_collect(struct store *st, const struct config *cf, int64_t now,
    char *err);
/* Seconds until the next series is due (at most max). */
int metrics_next_due(struct store *st, int64_t now, int max);
#endif
