/* test_board.c: board order and intervals on a real SQLite file, and the
 * presence marks viewers leave beside the database (real files, real
 * processes). */
#include <fcntl.h>
#include <locale.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/board.h"
#include "model/incident.h"
#include "store/presence.h"
#include "store/store.h"
#include "base/text.h"
#include "model/timeline.h"
#include "base/util.h"

#include "fixture.h"

static int
setup(void **state)
{
	return fx_setup_incident(state, "board", "ic");
}

static void
test_parse_interval(void **state)
{
	static const struct {
		const char *s;
		int secs; /* -1: refused */
	} cases[] = {
		{"90", 90}, {"90s", 90}, {"10m", 600}, {"1h", 3600},
		{"1h30m", 5400}, {"1h05m", 3900}, {"24h", 86400}, {"1s", 1},
		{"0", -1}, {"0m", -1}, {"25h", -1}, {"24h1s", -1}, {"", -1},
		{"m", -1}, {"10x", -1}, {"-5m", -1}, {"1 h", -1}, {"1h30", -1},
		{"99999999999", -1},
	};
	char err[ERR_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		int secs = -7, rc = board_parse_interval(cases[i].s, &secs, err);

		if (cases[i].secs < 0) {
			assert_int_equal(rc, -1);
			assert_int_equal(secs, -7);
			assert_true(err[0] != '\0');
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(secs, cases[i].secs);
		}
	}
}

static int64_t
assignment_entries(struct fx *f)
{
	struct timeline_filter only = {KIND_ASSIGNMENT, NULL};

	return timeline_count(f->st, f->inc, &only);
}

/* Stale, then idle, then active (the commander among them: running the
 * response is not idling), then dismissed; each change one entry. */
static void
test_order(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct responder *b;
	int64_t now = wr_now(), before = assignment_entries(f);
	int n;

	assert_int_equal(board_assign_join(f->st, f->inc, "alice",
	    "find cause", "read logs", "ic", err), 0);
	assert_int_equal(board_join(f->st, f->inc, "bob", ROLE_OPS, "ic", err),
	    0);
	assert_int_equal(board_join(f->st, f->inc, "carol", ROLE_OPS, "ic",
	    err), 0);
	assert_int_equal(board_dismiss(f->st, f->inc, "carol", "ic", err), 0);
	assert_int_equal(board_assign_join(f->st, f->inc, "dan", "comms",
	    "draft the note", "ic", err), 0);
	/* Two joins by assign --join, two joins, a dismissal, two
	 * assignments. */
	assert_int_equal(assignment_entries(f) - before, 7);

	/* Ten minutes on, with a 5-minute interval and dan checked in. */
	{
		char v[32];

		snprintf(v, sizeof v, "%lld", (long long)now + 500);
		setenv("WARROOM_NOW", v, 1);
	}
	assert_int_equal(board_checkin(f->st, f->inc, "dan", "ic", err), 0);
	unsetenv("WARROOM_NOW");
	assert_int_equal(board_load(f->st, f->inc, now + 600, 300, &b, &n,
	    err), 0);
	assert_int_equal(n, 5);
	assert_string_equal(b[0].name, "alice"); /* stale */
	assert_true(board_is_stale(&b[0], now + 600, 300));
	assert_string_equal(b[1].name, "bob");   /* idle */
	assert_string_equal(b[2].name, "dan");   /* active, checked in */
	assert_false(board_is_stale(&b[2], now + 600, 300));
	assert_string_equal(b[3].name, "ic");    /* the commander */
	assert_int_equal(b[3].role, ROLE_COMMANDER);
	assert_string_equal(b[4].name, "carol"); /* dismissed */
	board_free(b, n);

	/* Dismissing the idle leaves the commander alone. */
	assert_int_equal(board_dismiss_idle(f->st, f->inc, "ic", err), 1);
	assert_int_equal(board_dismiss_idle(f->st, f->inc, "ic", err), 0);
	/* The check-in and the one dismissal of the idle. */
	assert_int_equal(assignment_entries(f) - before, 9);
	assert_int_equal(incident_set_intervals(f->st, f->inc, 60, -1, "ic",
	    err), 0);
	{
		struct incident i = {0};

		assert_int_equal(incident_load(f->st, f->inc, &i, err), 0);
		assert_int_equal(i.checkin_interval, 60);
		incident_clear(&i);
	}
}


