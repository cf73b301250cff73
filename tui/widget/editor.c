/* editor.c: the text editor of forms and prompts: a gap-free array of code
 * points (fields are small: TEXT_MAX bytes at most), word motions, kills,
 * wrapping by display columns, and drawing through draw.c. */
#include "widget/editor.h"

#include <stdlib.h>
#include <string.h>
#include <term.h>

#include "base/text.h"
#include "base/util.h"
#include "widget/draw.h"

#define ED_CTRL(c) ((c) & 0x1f)

/* Key codes learnt from the terminal description (or defined by us). */
enum { EK_CLEFT, EK_CRIGHT, EK_ALEFT, EK_ARIGHT, EK_PASTE_START,
	EK_PASTE_END, EK_COUNT };
static int ed_codes[EK_COUNT] = {-1, -1, -1, -1, -1, -1};
static int ed_keys_ready;

void
editor_init(struct editor *ed, int multi, size_t max_bytes)
{
	*ed = (struct editor){0};
	ed->multi = multi;
	ed->max_bytes = max_bytes > 0 && max_bytes <= TEXT_MAX ? max_bytes
	    : TEXT_MAX;
	ed->wrap = 80;
	ed->goal = -1;
}

void
editor_free(struct editor *ed)
{
	free(ed->buf);
	ed->buf = NULL;
	ed->len = ed->cap = ed->cur = 0;
	ed->bytes = 0;
}

static size_t
editor_cp_bytes(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Whether cp may be stored as typed: what the sanitizer would keep. */
static int
editor_cp_ok(const struct editor *ed, uint32_t cp)
{
	char enc[4], *clean;
	int n, ok;

	if (cp == '\n')
		return ed->multi;
	if (cp < 0x20 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	if (cp < 0x7F)
		return 1;
	n = text_encode(cp, enc);
	clean = text_sanitize(enc, (size_t)n, 8, 0);
	ok = strlen(clean) == (size_t)n && memcmp(clean, enc, (size_t)n) == 0;
	free(clean);
	return ok;
}

static void
editor_reserve(struct editor *ed, int more)
{
	if (ed->len + more <= ed->cap)
		return;
	ed->cap = ed->cap ? ed->cap : 32;
	while (ed->cap < ed->len + more)
		ed->cap *= 2;
	ed->buf = xreallocarray(ed->buf, (size_t)ed->cap, sizeof *ed->buf);
}

int
editor_insert(struct editor *ed, uint32_t cp)
{
	size_t nb;

	if (cp == '\r')
		cp = '\n';
	if (cp == '\t' || (cp == '\n' && !ed->multi))
		cp = ' ';
	if (!editor_cp_ok(ed, cp))
		return 0; /* dropped, not an error: nothing to insert */
	nb = editor_cp_bytes(cp);
	if (ed->bytes + nb > ed->max_bytes)
		return -1;
	editor_reserve(ed, 1);
	memmove(&ed->buf[ed->cur + 1], &ed->buf[ed->cur],
	    (size_t)(ed->len - ed->cur) * sizeof *ed->buf);
	ed->buf[ed->cur++] = cp;
	ed->len++;
	ed->bytes += nb;
	ed->goal = -1;
	return 0;
}

int
editor_insert_str(struct editor *ed, const char *s)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp);

		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		i += (size_t)n;
		if (editor_insert(ed, cp) != 0)
			return -1;
	}
	return 0;
}

void
editor_set(struct editor *ed, const char *s)
{
	ed->len = ed->cur = 0;
	ed->bytes = 0;
	ed->scroll = 0;
	if (s != NULL)
		(void)editor_insert_str(ed, s);
	ed->goal = -1;
}

char *
editor_slice(const struct editor *ed, int from, int to)
{
	size_t n = 0, o = 0;
	char *out;
	int i;

	for (i = from; i < to; i++)
		n += editor_cp_bytes(ed->buf[i]);
	out = xmalloc(n + 1);
	for (i = from; i < to; i++)
		o += (size_t)text_encode(ed->buf[i], out + o);
	out[o] = '\0';
	return out;
}

char *
editor_text(const struct editor *ed)
{
	return editor_slice(ed, 0, ed->len);
}

int
editor_empty(const struct editor *ed)
{
	int i;

	for (i = 0; i < ed->len; i++)
		if (ed->buf[i] != ' ' && ed->buf[i] != '\n')
			return 0;
	return 1;
}

