/* timeline.c: the Timeline pane, where the scribe writes the incident's
 * history: time-ordered entries one a line, added, edited, retimed and
 * deleted through forms, with conflicts asked about, never overwritten.
 * Only the rows on screen are loaded (timeline_page keyset windows), so it
 * scrolls, searches and jumps through any number of entries alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "view/screen_state.h"
#include "widget/draw.h"
#include "widget/form.h"
#include "pane/pane.h"

#define TL_USER_KINDS 5  /* event .. note: what people write by hand */
#define TL_SOURCES_MAX 8 /* recent sources offered in forms */
#define TL_SOURCE_MAX (TEXT_NAME_MAX * 2)
#define TL_FILL_MAX 20   /* rows loaded per line at most, to fill folds */

/* A line of the pane: one entry, or a fold of n routine ones (n > 1). */
struct tl_line {
	int row, n;
};

struct timeline_pane {
	int follow;          /* pinned to the newest entries */
	struct tl_key top;   /* the first row shown when not following */
	struct entry *rows;
	int nrows, cap;
	struct tl_line *lines; /* the rows as shown, routine bursts folded */
	int nlines, lcap;
	int unfold;          /* show routine entries one a line */
	int64_t open_id;     /* the burst holding this entry is unfolded */
	int sel;             /* selected line */
	int64_t sel_id;      /* ... kept across reloads by its first id */
	int sel_last;        /* the selection rides on the newest entry */
	int kind;            /* the kind shown, -1 every kind */
	char *search;        /* the text searched for (N / B), or NULL */
	int state_read;      /* the remembered filter was read */
	int64_t del_id;      /* the entry the delete question is about */
	int del_version;
	char err[ERR_LEN];
	struct draw_rows drawn; /* the rows as last drawn (widget/draw.h) */
};

static struct tl_key
tl_key_of(const struct entry *e)
{
	return (struct tl_key){e->event_time, e->id};
}

static struct timeline_filter
timeline_filter_of(const struct timeline_pane *tp)
{
	return (struct timeline_filter){tp->kind, NULL};
}

static int
timeline_system_kind(int kind)
{
	return kind == KIND_PHASE || kind == KIND_ASSIGNMENT ||
	    kind == KIND_RELEASE;
}

/* The lines of the pinned strip at the top: one per pinned entry shown,
 * at most SNAPSHOT_PINS_MAX, fewer in a short pane (the entries keep at
 * least two lines). */
static int
timeline_strip(struct pane *p, const struct tui *t)
{
	int n = t->snap.incident_id > 0 ? t->snap.npins : 0;
	int room = pane_rows(p) - 2;

	if (n > room)
		n = room > 0 ? room : 0;
	return n;
}

/* The lines left for entries below the strip. */
static int
timeline_rows(struct pane *p, const struct tui *t)
{
	int n = pane_rows(p) - timeline_strip(p, t);

	return n > 1 ? n : 1;
}

static void
timeline_add_line(struct timeline_pane *tp, int row, int n)
{
	if (tp->nlines >= tp->lcap) {
		tp->lcap = tp->lcap ? tp->lcap * 2 : 32;
		tp->lines = xreallocarray(tp->lines, (size_t)tp->lcap,
		    sizeof *tp->lines);
	}
	tp->lines[tp->nlines++] = (struct tl_line){row, n};
}

/* The lines of the rows: each burst of two or more routine entries
 * (check-ins, joins) one line, unless every entry is shown or the burst
 * holds the opened entry. A fold is a view of the rows loaded. */
static void
timeline_fold(struct timeline_pane *tp)
{
	int i = 0, j, k, open;

	tp->nlines = 0;
	while (i < tp->nrows) {
		if (tp->unfold || !timeline_routine(&tp->rows[i], NULL, 0)) {
			timeline_add_line(tp, i++, 1);
			continue;
		}
		open = 0;
		for (j = i; j < tp->nrows &&
		    timeline_routine(&tp->rows[j], NULL, 0); j++)
			open |= tp->rows[j].id == tp->open_id;
		if (j - i >= 2 && !open)
			timeline_add_line(tp, i, j - i);
		else
			for (k = i; k < j; k++)
				timeline_add_line(tp, k, 1);
		i = j;
	}
}

/* n rows from the top key, or the newest n when following. */
static int
timeline_fetch(struct pane *p, struct tui *t, int n)
{
	struct timeline_pane *tp = p->priv;
	struct timeline_filter f = timeline_filter_of(tp);
	struct tl_key k = {tp->top.t, tp->top.id - 1};

	timeline_clear_items(tp->rows, tp->nrows);
	tp->nrows = 0;
	tp->err[0] = '\0';
	if (n > tp->cap) {
		tp->rows = xreallocarray(tp->rows, (size_t)n, sizeof *tp->rows);
		tp->cap = n;
	}
	/* From top inclusive: strictly after the key just before. */
	return timeline_page(t->st, t->snap.incident_id, &f, tp->follow ? NULL
	    : &k, tp->follow ? -1 : 1, n, tp->rows, tp->err);
}

/* Keep the lines that fit: the newest when following, else those from
 * the top; the rows of the others go. */
static void
timeline_trim(struct timeline_pane *tp, int lines)
{
	int cut;

	if (tp->nlines <= lines)
		return;
	if (tp->follow) {
		cut = tp->lines[tp->nlines - lines].row;
		timeline_clear_items(tp->rows, cut);
		memmove(tp->rows, tp->rows + cut, (size_t)(tp->nrows - cut) *
		    sizeof *tp->rows);
		tp->nrows -= cut;
	} else {
		cut = tp->lines[lines].row;
		timeline_clear_items(tp->rows + cut, tp->nrows - cut);
		tp->nrows = cut;
	}
	timeline_fold(tp);
}

/* Load the rows for the current position: as many as fill the pane's
 * lines once routine bursts are folded. */
static void
timeline_load(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;
	int lines = timeline_rows(p, t), n = lines, got;

	tp->nlines = 0;
	if (t->snap.incident_id <= 0) {
		timeline_clear_items(tp->rows, tp->nrows);
		tp->nrows = 0;
		return;
	}
	for (;;) {
		got = timeline_fetch(p, t, n);
		tp->nrows = got > 0 ? got : 0;
		if (!tp->follow && got < n) {
			/* The end is in view: show a full page of the newest. */
			tp->follow = 1;
			n = lines;
			continue;
		}
		timeline_fold(tp);
		if (tp->nlines >= lines || got < n || n >= lines * TL_FILL_MAX)
			break;
		n *= 2; /* folds took lines: load more rows */
		if (n > lines * TL_FILL_MAX)
			n = lines * TL_FILL_MAX;
	}
	timeline_trim(tp, lines);
	if (tp->follow && tp->nrows > 0)
		tp->top = tl_key_of(&tp->rows[0]);
}

/* The first row of the selected line. */
static const struct entry *
timeline_sel_row(const struct timeline_pane *tp)
{
	return tp->nlines > 0 ? &tp->rows[tp->lines[tp->sel].row] : NULL;
}

/* The selection within the lines, and what it is on remembered: the id
 * of its first entry, and whether it rides on the newest line. */
