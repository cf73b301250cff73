/* test_wrap.c: draw_wrap with Japanese, mixed and Latin text at every
 * width from 1 to past the text's own: never a byte lost or repeated
 * (only the spaces at a break are left out), never a row wider than the
 * width (but a single character wider than it), and kinsoku shori: no row
 * starts with a closer (。、」ー っ...) nor ends with an opener (「（...),
 * by oidashi (the character before goes down too). No terminal. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"
#include "widget/draw.h"

static const char *const texts[] = {
	"エラー率が急上昇。原因は「接続プール」の枯渇、ちょっと待ってくださ"
	"い！（確認中）",
	"see 障害が発生しました。DB のログ（checkout-db-2）を確認、再起動"
	"は不要？",
	"エラー率が5xxに上昇 (v2.14.0 から)、ロールバック「v2.13.0」へ。",
	"『決済』【対応中】〔暫定〕キャッシュ、ショック！ちょっとーー。ファイル"
	"ゥェォ、",
	"delete the selected entry (history kept), then write why.",
	"ＡＢＣ，ＤＥＦ．ｱｲｳｴｵ｡ｶｷｸ､ｹｺ",
	"a  b   c 　d",
};

/* What a row may not start with / end with, as the user sees it. */
static const char *const closers[] = {"。", "、", "，", "．", "）", "」",
	"』", "】", "〕", "！", "？", "ー", "ゃ", "ゅ", "ょ", "っ", "ャ", "ュ",
	"ョ", "ッ", "ァ", "ィ", "ゥ", "ェ", "ォ", "｡", "､", NULL};
static const char *const openers[] = {"「", "『", "（", "【", "〔", NULL};

static int
starts_with_any(const char *s, size_t n, const char *const *set)
{
	for (; *set != NULL; set++)
		if (n >= strlen(*set) && memcmp(s, *set, strlen(*set)) == 0)
			return 1;
	return 0;
}

static int
ends_with_any(const char *s, size_t n, const char *const *set)
{
	for (; *set != NULL; set++)
		if (n >= strlen(*set) && memcmp(s + n - strlen(*set), *set,
		    strlen(*set)) == 0)
			return 1;
	return 0;
}

/* The rows of s at cols, checked; returns how many. */
static int
check_text(const char *s, int cols)
{
	char back[1024], rowbuf[512];
	size_t at = 0, used = 0;
	int rows = 0, prev_end_open = 0;

	back[0] = '\0';
	while (s[at] != '\0') {
		size_t next, len = draw_wrap(s + at, cols, &next), k;
		uint32_t cp;

		assert_true(next > 0);               /* always moves on */
		assert_true(len <= next);
		for (k = len; k < next; k++)         /* only spaces left out */
			assert_int_equal(s[at + k], ' ');
		memcpy(back + used, s + at, next);   /* rebuild it */
		used += next;
		back[used] = '\0';
		snprintf(rowbuf, sizeof rowbuf, "%.*s", (int)len, s + at);
		/* Never over the width, but one character wider than it. */
		if (text_width(rowbuf) > cols)
			assert_int_equal(text_decode(rowbuf, len, &cp),
			    (int)len);
		/* Kinsoku, wherever the width leaves a choice: wider than
		 * the longest run these texts give no place to break
		 * ("（checkout-db-2）を", 19 columns; narrower, such a run
		 * is cut at a character, as test_oidashi shows). */
		if (cols >= 20) {
			if (rows > 0 && starts_with_any(s + at, len, closers))
				fail_msg("cols %d: row %d starts with a closer: "
				    "%s", cols, rows, rowbuf);
			if (prev_end_open)
				fail_msg("cols %d: row %d ended with an opener",
				    cols, rows - 1);
		}
		prev_end_open = s[at + next] != '\0' &&
		    ends_with_any(s + at, len, openers);
		at += next;
		rows++;
	}
	assert_string_equal(back, s);
	return rows;
}

static void
test_every_width(void **state)
{
	size_t i;
	int cols;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (cols = 1; cols <= text_width(texts[i]) + 2; cols++) {
			int n = check_text(texts[i], cols);

			if (cols >= text_width(texts[i]))
				assert_int_equal(n, 1);
		}
}

/* The rows s wraps into at cols, joined by '|'. */
static void
wrap_all(const char *s, int cols, char *out, size_t n)
{
	size_t used = 0;

	out[0] = '\0';
	while (*s != '\0') {
		size_t next, len = draw_wrap(s, cols, &next);

		used += (size_t)snprintf(out + used, n - used, "%s%.*s",
		    used > 0 ? "|" : "", (int)len, s);
		s += next;
	}
}

static void
test_oidashi(void **state)
{
	char out[512];

	(void)state;
	/* 。 would start the row: た goes down with it. */
	wrap_all("発生しました。", 12, out, sizeof out);
	assert_string_equal(out, "発生しまし|た。");
	/* 「 would end the row: it goes down. */
	wrap_all("原因は「接続」", 8, out, sizeof out);
	assert_string_equal(out, "原因は|「接続」");
	/* Small kana and ー stay with what they follow. */
	wrap_all("ちょっと待ってください", 6, out, sizeof out);
	assert_string_equal(out, "ちょっ|と待っ|てくだ|さい");
	wrap_all("エラー率", 4, out, sizeof out);
	assert_string_equal(out, "エ|ラー|率");
	/* Japanese breaks between characters, not at an early space. */
	wrap_all("see 障害が発生しました。", 12, out, sizeof out);
	assert_string_equal(out, "see 障害が発|生しました。");
	/* Latin inside Japanese stays whole. */
	wrap_all("エラー率が5xxに上昇", 12, out, sizeof out);
	assert_string_equal(out, "エラー率が|5xxに上昇");
	/* No place at all: cut at a character, still moving on. */
	wrap_all("。。。。", 4, out, sizeof out);
	assert_string_equal(out, "。。|。。");
	wrap_all("ちょっと", 4, out, sizeof out);
	assert_string_equal(out, "ちょ|っと");
	/* Latin as before. */
	wrap_all("delete the selected entry (history kept)", 16, out,
	    sizeof out);
	assert_string_equal(out, "delete the|selected entry|(history kept)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_width),
		cmocka_unit_test(test_oidashi),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
