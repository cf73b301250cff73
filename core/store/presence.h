/* presence.h: who is watching. A read-only viewer may not write the
 * database, so it leaves a small file in a folder beside it (DB.presence/)
 * while it runs; writers' screens and `warroom status` list those files. */
#ifndef WR_PRESENCE_H
#define WR_PRESENCE_H

#define PRESENCE_SUFFIX ".presence"
#define PRESENCE_BEAT 30   /* seconds between heartbeats (file mtime) */
#define PRESENCE_STALE 120 /* a mark older than this is ignored */
#define PRESENCE_MAX 64    /* names listed at most */

struct presence;

/* The presence folder of a database: "DB.presence". Caller frees. */
char *presence_dir(const char *db_path);
/* Create the folder (mode 1777, like /tmp: every viewer may add its own
 * mark and only its own owner may remove it); 0 if it exists or was
 * made, -1 with err. */
int presence_prepare(const char *db_path, char *err);

/* Mark this process as watching under name. NULL with err when the folder
 * is missing or not writable: watching works anyway, unlisted. */
struct presence *presence_enter(const char *db_path, const char *name,
    char *err);
/* Refresh the mark when a heartbeat is due (cheap to call often). */
void presence_beat(struct presence *p);
/* Remove the mark and free p (NULL is fine). */
void presence_leave(struct presence *p);

/* Who is watching db_path now: display names, sorted, each once (at most
 * PRESENCE_MAX). A name that differs from the Unix user owning the mark
 * shows as "name (user)". Returns the count (0 when the folder is missing);
 * *names is an array the caller frees with presence_list_free. */
int presence_list(const char *db_path, char ***names);
void presence_list_free(char **names, int n);
/* Remove what is not a live mark from the folder (junk, stale or dead
 * marks, links, folders, files too big to be a mark) as far as this user
 * may; returns how many entries went. */
int presence_sweep(const char *db_path);
/* "alice, bob, 佐藤" (caller frees). */
char *presence_join(char **names, int n);
#endif
