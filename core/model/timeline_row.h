/* timeline_row.h: reading entry rows, for core modules that query the entry
 * table themselves (export). Includes sqlite3.h: never include it in tui/. */
#ifndef WR_TIMELINE_ROW_H
#define WR_TIMELINE_ROW_H

#include <sqlite3.h>

#include "model/model.h"

#define ENTRY_COLUMNS                                                    \
	"SELECT id, incident_id, event_time, recorded, author, kind, text, " \
	"source, confidence, version, deleted, edited, edited_by, tomb_at, "   \
	"tomb_by, tomb_reason FROM entry "

/* Fill e from a row selected with ENTRY_COLUMNS (caller clears e). */
void timeline_entry_row(sqlite3_stmt *s, struct entry *e);
#endif
