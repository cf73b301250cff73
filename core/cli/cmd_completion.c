/* cmd_completion.c: shell completion for bash, zsh and fish, generated
 * from the command table (names, options, positional words) and the model's
 * name tables (phase, severity, role, kind...). Responder names are asked
 * of warroom itself at completion time: `warroom completion names`, which
 * reads the database read-only and prints nothing on any error. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "model/board.h"
#include "model/incident_pick.h"
#include "model/model.h"
#include "store/store.h"

/* What a word may be: an enum table, fixed words, the responders of the
 * incident (NAMES) or a file (FILES). */
#define NAMES "@names"
#define FILES "@files"

struct compl_vals {
	const char *key;  /* "--severity" for an option, "phase 0" for the
	                   * first positional of phase */
	const char *const *names;
	int n;
	const char *words; /* when names is NULL */
};

#define ENUM(k, t, n) {k, t, n, NULL}
#define WORDS(k, w) {k, NULL, 0, w}
static const struct compl_vals compl_vals[] = {
	ENUM("--severity", severity_names, SEV_COUNT),
	ENUM("severity 0", severity_names, SEV_COUNT),
	ENUM("--phase", phase_names, PHASE_COUNT),
	ENUM("phase 0", phase_names, PHASE_COUNT),
	ENUM("--role", role_names, ROLE_COUNT),
	ENUM("--kind", kind_names, KIND_COUNT),
	ENUM("--confidence", confidence_names, CONF_COUNT),
	ENUM("--audience", audience_names, AUD_COUNT),
	ENUM("--category", category_names, CAT_COUNT),
	ENUM("impact 0", impact_names, IMPACT_COUNT),
	ENUM("comms 0", comms_names, COMMS_COUNT),
	WORDS("--format", "md json"),
	WORDS("--rollback-safe", "yes no unknown"),
	WORDS("--demo", "errors latency cpu requests"),
	WORDS("metric 0", "add list remove"),
	WORDS("action 0", "add list done reopen edit"),
	WORDS("config 0", "check"),
	WORDS("config 1", FILES),
	WORDS("completion 0", "bash zsh fish"),
	WORDS("flag 1", "on off"),
	WORDS("assign 0", NAMES),
	WORDS("checkin 0", NAMES),
	WORDS("done 0", NAMES),
	WORDS("dismiss 0", NAMES),
	WORDS("handoff 0", NAMES),
	WORDS("--signoff", NAMES),
	WORDS("--owner", NAMES),
	WORDS("--as", NAMES),
	WORDS("--db", FILES),
	WORDS("-o", FILES),
	WORDS("backup 0", FILES),
	WORDS("restore 0", FILES),
	WORDS("import 0", FILES),
};

/* The words of v, space-separated, into b. */
static void
compl_words(struct buf *b, const struct compl_vals *v)
{
	int i;

	if (v->names == NULL) {
		buf_adds(b, v->words);
		return;
	}
	for (i = 0; i < v->n; i++)
		buf_addf(b, "%s%s", i ? " " : "", v->names[i]);
}

/* Option n of a "a=,b,c=" spec as "--a" ("-o" for one letter) into b;
 * *takes when it takes a value. 0, or -1 past the last. */
