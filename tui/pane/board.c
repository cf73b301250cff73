/* board.c: the Board pane: every responder with role, state, time
 * since check-in, purpose and task, attention first (stale, idle, active,
 * watchers, dismissed), and the commander's keys: assign (who, for what,
 * do what), reassign, add, check in, done, drop, dismiss, dismiss idle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/board.h"
#include "model/incident.h"
#include "store/presence.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "widget/choice.h"
#include "widget/draw.h"
#include "widget/form.h"
#include "pane/common.h"
#include "pane/pane.h"

#define BOARD_WIDE 64  /* one line per row from here on */
#define BOARD_SPLIT 96 /* purpose and task in columns of their own */

/* One row: a responder of the snapshot, or a watcher not on the board. */
struct board_row {
	const struct responder *r; /* NULL for a watcher */
	const char *name;
};

struct board_pane {
	int sel;        /* selected row */
	int top;        /* first row shown */
	char *sel_name; /* keeps the selection on the same person */
	struct board_row *rows;
	int nrows;
	/* Whom the open question (y/n) is about, and what it would do. */
	char *f_name;
	enum tui_action f_act;
	/* The close names the assign form offers for one not in the
	 * response ("did you mean"), NULL-ended. */
	char **f_near;
	/* Rows the pane showed at its last size (0: not drawn yet): when
	 * the board has more, idle people go after the active ones. */
	int fit;
	struct draw_rows drawn; /* the rows as last drawn (widget/draw.h) */
};

static int board_idle(const struct responder *r);

/* Whether a row is an idle person (no task, not stale: stale ones need
 * a look, so they keep their place). */
static int
board_row_idle(const struct board_row *row, const struct snapshot *s)
{
	const struct responder *r = row->r;

	return r != NULL && r->state != RSTATE_DISMISSED && board_idle(r) &&
	    !board_is_stale(r, s->now, s->inc.checkin_interval) &&
	    !board_clock_ahead(r, s->now);
}

/* A board longer than the pane: idle people move after everyone else who
 * is still in the response (before watchers and the dismissed), so
 * active assignments are what shows; the order is kept otherwise. */
static void
board_idle_last(struct board_pane *bp, const struct snapshot *s)
{
	struct board_row *out = xcalloc((size_t)bp->nrows + 1, sizeof *out);
	int i, n = 0, pass;

	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < bp->nrows; i++) {
			const struct board_row *row = &bp->rows[i];
			int idle = board_row_idle(row, s);
			int rest = row->r == NULL ||
			    row->r->state == RSTATE_DISMISSED;

			if ((pass == 0 && !idle && !rest) ||
			    (pass == 1 && idle) || (pass == 2 && rest))
				out[n++] = *row;
		}
	free(bp->rows);
	bp->rows = out;
}

/* Responders, with the watchers who are not on the board before the
 * dismissed: rebuilt from the snapshot whenever needed, so rows never
 * point into a snapshot that was replaced. */
static void
board_rows(struct board_pane *bp, const struct tui *t)
{
	const struct snapshot *s = &t->snap;
	int i, j, n = 0, w_at;

	free(bp->rows);
	bp->rows = xcalloc((size_t)(s->nboard + t->nwatchers + 1),
	    sizeof *bp->rows);
	for (w_at = 0; w_at < s->nboard; w_at++)
		if (s->board[w_at].state == RSTATE_DISMISSED &&
		    !board_is_stale(&s->board[w_at], s->now,
		    s->inc.checkin_interval))
			break;
	for (i = 0; i <= s->nboard; i++) {
		if (i == w_at)
			for (j = 0; j < t->nwatchers; j++) {
				int k, on = 0;

				for (k = 0; k < s->nboard && !on; k++)
					on = strcmp(s->board[k].name,
					    t->watchers[j]) == 0;
				if (!on)
					bp->rows[n++] = (struct board_row){NULL,
					    t->watchers[j]};
			}
		if (i < s->nboard)
			bp->rows[n++] = (struct board_row){&s->board[i],
			    s->board[i].name};
	}
	bp->nrows = t->have_snap && s->incident_id > 0 ? n : 0;
	if (bp->fit > 0 && bp->nrows > bp->fit)
		board_idle_last(bp, s);
}

static int
board_wide(const struct pane *p)
{
	return pane_cols(p) >= BOARD_WIDE;
}

/* Lines per row: narrow panes put the assignment under the name; wide ones
 * give "do what" a line of its own while every row still fits, and very
 * wide ones have a column for each. */
static int
board_per_row(const struct pane *p)
{
	const struct board_pane *bp = p->priv;

	if (!board_wide(p))
		return 2;
	if (pane_cols(p) >= BOARD_SPLIT)
		return 1;
	return pane_rows(p) - 1 >= 2 * bp->nrows ? 2 : 1;
}

static void
board_keep_visible(struct pane *p)
{
	struct board_pane *bp = p->priv;
	int fit = (pane_rows(p) - 1) / board_per_row(p);

	pane_list_keep(&bp->sel, &bp->top, bp->nrows, fit < 1 ? 1 : fit);
}

