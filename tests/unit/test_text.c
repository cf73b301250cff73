/* test_text.c: the sanitizer, widths, the kinsoku rule and time parsing. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"

static char *
san(const char *s)
{
	return text_sanitize(s, strlen(s), 1000, 0);
}

static void
test_sanitize_controls(void **state)
{
	char *r;

	(void)state;
	r = san("a\x1b]0;pwned\x07z");
	assert_null(strchr(r, 0x1b));
	assert_null(strchr(r, 0x07));
	assert_string_equal(r, "a\xef\xbf\xbd]0;pwned\xef\xbf\xbdz");
	free(r);
	r = san("x\xc2\x9b" "31my"); /* C1 CSI as UTF-8 */
	assert_string_equal(r, "x\xef\xbf\xbd" "31my");
	free(r);
	r = san("x\x9b" "31m"); /* raw 0x9B byte: invalid UTF-8 */
	assert_string_equal(r, "x\xef\xbf\xbd" "31m");
	free(r);
	r = san("tab\there\nline\rend");
	assert_string_equal(r, "tab here lineend");
	free(r);
	r = text_sanitize("a\nb", 3, 100, TEXT_MULTILINE);
	assert_string_equal(r, "a\nb");
	free(r);
	r = san("bidi\xe2\x80\xae" "evil"); /* U+202E RIGHT-TO-LEFT OVERRIDE */
	assert_string_equal(r, "bidi\xef\xbf\xbd" "evil");
	free(r);
}

static void
test_sanitize_utf8(void **state)
{
	char *r;

	(void)state;
	r = san("日本語テキスト");
	assert_string_equal(r, "日本語テキスト");
	free(r);
	r = san("\xc0\xaf"); /* overlong '/' */
	assert_string_equal(r, "\xef\xbf\xbd\xef\xbf\xbd");
	free(r);
	r = san("\xed\xa0\x80"); /* surrogate */
	assert_null(strstr(r, "\xed\xa0\x80"));
	free(r);
	r = text_sanitize("a\0b", 3, 100, 0); /* NUL inside */
	assert_string_equal(r, "a\xef\xbf\xbd" "b");
	free(r);
	/* Cut at a character boundary, never inside one. */
	r = text_sanitize("日本語", 9, 7, 0);
	assert_string_equal(r, "日本");
	free(r);
}

static void
test_check(void **state)
{
	char err[ERR_LEN];

	(void)state;
	assert_int_equal(text_check("ok 日本", 100, "text", err), 0);
	assert_int_equal(text_check("bad\xff", 100, "text", err), -1);
	assert_non_null(strstr(err, "not valid UTF-8"));
	assert_int_equal(text_check("toolong", 3, "text", err), -1);
	assert_non_null(strstr(err, "too long"));
}

static void
test_width(void **state)
{
	int used;
	size_t n;

	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("日本語"), 6);
	n = text_fit("日本語", 5, &used);
	assert_int_equal(n, 6); /* two characters, 4 columns */
	assert_int_equal(used, 4);
	n = text_fit("ab日", 3, &used);
	assert_int_equal(n, 2);
	assert_int_equal(used, 2);
}

