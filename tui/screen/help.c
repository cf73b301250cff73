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

/* Where the descriptions start, and the border and margin after them. */
#define HELP_DESC_X 17
#define HELP_RIGHT 2

/* Lays out the line of key i: its keys, the description wrapped at dw
 * columns onto rows under it, and who may use it "(commander)" after it
 * or on a row of its own. Counts the rows in *line; draws those from
 * hp->scroll on into rows 1..h-3 of win (NULL: counts only). */
static void
help_entry(struct help *hp, WINDOW *win, int i, int dw, int h, int *line)
{
	const struct key_binding *k = &hp->keys->keys[i];
	const char *d = k->help;
	char keys[32], need[48], row[256];
	int y, first = 1, x = 0;

	need[0] = '\0';
	if (k->need != NEED_NONE)
		snprintf(need, sizeof need, "(%s)", keys_need_name(k->need));
	do {
		size_t next, len = draw_wrap(d, dw, &next);

		y = 1 + *line - hp->scroll;
		snprintf(row, sizeof row, "%.*s", (int)len, d);
		if (win != NULL && y >= 1 && y < h - 2) {
			if (first) {
				help_key_names(hp->keys, i, keys, sizeof keys);
				draw_text(win, y, 2, keys, HELP_DESC_X - 3,
				    TH_HELP_KEY);
			}
			draw_text(win, y, HELP_DESC_X, row, dw, TH_HELP);
		}
		x = draw_width(row);
		first = 0;
		d += next;
		(*line)++;
	} while (*d != '\0');
	if (need[0] == '\0')
		return;
	if (x + 1 + draw_width(need) > dw) { /* a row of its own */
		x = -1;
		(*line)++;
	}
	y = *line - hp->scroll; /* the row last counted */
	if (win != NULL && y >= 1 && y < h - 2)
		draw_text(win, y, HELP_DESC_X + x + 1, need, dw - x - 1,
		    TH_MUTED);
}

/* The rows the key lines take at description width dw. */
static int
help_count(struct help *hp, int dw)
{
	int i, line = 0;

	for (i = 0; i < hp->keys->n; i++)
		if (hp->keys->keys[i].help != NULL)
			help_entry(hp, NULL, i, dw, 0, &line);
	return line;
}

/* The width the help wants: every description on one row. */
static int
help_want(const struct keymap *m)
{
	int i, want = 0;

	for (i = 0; i < m->n; i++) {
		const struct key_binding *k = &m->keys[i];
		int kw;

		if (k->help == NULL)
			continue;
		kw = draw_width(k->help);
		if (k->need != NEED_NONE)
			kw += 3 + draw_width(keys_need_name(k->need));
		want = kw > want ? kw : want;
	}
	return HELP_DESC_X + want + HELP_RIGHT;
}

/* Who may do what, and the markers; the mouse hint only when it fits. */
static void
help_footer(struct tui *t, WINDOW *win, int y, int cols)
{
	char line[160];
	int mouse;

	for (mouse = 1; mouse >= 0; mouse--) {
		snprintf(line, sizeof line, "%s.%s Markers: %s phase %s "
		    "decision %s release", t->readonly ? "Read-only: nothing "
		    "can be changed here" : t->role == TUI_SCRIBE ? "Scribe: "
		    "timeline edits" : "Commander: every edit", mouse ? " Mouse: "
		    "click to focus." : "", draw_utf8() ? "◆" : "P",
		    draw_utf8() ? "★" : "D", draw_utf8() ? "▲" : "R");
		if (draw_width(line) <= cols)
			break;
	}
	draw_text_ell(win, y, 2, line, cols, TH_MUTED);
}

static void
help_draw(struct tui *t, void *data)
{
	struct help *hp = data;
	int rows = LINES - 1, cols = COLS, h, w, n, dw, line = 0, i;
	WINDOW *win;

	/* As wide as the longest line wants, up to the screen's width (and
	 * not narrower than the help always was): descriptions wrap only
	 * when the screen is narrower than they are. */
	w = help_want(hp->keys);
	w = w < 76 ? 76 : w;
	w = w > cols ? cols : w;
	dw = w - HELP_DESC_X - HELP_RIGHT;
	n = help_count(hp, dw);
	h = n + 5 < rows ? n + 5 : rows;
	win = overlay_box(t, &h, &w, TH_HELP);
	if (win == NULL)
		return;
	dw = w - HELP_DESC_X - HELP_RIGHT;
	n = help_count(hp, dw);
	/* Keep the last page full when the list is longer than the window. */
	if (hp->scroll > n - (h - 3))
		hp->scroll = n - (h - 3) > 0 ? n - (h - 3) : 0;
	hp->more = hp->scroll + (h - 3) < n;
	draw_box(win, hp->keys->title, n > h - 3 ? "j/k Space scroll, other "
	    "keys close" : "any key closes", 1);
	for (i = 0; i < hp->keys->n; i++)
		if (hp->keys->keys[i].help != NULL)
			help_entry(hp, win, i, dw, h, &line);
	if (hp->more || hp->scroll > 0)
		draw_fmt(win, h - 1, 2, w - 4, TH_MUTED, " %d-%d of %d ",
		    hp->scroll + 1, hp->scroll + (h - 3 < n ? h - 3 : n), n);
	if (hp->normal)
		help_footer(t, win, h - 2, w - 4);
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
