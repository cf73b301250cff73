/* phase.c: the Phase pane: title, severity, the incident clock, the
 * phase and time in it, the two tracks (recovery; impact and users), the
 * next status update and the last one's delivery, decisions awaiting
 * sign-off and recent releases. The commander's keys for all of it.
 *
 * When the pane is too short for every line (80x24), the lines a
 * commander must see come first: the title, phase, clock, update due, failed
 * updates, decisions awaiting sign-off and releases marked NOT
 * rollback-safe. Decoration goes first, in this order: the recovery dots
 * and the "next"/"back at" hints (the phase line keeps "4/8"), then, from
 * the bottom up, the commander's name, "none pending", the other releases,
 * the last update, users and impact: they follow below, to scroll to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/decision.h"
#include "model/incident.h"
#include "model/outbox.h"
#include "base/timefmt.h"
#include "widget/choice.h"
#include "widget/draw.h"
#include "pane/common.h"
#include "pane/pane.h"

#define LABEL_W 10
#define LABEL_W_NARROW 9
#define WIDE_COLS 56 /* from here the two tracks stand side by side */

struct phase_pane {
	int scroll;       /* first line shown */
	int lines;        /* lines the last draw wanted */
	int sel;          /* selected pending decision */
	int64_t sel_id;   /* ... by decision id, kept across reloads */
	int show_sel;     /* scroll the selection into view on next draw */
	int sel_line;     /* its line in the last layout, -1 none */
	int dry;          /* measuring: draw nothing */
	int must_first;   /* too short for every line: PHASE_MUST first */
};

static const enum theme_el phase_els[PHASE_COUNT] = {
	TH_PHASE_DETECTED, TH_PHASE_INVESTIGATING, TH_PHASE_IDENTIFIED,
	TH_PHASE_MITIGATING, TH_PHASE_MONITORING, TH_PHASE_RECOVERED,
	TH_PHASE_RESOLVED, TH_PHASE_RETROSPECTIVE,
};
static const enum theme_el sev_els[SEV_COUNT] = {TH_SEV1, TH_SEV2, TH_SEV3,
	TH_SEV4};
/* How people say the communication states. */
static const char *const comms_words[COMMS_COUNT] = {"not told yet",
	"told", "updated", "told of recovery"};

static void
phase_recalc(struct pane *p, struct tui *t)
{
	struct phase_pane *pp = p->priv;
	const struct snapshot *s = &t->snap;
	int i;

	/* Keep the same decision selected when the list changes. */
	for (i = 0; i < s->npending; i++)
		if (s->pending[i].decision_id == pp->sel_id) {
			pp->sel = i;
			break;
		}
	if (i == s->npending && pp->sel >= s->npending)
		pp->sel = s->npending > 0 ? s->npending - 1 : 0;
	pp->sel_id = s->npending > 0 ? s->pending[pp->sel].decision_id : 0;
	p->dirty = 1;
}

/* The row of line n in the window, or -1 when it is scrolled out. */
static int
phase_row(struct pane *p, int n)
{
	struct phase_pane *pp = p->priv;
	int y = n - pp->scroll + 1;

	if (pp->dry)
		return -1;
	return y >= 1 && y <= pane_rows(p) ? y : -1;
}

/* A "Label     value" line; returns the column after the label. */
static int
phase_label(struct pane *p, int y, int x, const char *label, int w)
{
	draw_text(p->win, y, x, label, w, TH_LABEL);
	return x + w;
}

static void
phase_update_due(struct pane *p, int y, int x, int cols,
    const struct snapshot *s)
{
	char b1[32], b2[32];

	if (s->next_update <= 0)
		draw_text(p->win, y, x, "none due", cols - x + 1, TH_MUTED);
	else if (s->next_update <= s->now) {
		tui_dur(s->now - s->next_update, b1, sizeof b1);
		draw_fmt(p->win, y, x, cols - x + 1, TH_CRIT, "OVERDUE by %s "
		    "(u writes one)", b1);
	} else {
		int64_t left = s->next_update - s->now;

		/* "in N min", rounded up: "in 0 min" would read as overdue. */
		if (left < 60)
			snprintf(b1, sizeof b1, "<1 min");
		else
			snprintf(b1, sizeof b1, "%lld min",
			    (long long)((left + 59) / 60));
		time_hm(s->next_update, b2, sizeof b2);
		draw_fmt(p->win, y, x, cols - x + 1, left < 300 ? TH_WARN
		    : TH_NORMAL, "due in %s (%s)", b1, b2);
	}
}

