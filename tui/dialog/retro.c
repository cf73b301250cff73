/* retro.c: the Retrospective view (A, once the incident is resolved): the
 * actions under the talk's five categories, with the durations they
 * measure beside them; the commander and the scribe add, edit, assign, date
 * and close actions; R in the Timeline pane turns an entry into one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/action.h"
#include "report/export.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "widget/draw.h"
#include "widget/form.h"
#include "widget/overlay.h"
#include "pane/pane.h"

#define KEY_ESC 27
#define RETRO_WIDE 150   /* columns from which categories sit side by side */
#define RETRO_OWNER_W 12 /* narrow rows: owner column */
#define RETRO_DUE_W 14   /* narrow rows: "due 2024-06-30" */

/* The view's state, kept by the screen (t->retro) while the view is
 * closed too: the focused category and the selections are where they were
 * when A opens it again, and R in the Timeline files an action under the
 * category last focused. */
struct retro_view {
	struct action *list;    /* by category, then id */
	int n;
	int first[CAT_COUNT + 1]; /* index of each category's first action */
	int cat;                /* the focused category */
	int sel[CAT_COUNT];     /* the selected action within each category */
	int64_t sel_id[CAT_COUNT]; /* ... kept across reloads by id */
	int top[CAT_COUNT];     /* wide: the first action shown per column */
	int ltop;               /* narrow: the first line shown */
	struct keytimes kt;
	int64_t kt_key[7];      /* what the key times were computed from */
	int have_kt;
	char err[ERR_LEN];
};

/* What a form edits; freed with the form. */
struct retro_form {
	int64_t id;       /* the action edited; 0 for a new one */
	int64_t entry_id; /* a new action from this timeline entry; 0 none */
	int what;         /* RF_* */
	int f_cat, f_text, f_owner, f_due;
};

enum { RF_ADD, RF_EDIT, RF_OWNER, RF_DUE };

static void
retro_clear(struct retro_view *rv)
{
	action_list_free(rv->list, rv->n);
	rv->list = NULL;
	rv->n = 0;
}

void
retro_free(struct tui *t)
{
	if (t->retro == NULL)
		return;
	retro_clear(t->retro);
	free(t->retro);
	t->retro = NULL;
}

/* The screen's retrospective state, made on first use. */
static struct retro_view *
retro_view(struct tui *t)
{
	if (t->retro == NULL)
		t->retro = xcalloc(1, sizeof *t->retro);
	return t->retro;
}

static int
retro_count(const struct retro_view *rv, int cat)
{
	return rv->first[cat + 1] - rv->first[cat];
}

/* The selected action, or NULL when its category is empty. */
static struct action *
retro_selected(struct retro_view *rv)
{
	if (retro_count(rv, rv->cat) == 0)
		return NULL;
	return &rv->list[rv->first[rv->cat] + rv->sel[rv->cat]];
}

static void
retro_fix_sel(struct retro_view *rv)
{
	int c, i;

	for (c = 0; c < CAT_COUNT; c++) {
		int n = retro_count(rv, c);

		for (i = 0; i < n; i++)
			if (rv->list[rv->first[c] + i].id == rv->sel_id[c])
				rv->sel[c] = i;
		if (rv->sel[c] >= n)
			rv->sel[c] = n - 1;
		if (rv->sel[c] < 0)
			rv->sel[c] = 0;
		rv->sel_id[c] = n > 0 ? rv->list[rv->first[c] + rv->sel[c]].id : 0;
	}
}

/* The key times come from the whole timeline: computed again only when
 * something they depend on moved (the view reloads on every clock tick). */
static void
retro_keytimes(struct tui *t, struct retro_view *rv)
{
	const struct incident *inc = &t->snap.inc;
	int64_t key[7] = {t->snap.incident_id, inc->detected, inc->recovered,
		inc->resolved, inc->phase, inc->phase_since, t->snap.tl_total};
	char err[ERR_LEN];

	if (rv->have_kt && memcmp(key, rv->kt_key, sizeof key) == 0)
		return;
	rv->have_kt = export_keytimes(t->st, t->snap.incident_id, &rv->kt,
	    err) == 0;
	if (!rv->have_kt)
		snprintf(rv->err, sizeof rv->err, "%s", err);
	memcpy(rv->kt_key, key, sizeof key);
}

