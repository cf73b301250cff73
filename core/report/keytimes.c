/* keytimes.c: the milestones of an incident (detected, identified,
 * mitigated ...) and the durations between them, from its phase history. */
#include "report/export.h"

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
