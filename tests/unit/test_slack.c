/* test_slack.c: Slack payloads (escaping, limits, the heading always there),
 * answers and Retry-After, redaction, and the outbox on a real SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "base/config.h"
#include "model/incident.h"
#include "model/model.h"
#include "model/outbox.h"
#include "model/remind.h"
#include "agent/slack.h"
#include "store/store.h"
#include "base/text.h"
#include "model/timeline.h"
#include "agent/deliver.h"
#include "base/util.h"

#include "fixture.h"

/* Characters as Slack counts them: UTF-16 units. */
static int
utf16_len(const char *s)
{
	size_t len = strlen(s), i = 0;
	int n = 0;

	while (i < len) {
		uint32_t cp;
		int k = text_decode(s + i, len - i, &cp);

		assert_true(k > 0); /* valid UTF-8 */
		n += cp >= 0x10000 ? 2 : 1;
		i += (size_t)k;
	}
	return n;
}

static cJSON *
payload(const char *heading, const char *body)
{
	struct slack_msg m = {0};
	char *json;
	cJSON *root;

	m.heading = heading;
	m.body = body;
	m.title = "Checkout <b>errors</b> & more";
	m.incident_id = 7;
	m.severity = "SEV2";
	m.audience = "managers";
	m.time = 1764158400;
	json = slack_payload(&m);
	root = cJSON_Parse(json);
	assert_non_null(root);
	free(json);
	return root;
}

static const char *
block_text(cJSON *root, int i)
{
	cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "blocks"), i);
	cJSON *t = cJSON_GetObjectItem(b, "text");

	if (t == NULL) /* context */
		t = cJSON_GetArrayItem(cJSON_GetObjectItem(b, "elements"), 0);
	return cJSON_GetStringValue(cJSON_GetObjectItem(t, "text"));
}

static const char *
block_type(cJSON *root, int i)
{
	cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "blocks"), i);

	return cJSON_GetStringValue(cJSON_GetObjectItem(b, "type"));
}

/* Check the shape every payload must have; returns the block count. */
static int
check_shape(cJSON *root, const char *heading)
{
	cJSON *blocks = cJSON_GetObjectItem(root, "blocks");
	const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(root,
	    "text"));
	int n = cJSON_GetArraySize(blocks), i;

	assert_non_null(text);
	assert_true(n >= 2 && n <= SLACK_BLOCKS_MAX);
	assert_string_equal(block_type(root, 0), "header");
	assert_string_equal(block_text(root, 0), heading);
	assert_memory_equal(text, heading, strlen(heading));
	assert_true(utf16_len(text) <= SLACK_TEXT_MAX);
	assert_string_equal(block_type(root, n - 1), "context");
	for (i = 1; i < n - 1; i++) {
		const char *s = block_text(root, i);

		assert_string_equal(block_type(root, i), "section");
		assert_true(utf16_len(s) <= SLACK_SECTION_MAX);
		assert_false(str_empty(s));
		assert_null(strchr(s, '<'));
		assert_null(strchr(s, '>'));
	}
	return n;
}

static void
test_escaping(void **state)
{
	cJSON *r;
	const char *ctx;

	(void)state;
	r = payload("【調査中】 investigating",
	    "<!channel> look & see <@U123> <https://x|y>");
	assert_int_equal(check_shape(r, "【調査中】 investigating"), 3);
	assert_string_equal(block_text(r, 1), "&lt;!channel&gt; look &amp; "
	    "see &lt;@U123&gt; &lt;https://x|y&gt;");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(r,
	    "text")), "【調査中】 investigating: &lt;!channel&gt; look &amp; "
	    "see &lt;@U123&gt; &lt;https://x|y&gt;");
	ctx = block_text(r, 2);
	assert_non_null(strstr(ctx, "Incident #7 Checkout &lt;b&gt;errors"
	    "&lt;/b&gt; &amp; more · SEV2 · to managers"));
	cJSON_Delete(r);
	/* Escaping alone. */
	{
		char *e = slack_escape("a&b<c>d&amp;");

		assert_string_equal(e, "a&amp;b&lt;c&gt;d&amp;amp;");
		free(e);
	}
}

