/* statusbar.c: the bottom line: who you are, your role, read-only or not,
 * the database, the last change seen; or a message, or the prompt. */
#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"
#include "model/alert.h"
#include "model/remind.h"
#include "widget/draw.h"
#include "pane/pane.h"

static const char *
statusbar_role(const struct tui *t)
{
	switch (t->role) {
	case TUI_COMMANDER:
		return "commander";
	case TUI_SCRIBE:
		return "scribe";
	case TUI_VIEWER:
		break;
	}
	/* Read-write, but the incident gives no role that changes things. */
	if (!t->readonly && t->model_role >= 0)
		return role_names[t->model_role];
	if (!t->readonly && t->have_snap && t->snap.incident_id > 0)
		return "not in the response";
	return "viewer";
}

/* With no open incident on screen, the oldest firing Alertmanager alert
 * (the agent keeps the list; the snapshot reads it only then) as a
 * proposal to declare. No key: D is the commander's decision and a viewer
 * may not declare, so it names the command. */
static int
statusbar_alert(const struct tui *t, WINDOW *w, int x, int cols)
{
	const struct alert *list = t->snap.alerts;
	char since[16];
	int n = t->snap.nalerts;

	if (!t->have_snap || n <= 0)
		return 0;
	time_hm(list[0].starts_at, since, sizeof since);
	x = draw_fmt(w, 0, x, cols - x, TH_ERROR, " alert %s firing since %s: "
	    "warroom declare --from-alert %s %s", str_empty(list[0].name) ?
	    list[0].fingerprint : list[0].name, since, list[0].fingerprint,
	    n > 1 ? "(more: warroom alerts) " : "");
	return x;
}

/* The reminder as the bar shows it, in its short words (model/remind.h)
 * so that it holds at 80 columns beside who you are; the commander is
 * told the key that snoozes it. "" when none. */
static void
statusbar_remind_text(const struct tui *t, char *out, size_t n)
{
	const struct snapshot *s = &t->snap;
	char text[sizeof s->remind];

	out[0] = '\0';
	if (!t->have_snap || s->remind[0] == '\0')
		return;
	if (!remind_short(&s->inc, s->board, s->nboard, s->now, text,
	    sizeof text)) /* the snapshot's words, then */
		snprintf(text, sizeof text, "%s", s->remind);
	snprintf(out, n, " REMINDER: %s %s", text, t->role == TUI_COMMANDER ?
	    "(z snoozes) " : "");
}

/* An incident declared since this screen took its own (seen, never
 * followed): its notice in the room the reminder leaves (reserve), the
 * key that shows it always in sight: a long title gives way first, then
 * all but the number. */
static int
statusbar_notice(const struct tui *t, WINDOW *w, int x, int cols,
    int reserve)
{
	static const char key[] = "  J shows it ";
	int room = cols - x - reserve, used;
	char brief[48];

	if (t->notice[0] == '\0')
		return 0;
	if (draw_width(t->notice) + 2 <= room)
		return draw_fmt(w, 0, x, cols - x, TH_ERROR, " %s ", t->notice);
	if (room < 24) { /* the number and the key */
		snprintf(brief, sizeof brief, " #%lld new (J) ",
		    (long long)t->notice_id);
		return draw_text(w, 0, x, brief, cols - x, TH_ERROR);
	}
	used = draw_text(w, 0, x, " ", 1, TH_ERROR);
	used += draw_text_ell(w, 0, x + used, t->notice, room - 1 -
	    draw_width(key), TH_ERROR);
	return used + draw_text(w, 0, x + used, key, cols - x - used,
	    TH_ERROR);
}

/* Who you are, your role and which incident the screen shows, or that
 * it shows none while several are open (the Phase pane says so too, but
 * at 80 columns its line is cut before the key). */
static int
statusbar_who(const struct tui *t, WINDOW *w, int x, int cols)
{
	x += draw_fmt(w, 0, x, cols - x, TH_STATUS, " %s (%s) ", t->as,
	    statusbar_role(t));
	if (t->have_snap && t->snap.incident_id > 0) /* which one */
		return x + draw_fmt(w, 0, x, cols - x, TH_STATUS, "#%lld ",
		    (long long)t->snap.incident_id);
	if (t->incident_fixed == 0 && t->load_err[0] != '\0')
		x += draw_text(w, 0, x, " no incident on screen: I picks one ",
		    cols - x, TH_ERROR);
	return x;
}

