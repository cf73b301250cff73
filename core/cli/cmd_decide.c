/* cmd_decide.c: decisions: record one (with the interactive walk of a
 * checklist on a terminal) and sign one off. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/authority.h"
#include "cli/cli.h"
#include "model/checklist.h"
#include "model/decision.h"
#include "cli/output.h"
#include "base/text.h"
#include "base/timefmt.h"

/* Read one line from f into a fresh string without its newline; NULL at
 * end of input. A line longer than max is read whole and cut. */
static char *
decide_read_line(FILE *f, size_t max)
{
	struct buf b = {0};
	int ch;

	while ((ch = getc(f)) != EOF && ch != '\n')
		if (b.len < max)
			buf_addc(&b, (char)ch);
	if (ch == EOF && b.len == 0 && (feof(f) || ferror(f))) {
		buf_free(&b);
		return NULL;
	}
	if (b.p == NULL)
		buf_adds(&b, "");
	return buf_take(&b);
}

/* Print text for a terminal: cleaned again on the way out. */
static void
decide_puts(FILE *f, const char *s)
{
	char *clean = text_sanitize(s, strlen(s), SIZE_MAX, TEXT_MULTILINE);

	fputs(clean, f);
	free(clean);
}

/* What is recorded about the release rolled back, for the walk. */
static void
decide_record(struct buf *b, const struct release *rel, int how)
{
	char t[32];

	if (rel == NULL || rel->id == 0) {
		buf_adds(b, "No deploy is recorded for this rollback: its "
		    "rollback-safe mark is unknown.\n");
		return;
	}
	time_full(rel->at, t, sizeof t);
	buf_addf(b, "Release %s is marked %s.\n", rel->name,
	    release_safe_text(rel->rollback_safe));
	buf_addf(b, "  deployed %s by %s (%s)\n", t, rel->author,
	    release_how_text(how));
	if (rel->link != NULL)
		buf_addf(b, "  link: %s\n", rel->link);
}

/* A yes that contradicts the record stands only with a reason: 1 when one
 * was given (*why set), 0 to ask again, -1 at end of input. */
static int
decide_ask_override(const struct release *rel, char **why)
{
	struct buf b = {0};
	char *line;

	if (rel != NULL && rel->id != 0)
		buf_addf(&b, "  the record says release %s is %s.\n",
		    rel->name, release_safe_text(rel->rollback_safe));
	else
		buf_adds(&b, "  no deploy is recorded: the mark is unknown.\n");
	buf_adds(&b, "  to keep 'yes' against the record, give the reason "
	    "(Enter: answer again): ");
	decide_puts(stderr, b.p);
	buf_free(&b);
	fflush(stderr);
	if ((line = decide_read_line(stdin, 4000)) == NULL)
		return -1;
	if (str_empty(line) || text_check(line, 4000, "reason", NULL) != 0) {
		free(line);
		return 0;
	}
	free(*why);
	*why = line;
	return 1;
}

/* Ask each question on the terminal (prompts on stderr, so stdout stays
 * the record). 0 with *out, or -1 with err (nothing recorded). A yes
 * against the release's record asks for an override reason (*why) unless
 * one was given. */
static int
decide_walk(const struct checklist *cl, const struct release *rel, int how,
    char **why, struct checklist_answer **out, char *err)
{
	struct checklist_answer *a = xcalloc((size_t)cl->n, sizeof *a);
	struct buf b = {0};
	int i;

	buf_addf(&b, "%s: %d questions; answer yes, no or n/a, then an "
	    "optional note.\n", cl->title, cl->n);
	if (how != RELEASE_NONE || (cl->name != NULL &&
	    strcmp(cl->name, "rollback") == 0))
		decide_record(&b, rel, how);
	decide_puts(stderr, b.p);
	buf_free(&b);
	for (i = 0; i < cl->n; i++) {
		char *line;

		buf_addf(&b, "\n[%d/%d] %s\n", i + 1, cl->n,
		    cl->items[i].question);
		if (cl->items[i].hint)
			buf_addf(&b, "      (%s)\n", cl->items[i].hint);
		decide_puts(stderr, b.p);
		buf_free(&b);
		for (;;) {
			fputs("  answer (yes/no/n/a): ", stderr);
			fflush(stderr);
			if ((line = decide_read_line(stdin, 64)) == NULL)
				goto eof;
			a[i].answer = checklist_answer_word(line, strlen(line));
			free(line);
			if (a[i].answer < 0) {
				fputs("  please answer yes, no or n/a\n", stderr);
				continue;
			}
			if (*why == NULL && cl->items[i].check != CHECK_NONE &&
			    decision_contradiction(cl, a, rel) == i) {
				int r = decide_ask_override(rel, why);

				if (r < 0)
					goto eof;
				if (r == 0)
					continue;
			}
			break;
		}
		fputs("  note (Enter for none): ", stderr);
		fflush(stderr);
		if ((line = decide_read_line(stdin, 4000)) == NULL)
			goto eof;
		if (text_check(line, 4000, "note", err) != 0 ||
		    str_empty(line))
			free(line); /* an unreadable note is dropped, not kept */
		else
			a[i].note = line;
	}
	fputc('\n', stderr);
	*out = a;
	return 0;
eof:
	fputc('\n', stderr);
	err_set(err, "checklist not finished (end of input after %d of %d "
	    "answers): nothing recorded", i, cl->n);
	checklist_answers_free(a, cl->n);
	return -1;
}

