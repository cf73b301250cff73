/* import_check.c: reading a JSON export (docs/export-schema.md) into a
 * struct pm. The file is untrusted: every field is checked and every text
 * sanitized before anything is written. */
#include "report/import.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "model/action.h"
#include "report/export_data.h"
#include "model/incident.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"

#define IMPORT_TIME_MAX 253402300799LL /* 9999-12-31T23:59:59Z */
#define IMPORT_ID_MAX 9007199254740992LL /* 2^53: exact in a double */
#define IMPORT_NOT_SENT "imported while queued: not sent from this database"

/* Where in the document we are, for one-line errors: "timeline[3]". */
struct ip {
	char where[64];
	char *err;
	struct time_rule rule; /* what every time in the document must meet */
};

static void
ip_at(struct ip *ip, const char *array, int i)
{
	if (i < 0)
		snprintf(ip->where, sizeof ip->where, "%s", array);
	else
		snprintf(ip->where, sizeof ip->where, "%s[%d]", array, i);
}

static int
ip_fail(struct ip *ip, const char *key, const char *what)
{
	err_set(ip->err, "import: %s.%s: %s", ip->where, key, what);
	return -1;
}

static const cJSON *
ip_get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* A string field. max bytes, flags for the sanitizer; null (or missing)
 * gives NULL when nullable, nonempty refuses "". */
static int
ip_str(struct ip *ip, const cJSON *o, const char *key, size_t max, int flags,
    int nullable, int nonempty, char **out)
{
	const cJSON *v = ip_get(o, key);
	char err[ERR_LEN];

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v)) {
		if (nullable)
			return 0;
		return ip_fail(ip, key, v ? "must not be null" : "is missing");
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return ip_fail(ip, key, "must be a string");
	if (text_check(v->valuestring, max, "text", err) != 0)
		return ip_fail(ip, key, strncmp(err, "text is ", 8) == 0
		    ? err + 8 : err);
	if (nonempty && str_empty(v->valuestring))
		return ip_fail(ip, key, "must not be empty");
	*out = text_sanitize(v->valuestring, strlen(v->valuestring), max,
	    flags);
	return 0;
}

static int
ip_name(struct ip *ip, const cJSON *o, const char *key, int nullable,
    char **out)
{
	return ip_str(ip, o, key, TEXT_NAME_MAX, 0, nullable, 0, out);
}

static int
ip_line(struct ip *ip, const cJSON *o, const char *key, int nullable,
    char **out)
{
	return ip_str(ip, o, key, TEXT_MAX, 0, nullable, 0, out);
}

static int
ip_text(struct ip *ip, const cJSON *o, const char *key, char **out)
{
	return ip_str(ip, o, key, TEXT_MAX, TEXT_MULTILINE, 0, 0, out);
}

/* d is a whole number in [min, max]; range first, so the cast is defined. */
static int
ip_whole(double d, int64_t min, int64_t max)
{
	return isfinite(d) && d >= (double)min && d <= (double)max &&
	    d == (double)(int64_t)d;
}

static int
ip_int(struct ip *ip, const cJSON *o, const char *key, int64_t min,
    int64_t max, int64_t *out)
{
	const cJSON *v = ip_get(o, key);
	double d;

	if (v == NULL)
		return ip_fail(ip, key, "is missing");
	if (!cJSON_IsNumber(v))
		return ip_fail(ip, key, "must be a number");
	d = v->valuedouble;
	if (!ip_whole(d, min, max))
		return ip_fail(ip, key, "is out of range or not a whole number");
	*out = (int64_t)d;
	return 0;
}

static int
ip_int32(struct ip *ip, const cJSON *o, const char *key, int min, int max,
    int *out)
{
	int64_t v;

	if (ip_int(ip, o, key, min, max, &v) != 0)
		return -1;
	*out = (int)v;
	return 0;
}

/* An id: a positive whole number; null gives 0 when nullable. */
static int
ip_id(struct ip *ip, const cJSON *o, const char *key, int nullable,
    int64_t *out)
{
	const cJSON *v = ip_get(o, key);

	*out = 0;
	if (nullable && (v == NULL || cJSON_IsNull(v)))
		return 0;
	return ip_int(ip, o, key, 1, IMPORT_ID_MAX, out);
}

static int
ip_bool(struct ip *ip, const cJSON *o, const char *key, int *out)
{
	const cJSON *v = ip_get(o, key);

	if (!cJSON_IsBool(v))
		return ip_fail(ip, key, v ? "must be true or false"
		    : "is missing");
	*out = cJSON_IsTrue(v);
	return 0;
}

