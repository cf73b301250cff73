/* composer.c: the status-update composer (u). The heading is the current
 * phase, shown above the body and not part of it, so no key can remove it;
 * the body starts from the audience's template; the preview is core's
 * outbox_preview (exactly what is posted); send queues it with the phase
 * the preview showed, and says so when the phase moved on meanwhile. */
#include "dialog/composer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "model/incident.h"
#include "model/outbox.h"
#include "base/text.h"
#include "widget/draw.h"
#include "widget/editor.h"
#include "pane/pane.h"

#define COMPOSER_MAX 6000 /* characters of body; core checks the bytes */

enum composer_mode { MODE_EDIT, MODE_PREVIEW };

/* One open composer. */
struct composer {
	int audience;
	struct editor ed;   /* the body: a multi-line editor */
	int top;            /* first body row shown */
	int edited;         /* changed since the template was put in */
	int discard_armed;  /* Esc once over an edited body */
	enum composer_mode mode;
	char *preview;      /* outbox_preview's text */
	int preview_phase;  /* the phase that preview carries */
	int seen_phase;     /* the phase on screen while editing */
	char note[ERR_LEN]; /* a line inside the window (errors, changes) */
	int note_error;
	int prev_rows;      /* rows the preview took */
};

static void
composer_free(struct composer *cp)
{
	editor_free(&cp->ed);
	free(cp->preview);
	free(cp);
}

static void
composer_note(struct composer *cp, int error, const char *fmt, ...)
    WR_PRINTF(3, 4);

static void
composer_note(struct composer *cp, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cp->note, sizeof cp->note, fmt, ap);
	va_end(ap);
	cp->note_error = error;
}

/* Put the audience's template in, the cursor where writing starts: the
 * end of the first line that waits for text (ends in a space). */
static void
composer_template(struct composer *cp, int audience)
{
	struct editor *ed = &cp->ed;
	int i;

	cp->audience = audience;
	cp->top = 0;
	editor_set(ed, outbox_template(audience));
	for (i = 1; i < ed->len; i++)
		if (ed->buf[i] == '\n' && ed->buf[i - 1] == ' ')
			break;
	ed->cur = i < ed->len ? i : ed->len;
	cp->edited = 0;
}

static int
composer_phase_now(struct tui *t, char *err)
{
	struct incident inc = {0};
	int ph;

	if (incident_load(t->st, t->snap.incident_id, &inc, err) != 0)
		return -1;
	ph = inc.phase;
	incident_clear(&inc);
	return ph;
}

/* Ask core for exactly what will be posted. 0, or -1 with the note set. */
static int
composer_preview(struct tui *t, struct composer *cp)
{
	char err[ERR_LEN], *body = editor_text(&cp->ed), *out;
	int ph = composer_phase_now(t, err);

	if (ph < 0) {
		free(body);
		composer_note(cp, 1, "%s", err);
		return -1;
	}
	out = outbox_preview(t->st, t->snap.incident_id, cp->audience, body,
	    wr_now(), err);
	free(body);
	if (out == NULL) {
		composer_note(cp, 1, "%s", err);
		return -1;
	}
	free(cp->preview);
	cp->preview = out;
	cp->preview_phase = ph;
	cp->mode = MODE_PREVIEW;
	cp->top = 0;
	return 0;
}

static int
composer_send(struct tui *t, struct composer *cp)
{
	char err[ERR_LEN], err2[ERR_LEN], *body = editor_text(&cp->ed);
	int64_t id = outbox_queue(t->st, t->snap.incident_id, cp->audience,
	    cp->preview_phase, body, t->as, err);
	int ph, aud = cp->audience;

	free(body);
	if (id < 0) {
		/* The phase moved on since the preview: show the new one. */
		ph = composer_phase_now(t, err2);
		if (ph >= 0 && ph != cp->preview_phase) {
			composer_preview(t, cp);
			composer_note(cp, 1, "the phase changed to %s %s since "
			    "the preview: check the heading, then send again",
			    phase_headings[ph], phase_names[ph]);
		} else
			composer_note(cp, 1, "%s", err);
		return KEY_HANDLED;
	}
	overlay_close(t, OVERLAY_DIALOG);
	tui_message(t, 0, "update #%lld to %s queued; the Phase pane shows "
	    "its delivery", (long long)id, audience_names[aud]);
	return KEY_HANDLED | KEY_RELOAD;
}

/* ---- drawing ----------------------------------------------------------- */

/* Lay the body out in rows of at most w columns. For each row: its first
 * character. Returns the rows; *crow and *ccol get the cursor's place. */
