/* cmd_timeline.c: the timeline: log an entry (or print an entry's
 * history), edit, delete and undelete one. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "model/authority.h"
#include "model/incident_pick.h"
#include "model/timeline.h"

static int64_t
cmd_entry_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (end == s || *end != '\0' || v <= 0) {
		cli_fail("'%.40s' is not an entry id", s);
		return -1;
	}
	return v;
}

static int
cmd_history(struct cli *c, const char *ids)
{
	struct entry *v;
	int n, i;
	int64_t id = cmd_entry_id(ids);

	if (id < 0)
		return 1;
	if (timeline_history(c->st, id, &v, &n, c->err) != 0)
		return cli_error(c);
	for (i = 0; i < n; i++) {
		char t[32], made[32];
		const char *who = i == 0 ? v[i].author : v[i - 1].edited_by;
		int64_t when = i == 0 ? v[i].recorded : v[i - 1].edited;

		time_full(v[i].event_time, t, sizeof t);
		time_full(when, made, sizeof made);
		/* Every field as stored, which anyone with the file can
		 * write: each line cleaned, one line each. */
		output_line("v%d  by %s at %s%s", v[i].version, who ? who : "?",
		    made, v[i].deleted ? "  DELETED" : "");
		if (v[i].tomb_at > 0) {
			char hm[16];

			time_hm(v[i].tomb_at, hm, sizeof hm);
			output_line("  deleted by %s at %s: %s", v[i].tomb_by ?
			    v[i].tomb_by : "?", hm, v[i].tomb_reason ?
			    v[i].tomb_reason : "");
		}
		output_line("  %s  [%s] %s  (source: %s, %s)", t,
		    kind_names[v[i].kind], v[i].text,
		    v[i].source[0] ? v[i].source : "none",
		    confidence_names[v[i].confidence]);
	}
	timeline_free(v, n);
	return 0;
}

/* Read --kind, --at, --source, --confidence into e (an entry of incident
 * inc); 0 or 1. */
static int
cmd_entry_opts(struct cli *c, int64_t inc, struct entry *e)
{
	const char *kind = cli_opt(c, "kind");
	const char *conf = cli_opt(c, "confidence");

	if (kind != NULL) {
		/* System kinds are written by their features, not by hand. */
		static const char *const user_kinds[] = {"event", "action",
		    "decision", "update", "note"};
		int k = cli_enum("kind", user_kinds, 5, kind);

		if (k < 0)
			return 1;
		e->kind = k;
	}
	if (conf != NULL && (e->confidence = cli_enum("confidence",
	    confidence_names, CONF_COUNT, conf)) < 0)
		return 1;
	if (cli_time_incident(c, "at", inc, &e->event_time) != 0)
		return 1;
	if (cli_opt(c, "source") != NULL)
		e->source = (char *)(uintptr_t)cli_opt(c, "source");
	return 0;
}

