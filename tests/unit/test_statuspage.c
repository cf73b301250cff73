/* test_statuspage.c: the status page's pieces: phase to status, the JSON
 * of a create and an update, the name, finding our incident in a list by
 * its marker (and whether it already says our text), and the config. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "agent/statuspage.h"
#include "base/config.h"
#include "base/util.h"
#include "model/model.h"

static void
test_status(void **state)
{
	static const char *const want[PHASE_COUNT] = {
		[PHASE_DETECTED] = "investigating",
		[PHASE_INVESTIGATING] = "investigating",
		[PHASE_IDENTIFIED] = "identified",
		[PHASE_MITIGATING] = "identified",
		[PHASE_MONITORING] = "monitoring",
		[PHASE_RECOVERED] = "monitoring",
		[PHASE_RESOLVED] = "resolved",
		[PHASE_RETROSPECTIVE] = "resolved",
	};
	int i;

	(void)state;
	for (i = 0; i < PHASE_COUNT; i++)
		assert_string_equal(statuspage_status(i), want[i]);
	assert_string_equal(statuspage_status(-1), "investigating");
}

static void
test_payload(void **state)
{
	char *json = statuspage_payload("Slow \"cards\"", "identified",
	    "【原因特定】\n\nline", "warroom-3-100");
	cJSON *o = cJSON_Parse(json), *inc;

	(void)state;
	assert_non_null(o);
	inc = cJSON_GetObjectItem(o, "incident");
	assert_string_equal(cJSON_GetObjectItem(inc, "name")->valuestring,
	    "Slow \"cards\"");
	assert_string_equal(cJSON_GetObjectItem(inc, "status")->valuestring,
	    "identified");
	assert_string_equal(cJSON_GetObjectItem(inc, "body")->valuestring,
	    "【原因特定】\n\nline");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(inc, "metadata"), "warroom"),
	    "incident")->valuestring, "warroom-3-100");
	cJSON_Delete(o);
	free(json);
	/* An update: status and body only. */
	json = statuspage_payload(NULL, "resolved", "x", NULL);
	assert_string_equal(json, "{\"incident\":{\"status\":\"resolved\","
	    "\"body\":\"x\"}}");
	free(json);
}

static void
test_name_text(void **state)
{
	char *s, big[400];

	(void)state;
	s = statuspage_name("  Cards are slow \nmore");
	assert_string_equal(s, "Cards are slow");
	free(s);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = statuspage_name(big);
	assert_true(strlen(s) <= STATUSPAGE_NAME_MAX);
	assert_true(strlen(s) > 0);
	free(s);
	s = statuspage_text("【調査中】", "body");
	assert_string_equal(s, "【調査中】\n\nbody");
	free(s);
	s = statuspage_marker(12, 1764158400);
	assert_string_equal(s, "warroom-12-1764158400");
	free(s);
}

static void
test_find(void **state)
{
	const char *list = "[{\"id\":\"other1\",\"metadata\":{}},"
	    "{\"id\":\"ours22\",\"metadata\":{\"warroom\":{\"incident\":"
	    "\"warroom-1-5\"}},\"incident_updates\":[{\"status\":"
	    "\"investigating\",\"body\":\"new\"},{\"status\":"
	    "\"investigating\",\"body\":\"old\"}]},"
	    "{\"id\":\"bad/id\",\"metadata\":{\"warroom\":{\"incident\":"
	    "\"warroom-2-5\"}}}]";
	char *id;
	int same;

	(void)state;
	id = statuspage_find(list, "warroom-1-5", "new", "investigating",
	    &same);
	assert_string_equal(id, "ours22");
	assert_int_equal(same, 1);
	free(id);
	/* Only the newest update counts, with its status. */
	id = statuspage_find(list, "warroom-1-5", "old", "investigating",
	    &same);
	assert_int_equal(same, 0);
	free(id);
	id = statuspage_find(list, "warroom-1-5", "new", "identified", &same);
	assert_int_equal(same, 0);
	free(id);
	/* Not there, an id that is no plain id, not JSON. */
	assert_null(statuspage_find(list, "warroom-9-5", "x", "y", &same));
	assert_null(statuspage_find(list, "warroom-2-5", "x", "y", &same));
	assert_null(statuspage_find("<html>", "warroom-1-5", "x", "y",
	    &same));
	assert_null(statuspage_find(NULL, "warroom-1-5", "x", "y", &same));
	/* One incident object. */
	id = statuspage_find("{\"id\":\"abc\",\"incident_updates\":[{"
	    "\"status\":\"resolved\",\"body\":\"b\"}]}", NULL, "b",
	    "resolved", &same);
	assert_string_equal(id, "abc");
	assert_int_equal(same, 1);
	free(id);
	id = statuspage_answer_id("{\"id\":\"p9x\",\"name\":\"n\"}");
	assert_string_equal(id, "p9x");
	free(id);
	assert_null(statuspage_answer_id("{\"id\":\"../x\"}"));
	assert_null(statuspage_answer_id("{\"id\":7}"));
}

static int
config_of(const char *text, struct statuspage *sp, char *err)
{
	struct config *cf = config_parse(text, "cfg", err);
	int rc;

	assert_non_null(cf);
	rc = statuspage_config(cf, sp, err);
	config_free(cf);
	return rc;
}

static void
test_config(void **state)
{
	struct statuspage sp;
	char err[ERR_LEN];

	(void)state;
	assert_int_equal(config_of("[slack]\ntimeout = 3\n", &sp, err), 0);
	assert_int_equal(config_of("[statuspage]\npage_id = p1\n", &sp, err),
	    -1);
	assert_non_null(strstr(err, "both page_id and api_key"));
	assert_int_equal(config_of("[statuspage]\npage_id = p/1\napi_key = "
	    "k12345\n", &sp, err), -1);
	assert_non_null(strstr(err, "page_id"));
	assert_null(strstr(err, "k12345"));
	assert_int_equal(config_of("[statuspage]\npage_id = p1\napi_key = "
	    "k12345\nurl = ftp://x\n", &sp, err), -1);
	assert_int_equal(config_of("[statuspage]\npage_id = p1\napi_key = "
	    "k12345\n", &sp, err), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_payload),
		cmocka_unit_test(test_name_text),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
