/* store.h: the one SQLite file every process shares. Only core/ includes this. */
#ifndef WR_STORE_H
#define WR_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 15
#define STORE_BUSY_TIMEOUT_MS 5000

enum {
	STORE_RW = 0,
	STORE_RO = 1 << 0,     /* SQLITE_OPEN_READONLY + query_only */
	STORE_CREATE = 1 << 1, /* create the file (and its folder) if missing */
};

struct store;

/* Open, check and migrate. NULL with a one-line reason in err. */
struct store *store_open(const char *path, int flags, char *err);
/* A read-only open leaves one check for later: whether another process
 * uses -wal/-shm files deleted from the path (then the reader is not
 * live: store_live). Ask it once the first frame is out: 1 when the
 * answer made the reader not live, else 0. Every later call: 0. */
int store_settle(struct store *st);
void store_close(struct store *st);

sqlite3 *store_db(struct store *st);
const char *store_path(const struct store *st);
int store_readonly(const struct store *st);
int store_created(const struct store *st); /* the file was new */
/* 1 when the last error on st was temporary: the write lock held longer
 * than the busy timeout, or a full disk. Commands then exit 75 so that a
 * script may retry. NULL gives 0. */
int store_temporary(const struct store *st);

/* A statement prepared once for the life of the connection, keyed by the
 * address of sql (always a string literal), reset and unbound. Reset it
 * (store_done) as soon as the rows are read: a statement left stepping holds
 * a read transaction and starves checkpoints. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);
void store_done(sqlite3_stmt *stmt);

/* How long a write waits for another writer's lock before it fails
 * (STORE_BUSY_TIMEOUT_MS unless set; screens wait less, so a hung writer
 * elsewhere never holds their keyboard for long). */
void store_set_busy_timeout(struct store *st, int ms);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. 0 or -1 with err. */
int store_begin(struct store *st, char *err);
int store_commit(struct store *st, char *err);
void store_rollback(struct store *st);

/* A read transaction around many reads (a screen's reload): the WAL read
 * lock is taken once, and every read sees one state. Returns 1 when it
 * began one (end it with store_read_end, before going idle), 0 when
 * already inside a transaction. store_begin() and store_changed() end it
 * first. */
int store_read_begin(struct store *st);
void store_read_end(struct store *st);

/* Bind helpers: NULL text binds NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *text);
char *store_col_text(sqlite3_stmt *s, int i); /* caller frees; NULL stays NULL */
char *store_col_str(sqlite3_stmt *s, int i);  /* caller frees; NULL gives "" */

/* Step a write statement that returns no rows: 0 or -1 with err. Resets. */
int store_exec_stmt(struct store *st, sqlite3_stmt *s, char *err);
/* Fill err from the connection's last error, prefixed by what. */
void store_err(struct store *st, const char *what, char *err);

/* How store_rows reads one row into an item of the array it grows. */
struct store_rowtype {
	size_t size;                               /* bytes of one item */
	void (*read)(sqlite3_stmt *s, void *item); /* fill a zeroed item */
	void (*clear)(void *item);                 /* free what it holds */
	const char *what;                          /* "reading incidents" */
};
/* Step s (bound by the caller) to its end, one item per row: the list
 * readers' loop, written once. Returns the array (caller frees; NULL when
 * there are no rows) with *n items; on a failed step NULL with *n = -1
 * and err "WHAT: ...", nothing kept. Resets s either way. */
void *store_rows(struct store *st, sqlite3_stmt *s,
    const struct store_rowtype *t, int *n, char *err);

/* Change signal: 1 when any connection (another process, or this one) has
 * committed since the last call. Cheap: a PRAGMA data_version. */
int store_changed(struct store *st);
/* 0 while this connection may not show the latest: its -wal/-shm files
 * were deleted and it could not reopen yet, or it opened while another
 * process still used deleted ones. store_changed() and store_begin()
 * reopen it as soon as that is safe. */
int store_live(const struct store *st);
/* A file descriptor that becomes readable when the database may have
 * changed (inotify on its folder), or -1. Drain it with store_watch_drain.
 * store_commit() makes an event after its commit is visible, so a change
 * made through it is never missed; other writers (the sqlite3 shell) may
 * only be seen by the next store_changed() call. */
int store_watch_fd(struct store *st);
/* Also watch the presence folder (store/presence.h) on the same
 * descriptor: marks made, written, closed (their viewer ended) or
 * removed; heartbeats are not reported. Kept across the folder being
 * removed and made again. 0, or -1 when it is not watched now. */
int store_watch_presence(struct store *st);
/* 1 while the watches see every change they are meant to: the folder's
 * watch is set and alive, and so is the presence folder's when asked for
 * (or that folder does not exist yet). 0: the caller must poll. */
int store_watch_ok(const struct store *st);
/* Read what the watch has (a bounded amount: a file in the folder written
 * without pause must not hold the caller); STORE_WATCH_DB when something
 * happened to the database's own files (or events were lost),
 * STORE_WATCH_PRESENCE to the presence folder, 0 for other files. */
#define STORE_WATCH_DB 1
#define STORE_WATCH_PRESENCE 2
/* The database or its -wal was written (IN_MODIFY): a commit may follow;
 * STORE_WATCH_DB is not set for it. warroom's writers signal after the
 * commit (an IN_ATTRIB: STORE_WATCH_DB); others only write, so a reader
 * looks again shortly after this. */
#define STORE_WATCH_WRITE 4
int store_watch_drain(struct store *st);

/* The default database path ($XDG_DATA_HOME/warroom/warroom.db or
 * ~/.local/share/warroom/warroom.db). Caller frees. */
char *store_default_path(void);
#endif