static void
timeline_keep_sel(struct timeline_pane *tp)
{
	if (tp->sel >= tp->nlines)
		tp->sel = tp->nlines - 1;
	if (tp->sel < 0)
		tp->sel = 0;
	tp->sel_id = tp->nlines > 0 ? timeline_sel_row(tp)->id : 0;
	tp->sel_last = tp->follow && tp->sel == tp->nlines - 1;
}

/* After a reload: the selection back on the line holding its entry, or
 * on the newest. */
static void
timeline_fix_sel(struct timeline_pane *tp)
{
	int i, r;

	if (tp->sel_last)
		tp->sel = tp->nlines - 1;
	else
		for (i = 0; i < tp->nlines; i++)
			for (r = 0; r < tp->lines[i].n; r++)
				if (tp->rows[tp->lines[i].row + r].id ==
				    tp->sel_id)
					tp->sel = i;
	timeline_keep_sel(tp);
}

/* The filter and search this user's screen had last time on this
 * database, once; a broken state file is ignored and said so. */
static void
timeline_state_read(struct timeline_pane *tp, struct tui *t)
{
	struct screen_state ss;
	char err[ERR_LEN];

	tp->state_read = 1;
	if (screen_state_load(t->db_path, t->as, &ss, err) != 0) {
		tui_message(t, 1, "remembered filter ignored: %s", err);
		return;
	}
	tp->kind = ss.kind;
	free(tp->search);
	tp->search = ss.search;
}

/* Remember the filter and search for the next start. */
static void
timeline_state_write(struct timeline_pane *tp, struct tui *t)
{
	struct screen_state ss = {tp->kind, tp->search};
	char err[ERR_LEN];

	if (screen_state_save(t->db_path, t->as, &ss, err) != 0)
		tui_message(t, 1, "filter not remembered: %s", err);
}

static void
timeline_recalc(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;

	if (!tp->state_read)
		timeline_state_read(tp, t);
	timeline_load(p, t);
	timeline_fix_sel(p->priv);
	p->dirty = 1;
}

/* Show the entry at key (about the middle of the pane) and select it. */
static void
timeline_goto(struct pane *p, struct tui *t, struct tl_key key)
{
	struct timeline_pane *tp = p->priv;
	struct timeline_filter f = timeline_filter_of(tp);
	int half = timeline_rows(p, t) / 2, got;
	struct entry *tmp;

	if (half < 1)
		half = 1;
	tmp = xcalloc((size_t)half, sizeof *tmp);
	got = timeline_page(t->st, t->snap.incident_id, &f, &key, -1, half,
	    tmp, tp->err);
	tp->top = got > 0 ? tl_key_of(&tmp[0]) : key;
	if (got > 0)
		timeline_clear_items(tmp, got);
	free(tmp);
	tp->follow = 0;
	timeline_load(p, t);
	tp->sel_id = key.id;
	tp->sel_last = 0;
	timeline_fix_sel(tp);
	p->dirty = 1;
}

static enum theme_el
timeline_kind_el(int kind)
{
	return kind == KIND_DECISION ? TH_KIND_DECISION
	    : timeline_system_kind(kind) ? TH_KIND_PHASE : TH_KIND;
}

/* Information of unknown origin must not pass for fact: the one rule of
 * core/model/timeline.c, the same in status and the exports. */
static int
timeline_doubtful(const struct entry *e)
{
	return timeline_unknown_origin(e);
}

static int
timeline_matches(const struct timeline_pane *tp, const struct entry *e)
{
	return tp->search != NULL && e->text != NULL &&
	    strcasestr(e->text, tp->search) != NULL;
}

/* The marks after the text: [source] (not for warroom's own entries: the
 * mark column says it), why the origin is unknown, and the confidence
 * unless confirmed. */
static void
timeline_suffix(const struct entry *e, char *out, size_t n)
{
	const char *why = timeline_origin_why(e);
	char src[64];
	size_t len;

	out[0] = '\0';
	if (e->source != NULL && e->source[0] != '\0' &&
	    !timeline_from_warroom(e)) {
		size_t cut = text_fit(e->source, 16, NULL);

		snprintf(src, sizeof src, "%.*s%s", (int)cut, e->source,
		    e->source[cut] != '\0' ? "…" : "");
		snprintf(out, n, " [%s]", src);
	}
	len = strlen(out);
	if (why != NULL && len < n)
		snprintf(out + len, n - len, " (%s)", why);
	else if (e->confidence != CONF_CONFIRMED && len < n)
		snprintf(out + len, n - len, " (%s)",
		    confidence_names[e->confidence]);
}

/* The title's right side: the count, following or not, and the filter
 * and search; in room columns the filter stays whole first (the count
 * gives up its words). */
static void
timeline_title(const struct timeline_pane *tp, struct tui *t, char *out,
    size_t n, int room)
{
	char total[32], filt[160] = "";
	size_t len;

	tui_thousands(t->snap.tl_total, total, sizeof total);
	if (tp->kind >= 0)
		snprintf(filt, sizeof filt, "only %s", kind_names[tp->kind]);
	len = strlen(filt);
	if (tp->search != NULL && len < sizeof filt)
		snprintf(filt + len, sizeof filt - len, "%s/%s", len ? ", "
		    : "", tp->search);
	snprintf(out, n, "%s %s, %s%s%s", total, t->snap.tl_total == 1
	    ? "entry" : "entries", tp->follow ? "following" : "scrolled back",
	    filt[0] ? ", " : "", filt);
	if (filt[0] != '\0' && draw_width(out) > room)
		snprintf(out, n, "%s, %s", total, filt);
}

/* A tombstone's "[deleted by WHO at HH:MM: WHY] " before its text, in at
 * most room columns less a few left for the text. Returns the columns
 * drawn. */
static int
timeline_draw_tomb(WINDOW *w, int y, int x, const struct entry *e, int room,
    enum theme_el el)
{
	char *line = timeline_tomb_text(e->tomb_at, e->tomb_by,
	    e->tomb_reason);
	char *mark = xasprintf("[%s] ", line);
	int n = draw_width(mark), max = room > 16 ? room - 8 : room / 2;

	if (n > max)
		n = max;
	n = n > 0 ? draw_text_ell(w, y, x, mark, n, el) : 0;
	free(mark);
	free(line);
	return n;
}

/* The time, the mark column and the kind and author of entry e on line y;
 * returns the column after them. */
static int
timeline_row_head(struct pane *p, struct tui *t, const struct entry *e,
    int y, int sel)
{
	enum theme_el base = sel ? TH_SELECTED : TH_NORMAL;
	int x = 1, ahead = time_ahead(e->event_time, t->snap.now);
	char hm[16];

	time_hm(e->event_time, hm, sizeof hm);
	x += draw_text(p->win, y, x, hm, 5, sel ? base : ahead ? TH_WARN
	    : TH_TIME);
	/* One column of marks: of unknown origin (rare, so it stands out
	 * even when selected), pinned, or written by warroom. */
	if (timeline_doubtful(e))
		draw_text(p->win, y, x, "?", 1, TH_CRIT);
	else if (e->pinned_at > 0) /* pinned: it is in the strip too */
		draw_glyph(p->win, y, x, 0x2691, '!', sel ? base
		    : TH_MARKER); /* ⚑ */
	else if (timeline_from_warroom(e))
		draw_glyph(p->win, y, x, 0x25C6, '*', sel ? base
		    : TH_KIND_PHASE); /* ◆ */
	x += 1;
	x += draw_text(p->win, y, x, " ", 1, base);
	if (pane_cols(p) >= 70) {
		x += draw_fmt(p->win, y, x, 11, sel ? base
		    : timeline_kind_el(e->kind), "%-10s ", kind_names[e->kind]);
		draw_text_ell(p->win, y, x, e->author, 10, sel ? base
		    : TH_AUTHOR);
		x += 11;
	} else {
		x += draw_text_ell(p->win, y, x, e->author, 10, sel ? base
		    : TH_AUTHOR);
		x += draw_text(p->win, y, x, ": ", 2, base);
	}
	return x;
}

