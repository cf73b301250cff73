/* draw.c: UTF-8 to cchar_t. Every string is sanitized here once more, cut at
 * a display column, and padded so wide characters never push a border. */
#include "widget/draw.h"

#include <langinfo.h>
#include <limits.h>
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

static short draw_pair0;

void
draw_colours(int pair)
{
	draw_pair0 = 0;
	if (pair > 0 && pair < COLOR_PAIRS && init_pair((short)pair, -1, -1)
	    == OK)
		draw_pair0 = (short)pair;
}

void
draw_background(WINDOW *w)
{
	if (draw_pair0 != 0)
		wbkgdset(w, (chtype)' ' | (chtype)COLOR_PAIR(draw_pair0));
}

static void
draw_cell(WINDOW *w, int y, int x, const wchar_t *wc, attr_t a)
{
	cchar_t cc;
	short pair = (short)PAIR_NUMBER(a);

	setcchar(&cc, wc, a & ~A_COLOR, pair != 0 ? pair : draw_pair0, NULL);
	mvwadd_wch(w, y, x, &cc);
}

/* Printable ASCII: clean, one column in every locale, never a combining
 * mark; the common case skips decoding and wcwidth. */
#define DRAW_ASCII(c) ((unsigned char)(c) >= 0x20 && (unsigned char)(c) < 0x7F)

/* Draw at most cols columns of the first len bytes of clean text; returns
 * the columns used. */
static int
draw_clean(WINDOW *w, int y, int x, const char *s, size_t len, int cols,
    enum theme_el el)
{
	size_t i = 0;
	int used = 0, maxx = getmaxx(w);
	attr_t a = (attr_t)theme_attr(el);

	if (x + cols > maxx)
		cols = maxx - x;
	while (i < len && used < cols) {
		wchar_t wc[CCHARW_MAX + 1];
		uint32_t cp;
		int n, cw, k = 0;

		if (DRAW_ASCII(s[i])) {
			wc[0] = (wchar_t)s[i++];
			wc[1] = 0;
			/* Combining marks may follow: the long way then. */
			if (i >= len || (unsigned char)s[i] < 0x80) {
				draw_cell(w, y, x + used++, wc, a);
				continue;
			}
			i--;
		}
		n = text_decode(s + i, len - i, &cp);
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
				draw_cell(w, y, x + used++, wc, a);
			}
			continue;
		}
		wc[k++] = (wchar_t)cp;
		/* Combining marks that follow ride on the same cell. */
		while (i < len && !DRAW_ASCII(s[i])) {
			uint32_t next;
			int m = text_decode(s + i, len - i, &next);

			if (m < 0 || text_cp_width(next) != 0)
				break;
			if (k < CCHARW_MAX - 1)
				wc[k++] = (wchar_t)next;
			i += (size_t)m;
		}
		wc[k] = 0;
		if (cp > 0x7E && wcwidth(wc[0]) != cw) {
			/* curses would measure it otherwise: keep our width. */
			wc[0] = cw == 2 ? 0xFF1F : L'?'; /* full-width '？' */
			wc[1] = 0;
			if (cw == 2 && wcwidth(wc[0]) != 2) {
				wc[0] = L'?';
				draw_cell(w, y, x + used++, wc, a);
				cw = 1;
			}
		}
		draw_cell(w, y, x + used, wc, a);
		used += cw;
	}
	return used;
}

/* How much of s can be drawn as it is: the bytes of its longest clean
 * prefix that ends where s ends or just after the first character taking
 * it past max columns, and that prefix's width in *width (more than max
 * when s is wider). (size_t)-1 when a character on the way needs the
 * sanitizer (a control, an invalid byte, a bidi mark): the caller makes
 * the clean copy then. Text on screen is short and clean, so this reads
 * only what fits, where the copy read all of it. */
