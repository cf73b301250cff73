/* decide.c: a decision from the screen (D): what, why (required), the risk,
 * who must sign off, and a checklist walked one question at a time (for a
 * rollback, the release's rollback-safe mark first); then saved with
 * decision_add. Also deploys (R) and flag changes (F). */
#include "dialog/decide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/board.h"
#include "model/checklist.h"
#include "model/decision.h"
#include "base/timefmt.h"
#include "widget/choice.h"
#include "widget/draw.h"
#include "pane/pane.h"

enum decide_page { PAGE_INTRO, PAGE_QUESTION, PAGE_SUMMARY };

/* The flow being asked for, kept by the screen (t->decide): it outlives
 * the prompts and the choice that fill it, and the checklist's overlay
 * shows it. One at a time: the screen has one keyboard. */
struct decide {
	char *text, *reason, *risk, *signoff;
	char **names;          /* checklist names offered ("none" first) */
	int nnames;
	struct checklist cl;
	int have_cl;
	struct checklist_answer *ans;
	int q;                 /* the question asked */
	struct release rel;    /* the release a rollback names (id 0 none) */
	int how;               /* enum release_how */
	int rollback;          /* the walk is of a rollback: show the record */
	char *override;        /* why a yes against the record stands */
	enum decide_page page;
	char *version;         /* a deploy being recorded */
};

/* Forget the flow: the next one starts empty. */
static void
decide_reset(struct tui *t)
{
	struct decide *dc = t->decide;

	if (dc == NULL)
		return;
	free(dc->text);
	free(dc->reason);
	free(dc->risk);
	free(dc->signoff);
	free(dc->version);
	free(dc->override);
	checklist_names_free(dc->names, dc->nnames);
	if (dc->have_cl) {
		checklist_answers_free(dc->ans, dc->cl.n);
		checklist_clear(&dc->cl);
	}
	release_clear(&dc->rel);
	free(dc);
	t->decide = NULL;
}

void
decide_free(struct tui *t)
{
	decide_reset(t);
}

/* The flow, made empty when there is none. */
static struct decide *
decide_flow(struct tui *t)
{
	if (t->decide == NULL)
		t->decide = xcalloc(1, sizeof *t->decide);
	return t->decide;
}

static int
decide_no_incident(struct tui *t)
{
	if (t->snap.incident_id > 0)
		return 0;
	tui_message(t, 1, "no incident: declare one first (warroom declare "
	    "TITLE)");
	return 1;
}

/* Record it; the change signal then refreshes every screen. */
static int
decide_save(struct tui *t)
{
	struct decide *dc = decide_flow(t);
	struct decision_new dn = {0};
	char err[ERR_LEN];
	int64_t id;

	dn.text = dc->text;
	dn.reason = dc->reason;
	dn.risk = dc->risk;
	dn.signoff_from = dc->signoff;
	dn.author = t->as;
	if (dc->override != NULL && (!dc->have_cl || decision_contradiction(
	    &dc->cl, dc->ans, &dc->rel) < 0)) {
		free(dc->override); /* the yes it excused was taken back */
		dc->override = NULL;
	}
	dn.override = dc->override;
	if (dc->have_cl) {
		dn.cl = &dc->cl;
		dn.answers = dc->ans;
	}
	id = decision_add(t->st, t->snap.incident_id, &dn, err);
	overlay_close(t, OVERLAY_DIALOG);
	if (id < 0) {
		tui_message(t, 1, "%s", err);
		decide_reset(t);
		return KEY_HANDLED;
	}
	if (dc->signoff != NULL)
		tui_message(t, 0, "decision #%lld recorded; awaiting sign-off "
		    "from %s", (long long)id, dc->signoff);
	else
		tui_message(t, 0, "decision #%lld recorded", (long long)id);
	decide_reset(t);
	return KEY_HANDLED | KEY_RELOAD;
}

/* ---- the checklist walk ------------------------------------------------ */

/* The record of the release rolled back, before any question: its mark,
 * when it was deployed and its link. Returns the next row. */
