/* cmd_backup.c: a consistent copy of the database while everything runs
 * (SQLite's online backup API), and putting such a copy back in place. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/text.h"
#include "cli/output.h"
#include "store/presence.h"
#include "store/store.h"

/* How long a backup step may wait for a lock before giving up (ms). */
#define BACKUP_WAIT_MS 10000

/* The names SQLite uses beside a database: a copy written there would be
 * taken for (or would destroy) the live database's journal. */
static const char *const backup_family[] = {"", "-wal", "-shm", "-journal"};

/* path with its folder resolved (the file itself may not exist yet), or
 * NULL when the folder does not exist. Caller frees. */
static char *
backup_canon(const char *path)
{
	char *d = xstrdup(path), *b = xstrdup(path), *dir, *out = NULL;
	char real[PATH_MAX];

	dir = dirname(d);
	if (realpath(dir, real) != NULL)
		out = xasprintf("%s/%s", real, basename(b));
	free(d);
	free(b);
	return out;
}

/* 0 when file is not the database or one of its journals, else 1 with
 * the error printed; -1 (printed) when file's folder does not exist. */
static int
backup_refuse_family(const char *db, const char *file)
{
	char *cd = backup_canon(db), *cf = backup_canon(file);
	int rc = 0;
	size_t i;

	if (cf == NULL) {
		cli_fail("%s: no such folder", file);
		rc = -1;
	}
	for (i = 0; rc == 0 && cd != NULL && i < ARRAY_LEN(backup_family);
	    i++) {
		char *n = xasprintf("%s%s", cd, backup_family[i]);

		if (strcmp(n, cf) == 0)
			rc = cli_fail("%s is the database%s%s itself: write "
			    "the copy somewhere else", file, *backup_family[i]
			    ? "'s " : "", backup_family[i] + (*backup_family[i]
			    != '\0'));
		free(n);
	}
	free(cd);
	free(cf);
	return rc;
}

/* The mode of a copy: the database's own, never more than 0640. */
static mode_t
backup_mode(const char *db)
{
	struct stat sb;

	if (stat(db, &sb) != 0)
		return 0600;
	return (sb.st_mode & 0640) | 0600;
}

/* What a failure returns: -2 for trouble that passes (the database locked
 * too long, a full disk: exit 75, run it again), else -1. */
static int
backup_errno_rc(int e)
{
	return e == ENOSPC || e == EDQUOT ? -2 : -1;
}

static int
backup_sqlite_rc(int rc)
{
	rc &= 0xFF;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_FULL ?
	    -2 : -1;
}

/* The exit status for a helper's result, the error printed. */
static int
backup_exit(struct cli *c, int rc)
{
	if (rc == 0)
		return 0;
	cli_error(c);
	return rc == -2 ? 75 : 1;
}

static void
backup_sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Copy all of src into dst in one step, so the copy is one snapshot (one
 * read transaction: writers go on meanwhile in WAL mode). 0, or -1 with
 * err. */
static int
backup_copy(sqlite3 *src, sqlite3 *dst, char *err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc, waited = 0;

	if (b == NULL) {
		err_set(err, "cannot start the backup: %s", sqlite3_errmsg(dst));
		return -1;
	}
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) {
		if (waited >= BACKUP_WAIT_MS)
			break;
		backup_sleep_ms(50);
		waited += 50;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		err_set(err, "backup failed: %s%s", sqlite3_errstr(rc),
		    rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? " (the database "
		    "stayed locked; run it again)" : "");
		return backup_sqlite_rc(rc);
	}
	return 0;
}

/* fsync a file, or a folder (the rename in it). */
static int
backup_sync(const char *path, int dir, char *err)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) |
	    O_CLOEXEC);

	if (fd < 0 || fsync(fd) != 0) {
		int e = errno;

		err_set(err, "%s: %s", path, strerror(e));
		if (fd >= 0)
			close(fd);
		return backup_errno_rc(e);
	}
	close(fd);
	return 0;
}

static int
backup_sync_dir(const char *file, char *err)
{
	char *d = xstrdup(file);
	int rc = backup_sync(dirname(d), 1, err);

	free(d);
	return rc;
}

/* Write src into a new file tmp (mode, group gid when allowed) and sync
 * it. 0, or -1 with err and tmp removed. */
