/* cmd_board.c: the board: who is in the response (join, handoff,
 * dismiss), what each does (assign, done), check-ins, and how often people
 * check in and status updates go out (interval). */
#include <stdlib.h>
#include <string.h>

#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "model/authority.h"
#include "model/board.h"
#include "model/incident.h"

int
cmd_join(struct cli *c)
{
	const char *r = cli_opt(c, "role");
	int role = -1, rc; /* -1: theirs, or responder for someone new */

	if (r != NULL && (role = cli_enum("role", role_names, ROLE_COUNT, r))
	    < 0)
		return 1;
	if (cli_authority(c, c->incident, AUTH_JOIN) != 0)
		return 1;
	rc = board_join(c->st, c->incident, c->pos[0], role, c->as, c->err);
	if (rc < 0)
		return cli_error(c);
	if (rc == 1)
		output_line("%s is already in the response; nothing changed",
		    c->pos[0]);
	return 0;
}

int
cmd_assign(struct cli *c)
{
	if (cli_authority(c, c->incident, AUTH_ASSIGN) != 0)
		return 1;
	/* --join: add someone new and assign them in one step. */
	return cli_result(c, (cli_flag(c, "join") ? board_assign_join :
	    board_assign)(c->st, c->incident, c->pos[0], cli_opt(c, "purpose"),
	    cli_opt(c, "task"), c->as, c->err));
}

/* authority for an act on NAME (the first argument): own when NAME is the
 * acting person, else other. 0, or 1 with the refusal printed. */
static int
cmd_board_may(struct cli *c, int own, int other)
{
	return cli_authority(c, c->incident, strcmp(c->pos[0], c->as) == 0 ?
	    own : other);
}

int
cmd_checkin(struct cli *c)
{
	if (cmd_board_may(c, AUTH_CHECKIN, AUTH_CHECKIN_OTHER) != 0)
		return 1;
	return cli_result(c, board_checkin(c->st, c->incident, c->pos[0],
	    c->as, c->err));
}

int
cmd_done(struct cli *c)
{
	if (cmd_board_may(c, AUTH_DONE, AUTH_DONE_OTHER) != 0)
		return 1;
	return cli_result(c, board_finish(c->st, c->incident, c->pos[0],
	    cli_flag(c, "dropped") ? ASTATE_DROPPED : ASTATE_DONE, c->as,
	    c->err));
}

int
cmd_dismiss(struct cli *c)
{
	if (cli_authority(c, c->incident, AUTH_DISMISS) != 0)
		return 1;
	if (cli_flag(c, "idle")) {
		char *kept;
		int n;

		if (c->npos > 0)
			return cli_fail("dismiss: give a NAME or --idle, not both");
		if ((n = board_dismiss_idle_kept(c->st, c->incident, c->as, &kept,
		    c->err)) < 0)
			return cli_error(c);
		output_line("dismissed %d idle responder%s", n,
		    n == 1 ? "" : "s");
		/* The commander before briefs the new one: dismiss NAME. */
		if (kept != NULL)
			output_line("kept %s (dismiss NAME releases them)", kept);
		free(kept);
		return 0;
	}
	if (c->npos < 1)
		return cli_fail("usage: warroom dismiss %s", c->cmd->usage);
	if (board_dismiss(c->st, c->incident, c->pos[0], c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_handoff(struct cli *c)
{
	const char *r = cli_opt(c, "role");
	int role = ROLE_RESPONDER;

	if (r != NULL && (role = cli_enum("role", role_names, ROLE_COUNT, r))
	    < 0)
		return 1;
	/* Command goes to someone in the response, never to a typo (taking
	 * command oneself, when nobody has it, is the one exception). */
	if (strcmp(c->pos[0], c->as) != 0 && board_known(c->st, c->incident,
	    c->pos[0], c->err) != 0)
		return cli_error(c);
	if (authority_handoff(c->st, c->incident, c->pos[0], role, c->as,
	    c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_interval(struct cli *c)
{
	const char *ck = cli_opt(c, "checkin"), *up = cli_opt(c, "update");
	struct incident i = {0};
	int checkin = -1, update = -1;
	char d1[32], d2[32];

	if (ck != NULL && board_parse_interval(ck, &checkin, c->err) != 0)
		return cli_error(c);
	if (up != NULL && strcmp(up, "auto") == 0)
		update = 0; /* by severity */
	else if (up != NULL && board_parse_interval(up, &update, c->err) != 0)
		return cli_fail("interval: --update takes 10m, 1h ... or auto "
		    "(by severity), not '%.40s'", up);
	if ((ck != NULL || up != NULL) &&
	    cli_authority(c, c->incident, AUTH_INTERVAL) != 0)
		return 1;
	if ((ck != NULL || up != NULL) &&
	    incident_set_intervals(c->st, c->incident, checkin, update, c->as,
	    c->err) != 0)
		return cli_error(c);
	if (incident_load(c->st, c->incident, &i, c->err) != 0)
		return cli_error(c);
	time_dur(i.checkin_interval, d1, sizeof d1);
	time_dur(i.update_interval > 0 ? i.update_interval
	    : severity_update_interval(i.severity), d2, sizeof d2);
	output_line("check-in every %s; status update every %s%s", d1, d2,
	    i.update_interval > 0 ? "" : " (by severity)");
	incident_clear(&i);
	return 0;
}
