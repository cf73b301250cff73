/* form.c: the modal form: fields laid out under each other in a window over
 * the panes, keys routed to the focused field's editor, a one-line error
 * from the check callback, and questions asked inside the form (discard?
 * an edit conflict?) so nothing is lost or overwritten silently. */
#include "widget/form.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"
#include "widget/draw.h"
#include "widget/overlay.h"

static void tui_form_close(struct tui *t);

#define FORM_CTRL(c) ((c) & 0x1f)
#define FORM_WIDTH_MAX 84
#define FORM_LABEL_MAX 14

struct form_field {
	enum form_kind kind;
	char *label;
	int flags;
	struct editor ed;        /* text and time */
	char *init;              /* text and time: as opened */
	const char *const *names; /* choice */
	int nnames, choice, init_choice;
	int64_t init_time;       /* time: as opened (kept when not retyped) */
	char *value;             /* form_str's answer */
	char *hint;
	char **sugg;
	int nsugg, sugg_at;
	char *info;
	int scroll;              /* info: first row shown */
	int rows;                /* multi-line text and info */
};

struct form {
	char *title;
	struct form_field *fields;
	int n, cap;
	int focus;
	char err[ERR_LEN];
	form_check_fn check;
	form_submit_fn submit;
	void *arg;
	void (*free_arg)(void *);
	/* A question inside the form. */
	int asking;
	char *ask_text;
	char **answers;
	int nanswers;
	form_answer_fn answer;
	int discard; /* "discard your changes?" is asked */
	int busy;    /* inside a callback: do not free */
	WINDOW *win;
};

struct form *
form_new(const char *title)
{
	struct form *f = xcalloc(1, sizeof *f);

	f->title = xstrdup(title);
	return f;
}

static void
form_ask_clear(struct form *f)
{
	int i;

	for (i = 0; i < f->nanswers; i++)
		free(f->answers[i]);
	free(f->answers);
	free(f->ask_text);
	f->answers = NULL;
	f->ask_text = NULL;
	f->nanswers = 0;
	f->asking = 0;
	f->answer = NULL;
}

static void
form_free(struct form *f)
{
	int i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		struct form_field *fd = &f->fields[i];

		free(fd->label);
		editor_free(&fd->ed);
		free(fd->init);
		free(fd->value);
		free(fd->hint);
		for (j = 0; j < fd->nsugg; j++)
			free(fd->sugg[j]);
		free(fd->sugg);
		free(fd->info);
	}
	free(f->fields);
	form_ask_clear(f);
	if (f->free_arg != NULL)
		f->free_arg(f->arg);
	if (f->win != NULL)
		delwin(f->win);
	free(f->title);
	free(f);
}

static struct form_field *
form_field_new(struct form *f, enum form_kind kind, const char *label)
{
	struct form_field *fd;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->fields = xreallocarray(f->fields, (size_t)f->cap,
		    sizeof *f->fields);
	}
	fd = &f->fields[f->n++];
	*fd = (struct form_field){0};
	fd->kind = kind;
	fd->label = xstrdup(label);
	fd->sugg_at = -1;
	fd->rows = 1;
	return fd;
}

int
form_add_text(struct form *f, const char *label, const char *init, int flags,
    size_t max_bytes)
{
	struct form_field *fd = form_field_new(f, FORM_TEXT, label);

	fd->flags = flags;
	editor_init(&fd->ed, (flags & FORM_MULTI) != 0, max_bytes);
	editor_set(&fd->ed, init);
	fd->init = editor_text(&fd->ed);
	fd->rows = (flags & FORM_MULTI) ? 4 : 1;
	return f->n - 1;
}

int
form_add_choice(struct form *f, const char *label, const char *const *names,
    int n, int init)
{
	struct form_field *fd = form_field_new(f, FORM_CHOICE, label);

	fd->names = names;
	fd->nnames = n;
	fd->choice = fd->init_choice = init >= 0 && init < n ? init : 0;
	return f->n - 1;
}

/* A time as the form shows it: the clock for today, the date otherwise. */
static void
form_time_text(int64_t t, char *out, size_t n)
{
	char a[32], b[32];

	time_full(t, a, sizeof a);
	time_full(wr_now(), b, sizeof b);
	if (strncmp(a, b, 10) == 0)
		time_hms(t, out, n);
	else
		snprintf(out, n, "%s", a);
}

