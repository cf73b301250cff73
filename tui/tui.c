/* tui.c: placeholder until the screen (issue 3) lands. */
#include "tui.h"

#include "../core/cli.h"

int
tui_main(struct cli *c)
{
	return cli_fail("%s: the screen is not available yet (issue 3)",
	    c->cmd->name);
}
