/* model.c: name tables of the model's enums, and destructors. */
#include "model/model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"

#define WR_NAME1(id, name) name,
#define WR_NAME2(id, name, ja) name,
#define WR_JA2(id, name, ja) ja,

const char *const phase_names[PHASE_COUNT] = {PHASES(WR_NAME2)};
const char *const phase_headings[PHASE_COUNT] = {PHASES(WR_JA2)};
const char *const kind_names[KIND_COUNT] = {KINDS(WR_NAME1)};

int
phase_parse(const char *s)
{
	static const char open[] = "\xe3\x80\x90", close[] = "\xe3\x80\x91";
	int i = enum_parse(phase_names, PHASE_COUNT, s);
	size_t n;

	if (i >= 0 || s == NULL)
		return i;
	/* 【調査中】, or the word inside the brackets: 調査中. */
	n = strlen(s);
	for (i = 0; i < PHASE_COUNT; i++) {
		const char *h = phase_headings[i];
		size_t hn = strlen(h), in = hn - 2 * (sizeof open - 1);

		if (strcmp(s, h) == 0 || (n == in && strncmp(h, open,
		    sizeof open - 1) == 0 && strncmp(h + hn - (sizeof close - 1),
		    close, sizeof close - 1) == 0 && memcmp(h + sizeof open - 1,
		    s, n) == 0))
			return i;
	}
	return -1;
}
const char *const confidence_names[CONF_COUNT] = {CONFIDENCES(WR_NAME1)};
const char *const role_names[ROLE_COUNT] = {ROLES(WR_NAME1)};
const char *const rstate_names[RSTATE_COUNT] = {RSTATES(WR_NAME1)};
const char *const astate_names[ASTATE_COUNT] = {ASTATES(WR_NAME1)};
const char *const impact_names[IMPACT_COUNT] = {IMPACTS(WR_NAME1)};
const char *const comms_names[COMMS_COUNT] = {COMMS(WR_NAME1)};
const char *const audience_names[AUD_COUNT] = {AUDIENCES(WR_NAME1)};
const char *const ustate_names[USTATE_COUNT] = {USTATES(WR_NAME1)};
const char *const source_names[SRC_COUNT] = {SOURCES(WR_NAME1)};
const char *const category_names[CAT_COUNT] = {CATEGORIES(WR_NAME1)};
const char *const severity_names[SEV_COUNT] = {SEVERITIES(WR_NAME1)};

int
enum_parse(const char *const *names, int n, const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcasecmp(names[i], s) == 0)
			return i;
	return -1;
}

char *
enum_list(const char *const *names, int n)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", names[i]);
	return buf_take(&b);
}

int
severity_update_interval(int severity)
{
	static const int minutes[SEV_COUNT] = {15, 30, 60, 120};

	if (severity < 0 || severity >= SEV_COUNT)
		return 30 * 60;
	return minutes[severity] * 60;
}

void
incident_clear(struct incident *i)
{
	free(i->title);
	free(i->commander);
	free(i->impact_scope);
	*i = (struct incident){0};
}

void
entry_clear(struct entry *e)
{
	free(e->author);
	free(e->text);
	free(e->source);
	free(e->edited_by);
	free(e->tomb_by);
	free(e->tomb_reason);
	free(e->pinned_by);
	free(e->routine_who);
	*e = (struct entry){0};
}

void
responder_clear(struct responder *r)
{
	free(r->name);
	free(r->purpose);
	free(r->task);
	*r = (struct responder){0};
}

void
assignment_clear(struct assignment *a)
{
	free(a->name);
	free(a->purpose);
	free(a->task);
	*a = (struct assignment){0};
}

void
status_update_clear(struct status_update *u)
{
	free(u->heading);
	free(u->body);
	free(u->author);
	free(u->last_error);
	*u = (struct status_update){0};
}

void
series_clear(struct series *s)
{
	free(s->name);
	free(s->query);
	free(s->unit);
	free(s->last_error);
	*s = (struct series){0};
}

void
action_clear(struct action *a)
{
	free(a->text);
	free(a->owner);
	*a = (struct action){0};
}