static size_t
draw_prefix(const char *s, int max, int *width)
{
	size_t i = 0;
	int w = 0;

	while (s[i] != '\0' && w <= max) {
		uint32_t cp;
		int n;

		if (DRAW_ASCII(s[i])) {
			i++;
			w++;
			continue;
		}
		n = text_decode(s + i, 4, &cp); /* stops at the NUL */
		if (n < 0 || !text_is_clean(s + i, (size_t)n, 0))
			return (size_t)-1;
		i += (size_t)n;
		w += text_cp_width(cp);
	}
	if (i > TEXT_MAX) /* the sanitizer would cut it */
		return (size_t)-1;
	*width = w;
	return i;
}

/* s as draw_text_ell shows it: the part that matters when it fits in
 * cols columns or not. Returns the clean text (*copy to free, or NULL when
 * s itself is clean), its bytes in *len, its width (or more than cols)
 * in *width. */
static const char *
draw_source(const char *s, int cols, size_t *len, int *width, char **copy)
{
	*copy = NULL;
	*len = draw_prefix(s, cols, width);
	if (*len != (size_t)-1)
		return s;
	*copy = text_sanitize(s, strlen(s), TEXT_MAX, 0);
	*len = strlen(*copy);
	*width = text_width(*copy);
	return *copy;
}

int
draw_text(WINDOW *w, int y, int x, const char *s, int cols, enum theme_el el)
{
	const char *src;
	char *copy;
	size_t len;
	int used, width;

	if (cols <= 0 || s == NULL)
		return 0;
	src = draw_source(s, cols, &len, &width, &copy);
	used = draw_clean(w, y, x, src, len, cols, el);
	free(copy);
	return used;
}

int
draw_text_ell(WINDOW *w, int y, int x, const char *s, int cols,
    enum theme_el el)
{
	const char *src, *ell = draw_is_utf8 ? "…" : ">";
	char *copy;
	size_t len;
	int used, width;

	if (cols <= 0 || s == NULL)
		return 0;
	src = draw_source(s, cols, &len, &width, &copy);
	if (width <= cols || cols < 2) {
		used = draw_clean(w, y, x, src, len, cols, el);
	} else {
		used = draw_clean(w, y, x, src, len, cols - 1, el);
		used += draw_clean(w, y, x + used, ell, strlen(ell), 1, el);
	}
	free(copy);
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
	attr_t a = (attr_t)theme_attr(el);

	for (i = 0; i < cols && x + i < maxx; i++)
		draw_cell(w, y, x + i, sp, a);
}

int
draw_width(const char *s)
{
	return draw_width_max(s, INT_MAX - 2);
}

int
draw_width_max(const char *s, int max)
{
	char *copy;
	size_t len;
	int width;

	(void)draw_source(s, max, &len, &width, &copy);
	free(copy);
	return width;
}

