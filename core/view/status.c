/* status.c: `warroom status` as text and as JSON. */
#include "view/status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/board.h"
#include "model/decision.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "cli/output.h"
#include "store/presence.h"
#include "model/remind.h"
#include "store/store.h"
#include "base/json.h"
#include "base/text.h"
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

cJSON *
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

cJSON *
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

/* "checked in 5m ago", or the stamp and a question when it lies ahead. */
static void
status_checkin_ago(const struct responder *r, int64_t now, char *out,
    size_t n)
{
	char t[32];

	if (board_clock_ahead(r, now)) {
		time_full(time_ahead(r->last_checkin, now) ? r->last_checkin
		    : r->asg_since, t, sizeof t);
		snprintf(out, n, "clock? stamped %s, in the future", t);
		return;
	}
	time_dur(now - r->last_checkin, t, sizeof t);
	snprintf(out, n, "checked in %s ago", t);
}

/* Everything status shows, loaded once. */
struct status_data {
	struct incident inc;
	struct responder *board;
	int nboard;
	struct entry *tl;
	int ntl;
	int64_t total;
	struct decision *dec; /* newest first */
	int ndec;
	struct release *rel;  /* newest first, at most STATUS_RELEASES_MAX */
	int nrel;
};

static int
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
	return 0;
fail:
	incident_clear(&d->inc);
	board_free(d->board, d->nboard);
	timeline_free(d->tl, d->ntl > 0 ? d->ntl : 0);
	return -1;
}

