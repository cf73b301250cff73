/* cmd_agent.c: `warroom agent [--once|--max-rounds N]`: checks the config
 * once, then hands over to the agent's loop (agent/agent.h). */
#include <stdlib.h>

#include "agent/agent.h"
#include "base/config.h"
#include "cli/cli.h"
#include "model/metrics.h"

int
cmd_agent(struct cli *c)
{
	const char *mr = cli_opt(c, "max-rounds");
	long max_rounds = cli_flag(c, "once") ? 1 : 0;
	char stamp[AGENT_STAMP_MAX];
	struct metrics_settings set;
	struct config *cf;

	/* The fingerprint first: an edit while we read is seen next round. */
	config_stamp(stamp, sizeof stamp);
	if ((cf = config_load(NULL, c->err)) == NULL)
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
	agent_run(c->st, cf, stamp, max_rounds, c->err);
	return 0;
}
