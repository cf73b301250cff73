/* prompt.c: a one-line input (or a y/n question) drawn in the status line.
 * The text is a one-line editor (widget/editor), so editing never splits a
 * character; the prompt keeps its own few keys and sideways scrolling. */
#include "widget/prompt.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "widget/draw.h"
#include "widget/overlay.h"

void
prompt_open(struct prompt *p, const char *label, int confirm, prompt_fn done,
    void *arg)
{
	editor_free(&p->ed);
	*p = (struct prompt){0};
	editor_init(&p->ed, 0, 0);
	p->active = 1;
	p->confirm = confirm;
	snprintf(p->label, sizeof p->label, "%s", label);
	p->done = done;
	p->arg = arg;
	curs_set(confirm ? 0 : 1);
}

void
prompt_free(struct prompt *p)
{
	editor_free(&p->ed);
}

static void
prompt_close(struct prompt *p)
{
	p->active = 0;
	editor_free(&p->ed);
	curs_set(0);
}

static int
prompt_finish(struct prompt *p, struct tui *t, const char *answer)
{
	prompt_fn done = p->done;
	void *arg = p->arg;

	prompt_close(p);
	return done(t, answer, arg) | KEY_HANDLED;
}

int
prompt_input(struct prompt *p, struct tui *t, int is_code, wint_t ch)
{
	if (p->confirm) {
		if (!is_code && (ch == L'y' || ch == L'Y'))
			return prompt_finish(p, t, "y");
		prompt_close(p);
		overlay_message(t, 0, "cancelled");
		return KEY_HANDLED;
	}
	if (!is_code && ch == 27) { /* Esc */
		if (p->ed.len > 0 && !p->discard_armed) {
			p->discard_armed = 1;
			overlay_message(t, 0, "unsaved text: Esc again "
			    "discards it, Enter saves");
			return KEY_HANDLED;
		}
		prompt_close(p);
		overlay_message(t, 0, "cancelled");
		return KEY_HANDLED;
	}
	p->discard_armed = 0;
	if ((!is_code && (ch == L'\n' || ch == L'\r')) ||
	    (is_code && ch == KEY_ENTER)) {
		char *s = editor_text(&p->ed);
		int r = prompt_finish(p, t, s);

		free(s);
		return r;
	}
	if (!is_code && ch == 21) /* ^U: the whole line */
		editor_set(&p->ed, NULL);
	else
		(void)editor_basic_key(&p->ed, is_code, ch, PROMPT_MAX);
	return KEY_HANDLED;
}

void
prompt_draw(const struct prompt *p, WINDOW *w)
{
	const struct editor *ed = &p->ed;
	int cols = getmaxx(w), used, room, i, start, width;
	int *colw;
	char *s;

	werase(w);
	draw_fill(w, 0, 0, cols, TH_PROMPT);
	/* A question has no input: it may use the line (a list of names). */
	used = draw_text_ell(w, 0, 0, p->label, p->confirm ? cols - 8
	    : cols / 2, TH_PROMPT);
	used += draw_text(w, 0, used, p->confirm ? " [y/N] " : ": ", 8,
	    TH_PROMPT);
	room = cols - used - 1;
	if (p->confirm || room <= 0)
		return;
	/* Scroll horizontally so the cursor stays in view. */
	colw = xcalloc((size_t)ed->len + 1, sizeof *colw);
	for (i = 0; i < ed->len; i++)
		colw[i] = text_cp_width(ed->buf[i]);
	start = 0;
	for (;;) {
		width = 0;
		for (i = start; i < ed->cur; i++)
			width += colw[i];
		if (width < room || start >= ed->cur)
			break;
		start++;
	}
	s = editor_slice(ed, start, ed->len);
	draw_text(w, 0, used, s, room, TH_NORMAL);
	free(s);
	free(colw);
	wmove(w, 0, used + width);
}