static int
decide_record_draw(const struct decide *dc, WINDOW *win, int y, int iw)
{
	char t[32];

	if (dc->rel.id == 0) {
		draw_text_ell(win, y++, 2, "No deploy is recorded: the "
		    "rollback-safe mark is unknown", iw, TH_WARN);
		return y;
	}
	draw_fmt(win, y++, 2, iw, dc->rel.rollback_safe == SAFE_NO ? TH_CRIT
	    : dc->rel.rollback_safe == SAFE_YES ? TH_OK : TH_WARN,
	    "Release %s is marked %s", dc->rel.name,
	    release_safe_text(dc->rel.rollback_safe));
	time_full(dc->rel.at, t, sizeof t);
	draw_fmt(win, y++, 4, iw - 2, TH_HELP, "deployed %s by %s (%s)", t,
	    dc->rel.author, release_how_text(dc->how));
	if (dc->rel.link != NULL)
		draw_fmt(win, y++, 4, iw - 2, TH_MUTED, "%s", dc->rel.link);
	if (dc->override != NULL)
		draw_fmt(win, y++, 4, iw - 2, TH_CRIT, "OVERRIDE: %s",
		    dc->override);
	return y;
}

static void
decide_walk_draw(struct tui *t, void *data)
{
	const struct decide *dc = data;
	const struct checklist *cl = &dc->cl;
	int h = cl->n + 15, w = 78, y = 1, i, iw;
	WINDOW *win;
	char right[32];

	if (w > COLS - 2)
		w = COLS - 2;
	if ((win = overlay_box(t, &h, &w, TH_HELP)) == NULL)
		return;
	iw = w - 4;
	snprintf(right, sizeof right, "%d/%d", dc->q < cl->n ? dc->q + 1
	    : cl->n, cl->n);
	draw_box(win, cl->title, right, 1);
	draw_text_ell(win, y++, 2, dc->text, iw, TH_KIND_DECISION);
	if (dc->rollback)
		y = decide_record_draw(dc, win, y, iw);
	y++;
	for (i = 0; i < cl->n && y < h - 3; i++) {
		int x = 2, cur = dc->page == PAGE_QUESTION && i == dc->q;

		if (i < dc->q) {
			x += draw_fmt(win, y, x, 6, dc->ans[i].answer ==
			    ANSWER_YES ? TH_OK : dc->ans[i].answer == ANSWER_NO
			    ? TH_WARN : TH_MUTED, "%-4s",
			    answer_names[dc->ans[i].answer]);
		} else
			x += draw_text(win, y, x, cur ? "->  " : "    ", 4,
			    TH_HELP_KEY);
		x += 1;
		x += draw_text_ell(win, y, x, cl->items[i].question, w - x - 2,
		    cur ? TH_SELECTED : TH_HELP);
		if (i < dc->q && dc->ans[i].note != NULL && x + 6 < w - 2)
			draw_fmt(win, y, x, w - x - 2, TH_MUTED, " -- %s",
			    dc->ans[i].note);
		y++;
		if (cur && cl->items[i].hint != NULL && y < h - 3)
			draw_fmt(win, y++, 7, w - 9, TH_MUTED, "(%s)",
			    cl->items[i].hint);
	}
	switch (dc->page) {
	case PAGE_INTRO:
		draw_text_ell(win, h - 2, 2, "Enter: start the checklist   "
		    "Esc: discard the decision", iw, TH_HELP_KEY);
		break;
	case PAGE_QUESTION:
		draw_text_ell(win, h - 2, 2, "y yes   n no   a n/a   "
		    "(then a note)   b back   Esc discard", iw, TH_HELP_KEY);
		break;
	case PAGE_SUMMARY:
		draw_text_ell(win, h - 2, 2, "Enter: record the decision   "
		    "b back   Esc discard", iw, TH_HELP_KEY);
		break;
	}
	wnoutrefresh(win);
}

static int
decide_note_done(struct tui *t, const char *answer, void *arg)
{
	struct decide *dc = decide_flow(t);

	(void)arg;
	if (!dc->have_cl || dc->q >= dc->cl.n)
		return KEY_HANDLED;
	free(dc->ans[dc->q].note);
	dc->ans[dc->q].note = str_empty(answer) ? NULL : xstrdup(answer);
	dc->q++;
	if (dc->q >= dc->cl.n)
		dc->page = PAGE_SUMMARY;
	overlay_mark(t, OVERLAY_DIALOG);
	return KEY_HANDLED;
}