/* Edit distance counts characters: 鈴本 is one away from 鈴木. */
static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(text_distance("鈴本", "鈴木", 5), 1);
	assert_int_equal(text_distance("田中", "田中", 5), 0);
	assert_int_equal(text_distance("Alice", "alice", 5), 0);
	assert_int_equal(text_distance("alcie", "alice", 5), 2);
	assert_int_equal(text_distance("", "abc", 5), 3);
	assert_int_equal(text_distance("abc", "", 5), 3);
	assert_int_equal(text_distance("abcdefgh", "zzzzzzzz", 2), 3);
	assert_int_equal(text_distance("\xff" "a", "\xfe" "a", 5), 0);
}

static int64_t
count_rows(struct fx *f, const char *table)
{
	char *sql = xasprintf("SELECT count(*) FROM %s", table);
	int64_t n = fx_int(f->st, sql);

	free(sql);
	return n;
}

/* Nothing is created by a typo; joining twice changes nothing. */
static void
test_names(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	int64_t people, entries;

	assert_int_equal(board_join(f->st, f->inc, "鈴木", ROLE_OPS, "ic", err),
	    0);
	assert_int_equal(board_join(f->st, f->inc, "田中", -1, "ic", err), 0);
	people = count_rows(f, "responder");
	entries = count_rows(f, "entry");
	assert_int_equal(board_assign(f->st, f->inc, "鈴本", "p", "t", "ic",
	    err), -1);
	assert_non_null(strstr(err, "鈴本 is not in the response"));
	assert_non_null(strstr(err, "did you mean 鈴木?"));
	assert_non_null(strstr(err, "join"));
	assert_int_equal(board_checkin(f->st, f->inc, "田仲", "ic", err), -1);
	assert_non_null(strstr(err, "did you mean 田中?"));
	assert_int_equal(board_finish(f->st, f->inc, "nobody", ASTATE_DONE,
	    "ic", err), -1);
	assert_null(strstr(err, "did you mean"));
	assert_int_equal(board_dismiss(f->st, f->inc, "IC", "ic", err), -1);
	assert_non_null(strstr(err, "did you mean ic?"));
	assert_int_equal(board_known(f->st, f->inc, "鈴木", err), 0);
	assert_int_equal(count_rows(f, "responder"), people);
	assert_int_equal(count_rows(f, "entry"), entries);

	/* Joining again: same role or none given changes nothing. */
	assert_int_equal(board_join(f->st, f->inc, "鈴木", ROLE_OPS, "ic", err),
	    1);
	assert_int_equal(board_join(f->st, f->inc, "鈴木", -1, "ic", err), 1);
	assert_int_equal(count_rows(f, "entry"), entries);
	/* A different role is a role change, logged once. */
	assert_int_equal(board_join(f->st, f->inc, "鈴木", ROLE_SCRIBE, "ic",
	    err), 0);
	assert_int_equal(count_rows(f, "entry"), entries + 1);

	/* assign --join adds and assigns in one step; again, only assigns. */
	assert_int_equal(board_assign_join(f->st, f->inc, "佐藤", "原因",
	    "ログ", "ic", err), 0);
	assert_int_equal(count_rows(f, "responder"), people + 1);
	assert_int_equal(count_rows(f, "entry"), entries + 3);
	assert_int_equal(board_assign_join(f->st, f->inc, "佐藤", "原因",
	    "DB", "ic", err), 0);
	assert_int_equal(count_rows(f, "responder"), people + 1);
	assert_int_equal(count_rows(f, "entry"), entries + 4);
}