static int
backup_to_tmp(sqlite3 *src, const char *tmp, mode_t mode, gid_t gid,
    char *err)
{
	sqlite3 *dst = NULL;
	int fd, rc;

	unlink(tmp); /* left by a copy that was interrupted */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd < 0) {
		int e = errno;

		err_set(err, "%s: %s", tmp, strerror(e));
		return backup_errno_rc(e);
	}
	(void)fchmod(fd, mode); /* past the umask */
	if (gid != (gid_t)-1 && fchown(fd, (uid_t)-1, gid) != 0)
		(void)0; /* not in that group: the user's own group stays */
	close(fd);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		err_set(err, "%s: %s", tmp, dst ? sqlite3_errmsg(dst) :
		    sqlite3_errstr(rc));
		rc = -1;
	} else
		rc = backup_copy(src, dst, err);
	/* A copy is one plain file: no -wal needed beside it to open it. */
	if (rc == 0 && sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL,
	    NULL, NULL) != SQLITE_OK) {
		err_set(err, "%s: %s", tmp, sqlite3_errmsg(dst));
		rc = backup_sqlite_rc(sqlite3_errcode(dst));
	}
	if (sqlite3_close(dst) != SQLITE_OK && rc == 0) {
		err_set(err, "%s: cannot close", tmp);
		rc = -1;
	}
	if (rc == 0)
		rc = backup_sync(tmp, 0, err);
	if (rc != 0)
		unlink(tmp);
	return rc;
}

int
cmd_backup(struct cli *c)
{
	const char *file = c->pos[0];
	struct stat sb, dsb;
	char *tmp;
	int rc;

	if ((rc = backup_refuse_family(c->db_path, file)) != 0)
		return 1;
	if (lstat(file, &sb) == 0) {
		if (!S_ISREG(sb.st_mode))
			return cli_fail("%s exists and is not a file", file);
		if (!cli_flag(c, "force"))
			return cli_fail("%s exists (--force replaces it)", file);
	}
	tmp = xasprintf("%s.tmp", file);
	rc = backup_to_tmp(store_db(c->st), tmp, backup_mode(c->db_path),
	    stat(c->db_path, &dsb) == 0 ? dsb.st_gid : (gid_t)-1, c->err);
	if (rc == 0 && rename(tmp, file) != 0) {
		err_set(c->err, "%s: %s", file, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	if (rc == 0)
		rc = backup_sync_dir(file, c->err);
	free(tmp);
	return backup_exit(c, rc);
}

/* The database restore acts on: --db, $WARROOM_DB, else the default. */
static char *
restore_db_path(const struct cli *c)
{
	const char *env = getenv("WARROOM_DB");

	if (c->db_path != NULL)
		return xstrdup(c->db_path);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	return store_default_path();
}

/* The pid of a process holding a lock on path (SQLite's locks: every
 * connection locks the database file and its -shm), 0 when none; -1 when
 * path does not exist. */
static long
restore_holder(const char *path)
{
	struct flock fl = {0};
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return -1;
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 0;
	if (fcntl(fd, F_GETLK, &fl) != 0)
		fl.l_type = F_UNLCK;
	close(fd);
	return fl.l_type == F_UNLCK ? 0 : (long)(fl.l_pid > 0 ? fl.l_pid : 1);
}

/* 0 when no warroom process has db open (no lock on it or its -shm, no
 * live viewer's mark), else 1 with the error printed. */
static int
restore_refuse_busy(const char *db)
{
	char *shm = xasprintf("%s-shm", db), **names, *who;
	long pid = restore_holder(db);
	int n;

	if (pid <= 0)
		pid = restore_holder(shm);
	free(shm);
	if (pid > 0)
		return cli_fail("%s is open in process %ld: stop every warroom "
		    "(screens, viewers, the agent) first", db, pid);
	if ((n = presence_list(db, &names)) > 0) {
		who = presence_join(names, n);
		cli_fail("%s is being watched by %s: stop every viewer first",
		    db, who);
		free(who);
		presence_list_free(names, n);
		return 1;
	}
	presence_list_free(names, n);
	return 0;
}

/* The answer of a one-value query (caller frees), or NULL. */
static char *
restore_query(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	char *out = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		out = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return out;
}

static char *restore_uri(const char *file);

/* Open a backup file read-only and check it is a sound warroom database
 * this version can use. The handle, or NULL with the error printed. */
static sqlite3 *
restore_open_checked(const char *file)
{
	char *wal = xasprintf("%s-wal", file), *uri, *ok = NULL, *v = NULL;
	char *tbl = NULL;
	struct stat sb;
	sqlite3 *db = NULL;
	int has_wal = stat(wal, &sb) == 0, rc;

	free(wal);
	errno = 0;
	if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		cli_fail("%s: %s", file, errno ? strerror(errno) : "not a file");
		return NULL;
	}
	if (has_wal) {
		cli_fail("%s has a -wal file beside it: it is a live database, "
		    "not a backup (make one with 'warroom backup')", file);
		return NULL;
	}
	/* Nobody writes a backup file and it has no -wal: immutable reads
	 * it as it is, even when its header says WAL. */
	uri = restore_uri(file);
	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL);
	sqlite3_free(uri);
	if (rc == SQLITE_OK) {
		ok = restore_query(db, "PRAGMA integrity_check");
		v = restore_query(db, "PRAGMA user_version");
		tbl = restore_query(db, "SELECT name FROM sqlite_master WHERE "
		    "type = 'table' AND name = 'incident'");
	}
	if (ok == NULL || strcmp(ok, "ok") != 0 || tbl == NULL || v == NULL ||
	    atoi(v) < 1)
		cli_fail("%s is not a sound warroom database (%s)", file,
		    ok == NULL ? "not an SQLite database" : strcmp(ok, "ok") !=
		    0 ? "integrity check failed" : "no warroom tables");
	else if (atoi(v) > STORE_SCHEMA_VERSION)
		cli_fail("%s comes from a newer warroom (schema %s, this one "
		    "knows %d)", file, v, STORE_SCHEMA_VERSION);
	else {
		free(ok), free(v), free(tbl);
		return db;
	}
	free(ok), free(v), free(tbl);
	sqlite3_close(db);
	return NULL;
}

