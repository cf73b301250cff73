/* phase_history.h: the phase history of an incident as rows (table
 * phase_change): the declaration, then every change of phase, each with
 * the timeline entry that tells people about it. */
#ifndef WR_PHASE_HISTORY_H
#define WR_PHASE_HISTORY_H

#include <stdint.h>

#include "model/model.h"

struct store;

/* One phase change. */
struct phase_change {
	int64_t at;
	int from, to;     /* enum phase; from -1 for the declaration */
	int64_t entry_id; /* 0 for the declaration when it has no entry */
	char *by;
	char *note;       /* NULL if none */
};

/* Record the change told by timeline entry entry_id (its time and author
 * are the change's), in the open transaction; from -1 is the declaration.
 * 0 or -1 with err. */
int phase_history_record(struct store *st, int64_t entry_id, int from,
    int to, const char *note, char *err);
/* The same for a change with no entry (entry_id 0), at and by given. */
int phase_history_record_at(struct store *st, int64_t incident_id,
    int64_t entry_id, int from, int to, int64_t at, const char *by,
    const char *note, char *err);
/* The phase history of inc, oldest first, the declaration first (at the
 * incident's detection; by its commander when its entry is gone). Changes
 * whose entry was deleted are left out. Caller frees with
 * phase_history_free. */
int phase_history_list(struct store *st, const struct incident *inc,
    struct phase_change **out, int *n, char *err);
void phase_history_free(struct phase_change *list, int n);
#endif
