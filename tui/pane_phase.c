/* pane_phase.c: the Phase pane: title, severity, the incident clock, the
 * phase and time in it, the two tracks, pending sign-offs, the next status
 * update. The commander moves the phase on from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/incident.h"
#include "../core/timefmt.h"
#include "draw.h"
#include "pane.h"

#define LABEL_W 10

struct phase_pane {
	int scroll;   /* first line shown */
	int lines;    /* lines the last draw wanted */
};

static const enum theme_el phase_els[PHASE_COUNT] = {
	TH_PHASE_DETECTED, TH_PHASE_INVESTIGATING, TH_PHASE_IDENTIFIED,
	TH_PHASE_MITIGATING, TH_PHASE_MONITORING, TH_PHASE_RECOVERED,
	TH_PHASE_RESOLVED, TH_PHASE_RETROSPECTIVE,
};
static const enum theme_el sev_els[SEV_COUNT] = {TH_SEV1, TH_SEV2, TH_SEV3,
	TH_SEV4};

static void
phase_recalc(struct pane *p, struct tui *t)
{
	(void)t;
	p->dirty = 1;
}

/* The row of line n in the window, or -1 when it is scrolled out. */
static int
phase_row(struct pane *p, int n)
{
	struct phase_pane *pp = p->priv;
	int y = n - pp->scroll + 1;

	return y >= 1 && y <= pane_rows(p) ? y : -1;
}

/* A "Label     value" line; returns the column after the label. */
static int
phase_label(struct pane *p, int y, const char *label)
{
	draw_text(p->win, y, 1, label, LABEL_W, TH_LABEL);
	return 1 + LABEL_W;
}

static void
phase_draw(struct pane *p, struct tui *t)
{
	struct phase_pane *pp = p->priv;
	const struct snapshot *s = &t->snap;
	const struct incident *inc = &s->inc;
	int cols = pane_cols(p), n = 0, y, x, i;
	char b1[64], b2[64];

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
	if ((y = phase_row(p, n++)) > 0) {
		x = 1 + draw_fmt(p->win, y, 1, cols, sev_els[inc->severity],
		    "%s", severity_names[inc->severity]);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED, " #%lld ",
		    (long long)inc->id);
		draw_text_ell(p->win, y, x, inc->title, cols - x + 1,
		    TH_INCIDENT_TITLE);
	}
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Phase");
		tui_dur(s->now - inc->phase_since, b1, sizeof b1);
		x += draw_fmt(p->win, y, x, cols - x + 1, phase_els[inc->phase],
		    "%s %s", phase_headings[inc->phase],
		    phase_names[inc->phase]);
		draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED, "  for %s", b1);
	}
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Clock");
		tui_dur(s->now - inc->detected, b1, sizeof b1);
		time_hm(inc->detected, b2, sizeof b2);
		x += draw_fmt(p->win, y, x, cols - x + 1, TH_NORMAL, "%s", b1);
		draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED,
		    " since detected at %s", b2);
	}
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Recovery");
		for (i = 0; i < PHASE_COUNT && x <= cols; i++)
			draw_glyph(p->win, y, x++, i <= inc->phase ? 0x25CF
			    : 0x25CB, i <= inc->phase ? '#' : '-',
			    i <= inc->phase ? phase_els[inc->phase] : TH_MUTED);
		draw_fmt(p->win, y, x, cols - x + 1, TH_MUTED, " %d/%d",
		    inc->phase + 1, PHASE_COUNT);
	}
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Impact");
		x += draw_fmt(p->win, y, x, cols - x + 1,
		    inc->impact == IMPACT_KNOWN ? TH_NORMAL : TH_WARN, "%s",
		    impact_names[inc->impact]);
		if (inc->impact_scope != NULL && *inc->impact_scope != '\0')
			draw_fmt(p->win, y, x, cols - x + 1, TH_NORMAL, ": %s",
			    inc->impact_scope);
	}
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Users");
		draw_fmt(p->win, y, x, cols - x + 1, inc->comms == COMMS_NOT_TOLD
		    ? TH_WARN : TH_NORMAL, "%s", inc->comms == COMMS_NOT_TOLD
		    ? "not told yet" : comms_names[inc->comms]);
	}
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Update");
		if (s->next_update <= 0)
			draw_text(p->win, y, x, "-", cols - x + 1, TH_MUTED);
		else if (s->next_update < s->now) {
			tui_dur(s->now - s->next_update, b1, sizeof b1);
			draw_fmt(p->win, y, x, cols - x + 1, TH_CRIT,
			    "OVERDUE by %s", b1);
		} else {
			tui_dur(s->next_update - s->now, b1, sizeof b1);
			time_hm(s->next_update, b2, sizeof b2);
			draw_fmt(p->win, y, x, cols - x + 1,
			    s->next_update - s->now < 300 ? TH_WARN : TH_NORMAL,
			    "due in %s (%s)", b1, b2);
		}
	}
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Sign-off");
		if (s->npending == 0)
			draw_text(p->win, y, x, "none pending", cols - x + 1,
			    TH_MUTED);
		else
			draw_fmt(p->win, y, x, cols - x + 1, TH_WARN,
			    "%d decision%s awaiting sign-off", s->npending,
			    s->npending == 1 ? "" : "s");
	}
	for (i = 0; i < s->npending; i++)
		if ((y = phase_row(p, n++)) > 0)
			draw_fmt(p->win, y, 1 + 2, cols - 2, TH_NORMAL,
			    "%s (%s)", s->pending[i].text, s->pending[i].from);
	if ((y = phase_row(p, n++)) > 0) {
		x = phase_label(p, y, "Commander");
		draw_text_ell(p->win, y, x, inc->commander ? inc->commander
		    : "-", cols - x + 1, TH_AUTHOR);
	}
	pp->lines = n;
	if (pp->scroll > 0 || n > pane_rows(p))
		draw_fmt(p->win, pane_rows(p) + 1, cols - 8, 8, TH_MUTED,
		    " %d/%d ", pp->scroll + 1, n);
}

static int
phase_confirm_next(struct tui *t, const char *answer, void *arg)
{
	char err[ERR_LEN];
	int next = (int)(intptr_t)arg;

	(void)answer;
	if (incident_set_phase(t->st, t->snap.incident_id, next, NULL, t->as,
	    err) != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "phase: %s %s", phase_headings[next],
	    phase_names[next]);
	return KEY_HANDLED | KEY_RELOAD;
}

static int
phase_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct phase_pane *pp = p->priv;
	int max = pp->lines - pane_rows(p);

	if (max < 0)
		max = 0;
	switch (act) {
	case ACT_UP:
	case ACT_PAGE_UP:
	case ACT_TOP:
		if (pp->scroll == 0)
			return KEY_HANDLED;
		pp->scroll = act == ACT_UP ? pp->scroll - 1 : 0;
		return KEY_HANDLED | KEY_REDRAW;
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
	case ACT_BOTTOM:
		if (pp->scroll >= max)
			return KEY_HANDLED;
		pp->scroll = act == ACT_DOWN ? pp->scroll + 1 : max;
		return KEY_HANDLED | KEY_REDRAW;
	case ACT_PHASE_NEXT: {
		int next = t->snap.inc.phase + 1;
		char q[128];

		if (t->snap.incident_id <= 0) {
			tui_message(t, 1, "no incident");
			return KEY_HANDLED;
		}
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
	free(p->priv);
	p->priv = NULL;
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
