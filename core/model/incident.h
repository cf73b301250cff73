/* incident.h: incidents, their phase and the impact/communication track. */
#ifndef WR_INCIDENT_H
#define WR_INCIDENT_H

#include <stdint.h>

#include "model/model.h"

struct store;

/* Declare a new incident; detected_at 0 means now. Returns its id, or -1. */
int64_t incident_declare(struct store *st, const char *title, int severity,
    const char *commander, int64_t detected_at, char *err);
/* 0 with *out filled (caller clears), -1 with err. */
int incident_load(struct store *st, int64_t id, struct incident *out,
    char *err);
/* The incident acted on when none is named (incident_pick.h): its id; 0
 * if there is none yet; -1 with err when it is not clear which (err lists
 * them) or on error. */
int64_t incident_current(struct store *st, char *err);
/* All incidents, newest first. *out is an array the caller frees with
 * incident_list_free. */
int incident_list(struct store *st, struct incident **out, int *n, char *err);
void incident_list_free(struct incident *list, int n);

/* Each change below is one transaction that also writes a timeline entry. */
int incident_set_phase(struct store *st, int64_t id, int phase,
    const char *note, const char *by, char *err);
int incident_set_severity(struct store *st, int64_t id, int severity,
    const char *by, char *err);
int incident_set_impact(struct store *st, int64_t id, int impact,
    const char *scope, const char *by, char *err);
int incident_set_comms(struct store *st, int64_t id, int comms,
    const char *by, char *err);
/* In the open transaction: an update for users (id update_id, headed by
 * phase) was delivered at when: set users told (the first), updated (later
 * ones) or told of recovery (phase recovered or later), with the time and a
 * timeline entry. */
int incident_users_told_tx(struct store *st, int64_t id, int64_t update_id,
    int phase, int64_t when, char *err);
int incident_set_intervals(struct store *st, int64_t id, int checkin_secs,
    int update_secs, const char *by, char *err);

/* When impact began (at or before detection), so time to detect is
 * known. 0 or -1 with err. */
int incident_set_began(struct store *st, int64_t id, int64_t began,
    const char *by, char *err);
/* How long before detection the incident's releases and flag changes
 * reach (seconds, 0..INCIDENT_WINDOW_MAX). 0 or -1 with err. */
#define INCIDENT_WINDOW_DEFAULT 86400
#define INCIDENT_WINDOW_MAX 86400
int incident_set_window(struct store *st, int64_t id, int64_t secs,
    const char *by, char *err);
#endif
