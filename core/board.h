/* board.h: responders and their assignments ("for what, do what"). */
#ifndef WR_BOARD_H
#define WR_BOARD_H

#include <stdint.h>

#include "model.h"

struct store;

/* Every change writes a timeline entry of kind assignment in the same
 * transaction. A name not yet on the board joins on assign/checkin. */
int board_join(struct store *st, int64_t inc, const char *name, int role,
    const char *by, char *err);
int board_assign(struct store *st, int64_t inc, const char *name,
    const char *purpose, const char *task, const char *by, char *err);
int board_checkin(struct store *st, int64_t inc, const char *name,
    const char *by, char *err);
/* Close the active assignment as done or dropped; the person turns idle. */
int board_finish(struct store *st, int64_t inc, const char *name, int astate,
    const char *by, char *err);
int board_dismiss(struct store *st, int64_t inc, const char *name,
    const char *by, char *err);
/* Dismiss every idle responder; returns how many, or -1. */
int board_dismiss_idle(struct store *st, int64_t inc, const char *by,
    char *err);

/* Responders with their active assignment, in board order: stale first,
 * then idle, then active, then dismissed; by name within. stale_after is the
 * check-in interval in seconds, now the clock. Caller frees with
 * board_free. */
int board_load(struct store *st, int64_t inc, int64_t now, int stale_after,
    struct responder **out, int *n, char *err);
void board_free(struct responder *list, int n);
/* 1 when r has an active assignment not checked in for stale_after. */
int board_is_stale(const struct responder *r, int64_t now, int stale_after);

/* 1 when r's check-in or assignment is stamped ahead of now (beyond
 * TIME_SKEW): a writer's clock is wrong, and the stamp does not count as
 * fresh. */
int board_clock_ahead(const struct responder *r, int64_t now);

/* A check-in interval as people type it: "90s", "10m", "1h30m", or plain
 * seconds; 1 s to 24 h. 0 with *secs, or -1 with err. */
int board_parse_interval(const char *s, int *secs, char *err);
#endif
