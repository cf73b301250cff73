/* pane_timeline.c: the Timeline pane: time-ordered entries, one a line.
 * Only the rows on screen are loaded (timeline_page keyset windows), so it
 * scrolls through any number of entries at the same cost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/text.h"
#include "../core/timefmt.h"
#include "../core/timeline.h"
#include "draw.h"
#include "pane.h"

struct timeline_pane {
	int follow;          /* pinned to the newest entries */
	struct tl_key top;   /* the first row shown when not following */
	struct entry *rows;
	int nrows, cap;
	int sel;             /* selected row */
	int64_t sel_id;      /* ... kept across reloads by id */
	int sel_last;        /* the selection rides on the newest entry */
	char err[ERR_LEN];
};

static struct tl_key
tl_key_of(const struct entry *e)
{
	return (struct tl_key){e->event_time, e->id};
}

/* Load the rows for the current position. */
static void
timeline_load(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;
	int n = pane_rows(p), got;

	if (n < 1)
		n = 1;
	timeline_clear_items(tp->rows, tp->nrows);
	tp->nrows = 0;
	tp->err[0] = '\0';
	if (n > tp->cap) {
		tp->rows = xreallocarray(tp->rows, (size_t)n, sizeof *tp->rows);
		tp->cap = n;
	}
	if (t->snap.incident_id <= 0)
		return;
	if (!tp->follow) {
		/* From top inclusive: strictly after the key just before. */
		struct tl_key k = {tp->top.t, tp->top.id - 1};

		got = timeline_page(t->st, t->snap.incident_id, NULL, &k, 1, n,
		    tp->rows, tp->err);
		if (got == n) {
			tp->nrows = got;
			return;
		}
		if (got > 0)
			timeline_clear_items(tp->rows, got);
		/* The end is in view: show a full page of the newest. */
		tp->follow = 1;
	}
	got = timeline_page(t->st, t->snap.incident_id, NULL, NULL, -1, n,
	    tp->rows, tp->err);
	tp->nrows = got > 0 ? got : 0;
	if (got > 0)
		tp->top = tl_key_of(&tp->rows[0]);
}

static void
timeline_fix_sel(struct timeline_pane *tp)
{
	int i;

	if (tp->sel_last)
		tp->sel = tp->nrows - 1;
	else
		for (i = 0; i < tp->nrows; i++)
			if (tp->rows[i].id == tp->sel_id)
				tp->sel = i;
	if (tp->sel >= tp->nrows)
		tp->sel = tp->nrows - 1;
	if (tp->sel < 0)
		tp->sel = 0;
	tp->sel_id = tp->nrows > 0 ? tp->rows[tp->sel].id : 0;
	tp->sel_last = tp->follow && tp->sel == tp->nrows - 1;
}

static void
timeline_recalc(struct pane *p, struct tui *t)
{
	timeline_load(p, t);
	timeline_fix_sel(p->priv);
	p->dirty = 1;
}

static enum theme_el
timeline_kind_el(int kind)
{
	return kind == KIND_DECISION ? TH_KIND_DECISION : kind == KIND_PHASE
	    ? TH_KIND_PHASE : TH_KIND;
}

static void
timeline_draw(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;
	int cols = pane_cols(p), i, wide = cols >= 70;
	char right[80], total[32];

	werase(p->win);
	tui_thousands(t->snap.tl_total, total, sizeof total);
	snprintf(right, sizeof right, "%s %s%s", total,
	    t->snap.tl_total == 1 ? "entry" : "entries",
	    tp->follow ? "" : ", scrolled back");
	draw_box(p->win, p->cls->title, t->snap.incident_id > 0 ? right : NULL,
	    p->focused);
	if (tp->err[0] != '\0') {
		draw_text_ell(p->win, 1, 1, tp->err, cols, TH_ERROR);
		return;
	}
	if (t->snap.incident_id > 0 && tp->nrows == 0)
		draw_text_ell(p->win, 1, 1, "No entries yet. Press n to add a "
		    "note.", cols, TH_MUTED);
	for (i = 0; i < tp->nrows; i++) {
		const struct entry *e = &tp->rows[i];
		int y = 1 + i, x = 1, sel = p->focused && i == tp->sel;
		enum theme_el base = sel ? TH_SELECTED : TH_NORMAL;
		char hm[16];

		if (sel)
			draw_fill(p->win, y, 1, cols, TH_SELECTED);
		time_hm(e->event_time, hm, sizeof hm);
		x += draw_text(p->win, y, x, hm, 5, sel ? base : TH_TIME);
		x += draw_text(p->win, y, x, " ", 1, base);
		if (wide) {
			x += draw_fmt(p->win, y, x, 11, sel ? base
			    : timeline_kind_el(e->kind), "%-10s ",
			    kind_names[e->kind]);
			draw_text_ell(p->win, y, x, e->author, 10, sel ? base
			    : TH_AUTHOR);
			x += 11;
		} else {
			x += draw_text_ell(p->win, y, x, e->author, 10, sel
			    ? base : TH_AUTHOR);
			x += draw_text(p->win, y, x, ": ", 2, base);
		}
		x += draw_text_ell(p->win, y, x, e->text, cols - x + 1, sel ? base
		    : e->kind == KIND_PHASE ? TH_KIND_PHASE : e->kind ==
		    KIND_DECISION ? TH_KIND_DECISION : TH_NORMAL);
		if (e->source != NULL && e->source[0] != '\0' && x + 4 <= cols)
			x += draw_fmt(p->win, y, x + 1, cols - x, sel ? base
			    : TH_SOURCE, "[%s]", e->source) + 1;
		if (e->confidence != CONF_CONFIRMED && x + 4 <= cols)
			draw_fmt(p->win, y, x + 1, cols - x, sel ? base
			    : TH_WARN, "(%s)", confidence_names[e->confidence]);
	}
}

