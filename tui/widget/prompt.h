/* prompt.h: a one-line input or y/n question in the status line. The
 * line is a one-line widget/editor with the prompt's few keys. */
#ifndef WR_PROMPT_H
#define WR_PROMPT_H

#include <curses.h>
#include <wchar.h>

#include "widget/editor.h"

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
	struct editor ed;   /* the line typed (PROMPT_MAX characters) */
	prompt_fn done;
	void *arg;
};

void prompt_open(struct prompt *p, const char *label, int confirm,
    prompt_fn done, void *arg);
/* Release the text of a prompt still open (at exit). */
void prompt_free(struct prompt *p);
/* One key (is_code: a KEY_* code from wget_wch). Returns KEY_* bits. */
int prompt_input(struct prompt *p, struct tui *t, int is_code, wint_t ch);
/* Draw into the one-line window w and place the cursor. */
void prompt_draw(const struct prompt *p, WINDOW *w);
#endif