/* Standing roles are never idle: only responders without a task go. */
static void
test_idle(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct responder *b;
	int n, i;

	assert_int_equal(board_join(f->st, f->inc, "scribe", ROLE_SCRIBE, "ic",
	    err), 0);
	assert_int_equal(board_join(f->st, f->inc, "広報", ROLE_COMMS, "ic",
	    err), 0);
	assert_int_equal(board_join(f->st, f->inc, "a", ROLE_OPS, "ic", err),
	    0);
	assert_int_equal(board_join(f->st, f->inc, "b", -1, "ic", err), 0);
	assert_int_equal(board_dismiss_idle(f->st, f->inc, "ic", err), 2);
	assert_int_equal(board_load(f->st, f->inc, wr_now(), 900, &b, &n,
	    err), 0);
	for (i = 0; i < n; i++) {
		int gone = strcmp(b[i].name, "a") == 0 ||
		    strcmp(b[i].name, "b") == 0;

		assert_int_equal(b[i].state == RSTATE_DISMISSED, gone);
		assert_int_equal(board_is_idle(&b[i]), 0);
	}
	board_free(b, n);
}

/* The origin mark: warroom's own entries carry it, a person's without a
 * source or unverified is marked, "warroom" is not a person's source. */
static void
test_origin(void **state)
{
	struct fx *f = *state;
	struct entry e = {0}, got = {0};
	char err[ERR_LEN];
	int64_t id;

	e.kind = KIND_EVENT;
	e.text = (char *)(uintptr_t)"DB 遅い";
	id = timeline_add(f->st, f->inc, &e, err);
	assert_true(id > 0);
	assert_int_equal(timeline_get(f->st, id, &got, err), 0);
	assert_true(timeline_unknown_origin(&got));
	assert_string_equal(timeline_origin_why(&got), "no source");
	entry_clear(&got);
	e.source = (char *)(uintptr_t)"grafana";
	e.confidence = CONF_UNVERIFIED;
	id = timeline_add(f->st, f->inc, &e, err);
	assert_int_equal(timeline_get(f->st, id, &got, err), 0);
	assert_string_equal(timeline_origin_why(&got), "unverified");
	entry_clear(&got);
	e.confidence = CONF_LIKELY;
	id = timeline_add(f->st, f->inc, &e, err);
	assert_int_equal(timeline_get(f->st, id, &got, err), 0);
	assert_false(timeline_unknown_origin(&got));
	entry_clear(&got);
	e.source = (char *)(uintptr_t)" WarRoom ";
	assert_true(timeline_add(f->st, f->inc, &e, err) < 0);
	assert_non_null(strstr(err, "kept for what warroom writes"));

	assert_int_equal(board_join(f->st, f->inc, "x", -1, "ic", err), 0);
	{
		struct entry last[1];
		int k = timeline_page(f->st, f->inc, NULL, NULL, -1, 1, last,
		    err);

		assert_int_equal(k, 1);
		assert_string_equal(last[0].source, TIMELINE_ORIGIN);
		assert_true(timeline_from_warroom(&last[0]));
		assert_false(timeline_unknown_origin(&last[0]));
		timeline_clear_items(last, 1);
	}
	/* An old database: warroom's entries without their origin. */
	{
		sqlite3_stmt *s = store_stmt(f->st, "UPDATE entry SET source = "
		    "'' WHERE source = 'warroom'");

		assert_int_equal(store_exec_stmt(f->st, s, err), 0);
	}
	assert_int_equal(timeline_mark_origin(f->st, 0, err), 0);
	assert_int_equal(count_rows(f, "entry WHERE source = 'warroom'"), 2);
	assert_int_equal(count_rows(f, "entry WHERE source = ''"), 1);
}

static char *
mark_path(const struct fx *f, unsigned long uid, long pid)
{
	return xasprintf("%s/w.db.presence/w.%lu.%ld", f->dir, uid, pid);
}

static void
mark_write(const struct fx *f, unsigned long uid, long pid,
    const char *text)
{
	char *p = mark_path(f, uid, pid);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	free(p);
}