static int
decide_ask_note(struct tui *t, int a)
{
	struct decide *dc = decide_flow(t);
	char q[64];

	snprintf(q, sizeof q, "%s; note (Enter: none)", answer_names[a]);
	prompt_open(&t->prompt, q, 0, decide_note_done, NULL);
	choice_prefill(&t->prompt, dc->ans[dc->q].note);
	return KEY_HANDLED;
}

/* A yes against the release's record stands only with a reason. */
static int
decide_override_done(struct tui *t, const char *answer, void *arg)
{
	struct decide *dc = decide_flow(t);

	(void)arg;
	if (!dc->have_cl || dc->q >= dc->cl.n)
		return KEY_HANDLED;
	if (str_empty(answer)) {
		dc->ans[dc->q].answer = ANSWER_NA;
		tui_message(t, 0, "not overridden: answer again (n if the "
		    "release is not marked rollback-safe)");
		overlay_mark(t, OVERLAY_DIALOG);
		return KEY_HANDLED;
	}
	dc->override = xstrdup(answer);
	overlay_mark(t, OVERLAY_DIALOG);
	return decide_ask_note(t, ANSWER_YES);
}

static const struct key_binding decide_walk_key_table[] = {
	{'y', "y", ACT_YES, -1, NEED_NONE,
	    "yes (then a note, or Enter)", 0, NULL},
	{'Y', "Y", ACT_YES, -1, NEED_NONE, NULL, 0, NULL},
	{'n', "n", ACT_NO, -1, NEED_NONE, "no", 0, NULL},
	{'N', "N", ACT_NO, -1, NEED_NONE, NULL, 0, NULL},
	{'a', "a", ACT_NA, -1, NEED_NONE, "does not apply (n/a)", 0, NULL},
	{'A', "A", ACT_NA, -1, NEED_NONE, NULL, 0, NULL},
	{'-', "-", ACT_NA, -1, NEED_NONE, NULL, 0, NULL},
	{'b', "b", ACT_BACK, -1, NEED_NONE,
	    "back to the question before", 0, NULL},
	{127, "Backspace", ACT_BACK, -1, NEED_NONE, NULL, 0, NULL},
	{8, "Backspace", ACT_BACK, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_BACKSPACE, "Backspace", ACT_BACK, -1, NEED_NONE, NULL, 0, NULL},
	{'\r', "Enter", ACT_PICK, -1, NEED_NONE,
	    "go on: the questions, then record the decision", 0, NULL},
	{'\n', "Enter", ACT_PICK, -1, NEED_NONE, NULL, 0, NULL},
	{KEY_ENTER, "Enter", ACT_PICK, -1, NEED_NONE, NULL, 0, NULL},
	{27, "Esc", ACT_CLOSE, -1, NEED_NONE, "discard the decision", 0, NULL},
	{'?', "?", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, NULL, 0, NULL},
};
static const struct keymap decide_walk_keys = KEYMAP("Keys: the checklist",
    decide_walk_key_table);

/* An answer to the question shown. */
static int
decide_answer(struct tui *t, int a)
{
	struct decide *dc = decide_flow(t);

	if (a < 0) {
		tui_message(t, 0, "answer y (yes), n (no) or a (n/a)");
		return KEY_HANDLED;
	}
	dc->ans[dc->q].answer = a;
	if (dc->override == NULL && decision_contradiction(&dc->cl, dc->ans,
	    &dc->rel) == dc->q) {
		prompt_open(&t->prompt, dc->rel.id != 0 ? "The record says "
		    "otherwise: reason to override it (Enter: answer again)"
		    : "No deploy is recorded: reason to answer yes anyway "
		    "(Enter: answer again)", 0, decide_override_done, NULL);
		return KEY_HANDLED;
	}
	return decide_ask_note(t, a);
}

static int
decide_walk_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	struct decide *dc = data;
	const struct key_binding *k = keymap_find(&decide_walk_keys, (int)ch,
	    is_code, -1);
	enum tui_action act = k != NULL ? k->act : ACT_NONE;

	if (act == ACT_CLOSE) {
		overlay_close(t, OVERLAY_DIALOG);
		decide_reset(t);
		tui_message(t, 0, "decision discarded: nothing recorded");
		return KEY_HANDLED;
	}
	if (dc->page != PAGE_INTRO && act == ACT_BACK) {
		if (dc->q > 0) {
			dc->q--;
			dc->page = PAGE_QUESTION;
		}
		return KEY_HANDLED;
	}
	switch (dc->page) {
	case PAGE_INTRO:
		if (act == ACT_PICK)
			dc->page = PAGE_QUESTION;
		return KEY_HANDLED;
	case PAGE_SUMMARY:
		if (act == ACT_PICK)
			return decide_save(t);
		return KEY_HANDLED;
	case PAGE_QUESTION:
		return decide_answer(t, act == ACT_YES ? ANSWER_YES : act ==
		    ACT_NO ? ANSWER_NO : act == ACT_NA ? ANSWER_NA : -1);
	}
	return KEY_HANDLED;
}