static void
board_recalc(struct pane *p, struct tui *t)
{
	struct board_pane *bp = p->priv;
	int i;

	board_rows(bp, t);
	/* Board order changes as people go idle or stale: follow the
	 * person, not the row. */
	if (bp->sel_name != NULL)
		for (i = 0; i < bp->nrows; i++)
			if (strcmp(bp->rows[i].name, bp->sel_name) == 0)
				bp->sel = i;
	board_keep_visible(p);
	p->dirty = 1;
}

static void
board_remember(struct board_pane *bp)
{
	free(bp->sel_name);
	bp->sel_name = bp->sel < bp->nrows
	    ? xstrdup(bp->rows[bp->sel].name) : NULL;
}

/* The one rule of core/model/board.c: no task, no standing role. */
static int
board_idle(const struct responder *r)
{
	return board_is_idle(r);
}

/* What a row says about itself: state word and its style. */
static const char *
board_state(const struct board_row *row, const struct snapshot *s,
    enum theme_el *el)
{
	const struct responder *r = row->r;

	*el = TH_NORMAL;
	if (r == NULL) {
		*el = TH_MUTED;
		return "watching";
	}
	if (board_is_stale(r, s->now, s->inc.checkin_interval)) {
		*el = TH_STALE;
		return "STALE";
	}
	/* A check-in stamped ahead of the clock: someone's clock is wrong. */
	if (r->state != RSTATE_DISMISSED && board_clock_ahead(r, s->now)) {
		*el = TH_WARN;
		return "clock?";
	}
	if (board_idle(r)) {
		*el = TH_IDLE;
		return "IDLE";
	}
	if (r->state == RSTATE_DISMISSED) {
		*el = TH_MUTED;
		return "dismissed";
	}
	if (r->asg_id == 0 && board_standing_role(r->role))
		return "on duty";
	return r->asg_id != 0 ? "active" : rstate_names[r->state];
}

/* The "for what, do what" part of a row, or what to do about it. */
static void
board_text(struct pane *p, struct tui *t, const struct board_row *row,
    int y, int x, int sel)
{
	const struct responder *r = row->r;
	int cols = pane_cols(p), room = cols - x + 1;
	int cmd = t->role == TUI_COMMANDER && !t->readonly;
	enum theme_el base = sel ? TH_SELECTED : TH_NORMAL;
	enum theme_el muted = sel ? TH_SELECTED : TH_MUTED;

	if (room <= 0)
		return;
	if (r == NULL) {
		draw_text_ell(p->win, y, x, cmd ? "watching read-only: a "
		    "assigns, + adds" : "watching read-only", room, muted);
		return;
	}
	if (r->state == RSTATE_DISMISSED) {
		draw_text_ell(p->win, y, x, "back to normal work", room, muted);
		return;
	}
	if (r->asg_id == 0) {
		if (board_standing_role(r->role))
			draw_text_ell(p->win, y, x, r->role == ROLE_COMMANDER
			    ? "runs the response" : r->role == ROLE_SCRIBE
			    ? "keeps the timeline" : "keeps users and managers "
			    "told", room, muted);
		else
			draw_text_ell(p->win, y, x, cmd ? "dismiss? x, X all "
			    "idle; a assigns" : "no assignment: dismiss?", room,
			    sel
			    ? TH_SELECTED : TH_IDLE);
		return;
	}
	if (board_wide(p) && board_per_row(p) == 2) {
		x += draw_text(p->win, y, x, "for ", room, muted);
		draw_text_ell(p->win, y, x, r->purpose, cols - x + 1, base);
		x -= 4;
		x += draw_text(p->win, y + 1, x, "do  ", room, muted);
		draw_text_ell(p->win, y + 1, x, r->task, cols - x + 1, base);
		return;
	}
	if (cols >= BOARD_SPLIT && board_wide(p)) {
		int pw = (room - 1) / 2;

		draw_text_ell(p->win, y, x, r->purpose, pw, base);
		draw_text_ell(p->win, y, x + pw + 1, r->task, room - pw - 1,
		    base);
		return;
	}
	x += draw_text(p->win, y, x, "for ", room, muted);
	x += draw_text_ell(p->win, y, x, r->purpose, cols - x + 1, base);
	x += draw_text(p->win, y, x, ", do ", cols - x + 1, muted);
	draw_text_ell(p->win, y, x, r->task, cols - x + 1, base);
}

/* The box with the counts on its top border and who watches on its
 * bottom one (it costs no row). */
static void
board_frame(struct pane *p, struct tui *t)
{
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), i, nasg = 0, nidle = 0, nstale = 0;
	char right[64];

	for (i = 0; i < s->nboard; i++) {
		const struct responder *r = &s->board[i];

		if (board_is_stale(r, s->now, s->inc.checkin_interval))
			nstale++;
		if (r->asg_id != 0)
			nasg++;
		else if (board_idle(r))
			nidle++;
	}
	snprintf(right, sizeof right, nstale > 0 ? "%d active, %d idle, %d "
	    "stale" : "%d active, %d idle", nasg, nidle, nstale);
	draw_box(p->win, p->cls->title, s->nboard ? right : NULL, p->focused);
	if (t->nwatchers > 0 && cols > 16) {
		char *all = presence_join(t->watchers, t->nwatchers);
		char *line = xasprintf(" watching (%d): %s ", t->nwatchers,
		    all);

		draw_text_ell(p->win, p->h - 1, 2, line, cols - 2, TH_TITLE);
		free(line);
		free(all);
	}
}

