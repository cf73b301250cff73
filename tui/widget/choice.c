/* choice.c: a small list over the panes to pick one item: j/k or the
 * arrows and Enter, or the item's number; Esc cancels. */
#include "widget/choice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "widget/draw.h"
#include "pane/pane.h"

static struct {
	char title[128];
	char *items[CHOICE_MAX];
	int n, sel, mark;
	choice_fn done;
	void *arg;
} choice;

void
choice_free(void)
{
	int i;

	for (i = 0; i < choice.n; i++)
		free(choice.items[i]);
	choice.n = 0;
}

static void
choice_draw(struct tui *t)
{
	int i, w = draw_width(choice.title) + 20, h = choice.n + 4;
	WINDOW *win;

	for (i = 0; i < choice.n; i++)
		if (draw_width(choice.items[i]) + 10 > w)
			w = draw_width(choice.items[i]) + 10;
	if (w < 40)
		w = 40; /* room for the hint line */
	if (w > COLS - 4)
		w = COLS - 4;
	if ((win = tui_overlay_win(t, h, w)) == NULL)
		return;
	getmaxyx(win, h, w);
	werase(win);
	for (i = 0; i < h; i++)
		draw_fill(win, i, 0, w, TH_HELP);
	draw_box(win, choice.title, "Esc cancels", 1);
	for (i = 0; i < choice.n && i + 1 < h - 2; i++) {
		enum theme_el el = i == choice.sel ? TH_SELECTED : TH_HELP;

		draw_fill(win, i + 1, 1, w - 2, el);
		if (i < 9)
			draw_fmt(win, i + 1, 2, 3, i == choice.sel ? el
			    : TH_HELP_KEY, "%d", i + 1);
		draw_text(win, i + 1, 4, i == choice.mark ? "*" : " ", 1, el);
		draw_text_ell(win, i + 1, 6, choice.items[i], w - 8, el);
	}
	draw_text_ell(win, h - 2, 2, "Enter picks; * is the current one",
	    w - 4, TH_MUTED);
	wnoutrefresh(win);
}

static int
choice_pick(struct tui *t, int idx)
{
	choice_fn done = choice.done;
	void *arg = choice.arg;

	tui_overlay_close(t);
	choice_free();
	return done(t, idx, arg) | KEY_HANDLED;
}

static int
choice_key(struct tui *t, int is_code, wint_t ch)
{
	if (!is_code && (ch == 27 || ch == 'q')) {
		tui_overlay_close(t);
		choice_free();
		tui_message(t, 0, "cancelled");
		return KEY_HANDLED;
	}
	if ((!is_code && (ch == '\r' || ch == '\n')) ||
	    (is_code && ch == KEY_ENTER))
		return choice_pick(t, choice.sel);
	if (!is_code && ch >= '1' && ch <= '9' && (int)(ch - '1') < choice.n)
		return choice_pick(t, (int)(ch - '1'));
	if ((is_code && ch == KEY_UP) || (!is_code && ch == 'k')) {
		if (choice.sel > 0)
			choice.sel--;
	} else if ((is_code && ch == KEY_DOWN) || (!is_code && ch == 'j')) {
		if (choice.sel < choice.n - 1)
			choice.sel++;
	} else if (is_code && ch == KEY_HOME)
		choice.sel = 0;
	else if (is_code && ch == KEY_END)
		choice.sel = choice.n - 1;
	return KEY_HANDLED;
}

static const struct overlay choice_overlay = {choice_key, choice_draw, NULL};

int
choice_open(struct tui *t, const char *title, const char *const *items,
    int n, int sel, int mark, choice_fn done, void *arg)
{
	int i;

	choice_free();
	if (n > CHOICE_MAX)
		n = CHOICE_MAX;
	if (n <= 0)
		return KEY_HANDLED;
	snprintf(choice.title, sizeof choice.title, "%s", title);
	for (i = 0; i < n; i++)
		choice.items[i] = xstrdup(items[i]);
	choice.n = n;
	choice.sel = sel >= 0 && sel < n ? sel : 0;
	choice.mark = mark;
	choice.done = done;
	choice.arg = arg;
	tui_overlay_open(t, &choice_overlay);
	return KEY_HANDLED;
}

void
choice_prefill(struct prompt *p, const char *text)
{
	size_t len, i = 0;

	if (text == NULL)
		return;
	len = strlen(text);
	while (i < len && p->len < PROMPT_MAX) {
		uint32_t cp;
		int n = text_decode(text + i, len - i, &cp);

		if (n < 0)
			break; /* stored text is clean; stop if it is not */
		i += (size_t)n;
		if (cp < 0x20 || text_cp_width(cp) <= 0)
			continue;
		p->buf[p->len++] = (wchar_t)cp;
	}
	p->cur = p->len;
}
