/* export.c: the postmortem draft of an incident, as Markdown for people and
 * as a versioned JSON document that `warroom import` reads back. */
#include "report/export.h"
#include "model/timeline.h"
#include "model/timeline_row.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "model/action.h"
#include "report/export_data.h"
#include "model/incident.h"
#include "model/metrics.h"
#include "model/phase_history.h"
#include "view/status.h"
#include "store/store.h"
#include "base/json.h"
#include "base/text.h"
#include "model/timeline.h"
#include "base/timefmt.h"
#include "base/util.h"

#ifndef WARROOM_VERSION
#define WARROOM_VERSION "0.1"
#endif

/* ---- phases and key times ---------------------------------------------- */

/* The phase named by the word at *p (up to a space, ':' or the end). */
static int
export_phase_word(const char **p)
{
	size_t n = strcspn(*p, " :");
	int i;

	for (i = 0; i < PHASE_COUNT; i++)
		if (strlen(phase_names[i]) == n &&
		    strncmp(phase_names[i], *p, n) == 0) {
			*p += n;
			return i;
		}
	return -1;
}

int
export_parse_phase(const char *text, int *from, int *to, int *note_at)
{
	const char *p = strchr(text, ' ');

	if (p == NULL)
		return -1;
	p++;
	if ((*from = export_phase_word(&p)) < 0 || strncmp(p, " -> ", 4) != 0)
		return -1;
	p += 4;
	if ((*to = export_phase_word(&p)) < 0)
		return -1;
	if (*p == '\0')
		*note_at = -1;
	else if (strncmp(p, ": ", 2) == 0)
		*note_at = (int)(p + 2 - text);
	else
		return -1;
	return 0;
}

static int64_t
export_since(int64_t t, int64_t base)
{
	return t > 0 ? t - base : EXPORT_UNKNOWN;
}

void
export_keytimes_compute(const struct incident *inc, const struct entry *tl,
    int ntl, const struct phase_change *ph, int nph, struct keytimes *kt)
{
	int i;

	*kt = (struct keytimes){0};
	kt->detected = inc->detected;
	for (i = 0; i < ntl; i++) {
		const struct entry *e = &tl[i];

		if (e->deleted)
			continue;
		if (e->kind == KIND_EVENT && e->event_time < inc->detected &&
		    (kt->first_event == 0 || e->event_time < kt->first_event))
			kt->first_event = e->event_time;
		if ((e->kind == KIND_ACTION || e->kind == KIND_ASSIGNMENT) &&
		    (kt->first_action == 0 || e->event_time < kt->first_action))
			kt->first_action = e->event_time;
	}
	for (i = 0; i < nph; i++) {
		if (ph[i].from < 0)
			continue;
		if (ph[i].to >= PHASE_IDENTIFIED && (kt->identified == 0 ||
		    ph[i].at < kt->identified))
			kt->identified = ph[i].at;
		if (ph[i].to >= PHASE_MONITORING && (kt->mitigated == 0 ||
		    ph[i].at < kt->mitigated))
			kt->mitigated = ph[i].at;
	}
	/* The incident's own columns: moving back clears them, so they say
	 * when it recovered for good. */
	kt->recovered = inc->recovered;
	kt->resolved = inc->resolved;
	/* Impact's start, when someone said it, measures detection better
	 * than the first event anyone happened to log. */
	kt->began = inc->began;
	kt->to_detect = kt->began > 0 ? kt->detected - kt->began :
	    kt->first_event > 0 ? kt->detected - kt->first_event :
	    EXPORT_UNKNOWN;
	kt->to_first_action = export_since(kt->first_action, kt->detected);
	kt->to_identify = export_since(kt->identified, kt->detected);
	kt->to_mitigate = export_since(kt->mitigated, kt->detected);
	kt->to_recover = export_since(kt->recovered, kt->detected);
	kt->to_resolve = export_since(kt->resolved, kt->detected);
}

/* ---- loading ------------------------------------------------------------ */

/* Grow an array of elements of size sz to hold one more. */
static void *
export_grow(void *p, int n, int *cap, size_t sz)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	return xreallocarray(p, (size_t)*cap, sz);
}

static int
export_load_entries(struct store *st, struct pm *pm, char *err)
{
	static const char sql[] = ENTRY_COLUMNS "WHERE incident_id = ?1 "
	    "ORDER BY event_time, id";
	static const char hsql[] = "SELECT h.entry_id, h.version, "
	    "h.event_time, h.author, h.kind, h.text, h.source, h.confidence, "
	    "h.deleted, h.changed, h.changed_by, h.tomb_at, h.tomb_by, "
	    "h.tomb_reason FROM entry_history h JOIN "
	    "entry e ON e.id = h.entry_id WHERE e.incident_id = ?1 "
	    "ORDER BY h.entry_id, h.version";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, cap = 0;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pm->tl = export_grow(pm->tl, pm->ntl, &cap, sizeof *pm->tl);
		pm->tl[pm->ntl] = (struct entry){0};
		timeline_entry_row(s, &pm->tl[pm->ntl++]);
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	s = store_stmt(st, hsql);
	cap = 0;
	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct entry *h;

		pm->hist = export_grow(pm->hist, pm->nhist, &cap,
		    sizeof *pm->hist);
		h = &pm->hist[pm->nhist++];
		*h = (struct entry){0};
		h->id = sqlite3_column_int64(s, 0);
		h->version = sqlite3_column_int(s, 1);
		h->event_time = sqlite3_column_int64(s, 2);
		h->author = store_col_str(s, 3);
		h->kind = enum_parse(kind_names, KIND_COUNT,
		    (const char *)sqlite3_column_text(s, 4));
		h->text = store_col_str(s, 5);
		h->source = store_col_str(s, 6);
		h->confidence = enum_parse(confidence_names, CONF_COUNT,
		    (const char *)sqlite3_column_text(s, 7));
		h->deleted = sqlite3_column_int(s, 8) != 0;
		h->edited = sqlite3_column_int64(s, 9);
		h->edited_by = store_col_str(s, 10);
		h->tomb_at = sqlite3_column_int64(s, 11);
		h->tomb_by = store_col_text(s, 12);
		h->tomb_reason = store_col_text(s, 13);
		if (h->kind < 0)
			h->kind = KIND_NOTE;
		if (h->confidence < 0)
			h->confidence = CONF_UNVERIFIED;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_err(st, "reading timeline", err);
	return -1;
}

