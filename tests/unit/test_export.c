/* test_export.c: postmortem arithmetic and formatting, the import parser
 * under broken input, and retrospective actions on a real database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "model/action.h"
#include "model/board.h"
#include "model/checklist.h"
#include "model/decision.h"
#include "report/export.h"
#include "report/import.h"
#include "model/incident.h"
#include "model/phase_history.h"
#include "store/store.h"
#include "model/timeline.h"
#include "base/util.h"

#include "fixture.h"

static void
test_dur(void **state)
{
	char s[48];

	(void)state;
	export_dur(0, s, sizeof s);
	assert_string_equal(s, "0s");
	export_dur(59, s, sizeof s);
	assert_string_equal(s, "59s");
	export_dur(60, s, sizeof s);
	assert_string_equal(s, "1m 00s");
	export_dur(3599, s, sizeof s);
	assert_string_equal(s, "59m 59s");
	export_dur(3900, s, sizeof s);
	assert_string_equal(s, "1h 05m 00s");
	export_dur(2 * 86400 + 3 * 3600 + 4, s, sizeof s);
	assert_string_equal(s, "2d 03h 00m 04s");
	export_dur(-1200, s, sizeof s);
	assert_string_equal(s, "out of order by 20m 00s");
	export_dur(EXPORT_UNKNOWN, s, sizeof s);
	assert_string_equal(s, "-");
}

static void
check_md(const char *in, int br, const char *want)
{
	char *r = export_md_escape(in, br);

	assert_string_equal(r, want);
	free(r);
}

static void
test_md_escape(void **state)
{
	(void)state;
	check_md("a | b", 1, "a \\| b");
	check_md("x\ny", 1, "x<br>y");
	check_md("x\ny", 0, "x y");
	check_md("<script>&", 1, "&lt;script>&amp;");
	check_md("# not a heading\n- nor a list\n1. nor this", 1,
	    "\\# not a heading<br>\\- nor a list<br>1\\. nor this");
	check_md("*b* _i_ `c` [l](u) ~s~ \\", 1,
	    "\\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) \\~s\\~ \\\\");
	check_md("esc\x1b[31m", 1, "esc\xef\xbf\xbd\\[31m");
	check_md("日本語 1.5 v1.2-rc", 1, "日本語 1.5 v1.2-rc");
	check_md("> quote", 1, "\\> quote");
	check_md("2024. a year\n12) b", 1, "2024\\. a year<br>12\\) b");
	check_md(NULL, 1, "");
}

static void
test_parse_phase(void **state)
{
	const char *t = "【原因特定】 investigating -> identified: the disk";
	int from, to, note;

	(void)state;
	assert_int_equal(import_parse_phase(t, &from, &to, &note), 0);
	assert_int_equal(from, PHASE_INVESTIGATING);
	assert_int_equal(to, PHASE_IDENTIFIED);
	assert_string_equal(t + note, "the disk");
	assert_int_equal(import_parse_phase("【収束】 recovered -> resolved",
	    &from, &to, &note), 0);
	assert_int_equal(to, PHASE_RESOLVED);
	assert_int_equal(note, -1);
	assert_int_equal(import_parse_phase("【検知】 SEV2 declared: x", &from,
	    &to, &note), -1);
	assert_int_equal(import_parse_phase("x investigating -> nowhere",
	    &from, &to, &note), -1);
	assert_int_equal(import_parse_phase("x investigating -> resolvedX",
	    &from, &to, &note), -1);
	assert_int_equal(import_parse_phase("", &from, &to, &note), -1);
}

static void
test_keytimes(void **state)
{
	struct incident inc = {0};
	struct entry tl[5] = {0};
	struct phase_change ph[5] = {0};
	struct keytimes kt;

	(void)state;
	inc.detected = 1000;
	inc.recovered = 4000;
	tl[0].kind = KIND_EVENT;
	tl[0].event_time = 400;  /* before detection: time to detect 600 */
	tl[1].kind = KIND_EVENT;
	tl[1].event_time = 100;
	tl[1].deleted = 1;       /* deleted entries do not count */
	tl[2].kind = KIND_NOTE;
	tl[2].event_time = 50;
	tl[3].kind = KIND_ASSIGNMENT;
	tl[3].event_time = 1300;
	tl[4].kind = KIND_ACTION;
	tl[4].event_time = 1200;
	ph[0] = (struct phase_change){.at = 1000, .from = -1,
	    .to = PHASE_DETECTED};
	ph[1] = (struct phase_change){.at = 1100, .from = PHASE_DETECTED,
	    .to = PHASE_MITIGATING}; /* skipped identified */
	ph[2] = (struct phase_change){.at = 2000, .from = PHASE_MITIGATING,
	    .to = PHASE_MONITORING};
	ph[3] = (struct phase_change){.at = 2500, .from = PHASE_MONITORING,
	    .to = PHASE_MITIGATING};
	ph[4] = (struct phase_change){.at = 3000, .from = PHASE_MITIGATING,
	    .to = PHASE_MONITORING};
	export_keytimes_compute(&inc, tl, 5, ph, 5, &kt);
	assert_int_equal(kt.first_event, 400);
	assert_int_equal(kt.to_detect, 600);
	assert_int_equal(kt.first_action, 1200);
	assert_int_equal(kt.to_first_action, 200);
	assert_int_equal(kt.identified, 1100);
	assert_int_equal(kt.mitigated, 2000); /* first reached */
	assert_int_equal(kt.to_mitigate, 1000);
	assert_int_equal(kt.to_recover, 3000);
	assert_true(kt.resolved == 0 && kt.to_resolve == EXPORT_UNKNOWN);
	/* Nothing before detection: time to detect is unknown, not 0. */
	tl[0].event_time = 1500;
	export_keytimes_compute(&inc, tl, 5, ph, 1, &kt);
	assert_int_equal(kt.first_event, 0);
	assert_true(kt.to_detect == EXPORT_UNKNOWN);
	assert_true(kt.to_identify == EXPORT_UNKNOWN);
}

