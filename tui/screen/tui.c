/* tui.c: the screen's main loop: one thread waiting in ppoll() on the
 * terminal, the store's change signal and the next clock tick; signals only
 * set flags; every pass repaints only dirty panes, with one doupdate(). */
#include "screen/tui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/config.h"
#include "model/remind.h"
#include "cli/demo.h"
#include "model/incident.h"
#include "model/incident_pick.h"
#include "store/presence.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "dialog/composer.h"
#include "dialog/decide.h"
#include "dialog/detail.h"
#include "widget/draw.h"
#include "widget/form.h"
#include "pane/pane.h"

_Static_assert(offsetof(struct tui, ov) == 0,
    "struct tui starts with its overlay stack (widget/overlay.h)");

/* Ask for changes this often when the folder's watch cannot tell (no
 * inotify, the folder gone, the -wal/-shm files deleted under us and not
 * yet reopened: store_live). With the watches working the loop wakes for
 * their events, the clock and keys; the long fallback is a safety net and
 * reads the watchers again (a mark goes stale without an event). */
#define TUI_FALLBACK_MS 1000
#define TUI_FALLBACK_WATCHED_MS 30000
/* The largest screen drawn. curses keeps about 30 bytes a cell in each of
 * several full-screen buffers: a window of thousands of rows and columns
 * would cost a viewer hundreds of MB, and a few viewers the host. A bigger
 * terminal shows this much in its top left corner. */
#define TUI_MAX_ROWS 300
#define TUI_MAX_COLS 600

static volatile sig_atomic_t tui_sig_winch, tui_sig_quit;
static int tui_curses_on;

static const struct pane_class *const tui_classes[PANE_COUNT] = {
	&pane_phase_class, &pane_board_class, &pane_metrics_class,
	&pane_timeline_class,
};
static const char *const tui_pane_names[PANE_COUNT] = {"Phase", "Board",
	"Metrics", "Timeline"};

static void
tui_on_signal(int sig)
{
	if (sig == SIGWINCH)
		tui_sig_winch = 1;
	else
		tui_sig_quit = 1;
}

/* fatal() calls this first: the terminal must be usable for its message. */
static void
tui_restore(void)
{
	if (tui_curses_on) {
		tui_curses_on = 0;
		endwin();
	}
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;
	char raw[ERR_LEN], *clean;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	clean = text_sanitize(raw, strlen(raw), sizeof t->msg - 1, 0);
	snprintf(t->msg, sizeof t->msg, "%s", clean);
	free(clean);
	t->msg_error = error;
	t->status_dirty = 1;
}

static void
tui_all_dirty(struct tui *t)
{
	int i;

	for (i = 0; i < PANE_COUNT; i++) {
		t->panes[i].dirty = 1;
		/* Whatever covered them (an overlay, the blank screen a
		 * closed one leaves) is gone: every row goes to the screen
		 * again, not only the rows a pane draws anew (draw_rows). */
		if (t->panes[i].win != NULL)
			touchwin(t->panes[i].win);
	}
	t->status_dirty = 1;
	t->keybar_dirty = 1;
	overlay_mark(t, OVERLAY_LAYERS);
}

/* The overlay stack's hooks (widget/overlay.h). */
static void
tui_overlay_message(struct tui *t, int error, const char *text)
{
	tui_message(t, error, "%s", text);
}

static void
tui_retouch(struct tui *t)
{
	int i;

	for (i = 0; i < PANE_COUNT; i++)
		if (t->panes[i].win != NULL) {
			touchwin(t->panes[i].win);
			wnoutrefresh(t->panes[i].win);
		}
	if (t->keybar_win != NULL) { /* drawn only when it changes */
		touchwin(t->keybar_win);
		wnoutrefresh(t->keybar_win);
	}
}

/* Place the windows for the current terminal size. */
static void
tui_layout(struct tui *t)
{
	struct rect r[PANE_COUNT];
	int i;

	for (i = 0; i < PANE_COUNT; i++)
		if (t->panes[i].win != NULL) {
			delwin(t->panes[i].win);
			t->panes[i].win = NULL;
		}
	if (t->status_win != NULL)
		delwin(t->status_win);
	t->status_win = NULL;
	if (t->keybar_win != NULL)
		delwin(t->keybar_win);
	t->keybar_win = NULL;
	werase(stdscr);
	wnoutrefresh(stdscr);
	t->too_small = layout_compute(LINES, COLS, r) != 0;
	if (t->too_small)
		return;
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &t->panes[i];

		p->y = r[i].y;
		p->x = r[i].x;
		p->h = r[i].h;
		p->w = r[i].w;
		p->win = newwin(p->h, p->w, p->y, p->x);
		if (p->win == NULL)
			fatal("cannot create a window of %dx%d", p->w, p->h);
		leaveok(p->win, TRUE); /* no cursor: never moved for it */
		draw_background(p->win);
		p->cls->resize(p, t);
	}
	t->status_win = newwin(1, COLS, LINES - 1, 0);
	t->keybar_win = newwin(1, COLS, LINES - 2, 0);
	if (t->status_win == NULL || t->keybar_win == NULL)
		fatal("cannot create the status line");
	leaveok(t->keybar_win, TRUE);
	tui_all_dirty(t);
}

/* Clamp a terminal size to what is drawn; note in t what was cut. */
static void
tui_clamp(struct tui *t, int *rows, int *cols)
{
	t->big_rows = t->big_cols = 0;
	if (*rows > TUI_MAX_ROWS || *cols > TUI_MAX_COLS) {
		t->big_rows = *rows;
		t->big_cols = *cols;
	}
	if (*rows > TUI_MAX_ROWS)
		*rows = TUI_MAX_ROWS;
	if (*cols > TUI_MAX_COLS)
		*cols = TUI_MAX_COLS;
}

