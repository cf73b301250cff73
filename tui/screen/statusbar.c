/* statusbar.c: the bottom line: who you are, your role, read-only or not,
 * the database, the last change seen; or a message, or the prompt. */
#include <stdio.h>
#include <string.h>

#include "base/timefmt.h"
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

void
statusbar_draw(struct tui *t)
{
	WINDOW *w = t->status_win;
	int cols = getmaxx(w), x = 0, rw;
	char right[96], seen[16];
	const char *path = t->db_path;

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
	x += draw_fmt(w, 0, x, cols - x, TH_STATUS, " %s (%s) ", t->as,
	    statusbar_role(t));
	if (t->have_snap && t->snap.incident_id > 0) /* which one */
		x += draw_fmt(w, 0, x, cols - x, TH_STATUS, "#%lld ",
		    (long long)t->snap.incident_id);
	if (t->notice[0] != '\0') /* another incident: seen, not followed */
		x += draw_fmt(w, 0, x, cols - x, TH_ERROR, " %s ", t->notice);
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
	if (t->have_snap && t->snap.remind[0] != '\0')
		x += draw_fmt(w, 0, x, cols - x, TH_ERROR, " REMINDER: %s %s",
		    t->snap.remind, t->role == TUI_COMMANDER ? "(z snoozes) "
		    : "");
	{ /* failing series the Metrics pane cannot show */
		char note[ERR_LEN];

		metrics_status_note(t, note, sizeof note);
		if (note[0] != '\0')
			x += draw_fmt(w, 0, x, cols - x, TH_ERROR, "%s ", note);
	}
	/* Once resolved, the retrospective is the next thing to do. */
	snprintf(right, sizeof right, "%s changed %s  ? help ", t->have_snap &&
	    t->snap.incident_id > 0 && t->snap.inc.phase >= PHASE_RESOLVED &&
	    overlay_get(t, OVERLAY_DIALOG) == NULL ? " A retrospective " : "",
	    seen);
	rw = draw_width(right);
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
	if (rw <= cols)
		draw_text(w, 0, cols - rw, right, rw, TH_STATUS);
}