static void
test_time_parse(void **state)
{
	char err[ERR_LEN];
	int64_t t, now = 1764158400; /* 2025-11-26 12:00:00 UTC */

	(void)state;
	setenv("TZ", "UTC", 1);
	assert_int_equal(time_parse("13:58", now + 7200, &t, err), 0);
	assert_int_equal(t, now + 3600 + 58 * 60);
	assert_int_equal(time_parse("11:30:15", now, &t, err), 0);
	assert_int_equal(t, now - 1800 + 15);
	/* A time later than now by more than 5 minutes is yesterday's. */
	assert_int_equal(time_parse("23:50", now, &t, err), 0);
	assert_int_equal(t, now + 11 * 3600 + 50 * 60 - 86400);
	assert_int_equal(time_parse("2025-11-26T12:00:00Z", 0, &t, err), 0);
	assert_int_equal(t, now);
	assert_int_equal(time_parse("2025-11-26T21:00:00+09:00", 0, &t, err), 0);
	assert_int_equal(t, now);
	assert_int_equal(time_parse("2025-11-26 12:00", 0, &t, err), 0);
	assert_int_equal(t, now);
	assert_int_equal(time_parse("-5m", now, &t, err), 0);
	assert_int_equal(t, now - 300);
	assert_int_equal(time_parse("25:00", now, &t, err), -1);
	assert_int_equal(time_parse("yesterday", now, &t, err), -1);
	assert_non_null(strstr(err, "bad time"));
	assert_int_equal(time_parse("2025-13-01 10:00", now, &t, err), -1);
	assert_int_equal(time_parse("", now, &t, err), -1);
	assert_int_equal(time_parse("-1h30m", now, &t, err), 0);
	assert_int_equal(t, now - 5400);
	assert_int_equal(time_parse("-90", now, &t, err), -1);
	assert_int_equal(time_iso_parse("2025-11-26T12:00:00Z", &t), 0);
	assert_int_equal(t, now);
	assert_int_equal(time_iso_parse("2025-02-30T12:00:00Z", &t), -1);
	assert_int_equal(time_iso_parse("2025-11-26T12:00:00", &t), -1);
	assert_int_equal(time_iso_parse("2025-11-26 12:00:00Z", &t), -1);
	assert_int_equal(time_iso_parse("1969-12-31T23:59:59Z", &t), -1);
	assert_int_equal(time_iso_parse("2025-11-26T24:00:00Z", &t), -1);
}

/* Every duration any caller took before the grammars were one is still
 * taken with the same value. */
static void
test_dur_parse(void **state)
{
	static const struct {
		const char *s;
		int64_t secs; /* -1: refused */
	} cases[] = {
		{"90", 90}, {"90s", 90}, {"15m", 900}, {"24h", 86400},
		{"7d", 604800}, {"1h30m", 5400}, {"1h05m", 3900}, {"+5m", 300},
		{" 10", 10}, {"0", 0}, {"0m", 0}, {"1000000d", TIME_DUR_MAX},
		{"", -1}, {"m", -1}, {"10x", -1}, {"-5m", -1}, {"1 h", -1},
		{"1h30", -1}, {"10ss", -1}, {"5mm", -1}, {"1000001d", -1},
		{"99999999999999999999", -1}, {"+", -1}, {"1h 30m", -1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		int64_t secs = -7;
		int rc = time_dur_parse(cases[i].s, &secs);

		if (cases[i].secs < 0) {
			assert_int_equal(rc, -1);
			assert_int_equal(secs, -7);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(secs, cases[i].secs);
		}
	}
}

/* The kinsoku rule every wrap shares (draw_wrap, editor_layout). */
static void
test_kinsoku(void **state)
{
	const uint32_t closers[] = {0x3002, 0x3001, 0x300D, 0x300F, 0x3011,
		0xFF09, 0xFF01, 0xFF1F, 0x30FC, 0x3063, 0x3083, 0x30C3, 0x30A1,
		0xFF61, 0xFF64, 0x31F0, 0x31FF, ')', '.', ','};
	const uint32_t openers[] = {0x300C, 0x300E, 0x3010, 0xFF08, 0x3014,
		'(', '['};
	const uint32_t plain[] = {0x3042, 0x30A2, 0x6F22, 'a', '1', ' '};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(closers); i++) {
		assert_true(text_kinsoku_start(closers[i]));
		assert_false(text_kinsoku_end(closers[i]));
		/* 。 after 発: the break must go before 発 instead. */
		assert_false(text_break_ok(0x767A, closers[i]));
	}
	for (i = 0; i < ARRAY_LEN(openers); i++) {
		assert_true(text_kinsoku_end(openers[i]));
		assert_false(text_kinsoku_start(openers[i]));
		assert_false(text_break_ok(openers[i], 0x63A5));
	}
	for (i = 0; i < ARRAY_LEN(plain); i++) {
		assert_false(text_kinsoku_start(plain[i]));
		assert_false(text_kinsoku_end(plain[i]));
	}
	assert_true(text_break_ok(0x767A, 0x751F)); /* 発|生 */
	assert_true(text_break_ok('x', 0x306B));    /* 5xx|に */
	assert_true(text_break_ok(0x3002, 0x539F)); /* 。|原 */
	assert_false(text_break_ok('a', 'b'));      /* inside a word */
	assert_false(text_break_ok(0x3042, 0x3063)); /* あ|っ */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_sanitize_utf8),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_kinsoku),
		cmocka_unit_test(test_time_parse),
		cmocka_unit_test(test_dur_parse),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