static int
export_load_board(struct store *st, struct pm *pm, char *err)
{
	static const char rsql[] = "SELECT id, name, role, state, joined, "
	    "last_checkin FROM responder WHERE incident_id = ?1 "
	    "ORDER BY joined, id";
	static const char asql[] = "SELECT a.id, a.responder_id, r.name, "
	    "a.purpose, a.task, a.state, a.created, a.updated FROM assignment a "
	    "JOIN responder r ON r.id = a.responder_id WHERE "
	    "a.incident_id = ?1 ORDER BY a.created, a.id";
	sqlite3_stmt *s = store_stmt(st, rsql);
	int rc, cap = 0;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct responder *r;

		pm->resp = export_grow(pm->resp, pm->nresp, &cap,
		    sizeof *pm->resp);
		r = &pm->resp[pm->nresp++];
		*r = (struct responder){0};
		r->id = sqlite3_column_int64(s, 0);
		r->name = store_col_str(s, 1);
		r->role = enum_parse(role_names, ROLE_COUNT,
		    (const char *)sqlite3_column_text(s, 2));
		r->state = enum_parse(rstate_names, RSTATE_COUNT,
		    (const char *)sqlite3_column_text(s, 3));
		r->joined = sqlite3_column_int64(s, 4);
		r->last_checkin = sqlite3_column_int64(s, 5);
		if (r->role < 0)
			r->role = ROLE_RESPONDER;
		if (r->state < 0)
			r->state = RSTATE_IDLE;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	s = store_stmt(st, asql);
	cap = 0;
	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct assignment *a;

		pm->asg = export_grow(pm->asg, pm->nasg, &cap, sizeof *pm->asg);
		a = &pm->asg[pm->nasg++];
		*a = (struct assignment){0};
		a->id = sqlite3_column_int64(s, 0);
		a->responder_id = sqlite3_column_int64(s, 1);
		a->name = store_col_str(s, 2);
		a->purpose = store_col_str(s, 3);
		a->task = store_col_str(s, 4);
		a->state = enum_parse(astate_names, ASTATE_COUNT,
		    (const char *)sqlite3_column_text(s, 5));
		a->created = sqlite3_column_int64(s, 6);
		a->updated = sqlite3_column_int64(s, 7);
		if (a->state < 0)
			a->state = ASTATE_DROPPED;
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_err(st, "reading board", err);
	return -1;
}

/* Decisions through decision.h's loader (the checklist and release read as
 * everywhere else), every one of them: a deleted entry's too, in time order. */
static int
export_load_decisions(struct store *st, struct pm *pm, char *err)
{
	static const char dsql[] = "SELECT d.id FROM decision d JOIN entry e "
	    "ON e.id = d.entry_id WHERE d.incident_id = ?1 "
	    "ORDER BY e.event_time, d.id";
	/* The releases of the incident's window, and any older one a
	 * decision rolls back; an entry id only when the entry is this
	 * incident's. */
	static const char rsql[] = "SELECT r.id, CASE WHEN r.incident_id = "
	    "i.id THEN r.entry_id END, r.kind, r.name, r.value, "
	    "r.rollback_safe, r.at, r.link, r.author, "
	    "r.at < i.detected AND r.at >= i.detected - i.change_window "
	    "FROM release r JOIN incident i ON i.id = ?1 "
	    "WHERE (r.at >= i.detected - i.change_window AND (i.resolved IS "
	    "NULL OR r.at <= i.resolved)) OR r.id IN (SELECT release_id FROM "
	    "decision WHERE incident_id = ?1) ORDER BY r.at, r.id";
	sqlite3_stmt *s = store_stmt(st, dsql);
	int64_t *ids = NULL;
	int rc, cap = 0, n = 0, i;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ids = export_grow(ids, n, &cap, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		free(ids);
		goto fail;
	}
	pm->dec = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->dec);
	for (i = 0; i < n; i++) {
		if (decision_get(st, ids[i], &pm->dec[i], err) != 0) {
			free(ids);
			return -1;
		}
		pm->ndec++;
	}
	free(ids);
	s = store_stmt(st, rsql);
	cap = 0;
	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_release *r;

		pm->rel = export_grow(pm->rel, pm->nrel, &cap, sizeof *pm->rel);
		r = &pm->rel[pm->nrel++];
		*r = (struct pm_release){0};
		r->id = sqlite3_column_int64(s, 0);
		r->entry_id = sqlite3_column_int64(s, 1);
		r->kind = store_col_str(s, 2);
		r->name = store_col_str(s, 3);
		r->value = store_col_text(s, 4);
		r->rollback_safe = store_col_str(s, 5);
		r->at = sqlite3_column_int64(s, 6);
		r->link = store_col_text(s, 7);
		r->author = store_col_str(s, 8);
		r->before = sqlite3_column_int(s, 9);
	}
	store_done(s);
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_err(st, "reading decisions and releases", err);
	return -1;
}

static int
export_load_updates(struct store *st, struct pm *pm, char *err)
{
	static const char sql[] = "SELECT id, entry_id, audience, phase, "
	    "heading, body, author, created, state, attempts, next_attempt, "
	    "sent_at, last_error, dropped_at, dropped_by FROM status_update "
	    "WHERE incident_id = ?1 "
	    "ORDER BY created, id";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, cap = 0;

	sqlite3_bind_int64(s, 1, pm->inc.id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_update *u;

		pm->upd = export_grow(pm->upd, pm->nupd, &cap, sizeof *pm->upd);
		u = &pm->upd[pm->nupd++];
		*u = (struct pm_update){0};
		u->id = sqlite3_column_int64(s, 0);
		u->entry_id = sqlite3_column_int64(s, 1);
		u->audience = store_col_str(s, 2);
		u->phase = store_col_str(s, 3);
		u->heading = store_col_str(s, 4);
		u->body = store_col_str(s, 5);
		u->author = store_col_str(s, 6);
		u->created = sqlite3_column_int64(s, 7);
		u->state = store_col_str(s, 8);
		u->attempts = sqlite3_column_int(s, 9);
		u->next_attempt = sqlite3_column_int64(s, 10);
		u->sent_at = sqlite3_column_int64(s, 11);
		u->last_error = store_col_text(s, 12);
		u->dropped_at = sqlite3_column_int64(s, 13);
		u->dropped_by = store_col_text(s, 14);
	}
	store_done(s);
	if (rc != SQLITE_DONE) {
		store_err(st, "reading status updates", err);
		return -1;
	}
	return 0;
}