static int
composer_rows(const struct composer *cp, int w, int *starts, int max,
    int *crow, int *ccol)
{
	const struct editor *ed = &cp->ed;
	int i = 0, row = 0, col = 0;

	*crow = *ccol = 0;
	if (max > 0)
		starts[0] = 0;
	for (i = 0; i <= ed->len; i++) {
		int cw;

		if (i == ed->cur) {
			*crow = row;
			*ccol = col;
		}
		if (i == ed->len)
			break;
		if (ed->buf[i] == '\n') {
			row++;
			col = 0;
			if (row < max)
				starts[row] = i + 1;
			continue;
		}
		cw = text_cp_width(ed->buf[i]);
		if (col + cw > w) {
			row++;
			col = 0;
			if (row < max)
				starts[row] = i;
			if (i == ed->cur) {
				*crow = row;
				*ccol = 0;
			}
		}
		col += cw;
	}
	return row + 1;
}

static void
composer_draw_body(struct composer *cp, WINDOW *win, int y0, int rows,
    int x0, int w)
{
	const struct editor *ed = &cp->ed;
	int *starts = xcalloc((size_t)ed->len + 2, sizeof *starts);
	int n, crow, ccol, r;

	n = composer_rows(cp, w, starts, ed->len + 2, &crow, &ccol);
	if (crow < cp->top)
		cp->top = crow;
	if (crow >= cp->top + rows)
		cp->top = crow - rows + 1;
	for (r = cp->top; r < n && r - cp->top < rows; r++) {
		int i = starts[r], end = r + 1 < n ? starts[r + 1] : ed->len;
		int x = x0, y = y0 + r - cp->top;

		for (; i < end && ed->buf[i] != '\n'; i++) {
			char out[5];
			int k = text_encode(ed->buf[i], out);

			out[k] = '\0';
			x += draw_text(win, y, x, out, x0 + w - x, i == ed->cur
			    ? TH_SELECTED : TH_NORMAL);
		}
		if (r == crow && ed->cur == i)
			draw_text(win, y, x < x0 + w ? x : x0 + w - 1, " ", 1,
			    TH_SELECTED);
	}
	if (n > rows)
		draw_fmt(win, y0 + rows - 1, x0 + w - 8, 8, TH_MUTED, " %d/%d",
		    crow + 1, n);
	free(starts);
}

/* The preview as posted, wrapped (never cut) at w columns; j/k scroll. */
static void
composer_draw_preview(struct composer *cp, WINDOW *win, int y0,
    int rows, int x0, int w)
{
	const char *s = cp->preview;
	int row = 0, first = 1;

	while (s != NULL && *s != '\0') {
		size_t n = strcspn(s, "\n");
		char *line = xstrndup(s, n), *l = line;

		do { /* by words, Japanese with kinsoku (draw_wrap) */
			size_t next, len = draw_wrap(l, w, &next);
			char *part = xstrndup(l, len);

			if (row >= cp->top && row - cp->top < rows)
				draw_text(win, y0 + row - cp->top, x0, part, w,
				    first ? TH_KIND_PHASE : TH_NORMAL);
			free(part);
			row++;
			l += next;
		} while (*l != '\0');
		first = 0;
		free(line);
		s += n;
		if (*s == '\n')
			s++;
	}
	cp->prev_rows = row;
	if (row > rows)
		draw_fmt(win, y0 + rows - 1, x0 + w - 10, 10, TH_MUTED,
		    " %d-%d/%d", cp->top + 1, cp->top + rows, row);
}