int
form_add_time(struct form *f, const char *label, int64_t init)
{
	struct form_field *fd = form_field_new(f, FORM_TIME, label);
	char s[40] = "";

	editor_init(&fd->ed, 0, 64);
	if (init > 0)
		form_time_text(init, s, sizeof s);
	editor_set(&fd->ed, s);
	fd->init = editor_text(&fd->ed);
	fd->init_time = init;
	return f->n - 1;
}

int
form_add_info(struct form *f, const char *label, const char *text, int rows)
{
	struct form_field *fd = form_field_new(f, FORM_INFO, label);

	fd->info = xstrdup(text ? text : "");
	fd->rows = rows > 0 ? rows : 1;
	if (f->focus == f->n - 1 && f->n > 1)
		f->focus = 0;
	return f->n - 1;
}

static int
form_ok(const struct form *f, int i)
{
	return i >= 0 && i < f->n;
}

void
form_set_rows(struct form *f, int i, int rows)
{
	if (form_ok(f, i) && rows > 0)
		f->fields[i].rows = rows;
}

void
form_set_hint(struct form *f, int i, const char *hint)
{
	if (!form_ok(f, i))
		return;
	free(f->fields[i].hint);
	f->fields[i].hint = hint ? xstrdup(hint) : NULL;
}

void
form_set_suggestions(struct form *f, int i, char *const *list, int n)
{
	struct form_field *fd;
	int j;

	if (!form_ok(f, i))
		return;
	fd = &f->fields[i];
	for (j = 0; j < fd->nsugg; j++)
		free(fd->sugg[j]);
	free(fd->sugg);
	fd->sugg = n > 0 ? xcalloc((size_t)n, sizeof *fd->sugg) : NULL;
	for (j = 0; j < n; j++)
		fd->sugg[j] = xstrdup(list[j]);
	fd->nsugg = n;
	fd->sugg_at = -1;
}

void
form_set_text(struct form *f, int i, const char *text)
{
	if (form_ok(f, i) && (f->fields[i].kind == FORM_TEXT ||
	    f->fields[i].kind == FORM_TIME))
		editor_set(&f->fields[i].ed, text);
}

void
form_focus(struct form *f, int i)
{
	if (form_ok(f, i) && f->fields[i].kind != FORM_INFO)
		f->focus = i;
}

void
form_on_check(struct form *f, form_check_fn fn)
{
	f->check = fn;
}

void
form_on_submit(struct form *f, form_submit_fn fn, void *arg,
    void (*free_arg)(void *))
{
	f->submit = fn;
	f->arg = arg;
	f->free_arg = free_arg;
}

const char *
form_str(struct form *f, int i)
{
	struct form_field *fd;

	if (!form_ok(f, i))
		return "";
	fd = &f->fields[i];
	free(fd->value);
	if (fd->kind == FORM_CHOICE)
		fd->value = xstrdup(fd->names[fd->choice]);
	else if (fd->kind == FORM_INFO)
		fd->value = xstrdup(fd->info);
	else
		fd->value = text_trim(editor_text(&fd->ed));
	return fd->value;
}

int
form_choice(const struct form *f, int i)
{
	return form_ok(f, i) ? f->fields[i].choice : -1;
}

/* 0 with *out, or -1 with err (a time field that does not parse). */
static int
form_time_parse(struct form *f, int i, int64_t *out, char *err)
{
	struct form_field *fd = &f->fields[i];
	char *s = text_trim(editor_text(&fd->ed));
	int rc = 0;

	*out = 0;
	if (fd->init != NULL && strcmp(s, fd->init) == 0 && fd->init_time > 0)
		*out = fd->init_time; /* untouched: exactly as it was */
	else if (*s != '\0') {
		/* What happened cannot lie ahead, nor at the epoch. */
		struct time_rule r = {.now = wr_now()};

		rc = time_parse_checked(s, &r, "the time", out, err);
	}
	free(s);
	return rc;
}