/* A file name as an SQLite URI path: '%', '?' and '#' escaped. Caller
 * frees with sqlite3_free. */
static char *
restore_uri(const char *file)
{
	struct buf b = {0};
	const char *p;
	char *out;

	for (p = file; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	out = sqlite3_mprintf("file:%s?immutable=1", b.p ? b.p : "");
	buf_free(&b);
	return out;
}

/* Fold the live database's -wal into it, so that the file kept as
 * DB.before-restore is whole by itself. 0, or -1 with err. */
static int
restore_checkpoint(const char *db, char *err)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(h, STORE_BUSY_TIMEOUT_MS);
		rc = sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL,
		    NULL, NULL);
	}
	if (rc != SQLITE_OK)
		err_set(err, "%s: cannot checkpoint the database: %s", db,
		    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : backup_sqlite_rc(rc);
}

/* Swap the copy tmp in for db, db itself kept as before (when it exists),
 * and its journals removed (nobody holds them: they would be replayed
 * into the copy). 0, or -1 with err. */
static int
restore_swap(const char *db, const char *tmp, const char *before,
    int exists, char *err)
{
	struct store *st;
	size_t i;

	if (exists && link(db, before) != 0) {
		err_set(err, "%s: %s", before, strerror(errno));
		return -1;
	}
	if (rename(tmp, db) != 0) {
		err_set(err, "%s: %s", db, strerror(errno));
		if (exists)
			unlink(before);
		return -1;
	}
	for (i = 1; i < ARRAY_LEN(backup_family); i++) {
		char *j = xasprintf("%s%s", db, backup_family[i]);

		unlink(j);
		free(j);
	}
	if (backup_sync_dir(db, err) != 0)
		return -1;
	/* A writer's open puts WAL mode and its -wal and -shm back (readers
	 * that may not write need them) and migrates an older schema. */
	st = store_open(db, STORE_RW, err);
	store_close(st);
	return st != NULL ? 0 : -1;
}

int
cmd_restore(struct cli *c)
{
	const char *file = c->pos[0];
	char *db = restore_db_path(c), *before = NULL, *tmp = NULL;
	sqlite3 *src = NULL;
	struct stat sb, bsb;
	int exists, rc = 1, r;

	exists = stat(db, &sb) == 0;
	if (backup_refuse_family(db, file) != 0 ||
	    (src = restore_open_checked(file)) == NULL ||
	    restore_refuse_busy(db) != 0)
		goto out;
	before = xasprintf("%s.before-restore", db);
	tmp = xasprintf("%s.restore-tmp", db);
	if (lstat(before, &bsb) == 0) {
		cli_fail("%s exists: move it away first (it is the database "
		    "an earlier restore replaced)", before);
		goto out;
	}
	if (exists && (r = restore_checkpoint(db, c->err)) != 0)
		rc = backup_exit(c, r);
	else if ((r = backup_to_tmp(src, tmp, exists ? sb.st_mode & 07777 :
	    0600, exists ? sb.st_gid : (gid_t)-1, c->err)) != 0)
		rc = backup_exit(c, r);
	else if (restore_refuse_busy(db) != 0) /* one opened it meanwhile */
		unlink(tmp);
	else if (restore_swap(db, tmp, before, exists, c->err) != 0)
		rc = cli_error(c);
	else {
		output_line("restored %s from %s%s%s", db, file, exists ?
		    "; the old database is " : "", exists ? before : "");
		rc = 0;
	}
out:
	sqlite3_close(src);
	free(before);
	free(tmp);
	free(db);
	return rc;
}
