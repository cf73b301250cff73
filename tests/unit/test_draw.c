/* test_draw.c: the drawing shortcuts of widget/draw.c give the very cells
 * of the long way: text drawn from the string itself against a clean copy
 * made first (the way of every release before), and rows kept across
 * frames (draw_rows) against a window erased and drawn whole each frame. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "base/text.h"
#include "fixture_screen.h"

/* --- the long way, as draw.c had it ------------------------------------ */

static void
ref_cell(WINDOW *w, int y, int x, const wchar_t *wc, enum theme_el el)
{
	cchar_t cc;
	attr_t a = (attr_t)theme_attr(el);

	setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	mvwadd_wch(w, y, x, &cc);
}

static int
ref_clean(WINDOW *w, int y, int x, const char *s, int cols, enum theme_el el)
{
	size_t len = strlen(s), i = 0;
	int used = 0, maxx = getmaxx(w);

	if (x + cols > maxx)
		cols = maxx - x;
	while (i < len && used < cols) {
		wchar_t wc[CCHARW_MAX + 1];
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp), cw, k = 0;

		if (n < 0) {
			n = 1;
			cp = 0xFFFD;
		}
		i += (size_t)n;
		cw = text_cp_width(cp);
		if (cw == 0)
			continue;
		if (used + cw > cols)
			break;
		if (!draw_utf8() && cp > 0x7E) {
			while (cw-- > 0) {
				wc[0] = L'?';
				wc[1] = 0;
				ref_cell(w, y, x + used++, wc, el);
			}
			continue;
		}
		wc[k++] = (wchar_t)cp;
		while (i < len) {
			uint32_t next;
			int m = text_decode(s + i, len - i, &next);

			if (m < 0 || text_cp_width(next) != 0)
				break;
			if (k < CCHARW_MAX - 1)
				wc[k++] = (wchar_t)next;
			i += (size_t)m;
		}
		wc[k] = 0;
		if (wcwidth(wc[0]) != cw) {
			wc[0] = cw == 2 ? 0xFF1F : L'?';
			wc[1] = 0;
			if (cw == 2 && wcwidth(wc[0]) != 2) {
				wc[0] = L'?';
				ref_cell(w, y, x + used++, wc, el);
				cw = 1;
			}
		}
		ref_cell(w, y, x + used, wc, el);
		used += cw;
	}
	return used;
}

static int
ref_text(WINDOW *w, int y, int x, const char *s, int cols, int ell)
{
	char *clean;
	int used, width;

	if (cols <= 0 || s == NULL)
		return 0;
	clean = text_sanitize(s, strlen(s), TEXT_MAX, 0);
	width = text_width(clean);
	if (!ell || width <= cols || cols < 2) {
		used = ref_clean(w, y, x, clean, cols, TH_NORMAL);
	} else {
		used = ref_clean(w, y, x, clean, cols - 1, TH_NORMAL);
		used += ref_clean(w, y, x + used, draw_utf8() ? "…" : ">", 1,
		    TH_NORMAL);
	}
	free(clean);
	return used;
}

/* Every cell of a and b alike: characters, attributes, colour pair. */
static void
same_cells(WINDOW *a, WINDOW *b, const char *what)
{
	int y, x;

	for (y = 0; y < getmaxy(a); y++)
		for (x = 0; x < getmaxx(a); x++) {
			cchar_t ca, cb;
			wchar_t wa[CCHARW_MAX + 1] = {0}, wb[CCHARW_MAX + 1] = {0};
			attr_t aa, ab;
			short pa, pb;

			mvwin_wch(a, y, x, &ca);
			mvwin_wch(b, y, x, &cb);
			getcchar(&ca, wa, &aa, &pa, NULL);
			getcchar(&cb, wb, &ab, &pb, NULL);
			if (wmemcmp(wa, wb, CCHARW_MAX) != 0 || aa != ab ||
			    pa != pb)
				fail_msg("%s: cell %d,%d differs", what, y, x);
		}
}

static const char *const samples[] = {
	"", "plain ascii text of some length, more than the room",
	"決済APIの応答が遅い。東京リージョンでエラー率が上昇",
	"e\xcc\x81 combining after ascii", "日\xcc\x81本 after a wide one",
	"\xcc\x81 a stray mark first", "tab\there\r\nand a newline",
	"esc \x1b[2J and del \x7f and c1 \xc2\x9b", "bad \xff\xfe bytes \xc3",
	"bidi \xe2\x80\xae override", "emoji \xf0\x9f\x94\xa5 fire",
	"半角ｶﾅと全角　スペース", "ab", "a", "\xe2\x80\x8b zero width space",
	"x\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86 many marks",
};

static void
test_text_same(void **state)
{
	WINDOW *a = newwin(1, 30, 0, 0), *b = newwin(1, 30, 1, 0);
	size_t i;
	int cols, ell, x;

	(void)state;
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
		for (cols = 0; cols <= 32; cols++)
			for (ell = 0; ell < 2; ell++)
				for (x = 0; x < 3; x++) {
					int ua, ub;

					werase(a);
					werase(b);
					ua = ell ? draw_text_ell(a, 0, x, samples[i],
					    cols, TH_NORMAL) : draw_text(a, 0, x,
					    samples[i], cols, TH_NORMAL);
					ub = ref_text(b, 0, x, samples[i], cols,
					    ell);
					assert_int_equal(ua, ub);
					same_cells(a, b, samples[i]);
				}
	delwin(a);
	delwin(b);
}