static void
test_heading_always(void **state)
{
	cJSON *r;

	(void)state;
	/* No body: header and context only, text is the heading. */
	r = payload("【復旧完了】 recovered", "");
	assert_int_equal(check_shape(r, "【復旧完了】 recovered"), 2);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(r,
	    "text")), "【復旧完了】 recovered");
	cJSON_Delete(r);
	/* A body pretending to be a heading comes after the real one. */
	r = payload("【対応中】 mitigating", "【状況共有】 status share");
	check_shape(r, "【対応中】 mitigating");
	assert_string_equal(block_text(r, 1), "【状況共有】 status share");
	cJSON_Delete(r);
	/* No heading at all never gives a message without one. */
	r = payload(NULL, "x");
	check_shape(r, "Status update");
	cJSON_Delete(r);
	/* Control characters in the heading are cleaned, not passed on. */
	r = payload("【検知】\x1b[31m detected", "x");
	assert_null(strchr(block_text(r, 0), 0x1b));
	cJSON_Delete(r);
}

static void
test_limits(void **state)
{
	struct buf b = {0};
	char *body, *joined;
	cJSON *r;
	int n, i;

	(void)state;
	/* Lines: split between lines, and nothing lost. */
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "line %04d of the update\n", i);
	body = buf_take(&b);
	r = payload("【検知】 detected", body);
	n = check_shape(r, "【検知】 detected");
	assert_true(n >= 2 + 8); /* 24 000 characters: at least 8 sections */
	for (i = 1; i < n - 1; i++)
		buf_addf(&b, "%s\n", block_text(r, i));
	joined = buf_take(&b);
	assert_string_equal(joined, body);
	free(joined);
	free(body);
	cJSON_Delete(r);

	/* Japanese is one character each; split by characters, not bytes. */
	for (i = 0; i < 4000; i++)
		buf_adds(&b, "日");
	body = buf_take(&b);
	r = payload("【検知】 detected", body);
	assert_int_equal(check_shape(r, "【検知】 detected"), 4);
	assert_int_equal(utf16_len(block_text(r, 1)), 3000);
	free(body);
	cJSON_Delete(r);

	/* Beyond the BMP counts twice. */
	for (i = 0; i < 2000; i++)
		buf_adds(&b, "\xf0\x9f\x98\x80");
	body = buf_take(&b);
	r = payload("【検知】 detected", body);
	assert_int_equal(check_shape(r, "【検知】 detected"), 4);
	free(body);
	cJSON_Delete(r);

	/* Escaping grows text: '&' is five characters once escaped. */
	for (i = 0; i < 600; i++)
		buf_adds(&b, "&");
	body = buf_take(&b);
	r = payload("【検知】 detected", body);
	assert_int_equal(check_shape(r, "【検知】 detected"), 3);
	assert_int_equal(utf16_len(block_text(r, 1)), 3000);
	free(body);
	cJSON_Delete(r);

	/* Far too long for 50 blocks: cut, with a note, still valid. */
	for (i = 0; i < 200000; i++)
		buf_addc(&b, i % 2 ? '<' : 'x');
	body = buf_take(&b);
	r = payload("【検知】 detected", body);
	n = check_shape(r, "【検知】 detected");
	assert_int_equal(n, SLACK_BLOCKS_MAX);
	assert_non_null(strstr(block_text(r, n - 2), "(cut: too long"));
	free(body);
	cJSON_Delete(r);
}

static void
test_bad_bytes(void **state)
{
	cJSON *r;

	(void)state;
	r = payload("【検知】 detected", "bad \xff\xfe bytes \x01 and\r\nCRLF");
	check_shape(r, "【検知】 detected");
	assert_string_equal(block_text(r, 1),
	    "bad \xef\xbf\xbd\xef\xbf\xbd bytes \xef\xbf\xbd and\nCRLF");
	cJSON_Delete(r);
}

