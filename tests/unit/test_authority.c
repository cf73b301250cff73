/* test_authority.c: who may do what (authority_check over every action and
 * role), who is acting (authority_actor), and handoff, on a real SQLite
 * file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/authority.h"
#include "model/board.h"
#include "base/config.h"
#include "model/incident.h"
#include "store/store.h"
#include "base/util.h"

#include "fixture.h"

static int
setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL || fx_declare(f, "auth", "ic") != 0 ||
	    fx_join(f, "鈴木", ROLE_SCRIBE, "ic") != 0 ||
	    fx_join(f, "佐藤", ROLE_OPS, "ic") != 0) {
		fx_close(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* Every action against every kind of person: exactly the table. */
static void
test_matrix(void **state)
{
	struct fx *f = *state;
	static const char *const who[] = {"ic", "鈴木", "佐藤", "山田"};
	char err[ERR_LEN];
	int a, w;

	for (a = 0; a < AUTH_COUNT; a++)
		for (w = 0; w < 4; w++) {
			int want, got;

			if (a <= AUTH_DONE_OTHER)
				want = w == 0;
			else if (a <= AUTH_CHECKIN_OTHER)
				want = w <= 1;
			else
				want = w <= 2;
			err[0] = '\0';
			got = authority_check(f->st, f->inc, who[w], a, err)
			    == 0;
			if (got != want)
				fail_msg("action %d, %s: got %d (%s)", a,
				    who[w], got, err);
			if (!got) {
				assert_non_null(strstr(err, "may"));
				assert_null(strchr(err, '\n'));
			}
		}
}

static void
test_actor(void **state)
{
	char err[ERR_LEN];
	struct config *cf = config_parse("[people]\nalice = Alice Tanaka\n",
	    "t", err);

	(void)state;
	assert_non_null(cf);
	unsetenv("WARROOM_AS");
	assert_string_equal(authority_actor("bob", cf, "alice"), "bob");
	assert_string_equal(authority_actor(NULL, cf, "alice"),
	    "Alice Tanaka");
	assert_string_equal(authority_actor(NULL, cf, "carol"), "carol");
	assert_string_equal(authority_actor(NULL, NULL, "alice"), "alice");
	setenv("WARROOM_AS", "田中", 1);
	assert_string_equal(authority_actor(NULL, cf, "alice"), "田中");
	assert_string_equal(authority_actor("bob", cf, "alice"), "bob");
	setenv("WARROOM_AS", "", 1);
	assert_string_equal(authority_actor(NULL, cf, "alice"),
	    "Alice Tanaka");
	unsetenv("WARROOM_AS");
	config_free(cf);
}

static int
count_commanders(struct store *st)
{
	return (int)fx_int(st, "SELECT count(*) FROM responder "
	    "WHERE role = 'commander'");
}

