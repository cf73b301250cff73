/* record.c: one record read whole: the selected timeline entry (Enter or v
 * in the Timeline pane) with its times, source, confidence, edit history
 * and links, and the selected Board row (Enter or v in the Board) with
 * the full purpose and task and the person's assignments. A scrolling
 * dialog with its own keys; the text is wrapped by display column (a
 * wide character never cut in half) to the screen's width, and drawn
 * through draw.c (the sanitizer). Both follow the store: an entry edited
 * or deleted by someone else while open says so and shows what it is
 * now. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "model/board.h"
#include "model/timeline.h"
#include "view/record.h"
#include "widget/draw.h"
#include "pane/pane.h"

#define KEY_ESC 27
#define CTRL(c) ((c) & 0x1f)
#define REC_LABEL_W 13 /* "Last check-in" */

/* One screen line of the record: an optional label, then text at x. */
struct rec_line {
	char *label; /* NULL: none */
	char *text;
	int x;       /* the text's column inside the margin */
	enum theme_el el;
};

struct rec_lines {
	struct rec_line *v;
	int n, cap;
	int cols; /* the width lines are wrapped to */
};

/* What is open: an entry or a person. */
struct record {
	int person;       /* 0: an entry */
	int top;          /* the first line shown */
	int page;         /* lines shown at the last draw */
	int nlines;       /* lines at the last draw */
	/* An entry. */
	int64_t id;
	int opened_version; /* the version last seen */
	char *changed;      /* "changed by ... while open", or NULL */
	struct entry_detail d;
	char err[ERR_LEN];  /* why it could not be read, or "" */
	struct pane *pane;  /* the Timeline pane, for e */
	void (*edit)(struct pane *p, struct tui *t, int64_t id);
	/* A person. */
	char *name;
	struct person_asg *asg;
	int nasg;
};

/* --- lines ---------------------------------------------------------------- */

static void
rec_push(struct rec_lines *ls, const char *label, const char *text, int x,
    enum theme_el el)
{
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 64;
		ls->v = xrealloc(ls->v, (size_t)ls->cap * sizeof *ls->v);
	}
	ls->v[ls->n++] = (struct rec_line){label ? xstrdup(label) : NULL,
		xstrdup(text), x, el};
}

static void
rec_lines_free(struct rec_lines *ls)
{
	int i;

	for (i = 0; i < ls->n; i++) {
		free(ls->v[i].label);
		free(ls->v[i].text);
	}
	free(ls->v);
	*ls = (struct rec_lines){0};
}

/* text wrapped to the lines' width from column x; the first row carries
 * label. Line breaks are kept; nothing is ever cut (only the spaces where
 * a row breaks are left out). */
static void
rec_wrap(struct rec_lines *ls, const char *label, const char *text, int x,
    enum theme_el el)
{
	char *clean = text_sanitize(text ? text : "", strlen(text ? text : ""),
	    TEXT_MAX, TEXT_MULTILINE);
	const char *s = clean;
	int cols = ls->cols - x > 4 ? ls->cols - x : 4;

	do {
		size_t n = strcspn(s, "\n");
		char *line = xstrndup(s, n), *l = line;

		do { /* by words, Japanese with kinsoku (draw_wrap) */
			size_t next, cut = draw_wrap(l, cols, &next);
			char *part = xstrndup(l, cut);

			rec_push(ls, label, part, x, el);
			free(part);
			label = NULL;
			l += next;
		} while (*l != '\0');
		free(line);
		s += n;
	} while (*s++ == '\n');
	free(clean);
}

/* "Label         value", the value wrapped under itself. */
static void
rec_field(struct rec_lines *ls, const char *label, const char *value,
    enum theme_el el)
{
	rec_wrap(ls, label, value, REC_LABEL_W + 2, el);
}

