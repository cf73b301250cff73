/* health.c: the agent's log lines and its node_exporter textfile (see
 * health.h). */
#include "agent/health.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/config.h"
#include "base/text.h"
#include "base/version.h"
#include "model/model.h"
#include "model/outbox.h"
#include "store/store.h"

int
health_journal(void)
{
	static int known = -1;
	const char *e = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat sb;

	if (known >= 0)
		return known;
	/* systemd sets it for the unit's stdout and stderr; a program run
	 * from there with stderr redirected elsewhere must not prefix. */
	known = e != NULL && sscanf(e, "%llu:%llu", &dev, &ino) == 2 &&
	    fstat(STDERR_FILENO, &sb) == 0 &&
	    (unsigned long long)sb.st_dev == dev &&
	    (unsigned long long)sb.st_ino == ino;
	return known;
}

void
health_log(int prio, const char *fmt, ...)
{
	va_list ap;
	char line[1024], *clean;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	clean = text_sanitize(line, strlen(line), SIZE_MAX, 0);
	if (health_journal())
		fprintf(stderr, "<%d>%s\n", prio, clean);
	else
		fprintf(stderr, "warroom agent: %s\n", clean);
	free(clean);
}

/* A label value in the text format: backslash, quote and newline escaped
 * (names are clean one-line text already). */
static void
health_label(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '"')
			buf_addc(b, '\\');
		if (*s == '\n') {
			buf_adds(b, "\\n");
			continue;
		}
		buf_addc(b, *s);
	}
}

static void
health_head(struct buf *b, const char *name, const char *help)
{
	buf_addf(b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* Per series: the last good poll (when there was one) and failures in a
 * row. */
static int
health_series(struct store *st, struct buf *b, char *err)
{
	static const char sql[] = "SELECT name, source, last_ok, fail_count "
	    "FROM series ORDER BY name";
	static const char *const metric[2] = {
		"warroom_series_last_success_timestamp_seconds",
		"warroom_series_failures",
	};
	static const char *const help[2] = {
		"When the agent last polled the metric series successfully.",
		"Polls of the metric series that failed in a row.",
	};
	int k, rc;

	for (k = 0; k < 2; k++) {
		sqlite3_stmt *s = store_stmt(st, sql);

		health_head(b, metric[k], help[k]);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if (k == 0 && sqlite3_column_type(s, 2) == SQLITE_NULL)
				continue;
			buf_addf(b, "%s{series=\"", metric[k]);
			health_label(b, (const char *)sqlite3_column_text(s, 0));
			buf_adds(b, "\",source=\"");
			health_label(b, (const char *)sqlite3_column_text(s, 1));
			buf_addf(b, "\"} %lld\n", (long long)sqlite3_column_int64(s,
			    k == 0 ? 2 : 3));
		}
		store_done(s);
		if (rc != SQLITE_DONE) {
			store_err(st, "reading series", err);
			return -1;
		}
	}
	return 0;
}

/* Per audience: the last update delivered, named by the config key of its
 * webhook (never the URL: a secret). */
static int
health_delivery(struct store *st, const struct config *cf, struct buf *b,
    char *err)
{
	static const char sql[] = "SELECT audience, max(sent_at) FROM "
	    "status_update WHERE state = 'sent' AND sent_at IS NOT NULL "
	    "GROUP BY audience ORDER BY audience";
	const char *name = "warroom_delivery_last_success_timestamp_seconds";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	health_head(b, name, "When the destination last took a status "
	    "update.");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *aud = (const char *)sqlite3_column_text(s, 0);
		const char *key = NULL;
		int a = enum_parse(audience_names, AUD_COUNT, aud);

		if (a >= 0)
			(void)outbox_webhook(cf, a, &key);
		buf_addf(b, "%s{destination=\"slack\",audience=\"", name);
		health_label(b, aud);
		buf_adds(b, "\",key=\"");
		health_label(b, key != NULL ? key : "none");
		buf_addf(b, "\"} %lld\n", (long long)sqlite3_column_int64(s, 1));
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading the outbox", err);
		return -1;
	}
	return 0;
}

static int
health_outbox(struct store *st, struct buf *b, char *err)
{
	static const char sql[] = "SELECT count(*) FILTER (WHERE state = "
	    "'queued'), count(*) FILTER (WHERE state = 'failed' AND "
	    "dropped_at IS NULL) FROM status_update";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW) {
		health_head(b, "warroom_outbox_queued", "Status updates waiting "
		    "to be delivered.");
		buf_addf(b, "warroom_outbox_queued %lld\n",
		    (long long)sqlite3_column_int64(s, 0));
		health_head(b, "warroom_outbox_failed", "Status updates that "
		    "failed for good (retry or drop them).");
		buf_addf(b, "warroom_outbox_failed %lld\n",
		    (long long)sqlite3_column_int64(s, 1));
	}
	store_done(s);
	if (rc != SQLITE_ROW) {
		store_err(st, "counting the outbox", err);
		return -1;
	}
	return 0;
}

/* Write text to path through path.tmp, readable by node_exporter. */
static int
health_replace(const char *path, const char *text, char *err)
{
	char *tmp = xasprintf("%s.tmp", path);
	size_t len = strlen(text);
	int fd, rc = -1;

	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd < 0)
		err_set(err, "textfile %s: %s", tmp, strerror(errno));
	else if (fchmod(fd, 0644) != 0 || write(fd, text, len) != (ssize_t)len)
		err_set(err, "textfile %s: %s", tmp, errno ? strerror(errno) :
		    "short write");
	else if (close(fd) != 0 || (fd = -1, rename(tmp, path) != 0))
		err_set(err, "textfile %s: %s", path, strerror(errno));
	else
		rc = 0;
	if (rc != 0) {
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

int
health_write_textfile(struct store *st, const struct config *cf,
    int64_t now, char *err)
{
	const char *path = config_get(cf, "agent", "textfile");
	struct buf b = {0};
	int rc;

	if (path == NULL || *path == '\0')
		return 0;
	health_head(&b, "warroom_agent_info", "The running agent's version.");
	buf_addf(&b, "warroom_agent_info{version=\"%s\"} 1\n", WARROOM_VERSION);
	health_head(&b, "warroom_agent_round_timestamp_seconds", "When the "
	    "agent last finished a round.");
	buf_addf(&b, "warroom_agent_round_timestamp_seconds %lld\n",
	    (long long)now);
	rc = health_series(st, &b, err);
	if (rc == 0)
		rc = health_delivery(st, cf, &b, err);
	if (rc == 0)
		rc = health_outbox(st, &b, err);
	if (rc == 0)
		rc = health_replace(path, b.p, err);
	buf_free(&b);
	return rc;
}
