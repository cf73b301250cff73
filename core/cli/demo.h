/* demo.h: `warroom demo`: a realistic incident on a scratch database, and
 * the agent process that feeds it demo metrics. */
#ifndef WR_DEMO_H
#define WR_DEMO_H

#include <sys/types.h>

/* Where the demo database goes: $XDG_RUNTIME_DIR/warroom-demo/demo.db, else
 * /tmp/warroom-demo-UID/demo.db. Caller frees. */
char *demo_default_path(void);
/* Who declares the demo incident, and so commands it: the demo's screen
 * acts as them. */
#define DEMO_COMMANDER "alice"
/* Create a fresh database at path (removing an old demo file there when
 * replace is set, else refusing an existing one) and seed the incident.
 * 0 or -1 with err. */
int demo_seed(const char *path, int replace, char *err);
struct store;
/* Open the seeded database read-write for the screen. NULL with err. */
struct store *demo_open(const char *path, char *err);
/* Start `warroom --db path agent` from this very binary, its output going
 * to log. Returns the child's pid or -1 with err. */
pid_t demo_agent_start(const char *path, const char *log, char *err);
/* Stop it (SIGTERM, then wait). */
void demo_agent_stop(pid_t pid);
#endif