static void
rec_fieldf(struct rec_lines *ls, const char *label, enum theme_el el,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
rec_fieldf(struct rec_lines *ls, const char *label, enum theme_el el,
    const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rec_field(ls, label, s, el);
	free(s);
}

static void
rec_blank(struct rec_lines *ls)
{
	rec_push(ls, NULL, "", 0, TH_NORMAL);
}

/* "2026-11-30 07:12:00 (12m ago)" */
static char *
rec_when(int64_t at, int64_t now)
{
	char full[32], ago[16];

	if (at <= 0)
		return xstrdup("-");
	time_full(at, full, sizeof full);
	if (now - at < 0)
		return xstrdup(full);
	tui_dur(now - at, ago, sizeof ago);
	return xasprintf("%s (%s ago)", full, ago);
}

/* --- an entry -------------------------------------------------------------- */

/* What happened to the entry while open, if anything, at the top. */
static void
rec_entry_banner(struct rec_lines *ls, const struct record *rc)
{
	const struct entry *e = &rc->d.e;

	if (rc->err[0] != '\0')
		rec_wrap(ls, NULL, rc->err, 0, TH_ERROR);
	if (rc->d.gone) {
		rec_wrap(ls, NULL, "This entry no longer exists (its incident "
		    "was removed).", 0, TH_ERROR);
		return;
	}
	if (e->deleted) {
		char *when = rec_when(e->edited, 0);
		char *line = xasprintf("DELETED by %s at %s; it has left the "
		    "timeline (history kept)", e->edited_by ? e->edited_by
		    : "?", when);

		rec_wrap(ls, NULL, line, 0, TH_ERROR);
		free(line);
		free(when);
	} else if (e->tomb_at > 0) {
		char *line = timeline_tomb_text(e->tomb_at, e->tomb_by,
		    e->tomb_reason);

		rec_wrap(ls, NULL, line, 0, TH_ERROR);
		free(line);
	}
	if (rc->changed != NULL)
		rec_wrap(ls, NULL, rc->changed, 0, TH_WARN);
}

/* Why a routine entry is folded on the timeline, if it is. */
static void
rec_entry_routine(struct rec_lines *ls, const struct entry *e)
{
	const char *what;

	switch (timeline_routine(e, NULL, 0)) {
	case TL_ROUTINE_CHECKIN:
		what = "a check-in";
		break;
	case TL_ROUTINE_JOIN:
		what = "someone joining";
		break;
	case TL_ROUTINE_SAME:
		what = "an assignment unchanged in substance (the same purpose "
		    "and task as before)";
		break;
	default:
		return;
	}
	rec_fieldf(ls, "Routine", TH_MUTED, "%s: folded with the routine "
	    "entries around it (o on the timeline shows every one)", what);
}

static void
rec_entry_fields(struct rec_lines *ls, const struct record *rc, int64_t now)
{
	const struct entry *e = &rc->d.e;
	const char *why = timeline_origin_why(e);
	char *s;

	rec_field(ls, "Kind", kind_names[e->kind], TH_KIND);
	rec_field(ls, "Author", e->author, TH_AUTHOR);
	s = rec_when(e->event_time, now);
	rec_field(ls, "Event time", s, TH_TIME);
	free(s);
	s = rec_when(e->recorded, now);
	rec_field(ls, "Recorded", s, TH_TIME);
	free(s);
	if (why != NULL)
		rec_fieldf(ls, "Source", TH_WARN, "%s  (unknown origin: %s)",
		    e->source[0] ? e->source : "none", why);
	else
		rec_field(ls, "Source", e->source, TH_SOURCE);
	rec_field(ls, "Confidence", confidence_names[e->confidence],
	    TH_NORMAL);
	rec_entry_routine(ls, e);
	if (e->edited > 0) {
		s = rec_when(e->edited, now);
		rec_fieldf(ls, "Version", TH_NORMAL, "v%d, last edited by %s "
		    "at %s", e->version, e->edited_by ? e->edited_by : "?", s);
		free(s);
	} else
		rec_fieldf(ls, "Version", TH_NORMAL, "v%d, never edited",
		    e->version);
}

static void
rec_decision(struct rec_lines *ls, const struct decision *d, int64_t now)
{
	char *s;
	int i;

	rec_fieldf(ls, "Decision", TH_KIND_DECISION, "#%lld",
	    (long long)d->id);
	rec_field(ls, "Reason", d->reason, TH_NORMAL);
	rec_field(ls, "Risk", d->risk[0] ? d->risk : "not stated",
	    d->risk[0] ? TH_NORMAL : TH_MUTED);
	if (d->signoff == SIGNOFF_NONE || d->signoff_from == NULL)
		rec_field(ls, "Sign-off", "none needed", TH_MUTED);
	else if (d->signoff == SIGNOFF_PENDING)
		rec_fieldf(ls, "Sign-off", TH_WARN, "pending from %s",
		    d->signoff_from);
	else {
		s = rec_when(d->signed_at, now);
		rec_fieldf(ls, "Sign-off", d->signoff == SIGNOFF_APPROVED ?
		    TH_OK : TH_CRIT, "%s by %s at %s%s%s",
		    signoff_names[d->signoff], d->signed_by ? d->signed_by
		    : d->signoff_from, s, d->signoff_note ? ": " : "",
		    d->signoff_note ? d->signoff_note : "");
		free(s);
	}
	if (d->checklist_name != NULL) {
		rec_field(ls, "Checklist", d->checklist_title ?
		    d->checklist_title : d->checklist_name, TH_NORMAL);
		for (i = 0; i < d->nanswers; i++)
			rec_fieldf(ls, "", TH_NORMAL, "%s: %s%s%s",
			    d->answers[i].question,
			    answer_names[d->answers[i].answer],
			    d->answers[i].note ? " - " : "",
			    d->answers[i].note ? d->answers[i].note : "");
	}
	if (d->release_id != 0)
		rec_fieldf(ls, "Rolls back", d->release_safe == SAFE_NO ?
		    TH_CRIT : TH_NORMAL, "%s (%s)", d->release_name,
		    release_safe_text(d->release_safe));
	if (d->override != NULL)
		rec_field(ls, "Override", d->override, TH_WARN);
}

static void
rec_release(struct rec_lines *ls, const struct release *r, int64_t now)
{
	char *s = rec_when(r->at, now);

	if (r->kind == RELEASE_FLAG)
		rec_fieldf(ls, "Release", TH_NORMAL, "flag %s turned %s",
		    r->name, r->flag_on ? "on" : "off");
	else
		rec_fieldf(ls, "Release", r->rollback_safe == SAFE_NO ?
		    TH_CRIT : TH_NORMAL, "deploy %s, %s", r->name,
		    release_safe_text(r->rollback_safe));
	rec_fieldf(ls, "", TH_MUTED, "at %s by %s", s, r->author);
	if (r->link != NULL)
		rec_field(ls, "Link", r->link, TH_SOURCE);
	free(s);
}

/* Every version, newest first: who made it and when, and what the older
 * ones said. */
static void
rec_history(struct rec_lines *ls, const struct entry_detail *d)
{
	char *s;
	int i;

	s = xasprintf("Edit history: %d version%s, newest first", d->nhist,
	    d->nhist == 1 ? "" : "s");
	rec_wrap(ls, NULL, s, 0, TH_LABEL);
	free(s);
	for (i = d->nhist - 1; i >= 0; i--) {
		const struct entry *v = &d->hist[i];
		const char *who = i == 0 ? v->author : d->hist[i - 1].edited_by;
		int64_t when = i == 0 ? v->recorded : d->hist[i - 1].edited;
		char made[32], at[32];

		time_full(when, made, sizeof made);
		time_full(v->event_time, at, sizeof at);
		s = xasprintf("v%d by %s at %s%s%s: %s, %s, %s, %s", v->version,
		    who ? who : "?", made, i == d->nhist - 1 ? " (now)" : "",
		    v->deleted ? " DELETED" : "", kind_names[v->kind], at,
		    v->source[0] ? v->source : "no source",
		    confidence_names[v->confidence]);
		rec_wrap(ls, NULL, s, 2, i == d->nhist - 1 ? TH_NORMAL
		    : TH_MUTED);
		free(s);
		/* The current text is the one above. */
		if (i < d->nhist - 1)
			rec_wrap(ls, NULL, v->text, 4, TH_MUTED);
	}
}

static void
rec_entry_lines(struct rec_lines *ls, const struct record *rc, int64_t now)
{
	rec_entry_banner(ls, rc);
	if (rc->d.gone || rc->d.e.id == 0)
		return;
	rec_entry_fields(ls, rc, now);
	rec_blank(ls);
	rec_wrap(ls, NULL, rc->d.e.text, 0, TH_NORMAL);
	rec_blank(ls);
	if (rc->d.has_decision) {
		rec_decision(ls, &rc->d.d, now);
		rec_blank(ls);
	}
	if (rc->d.has_release) {
		rec_release(ls, &rc->d.r, now);
		rec_blank(ls);
	}
	rec_history(ls, &rc->d);
}

/* --- a person -------------------------------------------------------------- */

static const struct responder *
rec_responder(const struct tui *t, const char *name)
{
	int i;

	for (i = 0; i < t->snap.nboard; i++)
		if (strcmp(t->snap.board[i].name, name) == 0)
			return &t->snap.board[i];
	return NULL;
}

/* The state as the Board tells it, with the reason in words. */
static void
rec_person_state(struct rec_lines *ls, const struct responder *r,
    const struct snapshot *s)
{
	char ago[16];

	tui_dur(s->now - r->last_checkin > 0 ? s->now - r->last_checkin : 0,
	    ago, sizeof ago);
	if (board_is_stale(r, s->now, s->inc.checkin_interval))
		rec_fieldf(ls, "State", TH_STALE, "STALE: no check-in for %s",
		    ago);
	else if (r->state != RSTATE_DISMISSED && board_clock_ahead(r, s->now))
		rec_field(ls, "State", "clock? a check-in is stamped ahead of "
		    "now", TH_WARN);
	else if (board_is_idle(r))
		rec_field(ls, "State", "IDLE: no task", TH_IDLE);
	else if (r->state == RSTATE_DISMISSED)
		rec_field(ls, "State", "dismissed", TH_MUTED);
	else if (r->asg_id == 0 && board_standing_role(r->role))
		rec_field(ls, "State", "on duty", TH_NORMAL);
	else
		rec_field(ls, "State", r->asg_id != 0 ? "active"
		    : rstate_names[r->state], TH_NORMAL);
}

static void
rec_person_asg(struct rec_lines *ls, const struct record *rc)
{
	char *s;
	int i;

	s = xasprintf("Assignments in this incident: %d, newest first",
	    rc->nasg);
	rec_wrap(ls, NULL, s, 0, TH_LABEL);
	free(s);
	for (i = 0; i < rc->nasg; i++) {
		const struct person_asg *a = &rc->asg[i];
		char from[32], to[32];

		time_full(a->created, from, sizeof from);
		time_hms(a->updated, to, sizeof to);
		if (a->state == ASTATE_ACTIVE)
			s = xasprintf("since %s: active", from);
		else
			s = xasprintf("%s to %s: %s", from, to,
			    astate_names[a->state]);
		rec_wrap(ls, NULL, s, 2, a->state == ASTATE_ACTIVE ? TH_NORMAL
		    : TH_MUTED);
		free(s);
		s = xasprintf("for what: %s", a->purpose);
		rec_wrap(ls, NULL, s, 4, TH_NORMAL);
		free(s);
		s = xasprintf("do what: %s", a->task);
		rec_wrap(ls, NULL, s, 4, TH_NORMAL);
		free(s);
	}
}

static void
rec_person_lines(struct rec_lines *ls, const struct record *rc,
    const struct tui *t)
{
	const struct responder *r = rec_responder(t, rc->name);
	char *s;

	if (rc->err[0] != '\0')
		rec_wrap(ls, NULL, rc->err, 0, TH_ERROR);
	rec_field(ls, "Name", rc->name, TH_AUTHOR);
	if (r == NULL) {
		rec_field(ls, "State", "watching this incident; not in the "
		    "response", TH_MUTED);
		return;
	}
	rec_field(ls, "Role", role_names[r->role], TH_NORMAL);
	rec_person_state(ls, r, &t->snap);
	s = rec_when(r->joined, t->snap.now);
	rec_field(ls, "Joined", s, TH_TIME);
	free(s);
	s = rec_when(r->last_checkin, t->snap.now);
	rec_field(ls, "Last check-in", s, TH_TIME);
	free(s);
	if (r->asg_id != 0) {
		s = rec_when(r->asg_since, t->snap.now);
		rec_field(ls, "Assigned", s, TH_TIME);
		free(s);
		rec_field(ls, "For what", r->purpose, TH_NORMAL);
		rec_field(ls, "Do what", r->task, TH_NORMAL);
	} else
		rec_field(ls, "Task", "none", TH_MUTED);
	rec_blank(ls);
	rec_person_asg(ls, rc);
}

/* --- drawing --------------------------------------------------------------- */

static void
rec_draw_lines(WINDOW *w, const struct rec_lines *ls, int top, int rows)
{
	int i;

	for (i = 0; i < rows && top + i < ls->n; i++) {
		const struct rec_line *l = &ls->v[top + i];

		if (l->label != NULL)
			draw_text_ell(w, 1 + i, 2, l->label, REC_LABEL_W,
			    TH_LABEL);
		draw_text(w, 1 + i, 2 + l->x, l->text, ls->cols - l->x, l->el);
	}
}

static void
rec_title(const struct record *rc, char *title, size_t n, char *right,
    size_t rn)
{
	const struct entry *e = &rc->d.e;

	right[0] = '\0';
	if (rc->person)
		snprintf(title, n, "Board: %s", rc->name);
	else if (rc->d.gone || e->id == 0)
		snprintf(title, n, "Entry #%lld", (long long)rc->id);
	else {
		snprintf(title, n, "Entry #%lld: %s by %s", (long long)e->id,
		    kind_names[e->kind], e->author);
		snprintf(right, rn, "v%d", e->version);
	}
}

static void
rec_draw(struct tui *t, void *data)
{
	struct record *rc = data;
	struct rec_lines ls = {0};
	int h = LINES - 1, w = COLS, rows;
	char title[256], right[32];
	WINDOW *win = overlay_box(t, &h, &w, TH_NORMAL);

	if (win == NULL)
		return;
	ls.cols = w - 4;
	if (rc->person)
		rec_person_lines(&ls, rc, t);
	else
		rec_entry_lines(&ls, rc, t->snap.now);
	rows = h - 3 > 1 ? h - 3 : 1;
	rc->page = rows;
	rc->nlines = ls.n;
	if (rc->top > ls.n - rows)
		rc->top = ls.n - rows;
	if (rc->top < 0)
		rc->top = 0;
	rec_title(rc, title, sizeof title, right, sizeof right);
	draw_box(win, title, right, 1);
	rec_draw_lines(win, &ls, rc->top, rows);
	draw_text_ell(win, h - 2, 2, rc->person ? "j/k scroll  PgUp/PgDn  "
	    "? keys  Esc close" : "j/k scroll  PgUp/PgDn  e edit  ? keys  "
	    "Esc close", w - 16, TH_MUTED);
	if (ls.n > rows) {
		char pos[48];

		snprintf(pos, sizeof pos, "%d-%d/%d", rc->top + 1,
		    rc->top + rows, ls.n);
		draw_text(win, h - 2, w - 2 - draw_width(pos), pos, 16,
		    TH_MUTED);
	}
	rec_lines_free(&ls);
	wnoutrefresh(win);
}

/* --- keys ------------------------------------------------------------------ */

#define REC_MOVE_KEYS                                                   \
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "scroll a line down", 0, NULL}, \
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL, 0, NULL},     \
	{'k', "k", ACT_UP, -1, NEED_NONE, "scroll a line up", 0, NULL}, \
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL, 0, NULL},           \
	{KEY_NPAGE, "PgDn", ACT_PAGE_DOWN, -1, NEED_NONE, "a page down",    \
	    0, NULL},                                                   \
	{' ', "Space", ACT_PAGE_DOWN, -1, NEED_NONE, NULL, 0, NULL},    \
	{CTRL('f'), "^F", ACT_PAGE_DOWN, -1, NEED_NONE, NULL, 0, NULL}, \
	{KEY_PPAGE, "PgUp", ACT_PAGE_UP, -1, NEED_NONE, "a page up", 0, NULL}, \
	{CTRL('b'), "^B", ACT_PAGE_UP, -1, NEED_NONE, NULL, 0, NULL},   \
	{'g', "g", ACT_TOP, -1, NEED_NONE, "to the top", 0, NULL},      \
	{KEY_HOME, "Home", ACT_TOP, -1, NEED_NONE, NULL, 0, NULL},      \
	{'G', "G", ACT_BOTTOM, -1, NEED_NONE, "to the end", 0, NULL},   \
	{KEY_END, "End", ACT_BOTTOM, -1, NEED_NONE, NULL, 0, NULL}

