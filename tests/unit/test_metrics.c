/* test_metrics.c: the metric parsers against hostile bodies, the demo
 * curves, and collection rounds on a real SQLite file (batch writes,
 * failures with backoff, retention). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/config.h"
#include "agent/collect.h"
#include "model/metrics.h"
#include "agent/source.h"
#include "store/store.h"
#include "base/util.h"

#include "fixture.h"

typedef int (*parse_fn)(const char *, size_t, struct sample **, int *,
    char *);

/* Parse a NUL-terminated body; returns the parser's result. */
static int
parse(parse_fn fn, const char *body, struct sample **s, int *n, char *err)
{
	err[0] = '\0';
	return fn(body, strlen(body), s, n, err);
}

static void
expect_fail(parse_fn fn, const char *body, const char *reason)
{
	struct sample *s = (struct sample *)1;
	char err[ERR_LEN];
	int n = -1;

	assert_int_equal(parse(fn, body, &s, &n, err), -1);
	assert_null(s);
	assert_int_equal(n, 0);
	if (strstr(err, reason) == NULL)
		fail_msg("'%s' not in '%s' (body %.60s)", reason, err, body);
}

static void
test_prom_ok(void **state)
{
	struct sample *s;
	char err[ERR_LEN];
	int n;

	(void)state;
	assert_int_equal(parse(prom_parse, "{\"status\":\"success\",\"data\":{"
	    "\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"b\"},"
	    "\"values\":[[1435781430.781,\"1\"],[1435781445.781,\"NaN\"],"
	    "[1435781460.781,\"+Inf\"],[1435781475.781,\"-2.5e3\"]]}]}}",
	    &s, &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(s[0].t, 1435781430);
	assert_true(s[0].v == 1.0);
	assert_int_equal(s[1].t, 1435781475);
	assert_true(s[1].v == -2500.0);
	free(s);
	assert_int_equal(parse(prom_parse, "{\"status\":\"success\",\"data\":{"
	    "\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":"
	    "[1700000000,\"7\"]}]},\"warnings\":[\"w\"]}", &s, &n, err), 0);
	assert_int_equal(n, 1);
	assert_true(s[0].v == 7.0);
	free(s);
	assert_int_equal(parse(prom_parse, "{\"status\":\"success\",\"data\":{"
	    "\"resultType\":\"scalar\",\"result\":[1700000000,\"3\"]}}", &s, &n,
	    err), 0);
	assert_int_equal(n, 1);
	free(s);
	/* Every value NaN: success with nothing to store. */
	assert_int_equal(parse(prom_parse, "{\"status\":\"success\",\"data\":{"
	    "\"resultType\":\"matrix\",\"result\":[{\"values\":[[1700000000,"
	    "\"NaN\"]]}]}}", &s, &n, err), 0);
	assert_int_equal(n, 0);
	free(s);
}

static void
test_prom_hostile(void **state)
{
	struct buf b = {0};
	int i;

	(void)state;
	expect_fail(prom_parse, "{\"status\":\"error\",\"errorType\":\"bad_data\","
	    "\"error\":\"parse error at char 5\\n\\u001b[31m\"}",
	    "bad_data: parse error at char 5");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[]},{\"values\":[]},"
	    "{\"values\":[]}]}}", "query returned 3 series");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[]}}", "matched no series");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[[1700000000,\"1\"],[17",
	    "not JSON");
	expect_fail(prom_parse, "", "empty");
	expect_fail(prom_parse, "<html><body>502</body></html>", "HTML");
	expect_fail(prom_parse, "[1,2]", "not a JSON object");
	expect_fail(prom_parse, "{\"status\":\"succes\"}", "no status");
	expect_fail(prom_parse, "{\"status\":1}", "no status");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":[]}",
	    "no data.resultType");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"string\",\"result\":[1,\"x\"]}}", "not a number series");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":{}}}", "not an array");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":{}}]}}", "no values array");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[[1700000000,1]]}]}}",
	    "not a number in a string");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[[1700000000,\"12abc\"]]}]}}",
	    "not a number in a string");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[[\"1700000000\",\"1\"]]}]}}",
	    "bad time");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[[-5,\"1\"]]}]}}", "bad time");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[[1e999,\"1\"]]}]}}", "bad time");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[[1700000000]]}]}}",
	    "pair");
	expect_fail(prom_parse, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"vector\",\"result\":[\"x\"]}}", "not an object");
	/* Deep nesting. */
	buf_adds(&b, "{\"status\":\"success\",\"data\":");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	expect_fail(prom_parse, b.p, "not JSON");
	buf_free(&b);
	/* A huge array of points. */
	buf_adds(&b, "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"values\":[");
	for (i = 0; i < SOURCE_POINTS_MAX + 1; i++)
		buf_addf(&b, "%s[%d,\"1\"]", i ? "," : "", 1700000000 + i);
	buf_adds(&b, "]}]}}");
	expect_fail(prom_parse, b.p, "too many points");
	buf_free(&b);
}