static int
compl_opt(const char *spec, int n, struct buf *b, int *takes)
{
	const char *p = spec;
	size_t len;

	while (n-- > 0 && *p != '\0') {
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	len = strcspn(p, ",");
	if (len == 0)
		return -1;
	*takes = p[len - 1] == '=';
	if (*takes)
		len--;
	buf_addf(b, "%s%.*s", len == 1 ? "-" : "--", (int)len, p);
	return 0;
}

/* Every option of cmd as "--a= --b" (= : takes a value) into b. */
static void
compl_opts(struct buf *b, const struct cli_cmd *cmd)
{
	int i, takes;

	buf_adds(b, "--help");
	for (i = 0;; i++) {
		struct buf o = {0};

		if (compl_opt(cmd->opts, i, &o, &takes) != 0) {
			buf_free(&o);
			break;
		}
		buf_addf(b, " %s%s", o.p, takes ? "=" : "");
		buf_free(&o);
	}
}

/* The command names, space-separated (those a person types). */
static void
compl_cmds(struct buf *b)
{
	size_t i, n;
	const struct cli_cmd *t = cli_commands(&n);

	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s", i ? " " : "", t[i].name);
}

/* A shell `case` body mapping each key of compl_vals to its words: for
 * bash and zsh (an echo) or fish (set w). */
static void
compl_cases(struct buf *b, int fish)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(compl_vals); i++) {
		struct buf w = {0};

		compl_words(&w, &compl_vals[i]);
		if (fish)
			buf_addf(b, "    case '%s'\n        set w '%s'\n",
			    compl_vals[i].key, w.p);
		else
			buf_addf(b, "  '%s') echo '%s' ;;\n", compl_vals[i].key,
			    w.p);
		buf_free(&w);
	}
}

/* The shell case mapping a command to its options. */
static void
compl_opt_cases(struct buf *b)
{
	size_t i, n;
	const struct cli_cmd *t = cli_commands(&n);

	for (i = 0; i < n; i++) {
		struct buf o = {0};

		compl_opts(&o, &t[i]);
		buf_addf(b, "  %s) echo '%s' ;;\n", t[i].name, o.p);
		buf_free(&o);
	}
}

/* The part of the bash and zsh functions that reads the words typed so far
 * (words 1..cword-1, arrays indexed from base): sets cmd, npos (positional
 * words of cmd before the current one), pass (--db/--incident to hand to
 * `completion names`). Shared: the syntax is the same in both shells. */
static const char compl_scan[] =
    "  local cmd='' npos=0 opts='' i w pass=''\n"
    "  while [ $i -lt $cword ]; do\n"
    "    w=${words[$i]}\n"
    "    case $w in\n"
    "    --db|--incident|--as)\n"
    "      [ $w = --as ] || pass=\"$pass $w ${words[$((i + 1))]}\"\n"
    "      i=$((i + 2)); continue ;;\n"
    "    -*)\n"
    "      case \" $opts \" in *\" $w= \"*) i=$((i + 1)) ;; esac ;;\n"
    "    *)\n"
    "      if [ -z \"$cmd\" ]; then cmd=$w; opts=$(_warroom_opts \"$cmd\")\n"
    "      else npos=$((npos + 1)); fi ;;\n"
    "    esac\n"
    "    i=$((i + 1))\n"
    "  done\n";

/* Functions common to bash and zsh: options per command, words per key. */
static void
compl_common(struct buf *b)
{
	buf_adds(b, "_warroom_opts() {\n  case $1 in\n");
	compl_opt_cases(b);
	buf_adds(b, "  esac\n}\n\n_warroom_words() {\n  case $1 in\n");
	compl_cases(b, 0);
	buf_adds(b, "  esac\n}\n\n");
}

/* The words for the current position: the value of option prev, else the
 * positional word npos of cmd, else (cur starting with '-') the options. */
static const char compl_pick[] =
    "  local key=''\n"
    "  case \" $opts --db= --incident= --as= \" in\n"
    "  *\" $prev= \"*) key=$prev ;;\n"
    "  esac\n"
    "  if [ -z \"$key\" ] && [ -z \"$cmd\" ]; then\n"
    "    case $cur in -*) want=\"--db --incident --as --help --version\" ;;\n"
    "    *) want=\"$_warroom_cmds\" ;; esac\n"
    "  elif [ -z \"$key\" ]; then\n"
    "    case $cur in -*) want=$(printf '%s' \"$opts\" | sed 's/=//g') ;;\n"
    "    *) want=$(_warroom_words \"$cmd $npos\") ;; esac\n"
    "  else\n"
    "    want=$(_warroom_words \"$key\")\n"
    "  fi\n"
    "  if [ \"$want\" = @names ]; then\n"
    "    names=$(command \"$prog\" $pass completion names 2>/dev/null)\n"
    "    want=''\n"
    "  fi\n";

