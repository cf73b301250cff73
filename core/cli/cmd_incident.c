/* cmd_incident.c: the commands for incidents, the timeline and the board. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "model/authority.h"
#include "model/board.h"
#include "cli/cli.h"
#include "base/config.h"
#include "model/incident.h"
#include "model/outbox.h"
#include "cli/output.h"
#include "store/presence.h"
#include "view/status.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"

/* Why fd cannot be given to the group, or NULL: it must be what we meant
 * to change, not a link's target or another name of a file elsewhere. */
static const char *
cmd_init_refuse(int fd, int folder)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return strerror(errno);
	if (folder ? !S_ISDIR(sb.st_mode) : !S_ISREG(sb.st_mode))
		return folder ? "not a folder" : "not a regular file";
	if (!folder && sb.st_nlink != 1)
		return "has other hard links; remove them first";
	return NULL;
}

/* Change group and mode of the open fd, which names shown. */
static int
cmd_init_chgrp(int fd, const char *shown, int folder, gid_t gid, mode_t mode)
{
	const char *why = cmd_init_refuse(fd, folder);

	if (why == NULL && (fchown(fd, (uid_t)-1, gid) != 0 ||
	    fchmod(fd, mode) != 0))
		why = strerror(errno);
	close(fd);
	return why == NULL ? 0 : cli_fail("init: %s: %s", shown, why);
}

/* The database folder given is a link: say where it leads, if anywhere. */
static int
cmd_init_linked(const char *dir)
{
	char real[PATH_MAX];

	if (realpath(dir, real) == NULL)
		return cli_fail("init: %s is a symbolic link; give --db the "
		    "real path", dir);
	return cli_fail("init: %s is a symbolic link; give --db the real path "
	    "(%s/...)", dir, real);
}

/* The database's folder, opened without following a link in its place. */
static int
cmd_init_folder(const char *dir)
{
	struct stat sb;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
		cmd_init_linked(dir);
	else
		cli_fail("init: %s: %s", dir, strerror(errno));
	return -1;
}

/* Give the database, its -wal/-shm and its folder to the writers' group:
 * files rw for owner and group, readable by viewers; the folder setgid so
 * files SQLite creates later keep the group. Run by root on a folder the
 * writers may change: everything is opened without following links, and
 * changed through the descriptor, so nothing outside the folder changes. */
static int
cmd_init_group(struct cli *c, const char *group)
{
	static const char *const sfx[] = {"", "-wal", "-shm"};
	struct group *gr = getgrnam(group);
	char *dir, *slash;
	const char *base;
	size_t i;
	int dfd, rc = 0;

	if (gr == NULL)
		return cli_fail("init: no group '%.40s' (create it with "
		    "groupadd)", group);
	dir = xstrdup(c->db_path);
	slash = strrchr(dir, '/');
	base = slash == NULL ? c->db_path : c->db_path + (slash - dir) + 1;
	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if ((dfd = cmd_init_folder(dir)) < 0) {
		free(dir);
		return 1;
	}
	for (i = 0; i < ARRAY_LEN(sfx) && rc == 0; i++) {
		char *name = xasprintf("%s%s", base, sfx[i]);
		char *shown = xasprintf("%s%s", c->db_path, sfx[i]);
		int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_NOCTTY | O_CLOEXEC);

		rc = fd < 0 ? cli_fail("init: %s: %s", shown, errno == ELOOP ?
		    "is a symbolic link; remove it" : strerror(errno))
		    : cmd_init_chgrp(fd, shown, 0, gr->gr_gid, 0664);
		free(name);
		free(shown);
	}
	if (rc == 0)
		rc = cmd_init_chgrp(dfd, dir, 1, gr->gr_gid, 02775);
	else
		close(dfd);
	if (rc == 0)
		output_line("%s: group %s may write; everyone with access to "
		    "%s may watch read-only", c->db_path, group, dir);
	free(dir);
	return rc;
}

/* Before anything is created: init --group runs as root, and the folder
 * it will create the database in and give to the group must be the folder
 * itself, not a link someone put in its place. */
static int
cmd_init_check(const struct cli *c, const char *group)
{
	const char *env = getenv("WARROOM_DB");
	char *path = c->db_path != NULL ? xstrdup(c->db_path)
	    : env != NULL && *env != '\0' ? xstrdup(env) : store_default_path();
	char *slash = strrchr(path, '/');
	struct stat sb;
	int rc = 0;

	if (getgrnam(group) == NULL)
		rc = cli_fail("init: no group '%.40s' (create it with "
		    "groupadd)", group);
	else if (slash != NULL && slash != path) {
		*slash = '\0';
		if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
			rc = cmd_init_linked(path);
	}
	free(path);
	return rc;
}

int
cmd_init(struct cli *c)
{
	const char *group = cli_opt(c, "group");
	int swept;

	if (group != NULL && cmd_init_check(c, group) != 0)
		return 1;
	if (cli_open(c, CLI_DB_CREATE) != 0)
		return 1;
	if (group != NULL && cmd_init_group(c, group) != 0)
		return 1;
	/* Where viewers say they watch without writing the database. */
	if (presence_prepare(c->db_path, c->err) != 0)
		fprintf(stderr, "warroom: watchers will not be listed: %s\n",
		    c->err);
	else if ((swept = presence_sweep(c->db_path)) > 0)
		/* Anyone may write the folder: junk is cleared here. */
		output_line("%s%s: removed %d entries that were not watchers' "
		    "marks", c->db_path, PRESENCE_SUFFIX, swept);
	output_line("%s: warroom database, schema version %d", c->db_path,
	    STORE_SCHEMA_VERSION);
	return 0;
}

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