/* Move the window by up to n entries (dir < 0 older, > 0 newer).
 * Returns how many it moved. */
static int
timeline_shift(struct pane *p, struct tui *t, int dir, int n)
{
	struct timeline_pane *tp = p->priv;
	struct entry *tmp;
	struct tl_key k;
	int got;

	if (tp->nrows == 0)
		return 0;
	tmp = xcalloc((size_t)n, sizeof *tmp);
	k = tl_key_of(&tp->rows[dir < 0 ? 0 : tp->nrows - 1]);
	got = timeline_page(t->st, t->snap.incident_id, NULL, &k, dir, n, tmp,
	    tp->err);
	if (got > 0) {
		if (dir < 0) {
			tp->top = tl_key_of(&tmp[0]);
			tp->follow = 0;
		} else if (got < tp->nrows) {
			tp->top = tl_key_of(&tp->rows[got]);
			tp->follow = 0;
		} else {
			tp->top = tl_key_of(&tmp[got - tp->nrows]);
			tp->follow = 0;
		}
		timeline_clear_items(tmp, got);
	} else if (dir > 0)
		tp->follow = 1;
	free(tmp);
	timeline_load(p, t);
	return got > 0 ? got : 0;
}

static int
timeline_note_done(struct tui *t, const char *answer, void *arg)
{
	struct entry e = {0};
	char err[ERR_LEN], *text;
	int64_t id;

	(void)arg;
	text = xstrdup(answer);
	if (*text_trim(text) == '\0') {
		free(text);
		tui_message(t, 0, "empty note: nothing added");
		return KEY_HANDLED;
	}
	e.kind = KIND_NOTE;
	e.confidence = CONF_CONFIRMED;
	e.text = text_trim(text);
	e.author = (char *)(uintptr_t)t->as;
	id = timeline_add(t->st, t->snap.incident_id, &e, err);
	free(text);
	if (id < 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "note #%lld saved", (long long)id);
	return KEY_HANDLED | KEY_RELOAD;
}

static int
timeline_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct timeline_pane *tp = p->priv;
	int rows = pane_rows(p), old_sel = tp->sel, old_follow = tp->follow;
	int64_t old_id = tp->sel_id;

	switch (act) {
	case ACT_UP:
		if (tp->sel > 0)
			tp->sel--;
		else
			timeline_shift(p, t, -1, 1);
		break;
	case ACT_DOWN:
		if (tp->sel < tp->nrows - 1)
			tp->sel++;
		else if (!tp->follow)
			timeline_shift(p, t, 1, 1);
		break;
	case ACT_PAGE_UP:
		if (timeline_shift(p, t, -1, rows) == 0)
			tp->sel = 0;
		break;
	case ACT_PAGE_DOWN:
		if (tp->follow || timeline_shift(p, t, 1, rows) == 0)
			tp->sel = tp->nrows - 1;
		break;
	case ACT_TOP: {
		struct entry first = {0};

		if (timeline_page(t->st, t->snap.incident_id, NULL, NULL, 1, 1,
		    &first, tp->err) == 1) {
			tp->top = tl_key_of(&first);
			tp->follow = 0;
			entry_clear(&first);
		}
		timeline_load(p, t);
		tp->sel = 0;
		break;
	}
	case ACT_BOTTOM:
		tp->follow = 1;
		timeline_load(p, t);
		tp->sel = tp->nrows - 1;
		break;
	case ACT_NOTE:
		if (t->snap.incident_id <= 0) {
			tui_message(t, 1, "no incident: declare one first");
			return KEY_HANDLED;
		}
		prompt_open(&t->prompt, "Note", 0, timeline_note_done, NULL);
		return KEY_HANDLED;
	default:
		return 0;
	}
	if (tp->sel >= tp->nrows)
		tp->sel = tp->nrows - 1;
	if (tp->sel < 0)
		tp->sel = 0;
	tp->sel_id = tp->nrows > 0 ? tp->rows[tp->sel].id : 0;
	tp->sel_last = tp->follow && tp->sel == tp->nrows - 1;
	return KEY_HANDLED | (tp->sel != old_sel || tp->sel_id != old_id ||
	    tp->follow != old_follow ? KEY_REDRAW : 0);
}

static void
timeline_resize(struct pane *p, struct tui *t)
{
	timeline_recalc(p, t);
}

static void
timeline_free_pane(struct pane *p)
{
	struct timeline_pane *tp = p->priv;

	if (tp != NULL) {
		timeline_clear_items(tp->rows, tp->nrows);
		free(tp->rows);
	}
	free(tp);
	p->priv = NULL;
}

static void *
timeline_new(void)
{
	struct timeline_pane *tp = xcalloc(1, sizeof *tp);

	tp->follow = 1;
	tp->sel_last = 1;
	return tp;
}

const struct pane_class pane_timeline_class = {
	"Timeline", timeline_recalc, timeline_draw, timeline_key,
	timeline_resize, timeline_free_pane, timeline_new,
};
