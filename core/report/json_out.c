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
#include "model/timeline.h"
#include "report/export_data.h"
#include "view/status.h"

#ifndef WARROOM_VERSION
#define WARROOM_VERSION "0.1"
#endif

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
js_text(cJSON *o, const char *key, const char *s)
{
	json_str(o, key, s, TEXT_MAX, TEXT_MULTILINE);
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

static cJSON *
js_entry(const struct entry *e, int history)
{
	cJSON *o = cJSON_CreateObject();

	if (!history)
		js_int(o, "id", e->id);
	js_int(o, "version", e->version);
	json_time(o, "time", e->event_time);
	if (!history)
		json_time(o, "recorded", e->recorded);
	js_name(o, "author", e->author);
	cJSON_AddStringToObject(o, "kind", kind_names[e->kind]);
	js_text(o, "text", e->text);
	json_str(o, "source", e->source, TEXT_NAME_MAX * 2, 0);
	cJSON_AddStringToObject(o, "confidence",
	    confidence_names[e->confidence]);
	cJSON_AddBoolToObject(o, "deleted", e->deleted);
	js_tomb(o, e);
	/* Derived, for readers; import recomputes it from source and
	 * confidence. */
	if (!history)
		cJSON_AddBoolToObject(o, "unknown_origin",
		    timeline_unknown_origin(e));
	if (history) {
		json_time(o, "replaced", e->edited);
		js_name(o, "replaced_by", e->edited_by);
	} else {
		json_time(o, "edited", e->edited);
		js_name(o, "edited_by", e->edited_by);
	}
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
	const struct keytimes *k = &pm->kt;
	cJSON *o = cJSON_AddObjectToObject(root, "key_times"), *a;
	int i;

	json_time(o, "began", k->began);
	json_time(o, "first_event", k->first_event);
	json_time(o, "detected", k->detected);
	json_time(o, "first_action", k->first_action);
	json_time(o, "identified", k->identified);
	json_time(o, "mitigated", k->mitigated);
	json_time(o, "recovered", k->recovered);
	json_time(o, "resolved", k->resolved);
	o = cJSON_AddObjectToObject(root, "durations");
	js_dur(o, "to_detect", k->to_detect);
	js_dur(o, "to_first_action", k->to_first_action);
	js_dur(o, "to_identify", k->to_identify);
	js_dur(o, "to_mitigate", k->to_mitigate);
	js_dur(o, "to_recover", k->to_recover);
	js_dur(o, "to_resolve", k->to_resolve);
	a = cJSON_AddArrayToObject(root, "phases");
	for (i = 0; i < pm->nph; i++) {
		const struct phase_change *p = &pm->ph[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "phase", phase_names[p->to]);
		if (p->from >= 0)
			cJSON_AddStringToObject(o, "from", phase_names[p->from]);
		else
			cJSON_AddNullToObject(o, "from");
		json_time(o, "at", p->at);
		js_name(o, "by", p->by);
		js_line(o, "note", p->note);
		js_id(o, "entry_id", p->entry_id);
		cJSON_AddItemToArray(a, o);
	}
}

static void
js_board(cJSON *root, const struct pm *pm)
{
	cJSON *a = cJSON_AddArrayToObject(root, "responders"), *o;
	int i;

	for (i = 0; i < pm->nresp; i++) {
		const struct responder *r = &pm->resp[i];

		o = cJSON_CreateObject();
		js_name(o, "name", r->name);
		cJSON_AddStringToObject(o, "role", role_names[r->role]);
		cJSON_AddStringToObject(o, "state", rstate_names[r->state]);
		json_time(o, "joined", r->joined);
		json_time(o, "last_checkin", r->last_checkin);
		cJSON_AddItemToArray(a, o);
	}
	a = cJSON_AddArrayToObject(root, "assignments");
	for (i = 0; i < pm->nasg; i++) {
		const struct assignment *s = &pm->asg[i];

		o = cJSON_CreateObject();
		js_int(o, "id", s->id);
		js_name(o, "responder", s->name);
		js_line(o, "purpose", s->purpose);
		js_line(o, "task", s->task);
		cJSON_AddStringToObject(o, "state", astate_names[s->state]);
		json_time(o, "created", s->created);
		json_time(o, "updated", s->updated);
		cJSON_AddItemToArray(a, o);
	}
}

static void
js_roles(cJSON *root, const struct pm *pm)
{
	cJSON *a = cJSON_AddArrayToObject(root, "roles"), *o;
	int i;

	for (i = 0; i < pm->nroles; i++) {
		const struct role_change *r = &pm->roles[i];

		o = cJSON_CreateObject();
		js_name(o, "name", r->name);
		if (r->old_role >= 0)
			cJSON_AddStringToObject(o, "from",
			    role_names[r->old_role]);
		else
			cJSON_AddNullToObject(o, "from");
		cJSON_AddStringToObject(o, "to", role_names[r->new_role]);
		json_time(o, "at", r->at);
		js_name(o, "by", r->by);
		cJSON_AddItemToArray(a, o);
	}
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
	a = cJSON_AddArrayToObject(root, "releases");
	for (i = 0; i < pm->nrel; i++) {
		const struct pm_release *r = &pm->rel[i];

		o = cJSON_CreateObject();
		js_int(o, "id", r->id);
		js_id(o, "entry_id", r->entry_id);
		js_name(o, "kind", r->kind);
		js_line(o, "name", r->name);
		js_line(o, "value", r->value);
		js_name(o, "rollback_safe", r->rollback_safe);
		json_time(o, "at", r->at);
		js_line(o, "link", r->link);
		js_name(o, "author", r->author);
		cJSON_AddBoolToObject(o, "before_detection", r->before);
		cJSON_AddItemToArray(a, o);
	}
	a = cJSON_AddArrayToObject(root, "changes_before_detection");
	for (i = 0; i < pm->nrel; i++)
		if (pm->rel[i].before)
			cJSON_AddItemToArray(a,
			    cJSON_CreateNumber((double)pm->rel[i].id));
}

static void
js_updates(cJSON *root, const struct pm *pm)
{
	cJSON *a = cJSON_AddArrayToObject(root, "status_updates"), *o;
	int i;

	for (i = 0; i < pm->nupd; i++) {
		const struct pm_update *u = &pm->upd[i];

		o = cJSON_CreateObject();
		js_int(o, "id", u->id);
		js_id(o, "entry_id", u->entry_id);
		js_name(o, "audience", u->audience);
		js_name(o, "phase", u->phase);
		js_line(o, "heading", u->heading);
		js_text(o, "body", u->body);
		js_name(o, "author", u->author);
		json_time(o, "created", u->created);
		js_name(o, "state", u->state);
		js_int(o, "attempts", u->attempts);
		json_time(o, "next_attempt", u->next_attempt);
		json_time(o, "sent_at", u->sent_at);
		js_line(o, "last_error", u->last_error);
		json_time(o, "dropped_at", u->dropped_at);
		js_name(o, "dropped_by", u->dropped_by);
		cJSON_AddItemToArray(a, o);
	}
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
		js_name(o, "name", s->s.name);
		cJSON_AddStringToObject(o, "source", s->s.source >= 0
		    ? source_names[s->s.source] : "command");
		js_line(o, "query", s->s.query);
		js_name(o, "unit", s->s.unit);
		js_number_or_null(o, "warn", s->s.warn);
		js_number_or_null(o, "crit", s->s.crit);
		js_int(o, "interval", s->s.interval);
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
	cJSON *a = cJSON_AddArrayToObject(root, "actions"), *o;
	int i;

	for (i = 0; i < pm->nact; i++) {
		const struct action *x = &pm->act[i];

		o = cJSON_CreateObject();
		js_int(o, "id", x->id);
		cJSON_AddStringToObject(o, "category",
		    category_names[x->category]);
		js_line(o, "text", x->text);
		js_name(o, "owner", x->owner);
		json_time(o, "due", x->due);
		cJSON_AddBoolToObject(o, "done", x->done);
		js_id(o, "entry_id", x->entry_id);
		json_time(o, "created", x->created);
		cJSON_AddItemToArray(a, o);
	}
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