int64_t
form_time(struct form *f, int i)
{
	char err[ERR_LEN];
	int64_t t;

	if (!form_ok(f, i) || f->fields[i].kind != FORM_TIME ||
	    form_time_parse(f, i, &t, err) != 0)
		return 0;
	return t;
}

static int
form_field_changed(const struct form_field *fd)
{
	char *s;
	int changed;

	switch (fd->kind) {
	case FORM_CHOICE:
		return fd->choice != fd->init_choice;
	case FORM_TEXT:
	case FORM_TIME:
		s = editor_text(&fd->ed);
		changed = strcmp(s, fd->init ? fd->init : "") != 0;
		free(s);
		return changed;
	case FORM_INFO:
		break;
	}
	return 0;
}

/* Anything different from how the form was opened. */
static int
form_changed(const struct form *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (form_field_changed(&f->fields[i]))
			return 1;
	return 0;
}

void
form_error(struct form *f, const char *fmt, ...)
{
	va_list ap;

	if (fmt == NULL) {
		f->err[0] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(f->err, sizeof f->err, fmt, ap);
	va_end(ap);
}

void
form_ask(struct form *f, const char *text, const char *const *answers, int n,
    form_answer_fn fn)
{
	int i;

	form_ask_clear(f);
	f->asking = 1;
	f->ask_text = xstrdup(text ? text : "");
	f->answers = xcalloc((size_t)(n > 0 ? n : 1), sizeof *f->answers);
	for (i = 0; i < n; i++)
		f->answers[i] = xstrdup(answers[i]);
	f->nanswers = n;
	f->answer = fn;
}

/* --- keys ---------------------------------------------------------------- */

static void
form_move(struct form *f, int dir)
{
	int i = f->focus, k;

	for (k = 0; k < f->n; k++) {
		i = (i + dir + f->n) % f->n;
		if (f->fields[i].kind != FORM_INFO) {
			f->focus = i;
			return;
		}
	}
}

static void
form_changed_field(struct form *f)
{
	f->err[0] = '\0';
}

/* Check every field, then the caller's check. 0 or -1 (error set). */
static int
form_validate(struct form *f)
{
	char err[ERR_LEN];
	int i;

	for (i = 0; i < f->n; i++) {
		struct form_field *fd = &f->fields[i];
		int64_t t;

		if (fd->kind == FORM_TIME && form_time_parse(f, i, &t, err)
		    != 0) {
			form_error(f, "%s: %s", fd->label, err);
			f->focus = i;
			return -1;
		}
		if ((fd->flags & FORM_REQUIRED) && fd->kind == FORM_TEXT &&
		    editor_empty(&fd->ed)) {
			form_error(f, "%s: empty (write something, or Esc "
			    "to cancel)", fd->label);
			f->focus = i;
			return -1;
		}
	}
	err[0] = '\0';
	if (f->check != NULL && f->check(f, f->arg, err) != 0) {
		form_error(f, "%s", err[0] ? err : "not valid");
		return -1;
	}
	return 0;
}

/* The open form, or NULL. */
static struct form *
form_current(struct tui *t)
{
	struct overlay *o = overlay_get(t, OVERLAY_FORM);

	return o != NULL ? o->data : NULL;
}

/* Run a callback that may close, keep or replace the form. */
static int
form_after(struct tui *t, struct form *f, int bits)
{
	if (form_current(t) != f) {
		form_free(f); /* replaced by another form */
		return (bits & ~FORM_STAY) | KEY_HANDLED;
	}
	if (!(bits & FORM_STAY))
		tui_form_close(t);
	return (bits & ~FORM_STAY) | KEY_HANDLED;
}

static int
form_submit(struct tui *t, struct form *f)
{
	int bits;

	if (form_validate(f) != 0)
		return KEY_HANDLED;
	if (f->submit == NULL) {
		tui_form_close(t);
		return KEY_HANDLED;
	}
	f->busy = 1;
	bits = f->submit(t, f, f->arg);
	f->busy = 0;
	return form_after(t, f, bits);
}

static int
form_answer(struct tui *t, struct form *f, int key)
{
	form_answer_fn fn = f->answer;
	int bits;

	form_ask_clear(f);
	if (fn == NULL)
		return KEY_HANDLED;
	f->busy = 1;
	bits = fn(t, f, key, f->arg);
	f->busy = 0;
	return form_after(t, f, bits);
}

static int
form_cancel(struct tui *t, struct form *f)
{
	if (form_changed(f) && !f->discard) {
		f->discard = 1;
		return KEY_HANDLED;
	}
	tui_form_close(t);
	overlay_message(t, 0, "cancelled: nothing saved");
	return KEY_HANDLED;
}

static int
form_choice_key(struct form *f, struct form_field *fd, int is_code,
    wint_t ch)
{
	int old = fd->choice, i;

	if ((is_code && ch == KEY_RIGHT) || (!is_code && ch == ' '))
		fd->choice = (fd->choice + 1) % fd->nnames;
	else if (is_code && ch == KEY_LEFT)
		fd->choice = (fd->choice + fd->nnames - 1) % fd->nnames;
	else if (!is_code && ch < 0x80 && ch > ' ') {
		/* The first letter: the next name starting with it. */
		for (i = 1; i <= fd->nnames; i++) {
			int k = (fd->choice + i) % fd->nnames;
			const char *nm = fd->names[k];

			if (nm[0] != '\0' && (nm[0] | 0x20) == ((int)ch | 0x20)) {
				fd->choice = k;
				break;
			}
		}
		if (i > fd->nnames) {
			form_error(f, "%s: no choice starts with '%c'",
			    fd->label, (char)ch);
			return 1;
		}
	} else
		return 0;
	if (fd->choice != old)
		form_changed_field(f);
	return 1;
}

static int
form_suggest(struct form *f, struct form_field *fd, int dir)
{
	if (fd->nsugg == 0)
		return 0;
	if (fd->sugg_at < 0)
		fd->sugg_at = dir > 0 ? 0 : fd->nsugg - 1;
	else
		fd->sugg_at = (fd->sugg_at + dir + fd->nsugg) % fd->nsugg;
	editor_set(&fd->ed, fd->sugg[fd->sugg_at]);
	form_changed_field(f);
	return 1;
}

/* An info field has the focus (a history, a preview): read and close. */
static int
form_info_key(struct tui *t, struct form_field *fd, int is_code, wint_t ch)
{
	int alt = 0;

	if (is_code && (ch == KEY_UP || ch == KEY_PPAGE))
		fd->scroll -= ch == KEY_UP ? 1 : fd->rows - 1;
	else if (!is_code && ch == 'k')
		fd->scroll--;
	else if ((is_code && (ch == KEY_DOWN || ch == KEY_NPAGE)) ||
	    (!is_code && (ch == 'j' || ch == ' ')))
		fd->scroll += is_code && ch == KEY_DOWN ? 1
		    : !is_code && ch == 'j' ? 1 : fd->rows - 1;
	else if (!is_code && ch == 27)
		(void)editor_read_alt(stdscr, &alt, &ch);
	if (fd->scroll < 0)
		fd->scroll = 0;
	if ((!is_code && (ch == 27 || ch == 'q' || ch == '\r' ||
	    ch == '\n')) || (is_code && ch == KEY_ENTER))
		tui_form_close(t);
	return KEY_HANDLED;
}

/* Inside a bracketed paste everything is text. */
static int
form_paste_key(struct form *f, struct form_field *fd, int is_code, wint_t ch)
{
	int r = editor_key(&fd->ed, is_code, ch, 0);

	if (r & ED_CHANGED)
		form_changed_field(f);
	if (r & ED_FULL)
		form_error(f, "%s: full (%zu bytes at most)", fd->label,
		    fd->ed.max_bytes);
	return KEY_HANDLED;
}

/* A lone Esc: leave the question, the discard question or the form. */
static int
form_esc(struct tui *t, struct form *f)
{
	if (f->asking)
		return form_answer(t, f, 0);
	if (f->discard) {
		f->discard = 0;
		return KEY_HANDLED;
	}
	return form_cancel(t, f);
}

/* A question is asked: only its answer keys count. */
static int
form_asking_key(struct tui *t, struct form *f, int is_code, wint_t ch)
{
	int i;

	for (i = 0; i < f->nanswers; i++)
		if (!is_code && f->answers[i][0] != '\0' &&
		    (wint_t)(unsigned char)f->answers[i][0] == ch)
			return form_answer(t, f, (int)ch);
	return KEY_HANDLED;
}

/* "Discard your changes?": y discards, any other key goes back. */
static int
form_discard_key(struct tui *t, struct form *f, int is_code, wint_t ch)
{
	f->discard = 0;
	if (!is_code && (ch == 'y' || ch == 'Y')) {
		tui_form_close(t);
		overlay_message(t, 0, "changes discarded");
	}
	return KEY_HANDLED;
}

static int
form_choice_field_key(struct tui *t, struct form *f, struct form_field *fd,
    int is_code, wint_t ch, int alt)
{
	if ((!is_code && (ch == '\r' || ch == '\n')) ||
	    (is_code && ch == KEY_ENTER))
		return form_submit(t, f);
	if (!alt && form_choice_key(f, fd, is_code, ch))
		return KEY_HANDLED;
	if (is_code && (ch == KEY_UP || ch == KEY_DOWN))
		form_move(f, ch == KEY_UP ? -1 : 1);
	return KEY_HANDLED;
}

static int
form_text_field_key(struct tui *t, struct form *f, struct form_field *fd,
    int is_code, wint_t ch, int alt)
{
	int r = editor_key(&fd->ed, is_code, ch, alt);

	if (r & ED_SAVE)
		return form_submit(t, f);
	if (r & ED_FULL)
		form_error(f, "%s: full (%zu bytes at most)", fd->label,
		    fd->ed.max_bytes);
	else if (r & ED_CHANGED) {
		fd->sugg_at = -1;
		form_changed_field(f);
	}
	if (r != ED_IGNORED)
		return KEY_HANDLED;
	/* Keys the editor left: suggestions, then moving between fields. */
	if ((is_code && ch == KEY_DOWN) || (!is_code && ch == FORM_CTRL('n'))) {
		if (!form_suggest(f, fd, 1))
			form_move(f, 1);
	} else if ((is_code && ch == KEY_UP) ||
	    (!is_code && ch == FORM_CTRL('p'))) {
		if (!form_suggest(f, fd, -1))
			form_move(f, -1);
	}
	return KEY_HANDLED;
}

static int
form_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct form *f = data;
	struct form_field *fd;
	int alt = 0;

	overlay_mark(t, OVERLAY_FORM);
	if (f->n == 0)
		return form_cancel(t, f);
	fd = &f->fields[f->focus];
	if (fd->kind == FORM_INFO)
		return form_info_key(t, fd, is_code, ch);
	if (fd->kind != FORM_CHOICE && fd->ed.pasting)
		return form_paste_key(f, fd, is_code, ch);
	if (!is_code && ch == 27) {
		int c2;
		wint_t ch2;

		if (!editor_read_alt(stdscr, &c2, &ch2))
			return form_esc(t, f);
		alt = 1;
		is_code = c2;
		ch = ch2;
	}
	if (f->asking)
		return form_asking_key(t, f, is_code, ch);
	if (f->discard)
		return form_discard_key(t, f, is_code, ch);
	if (!is_code && ch == FORM_CTRL('c'))
		return form_cancel(t, f);
	if (!alt && ((!is_code && ch == '\t') || (is_code && ch == KEY_BTAB))) {
		form_move(f, is_code ? -1 : 1);
		return KEY_HANDLED;
	}
	if (fd->kind == FORM_CHOICE)
		return form_choice_field_key(t, f, fd, is_code, ch, alt);
	return form_text_field_key(t, f, fd, is_code, ch, alt);
}

