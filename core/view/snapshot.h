/* snapshot.h: everything the screen shows of one incident, loaded at once
 * into plain structs (no curses here), so panes draw without querying. */
#ifndef WR_SNAPSHOT_H
#define WR_SNAPSHOT_H

#include <stdint.h>

#include "model/decision.h"
#include "model/alert.h"
#include "model/model.h"

struct store;

#define SNAPSHOT_METRIC_WINDOW 3600 /* seconds of samples loaded */
#define SNAPSHOT_MARKERS_MAX 256
#define SNAPSHOT_PENDING_MAX 16
#define SNAPSHOT_RELEASES_MAX 8 /* recent deploys and flag changes shown */
#define SNAPSHOT_POINTS_DEFAULT 721 /* 5 s a point over the hour, +1 */
#define SNAPSHOT_POINTS_MAX 1000    /* never more, whatever the width */
#define SNAPSHOT_WINDOW_MAX (7 * 86400)
#define SNAPSHOT_QUIET_DEFAULT 300  /* recovery hint after 5 min quiet */

/* The samples one point of a series stands for (metric pane). */
struct snap_range {
	double lo, hi; /* min and max of those samples */
	int n;         /* how many */
};

struct snap_series {
	struct series s;
	struct sample *samples; /* oldest first, within the window */
	int nsamples;
	/* Samples are downsampled as they are read to at most the wanted
	 * number of points: each is a time bucket (the time of its newest
	 * sample, the mean), with range[i] its min, max and count. */
	struct snap_range *range;
	struct sample last;    /* the newest sample of any age (exact) */
	int has_last;
	double lo, hi;         /* min and max over the window; NaN if empty */
	/* What says the points are still what the store holds (see
	 * snapshot_reload): the oldest sample's time (0: none), and when
	 * (snapshot now) the points were last read from the store. */
	int64_t oldest, read_at;
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

#define SNAPSHOT_PINS_MAX 3

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
	/* Firing Alertmanager alerts, oldest first, read only while no open
	 * incident is shown (the status bar proposes declaring one). */
	struct alert *alerts;
	int nalerts;
	int64_t tl_newest;     /* the latest event_time of any entry; 0 none
	                        * (no entry is drawn ahead of now after it) */
	/* The newest pinned entries, newest pin first (the Timeline pane's
	 * strip), and how many are pinned in all. */
	struct entry pins[SNAPSHOT_PINS_MAX];
	int npins, pins_total;
	int64_t next_update;   /* when the next status update is due; 0 none */
	/* The Phase pane's releases and the last status update (phase). */
	struct release *releases; /* newest first */
	int nreleases;
	struct status_update *last_update; /* NULL: none yet */
	char *last_update_why;    /* its delivery state in one line */
	/* The metric time axis: points of mstep seconds from mfrom
	 * (point i covers [mfrom + i*mstep, mfrom + (i+1)*mstep)); markers
	 * are loaded for the same span. */
	int64_t mwindow, mfrom, mstep;
	int mpoints;
	/* One series at a finer resolution for the detail chart (dseries.s.id
	 * 0: none), on its own axis. */
	struct snap_series dseries;
	int64_t dfrom, dstep;
	int dpoints;
	/* Every series with a crit threshold has stayed below warn since
	 * recovery_since, for at least the quiet time, while the phase is
	 * mitigating or monitoring: the Phase pane suggests recovery. */
	int recovery_hint;
	int64_t recovery_since;
	/* Failed updates nobody has acted on yet, oldest first (at most
	 * SNAPSHOT_FAILED_MAX). */
	struct status_update *failed;
	int nfailed;
	/* The reminder every screen shows (core/model/remind.h); remind[0] == 0:
	 * none. remind_key stays the same while it is the same reminder. */
	char remind[256], remind_key[160];
};
#define SNAPSHOT_FAILED_MAX 5

/* What the screen wants loaded besides the incident. Zeroes take the
 * defaults. */