static void
test_sparkline(void **state)
{
	struct sample v[] = {{0, 0}, {10, 7}, {20, 3.5}, {39, 7}, {99, 1e9}};
	char *s;

	(void)state;
	s = export_sparkline(v, 4, 0, 39, 4);
	assert_string_equal(s, "\u2581\u2588\u2585\u2588");
	free(s);
	s = export_sparkline(v, 5, 0, 79, 8); /* gaps; out of window ignored */
	assert_string_equal(s, "\u2581\u2588\u2585\u2588    ");
	free(s);
	s = export_sparkline(v, 1, 0, 9, 2); /* flat */
	assert_string_equal(s, "\u2584 ");
	free(s);
	s = export_sparkline(v, 0, 0, 9, 3);
	assert_string_equal(s, "   ");
	free(s);
}

static const char VALID[] =
    "{\"format\":\"warroom-export\",\"version\":1,"
    "\"incident\":{\"title\":\"t\",\"severity\":\"SEV2\",\"phase\":"
    "\"resolved\",\"commander\":null,\"created\":\"2024-02-29T00:00:00Z\","
    "\"detected\":\"2024-02-29T00:00:00Z\",\"phase_since\":"
    "\"2024-02-29T01:00:00Z\",\"recovered\":null,\"resolved\":null,"
    "\"impact\":\"known\",\"impact_scope\":\"eu\",\"comms\":\"told\","
    "\"checkin_interval\":900,\"update_interval\":0,\"last_update\":null},"
    "\"responders\":[{\"name\":\"bob\",\"role\":\"ops\",\"state\":\"idle\","
    "\"joined\":\"2024-02-29T00:00:00Z\",\"last_checkin\":"
    "\"2024-02-29T00:00:00Z\"}],"
    "\"assignments\":[{\"responder\":\"bob\",\"purpose\":\"p\",\"task\":"
    "\"t\",\"state\":\"done\",\"created\":\"2024-02-29T00:00:00Z\","
    "\"updated\":\"2024-02-29T00:00:00Z\"}],"
    "\"timeline\":[{\"id\":7,\"version\":2,\"time\":\"2024-02-29T00:00:00Z\","
    "\"recorded\":\"2024-02-29T00:00:00Z\",\"author\":\"a\",\"kind\":"
    "\"event\",\"text\":\"x\\ny\",\"source\":\"\",\"confidence\":\"likely\","
    "\"deleted\":false,\"edited\":null,\"edited_by\":null,\"history\":[{"
    "\"version\":1,\"time\":\"2024-02-29T00:00:00Z\",\"author\":\"a\","
    "\"kind\":\"note\",\"text\":\"w\",\"source\":\"s\",\"confidence\":"
    "\"confirmed\",\"deleted\":false,\"replaced\":\"2024-02-29T00:01:00Z\","
    "\"replaced_by\":\"b\"}]}],"
    "\"decisions\":[{\"id\":3,\"entry_id\":7,\"text\":\"roll back v1\","
    "\"reason\":\"r\",\"risk\":\"\",\"signoff\":{\"state\":\"approved\","
    "\"from\":\"dave\",\"by\":\"dave\",\"at\":\"2024-02-29T00:02:00Z\","
    "\"note\":null},\"release\":{\"id\":4,\"version\":\"v1\","
    "\"rollback_safe\":\"no\"},\"checklist\":{\"name\":\"rollback\","
    "\"title\":\"Roll back\",\"answers\":[{\"question\":\"?\",\"answer\":"
    "\"yes\",\"note\":\"n\"}]}}],"
    "\"releases\":[{\"id\":4,\"entry_id\":null,\"kind\":\"deploy\","
    "\"name\":\"v1\",\"value\":null,\"rollback_safe\":\"no\",\"at\":"
    "\"2024-02-29T00:00:00Z\",\"link\":null}],\"status_updates\":[],"
    "\"series\":[{\"name\":\"m\",\"source\":\"demo\",\"query\":\"q\","
    "\"unit\":\"\",\"warn\":null,\"crit\":1.5,\"interval\":15,"
    "\"samples\":[[1709164800,0.25],[1709164815,-1e3]]}],"
    "\"actions\":[{\"id\":1,\"category\":\"detect-faster\",\"text\":\"a\","
    "\"owner\":null,\"due\":null,\"done\":false,\"entry_id\":7,"
    "\"created\":\"2024-02-29T00:00:00Z\"}]}";

