/* cmd_alert.c: `warroom alerts`, the Alertmanager alerts firing at the
 * agent's last poll (the agent fetches them; this binary reads the
 * database only). */
#include <cjson/cJSON.h>

#include "base/json.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "model/alert.h"
#include "model/model.h"

static cJSON *
alert_json(const struct alert *a)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "fingerprint", a->fingerprint);
	cJSON_AddStringToObject(o, "name", a->name);
	cJSON_AddStringToObject(o, "labels", a->labels);
	cJSON_AddStringToObject(o, "summary", a->summary);
	json_time(o, "starts_at", a->starts_at);
	if (a->severity >= 0 && a->severity < SEV_COUNT)
		cJSON_AddStringToObject(o, "severity",
		    severity_names[a->severity]);
	else
		cJSON_AddNullToObject(o, "severity");
	return o;
}

int
cmd_alerts(struct cli *c)
{
	struct alert *list;
	int n = alert_firing_list(c->st, &list, c->err), i;

	if (n < 0)
		return cli_error(c);
	if (cli_flag(c, "json")) {
		cJSON *arr = cJSON_CreateArray();

		for (i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, alert_json(&list[i]));
		output_json(arr);
		cJSON_Delete(arr);
	}
	for (i = 0; i < n && !cli_flag(c, "json"); i++) {
		char since[32];

		time_full(list[i].starts_at, since, sizeof since);
		output_line("%s  %s  %-4s  %s  %s", list[i].fingerprint, since,
		    list[i].severity >= 0 && list[i].severity < SEV_COUNT ?
		    severity_names[list[i].severity] : "-", list[i].name,
		    list[i].summary);
	}
	alert_list_free(list, n);
	return 0;
}