/* Read the actions again (the view is live), keeping the selection. */
static void
retro_load(struct tui *t, struct retro_view *rv)
{
	int i, c;

	retro_clear(rv);
	rv->err[0] = '\0';
	memset(rv->first, 0, sizeof rv->first);
	if (t->snap.incident_id <= 0)
		return;
	if (action_list(t->st, t->snap.incident_id, -1, &rv->list, &rv->n,
	    rv->err) != 0) {
		rv->list = NULL;
		rv->n = 0;
		return;
	}
	/* The list comes by category: count, then turn counts into starts. */
	for (i = 0; i < rv->n; i++)
		rv->first[rv->list[i].category + 1]++;
	for (c = 0; c < CAT_COUNT; c++)
		rv->first[c + 1] += rv->first[c];
	retro_fix_sel(rv);
	retro_keytimes(t, rv);
}

static void
retro_reload(struct tui *t, void *data)
{
	retro_load(t, data);
}

/* --- durations ---------------------------------------------------------- */

static void
retro_dur(int64_t secs, char *out, size_t n)
{
	if (secs == EXPORT_UNKNOWN)
		snprintf(out, n, "unknown");
	else
		export_dur(secs, out, n);
}

/* The durations that measure a category, one line each ("" when none);
 * returns how many. */
static int
retro_measures(const struct retro_view *rv, int cat, char lines[2][80])
{
	char d[32];

	lines[0][0] = lines[1][0] = '\0';
	if (!rv->have_kt)
		return 0;
	switch (cat) {
	case CAT_ROOT_CAUSE:
		retro_dur(rv->kt.to_identify, d, sizeof d);
		snprintf(lines[0], 80, "time to identify %s", d);
		return 1;
	case CAT_DETECT_FASTER:
		if (rv->kt.to_detect == EXPORT_UNKNOWN)
			snprintf(lines[0], 80, "time to detect unknown (no "
			    "earlier event)");
		else {
			export_dur(rv->kt.to_detect, d, sizeof d);
			snprintf(lines[0], 80, "time to detect %s", d);
		}
		return 1;
	case CAT_RECOVER_FASTER:
		retro_dur(rv->kt.to_mitigate, d, sizeof d);
		snprintf(lines[0], 80, "time to mitigate %s", d);
		retro_dur(rv->kt.to_recover, d, sizeof d);
		snprintf(lines[1], 80, "time to recover %s", d);
		return 2;
	default:
		return 0;
	}
}

/* "2024-06-30" for the end of a day (how --due takes a bare date), else
 * "2024-06-30 17:00"; "" for none. */
static void
retro_due_str(int64_t due, char *out, size_t n)
{
	char full[32];

	if (due <= 0) {
		snprintf(out, n, "%s", "");
		return;
	}
	time_full(due, full, sizeof full);
	if (strcmp(full + 11, "23:59:59") == 0)
		full[10] = '\0';
	else
		full[16] = '\0';
	snprintf(out, n, "%s", full);
}

/* A due date as typed: a bare date means the end of that day; empty or
 * "none" means no date. 0 with *out, or -1 with err. */
static int
retro_due_parse(const char *s, int64_t *out, char *err)
{
	int y, m, d;
	char extra;

	*out = 0;
	if (*s == '\0' || strcmp(s, "none") == 0)
		return 0;
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra)
	    == 3) {
		char full[32];

		snprintf(full, sizeof full, "%s 23:59:59", s);
		return time_parse(full, wr_now(), out, err);
	}
	return time_parse(s, wr_now(), out, err);
}

/* --- drawing ------------------------------------------------------------ */

/* Categories side by side, or one under another. */
static int
retro_wide(void)
{
	return COLS >= RETRO_WIDE && LINES - 1 >= 12;
}

/* The top line: when it was detected and how long each step took. */
static void
retro_draw_summary(const struct retro_view *rv, WINDOW *win, int w)
{
	char line[320], det[32], d1[32], d2[32];

	if (!rv->have_kt) {
		draw_text_ell(win, 1, 2, rv->err[0] ? rv->err : "", w - 4,
		    TH_ERROR);
		return;
	}
	time_full(rv->kt.detected, det, sizeof det);
	retro_dur(rv->kt.to_first_action, d1, sizeof d1);
	retro_dur(rv->kt.to_resolve, d2, sizeof d2);
	snprintf(line, sizeof line, "detected %s  first action %s%s  "
	    "resolved %s%s", det, rv->kt.to_first_action == EXPORT_UNKNOWN
	    ? "" : "+", d1, rv->kt.to_resolve == EXPORT_UNKNOWN ? "" : "+", d2);
	draw_text_ell(win, 1, 2, line, w - 4, TH_LABEL);
}

static enum theme_el
retro_el(const struct action *a, int sel)
{
	if (sel)
		return TH_SELECTED;
	if (a->done)
		return TH_MUTED;
	return TH_NORMAL;
}