/* The window of metrics shown: from a margin before the first thing known
 * to the resolution (plus the margin), or to now while unresolved. */
static void
export_window(struct pm *pm, int64_t now)
{
	int64_t start = pm->inc.detected;
	int i;

	for (i = 0; i < pm->ntl; i++)
		if (!pm->tl[i].deleted && pm->tl[i].event_time < start)
			start = pm->tl[i].event_time;
	pm->w0 = start - EXPORT_WINDOW_BEFORE;
	pm->w1 = pm->inc.resolved > 0 ? pm->inc.resolved + EXPORT_WINDOW_BEFORE
	    : now;
	if (pm->w1 < pm->w0)
		pm->w1 = pm->w0;
}

static int
export_load_series(struct store *st, struct pm *pm, char *err)
{
	struct series *list;
	int n, i;

	if (metrics_series_list(st, &list, &n, err) != 0)
		return -1;
	pm->ser = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pm->ser);
	for (i = 0; i < n; i++) {
		struct pm_series *ps = &pm->ser[pm->nser];

		if (metrics_samples(st, list[i].id, pm->w0, pm->w1, &ps->v,
		    &ps->nv, err) != 0) {
			metrics_series_free(list, n);
			return -1;
		}
		if (ps->nv == 0) {
			free(ps->v);
			ps->v = NULL;
			series_clear(&list[i]);
			continue;
		}
		ps->s = list[i];
		list[i] = (struct series){0};
		pm->nser++;
	}
	metrics_series_free(list, n);
	return 0;
}

void
export_free(struct pm *pm)
{
	int i;

	incident_clear(&pm->inc);
	for (i = 0; i < pm->ntl; i++)
		entry_clear(&pm->tl[i]);
	free(pm->tl);
	for (i = 0; i < pm->nhist; i++)
		entry_clear(&pm->hist[i]);
	free(pm->hist);
	phase_history_free(pm->ph, pm->nph);
	for (i = 0; i < pm->nresp; i++)
		responder_clear(&pm->resp[i]);
	free(pm->resp);
	for (i = 0; i < pm->nasg; i++)
		assignment_clear(&pm->asg[i]);
	free(pm->asg);
	decision_list_free(pm->dec, pm->ndec);
	for (i = 0; i < pm->nrel; i++) {
		free(pm->rel[i].kind);
		free(pm->rel[i].name);
		free(pm->rel[i].value);
		free(pm->rel[i].rollback_safe);
		free(pm->rel[i].link);
		free(pm->rel[i].author);
	}
	free(pm->rel);
	for (i = 0; i < pm->nupd; i++) {
		free(pm->upd[i].audience);
		free(pm->upd[i].phase);
		free(pm->upd[i].heading);
		free(pm->upd[i].body);
		free(pm->upd[i].author);
		free(pm->upd[i].state);
		free(pm->upd[i].last_error);
		free(pm->upd[i].dropped_by);
	}
	free(pm->upd);
	for (i = 0; i < pm->nser; i++) {
		series_clear(&pm->ser[i].s);
		free(pm->ser[i].v);
	}
	free(pm->ser);
	action_list_free(pm->act, pm->nact);
	authority_history_free(pm->roles, pm->nroles);
	*pm = (struct pm){0};
}

int
export_load(struct store *st, int64_t inc, int64_t now, struct pm *pm,
    char *err)
{
	/* One read transaction: the document is one consistent snapshot. */
	sqlite3_stmt *b = store_stmt(st, "BEGIN DEFERRED");
	int rc = -1;

	*pm = (struct pm){0};
	if (sqlite3_step(b) != SQLITE_DONE) {
		store_err(st, "reading", err);
		store_done(b);
		return -1;
	}
	store_done(b);
	if (incident_load(st, inc, &pm->inc, err) != 0 ||
	    export_load_entries(st, pm, err) != 0 ||
	    export_load_board(st, pm, err) != 0 ||
	    authority_history(st, inc, &pm->roles, &pm->nroles, err) != 0 ||
	    export_load_decisions(st, pm, err) != 0 ||
	    export_load_updates(st, pm, err) != 0)
		goto out;
	export_window(pm, now);
	if (export_load_series(st, pm, err) != 0 ||
	    action_list(st, inc, -1, &pm->act, &pm->nact, err) != 0)
		goto out;
	if (phase_history_list(st, &pm->inc, &pm->ph, &pm->nph, err) != 0)
		goto out;
	export_keytimes_compute(&pm->inc, pm->tl, pm->ntl, pm->ph, pm->nph,
	    &pm->kt);
	rc = 0;
out:
	b = store_stmt(st, "COMMIT");
	sqlite3_step(b);
	store_done(b);
	if (rc != 0)
		export_free(pm);
	return rc;
}

int
export_keytimes(struct store *st, int64_t inc, struct keytimes *kt,
    char *err)
{
	struct pm pm;

	if (export_load(st, inc, wr_now(), &pm, err) != 0)
		return -1;
	*kt = pm.kt;
	export_free(&pm);
	return 0;
}

/* ---- formatting helpers ------------------------------------------------- */

void
export_dur(int64_t secs, char *out, size_t n)
{
	const char *sign = "";
	long long s;

	if (secs == EXPORT_UNKNOWN) {
		snprintf(out, n, "-");
		return;
	}
	/* Never a negative duration: an end stamped before its start is a
	 * wrong clock or a wrong --at, and says so. */
	if (secs < 0) {
		sign = "out of order by ";
		secs = -secs;
	}
	s = (long long)secs;
	if (s < 60)
		snprintf(out, n, "%s%llds", sign, s);
	else if (s < 3600)
		snprintf(out, n, "%s%lldm %02llds", sign, s / 60, s % 60);
	else if (s < 86400)
		snprintf(out, n, "%s%lldh %02lldm %02llds", sign, s / 3600,
		    s % 3600 / 60, s % 60);
	else
		snprintf(out, n, "%s%lldd %02lldh %02lldm %02llds", sign,
		    s / 86400, s % 86400 / 3600, s % 3600 / 60, s % 60);
}

