/* store.c: opening, migrating and watching the shared SQLite file. */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/presence.h"
#include "store/schema.sql.h"
#include "base/text.h"
#include "base/util.h"
#include "store/walguard.h"

struct cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	char *dir, *base; /* folder and file name, for the watch */
	int readonly;
	int created;
	struct cached_stmt *stmts;
	size_t nstmts, capstmts;
	int64_t data_version;
	unsigned local_commits, seen_local;
	int watch_fd;
	int watch_db;   /* the folder's watch, -1 once it is gone */
	int watch_pres; /* the presence folder's watch, -1: none */
	int pres_want;  /* store_watch_presence was asked */
	int pres_err;   /* errno of the last try to watch it; 0: watched */
	int busy_ms; /* how long a write waits for the lock */
	struct walguard guard; /* the -wal/-shm this connection opened */
	int tainted; /* opened while another process used deleted ones */
	int guard_later; /* a viewer's open: tainted asked by store_settle */
	int stuck;   /* they were deleted and could not be reopened yet */
	char stuck_err[ERR_LEN];
	int waited; /* the open waited its full time for such a process */
	int temporary; /* the last error was a lock held too long or a full
	                * disk: worth running again (exit 75) */
	int reading; /* inside store_read_begin's transaction */
};

/* Internal open flag: reopening a connection whose files were deleted. */
#define STORE_REOPEN (1 << 8)

static int store_guard_open(struct store *st, int flags, char *err);
static int store_begin_immediate(struct store *st, char *err);
static void store_guard_opened(struct store *st);

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

int
store_readonly(const struct store *st)
{
	return st->readonly;
}

int
store_created(const struct store *st)
{
	return st->created;
}

void
store_err(struct store *st, const char *what, char *err)
{
	int rc = sqlite3_errcode(st->db) & 0xFF;

	st->temporary = rc == SQLITE_BUSY || rc == SQLITE_LOCKED ||
	    rc == SQLITE_FULL;
	err_set(err, "%s: %s", what, sqlite3_errmsg(st->db));
}

int
store_temporary(const struct store *st)
{
	return st != NULL && st->temporary;
}

void *
store_rows(struct store *st, sqlite3_stmt *s, const struct store_rowtype *t,
    int *n, char *err)
{
	char *list = NULL;
	int rc, cnt = 0, cap = 0, i;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			list = xreallocarray(list, (size_t)cap, t->size);
		}
		memset(list + (size_t)cnt * t->size, 0, t->size);
		t->read(s, list + (size_t)cnt++ * t->size);
	}
	if (rc != SQLITE_DONE)
		store_err(st, t->what, err);
	store_done(s);
	if (rc != SQLITE_DONE) {
		for (i = 0; i < cnt; i++)
			t->clear(list + (size_t)i * t->size);
		free(list);
		*n = -1;
		return NULL;
	}
	*n = cnt;
	return list;
}