static void
test_prom_error_is_one_clean_line(void **state)
{
	struct sample *s;
	char err[ERR_LEN];
	int n;

	(void)state;
	assert_int_equal(parse(prom_parse, "{\"status\":\"error\",\"errorType\":"
	    "\"x\\u009b\",\"error\":\"a\\nb\\u001b]0;t\\u0007\"}", &s, &n, err),
	    -1);
	assert_null(strchr(err, '\n'));
	assert_null(strchr(err, 0x1b));
	assert_null(strchr(err, 0x07));
	assert_null(strstr(err, "\xc2\x9b"));
}

/* Every prefix and many one-byte corruptions of a valid body: no crash, no
 * leak; the whole body gives its samples, every shorter prefix is
 * refused, and a refusal says why in one line. */
static void
test_parsers_mutations(void **state)
{
	const char *prom = "{\"status\":\"success\",\"data\":{\"resultType\":"
	    "\"matrix\",\"result\":[{\"metric\":{\"job\":\"x\"},\"values\":"
	    "[[1700000000.5,\"1.25\"],[1700000015,\"NaN\"]]}]}}";
	const char *mk = "{\"metrics\":[{\"time\":1700000000,\"value\":2},"
	    "{\"time\":1700000060,\"value\":3.5}]}";
	const char *bodies[] = {prom, mk};
	const char junk[] = "\0\"[]{},:-e.9nN\\\xff";
	parse_fn fns[] = {prom_parse, mackerel_parse};
	const int samples[] = {1, 2}; /* the NaN is not a sample */
	size_t k, len, i, c;

	(void)state;
	for (k = 0; k < 2; k++) {
		len = strlen(bodies[k]);
		for (i = 0; i <= len; i++) {
			for (c = 0; c < sizeof junk; c++) {
				char *copy = xmalloc(len + 1);
				struct sample *s;
				char err[ERR_LEN];
				int n, rc;

				memcpy(copy, bodies[k], len + 1);
				if (c < sizeof junk - 1 && i < len)
					copy[i] = junk[c];
				/* the last pass: the prefix of length i */
				rc = fns[k](copy, c == sizeof junk - 1 ? i : len,
				    &s, &n, err);
				/* a prefix: only the whole body parses */
				if (c == sizeof junk - 1 || i == len)
					assert_int_equal(rc, i == len ? 0 : -1);
				if (i == len)
					assert_int_equal(n, samples[k]);
				if (rc == 0) {
					assert_in_range(n, 0, 2);
					free(s);
				} else {
					assert_int_equal(rc, -1);
					assert_true(err[0] != '\0');
					assert_null(strchr(err, '\n'));
				}
				free(copy);
				if (i == len)
					break;
			}
		}
	}
}

