/* cmd_board.c: board commands beyond join/assign/checkin/done/dismiss: how
 * often people check in, and how often status updates go out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/authority.h"
#include "model/board.h"
#include "cli/cli.h"
#include "model/incident.h"
#include "cli/output.h"
#include "base/timefmt.h"

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
