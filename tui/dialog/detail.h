/* detail.h: the detail view of the selected metric series (Enter in the
 * Metrics pane), a dialog with its own keys. */
#ifndef WR_DETAIL_H
#define WR_DETAIL_H

struct tui;

/* Open it over the panes: KEY_* bits (a message when there is no
 * series). */
int detail_open(struct tui *t);
#endif
