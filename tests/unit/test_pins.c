/* test_pins.c: pins (timeline_pin, timeline_pinned: who and when, logged,
 * no edit), what counts as routine (timeline_routine), and the screen's
 * remembered filter (screen_state: round trip, mode 0600, per database and
 * name, a broken file refused), on a real SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "model/board.h"
#include "model/timeline.h"
#include "view/screen_state.h"

#include "fixture.h"

static int
setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL || fx_declare(f, "ピン", "ic") != 0 ||
	    fx_join(f, "田中", ROLE_SCRIBE, "ic") != 0) {
		fx_close(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int64_t
log_entry(struct fx *f, const char *text)
{
	struct entry e = {0};
	char err[ERR_LEN];

	e.text = (char *)(uintptr_t)text;
	e.author = (char *)(uintptr_t)"田中";
	e.source = (char *)(uintptr_t)"db";
	e.kind = KIND_EVENT;
	e.confidence = CONF_CONFIRMED;
	return timeline_add(f->st, f->inc, &e, err);
}

static void
test_pin(void **state)
{
	struct fx *f = *state;
	struct entry got[3], cur = {0};
	char err[ERR_LEN];
	int64_t id[5];
	int i, total, n;

	for (i = 0; i < 5; i++)
		assert_true((id[i] = log_entry(f, "原因を特定")) > 0);
	for (i = 0; i < 5; i++) {
		fx_now(1000000 + i);
		assert_int_equal(timeline_pin(f->st, id[i], 1, "田中", err), 0);
	}
	unsetenv("WARROOM_NOW");
	/* Twice, or an unpinned one unpinned, is refused. */
	assert_int_equal(timeline_pin(f->st, id[0], 1, "ic", err), -1);
	assert_non_null(strstr(err, "already pinned (by 田中"));
	n = timeline_pinned(f->st, f->inc, got, 3, &total, err);
	assert_int_equal(n, 3);
	assert_int_equal(total, 5);
	assert_int_equal(got[0].id, id[4]); /* newest pin first */
	assert_int_equal(got[2].id, id[2]);
	assert_string_equal(got[0].pinned_by, "田中");
	timeline_clear_items(got, n);
	/* Not an edit: same version, no history. */
	assert_int_equal(timeline_get(f->st, id[0], &cur, err), 0);
	assert_int_equal(cur.version, 1);
	assert_int_equal(cur.pinned_at, 1000000);
	entry_clear(&cur);
	assert_int_equal(timeline_pin(f->st, id[0], 0, "ic", err), 0);
	assert_int_equal(timeline_pin(f->st, id[0], 0, "ic", err), -1);
	assert_non_null(strstr(err, "is not pinned"));
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM entry_history"),
	    0);
	assert_int_equal(fx_int(f->st, "SELECT count(*) FROM pin_log"), 6);
	/* A deleted entry is not pinned, nor listed. */
	assert_int_equal(timeline_delete(f->st, id[1], 1, "田中", err), 0);
	assert_int_equal(timeline_pin(f->st, id[0], 1, "ic", err), 0);
	n = timeline_pinned(f->st, f->inc, got, 3, &total, err);
	assert_int_equal(total, 4);
	timeline_clear_items(got, n);
	assert_int_equal(timeline_pin(f->st, id[1], 0, "ic", err), -1);
	assert_non_null(strstr(err, "was deleted"));
}

static void
test_routine(void **state)
{
	struct fx *f = *state;
	char err[ERR_LEN], who[64];
	struct entry e[8];
	int n, total, i, kinds = 0;
	int64_t id;

	assert_int_equal(board_checkin(f->st, f->inc, "田中", "ic", err), 0);
	id = log_entry(f, "田中 checked in"); /* a person's: not routine */
	assert_true(id > 0);
	n = timeline_page(f->st, f->inc, NULL, NULL, -1, 8, e, err);
	assert_true(n >= 4);
	for (i = 0; i < n; i++) {
		int k = timeline_routine(&e[i], who, sizeof who);

		if (e[i].id == id)
			assert_int_equal(k, 0);
		if (k != 0)
			assert_string_equal(who, "田中");
		if (e[i].kind == KIND_PHASE)
			assert_int_equal(k, 0);
		kinds |= k;
	}
	assert_int_equal(kinds, TL_ROUTINE_CHECKIN | TL_ROUTINE_JOIN);
	timeline_clear_items(e, n);
	(void)total;
}

static void
test_state(void **state)
{
	struct fx *f = *state;
	struct screen_state s = {KIND_DECISION, (char *)"原因"}, r;
	char err[ERR_LEN], *dir = xasprintf("%s/state", f->dir), *path;
	struct stat sb;
	FILE *fp;

	setenv("XDG_STATE_HOME", dir, 1);
	assert_int_equal(screen_state_load(f->path, "田中", &r, err), 0);
	assert_int_equal(r.kind, -1); /* none yet */
	assert_null(r.search);
	assert_int_equal(screen_state_save(f->path, "田中", &s, err), 0);
	path = screen_state_path(f->path, "田中");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(screen_state_load(f->path, "田中", &r, err), 0);
	assert_int_equal(r.kind, KIND_DECISION);
	assert_string_equal(r.search, "原因");
	screen_state_clear(&r);
	/* Another name, another database: their own. */
	assert_int_equal(screen_state_load(f->path, "ic", &r, err), 0);
	assert_int_equal(r.kind, -1);
	assert_int_equal(screen_state_load(f->other, "田中", &r, err), 0);
	assert_int_equal(r.kind, -1);
	/* Broken: refused, nothing taken from it. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("warroom-screen 1\ntimeline.kind nonsense\n", fp);
	fclose(fp);
	assert_int_equal(screen_state_load(f->path, "田中", &r, err), -1);
	assert_int_equal(r.kind, -1);
	assert_null(r.search);
	assert_non_null(strstr(err, "cannot read"));
	unsetenv("XDG_STATE_HOME");
	free(path);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pin, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_routine, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_state, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