static enum theme_el
phase_ustate_el(int state)
{
	return state == USTATE_SENT ? TH_OK : state == USTATE_FAILED ? TH_CRIT
	    : TH_WARN;
}

/* When users were last told, whichever update it was. */
static int64_t
phase_users_last(const struct incident *inc)
{
	int64_t t = inc->users_told;

	if (inc->users_updated > t)
		t = inc->users_updated;
	if (inc->recovery_told > t)
		t = inc->recovery_told;
	return t;
}

/* "told of recovery, last 14:03 (12 min ago)" in w columns. */
static void
phase_users(struct pane *p, int y, int x, int w, const struct incident *inc,
    int64_t now)
{
	int64_t last = phase_users_last(inc);
	char hm[32], ago[32];

	x += draw_text_ell(p->win, y, x, comms_words[inc->comms], w,
	    inc->comms == COMMS_NOT_TOLD ? TH_WARN : TH_NORMAL);
	w -= draw_width(comms_words[inc->comms]);
	if (last <= 0 || w <= 2)
		return;
	time_hm(last, hm, sizeof hm);
	tui_dur(now > last ? now - last : 0, ago, sizeof ago);
	draw_fmt(p->win, y, x, w, TH_MUTED, ", last %s (%s ago)", hm, ago);
}

/* Every failed update nobody acted on, under the update line: each waits
 * for someone. (The reminder itself is on the status bar of every
 * screen.) Returns the lines used. */
static int
phase_failed(struct pane *p, const struct snapshot *s, int n, int cols)
{
	int y, x, w, i, used = 0;

	for (i = 0; i < s->nfailed; i++) {
		const struct status_update *u = &s->failed[i];

		if ((y = phase_row(p, n + used++)) <= 0)
			continue;
		x = 1 + draw_fmt(p->win, y, 1, cols, TH_CRIT, "FAILED #%lld %s ",
		    (long long)u->id, audience_names[u->audience]);
		/* The keys keep their place: they are what to do. */
		w = cols - x + 1;
		if (i == 0 && w > 24) {
			draw_text(p->win, y, cols - 15, " S resend x drop", 16,
			    TH_MUTED);
			w -= 16;
		}
		draw_text_ell(p->win, y, x, u->last_error != NULL ?
		    u->last_error : "no reason recorded", w, TH_CRIT);
	}
	return used;
}

/* The two tracks side by side: recovery on the left, impact and users on
 * the right. Returns the lines used. */
static int
phase_tracks_wide(struct pane *p, const struct snapshot *s, int n, int cols)
{
	const struct incident *inc = &s->inc;
	int half = cols / 2, rx = 1 + half + 2, rw = cols - half - 2;
	int y, x, i, lines = 3, scope = inc->impact_scope != NULL &&
	    *inc->impact_scope != '\0';

	if ((y = phase_row(p, n)) > 0) {
		x = phase_label(p, y, 1, "Recovery", LABEL_W);
		for (i = 0; i < PHASE_COUNT && x <= half; i++)
			draw_glyph(p->win, y, x++, i <= inc->phase ? 0x25CF
			    : 0x25CB, i <= inc->phase ? '#' : '-',
			    i <= inc->phase ? phase_els[inc->phase] : TH_MUTED);
		draw_fmt(p->win, y, x, half - x + 1, TH_MUTED, " %d/%d",
		    inc->phase + 1, PHASE_COUNT);
	}
	if ((y = phase_row(p, n + 1)) > 0) {
		x = phase_label(p, y, 1, "  next", LABEL_W);
		if (inc->phase + 1 < PHASE_COUNT)
			draw_fmt(p->win, y, x, half - x + 1, TH_MUTED, "%s %s",
			    phase_headings[inc->phase + 1],
			    phase_names[inc->phase + 1]);
		else
			draw_text(p->win, y, x, "-", half - x + 1, TH_MUTED);
	}
	if ((y = phase_row(p, n + 2)) > 0 && inc->recovered > 0) {
		char b[32];

		time_hm(inc->recovered, b, sizeof b);
		x = phase_label(p, y, 1, "  back at", LABEL_W);
		draw_text(p->win, y, x, b, half - x + 1, TH_OK);
	}
	for (i = 0; i < lines; i++)
		if ((y = phase_row(p, n + i)) > 0)
			draw_glyph(p->win, y, 1 + half, 0x2502, '|', TH_BORDER);
	if ((y = phase_row(p, n)) > 0) {
		x = phase_label(p, y, rx, "Impact", LABEL_W_NARROW);
		draw_text_ell(p->win, y, x, impact_names[inc->impact],
		    rw - LABEL_W_NARROW, inc->impact == IMPACT_KNOWN ? TH_NORMAL
		    : TH_WARN);
	}
	if (scope && (y = phase_row(p, n + 1)) > 0)
		draw_text_ell(p->win, y, rx + 2, inc->impact_scope, rw - 2,
		    TH_NORMAL);
	if ((y = phase_row(p, n + 1 + scope)) > 0) {
		x = phase_label(p, y, rx, "Users", LABEL_W_NARROW);
		phase_users(p, y, x, rx + rw - x, inc, s->now);
	}
	return lines;
}