static int
ip_enum(struct ip *ip, const cJSON *o, const char *key,
    const char *const *names, int n, int *out)
{
	const cJSON *v = ip_get(o, key);
	int i;

	if (!cJSON_IsString(v))
		return ip_fail(ip, key, v ? "must be a string" : "is missing");
	/* Exactly as written by export: no case folding. */
	for (i = 0; i < n; i++)
		if (strcmp(names[i], v->valuestring) == 0) {
			*out = i;
			return 0;
		}
	return ip_fail(ip, key, "has an unknown value");
}

/* An enum kept as its string (tables without a model enum). */
static int
ip_enum_str(struct ip *ip, const cJSON *o, const char *key,
    const char *const *names, int n, char **out)
{
	int i;

	*out = NULL;
	if (ip_enum(ip, o, key, names, n, &i) != 0)
		return -1;
	*out = xstrdup(names[i]);
	return 0;
}

static int
ip_digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Exactly "YYYY-MM-DDTHH:MM:SSZ" as time_iso writes it. 0 or -1. */
static int
ip_parse_iso(const char *s, int64_t *out)
{
	struct tm tm = {0}, back;
	int y, mo, d, h, mi, se;
	time_t t;

	if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    ip_digits(s, 4, &y) || ip_digits(s + 5, 2, &mo) ||
	    ip_digits(s + 8, 2, &d) || ip_digits(s + 11, 2, &h) ||
	    ip_digits(s + 14, 2, &mi) || ip_digits(s + 17, 2, &se))
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || se > 59)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	/* Reject dates that do not exist (Feb 30 would roll over). */
	if (t == (time_t)-1 || t <= 0 || gmtime_r(&t, &back) == NULL ||
	    back.tm_mday != d || back.tm_mon != mo - 1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

/* A time; null (or missing) gives 0 when nullable. */
static int
ip_time(struct ip *ip, const cJSON *o, const char *key, int nullable,
    int64_t *out)
{
	const cJSON *v = ip_get(o, key);
	char err[ERR_LEN];

	*out = 0;
	if (v == NULL || cJSON_IsNull(v)) {
		if (nullable)
			return 0;
		return ip_fail(ip, key, v ? "must not be null" : "is missing");
	}
	if (!cJSON_IsString(v) || ip_parse_iso(v->valuestring, out) != 0)
		return ip_fail(ip, key, "must be a time as "
		    "YYYY-MM-DDTHH:MM:SSZ");
	if (time_check(*out, &ip->rule, "the time", err) != 0)
		return ip_fail(ip, key, err);
	return 0;
}

/* A time that may lie ahead: a due date, a planned retry. */
static int
ip_deadline(struct ip *ip, const cJSON *o, const char *key, int64_t *out)
{
	int rc;

	ip->rule.allow_future = 1;
	rc = ip_time(ip, o, key, 1, out);
	ip->rule.allow_future = 0;
	return rc;
}

/* An array member of the root; missing counts as empty. */
static int
ip_array(struct ip *ip, const cJSON *root, const char *key,
    const cJSON **out, int *n)
{
	const cJSON *v = ip_get(root, key);

	*out = NULL;
	*n = 0;
	if (v == NULL || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsArray(v)) {
		err_set(ip->err, "import: %s must be an array", key);
		return -1;
	}
	*out = v;
	*n = cJSON_GetArraySize(v);
	return 0;
}

static int
ip_object(struct ip *ip, const cJSON *o)
{
	if (!cJSON_IsObject(o)) {
		err_set(ip->err, "import: %s must be an object", ip->where);
		return -1;
	}
	return 0;
}

/* ---- the parts of the document ------------------------------------------ */

/* From here on a time is measured against the incident's detection. */
static int
ip_detected(struct ip *ip, int64_t detected)
{
	ip->rule.detected = detected;
	return 0;
}

/* When impact began and the change window (documents from before they
 * existed have neither: unknown, and the default window). */
static int
ip_incident_changes(struct ip *ip, const cJSON *o, struct incident *i)
{
	int64_t w = INCIDENT_WINDOW_DEFAULT;

	if (ip_time(ip, o, "began", 1, &i->began) != 0)
		return -1;
	if (i->began > i->detected)
		return ip_fail(ip, "began", "is after detected");
	if (ip_get(o, "change_window") != NULL && ip_int(ip, o,
	    "change_window", 0, INCIDENT_WINDOW_MAX, &w) != 0)
		return -1;
	i->change_window = w;
	return 0;
}

static int
ip_incident(struct ip *ip, const cJSON *root, struct incident *i)
{
	const cJSON *o = ip_get(root, "incident");
	int64_t v;

	ip_at(ip, "incident", -1);
	if (ip_object(ip, o) != 0)
		return -1;
	if (ip_str(ip, o, "title", TEXT_MAX, 0, 0, 1, &i->title) ||
	    ip_enum(ip, o, "severity", severity_names, SEV_COUNT,
	    &i->severity) ||
	    ip_enum(ip, o, "phase", phase_names, PHASE_COUNT, &i->phase) ||
	    ip_name(ip, o, "commander", 1, &i->commander) ||
	    ip_time(ip, o, "detected", 0, &i->detected) ||
	    ip_detected(ip, i->detected) ||
	    ip_time(ip, o, "created", 0, &i->created) ||
	    ip_time(ip, o, "phase_since", 0, &i->phase_since) ||
	    ip_time(ip, o, "recovered", 1, &i->recovered) ||
	    ip_time(ip, o, "resolved", 1, &i->resolved) ||
	    ip_enum(ip, o, "impact", impact_names, IMPACT_COUNT, &i->impact) ||
	    ip_line(ip, o, "impact_scope", 1, &i->impact_scope) ||
	    ip_enum(ip, o, "comms", comms_names, COMMS_COUNT, &i->comms) ||
	    ip_int32(ip, o, "checkin_interval", 1, 100000000,
	    &i->checkin_interval) ||
	    ip_int32(ip, o, "update_interval", 0, 100000000,
	    &i->update_interval) ||
	    ip_time(ip, o, "last_update", 1, &v) ||
	    ip_time(ip, o, "users_told", 1, &i->users_told) ||
	    ip_time(ip, o, "users_updated", 1, &i->users_updated) ||
	    ip_time(ip, o, "recovery_told", 1, &i->recovery_told) ||
	    ip_deadline(ip, o, "snooze_until", &i->snooze_until))
		return -1;
	i->last_update = v;
	return ip_incident_changes(ip, o, i);
}

static int
ip_responders(struct ip *ip, const cJSON *root, struct pm *pm)
{
	const cJSON *a, *o;
	int n, k = 0, j;

	if (ip_array(ip, root, "responders", &a, &n) != 0)
		return -1;
	pm->resp = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->resp);
	cJSON_ArrayForEach(o, a) {
		struct responder *r = &pm->resp[k];

		ip_at(ip, "responders", k);
		pm->nresp = ++k;
		if (ip_object(ip, o) ||
		    ip_str(ip, o, "name", TEXT_NAME_MAX, 0, 0, 1, &r->name) ||
		    ip_enum(ip, o, "role", role_names, ROLE_COUNT, &r->role) ||
		    ip_enum(ip, o, "state", rstate_names, RSTATE_COUNT,
		    &r->state) ||
		    ip_time(ip, o, "joined", 0, &r->joined) ||
		    ip_time(ip, o, "last_checkin", 0, &r->last_checkin))
			return -1;
		for (j = 0; j < k - 1; j++)
			if (strcmp(pm->resp[j].name, r->name) == 0)
				return ip_fail(ip, "name", "appears twice");
	}
	return 0;
}

