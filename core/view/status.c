/* status.c: what `warroom status` shows of one incident, loaded at once,
 * and the incident as JSON for scripts (the text is core/cli/'s). */
#include "view/status.h"

#include <stdlib.h>

#include "model/board.h"
#include "model/decision.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "store/presence.h"
#include "store/store.h"
#include "base/json.h"
#include "base/version.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/util.h"

cJSON *
status_incident_json(const struct incident *i)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)i->id);
	cJSON_AddStringToObject(o, "title", i->title);
	cJSON_AddStringToObject(o, "severity", severity_names[i->severity]);
	cJSON_AddStringToObject(o, "phase", phase_names[i->phase]);
	cJSON_AddStringToObject(o, "phase_heading", phase_headings[i->phase]);
	if (i->commander)
		cJSON_AddStringToObject(o, "commander", i->commander);
	else
		cJSON_AddNullToObject(o, "commander");
	json_time(o, "created", i->created);
	json_time(o, "detected", i->detected);
	json_time(o, "phase_since", i->phase_since);
	json_time(o, "recovered", i->recovered);
	json_time(o, "resolved", i->resolved);
	json_time(o, "began", i->began);
	cJSON_AddNumberToObject(o, "change_window", (double)i->change_window);
	cJSON_AddStringToObject(o, "impact", impact_names[i->impact]);
	if (i->impact_scope)
		cJSON_AddStringToObject(o, "impact_scope", i->impact_scope);
	else
		cJSON_AddNullToObject(o, "impact_scope");
	cJSON_AddStringToObject(o, "comms", comms_names[i->comms]);
	json_time(o, "users_told", i->users_told);
	json_time(o, "users_updated", i->users_updated);
	json_time(o, "recovery_told", i->recovery_told);
	cJSON_AddNumberToObject(o, "checkin_interval", i->checkin_interval);
	cJSON_AddNumberToObject(o, "update_interval", i->update_interval > 0
	    ? i->update_interval : severity_update_interval(i->severity));
	json_time(o, "last_update", i->last_update);
	return o;
}

/* "tombstone": null, or who deleted it, when and why, and the line
 * people read. */
static void
status_add_tomb(cJSON *o, int64_t at, const char *by, const char *reason)
{
	cJSON *t;
	char *line;

	if (at <= 0) {
		cJSON_AddNullToObject(o, "tombstone");
		return;
	}
	t = cJSON_AddObjectToObject(o, "tombstone");
	cJSON_AddStringToObject(t, "by", by ? by : "?");
	json_time(t, "at", at);
	cJSON_AddStringToObject(t, "reason", reason ? reason : "");
	line = timeline_tomb_text(at, by, reason);
	cJSON_AddStringToObject(t, "text", line);
	free(line);
}

static cJSON *
status_entry_json(const struct entry *e)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)e->id);
	json_time(o, "time", e->event_time);
	json_time(o, "recorded", e->recorded);
	cJSON_AddStringToObject(o, "author", e->author);
	cJSON_AddStringToObject(o, "kind", kind_names[e->kind]);
	cJSON_AddStringToObject(o, "text", e->text);
	cJSON_AddStringToObject(o, "source", e->source);
	cJSON_AddStringToObject(o, "confidence", confidence_names[e->confidence]);
	cJSON_AddNumberToObject(o, "version", e->version);
	status_add_tomb(o, e->tomb_at, e->tomb_by, e->tomb_reason);
	/* The one rule the screen and the exports follow too. */
	cJSON_AddBoolToObject(o, "unknown_origin", timeline_unknown_origin(e));
	return o;
}