/* The column heads on row y; nw is the width of the name column. */
static void
board_heads(struct pane *p, int y, int nw)
{
	int cols = pane_cols(p);
	int x = 1 + draw_fmt(p->win, y, 1, cols, TH_LABEL, "%-*s %-9s %-9s %4s",
	    nw, "NAME", "ROLE", "STATE", "CHK");

	x += 2;
	if (board_wide(p) && cols >= BOARD_SPLIT)
		draw_fmt(p->win, y, x, cols - x + 1, TH_LABEL, "%-*s %s",
		    (cols - x) / 2, "FOR WHAT (purpose)", "DO WHAT (task)");
	else if (board_wide(p))
		draw_text(p->win, y, x, "FOR WHAT, DO WHAT", cols - x + 1,
		    TH_LABEL);
}

/* Name, role, state and time since check-in of a row on line y; returns
 * the column after them. */
static int
board_cells(struct pane *p, const struct snapshot *s,
    const struct board_row *row, int y, int nw, int sel)
{
	const struct responder *r = row->r;
	enum theme_el st_el, base = sel ? TH_SELECTED : r == NULL ||
	    r->state == RSTATE_DISMISSED ? TH_MUTED : TH_NORMAL;
	const char *state = board_state(row, s, &st_el);
	int stale = r != NULL && st_el == TH_STALE;
	char chk[16];
	int x = 1;

	if (sel) {
		draw_fill(p->win, y, 1, pane_cols(p), TH_SELECTED);
		st_el = TH_SELECTED;
	}
	if (r == NULL || r->state == RSTATE_DISMISSED)
		snprintf(chk, sizeof chk, "-");
	else if (time_ahead(r->last_checkin, s->now))
		snprintf(chk, sizeof chk, "clk?"); /* not "0s": ahead */
	else
		tui_dur(s->now - r->last_checkin, chk, sizeof chk);
	/* Names may be wide: pad by display columns, not bytes. */
	draw_text_ell(p->win, y, x, row->name, nw, sel ? TH_SELECTED
	    : TH_AUTHOR);
	x += nw + 1;
	x += draw_fmt(p->win, y, x, 10, base, "%-9s ", r != NULL
	    ? role_names[r->role] : "-");
	x += draw_fmt(p->win, y, x, 10, st_el, "%-9s", state);
	x += draw_text(p->win, y, x, " ", 1, base);
	/* A stale row shows its age in the stale colour. */
	x += draw_fmt(p->win, y, x, 5, stale && !sel ? TH_STALE : base,
	    "%4s", chk);
	return x;
}

/* Row i drawn from line y, in lines lines; returns the line after it,
 * past the last row of the pane when nothing more fits. */
static int
board_draw_row(struct pane *p, struct tui *t, int i, int y, int nw,
    int lines)
{
	struct board_pane *bp = p->priv;
	const struct board_row *row = &bp->rows[i];
	int rows = pane_rows(p), wide = board_wide(p);
	int sel = p->focused && i == bp->sel;
	int x = board_cells(p, &t->snap, row, y, nw, sel);

	if (lines == 2 && y + 1 <= rows && sel)
		draw_fill(p->win, y + 1, 1, pane_cols(p), TH_SELECTED);
	if (!wide) {
		if (++y > rows)
			return y;
		x = 3;
	} else
		x += 2;
	if (wide && lines == 2 && y + 1 > rows)
		return rows + 1; /* half a row would mislead */
	board_text(p, t, row, y, x, sel);
	return y + (wide ? lines : 1);
}

/* Rows from i on did not fit: say so on the bottom border, right, as
 * "+2 idle" (idle people, last when the board is long) and "+3 more". */
static void
board_below(struct pane *p, struct tui *t, int i)
{
	struct board_pane *bp = p->priv;
	int idle = 0, more = 0, cols = pane_cols(p), w;
	char b[48];

	for (; i < bp->nrows; i++) {
		if (board_row_idle(&bp->rows[i], &t->snap))
			idle++;
		else if (bp->rows[i].r != NULL &&
		    bp->rows[i].r->state != RSTATE_DISMISSED)
			more++;
	}
	if (idle == 0 && more == 0)
		return;
	if (more > 0 && idle > 0)
		snprintf(b, sizeof b, " +%d more, +%d idle ", more, idle);
	else if (more > 0)
		snprintf(b, sizeof b, " +%d more ", more);
	else
		snprintf(b, sizeof b, " +%d idle ", idle);
	w = draw_width(b);
	if (w + 2 <= cols)
		draw_text(p->win, p->h - 1, cols - w, b, w, idle > 0 ? TH_IDLE
		    : TH_TITLE);
}