static void
test_preview(void **state)
{
	struct slack_msg m = {0};
	char *p;

	(void)state;
	setenv("TZ", "UTC", 1);
	m.heading = "【復旧完了】 recovered";
	m.body = "metrics back to normal <!here>";
	m.title = "Checkout";
	m.incident_id = 3;
	m.severity = "SEV1";
	m.audience = "users";
	m.time = 1764158400;
	p = slack_preview(&m);
	assert_string_equal(p, "【復旧完了】 recovered\n\n"
	    "metrics back to normal <!here>\n\n"
	    "Incident #3 Checkout · SEV1 · to users · 2025-11-26 12:00 UTC\n");
	free(p);
}

/* Users read their heading, the time in the configured zone and nothing
 * of ours; internals in their body are refused. */
static void
test_users_message(void **state)
{
	struct slack_msg m = {0};
	char t[64], err[ERR_LEN], *p;

	(void)state;
	setenv("TZ", "UTC", 1);
	slack_time(1764158400, "Asia/Tokyo", t, sizeof t);
	assert_string_equal(t, "2025-11-26 21:00 JST");
	assert_string_equal(getenv("TZ"), "UTC"); /* put back */
	slack_time(1764158400, "No/Such_Zone", t, sizeof t);
	assert_string_equal(t, "2025-11-26 12:00 UTC");
	slack_time(1764158400, "../../etc/passwd", t, sizeof t);
	assert_string_equal(t, "2025-11-26 12:00 UTC");
	slack_time(1764158400, NULL, t, sizeof t);
	assert_string_equal(t, "2025-11-26 12:00 UTC");
	p = outbox_heading_for(PHASE_INVESTIGATING, AUD_USERS);
	assert_string_equal(p, "【調査中】");
	free(p);
	p = outbox_heading_for(PHASE_INVESTIGATING, AUD_MANAGERS);
	assert_string_equal(p, "【調査中】 investigating");
	free(p);
	m.heading = "【調査中】";
	m.body = "決済が遅れています";
	m.title = "internal title";
	m.incident_id = 42;
	m.severity = "SEV1";
	m.audience = "users";
	m.time = 1764158400;
	m.tz = "Asia/Tokyo";
	m.for_users = 1;
	p = slack_preview(&m);
	assert_string_equal(p, "【調査中】\n\n決済が遅れています\n\n"
	    "2025-11-26 21:00 JST\n");
	free(p);
	p = slack_payload(&m);
	assert_null(strstr(p, "42"));
	assert_null(strstr(p, "SEV1"));
	assert_null(strstr(p, "internal title"));
	free(p);
	assert_null(outbox_clean_body("今は SEV3 です", AUD_USERS, err));
	assert_null(outbox_clean_body("障害#7", AUD_USERS, err));
	assert_null(outbox_clean_body("incident #7", AUD_USERS, err));
	assert_null(outbox_clean_body("recovered しました", AUD_USERS, err));
	/* Words that only contain ours, English prose, other audiences. */
	p = outbox_clean_body("SEV2x unrecovered 決済", AUD_USERS, err);
	assert_non_null(p);
	free(p);
	p = outbox_clean_body("We are investigating.", AUD_USERS, err);
	assert_non_null(p);
	free(p);
	p = outbox_clean_body("SEV1 #3 mitigating 中", AUD_ENGINEERS, err);
	assert_non_null(p);
	free(p);
}

/* A reminder: an update due first, else a stale check-in; none while
 * snoozed or once resolved; its key changes with what it reminds of. */
