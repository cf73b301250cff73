/* agent.c: `warroom agent`, the one process that talks to the outside: it
 * collects metric samples and delivers the status-update outbox. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "metrics.h"
#include "outbox.h"
#include "remind.h"
#include "store.h"

static volatile sig_atomic_t agent_stop;

/* Sleep until the next round, but wake when the folder changes: -wal/-shm
 * deleted under us are saved and reopened at once (store_changed), before
 * a writer elsewhere has to wait for us. */
static int
agent_wait(struct store *st, int seconds)
{
	int64_t end = wr_mono_ms() + seconds * 1000L;
	int fd = store_watch_fd(st);

	(void)store_changed(st);
	while (!agent_stop) {
		struct pollfd p = {fd, POLLIN, 0};
		int64_t left = end - wr_mono_ms();

		if (left <= 0)
			break;
		if (poll(&p, fd >= 0 ? 1 : 0, (int)left) < 0 && errno != EINTR)
			return -1;
		store_watch_drain(st);
		(void)store_changed(st);
	}
	return 0;
}

static void
agent_on_signal(int sig)
{
	(void)sig;
	agent_stop = 1;
}

int
cmd_agent(struct cli *c)
{
	struct config *cf = config_load(NULL, c->err);
	const char *mr = cli_opt(c, "max-rounds");
	long rounds = 0, max_rounds = cli_flag(c, "once") ? 1 : 0;
	struct metrics_settings set;
	struct sigaction sa;
	int rc = 0;

	if (cf == NULL)
		return cli_error(c);
	/* A bad [agent] setting stops the agent at once, not every round. */
	if (metrics_settings(cf, &set, c->err) != 0) {
		config_free(cf);
		return cli_fail("agent: %s", c->err);
	}
	if (mr != NULL) {
		char *end;

		max_rounds = strtol(mr, &end, 10);
		if (*end != '\0' || max_rounds <= 0) {
			config_free(cf);
			return cli_fail("agent: --max-rounds needs a positive "
			    "number");
		}
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = agent_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	while (!agent_stop) {
		int64_t now = wr_now();
		int wait;

		if (metrics_collect(c->st, cf, now, c->err) < 0)
			fprintf(stderr, "warroom agent: %s\n", c->err);
		if (outbox_deliver(c->st, cf, now, c->err) < 0)
			fprintf(stderr, "warroom agent: %s\n", c->err);
		if (remind_post(c->st, cf, wr_now(), c->err) < 0)
			fprintf(stderr, "warroom agent: %s\n", c->err);
		if (max_rounds > 0 && ++rounds >= max_rounds)
			break;
		wait = metrics_next_due(c->st, wr_now(), 5);
		wait = outbox_next_due(c->st, wr_now(), wait);
		if (wait < 1)
			wait = 1;
		if (agent_wait(c->st, wait) != 0)
			break;
	}
	config_free(cf);
	return rc;
}
