/* layout.c: where the four panes go for a given terminal size. Wide
 * screens get Phase, Board and Metrics side by side over a full-width
 * Timeline; smaller ones a 2x2 grid. The key bar and the status bar
 * take the last two rows. */
#include "pane/pane.h"

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int
layout_compute(int rows, int cols, struct rect out[PANE_COUNT])
{
	int body = rows - 2; /* the key bar and the status bar */
	/* The top panes are as tall as before the key bar took its row:
	 * the row comes from the bottom ones. */
	int old = rows - 1;

	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS)
		return -1;
	if (cols >= 150 && rows >= 30) {
		int top = clamp(old / 3, 12, 20);
		int w1 = cols * 30 / 100, w2 = cols * 34 / 100;

		out[PANE_PHASE] = (struct rect){0, 0, top, w1};
		out[PANE_BOARD] = (struct rect){0, w1, top, w2};
		out[PANE_METRICS] = (struct rect){0, w1 + w2, top,
		    cols - w1 - w2};
		out[PANE_TIMELINE] = (struct rect){top, 0, body - top, cols};
	} else {
		int top = clamp(old * 2 / 5, 8, 16);
		int wl = clamp(cols / 2, 30, 64);
		int wm = clamp(cols * 40 / 100, 26, 60);

		out[PANE_PHASE] = (struct rect){0, 0, top, wl};
		out[PANE_BOARD] = (struct rect){0, wl, top, cols - wl};
		out[PANE_METRICS] = (struct rect){top, 0, body - top, wm};
		out[PANE_TIMELINE] = (struct rect){top, wm, body - top,
		    cols - wm};
	}
	return 0;
}
