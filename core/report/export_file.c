/* export_file.c: writing an export to a file atomically. */
#include "report/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"
#include "base/util.h"

int
export_write_file(const char *path, const char *data, size_t len, int force,
    char *err)
{
	struct stat sb;
	char *tmp;
	size_t off = 0;
	int fd, rc = -1;

	if (path == NULL || *path == '\0') {
		err_set(err, "-o needs a file name");
		return -1;
	}
	if (lstat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			err_set(err, "%s: exists and is not a regular file", path);
			return -1;
		}
		if (!force) {
			err_set(err, "%s: exists; not overwritten (a draft may "
			    "hold edits; use --force to replace it)", path);
			return -1;
		}
	}
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		err_set(err, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err_set(err, "%s: %s", tmp, strerror(errno));
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0) {
		err_set(err, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		err_set(err, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (force) {
		if (rename(tmp, path) != 0) {
			err_set(err, "%s: %s", path, strerror(errno));
			goto fail;
		}
	} else {
		/* link() fails if path appeared meanwhile: no clobbering. */
		if (link(tmp, path) == 0)
			unlink(tmp);
		else if (errno == EEXIST) {
			err_set(err, "%s: exists; not overwritten (use --force)",
			    path);
			goto fail;
		} else if (lstat(path, &sb) == 0 || errno != ENOENT ||
		    rename(tmp, path) != 0) {
			/* No hard links here (some file systems): check and
			 * rename instead. */
			err_set(err, "%s: %s", path, errno == 0 ? "exists"
			    : strerror(errno));
			goto fail;
		}
	}
	rc = 0;
fail:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
