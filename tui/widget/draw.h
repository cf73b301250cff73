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
 * last space that fits (mid-word, at a character, when no space does);
 * *next gets where the next row starts, spaces skipped. s is clean. */
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
#endif
