/* form.h: a modal form of several fields over the panes: text (one line or
 * many), a choice among names, a time; Tab and Shift-Tab move between
 * fields, Enter saves (after the validate callback agrees), Esc cancels
 * (asking first when something was changed). Used for timeline entries,
 * assignments, decisions and the status-update composer.
 *
 *   struct form *f = form_new("New entry");
 *   int text = form_add_text(f, "What", "", FORM_MULTI | FORM_REQUIRED, 0);
 *   int kind = form_add_choice(f, "Kind", kind_names, 5, KIND_EVENT);
 *   int at = form_add_time(f, "When", wr_now());
 *   form_on_submit(f, my_submit, arg, free);     (optional: validate)
 *   tui_form_open(t, f);
 *
 * my_submit reads form_str(f, text), form_choice(f, kind), form_time(f, at)
 * and returns KEY_* bits; with FORM_STAY it keeps the form open (after
 * form_error() or form_ask()). The tui owns an open form and frees it. */
#ifndef WR_FORM_H
#define WR_FORM_H

#include <curses.h>
#include <stdint.h>

#include "widget/editor.h"

struct tui;
struct form;

#define FORM_MULTI 0x1    /* a multi-line text field */
#define FORM_REQUIRED 0x2 /* must not be empty */

#define FORM_STAY 0x1000  /* submit's answer: keep the form open */

enum form_kind { FORM_TEXT, FORM_CHOICE, FORM_TIME, FORM_INFO };

/* Checks the values before submit; 0, or -1 with a one-line reason in err
 * (shown in the form, which stays open). */
typedef int (*form_check_fn)(struct form *f, void *arg, char *err);
/* The values are valid: do it. KEY_* bits, | FORM_STAY to stay open. */
typedef int (*form_submit_fn)(struct tui *t, struct form *f, void *arg);
/* The answer to form_ask: the key pressed (one of the answer keys), or 0
 * for Esc. KEY_* bits, | FORM_STAY to stay open. */
typedef int (*form_answer_fn)(struct tui *t, struct form *f, int key,
    void *arg);

struct form *form_new(const char *title);

/* Fields, in order; each returns its index. max_bytes 0 means TEXT_MAX. */
int form_add_text(struct form *f, const char *label, const char *init,
    int flags, size_t max_bytes);
/* Pick one of names[0..n-1] (kept by the caller, e.g. kind_names). */
int form_add_choice(struct form *f, const char *label,
    const char *const *names, int n, int init);
/* A time typed as people do (13:58, -5m, 2024-05-01 13:58; see
 * core/base/timefmt.h), shown in local time; init 0 starts empty. */
int form_add_time(struct form *f, const char *label, int64_t init);
/* Read-only text (a preview, the other version of a conflict). */
int form_add_info(struct form *f, const char *label, const char *text,
    int rows);

/* Rows a multi-line field or an info field shows (default 4). */
void form_set_rows(struct form *f, int field, int rows);
/* A muted hint under the field. */
void form_set_hint(struct form *f, int field, const char *hint);
/* Values offered in a text field: Up/Down (or ^N/^P) go through them. */
void form_set_suggestions(struct form *f, int field, char *const *list,
    int n);
/* Replace a text or time field's text (as if typed). */
void form_set_text(struct form *f, int field, const char *text);
void form_focus(struct form *f, int field);

void form_on_check(struct form *f, form_check_fn fn);
/* arg goes to every callback; free_arg (may be NULL) releases it with the
 * form. */
void form_on_submit(struct form *f, form_submit_fn fn, void *arg,
    void (*free_arg)(void *));

/* Values: valid while the form lives. form_str is the current text
 * (trimmed), form_time the parsed time (0 when empty or not valid). */
const char *form_str(struct form *f, int field);
int form_choice(const struct form *f, int field);
int64_t form_time(struct form *f, int field);

/* A one-line error in the form (NULL clears it). */
void form_error(struct form *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Ask a question inside the form: text (several lines; shown above the
 * answers), answers like "o:overwrite with mine", "t:keep theirs",
 * "e:keep editing" (n of them); fn gets the key. */
void form_ask(struct form *f, const char *text, const char *const *answers,
    int n, form_answer_fn fn);

/* Open f over the panes (the screen owns f now, in the form layer of its
 * overlay stack, replacing any form there). */
void tui_form_open(struct tui *t, struct form *f);
#endif
