/* decision.h: decisions with reason, risk and sign-off; releases and
 * feature flags with a rollback-safe mark. Each write is one transaction
 * that also writes its timeline entry (kind decision or release). */
#ifndef WR_DECISION_H
#define WR_DECISION_H

#include <stdint.h>

#include "model/checklist.h"

struct store;

#define SIGNOFFS(X)                                                   \
	X(SIGNOFF_NONE, "none") X(SIGNOFF_PENDING, "pending")           \
	X(SIGNOFF_APPROVED, "approved") X(SIGNOFF_REJECTED, "rejected")
#define SAFES(X) X(SAFE_YES, "yes") X(SAFE_NO, "no") X(SAFE_UNKNOWN, "unknown")
#define RELKINDS(X) X(RELEASE_DEPLOY, "deploy") X(RELEASE_FLAG, "flag")

#define WR_ENUM_DECISION(id, name) id,
enum signoff { SIGNOFFS(WR_ENUM_DECISION) SIGNOFF_COUNT };
enum safe { SAFES(WR_ENUM_DECISION) SAFE_COUNT };
enum relkind { RELKINDS(WR_ENUM_DECISION) RELKIND_COUNT };
extern const char *const signoff_names[SIGNOFF_COUNT];
extern const char *const safe_names[SAFE_COUNT];
extern const char *const relkind_names[RELKIND_COUNT];

#define DECISION_FUTURE_SLACK 300 /* --at may be this far ahead (clocks) */

/* A deploy or a flag change: the service's, recorded whether or not an
 * incident is open. */
struct release {
	int64_t id;
	int64_t incident_id; /* the open incident told of it; 0 none */
	int64_t entry_id;   /* its entry there; 0 none or removed */
	int kind;           /* enum relkind */
	char *name;         /* version, or flag name */
	int flag_on;        /* flags: 1 on, 0 off */
	int rollback_safe;  /* enum safe; deploys only (SAFE_UNKNOWN for flags) */
	int64_t at;
	char *link;         /* NULL when none */
	char *author;
};

/* One answered checklist question, as recorded. */
struct decision_answer {
	char *question;
	int answer;         /* enum answer */
	char *note;         /* NULL when none */
};

struct decision {
	int64_t id, incident_id, entry_id;
	int64_t at;          /* the entry's event time */
	char *author;
	char *text, *reason;
	char *risk;          /* "" when not stated */
	int signoff;         /* enum signoff */
	char *signoff_from;  /* NULL when no sign-off is needed */
	char *signed_by;     /* NULL until signed */
	int64_t signed_at;
	char *signoff_note;  /* NULL when none */
	/* The checklist walked, if any (checklist_name NULL = none). */
	char *checklist_name, *checklist_title;
	struct decision_answer *answers;
	int nanswers;
	/* The release a rollback decision names (release_id 0 = none). */
	int64_t release_id;
	char *release_name;
	int release_safe;    /* enum safe */
	/* Deleted with a reason yet shown: who, when, why (tomb_at 0: not). */
	int64_t tomb_at;
	char *tomb_by, *tomb_reason;
	int64_t release_at;  /* when it was deployed */
	char *release_link;  /* NULL when none */
	/* A checklist answer that contradicted the release's record and was
	 * kept because the commander said so: what and why. NULL none. */
	char *override;
};

/* A decision to record. text and reason are required. */
struct decision_new {
	const char *text, *reason;
	const char *risk;          /* NULL or "": not stated */
	const char *signoff_from;  /* NULL: no sign-off needed */
	const char *author;
	int64_t at;                /* 0: now */
	/* A walked checklist: cl->n answers, or cl NULL for none. */
	const struct checklist *cl;
	const struct checklist_answer *answers;
	/* The release rolled back, by version (NULL: from the text, else the
	 * latest deploy before detection). */
	const char *release;
	/* Why an answer that contradicts the release's record stands (NULL:
	 * such an answer is refused). */
	const char *override;
};

/* How a rollback decision's release was chosen. */
enum release_how { RELEASE_NONE, RELEASE_BY_OPTION, RELEASE_BY_TEXT,
	RELEASE_BY_LATEST };