static void
test_presence(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], **w, *dir, *p, *all;
	struct presence *me;
	struct stat sb;
	unsigned long uid = (unsigned long)geteuid();
	struct passwd *pw = getpwuid(geteuid());
	pid_t dead;
	int n;

	/* No folder: nobody listed, and a viewer cannot leave a mark. */
	assert_int_equal(presence_list(f->path, &w), 0);
	assert_null(w);
	me = presence_enter(f->path, "dave", err);
	assert_null(me);
	assert_non_null(strstr(err, "not listed as watching"));

	assert_int_equal(presence_prepare(f->path, err), 0);
	assert_int_equal(presence_prepare(f->path, err), 0); /* again: fine */
	dir = presence_dir(f->path);
	assert_int_equal(lstat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 01777);

	me = presence_enter(f->path, "dave", err);
	assert_non_null(me);
	n = presence_list(f->path, &w);
	assert_int_equal(n, 1);
	assert_string_equal(w[0], "dave");
	presence_list_free(w, n);

	/* Others' marks: a live one (our parent), the same person twice, a
	 * dead process, an old mark, a file claiming another uid, a link, a
	 * FIFO, junk names, and hostile text. */
	mark_write(f, uid, (long)getppid(), "alice\nsecond line ignored\n");
	dead = fork();
	assert_true(dead >= 0);
	if (dead == 0)
		_exit(0);
	assert_int_equal(waitpid(dead, NULL, 0), dead);
	mark_write(f, uid, (long)dead, "ghost\n");
	mark_write(f, uid + 1, (long)getppid(), "impostor\n");
	p = mark_path(f, uid, 1);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	free(p);
	p = xasprintf("%s/notes.txt", dir);
	assert_int_equal(close(open(p, O_CREAT | O_WRONLY, 0644)), 0);
	free(p);
	p = xasprintf("%s/w.x.1", dir);
	assert_int_equal(close(open(p, O_CREAT | O_WRONLY, 0644)), 0);
	free(p);
	n = presence_list(f->path, &w);
	all = presence_join(w, n);
	if (geteuid() == 0 || pw == NULL) {
		assert_string_equal(all, "alice, dave");
	} else {
		/* Claimed names that are not the owner's show the owner. */
		char *want = xasprintf("alice (%s), dave (%s)", pw->pw_name,
		    pw->pw_name);

		if (strcmp(pw->pw_name, "dave") == 0)
			assert_int_equal(n, 2);
		else
			assert_string_equal(all, want);
		free(want);
	}
	free(all);
	presence_list_free(w, n);

	/* An old mark is ignored; a FIFO never blocks the reader. */
	p = mark_path(f, uid, (long)getppid());
	{
		struct timespec old[2] = {{0, 0}, {0, 0}};

		old[0].tv_sec = old[1].tv_sec = time(NULL) - PRESENCE_STALE - 5;
		assert_int_equal(utimensat(AT_FDCWD, p, old, 0), 0);
	}
	free(p);
	p = mark_path(f, uid, 1);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkfifo(p, 0644), 0);
	free(p);
	n = presence_list(f->path, &w);
	assert_int_equal(n, 1);
	presence_list_free(w, n);

	/* Hostile text is cleaned; the same name from two marks shows once. */
	p = mark_path(f, uid, 1);
	assert_int_equal(unlink(p), 0);
	free(p);
	mark_write(f, uid, 1, "evil\033]2;PWNED\007\n");
	n = presence_list(f->path, &w);
	assert_int_equal(n, 2);
	assert_null(strchr(w[0], '\033'));
	assert_null(strchr(w[1], '\033'));
	assert_null(strchr(w[0], '\007'));
	presence_list_free(w, n);
	p = mark_path(f, uid, 1);
	assert_int_equal(unlink(p), 0);
	free(p);
	mark_write(f, uid, 1, "dave\n");
	n = presence_list(f->path, &w);
	assert_int_equal(n, 1);
	presence_list_free(w, n);
	p = mark_path(f, uid, 1);
	assert_int_equal(unlink(p), 0);
	free(p);

	/* A heartbeat keeps the mark; leaving removes it. */
	presence_beat(me);
	p = mark_path(f, uid, (long)getpid());
	assert_int_equal(access(p, F_OK), 0);
	presence_leave(me);
	assert_int_equal(access(p, F_OK), -1);
	free(p);
	n = presence_list(f->path, &w);
	assert_int_equal(n, 0);
	presence_leave(NULL);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_interval),
		cmocka_unit_test_setup_teardown(test_order, setup, fx_teardown),
		cmocka_unit_test(test_distance),
		cmocka_unit_test_setup_teardown(test_names, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_idle, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_origin, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_presence, setup,
		    fx_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