/* --- drawing ------------------------------------------------------------- */

static int
form_has_hint(const struct form_field *fd)
{
	return fd->hint != NULL || fd->nsugg > 0 || fd->kind == FORM_TIME;
}

static int
form_field_height(const struct form_field *fd)
{
	return fd->rows + form_has_hint(fd);
}

static void
form_draw_choice(WINDOW *w, int y, int x, int cols,
    const struct form_field *fd, int focused)
{
	int i, total = 0, used = 0;

	for (i = 0; i < fd->nnames; i++)
		total += draw_width(fd->names[i]) + 3;
	if (total > cols) {
		draw_fmt(w, y, x, cols, focused ? TH_SELECTED : TH_NORMAL,
		    "< %s >  (%d of %d)", fd->names[fd->choice],
		    fd->choice + 1, fd->nnames);
		return;
	}
	for (i = 0; i < fd->nnames; i++) {
		int sel = i == fd->choice;

		used += draw_fmt(w, y, x + used, cols - used, sel ? (focused
		    ? TH_SELECTED : TH_HELP_KEY) : TH_HELP, sel ? "[%s]"
		    : " %s ", fd->names[i]);
		used += draw_text(w, y, x + used, " ", 1, TH_HELP);
	}
}

/* Wrapped read-only text in rows x cols. */
static void
form_draw_wrapped(WINDOW *w, int y, int x, int rows, int cols,
    const char *text, enum theme_el el, int *scroll)
{
	struct editor ed;
	struct ed_row *lay;
	int n, i, top = 0;

	editor_init(&ed, 1, TEXT_MAX);
	editor_set(&ed, text);
	lay = editor_layout(&ed, cols - 1, &n);
	if (scroll != NULL) {
		if (*scroll > n - rows)
			*scroll = n - rows > 0 ? n - rows : 0;
		top = *scroll;
		if (top > 0)
			draw_text(w, y, x + cols - 1, draw_utf8() ? "↑" : "^", 1,
			    TH_MUTED);
	}
	for (i = 0; i < rows && top + i < n; i++) {
		struct editor part = ed;
		char *s;
		int k;

		part.buf = ed.buf + lay[top + i].start;
		part.len = lay[top + i].end - lay[top + i].start;
		part.bytes = 0;
		for (k = 0; k < part.len; k++)
			part.bytes += part.buf[k] < 0x80 ? 1 : part.buf[k] <
			    0x800 ? 2 : part.buf[k] < 0x10000 ? 3 : 4;
		s = editor_text(&part);
		if (i == rows - 1 && top + rows < n) {
			draw_text(w, y + i, x, s, cols - 1, el);
			draw_text(w, y + i, x + cols - 1, draw_utf8() ? "…"
			    : ">", 1, TH_MUTED);
		} else
			draw_text(w, y + i, x, s, cols, el);
		free(s);
	}
	free(lay);
	editor_free(&ed);
}