/* The kinds of routine entry a fold counts, in the order it names them. */
static const struct {
	int bit;
	const char *one, *many;
} timeline_fold_kinds[] = {
	{TL_ROUTINE_CHECKIN, "check-in", "check-ins"},
	{TL_ROUTINE_JOIN, "join", "joins"},
	{TL_ROUTINE_SAME, "unchanged assignment", "unchanged assignments"},
};

/* What fold l holds, for cols columns: "3 check-ins: alice, bob, 田中";
 * of several kinds each one counted ("2 check-ins, 1 unchanged
 * assignment: alice, bob") when that fits, else the total ("3 routine:
 * alice, bob"), so the names stay in sight. Each name once, in order.
 * Caller frees. */
static char *
timeline_fold_label(const struct timeline_pane *tp, const struct tl_line *l,
    int cols)
{
	int count[ARRAY_LEN(timeline_fold_kinds)] = {0}, r, nk = 0;
	struct buf names = {0}, head = {0};
	char who[TEXT_NAME_MAX + 1], *line;
	size_t k;

	for (r = 0; r < l->n; r++) {
		int bit = timeline_routine(&tp->rows[l->row + r], who,
		    sizeof who);
		const char *dup = names.p ? strstr(names.p, who) : NULL;
		size_t wl = strlen(who);

		for (k = 0; k < ARRAY_LEN(timeline_fold_kinds); k++)
			count[k] += timeline_fold_kinds[k].bit == bit;
		while (dup != NULL && ((dup != names.p && dup[-1] != ' ') ||
		    (dup[wl] != ',' && dup[wl] != '\0')))
			dup = strstr(dup + 1, who);
		if (dup == NULL)
			buf_addf(&names, "%s%s", names.len ? ", " : "", who);
	}
	for (k = 0; k < ARRAY_LEN(timeline_fold_kinds); k++) {
		if (count[k] == 0)
			continue;
		buf_addf(&head, "%s%d %s", nk++ > 0 ? ", " : "", count[k],
		    count[k] == 1 ? timeline_fold_kinds[k].one
		    : timeline_fold_kinds[k].many);
	}
	line = xasprintf("%s: %s", head.p ? head.p : "", names.p ? names.p
	    : "");
	if (nk > 1 && draw_width(line) > cols) {
		free(line);
		line = xasprintf("%d routine: %s", l->n, names.p ? names.p
		    : "");
	}
	buf_free(&head);
	buf_free(&names);
	return line;
}

/* Line i, a fold: "▸ 3 check-ins: alice, bob, 田中" after the time of
 * its first entry. */
static void
timeline_draw_fold(struct pane *p, struct tui *t, int i)
{
	struct timeline_pane *tp = p->priv;
	const struct tl_line *l = &tp->lines[i];
	int cols = pane_cols(p), y = 1 + timeline_strip(p, t) + i, x = 1;
	int sel = p->focused && i == tp->sel;
	enum theme_el base = sel ? TH_SELECTED : TH_NORMAL;
	char hm[16], *line;

	if (sel)
		draw_fill(p->win, y, 1, cols, TH_SELECTED);
	time_hm(tp->rows[l->row].event_time, hm, sizeof hm);
	x += draw_text(p->win, y, x, hm, 5, sel ? base : TH_TIME);
	draw_glyph(p->win, y, x, 0x25B8, '>', sel ? base : TH_KIND_PHASE);
	x += 2; /* ▸ */
	line = timeline_fold_label(tp, l, cols - x + 1);
	draw_text_ell(p->win, y, x, line, cols - x + 1, sel ? base : TH_MUTED);
	free(line);
}

/* Line i, one entry: head, tombstone, text and the marks after it. */
static void
timeline_draw_row(struct pane *p, struct tui *t, int i)
{
	struct timeline_pane *tp = p->priv;
	const struct entry *e = &tp->rows[tp->lines[i].row];
	int cols = pane_cols(p), y = 1 + timeline_strip(p, t) + i, x;
	int sel = p->focused && i == tp->sel;
	enum theme_el base = sel ? TH_SELECTED : TH_NORMAL;
	int sys = timeline_system_kind(e->kind), sw, room, tw;
	int ahead = time_ahead(e->event_time, t->snap.now);
	char suffix[140];

	if (sel)
		draw_fill(p->win, y, 1, cols, TH_SELECTED);
	x = timeline_row_head(p, t, e, y, sel);
	timeline_suffix(e, suffix, sizeof suffix);
	if (e->tomb_at > 0) /* the tombstone matters more */
		suffix[0] = '\0';
	/* Stamped by a clock running ahead: it sorts last and would pass
	 * for the newest news. */
	if (ahead) {
		size_t n = strlen(suffix);

		snprintf(suffix + n, sizeof suffix - n, " (clock? future)");
	}
	/* The marks stay visible: the text gives way first, down to a third
	 * of the room. */
	if (e->tomb_at > 0)
		x += timeline_draw_tomb(p->win, y, x, e, cols - x + 1, sel
		    ? base : TH_WARN);
	sw = draw_width(suffix);
	room = cols - x + 1;
	tw = draw_width(e->text);
	if (tw + sw > room)
		tw = room - sw > room / 3 ? room - sw : room / 3;
	if (sw > room - tw)
		sw = room - tw;
	x += draw_text_ell(p->win, y, x, e->text, tw, sel ? base
	    : e->tomb_at > 0 ? TH_MUTED : timeline_matches(tp, e)
	    ? TH_MARKER : e->kind == KIND_DECISION
	    ? TH_KIND_DECISION : sys ? TH_KIND_PHASE : TH_NORMAL);
	if (sw > 0)
		draw_text_ell(p->win, y, x, suffix, sw, sel ? base
		    : timeline_doubtful(e) || ahead ? TH_WARN : TH_SOURCE);
}

/* Line y of the strip: pinned entry e, and "+N pinned" at the end of the
 * last line when more are pinned than shown. */
static void
timeline_draw_pin(struct pane *p, int y, const struct entry *e, int more)
{
	int cols = pane_cols(p), x = 1, room, mw = 0;
	char hm[16], tail[32] = "";

	draw_glyph(p->win, y, x, 0x2691, '!', TH_MARKER); /* ⚑ */
	x += 2;
	time_hm(e->event_time, hm, sizeof hm);
	x += draw_text(p->win, y, x, hm, 5, TH_TIME);
	x += draw_text(p->win, y, x, " ", 1, TH_NORMAL);
	if (cols >= 50) {
		x += draw_text_ell(p->win, y, x, e->author, 10, TH_AUTHOR);
		x += draw_text(p->win, y, x, ": ", 2, TH_NORMAL);
	}
	if (more > 0) {
		snprintf(tail, sizeof tail, "  +%d pinned", more);
		mw = draw_width(tail);
	}
	room = cols - x + 1 - mw;
	if (room < 4) {
		room += mw;
		mw = 0;
	}
	x += draw_text_ell(p->win, y, x, e->text, room, e->kind
	    == KIND_DECISION ? TH_KIND_DECISION : TH_NORMAL);
	if (mw > 0)
		draw_text(p->win, y, cols + 1 - mw, tail, mw, TH_MUTED);
}

