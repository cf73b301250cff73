/* outbox.h: status updates queued in the database and delivered by the
 * agent to Slack incoming webhooks. */
#ifndef WR_OUTBOX_H
#define WR_OUTBOX_H

#include <stdint.h>

struct store;
struct config;

/* Deliver every queued update that is due; returns how many were sent, or
 * -1 with err. Each is marked sent (or failed, or rescheduled) in its own
 * transaction right after its HTTP answer. */
int outbox_deliver(struct store *st, const struct config *cf, int64_t now,
    char *err);
/* Seconds until the next queued update is due (at most max). */
int outbox_next_due(struct store *st, int64_t now, int max);
#endif