/* The line after row i drawn from line y (as board_draw_row returns it). */
static int
board_row_next(struct pane *p, int y, int lines)
{
	int rows = pane_rows(p);

	if (!board_wide(p))
		return y + 2;
	if (lines == 2 && y + 1 > rows)
		return rows + 1;
	return y + lines;
}

/* What row i is drawn from (board_cells, board_text): equal hashes draw
 * equal cells. The clock enters only as what it shows. */
static uint64_t
board_row_hash(struct pane *p, struct tui *t, int i)
{
	struct board_pane *bp = p->priv;
	const struct board_row *row = &bp->rows[i];
	const struct responder *r = row->r;
	const struct snapshot *s = &t->snap;
	enum theme_el el;
	const char *state = board_state(row, s, &el);
	char chk[16];
	uint64_t h = DRAW_HASH_START;

	if (r == NULL || r->state == RSTATE_DISMISSED)
		snprintf(chk, sizeof chk, "-");
	else if (time_ahead(r->last_checkin, s->now))
		snprintf(chk, sizeof chk, "clk?");
	else
		tui_dur(s->now - r->last_checkin, chk, sizeof chk);
	h = draw_hash_int(h, p->focused && i == bp->sel);
	h = draw_hash_int(h, (int64_t)el << 8 | (t->role == TUI_COMMANDER &&
	    !t->readonly));
	h = draw_hash_str(h, state);
	h = draw_hash_str(h, chk);
	h = draw_hash_str(h, row->name);
	if (r != NULL) {
		const int64_t v[] = {r->id, r->role, r->state, r->joined,
		    r->last_checkin, r->asg_id, r->asg_since};

		h = draw_hash(h, v, sizeof v);
		h = draw_hash_str(h, r->name);
		h = draw_hash_str(h, r->purpose);
		h = draw_hash_str(h, r->task);
	}
	return h;
}

/* Start the frame: the heads and each row's lines are drawn again only
 * when what they are drawn from changed. */
static void
board_rows_begin(struct pane *p, struct tui *t, int nw, int lines)
{
	struct board_pane *bp = p->priv;
	int h = getmaxy(p->win), rows = pane_rows(p), y = 1, i, k;
	uint64_t *want = xreallocarray(NULL, (size_t)h, sizeof *want);
	uint64_t frame = DRAW_HASH_START;

	frame = draw_hash_int(frame, (int64_t)(uintptr_t)p->win);
	frame = draw_hash_int(frame, (int64_t)getmaxx(p->win) << 16 | h);
	frame = draw_hash_int(frame, (int64_t)nw << 8 | lines);
	frame = draw_hash_row(draw_hash_int(frame, p->focused));
	for (i = 0; i < h; i++)
		want[i] = DRAW_ROW_BLANK;
	want[y++] = draw_hash_row(DRAW_HASH_START); /* the heads */
	for (i = bp->top; i < bp->nrows && y <= rows; i++) {
		uint64_t rh = board_row_hash(p, t, i);
		int next = board_row_next(p, y, lines);

		for (k = y; k < next && k <= rows; k++)
			want[k] = draw_hash_row(draw_hash_int(rh, k - y));
		y = next;
	}
	draw_rows_begin(&bp->drawn, p->win, frame, want, 0, 0);
	free(want);
}

static void
board_draw(struct pane *p, struct tui *t)
{
	struct board_pane *bp = p->priv;
	const struct snapshot *s = &t->snap;
	int cols = pane_cols(p), rows = pane_rows(p), y = 1, i;
	int nw = cols >= BOARD_SPLIT ? 16 : 12, lines;

	bp->fit = board_wide(p) ? rows - 1 : (rows - 1) / 2;
	board_rows(bp, t);
	lines = board_per_row(p);
	if (!t->have_snap || s->incident_id <= 0 || bp->nrows == 0) {
		draw_rows_reset(&bp->drawn);
		werase(p->win);
	} else {
		board_rows_begin(p, t, nw, lines);
	}
	board_frame(p, t);
	if (!t->have_snap || s->incident_id <= 0)
		return;
	if (bp->nrows == 0) {
		draw_text_ell(p->win, 1, 1, "Nobody on the board yet.", cols,
		    TH_MUTED);
		draw_text_ell(p->win, 2, 1, t->role == TUI_COMMANDER &&
		    !t->readonly ? "+ adds a responder, a assigns one"
		    : "warroom join NAME / assign NAME --purpose P --task T",
		    cols, TH_MUTED);
		return;
	}
	if (draw_rows_need(&bp->drawn, y))
		board_heads(p, y, nw);
	y++;
	for (i = bp->top; i < bp->nrows && y <= rows; i++) {
		int next = board_row_next(p, y, lines);

		if (draw_rows_need(&bp->drawn, y) || (next > y + 1 &&
		    y + 1 <= rows && draw_rows_need(&bp->drawn, y + 1)))
			next = board_draw_row(p, t, i, y, nw, lines);
		y = next;
	}
	board_below(p, t, i);
	draw_rows_end(&bp->drawn, p->win);
}