static void
timeline_draw_strip(struct pane *p, struct tui *t)
{
	int n = timeline_strip(p, t), i;

	for (i = 0; i < n; i++)
		timeline_draw_pin(p, 1 + i, &t->snap.pins[i], i == n - 1 ?
		    t->snap.pins_total - n : 0);
}

/* Everything of entry e a line is drawn from (any field may be, so all). */
static uint64_t
timeline_entry_hash(uint64_t h, const struct entry *e)
{
	const int64_t v[] = {e->id, e->incident_id, e->event_time, e->recorded,
	    e->kind, e->confidence, e->version, e->deleted, e->edited,
	    e->tomb_at, e->pinned_at, e->routine};
	const char *str[] = {e->author, e->text, e->source, e->edited_by,
	    e->tomb_by, e->tomb_reason, e->pinned_by, e->routine_who};
	size_t i;

	h = draw_hash(h, v, sizeof v);
	for (i = 0; i < sizeof str / sizeof str[0]; i++)
		h = draw_hash_str(h, str[i]);
	return h;
}

/* What line i is drawn from (timeline_draw_row, timeline_draw_fold):
 * equal hashes draw equal cells. A fold is drawn again each minute as
 * well, whatever its label comes to show. */
static uint64_t
timeline_line_hash(struct pane *p, struct tui *t, int i)
{
	struct timeline_pane *tp = p->priv;
	const struct tl_line *l = &tp->lines[i];
	uint64_t h = DRAW_HASH_START;
	int r;

	h = draw_hash_int(h, l->n);
	h = draw_hash_int(h, p->focused && i == tp->sel);
	if (l->n > 1)
		h = draw_hash_int(h, t->snap.now / 60);
	for (r = 0; r < l->n; r++) {
		const struct entry *e = &tp->rows[l->row + r];

		h = timeline_entry_hash(h, e);
		h = draw_hash_int(h, time_ahead(e->event_time, t->snap.now));
		h = draw_hash_int(h, timeline_matches(tp, e));
	}
	return draw_hash_row(h);
}

/* Start the frame: which rows need drawing. Rows keep what they show
 * while their line is the same (a new entry scrolls them); the strip and
 * the empty pane's note are drawn every frame. Returns the first line's
 * row. */
static int
timeline_rows_begin(struct pane *p, struct tui *t, int empty)
{
	struct timeline_pane *tp = p->priv;
	int h = getmaxy(p->win), y0 = 1 + timeline_strip(p, t), y, i;
	uint64_t *want = xreallocarray(NULL, (size_t)h, sizeof *want);
	uint64_t frame = DRAW_HASH_START;

	frame = draw_hash_int(frame, (int64_t)(uintptr_t)p->win);
	frame = draw_hash_int(frame, (int64_t)getmaxx(p->win) << 16 | h);
	frame = draw_hash_row(draw_hash_int(frame, p->focused));
	for (y = 0; y < h; y++)
		want[y] = y < y0 ? DRAW_ROW_ANEW : DRAW_ROW_BLANK;
	for (i = 0; i < tp->nlines && y0 + i < h; i++)
		want[y0 + i] = timeline_line_hash(p, t, i);
	if (empty)
		want[y0] = DRAW_ROW_ANEW;
	draw_rows_begin(&tp->drawn, p->win, frame, want, y0, h - 2);
	free(want);
	return y0;
}

/* The pane: the box and its title, the strip, and the lines whose rows
 * need drawing; the others keep what they show. */
static void
timeline_draw(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;
	int cols = pane_cols(p), i, empty, y0 = 1;
	char right[256];

	empty = t->snap.incident_id > 0 && tp->nrows == 0;
	if (tp->err[0] != '\0') {
		draw_rows_reset(&tp->drawn);
		werase(p->win);
	} else {
		y0 = timeline_rows_begin(p, t, empty);
	}
	timeline_title(tp, t, right, sizeof right, cols - 16);
	draw_box(p->win, p->cls->title, t->snap.incident_id > 0 ? right : NULL,
	    p->focused);
	if (tp->err[0] != '\0') {
		draw_text_ell(p->win, 1, 1, tp->err, cols, TH_ERROR);
		return;
	}
	if (empty)
		draw_text_ell(p->win, 1 + timeline_strip(p, t), 1, tp->kind >= 0
		    ? "No entries of "
		    "this kind. f shows the next kind." : "No entries yet. "
		    "Press n to write what happened.", cols, TH_MUTED);
	timeline_draw_strip(p, t);
	for (i = 0; i < tp->nlines; i++)
		if (!draw_rows_need(&tp->drawn, y0 + i))
			continue;
		else if (tp->lines[i].n > 1)
			timeline_draw_fold(p, t, i);
		else
			timeline_draw_row(p, t, i);
	draw_rows_end(&tp->drawn, p->win);
}

/* Move the window by up to n entries (dir < 0 older, > 0 newer).
 * Returns how many it moved. */
static int
timeline_shift(struct pane *p, struct tui *t, int dir, int n)
{
	struct timeline_pane *tp = p->priv;
	struct timeline_filter f = timeline_filter_of(tp);
	struct entry *tmp;
	struct tl_key k;
	int got;

	if (tp->nrows == 0)
		return 0;
	tmp = xcalloc((size_t)n, sizeof *tmp);
	k = tl_key_of(&tp->rows[dir < 0 ? 0 : tp->nrows - 1]);
	got = timeline_page(t->st, t->snap.incident_id, &f, &k, dir, n, tmp,
	    tp->err);
	if (got > 0) {
		if (dir < 0)
			tp->top = tl_key_of(&tmp[0]);
		else if (got < tp->nrows)
			tp->top = tl_key_of(&tp->rows[got]);
		else
			tp->top = tl_key_of(&tmp[got - tp->nrows]);
		tp->follow = 0;
		timeline_clear_items(tmp, got);
	} else if (dir > 0)
		tp->follow = 1;
	free(tmp);
	timeline_load(p, t);
	return got > 0 ? got : 0;
}

/* How many rows from the end of the window (dir < 0 the oldest, > 0 the
 * newest) the next line reaches: one entry, or a whole burst of routine
 * ones (past the burst the end line is in, if it is one). 0 at the end. */
