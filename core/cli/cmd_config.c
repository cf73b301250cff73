/* cmd_config.c: `warroom config check`: what a reader of the config file
 * would find wrong with it (unknown names, its permissions, values) and
 * whether each place the agent sends to answers, before an incident needs
 * it (Alertmanager: that it is one and takes the matchers). Never prints
 * a value: they are secrets. */
#include <curl/curl.h>
#include <libgen.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent/alertmanager.h"
#include "base/redact.h"
#include "cli/cli.h"
#include "base/config.h"
#include "model/metrics.h"
#include "model/outbox.h"
#include "cli/output.h"
#include "view/snapshot.h"

#define CHECK_CONNECT_S 3 /* per URL: a check should not keep anyone long */
#define CHECK_TOTAL_S 5
#define CHECK_MACKEREL_URL "https://api.mackerel.io"

struct check {
	int problems;
};

enum { CK_PROBLEM, CK_OK, CK_FAIL }; /* CK_FAIL: a URL did not answer */

/* One line of the report: "ok", "problem" or "fail" (both counted), then
 * the finding. */
static void check_line(struct check *k, int state, const char *fmt, ...)
    WR_PRINTF(3, 4);

static void
check_line(struct check *k, int state, const char *fmt, ...)
{
	static const char *const words[] = {"problem", "ok", "fail"};
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	output_line("%-8s %s", words[state], msg);
	if (state != CK_OK)
		k->problems++;
}

static void
check_name_line(void *arg, const char *line)
{
	check_line(arg, CK_PROBLEM, "%s", line);
}

/* Others must not read the file (secrets) nor replace it (a webhook of
 * their choosing): its mode, and its folder's. */
static void
check_perms(struct check *k, const char *path)
{
	struct stat sb, db;
	struct passwd *pw;
	char *copy = xstrdup(path), *dir = dirname(copy);

	if (stat(path, &sb) != 0) {
		check_line(k, CK_PROBLEM, "%s: cannot be read (does it "
		    "exist?)", path);
		free(copy);
		return;
	}
	pw = getpwuid(sb.st_uid);
	if (sb.st_mode & 077)
		check_line(k, CK_PROBLEM, "permissions: mode %03o lets others "
		    "read or write it, and it holds secrets: run chmod 600 %s",
		    (unsigned)(sb.st_mode & 0777), path);
	else
		check_line(k, CK_OK, "permissions: mode %03o, owner %s",
		    (unsigned)(sb.st_mode & 0777), pw ? pw->pw_name : "?");
	if (stat(dir, &db) == 0 && (db.st_mode & 022) &&
	    !(db.st_mode & S_ISVTX))
		check_line(k, CK_PROBLEM, "permissions: others may write the "
		    "folder %s and replace the file: run chmod go-w %s", dir,
		    dir);
	free(copy);
}

/* The values readers would refuse or silently replace by a default. */
static void
check_values(struct check *k, const struct config *cf)
{
	struct metrics_settings set;
	const char *sec, *key, *v;
	int64_t quiet;
	char err[ERR_LEN];
	int i, line, before = k->problems;

	if (metrics_settings(cf, &set, err) != 0)
		check_line(k, CK_PROBLEM, "%s", err);
	if (snapshot_quiet_setting(cf, &quiet, err) != 0)
		check_line(k, CK_PROBLEM, "%s", err);
	for (i = 0; (v = config_item_at(cf, i, &sec, &key, &line)) != NULL;
	    i++) {
		int fl = config_key_flags(sec, key);

		if ((fl & CONFIG_URL) && *v != '\0' &&
		    strncasecmp(v, "http://", 7) != 0 &&
		    strncasecmp(v, "https://", 8) != 0)
			check_line(k, CK_PROBLEM, "%s:%d: [%s] %s is not an "
			    "http(s) URL", config_path(cf), line, sec, key);
		if (strcmp(sec, "slack") == 0 && strcmp(key, "timeout") == 0 &&
		    outbox_timeout_parse(v) < 0)
			check_line(k, CK_PROBLEM, "%s:%d: [slack] timeout is "
			    "seconds, 1 to 120 (\"10\" or \"10s\")",
			    config_path(cf), line);
		if (strcmp(sec, "command") == 0 &&
		    strcmp(key, "enabled") == 0 && config_bool(v) < 0)
			check_line(k, CK_PROBLEM, "%s:%d: [command] enabled is "
			    "yes or no", config_path(cf), line);
	}
	if (k->problems == before)
		check_line(k, CK_OK, "values");
}

/* "host:port" of url in where (sizeof 300): what a check line names,
 * never the path or a password. 0, or -1 when url is no URL. */
static int
check_where(const char *url, char *where)
{
	CURLU *u = curl_url();
	char *host = NULL, *port = NULL;
	int rc = -1;

	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ==
	    CURLUE_OK) {
		snprintf(where, 300, "%s:%s", host, port);
		rc = 0;
	}
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

/* Does url answer at all? A HEAD with short timeouts; any HTTP answer
 * counts (a webhook answers a HEAD with an error, yet it is there). */