static int
store_exec(struct store *st, const char *sql, char *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(err, "%s: %s", st->path, msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
store_pragma_int(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int
store_migrate(struct store *st, char *err)
{
	int64_t v = 0;
	int64_t target = (int64_t)ARRAY_LEN(store_migrations);

	if (store_pragma_int(st, "PRAGMA user_version", &v) != 0) {
		err_set(err, "%s: not a warroom database (%s)", st->path,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	if (v > target) {
		err_set(err, "%s: schema version %lld is newer than this "
		    "warroom understands (%lld); upgrade warroom", st->path,
		    (long long)v, (long long)target);
		return -1;
	}
	if (v == target)
		return 0;
	if (st->readonly) {
		err_set(err, "%s: schema version %lld needs an upgrade; open it "
		    "once with a writer (warroom init)", st->path, (long long)v);
		return -1;
	}
	if (v == 0) {
		/* A file with tables of its own is somebody else's database. */
		int64_t n = 0;

		if (store_pragma_int(st, "SELECT count(*) FROM sqlite_schema",
		    &n) != 0 || n != 0) {
			err_set(err, "%s: not a warroom database (it has other "
			    "tables)", st->path);
			return -1;
		}
	}
	if (store_begin(st, err) != 0)
		return -1;
	for (; v < target; v++) {
		const char *const *sql;
		char pragma[64];

		for (sql = store_migrations[v]; *sql != NULL; sql++)
			if (store_exec(st, *sql, err) != 0)
				goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %lld",
		    (long long)v + 1);
		if (store_exec(st, pragma, err) != 0)
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return -1;
}

static int
store_mkdirs(const char *dir)
{
	char tmp[PATH_MAX];
	char *p;

	if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp)
		return -1;
	for (p = tmp + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static void
store_split_path(struct store *st)
{
	const char *slash = strrchr(st->path, '/');

	if (slash == NULL) {
		st->dir = xstrdup(".");
		st->base = xstrdup(st->path);
	} else {
		st->dir = slash == st->path ? xstrdup("/")
		    : xstrndup(st->path, (size_t)(slash - st->path));
		st->base = xstrdup(slash + 1);
	}
}

static int
store_check_readonly_files(struct store *st, char *err)
{
	char *wal = xasprintf("%s-wal", st->path);
	char *shm = xasprintf("%s-shm", st->path);
	int ok = access(wal, R_OK) == 0 && access(shm, R_OK) == 0;

	if (!ok)
		err_set(err, "%s: cannot open read-only: %s-%s is missing or "
		    "unreadable (a writer such as 'warroom init' or the agent "
		    "must have opened it; see docs/team-host.md)", st->path,
		    st->base, access(wal, R_OK) != 0 ? "wal" : "shm");
	free(wal);
	free(shm);
	return ok ? 0 : -1;
}

/* One of the database's files, looked at without following a link. A writer
 * of the folder could put a link there (to a file elsewhere, or dangling so
 * that creating the database makes its target) or a second name of a file
 * elsewhere; whoever opens next, maybe root, would write through it. */
static int
store_check_entry(const char *path, const char *fix, char *err)
{
	struct stat sb;

	if (lstat(path, &sb) != 0)
		return 0; /* missing (SQLite makes it), or said later */
	if (S_ISLNK(sb.st_mode)) {
		err_set(err, "%s is a symbolic link; warroom does not follow "
		    "it: %s", path, fix);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		err_set(err, "%s is not a regular file: %s", path, fix);
		return -1;
	}
	if (sb.st_nlink > 1) {
		err_set(err, "%s has %lu hard links; warroom uses a file only "
		    "under one name: %s", path, (unsigned long)sb.st_nlink,
		    fix);
		return -1;
	}
	return 0;
}

/* What the first bytes say, before SQLite does (its messages name the
 * -wal file or "unable to open" for a file that is simply not a database). */
static int
store_check_header(struct store *st, char *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct stat sb;
	ssize_t n;
	int fd;

	fd = open(st->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC);
	if (fd < 0)
		return 0; /* permission and the like: said later */
	n = fstat(fd, &sb) == 0 ? read(fd, head, sizeof head) : -1;
	close(fd);
	if (n == 0 && st->readonly) {
		err_set(err, "%s is empty, not a warroom database yet: a writer "
		    "creates it with 'warroom init'", st->path);
		return -1;
	}
	if (n > 0 && (n < (ssize_t)sizeof head ||
	    memcmp(head, magic, sizeof magic) != 0)) {
		err_set(err, "%s is not a warroom database (not an SQLite file;"
		    " check --db or $WARROOM_DB)", st->path);
		return -1;
	}
	return 0;
}

/* Everything looked at before SQLite opens a file. */
static int
store_check_files(struct store *st, char *err)
{
	char *wal = xasprintf("%s-wal", st->path);
	char *shm = xasprintf("%s-shm", st->path);
	char *fix = xasprintf("remove it (a writer's 'warroom init' makes "
	    "%s-wal and -shm again)", st->base);
	int rc = -1;

	if (store_check_entry(st->path, "give --db the real database file",
	    err) == 0 && store_check_entry(wal, fix, err) == 0 &&
	    store_check_entry(shm, fix, err) == 0 &&
	    store_check_header(st, err) == 0)
		rc = 0;
	free(fix);
	free(wal);
	free(shm);
	return rc;
}

/* The path SQLite opens: the folder resolved here (the folders above the
 * database are the administrator's), so SQLITE_OPEN_NOFOLLOW, which refuses
 * a link anywhere in the path, only refuses one put in place of the file
 * after store_check_files looked. */
static char *
store_open_path(const struct store *st)
{
	char real[PATH_MAX];

	if (realpath(st->dir, real) == NULL)
		return xstrdup(st->path);
	return xasprintf("%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/",
	    st->base);
}

/* Can this connection read the database at all? */
static int
store_probe(struct store *st)
{
	return sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL,
	    NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Another SQLite program (the sqlite3 shell, a script) removes the -wal and
 * -shm files when it closes last. Someone who may write the file and its
 * folder puts them back the way a writer leaves them, so reading works. */
static void
store_restore_wal(struct store *st)
{
	sqlite3 *db = NULL;
	int persist = 1;

	if (access(st->path, W_OK) != 0 || access(st->dir, W_OK) != 0)
		return;
	if (sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
		sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &persist);
		/* Reading a WAL file opens (creates) its -wal and -shm. */
		sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL,
		    NULL, NULL);
	}
	sqlite3_close(db);
}

/* The file path itself: created (with its folder) when missing and flags
 * allow, else a regular file this connection may use. 0 or -1 with err. */
static int
store_check_target(struct store *st, const char *path, int flags, char *err)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE) || st->readonly) {
			err_set(err, "%s: %s%s", path, strerror(errno),
			    errno == ENOENT ? " (create it with 'warroom init')"
			    : "");
			return -1;
		}
		if (store_mkdirs(st->dir) != 0) {
			err_set(err, "%s: cannot create folder: %s", st->dir,
			    strerror(errno));
			return -1;
		}
		st->created = 1;
	} else if (!S_ISREG(sb.st_mode)) {
		err_set(err, "%s: not a regular file", path);
		return -1;
	} else if (!st->readonly && access(path, W_OK) != 0) {
		/* Say which: a chmod does not help a read-only file system. */
		err_set(err, "%s: %s (use 'warroom view' to watch read-only)",
		    path, errno == EROFS ? "read-only file system"
		    : "no write permission");
		return -1;
	} else if (st->readonly && store_check_readonly_files(st, err) != 0) {
		store_restore_wal(st);
		if (store_check_readonly_files(st, err) != 0)
			return -1;
	}
	return 0;
}

/* Open the SQLite connection and read the file's header. 0 or -1. */
static int
store_connect(struct store *st, const char *path, int flags, char *err)
{
	int oflags, rc;
	char *opath;

	oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW |
	    (st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE |
	    (st->created ? SQLITE_OPEN_CREATE : 0));
	opath = store_open_path(st);
	rc = sqlite3_open_v2(opath, &st->db, oflags, NULL);
	free(opath);
	if (rc != SQLITE_OK) {
		err_set(err, "%s: %s", path, st->db ? sqlite3_errmsg(st->db)
		    : sqlite3_errstr(rc));
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	st->busy_ms = STORE_BUSY_TIMEOUT_MS;
	sqlite3_busy_timeout(st->db, st->busy_ms);
	if (store_guard_open(st, flags, err) != 0)
		return -1;
	if (st->readonly && store_probe(st) != 0) {
		/* Say what is wrong, not SQLite's "readonly database". */
		if (store_check_readonly_files(st, err) == 0)
			err_set(err, "%s: cannot read: %s", path,
			    sqlite3_errmsg(st->db));
		return -1;
	}
	/* Read the header before preparing anything we keep: a file that is
	 * not a database must be a clear error, not a crash. */
	if (store_exec(st, "SELECT count(*) FROM sqlite_schema", err) != 0) {
		err_set(err, "%s: not a warroom database (%s)", path,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

/* A writer: WAL so readers and the writer never block each other, FULL
 * so an acknowledged write survives a power cut. 0 or -1. */
static int
store_writer_mode(struct store *st, const char *path, char *err)
{
	int persist = 1, rc, mode_ok = 0;
	sqlite3_stmt *s;

	s = store_stmt(st, "PRAGMA journal_mode = WAL");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		mode_ok = strcmp((const char *)sqlite3_column_text(s, 0),
		    "wal") == 0;
	store_done(s);
	if (rc != SQLITE_ROW) {
		err_set(err, "%s: not a warroom database (%s)", path,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	if (!mode_ok) {
		err_set(err, "%s: cannot switch to WAL mode", path);
		return -1;
	}
	if (store_exec(st, "PRAGMA synchronous = FULL", err) != 0)
		return -1;
	/* Keep -wal and -shm in place when we close, so read-only viewers
	 * can always open the file. */
	sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL,
	    &persist);
	return 0;
}

struct store *
store_open(const char *path, int flags, char *err)
{
	struct store *st = xcalloc(1, sizeof *st);

	st->path = xstrdup(path);
	st->readonly = (flags & STORE_RO) != 0;
	st->watch_fd = -1;
	st->watch_db = -1;
	st->watch_pres = -1;
	store_split_path(st);

	if (store_check_files(st, err) != 0 ||
	    store_check_target(st, path, flags, err) != 0 ||
	    store_connect(st, path, flags, err) != 0)
		goto fail;
	if (store_exec(st, "PRAGMA foreign_keys = ON", err) != 0)
		goto fail;
	if (!st->readonly) {
		if (store_writer_mode(st, path, err) != 0)
			goto fail;
	} else if (store_exec(st, "PRAGMA query_only = ON", err) != 0)
		goto fail;
	if (store_migrate(st, err) != 0)
		goto fail;
	if (store_pragma_int(st, "PRAGMA data_version", &st->data_version)
	    != 0) {
		store_err(st, path, err);
		goto fail;
	}
	(void)walguard_take(&st->guard, path);
	store_guard_opened(st);
	return st;
fail:
	if (st->created && st->db == NULL)
		unlink(path);
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	free(st->stmts);
	if (st->db != NULL)
		sqlite3_close(st->db);
	if (st->watch_fd >= 0)
		close(st->watch_fd);
	free(st->path);
	free(st->dir);
	free(st->base);
	free(st);
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	size_t i;

	for (i = 0; i < st->nstmts; i++) {
		if (st->stmts[i].sql == sql) {
			s = st->stmts[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK)
		fatal("SQL error: %s in: %.80s", sqlite3_errmsg(st->db), sql);
	if (st->nstmts == st->capstmts) {
		st->capstmts = st->capstmts ? st->capstmts * 2 : 32;
		st->stmts = xreallocarray(st->stmts, st->capstmts,
		    sizeof *st->stmts);
	}
	st->stmts[st->nstmts].sql = sql;
	st->stmts[st->nstmts].stmt = s;
	st->nstmts++;
	return s;
}

void
store_done(sqlite3_stmt *stmt)
{
	if (stmt != NULL)
		sqlite3_reset(stmt);
}


/* ---- -wal/-shm deleted under a live connection ----
 * Deleting them while a connection has them open is a documented way to
 * corrupt a database: the holder goes on with its old, unlinked files, a
 * newcomer makes fresh ones, and each writes the main file blind to the
 * other. So a connection never writes while another process uses files
 * that are not the ones at the path (walguard_foreign), and one that finds
 * its own files gone first copies everything they hold into the main file
 * through the handles it still has, then reopens (store_rescue). */

static void
store_guard_err(struct store *st, long pid, char *err)
{
	if (pid > 0)
		err_set(err, "%s: process %ld still uses -wal/-shm files that "
		    "were deleted, and writing now would corrupt the database; "
		    "stop or restart that process, then try again (see "
		    "docs/team-host.md)", st->path, pid);
	else
		err_set(err, "%s: another process still uses a -wal file that "
		    "was deleted or replaced, and writing now would corrupt "
		    "the database; stop or restart it, then try again (see "
		    "docs/team-host.md)", st->path);
}

/* Wait until no other process uses deleted files, at most until end_ms
 * (wr_mono_ms): 0, or -1 with err. Such a process is normally a warroom
 * screen or agent, which saves and reopens within a second or two. */
static int
store_guard_wait(struct store *st, int64_t end_ms, char *err)
{
	long pid = 0;

	while (walguard_foreign(st->path, &pid)) {
		st->tainted = 1;
		if (wr_mono_ms() >= end_ms) {
			store_guard_err(st, pid, err);
			return -1;
		}
		(void)poll(NULL, 0, 50);
	}
	return 0;
}

static int
store_shm_missing(const struct store *st)
{
	char shm[PATH_MAX];

	return snprintf(shm, sizeof shm, "%s-shm", st->path) < (int)sizeof shm
	    && access(shm, F_OK) != 0 && errno == ENOENT;
}

/* Before the first read: a connection that read while someone used
 * deleted files may hold pages the main file no longer has once that one
 * saves its files; it is marked, and reopened before it writes. A command
 * that writes waits for that one first and fails with a clear reason; a
 * reader and a reopening connection never wait here (two screens whose
 * files were deleted would wait for each other). */
static int
store_guard_open(struct store *st, int flags, char *err)
{
	long pid;

	/* A reader's first open asks after its first frame (store_settle):
	 * the first read of /proc/locks in a process waits for an RCU grace
	 * period (the kernel's percpu_down_write of its file-lock lock), 7-18
	 * ms here, and a reader never writes, so nothing it does meanwhile
	 * can harm the database; it shows "not live" a moment later. */
	if (st->readonly && !(flags & STORE_REOPEN)) {
		st->guard_later = 1;
		return 0;
	}
	if (st->readonly) {
		st->tainted = walguard_foreign(st->path, &pid);
		return 0;
	}
	if (store_guard_wait(st, wr_mono_ms() + st->busy_ms, err) == 0) {
		st->tainted = 0; /* it went before we read anything */
		return 0;
	}
	/* With no -shm at the path, opening makes fresh files and reads only
	 * the main file: harmless, and it lets a viewer that may not create
	 * them reopen and stop being in the way. Writes still wait. */
	st->waited = 1;
	return store_shm_missing(st) ? 0 : -1;
}

/* After the first read: files deleted between the check before it and
 * SQLite's open are seen now, against the files we really hold. */
static void
store_guard_opened(struct store *st)
{
	long pid;

	if (!st->guard_later && walguard_foreign(st->path, &pid))
		st->tainted = 1;
}

int
store_settle(struct store *st)
{
	long pid;

	if (!st->guard_later)
		return 0;
	st->guard_later = 0;
	st->tainted = walguard_foreign(st->path, &pid);
	return st->tainted;
}

/* Close the connection and open the path again in place: callers keep
 * their struct store. Close first: SQLite shares one -shm mapping among
 * the connections to a file in a process, so a second connection opened
 * beside the old one would map the old, deleted -shm again. */
static int
store_reopen(struct store *st, char *err)
{
	struct store *n;
	size_t i;

	/* A viewer needs -wal and -shm to open. Put back only after closing
	 * (store_open does): a connection made beside ours would use our old
	 * -shm. Who cannot put them back keeps the old connection, which
	 * still reads, and says it is not live. */
	if (st->readonly && store_check_readonly_files(st, err) != 0 &&
	    (access(st->path, W_OK) != 0 || access(st->dir, W_OK) != 0)) {
		st->stuck = 1;
		return -1;
	}
	/* What would stop the new open (a link put in place of -wal, say)
	 * is refused now, while the old connection still reads. */
	if (store_check_files(st, err) != 0) {
		st->stuck = 1;
		return -1;
	}
	for (i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	st->nstmts = 0;
	sqlite3_close(st->db);
	st->db = NULL;
	/* The files may be between a deletion and someone making them again
	 * (or our own put-back racing a writer's): try for up to 2 s before
	 * giving up, since the old connection is gone. */
	for (i = 0; i < 20; i++) {
		n = store_open(st->path, (st->readonly ? STORE_RO : STORE_RW) |
		    STORE_REOPEN, err);
		if (n != NULL)
			break;
		usleep(100 * 1000);
	}
	if (n == NULL)
		fatal("%s (reopening after its -wal/-shm files were deleted; "
		    "start warroom again)", err);
	free(st->stmts);
	st->db = n->db;
	st->stmts = n->stmts;
	st->nstmts = n->nstmts;
	st->capstmts = n->capstmts;
	st->data_version = n->data_version;
	st->guard = n->guard;
	st->tainted = n->tainted;
	st->guard_later = 0;
	st->waited = n->waited;
	st->stuck = 0;
	sqlite3_busy_timeout(st->db, st->busy_ms);
	n->db = NULL;
	n->stmts = NULL;
	n->nstmts = 0;
	store_close(n);
	return 0;
}

/* Our own -wal/-shm are gone from the path. Everything committed is in
 * them (and in the main file): a TRUNCATE checkpoint through the handles
 * we still hold copies it all into the main file and empties the -wal and
 * the index, so nobody reads frames from it any more. Only then close. */
static int
store_rescue(struct store *st, char *err)
{
	int rc;

	if (!st->readonly) {
		rc = sqlite3_wal_checkpoint_v2(st->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		if (rc != SQLITE_OK) {
			st->stuck = 1;
			err_set(err, "%s: its -wal/-shm files were deleted and "
			    "saving what they hold failed (%s); writes wait until "
			    "it works (see docs/team-host.md)", st->path,
			    sqlite3_errmsg(st->db));
			return -1;
		}
	}
	return store_reopen(st, err);
}

/* Before a write or after a change signal: 1 when the connection was
 * reopened (everything may differ), 0 when nothing was to do, -1 when the
 * files are gone and could not be saved or reopened yet (err says why). */
static int
store_guard(struct store *st, char *err)
{
	long pid;

	if (!st->guard.have || !sqlite3_get_autocommit(st->db))
		return 0;
	if (walguard_moved(&st->guard, st->path, NULL))
		return store_rescue(st, err) == 0 ? 1 : -1;
	if (!st->tainted || walguard_foreign(st->path, &pid))
		return 0;
	return store_reopen(st, err) == 0 ? 1 : -1;
}

int
store_live(const struct store *st)
{
	return !st->tainted && !st->stuck;
}

/* Files deleted under us are saved and reopened first; files deleted
 * under another process make us wait for it, and are checked again while
 * we hold the write lock, so nobody can start using them in between. */
static int
store_begin_guarded(struct store *st, char *err)
{
	/* After a full wait at open, only as long as a screen takes to see
	 * the new files (its fallback timer is 1 s). */
	int64_t end = wr_mono_ms() + (st->waited && st->busy_ms > 1500 ? 1500
	    : st->busy_ms);
	long pid;

	for (;;) {
		if (store_guard(st, err) < 0)
			return -1;
		/* The usual case asks once, under the lock, below. */
		if (st->tainted && (store_guard_wait(st, end, err) != 0 ||
		    store_reopen(st, err) != 0))
			return -1;
		if (store_begin_immediate(st, err) != 0)
			return -1;
		if (!walguard_foreign(st->path, &pid) && !(st->guard.have &&
		    walguard_moved(&st->guard, st->path, NULL)))
			return 0;
		store_rollback(st);
		st->tainted = 1;
		if (wr_mono_ms() >= end) {
			store_guard_err(st, pid, err);
			return -1;
		}
	}
}

/* One read transaction for a reader's many statements: SQLite takes the
 * WAL read lock (fcntl on -shm, the header checked) once for all of them
 * instead of once per statement, and they all see one state of the file.
 * Ended by store_read_end at once: a read transaction held while idle
 * would keep the WAL from being reset (checkpoint starvation). */
int
store_read_begin(struct store *st)
{
	sqlite3_stmt *s;
	int rc;

	if (st->reading || !sqlite3_get_autocommit(st->db))
		return 0;
	s = store_stmt(st, "BEGIN");
	rc = sqlite3_step(s);
	store_done(s);
	st->reading = rc == SQLITE_DONE;
	return st->reading;
}

void
store_read_end(struct store *st)
{
	sqlite3_stmt *s;
	int rc;

	if (!st->reading)
		return;
	st->reading = 0;
	if (sqlite3_get_autocommit(st->db))
		return;
	s = store_stmt(st, "COMMIT");
	rc = sqlite3_step(s);
	store_done(s);
	if (rc != SQLITE_DONE)
		store_rollback(st);
}

int
store_begin(struct store *st, char *err)
{
	/* A write from inside a reload: the read transaction ends first. */
	store_read_end(st);
	if (st->readonly) {
		err_set(err, "%s: opened read-only", st->path);
		return -1;
	}
	return store_begin_guarded(st, err);
}

static int
store_begin_immediate(struct store *st, char *err)
{
	sqlite3_stmt *s = store_stmt(st, "BEGIN IMMEDIATE");
	int rc = sqlite3_step(s);

	store_done(s);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xFF) == SQLITE_BUSY) {
			st->temporary = 1;
			err_set(err, "%s: database is locked by another writer "
			    "for more than %.1f s; try again", st->path,
			    st->busy_ms / 1000.0);
		} else
			store_err(st, st->path, err);
		return -1;
	}
	return 0;
}

/* Tell the watchers, after the commit is visible. The watch cannot rely on
 * the writes to -wal: they come before the commit is published (in -shm,
 * which is memory-mapped and makes no inotify event), so a reader woken by
 * them often finds nothing new yet and would wait for its fallback timer.
 * Touching -wal after COMMIT makes an IN_ATTRIB event that comes after. */
static void
store_signal(struct store *st)
{
	char wal[PATH_MAX];

	if (snprintf(wal, sizeof wal, "%s-wal", st->path) < (int)sizeof wal)
		/* Never the target of a link put in its place. */
		(void)utimensat(AT_FDCWD, wal, NULL, AT_SYMLINK_NOFOLLOW);
}

int
store_commit(struct store *st, char *err)
{
	sqlite3_stmt *s = store_stmt(st, "COMMIT");
	int rc = sqlite3_step(s);

	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "commit failed", err);
		store_rollback(st);
		return -1;
	}
	st->local_commits++;
	store_signal(st);
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

char *
store_col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return xstrdup(t == NULL ? "" : (const char *)t);
}

int
store_exec_stmt(struct store *st, sqlite3_stmt *s, char *err)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_err(st, "write failed", err);
		store_done(s);
		return -1;
	}
	store_done(s);
	return 0;
}

int
store_changed(struct store *st)
{
	int64_t v;
	int live = store_live(st);
	int changed;

	store_read_end(st); /* data_version moves only between transactions */
	changed = store_guard(st, st->stuck_err) > 0 ||
	    store_live(st) != live;

	if (st->local_commits != st->seen_local) {
		st->seen_local = st->local_commits;
		changed = 1;
	}
	v = st->data_version;
	if (store_pragma_int(st, "PRAGMA data_version", &v) == 0 &&
	    v != st->data_version) {
		st->data_version = v;
		changed = 1;
	}
	return changed;
}

/* No IN_CLOSE_WRITE: a writer closing its files (every `warroom log`
 * does as it exits, after its commit and its signal) changes nothing a
 * reader can see, and each such event woke every viewer once more. */
#define STORE_WATCH_MASK (IN_MODIFY | IN_CREATE | IN_MOVED_TO | \
	IN_ATTRIB | IN_DELETE | IN_MOVED_FROM | IN_MOVE_SELF)
/* Marks come and go (created, written, closed when their viewer ends,
 * removed); a heartbeat only touches a mark (IN_ATTRIB) and wakes nobody,
 * so N viewers do not wake each other N times a beat. */
#define STORE_PRES_MASK (IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | \
	IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | IN_DONT_FOLLOW)

int
store_watch_fd(struct store *st)
{
	if (st->watch_fd >= 0)
		return st->watch_fd;
	st->watch_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (st->watch_fd < 0)
		return -1;
	/* Watch the folder, not the -wal file: the file may be replaced. */
	st->watch_db = inotify_add_watch(st->watch_fd, st->dir,
	    STORE_WATCH_MASK);
	if (st->watch_db < 0) {
		close(st->watch_fd);
		st->watch_fd = -1;
	}
	return st->watch_fd;
}

/* Put the watch on the presence folder (again), on the same inotify
 * instance: every viewer counts against fs.inotify.max_user_instances
 * (128), never twice. */
static void
store_watch_pres_add(struct store *st)
{
	char *dir = presence_dir(st->path);
	int wd = inotify_add_watch(st->watch_fd, dir, STORE_PRES_MASK);

	st->pres_err = wd < 0 ? errno : 0;
	if (wd >= 0 && wd == st->watch_db) {
		/* The same folder (a bind mount): keep the database's mask. */
		(void)inotify_add_watch(st->watch_fd, st->dir,
		    STORE_WATCH_MASK);
		wd = -1;
		st->pres_err = EEXIST;
	}
	if (st->watch_pres >= 0 && st->watch_pres != wd)
		(void)inotify_rm_watch(st->watch_fd, st->watch_pres);
	st->watch_pres = wd;
	free(dir);
}

int
store_watch_presence(struct store *st)
{
	st->pres_want = 1;
	if (store_watch_fd(st) < 0)
		return -1;
	if (st->watch_pres < 0)
		store_watch_pres_add(st);
	return st->watch_pres >= 0 ? 0 : -1;
}

int
store_watch_ok(const struct store *st)
{
	if (st->watch_fd < 0 || st->watch_db < 0)
		return 0;
	/* A presence folder that does not exist has nobody to list; its
	 * creation shows in the database's folder. */
	return !st->pres_want || st->watch_pres >= 0 ||
	    st->pres_err == ENOENT || st->pres_err == ENOTDIR;
}

/* Internal: an event named the presence folder in the database's. */
#define STORE_WATCH_PRES_NAMED 16

/* What one event says (STORE_WATCH_* bits). */
static int
store_watch_event(struct store *st, const struct inotify_event *ev,
    const char *name, size_t blen)
{
	if (ev->mask & IN_Q_OVERFLOW)
		return STORE_WATCH_DB | STORE_WATCH_WRITE | STORE_WATCH_PRESENCE;
	if (st->watch_pres >= 0 && ev->wd == st->watch_pres) {
		if (ev->mask & IN_IGNORED) /* the folder went */
			st->watch_pres = -1;
		return STORE_WATCH_PRESENCE;
	}
	if (ev->wd == st->watch_db && (ev->mask & (IN_IGNORED |
	    IN_MOVE_SELF))) {
		/* The folder went or moved away: poll from now on. */
		if (ev->mask & IN_MOVE_SELF)
			(void)inotify_rm_watch(st->watch_fd, st->watch_db);
		st->watch_db = -1;
		return STORE_WATCH_DB;
	}
	/* No name: the folder itself. The presence folder's name starts with
	 * the database's: made or replaced, it is watched again. */
	if (ev->len == 0 || strncmp(name, st->base, blen) != 0)
		return ev->len == 0 ? STORE_WATCH_DB : 0;
	if (strcmp(name + blen, PRESENCE_SUFFIX) == 0)
		return STORE_WATCH_DB | STORE_WATCH_PRESENCE |
		    STORE_WATCH_PRES_NAMED;
	/* Written: frames come before their commit is published (in -shm,
	 * written through its mapping: no event; its IN_MODIFY is only a
	 * first opener sizing it), so this says "soon", not "now". */
	if (ev->mask & IN_MODIFY)
		return strcmp(name + blen, "-shm") == 0 ? 0 : STORE_WATCH_WRITE;
	return STORE_WATCH_DB;
}

int
store_watch_drain(struct store *st)
{
	union {
		struct inotify_event ev;
		char b[4096];
	} u;
	size_t blen = strlen(st->base);
	int ours = 0, rounds = 0;
	ssize_t n;

	if (st->watch_fd < 0)
		return 0;
	while (rounds++ < 16 && (n = read(st->watch_fd, u.b, sizeof u.b)) > 0) {
		ssize_t at = 0;

		while (at + (ssize_t)sizeof u.ev <= n) {
			struct inotify_event ev;
			const char *name = u.b + at + sizeof ev;

			memcpy(&ev, u.b + at, sizeof ev);
			ours |= store_watch_event(st, &ev, name, blen);
			at += (ssize_t)(sizeof ev + ev.len);
		}
	}
	/* Gone, made, or another folder renamed into its place: watch what
	 * is at the path now (the same folder keeps its watch). */
	if (st->pres_want && ((ours & STORE_WATCH_PRES_NAMED) ||
	    ((ours & STORE_WATCH_PRESENCE) && st->watch_pres < 0)))
		store_watch_pres_add(st);
	return ours & (STORE_WATCH_DB | STORE_WATCH_WRITE |
	    STORE_WATCH_PRESENCE);
}

char *
store_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return xasprintf("%s/warroom/warroom.db", xdg);
	if (home == NULL || *home == '\0')
		home = "/tmp";
	return xasprintf("%s/.local/share/warroom/warroom.db", home);
}

void
store_set_busy_timeout(struct store *st, int ms)
{
	st->busy_ms = ms > 0 ? ms : STORE_BUSY_TIMEOUT_MS;
	sqlite3_busy_timeout(st->db, st->busy_ms);
}
