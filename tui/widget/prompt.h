/* prompt.h: a one-line input or y/n question in the status line; forms
 * are built from it. */
#ifndef WR_PROMPT_H
#define WR_PROMPT_H

#include <curses.h>
#include <wchar.h>

struct tui;

#define PROMPT_MAX 1000 /* characters */

/* Called with the answer (UTF-8, valid, not yet trimmed; "y" for a
 * confirmed question). Returns KEY_* bits. */
typedef int (*prompt_fn)(struct tui *t, const char *answer, void *arg);

struct prompt {
	int active;
	int confirm;        /* a y/n question, not a line of text */
	int discard_armed;  /* Esc pressed once over unsaved text */
	char label[160];
	wchar_t buf[PROMPT_MAX + 1];
	int len, cur;       /* in characters */
	prompt_fn done;
	void *arg;
};

void prompt_open(struct prompt *p, const char *label, int confirm,
    prompt_fn done, void *arg);
/* One key (is_code: a KEY_* code from wget_wch). Returns KEY_* bits. */
int prompt_input(struct prompt *p, struct tui *t, int is_code, wint_t ch);
/* Draw into the one-line window w and place the cursor. */
void prompt_draw(const struct prompt *p, WINDOW *w);
#endif
