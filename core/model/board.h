/* board.h: responders and their assignments ("for what, do what"). */
#ifndef WR_BOARD_H
#define WR_BOARD_H

#include <stdint.h>

#include "model/model.h"

struct buf;
struct store;

/* Every change writes a timeline entry of kind assignment in the same
 * transaction. Only join (and assign --join) adds a person: every other
 * call that names someone not in the response is refused, with the close
 * names they may have meant, so nothing is created by a typo. */

/* Add name with role (-1: not given; responder for someone new). 0 when
 * done; 1 when name is already in the response with that role (or none
 * given): nothing changes and nothing is logged; -1 with err. A dismissed
 * person rejoins; a different role given is a role change. */
int board_join(struct store *st, int64_t inc, const char *name, int role,
    const char *by, char *err);
int board_assign(struct store *st, int64_t inc, const char *name,
    const char *purpose, const char *task, const char *by, char *err);
/* The same, adding name as a responder first when not in the response. */
int board_assign_join(struct store *st, int64_t inc, const char *name,
    const char *purpose, const char *task, const char *by, char *err);
int board_checkin(struct store *st, int64_t inc, const char *name,
    const char *by, char *err);
/* Close the active assignment as done or dropped; the person turns idle. */
int board_finish(struct store *st, int64_t inc, const char *name, int astate,
    const char *by, char *err);
int board_dismiss(struct store *st, int64_t inc, const char *name,
    const char *by, char *err);
/* 0 when name is in inc's response (on the board, dismissed or not);
 * -1 with err: "X is not in the response; did you mean Y? (to add ...)".
 * The check for every command that names a person. */
int board_known(struct store *st, int64_t inc, const char *name, char *err);
/* Names on inc's board within max(1, characters / 3) edits of name
 * (characters, not bytes; ASCII case ignored), closest first, at most
 * BOARD_SUGGEST_MAX, in a NULL-ended list. Returns how many. */
#define BOARD_SUGGEST_MAX 3
int board_suggest(struct store *st, int64_t inc, const char *name,
    char ***out);
void board_suggest_free(char **list);
/* Append "LEAD A, B or C?" naming the n close names as given (nothing
 * when n is 0): the one wording of every "did you mean" offer. */
void board_did_you_mean(struct buf *b, const char *lead, char *const *near,
    int n);
/* 1 when typed is within that distance of name. */
int board_name_near(const char *typed, const char *name);

/* The commander, the scribe and the comms lead have their work without an
 * explicit task: never idle. */
int board_standing_role(int role);
/* 1 when r is in the response with no task and no standing role: what
 * dismiss --idle releases and the board shows as IDLE. */
int board_is_idle(const struct responder *r);
/* Dismiss every idle responder but a commander before (handed off: they
 * brief the new one; dismiss NAME releases them); returns how many, or
 * -1. board_dismiss_idle_kept also says in *kept (caller frees; NULL when
 * none) who was kept and why: "alice: handed off command 5m ago". */
int board_dismiss_idle(struct store *st, int64_t inc, const char *by,
    char *err);
int board_dismiss_idle_kept(struct store *st, int64_t inc, const char *by,
    char **kept, char *err);

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

/* A check-in interval as people type it (time_dur_parse): "90s", "10m",
 * "1h30m", or plain seconds; 1 s to 24 h. 0 with *secs, or -1 with err. */
int board_parse_interval(const char *s, int *secs, char *err);
#endif
