/* timeline.h: time-ordered entries with edit history. */
#ifndef WR_TIMELINE_H
#define WR_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

struct store;

#define TIMELINE_CONFLICT (-2) /* edited by someone else since it was read */

struct timeline_filter {
	int kind;         /* enum kind, or -1 for any */
	const char *text; /* substring (case-insensitive for ASCII), NULL any */
};

/* The position of an entry in time order. */
struct tl_key {
	int64_t t, id;
};

/* The source of every entry warroom writes itself (phase changes,
 * assignments and check-ins, decisions and sign-offs, releases, status
 * updates, notes of its features): their origin is known. A person may
 * not give it. */
#define TIMELINE_ORIGIN "warroom"

/* A person's entry, in its own transaction. e->text is required; author,
 * source may be NULL; e->event_time 0 means now. Returns the new id, or
 * -1 (also for the source TIMELINE_ORIGIN). */
int64_t timeline_add(struct store *st, int64_t incident,
    const struct entry *e, char *err);
/* An entry warroom writes itself, inside a transaction the caller holds:
 * its source is TIMELINE_ORIGIN unless one is given. e->routine (a
 * TL_ROUTINE_* bit, or TL_ROUTINE_NONE; 0 writes no mark) says whether it
 * is routine, about e->routine_who. */
int64_t timeline_add_tx(struct store *st, int64_t incident,
    const struct entry *e, char *err);

/* The one rule of the "unknown origin" mark, for the screen, status and
 * both exports: 1 for a person's entry with no source or marked
 * unverified; 0 for warroom's own entries (source TIMELINE_ORIGIN) and
 * for sourced, not unverified ones. */
int timeline_unknown_origin(const struct entry *e);
/* Why e is of unknown origin, in words ("no source", "unverified", "no
 * source, unverified"), or NULL when it is not. */
const char *timeline_origin_why(const struct entry *e);
/* 1 when e was written by warroom itself (its source says so). */
int timeline_from_warroom(const struct entry *e);
/* Give warroom's own entries of incident (0: every incident) that carry
 * no source their origin: for databases and exports from before the
 * origin was written. 0 or -1 with err. */
int timeline_mark_origin(struct store *st, int64_t incident, char *err);

int timeline_get(struct store *st, int64_t id, struct entry *out, char *err);
/* Replace text, time, kind, source and confidence of e->id, whose version
 * must still be e->version; the old version goes to history. 0, -1, or
 * TIMELINE_CONFLICT. */
int timeline_edit(struct store *st, const struct entry *e, const char *by,
    char *err);
/* Soft delete (history kept): the entry leaves the timeline. */
int timeline_delete(struct store *st, int64_t id, int version,
    const char *by, char *err);
/* Delete entry id, read at version, on behalf of by: what people call.
 * A decision's entry needs the incident's commander and a reason; someone
 * else's entry needs a reason; with a reason the entry stays in place as a
 * tombstone (tomb_by, tomb_at, tomb_reason) so it cannot vanish. One's own
 * entry without a reason leaves quietly (history kept). Entries written by
 * a feature are refused. 0, -1 or TIMELINE_CONFLICT, with err. */
int timeline_remove(struct store *st, int64_t id, int version,
    const char *by, const char *reason, char *err);
/* Undo a deletion or a tombstone (a decision's: the commander only), in
 * one transaction with a note saying who brought it back and what had
 * removed it. Returns the note's entry id, or -1 with err. */
int64_t timeline_undelete(struct store *st, int64_t id, const char *by,
    char *err);

/* Number of live entries that match. -1 on error. */
int64_t timeline_count(struct store *st, int64_t incident,
    const struct timeline_filter *f);
/* A window of up to limit live entries in time order, strictly after key
 * (dir > 0) or strictly before it (dir < 0); key NULL means from the oldest
 * (dir > 0) or from the newest (dir < 0). out is filled oldest first;
 * returns the count, or -1. Cost depends on limit, not on the total. */
int timeline_page(struct store *st, int64_t incident,
    const struct timeline_filter *f, const struct tl_key *key, int dir,
    int limit, struct entry *out, char *err);
/* Every version of an entry, oldest first, the current one last. */
int timeline_history(struct store *st, int64_t id, struct entry **out,
    int *n, char *err);
void timeline_free(struct entry *list, int n);
/* Clear n entries of an array the caller owns (timeline_page's out). */
void timeline_clear_items(struct entry *list, int n);
/* 1 when entry id was written by a feature (a phase change, an assignment,
 * a release, a status update) and so is not edited or deleted by hand;
 * TIMELINE_DECISION for a decision's entry: not edited (its reason, risk
 * and sign-off live with it) but it may be deleted, history kept, when it
 * was recorded by mistake; 0 when a person wrote it; -1 with err. */
#define TIMELINE_DECISION 2
int timeline_is_system(struct store *st, int64_t id, char *err);
/* "deleted by WHO at HH:MM: WHY", how a tombstone reads everywhere (local
 * time). Caller frees. */
char *timeline_tomb_text(int64_t at, const char *by, const char *reason);
/* Pin entry id (on 1) or take its pin off (on 0) on behalf of by, in one
 * transaction with a row of pin_log saying who and when; the entry's text
 * and version do not change. A deleted entry, or one already in that
 * state, is refused. 0 or -1 with err. Who may: the caller asks
 * (AUTH_PIN). */
int timeline_pin(struct store *st, int64_t id, int on, const char *by,
    char *err);
/* The newest pinned live entries of incident, newest pin first: up to max
 * into out (caller clears them); *total gets how many there are. Returns
 * the count filled, or -1 with err. */
int timeline_pinned(struct store *st, int64_t incident, struct entry *out,
    int max, int *total, char *err);
/* Routine entries warroom writes that a screen may fold into one line
 * per burst: a check-in, someone joining, or an assignment unchanged in
 * substance (kind assignment, source TIMELINE_ORIGIN). What an entry is
 * was marked when warroom wrote it (e->routine, e->routine_who: see
 * timeline_add_tx; TL_ROUTINE_NONE: not routine); an entry with no mark
 * (written before marks, or imported) is a check-in or a join by its
 * text. A pinned entry or a tombstone is never routine,
 * nor is any other entry (phase changes, decisions, releases, updates,
 * assignments that change purpose or task, people's entries). Returns
 * TL_ROUTINE_CHECKIN, TL_ROUTINE_JOIN, TL_ROUTINE_SAME (one bit each) or
 * 0; who (n bytes) gets the person's name. */
#define TL_ROUTINE_CHECKIN 1
#define TL_ROUTINE_JOIN 2
#define TL_ROUTINE_SAME 4
#define TL_ROUTINE_NONE (-1) /* marked when written: not routine */
int timeline_routine(const struct entry *e, char *who, size_t n);
/* TL_ROUTINE_* of a mark's name as stored ("checkin", "join", "same",
 * "no"), 0 for NULL (no mark) or anything else. */
int timeline_routine_parse(const char *name);
/* Recent distinct sources, most recent first (for reuse in forms). */
int timeline_sources(struct store *st, int64_t incident, char ***out,
    int max);
#endif
