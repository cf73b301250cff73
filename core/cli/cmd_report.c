/* cmd_report.c: `warroom report`: every incident's key times, cadence,
 * decisions and actions, and the total. */
#include "cli/cli.h"

int
cmd_report(struct cli *c)
{
	(void)c;
	return cli_fail("report: not yet");
}
