/* status.h: the incident as text for people and as JSON for scripts. */
#ifndef WR_STATUS_H
#define WR_STATUS_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "model/model.h"

struct store;
struct decision;
struct release;

#define STATUS_TIMELINE_MAX 200 /* newest entries included */
#define STATUS_RELEASES_MAX 10  /* newest deploys and flag changes */

/* Caller frees; NULL with err. */
char *status_json(struct store *st, int64_t inc, int64_t now, char *err);
char *status_text(struct store *st, int64_t inc, int64_t now, char *err);
/* The incident's own fields as a JSON object (caller deletes). */
cJSON *status_incident_json(const struct incident *i);
cJSON *status_entry_json(const struct entry *e);
/* A decision (reason, risk, sign-off, checklist answers, release) and a
 * release or flag change as JSON objects (caller deletes); for export too. */
cJSON *status_decision_json(const struct decision *d);
cJSON *status_release_json(const struct release *r);
#endif
