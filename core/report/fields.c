/* fields.c: the field tables of the JSON document (fields.h). */
#include "report/fields.h"

#include <stdlib.h>

#include "base/text.h"
#include "model/action.h"
#include "model/authority.h"
#include "model/decision.h"
#include "model/model.h"
#include "model/phase_history.h"
#include "model/timeline.h"
#include "report/export.h"
#include "report/export_data.h"

#define F_STR(k, rec, m, max_, sf, fl)                                 \
	{.key = k, .type = FT_STR, .off = offsetof(rec, m), .flags = fl, \
	 .max = max_, .sflags = sf}
#define F_NAME(k, rec, m, fl) F_STR(k, rec, m, TEXT_NAME_MAX, 0, fl)
#define F_LINE(k, rec, m, fl) F_STR(k, rec, m, TEXT_MAX, 0, fl)
#define F_TEXT(k, rec, m, fl) F_STR(k, rec, m, TEXT_MAX, TEXT_MULTILINE, fl)
#define F_OF(k, t, rec, m, fl)                                         \
	{.key = k, .type = t, .off = offsetof(rec, m), .flags = fl}
#define F_INT(k, rec, m, lo, hi)                                       \
	{.key = k, .type = FT_INT, .off = offsetof(rec, m), .min = lo,   \
	 .imax = hi}
#define F_ENUM(k, t, rec, m, tab, n, fl)                               \
	{.key = k, .type = t, .off = offsetof(rec, m), .flags = fl,      \
	 .names = tab, .nnames = n}
#define F_END {.key = NULL}

/* The routine marks as entry_routine stores them (timeline_routine_parse
 * reads each back to its TL_ROUTINE_* bit). */
static const char *const field_routine_names[] = {"checkin", "join", "same",
	"no"};

const char *
field_routine_name(int bit)
{
	size_t i;

	for (i = 0; bit != 0 && i < ARRAY_LEN(field_routine_names); i++)
		if (timeline_routine_parse(field_routine_names[i]) == bit)
			return field_routine_names[i];
	return NULL;
}

const struct field field_entry[] = {
	F_OF("id", FT_ID, struct entry, id, FIELD_LIVE),
	F_INT("version", struct entry, version, 1, 1000000),
	F_OF("time", FT_TIME, struct entry, event_time, 0),
	F_OF("recorded", FT_TIME, struct entry, recorded, FIELD_LIVE),
	F_NAME("author", struct entry, author, 0),
	F_ENUM("kind", FT_ENUM, struct entry, kind, kind_names, KIND_COUNT, 0),
	F_TEXT("text", struct entry, text, 0),
	F_STR("source", struct entry, source, TEXT_NAME_MAX * 2, 0, 0),
	F_ENUM("confidence", FT_ENUM, struct entry, confidence,
	    confidence_names, CONF_COUNT, 0),
	F_OF("deleted", FT_BOOL, struct entry, deleted, 0),
	{.key = "tombstone", .type = FT_TOMB},
	/* Derived, for readers; import recomputes it from source and
	 * confidence. */
	{.key = "unknown_origin", .type = FT_ORIGIN,
	 .flags = FIELD_DERIVED | FIELD_LIVE},
	F_OF("edited", FT_TIME, struct entry, edited,
	    FIELD_LIVE | FIELD_NULLABLE),
	F_NAME("edited_by", struct entry, edited_by,
	    FIELD_LIVE | FIELD_NULLABLE),
	/* Pinned (the summary's list): when and by whom; null when not. */
	F_OF("pinned_at", FT_TIME, struct entry, pinned_at,
	    FIELD_LIVE | FIELD_NULLABLE),
	F_NAME("pinned_by", struct entry, pinned_by,
	    FIELD_LIVE | FIELD_NULLABLE),
	/* Routine (folded with its burst): {mark, who} as warroom marked it
	 * when it wrote the entry, null when it did not; missing in exports
	 * from before marks, which read as null. */
	{.key = "routine", .type = FT_ROUTINE, .flags = FIELD_LIVE,
	 .names = field_routine_names, .nnames = 4},
	/* An old version: when and by whom it was replaced. */
	F_OF("replaced", FT_TIME, struct entry, edited, FIELD_OLD),
	F_NAME("replaced_by", struct entry, edited_by, FIELD_OLD),
	F_END,
};

