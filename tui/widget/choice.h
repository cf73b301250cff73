/* choice.h: pick one of a few items in a small window over the panes (a
 * phase, a severity, an audience, a checklist). */
#ifndef WR_CHOICE_H
#define WR_CHOICE_H

struct tui;
struct prompt;

#define CHOICE_MAX 40

/* Called with the index chosen, after the window closed (it may open
 * another). Returns KEY_* bits. */
typedef int (*choice_fn)(struct tui *t, int index, void *arg);

/* Offer items[0..n) (copied) with sel first selected, in the dialog layer
 * of the overlay stack; mark >= 0 is shown as the current one. Esc cancels
 * (done is not called). Returns KEY_*. */
int choice_open(struct tui *t, const char *title, const char *const *items,
    int n, int sel, int mark, choice_fn done, void *arg);
/* Put text (UTF-8, may be NULL) into an open one-line prompt, to edit. */
void choice_prefill(struct prompt *p, const char *text);
#endif