/* The title line, the phase line and, when metrics have been quiet long
 * enough (core/view/snapshot.c), the suggestion to declare recovery: the
 * commander decides. Returns the lines used. */
static int
phase_heading(struct pane *p, const struct snapshot *s, int n, int cols,
    int wide)
{
	const struct incident *inc = &s->inc;
	int y, x, used = 2;
	char b[64];

	if ((y = phase_row(p, n)) > 0) {
		x = 1 + draw_fmt(p->win, y, 1, cols, sev_els[inc->severity],
		    "%s", severity_names[inc->severity]);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED, " #%lld ",
		    (long long)inc->id);
		draw_text_ell(p->win, y, x, inc->title, cols - x + 1,
		    TH_INCIDENT_TITLE);
	}
	if ((y = phase_row(p, n + 1)) > 0) {
		x = phase_label(p, y, 1, "Phase", wide ? LABEL_W
		    : LABEL_W_NARROW);
		tui_dur(s->now - inc->phase_since, b, sizeof b);
		x += draw_fmt(p->win, y, x, cols - x + 1, phase_els[inc->phase],
		    "%s %s", phase_headings[inc->phase],
		    phase_names[inc->phase]);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED, " for %s",
		    b);
		if (!wide) /* the recovery track, in short */
			draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED, " %d/%d",
			    inc->phase + 1, PHASE_COUNT);
	}
	if (s->recovery_hint && (y = phase_row(p, n + used++)) > 0) {
		tui_dur(s->now - s->recovery_since, b, sizeof b);
		draw_fmt(p->win, y, 1, cols, TH_PHASE_RECOVERED, "Metrics below "
		    "warn for %s: declare recovery?", b);
	}
	return used;
}

/* The incident clock on line y: since detection, and since it began once
 * someone said when. */
static void
phase_clock(struct pane *p, const struct snapshot *s, int y, int cols,
    int wide)
{
	const struct incident *inc = &s->inc;
	int x = phase_label(p, y, 1, "Clock", wide ? LABEL_W : LABEL_W_NARROW);
	char b1[64], b2[64];

	if (inc->resolved > 0 && inc->resolved >= inc->detected) {
		/* The clock stops at resolution: how long it took, not how
		 * long ago it started. */
		tui_dur(inc->resolved - inc->detected, b1, sizeof b1);
		time_hm(inc->resolved, b2, sizeof b2);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED,
		    "resolved after ");
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_NORMAL, "%s", b1);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED,
		    wide ? " at %s" : " (%s)", b2);
	} else {
		tui_dur(s->now - inc->detected, b1, sizeof b1);
		time_hm(inc->detected, b2, sizeof b2);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_NORMAL, "%s",
		    b1);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED,
		    wide ? " since detected at %s" : " since %s", b2);
	}
	if (inc->began > 0) {
		/* Time to detect, once someone said when it began. */
		tui_dur(inc->detected - inc->began, b1, sizeof b1);
		time_hm(inc->began, b2, sizeof b2);
		draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED,
		    wide ? "; began %s, detected %s later" : "; began %s",
		    b2, b1);
	}
}

/* The two tracks in short, one line each, for narrow panes. Returns the
 * lines used. */
