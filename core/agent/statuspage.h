/* statuspage.h: an Atlassian Statuspage-compatible API ([statuspage] url,
 * page_id, api_key): the requests that create and update a page incident,
 * the JSON they carry and how their answers are read. The queue and its
 * states are the outbox's (model/outbox.h); agent/deliver.c drives them. */
#ifndef WR_STATUSPAGE_H
#define WR_STATUSPAGE_H

#include <stdint.h>

#include "agent/slack.h"
#include "base/util.h"

struct config;

#define STATUSPAGE_URL_DEFAULT "https://api.statuspage.io"
#define STATUSPAGE_NAME_MAX 120   /* bytes of a page incident's name */
#define STATUSPAGE_ANSWER_MAX (1 << 20)

/* The page as the config names it; strings stay the config's. */
struct statuspage {
	const char *url, *page_id, *api_key;
};
/* Read [statuspage] of cf: 1 usable, 0 not configured at all (no page_id
 * and no api_key), -1 configured wrong, with why in err (no secret). */
int statuspage_config(const struct config *cf, struct statuspage *sp,
    char *err);

/* The page's status for a phase (enum phase): detected and investigating
 * -> investigating; identified and mitigating -> identified (a fix is
 * being worked on); monitoring and recovered -> monitoring; resolved and
 * retrospective -> resolved. */
const char *statuspage_status(int phase);
/* What marks the page incident of a warroom incident (in its metadata,
 * which the public page does not show): "warroom-ID-CREATED". Caller
 * frees. */
char *statuspage_marker(int64_t incident, int64_t created);
/* The text a page incident update carries: the users update's heading, a
 * blank line and its body, the same pieces the Slack users update shows.
 * Caller frees. */
char *statuspage_text(const char *heading, const char *body);
/* The name a new page incident gets: the first line of the body, at most
 * STATUSPAGE_NAME_MAX bytes. Caller frees. */
char *statuspage_name(const char *body);
/* {"incident": {"name", "status", "body", "metadata"}}: with name and
 * marker to create, without (NULL) to update. Caller frees. */
char *statuspage_payload(const char *name, const char *status,
    const char *text, const char *marker);
/* The "id" of an incident object, when it is a plain page id; else NULL.
 * Caller frees. */
char *statuspage_answer_id(const char *json);
/* In a list of incidents (or one incident object), the one whose metadata
 * carries marker (marker NULL: the object itself). Returns its id (caller
 * frees) or NULL; *same is 1 when its newest update says text with
 * status (an earlier request of ours got there and its answer was lost). */
char *statuspage_find(const char *json, const char *marker,
    const char *text, const char *status, int *same);

/* One answer: result as Slack's (2xx sent, 429 rate limited with
 * retry_after, 5xx/408/no answer retry, else failed). */
struct statuspage_answer {
	enum slack_result result;
	long status;
	int retry_after;
	char error[ERR_LEN]; /* one clean line, the api_key hidden */
	char *body;          /* the answer (at most STATUSPAGE_ANSWER_MAX) */
};
/* method ("GET", "POST", "PATCH") path (under the page's url) with json
 * (or NULL), "Authorization: OAuth KEY". Fills *a (free a->body). */
enum slack_result statuspage_request(const struct statuspage *sp,
    const char *method, const char *path, const char *json, int timeout_s,
    int64_t now, struct statuspage_answer *a);
#endif
