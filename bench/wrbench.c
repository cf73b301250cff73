/* wrbench.c: the benchmark driver. Runs real `warroom view` processes (and
 * tmux and htop beside them) under pseudo-terminals of a fixed size, reads
 * their output streams, and prints what it measured as one JSON line;
 * bench/run.py turns those lines into the table and docs/PERFORMANCE.md. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/board.h"
#include "agent/collect.h"
#include "base/config.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "model/search.h"
#include "store/store.h"
#include "model/timeline.h"
#include "model/timeline_row.h"
#include "base/util.h"

#define BENCH_TTY_MAX 256 /* 200 viewers and a tmux client */
#define BENCH_WANT_MAX 64
/* The right end of the status bar, drawn last. Not its last cell: a
 * terminal's bottom-right cell may be written out of order (tmux writes
 * it with insert-character). */
#define BENCH_SENTINEL "? hel"
/* A literal where exec wants char *. */
#define BENCH_S(s) ((char *)(uintptr_t)(s))

/* One program under its own pseudo-terminal, and what it wrote so far. */
struct bench_tty {
	pid_t pid;
	int fd;
	uint64_t bytes;     /* everything read from it */
	int64_t last_us;    /* when the last bytes came */
	char want[BENCH_WANT_MAX]; /* searched for in the raw stream */
	size_t want_len;
	int64_t seen_us;    /* when want was seen; 0 not yet */
	char tail[BENCH_WANT_MAX]; /* the last bytes, for a match across reads */
	size_t tail_len;
	int eof;
	int dump;           /* WRBENCH_DUMP: a copy of the stream, or -1 */
};

/* Options shared by the subcommands. */
struct bench_opt {
	const char *warroom, *db, *dir, *db2;
	int rows, cols, viewers, changes, reps, scrolls, seconds, series;
	int entries, responders, rounds, tmux, htop, bytes;
	int burst; /* the newest this many entries share one second */
	const char *as; /* `log`: the responder who writes */
};

static struct bench_tty bench_ttys[BENCH_TTY_MAX];
static int bench_ntty;
static char bench_tmux_sock[512]; /* a tmux server to stop, or "" */

static int64_t
bench_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The environment every screen gets: a fixed terminal type and locale. */
static void
bench_term_env(void)
{
	setenv("TERM", "xterm-256color", 1);
	setenv("LANG", "C.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	unsetenv("COLUMNS");
	unsetenv("LINES");
	unsetenv("NO_COLOR");
	unsetenv("TMUX");
}

/* Start argv under a new pty of rows x cols. Returns its slot. */
static struct bench_tty *
bench_spawn(char *const argv[], int rows, int cols)
{
	struct winsize ws = {0};
	struct bench_tty *t;
	pid_t pid;
	int fd;

	if (bench_ntty == BENCH_TTY_MAX)
		fatal("too many terminals");
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		fatal("forkpty: %s", strerror(errno));
	if (pid == 0) {
		bench_term_env();
		execvp(argv[0], argv);
		fprintf(stderr, "wrbench: cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	/* Later children must not hold this terminal open. */
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	t = &bench_ttys[bench_ntty++];
	memset(t, 0, sizeof *t);
	t->pid = pid;
	t->fd = fd;
	t->dump = -1;
	if (getenv("WRBENCH_DUMP") != NULL) {
		char path[600];

		snprintf(path, sizeof path, "%s/tty-%d.out",
		    getenv("WRBENCH_DUMP"), (int)pid);
		t->dump = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0644);
	}
	return t;
}

static struct bench_tty *
bench_spawn_view(const struct bench_opt *o)
{
	char *argv[] = {BENCH_S(o->warroom), BENCH_S("--db"), BENCH_S(o->db),
	    BENCH_S("view"), NULL};

	return bench_spawn(argv, o->rows, o->cols);
}

static void
bench_want(struct bench_tty *t, const char *s)
{
	t->want_len = strlen(s);
	if (t->want_len >= BENCH_WANT_MAX)
		fatal("marker too long");
	memcpy(t->want, s, t->want_len + 1);
	t->seen_us = 0;
}

/* Bytes just read from t at time now: count them and look for the marker,
 * also across the boundary with the previous read. */
static void
bench_feed(struct bench_tty *t, const char *p, size_t n, int64_t now)
{
	static char joined[BENCH_WANT_MAX + 65536];
	size_t keep;

	t->bytes += n;
	t->last_us = now;
	if (t->dump >= 0 && write(t->dump, p, n) < 0) {
		close(t->dump);
		t->dump = -1;
	}
	if (t->want_len > 0 && t->seen_us == 0) {
		memcpy(joined, t->tail, t->tail_len);
		memcpy(joined + t->tail_len, p, n);
		if (memmem(joined, t->tail_len + n, t->want, t->want_len) != NULL)
			t->seen_us = now;
	}
	/* Keep the last bytes for a marker cut between two reads. */
	keep = BENCH_WANT_MAX - 1;
	if (n >= keep) {
		memcpy(t->tail, p + n - keep, keep);
		t->tail_len = keep;
	} else {
		size_t old = t->tail_len + n > keep ? keep - n : t->tail_len;

		memmove(t->tail, t->tail + t->tail_len - old, old);
		memcpy(t->tail + old, p, n);
		t->tail_len = old + n;
	}
}

/* Wait up to timeout_ms for output from any terminal and read all there is.
 * Returns the number of terminals that wrote. */
static int
bench_pump(int timeout_ms)
{
	struct pollfd fds[BENCH_TTY_MAX];
	int map[BENCH_TTY_MAX], n = 0, i, r, got = 0;
	char buf[65536];

	for (i = 0; i < bench_ntty; i++)
		if (!bench_ttys[i].eof) {
			fds[n] = (struct pollfd){bench_ttys[i].fd, POLLIN, 0};
			map[n++] = i;
		}
	if (n == 0) {
		if (timeout_ms > 0)
			usleep((useconds_t)timeout_ms * 1000);
		return 0;
	}
	r = poll(fds, (nfds_t)n, timeout_ms);
	if (r <= 0)
		return 0;
	for (i = 0; i < n; i++) {
		struct bench_tty *t = &bench_ttys[map[i]];
		ssize_t k;

		if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		while ((k = read(t->fd, buf, sizeof buf)) > 0)
			bench_feed(t, buf, (size_t)k, bench_us());
		if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR))
			t->eof = 1;
		got++;
	}
	return got;
}

