/* pane.h: what the screen's parts share: the screen state (struct tui), the
 * pane class (a const table of functions per pane type) and its instances,
 * and what the screen does for them. The key actions and tables are in
 * widget/keymap.h, the overlay stack and the bits key handlers return in
 * widget/overlay.h. */
#ifndef WR_PANE_H
#define WR_PANE_H

#include <curses.h>
#include <stdint.h>

#include "model/authority.h"
#include "view/snapshot.h"
#include "base/util.h"
#include "widget/keymap.h"
#include "widget/overlay.h"
#include "widget/prompt.h"
#include "widget/theme.h"

struct presence;
struct store;
struct tui;
struct pane;


enum pane_id { PANE_PHASE, PANE_BOARD, PANE_METRICS, PANE_TIMELINE,
	PANE_COUNT };

struct pane_class {
	const char *title;
	/* The snapshot changed (or the clock ticked): update what to show.
	 * May read the store (the timeline window); never draws. */
	void (*recalc)(struct pane *p, struct tui *t);
	/* Paint the whole pane into p->win. */
	void (*draw)(struct pane *p, struct tui *t);
	/* An action while focused: KEY_* bits. */
	int (*key)(struct pane *p, struct tui *t, enum tui_action act);
	/* The window got a new size. */
	void (*resize)(struct pane *p, struct tui *t);
	void (*free)(struct pane *p);
	/* The pane type's own state, zeroed (freed by free). */
	void *(*create)(void);
};

struct pane {
	const struct pane_class *cls;
	enum pane_id id;
	WINDOW *win;
	int y, x, h, w;
	int dirty;
	int focused;
	void *priv;        /* the pane type's own state */
};

enum tui_role { TUI_COMMANDER, TUI_SCRIBE, TUI_VIEWER };

struct tui {
	/* First: the widgets find the overlay stack through a struct tui *
	 * (widget/overlay.h). */
	struct overlays ov;
	struct store *st;
	const char *db_path;
	const char *as;
	enum tui_role role;
	int role_want;      /* --role: enum tui_role, or -1 */
	int model_role;     /* the role the incident gives as (enum role), -1 */
	int readonly;
	/* The incident shown: named, picked or chosen, then kept; 0 while
	 * there is none to pick (none yet, or several open: asked). */
	int64_t incident_fixed;
	/* An open incident declared after the screen took its own: a notice
	 * in the status bar, never a switch. */
	int64_t notice_seen; /* incidents up to this id were known */
	int64_t notice_id;   /* the newest declared since; 0: none */
	char notice[ERR_LEN];
	struct snapshot snap;
	int have_snap;
	char load_err[ERR_LEN];
	struct pane panes[PANE_COUNT];
	int focus;
	int too_small;
	/* The terminal's size when it is larger than the screen drawn
	 * (TUI_MAX_ROWS x TUI_MAX_COLS); 0 when all of it is drawn. */
	int big_rows, big_cols;
	WINDOW *status_win;
	WINDOW *keybar_win; /* the key bar, over the status bar */
	int keybar_for;     /* what it was drawn for (keybar_state) */
	int keybar_dirty;   /* its window is new or was covered: draw it */
	int status_dirty;
	int settled; /* the store's check after the first frame was made */
	int64_t settle_at; /* when to make it (wr_mono_ms), 0: not yet set */
	struct prompt prompt;
	char msg[ERR_LEN];  /* one-line message in the status bar */
	int msg_error;
	int64_t last_change; /* wall clock of the last change seen */
	/* Who watches (presence marks beside the database,
	 * not the database), and this viewer's own mark. */
	struct presence *presence;
	char **watchers;
	int nwatchers;
	int64_t watchers_ms; /* monotonic time of the last look */
	/* What the snapshot loads besides the incident (the metric
	 * window, points per series, the series in detail, the quiet time) */
	struct snapshot_want want;
	/* Reminders: ring the commander's bell ([tui] bell = yes|no), once
	 * per reminder (the key of the last one rung). */
	int bell;
	char rung[160];
	/* The dialogs' state that outlives their overlays: the decision
	 * being asked for (dialog/decide.c: prompts, a choice, then the
	 * checklist) and the retrospective's selection (dialog/retro.c).
	 * Made on first use, freed by decide_free and retro_free. */
	struct decide *decide;
	struct retro_view *retro;
};