/* What a fuzzer would do, in small: every prefix, and every byte replaced
 * by a few troublesome ones, must give a clean refusal or a document;
 * never a crash or a leak (the sanitizer and valgrind runs check). */
static void
test_import_parse(void **state)
{
	static const char subst[] = {'\0', '"', '}', ']', '9', '\\', '\xff'};
	size_t len = strlen(VALID), i, k;
	char err[ERR_LEN], *buf;
	struct import_doc *d;

	(void)state;
	d = import_parse(VALID, len, err);
	if (d == NULL)
		fail_msg("valid document refused: %s", err);
	import_doc_free(d);
	for (i = 0; i < len; i++) {
		err[0] = '\0';
		d = import_parse(VALID, i, err);
		assert_null(d);
		assert_true(err[0] != '\0' && strchr(err, '\n') == NULL);
	}
	buf = xmalloc(len);
	for (i = 0; i < len; i++)
		for (k = 0; k < sizeof subst; k++) {
			memcpy(buf, VALID, len);
			buf[i] = subst[k];
			err[0] = '\0';
			d = import_parse(buf, len, err);
			if (d == NULL)
				assert_true(err[0] != '\0');
			import_doc_free(d);
		}
	free(buf);
}

static void
expect_refused(const char *from, const char *to, const char *msg)
{
	const char *p = strstr(VALID, from);
	char err[ERR_LEN], *doc;
	struct import_doc *d;

	assert_non_null(p);
	doc = xasprintf("%.*s%s%s", (int)(p - VALID), VALID, to,
	    p + strlen(from));
	d = import_parse(doc, strlen(doc), err);
	if (d != NULL)
		fail_msg("accepted with %s", to);
	assert_non_null(strstr(err, msg));
	free(doc);
}