static void
form_draw_hint(struct form *f, WINDOW *w, int y, int x, int cols, int i)
{
	struct form_field *fd = &f->fields[i];
	char err[ERR_LEN], buf[160];
	int used = 0, j;

	if (fd->kind == FORM_TIME) {
		int64_t t;

		if (form_time_parse(f, i, &t, err) != 0)
			used += draw_text_ell(w, y, x, err, cols, TH_MUTED);
		else if (t > 0) {
			char full[40], ago[24];
			int64_t d = wr_now() - t;

			time_full(t, full, sizeof full);
			time_dur(d < 0 ? -d : d, ago, sizeof ago);
			used += draw_fmt(w, y, x, cols, TH_MUTED, "= %s (%s %s)",
			    full, ago, d < 0 ? "from now" : "ago");
		} else
			used += draw_text_ell(w, y, x, "HH:MM, -5m, "
			    "YYYY-MM-DD HH:MM", cols, TH_MUTED);
		if (fd->hint != NULL && used + 3 < cols)
			draw_fmt(w, y, x + used, cols - used, TH_MUTED, "  %s",
			    fd->hint);
		return;
	}
	if (fd->nsugg > 0) {
		used += draw_text(w, y, x, draw_utf8() ? "↑↓ recent: "
		    : "Up/Down recent: ", cols, TH_MUTED);
		for (j = 0; j < fd->nsugg && used < cols; j++) {
			snprintf(buf, sizeof buf, "%s%s", j ? ", " : "",
			    fd->sugg[j]);
			used += draw_text_ell(w, y, x + used, buf, cols - used,
			    j == fd->sugg_at ? TH_HELP_KEY : TH_MUTED);
		}
		return;
	}
	if (fd->hint != NULL)
		draw_text_ell(w, y, x, fd->hint, cols, TH_MUTED);
}

