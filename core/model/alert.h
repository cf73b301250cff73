/* alert.h: alerts from Alertmanager as the database keeps them: what fires
 * now (a proposal to declare, declare --from-alert), and each incident's
 * timeline entries of its alerts, written once (fingerprint and start
 * time) with their resolution once. The agent (agent/alertmanager.c)
 * fetches them; nothing here talks to the network. */
#ifndef WR_ALERT_H
#define WR_ALERT_H

#include <stdint.h>

struct store;

#define ALERT_SOURCE "alertmanager" /* source and author of its entries */
#define ALERT_MAX 1000              /* alerts read in one poll */
#define ALERT_TITLE_MAX 200         /* bytes of a title, as an incident's */

/* One firing alert. */
struct alert {
	char *fingerprint;
	char *name;    /* the alertname label ("" when none) */
	char *labels;  /* "k=v, k=v", in Alertmanager's order */
	char *summary; /* the summary (else description) annotation, or "" */
	int64_t starts_at;
	int severity; /* enum severity from the config's mapping, -1 none */
};
void alert_clear(struct alert *a);
void alert_list_free(struct alert *list, int n);

/* One successful poll: alerts (n of them) fire now. In one transaction:
 * each open incident's timeline gets an event for every alert it has not
 * told of (event time its start), an alert told of that no longer fires
 * gets its resolution (at now), and the firing set is replaced. Nothing is
 * committed when nothing changed. Returns the entries written, or -1. */
int alert_poll_record(struct store *st, const struct alert *alerts, int n,
    int64_t now, char *err);

/* The firing alert with fingerprint fp: 1 with *out filled (caller
 * clears), 0 when none fires with it, -1 with err. */
int alert_firing_get(struct store *st, const char *fp, struct alert *out,
    char *err);
/* The firing alerts, oldest start first (caller frees with
 * alert_list_free); -1 with err. */
int alert_firing_list(struct store *st, struct alert **out, char *err);
/* The title an incident declared from a gets: its summary, else its name,
 * else its fingerprint, cut to ALERT_TITLE_MAX bytes. Caller frees. */
char *alert_title(const struct alert *a);
#endif
