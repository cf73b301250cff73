/* keymap.h: key tables. Each mode of the screen (the panes, and every
 * overlay over them) looks its keys up in its own table, and the help
 * overlay prints the table of the mode it is opened in, so the help
 * cannot drift from what the keys do. */
#ifndef WR_KEYMAP_H
#define WR_KEYMAP_H

/* Every key maps to one action: the panes' (screen/keys.c) and those of
 * the overlays, each in its own table. */
#define ACTIONS(X)                                                       \
	X(ACT_NONE, "none")                                              \
	X(ACT_QUIT, "quit")                                              \
	X(ACT_HELP, "help")                                              \
	X(ACT_FOCUS_NEXT, "focus-next")                                  \
	X(ACT_FOCUS_PREV, "focus-prev")                                  \
	X(ACT_FOCUS_PHASE, "focus-phase")                                \
	X(ACT_FOCUS_BOARD, "focus-board")                                \
	X(ACT_FOCUS_METRICS, "focus-metrics")                            \
	X(ACT_FOCUS_TIMELINE, "focus-timeline")                          \
	X(ACT_REDRAW, "redraw")                                          \
	X(ACT_UP, "up")                                                  \
	X(ACT_DOWN, "down")                                              \
	X(ACT_PAGE_UP, "page-up")                                        \
	X(ACT_PAGE_DOWN, "page-down")                                    \
	X(ACT_TOP, "top")                                                \
	X(ACT_BOTTOM, "bottom")                                          \
	X(ACT_NOTE, "note")                                              \
	X(ACT_CHECKIN, "checkin")                                        \
	X(ACT_DISMISS_IDLE, "dismiss-idle")                              \
	X(ACT_PHASE_NEXT, "phase-next")                                  \
	/* Phase: commander keys, composer, decisions, releases */     \
	X(ACT_PHASE_SET, "phase-set")                                    \
	X(ACT_SEVERITY, "severity")                                      \
	X(ACT_IMPACT, "impact")                                          \
	X(ACT_COMMS, "comms")                                            \
	X(ACT_COMPOSE, "compose")                                        \
	X(ACT_DECIDE, "decide")                                          \
	X(ACT_APPROVE, "approve")                                        \
	X(ACT_REJECT, "reject")                                          \
	X(ACT_DEPLOY, "deploy")                                          \
	X(ACT_FLAG, "flag")                                    \
	X(ACT_BEGAN, "began")                                            \
	/* Board */                                                      \
	X(ACT_ASSIGN, "assign")                                          \
	X(ACT_REASSIGN, "reassign")                                      \
	X(ACT_JOIN, "join")                                              \
	X(ACT_DONE, "done")                                              \
	X(ACT_DROP, "drop")                                              \
	X(ACT_DISMISS, "dismiss")                                        \
	X(ACT_INTERVAL, "interval")                               \
	X(ACT_HANDOFF, "handoff")                                        \
	/* the Metrics pane and the incident list */                     \
	X(ACT_METRIC_WINDOW, "metric-window")                            \
	X(ACT_METRIC_SHORTER, "metric-shorter")                          \
	X(ACT_METRIC_LONGER, "metric-longer")                            \
	X(ACT_METRIC_DETAIL, "metric-detail")                            \
	X(ACT_VIEW, "view")                                              \
	X(ACT_INCIDENTS, "incidents")                                 \
	X(ACT_INCIDENT_NEW, "incident-new")                              \
	/* the scribe's timeline */                                      \
	X(ACT_TL_ADD, "timeline-add")                                    \
	X(ACT_TL_EDIT, "timeline-edit")                                  \
	X(ACT_TL_DELETE, "timeline-delete")                              \
	X(ACT_TL_UNDELETE, "timeline-undelete")                          \
	X(ACT_TL_HISTORY, "timeline-history")                            \
	X(ACT_TL_FILTER, "timeline-filter")                              \
	X(ACT_TL_SEARCH, "timeline-search")                              \
	X(ACT_TL_NEXT, "timeline-next-match")                            \
	X(ACT_TL_PREV, "timeline-prev-match")                            \
	X(ACT_TL_JUMP, "timeline-jump")                                  \
	X(ACT_TL_FOLLOW, "timeline-follow")                              \
	X(ACT_TL_PIN, "timeline-pin")                                    \
	X(ACT_TL_EXPAND, "timeline-expand")                              \
	X(ACT_TL_UNFOLD, "timeline-unfold")                              \
	/* the Retrospective view; an entry turned into an action */     \
	X(ACT_RETRO, "retrospective")                                    \
	X(ACT_RETRO_FROM_ENTRY, "retro-from-entry")                      \
	/* the tracks: reminders and failed updates */                    \
	X(ACT_SNOOZE, "snooze")                                          \
	X(ACT_UPDATE_RETRY, "update-retry")                              \
	X(ACT_UPDATE_DROP, "update-drop")                                \
	/* in the overlays */                                            \
	X(ACT_CLOSE, "close")                                            \
	X(ACT_PICK, "pick")                                              \
	X(ACT_NUMBER, "number")                                          \
	X(ACT_LEFT, "left")                                              \
	X(ACT_RIGHT, "right")                                            \
	X(ACT_EDIT, "edit")                                              \
	X(ACT_OWNER, "owner")                                            \
	X(ACT_DUE, "due")                                                \
	X(ACT_YES, "yes")                                                \
	X(ACT_NO, "no")                                                  \
	X(ACT_NA, "n/a")                                                 \
	X(ACT_BACK, "back")                                              \
	X(ACT_ADD, "add")                                                \
	X(ACT_PREVIEW, "preview")                                        \
	X(ACT_TEMPLATE, "template")                                      \
	X(ACT_SEND, "send")

#define ACT_ENUM(id, name) id,
enum tui_action { ACTIONS(ACT_ENUM) ACT_COUNT };
#undef ACT_ENUM

/* Who may use a key. */
enum key_need {
	NEED_NONE,     /* anyone, viewers included */
	NEED_TIMELINE, /* writes the timeline: scribe or commander */
	NEED_COMMANDER /* commander only */
};

struct key_binding {
	int key;           /* a curses key code or a character */
	const char *name;  /* as the help shows it */
	enum tui_action act;
	int pane;          /* PANE_*, or -1 for every pane */
	enum key_need need;
	const char *help;  /* NULL: same action as the line above */
	/* The key bar under the panes (the panes' table only): 0 leaves
	 * the key out; 1 is the most useful, shown first and dropped
	 * last when the line is short; bar_name is its word there. */
	int bar;
	const char *bar_name;
};

/* The keys of one mode. */
struct keymap {
	const char *title; /* the help's title */
	const struct key_binding *keys;
	int n;
};

#define KEYMAP(title, table) \
	{title, table, (int)(sizeof table / sizeof table[0])}

/* The binding of a key (is_code: a curses code) in pane (-1: any), or
 * NULL. */
const struct key_binding *keymap_find(const struct keymap *m, int key,
    int is_code, int pane);
#endif
