/* main_agent.c: the warroom-agent binary: the command line with the network
 * code (libcurl) and without the screens. It runs the agent and config
 * check, which warroom hands over to it (cli.h's cli_network). */
#include <string.h>

#include "cli/cli.h"

static int
agent_network(struct cli *c)
{
	if (strcmp(c->cmd->name, "agent") == 0)
		return cmd_agent(c);
	return cmd_config(c);
}

int
main(int argc, char **argv)
{
	cli_network = agent_network;
	return cli_main(argc, argv);
}
