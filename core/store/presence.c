/* presence.c: watchers' marks in DB.presence/: one small file per running
 * viewer, "w.UID.PID", holding the name it watches as. The file is not the
 * database: a viewer stays read-only. The clock here is the real one (not
 * WARROOM_NOW): it is compared with file times the kernel writes. */
#include "store/presence.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/text.h"
#include "base/util.h"

#define PRESENCE_PER_UID 8 /* marks counted for one user, at most */
/* The largest mark: a name of TEXT_NAME_MAX characters, 4 bytes each. */
#define PRESENCE_MARK_MAX (TEXT_NAME_MAX * 4 + 1)

struct presence {
	char *path;
	char *name;
	int fd;
	time_t beat;
};

char *
presence_dir(const char *db_path)
{
	return xasprintf("%s%s", db_path, PRESENCE_SUFFIX);
}

int
presence_prepare(const char *db_path, char *err)
{
	char *dir = presence_dir(db_path);
	struct stat sb;
	int rc = -1, fd;

	/* Opened without following a link and changed through the
	 * descriptor: whoever may write the database's folder could put a link
	 * to a folder elsewhere in its place, for root's 'warroom init'. */
	if (mkdir(dir, 01777) != 0 && errno != EEXIST)
		err_set(err, "%s: %s", dir, strerror(errno));
	else if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		err_set(err, "%s is not a folder (%s)", dir,
		    lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode) ?
		    "a symbolic link" : strerror(errno));
	else {
		if (fstat(fd, &sb) != 0)
			err_set(err, "%s: %s", dir, strerror(errno));
		else if (sb.st_uid == geteuid() &&
		    (sb.st_mode & 07777) != 01777 && fchmod(fd, 01777) != 0)
			/* mkdir's mode passes through the umask: set it. */
			err_set(err, "%s: %s", dir, strerror(errno));
		else
			rc = 0;
		close(fd);
	}
	free(dir);
	return rc;
}

