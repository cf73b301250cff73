/* editor.h: a text editor inside the screen, one line or many. Text is kept
 * as code points so editing never splits a character; the buffer functions
 * (editor_insert ... editor_layout) need no terminal and are unit-tested
 * alone; editor_key maps keys to them and editor_draw paints by column. */
#ifndef WR_EDITOR_H
#define WR_EDITOR_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "widget/theme.h"

struct editor {
	uint32_t *buf;     /* code points, no NUL */
	int len, cap;      /* in code points */
	int cur;           /* cursor: index into buf, 0..len */
	int multi;         /* '\n' allowed; wraps when drawn */
	size_t max_bytes;  /* bound of the UTF-8 text (TEXT_MAX or less) */
	size_t bytes;      /* the UTF-8 length now */
	int wrap;          /* columns of the last draw (Up/Down in multi) */
	int scroll;        /* first column (single) / first row (multi) shown */
	int pasting;       /* inside a bracketed paste */
	int goal;          /* column Up/Down aim for; -1 none */
};

/* What editor_key did (bits). */
#define ED_IGNORED 0x0   /* not an editing key: the form may use it */
#define ED_MOVED 0x1     /* the cursor moved */
#define ED_CHANGED 0x2   /* the text changed */
#define ED_SAVE 0x4      /* Enter */
#define ED_CANCEL 0x8    /* Esc */
#define ED_FULL 0x10     /* input refused: the field is full */

void editor_init(struct editor *ed, int multi, size_t max_bytes);
void editor_free(struct editor *ed);
/* Replace the text (UTF-8, cleaned on the way in); cursor at the end. */
void editor_set(struct editor *ed, const char *s);
/* The text as UTF-8. Caller frees. */
char *editor_text(const struct editor *ed);
/* Code points [from, to) as UTF-8. Caller frees. */
char *editor_slice(const struct editor *ed, int from, int to);
int editor_empty(const struct editor *ed);

/* Buffer operations (no terminal). Insertions return 0, or -1 when the
 * bound would be passed (nothing, or as much as fits, is inserted). A
 * control character is refused; in a single-line field a line break or a
 * tab becomes a space. */
int editor_insert(struct editor *ed, uint32_t cp);
int editor_insert_str(struct editor *ed, const char *utf8);
void editor_left(struct editor *ed);
void editor_right(struct editor *ed);
void editor_word_left(struct editor *ed);
void editor_word_right(struct editor *ed);
void editor_home(struct editor *ed);     /* start of the (logical) line */
void editor_end(struct editor *ed);      /* end of the (logical) line */
/* Up (dir < 0) or down a logical line, keeping the column in characters
 * (the composer's Up and Down); nothing past the first or last line. */
void editor_line_step(struct editor *ed, int dir);
void editor_backspace(struct editor *ed);
void editor_delete(struct editor *ed);
void editor_kill_start(struct editor *ed); /* ^U: to the line's start */
void editor_kill_end(struct editor *ed);   /* ^K: to the line's end */
void editor_kill_word(struct editor *ed);  /* ^W: the word before */
/* Move to the row above/below as wrapped at ed->wrap columns; 0 when
 * there is no such row (the form then moves between fields). */
int editor_up(struct editor *ed);
int editor_down(struct editor *ed);

/* One row of wrapped text: code points [start, end) (a '\n' ending the row
 * is not included). */
struct ed_row {
	int start, end;
};
/* Wrap the text at cols display columns (words kept whole where they
 * fit, Japanese broken between characters with kinsoku as draw_wrap
 * does: text_break_ok; a single line never wraps). Returns the rows
 * (caller frees) and their count in *n (at least 1). */
struct ed_row *editor_layout(const struct editor *ed, int cols, int *n);
/* The row and display column of the cursor within rows. */
void editor_cursor_pos(const struct editor *ed, const struct ed_row *rows,
    int n, int *row, int *col);

/* A key (is_code: a KEY_* code from wget_wch; alt: it came after Esc).
 * Returns ED_* bits. */
int editor_key(struct editor *ed, int is_code, wint_t ch, int alt);
/* The few keys of the status-line prompt and the composer: Backspace,
 * Delete, Left, Right, Home or ^A, End or ^E, and a printable character
 * taking room on the screen while the text has fewer than max_chars
 * (ED_FULL when it does not fit). ED_* bits; everything else (Enter,
 * Esc, ^U) is the caller's. */
int editor_basic_key(struct editor *ed, int is_code, wint_t ch,
    int max_chars);

/* Curses side. Once after the screen starts: learn the codes of Ctrl- and
 * Alt-arrows and of bracketed paste. Called by editor_read too. */
void editor_keys_init(void);
/* Read the key after an Esc if one is already waiting (Alt-x arrives as
 * Esc x in one burst): 1 with *is_code, *ch filled, or 0 (a lone Esc). */
int editor_read_alt(WINDOW *w, int *is_code, wint_t *ch);
/* Bracketed paste on or off (a form turns it on while open, so pasted
 * line breaks are text, not Enter). */
void editor_paste_mode(int on);

/* Paint into rows x cols at (y, x) of w; returns where the cursor belongs
 * (window coordinates) in *cy, *cx. A single-line editor scrolls
 * sideways, a multi-line one wraps and scrolls by rows. */
void editor_draw(struct editor *ed, WINDOW *w, int y, int x, int rows,
    int cols, enum theme_el el, int *cy, int *cx);
#endif