/* The size curses would take at start: the tty's, unless LINES or COLUMNS
 * say otherwise. 0 when there is none. */
static void
tui_start_size(int *rows, int *cols)
{
	struct winsize ws;
	const char *l = getenv("LINES"), *c = getenv("COLUMNS");

	*rows = *cols = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
	if (l != NULL && atoi(l) > 0)
		*rows = atoi(l);
	if (c != NULL && atoi(c) > 0)
		*cols = atoi(c);
}

static void tui_reload(struct tui *t);

/* ask: read the terminal's size and tell curses (after SIGWINCH). Not for
 * KEY_RESIZE: resizeterm() always queues a KEY_RESIZE, even for the same
 * size, so answering that key with resizeterm() looped forever. */
static void
tui_resize(struct tui *t, int ask)
{
	struct winsize ws;
	int i;

	if (ask && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_row > 0 && ws.ws_col > 0) {
		int rows = ws.ws_row, cols = ws.ws_col;

		tui_clamp(t, &rows, &cols);
		/* Not resizeterm(): it queues a KEY_RESIZE per call, and two
		 * quick resizes left the queue returning KEY_RESIZE forever
		 * (a busy loop at the next key). We relayout ourselves. */
		resize_term(rows, cols);
	}
	clearok(curscr, TRUE);
	tui_layout(t);
	if (!t->too_small && t->have_snap)
		for (i = 0; i < PANE_COUNT; i++)
			t->panes[i].cls->recalc(&t->panes[i], t);
	/* The Metrics pane wants one point per column: the points shown
	 * were read for the old width, and a clock tick only moves them. */
	if (!t->too_small && t->have_snap && t->want.points != t->snap.mpoints)
		tui_reload(t);
}

/* A new reminder rings the commander's terminal once; the other screens
 * only show it. */
static void
tui_remind_bell(struct tui *t)
{
	const char *key = t->snap.remind_key;

	if (strcmp(key, t->rung) == 0)
		return;
	snprintf(t->rung, sizeof t->rung, "%s", key);
	if (*key != '\0' && t->bell && t->role == TUI_COMMANDER &&
	    !t->readonly)
		beep();
}

static int
tui_snooze(struct tui *t)
{
	char err[ERR_LEN];

	if (!t->have_snap || t->snap.incident_id <= 0) {
		tui_message(t, 1, "no incident: nothing to snooze");
		return KEY_HANDLED;
	}
	if (remind_snooze(t->st, t->snap.incident_id, t->as, err) != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "reminders snoozed for 10 minutes");
	return KEY_HANDLED | KEY_RELOAD;
}

/* Read the store again: a change was signalled (or a key wrote). */
static void
tui_reload_in(struct tui *t)
{
	struct snapshot s;
	int64_t inc = t->incident_fixed;
	char err[ERR_LEN];
	int i;

	if (inc == 0) {
		inc = incidents_pick(t);
		if (inc < 0)
			return;
	}
	/* What has not changed (a series' points) is taken from the
	 * snapshot shown until now, not read again. */
	if (snapshot_reload(t->st, inc, wr_now(), &t->want, t->have_snap ?
	    &t->snap : NULL, &s, err) != 0) {
		/* Keep showing what we had; say why it is not newer. */
		tui_message(t, 1, "%s", err);
		if (!t->have_snap)
			snprintf(t->load_err, sizeof t->load_err, "%s", err);
		tui_all_dirty(t);
		return;
	}
	if (t->have_snap)
		snapshot_clear(&t->snap);
	t->snap = s;
	t->have_snap = 1;
	if (inc > 0)
		t->load_err[0] = '\0';
	incidents_notice(t);
	tui_role_update(t);
	if (!t->too_small)
		for (i = 0; i < PANE_COUNT; i++)
			t->panes[i].cls->recalc(&t->panes[i], t);
	t->status_dirty = 1;
	overlay_mark(t, OVERLAY_HELP);
	overlay_reload(t);
	overlay_mark(t, OVERLAY_DIALOG);
	tui_remind_bell(t);
}

/* Read the store again, in one read transaction: every read of the
 * reload (snapshot, panes, overlays) sees one state, and SQLite takes the
 * WAL read lock once instead of per statement. Ended before the frame is
 * drawn, so it is never held while idle. */
static void
tui_reload(struct tui *t)
{
	snapshot_read_begin(t->st);
	tui_reload_in(t);
	snapshot_read_end(t->st);
}

/* Reload on demand (the metric window changed); switch incidents. */
void
tui_metrics_reload(struct tui *t)
{
	tui_reload(t);
}

void
tui_switch_incident(struct tui *t, int64_t id)
{
	int i;

	t->incident_fixed = id;
	t->notice_seen = 0; /* what is there now is known: no notice */
	/* The panes' scroll positions belonged to the other incident. */
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &t->panes[i];

		p->cls->free(p);
		p->priv = p->cls->create();
		if (p->win != NULL)
			p->cls->resize(p, t);
	}
	tui_reload(t);
	tui_all_dirty(t);
}
/* When the next minute-resolution clock on screen changes (durations count
 * from several origins), or a metric column moves. */