static void
composer_draw(struct tui *t, void *data)
{
	struct composer *cp = data;
	int h = LINES - 1, w = COLS - 2, i, x, iw;
	const int phase = t->snap.inc.phase;
	WINDOW *win;
	char *heading;

	if (h > 30)
		h = 30;
	if (w > 96)
		w = 96;
	if ((win = overlay_box(t, &h, &w, TH_NORMAL)) == NULL)
		return;
	iw = w - 4;
	draw_box(win, cp->mode == MODE_PREVIEW ? "Status update: preview"
	    : "Status update", cp->mode == MODE_PREVIEW ? "Esc edits"
	    : "Esc closes", 1);
	x = 2 + draw_text(win, 1, 2, "To: ", 4, TH_LABEL);
	for (i = 0; i < AUD_COUNT; i++)
		x += draw_fmt(win, 1, x, w - 2 - x, i == cp->audience
		    ? TH_SELECTED : TH_MUTED, " %s ", audience_names[i]) + 1;
	if (cp->mode == MODE_EDIT)
		draw_text_ell(win, 1, x + 1, "(Tab: next)", w - 3 - x,
		    TH_MUTED);
	/* Users get it in their language alone. */
	heading = outbox_heading_for(cp->mode == MODE_PREVIEW ?
	    cp->preview_phase : phase, cp->audience);
	x = 2 + draw_text(win, 2, 2, "Heading: ", 9, TH_LABEL);
	x += draw_text_ell(win, 2, x, heading, w - 2 - x, TH_KIND_PHASE);
	draw_text_ell(win, 2, x + 1, "(the phase; added for you, fixed)",
	    w - 3 - x, TH_MUTED);
	free(heading);
	for (i = 1; i < w - 1; i++)
		draw_glyph(win, 3, i, 0x2500, '-', TH_BORDER);
	if (cp->mode == MODE_EDIT)
		composer_draw_body(cp, win, 4, h - 7, 2, iw);
	else
		composer_draw_preview(cp, win, 4, h - 7, 2, iw);
	if (cp->note[0] != '\0')
		draw_text_ell(win, h - 3, 2, cp->note, iw, cp->note_error
		    ? TH_ERROR : TH_MESSAGE);
	draw_text_ell(win, h - 2, 2, cp->mode == MODE_EDIT
	    ? "^P preview and send   ^T template again   Esc close"
	    : "Enter sends this   e edits   Esc edits", iw, TH_HELP_KEY);
	wnoutrefresh(win);
}

/* ---- keys -------------------------------------------------------------- */

/* The body's editing keys: Enter is a new line, Up and Down move by
 * lines, ^U cuts the line before the cursor, and the editor's basic keys. */
static void
composer_edit(struct composer *cp, int is_code, wint_t ch)
{
	struct editor *ed = &cp->ed;
	int old_len = ed->len, r = 0;

	if ((!is_code && (ch == '\r' || ch == '\n')) ||
	    (is_code && ch == KEY_ENTER))
		r = ed->len < COMPOSER_MAX && editor_insert(ed, '\n') == 0 ? 0
		    : ED_FULL;
	else if (is_code && (ch == KEY_UP || ch == KEY_DOWN))
		editor_line_step(ed, ch == KEY_UP ? -1 : 1);
	else if (!is_code && ch == 21) /* ^U */
		editor_kill_start(ed);
	else
		r = editor_basic_key(ed, is_code, ch, COMPOSER_MAX);
	if (r & ED_FULL)
		composer_note(cp, 1, "the update is as long as it can be");
	if (ed->len != old_len)
		cp->edited = 1;
}

static int
composer_close(struct tui *t, const char *why)
{
	overlay_close(t, OVERLAY_DIALOG);
	tui_message(t, 0, "%s", why);
	return KEY_HANDLED;
}

/* Editing: the keys that are not text. */
static const struct key_binding composer_edit_key_table[] = {
	{27, "Esc", ACT_CLOSE, -1, NEED_NONE,
	    "discard the update (twice when there is text)", 0, NULL},
	{16, "^P", ACT_PREVIEW, -1, NEED_NONE, "preview, then send", 0, NULL},
	{19, "^S", ACT_PREVIEW, -1, NEED_NONE, NULL, 0, NULL},
	{20, "^T", ACT_TEMPLATE, -1, NEED_NONE,
	    "put the audience's template in", 0, NULL},
	{'\t', "Tab", ACT_RIGHT, -1, NEED_NONE, "the next audience", 0, NULL},
	{KEY_BTAB, "S-Tab", ACT_LEFT, -1, NEED_NONE,
	    "the previous audience", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
};
static const struct keymap composer_edit_keys = KEYMAP(
    "Keys: status update", composer_edit_key_table);

/* The preview. */
static const struct key_binding composer_preview_key_table[] = {
	{'\r', "Enter", ACT_SEND, -1, NEED_NONE, "send the update", 0, NULL},
	{'\n', "Enter", ACT_SEND, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_ENTER, "Enter", ACT_SEND, -1, NEED_NONE, NULL, 0, NULL},
	{19, "^S", ACT_SEND, -1, NEED_NONE, NULL, 0, NULL},
	{27, "Esc", ACT_EDIT, -1, NEED_NONE, "back to editing", 0, NULL},
	{'e', "e", ACT_EDIT, -1, NEED_NONE, NULL, 0, NULL},
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "scroll down", 0, NULL},
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL, 0, NULL},
	{'k', "k", ACT_UP, -1, NEED_NONE, "scroll up", 0, NULL},
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL, 0, NULL},
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL},
};
static const struct keymap composer_preview_keys = KEYMAP(
    "Keys: status update preview", composer_preview_key_table);

