/* test_output.c: what commands print: cleaned lines and cleaned JSON. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/output.h"
#include "base/json.h"
#include "base/text.h"
#include "base/util.h"

/* Every kind of hostile byte at once. */
static const char HOSTILE[] = "a\x1b[31mred \x1b]0;t\x07 \x9b" "2J \xc2\x9b"
    "2J \xc2\x85 \xff\xfe \xed\xa0\x80 \xc0\xaf \xe2\x80\xae" "evil "
    "\xe2\x81\xa6x \xe2\x80\xa8 cr\rbs\x08 tab\t del\x7f nl\nFORGED z";

/* 1 when s is valid UTF-8 without controls (but '\n', and '\t' if tab),
 * C1, DEL, bidi controls or separators. */
static int
plain_text(const char *s, int tab)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp);

		if (n < 0)
			return 0;
		if ((cp < 0x20 && cp != '\n' && !(tab && cp == '\t')) ||
		    (cp >= 0x7F && cp <= 0x9F) ||
		    (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
		    cp == 0x2029)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

static int
json_strings_plain(const cJSON *j)
{
	for (; j != NULL; j = j->next) {
		if (j->string != NULL && !plain_text(j->string, 0))
			return 0;
		if (cJSON_IsString(j) && !plain_text(j->valuestring, 0))
			return 0;
		if (!json_strings_plain(j->child))
			return 0;
	}
	return 1;
}

static void
test_line(void **state)
{
	struct buf b = {0};

	(void)state;
	output_addf(&b, "#%d %s [%s]", 7, HOSTILE, "ok");
	assert_true(plain_text(b.p, 0));
	/* One line: the stored line break became a space. */
	assert_non_null(strstr(b.p, "nl FORGED z"));
	assert_ptr_equal(strchr(b.p, '\n'), b.p + b.len - 1);
	assert_non_null(strstr(b.p, "[ok]\n"));
	buf_free(&b);
}

static void
test_json_clean(void **state)
{
	cJSON *o = cJSON_CreateObject(), *a, *back;
	char *out;

	(void)state;
	cJSON_AddStringToObject(o, "title", HOSTILE);
	cJSON_AddStringToObject(o, HOSTILE, "a key from data");
	a = cJSON_AddArrayToObject(o, "list");
	cJSON_AddItemToArray(a, cJSON_CreateString(HOSTILE));
	cJSON_AddItemToArray(a, cJSON_CreateString("plain ascii"));
	cJSON_AddItemToArray(a, cJSON_CreateString("\xe3\x83\xad\xe3\x83\xbc"));
	cJSON_AddNumberToObject(o, "inf", INFINITY);
	cJSON_AddRawToObject(o, "raw", "[1,2.5]");
	out = json_string(o, 0);
	cJSON_Delete(o);
	/* The bytes: valid UTF-8, only the indentation's tabs and newlines. */
	assert_true(plain_text(out, 1));
	assert_int_equal(out[strlen(out) - 1], '\n');
	/* The values: parse, and no control left after decoding either. */
	back = cJSON_Parse(out);
	assert_non_null(back);
	assert_true(json_strings_plain(back));
	/* Clean text is kept as it was; a line break stays a line break. */
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(back,
	    "list"), 1)->valuestring, "plain ascii");
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(back,
	    "list"), 2)->valuestring, "\xe3\x83\xad\xe3\x83\xbc");
	assert_non_null(strstr(cJSON_GetObjectItem(back, "title")->valuestring,
	    "nl\nFORGED"));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(back, "inf")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(back, "raw")),
	    2);
	cJSON_Delete(back);
	free(out);
}

static void
test_json_compact(void **state)
{
	cJSON *o = cJSON_CreateObject();
	char *out;

	(void)state;
	cJSON_AddStringToObject(o, "text", "\xc2\x9b" "31m");
	out = json_string(o, 1);
	cJSON_Delete(o);
	assert_string_equal(out, "{\"text\":\"\xef\xbf\xbd" "31m\"}\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_json_clean),
		cmocka_unit_test(test_json_compact),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
