/* status.h: the incident as text for people and as JSON for scripts. */
#ifndef WR_STATUS_H
#define WR_STATUS_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "model.h"

struct store;

#define STATUS_TIMELINE_MAX 200 /* newest entries included */

/* Caller frees; NULL with err. */
char *status_json(struct store *st, int64_t inc, int64_t now, char *err);
char *status_text(struct store *st, int64_t inc, int64_t now, char *err);
/* The incident's own fields as a JSON object (caller deletes). */
cJSON *status_incident_json(const struct incident *i);
cJSON *status_entry_json(const struct entry *e);
#endif
