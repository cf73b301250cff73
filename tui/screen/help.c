/* help.c: the help overlay, printed from the key table of the mode it was
 * opened in (the panes, or the overlay on top). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "widget/draw.h"
#include "pane/pane.h"

struct help {
	const struct keymap *keys;
	int normal; /* the panes' keys: the footer tells the role */
	int scroll; /* first key line shown */
	int more;   /* more lines below */
};

/* Whether name is one of the words of keys already. */
static int
help_has_name(const char *keys, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	if (len == 0)
		return 0;
	for (p = keys; (p = strstr(p, name)) != NULL; p += len)
		if ((p == keys || p[-1] == ' ') && (p[len] == ' ' ||
		    p[len] == '\0'))
			return 1;
	return 0;
}

/* The key of m->keys[i] and its aliases (the lines after it without
 * help), as "j Down". */
static void
help_key_names(const struct keymap *m, int i, char *keys, size_t n)
{
	int j;

	snprintf(keys, n, "%s", m->keys[i].name);
	for (j = i + 1; j < m->n && m->keys[j].help == NULL; j++)
		if (!help_has_name(keys, m->keys[j].name) &&
		    strlen(keys) + strlen(m->keys[j].name) + 2 < n) {
			size_t used = strlen(keys);

			snprintf(keys + used, n - used, " %s", m->keys[j].name);
		}
}

/* The key lines from hp->scroll on, in rows 1..h-3; sets hp->more.
 * Returns the row after the last. */
static int
help_draw_keys(struct help *hp, WINDOW *win, int h, int w)
{
	const struct keymap *m = hp->keys;
	int i, y = 1, skip = hp->scroll;

	hp->more = 0;
	for (i = 0; i < m->n && y < h - 2; i++) {
		const struct key_binding *k = &m->keys[i];
		char keys[32];
		int x;

		if (k->help == NULL)
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		help_key_names(m, i, keys, sizeof keys);
		draw_text(win, y, 2, keys, 14, TH_HELP_KEY);
		x = 17;
		x += draw_text_ell(win, y, x, k->help, w - x - 2, TH_HELP);
		if (k->need != NEED_NONE && x + 4 < w - 2)
			draw_fmt(win, y, x + 1, w - x - 3, TH_MUTED, "(%s)",
			    keys_need_name(k->need));
		y++;
	}
	for (; i < m->n; i++)
		if (m->keys[i].help != NULL)
			hp->more = 1;
	return y;
}

static void
help_draw(struct tui *t, void *data)
{
	struct help *hp = data;
	const struct keymap *m = hp->keys;
	int rows = LINES - 1, cols = COLS, h, w, i, n = 0, y;
	WINDOW *win;

	for (i = 0; i < m->n; i++)
		n += m->keys[i].help != NULL;
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
	draw_box(win, m->title, n > h - 3 ? "j/k Space scroll, other keys close"
	    : "any key closes", 1);
	y = help_draw_keys(hp, win, h, w);
	if (hp->more || hp->scroll > 0)
		draw_fmt(win, h - 1, 2, w - 4, TH_MUTED, " %d-%d of %d ",
		    hp->scroll + 1, hp->scroll + (h - 3 < n ? h - 3 : n), n);
	if (hp->normal && y < h - 1)
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
	help_close, NULL};

void
help_open(struct tui *t, const struct keymap *keys)
{
	struct help *hp = xcalloc(1, sizeof *hp);

	hp->keys = keys != NULL ? keys : &keys_normal;
	hp->normal = hp->keys == &keys_normal;
	overlay_open(t, OVERLAY_HELP, &help_ops, hp);
}
