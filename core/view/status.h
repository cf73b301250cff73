/* status.h: the read model of `warroom status`: everything it shows of
 * one incident, loaded at once, and the incident as JSON for scripts. The
 * text for people is written by the command line (core/cli/). */
#ifndef WR_STATUS_H
#define WR_STATUS_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "model/model.h"

struct store;
struct decision;
struct release;
struct responder;

#define STATUS_TIMELINE_MAX 200 /* newest entries included */
#define STATUS_RELEASES_MAX 10  /* newest deploys and flag changes */

/* Everything status shows. */
struct status_data {
	struct incident inc;
	struct responder *board;
	int nboard;
	struct entry *tl;     /* oldest first, the newest STATUS_TIMELINE_MAX */
	int ntl;
	int64_t total;        /* live timeline entries */
	struct decision *dec; /* newest first */
	int ndec;
	struct release *rel;  /* newest first, at most STATUS_RELEASES_MAX */
	int nrel;
	char **watching;      /* viewers watching (store/presence.h) */
	int nwatching;
};

/* Load incident inc as of now: 0 with *d filled (release with
 * status_free), or -1 with err. */
int status_load(struct store *st, int64_t inc, int64_t now,
    struct status_data *d, char *err);
void status_free(struct status_data *d);

/* The whole status as a JSON document (json_string); caller frees; NULL
 * with err. */
char *status_json(struct store *st, int64_t inc, int64_t now, char *err);
/* The incident's own fields as a JSON object (caller deletes). */
cJSON *status_incident_json(const struct incident *i);
/* A decision (reason, risk, sign-off, checklist answers, release) as a
 * JSON object (caller deletes); for export too. */
cJSON *status_decision_json(const struct decision *d);
#endif