/* One action on one line (narrow): [x] text  owner  due. */
static void
retro_draw_row(WINDOW *win, int y, int x, int cols, const struct action *a,
    int sel, int64_t now)
{
	enum theme_el el = retro_el(a, sel);
	int right = RETRO_OWNER_W + RETRO_DUE_W + 2, tw;
	char due[32];

	if (sel)
		draw_fill(win, y, x, cols, TH_SELECTED);
	x += draw_text(win, y, x, a->done ? "[x] " : "[ ] ", 4, el);
	cols -= 4;
	if (cols - right < 12)
		right = 0; /* too narrow: the text first */
	tw = cols - right;
	if (a->entry_id > 0) {
		char from[24];
		int fw;

		snprintf(from, sizeof from, " <#%lld", (long long)a->entry_id);
		fw = (int)strlen(from);
		if (tw - fw >= 12) {
			int used = draw_text_ell(win, y, x, a->text, tw - fw, el);

			draw_text(win, y, x + used, from, fw, sel ? el : TH_MUTED);
		} else
			draw_text_ell(win, y, x, a->text, tw, el);
	} else
		draw_text_ell(win, y, x, a->text, tw, el);
	if (right == 0)
		return;
	x += tw + 1;
	draw_text_ell(win, y, x, a->owner ? a->owner : "-", RETRO_OWNER_W,
	    sel ? el : a->owner ? TH_AUTHOR : TH_MUTED);
	x += RETRO_OWNER_W + 1;
	retro_due_str(a->due, due, sizeof due);
	if (due[0] != '\0') {
		char shown[40];

		snprintf(shown, sizeof shown, "due %.10s", due);
		draw_text_ell(win, y, x, shown, RETRO_DUE_W, sel ? el
		    : !a->done && a->due < now ? TH_WARN : TH_TIME);
	} else
		draw_text(win, y, x, "no due date", RETRO_DUE_W, sel ? el
		    : TH_MUTED);
}

/* Narrow screens: the categories as sections, one scroll for all. Lines:
 * for each category a heading, then its actions (or one "none" line). */
static void
retro_draw_narrow(struct tui *t, struct retro_view *rv, WINDOW *win, int h,
    int w)
{
	int y0 = 2, rows = h - 4, line = 0, selline = 0, headline = 0, c, i;
	int total = 0;

	for (c = 0; c < CAT_COUNT; c++) {
		int n = retro_count(rv, c);

		if (c == rv->cat) {
			headline = total;
			selline = total + 1 + (n > 0 ? rv->sel[c] : 0);
		}
		total += 1 + (n > 0 ? n : 1);
	}
	/* Keep the selection in view, and its heading when it fits. */
	if (selline < rv->ltop)
		rv->ltop = selline;
	if (selline >= rv->ltop + rows)
		rv->ltop = selline - rows + 1;
	if (headline < rv->ltop && selline - headline < rows)
		rv->ltop = headline;
	if (rv->ltop > total - rows)
		rv->ltop = total - rows;
	if (rv->ltop < 0)
		rv->ltop = 0;
	for (c = 0; c < CAT_COUNT; c++) {
		int n = retro_count(rv, c), y = y0 + line - rv->ltop;

		if (y >= y0 && y < y0 + rows) {
			char m[2][80], right[170];
			int k = retro_measures(rv, c, m), x = 1, rw;

			x += draw_fmt(win, y, x, w - 2, c == rv->cat
			    ? TH_TITLE_FOCUS : TH_TITLE, "%s %s (%d)",
			    c == rv->cat ? ">" : " ", category_titles[c], n);
			snprintf(right, sizeof right, "%s%s%s", m[0],
			    k > 1 ? " · " : "", k > 1 ? m[1] : "");
			rw = draw_width(right);
			if (k > 0 && rw <= w - 3 - x)
				draw_text(win, y, w - 2 - rw, right, rw, TH_LABEL);
			else if (k > 0 && w - 4 - x > 10)
				draw_text_ell(win, y, x + 2, right, w - 4 - x,
				    TH_LABEL);
		}
		line++;
		if (n == 0) {
			y = y0 + line - rv->ltop;
			if (y >= y0 && y < y0 + rows) {
				if (c == rv->cat)
					draw_fill(win, y, 1, w - 2, TH_SELECTED);
				draw_text_ell(win, y, 3, t->readonly ? "none"
				    : "none yet (a adds one)", w - 5, c == rv->cat
				    ? TH_SELECTED : TH_MUTED);
			}
			line++;
			continue;
		}
		for (i = 0; i < n; i++, line++) {
			y = y0 + line - rv->ltop;
			if (y >= y0 && y < y0 + rows)
				retro_draw_row(win, y, 3, w - 5,
				    &rv->list[rv->first[c] + i],
				    c == rv->cat && i == rv->sel[c], t->snap.now);
		}
	}
	if (rv->ltop > 0)
		draw_text(win, y0, w - 2, draw_utf8() ? "▲" : "^", 1, TH_MUTED);
	if (rv->ltop + rows < total)
		draw_text(win, y0 + rows - 1, w - 2, draw_utf8() ? "▼" : "v", 1,
		    TH_MUTED);
}

