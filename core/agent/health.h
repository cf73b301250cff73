/* health.h: how the agent reports on itself: its log lines (with the
 * journal's priority prefixes when systemd reads its standard error) and,
 * after each round, a node_exporter textfile of its health metrics. */
#ifndef WR_HEALTH_H
#define WR_HEALTH_H

#include <stdint.h>

#include "base/util.h"

struct store;
struct config;

/* syslog priorities, as sd-daemon(3) prefixes take them. */
enum health_prio {
	HEALTH_ERR = 3,
	HEALTH_WARNING = 4,
	HEALTH_INFO = 6,
};

/* One log line on standard error, cleaned (it may quote stored text and
 * what a server answered): "<4>..." when standard error is the journal
 * ($JOURNAL_STREAM names its device and inode), else "warroom agent: ...". */
void health_log(int prio, const char *fmt, ...) WR_PRINTF(2, 3);
/* Whether standard error is the journal (looked up once). */
int health_journal(void);

/* When the config's [agent] textfile names a file, write the agent's
 * health there in Prometheus' text format (a new file renamed over the
 * old): when each series last polled well and how many polls in a row
 * failed, when each destination last took an update, how many updates
 * wait and how many failed for good. 0 (also when no file is set), or -1
 * with err. */
int health_write_textfile(struct store *st, const struct config *cf,
    int64_t now, char *err);
#endif