#define REC_CLOSE_KEYS                                                  \
	{KEY_ESC, "Esc", ACT_CLOSE, -1, NEED_NONE,                      \
	    "close (back to the pane)", 0, NULL},                       \
	{'q', "q", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},            \
	{'v', "v", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},            \
	{'\r', "Enter", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},       \
	{'\n', "Enter", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},       \
	{KEY_ENTER, "Enter", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},  \
	{3, "^C", ACT_QUIT, -1, NEED_NONE, "quit", 0, NULL},            \
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL}, \
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL}

static const struct key_binding rec_entry_table[] = {
	REC_MOVE_KEYS,
	{'e', "e", ACT_EDIT, -1, NEED_TIMELINE,
	    "edit this entry (scribe, commander)", 0, NULL},
	REC_CLOSE_KEYS,
};
static const struct keymap rec_entry_keys = KEYMAP("Keys: entry detail",
    rec_entry_table);

static const struct key_binding rec_person_table[] = {
	REC_MOVE_KEYS,
	REC_CLOSE_KEYS,
};
static const struct keymap rec_person_keys = KEYMAP("Keys: board row detail",
    rec_person_table);

/* e: the Timeline's edit form for this entry, over the view. */
static void
rec_edit(struct tui *t, struct record *rc)
{
	if (rc->d.gone || rc->d.e.deleted) {
		tui_message(t, 1, "#%lld was deleted: nothing to edit",
		    (long long)rc->id);
		return;
	}
	if (tui_role_refuse(t, NEED_TIMELINE, ACT_TL_EDIT))
		return;
	if (rc->edit != NULL)
		rc->edit(rc->pane, t, rc->id);
}

