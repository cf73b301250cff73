/* agent.h: the agent, the one process that talks to the outside: it
 * collects metric samples (agent/collect.h) and delivers status updates
 * and reminders (agent/deliver.h), round after round. */
#ifndef WR_AGENT_H
#define WR_AGENT_H

struct store;
struct config;

#define AGENT_STAMP_MAX 512 /* bytes of a config file's fingerprint */

/* Run rounds until SIGINT or SIGTERM (SIGHUP reads the config again, or
 * stops an agent whose terminal went away), or max_rounds when not 0.
 * cf is the config read at start, stamp its file's fingerprint
 * (config_stamp) taken before it was read; the agent owns cf from here
 * and frees it. Errors of a round go to stderr; err is their buffer. */
void agent_run(struct store *st, struct config *cf, const char *stamp,
    long max_rounds, char *err);
#endif
