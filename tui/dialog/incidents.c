/* incidents.c: the incident list overlay (I): every incident with its
 * severity, phase, detection time and title; Enter switches the whole
 * screen to one. Watching another incident is not a write, so viewers
 * may switch too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/incident.h"
#include "model/incident_pick.h"
#include "base/timefmt.h"
#include "widget/draw.h"
#include "widget/overlay.h"
#include "pane/pane.h"

#define KEY_ESC 27

struct incident_list {
	struct incident *list; /* newest first */
	int n;
	int sel, top;
	int ask; /* opened to ask which incident the screen shows */
	char err[ERR_LEN];
};

static void
incidents_clear(struct incident_list *il)
{
	incident_list_free(il->list, il->n);
	il->list = NULL;
	il->n = 0;
}

static void
incidents_close(struct tui *t, void *data)
{
	(void)t;
	incidents_clear(data);
	free(data);
}

/* Read the list again, keeping the selection on the same incident. */
static void
incidents_load(struct tui *t, struct incident_list *il, int64_t keep)
{
	int i;

	incidents_clear(il);
	il->err[0] = '\0';
	if (incident_list(t->st, &il->list, &il->n, il->err) != 0) {
		il->list = NULL;
		il->n = 0;
		return;
	}
	il->sel = 0;
	for (i = 0; i < il->n; i++)
		if (il->list[i].id == keep)
			il->sel = i;
}

static void
incidents_reload(struct tui *t, void *data)
{
	struct incident_list *il = data;

	incidents_load(t, il, il->n > 0 && il->sel < il->n ?
	    il->list[il->sel].id : t->snap.incident_id);
}

static void
incidents_geom(const struct incident_list *il, int *h, int *w)
{
	int rows = LINES - 1;

	*h = il->n + 5 > 8 ? il->n + 5 : 8;
	if (*h > rows)
		*h = rows;
	*w = COLS < 100 ? COLS : 100;
}

static void
incidents_draw(struct tui *t, void *data)
{
	struct incident_list *il = data;
	int h, w, y, i, list_rows;
	WINDOW *win;
	char right[48];

	incidents_geom(il, &h, &w);
	win = overlay_box(t, &h, &w, TH_HELP);
	if (win == NULL)
		return;
	snprintf(right, sizeof right, "%d incident%s", il->n, il->n == 1 ? ""
	    : "s");
	draw_box(win, il->ask ? "Which incident? Several are open" :
	    "Incidents", right, 1);
	list_rows = h - 4;
	if (il->sel < il->top)
		il->top = il->sel;
	if (il->sel >= il->top + list_rows)
		il->top = il->sel - list_rows + 1;
	if (il->err[0] != '\0')
		draw_text_ell(win, 1, 2, il->err, w - 4, TH_ERROR);
	else if (il->n == 0)
		draw_text_ell(win, 1, 2, "No incidents yet: warroom declare "
		    "TITLE", w - 4, TH_MUTED);
	for (i = il->top, y = 1; i < il->n && y <= list_rows; i++, y++) {
		const struct incident *inc = &il->list[i];
		int sel = i == il->sel, x = 1;
		int cur = inc->id == t->snap.incident_id;
		enum theme_el el = sel ? TH_SELECTED : TH_HELP;
		char when[32];

		if (sel)
			draw_fill(win, y, 1, w - 2, TH_SELECTED);
		x += draw_text(win, y, x, cur ? (draw_utf8() ? "▶" : ">") : " ",
		    1, el);
		x += draw_fmt(win, y, x, 7, el, "%5lld ", (long long)inc->id);
		x += draw_fmt(win, y, x, 5, el, "%s ",
		    severity_names[inc->severity]);
		x += draw_fmt(win, y, x, 14, el, "%-13s ",
		    phase_names[inc->phase]);
		time_full(inc->detected, when, sizeof when);
		when[16] = '\0'; /* to the minute */
		x += draw_fmt(win, y, x, 17, el, "%s ", when);
		draw_text_ell(win, y, x, inc->title, w - 1 - x, el);
	}
	draw_text_ell(win, h - 2, 2, "j/k move  Enter show this incident  "
	    "Esc close", w - 4, TH_MUTED);
	wnoutrefresh(win);
}

static const struct key_binding incidents_key_table[] = {
	{'k', "k", ACT_UP, -1, NEED_NONE, "up (newer)", 0, NULL},
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL, 0, NULL},
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "down (older)", 0, NULL},
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_PPAGE, "PgUp", ACT_PAGE_UP, -1, NEED_NONE, "a page up", 0, NULL},
	{KEY_NPAGE, "PgDn", ACT_PAGE_DOWN, -1, NEED_NONE,
	    "a page down", 0, NULL},
	{'g', "g", ACT_TOP, -1, NEED_NONE, "to the top (the newest)", 0, NULL},
	{KEY_HOME, "Home", ACT_TOP, -1, NEED_NONE, NULL, 0, NULL},
	{'G', "G", ACT_BOTTOM, -1, NEED_NONE,
	    "to the bottom (the oldest)", 0, NULL},
	{KEY_END, "End", ACT_BOTTOM, -1, NEED_NONE, NULL, 0, NULL},
	{'\r', "Enter", ACT_PICK, -1, NEED_NONE,
	    "switch the screen to the selected incident", 0, NULL},
	{'\n', "Enter", ACT_PICK, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_ENTER, "Enter", ACT_PICK, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_ESC, "Esc", ACT_CLOSE, -1, NEED_NONE, "close the list", 0, NULL},
	{'q', "q", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{'I', "I", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{3, "^C", ACT_QUIT, -1, NEED_NONE, "quit", 0, NULL},
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL},
};
static const struct keymap incidents_keys = KEYMAP("Keys: incident list",
    incidents_key_table);

