/* board_row.h: reading responder rows, for core modules that query the
 * responder table themselves (export). Includes sqlite3.h: never include
 * it in tui/. */
#ifndef WR_BOARD_ROW_H
#define WR_BOARD_ROW_H

#include <sqlite3.h>

#include "model/model.h"

/* The select list of a responder as r, in board_responder_row's order;
 * a query may add columns after it. */
#define RESPONDER_COLUMNS "r.id, r.name, r.role, r.state, r.joined, " \
	"r.last_checkin"

/* Fill r from the first columns of a row selected with RESPONDER_COLUMNS
 * (caller zeroes r first and clears it after). */
void board_responder_row(sqlite3_stmt *s, struct responder *r);
#endif