static void
compl_bash(void)
{
	struct buf b = {0};

	buf_adds(&b, "# bash completion for warroom (warroom completion bash)\n"
	    "_warroom_cmds='");
	compl_cmds(&b);
	buf_adds(&b, "'\n\n");
	compl_common(&b);
	buf_adds(&b, "_warroom() {\n"
	    "  local cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD\n"
	    "  local prev=${COMP_WORDS[COMP_CWORD - 1]} want names=''\n"
	    "  local prog=${COMP_WORDS[0]} i=1\n"
	    "  local -a words=(\"${COMP_WORDS[@]}\")\n"
	    "  COMPREPLY=()\n");
	buf_adds(&b, compl_scan);
	buf_adds(&b, compl_pick);
	buf_adds(&b,
	    "  if [ \"$want\" = @files ]; then\n"
	    "    compopt -o filenames 2>/dev/null\n"
	    "    local IFS=$'\\n'\n"
	    "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
	    "  elif [ -n \"$names\" ]; then\n"
	    "    local IFS=$'\\n' n\n"
	    "    for n in $(compgen -W \"$names\" -- \"$cur\"); do\n"
	    "      COMPREPLY+=(\"$(printf '%q' \"$n\")\")\n"
	    "    done\n"
	    "  else\n"
	    "    COMPREPLY=($(compgen -W \"$want\" -- \"$cur\"))\n"
	    "  fi\n"
	    "}\n"
	    "complete -F _warroom warroom\n");
	output_text(b.p);
	buf_free(&b);
}

static void
compl_zsh(void)
{
	struct buf b = {0};

	buf_adds(&b, "#compdef warroom\n"
	    "# zsh completion for warroom (warroom completion zsh)\n"
	    "_warroom_cmds='");
	compl_cmds(&b);
	buf_adds(&b, "'\n\n");
	compl_common(&b);
	buf_adds(&b, "_warroom() {\n"
	    "  local cur=${words[CURRENT]} cword=$CURRENT\n"
	    "  local prev=${words[CURRENT-1]} want names=''\n"
	    "  local prog=${words[1]} i=2\n");
	buf_adds(&b, compl_scan);
	buf_adds(&b, compl_pick);
	buf_adds(&b,
	    "  if [ \"$want\" = @files ]; then\n"
	    "    _files\n"
	    "  elif [ -n \"$names\" ]; then\n"
	    "    compadd -- ${(f)names}\n"
	    "  else\n"
	    "    compadd -- ${=want}\n"
	    "  fi\n"
	    "}\n"
	    "\n"
	    "if [ \"$funcstack[1]\" = _warroom ]; then\n"
	    "  _warroom \"$@\"\n"
	    "else\n"
	    "  compdef _warroom warroom\n"
	    "fi\n");
	output_text(b.p);
	buf_free(&b);
}

/* fish: declarative lines; positional words by command (the position is
 * not counted: fish offers each command's words after it). */