/* Read until every terminal in list has shown its marker, or the deadline.
 * Returns how many have not. */
static int
bench_wait_seen(struct bench_tty **list, int n, int64_t deadline)
{
	for (;;) {
		int i, left = 0;
		int64_t now = bench_us();

		for (i = 0; i < n; i++)
			left += list[i]->seen_us == 0;
		if (left == 0 || now >= deadline)
			return left;
		bench_pump((int)((deadline - now + 999) / 1000));
	}
}

/* Read until no terminal has written for quiet_ms (at most max_ms). */
static void
bench_wait_quiet(int quiet_ms, int max_ms)
{
	int64_t end = bench_us() + (int64_t)max_ms * 1000;

	while (bench_us() < end)
		if (bench_pump(quiet_ms) == 0)
			return;
}

/* Read for ms milliseconds whatever comes. */
static void
bench_drain_for(int ms)
{
	int64_t end = bench_us() + (int64_t)ms * 1000;
	int64_t now;

	while ((now = bench_us()) < end)
		bench_pump((int)((end - now + 999) / 1000));
}

static void
bench_send(struct bench_tty *t, const char *s)
{
	size_t n = strlen(s);

	if (write(t->fd, s, n) != (ssize_t)n)
		fatal("writing to a terminal: %s", strerror(errno));
}

/* End every program: SIGTERM, read until the terminals close, reap. */
static void
bench_stop_all(void)
{
	int64_t end;
	int i, left;

	for (i = 0; i < bench_ntty; i++)
		kill(bench_ttys[i].pid, SIGTERM);
	end = bench_us() + 5000000;
	do {
		left = 0;
		bench_pump(50);
		for (i = 0; i < bench_ntty; i++)
			if (!bench_ttys[i].eof && waitpid(bench_ttys[i].pid, NULL,
			    WNOHANG) == 0)
				left++;
	} while (left > 0 && bench_us() < end);
	for (i = 0; i < bench_ntty; i++) {
		kill(bench_ttys[i].pid, SIGKILL);
		waitpid(bench_ttys[i].pid, NULL, 0);
		close(bench_ttys[i].fd);
		if (bench_ttys[i].dump >= 0)
			close(bench_ttys[i].dump);
	}
	bench_ntty = 0;
}

/* Run a program to its end (no terminal); 0 when it exited 0. */
static int
bench_run(char *const argv[])
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		bench_term_env();
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void bench_tmux_stop(void);

/* fatal(): say what each terminal showed last, and leave nothing running. */
static void
bench_on_fatal(void)
{
	int i;

	for (i = 0; i < bench_ntty; i++) {
		struct bench_tty *t = &bench_ttys[i];
		size_t k;

		fprintf(stderr, "wrbench: terminal %d (pid %d): %llu bytes, "
		    "%s '%s', last bytes: ", i, (int)t->pid,
		    (unsigned long long)t->bytes, t->seen_us ? "saw"
		    : "waiting for", t->want);
		for (k = 0; k < t->tail_len; k++)
			fputc(t->tail[k] >= 0x20 && t->tail[k] < 0x7f
			    ? t->tail[k] : '.', stderr);
		fputc('\n', stderr);
		kill(t->pid, SIGKILL);
	}
	bench_tmux_stop();
}

/* --- /proc ------------------------------------------------------------- */

/* utime + stime of a process, in clock ticks. */
static long long
bench_cpu_ticks(pid_t pid)
{
	char path[64], buf[2048], *p;
	unsigned long long ut = 0, stt = 0;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')'); /* the command name may hold spaces */
	if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u "
	    "%*u %*u %llu %llu", &ut, &stt) != 2)
		return -1;
	return (long long)(ut + stt);
}

/* Nanoseconds on a CPU (first field of /proc/PID/schedstat): finer than
 * the clock ticks of stat. The main thread only, which is the whole of
 * warroom and of htop. */
static long long
bench_cpu_ns(pid_t pid)
{
	char path[64];
	long long ns = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%lld", &ns) != 1)
		ns = -1;
	fclose(f);
	return ns;
}