static int
timeline_scan(struct pane *p, struct tui *t, int dir)
{
	struct timeline_pane *tp = p->priv;
	struct timeline_filter f = timeline_filter_of(tp);
	const struct tl_line *l = &tp->lines[dir < 0 ? 0 : tp->nlines - 1];
	const struct entry *end = &tp->rows[dir < 0 ? l->row
	    : l->row + l->n - 1];
	struct entry chunk[64];
	struct tl_key k = tl_key_of(end);
	int skip = !tp->unfold && timeline_routine(end, NULL, 0);
	int seen = 0, cand = 0, got, i, done = 0;

	while (!done && (got = timeline_page(t->st, t->snap.incident_id, &f,
	    &k, dir, 64, chunk, tp->err)) > 0) {
		for (i = 0; i < got && !done; i++) {
			const struct entry *e = &chunk[dir < 0 ? got - 1 - i : i];
			int routine = !tp->unfold && timeline_routine(e, NULL, 0);

			seen++;
			if (routine && skip)
				continue;
			if (routine) {
				cand = seen;
				continue;
			}
			done = 1;
			if (cand == 0)
				cand = seen;
		}
		k = tl_key_of(&chunk[dir < 0 ? 0 : got - 1]);
		timeline_clear_items(chunk, got);
		if (got < 64)
			break;
	}
	return cand;
}

/* Move the window one line older (dir < 0) or newer. Returns the rows it
 * moved. */
static int
timeline_step(struct pane *p, struct tui *t, int dir)
{
	struct timeline_pane *tp = p->priv;
	int n = tp->nlines > 0 ? timeline_scan(p, t, dir) : 0;

	return n > 0 ? timeline_shift(p, t, dir, n) : 0;
}

/* --- the entry form ------------------------------------------------------ */

struct tl_form {
	struct pane *p;
	int64_t id;        /* 0: a new entry */
	int version;       /* the version the form was opened on */
	int theirs;        /* the version found at a conflict */
	int text, kind, at, source, conf; /* field indexes */
};

/* The form's values as an entry (pointers into the form). */
static void
timeline_form_entry(struct form *f, const struct tl_form *a, struct tui *t,
    struct entry *e)
{
	*e = (struct entry){0};
	e->id = a->id;
	e->version = a->version;
	e->text = (char *)(uintptr_t)form_str(f, a->text);
	e->kind = form_choice(f, a->kind);
	e->event_time = form_time(f, a->at);
	e->source = (char *)(uintptr_t)form_str(f, a->source);
	e->confidence = form_choice(f, a->conf);
	e->author = (char *)(uintptr_t)t->as;
}

static int
timeline_form_add(struct tui *t, struct form *f, struct tl_form *a)
{
	struct timeline_pane *tp = a->p->priv;
	struct entry e;
	char err[ERR_LEN];
	int64_t id;

	timeline_form_entry(f, a, t, &e);
	if (e.event_time <= 0)
		e.event_time = wr_now();
	id = timeline_add(t->st, t->snap.incident_id, &e, err);
	if (id < 0) {
		form_error(f, "%s", err);
		return FORM_STAY;
	}
	if (tp->kind >= 0 && tp->kind != e.kind) {
		tp->kind = -1; /* the filter would hide it */
		timeline_state_write(tp, t);
	}
	timeline_goto(a->p, t, (struct tl_key){e.event_time, id});
	tui_message(t, 0, "entry #%lld saved%s%s%s", (long long)id,
	    timeline_doubtful(&e) ? " (marked: unknown origin, " : "",
	    timeline_doubtful(&e) ? timeline_origin_why(&e) : "",
	    timeline_doubtful(&e) ? ")" : "");
	return KEY_RELOAD;
}

static int timeline_form_answer(struct tui *t, struct form *f, int key,
    void *arg);

/* Ask what to do about someone else's save in between. */
static int
timeline_form_conflict(struct tui *t, struct form *f, struct tl_form *a,
    const char *why)
{
	static const char *const changed[] = {"o:overwrite with mine",
	    "t:keep theirs", "e:keep editing"};
	static const char *const deleted[] = {"a:add mine as a new entry",
	    "t:leave it deleted", "e:keep editing"};
	struct entry cur = {0};
	char err[ERR_LEN], when[32], at[32], *q;

	if (timeline_get(t->st, a->id, &cur, err) != 0) {
		form_error(f, "%s", err);
		return FORM_STAY;
	}
	a->theirs = cur.version;
	time_hms(cur.edited, when, sizeof when);
	time_full(cur.event_time, at, sizeof at);
	if (cur.deleted)
		q = xasprintf("Entry #%lld was deleted by %s at %s while you "
		    "edited it.", (long long)a->id, cur.edited_by ?
		    cur.edited_by : "someone", when);
	else
		q = xasprintf("%s.\nTheirs (v%d, by %s at %s): %s, %s, %s "
		    "[%s] (%s)", why, cur.version, cur.edited_by ?
		    cur.edited_by : "someone", when, at, kind_names[cur.kind],
		    cur.text, cur.source[0] ? cur.source : "no source",
		    confidence_names[cur.confidence]);
	form_ask(f, q, cur.deleted ? deleted : changed, 3,
	    timeline_form_answer);
	free(q);
	entry_clear(&cur);
	return FORM_STAY;
}

static int
timeline_form_edit(struct tui *t, struct form *f, struct tl_form *a)
{
	struct entry e;
	char err[ERR_LEN];
	int rc;

	timeline_form_entry(f, a, t, &e);
	rc = timeline_edit(t->st, &e, t->as, err);
	if (rc == TIMELINE_CONFLICT)
		return timeline_form_conflict(t, f, a, err);
	if (rc != 0) {
		form_error(f, "%s", err);
		return FORM_STAY;
	}
	/* A retimed entry moves: the selection goes with it. */
	if (e.event_time <= 0) {
		struct entry now = {0};

		if (timeline_get(t->st, a->id, &now, err) == 0)
			e.event_time = now.event_time;
		entry_clear(&now);
	}
	timeline_goto(a->p, t, (struct tl_key){e.event_time, a->id});
	tui_message(t, 0, "entry #%lld saved (v%d)", (long long)a->id,
	    a->version + 1);
	return KEY_RELOAD;
}

static int
timeline_form_submit(struct tui *t, struct form *f, void *arg)
{
	struct tl_form *a = arg;

	return a->id == 0 ? timeline_form_add(t, f, a)
	    : timeline_form_edit(t, f, a);
}

static int
timeline_form_answer(struct tui *t, struct form *f, int key, void *arg)
{
	struct tl_form *a = arg;

	switch (key) {
	case 'o': /* they have been shown: save over their version */
		a->version = a->theirs;
		return timeline_form_edit(t, f, a);
	case 'a':
		a->id = 0;
		return timeline_form_add(t, f, a);
	case 't':
		tui_message(t, 0, "kept their version of #%lld; yours is "
		    "discarded", (long long)a->id);
		return KEY_RELOAD;
	default: /* e, or Esc */
		a->version = a->theirs;
		form_error(f, "their v%d is saved; saving now replaces it "
		    "with yours", a->theirs);
		return FORM_STAY;
	}
}

