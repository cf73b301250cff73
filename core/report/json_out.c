/* json_out.c: the postmortem as the versioned JSON document that
 * `warroom import` reads back (docs/export-schema.md). */
#include "report/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/text.h"
#include "base/util.h"
#include "base/version.h"
#include "model/timeline.h"
#include "report/export_data.h"
#include "report/fields.h"
#include "view/status.h"


static void
js_name(cJSON *o, const char *key, const char *s)
{
	json_str(o, key, s, TEXT_NAME_MAX, 0);
}

static void
js_line(cJSON *o, const char *key, const char *s)
{
	json_str(o, key, s, TEXT_MAX, 0);
}

static void
js_int(cJSON *o, const char *key, int64_t v)
{
	cJSON_AddNumberToObject(o, key, (double)v);
}

static void
js_dur(cJSON *o, const char *key, int64_t v)
{
	if (v == EXPORT_UNKNOWN)
		cJSON_AddNullToObject(o, key);
	else
		js_int(o, key, v);
}

static void
js_id(cJSON *o, const char *key, int64_t id)
{
	if (id == 0)
		cJSON_AddNullToObject(o, key);
	else
		js_int(o, key, id);
}

/* The shortest "%.Ng" that reads back as exactly v. */
static void
js_double(struct buf *b, double v)
{
	char s[40];
	int prec;

	if (!isfinite(v)) { /* JSON has no infinity: whatever the file holds */
		buf_adds(b, "null");
		return;
	}
	for (prec = 15; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*g", prec, v);
		if (strtod(s, NULL) == v)
			break;
	}
	buf_adds(b, s);
}

static void
js_number_or_null(cJSON *o, const char *key, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, key);
	else {
		struct buf b = {0};

		js_double(&b, v);
		cJSON_AddRawToObject(o, key, b.p);
		buf_free(&b);
	}
}

/* "tombstone": null, or {by, at, reason} of an entry deleted yet shown. */
static void
js_tomb(cJSON *o, const struct entry *e)
{
	cJSON *t;

	if (e->tomb_at <= 0) {
		cJSON_AddNullToObject(o, "tombstone");
		return;
	}
	t = cJSON_AddObjectToObject(o, "tombstone");
	js_name(t, "by", e->tomb_by ? e->tomb_by : "?");
	json_time(t, "at", e->tomb_at);
	js_line(t, "reason", e->tomb_reason ? e->tomb_reason : "");
}

/* "routine": null, or {mark, who} of an entry marked routine or not
 * (model/timeline.h) when warroom wrote it. */
static void
js_routine(cJSON *o, const struct field *f, const struct entry *e)
{
	const char *mark = field_routine_name(e->routine);
	cJSON *t;

	if (mark == NULL) {
		cJSON_AddNullToObject(o, f->key);
		return;
	}
	t = cJSON_AddObjectToObject(o, f->key);
	cJSON_AddStringToObject(t, "mark", mark);
	js_name(t, "who", e->routine_who ? e->routine_who : "");
}

static void
js_enum(cJSON *o, const struct field *f, int v)
{
	if (v >= 0)
		cJSON_AddStringToObject(o, f->key, f->names[v]);
	else if (f->flags & FIELD_NULLABLE)
		cJSON_AddNullToObject(o, f->key);
	else
		cJSON_AddStringToObject(o, f->key, f->names[f->dflt]);
}
/* The fields of rec by its table, in order; those with a flag in skip
 * are left out. */
