/* cmd_export.c: placeholder until issue 9 lands; each command says so. */
#include "cli.h"

int
cmd_export(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 9)",
	    c->cmd->name);
}

int
cmd_import(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 9)",
	    c->cmd->name);
}

int
cmd_action(struct cli *c)
{
	return cli_fail("%s: not available yet (planned in issue 9)",
	    c->cmd->name);
}