static void
test_import_refusals(void **state)
{
	(void)state;
	expect_refused("\"2024-02-29T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"",
	    "incident.created: must be a time");
	expect_refused("\"2024-02-29T00:00:00Z\"", "\"2024-02-29T00:00:00+09:00\"",
	    "must be a time");
	expect_refused("\"version\":1", "\"version\":1.0001", "version");
	expect_refused("\"entry_id\":7,\"text\"", "\"entry_id\":8,\"text\"",
	    "decisions[0].entry_id: names no entry");
	expect_refused("\"release\":{\"id\":4", "\"release\":{\"id\":5",
	    "decisions[0].release.id: names no release");
	expect_refused("\"state\":\"approved\"", "\"state\":\"none\"",
	    "decisions[0].signoff.from");
	expect_refused("\"by\":\"dave\"", "\"by\":null",
	    "decisions[0].signoff.by");
	expect_refused("\"answer\":\"yes\"", "\"answer\":\"maybe\"",
	    "decisions[0].checklist.answers[0].answer");
	expect_refused("\"title\":\"Roll back\"", "\"title\":\"\"",
	    "decisions[0].checklist.title");
	expect_refused("\"id\":7", "\"id\":-7", "timeline[0].id");
	expect_refused("\"version\":2,", "\"version\":1,",
	    "timeline[0].history[0].version");
	expect_refused("\"note\":\"n\"", "\"note\":[1]", "checklist");
	expect_refused("0.25]", "1e999]", "samples");
	expect_refused("[1709164800,", "[1709164800.5,", "samples");
	expect_refused("\"responder\":\"bob\"", "\"responder\":\"eve\"",
	    "assignments[0].responder");
	expect_refused("\"crit\":1.5", "\"crit\":\"high\"", "series[0].crit");
	expect_refused("\"done\":false", "\"done\":0", "actions[0].done");
	/* A routine mark: one of the marks, with its person. */
	expect_refused("\"edited_by\":null,\"history\"",
	    "\"edited_by\":null,\"routine\":{\"mark\":\"maybe\",\"who\":"
	    "\"bob\"},\"history\"", "timeline[0].routine.mark: has an unknown");
	expect_refused("\"edited_by\":null,\"history\"",
	    "\"edited_by\":null,\"routine\":{\"mark\":\"same\"},"
	    "\"history\"", "timeline[0].routine.who: is missing");
	expect_refused("\"edited_by\":null,\"history\"",
	    "\"edited_by\":null,\"routine\":\"same\",\"history\"",
	    "timeline[0].routine: must be an object or null");
}

static void
test_actions(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct action a = {0}, *list, got;
	struct entry e = {0};
	int64_t inc, inc2, eid, eid2, id1, id2, id3;
	int n;

	(void)state;
	inc = incident_declare(st, "one", SEV2, "alice", 0, err);
	inc2 = incident_declare(st, "two", SEV3, "alice", 0, err);
	assert_true(inc > 0 && inc2 > 0);
	e.kind = KIND_EVENT;
	e.text = (char *)(uintptr_t)"alert late\nby 20 minutes";
	eid = timeline_add(st, inc, &e, err);
	eid2 = timeline_add(st, inc2, &e, err);
	assert_true(eid > 0 && eid2 > 0);

	a.category = CAT_RECOVER_FASTER;
	a.text = (char *)(uintptr_t)"runbook for rollback";
	a.owner = (char *)(uintptr_t)"  ";
	id1 = action_add(st, inc, &a, "alice", err);
	assert_true(id1 > 0);
	a.category = CAT_DETECT_FASTER;
	a.text = NULL;
	a.owner = (char *)(uintptr_t)"bob";
	a.due = 1900000000;
	id2 = action_from_entry(st, eid, &a, "alice", err);
	assert_true(id2 > 0);
	a.entry_id = eid2; /* an entry of the other incident */
	a.text = (char *)(uintptr_t)"x";
	assert_int_equal(action_add(st, inc, &a, "alice", err), -1);
	assert_non_null(strstr(err, "another incident"));
	a.entry_id = 0;
	a.category = CAT_COUNT;
	assert_int_equal(action_add(st, inc, &a, "alice", err), -1);
	a.category = CAT_ROOT_CAUSE;
	id3 = action_add(st, inc, &a, NULL, err);
	assert_true(id3 > 0);

	assert_int_equal(action_list(st, inc, -1, &list, &n, err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].id, id3); /* the talk's order */
	assert_int_equal(list[1].id, id2);
	assert_int_equal(list[2].id, id1);
	assert_string_equal(list[1].text, "alert late by 20 minutes");
	assert_string_equal(list[1].owner, "bob");
	assert_int_equal(list[1].entry_id, eid);
	assert_null(list[2].owner);
	action_list_free(list, n);
	assert_int_equal(action_list(st, inc, CAT_DETECT_FASTER, &list, &n,
	    err), 0);
	assert_int_equal(n, 1);
	action_list_free(list, n);

	assert_int_equal(action_set_owner(st, id1, "carol", "alice", err), 0);
	assert_int_equal(action_set_due(st, id1, 1800000000, "alice", err), 0);
	assert_int_equal(action_set_done(st, id1, 1, "alice", err), 0);
	assert_int_equal(action_set_done(st, id1, 1, "alice", err), -1);
	assert_int_equal(action_get(st, id1, &got, err), 0);
	assert_string_equal(got.owner, "carol");
	assert_int_equal(got.due, 1800000000);
	assert_true(got.done);
	free(got.text);
	got.text = xstrdup("runbook, tested");
	got.category = CAT_PERMANENT_FIX;
	assert_int_equal(action_edit(st, &got, "alice", err), 0);
	action_clear(&got);
	assert_int_equal(action_get(st, id1, &got, err), 0);
	assert_string_equal(got.text, "runbook, tested");
	assert_int_equal(got.category, CAT_PERMANENT_FIX);
	assert_true(got.done); /* edit keeps done */
	action_clear(&got);
	assert_int_equal(action_set_owner(st, 999, "x", "alice", err), -1);
	/* Seven notes: three adds, owner, due, done, edit. */
	{
		struct timeline_filter f = {KIND_NOTE, "Retrospective action"};

		assert_int_equal(timeline_count(st, inc, &f), 7);
	}
	fx_close(fx);
}

