/* demo.c: `warroom demo`: seed a realistic incident (SEV2, a board with one
 * idle and one stale responder, Japanese text, a phase change, demo metric
 * series) into a scratch database, and run the agent that feeds it. */
#include "cli/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/board.h"
#include "model/decision.h"
#include "model/incident.h"
#include "model/model.h"
#include "store/store.h"
#include "model/timeline.h"
#include "base/text.h"
#include "base/util.h"

char *
demo_default_path(void)
{
	const char *run = getenv("XDG_RUNTIME_DIR");

	if (run != NULL && *run == '/')
		return xasprintf("%s/warroom-demo/demo.db", run);
	return xasprintf("/tmp/warroom-demo-%lu/demo.db",
	    (unsigned long)getuid());
}

/* The demo's past: every write below happens "at" a time minutes ago. */
static int64_t demo_t0;

static void
demo_at(int minutes_ago)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)(demo_t0 - minutes_ago * 60));
	setenv("WARROOM_NOW", v, 1);
}

struct demo_entry {
	int ago; /* minutes */
	int kind, confidence;
	const char *author, *text, *source;
};

static const struct demo_entry demo_entries[] = {
	{41, KIND_EVENT, CONF_CONFIRMED, "pagerduty",
	    "Alert: checkout 5xx rate above 5% for 3 minutes", "pagerduty"},
	{38, KIND_ACTION, CONF_CONFIRMED, "alice",
	    "Declared SEV2, opened the war room, paged on-call DB", ""},
	{36, KIND_EVENT, CONF_LIKELY, "田中",
	    "決済APIのエラー率が急上昇、東京リージョンのみ", "grafana"},
	{33, KIND_EVENT, CONF_CONFIRMED, "bob",
	    "checkout-api v2.14.0 finished rolling out at 09:12", "deploy log"},
	{29, KIND_NOTE, CONF_UNVERIFIED, "erin",
	    "Support reports card payments failing, wallets fine", "zendesk"},
	{24, KIND_EVENT, CONF_LIKELY, "田中",
	    "DB 接続プールが枯渇している (checkout-db-2)", "db metrics"},
	{15, KIND_ACTION, CONF_CONFIRMED, "bob",
	    "Rollback of checkout-api to v2.13.0 started", "deploy log"},
	{6, KIND_EVENT, CONF_LIKELY, "田中", "エラー率が低下し始めた",
	    "grafana"},
	{3, KIND_UPDATE, CONF_CONFIRMED, "carol",
	    "Status page: payments degraded in Japan, fix rolling out",
	    "statuspage"},
};

struct demo_series {
	const char *name, *query, *unit;
	double warn, crit;
	int interval;
};

static const struct demo_series demo_series[] = {
	/* Queries are the curves of the demo generator (core/agent/src_demo.c). */
	{"http 5xx rate", "errors", "%", 2, 5, 5},
	{"p99 latency", "latency", "ms", 500, 800, 5},
	{"api cpu", "cpu", "%", 70, 90, 5},
	{"requests", "requests", "/s", NAN, NAN, 5},
};

/* Who joins the response and with what assignment, in order. */
struct demo_person {
	int ago;          /* minutes */
	const char *name;
	int role;         /* -1: already in (the commander) */
	const char *purpose, *task; /* NULL: no assignment */
};

static const struct demo_person demo_people[] = {
	{38, "alice", -1, "run the response",
	    "coordinate, decide, keep the clock"},
	{37, "erin", ROLE_SCRIBE, "a timeline we can trust",
	    "log events with their sources"},
	{35, "田中", ROLE_OPS, "原因の特定", "DB 接続プールのログを確認"},
	{34, "dave", ROLE_RESPONDER, NULL, NULL},
	{20, "carol", ROLE_COMMS, "keep users informed",
	    "status page every 30 min"},
	{16, "bob", ROLE_OPS, "stop the bleeding",
	    "roll back checkout-api to v2.13.0"},
};

/* Recent check-ins; 田中 has not reported for 18 minutes: stale. */
static const struct {
	int ago;
	const char *name;
} demo_checkins[] = {
	{18, "田中"}, {4, "alice"}, {4, "carol"}, {2, "bob"}, {2, "erin"},
};

static int
demo_board(struct store *st, int64_t inc, char *err)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(demo_people); i++) {
		const struct demo_person *p = &demo_people[i];

		demo_at(p->ago);
		if (p->role >= 0 && board_join(st, inc, p->name, p->role,
		    DEMO_COMMANDER, err) != 0)
			return -1;
		if (p->purpose != NULL && board_assign(st, inc, p->name,
		    p->purpose, p->task, DEMO_COMMANDER, err) != 0)
			return -1;
	}
	return 0;
}

static int
demo_timeline(struct store *st, int64_t inc, char *err)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(demo_entries); i++) {
		const struct demo_entry *d = &demo_entries[i];
		struct entry e = {0};

		e.event_time = demo_t0 - d->ago * 60;
		e.kind = d->kind;
		e.confidence = d->confidence;
		e.author = (char *)(uintptr_t)d->author;
		e.text = (char *)(uintptr_t)d->text;
		e.source = (char *)(uintptr_t)d->source;
		demo_at(d->ago);
		if (timeline_add(st, inc, &e, err) < 0)
			return -1;
	}
	return 0;
}

/* The release the incident began with, and the decision to roll it back,
 * recorded as warroom records them (not as loose entries). */
