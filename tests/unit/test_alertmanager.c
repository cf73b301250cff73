/* test_alertmanager.c: reading Alertmanager's API v2 answer: times with
 * fractions and offsets, the severity mapping, hostile text cleaned,
 * what is not an alert skipped, the order; and an alert's title. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "agent/alertmanager.h"
#include "base/config.h"
#include "base/util.h"
#include "model/alert.h"
#include "model/model.h"

static void
test_time(void **state)
{
	int64_t t = 0;

	(void)state;
	assert_int_equal(alertmanager_time("2026-11-30T10:02:00Z", &t), 0);
	assert_int_equal(t, 1796032920);
	assert_int_equal(alertmanager_time("2026-11-30T10:02:00.123456Z", &t),
	    0);
	assert_int_equal(t, 1796032920);
	assert_int_equal(alertmanager_time("2026-11-30T19:02:00.5+09:00", &t),
	    0);
	assert_int_equal(t, 1796032920);
	assert_int_equal(alertmanager_time("2026-11-30T05:02:00-05:00", &t), 0);
	assert_int_equal(t, 1796032920);
	assert_int_equal(alertmanager_time("2026-11-30T10:02:00", &t), -1);
	assert_int_equal(alertmanager_time("2026-11-30T10:02:00+9", &t), -1);
	assert_int_equal(alertmanager_time("2026-02-30T10:02:00Z", &t), -1);
	assert_int_equal(alertmanager_time(NULL, &t), -1);
}

static void
test_parse(void **state)
{
	char err[ERR_LEN] = "";
	struct config *cf = config_parse("[alertmanager]\nseverity = "
	    "critical=SEV1, warning = SEV3\n", "cfg", err);
	struct alert *l;
	int n;

	(void)state;
	assert_non_null(cf);
	n = alertmanager_parse("[{\"fingerprint\":\"bb\",\"startsAt\":"
	    "\"2026-11-30T10:03:00Z\",\"labels\":{\"alertname\":\"Late\","
	    "\"severity\":\"warning\"}},"
	    "{\"fingerprint\":\"aa\",\"startsAt\":\"2026-11-30T10:02:00.1Z\","
	    "\"labels\":{\"alertname\":\"Bad\\u001b[2J\",\"severity\":"
	    "\"critical\"},\"annotations\":{\"description\":\"d\"}},"
	    "{\"startsAt\":\"2026-11-30T10:02:00Z\",\"labels\":{}},"
	    "{\"fingerprint\":\"cc\",\"startsAt\":\"yesterday\",\"labels\":{}},"
	    "{\"fingerprint\":\"dd\",\"startsAt\":\"2026-11-30T10:04:00Z\","
	    "\"labels\":{\"severity\":\"page\"}}]", cf, &l, err);
	assert_int_equal(n, 3);
	/* by start: aa, bb, dd */
	assert_string_equal(l[0].fingerprint, "aa");
	assert_null(strchr(l[0].name, 0x1b));
	assert_string_equal(l[0].summary, "d");
	assert_int_equal(l[0].severity, SEV1);
	assert_string_equal(l[1].labels, "alertname=Late, severity=warning");
	assert_int_equal(l[1].severity, SEV3);
	assert_string_equal(l[2].name, "");
	assert_int_equal(l[2].severity, -1);
	alert_list_free(l, n);
	assert_int_equal(alertmanager_parse("{\"status\":\"error\"}", cf, &l,
	    err), -1);
	assert_non_null(strstr(err, "not a list of alerts"));
	assert_int_equal(alertmanager_parse("[", cf, &l, err), -1);
	config_free(cf);
}

static void
test_title(void **state)
{
	struct alert a = {0};
	char *t, big[400], fp[] = "ff", empty[] = "", name[] = "HighLatency";

	(void)state;
	a.fingerprint = fp;
	a.name = empty;
	a.summary = empty;
	t = alert_title(&a);
	assert_string_equal(t, "alert ff");
	free(t);
	a.name = name;
	t = alert_title(&a);
	assert_string_equal(t, "alert HighLatency");
	free(t);
	memset(big, 'x', sizeof big - 1);
	memcpy(big + 199, "\xc3\xa9", 2); /* a character across byte 200 */
	big[sizeof big - 1] = '\0';
	a.summary = big;
	t = alert_title(&a);
	assert_int_equal(strlen(t), 199);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
