/* walguard.c: notice -wal/-shm files deleted or replaced under a
 * connection, in this process and in others (see walguard.h). */
#include "store/walguard.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define WALGUARD_MAXPIDS 256

static const char *const walguard_suffix[WALGUARD_N] = {"", "-wal", "-shm"};

static int walguard_own_fd(const struct stat *sb);

static int
walguard_stat(const char *path, int which, struct stat *sb)
{
	char p[4096];

	if (snprintf(p, sizeof p, "%s%s", path, walguard_suffix[which]) >=
	    (int)sizeof p)
		return -1;
	return stat(p, sb);
}

int
walguard_take(struct walguard *g, const char *path)
{
	struct stat sb;
	int i, rc = 0;

	/* A file missing now stays "moved" until it is there and reopened. */
	memset(g, 0, sizeof *g);
	g->have = 1;
	for (i = 0; i < WALGUARD_N; i++) {
		/* Only files this process holds: a -wal or -shm replaced
		 * between SQLite's open and this stat is not ours. */
		if (walguard_stat(path, i, &sb) != 0 || (i != WALGUARD_DB &&
		    walguard_own_fd(&sb) == -1)) {
			rc = -1;
			continue;
		}
		g->dev[i] = sb.st_dev;
		g->ino[i] = sb.st_ino;
	}
	return rc;
}

int
walguard_moved(const struct walguard *g, const char *path, int *which)
{
	struct stat sb;
	int i;

	for (i = 0; i < WALGUARD_N; i++) {
		if (walguard_stat(path, i, &sb) != 0 || sb.st_dev !=
		    g->dev[i] || sb.st_ino != g->ino[i]) {
			if (which != NULL)
				*which = i;
			return 1;
		}
	}
	return 0;
}

static int
walguard_has(const long *pids, int n, long pid)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

/* SQLite holds a POSIX read lock on the database file for as long as a
 * connection has its WAL open, and one on byte 128 of the -shm it maps
 * (the "dead man switch"). A process with the first, none on the -shm now
 * at the path, and a lock on byte 128 of another file of this file system
 * maps another -shm: an old, deleted one. (A viewer that may not write the
 * -shm and found no writer reads the -wal without any -shm lock: it holds
 * the database lock only, and cannot write, so it is no danger.) A
 * process in the middle of opening is briefly the same; callers wait and
 * ask again, so that costs a short wait, never a wrong write. *others is
 * how many other processes hold the database, -1 when it cannot tell. */
static int
walguard_locks(const struct stat *db, const struct stat *shm, long *pid,
    int *others)
{
	long dbp[WALGUARD_MAXPIDS], shmp[WALGUARD_MAXPIDS];
	long dmsp[WALGUARD_MAXPIDS], self = getpid();
	int ndb = 0, nshm = 0, ndms = 0, i, found = 0;
	char line[256];
	FILE *f = fopen("/proc/locks", "re");

	*others = -1;
	if (f == NULL)
		return 0; /* cannot tell: the header check still runs */
	while (fgets(line, sizeof line, f) != NULL) {
		char type[16], end[24];
		long p;
		unsigned maj, min;
		unsigned long ino;
		long long start;
		dev_t dev;

		if (strstr(line, "->") != NULL || sscanf(line,
		    "%*d: %15s %*s %*s %ld %x:%x:%lu %lld %23s", type, &p, &maj,
		    &min, &ino, &start, end) != 7 || strcmp(type, "POSIX") != 0
		    || p <= 0 || p == self)
			continue;
		dev = makedev(maj, min);
		if (dev == db->st_dev && ino == db->st_ino) {
			if (ndb < WALGUARD_MAXPIDS && !walguard_has(dbp, ndb, p))
				dbp[ndb++] = p;
		} else if (shm != NULL && dev == shm->st_dev && ino ==
		    shm->st_ino) {
			if (nshm < WALGUARD_MAXPIDS)
				shmp[nshm++] = p;
		} else if (dev == db->st_dev && start == 128 &&
		    strcmp(end, "128") == 0 && ndms < WALGUARD_MAXPIDS)
			dmsp[ndms++] = p;
	}
	fclose(f);
	*others = ndb;
	for (i = 0; i < ndb && !found; i++) {
		if (!walguard_has(shmp, nshm, dbp[i]) &&
		    walguard_has(dmsp, ndms, dbp[i])) {
			*pid = dbp[i];
			found = 1;
		}
	}
	return found;
}

