/* keys.c: the key table of the panes (the screen's normal mode). The loop
 * looks keys up here, and the help overlay is printed from it, so the
 * help cannot drift from what the keys do. */
#include <curses.h>

#include "pane/pane.h"

#define CTRL(c) ((c) & 0x1f)

static const struct key_binding key_table[] = {
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
	/* Board: the commander runs the assignments from here. */
	{'a', "a", ACT_ASSIGN, PANE_BOARD, NEED_COMMANDER,
	    "Board: assign someone: who, for what, do what"},
	{'r', "r", ACT_REASSIGN, PANE_BOARD, NEED_COMMANDER,
	    "Board: reassign the selected responder"},
	{'+', "+", ACT_JOIN, PANE_BOARD, NEED_COMMANDER,
	    "Board: add a responder (name, role)"},
	{'c', "c", ACT_CHECKIN, PANE_BOARD, NEED_COMMANDER,
	    "Board: the selected responder checked in"},
	{'d', "d", ACT_DONE, PANE_BOARD, NEED_COMMANDER,
	    "Board: the selected assignment is done"},
	{'p', "p", ACT_DROP, PANE_BOARD, NEED_COMMANDER,
	    "Board: drop the selected assignment"},
	{'x', "x", ACT_DISMISS, PANE_BOARD, NEED_COMMANDER,
	    "Board: dismiss the selected responder"},
	{'X', "X", ACT_DISMISS_IDLE, PANE_BOARD, NEED_COMMANDER,
	    "Board: dismiss every idle responder at once"},
	{'i', "i", ACT_INTERVAL, PANE_BOARD, NEED_COMMANDER,
	    "Board: set the check-in interval"},
	{'H', "H", ACT_HANDOFF, PANE_BOARD, NEED_COMMANDER,
	    "Board: hand command to the selected responder"},
	{'P', "P", ACT_PHASE_NEXT, PANE_PHASE, NEED_COMMANDER,
	    "Phase: move on to the next phase"},
	/* Phase: the commander's Phase-pane keys, the status-update composer,
	 * decisions, sign-offs, releases and flags. */
	{'p', "p", ACT_PHASE_SET, PANE_PHASE, NEED_COMMANDER,
	    "Phase: choose the phase (moving back asks why)"},
	{'s', "s", ACT_SEVERITY, PANE_PHASE, NEED_COMMANDER,
	    "Phase: change the severity"},
	{'i', "i", ACT_IMPACT, PANE_PHASE, NEED_COMMANDER,
	    "Phase: set the impact and its scope"},
	{'t', "t", ACT_COMMS, PANE_PHASE, NEED_COMMANDER,
	    "Phase: set what users have been told"},
	{'a', "a", ACT_APPROVE, PANE_PHASE, NEED_TIMELINE,
	    "Phase: approve the selected decision (if it names you)"},
	{'r', "r", ACT_REJECT, PANE_PHASE, NEED_TIMELINE,
	    "Phase: reject the selected decision (if it names you)"},
	{'R', "R", ACT_DEPLOY, PANE_PHASE, NEED_COMMANDER,
	    "Phase: record a deploy and its rollback-safe mark"},
	{'F', "F", ACT_FLAG, PANE_PHASE, NEED_COMMANDER,
	    "Phase: record a feature flag turned on or off"},
	{'B', "B", ACT_BEGAN, PANE_PHASE, NEED_COMMANDER,
	    "Phase: when impact began (so time to detect is known)"},
	{'u', "u", ACT_COMPOSE, -1, NEED_COMMANDER,
	    "write a status update (headed by the phase)"},
	{'D', "D", ACT_DECIDE, -1, NEED_COMMANDER,
	    "record a decision: reason, risk, sign-off, checklist"},
	/* The Metrics pane and the incident list (reading only). */
	{'w', "w", ACT_METRIC_WINDOW, PANE_METRICS, NEED_NONE,
	    "Metrics: next time window (5m, 15m, 1h, 6h)"},
	{'+', "+", ACT_METRIC_SHORTER, PANE_METRICS, NEED_NONE,
	    "Metrics: a shorter window"},
	{'-', "-", ACT_METRIC_LONGER, PANE_METRICS, NEED_NONE,
	    "Metrics: a longer window"},
	{'\r', "Enter", ACT_METRIC_DETAIL, PANE_METRICS, NEED_NONE,
	    "Metrics: the selected series in detail (h/l cursor, Esc)"},
	{KEY_ENTER, "Enter", ACT_METRIC_DETAIL, PANE_METRICS, NEED_NONE, NULL},
	{'I', "I", ACT_INCIDENTS, -1, NEED_NONE,
	    "list incidents; Enter switches the screen to one"},
	{'J', "J", ACT_INCIDENT_NEW, -1, NEED_NONE,
	    "show the incident the notice says was just declared"},
	/* The scribe's timeline (n above opens the quick entry). */
	{'a', "a", ACT_TL_ADD, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: add an entry (kind, time, source, confidence)"},
	{'e', "e", ACT_TL_EDIT, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: edit the selected entry (text, time, kind...)"},
	{'\r', "Enter", ACT_TL_EXPAND, PANE_TIMELINE, NEED_NONE,
	    "Timeline: on a fold, show its routine entries; else edit"},
	{KEY_ENTER, "", ACT_TL_EXPAND, PANE_TIMELINE, NEED_NONE, NULL},
	{'o', "o", ACT_TL_UNFOLD, PANE_TIMELINE, NEED_NONE,
	    "Timeline: show every routine entry (check-ins, joins), or fold "
	    "them again"},
	{'d', "d", ACT_TL_DELETE, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: delete the selected entry (history kept; a decision "
	    "or another's entry asks why and stays as a tombstone)"},
	{'U', "U", ACT_TL_UNDELETE, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: bring back the selected deleted entry (a tombstone)"},
	{'h', "h", ACT_TL_HISTORY, PANE_TIMELINE, NEED_NONE,
	    "Timeline: every version of the selected entry"},
	{'f', "f", ACT_TL_FILTER, PANE_TIMELINE, NEED_NONE,
	    "Timeline: show one kind only (cycles; all again at the end)"},
	{'/', "/", ACT_TL_SEARCH, PANE_TIMELINE, NEED_NONE,
	    "Timeline: search (older first); N next, B previous"},
	{'N', "N", ACT_TL_NEXT, PANE_TIMELINE, NEED_NONE, NULL},
	{'B', "B", ACT_TL_PREV, PANE_TIMELINE, NEED_NONE, NULL},
	{'p', "p", ACT_TL_PIN, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: pin or unpin the selected entry (shown at the top)"},
	{'t', "t", ACT_TL_JUMP, PANE_TIMELINE, NEED_NONE,
	    "Timeline: jump to a time (13:58, -10m)"},
	{'F', "F", ACT_TL_FOLLOW, PANE_TIMELINE, NEED_NONE,
	    "Timeline: follow the newest entries, or stop following"},
	/* The retrospective; its own keys show in the view. */
	{'A', "A", ACT_RETRO, -1, NEED_NONE,
	    "Retrospective: actions by category (once resolved)"},
	{'R', "R", ACT_RETRO_FROM_ENTRY, PANE_TIMELINE, NEED_TIMELINE,
	    "Timeline: turn the selected entry into an action"},
	{'z', "z", ACT_SNOOZE, -1, NEED_COMMANDER,
	    "snooze the reminder for 10 minutes (logged)"},
	{'S', "S", ACT_UPDATE_RETRY, PANE_PHASE, NEED_COMMANDER,
	    "Phase: send the oldest failed status update again"},
	{'x', "x", ACT_UPDATE_DROP, PANE_PHASE, NEED_COMMANDER,
	    "Phase: give up the oldest failed status update"},
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
