/* authority.h: who may change what. The commander alone runs the response
 * (phase, severity, assignments, dismissals, decisions, handoff); the scribe
 * writes and edits the timeline; anyone in the response logs, checks in and
 * closes their own task. Every command and every screen key that writes asks
 * authority_check first. */
#ifndef WR_AUTHORITY_H
#define WR_AUTHORITY_H

#include <stdint.h>

#include "model/role.h"

struct store;
struct config;

#define AUTH_ACTIONS(X)                                                 \
	X(AUTH_PHASE, "change the phase", AUTH_WHO_COMMANDER)           \
	X(AUTH_SEVERITY, "change the severity", AUTH_WHO_COMMANDER)     \
	X(AUTH_ASSIGN, "assign", AUTH_WHO_COMMANDER)                    \
	X(AUTH_JOIN, "add people to the response", AUTH_WHO_COMMANDER)  \
	X(AUTH_DISMISS, "dismiss", AUTH_WHO_COMMANDER)                  \
	X(AUTH_INTERVAL, "set the intervals", AUTH_WHO_COMMANDER)       \
	X(AUTH_DECIDE, "record decisions", AUTH_WHO_COMMANDER)          \
	X(AUTH_DECISION_DELETE, "delete decisions", AUTH_WHO_COMMANDER) \
	X(AUTH_HANDOFF, "hand off command", AUTH_WHO_COMMANDER)         \
	X(AUTH_DONE_OTHER, "close someone else's task",                 \
	    AUTH_WHO_COMMANDER)                                         \
	X(AUTH_EDIT, "edit the timeline", AUTH_WHO_SCRIBE)              \
	X(AUTH_PIN, "pin timeline entries", AUTH_WHO_SCRIBE)            \
	X(AUTH_CHECKIN_OTHER, "check someone else in", AUTH_WHO_SCRIBE) \
	X(AUTH_LOG, "log", AUTH_WHO_MEMBER)                             \
	X(AUTH_CHECKIN, "check in", AUTH_WHO_MEMBER)                    \
	X(AUTH_DONE, "close their own task", AUTH_WHO_MEMBER)           \
	X(AUTH_TRACK, "set the impact or comms track", AUTH_WHO_MEMBER) \
	X(AUTH_UPDATE, "queue a status update", AUTH_WHO_MEMBER)        \
	X(AUTH_RELEASE, "record a deploy or flag", AUTH_WHO_MEMBER)

enum auth_who {
	AUTH_WHO_COMMANDER, /* the commander only */
	AUTH_WHO_SCRIBE,    /* the scribe, or the commander */
	AUTH_WHO_MEMBER,    /* anyone in the response (not dismissed) */
};

#define AUTH_ENUM(id, what, who) id,
enum auth_action { AUTH_ACTIONS(AUTH_ENUM) AUTH_COUNT };
#undef AUTH_ENUM

/* 0 when actor may do action in incident inc, else -1 with a one-line
 * reason in err that says who may do it (and how to become them when the
 * incident has no commander yet). */
int authority_check(struct store *st, int64_t inc, const char *actor,
    enum auth_action action, char *err);

/* authority_check again inside the write transaction itself: from now on,
 * every write this connection makes to the response's tables (entry,
 * incident, responder, assignment, decision, status_update, action,
 * release) asks it under the write lock (BEGIN IMMEDIATE), once per
 * transaction, and a refusal rolls the transaction back with the refusal
 * as the error. A handoff committed after a check made outside the
 * transaction cannot let the commander before act. Replaces an earlier
 * guard; authority_unguard ends it. 0, or -1 with err. */
int authority_guard(struct store *st, int64_t inc, const char *actor,
    enum auth_action action, char *err);
void authority_unguard(struct store *st);

/* Who is acting: as (--as) if given, else $WARROOM_AS, else the Unix user
 * mapped through [people] of cf (may be NULL). Returns a pointer into one
 * of those; never NULL. */
const char *authority_actor(const char *as, const struct config *cf,
    const char *unix_user);

/* Make to the commander of inc in one transaction: the commander before
 * stays in the response as prev_role (enum role, not commander); the
 * timeline and the role history record it. by must be the commander (or
 * anyone when there is none). 0 or -1 with err. */
int authority_handoff(struct store *st, int64_t inc, const char *to,
    int prev_role, const char *by, char *err);

/* Record in the role history, in the caller's transaction, that name went
 * from old_role (-1: was not in the response) to new_role. 0 or -1. */
int authority_record_role(struct store *st, int64_t inc, const char *name,
    int old_role, int new_role, const char *by, char *err);

/* One change of role, oldest first (for the postmortem). */
struct role_change {
	char *name, *by;
	int old_role; /* -1: joined */
	int new_role;
	int64_t at;
};
int authority_history(struct store *st, int64_t inc,
    struct role_change **out, int *n, char *err);
void authority_history_free(struct role_change *v, int n);
#endif
