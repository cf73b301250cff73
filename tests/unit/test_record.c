/* test_record.c: the read models of dialog/record.c on a real SQLite
 * file: an entry with every version and its decision or release, a
 * deleted and a missing entry, a person's assignments newest first. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/board.h"
#include "model/decision.h"
#include "model/incident.h"
#include "model/timeline.h"
#include "store/store.h"
#include "view/record.h"
#include "base/util.h"

#include "fixture.h"

static int
setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL || fx_declare(f, "決済APIの障害", "cmd") != 0 ||
	    fx_join(f, "bob", ROLE_SCRIBE, "cmd") != 0 ||
	    fx_join(f, "田中", ROLE_OPS, "cmd") != 0) {
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
	int64_t id;

	e.text = (char *)text;
	e.author = (char *)"cmd";
	e.source = (char *)"pagerduty";
	e.kind = KIND_EVENT;
	id = timeline_add(f->st, f->inc, &e, err);
	assert_true(id > 0);
	return id;
}

/* Every version, oldest first; no links for a person's entry. */
static void
test_entry_versions(void **state)
{
	struct fx *f = *state;
	struct entry_detail d;
	struct entry e = {0};
	char err[ERR_LEN];
	int64_t id = log_entry(f, "最初の版");

	assert_int_equal(timeline_get(f->st, id, &e, err), 0);
	free(e.text);
	e.text = xstrdup("二番目の版");
	assert_int_equal(timeline_edit(f->st, &e, "bob", err), 0);
	entry_clear(&e);
	assert_int_equal(entry_detail_load(f->st, id, &d, err), 0);
	assert_false(d.gone);
	assert_int_equal(d.e.version, 2);
	assert_string_equal(d.e.text, "二番目の版");
	assert_string_equal(d.e.edited_by, "bob");
	assert_int_equal(d.nhist, 2);
	assert_string_equal(d.hist[0].text, "最初の版");
	assert_string_equal(d.hist[1].text, "二番目の版");
	assert_false(d.has_decision);
	assert_false(d.has_release);
	entry_detail_clear(&d);

	/* Deleted: still read, marked. */
	assert_int_equal(timeline_delete(f->st, id, 2, "bob", err), 0);
	assert_int_equal(entry_detail_load(f->st, id, &d, err), 0);
	assert_false(d.gone);
	assert_true(d.e.deleted);
	entry_detail_clear(&d);

	/* Not there at all. */
	assert_int_equal(entry_detail_load(f->st, id + 1000, &d, err), 0);
	assert_true(d.gone);
	entry_detail_clear(&d);
}

/* A decision's entry carries the decision and the release it rolls
 * back; a deploy's entry its release. */
static void
test_entry_links(void **state)
{
	struct fx *f = *state;
	struct entry_detail d;
	struct decision_new dn = {0};
	char err[ERR_LEN];
	int64_t rel, dec, eid;

	rel = release_deploy(f->st, f->inc, "v9.9.9", SAFE_NO, 0, NULL, "cmd",
	    err);
	assert_true(rel > 0);
	eid = fx_int(f->st, "SELECT entry_id FROM release");
	assert_int_equal(entry_detail_load(f->st, eid, &d, err), 0);
	assert_true(d.has_release);
	assert_false(d.has_decision);
	assert_string_equal(d.r.name, "v9.9.9");
	assert_int_equal(d.r.rollback_safe, SAFE_NO);
	entry_detail_clear(&d);

	dn.text = "v9.9.9をロールバックする";
	dn.reason = "エラー率が高い";
	dn.author = "cmd";
	dec = decision_add(f->st, f->inc, &dn, err);
	assert_true(dec > 0);
	eid = fx_int(f->st, "SELECT entry_id FROM decision");
	assert_int_equal(entry_detail_load(f->st, eid, &d, err), 0);
	assert_true(d.has_decision);
	assert_int_equal(d.d.id, dec);
	assert_string_equal(d.d.reason, "エラー率が高い");
	assert_string_equal(d.d.release_name, "v9.9.9");
	entry_detail_clear(&d);
}

/* Assignments newest first, with how each ended. */
static void
test_person_asg(void **state)
{
	struct fx *f = *state;
	struct person_asg *a;
	char err[ERR_LEN];
	int n;

	assert_int_equal(board_assign(f->st, f->inc, "田中", "原因調査",
	    "差分を見る", "cmd", err), 0);
	assert_int_equal(board_finish(f->st, f->inc, "田中", ASTATE_DONE,
	    "cmd", err), 0);
	assert_int_equal(board_assign(f->st, f->inc, "田中", "切り戻し",
	    "v9.9.9を戻す", "cmd", err), 0);
	assert_int_equal(person_asg_load(f->st, f->inc, "田中", &a, &n, err),
	    0);
	assert_int_equal(n, 2);
	assert_string_equal(a[0].purpose, "切り戻し");
	assert_int_equal(a[0].state, ASTATE_ACTIVE);
	assert_string_equal(a[1].task, "差分を見る");
	assert_int_equal(a[1].state, ASTATE_DONE);
	person_asg_free(a, n);
	assert_int_equal(person_asg_load(f->st, f->inc, "bob", &a, &n, err),
	    0);
	assert_int_equal(n, 0);
	person_asg_free(a, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_entry_versions, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_entry_links, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_person_asg, setup,
		    fx_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