/* Open the entry form: e NULL for a new entry. */
static void
timeline_form_open(struct pane *p, struct tui *t, const char *title,
    const struct entry *e, int kind)
{
	struct tl_form *a = xcalloc(1, sizeof *a);
	struct form *f = form_new(title);
	char **src;
	int n, i;

	a->p = p;
	a->id = e ? e->id : 0;
	a->version = e ? e->version : 0;
	a->text = form_add_text(f, e ? "Text" : "What happened?", e ? e->text
	    : "", FORM_MULTI | FORM_REQUIRED, 0);
	form_set_rows(f, a->text, 3);
	a->at = form_add_time(f, "When", e ? e->event_time : wr_now());
	form_set_hint(f, a->at, e ? NULL : "(alerts fired at 13:58? type "
	    "13:58)");
	a->kind = form_add_choice(f, "Kind", kind_names, TL_USER_KINDS,
	    e ? e->kind : kind);
	a->source = form_add_text(f, "Source", e ? e->source : "", 0,
	    TL_SOURCE_MAX);
	n = timeline_sources(t->st, t->snap.incident_id, &src,
	    TL_SOURCES_MAX);
	form_set_suggestions(f, a->source, src, n);
	for (i = 0; i < n; i++)
		free(src[i]);
	free(src);
	if (n == 0)
		form_set_hint(f, a->source, "who or what told us (a person, "
		    "a dashboard, a channel); empty is marked");
	a->conf = form_add_choice(f, "Confidence", confidence_names, CONF_COUNT,
	    e ? e->confidence : CONF_CONFIRMED);
	form_on_submit(f, timeline_form_submit, a, free);
	tui_form_open(t, f);
}

/* The selected entry, read again (the row may be a reload old); 0 or -1
 * with a message shown. */
static int
timeline_selected(struct pane *p, struct tui *t, struct entry *out,
    const char *doing)
{
	struct timeline_pane *tp = p->priv;
	char err[ERR_LEN];
	int sys;

	if (tp->nlines == 0 || tp->sel_id <= 0) {
		tui_message(t, 1, "no entry selected");
		return -1;
	}
	if (tp->lines[tp->sel].n > 1) {
		tui_message(t, 1, "%d routine entries folded: Enter shows them",
		    tp->lines[tp->sel].n);
		return -1;
	}
	if (timeline_get(t->st, tp->sel_id, out, err) != 0) {
		tui_message(t, 1, "%s", err);
		return -1;
	}
	if (doing == NULL)
		return 0;
	if (out->tomb_at > 0 && strcmp(doing, "restored") != 0) {
		tui_message(t, 1, "#%lld was deleted by %s: U brings it back "
		    "first", (long long)out->id, out->tomb_by ? out->tomb_by
		    : "?");
		entry_clear(out);
		return -1;
	}
	if (strcmp(doing, "restored") == 0)
		return 0; /* the core says whether, and who may */
	sys = timeline_is_system(t->st, out->id, err);
	if (sys == TIMELINE_DECISION && strcmp(doing, "deleted") == 0) {
		/* A decision recorded by mistake may be withdrawn, by the
		 * one who decides. */
		if (tui_may(t, AUTH_DECISION_DELETE) != 0) {
			entry_clear(out);
			return -1;
		}
		sys = 0;
	}
	if (sys != 0) {
		if (sys < 0)
			tui_message(t, 1, "%s", err);
		else
			tui_message(t, 1, "#%lld is a %s entry written by warroom "
			    "itself: it cannot be %s by hand (add a note "
			    "instead)", (long long)out->id,
			    kind_names[out->kind], doing);
		entry_clear(out);
		return -1;
	}
	return 0;
}

/* --- history ------------------------------------------------------------- */

static void
timeline_history_open(struct pane *p, struct tui *t)
{
	struct entry cur = {0}, *v;
	struct buf b = {0};
	struct form *f;
	char err[ERR_LEN], *title;
	int n, i, info;

	if (timeline_selected(p, t, &cur, NULL) != 0)
		return;
	if (timeline_history(t->st, cur.id, &v, &n, err) != 0) {
		tui_message(t, 1, "%s", err);
		entry_clear(&cur);
		return;
	}
	for (i = n - 1; i >= 0; i--) { /* newest first */
		char at[32], made[32];
		const char *who = i == 0 ? v[i].author : v[i - 1].edited_by;
		int64_t when = i == 0 ? v[i].recorded : v[i - 1].edited;

		time_full(v[i].event_time, at, sizeof at);
		time_full(when, made, sizeof made);
		buf_addf(&b, "v%d by %s at %s%s%s\n  %s  %s: %s  [%s] (%s)\n\n",
		    v[i].version, who ? who : "?", made, i == n - 1 ? " (now)"
		    : "", v[i].deleted ? "  DELETED" : "", at,
		    kind_names[v[i].kind], v[i].text, v[i].source[0]
		    ? v[i].source : "no source",
		    confidence_names[v[i].confidence]);
		if (v[i].tomb_at > 0) {
			char *line = timeline_tomb_text(v[i].tomb_at,
			    v[i].tomb_by, v[i].tomb_reason);

			buf_addf(&b, "  (%s)\n\n", line);
			free(line);
		}
	}
	title = xasprintf("History of #%lld: %d version%s", (long long)cur.id,
	    n, n == 1 ? "" : "s");
	f = form_new(title);
	info = form_add_info(f, "", b.p ? b.p : "", LINES - 10 > 3 ? LINES - 10
	    : 3);
	(void)info;
	tui_form_open(t, f);
	free(title);
	buf_free(&b);
	timeline_free(v, n);
	entry_clear(&cur);
}

/* --- delete -------------------------------------------------------------- */

/* Delete the entry the question was about, why NULL for one's own; 0,
 * or -1 with the message shown. */
static int
timeline_delete_now(struct tui *t, struct timeline_pane *tp, const char *why)
{
	char err[ERR_LEN];
	int rc = timeline_remove(t->st, tp->del_id, tp->del_version, t->as,
	    why, err);

	if (rc != 0) {
		tui_message(t, 1, "not deleted: %s%s", err, rc ==
		    TIMELINE_CONFLICT ? " (look at it again first)" : "");
		return -1;
	}
	return 0;
}

static int
timeline_delete_done(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	struct timeline_pane *tp = p->priv;

	if (strcmp(answer, "y") != 0 || timeline_delete_now(t, tp, NULL) != 0)
		return KEY_HANDLED;
	tui_message(t, 0, "entry #%lld deleted (h on a neighbour, or warroom "
	    "log --history %lld, shows it)", (long long)tp->del_id,
	    (long long)tp->del_id);
	return KEY_HANDLED | KEY_RELOAD;
}

/* The reason typed for a decision or someone else's entry: it stays in
 * place as a tombstone saying who, when and why. */
static int
timeline_delete_why(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	struct timeline_pane *tp = p->priv;

	if (str_empty(answer)) {
		tui_message(t, 1, "not deleted: a reason is needed (d asks "
		    "again)");
		return KEY_HANDLED;
	}
	if (timeline_delete_now(t, tp, answer) != 0)
		return KEY_HANDLED;
	tui_message(t, 0, "entry #%lld deleted; it stays as a tombstone (U "
	    "brings it back)", (long long)tp->del_id);
	return KEY_HANDLED | KEY_RELOAD;
}

