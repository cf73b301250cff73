/* test_clockstep.c: a step of the wall clock (back an hour, or forward)
 * neither holds up nor hastens the agent's retries and polls. The wall
 * clock is WARROOM_NOW and the monotonic one outbox_mono_ms, both set by
 * the test; the Slack webhook is a closed local port (an instant "no
 * answer", so each attempt is a retry). */
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
#include "agent/deliver.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "model/model.h"
#include "model/outbox.h"
#include "store/store.h"
#include "base/util.h"

#include "fixture.h"

#define T0 1764158400

static int64_t fake_ms = 1000000;

static int64_t
fake_mono(void)
{
	return fake_ms;
}

static int
teardown(void **state)
{
	unsetenv("WARROOM_NOW");
	return fx_teardown(state);
}

/* Deliver at wall time now; return the update's attempts. */
static int64_t
deliver(struct fx *f, const struct config *cf, int64_t now)
{
	char err[ERR_LEN];

	fx_now(now);
	assert_int_equal(deliver_updates(f->st, cf, now, err), 0);
	return fx_int(f->st, "SELECT attempts FROM status_update WHERE id = 1");
}

static void
test_outbox_step(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct config *cf;
	int64_t id;

	deliver_log = NULL;
	outbox_mono_ms = fake_mono;
	fx_now(T0);
	id = incident_declare(f->st, "Clock", SEV2, "ann", 0, err);
	assert_true(id > 0);
	assert_true(outbox_queue(f->st, id, AUD_ENGINEERS, -1, "hello",
	    "ann", err) == 1);
	cf = config_parse("[slack]\nwebhook = http://127.0.0.1:1/services/"
	    "T0/B0/closedport\ntimeout = 2\n", "test", err);
	assert_non_null(cf);

	assert_int_equal(deliver(f, cf, T0), 1);
	assert_int_equal(fx_int(f->st,
	    "SELECT next_attempt FROM status_update"), T0 + 5);
	/* The wall clock goes back an hour: 1 s later it is not due yet (the
	 * backoff is 5 s), 5 s later it is tried, not an hour later. */
	fake_ms += 1000;
	assert_int_equal(deliver(f, cf, T0 - 3600 + 1), 1);
	fake_ms += 5000;
	assert_int_equal(deliver(f, cf, T0 - 3600 + 6), 2);
	/* Forward two hours: the 10 s backoff still holds. */
	fake_ms += 1000;
	assert_int_equal(deliver(f, cf, T0 + 7200), 2);
	fake_ms += 9000;
	assert_int_equal(deliver(f, cf, T0 + 7210), 3);

	/* A retry another agent scheduled (this one's record is stale): due
	 * when the wall clock reaches it, and at once when it lies further
	 * ahead than any backoff, because the clock went back since. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE status_update "
	    "SET attempts = 4, next_attempt = 1764165620", NULL, NULL, NULL),
	    SQLITE_OK); /* T0 + 7220 */
	fake_ms += 60000;
	assert_int_equal(deliver(f, cf, T0 + 7212), 4);
	assert_int_equal(deliver(f, cf, T0 + 7220), 5);
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE status_update "
	    "SET attempts = 7, next_attempt = 1764165620", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(deliver(f, cf, T0 + 7220 - 3600), 8);
	config_free(cf);
	outbox_mono_ms = wr_mono_ms;
}

static void
test_metrics_step(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], *txt;
	struct series *list;
	int n;

	assert_int_equal(sqlite3_exec(store_db(f->st), "INSERT INTO series "
	    "(name, source, query, interval) VALUES ('cpu', 'demo', 'cpu', "
	    "20)", NULL, NULL, NULL), SQLITE_OK);
	assert_true(collect_round(f->st, NULL, T0, err) > 0);
	assert_int_equal(fx_int(f->st, "SELECT next_poll FROM series"),
	    T0 + 20);
	/* Not due 5 s later; due at once when the clock went back an hour. */
	assert_int_equal(collect_round(f->st, NULL, T0 + 5, err), 0);
	assert_int_equal(fx_int(f->st, "SELECT last_ok FROM series"), T0);
	assert_true(collect_round(f->st, NULL, T0 - 3600, err) > 0);
	assert_int_equal(fx_int(f->st, "SELECT last_ok FROM series"),
	    T0 - 3600);
	assert_int_equal(fx_int(f->st, "SELECT next_poll FROM series"),
	    T0 - 3600 + 20);
	assert_int_equal(metrics_next_due(f->st, T0 - 3600, 5), 5);

	/* What people read says so too: not "retry in 1h". */
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE series SET "
	    "last_error = 'x', fail_count = 1, next_poll = 1764162000", NULL,
	    NULL, NULL), SQLITE_OK); /* T0 + 3600 */
	assert_int_equal(metrics_series_list(f->st, &list, &n, err), 0);
	txt = metrics_state_text(&list[0], T0 + 3590);
	assert_non_null(strstr(txt, "retry in 10s"));
	free(txt);
	txt = metrics_state_text(&list[0], T0);
	assert_non_null(strstr(txt, "retry in 0s"));
	free(txt);
	metrics_series_free(list, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outbox_step, fx_setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_metrics_step, fx_setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