/* Wide screens: short headings when the full ones do not fit. */
static const char *const retro_short[CAT_COUNT] = {"Root cause",
	"Permanent fix", "Prevent recurrence", "Detect faster",
	"Recover faster"};

/* Rows an action takes in a column of cw: its text on one or two lines,
 * then owner and due date. */
static int
retro_wide_rows(const struct action *a, int cw)
{
	return draw_width(a->text) > cw - 5 ? 3 : 2;
}

static void
retro_draw_item(WINDOW *win, int y, int x0, int cw, const struct action *a,
    int sel, int64_t now)
{
	enum theme_el el = retro_el(a, sel);
	int tw = cw - 5, rows = retro_wide_rows(a, cw), i;
	char due[32], sub[TEXT_NAME_MAX + 64];
	size_t cut;

	if (sel)
		for (i = 0; i < rows; i++)
			draw_fill(win, y + i, x0, cw, TH_SELECTED);
	draw_text(win, y, x0 + 1, a->done ? "[x]" : "[ ]", 3, el);
	if (rows == 3) {
		char *first;

		cut = text_fit(a->text, tw, NULL);
		first = xstrndup(a->text, cut);
		draw_text(win, y, x0 + 5, first, tw, el);
		free(first);
		draw_text_ell(win, ++y, x0 + 5, a->text + cut, tw, el);
	} else
		draw_text_ell(win, y, x0 + 5, a->text, tw, el);
	retro_due_str(a->due, due, sizeof due);
	snprintf(sub, sizeof sub, "%s%s%s", a->owner ? a->owner : "no owner",
	    due[0] ? " · due " : "", due);
	if (a->entry_id > 0) {
		size_t l = strlen(sub);

		snprintf(sub + l, sizeof sub - l, " <#%lld",
		    (long long)a->entry_id);
	}
	draw_text_ell(win, y + 1, x0 + 5, sub, tw, sel ? el : !a->done &&
	    a->due > 0 && a->due < now ? TH_WARN : TH_MUTED);
}

/* Wide screens: one column per category, each scrolling on its own. */
static void
retro_draw_wide(struct tui *t, struct retro_view *rv, WINDOW *win, int h,
    int w)
{
	int colw = (w - 2 - (CAT_COUNT - 1)) / CAT_COUNT, c, y;
	int body = 6, end = h - 2;

	for (c = 0; c < CAT_COUNT; c++) {
		int x0 = 1 + c * (colw + 1), cw = c == CAT_COUNT - 1
		    ? w - 1 - x0 : colw, n = retro_count(rv, c), i, k, used;
		const struct action *list = &rv->list[rv->first[c]];
		char m[2][80], head[96];

		if (c > 0)
			for (y = 2; y < end; y++)
				mvwaddch(win, y, x0 - 1, ACS_VLINE);
		snprintf(head, sizeof head, "%s (%d)", category_titles[c], n);
		if (draw_width(head) > cw - 2)
			snprintf(head, sizeof head, "%s (%d)", retro_short[c], n);
		draw_fmt(win, 2, x0, cw - 1, c == rv->cat ? TH_TITLE_FOCUS
		    : TH_TITLE, "%s%s", c == rv->cat ? ">" : " ", head);
		k = retro_measures(rv, c, m);
		for (i = 0; i < k; i++)
			draw_text_ell(win, 3 + i, x0 + 1, m[i], cw - 2, TH_LABEL);
		for (i = 0; i < cw; i++)
			mvwaddch(win, 5, x0 + i, ACS_HLINE);
		if (n == 0) {
			if (c == rv->cat)
				draw_fill(win, body, x0, cw, TH_SELECTED);
			draw_text_ell(win, body, x0 + 1, t->readonly ? "none"
			    : "none yet (a adds one)", cw - 2, c == rv->cat
			    ? TH_SELECTED : TH_MUTED);
			continue;
		}
		/* Keep the selected action whole in view. */
		if (rv->sel[c] < rv->top[c])
			rv->top[c] = rv->sel[c];
		for (;;) {
			for (used = 0, i = rv->top[c]; i <= rv->sel[c]; i++)
				used += retro_wide_rows(&list[i], cw);
			if (used <= end - body || rv->top[c] >= rv->sel[c])
				break;
			rv->top[c]++;
		}
		for (i = rv->top[c], y = body; i < n; i++) {
			int r = retro_wide_rows(&list[i], cw);

			if (y + r > end)
				break;
			retro_draw_item(win, y, x0, cw, &list[i], c == rv->cat &&
			    i == rv->sel[c], t->snap.now);
			y += r;
		}
		if (rv->top[c] > 0)
			draw_text(win, body, x0 + cw - 1, draw_utf8() ? "▲"
			    : "^", 1, TH_MUTED);
		if (i < n)
			draw_text(win, end - 1, x0 + cw - 1, draw_utf8() ? "▼"
			    : "v", 1, TH_MUTED);
	}
}

