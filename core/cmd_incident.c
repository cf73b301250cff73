/* cmd_incident.c: the commands for incidents, the timeline and the board. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "board.h"
#include "cli.h"
#include "config.h"
#include "incident.h"
#include "outbox.h"
#include "output.h"
#include "presence.h"
#include "status.h"
#include "store.h"
#include "text.h"
#include "timefmt.h"
#include "timeline.h"

/* Give the database, its -wal/-shm and its folder to the writers' group:
 * files rw for owner and group, readable by viewers; the folder setgid so
 * files SQLite creates later keep the group. */
static int
cmd_init_group(struct cli *c, const char *group)
{
	static const char *const sfx[] = {"", "-wal", "-shm"};
	struct group *gr = getgrnam(group);
	char *dir, *slash;
	size_t i;

	if (gr == NULL)
		return cli_fail("init: no group '%.40s' (create it with "
		    "groupadd)", group);
	for (i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", c->db_path, sfx[i]);

		if (chown(p, (uid_t)-1, gr->gr_gid) != 0 ||
		    chmod(p, 0664) != 0) {
			int rc = cli_fail("init: %s: %s", p, strerror(errno));

			free(p);
			return rc;
		}
		free(p);
	}
	dir = xstrdup(c->db_path);
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if (chown(dir, (uid_t)-1, gr->gr_gid) != 0 ||
	    chmod(dir, 02775) != 0) {
		int rc = cli_fail("init: %s: %s", dir, strerror(errno));

		free(dir);
		return rc;
	}
	output_line("%s: group %s may write; everyone with access to %s may "
	    "watch read-only", c->db_path, group, dir);
	free(dir);
	return 0;
}

int
cmd_init(struct cli *c)
{
	if (cli_opt(c, "group") != NULL &&
	    cmd_init_group(c, cli_opt(c, "group")) != 0)
		return 1;
	/* Where viewers say they watch without writing the database. */
	if (presence_prepare(c->db_path, c->err) != 0)
		fprintf(stderr, "warroom: watchers will not be listed: %s\n",
		    c->err);
	output_line("%s: warroom database, schema version %d", c->db_path,
	    STORE_SCHEMA_VERSION);
	return 0;
}

