/* draw.c: UTF-8 to cchar_t. Every string is sanitized here once more, cut at
 * a display column, and padded so wide characters never push a border. */
#include "widget/draw.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"
#include "base/util.h"

static int draw_is_utf8;

void
draw_init(void)
{
	const char *cs = nl_langinfo(CODESET);

	draw_is_utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

int
draw_utf8(void)
{
	return draw_is_utf8;
}

static void
draw_cell(WINDOW *w, int y, int x, const wchar_t *wc, enum theme_el el)
{
	cchar_t cc;
	attr_t a = (attr_t)theme_attr(el);

	setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	mvwadd_wch(w, y, x, &cc);
}

/* Draw at most cols columns of clean text; returns the columns used. */
static int
draw_clean(WINDOW *w, int y, int x, const char *s, int cols,
    enum theme_el el)
{
	size_t len = strlen(s), i = 0;
	int used = 0, maxx = getmaxx(w);

	if (x + cols > maxx)
		cols = maxx - x;
	while (i < len && used < cols) {
		wchar_t wc[CCHARW_MAX + 1];
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp), cw, k = 0;

		if (n < 0) { /* cannot happen after sanitizing; be safe */
			n = 1;
			cp = 0xFFFD;
		}
		i += (size_t)n;
		cw = text_cp_width(cp);
		if (cw == 0) /* a stray combining mark: nothing to attach to */
			continue;
		if (used + cw > cols)
			break;
		if (!draw_is_utf8 && cp > 0x7E) {
			/* Cannot show it: one '?' per column it takes. */
			while (cw-- > 0) {
				wc[0] = L'?';
				wc[1] = 0;
				draw_cell(w, y, x + used++, wc, el);
			}
			continue;
		}
		wc[k++] = (wchar_t)cp;
		/* Combining marks that follow ride on the same cell. */
		while (i < len) {
			uint32_t next;
			int m = text_decode(s + i, len - i, &next);

			if (m < 0 || text_cp_width(next) != 0)
				break;
			if (k < CCHARW_MAX - 1)
				wc[k++] = (wchar_t)next;
			i += (size_t)m;
		}
		wc[k] = 0;
		if (wcwidth(wc[0]) != cw) {
			/* curses would measure it otherwise: keep our width. */
			wc[0] = cw == 2 ? 0xFF1F : L'?'; /* full-width '？' */
			wc[1] = 0;
			if (cw == 2 && wcwidth(wc[0]) != 2) {
				wc[0] = L'?';
				draw_cell(w, y, x + used++, wc, el);
				cw = 1;
			}
		}
		draw_cell(w, y, x + used, wc, el);
		used += cw;
	}
	return used;
}

int
draw_text(WINDOW *w, int y, int x, const char *s, int cols, enum theme_el el)
{
	char *clean;
	int used;

	if (cols <= 0 || s == NULL)
		return 0;
	clean = text_sanitize(s, strlen(s), TEXT_MAX, 0);
	used = draw_clean(w, y, x, clean, cols, el);
	free(clean);
	return used;
}

int
draw_text_ell(WINDOW *w, int y, int x, const char *s, int cols,
    enum theme_el el)
{
	char *clean;
	int used, width;

	if (cols <= 0 || s == NULL)
		return 0;
	clean = text_sanitize(s, strlen(s), TEXT_MAX, 0);
	width = text_width(clean);
	if (width <= cols || cols < 2) {
		used = draw_clean(w, y, x, clean, cols, el);
	} else {
		used = draw_clean(w, y, x, clean, cols - 1, el);
		used += draw_clean(w, y, x + used, draw_is_utf8 ? "…" : ">",
		    1, el);
	}
	free(clean);
	return used;
}

int
draw_fmt(WINDOW *w, int y, int x, int cols, enum theme_el el,
    const char *fmt, ...)
{
	va_list ap;
	char *s;
	int used;
	char tmp[512];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	if ((size_t)n < sizeof tmp)
		return draw_text_ell(w, y, x, tmp, cols, el);
	va_start(ap, fmt);
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	used = draw_text_ell(w, y, x, s, cols, el);
	free(s);
	return used;
}

void
draw_fill(WINDOW *w, int y, int x, int cols, enum theme_el el)
{
	wchar_t sp[2] = {L' ', 0};
	int maxx = getmaxx(w), i;

	for (i = 0; i < cols && x + i < maxx; i++)
		draw_cell(w, y, x + i, sp, el);
}

int
draw_width(const char *s)
{
	char *clean = text_sanitize(s, strlen(s), TEXT_MAX, 0);
	int n = text_width(clean);

	free(clean);
	return n;
}

void
draw_glyph(WINDOW *w, int y, int x, uint32_t cp, char ascii, enum theme_el el)
{
	wchar_t wc[2] = {draw_is_utf8 ? (wchar_t)cp : (wchar_t)ascii, 0};

	draw_cell(w, y, x, wc, el);
}

