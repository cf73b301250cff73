/* cmd_init.c: `warroom init`: create or migrate the database, and with
 * --group give it and its folder to the writers' group. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "store/presence.h"
#include "store/store.h"

/* Why fd cannot be given to the group, or NULL: it must be what we meant
 * to change, not a link's target or another name of a file elsewhere. */
static const char *
cmd_init_refuse(int fd, int folder)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return strerror(errno);
	if (folder ? !S_ISDIR(sb.st_mode) : !S_ISREG(sb.st_mode))
		return folder ? "not a folder" : "not a regular file";
	if (!folder && sb.st_nlink != 1)
		return "has other hard links; remove them first";
	return NULL;
}

/* Change group and mode of the open fd, which names shown. */
static int
cmd_init_chgrp(int fd, const char *shown, int folder, gid_t gid, mode_t mode)
{
	const char *why = cmd_init_refuse(fd, folder);

	if (why == NULL && (fchown(fd, (uid_t)-1, gid) != 0 ||
	    fchmod(fd, mode) != 0))
		why = strerror(errno);
	close(fd);
	return why == NULL ? 0 : cli_fail("init: %s: %s", shown, why);
}

/* The database folder given is a link: say where it leads, if anywhere. */
static int
cmd_init_linked(const char *dir)
{
	char real[PATH_MAX];

	if (realpath(dir, real) == NULL)
		return cli_fail("init: %s is a symbolic link; give --db the "
		    "real path", dir);
	return cli_fail("init: %s is a symbolic link; give --db the real path "
	    "(%s/...)", dir, real);
}

/* The database's folder, opened without following a link in its place. */
static int
cmd_init_folder(const char *dir)
{
	struct stat sb;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
		cmd_init_linked(dir);
	else
		cli_fail("init: %s: %s", dir, strerror(errno));
	return -1;
}

/* Give the database, its -wal/-shm and its folder to the writers' group:
 * files rw for owner and group, readable by viewers; the folder setgid so
 * files SQLite creates later keep the group. Run by root on a folder the
 * writers may change: everything is opened without following links, and
 * changed through the descriptor, so nothing outside the folder changes. */
static int
cmd_init_group(struct cli *c, const char *group)
{
	static const char *const sfx[] = {"", "-wal", "-shm"};
	struct group *gr = getgrnam(group);
	char *dir, *slash;
	const char *base;
	size_t i;
	int dfd, rc = 0;

	if (gr == NULL)
		return cli_fail("init: no group '%.40s' (create it with "
		    "groupadd)", group);
	dir = xstrdup(c->db_path);
	slash = strrchr(dir, '/');
	base = slash == NULL ? c->db_path : c->db_path + (slash - dir) + 1;
	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if ((dfd = cmd_init_folder(dir)) < 0) {
		free(dir);
		return 1;
	}
	for (i = 0; i < ARRAY_LEN(sfx) && rc == 0; i++) {
		char *name = xasprintf("%s%s", base, sfx[i]);
		char *shown = xasprintf("%s%s", c->db_path, sfx[i]);
		int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_NOCTTY | O_CLOEXEC);

		rc = fd < 0 ? cli_fail("init: %s: %s", shown, errno == ELOOP ?
		    "is a symbolic link; remove it" : strerror(errno))
		    : cmd_init_chgrp(fd, shown, 0, gr->gr_gid, 0664);
		free(name);
		free(shown);
	}
	if (rc == 0)
		rc = cmd_init_chgrp(dfd, dir, 1, gr->gr_gid, 02775);
	else
		close(dfd);
	if (rc == 0)
		output_line("%s: group %s may write; everyone with access to "
		    "%s may watch read-only", c->db_path, group, dir);
	free(dir);
	return rc;
}

/* Before anything is created: init --group runs as root, and the folder
 * it will create the database in and give to the group must be the folder
 * itself, not a link someone put in its place. */
static int
cmd_init_check(const struct cli *c, const char *group)
{
	const char *env = getenv("WARROOM_DB");
	char *path = c->db_path != NULL ? xstrdup(c->db_path)
	    : env != NULL && *env != '\0' ? xstrdup(env) : store_default_path();
	char *slash = strrchr(path, '/');
	struct stat sb;
	int rc = 0;

	if (getgrnam(group) == NULL)
		rc = cli_fail("init: no group '%.40s' (create it with "
		    "groupadd)", group);
	else if (slash != NULL && slash != path) {
		*slash = '\0';
		if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
			rc = cmd_init_linked(path);
	}
	free(path);
	return rc;
}

int
cmd_init(struct cli *c)
{
	const char *group = cli_opt(c, "group");
	int swept;

	if (group != NULL && cmd_init_check(c, group) != 0)
		return 1;
	if (cli_open(c, CLI_DB_CREATE) != 0)
		return 1;
	if (group != NULL && cmd_init_group(c, group) != 0)
		return 1;
	/* Where viewers say they watch without writing the database. */
	if (presence_prepare(c->db_path, c->err) != 0)
		fprintf(stderr, "warroom: watchers will not be listed: %s\n",
		    c->err);
	else if ((swept = presence_sweep(c->db_path)) > 0)
		/* Anyone may write the folder: junk is cleared here. */
		output_line("%s%s: removed %d entries that were not watchers' "
		    "marks", c->db_path, PRESENCE_SUFFIX, swept);
	output_line("%s: warroom database, schema version %d", c->db_path,
	    STORE_SCHEMA_VERSION);
	return 0;
}