/* The decision as recorded: every field is stored text, one line each. */
static void
decide_print(const struct decision *d)
{
	char t[32];
	int i;

	time_hm(d->at, t, sizeof t);
	output_line("decision %lld  %s  by %s: %s", (long long)d->id, t,
	    d->author, d->text);
	output_line("  reason: %s", d->reason);
	output_line("  risk:   %s", d->risk[0] ? d->risk : "not stated");
	if (d->release_id != 0) {
		output_line("  %srelease %s is %s",
		    d->release_safe == SAFE_NO ? "WARNING: " : "",
		    d->release_name, release_safe_text(d->release_safe));
		time_full(d->release_at, t, sizeof t);
		output_line("    deployed %s%s%s", t, d->release_link ?
		    "  " : "", d->release_link ? d->release_link : "");
	}
	if (d->override != NULL)
		output_line("  OVERRIDE: %s", d->override);
	if (d->checklist_name != NULL) {
		output_line("  checklist: %s", d->checklist_title);
		for (i = 0; i < d->nanswers; i++)
			output_line("    %-3s  %s%s%s",
			    answer_names[d->answers[i].answer],
			    d->answers[i].question,
			    d->answers[i].note ? "  -- " : "",
			    d->answers[i].note ? d->answers[i].note : "");
	}
	if (d->signoff == SIGNOFF_PENDING)
		output_line("  awaiting sign-off from %s (warroom signoff %lld "
		    "--as %s)", d->signoff_from, (long long)d->id,
		    d->signoff_from);
	else if (d->signoff != SIGNOFF_NONE) {
		time_hm(d->signed_at, t, sizeof t);
		output_line("  %s by %s at %s%s%s", signoff_names[d->signoff],
		    d->signed_by, t, d->signoff_note ? ": " : "",
		    d->signoff_note ? d->signoff_note : "");
	}
}

static int
decide_time(struct cli *c, int64_t *at)
{
	*at = 0;
	return cli_time_incident(c, "at", c->incident, at);
}

int
cmd_decide(struct cli *c)
{
	const char *clname = cli_opt(c, "checklist");
	const char *answers = cli_opt(c, "answers");
	struct decision_new dn = {0};
	struct checklist cl = {0};
	struct checklist_answer *ans = NULL;
	struct decision d = {0};
	struct release rel = {0};
	char *why = NULL;
	int64_t id;
	int rc = 1, how = RELEASE_NONE;

	if (cli_authority(c, c->incident, AUTH_DECIDE) != 0)
		return 1;
	if (cli_opt(c, "reason") == NULL || str_empty(cli_opt(c, "reason")))
		return cli_fail("decide: a decision needs --reason: the "
		    "decision, its reason and its risk go on record");
	if (answers != NULL && clname == NULL)
		return cli_fail("decide: --answers needs --checklist NAME");
	dn.text = c->pos[0];
	dn.reason = cli_opt(c, "reason");
	dn.risk = cli_opt(c, "risk");
	dn.signoff_from = cli_opt(c, "signoff");
	dn.author = c->as;
	dn.release = cli_opt(c, "release");
	if (cli_opt(c, "override") != NULL)
		why = xstrdup(cli_opt(c, "override"));
	if (decide_time(c, &dn.at) != 0)
		goto out;
	if (clname != NULL && checklist_load(clname, &cl, c->err) != 0)
		goto fail;
	if (decision_rollback_release(c->st, c->incident, dn.text, dn.release,
	    cl.name != NULL && strcmp(cl.name, "rollback") == 0, &rel, &how,
	    c->err) < 0)
		goto fail;
	if (clname != NULL) {
		if (answers != NULL) {
			if (checklist_answers_parse(&cl, answers, &ans, c->err)
			    != 0)
				goto fail;
		} else if (!isatty(STDIN_FILENO)) {
			cli_fail("decide: checklist '%s' has %d questions and "
			    "stdin is not a terminal to ask them: give the "
			    "answers with --answers yes,no,n/a,...", cl.name,
			    cl.n);
			goto out;
		} else if (decide_walk(&cl, &rel, how, &why, &ans, c->err)
		    != 0)
			goto fail;
		dn.cl = &cl;
		dn.answers = ans;
	}
	dn.override = why;
	id = decision_add(c->st, c->incident, &dn, c->err);
	if (id < 0)
		goto fail;
	if (decision_get(c->st, id, &d, c->err) != 0)
		goto fail;
	decide_print(&d);
	if (how == RELEASE_BY_LATEST)
		output_line("  (release %s is %s: name another with --release "
		    "VERSION)", rel.name, release_how_text(how));
	decision_clear(&d);
	rc = 0;
	goto out;
fail:
	rc = cli_error(c);
out:
	checklist_answers_free(ans, cl.n);
	checklist_clear(&cl);
	release_clear(&rel);
	free(why);
	return rc;
}

static int64_t
decide_id(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0) {
		cli_fail("signoff: '%.40s' is not a decision id (see "
		    "'warroom status')", s);
		return -1;
	}
	return v;
}

int
cmd_signoff(struct cli *c)
{
	int64_t id = decide_id(c->pos[0]);
	int approve = !cli_flag(c, "reject");
	struct decision d;

	if (id < 0)
		return 1;
	if (decision_signoff(c->st, id, c->as, approve, cli_opt(c, "note"),
	    c->err) != 0)
		return cli_error(c);
	if (decision_get(c->st, id, &d, c->err) != 0)
		return cli_error(c);
	decide_print(&d);
	decision_clear(&d);
	return 0;
}
