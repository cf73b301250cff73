/* snapshot.h: everything the screen shows of one incident, loaded at once
 * into plain structs (no curses here), so panes draw without querying. */
#ifndef WR_SNAPSHOT_H
#define WR_SNAPSHOT_H

#include <stdint.h>

#include "decision.h"
#include "model.h"

struct store;

#define SNAPSHOT_METRIC_WINDOW 3600 /* seconds of samples loaded */
#define SNAPSHOT_MARKERS_MAX 256
#define SNAPSHOT_PENDING_MAX 16
#define SNAPSHOT_RELEASES_MAX 8 /* recent deploys and flag changes shown */

struct snap_series {
	struct series s;
	struct sample *samples; /* oldest first, within the window */
	int nsamples;
};

/* A phase change, decision or release on the metric time axis. */
struct snap_marker {
	int64_t t;
	int kind; /* KIND_PHASE, KIND_DECISION or KIND_RELEASE */
};

/* A decision still waiting for someone's sign-off. */
struct snap_pending {
	int64_t entry_id;
	char *text;
	char *from;
	int64_t decision_id; /* what decision_signoff takes */
};

struct snapshot {
	int64_t now;
	int64_t incident_id;   /* 0: no incident yet */
	struct incident inc;
	struct responder *board;
	int nboard;
	struct snap_series *series;
	int nseries;
	struct snap_marker *markers;
	int nmarkers;
	struct snap_pending *pending;
	int npending;
	int64_t tl_total;      /* live timeline entries */
	int64_t next_update;   /* when the next status update is due; 0 none */
	/* The Phase pane's releases and the last status update (phase). */
	struct release *releases; /* newest first */
	int nreleases;
	struct status_update *last_update; /* NULL: none yet */
	char *last_update_why;    /* its delivery state in one line */
};

/* Load incident (0 = none: only the metric series are loaded) as of now.
 * 0 with *out filled (clear with snapshot_clear), -1 with err. */
int snapshot_load(struct store *st, int64_t incident, int64_t now,
    struct snapshot *out, char *err);
void snapshot_clear(struct snapshot *s);

/* The store as the screen needs it, so tui/ never includes store.h (nor
 * sqlite3.h): the change signal, its file descriptor, read-only or not. */
int snapshot_changed(struct store *st);
int snapshot_watch_fd(struct store *st);
void snapshot_watch_drain(struct store *st);
int snapshot_readonly(const struct store *st);

/* The latest sample of a series, or NULL. */
const struct sample *snapshot_latest(const struct snap_series *ss);
/* 1 when a series' latest sample is older than it should be. */
int snapshot_series_stale(const struct snap_series *ss, int64_t now);
#endif