cJSON *
status_decision_json(const struct decision *d)
{
	cJSON *o = cJSON_CreateObject(), *so;
	int i;

	cJSON_AddNumberToObject(o, "id", (double)d->id);
	cJSON_AddNumberToObject(o, "entry_id", (double)d->entry_id);
	json_time(o, "time", d->at);
	cJSON_AddStringToObject(o, "author", d->author);
	cJSON_AddStringToObject(o, "text", d->text);
	cJSON_AddStringToObject(o, "reason", d->reason);
	cJSON_AddStringToObject(o, "risk", d->risk);
	status_add_tomb(o, d->tomb_at, d->tomb_by, d->tomb_reason);
	so = cJSON_AddObjectToObject(o, "signoff");
	cJSON_AddStringToObject(so, "state", signoff_names[d->signoff]);
	if (d->signoff_from)
		cJSON_AddStringToObject(so, "from", d->signoff_from);
	else
		cJSON_AddNullToObject(so, "from");
	if (d->signed_by)
		cJSON_AddStringToObject(so, "by", d->signed_by);
	else
		cJSON_AddNullToObject(so, "by");
	json_time(so, "at", d->signed_at);
	if (d->signoff_note)
		cJSON_AddStringToObject(so, "note", d->signoff_note);
	else
		cJSON_AddNullToObject(so, "note");
	if (d->release_id != 0) {
		cJSON *r = cJSON_AddObjectToObject(o, "release");

		cJSON_AddNumberToObject(r, "id", (double)d->release_id);
		cJSON_AddStringToObject(r, "version", d->release_name ?
		    d->release_name : "");
		cJSON_AddStringToObject(r, "rollback_safe",
		    safe_names[d->release_safe]);
	} else
		cJSON_AddNullToObject(o, "release");
	if (d->override != NULL)
		cJSON_AddStringToObject(o, "override", d->override);
	else
		cJSON_AddNullToObject(o, "override");
	if (d->checklist_name != NULL) {
		cJSON *c = cJSON_AddObjectToObject(o, "checklist"), *a;

		cJSON_AddStringToObject(c, "name", d->checklist_name);
		cJSON_AddStringToObject(c, "title", d->checklist_title);
		a = cJSON_AddArrayToObject(c, "answers");
		for (i = 0; i < d->nanswers; i++) {
			cJSON *x = cJSON_CreateObject();

			cJSON_AddStringToObject(x, "question",
			    d->answers[i].question);
			cJSON_AddStringToObject(x, "answer",
			    answer_names[d->answers[i].answer]);
			if (d->answers[i].note)
				cJSON_AddStringToObject(x, "note",
				    d->answers[i].note);
			else
				cJSON_AddNullToObject(x, "note");
			cJSON_AddItemToArray(a, x);
		}
	} else
		cJSON_AddNullToObject(o, "checklist");
	return o;
}

static cJSON *
status_release_json(const struct release *r)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", (double)r->id);
	cJSON_AddNumberToObject(o, "entry_id", (double)r->entry_id);
	cJSON_AddStringToObject(o, "kind", relkind_names[r->kind]);
	cJSON_AddStringToObject(o, "name", r->name);
	if (r->kind == RELEASE_FLAG) {
		cJSON_AddStringToObject(o, "state", r->flag_on ? "on" : "off");
		cJSON_AddNullToObject(o, "rollback_safe");
	} else {
		cJSON_AddNullToObject(o, "state");
		cJSON_AddStringToObject(o, "rollback_safe",
		    safe_names[r->rollback_safe]);
	}
	json_time(o, "at", r->at);
	cJSON_AddStringToObject(o, "author", r->author);
	if (r->link)
		cJSON_AddStringToObject(o, "link", r->link);
	else
		cJSON_AddNullToObject(o, "link");
	return o;
}

static cJSON *
status_responder_json(const struct responder *r, int64_t now, int stale)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", r->name);
	cJSON_AddStringToObject(o, "role", role_names[r->role]);
	cJSON_AddStringToObject(o, "state", rstate_names[r->state]);
	json_time(o, "last_checkin", r->last_checkin);
	cJSON_AddNumberToObject(o, "minutes_since_checkin",
	    (double)((now - r->last_checkin) / 60));
	/* Stamped ahead of our clock by a writer whose clock is wrong. */
	cJSON_AddBoolToObject(o, "clock_ahead", board_clock_ahead(r, now));
	if (r->asg_id != 0) {
		cJSON *a = cJSON_AddObjectToObject(o, "assignment");

		cJSON_AddStringToObject(a, "purpose", r->purpose);
		cJSON_AddStringToObject(a, "task", r->task);
		json_time(a, "since", r->asg_since);
		cJSON_AddBoolToObject(a, "stale", board_is_stale(r, now, stale));
	} else
		cJSON_AddNullToObject(o, "assignment");
	return o;
}

