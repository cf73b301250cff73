/* test_files.c: the database's files as someone who may write its folder
 * could leave them (links, second names, FIFOs, junk), on real files. */
#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/presence.h"
#include "store/store.h"
#include "base/util.h"

#include "fixture.h"

/* The shared fixture with its store closed: these tests open it. */
static int
setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL)
		return -1;
	store_close(f->st);
	f->st = NULL;
	*state = f;
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* Opening path (read-only or not) fails with a message containing want. */
static void
refused(const char *path, int flags, const char *want)
{
	char err[ERR_LEN] = "";
	struct store *st = store_open(path, flags, err);

	assert_null(st);
	if (strstr(err, want) == NULL)
		fail_msg("'%s' not in '%s'", want, err);
}

static void
test_linked_database(void **state)
{
	struct fx *f = *state;
	char moved[160], gone[160];
	struct stat sb;

	snprintf(moved, sizeof moved, "%s/real.db", f->dir);
	snprintf(gone, sizeof gone, "%s/gone.db", f->dir);
	assert_int_equal(rename(f->path, moved), 0);
	assert_int_equal(symlink(moved, f->path), 0);
	refused(f->path, STORE_RW, "w.db is a symbolic link");
	refused(f->path, STORE_RO, "w.db is a symbolic link");
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(symlink(gone, f->path), 0);
	refused(f->path, STORE_RW | STORE_CREATE, "w.db is a symbolic link");
	assert_int_equal(lstat(gone, &sb), -1); /* nothing made at the target */
}

static void
test_linked_wal_shm(void **state)
{
	struct fx *f = *state;
	static const char *const sfx[] = {"-wal", "-shm"};
	char p[160];
	size_t i;

	write_file(f->other, "outside\n");
	for (i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "%s%s", f->path, sfx[i]);
		unlink(p);
		assert_int_equal(symlink(f->other, p), 0);
		refused(f->path, STORE_RW, "is a symbolic link");
		refused(f->path, STORE_RO, "is a symbolic link");
		assert_int_equal(unlink(p), 0);
		assert_int_equal(link(f->other, p), 0);
		refused(f->path, STORE_RW, "has 2 hard links");
		assert_int_equal(unlink(p), 0);
		assert_int_equal(mkfifo(p, 0600), 0);
		refused(f->path, STORE_RW, "is not a regular file");
		assert_int_equal(unlink(p), 0);
	}
}

static void
test_not_a_database(void **state)
{
	struct fx *f = *state;
	char p[160];

	snprintf(p, sizeof p, "%s/empty.db", f->dir);
	write_file(p, "");
	refused(p, STORE_RO, "is empty, not a warroom database yet");
	write_file(p, "just some notes\n");
	refused(p, STORE_RO, "not an SQLite file");
	refused(p, STORE_RW, "not an SQLite file");
	write_file(p, "SQLite");
	refused(p, STORE_RW, "not an SQLite file");
}

/* A writer that opened the database before someone replaced -wal with a
 * link: its commit signal touches the link, never the file it points to;
 * its next write is refused, naming the link. */
static void
test_signal_not_through_link(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], wal[160];
	struct store *st = store_open(f->path, STORE_RW, err);
	struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
	struct stat sb;

	assert_non_null(st);
	write_file(f->other, "outside\n");
	assert_int_equal(utimensat(AT_FDCWD, f->other, old, 0), 0);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_int_equal(store_begin(st, err), 0);
	assert_int_equal(sqlite3_exec(store_db(st), "CREATE TABLE signal_t(x)",
	    NULL, NULL, NULL), SQLITE_OK);
	/* Swapped while the transaction is open: the commit goes to the
	 * file we hold, the signal must not follow the link. */
	assert_int_equal(unlink(wal), 0);
	assert_int_equal(symlink(f->other, wal), 0);
	assert_int_equal(store_commit(st, err), 0);
	assert_int_equal(stat(f->other, &sb), 0);
	assert_int_equal(sb.st_mtime, 1000000000);
	assert_int_equal(store_begin(st, err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	store_close(st);
	assert_int_equal(stat(f->other, &sb), 0);
	assert_int_equal(sb.st_mtime, 1000000000);
}

/* A real folder name with a link above the database's folder is fine: the
 * administrator's links are followed, only the file itself must not be one. */
static void
test_link_above_folder(void **state)
{
	struct fx *f = *state;
	char lnk[160], p[200], err[ERR_LEN];
	struct store *st;

	snprintf(lnk, sizeof lnk, "%s/via", f->dir);
	assert_int_equal(symlink(f->dir, lnk), 0);
	snprintf(p, sizeof p, "%s/w.db", lnk);
	st = store_open(p, STORE_RW, err);
	assert_non_null(st);
	store_close(st);
	st = store_open(p, STORE_RO, err);
	assert_non_null(st);
	store_close(st);
}

/* Thousands of junk names cannot hide a live mark; init's sweep removes the
 * junk, a link (not its target) and a FIFO, and keeps the live mark. */
static void
test_presence_junk(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], *dir, p[256], **names;
	struct presence *me;
	struct stat sb;
	int i, n;

	assert_int_equal(presence_prepare(f->path, err), 0);
	dir = presence_dir(f->path);
	for (i = 0; i < 2000; i++) {
		int fd;

		snprintf(p, sizeof p, "%s/junk.%d", dir, i);
		fd = open(p, O_CREAT | O_WRONLY, 0600);
		assert_true(fd >= 0);
		close(fd);
	}
	me = presence_enter(f->path, "unit-watcher", err);
	assert_non_null(me);
	write_file(f->other, "outside\n");
	snprintf(p, sizeof p, "%s/w.%lu.1", dir, (unsigned long)geteuid());
	assert_int_equal(symlink(f->other, p), 0);
	snprintf(p, sizeof p, "%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	n = presence_list(f->path, &names);
	assert_int_equal(n, 1);
	assert_true(strncmp(names[0], "unit-watcher", 12) == 0);
	presence_list_free(names, n);
	assert_int_equal(presence_sweep(f->path), 2002);
	assert_int_equal(stat(f->other, &sb), 0);
	assert_int_equal(sb.st_size, 8);
	n = presence_list(f->path, &names);
	assert_int_equal(n, 1);
	presence_list_free(names, n);
	presence_leave(me);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_linked_database, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_linked_wal_shm, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_signal_not_through_link,
		    setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_link_above_folder, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_presence_junk, setup,
		    fx_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
