/* test_editor.c: the text editor's buffer (no terminal): insertion with
 * bounds, word motions over English and Japanese, kills, wrapping by
 * display columns and moving between wrapped rows; then the form's values,
 * checks and change tracking (keys fed as curses would). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"
#include "widget/draw.h"
#include "widget/editor.h"

#include "fixture_screen.h"

#include <unistd.h>
#include <wchar.h>

static void
assert_text(const struct editor *ed, const char *want)
{
	char *s = editor_text(ed);

	assert_string_equal(s, want);
	free(s);
}

static void
type(struct editor *ed, const char *s)
{
	assert_int_equal(editor_insert_str(ed, s), 0);
}

static void
test_insert_and_move(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed, 0, 0);
	type(&ed, "hello world");
	assert_int_equal(ed.cur, 11);
	editor_word_left(&ed);
	assert_int_equal(ed.cur, 6);
	editor_word_left(&ed);
	assert_int_equal(ed.cur, 0);
	editor_word_right(&ed);
	assert_int_equal(ed.cur, 5);
	type(&ed, ",");
	assert_text(&ed, "hello, world");
	editor_end(&ed);
	editor_backspace(&ed);
	assert_text(&ed, "hello, worl");
	editor_home(&ed);
	editor_delete(&ed);
	assert_text(&ed, "ello, worl");
	editor_right(&ed);
	editor_right(&ed);
	editor_kill_end(&ed);
	assert_text(&ed, "el");
	editor_kill_start(&ed);
	assert_text(&ed, "");
	/* Left at the start and Right at the end stay put. */
	editor_left(&ed);
	assert_int_equal(ed.cur, 0);
	type(&ed, "ab");
	editor_right(&ed);
	assert_int_equal(ed.cur, 2);
	editor_free(&ed);
}

static void
test_japanese(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed, 0, 0);
	type(&ed, "障害 発生 from db");
	assert_int_equal(ed.len, 13);
	assert_int_equal(ed.bytes, strlen("障害 発生 from db"));
	editor_word_left(&ed);
	editor_word_left(&ed);
	editor_word_left(&ed);
	assert_int_equal(ed.cur, 3); /* before 発生 */
	editor_kill_word(&ed);
	assert_text(&ed, "発生 from db");
	editor_right(&ed);
	editor_backspace(&ed); /* one whole character, never a byte */
	assert_text(&ed, "生 from db");
	assert_int_equal(ed.bytes, strlen("生 from db"));
	/* ^W after spaces takes the word before them. */
	editor_end(&ed);
	type(&ed, "  ");
	editor_kill_word(&ed);
	assert_text(&ed, "生 from ");
	editor_free(&ed);
}

static void
test_bounds_and_controls(void **state)
{
	struct editor ed;
	char big[200];

	(void)state;
	editor_init(&ed, 0, 10);
	assert_int_equal(editor_insert_str(&ed, "日本語"), 0); /* 9 bytes */
	assert_int_equal(editor_insert_str(&ed, "語"), -1);    /* 12 > 10 */
	assert_int_equal(editor_insert_str(&ed, "a"), 0);
	assert_int_equal(editor_insert(&ed, 'b'), -1);
	assert_text(&ed, "日本語a");
	editor_free(&ed);

	/* Controls never get in; a single line turns breaks into spaces. */
	editor_init(&ed, 0, 0);
	type(&ed, "a\x1b[2J\tb\nc\r\x7f\xc2\x9b");
	assert_text(&ed, "a[2J b c ");
	assert_int_equal(editor_insert(&ed, 0x202E), 0); /* bidi override */
	assert_int_equal(editor_insert(&ed, 0xD800), 0); /* surrogate */
	assert_text(&ed, "a[2J b c ");
	editor_free(&ed);

	editor_init(&ed, 1, 0);
	type(&ed, "line 1\nline 2\r\n");
	assert_text(&ed, "line 1\nline 2\n\n");
	editor_free(&ed);

	/* A long paste is accepted up to the bound, quickly. */
	editor_init(&ed, 1, TEXT_MAX);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	while (editor_insert_str(&ed, big) == 0)
		;
	assert_int_equal(ed.bytes, TEXT_MAX);
	assert_int_equal(ed.len, TEXT_MAX);
	editor_free(&ed);
}

