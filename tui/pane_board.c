/* pane_board.c: the Board pane: every responder with role, purpose, task,
 * state and minutes since check-in; idle and stale ones stand out. The
 * commander checks people in and dismisses the idle from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/board.h"
#include "draw.h"
#include "pane.h"

struct board_pane {
	int sel;      /* selected responder */
	int top;      /* first responder shown */
	char *sel_name; /* keeps the selection on the same person */
};

static int
board_wide(const struct pane *p)
{
	return pane_cols(p) >= 64;
}

static int
board_per_row(const struct pane *p)
{
	return board_wide(p) ? 1 : 2;
}

static void
board_keep_visible(struct pane *p, struct tui *t)
{
	struct board_pane *bp = p->priv;
	int fit = (pane_rows(p) - 1) / board_per_row(p);
	int n = t->snap.nboard;

	if (fit < 1)
		fit = 1;
	if (bp->sel >= n)
		bp->sel = n - 1;
	if (bp->sel < 0)
		bp->sel = 0;
	if (bp->sel < bp->top)
		bp->top = bp->sel;
	if (bp->sel >= bp->top + fit)
		bp->top = bp->sel - fit + 1;
	if (bp->top > n - fit)
		bp->top = n - fit;
	if (bp->top < 0)
		bp->top = 0;
}

static void
board_recalc(struct pane *p, struct tui *t)
{
	struct board_pane *bp = p->priv;
	int i;

	/* Board order changes as people go idle or stale: follow the
	 * person, not the row. */
	if (bp->sel_name != NULL)
		for (i = 0; i < t->snap.nboard; i++)
			if (strcmp(t->snap.board[i].name, bp->sel_name) == 0)
				bp->sel = i;
	board_keep_visible(p, t);
	p->dirty = 1;
}

static void
board_remember(struct board_pane *bp, struct tui *t)
{
	free(bp->sel_name);
	bp->sel_name = bp->sel < t->snap.nboard
	    ? xstrdup(t->snap.board[bp->sel].name) : NULL;
}

static void
board_draw(struct pane *p, struct tui *t)
{
	struct board_pane *bp = p->priv;
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), rows = pane_rows(p), y = 1, i;
	int nactive = 0, nidle = 0, nstale = 0, wide = board_wide(p);
	char right[64];

	for (i = 0; i < s->nboard; i++) {
		const struct responder *r = &s->board[i];

		if (board_is_stale(r, s->now, s->inc.checkin_interval))
			nstale++;
		if (r->state == RSTATE_ACTIVE)
			nactive++;
		else if (r->state == RSTATE_IDLE)
			nidle++;
	}
	if (nstale > 0)
		snprintf(right, sizeof right, "%d active, %d idle, %d stale",
		    nactive, nidle, nstale);
	else
		snprintf(right, sizeof right, "%d active, %d idle", nactive,
		    nidle);
	werase(p->win);
	draw_box(p->win, p->cls->title, s->nboard ? right : NULL, p->focused);
	if (!t->have_snap || s->incident_id <= 0)
		return;
	if (s->nboard == 0) {
		draw_text_ell(p->win, 1, 1, "Nobody on the board yet.", cols,
		    TH_MUTED);
		draw_text_ell(p->win, 2, 1, "warroom join NAME / assign NAME "
		    "--purpose P --task T", cols, TH_MUTED);
		return;
	}
	if (wide)
		draw_fmt(p->win, y, 1, cols, TH_LABEL, "%-12s %-9s %-9s %4s  %s",
		    "NAME", "ROLE", "STATE", "CHK", "FOR WHAT / DO WHAT");
	else
		draw_fmt(p->win, y, 1, cols, TH_LABEL, "%-12s %-9s %-9s %4s",
		    "NAME", "ROLE", "STATE", "CHK");
	y++;
	for (i = bp->top; i < s->nboard && y <= rows; i++) {
		const struct responder *r = &s->board[i];
		int stale = board_is_stale(r, s->now, s->inc.checkin_interval);
		int sel = p->focused && i == bp->sel;
		enum theme_el base = sel ? TH_SELECTED : r->state ==
		    RSTATE_DISMISSED ? TH_MUTED : TH_NORMAL;
		enum theme_el st_el = sel ? TH_SELECTED : r->state == RSTATE_IDLE
		    ? TH_IDLE : base;
		char chk[16];
		int x = 1;

		if (sel)
			draw_fill(p->win, y, 1, cols, TH_SELECTED);
		tui_dur(s->now - r->last_checkin, chk, sizeof chk);
		/* Names may be wide: pad by display columns, not bytes. */
		draw_text_ell(p->win, y, x, r->name, 12, sel ? TH_SELECTED
		    : TH_AUTHOR);
		x += 13;
		x += draw_fmt(p->win, y, x, 10, base, "%-9s ",
		    role_names[r->role]);
		x += draw_fmt(p->win, y, x, 10, stale && !sel ? TH_STALE : st_el,
		    "%-9s", r->state == RSTATE_IDLE ? "IDLE" : stale ? "STALE"
		    : rstate_names[r->state]);
		x += draw_text(p->win, y, x, " ", 1, base);
		x += draw_fmt(p->win, y, x, 5, stale && !sel ? TH_STALE : base,
		    "%4s", chk);
		if (!wide) {
			if (++y > rows)
				break;
			if (sel)
				draw_fill(p->win, y, 1, cols, TH_SELECTED);
			x = 3;
		} else
			x += 2;
		if (r->state == RSTATE_DISMISSED)
			draw_text_ell(p->win, y, x, "-", cols - x + 1, base);
		else if (r->asg_id == 0)
			draw_text_ell(p->win, y, x, "no assignment: give one or "
			    "dismiss (D)", cols - x + 1, sel ? TH_SELECTED
			    : TH_IDLE);
		else {
			x += draw_fmt(p->win, y, x, cols - x + 1, base, "%s",
			    r->purpose);
			x += draw_text(p->win, y, x, " / ", cols - x + 1,
			    sel ? TH_SELECTED : TH_MUTED);
			draw_text_ell(p->win, y, x, r->task, cols - x + 1,
			    base);
		}
		y++;
	}
}

