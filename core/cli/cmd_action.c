/* cmd_action.c: `warroom action`: the retrospective's actions (add, list,
 * done, reopen, edit). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "model/action.h"
#include "model/incident_pick.h"
#include "model/timeline.h"

static int64_t
cmd_action_id(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = s != NULL ? strtoll(s, &end, 10) : 0;
	if (s == NULL || end == s || *end != '\0' || errno != 0 || v <= 0) {
		cli_fail("action: '%.40s' is not an id", s ? s : "");
		return -1;
	}
	return v;
}

/* --due: a time as everywhere, or a bare date meaning the end of that day;
 * "none" clears. 0 or 1. */
static int
cmd_action_due(struct cli *c, int64_t *due)
{
	const char *s = cli_opt(c, "due");
	/* A deadline lies ahead; only the epoch is refused. */
	struct time_rule r = {.now = wr_now(), .allow_future = 1};
	int y, m, d;
	char extra;

	if (s == NULL)
		return 0;
	if (strcmp(s, "none") == 0) {
		*due = 0;
		return 0;
	}
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra)
	    == 3) {
		char *full = xasprintf("%s 23:59:59", s);
		int rc = time_parse_checked(full, &r, "--due", due, c->err);

		free(full);
		return cli_result(c, rc);
	}
	if (time_parse_checked(s, &r, "--due", due, c->err) != 0)
		return cli_error(c);
	return 0;
}

static int
cmd_action_category(struct cli *c, int *cat)
{
	const char *s = cli_opt(c, "category");

	if (s == NULL)
		return 0;
	*cat = cli_enum("category", category_names, CAT_COUNT, s);
	return *cat < 0;
}

static int
cmd_action_add(struct cli *c)
{
	struct action a = {0};
	const char *from = cli_opt(c, "from");
	int64_t id;

	a.category = -1;
	if (cmd_action_category(c, &a.category) != 0)
		return 1;
	if (a.category < 0) {
		char *l = enum_list(category_names, CAT_COUNT);

		cli_fail("action add: --category is required (one of: %s)", l);
		free(l);
		return 1;
	}
	if (c->npos < 2 && from == NULL)
		return cli_fail("usage: warroom action add TEXT --category C "
		    "[--owner NAME] [--due TIME] [--from ENTRY_ID]");
	if (cmd_action_due(c, &a.due) != 0)
		return 1;
	a.owner = (char *)(uintptr_t)cli_opt(c, "owner");
	a.text = c->npos >= 2 ? (char *)(uintptr_t)c->pos[1] : NULL;
	if (from != NULL) {
		struct entry e = {0};
		int64_t eid = cmd_action_id(from);

		if (eid < 0)
			return 1;
		if (timeline_get(c->st, eid, &e, c->err) != 0)
			return cli_error(c);
		if (e.incident_id != c->incident) {
			entry_clear(&e);
			return cli_fail("action add: entry %lld belongs to "
			    "incident %lld, not %lld", (long long)eid,
			    (long long)e.incident_id, (long long)c->incident);
		}
		entry_clear(&e);
		id = action_from_entry(c->st, eid, &a, c->as, c->err);
	} else
		id = action_add(c->st, c->incident, &a, c->as, c->err);
	return cli_print_id(c, id);
}

static int
cmd_action_list(struct cli *c)
{
	struct action *list;
	int n, i;

	if (action_list(c->st, c->incident, -1, &list, &n, c->err) != 0)
		return cli_error(c);
	if (cli_flag(c, "json")) {
		cJSON *a = cJSON_CreateArray();

		for (i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			char iso[32];

			cJSON_AddNumberToObject(o, "id", (double)list[i].id);
			cJSON_AddStringToObject(o, "category",
			    category_names[list[i].category]);
			cJSON_AddStringToObject(o, "text", list[i].text);
			if (list[i].owner)
				cJSON_AddStringToObject(o, "owner", list[i].owner);
			else
				cJSON_AddNullToObject(o, "owner");
			if (list[i].due > 0) {
				time_iso(list[i].due, iso, sizeof iso);
				cJSON_AddStringToObject(o, "due", iso);
			} else
				cJSON_AddNullToObject(o, "due");
			cJSON_AddBoolToObject(o, "done", list[i].done);
			if (list[i].entry_id)
				cJSON_AddNumberToObject(o, "entry_id",
				    (double)list[i].entry_id);
			else
				cJSON_AddNullToObject(o, "entry_id");
			cJSON_AddItemToArray(a, o);
		}
		output_json(a);
		cJSON_Delete(a);
	} else {
		for (i = 0; i < n; i++) {
			const struct action *x = &list[i];
			char due[32] = "-", from[48] = "";

			if (x->due > 0)
				time_full(x->due, due, sizeof due);
			if (x->entry_id)
				snprintf(from, sizeof from, " from entry %lld",
				    (long long)x->entry_id);
			output_line("%-5lld %-18s %s %s  (owner %s, due %s)%s",
			    (long long)x->id, category_names[x->category],
			    x->done ? "[x]" : "[ ]", x->text,
			    x->owner ? x->owner : "-", due, from);
		}
	}
	action_list_free(list, n);
	return 0;
}