static void
test_layout(void **state)
{
	struct editor ed;
	struct ed_row *rows;
	int n, r, c;

	(void)state;
	editor_init(&ed, 1, 0);
	/* Words wrap whole: "alpha beta " fits 11, "gamma" goes down. */
	type(&ed, "alpha beta gamma");
	rows = editor_layout(&ed, 12, &n);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].start, 0);
	assert_int_equal(rows[0].end, 11);
	assert_int_equal(rows[1].start, 11);
	assert_int_equal(rows[1].end, 16);
	editor_cursor_pos(&ed, rows, n, &r, &c);
	assert_int_equal(r, 1);
	assert_int_equal(c, 5);
	free(rows);

	/* Japanese is two columns: 5 characters fill 10 columns. */
	editor_set(&ed, "日本語のテキストです");
	rows = editor_layout(&ed, 10, &n);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].end, 5);
	free(rows);
	/* An odd width never splits a wide character. */
	rows = editor_layout(&ed, 9, &n);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].end, 4);
	free(rows);

	/* Line breaks start rows; a trailing one leaves an empty row. */
	editor_set(&ed, "a\n\nb\n");
	rows = editor_layout(&ed, 10, &n);
	assert_int_equal(n, 4);
	assert_int_equal(rows[1].start, 2);
	assert_int_equal(rows[1].end, 2);
	assert_int_equal(rows[3].start, 5);
	editor_cursor_pos(&ed, rows, n, &r, &c);
	assert_int_equal(r, 3);
	assert_int_equal(c, 0);
	free(rows);

	/* A single line is one row, however long. */
	editor_free(&ed);
	editor_init(&ed, 0, 0);
	type(&ed, "alpha beta gamma delta");
	rows = editor_layout(&ed, 5, &n);
	assert_int_equal(n, 1);
	free(rows);
	editor_free(&ed);
}

/* The rows of s laid out at cols, joined by '|' (editor_layout). */
static void
layout_all(struct editor *ed, const char *s, int cols, char *out, size_t n)
{
	struct ed_row *rows;
	int k, i;
	size_t used = 0;

	editor_set(ed, s);
	rows = editor_layout(ed, cols, &k);
	out[0] = '\0';
	for (i = 0; i < k; i++) {
		char *part = editor_slice(ed, rows[i].start, rows[i].end);

		used += (size_t)snprintf(out + used, n - used, "%s%s",
		    i > 0 ? "|" : "", part);
		free(part);
	}
	free(rows);
}

/* The same with draw_wrap (the record view, the help, the preview). */
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

/* Kinsoku in the editor's wrap: the rule draw_wrap follows (oidashi: the
 * character before a closer goes down with it), so Japanese text with no
 * spaces wraps into the very same rows at every width. */
static void
test_layout_kinsoku(void **state)
{
	static const char *const texts[] = {
		"エラー率が急上昇。原因は「接続プール」の枯渇、ちょっと待って"
		"ください！（確認中）",
		"『決済』【対応中】〔暫定〕キャッシュ、ショック！ちょっとーー。",
		"発生しました。原因は「接続」",
	};
	struct editor ed;
	char a[1024], b[1024];
	size_t i;
	int cols;

	(void)state;
	editor_init(&ed, 1, 0);
	layout_all(&ed, "発生しました。", 12, a, sizeof a);
	assert_string_equal(a, "発生しまし|た。");
	layout_all(&ed, "原因は「接続」", 8, a, sizeof a);
	assert_string_equal(a, "原因は|「接続」");
	layout_all(&ed, "ちょっと待ってください", 6, a, sizeof a);
	assert_string_equal(a, "ちょっ|と待っ|てくだ|さい");
	/* Japanese breaks after an early space's last chance, as draw_wrap
	 * does; the editor keeps the space in its row. */
	layout_all(&ed, "see 障害が発生しました。", 12, a, sizeof a);
	assert_string_equal(a, "see 障害が発|生しました。");
	layout_all(&ed, "alpha beta gamma", 12, a, sizeof a);
	assert_string_equal(a, "alpha beta |gamma");
	/* No place at all: cut at a character. */
	layout_all(&ed, "。。。。", 4, a, sizeof a);
	assert_string_equal(a, "。。|。。");
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (cols = 2; cols <= text_width(texts[i]) + 2; cols++) {
			layout_all(&ed, texts[i], cols, a, sizeof a);
			wrap_all(texts[i], cols, b, sizeof b);
			if (strcmp(a, b) != 0)
				fail_msg("cols %d: editor %s, draw_wrap %s",
				    cols, a, b);
		}
	editor_free(&ed);
}