/* A "Key:   N kB" (or plain N) line of /proc/PID/status. */
static long long
bench_status_field(pid_t pid, const char *key)
{
	char path[64], line[256];
	size_t klen = strlen(key);
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			v = strtoll(line + klen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* --- JSON out ---------------------------------------------------------- */

static void
bench_json_list(const char *name, const int64_t *v, int n)
{
	int i;

	printf(", \"%s\": [", name);
	for (i = 0; i < n; i++)
		printf("%s%lld", i ? ", " : "", (long long)v[i]);
	printf("]");
}

/* --- the database ------------------------------------------------------ */

static struct store *
bench_open(const char *path, int flags)
{
	char err[ERR_LEN];
	struct store *st = store_open(path, flags, err);

	if (st == NULL)
		fatal("%s", err);
	return st;
}

/* An hour of samples up to now for every series, as the agent would have
 * left them; refreshed before each run so the Metrics pane has data. */
static void
bench_fresh_samples(struct store *st, int64_t now)
{
	static const char del[] = "DELETE FROM sample";
	static const char ser[] = "SELECT id FROM series ORDER BY id";
	static const char ins[] = "INSERT INTO sample (series_id, t, v) "
	    "VALUES (?1, ?2, ?3)";
	static const char upd[] = "UPDATE series SET last_ok = ?1, "
	    "next_poll = ?1 + 86400";
	char err[ERR_LEN];
	int64_t *ids = NULL, t;
	int n = 0, cap = 0, i;
	sqlite3_stmt *s;

	s = store_stmt(st, ser);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			ids = xreallocarray(ids, (size_t)cap, sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	store_done(s);
	if (store_begin(st, err) != 0)
		fatal("%s", err);
	if (store_exec_stmt(st, store_stmt(st, del), err) != 0)
		fatal("%s", err);
	for (i = 0; i < n; i++)
		for (t = now - 3600 + 15; t <= now; t += 15) {
			s = store_stmt(st, ins);
			sqlite3_bind_int64(s, 1, ids[i]);
			sqlite3_bind_int64(s, 2, t - t % 15);
			sqlite3_bind_double(s, 3, 50 + 40 * sin((double)t / 300 +
			    i) + (double)(t % 7));
			if (store_exec_stmt(st, s, err) != 0)
				fatal("%s", err);
		}
	s = store_stmt(st, upd);
	sqlite3_bind_int64(s, 1, now);
	if (store_exec_stmt(st, s, err) != 0 || store_commit(st, err) != 0)
		fatal("%s", err);
	free(ids);
}

static const char *const bench_texts[] = {
	"checkout error rate above 5%% on eu-west (%d)",
	"restarted api-%d, watching latency",
	"rolled back deploy %d of payments-service; canary clean",
	"DB primary replication lag %d s, failover under discussion",
	"customer support reports login failures, ticket #%d",
	"決済APIのエラー率が上昇 (%d)、原因調査中",
	"paged the storage on-call; disk queue depth %d on db-3",
	"status page updated: degraded performance for EU users (%d)",
	"flag new-cart off at 14:02; error rate falling (%d)",
	("note %d: a slightly longer entry with context, links and the reason "
	    "we believe this is related to the cache eviction storm"),
};

/* A database with an incident, responders, series and entries timeline
 * entries, written in one transaction: a second apart, except the newest
 * burst ones, which share the last second (an alert flood). */
static int
bench_gen(const struct bench_opt *o)
{
	static const char ins[] = "INSERT INTO entry (incident_id, event_time, "
	    "recorded, author, kind, text, source, confidence) VALUES (?1, ?2, "
	    "?2, ?3, ?4, ?5, ?6, ?7)";
	static const char *const authors[] = {"alice", "bob", "carol", "dave",
	    "erin", "frank", "grace", "heidi"};
	static const char *const curves[] = {"errors", "latency", "cpu",
	    "requests"};
	static const int kinds[] = {KIND_EVENT, KIND_ACTION, KIND_NOTE,
	    KIND_EVENT, KIND_UPDATE, KIND_EVENT, KIND_ACTION, KIND_NOTE};
	struct store *st;
	sqlite3_stmt *s;
	char err[ERR_LEN], text[256], name[64];
	int64_t now = wr_now(), inc, start;
	int i;

	st = bench_open(o->db, STORE_RW | STORE_CREATE);
	/* The newest generated second ten minutes ago: a burst is in the
	 * last hour, where the Metrics pane's markers look. */
	start = now - (o->entries - o->burst) - 600;
	inc = incident_declare(st, "bench: checkout errors in eu-west", SEV2,
	    "alice", start, err);
	if (inc < 0)
		fatal("%s", err);
	for (i = 0; i < o->responders; i++) {
		snprintf(name, sizeof name, "%s%s", authors[i % 8],
		    i >= 8 ? "2" : "");
		/* alice declared, so she is already the commander. */
		if (i > 0 && board_join(st, inc, name, i == 1 ? ROLE_SCRIBE
		    : ROLE_OPS, "alice", err) != 0)
			fatal("%s", err);
		if (i % 3 != 2 && board_assign(st, inc, name, "find the cause",
		    "read the logs of the api tier", "alice", err) != 0)
			fatal("%s", err);
	}
	for (i = 0; i < o->series; i++) {
		snprintf(name, sizeof name, "%s-%02d", curves[i % 4], i);
		if (metrics_add(st, name, SRC_DEMO, curves[i % 4], i % 4 == 1
		    ? "ms" : "", NAN, NAN, 15, collect_check_query, err) < 0)
			fatal("%s", err);
	}
	if (store_begin(st, err) != 0)
		fatal("%s", err);
	for (i = 0; i < o->entries; i++) {
		const char *fmt = bench_texts[i % ARRAY_LEN(bench_texts)];

		/* The format strings are the table above. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
		snprintf(text, sizeof text, fmt, i);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
		s = store_stmt(st, ins);
		sqlite3_bind_int64(s, 1, inc);
		sqlite3_bind_int64(s, 2, start + (i < o->entries - o->burst ? i
		    : o->entries - o->burst));
		sqlite3_bind_text(s, 3, authors[i % 8], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, kind_names[kinds[i % 8]], -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 5, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, i % 5 == 0 ? "grafana" : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 7, confidence_names[i % 11 == 0
		    ? CONF_LIKELY : CONF_CONFIRMED], -1, SQLITE_STATIC);
		if (store_exec_stmt(st, s, err) != 0)
			fatal("%s", err);
	}
	if (store_commit(st, err) != 0)
		fatal("%s", err);
	bench_fresh_samples(st, now);
	/* A long-lived database has been checkpointed many times: start from
	 * an empty -wal, not one holding the whole generation. */
	s = store_stmt(st, "PRAGMA wal_checkpoint(TRUNCATE)");
	(void)sqlite3_step(s);
	store_done(s);
	store_close(st);
	printf("{\"bench\": \"gen\", \"entries\": %d, \"series\": %d, "
	    "\"burst\": %d}\n", o->entries, o->series, o->burst);
	return 0;
}

static int
bench_refresh(const struct bench_opt *o)
{
	struct store *st = bench_open(o->db, STORE_RW);

	bench_fresh_samples(st, wr_now());
	store_close(st);
	printf("{\"bench\": \"refresh\"}\n");
	return 0;
}

/* --- propagation ------------------------------------------------------- */

/* The marker of change i: six letters, lower case for even i and upper
 * case for odd i, so every cell differs from the previous newest line and
 * curses has to write all six in one run; the letters spell a scrambled i
 * (a bijection mod 26^6), so each change has its own. */
static void
bench_marker(int i, char *out)
{
	uint64_t v = ((uint64_t)i * 7919u + 104729u) % 308915776u;
	char base = (i & 1) ? 'A' : 'a';
	int k;

	for (k = 0; k < 6; k++) {
		out[k] = (char)(base + (int)(v % 26));
		v /= 26;
	}
	out[6] = '\0';
}

/* Start a tmux server running `warroom view` and a read-only client
 * attached to it under its own pty. Returns the client. */
static struct bench_tty *
bench_tmux_start(const struct bench_opt *o)
{
	char conf[512], cmd[1024], xs[16], ys[16], *sock = bench_tmux_sock;
	FILE *f;

	snprintf(sock, sizeof bench_tmux_sock, "%s/tmux.sock", o->dir);
	snprintf(conf, sizeof conf, "%s/tmux.conf", o->dir);
	f = fopen(conf, "w");
	if (f == NULL)
		fatal("%s: %s", conf, strerror(errno));
	/* No status line: the viewer inside gets the whole rows x cols. */
	fputs("set -g status off\nset -g default-terminal screen-256color\n"
	    "set -g escape-time 0\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "exec '%s' --db '%s' view", o->warroom,
	    o->db);
	snprintf(xs, sizeof xs, "%d", o->cols);
	snprintf(ys, sizeof ys, "%d", o->rows);
	{
		char *argv[] = {BENCH_S("tmux"), BENCH_S("-S"), sock,
		    BENCH_S("-f"), conf, BENCH_S("new-session"), BENCH_S("-d"),
		    BENCH_S("-s"), BENCH_S("bench"), BENCH_S("-x"), xs,
		    BENCH_S("-y"), ys, cmd, NULL};

		if (bench_run(argv) != 0)
			fatal("cannot start tmux");
	}
	{
		char *argv[] = {BENCH_S("tmux"), BENCH_S("-S"), sock,
		    BENCH_S("attach"), BENCH_S("-r"), BENCH_S("-t"),
		    BENCH_S("bench"), NULL};

		return bench_spawn(argv, o->rows, o->cols);
	}
}

static void
bench_tmux_stop(void)
{
	char *argv[] = {BENCH_S("tmux"), BENCH_S("-S"), bench_tmux_sock,
	    BENCH_S("kill-server"), NULL};

	if (bench_tmux_sock[0] != '\0')
		bench_run(argv);
	bench_tmux_sock[0] = '\0';
}

/*
 * Propagation: an in-process writer (this process, through the store API:
 * timeline_add, one transaction, synchronous=FULL) commits an entry with a
 * unique marker; the clock starts just before the call, so it includes the
 * commit itself, and stops when the marker is read from each terminal.
 */
static int
bench_prop(const struct bench_opt *o)
{
	struct bench_tty *list[BENCH_TTY_MAX], *client = NULL;
	struct store *st;
	char marker[8], err[ERR_LEN];
	int64_t *lat, *tlat = NULL, *commit, *vbytes = NULL, *tbytes = NULL;
	int64_t *worst, inc;
	int nv = o->viewers, i, k, missed = 0, warm = 3, nlat = 0;

	st = bench_open(o->db, STORE_RW); /* keeps -wal and -shm in place */
	inc = incident_current(st, err);
	if (inc <= 0)
		fatal("no incident in %s", o->db);
	for (i = 0; i < nv; i++)
		list[i] = bench_spawn_view(o);
	if (o->tmux)
		client = list[nv] = bench_tmux_start(o);
	for (i = 0; i < nv + (client != NULL); i++)
		bench_want(list[i], BENCH_SENTINEL);
	if (bench_wait_seen(list, nv + (client != NULL), bench_us() +
	    30000000) != 0)
		fatal("not every screen drew its first frame in 30 s");
	bench_wait_quiet(200, 5000);

	lat = xcalloc((size_t)(nv * o->changes), sizeof *lat);
	worst = xcalloc((size_t)o->changes, sizeof *worst);
	commit = xcalloc((size_t)o->changes, sizeof *commit);
	if (client != NULL)
		tlat = xcalloc((size_t)o->changes, sizeof *tlat);
	if (o->bytes) {
		vbytes = xcalloc((size_t)o->changes, sizeof *vbytes);
		tbytes = xcalloc((size_t)o->changes, sizeof *tbytes);
	}
	srand(42);
	for (i = -warm; i < o->changes; i++) {
		struct entry e = {0};
		uint64_t b0 = list[0]->bytes, tb0 = client ? client->bytes : 0;
		int64_t t0, t1, w = 0;
		int n = nv + (client != NULL);

		bench_marker(i + warm, marker);
		for (k = 0; k < n; k++)
			bench_want(list[k], marker);
		e.kind = KIND_NOTE;
		e.confidence = CONF_CONFIRMED;
		e.text = marker;
		e.author = BENCH_S("bench");
		t0 = bench_us();
		if (timeline_add(st, inc, &e, err) < 0)
			fatal("%s", err);
		t1 = bench_us();
		bench_wait_seen(list, n, t0 + 5000000);
		if (o->bytes)
			bench_wait_quiet(100, 2000);
		else /* let every screen settle: changes come one at a time */
			bench_wait_quiet(20, 1000);
		if (i < 0)
			continue;
		commit[i] = t1 - t0;
		for (k = 0; k < nv; k++) {
			if (list[k]->seen_us == 0) {
				missed++;
				continue;
			}
			lat[nlat++] = list[k]->seen_us - t0;
			if (list[k]->seen_us - t0 > w)
				w = list[k]->seen_us - t0;
		}
		worst[i] = w;
		if (client != NULL)
			tlat[i] = client->seen_us ? client->seen_us - t0 : -1;
		if (o->bytes) {
			vbytes[i] = (int64_t)(list[0]->bytes - b0);
			tbytes[i] = client ? (int64_t)(client->bytes - tb0) : 0;
		}
		/* A human pace, and out of step with any timer. */
		bench_drain_for(rand() % 15);
	}
	bench_stop_all();
	bench_tmux_stop();
	store_close(st);
	printf("{\"bench\": \"prop\", \"viewers\": %d, \"changes\": %d, "
	    "\"missed\": %d, \"rows\": %d, \"cols\": %d", nv, o->changes,
	    missed, o->rows, o->cols);
	bench_json_list("lat_us", lat, nlat);
	bench_json_list("worst_us", worst, o->changes);
	bench_json_list("commit_us", commit, o->changes);
	if (client != NULL)
		bench_json_list("tmux_lat_us", tlat, o->changes);
	if (o->bytes) {
		bench_json_list("view_bytes", vbytes, o->changes);
		if (client != NULL)
			bench_json_list("tmux_bytes", tbytes, o->changes);
	}
	printf("}\n");
	free(lat);
	free(worst);
	free(commit);
	free(tlat);
	free(vbytes);
	free(tbytes);
	return 0;
}

/* --- first frame and scrolling ----------------------------------------- */

/* Start a viewer and time its first complete frame: the status bar's right
 * end is drawn last (curses writes rows top to bottom in one doupdate), so
 * seeing it means the frame is complete. Then scroll the Timeline a page
 * at a time (PgUp) and time key to the last byte of the answer. */
static int
bench_frame(const struct bench_opt *o)
{
	int64_t *first, *fbytes, *scroll, *sbytes;
	int r, k, ns = 0, nf = 0, warm = 1;

	first = xcalloc((size_t)o->reps, sizeof *first);
	fbytes = xcalloc((size_t)o->reps, sizeof *fbytes);
	scroll = xcalloc((size_t)(o->reps * o->scrolls + 1), sizeof *scroll);
	sbytes = xcalloc((size_t)(o->reps * o->scrolls + 1), sizeof *sbytes);
	for (r = -warm; r < o->reps; r++) {
		struct bench_tty *t;
		int64_t t0 = bench_us();

		t = bench_spawn_view(o);
		bench_want(t, BENCH_SENTINEL);
		if (bench_wait_seen(&t, 1, t0 + 30000000) != 0)
			fatal("no first frame in 30 s");
		bench_wait_quiet(150, 5000);
		if (r >= 0) {
			first[nf] = t->seen_us - t0;
			fbytes[nf++] = (int64_t)t->bytes;
		}
		if (o->scrolls > 0) {
			bench_send(t, "4"); /* focus the Timeline */
			bench_wait_quiet(150, 5000);
		}
		for (k = 0; k < o->scrolls && r >= 0; k++) {
			uint64_t b0 = t->bytes;
			int64_t s0;

			s0 = bench_us();
			bench_send(t, "\033[5~"); /* PgUp */
			bench_wait_quiet(150, 5000);
			if (t->bytes == b0)
				continue; /* nothing moved: at the top */
			scroll[ns] = t->last_us - s0;
			sbytes[ns++] = (int64_t)(t->bytes - b0);
		}
		bench_stop_all();
	}
	printf("{\"bench\": \"frame\", \"rows\": %d, \"cols\": %d", o->rows,
	    o->cols);
	bench_json_list("first_us", first, nf);
	bench_json_list("first_bytes", fbytes, nf);
	bench_json_list("scroll_us", scroll, ns);
	bench_json_list("scroll_bytes", sbytes, ns);
	printf("}\n");
	free(first);
	free(fbytes);
	free(scroll);
	free(sbytes);
	return 0;
}

/* --- idle -------------------------------------------------------------- */

struct bench_proc {
	long long ticks0, ticks1, ctx0, ctx1, ns0, ns1;
	uint64_t bytes0, bytes1;
};

static void
bench_idle_print(const char *name, const struct bench_tty *t,
    const struct bench_proc *p)
{
	printf(", \"%s\": {\"cpu_ticks\": %lld, \"cpu_ns\": %lld, "
	    "\"wakeups\": %lld, "
	    "\"bytes\": %llu, \"vmhwm_kb\": %lld, \"vmrss_kb\": %lld, "
	    "\"rss_anon_kb\": %lld, \"rss_file_kb\": %lld}", name,
	    p->ticks1 - p->ticks0, p->ns1 - p->ns0, p->ctx1 - p->ctx0,
	    (unsigned long long)(p->bytes1 - p->bytes0),
	    bench_status_field(t->pid, "VmHWM"),
	    bench_status_field(t->pid, "VmRSS"),
	    bench_status_field(t->pid, "RssAnon"),
	    bench_status_field(t->pid, "RssFile"));
}

/* One viewer (and one on a second database) and, beside them over the same
 * window, htop at its default delay: CPU time, wake-ups (voluntary context
 * switches), bytes written and peak RSS while nothing changes. */
static int
bench_idle(const struct bench_opt *o)
{
	struct bench_tty *v[2] = {NULL, NULL}, *h = NULL;
	struct bench_proc p[3];
	static const char *const names[3] = {"view", "view2", "htop"};
	struct bench_opt o2 = *o;
	int64_t t0, t1;
	int i;

	memset(p, 0, sizeof p);
	v[0] = bench_spawn_view(o);
	if (o->db2 != NULL) {
		o2.db = o->db2;
		v[1] = bench_spawn_view(&o2);
	}
	for (i = 0; i < 2; i++)
		if (v[i] != NULL)
			bench_want(v[i], BENCH_SENTINEL);
	if (bench_wait_seen(v, v[1] ? 2 : 1, bench_us() + 30000000) != 0)
		fatal("no first frame in 30 s");
	if (o->htop) {
		char *argv[] = {BENCH_S("htop"), NULL};

		h = bench_spawn(argv, o->rows, o->cols);
	}
	bench_wait_quiet(1000, 5000);
	bench_drain_for(1000); /* htop draws its first frames twice */
	for (i = 0; i < 3; i++) {
		struct bench_tty *t = i < 2 ? v[i] : h;

		if (t == NULL)
			continue;
		p[i].ticks0 = bench_cpu_ticks(t->pid);
		p[i].ns0 = bench_cpu_ns(t->pid);
		p[i].ctx0 = bench_status_field(t->pid,
		    "voluntary_ctxt_switches");
		p[i].bytes0 = t->bytes;
	}
	t0 = bench_us();
	bench_drain_for(o->seconds * 1000);
	t1 = bench_us();
	printf("{\"bench\": \"idle\", \"seconds_us\": %lld, \"clk_tck\": %ld",
	    (long long)(t1 - t0), sysconf(_SC_CLK_TCK));
	for (i = 0; i < 3; i++) {
		struct bench_tty *t = i < 2 ? v[i] : h;

		if (t == NULL)
			continue;
		p[i].ticks1 = bench_cpu_ticks(t->pid);
		p[i].ns1 = bench_cpu_ns(t->pid);
		p[i].ctx1 = bench_status_field(t->pid,
		    "voluntary_ctxt_switches");
		p[i].bytes1 = t->bytes;
		bench_idle_print(names[i], t, &p[i]);
	}
	printf("}\n");
	bench_stop_all();
	return 0;
}

/* --- the agent --------------------------------------------------------- */

/* Samples per second through the agent's real write path: collect_round
 * with demo series (no network), every round catching up an hour of 1 s
 * samples per series and writing them in one transaction. */
static int
bench_agent(const struct bench_opt *o)
{
	struct store *st;
	struct config *cf;
	char err[ERR_LEN], name[64];
	int64_t now = wr_now(), *us, *written;
	int i;

	st = bench_open(o->db, STORE_RW | STORE_CREATE);
	cf = config_parse("", "bench", err);
	if (cf == NULL)
		fatal("%s", err);
	for (i = 0; i < o->series; i++) {
		snprintf(name, sizeof name, "demo-%03d", i);
		if (metrics_add(st, name, SRC_DEMO, i % 2 ? "latency" : "errors",
		    "", NAN, NAN, 1, collect_check_query, err) < 0)
			fatal("%s", err);
	}
	us = xcalloc((size_t)o->rounds, sizeof *us);
	written = xcalloc((size_t)o->rounds, sizeof *written);
	for (i = 0; i < o->rounds; i++) {
		int64_t t0;
		int n;

		now += 3600;
		t0 = bench_us();
		n = collect_round(st, cf, now, err);
		us[i] = bench_us() - t0;
		if (n < 0)
			fatal("%s", err);
		written[i] = n;
	}
	printf("{\"bench\": \"agent\", \"series\": %d, \"what\": "
	    "\"collect_round, demo series\"", o->series);
	bench_json_list("round_us", us, o->rounds);
	bench_json_list("written", written, o->rounds);
	printf("}\n");
	free(us);
	free(written);
	config_free(cf);
	store_close(st);
	return 0;
}

/* --- search ------------------------------------------------------------ */

/* search_entries on a generated database, in-process (the command adds
 * only its start-up): a rare text, texts in a tenth and a fifth of the
 * entries (bm25 over every match), a Japanese word, and a 2-character
 * query (the bounded LIKE scan). */
static int
bench_search(const struct bench_opt *o)
{
	static const char *const queries[] = {"ticket #500004", "原因調査",
	    "error rate", "eviction storm", "調査", "zz"};
	struct store *st = bench_open(o->db, STORE_RO);
	char err[ERR_LEN];
	int64_t *us = xcalloc((size_t)o->reps, sizeof *us);
	size_t q;
	int i;

	printf("{\"bench\": \"search\", \"limit\": %d, \"queries\": [",
	    SEARCH_LIMIT);
	for (q = 0; q < ARRAY_LEN(queries); q++) {
		int n = 0, partial = 0;

		for (i = 0; i < o->reps; i++) {
			struct search_hit *v;
			int64_t t0 = bench_us();

			if (search_entries(st, queries[q], SEARCH_LIMIT, &v, &n,
			    &partial, err) != 0)
				fatal("%s", err);
			us[i] = bench_us() - t0;
			search_free(v, n);
		}
		printf("%s{\"q\": \"%s\", \"hits\": %d, \"partial\": %d",
		    q ? ", " : "", queries[q], n, partial);
		bench_json_list("us", us, o->reps);
		printf("}");
	}
	printf("]}\n");
	free(us);
	store_close(st);
	return 0;
}

static int
bench_versions(void)
{
	printf("{\"bench\": \"versions\", \"sqlite\": \"%s\"}\n",
	    sqlite3_libversion());
	return 0;
}

/* --- keyset pages ------------------------------------------------------ */

/* The page queries as they were before issue 18, kept to time beside the
 * ones timeline_page runs now: the row value seeks entry_by_time on the
 * time only and steps over the key's second up to the key. */
#define BENCH_OLD_PAGE_WHERE                                             \
	"WHERE incident_id = ?1 AND deleted = 0 "                            \
	"AND (?2 IS NULL OR kind = ?2) "                                     \
	"AND (?3 IS NULL OR instr(lower(text), lower(?3)) > 0 "              \
	"  OR instr(lower(source), lower(?3)) > 0 "                          \
	"  OR instr(lower(author), lower(?3)) > 0) "
static const char *const bench_old_page[] = {
	ENTRY_COLUMNS BENCH_OLD_PAGE_WHERE "AND (event_time, id) > (?4, ?5) "
	"ORDER BY event_time, id LIMIT ?6",
	ENTRY_COLUMNS BENCH_OLD_PAGE_WHERE "AND (event_time, id) < (?4, ?5) "
	"ORDER BY event_time DESC, id DESC LIMIT ?6",
};

/* One page of limit rows from key, read as timeline_page reads them;
 * returns the microseconds it took, and SQLite's virtual machine steps
 * in *steps (the work done, whatever else the machine is doing). */
static int64_t
bench_page(sqlite3_stmt *s, int64_t inc, int64_t t, int64_t id, int limit,
    int64_t *steps)
{
	int64_t t0 = bench_us();
	int n = 0;

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_int64(s, 4, t);
	sqlite3_bind_int64(s, 5, id);
	sqlite3_bind_int(s, 6, limit);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct entry e = {0};

		timeline_entry_row(s, &e);
		entry_clear(&e);
		n++;
	}
	*steps = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
	sqlite3_reset(s);
	if (n != limit)
		fatal("a page of %d gave %d rows", limit, n);
	return bench_us() - t0;
}

/* Page query time from keys spread through the burst of gen --burst (the
 * second of the last entry written), --rows a page, after and before each key: the old
 * statements and timeline_page's, alternately, in one process on one
 * database, so the ratio is side by side. */
static int
bench_keyset(const struct bench_opt *o)
{
	struct store *st = bench_open(o->db, STORE_RO);
	sqlite3 *db = store_db(st);
	sqlite3_stmt *q[2][2] = {{NULL, NULL}, {NULL, NULL}}, *s;
	int64_t *us[2][2], *steps[2][2], inc, t, *ids = NULL;
	int nids = 0, cap = 0, r, k, d, v, n = 0;

	s = store_stmt(st, "SELECT id FROM incident ORDER BY id LIMIT 1");
	inc = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	store_done(s);
	/* gen writes the burst last. */
	s = store_stmt(st, "SELECT event_time FROM entry ORDER BY id DESC "
	    "LIMIT 1");
	t = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	store_done(s);
	s = store_stmt(st, "SELECT id FROM entry WHERE incident_id = ?1 AND "
	    "deleted = 0 AND event_time = ?2 ORDER BY id");
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_int64(s, 2, t);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (nids == cap)
			ids = xreallocarray(ids, (size_t)(cap = cap * 2 + 64),
			    sizeof *ids);
		ids[nids++] = sqlite3_column_int64(s, 0);
	}
	store_done(s);
	if (nids <= 2 * o->rows)
		fatal("the last entry's second holds %d entries: gen --burst",
		    nids);
	for (d = 0; d < 2; d++)
		for (v = 0; v < 2; v++) {
			if (sqlite3_prepare_v2(db, v == 0 ? bench_old_page[d]
			    : timeline_page_sql(d == 0 ? 1 : -1), -1, &q[d][v],
			    NULL) != SQLITE_OK)
				fatal("%s", sqlite3_errmsg(db));
			us[d][v] = xcalloc((size_t)(o->reps * o->scrolls),
			    sizeof **us);
			steps[d][v] = xcalloc((size_t)(o->reps * o->scrolls),
			    sizeof **steps);
		}
	/* Keys from the burst's oldest to its newest, a page from each end
	 * of it at least; old and new take turns going first. */
	for (r = 0; r < o->reps; r++)
		for (k = 0; k < o->scrolls; k++, n++) {
			int at = o->rows + (int)((int64_t)(nids - 2 * o->rows - 1) *
			    k / (o->scrolls > 1 ? o->scrolls - 1 : 1));

			for (d = 0; d < 2; d++)
				for (v = 0; v < 2; v++) {
					int w = (v + r + k) & 1;

					us[d][w][n] = bench_page(q[d][w], inc, t,
					    ids[at], o->rows, &steps[d][w][n]);
				}
		}
	printf("{\"bench\": \"keyset\", \"burst\": %d, \"rows\": %d", nids,
	    o->rows);
	bench_json_list("old_after_us", us[0][0], n);
	bench_json_list("new_after_us", us[0][1], n);
	bench_json_list("old_before_us", us[1][0], n);
	bench_json_list("new_before_us", us[1][1], n);
	bench_json_list("old_after_steps", steps[0][0], n);
	bench_json_list("new_after_steps", steps[0][1], n);
	bench_json_list("old_before_steps", steps[1][0], n);
	bench_json_list("new_before_steps", steps[1][1], n);
	printf("}\n");
	for (d = 0; d < 2; d++)
		for (v = 0; v < 2; v++) {
			sqlite3_finalize(q[d][v]);
			free(us[d][v]);
			free(steps[d][v]);
		}
	free(ids);
	store_close(st);
	return 0;
}

/* --- one write: `warroom log` beside the sqlite3 shell ------------------ */

/* The row both write, and the sqlite3 shell's settings: those store_open
 * makes for a writer (busy timeout, foreign keys, WAL, synchronous=FULL,
 * a -wal kept in place on close). */
#define BENCH_LOG_TEXT "bench: the same insert, written by both"

/* Run argv to its end with stdout on /dev/null; wall microseconds from
 * fork to reaped, or -1 when it did not exit 0. */
static int64_t
bench_run_timed(char *const argv[])
{
	int64_t t0 = bench_us();
	pid_t pid = fork();
	int status;

	if (pid < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return bench_us() - t0;
}

/* How many entries, and how many distinct rows (apart from id and time)
 * were written after id `after`. */
static void
bench_log_count(struct store *st, int64_t after, int64_t *n, int64_t *kinds)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*), count(DISTINCT "
	    "incident_id || '|' || author || '|' || kind || '|' || text || '|' "
	    "|| source || '|' || confidence || '|' || (event_time = recorded)) "
	    "FROM entry WHERE id > ?1");

	sqlite3_bind_int64(s, 1, after);
	if (sqlite3_step(s) != SQLITE_ROW)
		fatal("counting entries: %s", sqlite3_errmsg(store_db(st)));
	*n = sqlite3_column_int64(s, 0);
	*kinds = sqlite3_column_int64(s, 1);
	store_done(s);
}

/*
 * `warroom log TEXT` and the sqlite3 shell inserting the same row into the
 * same table of the same database file (so the same indexes and triggers
 * run), taking turns going first, each a new process timed from fork to
 * exit. The driver keeps a read-only connection open meanwhile, as a
 * viewer would, so neither process checkpoints the WAL when it closes.
 */
static int
bench_log(const struct bench_opt *o)
{
	const char *as = o->as ? o->as : "alice";
	struct store *st = bench_open(o->db, STORE_RO);
	char err[ERR_LEN], ins[512];
	int64_t inc, last, n, kinds, *us[2];
	int r, k, warm = 2, failed = 0;
	char *wargv[] = {BENCH_S(o->warroom), BENCH_S("--db"), BENCH_S(o->db),
	    BENCH_S("--as"), BENCH_S(as), BENCH_S("log"),
	    BENCH_S(BENCH_LOG_TEXT), NULL};
	char *sargv[] = {BENCH_S("sqlite3"), BENCH_S("-batch"), BENCH_S("-bail"),
	    BENCH_S(o->db), BENCH_S(".timeout 5000"),
	    BENCH_S(".filectrl persist_wal 1"),
	    BENCH_S("PRAGMA foreign_keys = ON"),
	    BENCH_S("PRAGMA journal_mode = WAL"),
	    BENCH_S("PRAGMA synchronous = FULL"), ins, NULL};
	char *const *argv[2] = {wargv, sargv};

	if (as[strspn(as, "abcdefghijklmnopqrstuvwxyz0123456789")] != '\0')
		fatal("--as takes lower-case letters and digits");
	inc = incident_current(st, err);
	if (inc <= 0)
		fatal("no incident in %s", o->db);
	snprintf(ins, sizeof ins, "INSERT INTO entry (incident_id, event_time, "
	    "recorded, author, kind, text, source, confidence) VALUES (%lld, "
	    "unixepoch(), unixepoch(), '%s', 'event', '%s', '', 'confirmed')",
	    (long long)inc, as, BENCH_LOG_TEXT);
	{
		sqlite3_stmt *s = store_stmt(st, "SELECT max(id) FROM entry");

		last = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s,
		    0) : 0;
		store_done(s);
	}
	us[0] = xcalloc((size_t)o->reps, sizeof **us);
	us[1] = xcalloc((size_t)o->reps, sizeof **us);
	for (r = -warm; r < o->reps; r++)
		for (k = 0; k < 2; k++) {
			int w = (k + r + warm) & 1; /* who goes first flips */
			int64_t t = bench_run_timed(argv[w]);

			if (t < 0)
				failed++;
			else if (r >= 0)
				us[w][r] = t;
		}
	bench_log_count(st, last, &n, &kinds);
	store_close(st);
	if (failed || n != 2 * (int64_t)(o->reps + warm) || kinds != 1)
		fatal("%d writes failed; %lld rows written, %lld different",
		    failed, (long long)n, (long long)kinds);
	printf("{\"bench\": \"log\", \"reps\": %d, \"rows\": %lld, "
	    "\"text\": \"%s\"", o->reps, (long long)n, BENCH_LOG_TEXT);
	bench_json_list("warroom_us", us[0], o->reps);
	bench_json_list("sqlite3_us", us[1], o->reps);
	printf(", \"sqlite3_argv\": [");
	for (k = 0; sargv[k] != NULL; k++)
		printf("%s\"%s\"", k ? ", " : "", k == 3 ? "DB" : sargv[k]);
	printf("]}\n");
	free(us[0]);
	free(us[1]);
	return 0;
}