static int
ip_responder_known(const struct pm *pm, const char *name)
{
	int i;

	for (i = 0; i < pm->nresp; i++)
		if (strcmp(pm->resp[i].name, name) == 0)
			return 1;
	return 0;
}

/* The role history (absent in older exports: none). */
static int
ip_roles(struct ip *ip, const cJSON *root, struct pm *pm)
{
	const cJSON *a, *o;
	int n, k = 0;

	if (ip_array(ip, root, "roles", &a, &n) != 0)
		return -1;
	pm->roles = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->roles);
	cJSON_ArrayForEach(o, a) {
		struct role_change *r = &pm->roles[k];
		const cJSON *from;

		ip_at(ip, "roles", k);
		pm->nroles = ++k;
		r->old_role = -1;
		if (ip_object(ip, o))
			return -1;
		from = ip_get(o, "from");
		if (ip_name(ip, o, "name", 0, &r->name) ||
		    (from != NULL && !cJSON_IsNull(from) && ip_enum(ip, o,
		    "from", role_names, ROLE_COUNT, &r->old_role)) ||
		    ip_enum(ip, o, "to", role_names, ROLE_COUNT,
		    &r->new_role) ||
		    ip_time(ip, o, "at", 0, &r->at) ||
		    ip_name(ip, o, "by", 0, &r->by))
			return -1;
	}
	return 0;
}

