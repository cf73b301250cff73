/* action.h: retrospective actions, filed under the five categories of the
 * talk (confirm the root cause ... recover faster), each with an owner. */
#ifndef WR_ACTION_H
#define WR_ACTION_H

#include <stdint.h>

#include "model/model.h"

struct store;

#define ACTION_TEXT_MAX 2000 /* bytes; an action is a line, not an essay */

/* What each category asks, for headings: "Confirm the root cause". */
extern const char *const category_titles[CAT_COUNT];

/*
 * Every change is one transaction that also writes a timeline entry (kind
 * note) on the action's incident. by is who makes the change (NULL: "?").
 */

/* Add a->text in a->category to incident inc, with a->owner (NULL or empty:
 * none), a->due (0: none) and a->entry_id (0: none; else an entry of the
 * same incident). Returns the new id, or -1. */
int64_t action_add(struct store *st, int64_t inc, const struct action *a,
    const char *by, char *err);
/* Turn timeline entry entry_id into an action on the entry's incident, with
 * a->category, a->owner and a->due; a->text NULL takes the entry's text (cut
 * to one line). Returns the new id, or -1. */
int64_t action_from_entry(struct store *st, int64_t entry_id,
    const struct action *a, const char *by, char *err);
/* Replace the category, text, owner and due of a->id (done is kept). */
int action_edit(struct store *st, const struct action *a, const char *by,
    char *err);
/* owner NULL or empty clears it; due 0 clears it. */
int action_set_owner(struct store *st, int64_t id, const char *owner,
    const char *by, char *err);
int action_set_due(struct store *st, int64_t id, int64_t due,
    const char *by, char *err);
/* done 1 marks it done, 0 reopens it. */
int action_set_done(struct store *st, int64_t id, int done, const char *by,
    char *err);

/* 0 with *out filled (caller clears with action_clear), -1 with err. */
int action_get(struct store *st, int64_t id, struct action *out, char *err);
/* The actions of inc in category (-1: all), by category then id. Caller
 * frees with action_list_free. */
int action_list(struct store *st, int64_t inc, int category,
    struct action **out, int *n, char *err);
void action_list_free(struct action *list, int n);
#endif
