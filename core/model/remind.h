/* remind.h: reminders for the commander: a status update due, a
 * responder's check-in gone stale. Every screen shows the current one; the
 * commander's screen rings once; the agent can post it to the commander's
 * own webhook ([slack] reminders). A snooze holds them back ten minutes. */
#ifndef WR_REMIND_H
#define WR_REMIND_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

struct store;
struct config;

#define REMIND_SNOOZE 600 /* seconds a snooze holds reminders back */

/*
 * What to remind of at now, or 0 when nothing (or snoozed). text gets one
 * line for people ("Status update OVERDUE by 3 min: ...", "alice has not
 * checked in for 20 min"); key (may be NULL) a word that stays the same
 * while it is the same reminder, so it rings and is posted once.
 */
int remind_check(const struct incident *inc, const struct responder *board,
    int nboard, int64_t now, char *text, size_t n, char *key, size_t kn);

/* The same reminder in a few words, for a status bar that must hold it
 * at 80 columns beside who you are: "Update due", "Update 11m overdue",
 * "alice: no check-in for 20m". 0 when nothing, as remind_check. */
int remind_short(const struct incident *inc, const struct responder *board,
    int nboard, int64_t now, char *text, size_t n);

/* Hold reminders back REMIND_SNOOZE seconds from now; one transaction with
 * a timeline entry. */
int remind_snooze(struct store *st, int64_t incident, const char *by,
    char *err);

/* For the agent (agent/deliver.c), which posts each reminder once: claim
 * key for incident, 1 when this call is the first, 0 when already posted,
 * -1 with err. */
int remind_claim(struct store *st, int64_t incident, const char *key,
    int64_t now, char *err);
#endif