static int
phase_tracks_narrow(struct pane *p, const struct snapshot *s, int n,
    int cols)
{
	const struct incident *inc = &s->inc;
	int y, x;

	if ((y = phase_row(p, n)) > 0) {
		x = phase_label(p, y, 1, "Impact", LABEL_W_NARROW);
		x += draw_fmt(p->win, y, x, cols - x + 1,
		    inc->impact == IMPACT_KNOWN ? TH_NORMAL : TH_WARN,
		    "%s", impact_names[inc->impact]);
		if (inc->impact_scope != NULL && *inc->impact_scope != '\0')
			draw_fmt(p->win, y, x, cols - x + 1, TH_NORMAL,
			    ": %s", inc->impact_scope);
	}
	if ((y = phase_row(p, n + 1)) > 0) {
		x = phase_label(p, y, 1, "Users", LABEL_W_NARROW);
		phase_users(p, y, x, cols - x + 1, inc, s->now);
	}
	return 2;
}

/* Each decision awaiting sign-off on its own line (a approves, r rejects
 * the selected one), or that none is pending. Returns the lines used. */
static int
phase_pending(struct pane *p, struct tui *t, int n, int cols, int lw)
{
	struct phase_pane *pp = p->priv;
	const struct snapshot *s = &t->snap;
	int y, x, i, used = 0;

	if (s->npending == 0 && (y = phase_row(p, n + used++)) > 0) {
		x = phase_label(p, y, 1, "Sign-off", lw);
		draw_text(p->win, y, x, "none pending", cols - x + 1, TH_MUTED);
	}
	for (i = 0; i < s->npending; i++) {
		const struct snap_pending *d = &s->pending[i];
		int sel = p->focused && i == pp->sel;
		enum theme_el el = sel ? TH_SELECTED : TH_NORMAL;

		if (i == pp->sel)
			pp->sel_line = n + used;
		if ((y = phase_row(p, n + used++)) <= 0)
			continue;
		x = phase_label(p, y, 1, i == 0 ? "Sign-off" : "", lw);
		if (sel)
			draw_fill(p->win, y, x, cols - x + 1, el);
		x += draw_fmt(p->win, y, x, cols - x + 1, sel ? el : TH_WARN,
		    "#%lld ", (long long)d->decision_id);
		x += draw_fmt(p->win, y, x, cols - x + 1, sel ? el : TH_AUTHOR,
		    "%s%s: ", d->from, strcmp(d->from, t->as) == 0 ? " (you)"
		    : "");
		draw_text_ell(p->win, y, x, d->text, cols - x + 1, el);
	}
	return used;
}

/* The last status update and what became of it, on line y: "sent
 * 14:03", "failed: HTTP 404 ...": the state leads. */
static void
phase_last(struct pane *p, const struct snapshot *s, int y, int cols,
    int lw)
{
	const struct status_update *u = s->last_update;
	int x = phase_label(p, y, 1, "Last", lw);

	x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED, "#%lld %s ",
	    (long long)u->id, audience_names[u->audience]);
	if (u->state == USTATE_QUEUED)
		x += draw_text(p->win, y, x, "queued: ", cols - x + 1, TH_WARN);
	draw_text_ell(p->win, y, x, s->last_update_why != NULL
	    ? s->last_update_why : ustate_names[u->state], cols - x + 1,
	    u->state == USTATE_QUEUED ? TH_MUTED : phase_ustate_el(u->state));
}

/* Which releases phase_releases shows. */
enum { REL_ALL, REL_UNSAFE, REL_OTHERS };

static int
phase_release_in(const struct release *r, int which)
{
	int unsafe = r->kind != RELEASE_FLAG && r->rollback_safe == SAFE_NO;

	return which == REL_ALL || (which == REL_UNSAFE) == unsafe;
}

/* Recent releases and flag changes (which of them: REL_*), one a line.
 * Returns the lines used. */
static int
phase_releases(struct pane *p, const struct snapshot *s, int n, int cols,
    int lw, int which)
{
	int y, x, i, used = 0, room;
	char b[64];
	const char *safe;

	for (i = 0; i < s->nreleases; i++) {
		const struct release *r = &s->releases[i];

		if (!phase_release_in(r, which))
			continue;
		if ((y = phase_row(p, n + used++)) <= 0)
			continue;
		x = phase_label(p, y, 1, used == 1 ? "Releases" : "", lw);
		safe = release_safe_text(r->rollback_safe);
		time_hm(r->at, b, sizeof b);
		/* A narrow pane drops the time before the name or the mark. */
		if (r->kind == RELEASE_FLAG || x + draw_width(b) + 1 +
		    draw_width(r->name) + 1 + draw_width(safe) <= cols + 1)
			x += draw_fmt(p->win, y, x, cols - x + 1, TH_TIME, "%s ",
			    b);
		if (r->kind == RELEASE_FLAG) {
			x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED,
			    "flag ");
			x += draw_text_ell(p->win, y, x, r->name, cols - x + 1,
			    TH_NORMAL);
			draw_text(p->win, y, x, r->flag_on ? " on" : " off",
			    cols - x + 1, TH_MUTED);
			continue;
		}
		/* The mark is what matters: the name gives way to it. */
		room = cols - x - draw_width(safe);
		x += draw_text_ell(p->win, y, x, r->name, room < 4 ? 4 : room,
		    TH_NORMAL);
		draw_fmt(p->win, y, x, cols - x + 1, r->rollback_safe == SAFE_YES
		    ? TH_OK : r->rollback_safe == SAFE_NO ? TH_CRIT : TH_WARN,
		    " %s", safe);
	}
	return used;
}