static int
rec_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct record *rc = data;
	const struct key_binding *k = keymap_find(rc->person ? &rec_person_keys
	    : &rec_entry_keys, (int)ch, is_code, -1);
	int page = rc->page > 1 ? rc->page - 1 : 1;

	switch (k != NULL ? k->act : ACT_NONE) {
	case ACT_DOWN:
		rc->top++;
		break;
	case ACT_UP:
		rc->top--;
		break;
	case ACT_PAGE_DOWN:
		rc->top += page;
		break;
	case ACT_PAGE_UP:
		rc->top -= page;
		break;
	case ACT_TOP:
		rc->top = 0;
		break;
	case ACT_BOTTOM:
		rc->top = rc->nlines;
		break;
	case ACT_EDIT:
		rec_edit(t, rc);
		break;
	case ACT_CLOSE:
		overlay_close(t, OVERLAY_DIALOG);
		break;
	case ACT_QUIT:
		return KEY_QUIT;
	default:
		if (!is_code && ch >= 0x20 && ch < 0x7F)
			tui_message(t, 0, "'%c' does nothing here; ? shows the "
			    "keys", (char)ch);
		break;
	}
	return KEY_HANDLED;
}

/* --- loading --------------------------------------------------------------- */

/* Read the entry again; say so when someone changed it while open. */
static void
rec_entry_load(struct tui *t, struct record *rc)
{
	struct entry_detail d;

	if (entry_detail_load(t->st, rc->id, &d, rc->err) != 0)
		return; /* keep showing what we had, and why it is not newer */
	rc->err[0] = '\0';
	/* One's own edit (e here) shows itself; another's is pointed out. */
	if (!d.gone && d.e.edited_by != NULL && t->as != NULL &&
	    strcmp(d.e.edited_by, t->as) == 0 && !d.e.deleted)
		rc->opened_version = d.e.version;
	if (rc->opened_version > 0 && !d.gone &&
	    d.e.version != rc->opened_version) {
		/* The note tells the latest change by someone else. */
		char at[32];

		time_hms(d.e.edited, at, sizeof at);
		free(rc->changed);
		rc->changed = xasprintf("Changed while open by %s at %s: v%d "
		    "became v%d (shown)", d.e.edited_by ? d.e.edited_by : "?",
		    at, rc->opened_version, d.e.version);
	}
	if (!d.gone)
		rc->opened_version = d.e.version;
	entry_detail_clear(&rc->d);
	rc->d = d;
}