/* Pane classes. */
extern const struct pane_class pane_phase_class;
extern const struct pane_class pane_board_class;
extern const struct pane_class pane_metrics_class;
extern const struct pane_class pane_timeline_class;

/* keys.c: the keys of the panes (the normal mode). */
extern const struct keymap keys_normal;
const char *keys_need_name(enum key_need need);

/* What the screen (screen/tui.c) does for the panes and dialogs: a
 * one-line message in the status bar; load the snapshot again now
 * (t->want changed); switch the screen to another incident (panes start
 * afresh; switching is not a write). Overlays: widget/overlay.h. */
void tui_message(struct tui *t, int error, const char *fmt, ...)
    WR_PRINTF(3, 4);
void tui_metrics_reload(struct tui *t);
void tui_switch_incident(struct tui *t, int64_t id);
/* pane.c: the inner area of a pane (inside its border). */
int pane_rows(const struct pane *p);
int pane_cols(const struct pane *p);

/* layout.c */
#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 16
struct rect {
	int y, x, h, w;
};
/* Rectangles of the four panes for a screen of rows x cols (the key bar
 * and the status bar take the last two rows). 0, or -1 when the screen
 * is too small. */
int layout_compute(int rows, int cols, struct rect out[PANE_COUNT]);

/* statusbar.c */
void statusbar_draw(struct tui *t);
/* The key bar: the most useful keys of the focused pane that the role
 * may use, picked from keys_normal by their bar fields, as many as fit
 * on the line (the least useful dropped first; it never wraps). */
void keybar_draw(struct tui *t);
/* What the key bar depends on (focus, role, an overlay or the prompt
 * open), as one number: the screen redraws the bar when it changes. */
int keybar_state(struct tui *t);

/* help.c: open the help overlay with the keys of a mode (NULL: the
 * panes'). */
void help_open(struct tui *t, const struct keymap *keys);

/* pane/metrics.c: a line for the status bar about failing series
 * the pane cannot show ("" when none). */
void metrics_status_note(const struct tui *t, char *out, size_t n);
/* incidents.c: the incident list overlay. */
int incidents_open(struct tui *t);
/* The incident to show when none is fixed yet (fixed once found), or 0
 * (load_err says why); -1 after a read error. */
int64_t incidents_pick(struct tui *t);
/* Ask which incident when several are open (the list, titled so). */
void incidents_ask(struct tui *t);
/* Look for an incident declared since: t->notice. */
void incidents_notice(struct tui *t);
/* Switch to the incident of the notice (J). */
int incidents_jump(struct tui *t);

/* dialog/retro.c: the Retrospective view (A, once resolved); the add
 * form for a timeline entry turned into an action (R in the Timeline). */
int retro_open(struct tui *t);
int retro_from_entry(struct tui *t, int64_t entry_id);
void retro_free(struct tui *t);

/* dialog/record.c: one record read whole (Enter or v): a timeline entry
 * with its history and links (e in it calls edit(p, t, id), the Timeline
 * pane's edit form for that entry), and a Board row by name. */
int record_entry_open(struct tui *t, int64_t id, struct pane *p,
    void (*edit)(struct pane *p, struct tui *t, int64_t id));
int record_person_open(struct tui *t, const char *name);

/* pane.c: durations as the screen shows them: "<1m", "12m", "1h05m",
 * "2d03h". */
void tui_dur(int64_t secs, char *out, size_t n);
/* 1234567 as "1,234,567". */
void tui_thousands(int64_t v, char *out, size_t n);
/* role.c: the screen's role follows the incident (commander, scribe, or
 * read-only for everyone else); --role can only ask for less. */
/* At start: refuse a --role the incident does not give. 0 or -1 with err. */
int tui_role_start(struct tui *t, char *err);
/* After every reload: the role as the incident has it now. */
void tui_role_update(struct tui *t);
/* Before a key that writes (need is its enum key_need, act its action):
 * 1 when refused (the reason is shown), else 0. */
int tui_role_refuse(struct tui *t, int need, enum tui_action act);
/* authority_check for t->as in the screen's incident: 0, or -1 with the
 * reason shown. */
int tui_may(struct tui *t, enum auth_action action);
#endif
