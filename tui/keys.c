/* keys.c: the key table. The loop looks keys up here, and the help overlay
 * is printed from it, so the help cannot drift from what the keys do. */
#include <curses.h>

#include "pane.h"

#define CTRL(c) ((c) & 0x1f)

const struct key_binding key_table[] = {
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show or hide this help"},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL},
	{'q', "q", ACT_QUIT, -1, NEED_NONE, "quit"},
	{'\t', "Tab", ACT_FOCUS_NEXT, -1, NEED_NONE, "focus the next pane"},
	{KEY_BTAB, "S-Tab", ACT_FOCUS_PREV, -1, NEED_NONE,
	    "focus the previous pane"},
	{'1', "1", ACT_FOCUS_PHASE, -1, NEED_NONE, "focus Phase"},
	{'2', "2", ACT_FOCUS_BOARD, -1, NEED_NONE, "focus Board"},
	{'3', "3", ACT_FOCUS_METRICS, -1, NEED_NONE, "focus Metrics"},
	{'4', "4", ACT_FOCUS_TIMELINE, -1, NEED_NONE, "focus Timeline"},
	{CTRL('l'), "^L", ACT_REDRAW, -1, NEED_NONE, "repaint the screen"},
	{'k', "k", ACT_UP, -1, NEED_NONE, "up / older"},
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL},
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "down / newer"},
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL},
	{CTRL('b'), "^B", ACT_PAGE_UP, -1, NEED_NONE, "a page up"},
	{KEY_PPAGE, "PgUp", ACT_PAGE_UP, -1, NEED_NONE, NULL},
	{CTRL('f'), "^F", ACT_PAGE_DOWN, -1, NEED_NONE, "a page down"},
	{KEY_NPAGE, "PgDn", ACT_PAGE_DOWN, -1, NEED_NONE, NULL},
	{'g', "g", ACT_TOP, -1, NEED_NONE, "to the top (oldest)"},
	{KEY_HOME, "Home", ACT_TOP, -1, NEED_NONE, NULL},
	{'G', "G", ACT_BOTTOM, -1, NEED_NONE,
	    "to the bottom (newest; follows new entries)"},
	{KEY_END, "End", ACT_BOTTOM, -1, NEED_NONE, NULL},
	{'n', "n", ACT_NOTE, -1, NEED_TIMELINE,
	    "quick timeline entry: what happened? (time: now)"},
	{'c', "c", ACT_CHECKIN, PANE_BOARD, NEED_COMMANDER,
	    "Board: the selected responder checked in"},
	{'D', "D", ACT_DISMISS_IDLE, PANE_BOARD, NEED_COMMANDER,
	    "Board: dismiss every idle responder"},
	{'P', "P", ACT_PHASE_NEXT, PANE_PHASE, NEED_COMMANDER,
	    "Phase: move on to the next phase"},
	/* editor: the scribe's timeline (n above opens the quick entry). */
	{'a', "a", ACT_TL_ADD, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: add an entry (kind, time, source, confidence)"},
	{'e', "e", ACT_TL_EDIT, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: edit the selected entry (text, time, kind...)"},
	{'\r', "Enter", ACT_TL_EDIT, PANE_TIMELINE, NEED_TIMELINE, NULL},
	{KEY_ENTER, "", ACT_TL_EDIT, PANE_TIMELINE, NEED_TIMELINE, NULL},
	{'d', "d", ACT_TL_DELETE, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: delete the selected entry (history kept)"},
	{'h', "h", ACT_TL_HISTORY, PANE_TIMELINE, NEED_NONE,
	    "Timeline: every version of the selected entry"},
	{'f', "f", ACT_TL_FILTER, PANE_TIMELINE, NEED_NONE,
	    "Timeline: show one kind only (cycles; all again at the end)"},
	{'/', "/", ACT_TL_SEARCH, PANE_TIMELINE, NEED_NONE,
	    "Timeline: search text (older first); N next, p previous"},
	{'N', "N", ACT_TL_NEXT, PANE_TIMELINE, NEED_NONE, NULL},
	{'p', "p", ACT_TL_PREV, PANE_TIMELINE, NEED_NONE, NULL},
	{'t', "t", ACT_TL_JUMP, PANE_TIMELINE, NEED_NONE,
	    "Timeline: jump to a time (13:58, -10m)"},
	{'F', "F", ACT_TL_FOLLOW, PANE_TIMELINE, NEED_NONE,
	    "Timeline: follow the newest entries, or stop following"},
};
const int key_table_len = (int)(sizeof key_table / sizeof key_table[0]);

const struct key_binding *
keys_find(int key, int is_code, int pane)
{
	int i;

	for (i = 0; i < key_table_len; i++) {
		const struct key_binding *k = &key_table[i];
		int code = k->key >= KEY_MIN;

		if (k->key != key || code != is_code)
			continue;
		if (k->pane >= 0 && k->pane != pane)
			continue;
		return k;
	}
	return NULL;
}

const char *
keys_need_name(enum key_need need)
{
	switch (need) {
	case NEED_TIMELINE:
		return "scribe, commander";
	case NEED_COMMANDER:
		return "commander";
	case NEED_NONE:
		break;
	}
	return "";
}