struct snapshot_want {
	int64_t window;         /* seconds of samples (SNAPSHOT_METRIC_WINDOW) */
	int points;             /* points per series (SNAPSHOT_POINTS_DEFAULT) */
	int64_t detail_id;      /* a series to load in detail too; 0 none */
	int detail_points;
	int64_t recovery_quiet; /* seconds (SNAPSHOT_QUIET_DEFAULT) */
};

/* Load incident (0 = none: only the metric series are loaded) as of now.
 * 0 with *out filled (clear with snapshot_clear), -1 with err. */
int snapshot_load(struct store *st, int64_t incident, int64_t now,
    struct snapshot *out, char *err);
void snapshot_clear(struct snapshot *s);
/* The same with what the screen wants (NULL: defaults). */
int snapshot_load_want(struct store *st, int64_t incident, int64_t now,
    const struct snapshot_want *want, struct snapshot *out, char *err);
/* The same, keeping what prev (the snapshot shown until now, NULL: none)
 * already holds where a cheap test says the store has not changed it: a
 * series' points are kept (and moved to the new axis) when its row (the
 * agent updates it in the transaction that writes its samples), its
 * newest sample and its oldest sample are what prev saw, for at most
 * SNAPSHOT_KEEP_MAX seconds since they were read (a writer other than the
 * agent changing a sample in the middle of the window, which none of
 * those show, is seen by then). prev is not changed. */
#define SNAPSHOT_KEEP_MAX 60
int snapshot_reload(struct store *st, int64_t incident, int64_t now,
    const struct snapshot_want *want, const struct snapshot *prev,
    struct snapshot *out, char *err);
/* Bring s to now without reading the store: the reminder, the last
 * update's delivery line, the recovery hint and the metric axes follow the
 * clock (durations are drawn from s->now). 1 when that is not enough (the
 * clock went back, or someone turned stale and the board reorders): load
 * again instead. */
int snapshot_retime(struct snapshot *s, int64_t now,
    const struct snapshot_want *want);
/* [tui] recovery_quiet (90s, 5m, 1h or seconds) into *out, else the
 * default. 0, or -1 with err. */
struct config;
int snapshot_quiet_setting(const struct config *cf, int64_t *out, char *err);

/* The store as the screen needs it, so tui/ never includes store.h (nor
 * sqlite3.h): the change signal, its file descriptor, read-only or not. */
int snapshot_changed(struct store *st);
/* One read transaction around a screen's whole reload (the snapshot, the
 * Timeline's page, the overlays): store_read_begin / store_read_end. */
int snapshot_read_begin(struct store *st);
void snapshot_read_end(struct store *st);
/* Screens: writes give up after ms when another writer holds the lock. */
#define SNAPSHOT_WRITE_TIMEOUT_MS 1000
void snapshot_write_timeout(struct store *st, int ms);
int snapshot_watch_fd(struct store *st);
/* store_watch_drain: SNAPSHOT_WATCH_DB, SNAPSHOT_WATCH_PRESENCE bits. */
#define SNAPSHOT_WATCH_DB 1
#define SNAPSHOT_WATCH_PRESENCE 2
#define SNAPSHOT_WATCH_WRITE 4 /* STORE_WATCH_WRITE */
int snapshot_watch_drain(struct store *st);
int snapshot_watch_presence(struct store *st); /* store_watch_presence */
int snapshot_watch_ok(const struct store *st); /* store_watch_ok */
int snapshot_readonly(const struct store *st);
/* 0 while the screen may not show the latest (its -wal/-shm files were
 * deleted and it could not reopen yet): the status line says so. */
int snapshot_live(const struct store *st);
/* store_settle: the reader's check left for after its first frame; 1 when
 * it made the screen not live (draw again). */
int snapshot_settle(struct store *st);

/* The latest sample of a series (of any age), or NULL. */
const struct sample *snapshot_latest(const struct snap_series *ss);
/* 1 when a series' latest sample is older than it should be. */
int snapshot_series_stale(const struct snap_series *ss, int64_t now);
#endif