static void
retro_draw(struct tui *t, void *data)
{
	int h = LINES - 1, w = COLS, i;
	WINDOW *win = overlay_box(t, &h, &w, TH_NORMAL);
	char title[200], right[48];
	struct retro_view *rv = data;
	int done = 0;

	if (win == NULL)
		return;
	for (i = 0; i < rv->n; i++)
		done += rv->list[i].done;
	snprintf(title, sizeof title, "Retrospective #%lld %s",
	    (long long)t->snap.incident_id, t->snap.inc.title ?
	    t->snap.inc.title : "");
	snprintf(right, sizeof right, "%d/%d done", done, rv->n);
	draw_box(win, title, right, 1);
	retro_draw_summary(rv, win, w);
	if (h < 8) {
		wnoutrefresh(win);
		return;
	}
	if (retro_wide())
		retro_draw_wide(t, rv, win, h, w);
	else
		retro_draw_narrow(t, rv, win, h, w);
	draw_text_ell(win, h - 2, 2, t->readonly
	    ? "READ-ONLY  j/k move  h/l or Tab category  Esc close"
	    : "a add  e edit  o owner  t due  d done/reopen  j/k h/l move  "
	    "Esc close", w - 4, TH_MUTED);
	wnoutrefresh(win);
}

/* --- forms -------------------------------------------------------------- */

static int
retro_check(struct form *f, void *arg, char *err)
{
	struct retro_form *rf = arg;
	int64_t due;

	if (rf->f_text >= 0 && *form_str(f, rf->f_text) == '\0') {
		form_focus(f, rf->f_text);
		err_set(err, "say what should be done");
		return -1;
	}
	if (rf->f_due >= 0 && retro_due_parse(form_str(f, rf->f_due), &due,
	    err) != 0) {
		form_focus(f, rf->f_due);
		return -1;
	}
	return 0;
}

static int
retro_submit(struct tui *t, struct form *f, void *arg)
{
	struct retro_form *rf = arg;
	struct action a = {0};
	char err[ERR_LEN];
	int64_t id = rf->id;
	int rc = 0;

	if (rf->what == RF_EDIT && action_get(t->st, rf->id, &a, err) != 0) {
		form_error(f, "%s", err);
		return KEY_HANDLED | FORM_STAY;
	}
	if (rf->f_cat >= 0)
		a.category = form_choice(f, rf->f_cat);
	if (rf->f_text >= 0) {
		free(a.text);
		a.text = xstrdup(form_str(f, rf->f_text));
	}
	if (rf->f_owner >= 0) {
		free(a.owner);
		a.owner = xstrdup(form_str(f, rf->f_owner));
	}
	if (rf->f_due >= 0 && retro_due_parse(form_str(f, rf->f_due), &a.due,
	    err) != 0) {
		action_clear(&a);
		form_error(f, "%s", err);
		return KEY_HANDLED | FORM_STAY;
	}
	switch (rf->what) {
	case RF_ADD:
		id = rf->entry_id > 0 ? action_from_entry(t->st, rf->entry_id, &a,
		    t->as, err) : action_add(t->st, t->snap.incident_id, &a,
		    t->as, err);
		rc = id < 0 ? -1 : 0;
		break;
	case RF_EDIT:
		rc = action_edit(t->st, &a, t->as, err);
		break;
	case RF_OWNER:
		rc = action_set_owner(t->st, rf->id, a.owner, t->as, err);
		break;
	case RF_DUE:
		rc = action_set_due(t->st, rf->id, a.due, t->as, err);
		break;
	}
	if (rc != 0) {
		action_clear(&a);
		form_error(f, "%s", err);
		return KEY_HANDLED | FORM_STAY;
	}
	if (rf->f_cat >= 0) {
		struct retro_view *rv = retro_view(t);

		/* Follow the action to where it now is. */
		rv->cat = a.category;
		rv->sel_id[a.category] = id;
	}
	if (rf->what == RF_ADD)
		tui_message(t, 0, "action #%lld added under %s%s", (long long)id,
		    category_titles[a.category], rf->entry_id > 0 &&
		    overlay_get(t, OVERLAY_DIALOG) == NULL
		    ? " (A shows the retrospective)" : "");
	else
		tui_message(t, 0, "action #%lld saved", (long long)id);
	action_clear(&a);
	return KEY_HANDLED | KEY_RELOAD;
}

