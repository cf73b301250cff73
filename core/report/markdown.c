/* markdown.c: the postmortem draft as Markdown for people. */
#include "report/export.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/timefmt.h"
#include "base/util.h"
#include "base/version.h"
#include "model/action.h"
#include "model/timeline.h"
#include "report/export_data.h"


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

/* A table's header: "| A | B |\n|---|---|\n" for cols "A|B". */
static void
md_head(struct buf *b, const char *cols)
{
	const char *c;
	int n = 1;

	buf_adds(b, "| ");
	for (c = cols; *c != '\0'; c++) {
		if (*c == '|') {
			buf_adds(b, " | ");
			n++;
		} else
			buf_addc(b, *c);
	}
	buf_adds(b, " |\n|");
	while (n-- > 0)
		buf_adds(b, "---|");
	buf_adds(b, "\n");
}

/* The header of a table of n rows, or none (a sentence) when there are
 * no rows: 0 then. */
static int
md_table(struct buf *b, int n, const char *none, const char *cols)
{
	if (n == 0) {
		buf_adds(b, none);
		return 0;
	}
	md_head(b, cols);
	return 1;
}

/* One table row, a cell per letter of cells: 'e' a text escaped, 'o' a
 * text or "-", 's' a word as it is, 't' a time (int64_t) or "-". */
