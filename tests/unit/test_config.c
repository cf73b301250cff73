/* test_config.c: unknown sections and keys are found with their line and
 * a good "did you mean", values are never quoted, malformed lines still
 * stop the reader, and the table knows every key the code asks for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/config.h"
#include "model/model.h"
#include "model/outbox.h"
#include "base/util.h"

struct lines {
	struct buf b;
	int n;
};

static void
collect(void *arg, const char *line)
{
	struct lines *l = arg;

	buf_addf(&l->b, "%s\n", line);
	l->n++;
}

/* The report for text, all lines joined; *n gets how many. */
static char *
report(const char *text, int *n)
{
	char err[ERR_LEN];
	struct config *cf = config_parse(text, "cfg", err);
	struct lines l = {{0}, 0};
	int got;

	assert_non_null(cf);
	got = config_check_names(cf, collect, &l);
	assert_int_equal(got, l.n);
	config_free(cf);
	*n = l.n;
	return l.b.p ? buf_take(&l.b) : xstrdup("");
}

static void
expect(const char *text, const char *want)
{
	int n;
	char *got = report(text, &n);

	assert_string_equal(got, want);
	free(got);
}

static void
test_typos(void **state)
{
	(void)state;
	expect("# comment\n\n[slak]\nwebhook = http://h/SECRETa\n",
	    "cfg:3: unknown section [slak]; did you mean [slack]?\n");
	expect("[slack]\r\n; note\r\nwebhok = http://h/SECRETb\r\n",
	    "cfg:3: unknown key 'webhok' in [slack]; did you mean "
	    "'webhook'?\n");
	expect("[mackerel]\napi-key = SECRETc\n",
	    "cfg:2: unknown key 'api-key' in [mackerel]; did you mean "
	    "'api_key'?\n");
	expect("[slack]\nWebhook = x\nwbehook = y\nwebhook.manager = z\n",
	    "cfg:2: unknown key 'Webhook' in [slack]; did you mean "
	    "'webhook'?\n"
	    "cfg:3: unknown key 'wbehook' in [slack]; did you mean "
	    "'webhook'?\n"
	    "cfg:4: unknown key 'webhook.manager' in [slack]; did you mean "
	    "'webhook.managers'?\n");
	expect("[Prometheus]\nurl = x\n[promethus]\n",
	    "cfg:1: unknown section [Prometheus]; did you mean "
	    "[prometheus]?\n"
	    "cfg:3: unknown section [promethus]; did you mean [prometheus]?\n");
	/* The right key in the wrong section. */
	expect("[slack]\napi_key = SECRETd\n[tui]\ntimezone = Asia/Tokyo\n",
	    "cfg:2: unknown key 'api_key' in [slack]; did you mean "
	    "[mackerel] api_key?\n"
	    "cfg:4: unknown key 'timezone' in [tui]; did you mean [display] "
	    "timezone?\n");
}

static void
test_no_guess(void **state)
{
	(void)state;
	/* Nothing near: the known names instead of a wild guess. */
	expect("[tui]\ncolour = red\n",
	    "cfg:2: unknown key 'colour' in [tui] (known: theme, "
	    "recovery_quiet, bell)\n");
	expect("[xyzzy]\na = 1\nb = 2\n",
	    "cfg:1: unknown section [xyzzy] (known: [slack] [prometheus] "
	    "[mackerel] [statuspage] [alertmanager] [agent] [command] [tui] "
	    "[display] [people])\n");
	expect("[slack]\nwebhook.ops = x\n",
	    "cfg:2: unknown key 'webhook.ops' in [slack] (known: webhook, "
	    "webhook.engineers, webhook.managers, webhook.users, timeout, "
	    "reminders)\n");
}

static void
test_clean(void **state)
{
	int n;
	char *got;

	(void)state;
	/* Everything known, [people] with any name, a section given twice,
	 * Japanese values: nothing to say. */
	got = report("[slack]\nwebhook = http://h/x\ntimeout = 10s\n"
	    "[people]\nalice = Alice Tanaka\nbob.k = 田中 一郎\n"
	    "[slack]\nwebhook.users = http://h/y\n[agent]\nretention = 24h\n",
	    &n);
	assert_int_equal(n, 0);
	assert_string_equal(got, "");
	free(got);
	got = report("", &n);
	assert_int_equal(n, 0);
	free(got);
}

static void
test_twice(void **state)
{
	(void)state;
	expect("[slack]\nwebhook = a\n[agent]\nretention = 1h\n[slack]\n"
	    "webhook = b\n",
	    "cfg:2: [slack] webhook is set again on line 6, which wins\n");
	expect("[people]\nalice = A\nalice = B\n",
	    "cfg:2: [people] alice is set again on line 3, which wins\n");
}

/* The keys of an unknown section are not reported one by one, and no
 * value ever is, whatever it holds. */
static void
test_values_never_quoted(void **state)
{
	int n;
	char *got;

	(void)state;
	got = report("[slak]\nwebhook = https://hooks.slack.com/SECRETe\n"
	    "webhok = x\n[slack]\nwebhok = https://h/SECRETf\n"
	    "tokn = SECRETg # SECRETh\n", &n);
	assert_int_equal(n, 3);
	assert_null(strstr(got, "SECRET"));
	assert_null(strstr(got, "hooks"));
	assert_non_null(strstr(got, "cfg:1: unknown section [slak]"));
	assert_non_null(strstr(got, "cfg:5: unknown key 'webhok'"));
	assert_non_null(strstr(got, "cfg:6: unknown key 'tokn'"));
	free(got);
}