/* A descriptor this process already has on the file sb, or -1. Closing a
 * descriptor drops every POSIX lock the process holds on that file, so
 * opening and closing the -shm of a connection of ours would drop SQLite's
 * lock on it and let another process wipe the index we use: read through
 * SQLite's own descriptor instead. */
static int
walguard_own_fd(const struct stat *sb)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int found = -1;

	if (d == NULL)
		return -2;
	while (found < 0 && (e = readdir(d)) != NULL) {
		struct stat fs;
		int fd = atoi(e->d_name);

		if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && fd != dirfd(d)
		    && fstat(fd, &fs) == 0 && fs.st_dev == sb->st_dev &&
		    fs.st_ino == sb->st_ino)
			found = fd;
	}
	closedir(d);
	return found;
}

static int
walguard_open(const char *path, const char *suffix)
{
	char p[4096];

	if (snprintf(p, sizeof p, "%s%s", path, suffix) >= (int)sizeof p)
		return -1;
	return open(p, O_RDONLY | O_CLOEXEC);
}

/* The -shm header (two equal 48-byte copies, native byte order) names the
 * last committed frame and the salts of the -wal it indexes; the -wal
 * header has the same salts at byte 16. Frames the index counts that the
 * -wal at the path does not have, or other salts, mean someone indexes a
 * -wal that is not this one. */
static int
walguard_headers(const char *path)
{
	unsigned char h[96], w[32];
	uint32_t mx;
	uint16_t sz;
	struct stat sb;
	int fd, own, bad = 0;
	ssize_t n;

	if (walguard_stat(path, WALGUARD_SHM, &sb) != 0)
		return 0;
	own = walguard_own_fd(&sb);
	if (own == -2)
		return 0; /* no /proc: cannot read it safely */
	fd = own >= 0 ? own : walguard_open(path, "-shm");
	if (fd < 0)
		return 0;
	n = pread(fd, h, sizeof h, 0);
	if (own < 0)
		close(fd);
	if (n != (ssize_t)sizeof h || memcmp(h, h + 48, 48) != 0 || h[12] == 0)
		return 0; /* new, or being written: the lock check decides */
	memcpy(&mx, h + 16, 4);
	memcpy(&sz, h + 14, 2);
	if (mx == 0)
		return 0; /* nothing indexed: the next writer starts afresh */
	fd = walguard_open(path, "-wal");
	if (fd < 0)
		return 1;
	if (fstat(fd, &sb) != 0 || pread(fd, w, sizeof w, 0) != (ssize_t)
	    sizeof w || memcmp(h + 32, w + 16, 8) != 0 || (uint64_t)sb.st_size
	    < 32 + (uint64_t)mx * (24 + (sz & 0xfe00) + ((sz & 1u) << 16)))
		bad = 1;
	close(fd);
	return bad;
}

int
walguard_foreign(const char *path, long *pid)
{
	struct stat db, shm;
	int have_shm, others;

	*pid = 0;
	if (walguard_stat(path, WALGUARD_DB, &db) != 0)
		return 0;
	have_shm = walguard_stat(path, WALGUARD_SHM, &shm) == 0;
	if (walguard_locks(&db, have_shm ? &shm : NULL, pid, &others))
		return 1;
	/* Nobody else has the file open: the next opener rebuilds the index
	 * from the -wal at the path, whatever the -shm says. */
	if (others == 0)
		return 0;
	return walguard_headers(path);
}
