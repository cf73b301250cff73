/* model.h: the incident model of PRODUCT.md as plain C types, and the names
 * each enum has on the command line, in the database and on the screen. */
#ifndef WR_MODEL_H
#define WR_MODEL_H

#include <stdint.h>

/* One X-macro per enum makes the enum and its name table together. */
#define PHASES(X)                                                     \
	X(PHASE_DETECTED, "detected", "【検知】")                      \
	X(PHASE_INVESTIGATING, "investigating", "【調査中】")           \
	X(PHASE_IDENTIFIED, "identified", "【原因特定】")               \
	X(PHASE_MITIGATING, "mitigating", "【対応中】")                 \
	X(PHASE_MONITORING, "monitoring", "【経過観察】")               \
	X(PHASE_RECOVERED, "recovered", "【復旧完了】")                 \
	X(PHASE_RESOLVED, "resolved", "【収束】")                       \
	X(PHASE_RETROSPECTIVE, "retrospective", "【ふりかえり】")

#define KINDS(X)                                                      \
	X(KIND_EVENT, "event") X(KIND_ACTION, "action")                 \
	X(KIND_DECISION, "decision") X(KIND_UPDATE, "update")           \
	X(KIND_NOTE, "note") X(KIND_PHASE, "phase")                     \
	X(KIND_ASSIGNMENT, "assignment") X(KIND_RELEASE, "release")

#define CONFIDENCES(X)                                                \
	X(CONF_CONFIRMED, "confirmed") X(CONF_LIKELY, "likely")         \
	X(CONF_UNVERIFIED, "unverified")

#define ROLES(X)                                                      \
	X(ROLE_COMMANDER, "commander") X(ROLE_SCRIBE, "scribe")         \
	X(ROLE_OPS, "ops") X(ROLE_COMMS, "comms")                       \
	X(ROLE_RESPONDER, "responder")

#define RSTATES(X)                                                    \
	X(RSTATE_ACTIVE, "active") X(RSTATE_IDLE, "idle")               \
	X(RSTATE_DISMISSED, "dismissed")

#define ASTATES(X)                                                    \
	X(ASTATE_ACTIVE, "active") X(ASTATE_DONE, "done")               \
	X(ASTATE_DROPPED, "dropped")

#define IMPACTS(X)                                                    \
	X(IMPACT_UNKNOWN, "unknown") X(IMPACT_ASSESSING, "assessing")   \
	X(IMPACT_KNOWN, "known")

#define COMMS(X)                                                      \
	X(COMMS_NOT_TOLD, "not-told") X(COMMS_TOLD, "told")             \
	X(COMMS_UPDATED, "updated") X(COMMS_RECOVERY_TOLD, "recovery-told")

#define AUDIENCES(X)                                                  \
	X(AUD_ENGINEERS, "engineers") X(AUD_MANAGERS, "managers")       \
	X(AUD_USERS, "users")

#define USTATES(X)                                                    \
	X(USTATE_QUEUED, "queued") X(USTATE_SENT, "sent")               \
	X(USTATE_FAILED, "failed")

#define SOURCES(X)                                                    \
	X(SRC_PROMETHEUS, "prometheus") X(SRC_MACKEREL, "mackerel")     \
	X(SRC_COMMAND, "command") X(SRC_DEMO, "demo")

#define CATEGORIES(X)                                                 \
	X(CAT_ROOT_CAUSE, "root-cause")                                 \
	X(CAT_PERMANENT_FIX, "permanent-fix")                           \
	X(CAT_PREVENT_RECURRENCE, "prevent-recurrence")                 \
	X(CAT_DETECT_FASTER, "detect-faster")                           \
	X(CAT_RECOVER_FASTER, "recover-faster")

#define SEVERITIES(X)                                                 \
	X(SEV1, "SEV1") X(SEV2, "SEV2") X(SEV3, "SEV3") X(SEV4, "SEV4")

#define WR_ENUM1(id, name) id,
#define WR_ENUM2(id, name, ja) id,
enum phase { PHASES(WR_ENUM2) PHASE_COUNT };
enum kind { KINDS(WR_ENUM1) KIND_COUNT };
enum confidence { CONFIDENCES(WR_ENUM1) CONF_COUNT };
enum role { ROLES(WR_ENUM1) ROLE_COUNT };
enum rstate { RSTATES(WR_ENUM1) RSTATE_COUNT };
enum astate { ASTATES(WR_ENUM1) ASTATE_COUNT };
enum impact { IMPACTS(WR_ENUM1) IMPACT_COUNT };
enum comms { COMMS(WR_ENUM1) COMMS_COUNT };
enum audience { AUDIENCES(WR_ENUM1) AUD_COUNT };
enum ustate { USTATES(WR_ENUM1) USTATE_COUNT };
enum source { SOURCES(WR_ENUM1) SRC_COUNT };
enum category { CATEGORIES(WR_ENUM1) CAT_COUNT };
enum severity { SEVERITIES(WR_ENUM1) SEV_COUNT }; /* SEV1 == 0 */

