/* test_decision.c: decisions, sign-off, releases and flags on a real SQLite
 * file: each write with its timeline entry, bad input changing nothing. */
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
#include "model/checklist.h"
#include "model/decision.h"
#include "model/incident.h"
#include "store/store.h"
#include "model/timeline.h"
#include "base/util.h"

#include "fixture.h"

static int
setup(void **state)
{
	struct fx *f = fx_open();

	/* Who signs off must be in the response. */
	if (f == NULL || fx_declare(f, "API errors", "cmd") != 0 ||
	    fx_join(f, "director", ROLE_RESPONDER, "cmd") != 0 ||
	    fx_join(f, "dba", ROLE_OPS, "cmd") != 0) {
		fx_close(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int64_t
count(struct fx *f, const char *sql)
{
	return fx_int(f->st, sql);
}

static const char SQL_ROWS[] = "SELECT (SELECT count(*) FROM entry) * 10000 "
    "+ (SELECT count(*) FROM decision) * 100 + (SELECT count(*) FROM "
    "release)";

/* The timeline entry written last. */
static void
last_entry(struct fx *f, struct entry *e)
{
	char err[ERR_LEN];

	assert_int_equal(timeline_get(f->st, count(f, "SELECT max(id) FROM "
	    "entry"), e, err), 0);
}

static void
test_decide_basic(void **state)
{
	struct fx *f = *state;
	struct decision_new dn = {.text = "redeploy the API", .reason =
	    "no visible cause; a redeploy adds little risk", .risk =
	    "a few seconds of 503s", .author = "cmd"};
	struct decision d;
	struct entry e;
	char err[ERR_LEN] = "";
	int64_t id, before = count(f, SQL_ROWS);

	id = decision_add(f->st, f->inc, &dn, err);
	assert_true(id > 0);
	assert_int_equal(count(f, SQL_ROWS), before + 10000 + 100);
	assert_int_equal(decision_get(f->st, id, &d, err), 0);
	assert_string_equal(d.text, "redeploy the API");
	assert_string_equal(d.reason, dn.reason);
	assert_string_equal(d.risk, "a few seconds of 503s");
	assert_string_equal(d.author, "cmd");
	assert_int_equal(d.signoff, SIGNOFF_NONE);
	assert_null(d.signoff_from);
	assert_null(d.checklist_name);
	assert_int_equal(d.release_id, 0);
	last_entry(f, &e);
	assert_int_equal(e.id, d.entry_id);
	assert_int_equal(e.kind, KIND_DECISION);
	assert_string_equal(e.text, "redeploy the API — reason: no visible "
	    "cause; a redeploy adds little risk; risk: a few seconds of 503s");
	entry_clear(&e);
	decision_clear(&d);

	/* No risk given: the record says so. */
	dn.risk = "  ";
	id = decision_add(f->st, f->inc, &dn, err);
	assert_true(id > 0);
	assert_int_equal(decision_get(f->st, id, &d, err), 0);
	assert_string_equal(d.risk, "");
	decision_clear(&d);
	last_entry(f, &e);
	assert_non_null(strstr(e.text, "risk: not stated"));
	entry_clear(&e);
}

static void
test_decide_refused(void **state)
{
	struct fx *f = *state;
	struct decision_new dn = {.text = "roll back", .reason = "errors",
	    .author = "cmd"};
	char err[ERR_LEN];
	int64_t before = count(f, SQL_ROWS);

	dn.reason = NULL;
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	assert_non_null(strstr(err, "needs a reason"));
	dn.reason = " \t ";
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	dn.reason = "errors";
	dn.text = "";
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	dn.text = "bad \xff utf8";
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	dn.text = "roll back";
	dn.signoff_from = "cmd"; /* oneself */
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	assert_non_null(strstr(err, "someone other"));
	dn.signoff_from = NULL;
	dn.at = wr_now() + 3600;
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	assert_non_null(strstr(err, "in the future"));
	dn.at = 0;
	assert_int_equal(decision_add(f->st, f->inc + 99, &dn, err), -1);
	assert_non_null(strstr(err, "no incident"));
	assert_int_equal(count(f, SQL_ROWS), before);
}

static void
test_signoff(void **state)
{
	struct fx *f = *state;
	struct decision_new dn = {.text = "take the service down", .reason =
	    "the security hole leaks data", .risk = "all users offline",
	    .signoff_from = "director", .author = "cmd"};
	struct decision *list, d;
	struct entry e;
	char err[ERR_LEN];
	int n;
	int64_t id, plain, before;

	id = decision_add(f->st, f->inc, &dn, err);
	assert_true(id > 0);
	last_entry(f, &e);
	assert_non_null(strstr(e.text, "needs sign-off from director"));
	entry_clear(&e);
	dn.signoff_from = NULL;
	dn.text = "tell users";
	plain = decision_add(f->st, f->inc, &dn, err);
	assert_true(plain > 0);

	assert_int_equal(decision_list(f->st, f->inc, 1, &list, &n, err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, id);
	assert_int_equal(list[0].signoff, SIGNOFF_PENDING);
	assert_string_equal(list[0].signoff_from, "director");
	decision_list_free(list, n);
	assert_int_equal(decision_list(f->st, f->inc, 0, &list, &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, plain); /* newest first */
	decision_list_free(list, n);

	before = count(f, SQL_ROWS);
	assert_int_equal(decision_signoff(f->st, id, "mallory", 1, NULL, err),
	    -1);
	assert_non_null(strstr(err, "awaits sign-off from director"));
	assert_int_equal(decision_signoff(f->st, plain, "director", 1, NULL,
	    err), -1);
	assert_non_null(strstr(err, "needs no sign-off"));
	assert_int_equal(decision_signoff(f->st, id + 100, "director", 1, NULL,
	    err), -1);
	assert_non_null(strstr(err, "no decision"));
	assert_int_equal(decision_signoff(f->st, id, "director", 1,
	    "bad \xc3", err), -1);
	assert_int_equal(count(f, SQL_ROWS), before);

	assert_int_equal(decision_signoff(f->st, id, "director", 0,
	    "find another way", err), 0);
	assert_int_equal(count(f, SQL_ROWS), before + 10000);
	last_entry(f, &e);
	assert_int_equal(e.kind, KIND_DECISION);
	assert_string_equal(e.author, "director");
	assert_non_null(strstr(e.text, "director rejected decision"));
	assert_non_null(strstr(e.text, "find another way"));
	entry_clear(&e);
	assert_int_equal(decision_get(f->st, id, &d, err), 0);
	assert_int_equal(d.signoff, SIGNOFF_REJECTED);
	assert_string_equal(d.signed_by, "director");
	assert_string_equal(d.signoff_note, "find another way");
	assert_true(d.signed_at > 0);
	decision_clear(&d);
	assert_int_equal(decision_list(f->st, f->inc, 1, &list, &n, err), 0);
	assert_int_equal(n, 0);
	decision_list_free(list, n);

	/* Twice is refused and changes nothing. */
	before = count(f, SQL_ROWS);
	assert_int_equal(decision_signoff(f->st, id, "director", 1, NULL, err),
	    -1);
	assert_non_null(strstr(err, "already rejected by director"));
	assert_int_equal(count(f, SQL_ROWS), before);
}

static void
test_releases(void **state)
{
	struct fx *f = *state;
	struct release *list;
	struct entry e;
	char err[ERR_LEN];
	int64_t now = wr_now(), id, before;
	int n;

	id = release_deploy(f->st, f->inc, "v1.2.3", SAFE_NO, now - 600,
	    "https://example.com/pr/1", "ci", err);
	assert_true(id > 0);
	last_entry(f, &e);
	assert_int_equal(e.kind, KIND_RELEASE);
	assert_int_equal(e.event_time, now - 600);
	assert_string_equal(e.text, "Deployed v1.2.3 (NOT rollback-safe) "
	    "https://example.com/pr/1");
	entry_clear(&e);
	assert_true(release_flag(f->st, f->inc, "new-perms", 0, now - 60,
	    "ci", err) > 0);
	assert_true(release_deploy(f->st, f->inc, "v1.2.2", SAFE_YES,
	    now - 3600, NULL, "ci", err) > 0);

	assert_int_equal(release_list(f->st, f->inc, 0, &list, &n, err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].kind, RELEASE_FLAG); /* newest first */
	assert_string_equal(list[0].name, "new-perms");
	assert_int_equal(list[0].flag_on, 0);
	assert_int_equal(list[1].id, id);
	assert_int_equal(list[1].rollback_safe, SAFE_NO);
	assert_string_equal(list[1].link, "https://example.com/pr/1");
	assert_string_equal(list[1].author, "ci");
	assert_string_equal(list[2].name, "v1.2.2");
	assert_null(list[2].link);
	release_list_free(list, n);
	assert_int_equal(release_list(f->st, f->inc, 1, &list, &n, err), 0);
	assert_int_equal(n, 1);
	release_list_free(list, n);

	before = count(f, SQL_ROWS);
	assert_int_equal(release_deploy(f->st, f->inc, "v 2", SAFE_YES, 0,
	    NULL, "ci", err), -1);
	assert_non_null(strstr(err, "one word"));
	assert_int_equal(release_deploy(f->st, f->inc, "", SAFE_YES, 0, NULL,
	    "ci", err), -1);
	assert_int_equal(release_deploy(f->st, f->inc, "v2", 7, 0, NULL, "ci",
	    err), -1);
	assert_int_equal(release_deploy(f->st, f->inc, "v2", SAFE_YES,
	    now + 3600, NULL, "ci", err), -1);
	assert_int_equal(count(f, SQL_ROWS), before);
	assert_true(release_flag(f->st, f->inc, "x\x1b", 1, 0, "ci", err) > 0);
	assert_int_equal(count(f, SQL_ROWS), before + 10001);
	assert_int_equal(release_list(f->st, f->inc, 1, &list, &n, err), 0);
	assert_null(strchr(list[0].name, 0x1b)); /* cleaned, not kept raw */
	release_list_free(list, n);
	before = count(f, SQL_ROWS);
	assert_int_equal(release_deploy(f->st, f->inc + 9, "v2", SAFE_YES, 0,
	    NULL, "ci", err), -1);
	assert_int_equal(count(f, SQL_ROWS), before);

	assert_int_equal(release_check_link("https://ci.example/run/7", err),
	    0);
	assert_int_equal(release_check_link("HTTP://x", err), 0);
	assert_int_equal(release_check_link("ftp://x", err), -1);
	assert_int_equal(release_check_link("https://", err), -1);
	assert_int_equal(release_check_link("https:///path", err), -1);
	assert_int_equal(release_check_link("javascript:alert(1)", err), -1);
	assert_int_equal(release_check_link("https://a b", err), -1);
	assert_int_equal(release_check_link("https://a\x1b", err), -1);
	assert_int_equal(release_check_link("https://a\xff", err), -1);
}

static void
test_rollback(void **state)
{
	struct fx *f = *state;
	static const char file[] = "title = Roll back a release\n"
	    "? Do features or data roll back with it?\n"
	    "? Is the rollback procedure ready?\n"
	    "? Is the release marked rollback-safe?\n"
	    "? Could a feature flag turn off only the broken feature?\n";
	struct checklist cl;
	struct checklist_answer *ans;
	struct decision_new dn = {.text = "roll back v1.2.3", .reason =
	    "errors began right after it", .author = "cmd"};
	struct decision d;
	struct release r;
	struct entry e;
	char err[ERR_LEN];
	int64_t old, newer, id;
	int how;

	old = release_deploy(f->st, f->inc, "v1.2.3", SAFE_YES,
	    wr_now() - 7200, NULL, "ci", err);
	newer = release_deploy(f->st, f->inc, "v1.2.3", SAFE_NO,
	    wr_now() - 60, NULL, "ci", err);
	assert_true(old > 0 && newer > old);
	assert_true(release_deploy(f->st, f->inc, "v1.2.30", SAFE_YES,
	    wr_now() - 30, NULL, "ci", err) > 0);

	assert_int_equal(checklist_parse(file, sizeof file - 1, "rollback",
	    &cl, err), 0);
	cl.name = xstrdup("rollback");
	assert_int_equal(checklist_answers_parse(&cl,
	    "yes:a migration,no,yes,n/a", &ans, err), 0);
	dn.cl = &cl;
	dn.answers = ans;
	dn.signoff_from = "director";
	id = decision_add(f->st, f->inc, &dn, err);
	assert_true(id > 0);
	assert_int_equal(decision_get(f->st, id, &d, err), 0);
	assert_int_equal(d.release_id, newer); /* the newest of that version */
	assert_string_equal(d.release_name, "v1.2.3");
	assert_int_equal(d.release_safe, SAFE_NO);
	assert_string_equal(d.checklist_name, "rollback");
	assert_string_equal(d.checklist_title, "Roll back a release");
	assert_int_equal(d.nanswers, 4);
	assert_string_equal(d.answers[0].question,
	    "Do features or data roll back with it?");
	assert_int_equal(d.answers[0].answer, ANSWER_YES);
	assert_string_equal(d.answers[0].note, "a migration");
	assert_int_equal(d.answers[1].answer, ANSWER_NO);
	assert_null(d.answers[1].note);
	assert_int_equal(d.answers[3].answer, ANSWER_NA);
	assert_int_equal(d.signoff, SIGNOFF_PENDING);
	decision_clear(&d);
	last_entry(f, &e);
	assert_string_equal(e.text, "roll back v1.2.3 — reason: errors began "
	    "right after it; risk: not stated; release v1.2.3 is NOT "
	    "rollback-safe; checklist \"Roll back a release\": 2 yes, 1 no, "
	    "1 n/a; needs sign-off from director");
	entry_clear(&e);

	/* Wrong number of answers: refused, nothing written. */
	{
		int64_t before = count(f, SQL_ROWS);
		struct checklist_answer bad[4] = {{ANSWER_YES, NULL},
		    {9, NULL}, {ANSWER_NO, NULL}, {ANSWER_NO, NULL}};

		dn.answers = bad;
		assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
		dn.answers = NULL;
		assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
		assert_int_equal(count(f, SQL_ROWS), before);
	}
	checklist_answers_free(ans, cl.n);
	checklist_clear(&cl);

	/* Which texts name a release. */
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "Roll back to before (v1.2.30).", NULL, 0, &r, &how, err), 1);
	assert_string_equal(r.name, "v1.2.30");
	assert_int_equal(how, RELEASE_BY_TEXT);
	release_clear(&r);
	/* Naming none: the latest deploy before detection, said so. */
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "roll back v1.2.3x", NULL, 0, &r, &how, err), 1);
	assert_int_equal(how, RELEASE_BY_LATEST);
	release_clear(&r);
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "keep v1.2.3", NULL, 0, &r, &how, err), 0);
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "keep v1.2.3", NULL, 1, &r, &how, err), 1);
	release_clear(&r);
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "revert 'V1.2.3'", NULL, 0, &r, &how, err), 1);
	assert_int_equal(r.rollback_safe, SAFE_NO);
	release_clear(&r);
	/* Japanese: the name ends where the kana begin. */
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "v1.2.30を切り戻す", NULL, 0, &r, &how, err), 1);
	assert_string_equal(r.name, "v1.2.30");
	assert_int_equal(how, RELEASE_BY_TEXT);
	release_clear(&r);
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "v1.2.3 をロールバック", NULL, 0, &r, &how, err), 1);
	assert_string_equal(r.name, "v1.2.3");
	release_clear(&r);
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "v1.2.3 を維持", NULL, 0, &r, &how, err), 0);
	/* --release wins over the text; an unknown version is an error. */
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "roll back v1.2.3", "v1.2.30", 0, &r, &how, err), 1);
	assert_string_equal(r.name, "v1.2.30");
	assert_int_equal(how, RELEASE_BY_OPTION);
	release_clear(&r);
	assert_int_equal(decision_rollback_release(f->st, f->inc,
	    "roll back", "v9", 0, &r, &how, err), -1);
	assert_non_null(strstr(err, "no deploy of 'v9'"));
}