/* Remove [from, to). */
static void
editor_cut(struct editor *ed, int from, int to)
{
	int i;

	if (from < 0)
		from = 0;
	if (to > ed->len)
		to = ed->len;
	if (from >= to)
		return;
	for (i = from; i < to; i++)
		ed->bytes -= editor_cp_bytes(ed->buf[i]);
	memmove(&ed->buf[from], &ed->buf[to],
	    (size_t)(ed->len - to) * sizeof *ed->buf);
	ed->len -= to - from;
	ed->cur = from;
	ed->goal = -1;
}

void
editor_left(struct editor *ed)
{
	if (ed->cur > 0)
		ed->cur--;
	ed->goal = -1;
}

void
editor_right(struct editor *ed)
{
	if (ed->cur < ed->len)
		ed->cur++;
	ed->goal = -1;
}

/* Letters, digits and every non-ASCII character (Japanese has no spaces
 * between words: a run of it moves as one word) make words. */
static int
editor_wordc(uint32_t cp)
{
	if (cp >= 0x80)
		return cp != 0x3000 && cp != 0x3001 && cp != 0x3002 &&
		    cp != 0xFF0C && cp != 0xFF0E; /* ideographic space, 、。，． */
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z') || cp == '_';
}

void
editor_word_left(struct editor *ed)
{
	while (ed->cur > 0 && !editor_wordc(ed->buf[ed->cur - 1]))
		ed->cur--;
	while (ed->cur > 0 && editor_wordc(ed->buf[ed->cur - 1]))
		ed->cur--;
	ed->goal = -1;
}

void
editor_word_right(struct editor *ed)
{
	while (ed->cur < ed->len && !editor_wordc(ed->buf[ed->cur]))
		ed->cur++;
	while (ed->cur < ed->len && editor_wordc(ed->buf[ed->cur]))
		ed->cur++;
	ed->goal = -1;
}

static int
editor_line_start(const struct editor *ed, int i)
{
	while (i > 0 && ed->buf[i - 1] != '\n')
		i--;
	return i;
}

static int
editor_line_end(const struct editor *ed, int i)
{
	while (i < ed->len && ed->buf[i] != '\n')
		i++;
	return i;
}

void
editor_home(struct editor *ed)
{
	ed->cur = editor_line_start(ed, ed->cur);
	ed->goal = -1;
}

void
editor_end(struct editor *ed)
{
	ed->cur = editor_line_end(ed, ed->cur);
	ed->goal = -1;
}

void
editor_line_step(struct editor *ed, int dir)
{
	int bol = editor_line_start(ed, ed->cur), col = ed->cur - bol, nb;

	if (dir < 0) {
		if (bol == 0)
			return;
		nb = editor_line_start(ed, bol - 1);
	} else {
		int eol = editor_line_end(ed, ed->cur);

		if (eol >= ed->len)
			return;
		nb = eol + 1;
	}
	ed->cur = nb + col;
	if (ed->cur > editor_line_end(ed, nb))
		ed->cur = editor_line_end(ed, nb);
	ed->goal = -1;
}

void
editor_backspace(struct editor *ed)
{
	if (ed->cur > 0)
		editor_cut(ed, ed->cur - 1, ed->cur);
}

void
editor_delete(struct editor *ed)
{
	if (ed->cur < ed->len)
		editor_cut(ed, ed->cur, ed->cur + 1);
}

void
editor_kill_start(struct editor *ed)
{
	editor_cut(ed, editor_line_start(ed, ed->cur), ed->cur);
}

void
editor_kill_end(struct editor *ed)
{
	int end = editor_line_end(ed, ed->cur);

	/* At the end of a line, ^K joins the next one (as in Emacs). */
	if (end == ed->cur && end < ed->len)
		end++;
	editor_cut(ed, ed->cur, end);
}

void
editor_kill_word(struct editor *ed)
{
	int to = ed->cur;

	/* As readline's unix-word-rubout: back over spaces, then to the
	 * previous space. */
	while (ed->cur > 0 && (ed->buf[ed->cur - 1] == ' ' ||
	    ed->buf[ed->cur - 1] == '\n'))
		ed->cur--;
	while (ed->cur > 0 && ed->buf[ed->cur - 1] != ' ' &&
	    ed->buf[ed->cur - 1] != '\n')
		ed->cur--;
	editor_cut(ed, ed->cur, to);
}

static int
editor_width(const struct editor *ed, int from, int to)
{
	int w = 0, i;

	for (i = from; i < to; i++)
		w += text_cp_width(ed->buf[i]);
	return w;
}

/* Where a row from start that cannot hold buf[j] ends: after its last
 * space, or later where Japanese may break (text_break_ok: kinsoku, a
 * closer taking the character before it down, as draw_wrap does); at j
 * when there is no such place. */