/* The update due line and the commander's name line. */
static void
phase_due_line(struct pane *p, const struct snapshot *s, int n, int cols,
    int lw)
{
	int y = phase_row(p, n);

	if (y > 0)
		phase_update_due(p, y, phase_label(p, y, 1, "Update", lw), cols,
		    s);
}

static void
phase_commander(struct pane *p, const struct snapshot *s, int n, int cols)
{
	int y = phase_row(p, n), x;

	if (y <= 0)
		return;
	x = phase_label(p, y, 1, "Commander", LABEL_W);
	draw_text_ell(p->win, y, x, s->inc.commander ? s->inc.commander : "-",
	    cols - x + 1, TH_AUTHOR);
}

/* Every line in the order of a tall pane. Returns the lines. */
static int
phase_paint_all(struct pane *p, struct tui *t, int cols, int wide, int lw)
{
	const struct snapshot *s = &t->snap;
	int n = 0, y;

	n += phase_heading(p, s, n, cols, wide);
	if ((y = phase_row(p, n++)) > 0)
		phase_clock(p, s, y, cols, wide);
	n += wide ? phase_tracks_wide(p, s, n, cols)
	    : phase_tracks_narrow(p, s, n, cols);
	phase_due_line(p, s, n++, cols, lw);
	n += phase_failed(p, s, n, cols);
	n += phase_pending(p, t, n, cols, lw);
	if (s->last_update != NULL && (y = phase_row(p, n++)) > 0)
		phase_last(p, s, y, cols, lw);
	n += phase_releases(p, s, n, cols, lw, REL_ALL);
	phase_commander(p, s, n++, cols);
	return n;
}

/* A short pane: what the commander must see first, decoration after
 * (the order in the comment at the top). Returns the lines. */
static int
phase_paint_must(struct pane *p, struct tui *t, int cols, int lw)
{
	const struct snapshot *s = &t->snap;
	int n = 0, y;

	n += phase_heading(p, s, n, cols, 0);
	if ((y = phase_row(p, n++)) > 0)
		phase_clock(p, s, y, cols, 0);
	phase_due_line(p, s, n++, cols, lw);
	n += phase_failed(p, s, n, cols);
	if (s->npending > 0)
		n += phase_pending(p, t, n, cols, lw);
	n += phase_releases(p, s, n, cols, lw, REL_UNSAFE);
	n += phase_tracks_narrow(p, s, n, cols);
	if (s->last_update != NULL && (y = phase_row(p, n++)) > 0)
		phase_last(p, s, y, cols, lw);
	n += phase_releases(p, s, n, cols, lw, REL_OTHERS);
	if (s->npending == 0)
		n += phase_pending(p, t, n, cols, lw);
	phase_commander(p, s, n++, cols);
	return n;
}

/* Draw every line (or only count them when measuring). */
static void
phase_paint(struct pane *p, struct tui *t)
{
	struct phase_pane *pp = p->priv;
	int cols = pane_cols(p), wide = cols >= WIDE_COLS;
	int lw = wide ? LABEL_W : LABEL_W_NARROW;

	pp->sel_line = -1;
	pp->lines = pp->must_first ? phase_paint_must(p, t, cols, lw)
	    : phase_paint_all(p, t, cols, wide, lw);
}

