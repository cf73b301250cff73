/* timeline_row.h: reading entry rows, for core modules that query the entry
 * table themselves (export). Includes sqlite3.h: never include it in tui/. */
#ifndef WR_TIMELINE_ROW_H
#define WR_TIMELINE_ROW_H

#include <sqlite3.h>

#include "model/model.h"

#define ENTRY_COLUMNS                                                    \
	"SELECT id, incident_id, event_time, recorded, author, kind, text, " \
	"source, confidence, version, deleted, edited, edited_by, tomb_at, "   \
	"tomb_by, tomb_reason, pinned_at, pinned_by, routine, who "          \
	"FROM entry LEFT JOIN entry_routine ON entry_id = entry.id "

/* The versions an entry had, in ENTRY_COLUMNS order, from entry_history
 * as h: when a version was replaced (changed) reads as its recorded and
 * edited time, who replaced it as edited_by; the incident is not known
 * (0); an old version is never pinned (a pin is on the entry). */
#define ENTRY_HISTORY_COLUMNS                                             \
	"SELECT h.entry_id, 0, h.event_time, h.changed, h.author, h.kind, " \
	"h.text, h.source, h.confidence, h.version, h.deleted, h.changed, " \
	"h.changed_by, h.tomb_at, h.tomb_by, h.tomb_reason, 0, NULL, "    \
	"NULL, NULL "                                                     \
	"FROM entry_history h "

/* Fill e from a row selected with ENTRY_COLUMNS or ENTRY_HISTORY_COLUMNS
 * (caller clears e); a row without the last two (the routine mark) reads
 * as unmarked. */
void timeline_entry_row(sqlite3_stmt *s, struct entry *e);

/* The statement timeline_page runs for dir (> 0 after the key, < 0
 * before it), in ENTRY_COLUMNS order: ?1 incident, ?2 kind or NULL, ?3
 * text or NULL, ?4 and ?5 the key's time and id, ?6 the limit. For tests
 * and the bench, which read its query plan and time it. */
const char *timeline_page_sql(int dir);
#endif
