/* overlay.c: the stack of modal windows over the panes (overlay.h). */
#include "widget/overlay.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/util.h"
#include "widget/draw.h"

/* struct tui begins with its struct overlays (pane/pane.h checks it). */
static struct overlays *
overlays_of(struct tui *t)
{
	return (struct overlays *)(void *)t;
}

static void
overlay_uncover(struct tui *t)
{
	struct overlays *ov = overlays_of(t);

	if (ov->uncover != NULL)
		ov->uncover(t);
}

void
overlay_open(struct tui *t, enum overlay_layer layer,
    const struct overlay_ops *ops, void *data)
{
	struct overlay *o = &overlays_of(t)->layer[layer];

	if (o->ops != NULL)
		overlay_close(t, layer);
	o->ops = ops;
	o->data = data;
	o->keys = ops->keys;
	o->dirty = 1;
}

void
overlay_set_keys(struct tui *t, enum overlay_layer layer,
    const struct keymap *keys)
{
	struct overlay *o = &overlays_of(t)->layer[layer];

	if (o->ops != NULL)
		o->keys = keys;
}

void
overlay_close(struct tui *t, enum overlay_layer layer)
{
	struct overlay *o = &overlays_of(t)->layer[layer];
	const struct overlay_ops *ops = o->ops;
	void *data = o->data;

	if (ops == NULL)
		return;
	o->ops = NULL;
	o->data = NULL;
	o->dirty = 0;
	/* Cleared first: close may open another overlay in this layer. */
	if (o->win != NULL) {
		delwin(o->win);
		o->win = NULL;
		touchwin(stdscr);
		wnoutrefresh(stdscr);
	}
	if (ops->close != NULL)
		ops->close(t, data);
	overlay_uncover(t);
}

void
overlay_close_all(struct tui *t)
{
	int i;

	for (i = OVERLAY_LAYERS - 1; i >= 0; i--)
		overlay_close(t, (enum overlay_layer)i);
}

struct overlay *
overlay_get(struct tui *t, enum overlay_layer layer)
{
	struct overlay *o = &overlays_of(t)->layer[layer];

	return o->ops != NULL ? o : NULL;
}

struct overlay *
overlay_top(struct tui *t)
{
	int i;

	for (i = OVERLAY_LAYERS - 1; i >= 0; i--)
		if (overlays_of(t)->layer[i].ops != NULL)
			return &overlays_of(t)->layer[i];
	return NULL;
}

void
overlay_mark(struct tui *t, enum overlay_layer layer)
{
	int i;

	for (i = 0; i < OVERLAY_LAYERS; i++)
		if (layer == OVERLAY_LAYERS || (int)layer == i)
			overlays_of(t)->layer[i].dirty = 1;
}

int
overlay_draw(struct tui *t, enum overlay_layer layer, int force)
{
	struct overlays *ov = overlays_of(t);
	struct overlay *o = &ov->layer[layer];
	int drawn = 0;

	if (o->ops != NULL && (force || o->dirty)) {
		ov->drawing = (int)layer;
		o->ops->draw(t, o->data);
		drawn = 1;
	}
	o->dirty = 0;
	return drawn;
}

void
overlay_reload(struct tui *t)
{
	int i;

	for (i = 0; i < OVERLAY_LAYERS; i++) {
		struct overlay *o = &overlays_of(t)->layer[i];

		if (o->ops != NULL && o->ops->reload != NULL)
			o->ops->reload(t, o->data);
	}
}

WINDOW *
overlay_win(struct tui *t, int h, int w)
{
	struct overlays *ov = overlays_of(t);
	struct overlay *o = &ov->layer[ov->drawing];
	int rows = LINES - 1;

	if (o->win != NULL) {
		int oh, ow;

		getmaxyx(o->win, oh, ow);
		delwin(o->win);
		o->win = NULL;
		/* A smaller window than before must not leave its edge. */
		if ((oh != h || ow != w) && ov->retouch != NULL)
			ov->retouch(t);
	}
	if (h > rows)
		h = rows;
	if (w > COLS)
		w = COLS;
	o->win = h > 2 && w > 10 ? newwin(h, w, (rows - h) / 2,
	    (COLS - w) / 2) : NULL;
	return o->win;
}

WINDOW *
overlay_box(struct tui *t, int *h, int *w, enum theme_el bg)
{
	WINDOW *win = overlay_win(t, *h, *w);
	int i;

	if (win == NULL)
		return NULL;
	getmaxyx(win, *h, *w);
	werase(win);
	for (i = 0; i < *h; i++)
		draw_fill(win, i, 0, *w, bg);
	return win;
}

void
overlay_message(struct tui *t, int error, const char *fmt, ...)
{
	struct overlays *ov = overlays_of(t);
	char text[ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (ov->message != NULL)
		ov->message(t, error, text);
}
