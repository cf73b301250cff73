/* outbox.c: delivery of queued status updates (arrives with issue 6). */
#include "outbox.h"

int
outbox_deliver(struct store *st, const struct config *cf, int64_t now,
    char *err)
{
	(void)st;
	(void)cf;
	(void)now;
	(void)err;
	return 0;
}

int
outbox_next_due(struct store *st, int64_t now, int max)
{
	(void)st;
	(void)now;
	return max;
}