/* Ask why when the entry cannot just go: a decision's, or another's. */
static void
timeline_delete_ask(struct pane *p, struct tui *t, const struct entry *e)
{
	struct timeline_pane *tp = p->priv;
	char err[ERR_LEN], *label, *cut;
	int sys = timeline_is_system(t->st, e->id, err);
	int why = sys == TIMELINE_DECISION || t->as == NULL ||
	    strcmp(e->author, t->as) != 0;

	tp->del_id = e->id;
	tp->del_version = e->version;
	cut = xstrndup(e->text, text_fit(e->text, 40, NULL));
	if (why)
		label = xasprintf("Why delete %s #%lld \"%s%s\"? (shown with it; "
		    "Esc keeps it)", sys == TIMELINE_DECISION ? "decision"
		    : "entry", (long long)e->id, cut, strlen(cut) <
		    strlen(e->text) ? "…" : "");
	else
		label = xasprintf("Delete #%lld \"%s%s\"? (its history is "
		    "kept)", (long long)e->id, cut, strlen(cut) <
		    strlen(e->text) ? "…" : "");
	prompt_open(&t->prompt, label, !why, why ? timeline_delete_why
	    : timeline_delete_done, p);
	free(label);
	free(cut);
}

static int
timeline_undelete_done(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	struct timeline_pane *tp = p->priv;
	char err[ERR_LEN];

	if (strcmp(answer, "y") != 0)
		return KEY_HANDLED;
	if (timeline_undelete(t->st, tp->del_id, t->as, err) < 0) {
		tui_message(t, 1, "not brought back: %s", err);
		return KEY_HANDLED;
	}
	tui_message(t, 0, "entry #%lld is back; a note says so",
	    (long long)tp->del_id);
	return KEY_HANDLED | KEY_RELOAD;
}

static void
timeline_undelete_ask(struct pane *p, struct tui *t, const struct entry *e)
{
	struct timeline_pane *tp = p->priv;
	char *label;

	if (e->tomb_at == 0) {
		tui_message(t, 1, "#%lld is not deleted", (long long)e->id);
		return;
	}
	tp->del_id = e->id;
	label = xasprintf("Bring back #%lld (deleted by %s)?",
	    (long long)e->id, e->tomb_by ? e->tomb_by : "?");
	prompt_open(&t->prompt, label, 1, timeline_undelete_done, p);
	free(label);
}

/* --- search and jump ----------------------------------------------------- */

/* The next match from the selection: dir < 0 older, > 0 newer; wraps. */
static void
timeline_find(struct pane *p, struct tui *t, int dir)
{
	struct timeline_pane *tp = p->priv;
	struct timeline_filter f = {tp->kind, tp->search};
	struct entry m = {0};
	struct tl_key k;
	int got, wrapped = 0;

	if (tp->search == NULL) {
		tui_message(t, 0, "no search yet: / searches");
		return;
	}
	k = tp->nlines > 0 ? tl_key_of(timeline_sel_row(tp))
	    : (struct tl_key){0, 0};
	got = timeline_page(t->st, t->snap.incident_id, &f, tp->nrows > 0 ? &k
	    : NULL, dir, 1, &m, tp->err);
	if (got == 0) {
		wrapped = 1;
		got = timeline_page(t->st, t->snap.incident_id, &f, NULL, dir, 1,
		    &m, tp->err);
	}
	if (got <= 0) {
		tui_message(t, 1, "'%s' not found", tp->search);
		return;
	}
	tp->open_id = m.id; /* a match is never hidden in a fold */
	timeline_goto(p, t, tl_key_of(&m));
	if (wrapped)
		tui_message(t, 0, "search wrapped to the %s", dir < 0
		    ? "newest" : "oldest");
	entry_clear(&m);
}

static int
timeline_search_done(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	struct timeline_pane *tp = p->priv;
	char *s = text_trim(xstrdup(answer));

	free(tp->search);
	tp->search = NULL;
	if (*s == '\0') {
		free(s);
		tui_message(t, 0, "search cleared");
	} else {
		tp->search = s;
		timeline_find(p, t, -1);
	}
	timeline_state_write(tp, t);
	p->dirty = 1;
	return KEY_HANDLED | KEY_REDRAW;
}

static int
timeline_jump_done(struct tui *t, const char *answer, void *arg)
{
	struct pane *p = arg;
	struct timeline_pane *tp = p->priv;
	struct timeline_filter f = timeline_filter_of(tp);
	struct entry m = {0};
	struct tl_key k;
	char err[ERR_LEN], *s = text_trim(xstrdup(answer));
	int64_t when;
	int got;

	if (time_parse(s, wr_now(), &when, err) != 0) {
		tui_message(t, 1, "%s", err);
		free(s);
		return KEY_HANDLED;
	}
	free(s);
	/* The first entry at or after that time, else the newest. */
	k = (struct tl_key){when, 0};
	got = timeline_page(t->st, t->snap.incident_id, &f, &k, 1, 1, &m,
	    tp->err);
	if (got == 0)
		got = timeline_page(t->st, t->snap.incident_id, &f, NULL, -1, 1,
		    &m, tp->err);
	if (got <= 0) {
		tui_message(t, 1, "no entries to jump to");
		return KEY_HANDLED;
	}
	timeline_goto(p, t, tl_key_of(&m));
	entry_clear(&m);
	return KEY_HANDLED | KEY_REDRAW;
}

/* --- keys ---------------------------------------------------------------- */

static int
timeline_no_incident(struct tui *t)
{
	if (t->snap.incident_id > 0)
		return 0;
	tui_message(t, 1, "no incident: declare one first");
	return 1;
}

static void
timeline_edit_open(struct pane *p, struct tui *t, const struct entry *e)
{
	char *label = xasprintf("Edit #%lld (v%d by %s)", (long long)e->id,
	    e->version, e->edited_by ? e->edited_by : e->author);

	timeline_form_open(p, t, label, e, e->kind);
	free(label);
}

/* fn on the selected entry, read again, when it may be doing (see
 * timeline_selected). */
static void
timeline_on_selected(struct pane *p, struct tui *t, const char *doing,
    void (*fn)(struct pane *, struct tui *, const struct entry *))
{
	struct entry e = {0};

	if (timeline_selected(p, t, &e, doing) != 0)
		return;
	fn(p, t, &e);
	entry_clear(&e);
}

/* e in the entry's detail view (dialog/record.c): the edit form for
 * entry id, whatever is selected by then. */
static void
timeline_edit_id(struct pane *p, struct tui *t, int64_t id)
{
	struct timeline_pane *tp = p->priv;
	int64_t sel = tp->sel_id;

	tp->sel_id = id;
	timeline_on_selected(p, t, "edited", timeline_edit_open);
	tp->sel_id = sel;
}

/* p: pin the selected entry, or take its pin off. */
static int
timeline_pin_toggle(struct pane *p, struct tui *t)
{
	struct entry e = {0};
	char err[ERR_LEN];
	int on;

	if (timeline_no_incident(t) || tui_may(t, AUTH_PIN) != 0)
		return KEY_HANDLED;
	if (timeline_selected(p, t, &e, NULL) != 0)
		return KEY_HANDLED;
	on = e.pinned_at == 0;
	if (timeline_pin(t->st, e.id, on, t->as, err) != 0)
		tui_message(t, 1, "%s", err);
	else if (on)
		tui_message(t, 0, "entry #%lld pinned (p again unpins)",
		    (long long)e.id);
	else
		tui_message(t, 0, "entry #%lld unpinned", (long long)e.id);
	entry_clear(&e);
	return KEY_HANDLED | KEY_RELOAD;
}