static void
check_reach(struct check *k, const char *sec, const char *key,
    const char *url)
{
	CURL *cu;
	char where[300];
	CURLcode rc;
	long code = 0;

	if (check_where(url, where) != 0 || (cu = curl_easy_init()) == NULL) {
		check_line(k, CK_PROBLEM, "reach [%s] %s: not a URL warroom "
		    "can use", sec, key);
		return;
	}
	curl_easy_setopt(cu, CURLOPT_URL, url);
	curl_easy_setopt(cu, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(cu, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(cu, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(cu, CURLOPT_CONNECTTIMEOUT, (long)CHECK_CONNECT_S);
	curl_easy_setopt(cu, CURLOPT_TIMEOUT, (long)CHECK_TOTAL_S);
	curl_easy_setopt(cu, CURLOPT_USERAGENT, "warroom-config-check");
	rc = curl_easy_perform(cu);
	if (rc == CURLE_OK)
		curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(cu);
	/* curl's own error buffer may quote the URL: only its fixed text. */
	if (rc != CURLE_OK)
		check_line(k, CK_FAIL, "reach [%s] %s at %s: %s", sec, key,
		    where,
		    curl_easy_strerror(rc));
	else
		check_line(k, CK_OK, "reach [%s] %s at %s: answered (HTTP %ld)",
		    sec, key, where, code);
}

/* [alertmanager] url: that it answers, is Alertmanager and takes the
 * matchers, one line for the first that fails. */
static void
check_alertmanager(struct check *k, const struct config *cf,
    const char *url)
{
	struct redact r = {0};
	char where[300], what[ERR_LEN], *red;
	int rc;

	if (check_where(url, where) != 0) {
		check_line(k, CK_PROBLEM, "reach [alertmanager] url: not a URL "
		    "warroom can use");
		return;
	}
	rc = alertmanager_probe(url, config_get(cf, "alertmanager",
	    "matchers"), CHECK_TOTAL_S, what);
	redact_add(&r, url, REDACT_USERINFO, "<password>");
	red = redact_apply(&r, what);
	redact_clear(&r);
	if (rc == ALERTMANAGER_UNREACHABLE)
		check_line(k, CK_FAIL, "reach [alertmanager] url at %s: "
		    "unreachable: %s", where, red + (strncmp(red,
		    "no answer: ", 11) == 0 ? 11 : 0));
	else if (rc == ALERTMANAGER_NOT_IT)
		check_line(k, CK_PROBLEM, "reach [alertmanager] url at %s: not "
		    "Alertmanager: %s", where, red);
	else if (rc == ALERTMANAGER_BAD_MATCHER)
		check_line(k, CK_PROBLEM, "[alertmanager] matchers: "
		    "Alertmanager at %s refuses them: %s", where, red);
	else
		check_line(k, CK_OK, "reach [alertmanager] url at %s: %s%s",
		    where, red, str_empty(config_get(cf, "alertmanager",
		    "matchers")) ? "" : ", takes the matchers");
	free(red);
}

/* Every URL the agent would contact: each key's last setting (the one
 * that counts), and Mackerel's own address when only its key is set. */
static void
check_urls(struct check *k, const struct config *cf)
{
	const char *sec, *key, *v;
	int i, line, n = 0;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (i = 0; (v = config_item_at(cf, i, &sec, &key, &line)) != NULL;
	    i++) {
		if (!(config_key_flags(sec, key) & CONFIG_URL) || *v == '\0' ||
		    config_get(cf, sec, key) != v)
			continue;
		if (strcmp(sec, "alertmanager") == 0 &&
		    strcmp(key, "url") == 0)
			check_alertmanager(k, cf, v);
		else
			check_reach(k, sec, key, v);
		n++;
	}
	if (config_get(cf, "mackerel", "url") == NULL &&
	    !str_empty(config_get(cf, "mackerel", "api_key"))) {
		check_reach(k, "mackerel", "url (default)", CHECK_MACKEREL_URL);
		n++;
	}
	if (n == 0)
		output_line("%-8s %s", "-", "no URL to reach");
}

static int
check_run(const char *path)
{
	struct check k = {0};
	struct config *cf;
	char err[ERR_LEN];

	output_line("%-8s %s", "file", path);
	check_perms(&k, path);
	cf = config_read_any_mode(path, err);
	if (cf == NULL) {
		check_line(&k, CK_PROBLEM, "%s", err);
	} else {
		if (config_check_names(cf, check_name_line, &k) == 0)
			check_line(&k, CK_OK, "sections and keys");
		check_values(&k, cf);
		check_urls(&k, cf);
		config_free(cf);
	}
	if (k.problems > 0)
		output_line("%d problem%s", k.problems,
		    k.problems == 1 ? "" : "s");
	else
		output_line("no problems");
	return k.problems > 0;
}

int
cmd_config(struct cli *c)
{
	char *path;
	int rc;

	if (strcmp(c->pos[0], "check") != 0)
		return cli_fail("config: unknown subcommand '%.40s' (use "
		    "check)", c->pos[0]);
	path = c->npos > 1 ? xstrdup(c->pos[1]) : config_find();
	if (path == NULL && access(CONFIG_SYSTEM, F_OK) == 0)
		return cli_fail("config: %s is not readable for you (on a team "
		    "host it is the agent's: sudo -u warroom warroom config "
		    "check)", CONFIG_SYSTEM);
	if (path == NULL) {
		output_line("no config file ($WARROOM_CONFIG, "
		    "$XDG_CONFIG_HOME/warroom/config or ~/.config/warroom/"
		    "config, %s): none is needed; the agent then collects "
		    "demo series only and keeps status updates queued",
		    CONFIG_SYSTEM);
		return 0;
	}
	rc = check_run(path);
	free(path);
	return rc;
}
