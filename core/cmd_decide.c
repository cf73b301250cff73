/* cmd_decide.c: placeholder until issue 8 lands; each command says so. */
#include "cli.h"

int
cmd_decide(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 8)",
	    c->cmd->name);
}

int
cmd_signoff(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 8)",
	    c->cmd->name);
}

int
cmd_deploy(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 8)",
	    c->cmd->name);
}

int
cmd_flag(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 8)",
	    c->cmd->name);
}

