/* main.c: the warroom binary: the command line, with the screens plugged in. */
#include "cli/cli.h"
#include "screen/tui.h"

int
main(int argc, char **argv)
{
	cli_screen = tui_main;
	return cli_main(argc, argv);
}