static void
test_remind(void **state)
{
	struct incident inc = {0};
	struct responder r = {0};
	char text[256], k1[160], k2[160];

	(void)state;
	inc.severity = SEV2;
	inc.phase = PHASE_MITIGATING;
	inc.detected = 1000;
	inc.checkin_interval = 600;
	r.name = (char *)(uintptr_t)"bob";
	r.state = RSTATE_ACTIVE;
	r.asg_id = 1;
	r.last_checkin = 1000;
	r.asg_since = 1000;
	assert_int_equal(remind_check(&inc, &r, 1, 1500, text, sizeof text,
	    k1, sizeof k1), 0);
	assert_int_equal(remind_check(&inc, &r, 1, 1700, text, sizeof text,
	    k1, sizeof k1), 1);
	assert_non_null(strstr(text, "bob has not checked in"));
	assert_int_equal(remind_check(&inc, &r, 1, 1000 + 1800 + 120, text,
	    sizeof text, k2, sizeof k2), 1);
	assert_non_null(strstr(text, "Next status update due, overdue by 2m"));
	assert_string_not_equal(k1, k2);
	inc.snooze_until = 3000;
	assert_int_equal(remind_check(&inc, &r, 1, 2920, text, sizeof text,
	    k1, sizeof k1), 0);
	assert_int_equal(remind_check(&inc, &r, 1, 3000, text, sizeof text,
	    k1, sizeof k1), 1);
	assert_string_not_equal(k1, k2); /* after a snooze: a new one */
	inc.phase = PHASE_RESOLVED;
	assert_int_equal(remind_check(&inc, &r, 1, 9000, text, sizeof text,
	    NULL, 0), 0);
}

static void
test_answers(void **state)
{
	(void)state;
	assert_int_equal(slack_classify(200), SLACK_SENT);
	assert_int_equal(slack_classify(204), SLACK_SENT);
	assert_int_equal(slack_classify(429), SLACK_RATE_LIMITED);
	assert_int_equal(slack_classify(500), SLACK_RETRY);
	assert_int_equal(slack_classify(503), SLACK_RETRY);
	assert_int_equal(slack_classify(0), SLACK_RETRY);
	assert_int_equal(slack_classify(400), SLACK_FAILED);
	assert_int_equal(slack_classify(403), SLACK_FAILED);
	assert_int_equal(slack_classify(404), SLACK_FAILED);
	assert_int_equal(slack_classify(410), SLACK_FAILED);
	assert_int_equal(slack_classify(301), SLACK_FAILED);

	assert_int_equal(slack_retry_after("7", 0), 7);
	assert_int_equal(slack_retry_after(" 30", 0), 30);
	assert_int_equal(slack_retry_after("0", 0), 1);
	assert_int_equal(slack_retry_after("-5", 0), -1);
	assert_int_equal(slack_retry_after("99999999999999", 0),
	    SLACK_RETRY_AFTER_MAX);
	assert_int_equal(slack_retry_after("soon", 0), -1);
	assert_int_equal(slack_retry_after("", 0), -1);
	assert_int_equal(slack_retry_after(NULL, 0), -1);
	assert_int_equal(slack_retry_after("Wed, 26 Nov 2025 12:00:30 GMT",
	    1764158400), 30);
	assert_int_equal(slack_retry_after("Wed, 26 Nov 2025 11:00:00 GMT",
	    1764158400), 1);
}

static void
test_redact(void **state)
{
	char *r;
	const char *url = "https://hooks.slack.com/services/T0/B0/XyZsecret";

	(void)state;
	r = slack_redact("posting to https://hooks.slack.com/services/T0/B0/"
	    "XyZsecret failed", url);
	assert_string_equal(r, "posting to <webhook> failed");
	free(r);
	r = slack_redact("GET /services/T0/B0/XyZsecret: 404", url);
	assert_string_equal(r, "GET <webhook>: 404");
	free(r);
	r = slack_redact("host hooks.slack.com port 443", url);
	assert_string_equal(r, "host hooks.slack.com port 443");
	free(r);
	r = slack_redact("a / b", "http://h/");
	assert_string_equal(r, "a / b");
	free(r);
}

