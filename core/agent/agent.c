/* agent.c: the agent's loop, the one process that talks to the outside: it
 * collects metric samples, polls Alertmanager, and delivers the
 * status-update outbox and the reminders, round after round, until a signal. */
#include "agent/agent.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent/alertmanager.h"
#include "agent/collect.h"
#include "agent/deliver.h"
#include "agent/health.h"
#include "base/config.h"
#include "model/metrics.h"
#include "model/outbox.h"
#include "store/store.h"
#include "base/text.h"
#include "base/util.h"

static volatile sig_atomic_t agent_stop, agent_hup;

/* The config the agent runs with, and the file's fingerprint when read. */
struct agent_conf {
	struct config *cf;
	char stamp[AGENT_STAMP_MAX];
	int64_t newest; /* the newest status update when the round began */
	char textfile_err[ERR_LEN]; /* the textfile's last failure, logged */
	char alerts_err[ERR_LEN];   /* Alertmanager's, logged when it changes */
};

/* Poll Alertmanager; a failure is logged when it first differs from the
 * last one (it is down: once, not every round), and when it recovers. */
static void
agent_alerts(struct store *st, struct agent_conf *ac, int64_t now)
{
	char err[ERR_LEN] = "";

	if (alertmanager_poll(st, ac->cf, now, err) < 0) {
		if (strcmp(err, ac->alerts_err) != 0)
			health_log(HEALTH_ERR, "%s", err);
		memcpy(ac->alerts_err, err, sizeof ac->alerts_err);
	} else if (ac->alerts_err[0] != '\0') {
		health_log(HEALTH_INFO, "alertmanager: answering again");
		ac->alerts_err[0] = '\0';
	}
}

/* Sleep until the next round, but wake when the folder changes: -wal/-shm
 * deleted under us are saved and reopened at once (store_changed), before
 * a writer elsewhere has to wait for us. A new status update, an edited
 * config file (one stat a second) or a signal ends the sleep: an update
 * goes at once, and a corrected webhook is used at once. */
static int
agent_wait(struct store *st, int seconds, const struct agent_conf *ac)
{
	int64_t end = wr_mono_ms() + seconds * 1000L;
	int fd = store_watch_fd(st);
	char now[512];

	(void)store_changed(st);
	while (!agent_stop && !agent_hup) {
		struct pollfd p = {fd, POLLIN, 0};
		int64_t left = end - wr_mono_ms();
		int r;

		if (left <= 0)
			break;
		r = poll(&p, fd >= 0 ? 1 : 0, left > 1000 ? 1000 : (int)left);
		if (r < 0 && errno != EINTR)
			return -1;
		store_watch_drain(st);
		(void)store_changed(st);
		if (r > 0 && outbox_newest(st) > ac->newest)
			break;
		config_stamp(now, sizeof now);
		if (strcmp(now, ac->stamp) != 0)
			break;
	}
	return 0;
}

static void
agent_on_signal(int sig)
{
	if (sig == SIGHUP)
		agent_hup = 1;
	else
		agent_stop = 1;
}

/* Whether we have a controlling terminal. SIGHUP asks a daemon to reload
 * its config, but it is also what an agent started in a terminal gets
 * when that terminal goes away: then it stops, as before. */
static int
agent_tty(void)
{
	int fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* Read the config again when the file changed (or always, on SIGHUP).
 * One that became invalid leaves the one in use in place, said once. */
static void
agent_reload(struct agent_conf *ac, int force)
{
	char stamp[sizeof ac->stamp], err[ERR_LEN] = "";
	struct metrics_settings set;
	struct config *cf;

	config_stamp(stamp, sizeof stamp);
	if (!force && strcmp(stamp, ac->stamp) == 0)
		return;
	memcpy(ac->stamp, stamp, sizeof stamp);
	if (strcmp(stamp, "none") == 0 && config_path(ac->cf) != NULL) {
		/* Gone, or an editor between removing and writing it: not a
		 * reason to drop every webhook. */
		err_set(err, "%s is gone", config_path(ac->cf));
		cf = NULL;
	} else
		cf = config_load(NULL, err);
	if (cf != NULL && metrics_settings(cf, &set, err) != 0) {
		config_free(cf);
		cf = NULL;
	}
	if (cf == NULL) {
		health_log(HEALTH_WARNING, "%s; still using the config read "
		    "before (fix the file: it is read again when saved)", err);
		return;
	}
	config_free(ac->cf);
	ac->cf = cf;
	health_log(HEALTH_INFO, "config read again from %s", config_path(cf)
	    ? config_path(cf) : "nowhere (no config file)");
	/* A failed webhook may be the one just corrected. */
	outbox_retry_soon();
}

/* The health textfile after a round; a failure is logged when it first
 * happens (or changes), not every second. */
static void
agent_textfile(struct store *st, struct agent_conf *ac)
{
	char err[ERR_LEN] = "";

	if (health_write_textfile(st, ac->cf, wr_now(), err) == 0) {
		ac->textfile_err[0] = '\0';
		return;
	}
	if (strcmp(err, ac->textfile_err) != 0)
		health_log(HEALTH_WARNING, "%s", err);
	memcpy(ac->textfile_err, err, sizeof ac->textfile_err);
}

/* Collect and deliver until a signal (or max_rounds, when not 0). */
static void
agent_loop(struct store *st, struct agent_conf *ac, long max_rounds,
    char *err)
{
	int had_tty = agent_tty();
	long rounds = 0;

	while (!agent_stop) {
		int64_t now = wr_now();
		int wait;

		if (agent_hup) {
			agent_hup = 0;
			if (had_tty && !agent_tty())
				break; /* our terminal hung up */
			agent_reload(ac, 1);
		} else
			agent_reload(ac, 0);
		ac->newest = outbox_newest(st);
		if (collect_round(st, ac->cf, now, err) < 0)
			health_log(HEALTH_ERR, "%s", err);
		agent_alerts(st, ac, now);
		if (deliver_updates(st, ac->cf, now, err) < 0)
			health_log(HEALTH_ERR, "%s", err);
		if (deliver_reminders(st, ac->cf, wr_now(), err) < 0)
			health_log(HEALTH_ERR, "%s", err);
		agent_textfile(st, ac);
		if (max_rounds > 0 && ++rounds >= max_rounds)
			break;
		wait = metrics_next_due(st, wr_now(), 5);
		wait = outbox_next_due(st, wr_now(), wait);
		if (wait < 1)
			wait = 1;
		if (agent_wait(st, wait, ac) != 0)
			break;
	}
}

void
agent_run(struct store *st, struct config *cf, const char *stamp,
    long max_rounds, char *err)
{
	struct agent_conf ac = {0};
	struct sigaction sa;

	ac.cf = cf;
	snprintf(ac.stamp, sizeof ac.stamp, "%s", stamp);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = agent_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	agent_loop(st, &ac, max_rounds, err);
	config_free(ac.cf);
}