static void
test_mackerel(void **state)
{
	struct sample *s;
	char err[ERR_LEN];
	struct buf b = {0};
	int n, i;

	(void)state;
	assert_int_equal(parse(mackerel_parse, "{\"metrics\":[{\"time\":"
	    "1450000800,\"value\":200},{\"time\":1450000860,\"value\":1e999},"
	    "{\"time\":1450000920,\"value\":-3.5}]}", &s, &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(s[0].t, 1450000800);
	assert_true(s[0].v == 200.0);
	assert_true(s[1].v == -3.5);
	free(s);
	assert_int_equal(parse(mackerel_parse, "{\"metrics\":[]}", &s, &n, err),
	    0);
	assert_int_equal(n, 0);
	free(s);
	expect_fail(mackerel_parse, "{\"error\":{\"message\":\"Host Not "
	    "Found\"}}", "error: Host Not Found");
	expect_fail(mackerel_parse, "{\"error\":\"plain\"}", "error: plain");
	expect_fail(mackerel_parse, "{\"error\":{\"message\":5}}",
	    "no message");
	expect_fail(mackerel_parse, "{\"metrics\":{}}", "no metrics array");
	expect_fail(mackerel_parse, "{\"metrics\":[{\"time\":\"x\",\"value\":1}]}",
	    "not {\"time\"");
	expect_fail(mackerel_parse, "{\"metrics\":[{\"time\":1450000800,"
	    "\"value\":\"1\"}]}", "not {\"time\"");
	expect_fail(mackerel_parse, "{\"metrics\":[null]}", "not {\"time\"");
	expect_fail(mackerel_parse, "{\"metrics\":[{\"time\":0,\"value\":1}]}",
	    "bad time");
	expect_fail(mackerel_parse, "{\"metrics\":[{\"time\":1450000800,\"va",
	    "truncated");
	expect_fail(mackerel_parse, "<!DOCTYPE html>", "HTML");
	expect_fail(mackerel_parse, "\"metrics\"", "not a JSON object");
	buf_adds(&b, "{\"metrics\":[");
	for (i = 0; i < SOURCE_POINTS_MAX + 5; i++)
		buf_addf(&b, "%s{\"time\":%d,\"value\":1}", i ? "," : "",
		    1450000800 + i);
	buf_adds(&b, "]}");
	expect_fail(mackerel_parse, b.p, "too many points");
	buf_free(&b);
	/* A NUL inside is refused (cJSON alone would take it for a space). */
	assert_int_equal(mackerel_parse("{\"metrics\":[]\0}", 15, &s, &n, err),
	    -1);
	assert_non_null(strstr(err, "NUL"));
	assert_int_equal(prom_parse("{\"status\":\0\"success\"}", 21, &s, &n,
	    err), -1);
	assert_non_null(strstr(err, "NUL"));
}

static void
test_command_parse(void **state)
{
	struct sample *s;
	char err[ERR_LEN];
	int n;

	(void)state;
	assert_int_equal(command_parse(" 42.5 \n", 7, 1700000000, &s, &n, err),
	    0);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].t, 1700000000);
	assert_true(s[0].v == 42.5);
	free(s);
	assert_int_equal(command_parse("1700000000 1\r\n\n1700000010\t2\n"
	    "1700000020 nan\n", 43, 1, &s, &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(s[1].t, 1700000010);
	assert_true(s[1].v == 2.0);
	free(s);
	assert_int_equal(command_parse("", 0, 1, &s, &n, err), -1);
	assert_non_null(strstr(err, "printed nothing"));
	assert_int_equal(command_parse("  \n\n", 4, 1, &s, &n, err), -1);
	assert_int_equal(command_parse("1 2 3\n", 6, 1, &s, &n, err), -1);
	assert_non_null(strstr(err, "line 1"));
	assert_int_equal(command_parse("5\nabc\n", 6, 1, &s, &n, err), -1);
	assert_non_null(strstr(err, "line 2"));
	assert_int_equal(command_parse("-1 5\n", 5, 1, &s, &n, err), -1);
	assert_int_equal(command_parse("4\0" "2", 3, 1, &s, &n, err), -1);
	assert_non_null(strstr(err, "not text"));
}

static void
test_demo_shape(void **state)
{
	int c;
	int64_t base = 1700000100 - 1700000100 % 300; /* a loop's start */

	(void)state;
	assert_int_equal(demo_curve("errors"), 0);
	assert_int_equal(demo_curve("nope"), -1);
	assert_int_equal(demo_curve(NULL), -1);
	for (c = 0; c < demo_ncurves; c++) {
		int64_t t;
		double normal = demo_value(c, base + 30);
		double peak = demo_value(c, base + 120);
		double after = demo_value(c, base + 290);

		for (t = base; t < base + 600; t++)
			assert_true(isfinite(demo_value(c, t)) &&
			    demo_value(c, t) >= 0);
		/* A clear incident, and a recovery back near normal. */
		assert_true(fabs(peak - normal) > 0.3 * normal);
		assert_true(fabs(after - normal) < 0.3 * normal);
		/* It loops: the next loop has its incident too. */
		assert_true(fabs(demo_value(c, base + 420) - normal) >
		    0.3 * normal);
	}
	assert_true(isnan(demo_value(99, base)));
	assert_true(demo_value(0, base + 120) > 8);
	assert_true(demo_value(0, base + 30) < 1);
}

/* ---- rounds on a real database ------------------------------------------ */


static void
test_collect_demo_and_retention(void **state)
{
	struct fx *f = *state;
	struct config *cf;
	struct series *list;
	char err[ERR_LEN];
	int64_t now = 1700000000, id;
	int n, got;
	struct sample *smp;

	cf = config_parse("[agent]\nretention = 30m\n", "test", err);
	assert_non_null(cf);
	id = metrics_add(f->st, "errors", SRC_DEMO, "errors", "%", 2, 5, 10,
	    collect_check_query, err);
	assert_true(id > 0);
	assert_int_equal(metrics_add(f->st, "errors", SRC_DEMO, "cpu", "", NAN,
	    NAN, 10, collect_check_query, err), -1);
	assert_non_null(strstr(err, "exists"));
	assert_int_equal(metrics_add(f->st, "x", SRC_MACKEREL, "host:a", "",
	    NAN, NAN, 10, collect_check_query, err), -1);
	/* A sample from before the window, which the round prunes. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "INSERT INTO sample "
	    "VALUES (1, 1699990000, 9)", NULL, NULL, NULL), SQLITE_OK);

	got = collect_round(f->st, cf, now, err);
	/* The backfill is capped by retention: 30 min at 10 s, inclusive. */
	assert_int_equal(got, 181);
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM sample"), 181);
	assert_int_equal(fx_int(f->st, "SELECT min(t) FROM sample"),
	    now - 1800);
	assert_int_equal(metrics_next_due(f->st, now, 60), 10);
	/* Not due yet: nothing polled, nothing written. */
	assert_int_equal(collect_round(f->st, cf, now + 5, err), 0);
	/* Due: catches up from the last poll (overlap replaces). */
	got = collect_round(f->st, cf, now + 10, err);
	assert_int_equal(got, 3);
	/* One new sample, and the oldest slid out of the window. */
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM sample"), 181);
	assert_int_equal(fx_int(f->st, "SELECT min(t) FROM sample"),
	    now + 10 - 1800);
	assert_int_equal(metrics_samples(f->st, id, now - 5, now + 10, &smp,
	    &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(smp[1].t, now + 10);
	free(smp);
	/* An hour later the first samples fall out of the window. */
	got = collect_round(f->st, cf, now + 3600, err);
	assert_true(got > 0);
	assert_int_equal(fx_int(f->st, "SELECT min(t) FROM sample"),
	    now + 3600 - 1800);
	assert_int_equal(metrics_series_list(f->st, &list, &n, err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].last_ok, now + 3600);
	assert_null(list[0].last_error);
	assert_true(list[0].warn == 2 && list[0].crit == 5);
	metrics_series_free(list, n);
	config_free(cf);
}

static void
test_collect_failure_backoff(void **state)
{
	struct fx *f = *state;
	struct series *list;
	char err[ERR_LEN], *txt;
	int64_t now = 1700000000;
	int n;

	/* A series whose query the agent cannot run (another writer put it
	 * there): it fails, backs off, and never stores anything. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "INSERT INTO series "
	    "(name, source, query, interval) VALUES ('bad', 'demo', 'nope', "
	    "20), ('cmd', 'command', 'echo 1', 20)", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(collect_round(f->st, NULL, now, err), 0);
	assert_int_equal(metrics_series_list(f->st, &list, &n, err), 0);
	assert_int_equal(n, 2);
	assert_non_null(list[0].last_error);
	assert_non_null(strstr(list[0].last_error, "unknown curve"));
	assert_int_equal(list[0].fail_count, 1);
	assert_int_equal(list[0].next_poll, now + 20);
	assert_non_null(strstr(list[1].last_error, "command sources are off"));
	txt = metrics_state_text(&list[0], now);
	assert_non_null(strstr(txt, "FAILING (1x, retry in 20s): demo: "));
	free(txt);
	metrics_series_free(list, n);
	assert_int_equal(collect_round(f->st, NULL, now + 20, err), 0);
	assert_int_equal(collect_round(f->st, NULL, now + 40, err), 0);
	assert_int_equal(fx_int(f->st, "SELECT next_poll FROM series WHERE "
	    "name = 'bad'"), now + 20 + 40);
	assert_int_equal(collect_round(f->st, NULL, now + 60, err), 0);
	assert_int_equal(fx_int(f->st, "SELECT fail_count FROM series WHERE "
	    "name = 'bad'"), 3);
	assert_int_equal(fx_int(f->st, "SELECT next_poll FROM series WHERE "
	    "name = 'bad'"), now + 60 + 80);
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM sample"), 0);
	assert_int_equal(metrics_remove(f->st, "bad", err), 0);
	assert_int_equal(metrics_remove(f->st, "bad", err), -1);
}

static void
test_settings(void **state)
{
	struct metrics_settings set;
	struct config *cf;
	char err[ERR_LEN];

	(void)state;
	assert_int_equal(metrics_settings(NULL, &set, err), 0);
	assert_int_equal(set.retention, 86400);
	assert_int_equal(set.timeout_ms, 10000);
	cf = config_parse("[agent]\nretention = 7d\ntimeout = 90s\n"
	    "connect_timeout = 2m\n", "t", err);
	assert_int_equal(metrics_settings(cf, &set, err), 0);
	assert_int_equal(set.retention, 7 * 86400);
	assert_int_equal(set.timeout_ms, 90000);
	assert_int_equal(set.connect_timeout_ms, 90000); /* at most timeout */
	config_free(cf);
	cf = config_parse("[agent]\nretention = 1x\n", "t", err);
	assert_int_equal(metrics_settings(cf, &set, err), -1);
	assert_non_null(strstr(err, "retention"));
	config_free(cf);
	cf = config_parse("[agent]\nretention = 99999999999999999999d\n", "t",
	    err);
	assert_int_equal(metrics_settings(cf, &set, err), -1);
	config_free(cf);
	cf = config_parse("[agent]\ntimeout = 0\n", "t", err);
	assert_int_equal(metrics_settings(cf, &set, err), -1);
	config_free(cf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prom_ok),
		cmocka_unit_test(test_prom_hostile),
		cmocka_unit_test(test_prom_error_is_one_clean_line),
		cmocka_unit_test(test_parsers_mutations),
		cmocka_unit_test(test_mackerel),
		cmocka_unit_test(test_command_parse),
		cmocka_unit_test(test_demo_shape),
		cmocka_unit_test(test_settings),
		cmocka_unit_test_setup_teardown(test_collect_demo_and_retention,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_collect_failure_backoff,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