static int
demo_rollback(struct store *st, int64_t inc, char *err)
{
	struct decision_new dn = {0};

	if (release_deploy(st, inc, "v2.14.0", SAFE_YES, demo_t0 - 45 * 60,
	    "https://ci.example/checkout-api/2140", "deploy-bot", err) < 0)
		return -1;
	demo_at(17);
	dn.text = "Roll back checkout-api to v2.13.0 (no schema change)";
	dn.reason = "5xx began with v2.14.0; v2.13.0 was healthy";
	dn.risk = "orders in flight are retried by the client";
	dn.author = "alice";
	dn.release = "v2.14.0";
	return decision_add(st, inc, &dn, err) < 0 ? -1 : 0;
}

/* The phase and the impact as the response went, users told. */
static int
demo_tracks(struct store *st, int64_t inc, char *err)
{
	demo_at(30);
	if (incident_set_phase(st, inc, PHASE_INVESTIGATING, NULL, "alice",
	    err) != 0 || incident_set_impact(st, inc, IMPACT_ASSESSING,
	    "card payments in Japan", "alice", err) != 0)
		return -1;
	demo_at(12);
	if (incident_set_phase(st, inc, PHASE_MITIGATING, "rollback decided",
	    "alice", err) != 0 || incident_set_impact(st, inc, IMPACT_KNOWN,
	    "card payments fail for ~30% of users in Japan", "alice", err)
	    != 0)
		return -1;
	demo_at(3);
	return incident_set_comms(st, inc, COMMS_TOLD, "carol", err);
}

static int
demo_checkin(struct store *st, int64_t inc, char *err)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(demo_checkins); i++) {
		demo_at(demo_checkins[i].ago);
		if (board_checkin(st, inc, demo_checkins[i].name,
		    DEMO_COMMANDER, err) != 0)
			return -1;
	}
	return 0;
}

static int
demo_add_series(struct store *st, char *err)
{
	static const char ins_series[] = "INSERT INTO series (name, source, "
	    "query, unit, warn, crit, interval) VALUES (?1, 'demo', ?2, ?3, "
	    "?4, ?5, ?6)";
	size_t i;

	for (i = 0; i < ARRAY_LEN(demo_series); i++) {
		const struct demo_series *d = &demo_series[i];
		sqlite3_stmt *s = store_stmt(st, ins_series);

		sqlite3_bind_text(s, 1, d->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, d->query, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, d->unit, -1, SQLITE_STATIC);
		sqlite3_bind_double(s, 4, d->warn);
		sqlite3_bind_double(s, 5, d->crit);
		sqlite3_bind_int(s, 6, d->interval);
		if (store_exec_stmt(st, s, err) != 0)
			return -1;
	}
	return 0;
}

static int
demo_fill(struct store *st, char *err)
{
	int64_t inc;

	demo_at(41);
	inc = incident_declare(st, "Checkout API returning 5xx in "
	    "ap-northeast-1", SEV2, DEMO_COMMANDER, 0, err);
	if (inc < 0 || demo_board(st, inc, err) != 0 ||
	    demo_timeline(st, inc, err) != 0 ||
	    demo_rollback(st, inc, err) != 0 ||
	    demo_tracks(st, inc, err) != 0 || demo_checkin(st, inc, err) != 0)
		return -1;
	return demo_add_series(st, err);
}

static void
demo_unlink(const char *path)
{
	static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(ext); i++) {
		char *p = xasprintf("%s%s", path, ext[i]);

		unlink(p);
		free(p);
	}
}

int
demo_seed(const char *path, int replace, char *err)
{
	const char *was = getenv("WARROOM_NOW");
	char *saved = was != NULL ? xstrdup(was) : NULL;
	struct store *st;
	struct stat sb;
	int rc;

	if (replace) {
		/* The default folder is in a shared place like /tmp: it must
		 * be ours and closed to others before we write into it. */
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');

		if (slash != NULL && slash != dir)
			*slash = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			err_set(err, "%s: %s", dir, strerror(errno));
			free(dir);
			free(saved);
			return -1;
		}
		if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
		    sb.st_uid != getuid() || (sb.st_mode & 022) != 0) {
			err_set(err, "%s is not a private folder of yours; "
			    "remove it or use --db PATH", dir);
			free(dir);
			free(saved);
			return -1;
		}
		free(dir);
	}
	if (stat(path, &sb) == 0) {
		if (!replace) {
			err_set(err, "%s exists; the demo needs a new file "
			    "(remove it or pick another --db)", path);
			free(saved);
			return -1;
		}
		demo_unlink(path);
	}
	st = store_open(path, STORE_RW | STORE_CREATE, err);
	if (st == NULL) {
		free(saved);
		return -1;
	}
	demo_t0 = wr_now();
	rc = demo_fill(st, err);
	if (saved != NULL)
		setenv("WARROOM_NOW", saved, 1);
	else
		unsetenv("WARROOM_NOW");
	free(saved);
	store_close(st);
	return rc;
}

struct store *
demo_open(const char *path, char *err)
{
	return store_open(path, STORE_RW, err);
}

pid_t
demo_agent_start(const char *path, const char *log, char *err)
{
	pid_t pid;
	int fd;

	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(err, "%s: %s", log, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		err_set(err, "cannot start the agent: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		/* Nothing of the agent may reach the screen's terminal. */
		if (nul >= 0)
			dup2(nul, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		setpgid(0, 0); /* a Ctrl-C meant for us is not for it */
		execl("/proc/self/exe", "warroom", "--db", path, "agent",
		    (char *)NULL);
		dprintf(2, "warroom demo: cannot run the agent: %s\n",
		    strerror(errno));
		_exit(127);
	}
	close(fd);
	return pid;
}

void
demo_agent_stop(pid_t pid)
{
	int i, status;

	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	/* The agent ends within its poll; wait up to 3 s, then kill. */
	for (i = 0; i < 300; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return;
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}
