/* alertmanager.h: polling Prometheus Alertmanager's API v2 ([alertmanager]
 * url, matchers, severity_label, severity): its firing alerts go to the
 * open incidents' timelines once and to the firing set the screens propose
 * to declare from (model/alert.h). */
#ifndef WR_ALERTMANAGER_H
#define WR_ALERTMANAGER_H

#include <stdint.h>

struct store;
struct config;
struct alert;

#define ALERTMANAGER_ANSWER_MAX (4 << 20)

/* One poll: GET /api/v2/alerts (active, not silenced or inhibited, each
 * matcher of the config as a filter) and record what it says. 0 also when
 * no url is configured; -1 with err (nothing recorded: an alert that
 * could not be read is not taken as resolved). */
int alertmanager_poll(struct store *st, const struct config *cf, int64_t now,
    char *err);
/* Read an API v2 answer (a JSON list of alerts) with the config's
 * severity mapping: the alerts sorted by start then fingerprint (caller
 * frees with alert_list_free) and their count, or -1 with err. */
int alertmanager_parse(const char *json, const struct config *cf,
    struct alert **out, char *err);
/* For config check: does base answer (GET /api/v2/status), is it
 * Alertmanager (its status has versionInfo and cluster), and does it take
 * the matchers (a GET of the alerts with them; Alertmanager answers 400
 * and why to one it cannot parse)? Returns one of these, with a line in
 * what (ERR_LEN): the version, or why. A password in base may appear in
 * what only as libcurl quotes it: the caller hides it. */
enum {
	ALERTMANAGER_OK,
	ALERTMANAGER_UNREACHABLE,
	ALERTMANAGER_NOT_IT,
	ALERTMANAGER_BAD_MATCHER,
};
int alertmanager_probe(const char *base, const char *matchers, int timeout_s,
    char *what);
/* Alertmanager's time ("2026-11-30T10:02:00.123Z", or with +09:00): 0 with
 * *t in epoch seconds, or -1. */
int alertmanager_time(const char *s, int64_t *t);
#endif