void
statusbar_draw(struct tui *t)
{
	WINDOW *w = t->status_win;
	int cols = getmaxx(w), x = 0, rw;
	char right[96], seen[16], remind[sizeof t->snap.remind + 32];
	const char *path = t->db_path, *retro;

	if (t->prompt.active) {
		prompt_draw(&t->prompt, w);
		return;
	}
	werase(w);
	draw_fill(w, 0, 0, cols, TH_STATUS);
	if (t->readonly || t->role == TUI_VIEWER)
		x += draw_text(w, 0, x, " READ-ONLY ", cols, TH_STATUS_READONLY);
	if (t->st != NULL && !snapshot_live(t->st))
		x += draw_text(w, 0, x, " NOT LIVE: database files replaced; "
		    "reopening ", cols - x, TH_ERROR);
	x = statusbar_who(t, w, x, cols);
	statusbar_remind_text(t, remind, sizeof remind);
	/* A message takes the reminder's place for one key press. */
	rw = t->msg[0] != '\0' ? draw_width(t->msg) + 1 : draw_width(remind);
	x += statusbar_notice(t, w, x, cols, rw < cols / 2 ? rw : cols / 2);
	if (t->last_change > 0)
		time_hms(t->last_change, seen, sizeof seen);
	else
		snprintf(seen, sizeof seen, "-");
	if (t->msg[0] != '\0') {
		/* A message replaces the path for one key press. */
		x += draw_text(w, 0, x, " ", 1, TH_STATUS);
		draw_text_ell(w, 0, x, t->msg, cols - x, t->msg_error ? TH_ERROR
		    : TH_MESSAGE);
		return;
	}
	if (t->big_rows > 0) /* the terminal is larger than what is drawn */
		x += draw_fmt(w, 0, x, cols - x, TH_ERROR, "window %dx%d: drawn "
		    "%dx%d ", t->big_cols, t->big_rows, COLS, LINES);
	if (remind[0] != '\0')
		x += draw_text_ell(w, 0, x, remind, cols - x, TH_ERROR);
	x += statusbar_alert(t, w, x, cols);
	{ /* failing series the Metrics pane cannot show */
		char note[ERR_LEN];

		metrics_status_note(t, note, sizeof note);
		if (note[0] != '\0')
			x += draw_fmt(w, 0, x, cols - x, TH_ERROR, "%s ", note);
	}
	/* Once resolved, the retrospective is the next thing to do. What is
	 * on the left stays: the last change, then "? help" (the key bar
	 * has it too) give way to it. */
	retro = t->have_snap && t->snap.incident_id > 0 &&
	    t->snap.inc.phase >= PHASE_RESOLVED &&
	    overlay_get(t, OVERLAY_DIALOG) == NULL ? " A retrospective " : "";
	snprintf(right, sizeof right, "%s changed %s  ? help ", retro, seen);
	if (draw_width(right) > cols - x)
		snprintf(right, sizeof right, "%s ? help ", retro);
	if (draw_width(right) > cols - x && retro[0] != '\0')
		snprintf(right, sizeof right, "%s", retro);
	rw = draw_width(right);
	if (rw > cols - x)
		rw = 0;
	if (cols - x - rw > 8) {
		int room = cols - x - rw - 1, pw = draw_width(path);

		/* Long paths lose their beginning: the file name matters. */
		if (pw > room) {
			const char *p = path + strlen(path);

			while (p > path && draw_width(p - 1) <= room - 1)
				p--;
			x += draw_text(w, 0, x, draw_utf8() ? "…" : "<", 1,
			    TH_STATUS);
			path = p;
		}
		draw_text(w, 0, x, path, room, TH_STATUS);
	}
	if (rw > 0)
		draw_text(w, 0, cols - rw, right, rw, TH_STATUS);
}

/* Whether the screen's role may use a key that needs need. */
static int
keybar_allowed(const struct tui *t, enum key_need need)
{
	if (need == NEED_NONE)
		return 1;
	if (t->readonly || t->role == TUI_VIEWER)
		return 0;
	return need == NEED_TIMELINE || t->role == TUI_COMMANDER;
}

/* Columns of a key in the bar: "key name". */
static int
keybar_width(const struct key_binding *k)
{
	return draw_width(k->name) + 1 + draw_width(k->bar_name);
}

/* The keys of the bar for the focused pane, most useful first, as many as
 * fit in cols with two spaces between; returns how many. */
static int
keybar_pick(const struct tui *t, int cols, const struct key_binding **out,
    int max)
{
	const struct keymap *m = &keys_normal;
	int i, j, n = 0, used;

	for (i = 0; i < m->n && n < max; i++) {
		const struct key_binding *k = &m->keys[i];

		if (k->bar <= 0 || k->bar_name == NULL ||
		    !keybar_allowed(t, k->need))
			continue;
		/* Only the binding the key really has in this pane. */
		if (keymap_find(m, k->key, k->key >= KEY_MIN, t->focus) != k)
			continue;
		/* Insertion by priority; the table's order among equals. */
		for (j = n; j > 0 && out[j - 1]->bar > k->bar; j--)
			out[j] = out[j - 1];
		out[j] = k;
		n++;
	}
	/* Drop the least useful until the line fits. */
	for (;;) {
		used = 0;
		for (i = 0; i < n; i++)
			used += keybar_width(out[i]) + (i > 0 ? 2 : 0);
		if (used <= cols - 1 || n == 0)
			return n;
		n--;
	}
}

int
keybar_state(struct tui *t)
{
	int covered = overlay_top(t) != NULL || t->prompt.active;

	return ((t->focus * 4 + (int)t->role) * 2 + (t->readonly != 0)) * 2 +
	    covered;
}

void
keybar_draw(struct tui *t)
{
	const struct key_binding *keys[64];
	WINDOW *w = t->keybar_win;
	int cols, n, i, x = 1;

	if (w == NULL)
		return;
	t->keybar_for = keybar_state(t);
	cols = getmaxx(w);
	werase(w);
	draw_fill(w, 0, 0, cols, TH_NORMAL);
	/* A dialog, a form, the help or the prompt has keys of its own (it
	 * shows them): the panes' would not work. */
	if (t->keybar_for % 2 != 0)
		return;
	n = keybar_pick(t, cols - 1, keys, (int)(sizeof keys / sizeof keys[0]));
	for (i = 0; i < n; i++) {
		x += draw_text(w, 0, x, keys[i]->name, cols - x, TH_HELP_KEY);
		x += 1;
		x += draw_text(w, 0, x, keys[i]->bar_name, cols - x, TH_NORMAL);
		x += 2;
	}
}
