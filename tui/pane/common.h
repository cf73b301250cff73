/* common.h: helpers the panes share: moving a selection through a list of
 * rows and keeping it in view, and freeing a pane's private state. */
#ifndef WR_PANE_COMMON_H
#define WR_PANE_COMMON_H

#include "pane/pane.h"

/* Move *sel for the movement actions (up, down, a page of page rows, top,
 * bottom of n rows); unclamped. Returns 0 for any other action, which is
 * left alone. */
int pane_list_step(enum tui_action act, int *sel, int page, int n);

/* Clamp *sel to the n rows and scroll *top so that it is among the fit
 * rows shown. */
void pane_list_keep(int *sel, int *top, int n, int fit);

/* Free p->priv when it holds nothing that needs freeing of its own. */
void pane_priv_free(struct pane *p);

#endif