/* --- command line ------------------------------------------------------ */

static int
bench_int(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 100000000)
		fatal("%s needs a number, not '%s'", what, s);
	return (int)v;
}

static void
bench_usage(void)
{
	fputs("usage: wrbench gen|refresh|prop|frame|idle|agent|search|keyset|"
	    "log|versions "
	    "[--warroom PATH] [--db PATH] [--dir DIR]\n"
	    "  [--rows N] [--cols N] [--viewers N] [--changes N] [--reps N] "
	    "[--scrolls N]\n  [--seconds N] [--series N] [--entries N] "
	    "[--responders N] [--rounds N]\n  [--burst N] [--as NAME] [--tmux] "
	    "[--htop] "
	    "[--bytes]\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct bench_opt o = {"./warroom", NULL, NULL, NULL, 50, 200, 1, 200, 10, 10,
	    60, 8, 1000, 8, 5, 0, 0, 0, 0, NULL};
	const char *cmd;
	int i;

	if (argc < 2)
		bench_usage();
	cmd = argv[1];
	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int *num = strcmp(a, "--rows") == 0 ? &o.rows
		    : strcmp(a, "--cols") == 0 ? &o.cols
		    : strcmp(a, "--viewers") == 0 ? &o.viewers
		    : strcmp(a, "--changes") == 0 ? &o.changes
		    : strcmp(a, "--reps") == 0 ? &o.reps
		    : strcmp(a, "--scrolls") == 0 ? &o.scrolls
		    : strcmp(a, "--seconds") == 0 ? &o.seconds
		    : strcmp(a, "--series") == 0 ? &o.series
		    : strcmp(a, "--entries") == 0 ? &o.entries
		    : strcmp(a, "--responders") == 0 ? &o.responders
		    : strcmp(a, "--rounds") == 0 ? &o.rounds
		    : strcmp(a, "--burst") == 0 ? &o.burst : NULL;

		if (strcmp(a, "--tmux") == 0)
			o.tmux = 1;
		else if (strcmp(a, "--htop") == 0)
			o.htop = 1;
		else if (strcmp(a, "--bytes") == 0)
			o.bytes = 1;
		else if (v == NULL)
			bench_usage();
		else if (num != NULL)
			*num = bench_int(v, a), i++;
		else if (strcmp(a, "--warroom") == 0)
			o.warroom = v, i++;
		else if (strcmp(a, "--db") == 0)
			o.db = v, i++;
		else if (strcmp(a, "--dir") == 0)
			o.dir = v, i++;
		else if (strcmp(a, "--db2") == 0)
			o.db2 = v, i++;
		else if (strcmp(a, "--as") == 0)
			o.as = v, i++;
		else
			bench_usage();
	}
	if (o.viewers < 1 || o.viewers > BENCH_TTY_MAX - 2 || o.reps < 1 ||
	    o.changes < 1 || o.rounds < 1 || o.rows < 5 || o.cols < 20 ||
	    o.burst > o.entries)
		fatal("a count is out of range");
	signal(SIGPIPE, SIG_IGN);
	util_fatal_hook = bench_on_fatal;
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (strcmp(cmd, "versions") == 0)
		return bench_versions();
	if (o.db == NULL)
		bench_usage();
	if (o.dir == NULL) {
		char *slash = strrchr(o.db, '/');

		o.dir = slash ? xstrndup(o.db, (size_t)(slash - o.db)) : ".";
	}
	if (strcmp(cmd, "gen") == 0)
		return bench_gen(&o);
	if (strcmp(cmd, "refresh") == 0)
		return bench_refresh(&o);
	if (strcmp(cmd, "prop") == 0)
		return bench_prop(&o);
	if (strcmp(cmd, "frame") == 0)
		return bench_frame(&o);
	if (strcmp(cmd, "idle") == 0)
		return bench_idle(&o);
	if (strcmp(cmd, "agent") == 0)
		return bench_agent(&o);
	if (strcmp(cmd, "search") == 0)
		return bench_search(&o);
	if (strcmp(cmd, "keyset") == 0)
		return bench_keyset(&o);
	if (strcmp(cmd, "log") == 0)
		return bench_log(&o);
	bench_usage();
	return 2;
}