/* Derived for readers: import computes them again. */
#define F_KT(k, m) F_OF(k, FT_TIME, struct keytimes, m, 0)
#define F_KD(k, m) F_OF(k, FT_DUR, struct keytimes, m, 0)

const struct field field_keytimes[] = {
	F_KT("began", began),
	F_KT("first_event", first_event),
	F_KT("detected", detected),
	F_KT("first_action", first_action),
	F_KT("identified", identified),
	F_KT("mitigated", mitigated),
	F_KT("recovered", recovered),
	F_KT("resolved", resolved),
	F_END,
};

const struct field field_durations[] = {
	F_KD("to_detect", to_detect),
	F_KD("to_first_action", to_first_action),
	F_KD("to_identify", to_identify),
	F_KD("to_mitigate", to_mitigate),
	F_KD("to_recover", to_recover),
	F_KD("to_resolve", to_resolve),
	F_END,
};

/* Written for readers; import reads the phase history from the
 * timeline's phase entries. */
const struct field field_phase[] = {
	F_ENUM("phase", FT_ENUM, struct phase_change, to, phase_names,
	    PHASE_COUNT, 0),
	F_ENUM("from", FT_ENUM, struct phase_change, from, phase_names,
	    PHASE_COUNT, FIELD_NULLABLE), /* null: the declaration */
	F_OF("at", FT_TIME, struct phase_change, at, 0),
	F_NAME("by", struct phase_change, by, 0),
	F_LINE("note", struct phase_change, note, FIELD_NULLABLE),
	F_OF("entry_id", FT_REF, struct phase_change, entry_id,
	    FIELD_NULLABLE),
	F_END,
};

const struct field field_responder[] = {
	F_NAME("name", struct responder, name, FIELD_NONEMPTY),
	{.key = "role", .type = FT_ENUM, .off = offsetof(struct responder, role),
	 .names = role_names, .nnames = ROLE_COUNT, .dflt = ROLE_RESPONDER},
	{.key = "state", .type = FT_ENUM,
	 .off = offsetof(struct responder, state), .names = rstate_names,
	 .nnames = RSTATE_COUNT, .dflt = RSTATE_IDLE},
	F_OF("joined", FT_TIME, struct responder, joined, 0),
	F_OF("last_checkin", FT_TIME, struct responder, last_checkin, 0),
	F_END,
};

const struct field field_assignment[] = {
	F_OF("id", FT_ID, struct assignment, id, FIELD_DERIVED),
	F_NAME("responder", struct assignment, name, 0),
	F_LINE("purpose", struct assignment, purpose, FIELD_NONEMPTY),
	F_LINE("task", struct assignment, task, FIELD_NONEMPTY),
	{.key = "state", .type = FT_ENUM,
	 .off = offsetof(struct assignment, state), .names = astate_names,
	 .nnames = ASTATE_COUNT, .dflt = ASTATE_DROPPED},
	F_OF("created", FT_TIME, struct assignment, created, 0),
	F_OF("updated", FT_TIME, struct assignment, updated, 0),
	F_END,
};

const struct field field_role[] = {
	F_NAME("name", struct role_change, name, 0),
	/* null: joined with that role */
	F_ENUM("from", FT_ENUM, struct role_change, old_role, role_names,
	    ROLE_COUNT, FIELD_NULLABLE),
	F_ENUM("to", FT_ENUM, struct role_change, new_role, role_names,
	    ROLE_COUNT, 0),
	F_OF("at", FT_TIME, struct role_change, at, 0),
	F_NAME("by", struct role_change, by, 0),
	F_END,
};

static const char *const release_kinds[] = {"deploy", "flag"};

