/* slack_msg.h: the message a status update becomes in Slack: the Block Kit
 * payload the agent posts and the plain-text preview a composer shows,
 * built by the same pure functions (for tests and fuzzing too). */
#ifndef WR_SLACK_MSG_H
#define WR_SLACK_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Slack's documented limits (HTTP 400 invalid_blocks beyond them). */
#define SLACK_SECTION_MAX 3000 /* characters of one section's text */
#define SLACK_HEADER_MAX 150   /* characters of a header block */
#define SLACK_BLOCKS_MAX 50
#define SLACK_TEXT_MAX 3000    /* our cut of the top-level notification text */
#define SLACK_CONTEXT_MAX 1000 /* our cut of the context line */
/* The longest Retry-After the agent honours, in seconds: a retry set
 * further ahead than this means the wall clock went back. */
#define SLACK_RETRY_AFTER_MAX 3600

/* What a message says. Strings are UTF-8; NULL counts as "". */
struct slack_msg {
	const char *heading;   /* "【復旧完了】 recovered": always shown first */
	const char *body;      /* multi-line */
	const char *title;     /* the incident's title */
	int64_t incident_id;
	const char *severity;  /* "SEV2" */
	const char *audience;  /* "managers" */
	int64_t time;          /* when the update was written, epoch s */
	const char *tz;        /* time zone of the time shown; NULL: host's */
	int for_users;         /* no incident number, severity or title */
};

/* t as "2026-11-30 14:03 JST" in the zone tz (an IANA name such as
 * Asia/Tokyo; NULL or "" is the host's). An unknown zone gives UTC, named
 * so. */
void slack_time(int64_t t, const char *tz, char *out, size_t n);

/*
 * The JSON to POST: top-level "text" (heading + ": " + the start of the
 * body; notifications show only this), then blocks: a header with the
 * heading, the body in sections of at most SLACK_SECTION_MAX characters
 * (split at line breaks where possible; a body too long for
 * SLACK_BLOCKS_MAX blocks is cut with a note), and a context line with
 * incident, severity, audience and time. '&', '<' and '>' in the body,
 * title and text are escaped, so "<!channel>" cannot ping anyone. Invalid
 * UTF-8 and control characters are replaced first. Caller frees.
 */
char *slack_payload(const struct slack_msg *m);
/* The message as its readers will see it, as plain text: the heading, a
 * blank line, the body exactly as the sections carry it, a blank line and
 * the context line. Made from the same pieces as slack_payload. Caller
 * frees. */
char *slack_preview(const struct slack_msg *m);
/* '&' -> "&amp;", '<' -> "&lt;", '>' -> "&gt;". Caller frees. */
char *slack_escape(const char *s);
#endif
