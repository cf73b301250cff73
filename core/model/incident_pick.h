/* incident_pick.h: which incident a command or a screen acts on when none
 * is named. Open means before resolved (resolved and retrospective are
 * closed). Only incidents declared in this database are ever picked: an
 * imported one is read by naming it. */
#ifndef WR_INCIDENT_PICK_H
#define WR_INCIDENT_PICK_H

#include <stddef.h>
#include <stdint.h>

struct store;

enum incident_pick {
	PICK_ONE,     /* *id is the one */
	PICK_NONE,    /* no incident declared here yet; msg says what to do */
	PICK_SEVERAL, /* not one to pick: msg lists the candidates, *id is
	               * the newest of them */
	PICK_ERROR,   /* reading failed: msg says why */
};

/* The only open incident declared here; with none open, the newest
 * declared here (closed: reading, export, the retrospective). Refused
 * (PICK_SEVERAL) with several open here, or with none open here while an
 * imported one is open. msg (n bytes) gets one line without "warroom: ". */
enum incident_pick incident_pick(struct store *st, int64_t *id, char *msg,
    size_t n);

/* A declared (not imported) incident that is open, newer than after and
 * not skip: the newest such. 1 with *id, *severity (enum) and *title
 * (caller frees), 0 when none, -1 with err. */
int incident_newer_open(struct store *st, int64_t after, int64_t skip,
    int64_t *id, int *severity, char **title, char *err);

/* How many bytes of title to show in cols columns, at most maxbytes,
 * never half a character. */
size_t incident_title_fit(const char *title, int cols, size_t maxbytes);

/* The highest incident id (0: none yet), or -1 with err. */
int64_t incident_newest_id(struct store *st, char *err);

/* Whether incident id is closed (resolved or retrospective): 1 with line
 * (n bytes) saying which, as `#1 "db down" was resolved 32m ago` (now:
 * the clock), 0 when it is open (line empty), -1 with line saying why it
 * could not be read. */
int incident_closed(struct store *st, int64_t id, int64_t now, char *line,
    size_t n);

/* 1 if incident id exists, 0 if not, -1 with err. */
int incident_exists(struct store *st, int64_t id, char *err);
#endif
