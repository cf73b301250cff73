/* cli.c: global options, the command table, and dispatch. */
#include "cli/cli.h"

#include <errno.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/authority.h"
#include "base/config.h"
#include "model/incident.h"
#include "model/incident_pick.h"
#include "model/model.h"
#include "cli/output.h"
#include "store/store.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "base/version.h"


int (*cli_screen)(struct cli *c);
int (*cli_network)(struct cli *c);

static int
cmd_screen(struct cli *c)
{
	if (cli_screen == NULL)
		return cli_fail("this build has no screen");
	return cli_screen(c);
}

/* agent and config: cli_run hands them to warroom-agent when this binary
 * has no network code. */
static int
cmd_network(struct cli *c)
{
	return cli_network(c);
}

static int
cmd_version(struct cli *c)
{
	(void)c;
	output_line("warroom %s", WARROOM_VERSION);
	return 0;
}

static const struct cli_cmd cli_cmds[] = {
	{"init", cmd_init, CLI_DB_NONE, 0, "group=", 0, 0, "[--group NAME]",
	    "Create the database, or migrate it to this version's schema."},
	{"declare", cmd_declare, CLI_DB_CREATE, 0,
	    "severity=,at=,allow-past,began=,window=,from-alert=", 0, 1,
	    "TITLE [--severity SEV1..SEV4] [--at TIME [--allow-past]] "
	    "[--began TIME] [--window 24h] [--from-alert FINGERPRINT]",
	    "Declare a new incident (default SEV3) and print its id. You "
	    "become its commander. --began: when impact began (time to "
	    "detect); --window: how long before detection its releases and "
	    "flag changes reach (default 24h); --from-alert: from a firing "
	    "Alertmanager alert (warroom alerts), its title, severity and "
	    "start as detection time unless given."},
	{"list", cmd_list, CLI_DB_READ, 0, "json", 0, 0, "[--json]",
	    "List incidents, newest first."},
	{"alerts", cmd_alerts, CLI_DB_READ, 0, "json", 0, 0, "[--json]",
	    "List the Alertmanager alerts firing at the agent's last poll "
	    "([alertmanager] url): fingerprint, since, severity, name, "
	    "summary. Declare from one with declare --from-alert."},
	{"phase", cmd_phase, CLI_DB_WRITE, 1, "note=", 1, 1,
	    "PHASE [--note TEXT]",
	    "Move the incident to PHASE: detected, investigating, identified, "
	    "mitigating, monitoring, recovered, resolved, retrospective. "
	    "Moving back needs --note with the reason."},
	{"severity", cmd_severity, CLI_DB_WRITE, 1, "", 1, 1, "SEV1..SEV4",
	    "Change the incident's severity."},
	{"impact", cmd_impact, CLI_DB_WRITE, 1, "scope=", 1, 1,
	    "unknown|assessing|known [--scope TEXT]",
	    "Set the impact track: what is known of who and what is affected."},
	{"comms", cmd_comms, CLI_DB_WRITE, 1, "", 1, 1,
	    "not-told|told|updated|recovery-told",
	    "Set the user-communication track."},
	{"log", cmd_log, CLI_DB_WRITE, 1,
	    "kind=,at=,allow-past,source=,confidence=,history=", 0, 1,
	    "TEXT|- [--kind K] [--at TIME [--allow-past]] [--source S] "
	    "[--confidence C] | --history ID",
	    "Add a timeline entry (kind event, action, decision, update or "
	    "note; default event); TEXT - reads it from standard input. --at "
	    "takes HH:MM, HH:MM:SS, ISO-8601 or -5m in local time; a date "
	    "that does not exist, a time more than 5 minutes ahead, the epoch "
	    "and a time more than a day before detection are refused "
	    "(--allow-past takes the last two). --history ID prints every "
	    "version of an entry."},
	{"edit", cmd_edit, CLI_DB_WRITE, 0,
	    "text=,kind=,at=,allow-past,source=,confidence=", 1, 1,
	    "ID [--text T] [--kind K] [--at TIME [--allow-past]] [--source S] "
	    "[--confidence C]",
	    "Change a timeline entry; the old version is kept in its history."},
	{"delete", cmd_delete, CLI_DB_WRITE, 0, "reason=", 1, 1,
	    "ID [--reason WHY]",
	    "Delete a timeline entry (kept in its history). A decision (the "
	    "commander only) and someone else's entry need --reason, and stay "
	    "in the timeline as \"deleted by WHO at HH:MM: WHY\"."},
	{"undelete", cmd_undelete, CLI_DB_WRITE, 0, "", 1, 1, "ID",
	    "Bring back a deleted timeline entry (a decision: the commander "
	    "only); a note records who did it. Prints the note's id."},
	{"pin", cmd_pin, CLI_DB_WRITE, 0, "", 1, 1, "ID",
	    "Pin a timeline entry (a decision, a key finding; the scribe or the "
	    "commander): it shows at the top of the screen's Timeline and in "
	    "the postmortem's summary. Who pinned it and when is kept."},
	{"unpin", cmd_unpin, CLI_DB_WRITE, 0, "", 1, 1, "ID",
	    "Take the pin off a timeline entry (recorded too)."},
	{"handoff", cmd_handoff, CLI_DB_WRITE, 1, "role=", 1, 1,
	    "NAME [--role scribe|ops|comms|responder]",
	    "Make NAME the commander (the commander's command; with no "
	    "commander yet, anyone's). You stay in the response as --role "
	    "(default responder). One transaction; the timeline records it."},
	{"join", cmd_join, CLI_DB_WRITE, 1, "role=", 1, 1,
	    "NAME [--role commander|scribe|ops|comms|responder]",
	    "Add a responder to the board (the only way a name enters the "
	    "response; joining again changes nothing)."},
	{"assign", cmd_assign, CLI_DB_WRITE, 1, "purpose=,task=,join", 1, 1,
	    "NAME --purpose P --task T [--join]",
	    "Give NAME one assignment: for what purpose, do what. NAME must "
	    "be in the response (a close name is suggested); --join adds "
	    "them first."},
	{"checkin", cmd_checkin, CLI_DB_WRITE, 1, "", 1, 1, "NAME",
	    "Record that NAME reported in."},
	{"done", cmd_done, CLI_DB_WRITE, 1, "dropped", 1, 1,
	    "NAME [--dropped]",
	    "Close NAME's assignment as done (or dropped); they turn idle."},
	{"dismiss", cmd_dismiss, CLI_DB_WRITE, 1, "idle", 0, 1,
	    "NAME | --idle",
	    "Release NAME (or every idle responder) back to normal work."},
	{"interval", cmd_interval, CLI_DB_WRITE, 1, "checkin=,update=", 0, 0,
	    "[--checkin 10m] [--update 30m|auto]",
	    "Set how long an assignment may go without a check-in before it "
	    "shows as stale (default 15m), and how often a status update is "
	    "due (auto: by severity); with no option, print both."},
	{"decide", cmd_decide, CLI_DB_WRITE, 1,
	    "reason=,risk=,signoff=,checklist=,answers=,at=,allow-past,release=,"
	    "override=", 1, 1,
	    "TEXT --reason R [--risk TEXT] [--signoff NAME] [--checklist NAME "
	    "[--answers yes,no,n/a,...]] [--release VERSION] [--override WHY] "
	    "[--at TIME [--allow-past]]",
	    "Record a decision with its reason and risk. --signoff NAME keeps "
	    "it pending until NAME signs it off. --checklist NAME (rollback, "
	    "redeploy, failover, disable-flag, or your own in "
	    "~/.config/warroom/checklists) walks its questions on the terminal, "
	    "or takes the answers in order from --answers (a note may follow "
	    "an answer after ':'). A rollback (roll back, revert, ロールバック, "
	    "切り戻す, 戻す) is tied to a release: --release VERSION, else "
	    "the one the text names, else the latest deploy before detection; "
	    "its record is shown, and a checklist answer against the record "
	    "is refused unless --override gives the reason."},
	{"signoff", cmd_signoff, CLI_DB_WRITE, 0, "reject,note=", 1, 1,
	    "ID [--reject] [--note TEXT]",
	    "Approve (or reject) decision ID awaiting your sign-off (--as NAME "
	    "or your Unix user must be the person it names)."},
	{"deploy", cmd_deploy, CLI_DB_WRITE, 0,
	    "rollback-safe=,at=,allow-past,link=", 1, 1, "VERSION "
	    "[--rollback-safe yes|no|unknown] [--at TIME [--allow-past]] "
	    "[--link URL]", "Record a release (for deploy pipelines) with its "
	    "rollback-safe mark; prints its id. Releases are the service's: "
	    "recorded with or without an open incident, which is told."},
	{"flag", cmd_flag, CLI_DB_WRITE, 0, "at=,allow-past", 2, 2,
	    "NAME on|off [--at TIME [--allow-past]]",
	    "Record a feature-flag change (with or without an open incident); "
	    "prints its id."},
	{"update", cmd_update, CLI_DB_WRITE, 1,
	    "audience=,list,template,preview,json,phase=,retry=,drop=", 0, 1,
	    "TEXT|- [--audience engineers|managers|users] [--phase P] | "
	    "--preview TEXT|- [--json] | --template | --list [--json] | "
	    "--retry ID | --drop ID",
	    "Queue a status update (TEXT, or '-' for standard input) for an "
	    "audience (default engineers) and print its id. The heading is the "
	    "current phase, added for you; --phase P refuses to queue when the "
	    "phase is no longer P. --preview prints the message exactly as it "
	    "will be posted (--json: the Slack payload); --template prints the "
	    "audience's template; --list shows every update, its delivery "
	    "state and why it waits; --retry ID sends a failed update again, "
	    "--drop ID gives it up (both go in the timeline). An update for "
	    "users is headed by the phase in Japanese alone and may not name "
	    "the incident's number, its severity or an English phase word "
	    "inside Japanese text. The agent delivers updates to the "
	    "[slack] webhooks of the config file, with times in [display] "
	    "timezone."},
	{"snooze", cmd_snooze, CLI_DB_WRITE, 1, "", 0, 0, "",
	    "Hold the reminders (update due, stale check-in) back for 10 "
	    "minutes; recorded in the timeline (the screen's z)."},
	{"metric", cmd_metric, CLI_DB_WRITE, 0,
	    "prometheus=,mackerel=,command=,demo=,unit=,warn=,crit=,interval=,"
	    "json", 1, 2, "add NAME --prometheus Q|--mackerel SPEC|--command "
	    "CMD|--demo CURVE [--unit U] [--warn N] [--crit N] [--interval S] "
	    "| list [--json] | remove NAME",
	    "Configure the metric series the agent collects. --prometheus "
	    "takes a PromQL query returning one series (\"instant:Q\" uses "
	    "/api/v1/query); --mackerel host:HOST_ID:METRIC or "
	    "service:SERVICE:METRIC; --command a shell command printing a "
	    "number or \"timestamp value\" lines (run only when the agent's "
	    "config has [command] enabled = yes); --demo errors, latency, cpu "
	    "or requests. The interval defaults to 15 s (60 s for Mackerel)."},
	{"agent", cmd_network, CLI_DB_WRITE, 0, "once,max-rounds=", 0, 0,
	    "[--once]",
	    "Collect metrics and deliver queued status updates. It reads "
	    "the config file again when the file changes or on SIGHUP "
	    "(one that became invalid is not taken: the old one stays)."},
	{"config", cmd_network, CLI_DB_NONE, 0, "", 1, 2, "check [FILE]",
	    "Check the config file (or FILE): unknown sections and keys "
	    "(with the line and a 'did you mean'), its permissions, its "
	    "values, and whether each URL the agent contacts answers (a HEAD, "
	    "5 s at most; no secret is printed). Exit 1 when anything is "
	    "wrong."},
	{"status", cmd_status, CLI_DB_READ, 1, "json", 0, 0, "[--json]",
	    "Print the incident as text or JSON."},
	{"export", cmd_export, CLI_DB_READ, 1, "format=,o=,force", 0, 0,
	    "[--format md|json] [-o FILE [--force]]",
	    "Write a postmortem draft of the incident: Markdown (default) or "
	    "JSON (docs/export-schema.md). -o writes FILE atomically and "
	    "refuses to replace an existing one unless --force."},
	{"import", cmd_import, CLI_DB_NONE, 0, "allow-past", 1, 1,
	    "FILE [--allow-past]",
	    "Recreate an incident from a JSON export (FILE - reads stdin) as "
	    "a new incident, and print its id. All or nothing."},
	{"action", cmd_action, CLI_DB_WRITE, 1,
	    "category=,owner=,due=,from=,text=,json", 1, 2,
	    "add TEXT --category C [--owner NAME] [--due TIME] "
	    "[--from ENTRY_ID] | list [--json] | done ID | reopen ID | "
	    "edit ID [--text T] [--category C] [--owner NAME] [--due TIME]",
	    "Retrospective actions. C is root-cause, permanent-fix, "
	    "prevent-recurrence, detect-faster or recover-faster. --from "
	    "turns a timeline entry into an action (its text if TEXT is not "
	    "given). --due takes a time or a date (the end of that day); "
	    "--due none and --owner '' clear them."},
	{"search", cmd_search, CLI_DB_NONE, 0, "json,limit=", 1, 1,
	    "TEXT [--json] [--limit N]",
	    "Find timeline entries of every incident whose text holds TEXT "
	    "(a literal text, not a pattern; case-insensitive for ASCII), "
	    "best match first (among the newest 2000 that hold it), at most "
	    "N (default 20). TEXT of 1 or 2 "
	    "characters is looked for among the newest 200000 entries, newest "
	    "first. Deleted entries and tombstones are not found."},
	{"report", cmd_report, CLI_DB_NONE, 0, "since=,json,csv", 0, 0,
	    "[--since DATE] [--json|--csv]",
	    "Every incident (detected since DATE) and the total: time to "
	    "detect, mitigate, recover and resolve (as in each postmortem), "
	    "the update cadence kept or missed, decisions, and actions by "
	    "category and state; overdue actions stand out."},
	{"tui", cmd_screen, CLI_DB_CREATE, 0, "role=,theme=,exit-after=", 0, 0,
	    "[--role commander|scribe] [--theme NAME] [--exit-after SECONDS]",
	    "The full-screen war room (default command). The scribe's screen "
	    "opens on the Timeline. --exit-after ends it by itself (for CI)."},
	{"view", cmd_screen, CLI_DB_READ, 0, "theme=,exit-after=", 0, 0,
	    "[--theme NAME] [--exit-after SECONDS]",
	    "The same screen, read-only, for responders over SSH: it opens "
	    "the database read-only and starts no other program."},
	{"demo", cmd_screen, CLI_DB_NONE, 0, "theme=,exit-after=,db=", 0, 0,
	    "[--theme NAME] [--db PATH] [--exit-after SECONDS]",
	    "A demo incident with live demo metrics, on a scratch database "
	    "($XDG_RUNTIME_DIR/warroom-demo/demo.db, else "
	    "/tmp/warroom-demo-UID/demo.db, replaced each time; a --db PATH "
	    "must not exist yet). Runs the agent while the screen is open."},
	{"version", cmd_version, CLI_DB_NONE, 0, "", 0, 0, "",
	    "Print \"warroom X.Y.Z\" (also: warroom --version)."},
	{"backup", cmd_backup, CLI_DB_READ, 0, "force", 1, 1, "FILE [--force]",
	    "Write a consistent copy of the database to FILE while everything "
	    "runs (SQLite's online backup), atomically, with the database's "
	    "mode; refuses an existing FILE unless --force."},
	{"restore", cmd_restore, CLI_DB_NONE, 0, "", 1, 1, "FILE",
	    "Put the backup FILE in place of the database, keeping the old "
	    "file as DB.before-restore. Refused while any warroom process "
	    "has the database open."},
	{"completion", cmd_completion, CLI_DB_NONE, 0, "", 1, 1,
	    "bash|zsh|fish",
	    "Print a completion script for the shell: commands, options, "
	    "phase, severity, role and other names, and the responders of "
	    "the incident (asked of warroom as you type). make install puts "
	    "them where each shell looks."},
};