static int
cmd_action_edit(struct cli *c, int64_t id)
{
	struct action a = {0};
	int rc;

	if (action_get(c->st, id, &a, c->err) != 0)
		return cli_error(c);
	if (cmd_action_category(c, &a.category) != 0 ||
	    cmd_action_due(c, &a.due) != 0) {
		action_clear(&a);
		return 1;
	}
	if (cli_opt(c, "text") != NULL) {
		free(a.text);
		a.text = xstrdup(cli_opt(c, "text"));
	}
	if (cli_opt(c, "owner") != NULL) {
		free(a.owner);
		a.owner = xstrdup(cli_opt(c, "owner"));
	}
	rc = action_edit(c->st, &a, c->as, c->err);
	action_clear(&a);
	return cli_result(c, rc);
}

/* An action names its incident: done, reopen and edit act there, whatever
 * the default. Refused when --incident (or $WARROOM_INCIDENT) names
 * another; said on stderr when that incident is closed and not named. 0,
 * or 1 (told). */
static int
cmd_action_own(struct cli *c, int64_t id)
{
	struct action a = {0};
	char line[400];
	int64_t named, inc;
	int closed;

	if (cli_named_incident(c, &named) != 0)
		return 1;
	if (action_get(c->st, id, &a, c->err) != 0)
		return cli_error(c);
	inc = a.incident_id;
	action_clear(&a);
	if (named > 0 && named != inc)
		return cli_fail("action %lld belongs to incident #%lld, not "
		    "#%lld", (long long)id, (long long)inc, (long long)named);
	closed = incident_closed(c->st, inc, wr_now(), line, sizeof line);
	if (closed < 0)
		return cli_fail("%s", line);
	if (closed > 0 && named == 0)
		(void)cli_fail("action %lld is in incident #%lld, which is "
		    "closed (%s)", (long long)id, (long long)inc, line);
	return 0;
}

/* Refuse options that do not belong to the subcommand: a silently ignored
 * --owner on "done" would look like it worked. */
static int
cmd_action_opts(struct cli *c, const char *sub, const char *allowed)
{
	static const char *const all[] = {"category", "owner", "due", "from",
	    "text", "json"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(all); i++)
		if (cli_flag(c, all[i]) && strstr(allowed, all[i]) == NULL)
			return cli_fail("action %s: --%s does not apply (see "
			    "'warroom action --help')", sub, all[i]);
	return 0;
}

int
cmd_action(struct cli *c)
{
	static const struct {
		const char *sub, *opts;
	} subs[] = {
		{"add", "category owner due from"}, {"list", "json"},
		{"done", ""}, {"reopen", ""}, {"edit", "category owner due text"},
	};
	const char *sub = c->pos[0];
	int64_t id;
	size_t i;

	for (i = 0; i < ARRAY_LEN(subs); i++)
		if (strcmp(sub, subs[i].sub) == 0)
			break;
	if (i < ARRAY_LEN(subs) && cmd_action_opts(c, sub, subs[i].opts) != 0)
		return 1;

	if (strcmp(sub, "add") == 0)
		return cmd_action_add(c);
	if (strcmp(sub, "list") == 0) {
		if (c->npos > 1)
			return cli_fail("usage: warroom action list [--json]");
		return cmd_action_list(c);
	}
	if (strcmp(sub, "done") != 0 && strcmp(sub, "reopen") != 0 &&
	    strcmp(sub, "edit") != 0)
		return cli_fail("action: unknown subcommand '%.40s' (use add, "
		    "list, done, reopen or edit)", sub);
	if (c->npos < 2)
		return cli_fail("usage: warroom action %s ID", sub);
	if ((id = cmd_action_id(c->pos[1])) < 0 || cmd_action_own(c, id) != 0)
		return 1;
	if (strcmp(sub, "edit") == 0)
		return cmd_action_edit(c, id);
	if (action_set_done(c->st, id, strcmp(sub, "done") == 0, c->as,
	    c->err) != 0)
		return cli_error(c);
	return 0;
}