static void
rec_person_load(struct tui *t, struct record *rc)
{
	struct person_asg *a;
	int n;

	if (person_asg_load(t->st, t->snap.incident_id, rc->name, &a, &n,
	    rc->err) != 0)
		return;
	rc->err[0] = '\0';
	person_asg_free(rc->asg, rc->nasg);
	rc->asg = a;
	rc->nasg = n;
}

static void
rec_reload(struct tui *t, void *data)
{
	struct record *rc = data;

	if (rc->person)
		rec_person_load(t, rc);
	else
		rec_entry_load(t, rc);
}

static void
rec_close(struct tui *t, void *data)
{
	struct record *rc = data;

	(void)t;
	entry_detail_clear(&rc->d);
	person_asg_free(rc->asg, rc->nasg);
	free(rc->changed);
	free(rc->name);
	free(rc);
}

static const struct overlay_ops rec_entry_ops = {rec_draw, rec_key,
	rec_reload, rec_close, &rec_entry_keys};
static const struct overlay_ops rec_person_ops = {rec_draw, rec_key,
	rec_reload, rec_close, &rec_person_keys};

int
record_entry_open(struct tui *t, int64_t id, struct pane *p,
    void (*edit)(struct pane *p, struct tui *t, int64_t id))
{
	struct record *rc;

	if (id <= 0) {
		tui_message(t, 1, "no entry selected");
		return KEY_HANDLED;
	}
	rc = xcalloc(1, sizeof *rc);
	rc->id = id;
	rc->pane = p;
	rc->edit = edit;
	rec_entry_load(t, rc);
	overlay_open(t, OVERLAY_DIALOG, &rec_entry_ops, rc);
	return KEY_HANDLED;
}

int
record_person_open(struct tui *t, const char *name)
{
	struct record *rc;

	if (name == NULL || t->snap.incident_id <= 0) {
		tui_message(t, 1, "nobody on the board (+ adds someone)");
		return KEY_HANDLED;
	}
	rc = xcalloc(1, sizeof *rc);
	rc->person = 1;
	rc->name = xstrdup(name);
	rec_person_load(t, rc);
	overlay_open(t, OVERLAY_DIALOG, &rec_person_ops, rc);
	return KEY_HANDLED;
}
