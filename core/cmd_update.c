/* cmd_update.c: placeholder until issue 6 lands; each command says so. */
#include "cli.h"

int
cmd_update(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 6)",
	    c->cmd->name);
}

