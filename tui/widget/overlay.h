/* overlay.h: the screen's stack of modal windows over the panes, and the
 * bits a key handler returns. The stack has one place per layer, in the
 * order drawn: a dialog (a composer, a choice, a list, a view), the help
 * (over the panes, or over the dialog whose keys it shows) and a form;
 * the highest open one gets the keys, and opening into a taken
 * layer closes what was there. Each entry carries its own state (data),
 * released by its close function. The one-line prompt in the status line
 * is not on the stack: it takes the keys before any of them.
 *
 * struct tui (pane/pane.h) starts with its struct overlays, so the widgets
 * here reach the stack from the struct tui they are handed without knowing
 * the rest of the screen. */
#ifndef WR_OVERLAY_H
#define WR_OVERLAY_H

#include <curses.h>
#include <wchar.h>

#include "widget/theme.h"

struct tui;
struct keymap;

/* What a key handler tells the loop, instead of redrawing others itself. */
#define KEY_HANDLED 0x1
#define KEY_REDRAW 0x2 /* this pane changed: repaint it */
#define KEY_QUIT 0x4
#define KEY_RELOAD 0x8 /* the store changed under us: reload now */

enum overlay_layer { OVERLAY_DIALOG, OVERLAY_HELP, OVERLAY_FORM,
	OVERLAY_LAYERS };

/* One kind of overlay; data is the open one's own state. */
struct overlay_ops {
	/* Paint (into overlay_win() or a window of its own). */
	void (*draw)(struct tui *t, void *data);
	/* A key while it is the top one: KEY_* bits. */
	int (*key)(struct tui *t, void *data, int is_code, wint_t ch);
	/* The snapshot changed; may be NULL. */
	void (*reload)(struct tui *t, void *data);
	/* Release data (the overlay is closed or replaced); may be NULL. */
	void (*close)(struct tui *t, void *data);
	/* Its keys as opened, for the help (a key bound to ACT_HELP opens
	 * it); may be NULL. */
	const struct keymap *keys;
};

struct overlay {
	const struct overlay_ops *ops; /* NULL: this layer is empty */
	void *data;
	const struct keymap *keys; /* ops->keys, or the mode it is in now */
	WINDOW *win;  /* made by overlay_win for each draw */
	int dirty;
};

struct overlays {
	struct overlay layer[OVERLAY_LAYERS];
	int drawing;  /* the layer being drawn (overlay_win's) */
	/* Set by the screen (any may be NULL, as in unit tests): a one-line
	 * message; everything under a closed overlay must be painted again;
	 * put the panes back (a smaller window must not leave its edge). */
	void (*message)(struct tui *t, int error, const char *text);
	void (*uncover)(struct tui *t);
	void (*retouch)(struct tui *t);
};

/* Open ops with data in layer (closing what was there). */
void overlay_open(struct tui *t, enum overlay_layer layer,
    const struct overlay_ops *ops, void *data);
/* The layer's overlay changed mode: its keys are now keys. */
void overlay_set_keys(struct tui *t, enum overlay_layer layer,
    const struct keymap *keys);
/* Close the layer's overlay (nothing when it is empty). */
void overlay_close(struct tui *t, enum overlay_layer layer);
/* Close every overlay (at exit). */
void overlay_close_all(struct tui *t);
/* The layer's open overlay, or NULL. */
struct overlay *overlay_get(struct tui *t, enum overlay_layer layer);
/* The highest open overlay, or NULL. */
struct overlay *overlay_top(struct tui *t);
/* Paint the layer's overlay again (OVERLAY_LAYERS: all of them). */
void overlay_mark(struct tui *t, enum overlay_layer layer);
/* Draw the layer's overlay if it is dirty or force is set; 1 if drawn. */
int overlay_draw(struct tui *t, enum overlay_layer layer, int force);
/* Tell every open overlay that the snapshot changed. */
void overlay_reload(struct tui *t);

/* The window of h x w (cut to the screen) centred over the panes for the
 * overlay being drawn, made anew for each draw; NULL if there is no room. */
WINDOW *overlay_win(struct tui *t, int h, int w);
/* overlay_win, erased and filled with bg; *h and *w become its size. */
WINDOW *overlay_box(struct tui *t, int *h, int *w, enum theme_el bg);

/* A one-line message in the status bar. */
void overlay_message(struct tui *t, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#endif