static int
editor_break(const struct editor *ed, int start, int j)
{
	int p;

	for (p = j; p > start; p--)
		if (ed->buf[p - 1] == ' ' ||
		    text_break_ok(ed->buf[p - 1], ed->buf[p]))
			return p;
	return j;
}

struct ed_row *
editor_layout(const struct editor *ed, int cols, int *n)
{
	struct ed_row *rows = NULL;
	int cap = 0, start = 0;

	*n = 0;
	if (cols < 2)
		cols = 2;
	for (;;) {
		int j = start, w = 0, end, next;

		while (j < ed->len && ed->buf[j] != '\n') {
			int cw = text_cp_width(ed->buf[j]);

			if (ed->multi && w + cw > cols && j > start)
				break;
			w += cw;
			j++;
		}
		if (j < ed->len && ed->buf[j] != '\n') {
			end = next = editor_break(ed, start, j);
		} else {
			end = j;
			next = j + 1;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			rows = xreallocarray(rows, (size_t)cap, sizeof *rows);
		}
		rows[(*n)++] = (struct ed_row){start, end};
		if (j >= ed->len)
			break;
		start = next;
	}
	return rows;
}

void
editor_cursor_pos(const struct editor *ed, const struct ed_row *rows, int n,
    int *row, int *col)
{
	int r = 0, i;

	for (i = 0; i < n; i++)
		if (rows[i].start <= ed->cur)
			r = i;
	*row = r;
	*col = editor_width(ed, rows[r].start, ed->cur < rows[r].end
	    ? ed->cur : rows[r].end);
}

/* Move to row r + dir keeping the goal column. */
static int
editor_vertical(struct editor *ed, int dir)
{
	struct ed_row *rows;
	int n, r, col, target, i, w = 0;

	if (!ed->multi)
		return 0;
	rows = editor_layout(ed, ed->wrap, &n);
	editor_cursor_pos(ed, rows, n, &r, &col);
	if (r + dir < 0 || r + dir >= n) {
		free(rows);
		return 0;
	}
	if (ed->goal < 0)
		ed->goal = col;
	target = r + dir;
	i = rows[target].start;
	while (i < rows[target].end) {
		int cw = text_cp_width(ed->buf[i]);

		if (w + cw > ed->goal)
			break;
		w += cw;
		i++;
	}
	/* The end of a wrapped row is the start of the next one: stay on
	 * this row by stopping one short. */
	if (i == rows[target].end && target + 1 < n &&
	    rows[target + 1].start == i && i > rows[target].start)
		i--;
	ed->cur = i;
	free(rows);
	return 1;
}

int
editor_up(struct editor *ed)
{
	int goal = ed->goal, r = editor_vertical(ed, -1);

	if (r && goal >= 0)
		ed->goal = goal;
	return r;
}

int
editor_down(struct editor *ed)
{
	int goal = ed->goal, r = editor_vertical(ed, 1);

	if (r && goal >= 0)
		ed->goal = goal;
	return r;
}

static int
editor_is(int is_code, wint_t ch, int which)
{
	return is_code && ed_codes[which] >= 0 && (int)ch == ed_codes[which];
}

/* The keys that only move or delete, as tables: a character (a control
 * key) or a curses code, and what it does. The basic ones are all the
 * status-line prompt and the composer know; forms have the rest too. */
struct editor_plain {
	int is_code;
	int key;
	void (*fn)(struct editor *ed);
};

static const struct editor_plain editor_basic_keys[] = {
	{0, 127, editor_backspace},
	{0, 8, editor_backspace},
	{0, ED_CTRL('a'), editor_home},
	{0, ED_CTRL('e'), editor_end},
	{1, KEY_LEFT, editor_left},
	{1, KEY_RIGHT, editor_right},
	{1, KEY_HOME, editor_home},
	{1, KEY_END, editor_end},
	{1, KEY_BACKSPACE, editor_backspace},
	{1, KEY_DC, editor_delete},
};

static const struct editor_plain editor_more_keys[] = {
	{0, ED_CTRL('b'), editor_left},
	{0, ED_CTRL('f'), editor_right},
	{0, ED_CTRL('d'), editor_delete},
	{0, ED_CTRL('u'), editor_kill_start},
	{0, ED_CTRL('k'), editor_kill_end},
	{0, ED_CTRL('w'), editor_kill_word},
};

/* The value a key handler below returns when the key was taken and the
 * result is "moved, or changed if the text did". */
#define ED_DONE (-1)