static void
test_up_down(void **state)
{
	struct editor ed;

	(void)state;
	editor_init(&ed, 1, 0);
	ed.wrap = 20;
	type(&ed, "first line\nsecond\n日本語の行です");
	/* From the end of the Japanese row (14 columns) up: "second" is
	 * shorter, so the cursor goes to its end; up again keeps aiming at
	 * column 14: the end of "first line" (10). */
	assert_int_equal(editor_up(&ed), 1);
	assert_int_equal(ed.cur, 17);
	assert_int_equal(editor_up(&ed), 1);
	assert_int_equal(ed.cur, 10);
	assert_int_equal(editor_up(&ed), 0); /* the top: the form moves */
	editor_home(&ed);
	editor_right(&ed);
	editor_right(&ed);
	editor_right(&ed);
	/* Column 3 down into a row of wide characters: before the
	 * character that would cross column 3 (日 at 0-1, 本 at 2-3). */
	assert_int_equal(editor_down(&ed), 1);
	assert_int_equal(editor_down(&ed), 1);
	assert_int_equal(ed.cur, 19);
	assert_int_equal(editor_down(&ed), 0);
	editor_free(&ed);

	/* A single line has no rows to move between. */
	editor_init(&ed, 0, 0);
	type(&ed, "x");
	assert_int_equal(editor_up(&ed), 0);
	assert_int_equal(editor_down(&ed), 0);
	editor_free(&ed);
}

/* The prompt's and the composer's keys: the basic ones, a bound in
 * characters, and Up/Down by logical lines keeping the character column. */
static void
test_basic_keys(void **state)
{
	struct editor ed;
	char *s;

	(void)state;
	editor_init(&ed, 1, 0);
	assert_int_equal(editor_basic_key(&ed, 0, L'a', 3), ED_CHANGED |
	    ED_MOVED);
	assert_int_equal(editor_basic_key(&ed, 0, L'日', 3), ED_CHANGED |
	    ED_MOVED);
	assert_int_equal(editor_basic_key(&ed, 0, L'b', 3), ED_CHANGED |
	    ED_MOVED);
	assert_int_equal(editor_basic_key(&ed, 0, L'c', 3), ED_FULL);
	/* Not its keys: controls, a combining mark, ^W, Up. */
	assert_int_equal(editor_basic_key(&ed, 0, 23, 9), ED_IGNORED);
	assert_int_equal(editor_basic_key(&ed, 0, 0x301, 9), ED_IGNORED);
	assert_int_equal(editor_basic_key(&ed, 1, KEY_UP, 9), ED_IGNORED);
	assert_int_equal(editor_basic_key(&ed, 1, KEY_LEFT, 9), ED_MOVED);
	assert_int_equal(editor_basic_key(&ed, 0, 127, 9), ED_CHANGED |
	    ED_MOVED);
	assert_text(&ed, "ab");
	assert_int_equal(editor_basic_key(&ed, 0, 5, 9), ED_MOVED); /* ^E */
	assert_int_equal(ed.cur, 2);
	s = editor_slice(&ed, 1, 2);
	assert_string_equal(s, "b");
	free(s);
	editor_set(&ed, "first\nab\nthird line");
	ed.cur = 4; /* "firs|t" */
	editor_line_step(&ed, 1);
	assert_int_equal(ed.cur, 8); /* the end of "ab" */
	editor_line_step(&ed, 1);
	assert_int_equal(ed.cur, 11); /* column 2 of "third" */
	editor_line_step(&ed, 1);
	assert_int_equal(ed.cur, 11);
	editor_line_step(&ed, -1);
	editor_line_step(&ed, -1);
	assert_int_equal(ed.cur, 2);
	editor_line_step(&ed, -1);
	assert_int_equal(ed.cur, 2);
	editor_free(&ed);
}

static void
test_keys(void **state)
{
	struct editor ed;
	const wchar_t *s = L"ab日本";
	int i;

	(void)state;
	editor_init(&ed, 1, 0);
	for (i = 0; s[i] != 0; i++)
		assert_int_equal(editor_key(&ed, 0, (wint_t)s[i], 0),
		    ED_CHANGED | ED_MOVED);
	assert_int_equal(editor_key(&ed, 0, '\n', 0), ED_CHANGED | ED_MOVED);
	assert_int_equal(editor_key(&ed, 0, '\r', 1), ED_CHANGED | ED_MOVED);
	assert_text(&ed, "ab日本\n\n");
	assert_int_equal(editor_key(&ed, 0, '\r', 0), ED_SAVE);
	assert_int_equal(editor_key(&ed, 0, 27, 0), ED_CANCEL);
	assert_int_equal(editor_key(&ed, 1, KEY_BACKSPACE, 0),
	    ED_CHANGED | ED_MOVED);
	assert_int_equal(editor_key(&ed, 0, 127, 0), ED_CHANGED | ED_MOVED);
	assert_int_equal(editor_key(&ed, 0, 'b', 1), ED_MOVED); /* Alt-b */
	assert_int_equal(ed.cur, 0);
	assert_int_equal(editor_key(&ed, 0, 'f', 1), ED_MOVED); /* Alt-f */
	assert_int_equal(ed.cur, 4);
	assert_int_equal(editor_key(&ed, 0, 0x01, 0), ED_MOVED); /* ^A */
	assert_int_equal(ed.cur, 0);
	assert_int_equal(editor_key(&ed, 0, 0x05, 0), ED_MOVED); /* ^E */
	assert_int_equal(ed.cur, 4);
	assert_int_equal(editor_key(&ed, 0, 0x15, 0), ED_CHANGED | ED_MOVED);
	assert_text(&ed, "");
	/* Not editing keys: left to the form. */
	assert_int_equal(editor_key(&ed, 0, '\t', 0), ED_IGNORED);
	assert_int_equal(editor_key(&ed, 1, KEY_F(5), 0), ED_IGNORED);
	assert_int_equal(editor_key(&ed, 1, KEY_UP, 0), ED_IGNORED);
	editor_free(&ed);

	/* Enter and ^J both save a single line; full fields say so. */
	editor_init(&ed, 0, 2);
	assert_int_equal(editor_key(&ed, 0, '\n', 0), ED_SAVE);
	assert_int_equal(editor_key(&ed, 0, 0x00E9, 0), ED_CHANGED | ED_MOVED);
	assert_int_equal(editor_key(&ed, 0, 'x', 0), ED_FULL);
	editor_free(&ed);
}