static void
phase_draw(struct pane *p, struct tui *t)
{
	struct phase_pane *pp = p->priv;
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), rows = pane_rows(p), max;

	werase(p->win);
	draw_box(p->win, p->cls->title, NULL, p->focused);
	if (!t->have_snap || s->incident_id <= 0) {
		draw_text_ell(p->win, 1, 1, t->load_err[0] ? t->load_err
		    : "No incident yet.", cols, t->load_err[0] ? TH_ERROR
		    : TH_NORMAL);
		if (!t->load_err[0])
			draw_text_ell(p->win, 2, 1, "Declare one: warroom "
			    "declare TITLE", cols, TH_MUTED);
		return;
	}
	/* Measure first, so a selection moved by keys can be shown; when
	 * not every line fits, the ones that must be seen come first. */
	pp->dry = 1;
	pp->must_first = 0;
	phase_paint(p, t);
	if (pp->lines > rows) {
		pp->must_first = 1;
		phase_paint(p, t);
	}
	pp->dry = 0;
	max = pp->lines - rows > 0 ? pp->lines - rows : 0;
	if (pp->show_sel && pp->sel_line >= 0) {
		if (pp->sel_line < pp->scroll)
			pp->scroll = pp->sel_line;
		else if (pp->sel_line >= pp->scroll + rows)
			pp->scroll = pp->sel_line - rows + 1;
	}
	pp->show_sel = 0;
	if (pp->scroll > max)
		pp->scroll = max;
	phase_paint(p, t);
	if (pp->scroll > 0 || pp->lines > rows)
		draw_fmt(p->win, rows + 1, cols - 8, 8, TH_MUTED, " %d/%d ",
		    pp->scroll + 1, pp->lines);
}

/* ---- commander keys ---------------------------------------------------- */

static int
phase_done(struct tui *t, int rc, const char *err, const char *label,
    const char *what)
{
	if (rc != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "%s: %s", label, what);
	return KEY_HANDLED | KEY_RELOAD;
}

static int
phase_set(struct tui *t, int phase, const char *note)
{
	char err[ERR_LEN], what[96];
	int rc = incident_set_phase(t->st, t->snap.incident_id, phase, note,
	    t->as, err);

	snprintf(what, sizeof what, "%s %s", phase_headings[phase],
	    phase_names[phase]);
	return phase_done(t, rc, err, "phase", what);
}

static int
phase_confirm_next(struct tui *t, const char *answer, void *arg)
{
	(void)answer;
	return phase_set(t, (int)(intptr_t)arg, NULL);
}

/* When impact began: a time as typed anywhere else (13:58, -40m), at or
 * before detection. */
static int
phase_began_done(struct tui *t, const char *answer, void *arg)
{
	struct time_rule r = {.now = wr_now(), .detected =
	    t->snap.inc.detected};
	char err[ERR_LEN];
	int64_t at;

	(void)arg;
	if (str_empty(answer))
		return KEY_HANDLED;
	if (time_parse_checked(answer, &r, "the time", &at, err) != 0 ||
	    incident_set_began(t->st, t->snap.incident_id, at, t->as, err)
	    != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "impact began: recorded");
	return KEY_HANDLED | KEY_RELOAD;
}

static int
phase_back_reason(struct tui *t, const char *answer, void *arg)
{
	if (str_empty(answer)) {
		tui_message(t, 1, "moving back needs a reason: phase not "
		    "changed");
		return KEY_HANDLED;
	}
	return phase_set(t, (int)(intptr_t)arg, answer);
}

static int
phase_chosen(struct tui *t, int idx, void *arg)
{
	char q[160];

	(void)arg;
	if (idx == t->snap.inc.phase) {
		tui_message(t, 0, "already %s", phase_names[idx]);
		return KEY_HANDLED;
	}
	if (idx > t->snap.inc.phase)
		return phase_set(t, idx, NULL);
	snprintf(q, sizeof q, "Back to %s %s: why", phase_headings[idx],
	    phase_names[idx]);
	prompt_open(&t->prompt, q, 0, phase_back_reason, (void *)(intptr_t)idx);
	return KEY_HANDLED;
}

static int
phase_severity_chosen(struct tui *t, int idx, void *arg)
{
	char err[ERR_LEN];

	(void)arg;
	if (idx == t->snap.inc.severity) {
		tui_message(t, 0, "already %s", severity_names[idx]);
		return KEY_HANDLED;
	}
	return phase_done(t, incident_set_severity(t->st, t->snap.incident_id,
	    idx, t->as, err), err, "severity", severity_names[idx]);
}

static int
phase_scope_done(struct tui *t, const char *answer, void *arg)
{
	char err[ERR_LEN];
	int impact = (int)(intptr_t)arg;

	return phase_done(t, incident_set_impact(t->st, t->snap.incident_id,
	    impact, answer, t->as, err), err, "impact",
	    impact_names[impact]);
}