static int
editor_table_key(const struct editor_plain *keys, size_t n,
    struct editor *ed, int is_code, wint_t ch)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (keys[i].is_code == is_code && keys[i].key == (int)ch) {
			keys[i].fn(ed);
			return ED_DONE;
		}
	return ED_IGNORED;
}

static int
editor_plain_key(struct editor *ed, int is_code, wint_t ch)
{
	if (editor_table_key(editor_basic_keys, ARRAY_LEN(editor_basic_keys),
	    ed, is_code, ch) == ED_DONE)
		return ED_DONE;
	return editor_table_key(editor_more_keys, ARRAY_LEN(editor_more_keys),
	    ed, is_code, ch);
}

/* What the done bits of a key are, from the text before it. */
static int
editor_done_bits(const struct editor *ed, int old_len, size_t old_bytes)
{
	if (ed->len != old_len || ed->bytes != old_bytes)
		return ED_CHANGED | ED_MOVED;
	return ED_MOVED; /* handled: at least redraw the cursor */
}

int
editor_basic_key(struct editor *ed, int is_code, wint_t ch, int max_chars)
{
	int old_len = ed->len;
	size_t old_bytes = ed->bytes;

	if (editor_table_key(editor_basic_keys, ARRAY_LEN(editor_basic_keys),
	    ed, is_code, ch) != ED_DONE) {
		/* Text: printable and taking room on the screen. */
		if (is_code || ch < 0x20 || ch == 0x7F || (ch >= 0x80 &&
		    ch < 0xA0) || text_cp_width((uint32_t)ch) <= 0)
			return ED_IGNORED;
		if (ed->len >= max_chars || editor_insert(ed,
		    (uint32_t)ch) != 0)
			return ED_FULL;
	}
	return editor_done_bits(ed, old_len, old_bytes);
}

/* Enter in a multi-line field is a new line; elsewhere it saves. */
static int
editor_newline(struct editor *ed)
{
	if (!ed->multi)
		return ED_SAVE;
	if (editor_insert(ed, '\n') != 0)
		return ED_FULL;
	return ED_DONE;
}

static int
editor_alt_key(struct editor *ed, wint_t ch)
{
	int from = ed->cur;

	switch (ch) {
	case 'b':
	case 'B':
		editor_word_left(ed);
		return ED_DONE;
	case 'f':
	case 'F':
		editor_word_right(ed);
		return ED_DONE;
	case 'd':
		editor_word_right(ed);
		editor_cut(ed, from, ed->cur);
		return ED_DONE;
	case '\r':
	case '\n':
		return editor_newline(ed);
	case 127:
	case 8:
		editor_kill_word(ed);
		return ED_DONE;
	}
	return ED_IGNORED;
}

static int
editor_code_key(struct editor *ed, wint_t ch)
{
	if (editor_is(1, ch, EK_CLEFT) || editor_is(1, ch, EK_ALEFT)) {
		editor_word_left(ed);
		return ED_DONE;
	}
	if (editor_is(1, ch, EK_CRIGHT) || editor_is(1, ch, EK_ARIGHT)) {
		editor_word_right(ed);
		return ED_DONE;
	}
	switch (ch) {
	case KEY_UP:
		return editor_up(ed) ? ED_DONE : ED_IGNORED;
	case KEY_DOWN:
		return editor_down(ed) ? ED_DONE : ED_IGNORED;
	case KEY_ENTER:
		return ED_SAVE;
	}
	return editor_plain_key(ed, 1, ch);
}

static int
editor_char_key(struct editor *ed, wint_t ch)
{
	switch (ch) {
	case 27:
		return ED_CANCEL;
	case '\r':
		return ED_SAVE;
	case '\n': /* Ctrl-J */
		return editor_newline(ed);
	}
	if (editor_plain_key(ed, 0, ch) == ED_DONE)
		return ED_DONE;
	if (ch < 0x20 || (ch >= 0x7F && ch < 0xA0))
		return ED_IGNORED;
	if (editor_insert(ed, (uint32_t)ch) != 0)
		return ED_FULL;
	return ED_DONE;
}

int
editor_key(struct editor *ed, int is_code, wint_t ch, int alt)
{
	int old_len = ed->len, r;
	size_t old_bytes = ed->bytes;

	if (editor_is(is_code, ch, EK_PASTE_START)) {
		ed->pasting = 1;
		return ED_MOVED;
	}
	if (editor_is(is_code, ch, EK_PASTE_END)) {
		ed->pasting = 0;
		return ED_MOVED;
	}
	if (!is_code && ed->pasting) {
		/* Pasted text is text: line breaks included. */
		if (ch == 27)
			return ED_MOVED;
		return editor_insert(ed, (uint32_t)ch) != 0 ? ED_FULL
		    : ED_CHANGED;
	}
	if (alt && !is_code)
		r = editor_alt_key(ed, ch);
	else if (is_code)
		r = editor_code_key(ed, ch);
	else
		r = editor_char_key(ed, ch);
	if (r != ED_DONE)
		return r;
	return editor_done_bits(ed, old_len, old_bytes);
}

