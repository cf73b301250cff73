/* role.c: who holds which role in an incident's response, read from the
 * store; see role.h. */
#include "model/role.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "model/model.h"
#include "store/store.h"

/* The commander inc names (NULL: none yet) in *out; 0, or -1 with err
 * (also when there is no such incident). */
int
role_commander(struct store *st, int64_t inc, char **out, char *err)
{
	static const char sql[] = "SELECT commander FROM incident WHERE id = ?1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	*out = NULL;
	sqlite3_bind_int64(s, 1, inc);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = store_col_text(s, 0);
	else if (rc == SQLITE_DONE)
		err_set(err, "no incident %lld", (long long)inc);
	else
		store_err(st, "reading the incident", err);
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
role_of(struct store *st, int64_t inc, const char *actor, char *err)
{
	static const char sql[] = "SELECT role FROM responder WHERE "
	    "incident_id = ?1 AND name = ?2 AND state <> 'dismissed'";
	sqlite3_stmt *s;
	char *cmd;
	int rc, role = -1;

	if (role_commander(st, inc, &cmd, err) != 0)
		return -2;
	if (cmd != NULL && strcmp(cmd, actor) == 0) {
		free(cmd);
		return ROLE_COMMANDER;
	}
	free(cmd);
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_text(s, 2, actor, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		role = enum_parse(role_names, ROLE_COUNT,
		    (const char *)sqlite3_column_text(s, 0));
		/* Only the incident's commander commands: a stale second
		 * 'commander' row (an old database) counts as a responder. */
		if (role < 0 || role == ROLE_COMMANDER)
			role = ROLE_RESPONDER;
	} else if (rc != SQLITE_DONE) {
		store_err(st, "reading the board", err);
		role = -2;
	}
	store_done(s);
	return role;
}

int
role_is_commander(struct store *st, int64_t inc, const char *who,
    char *err)
{
	int role;

	if (who == NULL)
		return 0;
	role = role_of(st, inc, who, err);
	return role == -2 ? -1 : role == ROLE_COMMANDER;
}