static void
test_handoff(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN];
	struct role_change *h;
	int n;

	assert_int_equal(authority_handoff(f->st, f->inc, "佐藤", ROLE_OPS,
	    "鈴木", err), -1); /* not the commander */
	assert_int_equal(authority_handoff(f->st, f->inc, "佐藤",
	    ROLE_COMMANDER, "ic", err), -1);
	assert_int_equal(authority_handoff(f->st, f->inc, "ic", ROLE_OPS,
	    "ic", err), -1);
	assert_int_equal(authority_handoff(f->st, f->inc, "佐藤", ROLE_SCRIBE,
	    "ic", err), 0);
	assert_int_equal(role_of(f->st, f->inc, "佐藤", err),
	    ROLE_COMMANDER);
	assert_int_equal(role_of(f->st, f->inc, "ic", err), ROLE_SCRIBE);
	assert_int_equal(count_commanders(f->st), 1);
	assert_int_equal(authority_check(f->st, f->inc, "ic", AUTH_PHASE,
	    err), -1);
	assert_non_null(strstr(err, "only the commander, 佐藤"));
	assert_int_equal(authority_check(f->st, f->inc, "ic", AUTH_EDIT, err),
	    0);
	/* join cannot make a second commander, nor unmake this one */
	assert_int_equal(board_join(f->st, f->inc, "鈴木", ROLE_COMMANDER,
	    "佐藤", err), -1);
	assert_int_equal(board_join(f->st, f->inc, "佐藤", ROLE_OPS, "佐藤",
	    err), -1);
	assert_int_equal(count_commanders(f->st), 1);
	assert_int_equal(authority_history(f->st, f->inc, &h, &n, err), 0);
	assert_int_equal(n, 5); /* ic, 鈴木, 佐藤 joined; two for the handoff */
	assert_string_equal(h[3].name, "ic");
	assert_int_equal(h[3].old_role, ROLE_COMMANDER);
	assert_int_equal(h[3].new_role, ROLE_SCRIBE);
	assert_string_equal(h[4].name, "佐藤");
	assert_int_equal(h[4].old_role, ROLE_OPS);
	assert_int_equal(h[4].new_role, ROLE_COMMANDER);
	assert_string_equal(h[4].by, "ic");
	authority_history_free(h, n);
}


/* The check made before a write is asked again inside the write's own
 * transaction: a handoff committed from another connection between the
 * two leaves the commander before unable to act. */
static void
test_guard_race(void **state)
{
	struct fx *f = *state;
	struct store *other;
	struct incident i = {0};
	char err[ERR_LEN] = "";

	/* Step 1: ic is the commander, and is told so. */
	assert_int_equal(authority_check(f->st, f->inc, "ic", AUTH_PHASE,
	    err), 0);
	assert_int_equal(authority_guard(f->st, f->inc, "ic", AUTH_PHASE,
	    err), 0);
	/* Between the steps: command handed to 鈴木 on another connection. */
	other = store_open(f->path, STORE_RW, err);
	assert_non_null(other);
	assert_int_equal(authority_handoff(other, f->inc, "鈴木",
	    ROLE_RESPONDER, "ic", err), 0);
	store_close(other);
	/* Step 2: the write. Refused inside its transaction, nothing kept. */
	err[0] = '\0';
	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_MITIGATING,
	    NULL, "ic", err), -1);
	assert_non_null(strstr(err, "only the commander, 鈴木, may change the "
	    "phase"));
	assert_int_equal(incident_load(f->st, f->inc, &i, err), 0);
	assert_int_equal(i.phase, PHASE_DETECTED);
	incident_clear(&i);
	/* Asked again in each transaction: the new commander may. */
	assert_int_equal(authority_guard(f->st, f->inc, "鈴木", AUTH_PHASE,
	    err), 0);
	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_MITIGATING,
	    NULL, "鈴木", err), 0);
	authority_unguard(f->st);
	/* Without the guard the write goes through unasked (what the guard
	 * adds, and that it is gone). */
	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_MONITORING,
	    NULL, "ic", err), 0);
}

/* The answer is given once per transaction: a handoff's own writes (the
 * commander changes in the middle of them) all go through; the next
 * transaction asks again and refuses the commander before. */
static void
test_guard_handoff(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN] = "";

	assert_int_equal(authority_guard(f->st, f->inc, "ic", AUTH_HANDOFF,
	    err), 0);
	assert_int_equal(authority_handoff(f->st, f->inc, "佐藤",
	    ROLE_RESPONDER, "ic", err), 0);
	assert_int_equal(incident_set_severity(f->st, f->inc, SEV1, "ic", err),
	    -1);
	assert_non_null(strstr(err, "only the commander, 佐藤, may hand off "
	    "command"));
	authority_unguard(f->st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_matrix, setup,
		    fx_teardown),
		cmocka_unit_test(test_actor),
		cmocka_unit_test_setup_teardown(test_handoff, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_guard_race, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_guard_handoff, setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