/* s without its digits (ids), for comparing two exports. Caller frees. */
static char *
no_digits(const char *s)
{
	char *o = xstrdup(s), *w = o;

	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			*w++ = *s;
	*w = '\0';
	return o;
}

/* The releases of an export without their nulls: a release is the
 * service's, so one imported into the file it came from is the same row,
 * told only to the first incident's timeline (its entry_id is null in the
 * second export). */
static void
no_release_nulls(char *s)
{
	char *p = strstr(s, "\"releases\":"), *end, *w;

	if (p == NULL || (end = strstr(p, "\"changes_before_detection\""))
	    == NULL)
		return;
	for (w = p; p < end; ) {
		if (strncmp(p, "null", 4) == 0) {
			p += 4;
			continue;
		}
		*w++ = *p++;
	}
	memmove(w, end, strlen(end) + 1);
}

/* The phase history is rows written with each change; a database from
 * before them (schema 8) gets the same rows from its phase entries. */
static void
test_phase_history(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct phase_change *a, *b;
	struct incident ic;
	int64_t inc;
	int na, nb, i;

	(void)state;
	inc = incident_declare(st, "disk", SEV2, "alice", 1000, err);
	assert_true(inc > 0);
	assert_int_equal(incident_set_phase(st, inc, PHASE_INVESTIGATING, NULL,
	    "alice", err), 0);
	assert_int_equal(incident_set_phase(st, inc, PHASE_IDENTIFIED,
	    "the disk: full -> yes", "bob", err), 0);
	assert_int_equal(incident_set_phase(st, inc, PHASE_INVESTIGATING,
	    "not it", "alice", err), 0);
	assert_int_equal(incident_load(st, inc, &ic, err), 0);
	assert_int_equal(phase_history_list(st, &ic, &a, &na, err), 0);
	assert_int_equal(na, 4);
	assert_int_equal(a[0].from, -1);
	assert_int_equal(a[0].to, PHASE_DETECTED);
	assert_int_equal(a[0].at, 1000);
	assert_string_equal(a[0].by, "alice");
	assert_true(a[0].entry_id > 0);
	assert_null(a[1].note);
	assert_int_equal(a[2].from, PHASE_INVESTIGATING);
	assert_int_equal(a[2].to, PHASE_IDENTIFIED);
	assert_string_equal(a[2].by, "bob");
	assert_string_equal(a[2].note, "the disk: full -> yes");
	assert_int_equal(a[3].to, PHASE_INVESTIGATING);

	/* Back to schema 8: migration 9 reads the entries once. */
	assert_int_equal(sqlite3_exec(store_db(st), "DROP TABLE pin_log; "
	    "DROP INDEX entry_pinned; ALTER TABLE entry DROP COLUMN pinned_by; "
	    "ALTER TABLE entry DROP COLUMN pinned_at; "
	    "DROP TABLE phase_change; "
	    "PRAGMA user_version = 8", NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
	st = fx->st = store_open(fx->path, STORE_CREATE, err);
	assert_non_null(st);
	assert_int_equal(phase_history_list(st, &ic, &b, &nb, err), 0);
	assert_int_equal(nb, na);
	for (i = 0; i < na; i++) {
		assert_int_equal(b[i].at, a[i].at);
		assert_int_equal(b[i].from, a[i].from);
		assert_int_equal(b[i].to, a[i].to);
		assert_int_equal(b[i].entry_id, a[i].entry_id);
		assert_string_equal(b[i].by, a[i].by);
		if (a[i].note == NULL)
			assert_null(b[i].note);
		else
			assert_string_equal(b[i].note, a[i].note);
	}
	phase_history_free(a, na);
	phase_history_free(b, nb);
	incident_clear(&ic);
	fx_close(fx);
}

/* Export to JSON, parse it back, write it into the same database: the
 * second export equals the first but for ids (and the shared release). A decision carries a
 * checklist, a sign-off and the release it rolls back. */
static void
test_json_round_trip(void **state)
{
	static const char clbuf[] = "title = Roll back\n? Safe?\n? Ready?\n";
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct import_doc *d;
	struct action a = {0};
	struct checklist cl;
	struct checklist_answer ans[2] = {{ANSWER_YES, (char *)(uintptr_t)
	    "no migration"}, {ANSWER_NA, NULL}};
	struct decision_new dn = {0};
	struct decision got;
	int64_t inc, inc2, did;
	char *j1, *j2, *m1, *m2, *n1, *n2;

	(void)state;
	inc = incident_declare(st, "日本語 | title", SEV1, "alice", 1000, err);
	assert_true(inc > 0);
	assert_true(release_deploy(st, inc, "v9", SAFE_NO, 2000, NULL, "bob",
	    err) > 0);
	assert_int_equal(checklist_parse(clbuf, sizeof clbuf - 1, "t", &cl,
	    err), 0);
	dn.text = "roll back v9";
	dn.reason = "errors began with v9";
	dn.signoff_from = "dave";
	dn.author = "bob";
	assert_int_equal(board_join(st, inc, "dave", ROLE_RESPONDER, "alice",
	    err), 0);
	dn.at = 3000;
	dn.cl = &cl;
	dn.answers = ans;
	did = decision_add(st, inc, &dn, err);
	assert_true(did > 0);
	checklist_clear(&cl);
	assert_int_equal(decision_signoff(st, did, "dave", 1, "go", err), 0);
	a.category = CAT_ROOT_CAUSE;
	a.text = (char *)(uintptr_t)"why";
	assert_true(action_add(st, inc, &a, "alice", err) > 0);
	j1 = export_json(st, inc, 5000, err);
	assert_non_null(j1);
	/* Times just after the epoch keep the numbers small: allowed. */
	d = import_parse_times(j1, strlen(j1), 1, err);
	if (d == NULL)
		fail_msg("%s", err);
	inc2 = import_write(st, d, err);
	import_doc_free(d);
	assert_true(inc2 > inc);
	j2 = export_json(st, inc2, 5000, err);
	assert_non_null(j2);
	n1 = no_digits(j1);
	n2 = no_digits(j2);
	no_release_nulls(n1);
	no_release_nulls(n2);
	assert_string_equal(n1, n2);
	{
		/* The deploy was not recorded a second time. */
		sqlite3_stmt *q = store_stmt(st, "SELECT count(*) FROM release");

		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(q, 0), 1);
		store_done(q);
	}
	assert_non_null(strstr(j2, "\"id\":\t2,\n\t\t\"title\""));
	/* The imported decision, read back as decision.c reads it. */
	assert_int_equal(decision_get(st, did + 1, &got, err), 0);
	assert_int_equal(got.incident_id, inc2);
	assert_string_equal(got.text, "roll back v9");
	assert_int_equal(got.signoff, SIGNOFF_APPROVED);
	assert_string_equal(got.signoff_note, "go");
	assert_string_equal(got.release_name, "v9");
	assert_int_equal(got.release_safe, SAFE_NO);
	assert_int_equal(got.nanswers, 2);
	assert_string_equal(got.answers[0].note, "no migration");
	assert_null(got.answers[1].note);
	decision_clear(&got);
	m1 = export_markdown(st, inc, 5000, err);
	m2 = export_markdown(st, inc2, 5000, err);
	assert_non_null(strstr(m1, "Incident #1 "));
	assert_non_null(strstr(m2, "Incident #2 "));
	assert_non_null(strstr(m1, "| v9 (NOT rollback-safe, deployed "));
	assert_non_null(strstr(m1, ") | approved, asked of dave, by dave at "));
	{
		const char *a1 = strstr(m1, "## Summary"), *a2 = strstr(m2,
		    "## Summary");
		const char *b1 = strstr(m1, "## Retrospective actions");
		const char *b2 = strstr(m2, "## Retrospective actions");

		assert_true(a1 && a2 && b1 && b2);
		assert_int_equal(b1 - a1, b2 - a2);
		assert_memory_equal(a1, a2, (size_t)(b1 - a1));
	}
	free(j1);
	free(j2);
	free(n1);
	free(n2);
	free(m1);
	free(m2);
	fx_close(fx);
}

/* The marks of incident inc's entries in order: "kind:mark:who|...", the
 * mark as timeline_routine reads it (what the screen folds by). */
static void
routine_marks(struct store *st, int64_t inc, char *out, size_t n)
{
	static const char sql[] = "SELECT id FROM entry WHERE incident_id = ?1 "
	    "ORDER BY event_time, id";
	sqlite3_stmt *s = store_stmt(st, sql);
	size_t used = 0;
	char err[ERR_LEN];

	out[0] = '\0';
	sqlite3_bind_int64(s, 1, inc);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct entry e = {0};
		char who[64] = "";
		int k;

		assert_int_equal(timeline_get(st, sqlite3_column_int64(s, 0),
		    &e, err), 0);
		k = timeline_routine(&e, who, sizeof who);
		used += (size_t)snprintf(out + used, n - used, "%s%d:%d:%s",
		    used > 0 ? "|" : "", e.kind, e.routine, k ? who : "");
		entry_clear(&e);
	}
	store_done(s);
}