static int64_t
tui_next_tick(const struct tui *t, int64_t now)
{
	const struct snapshot *s = &t->snap;
	int64_t next = now + 60 - now % 60, o[4];
	int i, n = 0;

	if (!t->have_snap)
		return next;
	o[n++] = s->inc.detected;
	o[n++] = s->inc.phase_since;
	o[n++] = s->next_update;
	for (i = 0; i < n; i++)
		if (o[i] > 0) {
			int64_t c = now + 60 - (now - o[i]) % 60;

			if (c > now && c < next)
				next = c;
		}
	for (i = 0; i < s->nboard; i++) {
		int64_t c = now + 60 - (now - s->board[i].last_checkin) % 60;

		if (c > now && c < next)
			next = c;
	}
	/* The second an assignment turns stale (board_is_stale: after). */
	for (i = 0; i < s->nboard; i++) {
		const struct responder *r = &s->board[i];
		int64_t last = r->last_checkin > r->asg_since ? r->last_checkin
		    : r->asg_since, c = last + s->inc.checkin_interval + 1;

		if (r->asg_id != 0 && c > now && c < next)
			next = c;
	}
	for (i = 0; i < s->nseries; i++)
		if (s->series[i].nsamples > 0) {
			int step = s->series[i].s.interval > 0
			    ? s->series[i].s.interval : 15;
			int64_t c = now + step - now % step;

			if (c > now && c < next)
				next = c;
		}
	return next;
}

/* Look at who watches now and keep this viewer's own mark fresh. */
static void
tui_watchers(struct tui *t)
{
	char **w;
	int n, i, same;

	t->watchers_ms = wr_mono_ms();
	presence_beat(t->presence);
	n = presence_list(t->db_path, &w);
	same = n == t->nwatchers;
	for (i = 0; same && i < n; i++)
		same = strcmp(w[i], t->watchers[i]) == 0;
	if (same) {
		presence_list_free(w, n);
		return;
	}
	presence_list_free(t->watchers, t->nwatchers);
	t->watchers = w;
	t->nwatchers = n;
	if (!t->too_small && t->have_snap)
		t->panes[PANE_BOARD].cls->recalc(&t->panes[PANE_BOARD], t);
}

static void
tui_focus(struct tui *t, int id)
{
	if (id == t->focus)
		return;
	t->panes[t->focus].focused = 0;
	t->panes[t->focus].dirty = 1;
	t->focus = id;
	t->panes[id].focused = 1;
	t->panes[id].dirty = 1;
	t->status_dirty = 1; /* the key bar shows the pane's keys */
}

static void
tui_render(struct tui *t)
{
	int i, any = 0;

	if (t->too_small) {
		char msg[80];
		int len;

		snprintf(msg, sizeof msg, "terminal too small (need %dx%d)",
		    LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
		len = (int)strlen(msg);
		werase(stdscr);
		mvwaddnstr(stdscr, LINES / 2, COLS > len ? (COLS - len) / 2 : 0,
		    msg, COLS);
		if (LINES > 1) {
			snprintf(msg, sizeof msg, "now %dx%d; q quits", COLS,
			    LINES);
			mvwaddnstr(stdscr, LINES / 2 + 1, COLS > (int)strlen(msg)
			    ? (COLS - (int)strlen(msg)) / 2 : 0, msg, COLS);
		}
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &t->panes[i];

		if (!p->dirty)
			continue;
		p->cls->draw(p, t);
		wnoutrefresh(p->win);
		p->dirty = 0;
		any = 1;
	}
	/* The key bar shows the focused pane's keys for the role: drawn
	 * when that changes, not on every reload. */
	if (t->keybar_dirty || t->keybar_for != keybar_state(t)) {
		/* Under the overlays, which may cover it. */
		keybar_draw(t);
		wnoutrefresh(t->keybar_win);
		t->keybar_dirty = 0;
		any = 1;
	}
	any |= overlay_draw(t, OVERLAY_DIALOG, any);
	any |= overlay_draw(t, OVERLAY_HELP, any);
	if (t->status_dirty || t->prompt.active) {
		statusbar_draw(t);
		/* Last: it owns the cursor, shown only while a prompt asks;
		 * else curses leaves the hidden cursor where the frame's last
		 * cell left it (no move of up to 9 bytes after each frame). */
		leaveok(t->status_win, t->prompt.active ? FALSE : TRUE);
		wnoutrefresh(t->status_win);
		t->status_dirty = 0;
		any = 1;
	}
	/* An open form lies over everything and owns the cursor. */
	any |= overlay_draw(t, OVERLAY_FORM, any);
	if (any)
		doupdate();
}

static int
tui_refuse(struct tui *t, const struct key_binding *k)
{
	if (k->need == NEED_NONE)
		return 0;
	if (t->readonly) {
		tui_message(t, 1, "READ-ONLY: this screen cannot change "
		    "anything ('%s' does nothing here)", k->name);
		return 1;
	}
	if (tui_role_refuse(t, k->need, k->act))
		return 1;
	if (k->need == NEED_COMMANDER && t->role != TUI_COMMANDER) {
		tui_message(t, 1, "'%s' is for the commander; the scribe "
		    "edits the timeline", k->name);
		return 1;
	}
	return 0;
}

/* What a pane's key did: the pane and the prompt repaint. */
static int
tui_pane_done(struct tui *t, struct pane *p, int r)
{
	if (r & KEY_REDRAW)
		p->dirty = 1;
	if (t->prompt.active)
		t->status_dirty = 1;
	return r;
}

static int
tui_pane_key(struct tui *t, struct pane *p, enum tui_action act)
{
	int r = p->cls->key(p, t, act);

	/* A note can be started from any pane. */
	if (r == 0 && act == ACT_NOTE && p->id != PANE_TIMELINE)
		r = t->panes[PANE_TIMELINE].cls->key(&t->panes[PANE_TIMELINE],
		    t, act);
	return tui_pane_done(t, p, r);
}

static int
tui_mouse(struct tui *t)
{
	MEVENT ev;
	int i;

	if (getmouse(&ev) != OK || t->too_small)
		return 0;
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &t->panes[i];

		if (ev.y < p->y || ev.y >= p->y + p->h || ev.x < p->x ||
		    ev.x >= p->x + p->w)
			continue;
		tui_focus(t, i);
		if (ev.bstate & BUTTON4_PRESSED)
			return tui_pane_key(t, p, ACT_UP);
#ifdef BUTTON5_PRESSED
		if (ev.bstate & BUTTON5_PRESSED)
			return tui_pane_key(t, p, ACT_DOWN);
#endif
		return KEY_HANDLED;
	}
	return 0;
}

