/* role.h: who holds which role in an incident's response: the commander
 * the incident row names, the scribe and the responders of the Board. Only
 * reads; what each role may do is authority.h's, and changing roles
 * (handoff) too. Below the timeline, which asks it before a decision entry
 * is deleted. */
#ifndef WR_ROLE_H
#define WR_ROLE_H

#include <stdint.h>

struct store;

/* The commander inc names (NULL: none yet) in *out (caller frees); 0, or
 * -1 with err (also when there is no such incident). */
int role_commander(struct store *st, int64_t inc, char **out, char *err);
/* The role actor holds in inc (enum role), -1 when not in the response
 * (absent or dismissed), -2 on error (err set). The commander is the one
 * the incident names. */
int role_of(struct store *st, int64_t inc, const char *actor,
    char *err);
/* 1 when who commands incident inc (its named commander, or a responder
 * in the commander role), 0 when not, -1 with err. Every "only the
 * commander" rule asks here. */
int role_is_commander(struct store *st, int64_t inc, const char *who,
    char *err);
#endif