/* --- drawing (curses on /dev/null, read back cell by cell) --------------- */

static int
screen_up(void **state)
{
	(void)state;
	return fx_screen_up(10, 40);
}

static int
screen_down(void **state)
{
	(void)state;
	fx_screen_down();
	return 0;
}

static void
assert_row(WINDOW *w, int y, int x, int n, const char *want)
{
	char *s = fx_row(w, y, x, n);

	assert_string_equal(s, want);
	free(s);
}

static void
test_draw_single(void **state)
{
	WINDOW *w = newwin(3, 20, 0, 0);
	struct editor ed;
	int cy, cx;

	(void)state;
	editor_init(&ed, 0, 0);
	type(&ed, "日本語abc");
	werase(w);
	editor_draw(&ed, w, 1, 2, 1, 12, TH_NORMAL, &cy, &cx);
	assert_row(w, 1, 2, 12, "日本語abc   ");
	assert_int_equal(cy, 1);
	assert_int_equal(cx, 2 + 9); /* three wide, three narrow */
	/* Longer than the field: it scrolls sideways to keep the cursor,
	 * never showing half a wide character. */
	type(&ed, "テキストです");
	werase(w);
	editor_draw(&ed, w, 1, 2, 1, 12, TH_NORMAL, &cy, &cx);
	assert_true(ed.scroll > 0);
	assert_true(cx > 2 && cx < 2 + 12);
	{
		char *s = fx_row(w, 1, 2, 12);

		assert_non_null(strstr(s, "です"));
		assert_null(strstr(s, "日"));
		free(s);
	}
	/* Home scrolls back to the start. */
	editor_home(&ed);
	werase(w);
	editor_draw(&ed, w, 1, 2, 1, 12, TH_NORMAL, &cy, &cx);
	assert_int_equal(cx, 2);
	assert_row(w, 1, 2, 12, "日本語abcテ ");
	editor_free(&ed);
	delwin(w);
}

static void
test_draw_multi(void **state)
{
	WINDOW *w = newwin(6, 20, 0, 0);
	struct editor ed;
	int cy, cx;

	(void)state;
	editor_init(&ed, 1, 0);
	type(&ed, "alpha beta 日本語の長い文\nend");
	werase(w);
	/* 11 columns: 10 for text, one kept for the cursor. */
	editor_draw(&ed, w, 0, 0, 3, 11, TH_NORMAL, &cy, &cx);
	/* Rows: "alpha ", "beta 日本", "語の長い文", "end" (Japanese breaks
	 * between characters, not back at the space: test_layout_kinsoku);
	 * the cursor on "end" scrolls them up one. */
	assert_row(w, 0, 0, 10, "beta 日本 ");
	assert_row(w, 1, 0, 10, "語の長い文");
	assert_row(w, 2, 0, 10, "end       ");
	assert_int_equal(cy, 2);
	assert_int_equal(cx, 3);
	assert_int_equal(ed.scroll, 1);
	editor_free(&ed);
	delwin(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_move),
		cmocka_unit_test(test_japanese),
		cmocka_unit_test(test_bounds_and_controls),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_layout_kinsoku),
		cmocka_unit_test(test_up_down),
		cmocka_unit_test(test_basic_keys),
		cmocka_unit_test(test_keys),
	};

	const struct CMUnitTest screen_tests[] = {
		cmocka_unit_test(test_draw_single),
		cmocka_unit_test(test_draw_multi),
	};
	int rc;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rc |= cmocka_run_group_tests(screen_tests, screen_up, screen_down);
	return rc;
}