static void
js_fields(cJSON *o, const struct field *f, const void *rec, unsigned skip)
{
	const char *p = rec;

	for (; f->key != NULL; f++) {
		const void *v = p + f->off;

		if (f->flags & skip)
			continue;
		switch (f->type) {
		case FT_ID:
			js_int(o, f->key, *(const int64_t *)v);
			break;
		case FT_REF:
			js_id(o, f->key, *(const int64_t *)v);
			break;
		case FT_INT:
			js_int(o, f->key, *(const int *)v);
			break;
		case FT_TIME:
			json_time(o, f->key, *(const int64_t *)v);
			break;
		case FT_STR:
			json_str(o, f->key, *(char *const *)v,
			    f->wmax ? f->wmax : f->max, f->sflags);
			break;
		case FT_ENUM:
			js_enum(o, f, *(const int *)v);
			break;
		case FT_ENUM_STR:
			js_name(o, f->key, *(char *const *)v);
			break;
		case FT_BOOL:
			cJSON_AddBoolToObject(o, f->key, *(const int *)v);
			break;
		case FT_NUM:
			js_number_or_null(o, f->key, *(const double *)v);
			break;
		case FT_DUR:
			js_dur(o, f->key, *(const int64_t *)v);
			break;
		case FT_TOMB:
			js_tomb(o, rec);
			break;
		case FT_ORIGIN:
			cJSON_AddBoolToObject(o, f->key,
			    timeline_unknown_origin(rec));
			break;
		case FT_ROUTINE:
			js_routine(o, f, rec);
			break;
		}
	}
}

/* An array key of root with one object per record of a table. */
static void
js_records(cJSON *root, const char *key, const struct field *f,
    const void *recs, int n, size_t size)
{
	cJSON *a = cJSON_AddArrayToObject(root, key);
	int i;

	for (i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		js_fields(o, f, (const char *)recs + (size_t)i * size, 0);
		cJSON_AddItemToArray(a, o);
	}
}

static cJSON *
js_entry(const struct entry *e, int history)
{
	cJSON *o = cJSON_CreateObject();

	js_fields(o, field_entry, e, history ? FIELD_LIVE : FIELD_OLD);
	return o;
}

static void
js_timeline(cJSON *root, const struct pm *pm)
{
	cJSON *a = cJSON_AddArrayToObject(root, "timeline");
	int i, j;

	for (i = 0; i < pm->ntl; i++) {
		cJSON *o = js_entry(&pm->tl[i], 0);
		cJSON *h = cJSON_AddArrayToObject(o, "history");

		/* History is sorted by entry id; entries are few enough. */
		for (j = 0; j < pm->nhist; j++)
			if (pm->hist[j].id == pm->tl[i].id)
				cJSON_AddItemToArray(h, js_entry(&pm->hist[j],
				    1));
		cJSON_AddItemToArray(a, o);
	}
}

static void
js_incident(cJSON *root, const struct pm *pm)
{
	const struct incident *i = &pm->inc;
	cJSON *o = cJSON_AddObjectToObject(root, "incident");

	js_int(o, "id", i->id);
	js_line(o, "title", i->title);
	cJSON_AddStringToObject(o, "severity", severity_names[i->severity]);
	cJSON_AddStringToObject(o, "phase", phase_names[i->phase]);
	js_name(o, "commander", i->commander);
	json_time(o, "created", i->created);
	json_time(o, "detected", i->detected);
	json_time(o, "phase_since", i->phase_since);
	json_time(o, "recovered", i->recovered);
	json_time(o, "resolved", i->resolved);
	cJSON_AddStringToObject(o, "impact", impact_names[i->impact]);
	js_line(o, "impact_scope", i->impact_scope);
	cJSON_AddStringToObject(o, "comms", comms_names[i->comms]);
	json_time(o, "users_told", i->users_told);
	json_time(o, "users_updated", i->users_updated);
	json_time(o, "recovery_told", i->recovery_told);
	json_time(o, "snooze_until", i->snooze_until);
	js_int(o, "checkin_interval", i->checkin_interval);
	js_int(o, "update_interval", i->update_interval);
	json_time(o, "last_update", i->last_update);
	json_time(o, "began", i->began);
	js_int(o, "change_window", i->change_window);
}

static void
js_derived(cJSON *root, const struct pm *pm)
{
	js_fields(cJSON_AddObjectToObject(root, "key_times"), field_keytimes,
	    &pm->kt, 0);
	js_fields(cJSON_AddObjectToObject(root, "durations"), field_durations,
	    &pm->kt, 0);
	js_records(root, "phases", field_phase, pm->ph, pm->nph,
	    sizeof *pm->ph);
}

