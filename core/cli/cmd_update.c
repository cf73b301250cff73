/* cmd_update.c: `warroom update`: write a status update headed by the phase,
 * preview it, print an audience's template, list updates and their delivery. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "model/authority.h"
#include "cli/cli.h"
#include "base/json.h"
#include "base/config.h"
#include "model/model.h"
#include "model/outbox.h"
#include "model/remind.h"
#include "cli/output.h"
#include "base/text.h"
#include "base/timefmt.h"

/* The body: the argument, or standard input for "-". Caller frees. */
static char *
cmd_update_body(struct cli *c)
{
	struct buf b = {0};
	char chunk[4096];
	size_t n;

	if (c->npos < 1) {
		cli_fail("usage: warroom update %s", c->cmd->usage);
		return NULL;
	}
	if (strcmp(c->pos[0], "-") != 0)
		return xstrdup(c->pos[0]);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > OUTBOX_BODY_MAX)
			break;
	}
	if (ferror(stdin)) {
		buf_free(&b);
		cli_fail("update: cannot read standard input");
		return NULL;
	}
	if (b.p != NULL && memchr(b.p, '\0', b.len) != NULL) {
		buf_free(&b);
		cli_fail("update: the text holds a NUL byte");
		return NULL;
	}
	return buf_take(&b);
}

static int
cmd_update_audience(struct cli *c)
{
	const char *a = cli_opt(c, "audience");

	if (a == NULL)
		return AUD_ENGINEERS;
	return cli_enum("audience", audience_names, AUD_COUNT, a);
}

static int
cmd_update_list(struct cli *c)
{
	struct status_update *list;
	struct config *cf;
	char cerr[ERR_LEN] = "";
	int64_t now = wr_now();
	int n, i, json = cli_flag(c, "json");
	cJSON *arr = NULL;

	if (c->npos > 0)
		return cli_fail("update: --list takes no text");
	if (outbox_list(c->st, c->incident, 0, &list, &n, c->err) != 0)
		return cli_error(c);
	/* Only to say why an update waits; an unreadable config is a reason
	 * to show, not an error of this command. */
	cf = config_load(NULL, cerr);
	if (json)
		arr = cJSON_CreateArray();
	for (i = n - 1; i >= 0; i--) { /* oldest first, like the timeline */
		const struct status_update *u = &list[i];
		char *why = outbox_why(u, cf, cf ? NULL : cerr, now);
		char t[32], *first;

		if (json) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddNumberToObject(o, "id", (double)u->id);
			json_time(o, "created", u->created);
			cJSON_AddStringToObject(o, "audience",
			    audience_names[u->audience]);
			cJSON_AddStringToObject(o, "phase",
			    phase_names[u->phase]);
			cJSON_AddStringToObject(o, "heading", u->heading);
			cJSON_AddStringToObject(o, "body", u->body);
			cJSON_AddStringToObject(o, "author", u->author);
			cJSON_AddStringToObject(o, "state",
			    ustate_names[u->state]);
			cJSON_AddNumberToObject(o, "attempts", u->attempts);
			json_time(o, "next_attempt",
			    u->state == USTATE_QUEUED ? u->next_attempt : 0);
			json_time(o, "sent_at", u->sent_at);
			json_time(o, "dropped_at", u->dropped_at);
			if (u->last_error != NULL)
				cJSON_AddStringToObject(o, "last_error",
				    u->last_error);
			else
				cJSON_AddNullToObject(o, "last_error");
			cJSON_AddStringToObject(o, "why", why);
			cJSON_AddItemToArray(arr, o);
			free(why);
			continue;
		}
		time_hm(u->created, t, sizeof t);
		first = xstrndup(u->body, strcspn(u->body, "\n"));
		output_line("#%-4lld %s  %s  %-9s %-6s %d  %s", (long long)u->id,
		    t, u->heading, audience_names[u->audience],
		    ustate_names[u->state], u->attempts, why);
		output_line("      %s%s", first,
		    u->body[strlen(first)] != '\0' ? " ..." : "");
		free(first);
		free(why);
	}
	if (json) {
		output_json(arr);
		cJSON_Delete(arr);
	} else if (n == 0)
		output_line("no status updates yet");
	config_free(cf);
	outbox_list_free(list, n);
	return 0;
}

