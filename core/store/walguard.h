/* walguard.h: are the -wal and -shm files at a database's path the ones
 * every connection uses? Deleting them while a connection holds them open
 * corrupts the database (sqlite.org/howtocorrupt.html): the holder keeps its
 * old, unlinked files and a newcomer starts fresh ones, and the two write
 * the one main file without seeing each other. Linux only (/proc/locks). */
#ifndef WR_WALGUARD_H
#define WR_WALGUARD_H

#include <sys/types.h>

enum { WALGUARD_DB, WALGUARD_WAL, WALGUARD_SHM, WALGUARD_N };

/* Which files a connection opened: device and inode of each path. */
struct walguard {
	dev_t dev[WALGUARD_N];
	ino_t ino[WALGUARD_N];
	int have; /* taken */
};

/* Remember the files now at path, path-wal and path-shm. 0, or -1 when one
 * is missing (then walguard_moved() always says moved). */
int walguard_take(struct walguard *g, const char *path);
/* 1 when a path no longer names the file remembered (deleted, replaced),
 * with which one in *which (WALGUARD_DB...); 0 when all three still do. */
int walguard_moved(const struct walguard *g, const char *path, int *which);

/* Does another process use -wal/-shm files that are not the ones at path?
 * 0 no; 1 yes, *pid is that process (0 when only the files show it: the
 * -shm describes a -wal that is not the one at the path). Looks at
 * /proc/locks (every connection holds a lock on the database file, and on
 * byte 128 of the -shm it maps) and at the -shm and -wal headers. */
int walguard_foreign(const char *path, long *pid);

#endif
