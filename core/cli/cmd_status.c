/* cmd_status.c: `warroom status`: the incident as text for people, written
 * from the read model of view/status.h, or as JSON for scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "model/board.h"
#include "model/decision.h"
#include "model/metrics.h"
#include "model/outbox.h"
#include "model/remind.h"
#include "model/timeline.h"
#include "store/presence.h"
#include "view/status.h"

/* "checked in 5m ago", or the stamp and a question when it lies ahead. */
static void
cmd_status_checkin_ago(const struct responder *r, int64_t now, char *out,
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

/* Deleted decisions stay in sight, whatever their age. */
static void
cmd_status_tombs(struct buf *b, const struct status_data *d)
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

/* Deleted and pending decisions, and recent releases. */
static void
cmd_status_decisions(struct buf *b, const struct status_data *d)
{
	char t[32];
	int i, pending = 0;

	cmd_status_tombs(b, d);
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
cmd_status_users(struct buf *b, const struct incident *i)
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

/* The incident's head: title, phase, tracks, a reminder, the commander.
 * Stored fields go in with output_addf: one line each, whatever line
 * breaks the database holds. */
static void
cmd_status_head(struct buf *b, const struct status_data *d, int64_t now)
{
	const struct incident *i = &d->inc;
	char t1[32], d1[80], d2[32], rm[256];

	time_full(i->detected, t1, sizeof t1);
	time_dur(now - i->detected, d1, sizeof d1);
	time_dur(now - i->phase_since, d2, sizeof d2);
	output_addf(b, "#%lld %s  %s", (long long)i->id,
	    severity_names[i->severity], i->title);
	buf_addf(b, "phase     %s %s for %s (detected %s, %s ago)\n",
	    phase_headings[i->phase], phase_names[i->phase], d2, t1, d1);
	if (i->began > 0) {
		time_full(i->began, t1, sizeof t1);
		time_dur(i->detected - i->began, d1, sizeof d1);
		buf_addf(b, "began     %s (detected %s later)\n", t1, d1);
	}
	output_addf(b, "impact    %s%s%s", impact_names[i->impact],
	    i->impact_scope ? ": " : "", i->impact_scope ? i->impact_scope : "");
	cmd_status_users(b, i);
	if (remind_check(i, d->board, d->nboard, now, rm, sizeof rm, NULL, 0))
		buf_addf(b, "REMINDER  %s\n", rm);
	output_addf(b, "commander %s", i->commander ? i->commander : "-");
}

/* The board, one responder a line, and who watches. */
static void
cmd_status_board(struct buf *b, const struct status_data *d, int64_t now)
{
	char ago[80], *all;
	int i;

	buf_addf(b, "\nboard (%d)\n", d->nboard);
	for (i = 0; i < d->nboard; i++) {
		const struct responder *r = &d->board[i];
		int stale = board_is_stale(r, now, d->inc.checkin_interval);
		char *name = text_pad(r->name, 12);

		cmd_status_checkin_ago(r, now, ago, sizeof ago);
		output_addf(b, "  %s %-9s %-9s %s%s%s%s  (%s)%s",
		    name, role_names[r->role], rstate_names[r->state],
		    r->asg_id ? "for " : "", r->asg_id ? r->purpose : "-",
		    r->asg_id ? ", do " : "", r->asg_id ? r->task : "", ago,
		    stale ? "  STALE" : "");
		free(name);
	}
	all = presence_join(d->watching, d->nwatching);
	if (d->nwatching > 0)
		output_addf(b, "  watching (%d): %s", d->nwatching, all);
	free(all);
}

/* One timeline entry: a deleted one with its tombstone, else its text,
 * source and marks. */
static void
cmd_status_entry(struct buf *b, const struct entry *e, int64_t now)
{
	const char *why = timeline_origin_why(e);
	char *author = text_pad(e->author, 10), t[32];

	time_hm(e->event_time, t, sizeof t);
	if (e->tomb_at > 0) {
		char *line = timeline_tomb_text(e->tomb_at, e->tomb_by,
		    e->tomb_reason);

		output_addf(b, "  %s   %-10s %s [%s] %s", t,
		    kind_names[e->kind], author, line, e->text);
		free(line);
		free(author);
		return;
	}
	/* A rare mark, so it stands out: a column of its own and the reason
	 * in capitals at the end. */
	output_addf(b, "  %s %s %-10s %s %s%s%s%s%s%s%s%s", t,
	    why ? "?" : " ", kind_names[e->kind], author, e->text,
	    e->source[0] ? "  [" : "", e->source,
	    e->source[0] ? "]" : "", time_ahead(e->event_time, now)
	    ? "  (in the future: clock?)" : "", why ? "  <- UNKNOWN "
	    "ORIGIN (" : "", why ? why : "", why ? ")" : "");
	free(author);
}

/* The newest 20 entries of the timeline. */
static void
cmd_status_timeline(struct buf *b, const struct status_data *d, int64_t now)
{
	int i, from = d->ntl > 20 ? d->ntl - 20 : 0;

	buf_addf(b, "\ntimeline (%lld entries%s)\n", (long long)d->total,
	    d->total > 20 ? ", newest 20" : "");
	for (i = from; i < d->ntl; i++)
		cmd_status_entry(b, &d->tl[i], now);
}

/* The status as text for a terminal; caller frees; NULL with err. */
static char *
cmd_status_text(struct store *st, int64_t id, int64_t now, char *err)
{
	struct status_data d;
	struct buf b = {0};
	char *m, *raw, *clean;

	if (status_load(st, id, now, &d, err) != 0)
		return NULL;
	cmd_status_head(&b, &d, now);
	cmd_status_board(&b, &d, now);
	cmd_status_decisions(&b, &d);
	m = metrics_summary_text(st, now, err);
	if (m == NULL) {
		status_free(&d);
		buf_free(&b);
		return NULL;
	}
	if (*m != '\0')
		buf_addf(&b, "\n%s", m);
	free(m);
	cmd_status_timeline(&b, &d, now);
	status_free(&d);
	/* Text for a terminal: one more pass through the sanitizer. */
	raw = buf_take(&b);
	clean = text_sanitize(raw, strlen(raw), SIZE_MAX, TEXT_MULTILINE);
	free(raw);
	return clean;
}

/* Status updates: next due, and why any waits or failed. */
static int
cmd_status_updates(struct cli *c)
{
	char cerr[ERR_LEN] = "";
	struct config *cf = config_load(NULL, cerr);
	char *out = outbox_summary(c->st, c->incident, cf, cf ? NULL : cerr,
	    wr_now(), c->err);

	config_free(cf);
	if (out == NULL)
		return cli_error(c);
	output_text("\n");
	output_text(out);
	free(out);
	return 0;
}

int
cmd_status(struct cli *c)
{
	int json = cli_flag(c, "json");
	char *out;

	if (json)
		out = status_json(c->st, c->incident, wr_now(), c->err);
	else
		out = cmd_status_text(c->st, c->incident, wr_now(), c->err);
	if (out == NULL)
		return cli_error(c);
	if (json)
		output_json_printed(out);
	else
		output_text(out);
	free(out);
	return json ? 0 : cmd_status_updates(c);
}
