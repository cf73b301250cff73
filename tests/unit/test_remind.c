/* test_remind.c: the reminder in its short words (remind_short), for a
 * status bar that holds it at 80 columns: the same reminder as
 * remind_check at every moment, a long name cut by display columns with
 * the time kept, and nothing when remind_check has nothing. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"
#include "model/remind.h"

static void
test_short(void **state)
{
	struct incident inc = {0};
	struct responder r = {0};
	char text[256], brief[256];
	int64_t t;

	(void)state;
	inc.severity = SEV2;
	inc.phase = PHASE_MITIGATING;
	inc.detected = 1000;
	inc.checkin_interval = 600;
	r.name = (char *)(uintptr_t)"長い名前の担当者さん";
	r.state = RSTATE_ACTIVE;
	r.asg_id = 1;
	r.last_checkin = 1000;
	r.asg_since = 1000;
	/* Every minute of an hour: short when, and only when, long. */
	for (t = 1000; t < 1000 + 3600; t += 30) {
		int lng = remind_check(&inc, &r, 1, t, text, sizeof text, NULL,
		    0);

		assert_int_equal(remind_short(&inc, &r, 1, t, brief,
		    sizeof brief), lng);
		if (lng)
			assert_true(text_width(brief) <= 32);
	}
	assert_int_equal(remind_short(&inc, &r, 1, 1700, brief, sizeof brief),
	    1);
	assert_string_equal(brief, "長い名前…: no check-in for 11m");
	remind_check(&inc, &r, 1, 1700, text, sizeof text, NULL, 0);
	assert_string_equal(text, "長い名前の担当者さん has not checked in "
	    "for 11m");
	r.name = (char *)(uintptr_t)"bob";
	assert_int_equal(remind_short(&inc, &r, 1, 1700, brief, sizeof brief),
	    1);
	assert_string_equal(brief, "bob: no check-in for 11m");
	r.name = (char *)(uintptr_t)"alexandra1"; /* 10 columns: whole */
	remind_short(&inc, &r, 1, 1700, brief, sizeof brief);
	assert_string_equal(brief, "alexandra1: no check-in for 11m");
	/* The update: due, then overdue (the long form stays for Slack). */
	assert_int_equal(remind_short(&inc, &r, 1, 2800, brief, sizeof brief),
	    1);
	assert_string_equal(brief, "Update due");
	remind_short(&inc, &r, 1, 2800 + 11 * 60, brief, sizeof brief);
	assert_string_equal(brief, "Update 11m overdue");
	remind_check(&inc, &r, 1, 2800 + 11 * 60, text, sizeof text, NULL, 0);
	assert_string_equal(text, "Next status update due, overdue by 11m");
	/* Snoozed or resolved: none. */
	inc.snooze_until = 9000;
	assert_int_equal(remind_short(&inc, &r, 1, 8000, brief, sizeof brief),
	    0);
	inc.snooze_until = 0;
	inc.phase = PHASE_RESOLVED;
	assert_int_equal(remind_short(&inc, &r, 1, 8000, brief, sizeof brief),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