void
draw_glyph(WINDOW *w, int y, int x, uint32_t cp, char ascii, enum theme_el el)
{
	wchar_t wc[2] = {draw_is_utf8 ? (wchar_t)cp : (wchar_t)ascii, 0};

	draw_cell(w, y, x, wc, (attr_t)theme_attr(el));
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

/* Whether a row may end at s + at (inside a run of non-spaces): the one
 * kinsoku rule, text_break_ok (editor_layout follows it too). */
static int
draw_break_ok(const char *s, size_t at)
{
	uint32_t a = draw_cp_at(s, draw_back(s, at)), b = draw_cp_at(s, at);

	return text_break_ok(a, b);
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

/* --- rows kept across frames ---------------------------------------------- */

uint64_t
draw_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i = 0;

	/* FNV-1a over 8 bytes at a time: the samples of a series are a few
	 * kilobytes, hashed each frame. */
	for (; i + 8 <= n; i += 8) {
		uint64_t v;

		memcpy(&v, b + i, 8);
		h = (h ^ v) * 1099511628211ull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

uint64_t
draw_hash_int(uint64_t h, int64_t v)
{
	return draw_hash(h, &v, sizeof v);
}

uint64_t
draw_hash_str(uint64_t h, const char *s)
{
	if (s == NULL)
		return draw_hash_int(h, -1);
	return draw_hash(h, s, strlen(s) + 1);
}

uint64_t
draw_hash_row(uint64_t h)
{
	return h > DRAW_ROW_BLANK ? h : h + 2;
}

void
draw_rows_reset(struct draw_rows *r)
{
	r->frame = 0;
	r->n = 0;
}

void
draw_rows_free(struct draw_rows *r)
{
	free(r->shown);
	free(r->redraw);
	free(r->kept);
	memset(r, 0, sizeof *r);
}

/* Rows top..bot shifted by k (row y shows what row y + k showed): how
 * many would show what they want without drawing. */
static int
draw_rows_match(const struct draw_rows *r, const uint64_t *want, int top,
    int bot, int k)
{
	int y, m = 0;

	for (y = top; y <= bot; y++)
		if (y + k >= top && y + k <= bot && want[y] > DRAW_ROW_BLANK &&
		    want[y] == r->shown[y + k])
			m++;
	return m;
}

/* Scroll rows top..bot when that leaves more rows showing what they want
 * than drawing them in place: a new entry at the bottom moves every line
 * up by one. */
static void
draw_rows_scroll(struct draw_rows *r, WINDOW *w, const uint64_t *want,
    int top, int bot)
{
	int k, best = 0, most = draw_rows_match(r, want, top, bot, 0), y;

	for (k = top - bot; k <= bot - top; k++) {
		int m = k != 0 ? draw_rows_match(r, want, top, bot, k) : 0;

		if (m > most + 1) {
			most = m;
			best = k;
		}
	}
	if (best == 0)
		return;
	scrollok(w, TRUE);
	wsetscrreg(w, top, bot);
	wscrl(w, best); /* the rows come in blank, as werase leaves them */
	wsetscrreg(w, 0, getmaxy(w) - 1);
	scrollok(w, FALSE);
	if (best > 0)
		for (y = top; y <= bot; y++)
			r->shown[y] = y + best <= bot ? r->shown[y + best]
			    : DRAW_ROW_BLANK;
	else
		for (y = bot; y >= top; y--)
			r->shown[y] = y + best >= top ? r->shown[y + best]
			    : DRAW_ROW_BLANK;
	for (y = top; y <= bot; y++)
		r->kept[y] = 0; /* moved: curses must compare them */
}

void
draw_rows_begin(struct draw_rows *r, WINDOW *w, uint64_t frame,
    const uint64_t *want, int top, int bot)
{
	int h = getmaxy(w), y;

	if (r->n != h || r->frame != frame || frame == 0) {
		if (r->n != h) {
			r->shown = xreallocarray(r->shown, (size_t)h,
			    sizeof *r->shown);
			r->redraw = xrealloc(r->redraw, (size_t)h);
			r->kept = xrealloc(r->kept, (size_t)h);
			r->n = h;
		}
		werase(w);
		r->frame = frame;
		for (y = 0; y < h; y++) {
			r->shown[y] = DRAW_ROW_BLANK;
			r->kept[y] = 0;
		}
	} else {
		for (y = 0; y < h; y++)
			r->kept[y] = !is_linetouched(w, y);
		if (top < bot)
			draw_rows_scroll(r, w, want, top, bot);
	}
	/* The border rows carry the title, counts and legends: drawn and
	 * compared every frame. */
	r->redraw[0] = r->redraw[h - 1] = 1;
	r->kept[0] = r->kept[h - 1] = 0;
	for (y = 0; y < h; y++) {
		if (y > 0 && y < h - 1)
			r->redraw[y] = want[y] == DRAW_ROW_ANEW ||
			    want[y] != r->shown[y];
		if (y == 0 || (r->redraw[y] && r->shown[y] != DRAW_ROW_BLANK)) {
			wmove(w, y, 0);
			wclrtoeol(w);
		}
		if (r->redraw[y] && y > 0 && y < h - 1)
			r->kept[y] = 0;
		r->shown[y] = y > 0 && y < h - 1 ? want[y] : DRAW_ROW_BLANK;
	}
}

int
draw_rows_need(const struct draw_rows *r, int y)
{
	return y < 0 || y >= r->n || r->redraw[y];
}

void
draw_rows_end(struct draw_rows *r, WINDOW *w)
{
	int y;

	for (y = 0; y < r->n; y++)
		if (r->kept[y])
			wtouchln(w, y, 1, 0);
}