static int
phase_impact_chosen(struct tui *t, int idx, void *arg)
{
	char err[ERR_LEN];

	(void)arg;
	if (idx == IMPACT_UNKNOWN)
		return phase_done(t, incident_set_impact(t->st,
		    t->snap.incident_id, idx, NULL, t->as, err), err,
		    "impact", impact_names[idx]);
	prompt_open(&t->prompt, idx == IMPACT_KNOWN ? "Scope (who and what is "
	    "affected)" : "Scope so far (Enter: none)", 0, phase_scope_done,
	    (void *)(intptr_t)idx);
	choice_prefill(&t->prompt, t->snap.inc.impact_scope);
	return KEY_HANDLED;
}

static int
phase_comms_chosen(struct tui *t, int idx, void *arg)
{
	char err[ERR_LEN];

	(void)arg;
	return phase_done(t, incident_set_comms(t->st, t->snap.incident_id,
	    idx, t->as, err), err, "users", comms_words[idx]);
}

static int
phase_signoff_done(struct tui *t, const char *answer, void *arg)
{
	char err[ERR_LEN];
	int64_t id = (int64_t)(intptr_t)arg;
	int approve = id > 0;

	if (id < 0)
		id = -id;
	if (decision_signoff(t->st, id, t->as, approve, str_empty(answer)
	    ? NULL : answer, err) != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "decision #%lld %s by %s", (long long)id,
	    approve ? "approved" : "rejected", t->as);
	return KEY_HANDLED | KEY_RELOAD;
}

static int
phase_signoff(struct pane *p, struct tui *t, int approve)
{
	struct phase_pane *pp = p->priv;
	const struct snap_pending *d;
	char q[160];

	if (t->snap.npending == 0) {
		tui_message(t, 1, "no decision awaits sign-off");
		return KEY_HANDLED;
	}
	d = &t->snap.pending[pp->sel];
	snprintf(q, sizeof q, "%s decision #%lld as %s; note (Enter: none)",
	    approve ? "Approve" : "Reject", (long long)d->decision_id, t->as);
	/* The sign of the id carries approve/reject to the callback. */
	prompt_open(&t->prompt, q, 0, phase_signoff_done, (void *)(intptr_t)
	    (approve ? d->decision_id : -d->decision_id));
	return KEY_HANDLED;
}

static int
phase_open_choice(struct tui *t, enum tui_action act)
{
	const struct incident *inc = &t->snap.inc;
	const char *items[PHASE_COUNT];
	char buf[PHASE_COUNT][96];
	int i;

	switch (act) {
	case ACT_PHASE_SET:
		for (i = 0; i < PHASE_COUNT; i++) {
			snprintf(buf[i], sizeof buf[i], "%s %s%s",
			    phase_headings[i], phase_names[i], i < inc->phase
			    ? "  (back: asks why)" : "");
			items[i] = buf[i];
		}
		return choice_open(t, "Phase", items, PHASE_COUNT,
		    inc->phase + 1 < PHASE_COUNT ? inc->phase + 1 : inc->phase,
		    inc->phase, phase_chosen, NULL);
	case ACT_SEVERITY:
		for (i = 0; i < SEV_COUNT; i++) {
			snprintf(buf[i], sizeof buf[i], "%s  (updates every "
			    "%d min)", severity_names[i],
			    severity_update_interval(i) / 60);
			items[i] = buf[i];
		}
		return choice_open(t, "Severity", items, SEV_COUNT,
		    inc->severity, inc->severity, phase_severity_chosen, NULL);
	case ACT_IMPACT:
		return choice_open(t, "Impact", impact_names, IMPACT_COUNT,
		    inc->impact, inc->impact, phase_impact_chosen, NULL);
	case ACT_COMMS:
		return choice_open(t, "Users", comms_words, COMMS_COUNT,
		    inc->comms + 1 < COMMS_COUNT ? inc->comms + 1 : inc->comms,
		    inc->comms, phase_comms_chosen, NULL);
	default:
		return 0;
	}
}

static int
phase_act_confirmed(struct tui *t, const char *answer, void *arg)
{
	char err[ERR_LEN];
	int64_t id = (int64_t)(intptr_t)arg;
	int retry = id > 0;

	(void)answer;
	if (id < 0)
		id = -id;
	if (outbox_act(t->st, t->snap.incident_id, id, retry, t->as, err) != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, retry ? "update #%lld queued again" :
	    "update #%lld given up", (long long)id);
	return KEY_HANDLED | KEY_RELOAD;
}