static void
test_width_same(void **state)
{
	size_t i;
	int max;

	(void)state;
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		char *c = text_sanitize(samples[i], strlen(samples[i]),
		    TEXT_MAX, 0);
		int w = text_width(c);

		assert_int_equal(draw_width(samples[i]), w);
		for (max = 0; max < 40; max++) {
			int m = draw_width_max(samples[i], max);

			if (w <= max)
				assert_int_equal(m, w);
			else
				assert_true(m > max);
		}
		free(c);
	}
}

/* Longer than the sanitizer keeps: cut where the copy was cut. */
static void
test_text_over_max(void **state)
{
	size_t n = TEXT_MAX + 100;
	char *s = xmalloc(n + 1);
	WINDOW *a = newwin(1, 30, 0, 0), *b = newwin(1, 30, 1, 0);
	char *c;

	(void)state;
	memset(s, '\xcc', n); /* combining marks only: no width at all */
	for (size_t i = 1; i < n; i += 2)
		s[i] = '\x81';
	s[0] = 'a';
	s[n] = '\0';
	c = text_sanitize(s, n, TEXT_MAX, 0);
	assert_int_equal(draw_width(s), text_width(c));
	werase(a);
	werase(b);
	assert_int_equal(draw_text_ell(a, 0, 0, s, 10, TH_NORMAL),
	    ref_text(b, 0, 0, s, 10, 1));
	same_cells(a, b, "over TEXT_MAX");
	free(c);
	free(s);
	delwin(a);
	delwin(b);
}

/* --- rows kept across frames ---------------------------------------------- */

#define ROWS 10
#define LINES_MAX 8

/* One frame of lines (NULL ends them) drawn into w: with r, only the rows
 * draw_rows says; without, erased and drawn whole. Returns the rows
 * drawn. */
static int
frame(WINDOW *w, struct draw_rows *r, const char *const *lines, int sel)
{
	uint64_t want[ROWS];
	int y, n = 0;

	for (y = 0; y < ROWS; y++)
		want[y] = DRAW_ROW_BLANK;
	for (y = 0; y < LINES_MAX && lines[y] != NULL; y++)
		want[1 + y] = draw_hash_row(draw_hash_int(draw_hash_str(
		    DRAW_HASH_START, lines[y]), y == sel));
	if (r != NULL)
		draw_rows_begin(r, w, 42, want, 1, ROWS - 2);
	else
		werase(w);
	draw_box(w, "T", "right", 0);
	for (y = 0; y < LINES_MAX && lines[y] != NULL; y++) {
		if (r != NULL && !draw_rows_need(r, 1 + y))
			continue;
		if (y == sel)
			draw_fill(w, 1 + y, 1, getmaxx(w) - 2, TH_SELECTED);
		draw_text_ell(w, 1 + y, 1, lines[y], getmaxx(w) - 2,
		    y == sel ? TH_SELECTED : TH_NORMAL);
		n++;
	}
	if (r != NULL)
		draw_rows_end(r, w);
	return n;
}

static void
test_rows_same(void **state)
{
	static const char *const f[][LINES_MAX + 1] = {
		{"one", "two 二", "three", "four", NULL},
		{"one", "two 二", "three", "four", "five", NULL},
		{"two 二", "three", "four", "five", "six", "seven", "eight",
		    "nine", NULL},
		{"three", "four", "five", "six", "seven", "eight", "nine",
		    "ten 十", NULL},
		{"three", "four", "FIVE edited", "six", "seven", "eight",
		    "nine", "ten 十", NULL},
		{"three", "four", "FIVE edited", "seven", "eight", "nine",
		    "ten 十", NULL},
		{"one", "two 二", "three", "four", "FIVE edited", "seven",
		    "eight", "nine", NULL},
		{"x", NULL},
		{NULL},
		{"four", "FIVE edited", "seven", "eight", "nine", "ten 十",
		    "eleven", "twelve", NULL},
	};
	static const int sel[] = {3, 4, 7, 7, 7, 2, 2, 0, -1, 7};
	WINDOW *a = newwin(ROWS, 24, 0, 0), *b = newwin(ROWS, 24, 0, 30);
	struct draw_rows r = {0};
	size_t i;
	int drawn;

	(void)state;
	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		wnoutrefresh(a);
		drawn = frame(a, &r, f[i], sel[i]);
		frame(b, NULL, f[i], sel[i]);
		same_cells(a, b, "rows");
		if (i == 3) { /* one line in, all moved up: the new one and
			       * the one the selection left */
			assert_int_equal(drawn, 2);
		} else if (i == 4) { /* an edit: that row alone */
			assert_int_equal(drawn, 1);
			assert_false(is_linetouched(a, 1));
			assert_true(is_linetouched(a, 3));
		}
	}
	/* The same frame again draws no row and leaves them untouched. */
	wnoutrefresh(a);
	assert_int_equal(frame(a, &r, f[9], sel[9]), 0);
	assert_false(is_linetouched(a, 4));
	/* The border rows (a title, a count on the bottom one) always are. */
	assert_true(is_linetouched(a, 0));
	assert_true(is_linetouched(a, ROWS - 1));
	draw_rows_free(&r);
	delwin(a);
	delwin(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_same),
		cmocka_unit_test(test_width_same),
		cmocka_unit_test(test_text_over_max),
		cmocka_unit_test(test_rows_same),
	};
	int rc;

	if (fx_screen_up(24, 80) != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	fx_screen_down();
	return rc;
}