/* Actions the screen answers by opening a dialog or doing it itself;
 * pane: the key belongs to the focused pane (it repaints as the pane's). */
static const struct {
	enum tui_action act;
	int (*run)(struct tui *t);
	int pane;
} tui_dialogs[] = {
	{ACT_COMPOSE, composer_open, 0},
	{ACT_METRIC_DETAIL, detail_open, 1},
	{ACT_DECIDE, decide_open, 0},
	{ACT_DEPLOY, decide_deploy, 1},
	{ACT_FLAG, decide_flag, 1},
	{ACT_INCIDENTS, incidents_open, 0},
	{ACT_INCIDENT_NEW, incidents_jump, 0},
	{ACT_RETRO, retro_open, 0},
	{ACT_SNOOZE, tui_snooze, 0},
};

/* The action of a key the role allows: KEY_* bits. */
static int
tui_action(struct tui *t, enum tui_action act)
{
	size_t i;

	for (i = 0; i < sizeof tui_dialogs / sizeof tui_dialogs[0]; i++)
		if (tui_dialogs[i].act == act) {
			int r = tui_dialogs[i].run(t);

			return tui_dialogs[i].pane ? tui_pane_done(t,
			    &t->panes[t->focus], r) : r;
		}
	switch (act) {
	case ACT_QUIT:
		return KEY_QUIT;
	case ACT_HELP:
		help_open(t, NULL);
		return KEY_HANDLED;
	case ACT_FOCUS_NEXT:
		tui_focus(t, (t->focus + 1) % PANE_COUNT);
		return KEY_HANDLED;
	case ACT_FOCUS_PREV:
		tui_focus(t, (t->focus + PANE_COUNT - 1) % PANE_COUNT);
		return KEY_HANDLED;
	case ACT_FOCUS_PHASE:
	case ACT_FOCUS_BOARD:
	case ACT_FOCUS_METRICS:
	case ACT_FOCUS_TIMELINE:
		tui_focus(t, PANE_PHASE + (int)(act - ACT_FOCUS_PHASE));
		return KEY_HANDLED;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		tui_all_dirty(t);
		return KEY_HANDLED;
	default:
		return tui_pane_key(t, &t->panes[t->focus], act);
	}
}

/* A key with no binding in the focused pane: a pane's key pressed
 * elsewhere (a viewer still hears that it cannot edit; others where the
 * key works), or nothing at all. */
static int
tui_unbound_key(struct tui *t, int is_code, wint_t ch)
{
	const struct key_binding *k = NULL;
	int i;

	for (i = 0; i < PANE_COUNT && k == NULL; i++)
		k = keymap_find(&keys_normal, (int)ch, is_code, i);
	if (k == NULL) {
		if (!is_code && ch >= 0x20 && ch < 0x7F)
			tui_message(t, 0, "'%c' does nothing here; ? shows the "
			    "keys", (char)ch);
		return KEY_HANDLED;
	}
	if (!tui_refuse(t, k))
		tui_message(t, 0, "'%s' works in the %s pane (Tab moves "
		    "there)", k->name, tui_pane_names[k->pane]);
	return KEY_HANDLED;
}

/* The prompt, then the overlays, get a key first: KEY_* bits, or -1 when
 * none of them is open to take it. */
static int
tui_modal_key(struct tui *t, int is_code, wint_t ch)
{
	struct overlay *o;

	if (t->prompt.active) {
		t->status_dirty = 1;
		overlay_mark(t, OVERLAY_DIALOG);
		return prompt_input(&t->prompt, t, is_code, ch);
	}
	/* An open form gets every key, even on a screen too small. */
	if ((o = overlay_get(t, OVERLAY_FORM)) != NULL)
		return o->ops->key(t, o->data, is_code, ch);
	if (t->msg[0] != '\0') {
		t->msg[0] = '\0';
		t->status_dirty = 1;
	}
	/* A dialog waits while the screen is too small; the help does not. */
	if ((o = overlay_top(t)) != NULL && (!t->too_small ||
	    o == overlay_get(t, OVERLAY_HELP))) {
		const struct key_binding *k = o->keys == NULL ? NULL
		    : keymap_find(o->keys, (int)ch, is_code, -1);

		if (k != NULL && k->act == ACT_HELP) {
			help_open(t, o->keys);
			return KEY_HANDLED;
		}
		if (o == overlay_get(t, OVERLAY_DIALOG))
			o->dirty = 1;
		return o->ops->key(t, o->data, is_code, ch);
	}
	return -1;
}

/* One key: returns KEY_* bits. */
static int
tui_key(struct tui *t, int is_code, wint_t ch)
{
	const struct key_binding *k;
	int key = (int)ch, r;

	if (is_code && ch == KEY_RESIZE) {
		tui_resize(t, 0);
		return KEY_HANDLED;
	}
	if ((r = tui_modal_key(t, is_code, ch)) >= 0)
		return r;
	if (is_code && ch == KEY_MOUSE)
		return tui_mouse(t);
	if (!is_code && key == 3) /* ^C in raw mode */
		return KEY_QUIT;
	if (t->too_small)
		return !is_code && key == 'q' ? KEY_QUIT : KEY_HANDLED;
	k = keymap_find(&keys_normal, key, is_code, t->focus);
	if (k == NULL)
		return tui_unbound_key(t, is_code, ch);
	if (tui_refuse(t, k))
		return KEY_HANDLED;
	return tui_action(t, k->act);
}

