/* help.c: the help overlay, printed from the key table itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#include "widget/draw.h"
#include "pane/pane.h"

struct help {
	int scroll; /* first key line shown */
	int more;   /* more lines below */
};

static void
help_draw(struct tui *t, void *data)
{
	struct help *hp = data;
	int rows = LINES - 1, cols = COLS, h, w, i, y = 1;
	int n = 0, skip;
	WINDOW *win;

	for (i = 0; i < key_table_len; i++)
		n += key_table[i].help != NULL;
	h = n + 5;
	if (h > rows)
		h = rows;
	w = cols < 76 ? cols : 76;
	win = overlay_box(t, &h, &w, TH_HELP);
	if (win == NULL)
		return;
	/* Keep the last page full when the list is longer than the window. */
	if (hp->scroll > n - (h - 3))
		hp->scroll = n - (h - 3) > 0 ? n - (h - 3) : 0;
	skip = hp->scroll;
	hp->more = 0;
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
			hp->more = 1;
	if (hp->more || hp->scroll > 0)
		draw_fmt(win, h - 1, 2, w - 4, TH_MUTED, " %d-%d of %d ",
		    hp->scroll + 1, hp->scroll + (h - 3 < n ? h - 3 : n),
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

static int
help_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct help *hp = data;
	int d;

	/* The key list can be longer than the screen: scroll it. */
	if (is_code)
		d = ch == KEY_DOWN ? 1 : ch == KEY_UP ? -1 : ch == KEY_NPAGE
		    ? 10 : ch == KEY_PPAGE ? -10 : 0;
	else
		d = ch == 'j' ? 1 : ch == 'k' ? -1 : ch == ' ' ? 10 : 0;
	if (d == 0) {
		overlay_close(t, OVERLAY_HELP);
		return KEY_HANDLED;
	}
	if (d < 0 || hp->more) {
		hp->scroll += d;
		if (hp->scroll < 0)
			hp->scroll = 0;
		overlay_mark(t, OVERLAY_HELP);
	}
	return KEY_HANDLED;
}

static void
help_close(struct tui *t, void *data)
{
	(void)t;
	free(data);
}

static const struct overlay_ops help_ops = {help_draw, help_key, NULL,
	help_close};

void
help_open(struct tui *t)
{
	overlay_open(t, OVERLAY_HELP, &help_ops, xcalloc(1, sizeof(struct help)));
}