/* TEXT "-" reads the text from standard input (for scripts and hooks). */
static char *
cmd_read_stdin(char *err)
{
	struct buf b = {0};
	char chunk[8192];
	size_t n;

	/* One byte over the limit is enough for text_check to refuse it. */
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > TEXT_MAX)
			break;
	}
	if (b.p != NULL && memchr(b.p, '\0', b.len) != NULL) {
		err_set(err, "text contains a NUL byte");
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

int
cmd_log(struct cli *c)
{
	struct entry e = {0};
	char *in = NULL;
	int64_t id;

	if (cli_opt(c, "history") != NULL)
		return cmd_history(c, cli_opt(c, "history"));
	if (c->npos < 1)
		return cli_fail("usage: warroom log %s", c->cmd->usage);
	if (cli_authority(c, c->incident, AUTH_LOG) != 0)
		return 1;
	e.kind = KIND_EVENT;
	e.confidence = CONF_CONFIRMED;
	if (cmd_entry_opts(c, c->incident, &e) != 0)
		return 1;
	if (strcmp(c->pos[0], "-") == 0 &&
	    (in = cmd_read_stdin(c->err)) == NULL)
		return cli_error(c);
	e.text = in ? in : (char *)(uintptr_t)c->pos[0];
	e.author = (char *)(uintptr_t)c->as;
	id = timeline_add(c->st, c->incident, &e, c->err);
	free(in);
	return cli_print_id(c, id);
}

/* Entries written by a feature (phase, assignment, release, a decision, a
 * status update) change only through that feature. 0, or 1 (told). */
static int
cmd_entry_by_hand(struct cli *c, int64_t id, const char *doing)
{
	int sys = timeline_is_system(c->st, id, c->err);

	if (sys < 0)
		return cli_error(c);
	if (sys == TIMELINE_DECISION && strcmp(doing, "deleted") == 0)
		return 0; /* a decision recorded by mistake may be withdrawn */
	if (sys > 0)
		return cli_fail("entry %lld was written by warroom itself and "
		    "cannot be %s by hand (log a note instead)", (long long)id,
		    doing);
	return 0;
}

/* An entry names its incident: edit, delete, undelete, pin and unpin act
 * there, never on the default one. Refused when --incident (or
 * $WARROOM_INCIDENT) names another; said on stderr when it is closed. 0, or
 * 1 (told). */
static int
cmd_entry_incident(struct cli *c, const struct entry *e)
{
	char line[400];
	int64_t named;
	int closed;

	if (cli_named_incident(c, &named) != 0)
		return 1;
	if (named > 0 && named != e->incident_id)
		return cli_fail("entry %lld belongs to incident #%lld, not #%lld",
		    (long long)e->id, (long long)e->incident_id,
		    (long long)named);
	closed = incident_closed(c->st, e->incident_id, wr_now(), line,
	    sizeof line);
	if (closed < 0)
		return cli_fail("%s", line);
	if (closed > 0)
		(void)cli_fail("entry %lld is in incident #%lld, which is "
		    "closed (%s)", (long long)e->id, (long long)e->incident_id,
		    line);
	return 0;
}

int
cmd_edit(struct cli *c)
{
	struct entry cur = {0}, e;
	int64_t id = cmd_entry_id(c->pos[0]);
	int rc;

	if (id < 0)
		return 1;
	if (cmd_entry_by_hand(c, id, "edited") != 0)
		return 1;
	if (timeline_get(c->st, id, &cur, c->err) != 0)
		return cli_error(c);
	if (cmd_entry_incident(c, &cur) != 0 ||
	    cli_authority(c, cur.incident_id, AUTH_EDIT) != 0) {
		entry_clear(&cur);
		return 1;
	}
	e = cur;
	if (cmd_entry_opts(c, cur.incident_id, &e) != 0) {
		entry_clear(&cur);
		return 1;
	}
	if (cli_opt(c, "text") != NULL)
		e.text = (char *)(uintptr_t)cli_opt(c, "text");
	rc = timeline_edit(c->st, &e, c->as, c->err);
	entry_clear(&cur);
	return cli_result(c, rc);
}

/* Withdrawing a decision is the commander's; any other entry the
 * scribe's. */
static int
cmd_delete_action(struct cli *c, const struct entry *e)
{
	if (timeline_is_system(c->st, e->id, c->err) == TIMELINE_DECISION)
		return AUTH_DECISION_DELETE;
	/* One's own entry is one's own to take back; someone else's is the
	 * scribe's or the commander's (and leaves a tombstone). */
	return e->author != NULL && strcmp(e->author, c->as) == 0 ? AUTH_LOG
	    : AUTH_EDIT;
}

int
cmd_delete(struct cli *c)
{
	struct entry cur = {0};
	int64_t id = cmd_entry_id(c->pos[0]);
	int rc;

	if (id < 0 || cmd_entry_by_hand(c, id, "deleted") != 0)
		return 1;
	if (timeline_get(c->st, id, &cur, c->err) != 0)
		return cli_error(c);
	if (cmd_entry_incident(c, &cur) != 0 || cli_authority(c,
	    cur.incident_id, cmd_delete_action(c, &cur)) != 0) {
		entry_clear(&cur);
		return 1;
	}
	rc = timeline_remove(c->st, id, cur.version, c->as,
	    cli_opt(c, "reason"), c->err);
	entry_clear(&cur);
	return cli_result(c, rc);
}

/* Undo a deletion; prints the id of the note that says so. */
int
cmd_undelete(struct cli *c)
{
	struct entry cur = {0};
	int64_t id = cmd_entry_id(c->pos[0]);
	int rc;

	if (id < 0)
		return 1;
	if (timeline_get(c->st, id, &cur, c->err) != 0)
		return cli_error(c);
	rc = cmd_entry_incident(c, &cur) != 0 ? 1 : cli_authority(c,
	    cur.incident_id, cmd_delete_action(c, &cur));
	entry_clear(&cur);
	if (rc != 0)
		return 1;
	return cli_print_id(c, timeline_undelete(c->st, id, c->as, c->err));
}

/* pin ID / unpin ID: the scribe's or the commander's mark on an entry
 * that matters (a decision, a key finding). */
static int
cmd_pin_set(struct cli *c, int on)
{
	struct entry cur = {0};
	int64_t id = cmd_entry_id(c->pos[0]);
	int rc;

	if (id < 0)
		return 1;
	if (timeline_get(c->st, id, &cur, c->err) != 0)
		return cli_error(c);
	rc = cmd_entry_incident(c, &cur) != 0 ? 1 : cli_authority(c,
	    cur.incident_id, AUTH_PIN);
	entry_clear(&cur);
	if (rc != 0)
		return 1;
	return cli_result(c, timeline_pin(c->st, id, on, c->as, c->err));
}

int
cmd_pin(struct cli *c)
{
	return cmd_pin_set(c, 1);
}

int
cmd_unpin(struct cli *c)
{
	return cmd_pin_set(c, 0);
}