static int
tui_term_mono(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (nc != NULL && *nc != '\0')
		return 1;
	return term == NULL || strcmp(term, "dumb") == 0 ||
	    strncmp(term, "vt1", 3) == 0 || strncmp(term, "vt2", 3) == 0;
}

/* Signals only set flags; they are blocked but while the loop waits in
 * ppoll() (orig: the mask to restore). */
static void
tui_signals(sigset_t *orig)
{
	struct sigaction sa;
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, orig);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* TERM as it may be echoed (it comes from the client, e.g. over ssh);
 * caller frees. */
static char *
tui_term_shown(void)
{
	const char *term = getenv("TERM") ? getenv("TERM") : "";

	return text_sanitize(term, strlen(term), 64, 0);
}

/* Start curses on a terminal that can place the cursor: 0, or the exit
 * status after saying why not (the signal mask restored). */
static int
tui_curses_start(struct tui *t, const sigset_t *orig)
{
	int big_rows, big_cols, rc;
	const char *cup;
	char *shown;

	setenv("ESCDELAY", "25", 0);
	tui_start_size(&big_rows, &big_cols);
	tui_clamp(t, &big_rows, &big_cols);
	/* Too big: curses must not size its buffers from the tty; it takes
	 * the terminfo size, and the clamped size right after. */
	if (t->big_rows > 0)
		use_env(FALSE);
	if (newterm(NULL, stdout, stdin) == NULL) {
		shown = tui_term_shown();
		sigprocmask(SIG_SETMASK, orig, NULL);
		rc = cli_fail("cannot start the screen (TERM=%s)", shown);
		free(shown);
		return rc;
	}
	/* A terminal that cannot place the cursor (TERM=dumb) would show a
	 * blank line and nothing else: say so instead. */
	cup = tigetstr("cup");
	if (cup == NULL || cup == (const char *)-1) {
		shown = tui_term_shown();
		endwin();
		sigprocmask(SIG_SETMASK, orig, NULL);
		rc = cli_fail("cannot start the screen: TERM=%s cannot move "
		    "the cursor (try TERM=xterm-256color)", shown);
		free(shown);
		return rc;
	}
	/* ncurses 6.4 flushes its output after every cursor move while the
	 * screen has never been suspended (_nc_mvcur: _endwin == ewInitial),
	 * so a frame went out as one write() per run of cells: 170 writes
	 * for the first frame, 50-80 for a PgUp, each waking the terminal (or
	 * ssh, or tmux). Suspended once and resumed here, before the colours
	 * start (a resume with colours on resets the terminal's palette, OSC
	 * 104) and before anything is drawn (the resume clears the alternate
	 * screen it enters), a frame goes out in writes of up to (LINES + 2)
	 * x (COLS + 6) bytes, curses' buffer. */
	endwin();
	doupdate();
	tui_curses_on = 1;
	util_fatal_hook = tui_restore;
	if (t->big_rows > 0)
		resize_term(big_rows, big_cols);
	return 0;
}

/* The terminal's modes, the mouse and the colours. */
static void
tui_curses_modes(const struct theme *colour, const struct theme *mono)
{
	int m;

	set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	leaveok(stdscr, TRUE);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	draw_init();
	m = tui_term_mono() || !has_colors();
	theme_apply(m ? mono : colour, m);
	draw_colours(m ? 0 : TH_COUNT + 1);
}

/* The panes, the overlay stack's hooks, the first snapshot and this
 * screen's presence. */
static void
tui_setup(struct tui *t)
{
	char perr[ERR_LEN];
	int i;

	t->ov.message = tui_overlay_message;
	t->ov.uncover = tui_all_dirty;
	t->ov.retouch = tui_retouch;
	for (i = 0; i < PANE_COUNT; i++) {
		t->panes[i].cls = tui_classes[i];
		t->panes[i].id = (enum pane_id)i;
		t->panes[i].priv = tui_classes[i]->create();
	}
	t->panes[t->focus].focused = 1;
	tui_layout(t);
	snapshot_changed(t->st); /* take the current version as seen */
	/* An edit waits at most a second for a lock another process holds:
	 * the keyboard is never held for the full busy timeout. */
	snapshot_write_timeout(t->st, SNAPSHOT_WRITE_TIMEOUT_MS);
	tui_reload(t);
	if (t->incident_fixed == 0 && t->load_err[0] != '\0')
		incidents_ask(t);
	/* A viewer is listed as watching through a file beside the
	 * database, never by writing it; writers make the folder. */
	if (t->readonly) {
		t->presence = presence_enter(t->db_path, t->as, perr);
		if (t->presence == NULL)
			tui_message(t, 0, "%s", perr);
	} else
		(void)presence_prepare(t->db_path, perr);
	(void)snapshot_watch_presence(t->st);
	tui_watchers(t);
	t->last_change = wr_now();
}

/* Everything tui_setup and the loop made, and curses. */
static void
tui_teardown(struct tui *t)
{
	int i;

	overlay_close_all(t);
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &t->panes[i];

		p->cls->free(p);
		if (p->win != NULL)
			delwin(p->win);
	}
	if (t->status_win != NULL)
		delwin(t->status_win);
	if (t->keybar_win != NULL)
		delwin(t->keybar_win);
	decide_free(t);
	prompt_free(&t->prompt);
	retro_free(t);
	tui_restore();
	util_fatal_hook = NULL;
	presence_leave(t->presence);
	t->presence = NULL;
	presence_list_free(t->watchers, t->nwatchers);
	t->watchers = NULL;
	t->nwatchers = 0;
	if (t->have_snap)
		snapshot_clear(&t->snap);
}

