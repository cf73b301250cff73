/* cli.h: the command line: global options, the command table, and what
 * every command gets. Commands live in cmd_*.c files, one per noun the
 * user types; all printing for the terminal is done in core/cli/. */
#ifndef WR_CLI_H
#define WR_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "base/util.h"

struct store;

#define CLI_MAX_OPTS 16
#define CLI_MAX_POS 8

/* What a command is given. */
struct cli {
	const char *db_path;    /* --db, $WARROOM_DB, or the default */
	int db_default;         /* db_path is the per-user default */
	const char *incident_arg; /* --incident as typed, NULL if absent */
	const char *as;         /* --as, else the Unix user */
	struct store *st;       /* opened according to the command's needs */
	int64_t incident;       /* resolved when the command needs one */
	const struct cli_cmd *cmd;
	/* Parsed arguments: positionals, then options by index in cmd->opts. */
	const char *pos[CLI_MAX_POS];
	int npos;
	const char *opt[CLI_MAX_OPTS];
	int optset[CLI_MAX_OPTS];
	char err[ERR_LEN];
};

enum cli_needs {
	CLI_DB_NONE,     /* no database */
	CLI_DB_READ,     /* existing database, read-only */
	CLI_DB_WRITE,    /* existing database, read-write */
	CLI_DB_CREATE,   /* read-write, created if missing */
};

struct cli_cmd {
	const char *name;
	int (*run)(struct cli *c);
	enum cli_needs needs;
	int needs_incident;
	const char *opts;    /* "severity=,note=,json" ('=' takes a value) */
	int minpos, maxpos;
	const char *usage;   /* "TITLE [--severity SEV]" */
	const char *help;    /* one paragraph */
};

int cli_main(int argc, char **argv);
/* The command table (for completion scripts): n rows. */
const struct cli_cmd *cli_commands(size_t *n);
/* Open the database (c->st) as a command needing `needs` would have it
 * opened: for a command that checks its input before it opens (or creates)
 * the file. 0, or 1 with the error printed. */
int cli_open(struct cli *c, enum cli_needs needs);

/* The value of option name (as spelled in cmd->opts), NULL if not given. */
const char *cli_opt(const struct cli *c, const char *name);
int cli_flag(const struct cli *c, const char *name);
/* Print "warroom: msg" on stderr; returns 1 (the exit status). */
int cli_fail(const char *fmt, ...) WR_PRINTF(1, 2);
/* Print the error in c->err; returns 1. */
int cli_error(struct cli *c);
/* The exit status after a call that returned rc and filled c->err: 0, or
 * 1 with the error printed. */
int cli_result(struct cli *c, int rc);
/* What a command that makes a record prints: its id; or, when id < 0, the
 * error in c->err. The exit status. */
int cli_print_id(struct cli *c, int64_t id);
/* The incident named by --incident, else $WARROOM_INCIDENT: 0 with *id
 * (0 when neither names one), 1 after saying what is wrong with it. */
int cli_named_incident(const struct cli *c, int64_t *id);
/* 0 when incident id exists, else 1 after saying what is wrong. */
int cli_incident_exists(struct cli *c, int64_t id);
/* authority_check for the acting person (c->as) in incident inc: 0, or 1
 * with the refusal printed. action is an enum auth_action. */
int cli_authority(struct cli *c, int64_t inc, int action);
/* Parse an enum option value or fail with the list; -1 printed. */
int cli_enum(const char *what, const char *const *names, int n,
    const char *value);
/* The phase value names (English, or its Japanese heading), or -1
 * after a one-line error. */
int cli_phase(const char *value);

/* Take the time in option name (--at): parsed, and refused when it does
 * not exist, is the epoch, lies ahead of the clock, or lies more than a day
 * before detected (0: no incident yet) unless --allow-past was given. 0
 * (*out untouched when the option is absent), or 1 with the error printed.
 * cli_time_incident reads the detection time of incident inc first. */
int cli_time(struct cli *c, const char *name, int64_t detected, int64_t *out);
int cli_time_incident(struct cli *c, const char *name, int64_t inc,
    int64_t *out);

/* Screens: set by the binary's main so core/ does not depend on tui/. The
 * function gets the command ("tui", "view" or "demo") and returns the exit
 * status. */
extern int (*cli_screen)(struct cli *c);
/* The network: set by warroom-agent's main (main_agent.c), the binary that
 * links libcurl, to run `agent` and `config` (cmd_agent, cmd_config). Left
 * NULL, these commands are handed to warroom-agent by cli_handoff. */
extern int (*cli_network)(struct cli *c);
/* handoff.c: exec warroom-agent with argv (the arguments given to warroom),
 * beside this binary first, then on $PATH. Returns only when neither runs:
 * 1, after a one-line error naming cmd and what to install. */
int cli_handoff(const char *cmd, char **argv);

/* Commands, one file per noun the user types (cmd_NOUN.c). */
/* cmd_init.c: the database */
int cmd_init(struct cli *c);
/* cmd_incident.c: the incident and its tracks */
int cmd_declare(struct cli *c);
int cmd_list(struct cli *c);
int cmd_phase(struct cli *c);
int cmd_severity(struct cli *c);
int cmd_impact(struct cli *c);
int cmd_comms(struct cli *c);
/* cmd_alert.c: the firing Alertmanager alerts the agent saw */
int cmd_alerts(struct cli *c);
/* cmd_status.c */
int cmd_status(struct cli *c);
/* cmd_timeline.c */
int cmd_log(struct cli *c);
int cmd_edit(struct cli *c);
int cmd_delete(struct cli *c);
int cmd_undelete(struct cli *c);
int cmd_pin(struct cli *c);
int cmd_unpin(struct cli *c);
/* cmd_board.c: responders, assignments, check-ins and their interval */
int cmd_join(struct cli *c);
int cmd_handoff(struct cli *c);
int cmd_assign(struct cli *c);
int cmd_checkin(struct cli *c);
int cmd_done(struct cli *c);
int cmd_dismiss(struct cli *c);
int cmd_interval(struct cli *c);
/* cmd_update.c: status updates and their delivery */
int cmd_update(struct cli *c);
int cmd_snooze(struct cli *c);
/* cmd_metric.c */
int cmd_metric(struct cli *c);
/* cmd_agent.c and cmd_config.c: in warroom-agent only (cli_network) */
int cmd_agent(struct cli *c);
int cmd_config(struct cli *c);
/* cmd_decide.c: decisions and sign-offs */
int cmd_decide(struct cli *c);
int cmd_signoff(struct cli *c);
/* cmd_release.c: deploys and flag changes */
int cmd_deploy(struct cli *c);
int cmd_flag(struct cli *c);
/* cmd_export.c: the postmortem document */
int cmd_export(struct cli *c);
int cmd_import(struct cli *c);
/* cmd_action.c: the retrospective's actions */
int cmd_action(struct cli *c);
/* cmd_backup.c: online backup and restore of the database file */
int cmd_backup(struct cli *c);
int cmd_restore(struct cli *c);
/* cmd_search.c and cmd_report.c: across incidents */
int cmd_search(struct cli *c);
int cmd_report(struct cli *c);
/* cmd_completion.c: shell completion scripts */
int cmd_completion(struct cli *c);
#endif