const struct cli_cmd *
cli_commands(size_t *n)
{
	*n = ARRAY_LEN(cli_cmds);
	return cli_cmds;
}

static void
cli_usage(void)
{
	struct buf b = {0};
	size_t i, w = 0;

	/* One column for the usages, as wide as the longest name. */
	for (i = 0; i < ARRAY_LEN(cli_cmds); i++)
		if (strlen(cli_cmds[i].name) > w)
			w = strlen(cli_cmds[i].name);
	buf_adds(&b, "usage: warroom [--db PATH] [--incident ID] [--as NAME] "
	    "COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < ARRAY_LEN(cli_cmds); i++) /* no usage: no padding */
		if (cli_cmds[i].usage[0] == '\0')
			buf_addf(&b, "  %s\n", cli_cmds[i].name);
		else
			buf_addf(&b, "  %-*s %s\n", (int)w, cli_cmds[i].name,
			    cli_cmds[i].usage);
	buf_adds(&b, "\n'warroom COMMAND --help' tells more. The database is "
	    "--db, else $WARROOM_DB,\nelse ~/.local/share/warroom/warroom.db."
	    "\n");
	output_text(b.p);
	buf_free(&b);
}

static void
cli_cmd_help(const struct cli_cmd *cmd)
{
	char *s = xasprintf("usage: warroom %s%s%s\n\n%s\n", cmd->name,
	    cmd->usage[0] != '\0' ? " " : "", cmd->usage, cmd->help);

	output_text(s);
	free(s);
}

int
cli_fail(const char *fmt, ...)
{
	va_list ap;
	char raw[1024], *clean;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* What people typed is quoted back: never let it move the cursor,
	 * retitle the window or break the one line. */
	clean = text_sanitize(raw, strlen(raw), sizeof raw, 0);
	fprintf(stderr, "warroom: %s\n", clean);
	free(clean);
	return 1;
}

int
cli_error(struct cli *c)
{
	cli_fail("%s", c->err[0] ? c->err : "failed");
	/* Locked too long or a full disk: temporary, run it again (75,
	 * EX_TEMPFAIL), as the man page's EXIT STATUS says. */
	return store_temporary(c->st) ? 75 : 1;
}

int
cli_result(struct cli *c, int rc)
{
	return rc == 0 ? 0 : cli_error(c);
}

int
cli_print_id(struct cli *c, int64_t id)
{
	if (id < 0)
		return cli_error(c);
	output_line("%lld", (long long)id);
	return 0;
}

/* Index of name in a "a=,b,c=" option spec, and whether it takes a value. */
static int
cli_opt_index(const char *spec, const char *name, size_t len, int *arg)
{
	const char *p = spec;
	int i = 0;

	while (*p != '\0') {
		const char *e = p + strcspn(p, ",");
		size_t n = (size_t)(e - p);
		int takes = n > 0 && p[n - 1] == '=';

		if ((takes ? n - 1 : n) == len && strncmp(p, name, len) == 0) {
			*arg = takes;
			return i;
		}
		i++;
		p = *e ? e + 1 : e;
	}
	return -1;
}

const char *
cli_opt(const struct cli *c, const char *name)
{
	int arg, i = cli_opt_index(c->cmd->opts, name, strlen(name), &arg);

	return i >= 0 && c->optset[i] ? c->opt[i] : NULL;
}

int
cli_flag(const struct cli *c, const char *name)
{
	int arg, i = cli_opt_index(c->cmd->opts, name, strlen(name), &arg);

	return i >= 0 && c->optset[i];
}

int
cli_time(struct cli *c, const char *name, int64_t detected, int64_t *out)
{
	const char *s = cli_opt(c, name);
	char what[40];
	struct time_rule r = {0};

	if (s == NULL)
		return 0;
	r.now = wr_now();
	r.detected = detected;
	r.allow_past = cli_flag(c, "allow-past");
	r.hint = "--allow-past";
	snprintf(what, sizeof what, "--%s", name);
	if (time_parse_checked(s, &r, what, out, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cli_time_incident(struct cli *c, const char *name, int64_t inc, int64_t *out)
{
	struct incident i = {0};
	int64_t detected;

	if (cli_opt(c, name) == NULL)
		return 0;
	if (incident_load(c->st, inc, &i, c->err) != 0)
		return cli_error(c);
	detected = i.detected;
	incident_clear(&i);
	return cli_time(c, name, detected, out);
}

int
cli_authority(struct cli *c, int64_t inc, int action)
{
	/* Asked now, for a clear refusal before any input is read, and again
	 * inside the write's own transaction (a handoff may come between). */
	if (authority_check(c->st, inc, c->as, (enum auth_action)action,
	    c->err) != 0 || authority_guard(c->st, inc, c->as,
	    (enum auth_action)action, c->err) != 0)
		return cli_error(c);
	return 0;
}

int
cli_enum(const char *what, const char *const *names, int n, const char *value)
{
	int v = enum_parse(names, n, value);

	if (v < 0) {
		char *l = enum_list(names, n);

		cli_fail("unknown %s '%.40s' (use one of: %s)", what,
		    value ? value : "", l);
		free(l);
	}
	return v;
}

int
cli_phase(const char *value)
{
	int v = phase_parse(value);

	if (v < 0) {
		char *l = enum_list(phase_names, PHASE_COUNT);

		cli_fail("unknown phase '%.40s' (use one of: %s; or its Japanese "
		    "heading, such as 調査中)", value ? value : "", l);
		free(l);
	}
	return v;
}

static const char *
cli_unix_user(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *u = getenv("USER");

	if (pw != NULL && pw->pw_name != NULL)
		return pw->pw_name;
	return u != NULL && *u != '\0' ? u : "unknown";
}

/* Who is acting: --as, else $WARROOM_AS, else the Unix user through the
 * config's [people]. A config that cannot be read (wrong mode) leaves the
 * Unix user: naming oneself never depends on the secrets file. Cleaned as
 * any name; caller frees; NULL with c->err. */
static char *
cli_actor(struct cli *c)
{
	const char *env = getenv("WARROOM_AS");
	const char *what = c->as != NULL ? "--as" : env != NULL && *env != '\0'
	    ? "$WARROOM_AS" : "the [people] name";
	char cerr[ERR_LEN];
	struct config *cf = NULL;
	char *as;

	/* config check reports the file's problems itself, once. */
	if (c->as == NULL && (env == NULL || *env == '\0') &&
	    strcmp(c->cmd->name, "config") != 0)
		cf = config_load(NULL, cerr);
	as = text_clean_name(authority_actor(c->as, cf, cli_unix_user()),
	    what, c->err);
	config_free(cf);
	return as;
}

/* The global option a names (--db, --incident, --as), or NULL. */
static const char **
cli_global(struct cli *c, const char *a)
{
	if (strcmp(a, "--db") == 0)
		return &c->db_path;
	if (strcmp(a, "--incident") == 0)
		return &c->incident_arg;
	if (strcmp(a, "--as") == 0)
		return &c->as;
	return NULL;
}

static const struct cli_cmd *
cli_find(const char *name)
{
	size_t k;

	for (k = 0; k < ARRAY_LEN(cli_cmds); k++)
		if (strcmp(cli_cmds[k].name, name) == 0)
			return &cli_cmds[k];
	return NULL;
}

/* The first pass over argv: global options (anywhere), --help and the
 * command's name. Everything else goes to rest in order, with a NULL
 * before each argument that came after "--" (text, never an option). 0,
 * or -1 with the error printed. */
static int
cli_parse_global(struct cli *c, int argc, char **argv, char **rest,
    int *nrest, const struct cli_cmd **cmd, int *help)
{
	int i, dashdash = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **global = NULL;

		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && *cmd == NULL && strcmp(a, "--version") == 0) {
			*cmd = cli_find("version");
			continue;
		}
		if (!dashdash && (strcmp(a, "--help") == 0 ||
		    strcmp(a, "-h") == 0)) {
			*help = 1;
			continue;
		}
		if (!dashdash)
			global = cli_global(c, a);
		if (global != NULL) {
			if (i + 1 >= argc) {
				cli_fail("%s needs a value", a);
				return -1;
			}
			*global = argv[++i];
			continue;
		}
		if (*cmd == NULL && (dashdash || a[0] != '-')) {
			if ((*cmd = cli_find(a)) == NULL) {
				cli_fail("unknown command '%.40s' (see "
				    "'warroom --help')", a);
				return -1;
			}
			continue;
		}
		if (dashdash) /* a NULL marks "the next one is plain text" */
			rest[(*nrest)++] = NULL;
		rest[(*nrest)++] = (char *)a;
	}
	return 0;
}

/* The option rest[*i] of the command, its value after '=' or in the next
 * argument (then *i moves past it). 0, or -1 with the error printed. */
static int
cli_parse_option(struct cli *c, char **rest, int nrest, int *i)
{
	const struct cli_cmd *cmd = c->cmd;
	const char *a = rest[*i];
	const char *name = a + (a[1] == '-' ? 2 : 1);
	const char *eq = strchr(name, '=');
	int arg, idx = cli_opt_index(cmd->opts, name,
	    eq ? (size_t)(eq - name) : strlen(name), &arg);

	if (idx < 0) {
		cli_fail("%s: unknown option '%.40s' (see 'warroom %s --help')",
		    cmd->name, a, cmd->name);
		return -1;
	}
	if (c->optset[idx]) {
		cli_fail("%s: option '%.40s' given twice", cmd->name, a);
		return -1;
	}
	c->optset[idx] = 1;
	if (!arg) {
		if (eq == NULL)
			return 0;
		cli_fail("%s: option '%.40s' takes no value", cmd->name, a);
		return -1;
	}
	if (eq != NULL)
		c->opt[idx] = eq + 1;
	else if (*i + 1 < nrest && rest[*i + 1] != NULL)
		c->opt[idx] = rest[++*i];
	else {
		cli_fail("%s: option '%.40s' needs a value", cmd->name, a);
		return -1;
	}
	return 0;
}

/* The second pass: the command's options and positional arguments. 0, or
 * -1 with the error printed. */
static int
cli_parse_args(struct cli *c, char **rest, int nrest)
{
	const struct cli_cmd *cmd = c->cmd;
	int i;

	for (i = 0; i < nrest; i++) {
		const char *a = rest[i];

		if (a == NULL) /* after "--": the next one is positional */
			a = rest[++i];
		else if (a[0] == '-' && a[1] != '\0' &&
		    !(a[1] >= '0' && a[1] <= '9')) {
			if (cli_parse_option(c, rest, nrest, &i) != 0)
				return -1;
			continue;
		}
		if (c->npos >= cmd->maxpos || c->npos >= CLI_MAX_POS) {
			cli_fail("%s: unexpected argument '%.40s' (quote text "
			    "with spaces; see 'warroom %s --help')", cmd->name,
			    a, cmd->name);
			return -1;
		}
		c->pos[c->npos++] = a;
	}
	if (c->npos < cmd->minpos) {
		cli_fail("usage: warroom %s %s", cmd->name, cmd->usage);
		return -1;
	}
	return 0;
}

/* Split argv into global options, the command, and its arguments: 0, 1
 * after printing the help asked for, or -1 with the error printed. */
static int
cli_parse(struct cli *c, int argc, char **argv, int *help)
{
	const struct cli_cmd *cmd = NULL;
	char **rest = xcalloc((size_t)argc * 2 + 1, sizeof *rest);
	int nrest = 0, rc = 1;

	*help = 0;
	if (cli_parse_global(c, argc, argv, rest, &nrest, &cmd, help) != 0)
		rc = -1;
	else if (cmd == NULL && *help)
		cli_usage();
	else {
		/* No command: the screen. */
		c->cmd = cmd != NULL ? cmd : cli_find("tui");
		if (*help)
			cli_cmd_help(c->cmd);
		else
			rc = cli_parse_args(c, rest, nrest);
	}
	free(rest);
	return rc;
}

int
cli_open(struct cli *c, enum cli_needs needs)
{
	const char *env = getenv("WARROOM_DB");
	int flags;
	char *dflt = NULL;

	if (c->db_path == NULL && env != NULL && *env != '\0')
		c->db_path = env;
	if (c->db_path == NULL) {
		dflt = store_default_path();
		c->db_path = dflt;
		c->db_default = 1;
	}
	if (*c->db_path == '\0')
		return cli_fail("--db needs a path");
	flags = needs == CLI_DB_READ ? STORE_RO : STORE_RW;
	if (needs == CLI_DB_CREATE)
		flags |= STORE_CREATE;
	c->st = store_open(c->db_path, flags, c->err);
	if (c->st == NULL) {
		/* Read-only commands work for anyone who can read the file,
		 * including when the -wal/-shm need a writer first. */
		int rc = cli_error(c);

		free(dflt);
		c->db_path = NULL;
		return rc;
	}
	if (store_created(c->st))
		fprintf(stderr, "warroom: created database %s\n", c->db_path);
	if (dflt != NULL)
		c->db_path = store_path(c->st); /* lives as long as the store */
	free(dflt);
	return 0;
}

int
cli_named_incident(const struct cli *c, int64_t *id)
{
	const char *v = c->incident_arg, *what = "--incident";
	char *end;
	long long n;

	*id = 0;
	if (v == NULL) {
		v = getenv("WARROOM_INCIDENT");
		if (v == NULL || *v == '\0')
			return 0;
		what = "WARROOM_INCIDENT";
	}
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || n <= 0)
		return cli_fail("%s needs an incident number, not '%.40s'",
		    what, v);
	*id = n;
	return 0;
}

int
cli_incident_exists(struct cli *c, int64_t id)
{
	int found = incident_exists(c->st, id, c->err);

	if (found < 0)
		return cli_error(c);
	if (found == 0)
		return cli_fail("no incident #%lld; 'warroom list' shows them",
		    (long long)id);
	return 0;
}

static enum cli_needs cli_needs_for(const struct cli *c);

/* What a command may do with the newest incident when none is open (and
 * none is named). The live response (log, phase back to an open phase,
 * severity, the tracks, the board, decisions, updates, snooze) is refused:
 * a new problem's notes must not go into a closed incident unseen. */
enum cli_closed {
	CLOSED_REFUSE,
	CLOSED_READ,  /* reading that shows the incident (status, export) */
	CLOSED_SAY,   /* reading or retrospective work: said on stderr */
};

static enum cli_closed
cli_on_closed(const struct cli *c)
{
	const char *name = c->cmd->name;
	int to;

	if (strcmp(name, "status") == 0 || strcmp(name, "export") == 0)
		return CLOSED_READ;
	/* The retrospective belongs to the closed incident; an action's ID
	 * names its own (cmd_action says which). */
	if (strcmp(name, "action") == 0)
		return c->npos > 0 && (strcmp(c->pos[0], "done") == 0 ||
		    strcmp(c->pos[0], "reopen") == 0 || strcmp(c->pos[0],
		    "edit") == 0) ? CLOSED_READ : CLOSED_SAY;
	if (strcmp(name, "phase") == 0) {
		to = c->npos > 0 ? phase_parse(c->pos[0]) : -1;
		return to == PHASE_RESOLVED || to == PHASE_RETROSPECTIVE ?
		    CLOSED_SAY : CLOSED_REFUSE;
	}
	/* interval with no option, update --list/--preview/--template. */
	return cli_needs_for(c) == CLI_DB_READ ? CLOSED_SAY : CLOSED_REFUSE;
}

/* The incident incident_pick found with none open is closed: refused for
 * the live response, else said which unless the output shows it. */
static int
cli_closed_pick(struct cli *c)
{
	char line[400];
	int closed = incident_closed(c->st, c->incident, wr_now(), line,
	    sizeof line);

	if (closed < 0)
		return cli_fail("%s", line);
	if (closed == 0)
		return 0;
	switch (cli_on_closed(c)) {
	case CLOSED_READ:
		return 0;
	case CLOSED_SAY:
		(void)cli_fail("no incident is open: acting on #%lld, the "
		    "newest (%s)", (long long)c->incident, line);
		return 0;
	default:
		return cli_fail("no incident is open (%s): declare a new one, "
		    "or add --incident %lld to write to #%lld", line,
		    (long long)c->incident, (long long)c->incident);
	}
}

/* The incident named, else the one incident_pick finds; never a guess
 * between several open ones, never a closed one for the live response. */
static int
cli_resolve_incident(struct cli *c)
{
	char msg[900];
	int64_t id;

	if (cli_named_incident(c, &id) != 0)
		return 1;
	if (id > 0) {
		if (cli_incident_exists(c, id) != 0)
			return 1;
		c->incident = id;
		return 0;
	}
	if (incident_pick(c->st, &id, msg, sizeof msg) != PICK_ONE)
		return cli_fail("%s", msg);
	c->incident = id;
	return cli_closed_pick(c);
}

/* Whether the command acts on an incident with these arguments: an
 * entry's history is found by the entry's own number. */
static int
cli_wants_incident(const struct cli *c)
{
	if (strcmp(c->cmd->name, "log") == 0 && cli_opt(c, "history") != NULL)
		return 0;
	return c->cmd->needs_incident;
}

/* What the command needs of the database with these arguments: listings
 * and previews of commands that otherwise write only read, so that someone
 * who may only read the file (a viewer) can run them. */
static enum cli_needs
cli_needs_for(const struct cli *c)
{
	const char *name = c->cmd->name;
	const char *sub = c->npos > 0 ? c->pos[0] : "";

	if (c->cmd->needs != CLI_DB_WRITE)
		return c->cmd->needs;
	if ((strcmp(name, "log") == 0 && cli_opt(c, "history") != NULL) ||
	    (strcmp(name, "update") == 0 && (cli_flag(c, "list") ||
	    cli_flag(c, "preview") || cli_flag(c, "template"))) ||
	    ((strcmp(name, "metric") == 0 || strcmp(name, "action") == 0) &&
	    strcmp(sub, "list") == 0) ||
	    (strcmp(name, "interval") == 0 && cli_opt(c, "checkin") == NULL &&
	    cli_opt(c, "update") == NULL))
		return CLI_DB_READ;
	return CLI_DB_WRITE;
}

static int
cli_run(int argc, char **argv)
{
	struct cli c = {0};
	int help, rc;
	char *as = NULL;

	if (cli_parse(&c, argc, argv, &help) != 0)
		return help ? 0 : 2;
	if (c.cmd->run == cmd_network && cli_network == NULL)
		return cli_handoff(c.cmd->name, argv);
	if ((as = cli_actor(&c)) == NULL)
		return cli_error(&c);
	c.as = as;
	if (c.cmd->needs != CLI_DB_NONE && cli_open(&c, cli_needs_for(&c))
	    != 0) {
		free(as);
		return 1;
	}
	if (cli_wants_incident(&c) && cli_resolve_incident(&c) != 0)
		rc = 1;
	else
		rc = c.cmd->run(&c);
	store_close(c.st);
	free(as);
	return rc;
}

int
cli_main(int argc, char **argv)
{
	char err[ERR_LEN] = "";
	int rc;

	/* Only the character set: wcwidth, mbrtowc and curses need it; no
	 * text is formatted by locale (times are numeric, numbers keep the
	 * '.' that config files and `metric` values are written with).
	 * LC_ALL opened and mapped a dozen files at every start. */
	setlocale(LC_CTYPE, "");
	/* Past a file-size limit (ulimit -f) a write should fail with EFBIG
	 * and a clear message, not kill us with SIGXFSZ. Likewise a closed
	 * pipe (warroom export | head): EPIPE and one line, not a silent
	 * death that a script cannot tell from success of a short output.
	 * (libcurl, with CURLOPT_NOSIGNAL, wants SIGPIPE ignored too.) */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	rc = output_finish(cli_run(argc, argv), err);
	if (err[0] != '\0')
		cli_fail("%s", err);
	return rc;
}