/* The clock ticked: the snapshot follows the clock without reading the
 * store (snapshot_retime), and the panes draw their durations again; only
 * the Timeline's rows come from the store, and they do not age: the pane
 * is drawn again only when an entry was ahead of the clock (drawn as
 * such) at the last tick. */
static void
tui_tick(struct tui *t, int64_t now)
{
	int64_t was = t->snap.now;
	int i;

	if (!t->have_snap || snapshot_retime(&t->snap, now, &t->want) != 0) {
		tui_reload(t);
		return;
	}
	if (!t->too_small)
		for (i = 0; i < PANE_COUNT; i++) {
			if (i != PANE_TIMELINE)
				t->panes[i].cls->recalc(&t->panes[i], t);
			else if (time_ahead(t->snap.tl_newest, was))
				t->panes[i].dirty = 1;
		}
	t->status_dirty = 1;
	overlay_mark(t, OVERLAY_HELP);
	overlay_mark(t, OVERLAY_DIALOG);
	tui_remind_bell(t);
}

/* The store changed (or may have): read it again. */
static void
tui_changed(struct tui *t, int64_t *next_tick)
{
	t->last_change = wr_now();
	tui_reload(t);
	*next_tick = tui_next_tick(t, wr_now());
}

/* Every key waiting: 1 when one quits. */
static int
tui_keys(struct tui *t, int64_t *next_tick)
{
	wint_t ch;
	int kr, reload = 0;

	while ((kr = wget_wch(stdscr, &ch)) != ERR) {
		int bits = tui_key(t, kr == KEY_CODE_YES, ch);

		if (bits & KEY_QUIT)
			return 1;
		reload |= bits & KEY_RELOAD;
	}
	if (reload && snapshot_changed(t->st))
		tui_changed(t, next_tick);
	return 0;
}

/* A wake-up from the folder's watch that finds nothing new: a writer
 * that does not touch -wal after its commit (sqlite3, another tool) woke
 * us with its -wal writes, before the commit was published in -shm. Look
 * again this many ms after that wake-up rather than at the fallback (the
 * commit shows once its fsync is done: a few ms to a few hundred, on a
 * slow disk seconds; the fallback is long while the watch works). */
static const int tui_recheck_ms[] = {10, 25, 50, 100, 200, 400, 1000, 3000};
#define TUI_RECHECKS (int)(sizeof tui_recheck_ms / sizeof tui_recheck_ms[0])

struct tui_recheck {
	int64_t woke; /* monotonic ms of the wake-up; 0: none pending */
	int n;        /* the next of tui_recheck_ms */
};

/* The watchers list is read again after the presence folder's watch
 * woke us, and twice more a second apart (a viewer that ended closed its
 * mark a moment before its parent reaps it), at most once a second
 * whatever the folder holds; and at each fallback poll. */
#define TUI_PRES_READS 3
struct tui_pres {
	int left;    /* reads still due after the last event */
	int64_t due; /* monotonic ms of the next of them */
};

/* The next read of the watchers list (monotonic ms): the fallback poll,
 * or sooner after an event. */
static int64_t
tui_pres_at(const struct tui *t, const struct tui_pres *pr, int64_t fallback)
{
	int64_t at = t->watchers_ms + fallback;

	if (pr->left > 0) {
		int64_t soon = pr->due > t->watchers_ms + 1000 ? pr->due
		    : t->watchers_ms + 1000;

		if (soon < at)
			at = soon;
	}
	return at;
}

/* The fallback poll's period now (see TUI_FALLBACK_MS). */
static int64_t
tui_fallback(struct tui *t, int watch)
{
	return watch >= 0 && snapshot_watch_ok(t->st) && snapshot_live(t->st)
	    ? TUI_FALLBACK_WATCHED_MS : TUI_FALLBACK_MS;
}

/* Milliseconds from now to the tick at second next_tick. On the real
 * clock, to the second itself (+2 ms: time() may lag the precise clock by
 * a kernel tick; until it turns, wait 1 ms), not up to a second after. */
static int64_t
tui_tick_ms(int64_t next_tick, int64_t now)
{
	struct timespec ts;
	int64_t ms = (next_tick - now) * 1000;

	if (clock_gettime(CLOCK_REALTIME, &ts) == 0 &&
	    (ts.tv_sec == now || ts.tv_sec == now + 1))
		ms = next_tick * 1000 + 2 - ((int64_t)ts.tv_sec * 1000 +
		    ts.tv_nsec / 1000000);
	return ms < 1 ? 1 : ms;
}

/* After the first frame, when a viewer asks what its open left for later
 * (store_settle). */
#define TUI_SETTLE_MS 250

/* How long to wait for the next event: the next tick, the next read of
 * the watchers (the fallback poll with it), a pending re-check or the
 * --exit-after deadline, whichever comes first. */
static int64_t
tui_wait_ms(int64_t now, int64_t now_ms, int64_t next_tick, int64_t deadline,
    const struct tui_recheck *rc, int64_t pres_at)
{
	int64_t wait_ms = pres_at - now_ms, tick_ms = tui_tick_ms(next_tick,
	    now);

	if (tick_ms < wait_ms)
		wait_ms = tick_ms;
	if (deadline > 0 && deadline - now_ms < wait_ms)
		wait_ms = deadline - now_ms;
	if (rc->woke > 0 && rc->woke + tui_recheck_ms[rc->n] - now_ms < wait_ms)
		wait_ms = rc->woke + tui_recheck_ms[rc->n] - now_ms;
	return wait_ms < 0 ? 0 : wait_ms;
}