void
draw_box(WINDOW *w, const char *title, const char *right, int focused)
{
	enum theme_el bel = focused ? TH_BORDER_FOCUS : TH_BORDER;
	enum theme_el tel = focused ? TH_TITLE_FOCUS : TH_TITLE;
	attr_t a = (attr_t)theme_attr(bel);
	int width = getmaxx(w), used;

	wattr_set(w, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	if (draw_is_utf8 && focused)
		wborder_set(w, WACS_D_VLINE, WACS_D_VLINE, WACS_D_HLINE,
		    WACS_D_HLINE, WACS_D_ULCORNER, WACS_D_URCORNER,
		    WACS_D_LLCORNER, WACS_D_LRCORNER);
	else
		box_set(w, WACS_VLINE, WACS_HLINE);
	wattr_set(w, A_NORMAL, 0, NULL);
	if (title == NULL || width < 6)
		return;
	used = draw_text(w, 0, 2, " ", 1, tel);
	used += draw_text_ell(w, 0, 2 + used, title, width - 6, tel);
	used += draw_text(w, 0, 2 + used, " ", 1, tel);
	if (right != NULL && *right != '\0') {
		int rw = draw_width(right) + 2, room = width - 4 - used - 2;

		if (rw > room)
			rw = room;
		if (rw > 3) {
			draw_text(w, 0, width - 2 - rw, " ", 1, bel);
			draw_text_ell(w, 0, width - 1 - rw, right, rw - 2,
			    bel);
			draw_text(w, 0, width - 3, " ", 1, bel);
		}
	}
}

/* Kinsoku shori (JIS X 4051), for wrapping: what a row must not start
 * with (closing brackets and quotes, stops and commas, the prolonged sound
 * mark, small kana, iteration marks), ASCII's closers among them for mixed
 * text. */
static const uint32_t draw_no_start[] = {
	'!', ')', ',', '.', ':', ';', '?', ']', '}', 0xBB, 0x2010, 0x2013,
	0x2019, 0x201D, 0x203C, 0x2047, 0x2048, 0x2049, 0x3001, 0x3002,
	0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017,
	0x3019, 0x301C, 0x301F, 0x303B, 0x3041, 0x3043, 0x3045, 0x3047,
	0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096,
	0x309B, 0x309C, 0x309D, 0x309E, 0x30A0, 0x30A1, 0x30A3, 0x30A5,
	0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5,
	0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0xFF01, 0xFF09, 0xFF0C,
	0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61,
	0xFF63, 0xFF64, 0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B, 0xFF6C,
	0xFF6D, 0xFF6E, 0xFF6F, 0xFF70,
};
/* ... and what a row must not end with: opening brackets and quotes. */
static const uint32_t draw_no_end[] = {
	'(', '[', '{', 0xAB, 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E,
	0x3010, 0x3014, 0x3016, 0x3018, 0x301D, 0xFF08, 0xFF3B, 0xFF5B,
	0xFF5F, 0xFF62,
};

static int
draw_in(const uint32_t *set, size_t n, uint32_t cp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return cp >= 0x31F0 && cp <= 0x31FF && set == draw_no_start; /* ㇰ-ㇿ */
}

/* The code point at s + at (0 at the end). */
static uint32_t
draw_cp_at(const char *s, size_t at)
{
	uint32_t cp = 0;

	if (s[at] != '\0' && text_decode(s + at, strlen(s + at), &cp) <= 0)
		cp = (unsigned char)s[at];
	return cp;
}

/* Where the character before s + at starts. */
static size_t
draw_back(const char *s, size_t at)
{
	while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
		;
	return at;
}

/* Whether a row may end at s + at (inside a run of non-spaces): beside
 * a wide character (Japanese breaks between any two), and then neither
 * a row starting with a closer nor one ending with an opener. */
static int
draw_break_ok(const char *s, size_t at)
{
	uint32_t a = draw_cp_at(s, draw_back(s, at)), b = draw_cp_at(s, at);

	if (text_cp_width(a) < 2 && text_cp_width(b) < 2)
		return 0; /* inside a word of Latin text */
	return !draw_in(draw_no_start, ARRAY_LEN(draw_no_start), b) &&
	    !draw_in(draw_no_end, ARRAY_LEN(draw_no_end), a);
}

size_t
draw_wrap(const char *s, int cols, size_t *next)
{
	int used;
	size_t fit = text_fit(s, cols > 0 ? cols : 1, &used), row = fit;

	if (fit == 0 && s[0] != '\0') { /* not even one character: take it */
		uint32_t cp;
		int n = text_decode(s, strlen(s), &cp);

		fit = row = n > 0 ? (size_t)n : 1;
	} else if (s[fit] != '\0' && s[fit] != ' ') {
		size_t p = fit;

		/* Back to the last place a row may end: after a space, or
		 * where Japanese allows (oidashi: a closer that would start
		 * the next row takes the character before it along). */
		while (p > 0 && s[p - 1] != ' ' && !draw_break_ok(s, p))
			p = draw_back(s, p);
		if (p > 0) /* else no place: cut at a character */
			row = s[p - 1] == ' ' ? p - 1 : p;
	}
	*next = row;
	while (s[*next] == ' ')
		(*next)++;
	while (row > 0 && s[row - 1] == ' ')
		row--;
	return row;
}