/* A yes to the rollback-safe question against the record is refused
 * unless overridden; the override is stored and told. */
static void
test_override(void **state)
{
	struct fx *f = *state;
	static const char file[] = "title = Roll back\n"
	    "? Procedure ready?\n"
	    "? Is the release marked rollback-safe?\n"
	    "check: rollback-safe\n";
	struct checklist cl;
	struct checklist_answer *ans;
	struct decision_new dn = {.text = "v3 を戻す", .reason = "errors",
	    .author = "cmd"};
	struct decision d;
	struct entry e;
	char err[ERR_LEN];
	int64_t before, id;

	assert_true(release_deploy(f->st, f->inc, "v3", SAFE_UNKNOWN,
	    wr_now() - 60, NULL, "ci", err) > 0);
	assert_int_equal(checklist_parse(file, sizeof file - 1, "t", &cl, err),
	    0);
	assert_int_equal(cl.items[1].check, CHECK_ROLLBACK_SAFE);
	assert_int_equal(checklist_answers_parse(&cl, "yes,yes", &ans, err), 0);
	dn.cl = &cl;
	dn.answers = ans;
	before = count(f, SQL_ROWS);
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	assert_non_null(strstr(err, "release v3 is recorded as rollback-safe: "
	    "unknown"));
	assert_int_equal(count(f, SQL_ROWS), before);
	dn.override = "the release notes say it is safe";
	id = decision_add(f->st, f->inc, &dn, err);
	assert_true(id > 0);
	assert_int_equal(decision_get(f->st, id, &d, err), 0);
	assert_string_equal(d.release_name, "v3");
	assert_string_equal(d.override, "answered yes to \"Is the release "
	    "marked rollback-safe?\" though release v3 is recorded as "
	    "rollback-safe: unknown: the release notes say it is safe");
	decision_clear(&d);
	last_entry(f, &e);
	assert_non_null(strstr(e.text, "; OVERRIDE: answered yes"));
	entry_clear(&e);
	/* An override with nothing to override is refused. */
	ans[1].answer = ANSWER_NO;
	before = count(f, SQL_ROWS);
	assert_int_equal(decision_add(f->st, f->inc, &dn, err), -1);
	assert_non_null(strstr(err, "nothing to override"));
	assert_int_equal(count(f, SQL_ROWS), before);
	checklist_answers_free(ans, cl.n);
	checklist_clear(&cl);
}