/* Ask the store after a wake-up (cheap: PRAGMA data_version), unless only
 * the folder's watch woke us and it says nothing but "written"
 * (SNAPSHOT_WATCH_WRITE, or events for other files): a warroom writer's
 * -wal writes come before its commit, whose signal wakes us again, so
 * such a wake-up only starts the re-checks (the first 10 ms on) and asks
 * nothing. Nothing new after a write starts the re-checks (kept, not
 * moved on, while the first is pending: a writer that never stops still
 * gets looked at); a due re-check that finds nothing moves to the next.
 * A signal finding nothing new starts none: it came after the commit. */
static void
tui_look(struct tui *t, int watched, int only_watch, struct tui_recheck *rc,
    int64_t *next_tick)
{
	int64_t ms = wr_mono_ms();
	int due = rc->woke > 0 && ms >= rc->woke + tui_recheck_ms[rc->n];

	if ((watched & SNAPSHOT_WATCH_DB) || due || !only_watch) {
		if (snapshot_changed(t->st)) {
			rc->woke = 0;
			tui_changed(t, next_tick);
			return;
		}
	}
	while (rc->woke > 0 && ms >= rc->woke + tui_recheck_ms[rc->n])
		if (++rc->n == TUI_RECHECKS)
			rc->woke = 0;
	if ((watched & SNAPSHOT_WATCH_WRITE) && (rc->woke == 0 || rc->n > 0)) {
		rc->woke = ms;
		rc->n = 0;
	}
}

/* After a wake-up: this viewer's mark kept fresh, and the watchers list
 * read again when due (tui_pres_at). */
static void
tui_presence(struct tui *t, struct tui_pres *pr, int watched,
    int64_t fallback)
{
	int64_t ms = wr_mono_ms();

	presence_beat(t->presence);
	if (watched & SNAPSHOT_WATCH_PRESENCE) {
		pr->left = TUI_PRES_READS;
		pr->due = ms;
	}
	if (ms < tui_pres_at(t, pr, fallback))
		return;
	if (pr->left > 0 && ms >= pr->due) {
		pr->left--;
		pr->due = ms + 1000;
	}
	tui_watchers(t);
}

/* The loop: repaint, wait in ppoll() for the terminal, the store's
 * change signal (and the presence folder's), the next tick or a signal;
 * then answer what came. Ends at deadline (monotonic ms) unless it is 0. */
static void
tui_loop(struct tui *t, const sigset_t *orig, int64_t deadline)
{
	int64_t next_tick, fallback;
	int watch = snapshot_watch_fd(t->st);
	struct tui_recheck rc = {0, 0};
	struct tui_pres pr = {0, 0};

	next_tick = tui_next_tick(t, wr_now());
	while (!tui_sig_quit) {
		struct pollfd fds[2];
		struct timespec ts;
		int64_t now_ms, wait_ms, now = wr_now();
		int nfds = 1, r, watched = 0, only_watch;

		if (tui_sig_winch) {
			tui_sig_winch = 0;
			tui_resize(t, 1);
		}
		if (now >= next_tick) {
			tui_tick(t, now);
			next_tick = tui_next_tick(t, now);
		}
		tui_render(t);
		/* The check a viewer's open left (store_settle), a moment after
		 * the first frame: it may wait 10-20 ms for the kernel, which
		 * the first keys should not. */
		if (!t->settled && t->settle_at == 0)
			t->settle_at = wr_mono_ms() + TUI_SETTLE_MS;
		else if (!t->settled && wr_mono_ms() >= t->settle_at) {
			t->settled = 1;
			if (snapshot_settle(t->st)) {
				t->status_dirty = 1;
				continue;
			}
		}

		now_ms = wr_mono_ms();
		if (deadline > 0 && now_ms >= deadline)
			break;
		fallback = tui_fallback(t, watch);
		wait_ms = tui_wait_ms(now, now_ms, next_tick, deadline, &rc,
		    tui_pres_at(t, &pr, fallback));
		if (!t->settled && wait_ms > t->settle_at - wr_mono_ms())
			wait_ms = t->settle_at > wr_mono_ms() ? t->settle_at -
			    wr_mono_ms() : 0;
		fds[0] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
		if (watch >= 0)
			fds[nfds++] = (struct pollfd){watch, POLLIN, 0};
		ts.tv_sec = wait_ms / 1000;
		ts.tv_nsec = (wait_ms % 1000) * 1000000L;
		/* Signals get through only while we wait here. */
		r = ppoll(fds, (nfds_t)nfds, &ts, orig);
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0 && (fds[0].revents & (POLLHUP | POLLERR)))
			break; /* the terminal went away */
		if (r > 0 && (fds[0].revents & POLLIN) && tui_keys(t,
		    &next_tick))
			break;
		only_watch = r > 0 && fds[0].revents == 0;
		if (watch >= 0 && nfds > 1 && (fds[1].revents & POLLIN))
			watched = snapshot_watch_drain(t->st);
		tui_presence(t, &pr, watched, fallback);
		tui_look(t, watched & (SNAPSHOT_WATCH_DB | SNAPSHOT_WATCH_WRITE),
		    only_watch, &rc, &next_tick);
	}
}

/* The screen itself, once the store is open and the theme is read. */
static int
tui_run(struct tui *t, const struct theme *colour, const struct theme *mono,
    long exit_after)
{
	int64_t deadline = exit_after > 0 ? wr_mono_ms() + exit_after * 1000
	    : 0;
	sigset_t orig;
	int rc;

	tui_signals(&orig);
	if ((rc = tui_curses_start(t, &orig)) != 0)
		return rc;
	tui_curses_modes(colour, mono);
	tui_setup(t);
	tui_loop(t, &orig, deadline);
	tui_teardown(t);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return 0;
}

