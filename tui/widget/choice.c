/* choice.c: a small list over the panes to pick one item: j/k or the
 * arrows and Enter, or the item's number; Esc cancels. */
#include "widget/choice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "widget/draw.h"
#include "widget/keymap.h"
#include "widget/overlay.h"
#include "widget/prompt.h"

struct choice {
	char title[128];
	char *items[CHOICE_MAX];
	int n, sel, mark;
	choice_fn done;
	void *arg;
};

static void
choice_close(struct tui *t, void *data)
{
	struct choice *c = data;
	int i;

	(void)t;
	for (i = 0; i < c->n; i++)
		free(c->items[i]);
	free(c);
}

static void
choice_draw(struct tui *t, void *data)
{
	struct choice *c = data;
	int i, w = draw_width(c->title) + 20, h = c->n + 4;
	WINDOW *win;

	for (i = 0; i < c->n; i++)
		if (draw_width(c->items[i]) + 10 > w)
			w = draw_width(c->items[i]) + 10;
	if (w < 40)
		w = 40; /* room for the hint line */
	if (w > COLS - 4)
		w = COLS - 4;
	if ((win = overlay_box(t, &h, &w, TH_HELP)) == NULL)
		return;
	draw_box(win, c->title, "Esc cancels", 1);
	for (i = 0; i < c->n && i + 1 < h - 2; i++) {
		enum theme_el el = i == c->sel ? TH_SELECTED : TH_HELP;

		draw_fill(win, i + 1, 1, w - 2, el);
		if (i < 9)
			draw_fmt(win, i + 1, 2, 3, i == c->sel ? el
			    : TH_HELP_KEY, "%d", i + 1);
		draw_text(win, i + 1, 4, i == c->mark ? "*" : " ", 1, el);
		draw_text_ell(win, i + 1, 6, c->items[i], w - 8, el);
		draw_text_ell(win, i + 1, 6, c->items[i], w - 8, el);
	}
	draw_text_ell(win, h - 2, 2, "Enter picks; * is the current one",
	    w - 4, TH_MUTED);
	wnoutrefresh(win);
}

static int
choice_pick(struct tui *t, struct choice *c, int idx)
{
	choice_fn done = c->done;
	void *arg = c->arg;

	overlay_close(t, OVERLAY_DIALOG); /* frees c */
	return done(t, idx, arg) | KEY_HANDLED;
}

static const struct key_binding choice_key_table[] = {
	{'k', "k", ACT_UP, -1, NEED_NONE, "up", 0, NULL},
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL, 0, NULL},
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "down", 0, NULL},
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_HOME, "Home", ACT_TOP, -1, NEED_NONE, "the first", 0, NULL},
	{KEY_END, "End", ACT_BOTTOM, -1, NEED_NONE, "the last", 0, NULL},
	{'\r', "Enter", ACT_PICK, -1, NEED_NONE,
	    "pick the selected one", 0, NULL},
	{'\n', "Enter", ACT_PICK, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_ENTER, "Enter", ACT_PICK, -1, NEED_NONE, NULL, 0, NULL},
	{'1', "1-9", ACT_NUMBER, -1, NEED_NONE, "pick by its number", 0, NULL},
	{'2', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'3', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'4', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'5', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'6', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'7', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'8', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'9', "1-9", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{27, "Esc", ACT_CLOSE, -1, NEED_NONE, "cancel", 0, NULL},
	{'q', "q", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL},
};
static const struct keymap choice_keys = KEYMAP("Keys: choose one",
    choice_key_table);

static int
choice_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct choice *c = data;
	const struct key_binding *k = keymap_find(&choice_keys, (int)ch,
	    is_code, -1);

	switch (k != NULL ? k->act : ACT_NONE) {
	case ACT_CLOSE:
		overlay_close(t, OVERLAY_DIALOG);
		overlay_message(t, 0, "cancelled");
		break;
	case ACT_PICK:
		return choice_pick(t, c, c->sel);
	case ACT_NUMBER:
		if ((int)(ch - '1') < c->n)
			return choice_pick(t, c, (int)(ch - '1'));
		break;
	case ACT_UP:
		if (c->sel > 0)
			c->sel--;
		break;
	case ACT_DOWN:
		if (c->sel < c->n - 1)
			c->sel++;
		break;
	case ACT_TOP:
		c->sel = 0;
		break;
	case ACT_BOTTOM:
		c->sel = c->n - 1;
		break;
	default:
		break;
	}
	return KEY_HANDLED;
}

static const struct overlay_ops choice_ops = {choice_draw, choice_key, NULL,
	choice_close, &choice_keys};

int
choice_open(struct tui *t, const char *title, const char *const *items,
    int n, int sel, int mark, choice_fn done, void *arg)
{
	struct choice *c;
	int i;

	if (n > CHOICE_MAX)
		n = CHOICE_MAX;
	if (n <= 0)
		return KEY_HANDLED;
	c = xcalloc(1, sizeof *c);
	snprintf(c->title, sizeof c->title, "%s", title);
	for (i = 0; i < n; i++)
		c->items[i] = xstrdup(items[i]);
	c->n = n;
	c->sel = sel >= 0 && sel < n ? sel : 0;
	c->mark = mark;
	c->done = done;
	c->arg = arg;
	overlay_open(t, OVERLAY_DIALOG, &choice_ops, c);
	return KEY_HANDLED;
}

void
choice_prefill(struct prompt *p, const char *text)
{
	size_t len, i = 0;

	if (text == NULL)
		return;
	len = strlen(text);
	while (i < len && p->ed.len < PROMPT_MAX) {
		uint32_t cp;
		int n = text_decode(text + i, len - i, &cp);

		if (n < 0)
			break; /* stored text is clean; stop if it is not */
		i += (size_t)n;
		if (cp < 0x20 || text_cp_width(cp) <= 0)
			continue;
		(void)editor_insert(&p->ed, cp);
	}
	p->ed.cur = p->ed.len;
}
