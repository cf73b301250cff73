/* test_keybar.c: the pieces of issue 20's screen chrome that need no
 * terminal: wrapping a help description (draw_wrap) by display columns,
 * and the key bar's fields in the panes' key table. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "widget/draw.h"
#include "pane/pane.h"

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
		assert_true(next > 0); /* always moves on */
		s += next;
	}
}

static void
test_wrap(void **state)
{
	char out[256];

	(void)state;
	wrap_all("show or hide this help", 40, out, sizeof out);
	assert_string_equal(out, "show or hide this help");
	wrap_all("delete the selected entry (history kept)", 16, out,
	    sizeof out);
	assert_string_equal(out, "delete the|selected entry|(history kept)");
	/* A word longer than the row is cut at a character. */
	wrap_all("abcdefghij klm", 4, out, sizeof out);
	assert_string_equal(out, "abcd|efgh|ij|klm");
	/* Japanese: two columns a character, never half of one; no row
	 * starts with ー (kinsoku: test_wrap.c). */
	wrap_all("決済APIのエラー率", 7, out, sizeof out);
	assert_string_equal(out, "決済API|のエ|ラー率");
	wrap_all("x", 0, out, sizeof out);
	assert_string_equal(out, "x");
}

/* Every key in the bar has a word, a description in the help, and is the
 * binding its key has in its pane (so the bar never shows a key that does
 * something else there). */
static void
test_bar_fields(void **state)
{
	const struct keymap *m = &keys_normal;
	int i, pane, n = 0;

	(void)state;
	for (i = 0; i < m->n; i++) {
		const struct key_binding *k = &m->keys[i];

		if (k->bar == 0) {
			assert_null(k->bar_name);
			continue;
		}
		n++;
		assert_true(k->bar > 0);
		assert_non_null(k->bar_name);
		assert_non_null(k->help);
		for (pane = 0; pane < PANE_COUNT; pane++)
			if (k->pane < 0 || k->pane == pane)
				assert_ptr_equal(keymap_find(m, k->key,
				    k->key >= KEY_MIN, pane), k);
	}
	assert_true(n >= 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_bar_fields),
	};

	setlocale(LC_ALL, "C.UTF-8");
	draw_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