/* Switch the screen to the selected incident. */
static int
incidents_pick_sel(struct tui *t, struct incident_list *il)
{
	int64_t id = il->list[il->sel].id;

	overlay_close(t, OVERLAY_DIALOG); /* frees il */
	tui_switch_incident(t, id);
	if (t->have_snap && t->snap.incident_id == id)
		tui_message(t, 0, "showing incident #%lld: %s", (long long)id,
		    t->snap.inc.title);
	return KEY_HANDLED;
}

static int
incidents_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct incident_list *il = data;
	const struct key_binding *k = keymap_find(&incidents_keys, (int)ch,
	    is_code, -1);
	int h, w, page;

	incidents_geom(il, &h, &w);
	page = h - 4 > 1 ? h - 4 : 1;
	switch (k != NULL ? k->act : ACT_NONE) {
	case ACT_UP:
		il->sel--;
		break;
	case ACT_DOWN:
		il->sel++;
		break;
	case ACT_PAGE_UP:
		il->sel -= page;
		break;
	case ACT_PAGE_DOWN:
		il->sel += page;
		break;
	case ACT_TOP:
		il->sel = 0;
		break;
	case ACT_BOTTOM:
		il->sel = il->n - 1;
		break;
	case ACT_PICK:
		if (il->n > 0 && il->sel >= 0 && il->sel < il->n)
			return incidents_pick_sel(t, il);
		break;
	case ACT_CLOSE:
		overlay_close(t, OVERLAY_DIALOG);
		return KEY_HANDLED;
	case ACT_QUIT:
		return KEY_QUIT;
	default:
		break;
	}
	if (il->sel >= il->n)
		il->sel = il->n - 1;
	if (il->sel < 0)
		il->sel = 0;
	return KEY_HANDLED;
}

static const struct overlay_ops incidents_ops = {incidents_draw,
	incidents_key, incidents_reload, incidents_close, &incidents_keys};

/* The list over the panes; ask: titled to ask which incident to show. */
static int
incidents_show(struct tui *t, int ask)
{
	struct incident_list *il = xcalloc(1, sizeof *il);
	int64_t keep = t->have_snap ? t->snap.incident_id : 0;
	char msg[ERR_LEN];

	il->ask = ask;
	/* With none shown, on the newest of those to choose from, not on a
	 * closed or imported one. */
	if (keep <= 0 && incident_pick(t->st, &keep, msg, sizeof msg) ==
	    PICK_ERROR)
		keep = 0;
	incidents_load(t, il, keep);
	overlay_open(t, OVERLAY_DIALOG, &incidents_ops, il);
	return KEY_HANDLED;
}

int
incidents_open(struct tui *t)
{
	return incidents_show(t, 0);
}

int64_t
incidents_pick(struct tui *t)
{
	char msg[ERR_LEN];
	int64_t id;

	switch (incident_pick(t->st, &id, msg, sizeof msg)) {
	case PICK_ONE:
		t->incident_fixed = id;
		t->notice_seen = 0;
		return id;
	case PICK_NONE:
		t->load_err[0] = '\0'; /* the pane says: declare one */
		return 0;
	case PICK_SEVERAL:
		snprintf(t->load_err, sizeof t->load_err, "%s: I picks one "
		    "(or start with --incident N)", strncmp(msg, "several",
		    7) == 0 ? "Several incidents are open" : "Only imported "
		    "incidents are open or here");
		return 0;
	case PICK_ERROR:
		break;
	}
	tui_message(t, 1, "%s", msg);
	return -1;
}

void
incidents_ask(struct tui *t)
{
	incidents_show(t, 1);
}

/* "#2 SEV4 declared: disk noise  J shows it" */
static void
incidents_notice_set(struct tui *t, int64_t id, int sev, const char *title)
{
	size_t fit = incident_title_fit(title, 40, sizeof t->notice - 64);

	snprintf(t->notice, sizeof t->notice, "#%lld %s declared: %.*s%s  "
	    "J shows it", (long long)id, severity_names[sev], (int)fit, title,
	    title[fit] != '\0' ? "..." : "");
	t->notice_id = id;
}

void
incidents_notice(struct tui *t)
{
	char err[ERR_LEN], *title = NULL;
	int64_t id;
	int sev, r;

	if (t->incident_fixed <= 0)
		return;
	if (t->notice_seen == 0) {
		/* The screen just took its incident: what exists is known. */
		t->notice_seen = incident_newest_id(t->st, err);
		t->notice_id = 0;
		t->notice[0] = '\0';
		if (t->notice_seen < 0)
			t->notice_seen = 0;
		return;
	}
	r = incident_newer_open(t->st, t->notice_seen, t->incident_fixed, &id,
	    &sev, &title, err);
	if (r < 0)
		return; /* keep what the bar shows; the next reload asks again */
	if (r == 0) {
		t->notice_id = 0;
		t->notice[0] = '\0';
	} else
		incidents_notice_set(t, id, sev, title);
	free(title);
	t->status_dirty = 1;
}

int
incidents_jump(struct tui *t)
{
	int64_t id = t->notice_id;

	if (id <= 0) {
		tui_message(t, 0, "no incident declared since this screen "
		    "opened; I lists them all");
		return KEY_HANDLED;
	}
	tui_switch_incident(t, id);
	if (t->have_snap && t->snap.incident_id == id)
		tui_message(t, 0, "showing incident #%lld: %s", (long long)id,
		    t->snap.inc.title);
	return KEY_HANDLED;
}