/* Actions that open something (a form, a prompt) rather than move. */
static int
timeline_key_open(struct pane *p, struct tui *t, enum tui_action act)
{
	if (timeline_no_incident(t))
		return KEY_HANDLED;
	switch (act) {
	case ACT_NOTE:
		timeline_form_open(p, t, "What happened?", NULL, KIND_NOTE);
		break;
	case ACT_TL_ADD:
		timeline_form_open(p, t, "New timeline entry", NULL,
		    KIND_EVENT);
		break;
	case ACT_TL_EDIT:
		timeline_on_selected(p, t, "edited", timeline_edit_open);
		break;
	case ACT_TL_DELETE:
		timeline_on_selected(p, t, "deleted", timeline_delete_ask);
		break;
	case ACT_TL_UNDELETE:
		timeline_on_selected(p, t, "restored", timeline_undelete_ask);
		break;
	case ACT_TL_HISTORY:
		timeline_history_open(p, t);
		break;
	case ACT_TL_SEARCH:
		prompt_open(&t->prompt, "Search the timeline (empty clears)", 0,
		    timeline_search_done, p);
		break;
	case ACT_TL_JUMP:
		prompt_open(&t->prompt, "Jump to time (13:58, -10m, "
		    "2024-05-01 13:58)", 0, timeline_jump_done, p);
		break;
	default:
		return 0;
	}
	return KEY_HANDLED;
}

/* Show the oldest entries, the first one selected. */
static void
timeline_to_oldest(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;
	struct timeline_filter f = timeline_filter_of(tp);
	struct entry first = {0};

	if (timeline_page(t->st, t->snap.incident_id, &f, NULL, 1, 1, &first,
	    tp->err) == 1) {
		tp->top = tl_key_of(&first);
		tp->follow = 0;
		entry_clear(&first);
	}
	timeline_load(p, t);
	tp->sel = 0;
}

/* Follow the newest entries, the last one selected. */
static void
timeline_to_newest(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;

	tp->follow = 1;
	timeline_load(p, t);
	tp->sel = tp->nlines - 1;
}

/* F: stop following where the rows are, or follow the newest again. */
static void
timeline_follow_toggle(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;

	if (tp->follow && tp->sel_last) {
		/* Stay here: the rows no longer ride on new ones. */
		if (tp->nrows > 0)
			tp->top = tl_key_of(&tp->rows[0]);
		tp->follow = 0;
		tui_message(t, 0, "not following; F or G follows again");
	} else {
		timeline_to_newest(p, t);
		tui_message(t, 0, "following the newest entries");
	}
}

/* f: show only the next kind of entry, then every kind again. */
static int
timeline_filter_next(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;

	tp->kind = tp->kind + 1 >= KIND_COUNT ? -1 : tp->kind + 1;
	tp->follow = 1;
	tp->sel_last = 1;
	timeline_load(p, t);
	timeline_fix_sel(tp);
	tui_message(t, 0, "showing %s", tp->kind < 0 ? "every kind"
	    : kind_names[tp->kind]);
	timeline_state_write(tp, t);
	p->dirty = 1;
	return KEY_HANDLED | KEY_REDRAW;
}

/* Enter: on a fold, show its entries; on an entry, edit it. */
static int
timeline_expand(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;

	if (tp->nlines > 0 && tp->lines[tp->sel].n > 1) {
		tp->open_id = tp->sel_id;
		timeline_recalc(p, t);
		return KEY_HANDLED | KEY_REDRAW;
	}
	return record_entry_open(t, tp->nlines > 0 ? tp->sel_id : 0, p,
	    timeline_edit_id);
}

static int
timeline_key(struct pane *p, struct tui *t, enum tui_action act)
{
	struct timeline_pane *tp = p->priv;
	int rows = timeline_rows(p, t), old_sel = tp->sel;
	int old_follow = tp->follow;
	int64_t old_id = tp->sel_id;

	switch (act) {
	case ACT_RETRO_FROM_ENTRY: /* retro: the selected entry as an action */
		if (tp->nlines > 0 && tp->lines[tp->sel].n > 1) {
			tui_message(t, 1, "routine entries folded: Enter shows "
			    "them");
			return KEY_HANDLED;
		}
		return retro_from_entry(t, tp->nlines > 0 ? tp->sel_id : 0);
	case ACT_VIEW: /* the selected entry whole (dialog/record.c) */
		if (tp->nlines > 0 && tp->lines[tp->sel].n > 1) {
			tui_message(t, 1, "routine entries folded: Enter shows "
			    "them");
			return KEY_HANDLED;
		}
		return record_entry_open(t, tp->nlines > 0 ? tp->sel_id : 0, p,
		    timeline_edit_id);
	case ACT_UP:
		if (tp->sel > 0)
			tp->sel--;
		else
			timeline_step(p, t, -1);
		break;
	case ACT_DOWN:
		if (tp->sel < tp->nlines - 1)
			tp->sel++;
		else if (!tp->follow && timeline_step(p, t, 1))
			tp->sel = tp->nlines - 1;
		break;
	case ACT_PAGE_UP:
		if (timeline_shift(p, t, -1, rows) == 0)
			tp->sel = 0;
		break;
	case ACT_PAGE_DOWN:
		if (tp->follow || timeline_shift(p, t, 1, rows) == 0)
			tp->sel = tp->nlines - 1;
		break;
	case ACT_TL_EXPAND:
		return timeline_expand(p, t);
	case ACT_TL_UNFOLD:
		tp->unfold = !tp->unfold;
		timeline_recalc(p, t);
		tui_message(t, 0, tp->unfold ? "showing every routine entry (o "
		    "folds them again)" : "routine entries folded (o shows "
		    "them all)");
		return KEY_HANDLED | KEY_REDRAW;
	case ACT_TOP:
		timeline_to_oldest(p, t);
		break;
	case ACT_BOTTOM:
		timeline_to_newest(p, t);
		break;
	case ACT_TL_FOLLOW:
		timeline_follow_toggle(p, t);
		break;
	case ACT_TL_FILTER:
		return timeline_filter_next(p, t);
	case ACT_TL_PIN:
		return timeline_pin_toggle(p, t);
	case ACT_TL_NEXT:
	case ACT_TL_PREV:
		timeline_find(p, t, act == ACT_TL_NEXT ? -1 : 1);
		return KEY_HANDLED | KEY_REDRAW;
	default:
		return timeline_key_open(p, t, act);
	}
	timeline_keep_sel(tp);
	return KEY_HANDLED | (tp->sel != old_sel || tp->sel_id != old_id ||
	    tp->follow != old_follow ? KEY_REDRAW : 0);
}

static void
timeline_resize(struct pane *p, struct tui *t)
{
	struct timeline_pane *tp = p->priv;

	draw_rows_reset(&tp->drawn); /* a new window */
	timeline_recalc(p, t);
}

static void
timeline_free_pane(struct pane *p)
{
	struct timeline_pane *tp = p->priv;

	if (tp != NULL) {
		timeline_clear_items(tp->rows, tp->nrows);
		free(tp->rows);
		free(tp->search);
		free(tp->lines);
		draw_rows_free(&tp->drawn);
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
	tp->kind = -1;
	return tp;
}

const struct pane_class pane_timeline_class = {
	"Timeline", timeline_recalc, timeline_draw, timeline_key,
	timeline_resize, timeline_free_pane, timeline_new,
};