static int
presence_create(struct presence *p, char *err)
{
	char *line = xasprintf("%s\n", p->name);
	size_t len = strlen(line);
	ssize_t w;

	/* Our own leftover of a reused pid; someone else's cannot go (the
	 * folder is sticky) and makes O_EXCL fail, as it should. */
	unlink(p->path);
	p->fd = open(p->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (p->fd < 0) {
		err_set(err, "%s", strerror(errno));
		free(line);
		return -1;
	}
	(void)fchmod(p->fd, 0644); /* readable by the commander whatever umask */
	w = write(p->fd, line, len);
	free(line);
	if (w != (ssize_t)len) {
		err_set(err, "%s", w < 0 ? strerror(errno) : "short write");
		close(p->fd);
		unlink(p->path);
		p->fd = -1;
		return -1;
	}
	p->beat = time(NULL);
	return 0;
}

struct presence *
presence_enter(const char *db_path, const char *name, char *err)
{
	struct presence *p = xcalloc(1, sizeof *p);
	char *dir = presence_dir(db_path);
	char why[ERR_LEN] = "";

	p->path = xasprintf("%s/w.%lu.%ld", dir, (unsigned long)geteuid(),
	    (long)getpid());
	p->name = xstrdup(name);
	if (presence_create(p, why) != 0) {
		err_set(err, "not listed as watching (%s: %s)", dir, why);
		free(dir);
		free(p->path);
		free(p->name);
		free(p);
		return NULL;
	}
	free(dir);
	return p;
}

void
presence_beat(struct presence *p)
{
	struct stat sb;
	time_t now = time(NULL);
	char err[ERR_LEN];

	if (p == NULL || now - p->beat < PRESENCE_BEAT)
		return;
	p->beat = now;
	if (p->fd >= 0 && fstat(p->fd, &sb) == 0 && sb.st_nlink > 0) {
		(void)futimens(p->fd, NULL);
		return;
	}
	/* Someone cleaned the folder: put the mark back (quietly). */
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	(void)presence_create(p, err);
}

void
presence_leave(struct presence *p)
{
	if (p == NULL)
		return;
	if (p->fd >= 0) {
		close(p->fd);
		unlink(p->path);
	}
	free(p->path);
	free(p->name);
	free(p);
}

/* "w.UID.PID": 0 with both parsed, -1 for any other name. */
static int
presence_parse(const char *s, unsigned long *uid, long *pid)
{
	char *end;

	if (strncmp(s, "w.", 2) != 0 || s[2] < '0' || s[2] > '9')
		return -1;
	errno = 0;
	*uid = strtoul(s + 2, &end, 10);
	if (errno != 0 || *end != '.' || end[1] < '0' || end[1] > '9')
		return -1;
	*pid = strtol(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || *pid <= 0)
		return -1;
	return 0;
}

/* The name inside one mark, cleaned; NULL when unreadable or empty. */
static char *
presence_read(int dfd, const char *file)
{
	char buf[TEXT_NAME_MAX + 2], *nl, *name;
	struct stat sb;
	ssize_t n;
	int fd;

	/* Never follow a link, never block on a FIFO someone left there. */
	fd = openat(dfd, file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return NULL;
	}
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	name = text_trim(text_sanitize(buf, strlen(buf), TEXT_NAME_MAX, 0));
	if (*name == '\0') {
		free(name);
		return NULL;
	}
	return name;
}

static int
presence_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether pid has ended and waits for its parent to reap it: kill()
 * still reaches it, but its mark is the mark of a viewer gone (its
 * descriptors closed, which woke the watchers). */
static int
presence_zombie(long pid)
{
	char path[40], buf[512], *end;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "PID (COMM) STATE ...": COMM may hold ')' and spaces. */
	if ((end = strrchr(buf, ')')) == NULL || end[1] != ' ')
		return 0;
	return end[2] == 'Z' || end[2] == 'X';
}

/* Whether the process that left a mark still runs as the mark's owner
 * (same host: the database must be local anyway). EPERM: it runs, as
 * someone else. Where /proc shows the process, its owner must be the
 * mark's: nobody can keep a mark alive with another user's process (when
 * /proc hides it, mounted with hidepid, kill() is all we have). */
static int
presence_alive(long pid, unsigned long uid)
{
	char proc[32];
	struct stat sb;

	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		return 0;
	snprintf(proc, sizeof proc, "/proc/%ld", pid);
	if (stat(proc, &sb) != 0)
		return 1;
	return (unsigned long)sb.st_uid == uid && !presence_zombie(pid);
}

/* A live mark: regular, owned by the uid in its name, recent, small (a
 * mark holds one name), its process alive. Its uid in *uid. */
static int
presence_valid(int dfd, const char *file, time_t now, unsigned long *uid)
{
	struct stat sb;
	long pid;

	return presence_parse(file, uid, &pid) == 0 &&
	    fstatat(dfd, file, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode) && (unsigned long)sb.st_uid == *uid &&
	    sb.st_size <= PRESENCE_MARK_MAX &&
	    now - sb.st_mtime <= PRESENCE_STALE && presence_alive(pid, *uid);
}

/* The name to show for a valid mark, or NULL. */
static char *
presence_shown(int dfd, const char *file, unsigned long uid)
{
	char *name = presence_read(dfd, file);
	struct passwd *pw;

	/* Anyone may claim a name (--as); the owner of the file is who it
	 * really is. Root could forge both. */
	if (name != NULL && uid != 0 && (pw = getpwuid((uid_t)uid)) != NULL &&
	    strcmp(pw->pw_name, name) != 0) {
		char *both = xasprintf("%s (%s)", name, pw->pw_name);

		free(name);
		name = text_clean(both, TEXT_NAME_MAX * 2, 0);
	}
	return name;
}

/* Whether uid may have one more mark counted: one user's many marks (a
 * shared viewer account, or someone filling the folder) take at most
 * PRESENCE_PER_UID places, so they cannot push everyone else out. */
static int
presence_room(unsigned long *uids, int *counts, int *nuids,
    unsigned long uid)
{
	int i;

	for (i = 0; i < *nuids && uids[i] != uid; i++)
		;
	if (i == *nuids) {
		uids[i] = uid;
		counts[i] = 0;
		(*nuids)++;
	}
	return ++counts[i] <= PRESENCE_PER_UID;
}

static DIR *
presence_opendir(const char *db_path, int *dfd)
{
	char *dir = presence_dir(db_path);
	DIR *d = NULL;

	*dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(dir);
	if (*dfd >= 0 && (d = fdopendir(*dfd)) == NULL)
		close(*dfd);
	return d;
}

int
presence_list(const char *db_path, char ***names)
{
	unsigned long uids[PRESENCE_MAX], uid;
	int counts[PRESENCE_MAX], nuids = 0;
	char **out = NULL, *name;
	struct dirent *de;
	time_t now = time(NULL);
	DIR *d;
	int dfd, n = 0, i, j;

	*names = NULL;
	if ((d = presence_opendir(db_path, &dfd)) == NULL)
		return 0;
	/* Every entry is looked at: others' junk costs a name check each,
	 * and cannot end the scan before the real marks. */
	while ((de = readdir(d)) != NULL && n < PRESENCE_MAX) {
		if (!presence_valid(dfd, de->d_name, now, &uid) ||
		    (name = presence_shown(dfd, de->d_name, uid)) == NULL)
			continue;
		if (!presence_room(uids, counts, &nuids, uid)) {
			free(name);
			continue;
		}
		if (out == NULL)
			out = xcalloc(PRESENCE_MAX, sizeof *out);
		out[n++] = name;
	}
	closedir(d);
	if (n == 0) {
		free(out);
		return 0;
	}
	qsort(out, (size_t)n, sizeof *out, presence_cmp);
	for (i = 1, j = 1; i < n; i++) { /* one name per person */
		if (strcmp(out[i], out[j - 1]) == 0)
			free(out[i]);
		else
			out[j++] = out[i];
	}
	*names = out;
	return j;
}

int
presence_sweep(const char *db_path)
{
	unsigned long uid;
	struct dirent *de;
	time_t now = time(NULL);
	DIR *d;
	int dfd, n = 0;

	if ((d = presence_opendir(db_path, &dfd)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    presence_valid(dfd, de->d_name, now, &uid))
			continue;
		/* unlinkat removes a link itself, never its target; the
		 * sticky folder lets only its owner (or root) remove others'. */
		if (unlinkat(dfd, de->d_name, 0) == 0 ||
		    (errno == EISDIR && unlinkat(dfd, de->d_name,
		    AT_REMOVEDIR) == 0))
			n++;
	}
	closedir(d);
	return n;
}

void
presence_list_free(char **names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

char *
presence_join(char **names, int n)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", names[i]);
	if (b.p == NULL)
		buf_adds(&b, "");
	return buf_take(&b);
}
