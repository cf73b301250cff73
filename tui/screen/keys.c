/* keys.c: the key table of the panes (the screen's normal mode). The loop
 * looks keys up here, and the help overlay is printed from it, so the
 * help cannot drift from what the keys do. */
#include <curses.h>

#include "pane/pane.h"

#define CTRL(c) ((c) & 0x1f)

static const struct key_binding key_table[] = {
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show or hide this help",
	    1, "help"},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL},
	{'q', "q", ACT_QUIT, -1, NEED_NONE, "quit", 2, "quit"},
	{'\t', "Tab", ACT_FOCUS_NEXT, -1, NEED_NONE,
	    "focus the next pane", 7, "next pane"},
	{KEY_BTAB, "S-Tab", ACT_FOCUS_PREV, -1, NEED_NONE,
	    "focus the previous pane", 0, NULL},
	{'1', "1", ACT_FOCUS_PHASE, -1, NEED_NONE, "focus Phase", 0, NULL},
	{'2', "2", ACT_FOCUS_BOARD, -1, NEED_NONE, "focus Board", 0, NULL},
	{'3', "3", ACT_FOCUS_METRICS, -1, NEED_NONE, "focus Metrics", 0, NULL},
	{'4', "4", ACT_FOCUS_TIMELINE, -1, NEED_NONE,
	    "focus Timeline", 0, NULL},
	{CTRL('l'), "^L", ACT_REDRAW, -1, NEED_NONE,
	    "repaint the screen", 0, NULL},
	{'k', "k", ACT_UP, -1, NEED_NONE, "up / older", 0, NULL},
	{KEY_UP, "Up", ACT_UP, -1, NEED_NONE, NULL, 0, NULL},
	{'j', "j", ACT_DOWN, -1, NEED_NONE, "down / newer", 0, NULL},
	{KEY_DOWN, "Down", ACT_DOWN, -1, NEED_NONE, NULL, 0, NULL},
	{CTRL('b'), "^B", ACT_PAGE_UP, -1, NEED_NONE, "a page up", 0, NULL},
	{KEY_PPAGE, "PgUp", ACT_PAGE_UP, -1, NEED_NONE, NULL, 0, NULL},
	{CTRL('f'), "^F", ACT_PAGE_DOWN, -1, NEED_NONE, "a page down", 0, NULL},
	{KEY_NPAGE, "PgDn", ACT_PAGE_DOWN, -1, NEED_NONE, NULL, 0, NULL},
	{'g', "g", ACT_TOP, -1, NEED_NONE, "to the top (oldest)", 0, NULL},
	{KEY_HOME, "Home", ACT_TOP, -1, NEED_NONE, NULL, 0, NULL},
	{'G', "G", ACT_BOTTOM, -1, NEED_NONE,
	    "to the bottom (newest; follows new entries)", 0, NULL},
	{KEY_END, "End", ACT_BOTTOM, -1, NEED_NONE, NULL, 0, NULL},
	{'n', "n", ACT_NOTE, -1, NEED_TIMELINE,
	    "quick timeline entry: what happened? (time: now)", 1, "new entry"},
	/* Board: the commander runs the assignments from here. */
	{'a', "a", ACT_ASSIGN, PANE_BOARD, NEED_COMMANDER,
	    "Board: assign someone: who, for what, do what", 2, "assign"},
	{'r', "r", ACT_REASSIGN, PANE_BOARD, NEED_COMMANDER,
	    "Board: reassign the selected responder", 5, "reassign"},
	{'+', "+", ACT_JOIN, PANE_BOARD, NEED_COMMANDER,
	    "Board: add a responder (name, role)", 4, "add person"},
	{'c', "c", ACT_CHECKIN, PANE_BOARD, NEED_COMMANDER,
	    "Board: the selected responder checked in", 3, "checked in"},
	{'d', "d", ACT_DONE, PANE_BOARD, NEED_COMMANDER,
	    "Board: the selected assignment is done", 3, "done"},
	{'p', "p", ACT_DROP, PANE_BOARD, NEED_COMMANDER,
	    "Board: drop the selected assignment", 0, NULL},
	{'x', "x", ACT_DISMISS, PANE_BOARD, NEED_COMMANDER,
	    "Board: dismiss the selected responder", 0, NULL},
	{'X', "X", ACT_DISMISS_IDLE, PANE_BOARD, NEED_COMMANDER,
	    "Board: dismiss every idle responder at once", 0, NULL},
	{'i', "i", ACT_INTERVAL, PANE_BOARD, NEED_COMMANDER,
	    "Board: set the check-in interval", 0, NULL},
	{'H', "H", ACT_HANDOFF, PANE_BOARD, NEED_COMMANDER,
	    "Board: hand command to the selected responder", 6, "hand off"},
	{'P', "P", ACT_PHASE_NEXT, PANE_PHASE, NEED_COMMANDER,
	    "Phase: move on to the next phase", 2, "next phase"},
	/* Phase: the commander's Phase-pane keys, the status-update composer,
	 * decisions, sign-offs, releases and flags. */
	{'p', "p", ACT_PHASE_SET, PANE_PHASE, NEED_COMMANDER,
	    "Phase: choose the phase (moving back asks why)", 4, "phase"},
	{'s', "s", ACT_SEVERITY, PANE_PHASE, NEED_COMMANDER,
	    "Phase: change the severity", 5, "severity"},
	{'i', "i", ACT_IMPACT, PANE_PHASE, NEED_COMMANDER,
	    "Phase: set the impact and its scope", 6, "impact"},
	{'t', "t", ACT_COMMS, PANE_PHASE, NEED_COMMANDER,
	    "Phase: set what users have been told", 0, NULL},
	{'a', "a", ACT_APPROVE, PANE_PHASE, NEED_TIMELINE,
	    "Phase: approve the selected decision (if it names you)", 0, NULL},
	{'r', "r", ACT_REJECT, PANE_PHASE, NEED_TIMELINE,
	    "Phase: reject the selected decision (if it names you)", 0, NULL},
	{'R', "R", ACT_DEPLOY, PANE_PHASE, NEED_COMMANDER,
	    "Phase: record a deploy and its rollback-safe mark", 6, "deploy"},
	{'F', "F", ACT_FLAG, PANE_PHASE, NEED_COMMANDER,
	    "Phase: record a feature flag turned on or off", 0, NULL},
	{'B', "B", ACT_BEGAN, PANE_PHASE, NEED_COMMANDER,
	    "Phase: when impact began (so time to detect is known)", 0, NULL},
	{'u', "u", ACT_COMPOSE, -1, NEED_COMMANDER,
	    "write a status update (headed by the phase)", 3, "update"},
	{'D', "D", ACT_DECIDE, -1, NEED_COMMANDER,
	    "record a decision: reason, risk, sign-off, checklist",
	    4, "decide"},
	/* The Metrics pane and the incident list (reading only). */
	{'w', "w", ACT_METRIC_WINDOW, PANE_METRICS, NEED_NONE,
	    "Metrics: next time window (5m, 15m, 1h, 6h)", 2, "window"},
	{'+', "+", ACT_METRIC_SHORTER, PANE_METRICS, NEED_NONE,
	    "Metrics: a shorter window", 0, NULL},
	{'-', "-", ACT_METRIC_LONGER, PANE_METRICS, NEED_NONE,
	    "Metrics: a longer window", 0, NULL},
	{'\r', "Enter", ACT_METRIC_DETAIL, PANE_METRICS, NEED_NONE,
	    "Metrics: the selected series in detail (h/l cursor, Esc)",
	    2, "detail"},
	{KEY_ENTER, "Enter", ACT_METRIC_DETAIL, PANE_METRICS, NEED_NONE,
	    NULL, 0, NULL},
	{'I', "I", ACT_INCIDENTS, -1, NEED_NONE,
	    "list incidents; Enter switches the screen to one", 8, "incidents"},
	{'J', "J", ACT_INCIDENT_NEW, -1, NEED_NONE,
	    "show the incident the notice says was just declared", 0, NULL},
	/* The scribe's timeline (n above opens the quick entry). */
	{'a', "a", ACT_TL_ADD, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: add an entry (kind, time, source, confidence)",
	    2, "add"},
	{'e', "e", ACT_TL_EDIT, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: edit the selected entry (text, time, kind...)",
	    3, "edit"},
	{'\r', "Enter", ACT_TL_EDIT, PANE_TIMELINE, NEED_TIMELINE,
	    NULL, 0, NULL},
	{KEY_ENTER, "", ACT_TL_EDIT, PANE_TIMELINE, NEED_TIMELINE,
	    NULL, 0, NULL},
	{'d', "d", ACT_TL_DELETE, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: delete the selected entry (history kept; a decision "
	    "or another's entry asks why and stays as a tombstone)", 0, NULL},
	{'U', "U", ACT_TL_UNDELETE, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: bring back the selected deleted entry (a tombstone)",
	    0, NULL},
	{'h', "h", ACT_TL_HISTORY, PANE_TIMELINE, NEED_NONE,
	    "Timeline: every version of the selected entry", 6, "history"},
	{'f', "f", ACT_TL_FILTER, PANE_TIMELINE, NEED_NONE,
	    "Timeline: show one kind only (cycles; all again at the end)",
	    4, "filter"},
	{'/', "/", ACT_TL_SEARCH, PANE_TIMELINE, NEED_NONE,
	    "Timeline: search text (older first); N next, p previous",
	    3, "search"},
	{'N', "N", ACT_TL_NEXT, PANE_TIMELINE, NEED_NONE, NULL, 0, NULL},
	{'p', "p", ACT_TL_PREV, PANE_TIMELINE, NEED_NONE, NULL, 0, NULL},
	{'t', "t", ACT_TL_JUMP, PANE_TIMELINE, NEED_NONE,
	    "Timeline: jump to a time (13:58, -10m)", 6, "jump"},
	{'F', "F", ACT_TL_FOLLOW, PANE_TIMELINE, NEED_NONE,
	    "Timeline: follow the newest entries, or stop following",
	    5, "follow"},
	/* The retrospective; its own keys show in the view. */
	{'A', "A", ACT_RETRO, -1, NEED_NONE,
	    "Retrospective: actions by category (once resolved)", 0, NULL},
	{'R', "R", ACT_RETRO_FROM_ENTRY, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: turn the selected entry into an action", 0, NULL},
	{'z', "z", ACT_SNOOZE, -1, NEED_COMMANDER,
	    "snooze the reminder for 10 minutes (logged)", 0, NULL},
	{'S', "S", ACT_UPDATE_RETRY, PANE_PHASE, NEED_COMMANDER,
	    "Phase: send the oldest failed status update again", 0, NULL},
	{'x', "x", ACT_UPDATE_DROP, PANE_PHASE, NEED_COMMANDER,
	    "Phase: give up the oldest failed status update", 0, NULL},
};
const struct keymap keys_normal = KEYMAP("Keys", key_table);

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