static int
ip_assignments(struct ip *ip, const cJSON *root, struct pm *pm)
{
	const cJSON *a, *o;
	int n, k = 0;

	if (ip_array(ip, root, "assignments", &a, &n) != 0)
		return -1;
	pm->asg = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->asg);
	cJSON_ArrayForEach(o, a) {
		struct assignment *s = &pm->asg[k];

		ip_at(ip, "assignments", k);
		pm->nasg = ++k;
		if (ip_object(ip, o) ||
		    ip_name(ip, o, "responder", 0, &s->name) ||
		    ip_str(ip, o, "purpose", TEXT_MAX, 0, 0, 1, &s->purpose) ||
		    ip_str(ip, o, "task", TEXT_MAX, 0, 0, 1, &s->task) ||
		    ip_enum(ip, o, "state", astate_names, ASTATE_COUNT,
		    &s->state) ||
		    ip_time(ip, o, "created", 0, &s->created) ||
		    ip_time(ip, o, "updated", 0, &s->updated))
			return -1;
		if (!ip_responder_known(pm, s->name))
			return ip_fail(ip, "responder", "is not in responders");
	}
	return 0;
}

/* "tombstone": null (or missing), or {by, at, reason}: deleted yet shown. */
static int
ip_tomb(struct ip *ip, const cJSON *o, struct entry *e)
{
	const cJSON *t = ip_get(o, "tombstone");
	char where[sizeof ip->where];
	int rc;

	if (t == NULL || cJSON_IsNull(t))
		return 0;
	if (!cJSON_IsObject(t))
		return ip_fail(ip, "tombstone", "must be an object or null");
	memcpy(where, ip->where, sizeof where);
	snprintf(ip->where, sizeof ip->where, "%.50s.tombstone", where);
	rc = ip_str(ip, t, "by", TEXT_NAME_MAX, 0, 0, 1, &e->tomb_by) ||
	    ip_time(ip, t, "at", 0, &e->tomb_at) ||
	    ip_line(ip, t, "reason", 0, &e->tomb_reason) ? -1 : 0;
	memcpy(ip->where, where, sizeof where);
	if (rc == 0 && e->deleted)
		return ip_fail(ip, "tombstone", "an entry is deleted or a "
		    "tombstone, not both");
	return rc;
}

/* One timeline entry or one of its old versions. */
static int
ip_entry(struct ip *ip, const cJSON *o, int history, struct entry *e)
{
	int64_t v;

	if (ip_object(ip, o) ||
	    (!history && ip_id(ip, o, "id", 0, &e->id)) ||
	    ip_int(ip, o, "version", 1, 1000000, &v) ||
	    ip_time(ip, o, "time", 0, &e->event_time) ||
	    (!history && ip_time(ip, o, "recorded", 0, &e->recorded)) ||
	    ip_name(ip, o, "author", 0, &e->author) ||
	    ip_enum(ip, o, "kind", kind_names, KIND_COUNT, &e->kind) ||
	    ip_text(ip, o, "text", &e->text) ||
	    ip_str(ip, o, "source", TEXT_NAME_MAX * 2, 0, 0, 0, &e->source) ||
	    ip_enum(ip, o, "confidence", confidence_names, CONF_COUNT,
	    &e->confidence) ||
	    ip_bool(ip, o, "deleted", &e->deleted) || ip_tomb(ip, o, e))
		return -1;
	e->version = (int)v;
	if (history)
		return ip_time(ip, o, "replaced", 0, &e->edited) ||
		    ip_name(ip, o, "replaced_by", 0, &e->edited_by) ? -1 : 0;
	return ip_time(ip, o, "edited", 1, &e->edited) ||
	    ip_name(ip, o, "edited_by", 1, &e->edited_by) ? -1 : 0;
}

static int
ip_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int
ip_timeline(struct ip *ip, const cJSON *root, struct pm *pm,
    int64_t **ids)
{
	const cJSON *a, *o;
	int n, k = 0, cap = 0, i;

	if (ip_array(ip, root, "timeline", &a, &n) != 0)
		return -1;
	pm->tl = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->tl);
	*ids = xcalloc((size_t)(n > 0 ? n : 1), sizeof **ids);
	cJSON_ArrayForEach(o, a) {
		struct entry *e = &pm->tl[k];
		const cJSON *h, *ho;
		int hk = 0;

		ip_at(ip, "timeline", k);
		pm->ntl = ++k;
		if (ip_entry(ip, o, 0, e) != 0)
			return -1;
		(*ids)[k - 1] = e->id;
		h = ip_get(o, "history");
		if (h != NULL && !cJSON_IsNull(h) && !cJSON_IsArray(h))
			return ip_fail(ip, "history", "must be an array");
		cJSON_ArrayForEach(ho, h) {
			struct entry *x;

			snprintf(ip->where, sizeof ip->where,
			    "timeline[%d].history[%d]", k - 1, hk);
			if (pm->nhist == cap) {
				cap = cap ? cap * 2 : 16;
				pm->hist = xreallocarray(pm->hist, (size_t)cap,
				    sizeof *pm->hist);
			}
			x = &pm->hist[pm->nhist++];
			*x = (struct entry){0};
			if (ip_entry(ip, ho, 1, x) != 0)
				return -1;
			x->id = e->id;
			/* Old versions are older than the current one, and
			 * each appears once (the table says so too). */
			if (x->version >= e->version)
				return ip_fail(ip, "version", "is not older "
				    "than the entry's version");
			for (i = pm->nhist - 1 - hk; i < pm->nhist - 1; i++)
				if (pm->hist[i].version == x->version)
					return ip_fail(ip, "version",
					    "appears twice");
			hk++;
		}
	}
	qsort(*ids, (size_t)pm->ntl, sizeof **ids, ip_cmp_id);
	for (i = 1; i < pm->ntl; i++)
		if ((*ids)[i] == (*ids)[i - 1]) {
			err_set(ip->err, "import: timeline: entry id %lld appears "
			    "twice", (long long)(*ids)[i]);
			return -1;
		}
	return 0;
}