/* Where the form's parts go on the screen. */
struct form_geom {
	int h, w;     /* the window */
	int lw;       /* the labels' width */
	int fx, fw;   /* the fields' column and width */
	int footer;   /* rows under the fields: blank, error, keys, question */
	int ask_rows; /* the question's rows, its answers included */
};

/* The rows a question takes in a form w wide, its answers included. */
static int
form_ask_rows(const struct form *f, int w)
{
	struct editor ed;
	struct ed_row *lay;
	int rows;

	editor_init(&ed, 1, TEXT_MAX);
	editor_set(&ed, f->ask_text);
	lay = editor_layout(&ed, w - 5, &rows);
	free(lay);
	editor_free(&ed);
	return rows + 1;
}

/* Lay the form out on a screen of rows (multi-line fields may give up
 * rows to fit). */
static void
form_geometry(struct form *f, int rows, struct form_geom *g)
{
	int i, body = 0;

	g->w = COLS - 4 < FORM_WIDTH_MAX ? COLS - 4 : FORM_WIDTH_MAX;
	if (g->w < 20)
		g->w = COLS;
	g->lw = 0;
	for (i = 0; i < f->n; i++) {
		int lwi = draw_width(f->fields[i].label);

		if (lwi > g->lw)
			g->lw = lwi;
	}
	if (g->lw > FORM_LABEL_MAX)
		g->lw = FORM_LABEL_MAX;
	g->fx = 2 + g->lw + 2;
	g->fw = g->w - g->fx - 2;
	if (g->fw < 10) {
		g->fx = 2;
		g->fw = g->w - 4;
	}
	g->ask_rows = f->asking ? form_ask_rows(f, g->w) : 0;
	g->footer = 3 + g->ask_rows; /* blank, error, keys (+ question) */
	for (i = 0; i < f->n; i++)
		body += form_field_height(&f->fields[i]);
	/* Too tall: multi-line fields give up rows, down to 2 each. */
	while (2 + body + g->footer > rows) {
		int shrunk = 0;

		for (i = 0; i < f->n && 2 + body + g->footer > rows; i++)
			if (f->fields[i].rows > 2) {
				f->fields[i].rows--;
				body--;
				shrunk = 1;
			}
		if (!shrunk)
			break;
	}
	g->h = 2 + body + g->footer;
	if (g->h > rows) {
		if (g->ask_rows > 0) {
			g->ask_rows -= g->h - rows;
			if (g->ask_rows < 2)
				g->ask_rows = 2;
		}
		g->h = rows;
	}
}