static int
composer_key_edit(struct tui *t, struct composer *cp, int is_code,
    wint_t ch)
{
	const struct key_binding *k = keymap_find(&composer_edit_keys,
	    (int)ch, is_code, -1);
	enum tui_action act = k != NULL ? k->act : ACT_NONE;

	if (act == ACT_CLOSE) {
		if (cp->edited && !cp->discard_armed) {
			cp->discard_armed = 1;
			composer_note(cp, 0, "unsent text: Esc again discards "
			    "it");
			return KEY_HANDLED;
		}
		return composer_close(t, "update discarded: nothing queued");
	}
	cp->discard_armed = 0;
	cp->note[0] = '\0';
	if (act == ACT_PREVIEW) {
		composer_preview(t, cp);
		return KEY_HANDLED;
	}
	if (act == ACT_TEMPLATE) {
		composer_template(cp, cp->audience);
		return KEY_HANDLED;
	}
	if (act == ACT_RIGHT || act == ACT_LEFT) {
		int next = (cp->audience + (act == ACT_RIGHT ? 1 : AUD_COUNT -
		    1)) % AUD_COUNT;

		if (!cp->edited)
			composer_template(cp, next);
		else {
			cp->audience = next;
			composer_note(cp, 0, "your text is kept; ^T puts the "
			    "%s template in", audience_names[next]);
		}
		return KEY_HANDLED;
	}
	composer_edit(cp, is_code, ch);
	return KEY_HANDLED;
}

static int
composer_key_preview(struct tui *t, struct composer *cp, int is_code,
    wint_t ch)
{
	const struct key_binding *k = keymap_find(&composer_preview_keys,
	    (int)ch, is_code, -1);

	switch (k != NULL ? k->act : ACT_NONE) {
	case ACT_SEND:
		return composer_send(t, cp);
	case ACT_EDIT:
		cp->mode = MODE_EDIT;
		cp->top = 0;
		cp->note[0] = '\0';
		break;
	case ACT_DOWN:
		if (cp->top + 1 < cp->prev_rows)
			cp->top++;
		break;
	case ACT_UP:
		if (cp->top > 0)
			cp->top--;
		break;
	default:
		break;
	}
	return KEY_HANDLED;
}

static const struct overlay_ops composer_ops;

static int
composer_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct composer *cp = data;
	int r;

	if (cp->mode == MODE_EDIT)
		r = composer_key_edit(t, cp, is_code, ch);
	else
		r = composer_key_preview(t, cp, is_code, ch);
	/* Still open: the help shows the keys of the mode it is in now. */
	if (overlay_get(t, OVERLAY_DIALOG) != NULL &&
	    overlay_get(t, OVERLAY_DIALOG)->ops == &composer_ops)
		overlay_set_keys(t, OVERLAY_DIALOG, cp->mode == MODE_EDIT ?
		    &composer_edit_keys : &composer_preview_keys);
	return r;
}

/* The snapshot changed: a new phase changes the heading; say so. */
static void
composer_reload(struct tui *t, void *data)
{
	struct composer *cp = data;
	int ph = t->snap.inc.phase;

	if (ph == cp->seen_phase)
		return;
	cp->seen_phase = ph;
	if (cp->mode == MODE_PREVIEW && ph != cp->preview_phase) {
		composer_preview(t, cp);
		composer_note(cp, 1, "the phase changed to %s %s: this is the "
		    "new preview", phase_headings[ph], phase_names[ph]);
	} else if (cp->mode == MODE_EDIT)
		composer_note(cp, 0, "the phase changed: the heading is now "
		    "%s %s", phase_headings[ph], phase_names[ph]);
}

static void
composer_closed(struct tui *t, void *data)
{
	(void)t;
	composer_free(data);
}

static const struct overlay_ops composer_ops = {composer_draw, composer_key,
	composer_reload, composer_closed, &composer_edit_keys};

int
composer_open(struct tui *t)
{
	struct composer *cp;

	if (t->snap.incident_id <= 0) {
		tui_message(t, 1, "no incident: declare one first (warroom "
		    "declare TITLE)");
		return KEY_HANDLED;
	}
	cp = xcalloc(1, sizeof *cp);
	editor_init(&cp->ed, 1, 0);
	cp->seen_phase = t->snap.inc.phase;
	composer_template(cp, AUD_ENGINEERS);
	overlay_open(t, OVERLAY_DIALOG, &composer_ops, cp);
	return KEY_HANDLED;
}