static void
js_board(cJSON *root, const struct pm *pm)
{
	js_records(root, "responders", field_responder, pm->resp, pm->nresp,
	    sizeof *pm->resp);
	js_records(root, "assignments", field_assignment, pm->asg, pm->nasg,
	    sizeof *pm->asg);
}

static void
js_roles(cJSON *root, const struct pm *pm)
{
	js_records(root, "roles", field_role, pm->roles, pm->nroles,
	    sizeof *pm->roles);
}

/* Every string of a JSON value through the sanitizer (one line each: the
 * decision fields are one line when written). */
static void
js_sanitize_tree(cJSON *v)
{
	cJSON *c;

	if (cJSON_IsString(v)) {
		char *t = text_sanitize(v->valuestring, strlen(v->valuestring),
		    TEXT_MAX, 0);

		cJSON_SetValuestring(v, t);
		free(t);
	}
	for (c = v->child; c != NULL; c = c->next)
		js_sanitize_tree(c);
}

static void
js_decisions(cJSON *root, const struct pm *pm)
{
	cJSON *a = cJSON_AddArrayToObject(root, "decisions"), *o;
	int i;

	/* The same object `warroom status --json` shows. */
	for (i = 0; i < pm->ndec; i++) {
		o = status_decision_json(&pm->dec[i]);
		js_sanitize_tree(o);
		cJSON_AddItemToArray(a, o);
	}
	js_records(root, "releases", field_release, pm->rel, pm->nrel,
	    sizeof *pm->rel);
	a = cJSON_AddArrayToObject(root, "changes_before_detection");
	for (i = 0; i < pm->nrel; i++)
		if (pm->rel[i].before)
			cJSON_AddItemToArray(a,
			    cJSON_CreateNumber((double)pm->rel[i].id));
}

static void
js_updates(cJSON *root, const struct pm *pm)
{
	js_records(root, "status_updates", field_update, pm->upd, pm->nupd,
	    sizeof *pm->upd);
}

static void
js_series(cJSON *root, const struct pm *pm)
{
	cJSON *a = cJSON_AddArrayToObject(root, "series"), *o;
	int i, j;

	o = cJSON_AddObjectToObject(root, "metrics_window");
	json_time(o, "from", pm->w0);
	json_time(o, "to", pm->w1);
	for (i = 0; i < pm->nser; i++) {
		const struct pm_series *s = &pm->ser[i];
		struct buf b = {0};

		o = cJSON_CreateObject();
		js_fields(o, field_series, s, 0);
		/* [[epoch, value], ...] written directly: exact and compact.
		 * JSON has no infinity: such a value (only sqlite3 by hand
		 * stores one) is no measurement and is left out. */
		buf_addc(&b, '[');
		for (j = 0; j < s->nv; j++) {
			if (!isfinite(s->v[j].v))
				continue;
			buf_addf(&b, "%s[%lld,", b.len > 1 ? "," : "",
			    (long long)s->v[j].t);
			js_double(&b, s->v[j].v);
			buf_addc(&b, ']');
		}
		buf_addc(&b, ']');
		cJSON_AddRawToObject(o, "samples", b.p);
		buf_free(&b);
		cJSON_AddItemToArray(a, o);
	}
}

static void
js_actions(cJSON *root, const struct pm *pm)
{
	js_records(root, "actions", field_action, pm->act, pm->nact,
	    sizeof *pm->act);
}

char *
export_json(struct store *st, int64_t inc, int64_t now, char *err)
{
	struct pm pm;
	cJSON *root;
	char *out;

	if (export_load(st, inc, now, &pm, err) != 0)
		return NULL;
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "format", EXPORT_FORMAT);
	cJSON_AddNumberToObject(root, "version", EXPORT_VERSION);
	cJSON_AddStringToObject(root, "generator", "warroom " WARROOM_VERSION);
	json_time(root, "exported", now);
	js_incident(root, &pm);
	js_derived(root, &pm);
	js_board(root, &pm);
	js_roles(root, &pm);
	js_timeline(root, &pm);
	js_decisions(root, &pm);
	js_updates(root, &pm);
	js_series(root, &pm);
	js_actions(root, &pm);
	export_free(&pm);
	out = json_string(root, 0);
	cJSON_Delete(root);
	return out;
}