static const struct overlay_ops decide_walk_ops = {decide_walk_draw,
	decide_walk_key, NULL, NULL, &decide_walk_keys};

static int
decide_checklist_chosen(struct tui *t, int idx, void *arg)
{
	struct decide *dc = decide_flow(t);
	char err[ERR_LEN];
	int r;

	(void)arg;
	if (idx <= 0)
		return decide_save(t);
	if (checklist_load(dc->names[idx], &dc->cl, err) != 0) {
		tui_message(t, 1, "%s", err);
		decide_reset(t);
		return KEY_HANDLED;
	}
	dc->have_cl = 1;
	dc->ans = xcalloc((size_t)dc->cl.n, sizeof *dc->ans);
	r = decision_rollback_release(t->st, t->snap.incident_id, dc->text,
	    NULL, strcmp(dc->names[idx], "rollback") == 0, &dc->rel, &dc->how,
	    err);
	if (r < 0) {
		tui_message(t, 1, "%s", err);
		decide_reset(t);
		return KEY_HANDLED;
	}
	if (r == 0)
		memset(&dc->rel, 0, sizeof dc->rel);
	dc->rollback = dc->rel.id != 0 || strcmp(dc->names[idx], "rollback") == 0;
	dc->page = dc->rollback ? PAGE_INTRO : PAGE_QUESTION;
	overlay_open(t, OVERLAY_DIALOG, &decide_walk_ops, dc);
	return KEY_HANDLED;
}

/* ---- the fields, one prompt each --------------------------------------- */

static int
decide_offer_checklists(struct tui *t)
{
	struct decide *dc = decide_flow(t);
	char **found;
	int n, i, sel = 0;

	if (checklist_names(&found, &n) != 0)
		n = 0, found = NULL;
	dc->names = xcalloc((size_t)n + 1, sizeof *dc->names);
	dc->names[0] = xstrdup("none");
	for (i = 0; i < n && i + 1 < CHOICE_MAX; i++) {
		dc->names[i + 1] = xstrdup(found[i]);
		if (strcmp(found[i], "rollback") == 0 &&
		    decision_is_rollback(dc->text))
			sel = i + 1;
	}
	dc->nnames = i + 1;
	checklist_names_free(found, n);
	return choice_open(t, "Checklist", (const char *const *)dc->names,
	    dc->nnames, sel, -1, decide_checklist_chosen, NULL);
}

/* Who signs must be in the response: asked again on a name that is not,
 * with the close names it may have been. */
static int
decide_signoff_done(struct tui *t, const char *answer, void *arg)
{
	char err[ERR_LEN], **near;
	struct buf label = {0};
	int n;

	(void)arg;
	if (!str_empty(answer) && board_known(t->st, t->snap.incident_id,
	    answer, err) != 0) {
		n = board_suggest(t->st, t->snap.incident_id, answer, &near);
		/* Short: the prompt shares its line with the answer. */
		board_did_you_mean(&label, "Did you mean ", near, n);
		buf_adds(&label, n > 0 ? " Sign-off from" : "Not in the "
		    "response (+ on the Board adds): sign-off from");
		board_suggest_free(near);
		tui_message(t, 1, "%s", err);
		prompt_open(&t->prompt, label.p, 0, decide_signoff_done, NULL);
		buf_free(&label);
		return KEY_HANDLED;
	}
	decide_flow(t)->signoff = str_empty(answer) ? NULL : xstrdup(answer);
	return decide_offer_checklists(t);
}

static int
decide_risk_done(struct tui *t, const char *answer, void *arg)
{
	(void)arg;
	decide_flow(t)->risk = str_empty(answer) ? NULL : xstrdup(answer);
	prompt_open(&t->prompt, "Sign-off needed from (a name; Enter: nobody)",
	    0, decide_signoff_done, NULL);
	return KEY_HANDLED;
}

