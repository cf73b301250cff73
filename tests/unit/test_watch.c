/* test_watch.c: the screen's watches (store_watch_presence, store_watch_ok):
 * marks made, written and closed in the presence folder wake a watcher, a
 * heartbeat does not; the folder made late, removed and made again stays
 * watched; a viewer that has ended but is not reaped yet is not listed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/presence.h"

#include "fixture.h"

/* What the watch reports within ms (0: nothing came). */
static int
watch_wait(struct store *st, int ms)
{
	struct pollfd p = {store_watch_fd(st), POLLIN, 0};

	if (poll(&p, 1, ms) != 1)
		return 0;
	return store_watch_drain(st);
}

/* Drain what is there now. */
static void
watch_flush(struct store *st)
{
	while (watch_wait(st, 50) != 0)
		;
}

static int
listed(const char *db)
{
	char **w;
	int n = presence_list(db, &w);

	presence_list_free(w, n);
	return n;
}

static void
test_presence_watch(void **state)
{
	char err[ERR_LEN];
	struct fx *f = fx_open();
	struct presence *me;
	char *dir;

	(void)state;
	assert_non_null(f);
	/* No folder yet: not watched, and that is fine (nobody to list). */
	assert_true(store_watch_fd(f->st) >= 0);
	assert_int_equal(store_watch_presence(f->st), -1);
	assert_int_equal(store_watch_ok(f->st), 1);
	/* Made later: its name in the database's folder watches it. */
	assert_int_equal(presence_prepare(f->path, err), 0);
	assert_true(watch_wait(f->st, 1000) & STORE_WATCH_PRESENCE);
	watch_flush(f->st);
	assert_int_equal(store_watch_presence(f->st), 0);

	me = presence_enter(f->path, "dave", err);
	assert_non_null(me);
	assert_true(watch_wait(f->st, 1000) & STORE_WATCH_PRESENCE);
	watch_flush(f->st);
	assert_int_equal(listed(f->path), 1);
	/* A heartbeat (the mark's time) wakes nobody. */
	dir = presence_dir(f->path);
	{
		char *mark = xasprintf("%s/w.%lu.%ld", dir,
		    (unsigned long)geteuid(), (long)getpid());

		assert_int_equal(utimensat(AT_FDCWD, mark, NULL, 0), 0);
		free(mark);
	}
	assert_int_equal(watch_wait(f->st, 200), 0);
	presence_leave(me);
	assert_true(watch_wait(f->st, 1000) & STORE_WATCH_PRESENCE);
	watch_flush(f->st);

	/* Removed and made again: watched again, events come. */
	assert_int_equal(rmdir(dir), 0);
	assert_true(watch_wait(f->st, 1000) & STORE_WATCH_PRESENCE);
	watch_flush(f->st);
	assert_int_equal(store_watch_ok(f->st), 1); /* missing: fine */
	assert_int_equal(presence_prepare(f->path, err), 0);
	watch_flush(f->st);
	me = presence_enter(f->path, "erin", err);
	assert_non_null(me);
	assert_true(watch_wait(f->st, 1000) & STORE_WATCH_PRESENCE);
	presence_leave(me);
	watch_flush(f->st);
	assert_int_equal(store_watch_ok(f->st), 1);

	/* Moved away (its watch lives on) and made again: the new one is
	 * watched. */
	{
		char *other = xasprintf("%s.old", dir);

		assert_int_equal(rename(dir, other), 0);
		assert_int_equal(presence_prepare(f->path, err), 0);
		watch_flush(f->st);
		me = presence_enter(f->path, "fay", err);
		assert_non_null(me);
		assert_true(watch_wait(f->st, 1000) & STORE_WATCH_PRESENCE);
		presence_leave(me);
		assert_int_equal(rmdir(other), 0);
		free(other);
	}
	free(dir);
	fx_close(f);
}

/* The database's folder moved away (and removed): its watch no longer
 * tells about the path, the caller polls. */
static void
test_folder_gone(void **state)
{
	struct fx *f = fx_open();
	char path[160];

	(void)state;
	assert_non_null(f);
	assert_true(store_watch_fd(f->st) >= 0);
	assert_int_equal(store_watch_ok(f->st), 1);
	/* Events for the database's own files: STORE_WATCH_DB only. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "CREATE TABLE t (x)",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(watch_wait(f->st, 1000) & STORE_WATCH_PRESENCE, 0);
	watch_flush(f->st);
	snprintf(path, sizeof path, "%s.moved", f->dir);
	assert_int_equal(rename(f->dir, path), 0);
	assert_int_equal(fx_rmtree(path), 0);
	while (watch_wait(f->st, 1000) != 0)
		;
	assert_int_equal(store_watch_ok(f->st), 0);
	assert_int_equal(mkdir(f->dir, 0700), 0); /* for fx_close */
	fx_close(f);
}

/* A viewer that has ended is not listed while its parent has not reaped
 * it yet (kill() still reaches a zombie). */
static void
test_zombie_not_listed(void **state)
{
	char err[ERR_LEN];
	struct fx *f = fx_open();
	pid_t pid;
	int fds[2], i;
	char c;

	(void)state;
	assert_non_null(f);
	assert_int_equal(presence_prepare(f->path, err), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct presence *p = presence_enter(f->path, "zed", err);

		(void)write(fds[1], p != NULL ? "y" : "n", 1);
		pause(); /* until killed: the mark stays */
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	assert_int_equal(c, 'y');
	close(fds[0]);
	assert_int_equal(listed(f->path), 1);
	assert_int_equal(kill(pid, SIGKILL), 0);
	/* Dead but not reaped: still there for kill(pid, 0). */
	for (i = 0; i < 200 && listed(f->path) != 0; i++)
		usleep(10000);
	assert_int_equal(kill(pid, 0), 0);
	assert_int_equal(listed(f->path), 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	assert_int_equal(listed(f->path), 0);
	fx_close(f);
}

/* What one warroom write wakes a reader for: its -wal writes ("soon"),
 * the signal after COMMIT ("now"); the writer closing its files after
 * that wakes nobody (no IN_CLOSE_WRITE: issue 18, many viewers). */
static void
test_writer_wakes(void **state)
{
	char err[ERR_LEN];
	struct fx *f = fx_open();
	struct store *w;
	int got = 0, r;

	(void)state;
	assert_non_null(f);
	assert_true(store_watch_fd(f->st) >= 0);
	w = store_open(f->path, STORE_RW, err);
	assert_non_null(w);
	watch_flush(f->st);
	assert_int_equal(store_begin(w, err), 0);
	assert_int_equal(sqlite3_exec(store_db(w), "CREATE TABLE t (x)", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(store_commit(w, err), 0);
	while ((r = watch_wait(f->st, 200)) != 0)
		got |= r;
	assert_int_equal(got, STORE_WATCH_DB | STORE_WATCH_WRITE);
	store_close(w);
	assert_int_equal(watch_wait(f->st, 300), 0);
	fx_close(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_wakes),
		cmocka_unit_test(test_presence_watch),
		cmocka_unit_test(test_folder_gone),
		cmocka_unit_test(test_zombie_not_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