/* --retry ID or --drop ID: act on a failed update. */
static int
cmd_update_act(struct cli *c, const char *arg, int retry)
{
	char *end;
	long long id;

	if (c->npos > 0)
		return cli_fail("update: --%s takes no text",
		    retry ? "retry" : "drop");
	id = strtoll(arg, &end, 10);
	if (*arg == '#')
		id = strtoll(arg + 1, &end, 10);
	if (end == arg || *end != '\0' || id <= 0)
		return cli_fail("update: --%s takes an update's number, as "
		    "warroom update --list shows it", retry ? "retry" :
		    "drop");
	/* Who may queue an update may send a failed one again or give it
	 * up (the update's own incident, whatever --incident says). */
	if (cli_authority(c, c->incident, AUTH_UPDATE) != 0)
		return 1;
	if (outbox_act(c->st, c->incident, id, retry, c->as, c->err) != 0)
		return cli_error(c);
	output_line(retry ? "update #%lld queued again" :
	    "update #%lld given up", id);
	return 0;
}

int
cmd_update(struct cli *c)
{
	int aud, phase = -1;
	int64_t id;
	char *body, *out;
	const char *ph = cli_opt(c, "phase");

	if (cli_flag(c, "list") + cli_flag(c, "template") +
	    cli_flag(c, "preview") + (cli_opt(c, "retry") != NULL) +
	    (cli_opt(c, "drop") != NULL) > 1)
		return cli_fail("update: give one of --list, --template, "
		    "--preview, --retry and --drop");
	if (cli_opt(c, "retry") != NULL)
		return cmd_update_act(c, cli_opt(c, "retry"), 1);
	if (cli_opt(c, "drop") != NULL)
		return cmd_update_act(c, cli_opt(c, "drop"), 0);
	if (cli_flag(c, "list"))
		return cmd_update_list(c);
	if ((aud = cmd_update_audience(c)) < 0)
		return 1;
	if (cli_flag(c, "template")) {
		if (c->npos > 0)
			return cli_fail("update: --template takes no text");
		output_text(outbox_template(aud));
		output_text("\n");
		return 0;
	}
	if (ph != NULL && (phase = cli_phase(ph)) < 0)
		return 1;
	if ((body = cmd_update_body(c)) == NULL)
		return 1;
	if (cli_flag(c, "preview")) {
		out = cli_flag(c, "json")
		    ? outbox_preview_json(c->st, c->incident, aud, body,
		    wr_now(), c->err)
		    : outbox_preview(c->st, c->incident, aud, body, wr_now(),
		    c->err);
		free(body);
		if (out == NULL)
			return cli_error(c);
		if (!cli_flag(c, "json"))
			output_text(out);
		else if (output_json_text(out) != 0)
			fatal("the Slack payload is not JSON");
		free(out);
		return 0;
	}
	if (cli_flag(c, "json")) {
		free(body);
		return cli_fail("update: --json goes with --list or --preview");
	}
	if (cli_authority(c, c->incident, AUTH_UPDATE) != 0) {
		free(body);
		return 1;
	}
	id = outbox_queue(c->st, c->incident, aud, phase, body, c->as, c->err);
	free(body);
	if (id < 0)
		return cli_error(c);
	output_line("%lld", (long long)id);
	return 0;
}

int
cmd_snooze(struct cli *c)
{
	if (cli_authority(c, c->incident, AUTH_UPDATE) != 0)
		return 1;
	if (remind_snooze(c->st, c->incident, c->as, c->err) != 0)
		return cli_error(c);
	output_line("reminders snoozed for 10 minutes");
	return 0;
}