/* An entry_id that must name an entry of the document (0: none). */
static int
ip_ref(struct ip *ip, const cJSON *o, int nullable, const int64_t *ids,
    int nids, int64_t *out)
{
	if (ip_id(ip, o, "entry_id", nullable, out) != 0)
		return -1;
	if (*out != 0 && bsearch(out, ids, (size_t)nids, sizeof *ids,
	    ip_cmp_id) == NULL)
		return ip_fail(ip, "entry_id", "names no entry of the timeline");
	return 0;
}

/* A nested object member; null (or missing) gives NULL when nullable. */
static int
ip_member(struct ip *ip, const cJSON *o, const char *key, int nullable,
    const cJSON **out)
{
	const cJSON *v = ip_get(o, key);

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v)) {
		if (nullable)
			return 0;
		return ip_fail(ip, key, v ? "must not be null" : "is missing");
	}
	if (!cJSON_IsObject(v))
		return ip_fail(ip, key, "must be an object");
	*out = v;
	return 0;
}

/* The checklist walked for a decision: null, or {name, title, answers:
 * [{question, answer, note}]} as `warroom status --json` shows it. */
static int
ip_checklist(struct ip *ip, const cJSON *o, int di, struct decision *d)
{
	const cJSON *c, *a, *x;
	char err[ERR_LEN];
	int n, k = 0;

	if (ip_member(ip, o, "checklist", 1, &c) != 0)
		return -1;
	if (c == NULL)
		return 0;
	snprintf(ip->where, sizeof ip->where, "decisions[%d].checklist", di);
	if (ip_name(ip, c, "name", 0, &d->checklist_name) ||
	    ip_str(ip, c, "title", TEXT_MAX, 0, 0, 1, &d->checklist_title))
		return -1;
	if (*d->checklist_name != '\0' &&
	    checklist_name_check(d->checklist_name, err) != 0)
		return ip_fail(ip, "name", "is not a checklist name");
	a = ip_get(c, "answers");
	n = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
	if (!cJSON_IsArray(a) || n < 1 || n > CHECKLIST_MAX)
		return ip_fail(ip, "answers", "must be an array of 1 to 32 "
		    "answers");
	d->answers = xcalloc((size_t)n, sizeof *d->answers);
	cJSON_ArrayForEach(x, a) {
		struct decision_answer *y = &d->answers[k];

		snprintf(ip->where, sizeof ip->where,
		    "decisions[%d].checklist.answers[%d]", di, k);
		d->nanswers = ++k;
		if (ip_object(ip, x) ||
		    ip_str(ip, x, "question", TEXT_MAX, 0, 0, 1, &y->question) ||
		    ip_enum(ip, x, "answer", answer_names, ANSWER_COUNT,
		    &y->answer) ||
		    ip_line(ip, x, "note", 1, &y->note))
			return -1;
	}
	ip_at(ip, "decisions", di);
	return 0;
}

/* A blank optional string is no string. */
static void
ip_blank_null(char **s)
{
	if (*s != NULL && str_empty(*s)) {
		free(*s);
		*s = NULL;
	}
}

/* A decision's sign-off: {state, from, by, at, note}, consistent the way
 * the table requires (from exactly when a sign-off is needed) and the way
 * `warroom signoff` writes it (by and at exactly when signed). */