/* The fields with their labels and hints; *cy, *cx get the focused
 * editor's cursor (left alone when no editor has the focus). */
static void
form_draw_fields(struct form *f, const struct form_geom *g, int *cy, int *cx)
{
	int i, y = 1, h = g->h, footer = g->footer;

	for (i = 0; i < f->n && y < h - 1; i++) {
		struct form_field *fd = &f->fields[i];
		int focused = i == f->focus && !f->asking && !f->discard;
		int frows = fd->rows, ey, ex;

		if (y + frows > h - 1 - footer)
			frows = h - 1 - footer - y;
		if (frows < 1)
			break;
		draw_text_ell(f->win, y, 2, fd->label, g->lw, focused
		    ? TH_HELP_KEY : TH_LABEL);
		if (focused && fd->kind != FORM_INFO)
			draw_text(f->win, y, 1, draw_utf8() ? "›" : ">", 1,
			    TH_HELP_KEY);
		switch (fd->kind) {
		case FORM_CHOICE:
			form_draw_choice(f->win, y, g->fx, g->fw, fd, focused);
			break;
		case FORM_INFO:
			form_draw_wrapped(f->win, y, g->fx, frows, g->fw,
			    fd->info, TH_HELP, &fd->scroll);
			break;
		case FORM_TEXT:
		case FORM_TIME:
			editor_draw(&fd->ed, f->win, y, g->fx, frows, g->fw,
			    focused ? TH_PROMPT : TH_NORMAL, &ey, &ex);
			if (focused) {
				*cy = ey;
				*cx = ex;
			}
			break;
		}
		y += frows;
		if (form_has_hint(fd) && y < h - 1 - footer) {
			form_draw_hint(f, f->win, y, g->fx, g->fw, i);
			y++;
		}
	}
}

