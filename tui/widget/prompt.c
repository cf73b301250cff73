/* prompt.c: a one-line input (or a y/n question) drawn in the status line.
 * Text is kept as wide characters so editing never splits one. */
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
	*p = (struct prompt){0};
	p->active = 1;
	p->confirm = confirm;
	snprintf(p->label, sizeof p->label, "%s", label);
	p->done = done;
	p->arg = arg;
	curs_set(confirm ? 0 : 1);
}

static void
prompt_close(struct prompt *p)
{
	p->active = 0;
	curs_set(0);
}

/* The text typed so far as UTF-8 (caller frees). */
static char *
prompt_text(const struct prompt *p)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < p->len; i++) {
		char out[4];
		int n = text_encode((uint32_t)p->buf[i], out);

		buf_add(&b, out, (size_t)n);
	}
	if (b.p == NULL)
		buf_adds(&b, "");
	return buf_take(&b);
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
		if (p->len > 0 && !p->discard_armed) {
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
		char *s = prompt_text(p);
		int r = prompt_finish(p, t, s);

		free(s);
		return r;
	}
	if ((is_code && ch == KEY_BACKSPACE) || (!is_code && (ch == 127 ||
	    ch == 8))) {
		if (p->cur > 0) {
			memmove(&p->buf[p->cur - 1], &p->buf[p->cur],
			    (size_t)(p->len - p->cur) * sizeof p->buf[0]);
			p->cur--;
			p->len--;
		}
	} else if (is_code && ch == KEY_DC) {
		if (p->cur < p->len) {
			memmove(&p->buf[p->cur], &p->buf[p->cur + 1],
			    (size_t)(p->len - p->cur - 1) * sizeof p->buf[0]);
			p->len--;
		}
	} else if (is_code && ch == KEY_LEFT) {
		if (p->cur > 0)
			p->cur--;
	} else if (is_code && ch == KEY_RIGHT) {
		if (p->cur < p->len)
			p->cur++;
	} else if ((is_code && ch == KEY_HOME) || (!is_code && ch == 1))
		p->cur = 0;
	else if ((is_code && ch == KEY_END) || (!is_code && ch == 5))
		p->cur = p->len;
	else if (!is_code && ch == 21) { /* ^U */
		p->len = p->cur = 0;
	} else if (!is_code && ch >= 0x20 && ch != 0x7F &&
	    !(ch >= 0x80 && ch < 0xA0) && p->len < PROMPT_MAX &&
	    text_cp_width((uint32_t)ch) > 0) {
		memmove(&p->buf[p->cur + 1], &p->buf[p->cur],
		    (size_t)(p->len - p->cur) * sizeof p->buf[0]);
		p->buf[p->cur++] = (wchar_t)ch;
		p->len++;
	}
	return KEY_HANDLED;
}

void
prompt_draw(const struct prompt *p, WINDOW *w)
{
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
	colw = xcalloc((size_t)p->len + 1, sizeof *colw);
	for (i = 0; i < p->len; i++)
		colw[i] = text_cp_width((uint32_t)p->buf[i]);
	start = 0;
	for (;;) {
		width = 0;
		for (i = start; i < p->cur; i++)
			width += colw[i];
		if (width < room || start >= p->cur)
			break;
		start++;
	}
	{
		struct prompt tail = *p;
		int k;

		tail.len = p->len - start;
		for (k = 0; k < tail.len; k++)
			tail.buf[k] = p->buf[start + k];
		s = prompt_text(&tail);
	}
	draw_text(w, 0, used, s, room, TH_NORMAL);
	free(s);
	free(colw);
	wmove(w, 0, used + width);
}
