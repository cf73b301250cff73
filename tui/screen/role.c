/* role.c: what this screen may change follows who the incident says the
 * person at it is: the commander's screen for the commander, the scribe's
 * for the scribe, read-only for everyone else. The decision itself is the
 * core's (authority_check); this only asks it and shows the answer. */
#include <string.h>

#include "model/incident.h"
#include "model/incident_pick.h"
#include "pane/pane.h"
#include "base/text.h"

/* The write a key leads to, or -1 for keys that check elsewhere (sign-offs
 * name their signer; retrospective actions). */
static int
role_action(enum tui_action act)
{
	switch (act) {
	case ACT_NOTE:
	case ACT_TL_ADD:
		return AUTH_LOG;
	case ACT_TL_EDIT:
	case ACT_TL_DELETE:
	case ACT_TL_UNDELETE:
		return AUTH_EDIT;
	case ACT_ASSIGN:
	case ACT_REASSIGN:
		return AUTH_ASSIGN;
	case ACT_JOIN:
		return AUTH_JOIN;
	case ACT_CHECKIN:
		return AUTH_CHECKIN_OTHER;
	case ACT_DONE:
	case ACT_DROP:
		return AUTH_DONE_OTHER;
	case ACT_DISMISS:
	case ACT_DISMISS_IDLE:
		return AUTH_DISMISS;
	case ACT_INTERVAL:
		return AUTH_INTERVAL;
	case ACT_PHASE_NEXT:
	case ACT_PHASE_SET:
	case ACT_BEGAN:
		return AUTH_PHASE;
	case ACT_SEVERITY:
		return AUTH_SEVERITY;
	case ACT_IMPACT:
	case ACT_COMMS:
		return AUTH_TRACK;
	case ACT_COMPOSE:
	case ACT_SNOOZE:
	case ACT_UPDATE_RETRY:
	case ACT_UPDATE_DROP:
		return AUTH_UPDATE;
	case ACT_DECIDE:
		return AUTH_DECIDE;
	case ACT_DEPLOY:
	case ACT_FLAG:
		return AUTH_RELEASE;
	case ACT_HANDOFF:
		return AUTH_HANDOFF;
	default:
		return -1;
	}
}

/* The incident the screen shows, or 0. */
static int64_t
role_incident(const struct tui *t)
{
	return t->have_snap ? t->snap.incident_id : 0;
}

/* The screen role for a model role and what --role asked. */
static enum tui_role
role_screen(int model, int want)
{
	if (model == ROLE_COMMANDER)
		return want == TUI_SCRIBE ? TUI_SCRIBE : TUI_COMMANDER;
	if (model == ROLE_SCRIBE)
		return TUI_SCRIBE;
	return TUI_VIEWER;
}

int
tui_role_start(struct tui *t, char *err)
{
	int64_t inc = t->incident_fixed;
	int model;

	if (t->readonly)
		return 0;
	if (inc == 0) {
		char msg[ERR_LEN];

		switch (incident_pick(t->st, &inc, msg, sizeof msg)) {
		case PICK_ONE:
			break;
		case PICK_ERROR:
			err_set(err, "%s", msg);
			return -1;
		default:
			/* Nothing to command yet, or the screen asks which:
			 * the role follows the incident once it shows one. */
			return 0;
		}
	}
	if ((model = role_of(t->st, inc, t->as, err)) == -2)
		return -1;
	if (t->role_want == TUI_COMMANDER && model != ROLE_COMMANDER) {
		err_set(err, "%s is %s in incident %lld, not its commander: "
		    "--role cannot give that; 'warroom tui' opens your own "
		    "screen ('warroom handoff' makes a commander)", t->as,
		    model >= 0 ? role_names[model] : "not in the response",
		    (long long)inc);
		return -1;
	}
	if (t->role_want == TUI_SCRIBE && model != ROLE_SCRIBE &&
	    model != ROLE_COMMANDER) {
		err_set(err, "%s is %s in incident %lld, not its scribe: the "
		    "commander names one with 'warroom join %s --role scribe'",
		    t->as, model >= 0 ? role_names[model] :
		    "not in the response", (long long)inc, t->as);
		return -1;
	}
	t->model_role = model;
	t->role = role_screen(model, t->role_want);
	return 0;
}

void
tui_role_update(struct tui *t)
{
	char err[ERR_LEN];
	int64_t inc = role_incident(t);
	int model;
	enum tui_role was = t->role;

	if (t->readonly) {
		t->role = TUI_VIEWER;
		return;
	}
	if (inc <= 0) { /* no incident yet: keep what was asked */
		t->model_role = -1;
		t->role = t->role_want >= 0 ? (enum tui_role)t->role_want
		    : TUI_COMMANDER;
		return;
	}
	if ((model = role_of(t->st, inc, t->as, err)) == -2) {
		tui_message(t, 1, "%s", err);
		return; /* keep the role we had: the next reload asks again */
	}
	t->model_role = model;
	t->role = role_screen(model, t->role_want);
	if (t->role != was)
		tui_message(t, t->role == TUI_VIEWER, "you are now %s here%s",
		    model >= 0 ? role_names[model] : "not in the response",
		    t->role == TUI_VIEWER ? ": this screen is read-only" : "");
}

int
tui_may(struct tui *t, enum auth_action action)
{
	char err[ERR_LEN];

	if (role_incident(t) <= 0)
		return 0; /* the handler says there is no incident */
	if (authority_check(t->st, role_incident(t), t->as, action, err)
	    == 0)
		return 0;
	tui_message(t, 1, "%s", err);
	return -1;
}

int
tui_role_refuse(struct tui *t, int need, enum tui_action act)
{
	int a = role_action(act);

	/* A sign-off is the named person's, whatever their role: the core
	 * checks the name when it is given. */
	if (need == NEED_NONE || act == ACT_APPROVE || act == ACT_REJECT)
		return 0;
	if (t->role == TUI_VIEWER && role_incident(t) > 0) {
		const char *cmd = t->snap.inc.commander;

		tui_message(t, 1, "READ-ONLY: you are %s (%s); the commander%s%s "
		    "and the scribe change things here", t->as,
		    t->model_role >= 0 ? role_names[t->model_role] :
		    "not in the response", cmd ? ", " : "", cmd ? cmd : "");
		return 1;
	}
	if (need == NEED_COMMANDER && t->role != TUI_COMMANDER)
		return 0; /* the screen's own check says whose key it is */
	return a >= 0 && tui_may(t, (enum auth_action)a) != 0;
}