const struct field field_release[] = {
	F_OF("id", FT_ID, struct pm_release, id, 0),
	F_OF("entry_id", FT_REF, struct pm_release, entry_id, FIELD_NULLABLE),
	F_ENUM("kind", FT_ENUM_STR, struct pm_release, kind, release_kinds, 2,
	    0),
	F_LINE("name", struct pm_release, name, FIELD_NONEMPTY),
	F_LINE("value", struct pm_release, value, FIELD_NULLABLE),
	F_ENUM("rollback_safe", FT_ENUM_STR, struct pm_release, rollback_safe,
	    safe_names, SAFE_COUNT, 0),
	F_OF("at", FT_TIME, struct pm_release, at, 0),
	F_LINE("link", struct pm_release, link, FIELD_NULLABLE),
	F_NAME("author", struct pm_release, author, FIELD_NULLABLE),
	F_OF("before_detection", FT_BOOL, struct pm_release, before,
	    FIELD_DERIVED),
	F_END,
};

const struct field field_update[] = {
	F_OF("id", FT_ID, struct pm_update, id, FIELD_DERIVED),
	F_OF("entry_id", FT_REF, struct pm_update, entry_id, FIELD_NULLABLE),
	F_ENUM("audience", FT_ENUM_STR, struct pm_update, audience,
	    audience_names, AUD_COUNT, 0),
	F_NAME("phase", struct pm_update, phase, 0),
	F_LINE("heading", struct pm_update, heading, 0),
	F_TEXT("body", struct pm_update, body, 0),
	F_NAME("author", struct pm_update, author, 0),
	F_OF("created", FT_TIME, struct pm_update, created, 0),
	F_ENUM("state", FT_ENUM_STR, struct pm_update, state, ustate_names,
	    USTATE_COUNT, 0),
	F_INT("attempts", struct pm_update, attempts, 0, 1000000),
	F_OF("next_attempt", FT_TIME, struct pm_update, next_attempt,
	    FIELD_NULLABLE | FIELD_FUTURE),
	F_OF("sent_at", FT_TIME, struct pm_update, sent_at, FIELD_NULLABLE),
	F_LINE("last_error", struct pm_update, last_error, FIELD_NULLABLE),
	F_OF("dropped_at", FT_TIME, struct pm_update, dropped_at,
	    FIELD_NULLABLE),
	F_NAME("dropped_by", struct pm_update, dropped_by, FIELD_NULLABLE),
	F_END,
};

const struct field field_series[] = {
	F_NAME("name", struct pm_series, s.name, FIELD_NONEMPTY),
	{.key = "source", .type = FT_ENUM,
	 .off = offsetof(struct pm_series, s.source), .names = source_names,
	 .nnames = SRC_COUNT, .dflt = SRC_COMMAND},
	F_LINE("query", struct pm_series, s.query, 0),
	F_NAME("unit", struct pm_series, s.unit, 0),
	F_OF("warn", FT_NUM, struct pm_series, s.warn, 0),
	F_OF("crit", FT_NUM, struct pm_series, s.crit, 0),
	F_INT("interval", struct pm_series, s.interval, 1, 86400 * 365),
	F_END,
};

const struct field field_action[] = {
	F_OF("id", FT_ID, struct action, id, FIELD_NULLABLE),
	F_ENUM("category", FT_ENUM, struct action, category, category_names,
	    CAT_COUNT, 0),
	/* Written as any line, read back as an action's text. */
	{.key = "text", .type = FT_STR, .off = offsetof(struct action, text),
	 .flags = FIELD_NONEMPTY, .max = ACTION_TEXT_MAX, .wmax = TEXT_MAX},
	F_NAME("owner", struct action, owner, FIELD_NULLABLE),
	F_OF("due", FT_TIME, struct action, due,
	    FIELD_NULLABLE | FIELD_FUTURE),
	F_OF("done", FT_BOOL, struct action, done, 0),
	F_OF("entry_id", FT_REF, struct action, entry_id, FIELD_NULLABLE),
	F_OF("created", FT_TIME, struct action, created, 0),
	F_END,
};

void
field_free(const struct field *f, void *rec)
{
	for (; f->key != NULL; f++)
		if (f->type == FT_STR || f->type == FT_ENUM_STR)
			free(*(char **)(void *)((char *)rec + f->off));
}