/* Owner suggestions: the people on the board. */
static void
retro_owner_field(struct tui *t, struct form *f, struct retro_form *rf,
    const char *init)
{
	char **names = xcalloc((size_t)t->snap.nboard + 1, sizeof *names);
	int i;

	rf->f_owner = form_add_text(f, "Owner", init ? init : "", 0, 0);
	for (i = 0; i < t->snap.nboard; i++)
		names[i] = t->snap.board[i].name;
	form_set_suggestions(f, rf->f_owner, names, t->snap.nboard);
	form_set_hint(f, rf->f_owner, "who sees it through (Up/Down: the "
	    "board's names); empty: nobody yet");
	free(names);
}

static void
retro_due_field(struct form *f, struct retro_form *rf, int64_t due)
{
	char init[32];

	retro_due_str(due, init, sizeof init);
	rf->f_due = form_add_text(f, "Due", init, 0, 64);
	form_set_hint(f, rf->f_due, "2024-06-30 (end of that day), "
	    "2024-06-30 17:00 or +7d; empty: no date");
}

static struct retro_form *
retro_form_new(int what, int64_t id)
{
	struct retro_form *rf = xcalloc(1, sizeof *rf);

	rf->what = what;
	rf->id = id;
	rf->f_cat = rf->f_text = rf->f_owner = rf->f_due = -1;
	return rf;
}

/* The add/edit form: category, what, owner, due (from entry: the entry
 * shown first). Takes a. */
static void
retro_form_full(struct tui *t, const char *title, struct retro_form *rf,
    const struct action *a, const char *from)
{
	struct form *f = form_new(title);

	if (from != NULL)
		form_add_info(f, "From", from, 1);
	rf->f_cat = form_add_choice(f, "Category", category_titles, CAT_COUNT,
	    a->category);
	form_set_hint(f, rf->f_cat, "Left/Right or the first letter: "
	    "c m p d r");
	rf->f_text = form_add_text(f, "What", a->text ? a->text : "",
	    FORM_REQUIRED, ACTION_TEXT_MAX);
	retro_owner_field(t, f, rf, a->owner);
	retro_due_field(f, rf, a->due);
	form_focus(f, from != NULL ? rf->f_cat : rf->f_text);
	form_on_check(f, retro_check);
	form_on_submit(f, retro_submit, rf, free);
	tui_form_open(t, f);
}

static int
retro_readonly(struct tui *t, const char *key)
{
	if (!t->readonly)
		return 0;
	tui_message(t, 1, "READ-ONLY: this screen cannot change anything "
	    "('%s' does nothing here)", key);
	return 1;
}

static int
retro_edit_key(struct tui *t, struct retro_view *rv, int key)
{
	struct action *a = retro_selected(rv);
	struct retro_form *rf;
	struct form *f;
	char err[ERR_LEN];

	if (key == 'a') {
		struct action blank = {0};

		blank.category = rv->cat;
		retro_form_full(t, "New action", retro_form_new(RF_ADD, 0),
		    &blank, NULL);
		return KEY_HANDLED;
	}
	if (a == NULL) {
		tui_message(t, 1, "no action selected (a adds one)");
		return KEY_HANDLED;
	}
	switch (key) {
	case 'e': {
		char title[48];

		snprintf(title, sizeof title, "Edit action #%lld",
		    (long long)a->id);
		retro_form_full(t, title, retro_form_new(RF_EDIT, a->id), a,
		    NULL);
		return KEY_HANDLED;
	}
	case 'o':
		rf = retro_form_new(RF_OWNER, a->id);
		f = form_new("Owner");
		form_add_info(f, "Action", a->text, 2);
		retro_owner_field(t, f, rf, a->owner);
		break;
	case 't':
		rf = retro_form_new(RF_DUE, a->id);
		f = form_new("Due date");
		form_add_info(f, "Action", a->text, 2);
		retro_due_field(f, rf, a->due);
		break;
	default: { /* d: done or open again */
		int64_t id = a->id;
		int done = !a->done;

		if (action_set_done(t->st, id, done, t->as, err) != 0) {
			tui_message(t, 1, "%s", err);
			return KEY_HANDLED;
		}
		tui_message(t, 0, "action #%lld %s", (long long)id, done
		    ? "done" : "open again");
		return KEY_HANDLED | KEY_RELOAD;
	}
	}
	form_on_check(f, retro_check);
	form_on_submit(f, retro_submit, rf, free);
	tui_form_open(t, f);
	return KEY_HANDLED;
}

/* Move within the focused category; on narrow screens past its ends into
 * the next or previous one. */