static int
board_checkin_selected(struct pane *p, struct tui *t)
{
	struct board_pane *bp = p->priv;
	char err[ERR_LEN];
	const char *name;

	if (t->snap.nboard == 0) {
		tui_message(t, 1, "nobody on the board");
		return KEY_HANDLED;
	}
	name = t->snap.board[bp->sel].name;
	if (board_checkin(t->st, t->snap.incident_id, name, t->as, err) != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "%s checked in", name);
	return KEY_HANDLED | KEY_RELOAD;
}

static int
board_confirm_dismiss(struct tui *t, const char *answer, void *arg)
{
	char err[ERR_LEN];
	int n;

	(void)answer;
	(void)arg;
	n = board_dismiss_idle(t->st, t->snap.incident_id, t->as, err);
	if (n < 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "dismissed %d idle responder%s", n, n == 1 ? ""
	    : "s");
	return KEY_HANDLED | KEY_RELOAD;
}

static int
board_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct board_pane *bp = p->priv;
	int n = t->snap.nboard, old = bp->sel, page;

	page = (pane_rows(p) - 1) / board_per_row(p);
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_UP:
		bp->sel--;
		break;
	case ACT_DOWN:
		bp->sel++;
		break;
	case ACT_PAGE_UP:
		bp->sel -= page;
		break;
	case ACT_PAGE_DOWN:
		bp->sel += page;
		break;
	case ACT_TOP:
		bp->sel = 0;
		break;
	case ACT_BOTTOM:
		bp->sel = n - 1;
		break;
	case ACT_CHECKIN:
		return board_checkin_selected(p, t);
	case ACT_DISMISS_IDLE: {
		int i, idle = 0;

		for (i = 0; i < n; i++)
			idle += t->snap.board[i].state == RSTATE_IDLE;
		if (idle == 0) {
			tui_message(t, 0, "nobody is idle");
			return KEY_HANDLED;
		}
		prompt_open(&t->prompt, idle == 1 ? "Dismiss the 1 idle "
		    "responder?" : "Dismiss every idle responder?", 1,
		    board_confirm_dismiss, NULL);
		return KEY_HANDLED;
	}
	default:
		return 0;
	}
	board_keep_visible(p, t);
	board_remember(bp, t);
	return KEY_HANDLED | (bp->sel != old ? KEY_REDRAW : 0);
}

static void
board_resize(struct pane *p, struct tui *t)
{
	board_keep_visible(p, t);
	p->dirty = 1;
}

static void
board_free_pane(struct pane *p)
{
	struct board_pane *bp = p->priv;

	if (bp != NULL)
		free(bp->sel_name);
	free(bp);
	p->priv = NULL;
}

static void *
board_new(void)
{
	return xcalloc(1, sizeof(struct board_pane));
}

const struct pane_class pane_board_class = {
	"Board", board_recalc, board_draw, board_key, board_resize,
	board_free_pane, board_new,
};