/* S sends the oldest failed update again, x gives it up: asked first. */
static int
phase_failed_act(struct tui *t, int retry)
{
	const struct status_update *u;
	char q[160];

	if (t->snap.nfailed == 0) {
		tui_message(t, 1, "no failed status update waits");
		return KEY_HANDLED;
	}
	u = &t->snap.failed[0];
	snprintf(q, sizeof q, retry ? "Send update #%lld to %s again?" :
	    "Give up update #%lld to %s (it will not be sent)?",
	    (long long)u->id, audience_names[u->audience]);
	/* The sign of the id carries retry/drop to the callback. */
	prompt_open(&t->prompt, q, 1, phase_act_confirmed, (void *)(intptr_t)
	    (retry ? u->id : -u->id));
	return KEY_HANDLED;
}

/* Scroll by a line, a page or to an end. */
static int
phase_scroll(struct pane *p, enum tui_action act)
{
	struct phase_pane *pp = p->priv;
	int max = pp->lines - pane_rows(p), old = pp->scroll;
	int up = act == ACT_UP || act == ACT_PAGE_UP || act == ACT_TOP;

	if (max < 0)
		max = 0;
	if (act == ACT_TOP || act == ACT_BOTTOM)
		pp->scroll = up ? 0 : max;
	else if (act == ACT_PAGE_UP || act == ACT_PAGE_DOWN)
		pp->scroll += (up ? -1 : 1) * (pane_rows(p) - 1);
	else
		pp->scroll += up ? -1 : 1;
	if (pp->scroll > max)
		pp->scroll = max;
	if (pp->scroll < 0)
		pp->scroll = 0;
	pp->show_sel = 0;
	return KEY_HANDLED | (pp->scroll != old ? KEY_REDRAW : 0);
}

static int
phase_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct phase_pane *pp = p->priv;
	int np = t->snap.npending;

	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
		if (np > 0) { /* move the sign-off selection */
			int old = pp->sel;

			pp->sel += act == ACT_UP ? -1 : 1;
			if (pp->sel < 0)
				pp->sel = 0;
			if (pp->sel >= np)
				pp->sel = np - 1;
			pp->sel_id = t->snap.pending[pp->sel].decision_id;
			if (pp->sel != old) {
				pp->show_sel = 1;
				return KEY_HANDLED | KEY_REDRAW;
			}
		}
		return phase_scroll(p, act); /* past the ends: scroll */
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_TOP:
	case ACT_BOTTOM:
		return phase_scroll(p, act);
	default:
		break;
	}
	if (t->snap.incident_id <= 0) {
		tui_message(t, 1, "no incident: declare one first (warroom "
		    "declare TITLE)");
		return KEY_HANDLED;
	}
	switch (act) {
	case ACT_PHASE_NEXT: {
		int next = t->snap.inc.phase + 1;
		char q[128];

		if (next >= PHASE_COUNT) {
			tui_message(t, 1, "already in the last phase");
			return KEY_HANDLED;
		}
		snprintf(q, sizeof q, "Move on to %s %s?", phase_headings[next],
		    phase_names[next]);
		prompt_open(&t->prompt, q, 1, phase_confirm_next,
		    (void *)(intptr_t)next);
		return KEY_HANDLED;
	}
	case ACT_PHASE_SET:
	case ACT_SEVERITY:
	case ACT_IMPACT:
	case ACT_COMMS:
		return phase_open_choice(t, act);
	case ACT_APPROVE:
	case ACT_REJECT:
		return phase_signoff(p, t, act == ACT_APPROVE);
	case ACT_UPDATE_RETRY:
	case ACT_UPDATE_DROP:
		return phase_failed_act(t, act == ACT_UPDATE_RETRY);
	case ACT_BEGAN:
		prompt_open(&t->prompt, "Impact began at (13:58, -40m; at or "
		    "before detection)", 0, phase_began_done, NULL);
		return KEY_HANDLED;
	default:
		return 0;
	}
}

static void
phase_resize(struct pane *p, struct tui *t)
{
	(void)t;
	p->dirty = 1;
}

static void
phase_free(struct pane *p)
{
	pane_priv_free(p);
}

static void *
phase_new(void)
{
	return xcalloc(1, sizeof(struct phase_pane));
}

const struct pane_class pane_phase_class = {
	"Phase", phase_recalc, phase_draw, phase_key, phase_resize, phase_free,
	phase_new,
};
