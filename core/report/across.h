/* across.h: the report across incidents: each incident's key times (the
 * postmortem's own, export_keytimes), its update cadence, decisions and
 * actions, and the totals over all of them. */
#ifndef WR_ACROSS_H
#define WR_ACROSS_H

#include <stdint.h>

#include "model/model.h"
#include "report/export.h"

struct store;

/* How an action stands: open (no due date passed), overdue, done. */
enum { ACROSS_OPEN, ACROSS_OVERDUE, ACROSS_DONE, ACROSS_STATES };
extern const char *const across_state_names[ACROSS_STATES];

struct across_row {
	struct incident inc;
	struct keytimes kt;
	/* Update cadence: the interval (outbox_interval), the updates for
	 * users and engineers that were delivered or are queued, and the gaps
	 * from detection through each of them to resolution (or now): how
	 * many were longer than the interval, and the longest. */
	int interval, updates, missed;
	int64_t longest_gap;
	int decisions;            /* live decisions (not deleted) */
	int actions[CAT_COUNT][ACROSS_STATES];
	struct action *overdue;   /* the overdue actions, by due date */
	int noverdue;
};

struct across {
	int64_t now, since;       /* since 0: every incident */
	struct across_row *rows;  /* by detection time, oldest first */
	int n;
};

/* Incidents detected at or after since (0: all), measured at now. Free
 * with across_free. 0, or -1 with err. */
int across_load(struct store *st, int64_t since, int64_t now,
    struct across *out, char *err);
void across_free(struct across *a);

/* The median of the durations d[i] of the rows that are known
 * (EXPORT_UNKNOWN skipped); *known gets their number, EXPORT_UNKNOWN when
 * none is. which: offsetof a duration in struct keytimes. */
int64_t across_median(const struct across *a, size_t which, int *known);
#endif