static void
expect_error(const char *text, const char *want)
{
	char err[ERR_LEN] = "";
	struct config *cf = config_parse(text, "cfg", err);

	assert_null(cf);
	if (strstr(err, want) == NULL)
		fail_msg("error '%s' lacks '%s'", err, want);
	assert_null(strstr(err, "SECRET"));
}

/* Japanese (or any non-ASCII) names are not names: the reader stops with
 * the line, as for any malformed line, never quoting it. */
static void
test_junk(void **state)
{
	(void)state;
	expect_error("[slack]\nwebhook = x\n[スラック]\n",
	    "cfg:3: bad section name");
	expect_error("[slack]\nウェブフック = http://h/SECRETi\n",
	    "cfg:2: bad key");
	expect_error("[slack]\n\n# x\nこんにちは\n", "cfg:4: expected key = value");
	expect_error("[slack]\nwebhook: http://h/SECRETj?a=b\n", "cfg:2: bad key");
	expect_error("webhook = http://h/SECRETk\n", "cfg:1: a key outside");
	expect_error("[slack\n", "cfg:1: a section header is [name]");
}

/* Every audience an update can go to has its webhook key in the table,
 * and the keys the readers ask for are known, with their kind. */
static void
test_table(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < AUD_COUNT; i++) {
		char key[64];

		snprintf(key, sizeof key, "webhook.%s", audience_names[i]);
		assert_int_equal(config_key_flags("slack", key),
		    CONFIG_KNOWN | CONFIG_URL | CONFIG_SECRET);
	}
	assert_int_equal(config_key_flags("slack", "webhook"),
	    CONFIG_KNOWN | CONFIG_URL | CONFIG_SECRET);
	assert_int_equal(config_key_flags("prometheus", "url"),
	    CONFIG_KNOWN | CONFIG_URL);
	assert_int_equal(config_key_flags("mackerel", "api_key"),
	    CONFIG_KNOWN | CONFIG_SECRET);
	assert_int_equal(config_key_flags("agent", "retention"), CONFIG_KNOWN);
	assert_int_equal(config_key_flags("people", "anyone"), CONFIG_KNOWN);
	assert_int_equal(config_key_flags("slack", "webhok"), 0);
	assert_int_equal(config_key_flags("slak", "webhook"), 0);
}

static void
test_item_at(void **state)
{
	char err[ERR_LEN];
	struct config *cf = config_parse("[a]\n\nx = 1\n[b]\ny = 2 # c\n", "c",
	    err);
	const char *s, *k;
	int line;

	(void)state;
	assert_non_null(cf);
	assert_string_equal(config_item_at(cf, 0, &s, &k, &line), "1");
	assert_string_equal(s, "a");
	assert_int_equal(line, 3);
	assert_string_equal(config_item_at(cf, 1, &s, &k, &line), "2");
	assert_string_equal(k, "y");
	assert_int_equal(line, 5);
	assert_null(config_item_at(cf, 2, &s, &k, &line));
	config_free(cf);
}

/* The agent's fingerprint changes with the file: edited, replaced,
 * chmod-ed, removed. */
static void
test_stamp(void **state)
{
	char dir[] = "/tmp/wr-config-XXXXXX", path[64], a[512], b[512];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/config", dir);
	setenv("WARROOM_CONFIG", path, 1);
	config_stamp(a, sizeof a);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[slack]\n", f);
	fclose(f);
	config_stamp(b, sizeof b);
	assert_string_not_equal(a, b);
	f = fopen(path, "a");
	fputs("webhook = x\n", f);
	fclose(f);
	config_stamp(a, sizeof a);
	assert_string_not_equal(a, b);
	config_stamp(b, sizeof b);
	assert_string_equal(a, b); /* nothing changed: the same */
	assert_int_equal(chmod(path, 0600), 0);
	config_stamp(b, sizeof b);
	assert_string_not_equal(a, b);
	assert_int_equal(unlink(path), 0);
	config_stamp(a, sizeof a);
	assert_string_not_equal(a, b);
	assert_int_equal(rmdir(dir), 0);
	unsetenv("WARROOM_CONFIG");
}

static void
test_slack_timeout(void **state)
{
	(void)state;
	assert_int_equal(outbox_timeout_parse("10"), 10);
	assert_int_equal(outbox_timeout_parse("10s"), 10);
	assert_int_equal(outbox_timeout_parse("120"), 120);
	assert_int_equal(outbox_timeout_parse("0"), -1);
	assert_int_equal(outbox_timeout_parse("121"), -1);
	assert_int_equal(outbox_timeout_parse("10m"), -1);
	assert_int_equal(outbox_timeout_parse("s"), -1);
	assert_int_equal(outbox_timeout_parse(""), -1);
	assert_int_equal(outbox_timeout_parse("10ss"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typos),
		cmocka_unit_test(test_no_guess),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_values_never_quoted),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_item_at),
		cmocka_unit_test(test_stamp),
		cmocka_unit_test(test_slack_timeout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