static void
md_row(struct buf *b, const char *cells, ...)
{
	const char *c;
	va_list ap;

	va_start(ap, cells);
	for (c = cells; *c != '\0'; c++) {
		buf_adds(b, c == cells ? "| " : " | ");
		switch (*c) {
		case 'e':
			md_add(b, va_arg(ap, const char *), 1);
			break;
		case 'o':
			md_opt(b, va_arg(ap, const char *));
			break;
		case 's':
			buf_adds(b, va_arg(ap, const char *));
			break;
		case 't':
			md_time(b, va_arg(ap, int64_t));
			break;
		}
	}
	va_end(ap);
	buf_adds(b, " |\n");
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

static void md_tomb(struct buf *b, int64_t at, const char *by,
    const char *reason);

/* The entries someone pinned (a decision, a key finding), in time order,
 * with who pinned them and when. */
static void
md_pinned(struct buf *b, const struct pm *pm)
{
	int i, n = 0;

	for (i = 0; i < pm->ntl; i++)
		n += !pm->tl[i].deleted && pm->tl[i].pinned_at > 0;
	if (n == 0)
		return;
	buf_addf(b, "### Pinned (%d)\n\n", n);
	for (i = 0; i < pm->ntl; i++) {
		const struct entry *e = &pm->tl[i];

		if (e->deleted || e->pinned_at <= 0)
			continue;
		buf_adds(b, "- ");
		md_time(b, e->event_time);
		buf_addf(b, " %s, ", kind_names[e->kind]);
		md_add(b, e->author, 1);
		buf_adds(b, ": ");
		md_tomb(b, e->tomb_at, e->tomb_by, e->tomb_reason);
		md_add(b, e->text, 1);
		if (e->tomb_at > 0)
			buf_adds(b, "~~");
		buf_adds(b, " *(pinned by ");
		md_add(b, e->pinned_by ? e->pinned_by : "?", 1);
		buf_adds(b, " at ");
		md_time(b, e->pinned_at);
		buf_adds(b, ")*\n");
	}
	buf_adds(b, "\n");
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
	md_pinned(b, pm);
	buf_addf(b, "### Responders (%d)\n\n", pm->nresp);
	if (!md_table(b, pm->nresp, "None recorded.\n\n",
	    "Name|Role|State|Joined|Last check-in"))
		return;
	for (k = 0; k < pm->nresp; k++) {
		const struct responder *r = &pm->resp[k];

		md_row(b, "esstt", r->name, role_names[r->role],
		    rstate_names[r->state], r->joined, r->last_checkin);
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

/* A duration row: "| what | span | how measured |". */
static void
md_span(struct buf *b, const char *what, int64_t secs, int early_ok,
    const char *how)
{
	buf_addf(b, "| %s | ", what);
	md_since(b, secs, early_ok);
	buf_addf(b, " | %s |\n", how);
}

static void
md_keytimes(struct buf *b, const struct pm *pm)
{
	const struct keytimes *k = &pm->kt;

	buf_adds(b, "## Key times\n\n");
	md_head(b, "Milestone|Time|Since detection");
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
	buf_adds(b, "\n");
	md_head(b, "Duration|Value|Measured");
	buf_adds(b, "| Time to detect | ");
	md_dur(b, k->to_detect);
	buf_addf(b, " | %s |\n",
	    k->began > 0 ? "impact began to detection" : k->first_event > 0
	    ? "first event to detection" : "no event logged before detection");
	md_span(b, "Time to first action", k->to_first_action, 1,
	    "detection to first action or assignment");
	md_span(b, "Time to identify", k->to_identify, 0,
	    "detection to identified");
	md_span(b, "Time to mitigate", k->to_mitigate, 0,
	    "detection to monitoring");
	md_span(b, "Time to recover", k->to_recover, 0,
	    "detection to recovered");
	md_span(b, "Time to resolve", k->to_resolve, 0,
	    "detection to resolved");
	buf_adds(b, "\n");
}

static void
md_phases(struct buf *b, const struct pm *pm)
{
	int i;

	buf_adds(b, "## Phase history\n\n");
	md_head(b, "Phase|From|At|Lasted|By|Note");
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
	    "have the source warroom.\n\n");
	md_head(b, "Time|Kind|Who|What|Source|Confidence|Flag");
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
		if (e->pinned_at > 0)
			buf_adds(b, " *(pinned)*");
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
		md_head(b, "Time|Who|Decision|Reason|Risk|Rolls back|Sign-off|"
		    "Checklist");
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
	if (!md_table(b, pm->nasg, "None recorded.\n\n", "Who|For what "
	    "(purpose)|Do what (task)|Outcome|Assigned|Closed"))
		return;
	for (i = 0; i < pm->nasg; i++) {
		const struct assignment *a = &pm->asg[i];
		int64_t closed = a->state == ASTATE_ACTIVE ? 0 : a->updated;

		md_row(b, "eeestt", a->name, a->purpose, a->task,
		    astate_names[a->state], a->created, closed);
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
	if (!md_table(b, pm->nroles, "None recorded.\n\n",
	    "Time|Who|From|To|By"))
		return;
	for (i = 0; i < pm->nroles; i++) {
		const struct role_change *r = &pm->roles[i];

		md_row(b, "tesse", r->at, r->name, r->old_role >= 0 ?
		    role_names[r->old_role] : "(joined)",
		    role_names[r->new_role], r->by);
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
	buf_addf(b, "## Releases and flags (%d)\n\n", pm->nrel);
	md_head(b, "Time|Kind|Name|Value|Rollback-safe|Link");
	for (i = 0; i < pm->nrel; i++) {
		const struct pm_release *r = &pm->rel[i];

		md_row(b, "teeoeo", r->at, r->kind, r->name, r->value,
		    r->rollback_safe, r->link);
	}
	buf_adds(b, "\n");
}

static void
md_updates(struct buf *b, const struct pm *pm)
{
	int i;

	buf_addf(b, "## Status updates (%d)\n\n", pm->nupd);
	if (!md_table(b, pm->nupd, "None sent.\n\n",
	    "Written|Audience|Message as sent|Delivery"))
		return;
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

/* One action's row: its number, what, who, when due, done or open and
 * the entry it came from. */
static void
md_action(struct buf *b, const struct action *a)
{
	char id[24], from[24] = "-";

	snprintf(id, sizeof id, "%lld", (long long)a->id);
	if (a->entry_id != 0)
		snprintf(from, sizeof from, "%lld", (long long)a->entry_id);
	md_row(b, "seotss", id, a->text, a->owner, a->due,
	    a->done ? "done" : "open", from);
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
				md_head(b, "#|Action|Owner|Due|State|From entry");
			md_action(b, a);
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