int
status_load(struct store *st, int64_t id, int64_t now, struct status_data *d,
    char *err)
{
	*d = (struct status_data){0};
	if (incident_load(st, id, &d->inc, err) != 0)
		return -1;
	if (board_load(st, id, now, d->inc.checkin_interval, &d->board,
	    &d->nboard, err) != 0)
		goto fail;
	d->tl = xcalloc(STATUS_TIMELINE_MAX, sizeof *d->tl);
	d->ntl = timeline_page(st, id, NULL, NULL, -1, STATUS_TIMELINE_MAX,
	    d->tl, err);
	if (d->ntl < 0)
		goto fail;
	d->total = timeline_count(st, id, NULL);
	if (decision_list(st, id, 0, &d->dec, &d->ndec, err) != 0)
		goto fail;
	if (release_list(st, id, STATUS_RELEASES_MAX, &d->rel, &d->nrel,
	    err) != 0) {
		decision_list_free(d->dec, d->ndec);
		goto fail;
	}
	/* Viewers watching (presence marks beside the database). */
	d->nwatching = presence_list(store_path(st), &d->watching);
	return 0;
fail:
	incident_clear(&d->inc);
	board_free(d->board, d->nboard);
	timeline_free(d->tl, d->ntl > 0 ? d->ntl : 0);
	return -1;
}

void
status_free(struct status_data *d)
{
	incident_clear(&d->inc);
	board_free(d->board, d->nboard);
	timeline_free(d->tl, d->ntl > 0 ? d->ntl : 0);
	decision_list_free(d->dec, d->ndec);
	release_list_free(d->rel, d->nrel);
	presence_list_free(d->watching, d->nwatching);
}

char *
status_json(struct store *st, int64_t id, int64_t now, char *err)
{
	struct status_data d;
	cJSON *root, *a;
	char *out;
	int i;

	if (status_load(st, id, now, &d, err) != 0)
		return NULL;
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "version", WARROOM_VERSION);
	cJSON_AddItemToObject(root, "incident", status_incident_json(&d.inc));
	a = cJSON_AddArrayToObject(root, "responders");
	for (i = 0; i < d.nboard; i++)
		cJSON_AddItemToArray(a, status_responder_json(&d.board[i], now,
		    d.inc.checkin_interval));
	a = cJSON_AddArrayToObject(root, "watching");
	for (i = 0; i < d.nwatching; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(d.watching[i]));
	a = cJSON_AddArrayToObject(root, "decisions");
	for (i = 0; i < d.ndec; i++)
		cJSON_AddItemToArray(a, status_decision_json(&d.dec[i]));
	a = cJSON_AddArrayToObject(root, "pending_signoffs");
	for (i = 0; i < d.ndec; i++)
		if (d.dec[i].signoff == SIGNOFF_PENDING && d.dec[i].tomb_at == 0)
			cJSON_AddItemToArray(a,
			    cJSON_CreateNumber((double)d.dec[i].id));
	a = cJSON_AddArrayToObject(root, "releases");
	for (i = 0; i < d.nrel; i++)
		cJSON_AddItemToArray(a, status_release_json(&d.rel[i]));
	a = metrics_all_json(st, now, err);
	if (a == NULL) {
		cJSON_Delete(root);
		status_free(&d);
		return NULL;
	}
	cJSON_AddItemToObject(root, "series", a);
	cJSON_AddNumberToObject(root, "timeline_total", (double)d.total);
	a = cJSON_AddArrayToObject(root, "timeline");
	for (i = 0; i < d.ntl; i++) {
		cJSON *e = status_entry_json(&d.tl[i]);

		cJSON_AddBoolToObject(e, "clock_ahead",
		    time_ahead(d.tl[i].event_time, now));
		cJSON_AddItemToArray(a, e);
	}
	out = json_string(root, 0);
	cJSON_Delete(root);
	status_free(&d);
	return out;
}

