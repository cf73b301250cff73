/* cmd_release.c: releases: a deploy and a feature-flag change, recorded for
 * the service and told to the incident open at the time. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "model/decision.h"
#include "model/incident_pick.h"

/* With none open, incident_pick gives the newest closed one: a release
 * then is the service's alone (a deploy hook must not fail, and a closed
 * incident is not told), which is said. 0, or 1 (told). */
static int
cmd_release_closed(struct cli *c, int64_t *inc)
{
	char line[400];
	int closed = incident_closed(c->st, *inc, wr_now(), line, sizeof line);

	if (closed < 0)
		return cli_fail("%s", line);
	if (closed > 0) {
		(void)cli_fail("recorded for the service only: no incident is "
		    "open (%s; --incident %lld tells it)", line,
		    (long long)*inc);
		*inc = 0;
	}
	return 0;
}

/* The incident a deploy hook's record tells: --incident or
 * $WARROOM_INCIDENT, else the one open incident (the rule every command
 * follows; a closed one is not told); with several open, none, and it says
 * so. Then --at, checked against its detection. 0, or 1 with the error
 * printed. */
static int
cmd_release_target(struct cli *c, int64_t *inc, int64_t *at)
{
	char msg[900];

	*at = 0;
	if (cli_named_incident(c, inc) != 0)
		return 1;
	if (*inc > 0) {
		if (cli_incident_exists(c, *inc) != 0)
			return 1;
	} else {
		switch (incident_pick(c->st, inc, msg, sizeof msg)) {
		case PICK_ONE:
			if (cmd_release_closed(c, inc) != 0)
				return 1;
			break;
		case PICK_ERROR:
			return cli_fail("%s", msg);
		case PICK_SEVERAL:
			/* Recorded for the service all the same: a deploy
			 * hook must not fail, but nobody's timeline is told
			 * by a guess. */
			fprintf(stderr, "warroom: recorded for the service "
			    "only, no incident told: %s\n", msg);
			*inc = 0;
			break;
		default:
			*inc = 0;
			break;
		}
	}
	if (*inc > 0)
		return cli_time_incident(c, "at", *inc, at);
	return cli_time(c, "at", 0, at);
}

int
cmd_deploy(struct cli *c)
{
	const char *safe = cli_opt(c, "rollback-safe");
	int s = SAFE_UNKNOWN;
	int64_t at, id, inc;

	if (safe != NULL && (s = cli_enum("--rollback-safe value", safe_names,
	    SAFE_COUNT, safe)) < 0)
		return 1;
	if (cmd_release_target(c, &inc, &at) != 0)
		return 1;
	id = release_deploy(c->st, inc, c->pos[0], s, at,
	    cli_opt(c, "link"), c->as, c->err);
	return cli_print_id(c, id);
}

int
cmd_flag(struct cli *c)
{
	static const char *const states[] = {"off", "on"};
	int on = cli_enum("flag state", states, 2, c->pos[1]);
	int64_t at, id, inc;

	if (on < 0)
		return 1;
	/* A release belongs to the service: deploy hooks record it whether
	 * or not an incident is open, whoever runs them. */
	if (cmd_release_target(c, &inc, &at) != 0)
		return 1;
	id = release_flag(c->st, inc, c->pos[0], on, at, c->as,
	    c->err);
	return cli_print_id(c, id);
}