extern const char *const phase_names[PHASE_COUNT];
extern const char *const phase_headings[PHASE_COUNT]; /* 【検知】 ... */
/* A phase by its English name (any case), its heading (【調査中】) or the
 * word in it (調査中); -1 when none. */
int phase_parse(const char *s);
extern const char *const kind_names[KIND_COUNT];
extern const char *const confidence_names[CONF_COUNT];
extern const char *const role_names[ROLE_COUNT];
extern const char *const rstate_names[RSTATE_COUNT];
extern const char *const astate_names[ASTATE_COUNT];
extern const char *const impact_names[IMPACT_COUNT];
extern const char *const comms_names[COMMS_COUNT];
extern const char *const audience_names[AUD_COUNT];
extern const char *const ustate_names[USTATE_COUNT];
extern const char *const source_names[SRC_COUNT];
extern const char *const category_names[CAT_COUNT];
extern const char *const severity_names[SEV_COUNT];

/* Index of s in names (case-insensitive), or -1. */
int enum_parse(const char *const *names, int n, const char *s);
/* "a, b, c": for error messages listing what is accepted. Caller frees. */
char *enum_list(const char *const *names, int n);
#define ENUM_PARSE(table, s) enum_parse(table, (int)(sizeof(table) / sizeof(table[0])), s)

struct incident {
	int64_t id;
	char *title;
	int severity;          /* enum severity */
	int phase;             /* enum phase */
	char *commander;
	int64_t created, detected, recovered, resolved; /* epoch s; 0 = not yet */
	int64_t phase_since;
	int impact;            /* enum impact */
	char *impact_scope;
	int comms;             /* enum comms */
	int checkin_interval;  /* seconds */
	int update_interval;   /* seconds; 0 = by severity */
	int64_t last_update;   /* last status update queued; 0 = none */
	/* When an update for users was delivered: the first, the latest
	 * after it, the one of recovery; 0 = not yet. */
	int64_t users_told, users_updated, recovery_told;
	int64_t snooze_until;  /* reminders wait until then; 0 = none */
	int64_t began;         /* when impact began; 0 = not known */
	int64_t change_window; /* seconds before detection whose releases and
	                        * flag changes the incident shows */
};

struct entry {
	int64_t id;
	int64_t incident_id;
	int64_t event_time, recorded; /* epoch s */
	char *author;
	int kind;          /* enum kind */
	char *text;
	char *source;      /* "" when unknown */
	int confidence;    /* enum confidence */
	int version;       /* bumped by every edit */
	int deleted;
	int64_t edited;    /* time of the last edit, 0 if never */
	char *edited_by;
	/* A tombstone: deleted with a reason yet still shown (deleted 0);
	 * tomb_at 0 when none. */
	int64_t tomb_at;
	char *tomb_by, *tomb_reason;
	/* Pinned (shown at the top of the timeline and in the postmortem's
	 * summary): pinned_at 0 when not. */
	int64_t pinned_at;
	char *pinned_by;
	/* Routine, as marked when warroom wrote it (TL_ROUTINE_* of
	 * model/timeline.h, 0: no mark) and the person it is about. */
	int routine;
	char *routine_who;
};

struct responder {
	int64_t id;
	char *name;
	int role;          /* enum role */
	int state;         /* enum rstate */
	int64_t joined, last_checkin;
	/* The active assignment, if any (asg_id 0 = none). */
	int64_t asg_id;
	char *purpose, *task;
	int64_t asg_since;
};

struct assignment {
	int64_t id;
	int64_t responder_id;
	char *name;
	char *purpose, *task;
	int state;         /* enum astate */
	int64_t created, updated;
};

struct status_update {
	int64_t id;
	int64_t incident_id;
	int audience;      /* enum audience */
	int phase;         /* the phase whose heading it carries */
	char *heading;     /* "【復旧完了】 recovered" */
	char *body;
	char *author;
	int64_t created;
	int state;         /* enum ustate */
	int attempts;
	int64_t next_attempt, sent_at;
	char *last_error;
	int64_t dropped_at;    /* a failed update someone gave up; 0 = not */
};

struct series {
	int64_t id;
	char *name;
	int source;        /* enum source */
	char *query;
	char *unit;
	double warn, crit; /* NaN = unset */
	int interval;      /* seconds */
	int64_t last_ok;   /* last successful poll */
	char *last_error;  /* NULL when healthy */
	int fail_count;
	int64_t next_poll; /* when the agent polls it next (backs off) */
};

struct sample {
	int64_t t;
	double v;
};

struct action {
	int64_t id;
	int64_t incident_id;
	int category;      /* enum category */
	char *text;
	char *owner;
	int64_t due;
	int done;
	int64_t entry_id;  /* the timeline entry it came from, 0 = none */
	int64_t created;
};

void incident_clear(struct incident *);
void entry_clear(struct entry *);
void responder_clear(struct responder *);
void assignment_clear(struct assignment *);
void status_update_clear(struct status_update *);
void series_clear(struct series *);
void action_clear(struct action *);

/* Default seconds between status updates for a severity. */
int severity_update_interval(int severity);
#endif