static int
ip_signoff(struct ip *ip, const cJSON *o, int di, struct decision *d)
{
	const cJSON *so;
	int signed_;

	if (ip_member(ip, o, "signoff", 0, &so) != 0)
		return -1;
	snprintf(ip->where, sizeof ip->where, "decisions[%d].signoff", di);
	if (ip_enum(ip, so, "state", signoff_names, SIGNOFF_COUNT,
	    &d->signoff) ||
	    ip_name(ip, so, "from", 1, &d->signoff_from) ||
	    ip_name(ip, so, "by", 1, &d->signed_by) ||
	    ip_time(ip, so, "at", 1, &d->signed_at) ||
	    ip_line(ip, so, "note", 1, &d->signoff_note))
		return -1;
	ip_blank_null(&d->signoff_from);
	ip_blank_null(&d->signed_by);
	ip_blank_null(&d->signoff_note);
	if ((d->signoff == SIGNOFF_NONE) != (d->signoff_from == NULL))
		return ip_fail(ip, "from", d->signoff == SIGNOFF_NONE ?
		    "must be null when no sign-off is needed" :
		    "must name who signs");
	signed_ = d->signoff == SIGNOFF_APPROVED ||
	    d->signoff == SIGNOFF_REJECTED;
	if (signed_ != (d->signed_by != NULL))
		return ip_fail(ip, "by", signed_ ? "must name who signed" :
		    "must be null until signed");
	if (signed_ != (d->signed_at != 0))
		return ip_fail(ip, "at", signed_ ? "must say when it was signed"
		    : "must be null until signed");
	if (!signed_ && d->signoff_note != NULL)
		return ip_fail(ip, "note", "must be null until signed");
	ip_at(ip, "decisions", di);
	return 0;
}

/* Releases first: decisions name them by id. */
static int
ip_releases(struct ip *ip, const cJSON *root, struct pm *pm,
    const int64_t *ids)
{
	static const char *const rkind[] = {"deploy", "flag"};
	const cJSON *a, *o;
	int n, k = 0, j;

	if (ip_array(ip, root, "releases", &a, &n) != 0)
		return -1;
	pm->rel = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->rel);
	cJSON_ArrayForEach(o, a) {
		struct pm_release *r = &pm->rel[k];

		ip_at(ip, "releases", k);
		pm->nrel = ++k;
		if (ip_object(ip, o) || ip_id(ip, o, "id", 0, &r->id) ||
		    ip_ref(ip, o, 1, ids, pm->ntl, &r->entry_id) ||
		    ip_enum_str(ip, o, "kind", rkind, 2, &r->kind) ||
		    ip_str(ip, o, "name", TEXT_MAX, 0, 0, 1, &r->name) ||
		    ip_line(ip, o, "value", 1, &r->value) ||
		    ip_enum_str(ip, o, "rollback_safe", safe_names, SAFE_COUNT,
		    &r->rollback_safe) ||
		    ip_time(ip, o, "at", 0, &r->at) ||
		    ip_line(ip, o, "link", 1, &r->link) ||
		    ip_name(ip, o, "author", 1, &r->author))
			return -1;
		if (r->author == NULL)
			r->author = xstrdup("?");
		if (r->value != NULL && strcmp(r->value, "on") != 0 &&
		    strcmp(r->value, "off") != 0)
			return ip_fail(ip, "value", "must be on, off or null");
		for (j = 0; j < k - 1; j++)
			if (pm->rel[j].id == r->id)
				return ip_fail(ip, "id", "appears twice");
	}
	return 0;
}

static int
ip_decisions(struct ip *ip, const cJSON *root, struct pm *pm,
    const int64_t *ids)
{
	const cJSON *a, *o, *r;
	int n, k = 0, j;

	if (ip_array(ip, root, "decisions", &a, &n) != 0)
		return -1;
	pm->dec = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->dec);
	cJSON_ArrayForEach(o, a) {
		struct decision *d = &pm->dec[k];

		ip_at(ip, "decisions", k);
		pm->ndec = ++k;
		/* time and author are the entry's: not read. */
		if (ip_object(ip, o) ||
		    ip_ref(ip, o, 0, ids, pm->ntl, &d->entry_id) ||
		    ip_str(ip, o, "text", TEXT_MAX, 0, 0, 1, &d->text) ||
		    ip_str(ip, o, "reason", TEXT_MAX, 0, 0, 1, &d->reason) ||
		    ip_line(ip, o, "risk", 0, &d->risk) ||
		    ip_signoff(ip, o, k - 1, d) ||
		    ip_line(ip, o, "override", 1, &d->override) ||
		    ip_member(ip, o, "release", 1, &r))
			return -1;
		if (r != NULL) {
			snprintf(ip->where, sizeof ip->where,
			    "decisions[%d].release", k - 1);
			if (ip_id(ip, r, "id", 0, &d->release_id) != 0)
				return -1;
			for (j = 0; j < pm->nrel; j++)
				if (pm->rel[j].id == d->release_id)
					break;
			if (j == pm->nrel)
				return ip_fail(ip, "id", "names no release of "
				    "the document");
			ip_at(ip, "decisions", k - 1);
		}
		if (ip_checklist(ip, o, k - 1, d) != 0)
			return -1;
	}
	return 0;
}

