/* tui.h: the full-screen war room. */
#ifndef WR_TUI_H
#define WR_TUI_H

struct cli;

/* Run the screen for c->cmd ("tui", "view" or "demo"); exit status. */
int tui_main(struct cli *c);
#endif