static int
tui_parse_long(const char *s, const char *what, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || *out <= 0)
		return cli_fail("%s needs a positive number of seconds, not "
		    "'%.40s'", what, s);
	return 0;
}

/* --role, --exit-after and --incident into t and *exit_after: 0, or the
 * exit status after saying what is wrong. */
static int
tui_options(struct cli *c, struct tui *t, long *exit_after)
{
	const char *role = NULL, *ea = cli_opt(c, "exit-after");

	if (strcmp(c->cmd->name, "tui") == 0)
		role = cli_opt(c, "role");
	if (ea != NULL && tui_parse_long(ea, "--exit-after", exit_after))
		return 1;
	if (role != NULL && strcmp(role, "commander") == 0)
		t->role = t->role_want = TUI_COMMANDER;
	else if (role != NULL && strcmp(role, "scribe") == 0)
		t->role = t->role_want = TUI_SCRIBE;
	else if (role != NULL)
		return cli_fail("unknown role '%.40s' (use commander or "
		    "scribe; 'warroom view' watches read-only)", role);
	if (cli_named_incident(c, &t->incident_fixed) != 0)
		return 1;
	if (t->incident_fixed > 0 && strcmp(c->cmd->name, "demo") != 0) {
		int found = incident_exists(c->st, t->incident_fixed, c->err);

		if (found < 0)
			return cli_error(c);
		if (found == 0)
			return cli_fail("no incident #%lld; 'warroom list' shows "
			    "them", (long long)t->incident_fixed);
	}
	return 0;
}

/* The [tui] settings and the themes (--theme or [tui] theme, and mono):
 * 0, or the exit status after saying what is wrong. */
static int
tui_settings(struct cli *c, struct tui *t, struct theme *colour,
    struct theme *mono)
{
	const char *theme_name = cli_opt(c, "theme");
	struct config *cf = config_load(NULL, c->err);

	if (cf == NULL)
		return cli_error(c);
	if (snapshot_quiet_setting(cf, &t->want.recovery_quiet, c->err) != 0) {
		config_free(cf);
		return cli_error(c);
	}
	/* Reminders ring unless [tui] bell = no. */
	t->bell = config_bool(config_get(cf, "tui", "bell")) != 0;
	if (theme_name == NULL)
		theme_name = config_get(cf, "tui", "theme");
	if (theme_name == NULL)
		theme_name = "default";
	if (theme_load(colour, theme_name, c->err) != 0 ||
	    theme_load(mono, "mono", c->err) != 0) {
		theme_free(colour);
		config_free(cf);
		return cli_error(c);
	}
	config_free(cf);
	return 0;
}

/* The demo: a seeded database (--db or a fresh one) and its agent. */
struct tui_demo {
	char *path, *log;
	pid_t agent;
};

/* 0, or -1 with c->err set. */
static int
tui_demo_start(struct cli *c, struct tui_demo *d)
{
	const char *want = cli_opt(c, "db") ? cli_opt(c, "db") : c->db_path;

	d->path = want != NULL ? xstrdup(want) : demo_default_path();
	if (demo_seed(d->path, want == NULL, c->err) != 0)
		return -1;
	c->st = demo_open(d->path, c->err); /* cli_main closes it */
	if (c->st == NULL)
		return -1;
	c->db_path = d->path;
	c->as = DEMO_COMMANDER; /* the demo's screen commands */
	d->log = xasprintf("%s.agent.log", d->path);
	d->agent = demo_agent_start(d->path, d->log, c->err);
	return d->agent < 0 ? -1 : 0;
}

/* Stop the agent; done: say where the demo's files are. */
static void
tui_demo_stop(struct cli *c, struct tui_demo *d, int done)
{
	demo_agent_stop(d->agent);
	if (done)
		fprintf(stderr, "warroom: the demo database is %s (agent log: "
		    "%s)\n", d->path, d->log);
	c->db_path = NULL;
	free(d->path);
	free(d->log);
}

int
tui_main(struct cli *c)
{
	struct tui t;
	struct theme colour, mono;
	struct tui_demo demo = {NULL, NULL, -1};
	long exit_after = 0;
	int is_demo = strcmp(c->cmd->name, "demo") == 0, rc;

	memset(&t, 0, sizeof t);
	t.role_want = -1;
	t.model_role = -1;
	if ((rc = tui_options(c, &t, &exit_after)) != 0 ||
	    (rc = tui_settings(c, &t, &colour, &mono)) != 0)
		return rc;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		theme_free(&colour);
		theme_free(&mono);
		return cli_fail("%s needs a terminal", c->cmd->name);
	}
	if (is_demo && tui_demo_start(c, &demo) != 0)
		goto fail;
	t.st = c->st;
	t.db_path = c->db_path;
	t.as = c->as;
	t.readonly = snapshot_readonly(c->st);
	if (t.readonly)
		t.role = TUI_VIEWER;
	else if (tui_role_start(&t, c->err) != 0)
		goto fail;
	t.focus = t.role == TUI_SCRIBE ? PANE_TIMELINE : PANE_PHASE;
	rc = tui_run(&t, &colour, &mono, exit_after);
	theme_free(&colour);
	theme_free(&mono);
	if (is_demo)
		tui_demo_stop(c, &demo, 1);
	return rc;
fail:
	rc = cli_error(c);
	if (is_demo)
		tui_demo_stop(c, &demo, 0);
	theme_free(&colour);
	theme_free(&mono);
	return rc;
}
