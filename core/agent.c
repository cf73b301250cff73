/* agent.c: placeholder until issue 7 lands; each command says so. */
#include "cli.h"

int
cmd_agent(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 7)",
	    c->cmd->name);
}