/* Record a decision and its timeline entry (kind decision, text with the
 * reason, the risk, the sign-off asked for, the checklist tally and, for a
 * rollback, the rollback-safe mark of the release it names). Returns the
 * decision id, or -1 with err. */
int64_t decision_add(struct store *st, int64_t inc,
    const struct decision_new *d, char *err);
/* Approve (approve 1) or reject a decision pending sign-off by `by`, who
 * must be the person named; writes a timeline entry in the decision's
 * incident. 0 or -1 with err. */
int decision_signoff(struct store *st, int64_t id, const char *by,
    int approve, const char *note, char *err);
/* 0 with *out (caller clears), -1 with err. */
int decision_get(struct store *st, int64_t id, struct decision *out,
    char *err);
/* Decisions of an incident, newest first; pending_only keeps those awaiting
 * sign-off. Decisions whose timeline entry was deleted are left out; those
 * deleted with a reason (tombstones) stay, with tomb_at set, except from
 * pending_only.
 * Caller frees with decision_list_free. */
int decision_list(struct store *st, int64_t inc, int pending_only,
    struct decision **out, int *n, char *err);
void decision_clear(struct decision *d);
void decision_list_free(struct decision *list, int n);

/* The release a rollback decision rolls back: the deploy of version when
 * given (-1 with err when there is none), else when the text speaks of
 * rolling back (English or Japanese) or rollback_checklist is set, the
 * deploy the text names as a word, else the service's latest deploy before
 * the incident's detection. The newest deploy of a version wins.
 * 1 with *out (caller clears) and *how, 0 when none, -1 with err. */
int decision_rollback_release(struct store *st, int64_t inc,
    const char *text, const char *version, int rollback_checklist,
    struct release *out, int *how, char *err);
/* Does text speak of rolling back (roll back, revert, ロールバック, 切り戻す,
 * 戻す ...)? */
int decision_is_rollback(const char *text);
/* The first answer of cl that contradicts the record of rel (a yes to a
 * "check: rollback-safe" question while rel is not marked rollback-safe,
 * or no release is known): its index, or -1. */
int decision_contradiction(const struct checklist *cl,
    const struct checklist_answer *a, const struct release *rel);
/* "how the release was chosen" as people read it. */
const char *release_how_text(int how);

/* Record a deploy of version (one word) with its rollback-safe mark, at
 * (0: now), link (NULL, or an http(s) URL). inc is the incident to tell
 * in its timeline (0: none; a resolved one is not told): the release is
 * the service's either way. Returns the release id, -1. */
int64_t release_deploy(struct store *st, int64_t inc, const char *version,
    int rollback_safe, int64_t at, const char *link, const char *by,
    char *err);
/* Record a feature flag turned on or off. Returns the release id, -1. */
int64_t release_flag(struct store *st, int64_t inc, const char *name,
    int on, int64_t at, const char *by, char *err);
/* The latest `limit` deploys and flag changes of incident inc's window
 * (change_window before detection through resolution, or now), newest
 * first (limit <= 0: all). Caller frees with release_list_free. */
int release_list(struct store *st, int64_t inc, int limit,
    struct release **out, int *n, char *err);
/* Those of the window before detection only (oldest first): what changed
 * before anyone noticed. */
int release_list_before(struct store *st, int64_t inc, struct release **out,
    int *n, char *err);
/* The incident a deploy hook tells: the latest one not resolved, 0 when
 * every incident is resolved or there is none, -1 with err. */
int64_t release_open_incident(struct store *st, char *err);
/* The release entry_id tells of, and the decision entry_id records: 1
 * with *out (caller clears), 0 when none, -1 with err. */
int release_of_entry(struct store *st, int64_t entry_id, struct release *out,
    char *err);
int decision_of_entry(struct store *st, int64_t entry_id, struct decision *out,
    char *err);
void release_clear(struct release *r);
void release_list_free(struct release *list, int n);

/* 0 when s looks like an http:// or https:// URL; -1 with err. */
int release_check_link(const char *s, char *err);
/* "yes" -> "rollback-safe", "no" -> "NOT rollback-safe", "unknown" ->
 * "rollback-safe: unknown": the mark as people read it. */
const char *release_safe_text(int safe);
#endif
