/* draw.h: the one place that turns UTF-8 into screen cells. Text is
 * sanitized, measured and cut by display column, never mid-character. */
#ifndef WR_DRAW_H
#define WR_DRAW_H

#include <curses.h>
#include <stdint.h>

#include "widget/theme.h"

/* Call once after initscr: whether the locale can show UTF-8. */
void draw_init(void);
int draw_utf8(void);
/* After the colours are set up (0: none): pair, made of the terminal's
 * default colours, stands for pair 0 in every drawn cell. */
void draw_colours(int pair);
/* w's blanks (werase, wclrtoeol, scrolling) in that pair too. */
void draw_background(WINDOW *w);

/* Draw s at (y, x) in at most cols columns with the element's style;
 * returns the columns used. Text that does not fit ends in "…" when ell. */
int draw_text(WINDOW *w, int y, int x, const char *s, int cols,
    enum theme_el el);
int draw_text_ell(WINDOW *w, int y, int x, const char *s, int cols,
    enum theme_el el);
/* printf-style, then draw_text_ell. */
int draw_fmt(WINDOW *w, int y, int x, int cols, enum theme_el el,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Spaces from (y, x) for cols columns. */
void draw_fill(WINDOW *w, int y, int x, int cols, enum theme_el el);
/* One row of s wrapped at cols columns: returns its bytes, cut after the
 * last space that fits, or beside a wide character (Japanese) with
 * kinsoku shori: no row starts with a closer (。、」ー っ...) nor ends
 * with an opener (「（...), the character before going down with it
 * (oidashi: a row is never wider than cols); mid-word, at a character,
 * when there is no such place. *next gets where the next row starts,
 * spaces skipped. s is clean. */
size_t draw_wrap(const char *s, int cols, size_t *next);
/* Display columns of s as draw_text would show it. */
int draw_width(const char *s);
/* The same, but the measuring stops past max columns: the width when it is
 * at most max, else some number above max. */
int draw_width_max(const char *s, int max);
/* A titled border around w; focused panes use the focus styles. */
void draw_box(WINDOW *w, const char *title, const char *right, int focused);
/* One code point (a sparkline block, a marker) in the element's style;
 * ascii when the locale cannot show it. */
void draw_glyph(WINDOW *w, int y, int x, uint32_t cp, char ascii,
    enum theme_el el);

/* The rows of a window as last drawn, so that a frame redraws only the
 * rows whose content changed and scrolls the rows that moved. Each row is
 * known by a hash of everything it is drawn from (draw_hash_*): the
 * caller's promise is that equal hashes draw equal cells. The top and
 * bottom rows (the border) are drawn every frame. */
#define DRAW_ROW_ANEW 0  /* draw this row every frame */
#define DRAW_ROW_BLANK 1 /* nothing on it but the border */
struct draw_rows {
	uint64_t *shown;  /* per row: what it shows, or DRAW_ROW_ANEW */
	unsigned char *redraw, *kept;
	int n;            /* rows of the window they were kept for */
	uint64_t frame;   /* what the whole window was drawn for */
};
uint64_t draw_hash(uint64_t h, const void *p, size_t n);
uint64_t draw_hash_int(uint64_t h, int64_t v);
uint64_t draw_hash_str(uint64_t h, const char *s); /* NULL differs from "" */
/* A row's hash from h, never DRAW_ROW_ANEW or DRAW_ROW_BLANK. */
uint64_t draw_hash_row(uint64_t h);
#define DRAW_HASH_START 14695981039346656037ull
/* Start a frame of w drawn for frame (its size, focus, ... hashed): want[y]
 * for every row. A new frame erases the window; else rows top..bot scroll
 * when most of them moved, and every row whose want differs from what it
 * shows is erased whole (the caller draws the border again, then the rows
 * draw_rows_need says). */
void draw_rows_begin(struct draw_rows *r, WINDOW *w, uint64_t frame,
    const uint64_t *want, int top, int bot);
int draw_rows_need(const struct draw_rows *r, int y);
/* After drawing: the rows not drawn again are left as curses had them
 * (untouched), so the frame's refresh compares only the rows that
 * changed. */
void draw_rows_end(struct draw_rows *r, WINDOW *w);
/* Forget what is shown (the window was made again or drawn otherwise). */
void draw_rows_reset(struct draw_rows *r);
void draw_rows_free(struct draw_rows *r);
#endif
