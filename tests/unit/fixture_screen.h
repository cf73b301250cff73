/* fixture_screen.h: the curses set-up render tests share: a terminal of a
 * fixed size on /dev/null (no tty, no timing), and the text of a row read
 * back cell by cell. Header only, like fixture.h. */
#ifndef WARROOM_TEST_FIXTURE_SCREEN_H
#define WARROOM_TEST_FIXTURE_SCREEN_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include "base/util.h"
#include "widget/draw.h"

static SCREEN *fx_scr;
static FILE *fx_scr_out, *fx_scr_in;

/* A UTF-8 terminal of ROWS x COLS with draw_init done; 0 or -1. */
static inline int
fx_screen_up(int rows, int cols)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	fx_scr_out = fopen("/dev/null", "w");
	fx_scr_in = fopen("/dev/null", "r");
	if (fx_scr_out == NULL || fx_scr_in == NULL)
		return -1;
	fx_scr = newterm("xterm-256color", fx_scr_out, fx_scr_in);
	if (fx_scr == NULL)
		return -1;
	resize_term(rows, cols);
	draw_init();
	return 0;
}

static inline void
fx_screen_down(void)
{
	endwin();
	delscreen(fx_scr);
	fclose(fx_scr_out);
	fclose(fx_scr_in);
}

/* Row Y of W from column X for N columns, as UTF-8: a wide character once
 * (its second column is skipped). Caller frees. */
static inline char *
fx_row(WINDOW *w, int y, int x, int n)
{
	struct buf b = {0};
	int end = x + n;

	for (; x < end; x++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		char out[8];
		int k;

		mvwin_wch(w, y, x, &cc);
		getcchar(&cc, wc, &a, &pair, NULL);
		for (k = 0; wc[k] != 0; k++) {
			int len = wctomb(out, wc[k]);

			if (len > 0)
				buf_add(&b, out, (size_t)len);
		}
		if (wc[0] != 0 && wcwidth(wc[0]) == 2)
			x++;
	}
	if (b.p == NULL)
		buf_adds(&b, "");
	return buf_take(&b);
}

#endif
