/* screen_state.c: the small state file of a screen (screen_state.h). */
#include "view/screen_state.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"
#include "base/util.h"
#include "model/model.h"

#define SS_MAGIC "warroom-screen 1"
#define SS_FILE_MAX 4096

/* The database as a stable key: its real path when it exists. */
static char *
ss_db_key(const char *db)
{
	char buf[PATH_MAX];

	if (db != NULL && realpath(db, buf) != NULL)
		return xstrdup(buf);
	return xstrdup(db != NULL ? db : "");
}

static char *
ss_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/warroom", xdg);
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.local/state/warroom", home);
	return NULL;
}

char *
screen_state_path(const char *db, const char *as)
{
	char *dir = ss_dir(), *key, *path;
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */
	const unsigned char *c;

	if (dir == NULL)
		return NULL;
	key = ss_db_key(db);
	for (c = (const unsigned char *)key; *c != '\0'; c++)
		h = (h ^ *c) * 1099511628211ULL;
	h = (h ^ 0) * 1099511628211ULL;
	for (c = (const unsigned char *)(as ? as : ""); *c != '\0'; c++)
		h = (h ^ *c) * 1099511628211ULL;
	path = xasprintf("%s/screen-%016llx", dir, (unsigned long long)h);
	free(key);
	free(dir);
	return path;
}

void
screen_state_clear(struct screen_state *s)
{
	free(s->search);
	s->search = NULL;
	s->kind = -1;
}

/* One "name value" line of the file into out; 0, or -1 when it is not
 * one we write. */
static int
ss_line(char *line, const char *db, const char *as, struct screen_state *out,
    int *mine)
{
	char *val = strchr(line, ' ');

	if (val == NULL)
		return -1;
	*val++ = '\0';
	if (strcmp(line, "db") == 0)
		*mine &= strcmp(val, db) == 0;
	else if (strcmp(line, "as") == 0)
		*mine &= strcmp(val, as) == 0;
	else if (strcmp(line, "timeline.kind") == 0) {
		if (strcmp(val, "all") == 0)
			out->kind = -1;
		else if ((out->kind = enum_parse(kind_names, KIND_COUNT, val))
		    < 0)
			return -1;
	} else if (strcmp(line, "timeline.search") == 0) {
		if (*val == '\0' || strlen(val) > SCREEN_STATE_SEARCH_MAX)
			return -1;
		free(out->search);
		out->search = text_sanitize(val, strlen(val),
		    SCREEN_STATE_SEARCH_MAX, 0);
	} else
		return -1;
	return 0;
}

int
screen_state_load(const char *db, const char *as, struct screen_state *out,
    char *err)
{
	char *path = screen_state_path(db, as), *key = ss_db_key(db);
	char buf[SS_FILE_MAX + 1], *line, *next;
	ssize_t n;
	int fd, mine = 1, rc = -1;

	out->kind = -1;
	out->search = NULL;
	if (path == NULL) {
		free(key);
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		rc = errno == ENOENT ? 0 : -1;
		if (rc != 0)
			err_set(err, "%s (%s)", strerror(errno), path);
		goto out;
	}
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0 || n > SS_FILE_MAX || memchr(buf, '\0', (size_t)n)) {
		err_set(err, "%s (%s)", n < 0 ? strerror(errno)
		    : "not a screen state file", path);
		goto out;
	}
	buf[n] = '\0';
	line = buf;
	next = strchr(line, '\n');
	if (next == NULL || (*next = '\0', strcmp(line, SS_MAGIC) != 0)) {
		err_set(err, "not a screen state file (%s)", path);
		goto out;
	}
	for (line = next + 1; *line != '\0'; line = next + 1) {
		if ((next = strchr(line, '\n')) == NULL ||
		    (*next = '\0', ss_line(line, key, as ? as : "", out,
		    &mine) != 0)) {
			err_set(err, "a line it cannot read (%s)", path);
			screen_state_clear(out);
			goto out;
		}
	}
	if (!mine) /* another screen's (a name clash): start anew */
		screen_state_clear(out);
	rc = 0;
out:
	free(path);
	free(key);
	return rc;
}

/* mkdir -p dir, each new folder 0700. */
static int
ss_mkdirs(char *dir)
{
	char *s;

	for (s = dir + 1; *s != '\0'; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				*s = '/';
				return -1;
			}
			*s = '/';
		}
	return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

static int
ss_write(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int
screen_state_save(const char *db, const char *as,
    const struct screen_state *s, char *err)
{
	char *path = screen_state_path(db, as), *dir, *tmp, *text, *key;
	int fd, rc = -1;

	if (path == NULL) {
		err_set(err, "no place for the screen state ($HOME unset)");
		return -1;
	}
	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	if (ss_mkdirs(dir) != 0) {
		err_set(err, "%s: %s", dir, strerror(errno));
		free(dir);
		free(path);
		return -1;
	}
	free(dir);
	key = ss_db_key(db);
	text = xasprintf(SS_MAGIC "\ndb %s\nas %s\ntimeline.kind %s\n%s%s%s",
	    key, as ? as : "", s->kind >= 0 && s->kind < KIND_COUNT
	    ? kind_names[s->kind] : "all", s->search ? "timeline.search "
	    : "", s->search ? s->search : "", s->search ? "\n" : "");
	free(key);
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0 || fchmod(fd, 0600) != 0 ||
	    ss_write(fd, text, strlen(text)) != 0 || fsync(fd) != 0) {
		err_set(err, "%s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		err_set(err, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(text);
	free(tmp);
	free(path);
	return rc;
}