static void
retro_move(struct retro_view *rv, int d)
{
	int n = retro_count(rv, rv->cat), wide = retro_wide();

	rv->sel[rv->cat] += d;
	if (!wide && rv->sel[rv->cat] >= n && rv->cat < CAT_COUNT - 1) {
		rv->sel[rv->cat] = n > 0 ? n - 1 : 0;
		rv->cat++;
		rv->sel[rv->cat] = 0;
	} else if (!wide && rv->sel[rv->cat] < 0 && rv->cat > 0) {
		rv->sel[rv->cat] = 0;
		rv->cat--;
		rv->sel[rv->cat] = retro_count(rv, rv->cat) > 0 ? retro_count(rv, rv->cat)
		    - 1 : 0;
	}
	n = retro_count(rv, rv->cat);
	if (rv->sel[rv->cat] >= n)
		rv->sel[rv->cat] = n - 1;
	if (rv->sel[rv->cat] < 0)
		rv->sel[rv->cat] = 0;
	rv->sel_id[rv->cat] = n > 0 ? rv->list[rv->first[rv->cat] +
	    rv->sel[rv->cat]].id : 0;
}

static const struct key_binding retro_key_table[] = {
	{'k', "k", ACT_UP, -1, NEED_NONE, "up", 0, NULL},
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL, 0, NULL},
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "down", 0, NULL},
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL, 0, NULL},
	{'h', "h", ACT_LEFT, -1, NEED_NONE, "the category before", 0, NULL},
	{KEY_LEFT, "Left", ACT_LEFT, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_BTAB, "S-Tab", ACT_LEFT, -1, NEED_NONE, NULL, 0, NULL},
	{'l', "l", ACT_RIGHT, -1, NEED_NONE, "the next category", 0, NULL},
	{KEY_RIGHT, "Right", ACT_RIGHT, -1, NEED_NONE, NULL, 0, NULL},
	{'\t', "Tab", ACT_RIGHT, -1, NEED_NONE, NULL, 0, NULL},
	{'1', "1-5", ACT_NUMBER, -1, NEED_NONE,
	    "a category by its number", 0, NULL},
	{'2', "1-5", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'3', "1-5", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'4', "1-5", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'5', "1-5", ACT_NUMBER, -1, NEED_NONE, NULL, 0, NULL},
	{'g', "g", ACT_TOP, -1, NEED_NONE, "to the top", 0, NULL},
	{KEY_HOME, "Home", ACT_TOP, -1, NEED_NONE, NULL, 0, NULL},
	{'G', "G", ACT_BOTTOM, -1, NEED_NONE, "to the bottom", 0, NULL},
	{KEY_END, "End", ACT_BOTTOM, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_PPAGE, "PgUp", ACT_PAGE_UP, -1, NEED_NONE, "five up", 0, NULL},
	{KEY_NPAGE, "PgDn", ACT_PAGE_DOWN, -1, NEED_NONE, "five down", 0, NULL},
	{'a', "a", ACT_ADD, -1, NEED_TIMELINE, "add an action", 0, NULL},
	{'e', "e", ACT_EDIT, -1, NEED_TIMELINE,
	    "edit the selected action", 0, NULL},
	{'\r', "Enter", ACT_EDIT, -1, NEED_TIMELINE, NULL, 0, NULL},
	{'\n', "Enter", ACT_EDIT, -1, NEED_TIMELINE, NULL, 0, NULL},
	{KEY_ENTER, "Enter", ACT_EDIT, -1, NEED_TIMELINE, NULL, 0, NULL},
	{'o', "o", ACT_OWNER, -1, NEED_TIMELINE, "set its owner", 0, NULL},
	{'t', "t", ACT_DUE, -1, NEED_TIMELINE, "set its due date", 0, NULL},
	{'d', "d", ACT_DONE, -1, NEED_TIMELINE,
	    "mark it done, or reopen it", 0, NULL},
	{' ', "Space", ACT_DONE, -1, NEED_TIMELINE, NULL, 0, NULL},
	{KEY_ESC, "Esc", ACT_CLOSE, -1, NEED_NONE,
	    "close the retrospective", 0, NULL},
	{'q', "q", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{'A', "A", ACT_CLOSE, -1, NEED_NONE, NULL, 0, NULL},
	{3, "^C", ACT_QUIT, -1, NEED_NONE, "quit", 0, NULL},
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL},
};
static const struct keymap retro_keys = KEYMAP("Keys: retrospective",
    retro_key_table);

