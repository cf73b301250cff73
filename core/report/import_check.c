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
#include "report/fields.h"
#include "model/incident.h"
#include "model/timeline.h"
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

/* Null, or missing. */
static int
ip_none(const cJSON *v)
{
	return v == NULL || cJSON_IsNull(v);
}

/* A value that must be there is null or missing. */
static int
ip_missing(struct ip *ip, const char *key, const cJSON *v)
{
	return ip_fail(ip, key, v ? "must not be null" : "is missing");
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
	if (ip_none(v))
		return nullable ? 0 : ip_missing(ip, key, v);
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
	if (nullable && ip_none(v))
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
	if (ip_none(v))
		return nullable ? 0 : ip_missing(ip, key, v);
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
	if (ip_none(v))
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

/* "tombstone": null (or missing), or {by, at, reason}: deleted yet shown. */
static int
ip_tomb(struct ip *ip, const cJSON *o, struct entry *e)
{
	const cJSON *t = ip_get(o, "tombstone");
	char where[sizeof ip->where];
	int rc;

	if (ip_none(t))
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

/* "routine": null (or missing: exports from before marks), or {mark,
 * who}: the mark warroom gave the entry when it wrote it. */
static int
ip_routine(struct ip *ip, const cJSON *o, const struct field *f,
    struct entry *e)
{
	const cJSON *t = ip_get(o, f->key);
	char where[sizeof ip->where];
	int rc, i = 0;

	if (ip_none(t))
		return 0;
	if (!cJSON_IsObject(t))
		return ip_fail(ip, f->key, "must be an object or null");
	memcpy(where, ip->where, sizeof where);
	snprintf(ip->where, sizeof ip->where, "%.50s.%s", where, f->key);
	rc = ip_enum(ip, t, "mark", f->names, f->nnames, &i) ||
	    ip_name(ip, t, "who", 0, &e->routine_who) ? -1 : 0;
	memcpy(ip->where, where, sizeof where);
	if (rc == 0)
		e->routine = timeline_routine_parse(f->names[i]);
	return rc;
}

static int
ip_number_or_null(struct ip *ip, const cJSON *o, const char *key, double *out)
{
	const cJSON *v = ip_get(o, key);

	*out = NAN;
	if (ip_none(v))
		return 0;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return ip_fail(ip, key, "must be a number or null");
	*out = v->valuedouble;
	return 0;
}

static int
ip_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
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

/* An enum field; a nullable one reads null (or missing) as -1. */
static int
ip_enum_field(struct ip *ip, const cJSON *o, const struct field *f, int *out)
{
	const cJSON *v = ip_get(o, f->key);

	if ((f->flags & FIELD_NULLABLE) && ip_none(v)) {
		*out = -1;
		return 0;
	}
	return ip_enum(ip, o, f->key, f->names, f->nnames, out);
}

/* The fields of rec by its table, in order, stopping at the first that
 * is broken; those with a flag in skip, and the derived, are not read.
 * ids (nids, sorted) are the entry ids an entry_id may name. */
static int
ip_fields(struct ip *ip, const cJSON *o, const struct field *f, void *rec,
    unsigned skip, const int64_t *ids, int nids)
{
	char *p = rec;

	for (; f->key != NULL; f++) {
		void *v = p + f->off;
		int nullable = (f->flags & FIELD_NULLABLE) != 0, rc = 0;

		if (f->flags & (skip | FIELD_DERIVED))
			continue;
		switch (f->type) {
		case FT_ID:
			rc = ip_id(ip, o, f->key, nullable, v);
			break;
		case FT_REF:
			rc = ip_ref(ip, o, nullable, ids, nids, v);
			break;
		case FT_INT:
			rc = ip_int32(ip, o, f->key, (int)f->min, (int)f->imax,
			    v);
			break;
		case FT_TIME:
			rc = f->flags & FIELD_FUTURE ? ip_deadline(ip, o,
			    f->key, v) : ip_time(ip, o, f->key, nullable, v);
			break;
		case FT_STR:
			rc = ip_str(ip, o, f->key, f->max, f->sflags, nullable,
			    (f->flags & FIELD_NONEMPTY) != 0, v);
			break;
		case FT_ENUM:
			rc = ip_enum_field(ip, o, f, v);
			break;
		case FT_ENUM_STR:
			rc = ip_enum_str(ip, o, f->key, f->names, f->nnames, v);
			break;
		case FT_BOOL:
			rc = ip_bool(ip, o, f->key, v);
			break;
		case FT_NUM:
			rc = ip_number_or_null(ip, o, f->key, v);
			break;
		case FT_TOMB:
			rc = ip_tomb(ip, o, rec);
			break;
		case FT_ROUTINE:
			rc = ip_routine(ip, o, f, rec);
			break;
		case FT_DUR:
		case FT_ORIGIN:
			break; /* derived: not read */
		}
		if (rc != 0)
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

/* An array of root read record by record: each object's fields by its
 * table, then the record's own rules (check, NULL for none) with recs[i]
 * the record just read. */
struct ip_list {
	const char *key;
	const struct field *fields;
	size_t size;
	int (*check)(struct ip *ip, const cJSON *o, void *recs, int i,
	    const struct pm *pm);
};

/* The records of root[l->key] (missing: none), in a new array the caller
 * keeps and frees even when *rc is -1: *n counts those begun. */
static void *
ip_records(struct ip *ip, const cJSON *root, const struct ip_list *l,
    const struct pm *pm, const int64_t *ids, int *n, int *rc)
{
	const cJSON *a, *o;
	char *recs;
	int len, k = 0;

	*n = 0;
	*rc = -1;
	if (ip_array(ip, root, l->key, &a, &len) != 0)
		return NULL;
	recs = xcalloc((size_t)(len > 0 ? len : 1), l->size);
	cJSON_ArrayForEach(o, a) {
		ip_at(ip, l->key, k);
		*n = ++k;
		if (ip_object(ip, o) || ip_fields(ip, o, l->fields,
		    recs + (size_t)(k - 1) * l->size, 0, ids, pm->ntl) ||
		    (l->check && l->check(ip, o, recs, k - 1, pm)))
			return recs;
	}
	*rc = 0;
	return recs;
}

static int
ip_responder_check(struct ip *ip, const cJSON *o, void *recs, int i,
    const struct pm *pm)
{
	const struct responder *r = recs;
	int j;

	(void)o;
	(void)pm;
	for (j = 0; j < i; j++)
		if (strcmp(r[j].name, r[i].name) == 0)
			return ip_fail(ip, "name", "appears twice");
	return 0;
}

static const struct ip_list ip_responders = {"responders", field_responder,
	sizeof(struct responder), ip_responder_check};
/* The role history (absent in older exports: none). */
static const struct ip_list ip_roles = {"roles", field_role,
	sizeof(struct role_change), NULL};

static int
ip_assignment_check(struct ip *ip, const cJSON *o, void *recs, int i,
    const struct pm *pm)
{
	const struct assignment *s = recs;
	int j;

	(void)o;
	for (j = 0; j < pm->nresp; j++)
		if (strcmp(pm->resp[j].name, s[i].name) == 0)
			return 0;
	return ip_fail(ip, "responder", "is not in responders");
}

static const struct ip_list ip_assignments = {"assignments",
	field_assignment, sizeof(struct assignment), ip_assignment_check};

/* One timeline entry or one of its old versions. */
static int
ip_entry(struct ip *ip, const cJSON *o, int history, struct entry *e)
{
	if (ip_object(ip, o) != 0)
		return -1;
	return ip_fields(ip, o, field_entry, e, history ? FIELD_LIVE :
	    FIELD_OLD, NULL, 0);
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
		if (!ip_none(h) && !cJSON_IsArray(h))
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

/* A nested object member; null (or missing) gives NULL when nullable. */
static int
ip_member(struct ip *ip, const cJSON *o, const char *key, int nullable,
    const cJSON **out)
{
	const cJSON *v = ip_get(o, key);

	*out = NULL;
	if (ip_none(v))
		return nullable ? 0 : ip_missing(ip, key, v);
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

static int
ip_release_check(struct ip *ip, const cJSON *o, void *recs, int i,
    const struct pm *pm)
{
	struct pm_release *r = recs;
	int j;

	(void)o;
	(void)pm;
	if (r[i].author == NULL)
		r[i].author = xstrdup("?");
	if (r[i].value != NULL && strcmp(r[i].value, "on") != 0 &&
	    strcmp(r[i].value, "off") != 0)
		return ip_fail(ip, "value", "must be on, off or null");
	for (j = 0; j < i; j++)
		if (r[j].id == r[i].id)
			return ip_fail(ip, "id", "appears twice");
	return 0;
}

/* Releases first: decisions name them by id. */
static const struct ip_list ip_releases = {"releases", field_release,
	sizeof(struct pm_release), ip_release_check};

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

/* Never sent again from here: a queued update stays unsent and says
 * why. */
static int
ip_update_check(struct ip *ip, const cJSON *o, void *recs, int i,
    const struct pm *pm)
{
	struct pm_update *u = (struct pm_update *)recs + i;

	(void)ip;
	(void)o;
	(void)pm;
	if (strcmp(u->state, ustate_names[USTATE_QUEUED]) == 0) {
		free(u->state);
		u->state = xstrdup(ustate_names[USTATE_FAILED]);
		free(u->last_error);
		u->last_error = xstrdup(IMPORT_NOT_SENT);
	}
	return 0;
}

static const struct ip_list ip_updates = {"status_updates", field_update,
	sizeof(struct pm_update), ip_update_check};

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

/* The samples follow the fields; a name appears once. */
static int
ip_series_check(struct ip *ip, const cJSON *o, void *recs, int i,
    const struct pm *pm)
{
	struct pm_series *s = recs;
	int j;

	(void)pm;
	if (ip_samples(ip, o, &s[i]) != 0)
		return -1;
	for (j = 0; j < i; j++)
		if (strcmp(s[j].s.name, s[i].s.name) == 0)
			return ip_fail(ip, "name", "appears twice");
	return 0;
}

static const struct ip_list ip_series = {"series", field_series,
	sizeof(struct pm_series), ip_series_check};
static const struct ip_list ip_actions = {"actions", field_action,
	sizeof(struct action), NULL};

/* The lists after the timeline name its entries by id (ids, sorted). */
static int
ip_document(struct ip *ip, const cJSON *root, struct pm *pm, int64_t **ids)
{
	int rc;

	if (ip_incident(ip, root, &pm->inc) != 0)
		return -1;
	pm->resp = ip_records(ip, root, &ip_responders, pm, NULL, &pm->nresp,
	    &rc);
	if (rc != 0)
		return -1;
	pm->roles = ip_records(ip, root, &ip_roles, pm, NULL, &pm->nroles,
	    &rc);
	if (rc != 0)
		return -1;
	pm->asg = ip_records(ip, root, &ip_assignments, pm, NULL, &pm->nasg,
	    &rc);
	if (rc != 0 || ip_timeline(ip, root, pm, ids) != 0)
		return -1;
	pm->rel = ip_records(ip, root, &ip_releases, pm, *ids, &pm->nrel, &rc);
	if (rc != 0 || ip_decisions(ip, root, pm, *ids) != 0)
		return -1;
	pm->upd = ip_records(ip, root, &ip_updates, pm, *ids, &pm->nupd, &rc);
	if (rc != 0)
		return -1;
	pm->ser = ip_records(ip, root, &ip_series, pm, NULL, &pm->nser, &rc);
	if (rc != 0)
		return -1;
	pm->act = ip_records(ip, root, &ip_actions, pm, *ids, &pm->nact, &rc);
	return rc;
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
	ok = ip_document(&ip, root, &d->pm, &ids) == 0;
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