static int
decide_reason_done(struct tui *t, const char *answer, void *arg)
{
	(void)arg;
	if (str_empty(answer)) {
		/* Asked again: a decision without its reason is not one. */
		prompt_open(&t->prompt, "Reason (required: a decision needs "
		    "its reason)", 0, decide_reason_done, NULL);
		return KEY_HANDLED;
	}
	decide_flow(t)->reason = xstrdup(answer);
	prompt_open(&t->prompt, "Risk (Enter: not stated)", 0,
	    decide_risk_done, NULL);
	return KEY_HANDLED;
}

static int
decide_text_done(struct tui *t, const char *answer, void *arg)
{
	(void)arg;
	if (str_empty(answer)) {
		tui_message(t, 1, "a decision needs its text: nothing recorded");
		return KEY_HANDLED;
	}
	decide_flow(t)->text = xstrdup(answer);
	prompt_open(&t->prompt, "Reason (required)", 0, decide_reason_done,
	    NULL);
	return KEY_HANDLED;
}

int
decide_open(struct tui *t)
{
	if (decide_no_incident(t))
		return KEY_HANDLED;
	decide_reset(t);
	prompt_open(&t->prompt, "Decision", 0, decide_text_done, NULL);
	return KEY_HANDLED;
}

/* ---- releases and flags ------------------------------------------------ */

static int
decide_safe_chosen(struct tui *t, int idx, void *arg)
{
	static const int safe[] = {SAFE_YES, SAFE_NO, SAFE_UNKNOWN};
	struct decide *dc = decide_flow(t);
	char err[ERR_LEN];
	int64_t id;

	(void)arg;
	id = release_deploy(t->st, t->snap.incident_id, dc->version, safe[idx],
	    0, NULL, t->as, err);
	if (id < 0)
		tui_message(t, 1, "%s", err);
	else
		tui_message(t, 0, "deploy of %s recorded (%s)", dc->version,
		    release_safe_text(safe[idx]));
	decide_reset(t);
	return KEY_HANDLED | (id < 0 ? 0 : KEY_RELOAD);
}

static int
decide_version_done(struct tui *t, const char *answer, void *arg)
{
	static const char *const items[] = {"yes: rolling it back is safe",
		"no: NOT rollback-safe", "unknown"};

	(void)arg;
	if (str_empty(answer)) {
		tui_message(t, 0, "no version: nothing recorded");
		return KEY_HANDLED;
	}
	decide_reset(t);
	decide_flow(t)->version = xstrdup(answer);
	return choice_open(t, "Rollback-safe?", items, 3, 2, -1,
	    decide_safe_chosen, NULL);
}

int
decide_deploy(struct tui *t)
{
	if (decide_no_incident(t))
		return KEY_HANDLED;
	prompt_open(&t->prompt, "Deployed version", 0, decide_version_done,
	    NULL);
	return KEY_HANDLED;
}

static int
decide_flag_chosen(struct tui *t, int idx, void *arg)
{
	struct decide *dc = decide_flow(t);
	char err[ERR_LEN];
	int64_t id;

	(void)arg;
	id = release_flag(t->st, t->snap.incident_id, dc->version, idx == 0, 0,
	    t->as, err);
	if (id < 0)
		tui_message(t, 1, "%s", err);
	else
		tui_message(t, 0, "flag %s turned %s", dc->version, idx == 0
		    ? "on" : "off");
	decide_reset(t);
	return KEY_HANDLED | (id < 0 ? 0 : KEY_RELOAD);
}

static int
decide_flag_done(struct tui *t, const char *answer, void *arg)
{
	static const char *const items[] = {"on", "off"};

	(void)arg;
	if (str_empty(answer)) {
		tui_message(t, 0, "no flag name: nothing recorded");
		return KEY_HANDLED;
	}
	decide_reset(t);
	decide_flow(t)->version = xstrdup(answer);
	return choice_open(t, "Flag turned", items, 2, 0, -1,
	    decide_flag_chosen, NULL);
}

int
decide_flag(struct tui *t)
{
	if (decide_no_incident(t))
		return KEY_HANDLED;
	prompt_open(&t->prompt, "Feature flag name", 0, decide_flag_done,
	    NULL);
	return KEY_HANDLED;
}