/* --- the commander's keys ------------------------------------------------ */

/* s cut to at most cols display columns (for labels). Caller frees. */
static char *
board_short(const char *s, int cols)
{
	int used;
	size_t n;

	if (text_width(s) <= cols)
		return xstrdup(s);
	n = text_fit(s, cols - 1, &used);
	return xasprintf("%.*s…", (int)n, s);
}

/* The selected row, or NULL (with a message). */
static const struct board_row *
board_selected(struct pane *p, struct tui *t)
{
	struct board_pane *bp = p->priv;

	board_rows(bp, t);
	if (bp->nrows == 0 || bp->sel < 0 || bp->sel >= bp->nrows) {
		tui_message(t, 1, "nobody on the board (+ adds someone)");
		return NULL;
	}
	return &bp->rows[bp->sel];
}

static const struct responder *
board_find_name(const struct tui *t, const char *name)
{
	int i;

	for (i = 0; i < t->snap.nboard; i++)
		if (strcmp(t->snap.board[i].name, name) == 0)
			return &t->snap.board[i];
	return NULL;
}

static void
board_form_clear(struct board_pane *bp)
{
	free(bp->f_name);
	bp->f_name = NULL;
}

/* Ask for one field, with text already typed in (may be NULL). */
static void
board_ask(struct pane *p, struct tui *t, const char *label, int confirm,
    const char *prefill, prompt_fn fn)
{
	struct prompt *pr = &t->prompt;

	prompt_open(pr, label, confirm, fn, p);
	choice_prefill(pr, prefill);
	t->status_dirty = 1;
}

/* The answer trimmed, NULL when empty. Caller frees. */
static char *
board_answer(const char *answer)
{
	char *a = text_trim(xstrdup(answer));

	if (*a == '\0') {
		free(a);
		return NULL;
	}
	return a;
}

/* After a write: its error, or what was done (msg is freed). */
static int
board_done_msg(struct tui *t, int rc, const char *err, char *msg)
{
	if (rc != 0)
		tui_message(t, 1, "%s", err);
	else
		tui_message(t, 0, "%s", msg);
	free(msg);
	return rc != 0 ? KEY_HANDLED : KEY_HANDLED | KEY_RELOAD;
}

/* The assignment form: who, for what, do what. It will not save without
 * all three (the talk: every request names one person, for what purpose,
 * to do what); replacing someone's assignment asks first. */
enum { F_WHO, F_PURPOSE, F_TASK };

static int
board_form_check(struct form *f, void *arg, char *err)
{
	static const char *const need[] = {
		"Refused: an assignment needs a person (who?)",
		"Refused: an assignment needs a purpose (for what?)",
		"Refused: an assignment needs a task (do what?)",
	};
	char *name;
	int i;

	(void)arg;
	for (i = F_WHO; i <= F_TASK; i++)
		if (*form_str(f, i) == '\0') {
			form_focus(f, i);
			err_set(err, "%s", need[i]);
			return -1;
		}
	if ((name = text_clean_name(form_str(f, F_WHO), "who", err))
	    == NULL) {
		form_focus(f, F_WHO);
		return -1;
	}
	free(name);
	return 0;
}

/* join: add someone not in the response first (they said so). */
static int
board_form_save(struct tui *t, struct form *f, struct pane *p, int join)
{
	char err[ERR_LEN], *who;
	int rc;

	(void)p;
	rc = (join ? board_assign_join : board_assign)(t->st,
	    t->snap.incident_id, form_str(f, F_WHO), form_str(f, F_PURPOSE),
	    form_str(f, F_TASK), t->as, err);
	if (rc != 0) {
		form_error(f, "%s", err);
		return FORM_STAY;
	}
	who = board_short(form_str(f, F_WHO), 40);
	tui_message(t, 0, "%s assigned: saved", who);
	free(who);
	return KEY_RELOAD;
}

static int
board_form_replace(struct tui *t, struct form *f, int key, void *arg)
{
	if (key != 'y')
		return FORM_STAY; /* back to the form */
	return board_form_save(t, f, arg, 0);
}

static int board_form_submit(struct tui *t, struct form *f, void *arg);

/* Someone not in the response: the close name, add them, or edit. */
static int
board_form_stranger(struct tui *t, struct form *f, int key, void *arg)
{
	struct pane *p = arg;
	struct board_pane *bp = p->priv;

	if (key >= '1' && key < '1' + BOARD_SUGGEST_MAX && bp->f_near != NULL &&
	    bp->f_near[key - '1'] != NULL) {
		form_set_text(f, F_WHO, bp->f_near[key - '1']);
		return board_form_submit(t, f, arg);
	}
	if (key == 'j')
		return board_form_save(t, f, arg, 1);
	form_focus(f, F_WHO);
	return FORM_STAY;
}

/* Nothing is created by a typo: ask before adding a new name, offering
 * the close names (1, 2, 3) first. */