static void
compl_fish_cmd(struct buf *b, const struct cli_cmd *cmd)
{
	int i, takes;
	size_t k, klen = strlen(cmd->name);

	for (i = 0;; i++) {
		struct buf o = {0};
		const char *val = NULL;

		if (compl_opt(cmd->opts, i, &o, &takes) != 0) {
			buf_free(&o);
			break;
		}
		for (k = 0; k < ARRAY_LEN(compl_vals); k++)
			if (strcmp(compl_vals[k].key, o.p) == 0)
				val = compl_vals[k].key;
		buf_addf(b, "complete -c warroom -n '__fish_seen_subcommand_from "
		    "%s' %s %s%s%s%s\n", cmd->name, o.p[1] == '-' ? "-l" : "-o",
		    o.p + (o.p[1] == '-' ? 2 : 1), takes ? " -r" : "",
		    val ? " -a '(__warroom_words " : "", val ? val : "");
		if (val)
			buf_adds(b, ")'");
		buf_adds(b, "\n");
		buf_free(&o);
	}
	for (k = 0; k < ARRAY_LEN(compl_vals); k++)
		if (strncmp(compl_vals[k].key, cmd->name, klen) == 0 &&
		    compl_vals[k].key[klen] == ' ')
			buf_addf(b, "complete -c warroom -n "
			    "'__fish_seen_subcommand_from %s' -a "
			    "'(__warroom_words \"%s\")'\n", cmd->name,
			    compl_vals[k].key);
}

static void
compl_fish(void)
{
	struct buf b = {0};
	size_t i, n;
	const struct cli_cmd *t = cli_commands(&n);

	buf_adds(&b, "# fish completion for warroom (warroom completion fish)\n"
	    "function __warroom_words\n"
	    "    set -l w\n"
	    "    switch $argv[1]\n");
	compl_cases(&b, 1);
	buf_adds(&b, "    end\n"
	    "    switch \"$w\"\n"
	    "    case @names\n"
	    "        command warroom completion names 2>/dev/null\n"
	    "    case @files\n"
	    "        __fish_complete_path (commandline -ct)\n"
	    "    case '*'\n"
	    "        string split ' ' -- $w\n"
	    "    end\n"
	    "end\n"
	    "complete -c warroom -f\n"
	    "complete -c warroom -l db -r -F\n"
	    "complete -c warroom -l incident -x\n"
	    "complete -c warroom -l as -x -a '(__warroom_words --as)'\n"
	    "complete -c warroom -n __fish_use_subcommand -a '");
	compl_cmds(&b);
	buf_adds(&b, "'\n");
	for (i = 0; i < n; i++)
		compl_fish_cmd(&b, &t[i]);
	output_text(b.p);
	buf_free(&b);
}

/* The responders of the incident named (--incident, $WARROOM_INCIDENT) or
 * the one a command would pick, one a line; silent on every error. */
static int
compl_names(struct cli *c)
{
	const char *path = c->db_path, *named = c->incident_arg;
	char err[ERR_LEN], msg[256], *dflt = NULL;
	struct store *st;
	struct responder *r = NULL;
	int64_t inc = 0;
	int n = 0, i;

	if (named == NULL)
		named = getenv("WARROOM_INCIDENT");
	if (path == NULL)
		path = getenv("WARROOM_DB");
	if (path == NULL || *path == '\0')
		path = dflt = store_default_path();
	st = store_open(path, STORE_RO, err);
	free(dflt);
	if (st == NULL)
		return 0;
	if (named != NULL && *named != '\0')
		inc = strtoll(named, NULL, 10);
	else if (incident_pick(st, &inc, msg, sizeof msg) == PICK_ERROR)
		inc = 0;
	if (inc > 0 && board_load(st, inc, wr_now(), 0, &r, &n, err) == 0) {
		for (i = 0; i < n; i++)
			if (r[i].state != RSTATE_DISMISSED)
				output_line("%s", r[i].name);
		board_free(r, n);
	}
	store_close(st);
	return 0;
}

int
cmd_completion(struct cli *c)
{
	const char *shell = c->pos[0];

	if (strcmp(shell, "bash") == 0)
		compl_bash();
	else if (strcmp(shell, "zsh") == 0)
		compl_zsh();
	else if (strcmp(shell, "fish") == 0)
		compl_fish();
	else if (strcmp(shell, "names") == 0)
		return compl_names(c);
	else
		return cli_fail("completion: unknown shell '%.40s' (use one "
		    "of: bash, zsh, fish)", shell);
	return 0;
}