/* Releases are the service's: recorded with no incident, shown by each
 * incident whose window holds them; a resolved one collects no more. */
static void
test_window(void **state)
{
	struct fx *f = *state;
	struct release *list;
	struct incident i;
	char err[ERR_LEN];
	int64_t det, n2;
	int n;

	assert_int_equal(incident_load(f->st, f->inc, &i, err), 0);
	det = i.detected;
	incident_clear(&i);
	assert_true(release_deploy(f->st, 0, "too-early", SAFE_YES,
	    det - 86401, NULL, "ci", err) > 0);
	assert_true(release_deploy(f->st, 0, "edge", SAFE_YES, det - 86400,
	    NULL, "ci", err) > 0);
	assert_true(release_flag(f->st, 0, "dark", 1, det - 5, "ci", err) > 0);
	assert_int_equal(release_list(f->st, f->inc, 0, &list, &n, err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "dark");
	assert_int_equal(list[0].incident_id, 0); /* no incident was told */
	assert_string_equal(list[1].name, "edge");
	release_list_free(list, n);
	assert_int_equal(release_list_before(f->st, f->inc, &list, &n, err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "edge"); /* oldest first */
	release_list_free(list, n);
	/* A narrower window; then resolved: a later deploy is not its. */
	assert_int_equal(incident_set_window(f->st, f->inc, 10, "cmd", err), 0);
	assert_int_equal(release_list(f->st, f->inc, 0, &list, &n, err), 0);
	assert_int_equal(n, 1);
	release_list_free(list, n);
	assert_int_equal(incident_set_phase(f->st, f->inc, PHASE_RESOLVED,
	    NULL, "cmd", err), 0);
	assert_int_equal(release_open_incident(f->st, err), 0);
	n2 = count(f, "SELECT count(*) FROM entry");
	assert_true(release_deploy(f->st, f->inc, "later", SAFE_YES,
	    wr_now() + 1, NULL, "ci", err) > 0);
	assert_int_equal(count(f, "SELECT count(*) FROM entry"), n2);
	assert_int_equal(release_list(f->st, f->inc, 0, &list, &n, err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "dark");
	release_list_free(list, n);
	assert_int_equal(incident_set_began(f->st, f->inc, det + 1, "cmd",
	    err), -1);
	assert_int_equal(incident_set_began(f->st, f->inc, det - 600, "cmd",
	    err), 0);
}

/* A decision whose entry was deleted is no longer pending or signable. */
static void
test_deleted(void **state)
{
	struct fx *f = *state;
	struct decision_new dn = {.text = "fail over", .reason = "primary "
	    "down", .signoff_from = "dba", .author = "cmd"};
	struct decision d, *list;
	char err[ERR_LEN];
	int64_t id = decision_add(f->st, f->inc, &dn, err);
	int n;

	assert_true(id > 0);
	assert_int_equal(decision_get(f->st, id, &d, err), 0);
	assert_int_equal(timeline_delete(f->st, d.entry_id, 1, "cmd", err), 0);
	decision_clear(&d);
	assert_int_equal(decision_list(f->st, f->inc, 1, &list, &n, err), 0);
	assert_int_equal(n, 0);
	decision_list_free(list, n);
	assert_int_equal(decision_signoff(f->st, id, "dba", 1, NULL, err), -1);
	assert_non_null(strstr(err, "deleted"));
}

/* A decision deleted with a reason is a tombstone: listed with who, when
 * and why, not pending, not signable; undelete brings it back. */
static void
test_tombstone(void **state)
{
	struct fx *f = *state;
	struct decision_new dn = {.text = "切り戻す", .reason = "5xx",
	    .signoff_from = "dba", .author = "cmd"};
	struct decision d, *list;
	struct entry e = {0};
	char err[ERR_LEN];
	int64_t id = decision_add(f->st, f->inc, &dn, err), note;
	int n;

	assert_true(id > 0);
	assert_int_equal(decision_get(f->st, id, &d, err), 0);
	/* No reason, not the commander: refused, nothing written. */
	assert_int_equal(timeline_remove(f->st, d.entry_id, 1, "cmd", NULL,
	    err), -1);
	assert_non_null(strstr(err, "reason"));
	assert_int_equal(timeline_remove(f->st, d.entry_id, 1, "dba", "x",
	    err), -1);
	assert_non_null(strstr(err, "commander"));
	assert_int_equal(timeline_get(f->st, d.entry_id, &e, err), 0);
	assert_int_equal(e.version, 1);
	assert_int_equal(e.tomb_at, 0);
	entry_clear(&e);
	assert_int_equal(timeline_remove(f->st, d.entry_id, 1, "cmd", "誤り",
	    err), 0);
	assert_int_equal(decision_list(f->st, f->inc, 0, &list, &n, err), 0);
	assert_int_equal(n, 1);
	assert_true(list[0].tomb_at > 0);
	assert_string_equal(list[0].tomb_by, "cmd");
	assert_string_equal(list[0].tomb_reason, "誤り");
	decision_list_free(list, n);
	assert_int_equal(decision_list(f->st, f->inc, 1, &list, &n, err), 0);
	assert_int_equal(n, 0);
	decision_list_free(list, n);
	assert_int_equal(decision_signoff(f->st, id, "dba", 1, NULL, err), -1);
	/* Only the commander brings it back; a note says so. */
	assert_int_equal(timeline_undelete(f->st, d.entry_id, "dba", err), -1);
	note = timeline_undelete(f->st, d.entry_id, "cmd", err);
	assert_true(note > 0);
	assert_int_equal(timeline_get(f->st, note, &e, err), 0);
	assert_non_null(strstr(e.text, ": 誤り)"));
	entry_clear(&e);
	assert_int_equal(timeline_undelete(f->st, d.entry_id, "cmd", err), -1);
	assert_int_equal(decision_signoff(f->st, id, "dba", 1, NULL, err), 0);
	decision_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_decide_basic, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_decide_refused, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_signoff, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_releases, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_rollback, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_override, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_window, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_deleted, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_tombstone, setup,
		    fx_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