static void
status_free(struct status_data *d)
{
	incident_clear(&d->inc);
	board_free(d->board, d->nboard);
	timeline_free(d->tl, d->ntl > 0 ? d->ntl : 0);
	decision_list_free(d->dec, d->ndec);
	release_list_free(d->rel, d->nrel);
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
	cJSON_AddItemToObject(root, "incident", status_incident_json(&d.inc));
	a = cJSON_AddArrayToObject(root, "responders");
	for (i = 0; i < d.nboard; i++)
		cJSON_AddItemToArray(a, status_responder_json(&d.board[i], now,
		    d.inc.checkin_interval));
	{
		/* Viewers watching (presence marks beside the database). */
		char **w;
		int nw = presence_list(store_path(st), &w);

		a = cJSON_AddArrayToObject(root, "watching");
		for (i = 0; i < nw; i++)
			cJSON_AddItemToArray(a, cJSON_CreateString(w[i]));
		presence_list_free(w, nw);
	}
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

/* Deleted decisions stay in sight, whatever their age. */
static void
status_text_tombs(struct buf *b, const struct status_data *d)
{
	char t[32];
	int i, n = 0;

	for (i = 0; i < d->ndec; i++)
		n += d->dec[i].tomb_at > 0;
	if (n == 0)
		return;
	buf_addf(b, "\ndeleted decisions (%d)\n", n);
	for (i = d->ndec - 1; i >= 0; i--) {
		const struct decision *x = &d->dec[i];
		char *line;

		if (x->tomb_at == 0)
			continue;
		time_hm(x->at, t, sizeof t);
		line = timeline_tomb_text(x->tomb_at, x->tomb_by,
		    x->tomb_reason);
		output_addf(b, "  #%-4lld %s %-10s %s  [%s]", (long long)x->id,
		    t, x->author, x->text, line);
		free(line);
	}
}

/* Pending sign-offs and recent releases, for `warroom status`. */
static void
status_text_decisions(struct buf *b, const struct status_data *d)
{
	char t[32];
	int i, pending = 0;

	status_text_tombs(b, d);
	for (i = 0; i < d->ndec; i++)
		pending += d->dec[i].signoff == SIGNOFF_PENDING &&
		    d->dec[i].tomb_at == 0;
	if (pending > 0) {
		buf_addf(b, "\npending sign-off (%d)\n", pending);
		for (i = d->ndec - 1; i >= 0; i--) {
			const struct decision *x = &d->dec[i];

			if (x->signoff != SIGNOFF_PENDING || x->tomb_at > 0)
				continue;
			time_hm(x->at, t, sizeof t);
			output_addf(b, "  #%-4lld %s %-10s %s  (needs %s; "
			    "reason: %s)", (long long)x->id, t, x->author,
			    x->text, x->signoff_from, x->reason);
		}
	}
	if (d->nrel > 0) {
		buf_addf(b, "\nreleases (newest %d)\n", d->nrel);
		for (i = 0; i < d->nrel; i++) {
			const struct release *r = &d->rel[i];

			time_hm(r->at, t, sizeof t);
			if (r->kind == RELEASE_FLAG)
				output_addf(b, "  %s flag   %-16s %s", t,
				    r->name, r->flag_on ? "on" : "off");
			else
				output_addf(b, "  %s deploy %-16s %s%s%s", t,
				    r->name, release_safe_text(r->rollback_safe),
				    r->link ? "  " : "", r->link ? r->link : "");
		}
	}
}

/* "users     updated (told 13:40, updated 14:03)": each with its time. */
static void
status_text_users(struct buf *b, const struct incident *i)
{
	static const char *const words[] = {"told", "updated",
	    "told of recovery"};
	const int64_t at[] = {i->users_told, i->users_updated,
	    i->recovery_told};
	char t[32];
	size_t k;
	int any = 0;

	buf_addf(b, "users     %s", comms_names[i->comms]);
	for (k = 0; k < ARRAY_LEN(at); k++) {
		if (at[k] <= 0)
			continue;
		time_hm(at[k], t, sizeof t);
		buf_addf(b, "%s%s %s", any ? ", " : " (", words[k], t);
		any = 1;
	}
	buf_adds(b, any ? ")\n" : "\n");
}

char *
status_text(struct store *st, int64_t id, int64_t now, char *err)
{
	struct status_data d;
	struct buf b = {0};
	char t1[32], d1[80], d2[32];
	int i, from;

	if (status_load(st, id, now, &d, err) != 0)
		return NULL;
	time_full(d.inc.detected, t1, sizeof t1);
	time_dur(now - d.inc.detected, d1, sizeof d1);
	time_dur(now - d.inc.phase_since, d2, sizeof d2);
	/* Stored fields go in with output_addf: one line each, whatever
	 * line breaks the database holds. */
	output_addf(&b, "#%lld %s  %s", (long long)d.inc.id,
	    severity_names[d.inc.severity], d.inc.title);
	buf_addf(&b, "phase     %s %s for %s (detected %s, %s ago)\n",
	    phase_headings[d.inc.phase], phase_names[d.inc.phase], d2, t1, d1);
	if (d.inc.began > 0) {
		time_full(d.inc.began, t1, sizeof t1);
		time_dur(d.inc.detected - d.inc.began, d1, sizeof d1);
		buf_addf(&b, "began     %s (detected %s later)\n", t1, d1);
	}
	output_addf(&b, "impact    %s%s%s", impact_names[d.inc.impact],
	    d.inc.impact_scope ? ": " : "",
	    d.inc.impact_scope ? d.inc.impact_scope : "");
	status_text_users(&b, &d.inc);
	{
		char rm[256];

		if (remind_check(&d.inc, d.board, d.nboard, now, rm, sizeof rm,
		    NULL, 0))
			buf_addf(&b, "REMINDER  %s\n", rm);
	}
	output_addf(&b, "commander %s", d.inc.commander ? d.inc.commander
	    : "-");
	buf_addf(&b, "\nboard (%d)\n", d.nboard);
	for (i = 0; i < d.nboard; i++) {
		const struct responder *r = &d.board[i];
		int stale = board_is_stale(r, now, d.inc.checkin_interval);

		char *name = text_pad(r->name, 12);

		status_checkin_ago(r, now, d1, sizeof d1);
		output_addf(&b, "  %s %-9s %-9s %s%s%s%s  (%s)%s",
		    name, role_names[r->role], rstate_names[r->state],
		    r->asg_id ? "for " : "", r->asg_id ? r->purpose : "-",
		    r->asg_id ? ", do " : "", r->asg_id ? r->task : "", d1,
		    stale ? "  STALE" : "");
		free(name);
	}
	{
		char **w, *all;
		int nw = presence_list(store_path(st), &w);

		all = presence_join(w, nw);
		if (nw > 0)
			output_addf(&b, "  watching (%d): %s", nw, all);
		free(all);
		presence_list_free(w, nw);
	}
	status_text_decisions(&b, &d);
	{
		char *m = metrics_summary_text(st, now, err);

		if (m == NULL) {
			status_free(&d);
			buf_free(&b);
			return NULL;
		}
		if (*m != '\0')
			buf_addf(&b, "\n%s", m);
		free(m);
	}
	from = d.ntl > 20 ? d.ntl - 20 : 0;
	buf_addf(&b, "\ntimeline (%lld entries%s)\n", (long long)d.total,
	    d.total > 20 ? ", newest 20" : "");
	for (i = from; i < d.ntl; i++) {
		const struct entry *e = &d.tl[i];
		const char *why = timeline_origin_why(e);
		char *author = text_pad(e->author, 10);

		time_hm(e->event_time, t1, sizeof t1);
		if (e->tomb_at > 0) {
			char *line = timeline_tomb_text(e->tomb_at, e->tomb_by,
			    e->tomb_reason);

			output_addf(&b, "  %s   %-10s %s [%s] %s", t1,
			    kind_names[e->kind], author, line, e->text);
			free(line);
			free(author);
			continue;
		}
		/* A rare mark, so it stands out: a column of its own and
		 * the reason in capitals at the end. */
		output_addf(&b, "  %s %s %-10s %s %s%s%s%s%s%s%s%s", t1,
		    why ? "?" : " ", kind_names[e->kind], author, e->text,
		    e->source[0] ? "  [" : "", e->source,
		    e->source[0] ? "]" : "", time_ahead(e->event_time, now)
		    ? "  (in the future: clock?)" : "", why ? "  <- UNKNOWN "
		    "ORIGIN (" : "", why ? why : "", why ? ")" : "");
		free(author);
	}
	status_free(&d);
	/* Text for a terminal: one more pass through the sanitizer. */
	{
		char *raw = buf_take(&b);
		char *clean = text_sanitize(raw, strlen(raw), SIZE_MAX,
		    TEXT_MULTILINE);

		free(raw);
		return clean;
	}
}
