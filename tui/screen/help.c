/* help.c: the help overlay, printed from the key table itself. */
#include <stdio.h>
#include <string.h>

#include "widget/draw.h"
#include "pane/pane.h"

void
help_draw(struct tui *t)
{
	int rows = LINES - 1, cols = COLS, h, w, i, y = 1;
	int n = 0, skip;
	WINDOW *win;

	for (i = 0; i < key_table_len; i++)
		n += key_table[i].help != NULL;
	h = n + 5;
	if (h > rows)
		h = rows;
	w = cols < 76 ? cols : 76;
	if (t->help_win != NULL)
		delwin(t->help_win);
	t->help_win = win = newwin(h, w, (rows - h) / 2, (cols - w) / 2);
	if (win == NULL)
		return;
	werase(win);
	for (i = 0; i < h; i++)
		draw_fill(win, i, 0, w, TH_HELP);
	/* Keep the last page full when the list is longer than the window. */
	if (t->help_scroll > n - (h - 3))
		t->help_scroll = n - (h - 3) > 0 ? n - (h - 3) : 0;
	skip = t->help_scroll;
	t->help_more = 0;
	draw_box(win, "Keys", n > h - 3 ? "j/k Space scroll, other keys close"
	    : "any key closes", 1);
	for (i = 0; i < key_table_len && y < h - 2; i++) {
		const struct key_binding *k = &key_table[i];
		char keys[32];
		int j, x;

		if (k->help == NULL)
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		/* The key and its aliases (the lines without help). */
		snprintf(keys, sizeof keys, "%s", k->name);
		for (j = i + 1; j < key_table_len && key_table[j].help == NULL;
		    j++)
			if (strcmp(key_table[j].name, k->name) != 0 &&
			    strlen(keys) + strlen(key_table[j].name) + 2 <
			    sizeof keys) {
				size_t used = strlen(keys);

				snprintf(keys + used, sizeof keys - used, " %s",
				    key_table[j].name);
			}
		draw_text(win, y, 2, keys, 14, TH_HELP_KEY);
		x = 17;
		x += draw_text_ell(win, y, x, k->help, w - x - 2, TH_HELP);
		if (k->need != NEED_NONE && x + 4 < w - 2)
			draw_fmt(win, y, x + 1, w - x - 3, TH_MUTED, "(%s)",
			    keys_need_name(k->need));
		y++;
	}
	for (; i < key_table_len; i++)
		if (key_table[i].help != NULL)
			t->help_more = 1;
	if (t->help_more || t->help_scroll > 0)
		draw_fmt(win, h - 1, 2, w - 4, TH_MUTED, " %d-%d of %d ",
		    t->help_scroll + 1, t->help_scroll + (h - 3 < n ? h - 3 : n),
		    n);
	if (y < h - 1)
		draw_fmt(win, h - 2, 2, w - 4, TH_MUTED, "%s. Mouse: click "
		    "to focus. Markers: %s phase %s decision %s release",
		    t->readonly ? "Read-only: nothing can be changed here"
		    : t->role == TUI_SCRIBE ? "Scribe: timeline edits"
		    : "Commander: every edit", draw_utf8() ? "◆" : "P",
		    draw_utf8() ? "★" : "D", draw_utf8() ? "▲" : "R");
	wnoutrefresh(win);
}