static int
ip_updates(struct ip *ip, const cJSON *root, struct pm *pm,
    const int64_t *ids)
{
	const cJSON *a, *o;
	int n, k = 0, v;

	if (ip_array(ip, root, "status_updates", &a, &n) != 0)
		return -1;
	pm->upd = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->upd);
	cJSON_ArrayForEach(o, a) {
		struct pm_update *u = &pm->upd[k];

		ip_at(ip, "status_updates", k);
		pm->nupd = ++k;
		if (ip_object(ip, o) ||
		    ip_ref(ip, o, 1, ids, pm->ntl, &u->entry_id) ||
		    ip_enum_str(ip, o, "audience", audience_names, AUD_COUNT,
		    &u->audience) ||
		    ip_name(ip, o, "phase", 0, &u->phase) ||
		    ip_line(ip, o, "heading", 0, &u->heading) ||
		    ip_text(ip, o, "body", &u->body) ||
		    ip_name(ip, o, "author", 0, &u->author) ||
		    ip_time(ip, o, "created", 0, &u->created) ||
		    ip_enum(ip, o, "state", ustate_names, USTATE_COUNT, &v) ||
		    ip_int32(ip, o, "attempts", 0, 1000000, &u->attempts) ||
		    ip_deadline(ip, o, "next_attempt", &u->next_attempt) ||
		    ip_time(ip, o, "sent_at", 1, &u->sent_at) ||
		    ip_line(ip, o, "last_error", 1, &u->last_error) ||
		    ip_time(ip, o, "dropped_at", 1, &u->dropped_at) ||
		    ip_name(ip, o, "dropped_by", 1, &u->dropped_by))
			return -1;
		/* Never sent again from here: a queued update stays unsent
		 * and says why. */
		if (v == USTATE_QUEUED) {
			v = USTATE_FAILED;
			free(u->last_error);
			u->last_error = xstrdup(IMPORT_NOT_SENT);
		}
		u->state = xstrdup(ustate_names[v]);
	}
	return 0;
}

static int
ip_number_or_null(struct ip *ip, const cJSON *o, const char *key, double *out)
{
	const cJSON *v = ip_get(o, key);

	*out = NAN;
	if (v == NULL || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return ip_fail(ip, key, "must be a number or null");
	*out = v->valuedouble;
	return 0;
}

static int
ip_samples(struct ip *ip, const cJSON *o, struct pm_series *s)
{
	const cJSON *a = ip_get(o, "samples"), *p;
	int n, k = 0;

	if (!cJSON_IsArray(a))
		return ip_fail(ip, "samples", "must be an array");
	n = cJSON_GetArraySize(a);
	s->v = xcalloc((size_t)(n > 0 ? n : 1), sizeof *s->v);
	cJSON_ArrayForEach(p, a) {
		const cJSON *t = cJSON_GetArrayItem(p, 0);
		const cJSON *v = cJSON_GetArrayItem(p, 1);

		if (!cJSON_IsArray(p) || cJSON_GetArraySize(p) != 2 ||
		    !cJSON_IsNumber(t) || !cJSON_IsNumber(v) ||
		    !ip_whole(t->valuedouble, 1, IMPORT_TIME_MAX) ||
		    !isfinite(v->valuedouble))
			return ip_fail(ip, "samples", "must be [epoch seconds, "
			    "number] pairs");
		s->v[k].t = (int64_t)t->valuedouble;
		s->v[k].v = v->valuedouble;
		if (k > 0 && s->v[k].t <= s->v[k - 1].t)
			return ip_fail(ip, "samples", "must be in strictly "
			    "increasing time order");
		s->nv = ++k;
	}
	return 0;
}

static int
ip_series(struct ip *ip, const cJSON *root, struct pm *pm)
{
	const cJSON *a, *o;
	int n, k = 0, j;
	int64_t iv;

	if (ip_array(ip, root, "series", &a, &n) != 0)
		return -1;
	pm->ser = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->ser);
	cJSON_ArrayForEach(o, a) {
		struct pm_series *s = &pm->ser[k];

		ip_at(ip, "series", k);
		pm->nser = ++k;
		if (ip_object(ip, o) ||
		    ip_str(ip, o, "name", TEXT_NAME_MAX, 0, 0, 1, &s->s.name) ||
		    ip_enum(ip, o, "source", source_names, SRC_COUNT,
		    &s->s.source) ||
		    ip_line(ip, o, "query", 0, &s->s.query) ||
		    ip_name(ip, o, "unit", 0, &s->s.unit) ||
		    ip_number_or_null(ip, o, "warn", &s->s.warn) ||
		    ip_number_or_null(ip, o, "crit", &s->s.crit) ||
		    ip_int(ip, o, "interval", 1, 86400 * 365, &iv) ||
		    ip_samples(ip, o, s))
			return -1;
		s->s.interval = (int)iv;
		for (j = 0; j < k - 1; j++)
			if (strcmp(pm->ser[j].s.name, s->s.name) == 0)
				return ip_fail(ip, "name", "appears twice");
	}
	return 0;
}

