/* deliver.h: the agent's delivery to Slack: status updates from the
 * outbox (model/outbox.h) and the commander's reminders (model/remind.h). */
#ifndef WR_DELIVER_H
#define WR_DELIVER_H

#include <stdint.h>

struct store;
struct config;

/* Where delivery reports each attempt (one line, URL redacted) with its
 * priority (enum health_prio): health_log on stderr, or NULL for silence
 * (tests). */
extern void (*deliver_log)(int prio, const char *line);

/*
 * Deliver every queued update that is due, oldest first, keeping order per
 * webhook (a later update never overtakes an earlier one still waiting for
 * the same webhook). Each is claimed, posted, and marked sent, failed or
 * rescheduled in its own transaction right after its HTTP answer. Returns
 * how many were sent, or -1 with err (a database error).
 */
int deliver_updates(struct store *st, const struct config *cf, int64_t now,
    char *err);
/* Post every open incident's current reminder, once each, to [slack]
 * reminders when it is set. Returns how many were posted, or -1 with err
 * (a database error). */
int deliver_reminders(struct store *st, const struct config *cf, int64_t now,
    char *err);
#endif