/* The outbox on a real SQLite file. */
static void
test_outbox_store(void **state)
{
	char err[ERR_LEN];
	struct fx *fx;
	struct store *st;
	struct status_update *list;
	struct incident inc = {0};
	struct config *cf;
	struct entry e[4];
	int64_t id, uid;
	int n;
	char *p;

	(void)state;
	setenv("WARROOM_NOW", "1764158400", 1);
	fx = fx_must();
	st = fx->st;
	id = incident_declare(st, "Checkout errors", SEV2, "ann", 0, err);
	assert_true(id > 0);
	assert_int_equal(incident_set_phase(st, id, PHASE_RECOVERED, NULL,
	    "ann", err), 0);

	p = outbox_heading(PHASE_RECOVERED);
	assert_string_equal(p, "【復旧完了】 recovered");
	free(p);
	assert_non_null(strstr(outbox_template(AUD_ENGINEERS),
	    "What we are doing"));
	assert_non_null(strstr(outbox_template(AUD_MANAGERS),
	    "Expected recovery"));
	assert_null(outbox_clean_body(outbox_template(AUD_USERS), AUD_USERS,
	    err));
	assert_non_null(strstr(err, "bare users template"));

	/* The preview is headed by the current phase. */
	p = outbox_preview(st, id, AUD_MANAGERS, "all good", 1764158400, err);
	assert_non_null(p);
	assert_memory_equal(p, "【復旧完了】 recovered\n\nall good\n", 32);
	free(p);
	/* A stale phase is refused. */
	assert_int_equal(outbox_queue(st, id, AUD_MANAGERS, PHASE_MONITORING,
	    "all good", "ann", err), -1);
	assert_non_null(strstr(err, "phase changed to recovered"));

	uid = outbox_queue(st, id, AUD_MANAGERS, PHASE_RECOVERED, "all good",
	    "ann", err);
	assert_true(uid > 0);
	assert_int_equal(outbox_list(st, id, 0, &list, &n, err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, uid);
	assert_string_equal(list[0].heading, "【復旧完了】 recovered");
	assert_int_equal(list[0].state, USTATE_QUEUED);
	assert_int_equal(list[0].audience, AUD_MANAGERS);
	assert_int_equal(list[0].phase, PHASE_RECOVERED);
	assert_string_equal(list[0].body, "all good");
	outbox_list_free(list, n);
	assert_int_equal(timeline_page(st, id, &(struct timeline_filter){
	    KIND_UPDATE, NULL}, NULL, -1, 4, e, err), 1);
	assert_string_equal(e[0].text,
	    "【復旧完了】 recovered, to managers: all good");
	timeline_clear_items(e, 1);
	assert_int_equal(incident_load(st, id, &inc, err), 0);
	assert_int_equal(inc.last_update, 1764158400);
	assert_int_equal(outbox_interval(&inc), 30 * 60);
	assert_int_equal(outbox_due(&inc), 1764158400 + 30 * 60);
	incident_clear(&inc);
	assert_int_equal(outbox_next_due(st, 1764158400, 5), 0);

	/* No webhook: nothing sent, no attempt counted, the reason kept. */
	deliver_log = NULL;
	cf = config_parse("[slack]\nwebhook.users = http://127.0.0.1:1/x\n",
	    "test", err);
	assert_non_null(cf);
	assert_int_equal(deliver_updates(st, cf, 1764158400, err), 0);
	assert_int_equal(outbox_list(st, id, 0, &list, &n, err), 0);
	assert_int_equal(list[0].attempts, 0);
	assert_non_null(strstr(list[0].last_error, "no webhook for managers"));
	p = outbox_why(&list[0], cf, NULL, 1764158400);
	assert_non_null(strstr(p, "waiting: no webhook for managers"));
	free(p);
	outbox_list_free(list, n);
	assert_int_equal(outbox_next_due(st, 1764158400, 300),
	    OUTBOX_NO_WEBHOOK_RECHECK);
	config_free(cf);

	fx_close(fx);
	unsetenv("WARROOM_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_heading_always),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_preview),
		cmocka_unit_test(test_users_message),
		cmocka_unit_test(test_remind),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_outbox_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