static int
board_form_ask_stranger(struct tui *t, struct form *f, struct pane *p)
{
	struct board_pane *bp = p->priv;
	const char *ans[BOARD_SUGGEST_MAX + 2];
	char *opt[BOARD_SUGGEST_MAX + 1], *near[BOARD_SUGGEST_MAX];
	char *w = board_short(form_str(f, F_WHO), 24);
	struct buf q = {0};
	int n, i;

	board_suggest_free(bp->f_near);
	n = board_suggest(t->st, t->snap.incident_id, form_str(f, F_WHO),
	    &bp->f_near);
	buf_addf(&q, "%s is not in the response.", w);
	for (i = 0; i < n; i++) {
		near[i] = board_short(bp->f_near[i], 24);
		opt[i] = xasprintf("%d:use %s", i + 1, near[i]);
		ans[i] = opt[i];
	}
	board_did_you_mean(&q, " Did you mean ", near, n);
	for (i = 0; i < n; i++)
		free(near[i]);
	opt[n] = xasprintf("j:add %s and assign", w);
	ans[n] = opt[n];
	ans[n + 1] = "e:keep editing";
	form_ask(f, q.p, ans, n + 2, board_form_stranger);
	for (i = 0; i <= n; i++)
		free(opt[i]);
	buf_free(&q);
	free(w);
	return FORM_STAY;
}

static int
board_form_submit(struct tui *t, struct form *f, void *arg)
{
	static const char *const answers[] = {"y:replace it",
	    "n:keep editing"};
	const struct responder *r = board_find_name(t, form_str(f, F_WHO));
	char err[ERR_LEN];

	if (r == NULL && board_known(t->st, t->snap.incident_id,
	    form_str(f, F_WHO), err) != 0)
		return board_form_ask_stranger(t, f, arg);

	if (r != NULL && r->asg_id != 0) {
		/* Replacing someone's work is a decision: ask. */
		char *q = xasprintf("%s already has an assignment: for %s, do "
		    "%s. Replace it?", r->name, r->purpose, r->task);

		form_ask(f, q, answers, 2, board_form_replace);
		free(q);
		return FORM_STAY;
	}
	return board_form_save(t, f, arg, 0);
}

static void
board_form_assign(struct pane *p, struct tui *t, const struct board_row *row,
    int reassign)
{
	struct board_pane *bp = p->priv;
	struct form *f = form_new(reassign ? "Reassign" : "Assign");
	char **names = xcalloc((size_t)bp->nrows + 1, sizeof *names);
	int i, n = 0;

	form_add_text(f, "Who", row != NULL ? row->name : "", 0,
	    TEXT_NAME_MAX);
	form_add_text(f, "For what", reassign ? row->r->purpose : "", 0, 0);
	form_add_text(f, "Do what", "", 0, 0);
	form_set_hint(f, F_PURPOSE, "the purpose: why this matters now");
	form_set_hint(f, F_TASK, "the task: what to do, concretely");
	for (i = 0; i < bp->nrows; i++)
		if (bp->rows[i].r == NULL ||
		    bp->rows[i].r->state != RSTATE_DISMISSED)
			names[n++] = (char *)(uintptr_t)bp->rows[i].name;
	form_set_suggestions(f, F_WHO, names, n);
	free(names);
	form_focus(f, row != NULL ? (reassign ? F_TASK : F_PURPOSE) : F_WHO);
	form_on_check(f, board_form_check);
	form_on_submit(f, board_form_submit, p, NULL);
	tui_form_open(t, f);
}

/* The add-responder form: name and role. */
static int
board_join_check(struct form *f, void *arg, char *err)
{
	char *name;

	(void)arg;
	if (*form_str(f, 0) == '\0') {
		err_set(err, "Refused: a responder needs a name");
		return -1;
	}
	if ((name = text_clean_name(form_str(f, 0), "name", err)) == NULL)
		return -1;
	free(name);
	return 0;
}

static int
board_join_submit(struct tui *t, struct form *f, void *arg)
{
	char err[ERR_LEN], *who;
	int rc;

	(void)arg;
	if ((rc = board_join(t->st, t->snap.incident_id, form_str(f, 0),
	    form_choice(f, 1), t->as, err)) < 0) {
		form_error(f, "%s", err);
		return FORM_STAY;
	}
	who = board_short(form_str(f, 0), 40);
	tui_message(t, 0, rc == 1 ? "%s is already on the board; nothing "
	    "changed" : "%s is on the board", who);
	free(who);
	return KEY_RELOAD;
}

static void
board_form_join(struct pane *p, struct tui *t, const struct board_row *row)
{
	struct form *f = form_new("Add a responder");

	/* A watcher is the likely one to add. */
	form_add_text(f, "Name", row != NULL && row->r == NULL ? row->name
	    : "", 0, TEXT_NAME_MAX);
	form_add_choice(f, "Role", role_names, ROLE_COUNT, ROLE_RESPONDER);
	form_on_check(f, board_join_check);
	form_on_submit(f, board_join_submit, p, NULL);
	tui_form_open(t, f);
}

