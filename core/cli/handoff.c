/* handoff.c: warroom carries no network code (no libcurl, no TLS library):
 * the commands that reach the network run in warroom-agent, built from the
 * same tree, which warroom execs with its own arguments. */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define AGENT_BIN "warroom-agent"

int
cli_handoff(const char *cmd, char **argv)
{
	static char name[] = AGENT_BIN;
	char self[PATH_MAX], path[PATH_MAX + sizeof name];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;

	argv[0] = name;
	/* The one beside us first: a build tree, or an install's BINDIR. */
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			slash[1] = '\0';
			snprintf(path, sizeof path, "%s%s", self, AGENT_BIN);
			execv(path, argv);
		}
	}
	execvp(AGENT_BIN, argv);
	return cli_fail("%s: cannot run %s (%s): it holds the network code; "
	    "install it beside warroom (make install installs both)", cmd,
	    AGENT_BIN, strerror(errno));
}