static int
ip_actions(struct ip *ip, const cJSON *root, struct pm *pm,
    const int64_t *ids)
{
	const cJSON *a, *o;
	int n, k = 0;

	if (ip_array(ip, root, "actions", &a, &n) != 0)
		return -1;
	pm->act = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->act);
	cJSON_ArrayForEach(o, a) {
		struct action *x = &pm->act[k];

		ip_at(ip, "actions", k);
		pm->nact = ++k;
		if (ip_object(ip, o) || ip_id(ip, o, "id", 1, &x->id) ||
		    ip_enum(ip, o, "category", category_names, CAT_COUNT,
		    &x->category) ||
		    ip_str(ip, o, "text", ACTION_TEXT_MAX, 0, 0, 1, &x->text) ||
		    ip_name(ip, o, "owner", 1, &x->owner) ||
		    ip_deadline(ip, o, "due", &x->due) ||
		    ip_bool(ip, o, "done", &x->done) ||
		    ip_ref(ip, o, 1, ids, pm->ntl, &x->entry_id) ||
		    ip_time(ip, o, "created", 0, &x->created))
			return -1;
	}
	return 0;
}

struct import_doc *
import_parse(const char *buf, size_t len, char *err)
{
	return import_parse_times(buf, len, 0, err);
}

struct import_doc *
import_parse_times(const char *buf, size_t len, int allow_past, char *err)
{
	struct import_doc *d;
	struct ip ip = {.err = err};
	cJSON *root;
	const cJSON *f, *v;
	const char *nul, *end = NULL;
	char *copy;
	int64_t *ids = NULL;
	int ok;

	if (len > IMPORT_MAX_BYTES) {
		err_set(err, "import: the file is larger than %d MiB",
		    IMPORT_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	if (len == 0) {
		err_set(err, "import: the file is empty");
		return NULL;
	}
	nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		err_set(err, "import: not valid JSON (a NUL byte at byte %lld)",
		    (long long)(nul - buf) + 1);
		return NULL;
	}
	/* NUL-terminated, and nothing but white space after the value. */
	copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
	if (root == NULL) {
		err_set(err, "import: not valid JSON (at byte %lld)",
		    end != NULL && end >= copy && end <= copy + len
		    ? (long long)(end - copy) + 1 : 0LL);
		free(copy);
		return NULL;
	}
	free(copy);
	f = ip_get(root, "format");
	v = ip_get(root, "version");
	if (!cJSON_IsObject(root) || !cJSON_IsString(f) ||
	    strcmp(f->valuestring, EXPORT_FORMAT) != 0) {
		err_set(err, "import: not a warroom export (\"format\" is not "
		    "\"%s\")", EXPORT_FORMAT);
		cJSON_Delete(root);
		return NULL;
	}
	if (!cJSON_IsNumber(v) || v->valuedouble != EXPORT_VERSION) {
		if (cJSON_IsNumber(v))
			err_set(err, "import: export version %g is not one "
			    "this warroom reads (it reads version %d)",
			    v->valuedouble, EXPORT_VERSION);
		else
			err_set(err, "import: the export has no version number");
		cJSON_Delete(root);
		return NULL;
	}
	ip.rule.now = wr_now();
	ip.rule.allow_past = allow_past;
	ip.rule.hint = "--allow-past";
	d = xcalloc(1, sizeof *d);
	ok = ip_incident(&ip, root, &d->pm.inc) == 0 &&
	    ip_responders(&ip, root, &d->pm) == 0 &&
	    ip_roles(&ip, root, &d->pm) == 0 &&
	    ip_assignments(&ip, root, &d->pm) == 0 &&
	    ip_timeline(&ip, root, &d->pm, &ids) == 0 &&
	    ip_releases(&ip, root, &d->pm, ids) == 0 &&
	    ip_decisions(&ip, root, &d->pm, ids) == 0 &&
	    ip_updates(&ip, root, &d->pm, ids) == 0 &&
	    ip_series(&ip, root, &d->pm) == 0 &&
	    ip_actions(&ip, root, &d->pm, ids) == 0;
	free(ids);
	cJSON_Delete(root);
	if (!ok) {
		import_doc_free(d);
		return NULL;
	}
	return d;
}

void
import_doc_free(struct import_doc *d)
{
	if (d == NULL)
		return;
	export_free(&d->pm);
	free(d);
}