char *
export_md_escape(const char *s, int br)
{
	char *clean = text_sanitize(s, s ? strlen(s) : 0, TEXT_MAX,
	    TEXT_MULTILINE);
	struct buf b = {0};
	const char *p;
	int line_start = 1;

	buf_add(&b, "", 0);
	for (p = clean; *p != '\0'; p++) {
		char c = *p;

		if (c == '\n') {
			buf_adds(&b, br ? "<br>" : " ");
			line_start = 1;
			continue;
		}
		/* What would start a heading, list, quote or rule; in "12."
		 * the dot is what makes a list, and a digit cannot be
		 * escaped. */
		if (line_start && (c == '#' || c == '-' || c == '+' ||
		    c == '=' || c == '>'))
			buf_addc(&b, '\\');
		if (line_start && c >= '0' && c <= '9') {
			size_t n = strspn(p, "0123456789");

			if (p[n] == '.' || p[n] == ')') {
				buf_add(&b, p, n);
				buf_addc(&b, '\\');
				p += n;
				c = *p;
			}
		}
		line_start = 0;
		/* No tag can form without '<', so '>' stays readable. */
		switch (c) {
		case '<': buf_adds(&b, "&lt;"); break;
		case '&': buf_adds(&b, "&amp;"); break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '~':
			buf_addc(&b, '\\');
			buf_addc(&b, c);
			break;
		default:
			buf_addc(&b, c);
		}
	}
	free(clean);
	return buf_take(&b);
}

/* Column of time t in a window [from, to] of width columns. */
static int
export_col(int64_t t, int64_t from, int64_t to, int width)
{
	/* In doubles from the start: t - from may not fit an int64_t. */
	double span = (double)to - (double)from + 1.0;

	return util_clamp_int(((double)t - (double)from) * width / span, 0,
	    width - 1);
}