static int
board_on_interval(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	char err[ERR_LEN], d[32], *a = board_answer(answer);
	int secs, rc;

	if (a == NULL || board_parse_interval(a, &secs, err) != 0) {
		board_ask(p, t, "Not an interval (10m, 90s, 1h): check-in "
		    "every", 0, a, board_on_interval);
		free(a);
		return KEY_HANDLED;
	}
	free(a);
	rc = incident_set_intervals(t->st, t->snap.incident_id, secs, -1,
	    t->as, err);
	time_dur(secs, d, sizeof d);
	return board_done_msg(t, rc, err, xasprintf("check-in every %s", d));
}

/* y/n answered yes: act (bp->f_act) on bp->f_name. */
static int
board_on_confirm(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	struct board_pane *bp = p->priv;
	enum tui_action act = bp->f_act;
	char err[ERR_LEN], *who;
	int rc;

	(void)answer;
	if (bp->f_name == NULL)
		return KEY_HANDLED;
	who = board_short(bp->f_name, 40);
	switch (act) {
	case ACT_DONE:
	case ACT_DROP:
		rc = board_finish(t->st, t->snap.incident_id, bp->f_name,
		    act == ACT_DONE ? ASTATE_DONE : ASTATE_DROPPED, t->as, err);
		rc = board_done_msg(t, rc, err, act == ACT_DONE ?
		    xasprintf("%s's assignment is done", who) :
		    xasprintf("%s's assignment dropped", who));
		break;
	default:
		rc = board_dismiss(t->st, t->snap.incident_id, bp->f_name,
		    t->as, err);
		rc = board_done_msg(t, rc, err, xasprintf("%s dismissed: back "
		    "to normal work", who));
		break;
	}
	free(who);
	board_form_clear(bp);
	return rc;
}

static int
board_on_dismiss_idle(struct tui *t, const char *answer, void *arg)
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
	tui_message(t, 0, "dismissed %d idle responder%s: back to normal work",
	    n, n == 1 ? "" : "s");
	return KEY_HANDLED | KEY_RELOAD;
}

/* The role the commander keeps after a handoff, typed: hand over. */
static int
board_on_handoff(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	struct board_pane *bp = p->priv;
	char err[ERR_LEN], *a = board_answer(answer), *who;
	int role = a ? enum_parse(role_names, ROLE_COUNT, a) : ROLE_RESPONDER;
	int rc;

	if (bp->f_name == NULL) {
		free(a);
		return KEY_HANDLED;
	}
	if (role < 0 || role == ROLE_COMMANDER) {
		board_ask(p, t, "Stay as scribe, ops, comms or responder", 0,
		    "responder", board_on_handoff);
		free(a);
		return KEY_HANDLED;
	}
	free(a);
	who = board_short(bp->f_name, 40);
	rc = authority_handoff(t->st, t->snap.incident_id, bp->f_name, role,
	    t->as, err);
	rc = board_done_msg(t, rc, err, xasprintf("%s is the commander now; "
	    "you stay as %s", who, role_names[role]));
	free(who);
	board_form_clear(bp);
	return rc;
}

/* Hand command to the selected person: asks the role to keep. */
static int
board_handoff(struct pane *p, struct tui *t, const struct board_row *row)
{
	struct board_pane *bp = p->priv;
	char *who = board_short(row->name, 24), *label;

	if (t->snap.inc.commander != NULL &&
	    strcmp(t->snap.inc.commander, row->name) == 0) {
		tui_message(t, 1, "%s is already the commander", who);
		free(who);
		return KEY_HANDLED;
	}
	board_form_clear(bp);
	bp->f_name = xstrdup(row->name);
	label = xasprintf("Hand command to %s; you stay as", who);
	board_ask(p, t, label, 0, "responder", board_on_handoff);
	free(label);
	free(who);
	return KEY_HANDLED;
}

/* a and +: the assign or add form, about the selected row if any. */
static int
board_open_form(struct pane *p, struct tui *t, enum tui_action act)
{
	struct board_pane *bp = p->priv;
	const struct board_row *row = NULL;

	board_rows(bp, t);
	if (bp->nrows > 0 && bp->sel < bp->nrows)
		row = &bp->rows[bp->sel];
	if (act == ACT_ASSIGN)
		board_form_assign(p, t, row, 0);
	else
		board_form_join(p, t, row);
	return KEY_HANDLED;
}

static int
board_ask_interval(struct pane *p, struct tui *t)
{
	char d[32];

	time_dur(t->snap.inc.checkin_interval, d, sizeof d);
	board_ask(p, t, "Check-in every (10m, 90s, 1h)", 0, d,
	    board_on_interval);
	return KEY_HANDLED;
}

/* X: names everyone it would dismiss, and asks. */
static int
board_ask_dismiss_idle(struct pane *p, struct tui *t)
{
	struct buf names = {0};
	char *label;
	int i, n = 0;

	for (i = 0; i < t->snap.nboard; i++)
		if (board_idle(&t->snap.board[i])) {
			buf_addf(&names, "%s%s", n ? ", " : "",
			    t->snap.board[i].name);
			n++;
		}
	if (n == 0) {
		tui_message(t, 0, "nobody is idle");
		return KEY_HANDLED;
	}
	label = xasprintf("Dismiss %d idle: %s", n, names.p);
	buf_free(&names);
	board_ask(p, t, label, 1, NULL, board_on_dismiss_idle);
	free(label);
	return KEY_HANDLED;
}

