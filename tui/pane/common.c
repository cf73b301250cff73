/* common.c: helpers the panes share (see common.h). */
#include <stdlib.h>

#include "pane/common.h"

int
pane_list_step(enum tui_action act, int *sel, int page, int n)
{
	switch (act) {
	case ACT_UP:
		(*sel)--;
		break;
	case ACT_DOWN:
		(*sel)++;
		break;
	case ACT_PAGE_UP:
		*sel -= page;
		break;
	case ACT_PAGE_DOWN:
		*sel += page;
		break;
	case ACT_TOP:
		*sel = 0;
		break;
	case ACT_BOTTOM:
		*sel = n - 1;
		break;
	default:
		return 0;
	}
	return 1;
}

void
pane_list_keep(int *sel, int *top, int n, int fit)
{
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < 0)
		*sel = 0;
	if (*sel < *top)
		*top = *sel;
	if (*sel >= *top + fit)
		*top = *sel - fit + 1;
	if (*top > n - fit)
		*top = n - fit;
	if (*top < 0)
		*top = 0;
}

void
pane_priv_free(struct pane *p)
{
	free(p->priv);
	p->priv = NULL;
}