int
cmd_declare(struct cli *c)
{
	const char *sev = cli_opt(c, "severity");
	int severity = SEV3, window;
	int64_t id, when = 0, began;

	if (sev != NULL && (severity = cli_enum("severity", severity_names,
	    SEV_COUNT, sev)) < 0)
		return 1;
	if (cli_time(c, "at", 0, &when) != 0)
		return 1;
	if (declare_extras(c, when, &began, &window) != 0)
		return 1;
	id = incident_declare(c->st, c->pos[0], severity, c->as, when, c->err);
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
	if (incident_set_phase(c->st, c->incident, phase, cli_opt(c, "note"),
	    c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_severity(struct cli *c)
{
	int sev = cli_enum("severity", severity_names, SEV_COUNT, c->pos[0]);

	if (sev < 0 || cli_authority(c, c->incident, AUTH_SEVERITY) != 0)
		return 1;
	if (incident_set_severity(c->st, c->incident, sev, c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_impact(struct cli *c)
{
	int v = cli_enum("impact state", impact_names, IMPACT_COUNT, c->pos[0]);

	if (v < 0 || cli_authority(c, c->incident, AUTH_TRACK) != 0)
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

	if (v < 0 || cli_authority(c, c->incident, AUTH_TRACK) != 0)
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
		if (v[i].tomb_at > 0) {
			char hm[16];

			time_hm(v[i].tomb_at, hm, sizeof hm);
			output_line("  deleted by %s at %s: %s", v[i].tomb_by ?
			    v[i].tomb_by : "?", hm, v[i].tomb_reason ?
			    v[i].tomb_reason : "");
		}
		output_line("  %s  [%s] %s  (source: %s, %s)", t,
		    kind_names[v[i].kind], v[i].text,
		    v[i].source[0] ? v[i].source : "none",
		    confidence_names[v[i].confidence]);
	}
	timeline_free(v, n);
	return 0;
}

/* Read --kind, --at, --source, --confidence into e (an entry of incident
 * inc); 0 or 1. */
static int
cmd_entry_opts(struct cli *c, int64_t inc, struct entry *e)
{
	const char *kind = cli_opt(c, "kind");
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
	if (cli_time_incident(c, "at", inc, &e->event_time) != 0)
		return 1;
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
	if (cli_authority(c, c->incident, AUTH_LOG) != 0)
		return 1;
	e.kind = KIND_EVENT;
	e.confidence = CONF_CONFIRMED;
	if (cmd_entry_opts(c, c->incident, &e) != 0)
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
	if (cli_authority(c, cur.incident_id, AUTH_EDIT) != 0) {
		entry_clear(&cur);
		return 1;
	}
	e = cur;
	if (cmd_entry_opts(c, cur.incident_id, &e) != 0) {
		entry_clear(&cur);
		return 1;
	}
	if (cli_opt(c, "text") != NULL)
		e.text = (char *)(uintptr_t)cli_opt(c, "text");
	rc = timeline_edit(c->st, &e, c->as, c->err);
	entry_clear(&cur);
	return rc == 0 ? 0 : cli_error(c);
}

/* Withdrawing a decision is the commander's; any other entry the
 * scribe's. */
static int
cmd_delete_action(struct cli *c, const struct entry *e)
{
	if (timeline_is_system(c->st, e->id, c->err) == TIMELINE_DECISION)
		return AUTH_DECISION_DELETE;
	/* One's own entry is one's own to take back; someone else's is the
	 * scribe's or the commander's (and leaves a tombstone). */
	return e->author != NULL && strcmp(e->author, c->as) == 0 ? AUTH_LOG
	    : AUTH_EDIT;
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
	if (cli_authority(c, cur.incident_id, cmd_delete_action(c, &cur))
	    != 0) {
		entry_clear(&cur);
		return 1;
	}
	rc = timeline_remove(c->st, id, cur.version, c->as,
	    cli_opt(c, "reason"), c->err);
	entry_clear(&cur);
	return rc == 0 ? 0 : cli_error(c);
}

/* Undo a deletion; prints the id of the note that says so. */
int
cmd_undelete(struct cli *c)
{
	struct entry cur = {0};
	int64_t id = cmd_entry_id(c->pos[0]), note;
	int rc;

	if (id < 0)
		return 1;
	if (timeline_get(c->st, id, &cur, c->err) != 0)
		return cli_error(c);
	rc = cli_authority(c, cur.incident_id, cmd_delete_action(c, &cur));
	entry_clear(&cur);
	if (rc != 0)
		return 1;
	if ((note = timeline_undelete(c->st, id, c->as, c->err)) < 0)
		return cli_error(c);
	output_line("%lld", (long long)note);
	return 0;
}

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
	if ((cli_flag(c, "join") ? board_assign_join : board_assign)(c->st,
	    c->incident, c->pos[0], cli_opt(c, "purpose"), cli_opt(c, "task"),
	    c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_checkin(struct cli *c)
{
	if (cli_authority(c, c->incident, strcmp(c->pos[0], c->as) == 0 ?
	    AUTH_CHECKIN : AUTH_CHECKIN_OTHER) != 0)
		return 1;
	if (board_checkin(c->st, c->incident, c->pos[0], c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_done(struct cli *c)
{
	if (cli_authority(c, c->incident, strcmp(c->pos[0], c->as) == 0 ?
	    AUTH_DONE : AUTH_DONE_OTHER) != 0)
		return 1;
	if (board_finish(c->st, c->incident, c->pos[0], cli_flag(c, "dropped")
	    ? ASTATE_DROPPED : ASTATE_DONE, c->as, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cmd_dismiss(struct cli *c)
{
	if (cli_authority(c, c->incident, AUTH_DISMISS) != 0)
		return 1;
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