static int
board_checkin_row(struct tui *t, const struct board_row *row)
{
	char err[ERR_LEN], *who = board_short(row->name, 40);
	int rc;

	rc = board_checkin(t->st, t->snap.incident_id, row->name, t->as, err);
	rc = board_done_msg(t, rc, err, xasprintf("%s checked in", who));
	free(who);
	return rc;
}

/* Reassign, done, drop and dismiss of a responder: the form, or the
 * question whose answer acts on bp->f_name. */
static int
board_ask_about(struct pane *p, struct tui *t, const struct board_row *row,
    enum tui_action act)
{
	struct board_pane *bp = p->priv;
	const struct responder *r = row->r;
	char *who = board_short(r->name, 16), *label = NULL;

	board_form_clear(bp);
	bp->f_name = xstrdup(r->name);
	bp->f_act = act;
	switch (act) {
	case ACT_REASSIGN:
		if (r->asg_id == 0) {
			tui_message(t, 1, "%s has no assignment to replace: a "
			    "assigns", who);
			break;
		}
		board_form_assign(p, t, row, 1);
		break;
	case ACT_DONE:
	case ACT_DROP:
		if (r->asg_id == 0) {
			tui_message(t, 1, "%s has no assignment", who);
			break;
		}
		label = xasprintf(act == ACT_DONE ? "Mark %s's assignment "
		    "done" : "Drop %s's assignment", who);
		board_ask(p, t, label, 1, NULL, board_on_confirm);
		break;
	case ACT_DISMISS:
		if (r->state == RSTATE_DISMISSED) {
			tui_message(t, 1, "%s is already dismissed", who);
			break;
		}
		label = xasprintf(r->asg_id ? "%s still has an assignment: "
		    "dismiss anyway (it is dropped)" : "Dismiss %s: back to "
		    "normal work", who);
		board_ask(p, t, label, 1, NULL, board_on_confirm);
		break;
	default:
		break;
	}
	free(label);
	free(who);
	return KEY_HANDLED;
}

/* Keys that act on the selected person (or ask for one). */
static int
board_act(struct pane *p, struct tui *t, enum tui_action act)
{
	const struct board_row *row;

	if (t->snap.incident_id <= 0) {
		tui_message(t, 1, "no incident yet");
		return KEY_HANDLED;
	}
	switch (act) {
	case ACT_ASSIGN:
	case ACT_JOIN:
		return board_open_form(p, t, act);
	case ACT_INTERVAL:
		return board_ask_interval(p, t);
	case ACT_DISMISS_IDLE:
		return board_ask_dismiss_idle(p, t);
	default:
		break;
	}
	if ((row = board_selected(p, t)) == NULL)
		return KEY_HANDLED;
	if (act == ACT_CHECKIN && row->r == NULL) {
		/* Only join adds someone: watching is not responding. */
		tui_message(t, 1, "%s only watches: + adds them, a assigns",
		    row->name);
		return KEY_HANDLED;
	}
	if (act == ACT_HANDOFF)
		return board_handoff(p, t, row);
	if (act == ACT_CHECKIN)
		return board_checkin_row(t, row);
	if (row->r == NULL) {
		tui_message(t, 1, "%s only watches: a assigns, + adds them",
		    row->name);
		return KEY_HANDLED;
	}
	return board_ask_about(p, t, row, act);
}

static int
board_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct board_pane *bp = p->priv;
	int n, old = bp->sel, page;

	board_rows(bp, t);
	n = bp->nrows;
	page = (pane_rows(p) - 1) / board_per_row(p);
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_ASSIGN:
	case ACT_REASSIGN:
	case ACT_JOIN:
	case ACT_CHECKIN:
	case ACT_DONE:
	case ACT_DROP:
	case ACT_DISMISS:
	case ACT_DISMISS_IDLE:
	case ACT_INTERVAL:
	case ACT_HANDOFF:
		return board_act(p, t, act);
	case ACT_VIEW: /* the selected row whole (dialog/record.c) */
		return record_person_open(t, n > 0 && bp->sel >= 0 && bp->sel < n
		    ? bp->rows[bp->sel].name : NULL);
	default:
		break;
	}
	if (!pane_list_step(act, &bp->sel, page, n))
		return 0;
	board_keep_visible(p);
	board_remember(bp);
	return KEY_HANDLED | (bp->sel != old ? KEY_REDRAW : 0);
}

static void
board_resize(struct pane *p, struct tui *t)
{
	board_rows(p->priv, t);
	board_keep_visible(p);
	draw_rows_reset(&((struct board_pane *)p->priv)->drawn);
	p->dirty = 1;
}

static void
board_free_pane(struct pane *p)
{
	struct board_pane *bp = p->priv;

	if (bp != NULL) {
		free(bp->sel_name);
		free(bp->rows);
		board_suggest_free(bp->f_near);
		board_form_clear(bp);
		draw_rows_free(&bp->drawn);
	}
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