/* The keys line: what the focused field (or a question) takes. */
static const char *
form_keys_text(const struct form *f)
{
	const struct form_field *fd = &f->fields[f->focus];

	if (f->asking)
		return "press one of the keys above; Esc goes back to the form";
	if (fd->kind == FORM_INFO)
		return "Up/Down/Space scroll  Enter, Esc or q close";
	if (fd->kind == FORM_CHOICE)
		return "Enter save  Tab next  Left/Right/Space or a letter "
		    "choose  Esc cancel";
	if (fd->kind == FORM_TEXT && fd->ed.multi)
		return "Enter save  ^J/Alt-Enter new line  Tab next  Esc "
		    "cancel";
	return "Enter save  Tab next field  S-Tab previous  Esc cancel";
}

/* Under the fields: the question and its answers, the error or the
 * discard question, the keys. */
static void
form_draw_footer(struct form *f, const struct form_geom *g)
{
	int y = g->h - 1 - g->footer, w = g->w; /* the blank row */

	if (f->asking) {
		int a, used = 0;

		form_draw_wrapped(f->win, y, 2, g->ask_rows - 1, w - 4,
		    f->ask_text, TH_WARN, NULL);
		y += g->ask_rows - 1;
		for (a = 0; a < f->nanswers; a++)
			used += draw_fmt(f->win, y, 2 + used, w - 4 - used,
			    TH_HELP_KEY, "[%c] %s   ", f->answers[a][0],
			    f->answers[a][0] ? f->answers[a] + 2 : "");
		y++;
	}
	y++;
	if (f->discard)
		draw_text_ell(f->win, y, 2, "Discard your changes? y discards, "
		    "any other key goes back to the form", w - 4, TH_WARN);
	else if (f->err[0] != '\0')
		draw_text_ell(f->win, y, 2, f->err, w - 4, TH_ERROR);
	y++;
	draw_text_ell(f->win, y, 2, form_keys_text(f), w - 4, TH_MUTED);
}

static void
form_draw(struct tui *t, void *data)
{
	struct form *f = data;
	int rows = LINES - 1, i, cy = -1, cx = -1;
	struct form_geom g;

	(void)t;
	if (rows < 6 || COLS < 20)
		return;
	form_geometry(f, rows, &g);
	if (f->win != NULL)
		delwin(f->win);
	f->win = newwin(g.h, g.w, (rows - g.h) / 2, (COLS - g.w) / 2);
	if (f->win == NULL)
		return;
	werase(f->win);
	for (i = 0; i < g.h; i++)
		draw_fill(f->win, i, 0, g.w, TH_HELP);
	draw_box(f->win, f->title, form_changed(f) ? "changed" : NULL, 1);
	form_draw_fields(f, &g, &cy, &cx);
	form_draw_footer(f, &g);
	if (cy >= 0) {
		wmove(f->win, cy, cx);
		curs_set(1);
	} else
		curs_set(0);
	wnoutrefresh(f->win);
}

static void
form_close(struct tui *t, void *data)
{
	struct form *f = data;

	(void)t;
	/* A form whose callback is running is freed by form_after. */
	if (!f->busy)
		form_free(f);
	editor_paste_mode(0);
	curs_set(0);
}

static const struct overlay_ops form_ops = {form_draw, form_key, NULL,
	form_close, NULL};

void
tui_form_open(struct tui *t, struct form *f)
{
	struct overlay *o = overlay_get(t, OVERLAY_FORM);
	struct form *old = o != NULL ? o->data : NULL;

	/* A form whose callback is running is freed by form_after. */
	if (old != NULL && old != f && !old->busy)
		form_free(old);
	if (old == NULL)
		editor_paste_mode(1);
	editor_keys_init();
	if (o != NULL) {
		/* Another form in the same place: nothing under it changes. */
		o->data = f;
		o->dirty = 1;
	} else
		overlay_open(t, OVERLAY_FORM, &form_ops, f);
	if (f->fields != NULL && f->fields[f->focus].kind == FORM_INFO)
		form_move(f, 1);
}

static void
tui_form_close(struct tui *t)
{
	overlay_close(t, OVERLAY_FORM);
}
