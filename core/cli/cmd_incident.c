/* cmd_incident.c: the incident itself: declare, list, and its phase,
 * severity, impact and communication tracks. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "base/util.h"
#include "model/alert.h"
#include "model/authority.h"
#include "model/board.h"
#include "model/incident.h"
#include "view/status.h"

/* --began and --window of declare, checked before anything is written.
 * 0, or 1 with the error printed. */
static int
declare_extras(struct cli *c, int64_t when, int64_t *began, int *window)
{
	const char *w = cli_opt(c, "window");
	int64_t detected = when > 0 ? when : wr_now();

	*began = 0;
	*window = -1;
	if (cli_time(c, "began", detected, began) != 0)
		return 1;
	if (*began > detected)
		return cli_fail("declare: --began is after the incident was "
		    "detected: impact begins before anyone notices it");
	if (w == NULL)
		return 0;
	if (strcmp(w, "0") == 0)
		*window = 0;
	else if (board_parse_interval(w, window, c->err) != 0)
		return cli_fail("declare: --window takes 30m, 6h, 24h (at most "
		    "24h) or 0, not '%.40s'", w);
	return 0;
}

/* --from-alert FP: the firing alert's title, severity (the config's
 * mapping of its label, unless --severity says) and start as detection
 * time (unless --at says). 0, or 1 with the error printed. */
static int
declare_from_alert(struct cli *c, char **title, int *severity,
    int64_t *when)
{
	const char *fp = cli_opt(c, "from-alert");
	struct alert a;
	int r;

	*title = xstrdup(c->npos > 0 ? c->pos[0] : NULL);
	if (fp == NULL) {
		if (*title == NULL)
			return cli_fail("declare: a TITLE, or --from-alert "
			    "FINGERPRINT");
		return 0;
	}
	if ((r = alert_firing_get(c->st, fp, &a, c->err)) < 0)
		return cli_error(c);
	if (r == 0)
		return cli_fail("declare: no alert fires with fingerprint "
		    "'%.40s' (the agent lists them: warroom alerts)", fp);
	if (*title == NULL)
		*title = alert_title(&a);
	if (cli_opt(c, "severity") == NULL && a.severity >= 0)
		*severity = a.severity;
	if (cli_opt(c, "at") == NULL)
		*when = a.starts_at;
	alert_clear(&a);
	return 0;
}

int
cmd_declare(struct cli *c)
{
	const char *sev = cli_opt(c, "severity");
	int severity = SEV3, window;
	int64_t id, when = 0, began;
	char *title = NULL;

	if (sev != NULL && (severity = cli_enum("severity", severity_names,
	    SEV_COUNT, sev)) < 0)
		return 1;
	if (cli_time(c, "at", 0, &when) != 0)
		return 1;
	if (declare_from_alert(c, &title, &severity, &when) != 0 ||
	    declare_extras(c, when, &began, &window) != 0) {
		free(title);
		return 1;
	}
	id = incident_declare(c->st, title, severity, c->as, when, c->err);
	free(title);
	if (id < 0)
		return cli_error(c);
	if ((began > 0 && incident_set_began(c->st, id, began, c->as, c->err)
	    != 0) || (window >= 0 && incident_set_window(c->st, id, window,
	    c->as, c->err) != 0)) {
		output_line("%lld", (long long)id);
		return cli_error(c);
	}
	output_line("%lld", (long long)id);
	return 0;
}

int
cmd_list(struct cli *c)
{
	struct incident *list;
	int n, i;

	if (incident_list(c->st, &list, &n, c->err) != 0)
		return cli_error(c);
	if (cli_flag(c, "json")) {
		cJSON *a = cJSON_CreateArray();

		for (i = 0; i < n; i++)
			cJSON_AddItemToArray(a, status_incident_json(&list[i]));
		output_json(a);
		cJSON_Delete(a);
	} else {
		for (i = 0; i < n; i++) {
			char when[32];

			time_full(list[i].detected, when, sizeof when);
			output_line("%-5lld %-4s %-13s %s  %s",
			    (long long)list[i].id,
			    severity_names[list[i].severity],
			    phase_names[list[i].phase], when, list[i].title);
		}
	}
	incident_list_free(list, n);
	return 0;
}

int
cmd_phase(struct cli *c)
{
	int phase = cli_phase(c->pos[0]);

	if (phase < 0 || cli_authority(c, c->incident, AUTH_PHASE) != 0)
		return 1;
	return cli_result(c, incident_set_phase(c->st, c->incident, phase,
	    cli_opt(c, "note"), c->as, c->err));
}

/* A track's new value, named by the first argument (one of n names), when
 * action is the acting person's: the value, or -1 after saying why not. */
static int
cmd_track_value(struct cli *c, const char *what, const char *const *names,
    int n, int action)
{
	int v = cli_enum(what, names, n, c->pos[0]);

	if (v < 0 || cli_authority(c, c->incident, action) != 0)
		return -1;
	return v;
}

int
cmd_severity(struct cli *c)
{
	int v = cmd_track_value(c, "severity", severity_names, SEV_COUNT,
	    AUTH_SEVERITY);

	return v < 0 ? 1 : cli_result(c, incident_set_severity(c->st,
	    c->incident, v, c->as, c->err));
}

int
cmd_impact(struct cli *c)
{
	int v = cmd_track_value(c, "impact state", impact_names, IMPACT_COUNT,
	    AUTH_TRACK);

	return v < 0 ? 1 : cli_result(c, incident_set_impact(c->st,
	    c->incident, v, cli_opt(c, "scope"), c->as, c->err));
}

int
cmd_comms(struct cli *c)
{
	int v = cmd_track_value(c, "communication state", comms_names,
	    COMMS_COUNT, AUTH_TRACK);

	return v < 0 ? 1 : cli_result(c, incident_set_comms(c->st,
	    c->incident, v, c->as, c->err));
}