int
cmd_declare(struct cli *c)
{
	const char *sev = cli_opt(c, "severity"), *at = cli_opt(c, "at");
	int severity = SEV3;
	int64_t id, when = 0;

	if (sev != NULL && (severity = cli_enum("severity", severity_names,
	    SEV_COUNT, sev)) < 0)
		return 1;
	if (at != NULL && time_parse(at, wr_now(), &when, c->err) != 0)
		return cli_error(c);
	id = incident_declare(c->st, c->pos[0], severity, c->as, when, c->err);
	if (id < 0)
		return cli_error(c);
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
	int phase = cli_enum("phase", phase_names, PHASE_COUNT, c->pos[0]);

	if (phase < 0)
		return 1;
	if (incident_set_phase(c->st, c->incident, phase, cli_opt(c, "note"),
	    c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_severity(struct cli *c)
{
	int sev = cli_enum("severity", severity_names, SEV_COUNT, c->pos[0]);

	if (sev < 0)
		return 1;
	if (incident_set_severity(c->st, c->incident, sev, c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_impact(struct cli *c)
{
	int v = cli_enum("impact state", impact_names, IMPACT_COUNT, c->pos[0]);

	if (v < 0)
		return 1;
	if (incident_set_impact(c->st, c->incident, v, cli_opt(c, "scope"),
	    c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_comms(struct cli *c)
{
	int v = cli_enum("communication state", comms_names, COMMS_COUNT,
	    c->pos[0]);

	if (v < 0)
		return 1;
	if (incident_set_comms(c->st, c->incident, v, c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

static int64_t
cmd_entry_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (end == s || *end != '\0' || v <= 0) {
		cli_fail("'%.40s' is not an entry id", s);
		return -1;
	}
	return v;
}

static int
cmd_history(struct cli *c, const char *ids)
{
	struct entry *v;
	int n, i;
	int64_t id = cmd_entry_id(ids);

	if (id < 0)
		return 1;
	if (timeline_history(c->st, id, &v, &n, c->err) != 0)
		return cli_error(c);
	for (i = 0; i < n; i++) {
		char t[32], made[32];
		const char *who = i == 0 ? v[i].author : v[i - 1].edited_by;
		int64_t when = i == 0 ? v[i].recorded : v[i - 1].edited;

		time_full(v[i].event_time, t, sizeof t);
		time_full(when, made, sizeof made);
		/* Every field as stored, which anyone with the file can
		 * write: each line cleaned, one line each. */
		output_line("v%d  by %s at %s%s", v[i].version, who ? who : "?",
		    made, v[i].deleted ? "  DELETED" : "");
		output_line("  %s  [%s] %s  (source: %s, %s)", t,
		    kind_names[v[i].kind], v[i].text,
		    v[i].source[0] ? v[i].source : "none",
		    confidence_names[v[i].confidence]);
	}
	timeline_free(v, n);
	return 0;
}

/* Read --kind, --at, --source, --confidence into e; 0 or 1. */
static int
cmd_entry_opts(struct cli *c, struct entry *e)
{
	const char *kind = cli_opt(c, "kind"), *at = cli_opt(c, "at");
	const char *conf = cli_opt(c, "confidence");

	if (kind != NULL) {
		/* System kinds are written by their features, not by hand. */
		static const char *const user_kinds[] = {"event", "action",
		    "decision", "update", "note"};
		int k = cli_enum("kind", user_kinds, 5, kind);

		if (k < 0)
			return 1;
		e->kind = k;
	}
	if (conf != NULL && (e->confidence = cli_enum("confidence",
	    confidence_names, CONF_COUNT, conf)) < 0)
		return 1;
	if (at != NULL && time_parse(at, wr_now(), &e->event_time, c->err) != 0)
		return cli_error(c);
	if (cli_opt(c, "source") != NULL)
		e->source = (char *)(uintptr_t)cli_opt(c, "source");
	return 0;
}

/* TEXT "-" reads the text from standard input (for scripts and hooks). */
static char *
cmd_read_stdin(char *err)
{
	struct buf b = {0};
	char chunk[8192];
	size_t n;

	/* One byte over the limit is enough for text_check to refuse it. */
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > TEXT_MAX)
			break;
	}
	if (b.p != NULL && memchr(b.p, '\0', b.len) != NULL) {
		err_set(err, "text contains a NUL byte");
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

int
cmd_log(struct cli *c)
{
	struct entry e = {0};
	char *in = NULL;
	int64_t id;

	if (cli_opt(c, "history") != NULL)
		return cmd_history(c, cli_opt(c, "history"));
	if (c->npos < 1)
		return cli_fail("usage: warroom log %s", c->cmd->usage);
	e.kind = KIND_EVENT;
	e.confidence = CONF_CONFIRMED;
	if (cmd_entry_opts(c, &e) != 0)
		return 1;
	if (strcmp(c->pos[0], "-") == 0 &&
	    (in = cmd_read_stdin(c->err)) == NULL)
		return cli_error(c);
	e.text = in ? in : (char *)(uintptr_t)c->pos[0];
	e.author = (char *)(uintptr_t)c->as;
	id = timeline_add(c->st, c->incident, &e, c->err);
	free(in);
	if (id < 0)
		return cli_error(c);
	output_line("%lld", (long long)id);
	return 0;
}

/* Entries written by a feature (phase, assignment, release, a decision, a
 * status update) change only through that feature. 0, or 1 (told). */
static int
cmd_entry_by_hand(struct cli *c, int64_t id, const char *doing)
{
	int sys = timeline_is_system(c->st, id, c->err);

	if (sys < 0)
		return cli_error(c);
	if (sys == TIMELINE_DECISION && strcmp(doing, "deleted") == 0)
		return 0; /* a decision recorded by mistake may be withdrawn */
	if (sys > 0)
		return cli_fail("entry %lld was written by warroom itself and "
		    "cannot be %s by hand (log a note instead)", (long long)id,
		    doing);
	return 0;
}

int
cmd_edit(struct cli *c)
{
	struct entry cur = {0}, e;
	int64_t id = cmd_entry_id(c->pos[0]);
	int rc;

	if (id < 0)
		return 1;
	if (cmd_entry_by_hand(c, id, "edited") != 0)
		return 1;
	if (timeline_get(c->st, id, &cur, c->err) != 0)
		return cli_error(c);
	e = cur;
	if (cmd_entry_opts(c, &e) != 0) {
		entry_clear(&cur);
		return 1;
	}
	if (cli_opt(c, "text") != NULL)
		e.text = (char *)(uintptr_t)cli_opt(c, "text");
	rc = timeline_edit(c->st, &e, c->as, c->err);
	entry_clear(&cur);
	return rc == 0 ? 0 : cli_error(c);
}

int
cmd_delete(struct cli *c)
{
	struct entry cur = {0};
	int64_t id = cmd_entry_id(c->pos[0]);
	int rc;

	if (id < 0 || cmd_entry_by_hand(c, id, "deleted") != 0)
		return 1;
	if (timeline_get(c->st, id, &cur, c->err) != 0)
		return cli_error(c);
	rc = timeline_delete(c->st, id, cur.version, c->as, c->err);
	entry_clear(&cur);
	return rc == 0 ? 0 : cli_error(c);
}

int
cmd_join(struct cli *c)
{
	const char *r = cli_opt(c, "role");
	int role = ROLE_RESPONDER;

	if (r != NULL && (role = cli_enum("role", role_names, ROLE_COUNT, r))
	    < 0)
		return 1;
	if (board_join(c->st, c->incident, c->pos[0], role, c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_assign(struct cli *c)
{
	if (board_assign(c->st, c->incident, c->pos[0], cli_opt(c, "purpose"),
	    cli_opt(c, "task"), c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_checkin(struct cli *c)
{
	if (board_checkin(c->st, c->incident, c->pos[0], c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_done(struct cli *c)
{
	if (board_finish(c->st, c->incident, c->pos[0], cli_flag(c, "dropped")
	    ? ASTATE_DROPPED : ASTATE_DONE, c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_dismiss(struct cli *c)
{
	if (cli_flag(c, "idle")) {
		int n;

		if (c->npos > 0)
			return cli_fail("dismiss: give a NAME or --idle, not both");
		if ((n = board_dismiss_idle(c->st, c->incident, c->as, c->err))
		    < 0)
			return cli_error(c);
		output_line("dismissed %d idle responder%s", n,
		    n == 1 ? "" : "s");
		return 0;
	}
	if (c->npos < 1)
		return cli_fail("usage: warroom dismiss %s", c->cmd->usage);
	if (board_dismiss(c->st, c->incident, c->pos[0], c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_status(struct cli *c)
{
	char *out;

	if (cli_flag(c, "json"))
		out = status_json(c->st, c->incident, wr_now(), c->err);
	else
		out = status_text(c->st, c->incident, wr_now(), c->err);
	if (out == NULL)
		return cli_error(c);
	if (cli_flag(c, "json"))
		output_json_printed(out);
	else
		output_text(out);
	free(out);
	if (!cli_flag(c, "json")) {
		/* Status updates: next due, and why any waits or failed. */
		char cerr[ERR_LEN] = "";
		struct config *cf = config_load(NULL, cerr);

		out = outbox_summary(c->st, c->incident, cf, cf ? NULL : cerr,
		    wr_now(), c->err);
		config_free(cf);
		if (out == NULL)
			return cli_error(c);
		output_text("\n");
		output_text(out);
		free(out);
	}
	return 0;
}