/* --- curses side -------------------------------------------------------- */

static int
editor_learn(const char *cap, const char *seq, int fallback)
{
	char *s = tigetstr((char *)(uintptr_t)cap);
	int code;

	if (s != NULL && s != (char *)-1 && (code = key_defined(s)) > 0)
		return code;
	if ((code = key_defined(seq)) > 0)
		return code;
	if (define_key(seq, fallback) == OK)
		return fallback;
	return -1;
}

void
editor_keys_init(void)
{
	/* Codes above every curses key and any the terminal defines. */
	int base = KEY_MAX + 0x400;

	if (ed_keys_ready)
		return;
	ed_keys_ready = 1;
	ed_codes[EK_CLEFT] = editor_learn("kLFT5", "\033[1;5D", base);
	ed_codes[EK_CRIGHT] = editor_learn("kRIT5", "\033[1;5C", base + 1);
	ed_codes[EK_ALEFT] = editor_learn("kLFT3", "\033[1;3D", base + 2);
	ed_codes[EK_ARIGHT] = editor_learn("kRIT3", "\033[1;3C", base + 3);
	ed_codes[EK_PASTE_START] = editor_learn("PS", "\033[200~", base + 4);
	ed_codes[EK_PASTE_END] = editor_learn("PE", "\033[201~", base + 5);
}

int
editor_read_alt(WINDOW *w, int *is_code, wint_t *ch)
{
	wint_t c = 0;
	int r = wget_wch(w, &c);

	if (r == ERR)
		return 0;
	*is_code = r == KEY_CODE_YES;
	*ch = c;
	return 1;
}

void
editor_paste_mode(int on)
{
	putp(on ? "\033[?2004h" : "\033[?2004l");
	fflush(stdout);
}

void
editor_draw(struct editor *ed, WINDOW *w, int y, int x, int rows, int cols,
    enum theme_el el, int *cy, int *cx)
{
	struct ed_row *lay;
	int n, r, col, i;

	if (rows < 1 || cols < 2)
		return;
	for (i = 0; i < rows; i++)
		draw_fill(w, y + i, x, cols, el);
	if (!ed->multi) {
		/* Scroll sideways so the cursor stays in view, a few
		 * columns from the edge where possible. */
		int before = editor_width(ed, 0, ed->cur), start = 0, sw;
		char *s;

		if (before - ed->scroll >= cols - 1 || before < ed->scroll) {
			ed->scroll = before - (cols * 2) / 3;
			if (ed->scroll < 0)
				ed->scroll = 0;
		}
		/* The first character at or after the scroll column. */
		sw = 0;
		while (start < ed->len && sw < ed->scroll)
			sw += text_cp_width(ed->buf[start++]);
		ed->scroll = sw;
		s = editor_slice(ed, start, ed->len);
		draw_text(w, y, x, s, cols, el);
		free(s);
		*cy = y;
		*cx = x + before - ed->scroll;
		return;
	}
	ed->wrap = cols - 1; /* one column for the cursor at a full row */
	lay = editor_layout(ed, ed->wrap, &n);
	editor_cursor_pos(ed, lay, n, &r, &col);
	if (r < ed->scroll)
		ed->scroll = r;
	if (r >= ed->scroll + rows)
		ed->scroll = r - rows + 1;
	if (ed->scroll > n - 1)
		ed->scroll = n - 1 > 0 ? n - 1 : 0;
	for (i = 0; i < rows && ed->scroll + i < n; i++) {
		const struct ed_row *row = &lay[ed->scroll + i];
		char *s = editor_slice(ed, row->start, row->end);

		draw_text(w, y + i, x, s, cols - 1, el);
		free(s);
	}
	/* More above or below: a marker in the spare column. */
	if (ed->scroll > 0)
		draw_text(w, y, x + cols - 1, draw_utf8() ? "↑" : "^", 1,
		    TH_MUTED);
	if (ed->scroll + rows < n)
		draw_text(w, y + rows - 1, x + cols - 1, draw_utf8() ? "↓" : "v",
		    1, TH_MUTED);
	*cy = y + r - ed->scroll;
	*cx = x + col;
	free(lay);
}