char *
export_sparkline(const struct sample *v, int n, int64_t from, int64_t to,
    int width)
{
	static const char *const bars[8] = {"\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
	double *col, lo = 0, hi = 0;
	int *have, i, any = 0;
	struct buf b = {0};

	if (width <= 0)
		return xstrdup("");
	col = xcalloc((size_t)width, sizeof *col);
	have = xcalloc((size_t)width, sizeof *have);
	for (i = 0; i < n; i++) {
		int c;

		if (v[i].t < from || v[i].t > to || !isfinite(v[i].v))
			continue;
		c = export_col(v[i].t, from, to, width);
		/* A column shows its peak: incidents are about peaks. */
		if (!have[c] || v[i].v > col[c])
			col[c] = v[i].v;
		have[c] = 1;
		if (!any || v[i].v < lo)
			lo = v[i].v;
		if (!any || v[i].v > hi)
			hi = v[i].v;
		any = 1;
	}
	buf_add(&b, "", 0);
	for (i = 0; i < width; i++) {
		int level;

		if (!have[i]) {
			buf_addc(&b, ' ');
			continue;
		}
		level = hi > lo ? util_clamp_int(util_frac(col[i], lo, hi) *
		    7.0 + 0.5, 0, 7) : 3;
		buf_adds(&b, bars[level < 0 ? 0 : level > 7 ? 7 : level]);
	}
	free(col);
	free(have);
	return buf_take(&b);
}

/* ---- Markdown ----------------------------------------------------------- */

/* Append s escaped for Markdown. */
static void
md_add(struct buf *b, const char *s, int br)
{
	char *e = export_md_escape(s ? s : "", br);

	buf_adds(b, e);
	free(e);
}

/* s escaped, or a plain "-" when there is nothing to show. */
static void
md_opt(struct buf *b, const char *s)
{
	if (s == NULL || *s == '\0')
		buf_adds(b, "-");
	else
		md_add(b, s, 1);
}

static void
md_time(struct buf *b, int64_t t)
{
	char s[32];

	if (t <= 0) {
		buf_adds(b, "-");
		return;
	}
	time_full(t, s, sizeof s);
	buf_adds(b, s);
}

static void
md_dur(struct buf *b, int64_t secs)
{
	char s[48];

	export_dur(secs, s, sizeof s);
	buf_adds(b, s);
}

/* A span from detection in words, never negative: what came first may
 * lie before detection (early_ok: "20m 00s before"); anything else there
 * is a time to check. */
static void
md_since(struct buf *b, int64_t secs, int early_ok)
{
	char s[48];

	if (secs == EXPORT_UNKNOWN || secs >= 0) {
		md_dur(b, secs);
		return;
	}
	export_dur(-secs, s, sizeof s);
	buf_addf(b, early_ok ? "%s before" : "%s before detection? (check "
	    "the times)", s);
}

static const struct entry *
pm_entry(const struct pm *pm, int64_t id)
{
	int i;

	for (i = 0; i < pm->ntl; i++)
		if (pm->tl[i].id == id)
			return &pm->tl[i];
	return NULL;
}

/* When users were told, updated and told of recovery. */
static void
md_users_told(struct buf *b, const struct incident *i)
{
	static const char *const words[] = {"told", "updated",
	    "told of recovery"};
	const int64_t at[] = {i->users_told, i->users_updated,
	    i->recovery_told};
	size_t k;
	int any = 0;

	for (k = 0; k < ARRAY_LEN(at); k++) {
		if (at[k] <= 0)
			continue;
		buf_addf(b, "%s%s ", any ? ", " : " (", words[k]);
		md_time(b, at[k]);
		any = 1;
	}
	if (any)
		buf_adds(b, ")");
}

static void
md_summary(struct buf *b, const struct pm *pm)
{
	const struct incident *i = &pm->inc;
	int k;

	buf_adds(b, "## Summary\n\n| | |\n|---|---|\n| Title | ");
	md_add(b, i->title, 1);
	buf_addf(b, " |\n| Severity | %s |\n| Phase | %s %s |\n| Commander | ",
	    severity_names[i->severity], phase_headings[i->phase],
	    phase_names[i->phase]);
	md_opt(b, i->commander);
	buf_addf(b, " |\n| Impact | %s", impact_names[i->impact]);
	if (i->impact_scope != NULL) {
		buf_adds(b, ": ");
		md_add(b, i->impact_scope, 1);
	}
	buf_addf(b, " |\n| Users | %s", comms_names[i->comms]);
	md_users_told(b, i);
	buf_addf(b, " |\n| Timeline | %d entries |\n\n", pm->ntl);
	buf_addf(b, "### Responders (%d)\n\n", pm->nresp);
	if (pm->nresp == 0) {
		buf_adds(b, "None recorded.\n\n");
		return;
	}
	buf_adds(b, "| Name | Role | State | Joined | Last check-in |\n"
	    "|---|---|---|---|---|\n");
	for (k = 0; k < pm->nresp; k++) {
		const struct responder *r = &pm->resp[k];

		buf_adds(b, "| ");
		md_add(b, r->name, 1);
		buf_addf(b, " | %s | %s | ", role_names[r->role],
		    rstate_names[r->state]);
		md_time(b, r->joined);
		buf_adds(b, " | ");
		md_time(b, r->last_checkin);
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n");
}

static void
md_keytime(struct buf *b, const char *what, int64_t t, int64_t detected,
    int early_ok)
{
	buf_addf(b, "| %s | ", what);
	md_time(b, t);
	buf_adds(b, " | ");
	md_since(b, t > 0 ? t - detected : EXPORT_UNKNOWN, early_ok);
	buf_adds(b, " |\n");
}

static void
md_keytimes(struct buf *b, const struct pm *pm)
{
	const struct keytimes *k = &pm->kt;

	buf_adds(b, "## Key times\n\n| Milestone | Time | Since detection |\n"
	    "|---|---|---|\n");
	if (k->began > 0)
		md_keytime(b, "Impact began", k->began, k->detected, 1);
	if (k->first_event > 0)
		md_keytime(b, "First event", k->first_event, k->detected, 1);
	md_keytime(b, "Detected", k->detected, k->detected, 0);
	md_keytime(b, "First action", k->first_action, k->detected, 1);
	md_keytime(b, "Identified", k->identified, k->detected, 0);
	md_keytime(b, "Mitigated (monitoring)", k->mitigated, k->detected,
	    0);
	md_keytime(b, "Recovered", k->recovered, k->detected, 0);
	md_keytime(b, "Resolved", k->resolved, k->detected, 0);
	buf_adds(b, "\n| Duration | Value | Measured |\n|---|---|---|\n"
	    "| Time to detect | ");
	md_dur(b, k->to_detect);
	buf_addf(b, " | %s |\n| Time to first action | ",
	    k->began > 0 ? "impact began to detection" : k->first_event > 0
	    ? "first event to detection" : "no event logged before detection");
	md_since(b, k->to_first_action, 1);
	buf_adds(b, " | detection to first action or assignment |\n"
	    "| Time to identify | ");
	md_since(b, k->to_identify, 0);
	buf_adds(b, " | detection to identified |\n| Time to mitigate | ");
	md_since(b, k->to_mitigate, 0);
	buf_adds(b, " | detection to monitoring |\n| Time to recover | ");
	md_since(b, k->to_recover, 0);
	buf_adds(b, " | detection to recovered |\n| Time to resolve | ");
	md_since(b, k->to_resolve, 0);
	buf_adds(b, " | detection to resolved |\n\n");
}

static void
md_phases(struct buf *b, const struct pm *pm)
{
	int i;

	buf_adds(b, "## Phase history\n\n| Phase | From | At | Lasted | By | "
	    "Note |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < pm->nph; i++) {
		const struct phase_change *p = &pm->ph[i];

		buf_addf(b, "| %s %s | %s | ", phase_headings[p->to],
		    phase_names[p->to], p->from >= 0 ? phase_names[p->from]
		    : "-");
		md_time(b, p->at);
		buf_adds(b, " | ");
		if (i + 1 < pm->nph)
			md_dur(b, pm->ph[i + 1].at - p->at);
		else
			buf_addf(b, "(%s)", pm->inc.phase == p->to ? "current"
			    : "-");
		buf_adds(b, " | ");
		md_add(b, p->by, 1);
		buf_adds(b, " | ");
		md_opt(b, p->note);
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n");
}

/* A tombstone opens the cell: "**deleted by WHO at HH:MM: WHY** ~~"; the
 * caller closes the strike-through after the text. */
static void
md_tomb(struct buf *b, int64_t at, const char *by, const char *reason)
{
	char *line;

	if (at <= 0)
		return;
	line = timeline_tomb_text(at, by, reason);
	buf_adds(b, "**");
	md_add(b, line, 1);
	buf_adds(b, "** ~~");
	free(line);
}

static void
md_timeline(struct buf *b, const struct pm *pm)
{
	int i, deleted = 0, flagged = 0;

	for (i = 0; i < pm->ntl; i++)
		deleted += pm->tl[i].deleted;
	buf_addf(b, "## Timeline\n\n%d entries", pm->ntl - deleted);
	if (deleted > 0)
		buf_addf(b, " (%d deleted, not shown; kept in the JSON export)",
		    deleted);
	buf_adds(b, ". Flagged: entries of unknown origin (a person's entry "
	    "with no source, or marked unverified); warroom's own entries "
	    "have the source warroom.\n\n| Time | Kind | Who | What | Source "
	    "| Confidence | Flag |\n|---|---|---|---|---|---|---|\n");
	for (i = 0; i < pm->ntl; i++) {
		const struct entry *e = &pm->tl[i];
		const char *why = timeline_origin_why(e);

		if (e->deleted)
			continue;
		flagged += why != NULL;
		buf_adds(b, "| ");
		md_time(b, e->event_time);
		buf_addf(b, " | %s | ", kind_names[e->kind]);
		md_add(b, e->author, 1);
		buf_adds(b, " | ");
		md_tomb(b, e->tomb_at, e->tomb_by, e->tomb_reason);
		md_add(b, e->text, 1);
		if (e->tomb_at > 0)
			buf_adds(b, "~~");
		if (e->version > 1)
			buf_addf(b, " *(edited, v%d)*", e->version);
		buf_adds(b, " | ");
		md_opt(b, e->source);
		buf_addf(b, " | %s | %s%s%s |\n", confidence_names[e->confidence],
		    why ? "**\u26a0 unknown origin** (" : "", why ? why : "",
		    why ? ")" : "");
	}
	buf_addf(b, "\n%d flagged.\n\n", flagged);
}

/* The checklist walked for a decision: its title, then one "answer:
 * question (note)" line per question. */
static void
md_checklist(struct buf *b, const struct decision *d)
{
	int i;

	if (d->checklist_name == NULL) {
		buf_adds(b, "-");
		return;
	}
	md_add(b, d->checklist_title, 1);
	for (i = 0; i < d->nanswers; i++) {
		const struct decision_answer *x = &d->answers[i];

		buf_addf(b, "<br>%s: ", answer_names[x->answer]);
		md_add(b, x->question, 1);
		if (x->note != NULL && *x->note != '\0') {
			buf_adds(b, " (");
			md_add(b, x->note, 1);
			buf_adds(b, ")");
		}
	}
}

/* Who must sign, the state, who signed and when, the note. */
static void
md_signoff(struct buf *b, const struct decision *d)
{
	if (d->signoff == SIGNOFF_NONE) {
		buf_adds(b, "not needed");
		return;
	}
	buf_addf(b, "%s, asked of ", signoff_names[d->signoff]);
	md_add(b, d->signoff_from, 1);
	if (d->signed_by != NULL) {
		buf_adds(b, ", by ");
		md_add(b, d->signed_by, 1);
	}
	if (d->signed_at > 0) {
		buf_adds(b, " at ");
		md_time(b, d->signed_at);
	}
	if (d->signoff_note != NULL && *d->signoff_note != '\0') {
		buf_adds(b, ": ");
		md_add(b, d->signoff_note, 1);
	}
}

static void
md_decisions(struct buf *b, const struct pm *pm)
{
	int i, live = 0;

	/* Like the timeline: a decision whose entry was deleted is left out
	 * here and kept in the JSON. */
	for (i = 0; i < pm->ndec; i++) {
		const struct entry *e = pm_entry(pm, pm->dec[i].entry_id);

		live += e == NULL || !e->deleted;
	}
	buf_addf(b, "## Decisions (%d)\n\n", live);
	if (live < pm->ndec)
		buf_addf(b, "%d deleted, not shown; kept in the JSON "
		    "export.\n\n", pm->ndec - live);
	if (live > 0)
		buf_adds(b, "| Time | Who | Decision | Reason | Risk | Rolls "
		    "back | Sign-off | Checklist |\n"
		    "|---|---|---|---|---|---|---|---|\n");
	for (i = 0; i < pm->ndec; i++) {
		const struct decision *d = &pm->dec[i];
		const struct entry *e = pm_entry(pm, d->entry_id);

		if (e != NULL && e->deleted)
			continue;
		buf_adds(b, "| ");
		md_time(b, d->at);
		buf_adds(b, " | ");
		md_add(b, d->author, 1);
		buf_adds(b, " | ");
		md_tomb(b, d->tomb_at, d->tomb_by, d->tomb_reason);
		md_add(b, d->text, 1);
		if (d->tomb_at > 0)
			buf_adds(b, "~~");
		buf_adds(b, " | ");
		md_add(b, d->reason, 1);
		buf_adds(b, " | ");
		md_opt(b, d->risk);
		buf_adds(b, " | ");
		if (d->release_id != 0) {
			md_add(b, d->release_name, 1);
			buf_addf(b, " (%s, deployed ",
			    release_safe_text(d->release_safe));
			md_time(b, d->release_at);
			buf_adds(b, ")");
		} else
			buf_adds(b, "-");
		if (d->override != NULL) {
			buf_adds(b, "<br>**Override:** ");
			md_add(b, d->override, 1);
		}
		buf_adds(b, " | ");
		md_signoff(b, d);
		buf_adds(b, " | ");
		md_checklist(b, d);
		buf_adds(b, " |\n");
	}
	buf_adds(b, live > 0 ? "\n" : "None recorded.\n\n");
}

static void
md_assignments(struct buf *b, const struct pm *pm)
{
	int i;

	buf_addf(b, "## Assignments (%d)\n\n", pm->nasg);
	if (pm->nasg == 0) {
		buf_adds(b, "None recorded.\n\n");
		return;
	}
	buf_adds(b, "| Who | For what (purpose) | Do what (task) | Outcome | "
	    "Assigned | Closed |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < pm->nasg; i++) {
		const struct assignment *a = &pm->asg[i];

		buf_adds(b, "| ");
		md_add(b, a->name, 1);
		buf_adds(b, " | ");
		md_add(b, a->purpose, 1);
		buf_adds(b, " | ");
		md_add(b, a->task, 1);
		buf_addf(b, " | %s | ", astate_names[a->state]);
		md_time(b, a->created);
		buf_adds(b, " | ");
		md_time(b, a->state == ASTATE_ACTIVE ? 0 : a->updated);
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n");
}

/* Who held which role when: handoffs of command stand out here. */
static void
md_roles(struct buf *b, const struct pm *pm)
{
	int i;

	buf_addf(b, "## Roles (%d change%s)\n\n", pm->nroles,
	    pm->nroles == 1 ? "" : "s");
	if (pm->nroles == 0) {
		buf_adds(b, "None recorded.\n\n");
		return;
	}
	buf_adds(b, "| Time | Who | From | To | By |\n|---|---|---|---|---|\n");
	for (i = 0; i < pm->nroles; i++) {
		const struct role_change *r = &pm->roles[i];

		buf_adds(b, "| ");
		md_time(b, r->at);
		buf_adds(b, " | ");
		md_add(b, r->name, 1);
		buf_addf(b, " | %s | %s | ", r->old_role >= 0 ?
		    role_names[r->old_role] : "(joined)",
		    role_names[r->new_role]);
		md_add(b, r->by, 1);
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n");
}

/* What changed in the window before anyone noticed: the first suspects. */
static void
md_changes_before(struct buf *b, const struct pm *pm)
{
	char win[32];
	int i, n = 0;

	for (i = 0; i < pm->nrel; i++)
		n += pm->rel[i].before;
	export_dur(pm->inc.change_window, win, sizeof win);
	buf_addf(b, "## Changes before detection (%d)\n\n", n);
	if (n == 0) {
		buf_addf(b, "No release or flag change recorded in the %s "
		    "before detection.\n\n", win);
		return;
	}
	buf_addf(b, "Releases and flag changes in the %s before detection.\n"
	    "\n", win);
	for (i = 0; i < pm->nrel; i++) {
		const struct pm_release *r = &pm->rel[i];
		char ago[32];

		if (!r->before)
			continue;
		export_dur(pm->inc.detected - r->at, ago, sizeof ago);
		buf_adds(b, "- ");
		md_time(b, r->at);
		buf_addf(b, " (%s before detection): %s ", ago,
		    strcmp(r->kind, "flag") == 0 ? "flag" : "deploy");
		md_add(b, r->name, 1);
		if (strcmp(r->kind, "flag") == 0)
			buf_addf(b, " turned %s", r->value ? r->value : "?");
		else
			buf_addf(b, ", %s", strcmp(r->rollback_safe, "yes") == 0
			    ? "rollback-safe" : strcmp(r->rollback_safe, "no")
			    == 0 ? "NOT rollback-safe" : "rollback-safe: "
			    "unknown");
		buf_adds(b, ", by ");
		md_add(b, r->author, 1);
		if (r->link != NULL) {
			buf_adds(b, " ");
			md_add(b, r->link, 1);
		}
		buf_adds(b, "\n");
	}
	buf_adds(b, "\n");
}

static void
md_releases(struct buf *b, const struct pm *pm)
{
	int i;

	if (pm->nrel == 0)
		return;
	buf_addf(b, "## Releases and flags (%d)\n\n| Time | Kind | Name | "
	    "Value | Rollback-safe | Link |\n|---|---|---|---|---|---|\n",
	    pm->nrel);
	for (i = 0; i < pm->nrel; i++) {
		const struct pm_release *r = &pm->rel[i];

		buf_adds(b, "| ");
		md_time(b, r->at);
		buf_adds(b, " | ");
		md_add(b, r->kind, 1);
		buf_adds(b, " | ");
		md_add(b, r->name, 1);
		buf_adds(b, " | ");
		md_opt(b, r->value);
		buf_adds(b, " | ");
		md_add(b, r->rollback_safe, 1);
		buf_adds(b, " | ");
		md_opt(b, r->link);
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n");
}

static void
md_updates(struct buf *b, const struct pm *pm)
{
	int i;

	buf_addf(b, "## Status updates (%d)\n\n", pm->nupd);
	if (pm->nupd == 0) {
		buf_adds(b, "None sent.\n\n");
		return;
	}
	buf_adds(b, "| Written | Audience | Message as sent | Delivery |\n"
	    "|---|---|---|---|\n");
	for (i = 0; i < pm->nupd; i++) {
		const struct pm_update *u = &pm->upd[i];

		buf_adds(b, "| ");
		md_time(b, u->created);
		buf_adds(b, " | ");
		md_add(b, u->audience, 1);
		buf_adds(b, " | **");
		md_add(b, u->heading, 1);
		buf_adds(b, "**<br>");
		md_add(b, u->body, 1);
		buf_adds(b, " | ");
		md_add(b, u->state, 1);
		if (u->sent_at > 0) {
			buf_adds(b, " ");
			md_time(b, u->sent_at);
		}
		buf_addf(b, ", %d attempt%s", u->attempts,
		    u->attempts == 1 ? "" : "s");
		if (u->last_error != NULL && *u->last_error != '\0') {
			buf_adds(b, ", last error: ");
			md_add(b, u->last_error, 1);
		}
		if (u->dropped_at > 0) {
			buf_adds(b, ", given up ");
			md_time(b, u->dropped_at);
			buf_adds(b, " by ");
			md_opt(b, u->dropped_by);
		}
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n");
}

/* A marker for the k-th phase change: 1-9, then a-z. */
static char
md_marker(int k)
{
	return k < 9 ? (char)('1' + k) : k < 35 ? (char)('a' + k - 9) : '*';
}

static void
md_number(struct buf *b, double v)
{
	buf_addf(b, "%.6g", v);
}

static void
md_metrics(struct buf *b, const struct pm *pm)
{
	char *marks;
	int i, k;

	if (pm->nser == 0)
		return;
	buf_adds(b, "## Metrics\n\nFrom ");
	md_time(b, pm->w0);
	buf_adds(b, " to ");
	md_time(b, pm->w1);
	buf_addf(b, "; each column is the peak of %s. Phase changes:",
	    "its slice of time");
	marks = xmalloc(EXPORT_SPARK_WIDTH + 1);
	memset(marks, ' ', EXPORT_SPARK_WIDTH);
	marks[EXPORT_SPARK_WIDTH] = '\0';
	for (k = 0; k < pm->nph; k++) {
		int c = export_col(pm->ph[k].at, pm->w0, pm->w1,
		    EXPORT_SPARK_WIDTH);

		buf_addf(b, "%s %c %s ", k ? "," : "", md_marker(k),
		    phase_names[pm->ph[k].to]);
		md_time(b, pm->ph[k].at);
		if (pm->ph[k].at >= pm->w0 && pm->ph[k].at <= pm->w1)
			marks[c] = md_marker(k);
	}
	buf_adds(b, ".\n\n");
	/* Trailing spaces would be trimmed by some renderers. */
	for (k = EXPORT_SPARK_WIDTH - 1; k >= 0 && marks[k] == ' '; k--)
		marks[k] = '\0';
	for (i = 0; i < pm->nser; i++) {
		const struct pm_series *s = &pm->ser[i];
		double lo = s->v[0].v, hi = s->v[0].v;
		char *line;
		int j;

		for (j = 1; j < s->nv; j++) {
			lo = s->v[j].v < lo ? s->v[j].v : lo;
			hi = s->v[j].v > hi ? s->v[j].v : hi;
		}
		buf_adds(b, "**");
		md_add(b, s->s.name, 0);
		buf_adds(b, "**");
		if (s->s.unit[0] != '\0') {
			buf_adds(b, " (");
			md_add(b, s->s.unit, 0);
			buf_adds(b, ")");
		}
		buf_addf(b, ": %d samples, min ", s->nv);
		md_number(b, lo);
		buf_adds(b, ", max ");
		md_number(b, hi);
		if (!isnan(s->s.warn)) {
			buf_adds(b, ", warn ");
			md_number(b, s->s.warn);
		}
		if (!isnan(s->s.crit)) {
			buf_adds(b, ", crit ");
			md_number(b, s->s.crit);
		}
		line = export_sparkline(s->v, s->nv, pm->w0, pm->w1,
		    EXPORT_SPARK_WIDTH);
		/* Only generated characters inside the fence. */
		buf_addf(b, "\n\n```\n%s\n%s\n```\n\n", line, marks);
		free(line);
	}
	free(marks);
}

static void
md_measure(struct buf *b, const char *what, int64_t secs, int early_ok)
{
	buf_addf(b, "%s ", what);
	md_since(b, secs, early_ok);
}

static void
md_actions(struct buf *b, const struct pm *pm)
{
	const struct keytimes *k = &pm->kt;
	int c, i;

	buf_addf(b, "## Retrospective actions (%d)\n\n", pm->nact);
	for (c = 0; c < CAT_COUNT; c++) {
		int n = 0;

		buf_addf(b, "### %s (%s)\n\n", category_titles[c],
		    category_names[c]);
		/* Beside the categories, what they are measured by. */
		if (c == CAT_DETECT_FASTER) {
			buf_adds(b, "> ");
			md_measure(b, "Time to detect:", k->to_detect, 0);
			buf_adds(b, " · ");
			md_measure(b, "time to first action:",
			    k->to_first_action, 1);
			buf_adds(b, "\n\n");
		} else if (c == CAT_RECOVER_FASTER) {
			buf_adds(b, "> ");
			md_measure(b, "Time to identify:", k->to_identify, 0);
			buf_adds(b, " · ");
			md_measure(b, "time to mitigate:", k->to_mitigate, 0);
			buf_adds(b, " · ");
			md_measure(b, "time to recover:", k->to_recover, 0);
			buf_adds(b, "\n\n");
		}
		for (i = 0; i < pm->nact; i++) {
			const struct action *a = &pm->act[i];

			if (a->category != c)
				continue;
			if (n++ == 0)
				buf_adds(b, "| # | Action | Owner | Due | State | "
				    "From entry |\n|---|---|---|---|---|---|\n");
			buf_addf(b, "| %lld | ", (long long)a->id);
			md_add(b, a->text, 1);
			buf_adds(b, " | ");
			md_opt(b, a->owner);
			buf_adds(b, " | ");
			md_time(b, a->due);
			buf_addf(b, " | %s | ", a->done ? "done" : "open");
			if (a->entry_id != 0)
				buf_addf(b, "%lld", (long long)a->entry_id);
			else
				buf_adds(b, "-");
			buf_adds(b, " |\n");
		}
		buf_adds(b, n > 0 ? "\n" : "None yet.\n\n");
	}
}

char *
export_markdown(struct store *st, int64_t inc, int64_t now, char *err)
{
	struct pm pm;
	struct buf b = {0};
	char zone[64] = "";
	time_t t;
	struct tm tm;

	if (export_load(st, inc, now, &pm, err) != 0)
		return NULL;
	t = (time_t)pm.inc.detected;
	if (localtime_r(&t, &tm) != NULL)
		strftime(zone, sizeof zone, "%Z, UTC%z", &tm);
	buf_adds(&b, "# Postmortem: ");
	md_add(&b, pm.inc.title, 0);
	buf_addf(&b, "\n\nIncident #%lld · %s · %s %s · exported ",
	    (long long)pm.inc.id, severity_names[pm.inc.severity],
	    phase_headings[pm.inc.phase], phase_names[pm.inc.phase]);
	md_time(&b, now);
	buf_addf(&b, " by warroom %s. Times are local (%s). "
	    "This is a draft: check it, then add what the timeline does not "
	    "say.\n\n", WARROOM_VERSION, zone);
	md_summary(&b, &pm);
	md_keytimes(&b, &pm);
	md_changes_before(&b, &pm);
	md_phases(&b, &pm);
	md_timeline(&b, &pm);
	md_decisions(&b, &pm);
	md_assignments(&b, &pm);
	md_roles(&b, &pm);
	md_releases(&b, &pm);
	md_updates(&b, &pm);
	md_metrics(&b, &pm);
	md_actions(&b, &pm);
	export_free(&pm);
	/* One newline at the end, not a blank line. */
	while (b.len >= 2 && b.p[b.len - 1] == '\n' && b.p[b.len - 2] == '\n')
		b.p[--b.len] = '\0';
	return buf_take(&b);
}

/* ---- JSON --------------------------------------------------------------- */

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

/* ---- files -------------------------------------------------------------- */

int
export_write_file(const char *path, const char *data, size_t len, int force,
    char *err)
{
	struct stat sb;
	char *tmp;
	size_t off = 0;
	int fd, rc = -1;

	if (path == NULL || *path == '\0') {
		err_set(err, "-o needs a file name");
		return -1;
	}
	if (lstat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			err_set(err, "%s: exists and is not a regular file", path);
			return -1;
		}
		if (!force) {
			err_set(err, "%s: exists; not overwritten (a draft may "
			    "hold edits; use --force to replace it)", path);
			return -1;
		}
	}
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		err_set(err, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err_set(err, "%s: %s", tmp, strerror(errno));
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0) {
		err_set(err, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		err_set(err, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (force) {
		if (rename(tmp, path) != 0) {
			err_set(err, "%s: %s", path, strerror(errno));
			goto fail;
		}
	} else {
		/* link() fails if path appeared meanwhile: no clobbering. */
		if (link(tmp, path) == 0)
			unlink(tmp);
		else if (errno == EEXIST) {
			err_set(err, "%s: exists; not overwritten (use --force)",
			    path);
			goto fail;
		} else if (lstat(path, &sb) == 0 || errno != ENOENT ||
		    rename(tmp, path) != 0) {
			/* No hard links here (some file systems): check and
			 * rename instead. */
			err_set(err, "%s: %s", path, errno == 0 ? "exists"
			    : strerror(errno));
			goto fail;
		}
	}
	rc = 0;
fail:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
