/* record.h: read models for reading one record whole on the screen: a
 * timeline entry with its edit history and what it is linked to (the
 * decision it records, the release it tells of), and a responder's
 * assignments in an incident. No curses here. */
#ifndef WR_RECORD_H
#define WR_RECORD_H

#include <stdint.h>

#include "model/decision.h"
#include "model/model.h"

struct store;

/* One entry as it is now. */
struct entry_detail {
	int64_t id;
	int gone;           /* 1: no such entry any more (e is empty) */
	struct entry e;     /* the current version; e.deleted when deleted */
	struct entry *hist; /* every version, oldest first, the current last */
	int nhist;
	int has_decision;   /* d is the decision this entry records */
	struct decision d;
	int has_release;    /* r is the deploy or flag change it tells of */
	struct release r;
};

/* Load entry id (deleted ones too). 0 with *out (clear it with
 * entry_detail_clear; out->gone when the entry is not there), -1 with
 * err. */
int entry_detail_load(struct store *st, int64_t id, struct entry_detail *out,
    char *err);
void entry_detail_clear(struct entry_detail *d);

/* One assignment a responder had, as it ended or stands. */
struct person_asg {
	char *purpose, *task;
	int state;          /* enum astate */
	int64_t created, updated;
};

/* name's assignments in incident inc, newest first. 0 with *out and *n
 * (free with person_asg_free), -1 with err. */
int person_asg_load(struct store *st, int64_t inc, const char *name,
    struct person_asg **out, int *n, char *err);
void person_asg_free(struct person_asg *list, int n);
#endif