/* Export and import carry the routine marks: an imported incident's
 * joins, check-ins and unchanged assignments fold as the original's did,
 * and its changed assignments do not (the mark "no", which the text
 * alone could not tell). */
static void
test_routine_round_trip(void **state)
{
	char err[ERR_LEN], m1[1024], m2[1024];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct import_doc *d;
	int64_t inc, inc2;
	char *j1;

	(void)state;
	inc = incident_declare(st, "定型の往復", SEV2, "ic", 1000, err);
	assert_true(inc > 0);
	assert_int_equal(board_join(st, inc, "田中", ROLE_RESPONDER, "ic",
	    err), 0);
	assert_int_equal(board_assign(st, inc, "田中", "原因を探す",
	    "ログを読む", "ic", err), 0);
	assert_int_equal(board_assign(st, inc, "田中", "原因を探す ",
	    "ログを読む", "ic", err), 0);
	assert_int_equal(board_checkin(st, inc, "田中", "田中", err), 0);
	assert_int_equal(board_assign(st, inc, "田中", "原因を探す",
	    "DB を見る", "ic", err), 0);
	routine_marks(st, inc, m1, sizeof m1);
	/* join, assignment (news), the same again, a check-in, news. */
	assert_non_null(strstr(m1, ":2:田中|"));
	assert_non_null(strstr(m1, ":4:田中|"));
	assert_non_null(strstr(m1, ":1:田中|"));
	assert_non_null(strstr(m1, ":-1:"));
	j1 = export_json(st, inc, 5000, err);
	assert_non_null(j1);
	assert_non_null(strstr(j1, "\"routine\":\t{\n"));
	assert_non_null(strstr(j1, "\"mark\":\t\"same\""));
	assert_non_null(strstr(j1, "\"mark\":\t\"no\""));
	d = import_parse_times(j1, strlen(j1), 1, err);
	if (d == NULL)
		fail_msg("%s", err);
	inc2 = import_write(st, d, err);
	import_doc_free(d);
	assert_true(inc2 > inc);
	routine_marks(st, inc2, m2, sizeof m2);
	assert_string_equal(m1, m2);
	assert_int_equal(fx_int(st, "SELECT count(*) FROM entry_routine r "
	    "JOIN entry e ON e.id = r.entry_id WHERE e.incident_id = 2"),
	    fx_int(st, "SELECT count(*) FROM entry_routine r JOIN entry e "
	    "ON e.id = r.entry_id WHERE e.incident_id = 1"));
	free(j1);
	fx_close(fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dur),
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_parse_phase),
		cmocka_unit_test(test_keytimes),
		cmocka_unit_test(test_sparkline),
		cmocka_unit_test(test_routine_round_trip),
		cmocka_unit_test(test_import_parse),
		cmocka_unit_test(test_import_refusals),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_phase_history),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