/* Moving between categories and actions: 1 if act was one of those. */
static int
retro_nav(struct retro_view *rv, enum tui_action act, wint_t ch)
{
	switch (act) {
	case ACT_UP:
		retro_move(rv, -1);
		break;
	case ACT_DOWN:
		retro_move(rv, 1);
		break;
	case ACT_PAGE_UP:
		retro_move(rv, -5);
		break;
	case ACT_PAGE_DOWN:
		retro_move(rv, 5);
		break;
	case ACT_LEFT:
		rv->cat = (rv->cat + CAT_COUNT - 1) % CAT_COUNT;
		break;
	case ACT_RIGHT:
		rv->cat = (rv->cat + 1) % CAT_COUNT;
		break;
	case ACT_TOP: /* the top: of the column, or of the whole list */
		if (!retro_wide())
			rv->cat = 0;
		rv->sel[rv->cat] = 0;
		retro_move(rv, 0);
		break;
	case ACT_BOTTOM:
		if (!retro_wide())
			rv->cat = CAT_COUNT - 1;
		rv->sel[rv->cat] = retro_count(rv, rv->cat) - 1;
		retro_move(rv, 0);
		break;
	case ACT_NUMBER:
		rv->cat = (int)ch - '1';
		break;
	default:
		return 0;
	}
	return 1;
}

static int
retro_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	const struct key_binding *k = keymap_find(&retro_keys, (int)ch, is_code,
	    -1);
	enum tui_action act = k != NULL ? k->act : ACT_NONE;
	/* The letters retro_edit_key and the read-only message know. */
	int letter = act == ACT_ADD ? 'a' : act == ACT_EDIT ? 'e' : act ==
	    ACT_OWNER ? 'o' : act == ACT_DUE ? 't' : act == ACT_DONE ? 'd' : 0;

	if (retro_nav(data, act, ch))
		return KEY_HANDLED;
	if (letter != 0) {
		char name[8];

		snprintf(name, sizeof name, "%c", letter);
		if (retro_readonly(t, name))
			return KEY_HANDLED;
		return retro_edit_key(t, data, letter);
	}
	if (act == ACT_CLOSE) {
		overlay_close(t, OVERLAY_DIALOG);
		return KEY_HANDLED;
	}
	if (act == ACT_QUIT)
		return KEY_QUIT;
	if (!is_code && ch >= 0x20 && ch < 0x7F)
		tui_message(t, 0, "'%c' does nothing in the retrospective; ? "
		    "shows its keys", (char)ch);
	return KEY_HANDLED;
}

static const struct overlay_ops retro_ops = {retro_draw, retro_key,
	retro_reload, NULL, &retro_keys};

int
retro_open(struct tui *t)
{
	struct retro_view *rv;
	int ph = t->snap.inc.phase;

	if (t->snap.incident_id <= 0) {
		tui_message(t, 1, "no incident: declare one first");
		return KEY_HANDLED;
	}
	if (ph < PHASE_RESOLVED) {
		tui_message(t, 1, "the retrospective opens once resolved (now "
		    "%s); R in the Timeline files an action now",
		    phase_names[ph]);
		return KEY_HANDLED;
	}
	rv = retro_view(t);
	rv->have_kt = 0; /* a fresh look at the key times */
	retro_load(t, rv);
	overlay_open(t, OVERLAY_DIALOG, &retro_ops, rv);
	t->status_dirty = 1; /* its hint goes */
	return KEY_HANDLED;
}

/* R in the Timeline pane: the add form with the entry's text. */
int
retro_from_entry(struct tui *t, int64_t entry_id)
{
	struct entry e = {0};
	struct action a = {0};
	struct retro_form *rf;
	char err[ERR_LEN], hm[16], *from, *text, *p;
	size_t n;

	if (entry_id <= 0) {
		tui_message(t, 1, "no entry selected");
		return KEY_HANDLED;
	}
	if (timeline_get(t->st, entry_id, &e, err) != 0) {
		tui_message(t, 1, "%s", err);
		return KEY_HANDLED;
	}
	/* One line, cut as core would cut it. */
	n = strlen(e.text) > ACTION_TEXT_MAX ? text_fit(e.text,
	    ACTION_TEXT_MAX / 4, NULL) : strlen(e.text);
	text = xstrndup(e.text, n);
	for (p = text; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	text = text_clean(text, ACTION_TEXT_MAX, 0);
	time_hm(e.event_time, hm, sizeof hm);
	from = xasprintf("#%lld %s %s by %s", (long long)e.id, hm,
	    kind_names[e.kind], e.author ? e.author : "?");
	a.category = retro_view(t)->cat;
	a.text = text;
	rf = retro_form_new(RF_ADD, 0);
	rf->entry_id = entry_id;
	retro_form_full(t, "Timeline entry to action", rf, &a, from);
	free(from);
	free(text);
	entry_clear(&e);
	return KEY_HANDLED;
}
