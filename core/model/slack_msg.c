/* slack_msg.c: the Block Kit message of a status update for a Slack
 * incoming webhook, and its plain-text preview: pure functions, so the
 * composer can show exactly what the agent will post. */
#include "model/slack_msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/text.h"

#define SLACK_SECTIONS_MAX (SLACK_BLOCKS_MAX - 2) /* minus header, context */
#define SLACK_CUT_NOTE "\n… (cut: too long for one Slack message; the " \
	"full text is in warroom)"
#define SLACK_BODY_SCAN_MAX ((size_t)SLACK_SECTIONS_MAX * SLACK_SECTION_MAX * 4)

/* The pieces of a message, unescaped; payload and preview share them. */
struct slack_parts {
	char *heading;
	char *text;
	char *sec[SLACK_SECTIONS_MAX];
	int nsec;
	char *context;
};

/* Characters cp counts for in Slack's limits once escaped. Slack counts
 * UTF-16 units, so a character beyond the BMP counts twice. */
static int
slack_cost(uint32_t cp, int escaped)
{
	if (escaped && cp == '&')
		return 5;
	if (escaped && (cp == '<' || cp == '>'))
		return 4;
	return cp >= 0x10000 ? 2 : 1;
}

static int
slack_cost_str(const char *s)
{
	size_t len = strlen(s), i = 0;
	int total = 0;

	while (i < len)
		total += slack_cost(text_next(s, len, &i), 1);
	return total;
}

/*
 * How many bytes of s (len bytes) fit in budget characters. When not all
 * of it fits, end at a line break (else a space) in the second half of what
 * fits, and set *skip to 1 so the break itself is dropped. escaped: count
 * characters as they will be once escaped.
 */
static size_t
slack_cut(const char *s, size_t len, int budget, int escaped, size_t *skip)
{
	size_t i = 0, nl = 0, sp = 0;
	int used = 0;

	*skip = 0;
	while (i < len) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp), c;

		if (n < 0) {
			n = 1;
			cp = 0xFFFD;
		}
		c = slack_cost(cp, escaped);
		if (used + c > budget)
			break;
		used += c;
		if (cp == '\n')
			nl = i;
		else if (cp == ' ')
			sp = i;
		i += (size_t)n;
	}
	if (i >= len)
		return len;
	if (nl > 0 && nl >= i / 2) {
		*skip = 1;
		return nl;
	}
	if (sp > 0 && sp >= i / 2) {
		*skip = 1;
		return sp;
	}
	return i;
}

static char *
slack_clean(const char *s, size_t max, int flags)
{
	if (s == NULL)
		s = "";
	return text_trim(text_sanitize(s, strlen(s), max, flags));
}

static void
slack_parts_free(struct slack_parts *p)
{
	int i;

	free(p->heading);
	free(p->text);
	for (i = 0; i < p->nsec; i++)
		free(p->sec[i]);
	free(p->context);
	memset(p, 0, sizeof *p);
}

/* Split the clean body into sections within Slack's limits. */
static void
slack_sections(struct slack_parts *p, const char *body)
{
	size_t len = strlen(body), pos = 0;
	int note = slack_cost_str(SLACK_CUT_NOTE);

	while (pos < len && p->nsec < SLACK_SECTIONS_MAX) {
		size_t skip, n = slack_cut(body + pos, len - pos,
		    SLACK_SECTION_MAX, 1, &skip);
		int last = p->nsec == SLACK_SECTIONS_MAX - 1;
		char *chunk;

		if (last && n < len - pos) {
			/* No block left for the rest: cut with a note. */
			n = slack_cut(body + pos, len - pos,
			    SLACK_SECTION_MAX - note, 1, &skip);
			chunk = xstrndup(body + pos, n);
			text_trim(chunk);
			p->sec[p->nsec] = xasprintf("%s%s", chunk,
			    SLACK_CUT_NOTE);
			free(chunk);
			p->nsec++;
			return;
		}
		chunk = xstrndup(body + pos, n);
		pos += n + skip;
		/* Slack refuses a section without visible text. */
		if (str_empty(chunk)) {
			free(chunk);
			continue;
		}
		p->sec[p->nsec++] = chunk;
	}
}

/* Is tz a zone this host knows? A name TZ does not know gives UTC with its
 * own letters as the abbreviation, which would show a wrong time. */
static int
slack_tz_known(const char *tz)
{
	char path[512];

	if (tz[0] == '/' || strstr(tz, "..") != NULL || strlen(tz) > 200)
		return 0;
	if (strcmp(tz, "UTC") == 0)
		return 1;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	return access(path, R_OK) == 0;
}

void
slack_time(int64_t t, const char *tz, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char *saved = NULL;
	const char *old;
	int swap = tz != NULL && *tz != '\0';

	out[0] = '\0';
	if (swap) {
		if ((old = getenv("TZ")) != NULL)
			saved = xstrdup(old);
		setenv("TZ", slack_tz_known(tz) ? tz : "UTC", 1);
		tzset();
	}
	if (localtime_r(&tt, &tm) != NULL)
		strftime(out, n, "%Y-%m-%d %H:%M %Z", &tm);
	if (swap) {
		if (saved != NULL)
			setenv("TZ", saved, 1);
		else
			unsetenv("TZ");
		tzset();
		free(saved);
	}
}

static void
slack_parts_make(struct slack_parts *p, const struct slack_msg *m)
{
	char *body, *title, *sev, *aud, when[64] = "";
	size_t skip, n;
	int budget;
	struct buf b = {0};

	memset(p, 0, sizeof *p);
	p->heading = slack_clean(m->heading, 512, 0);
	if (*p->heading == '\0') { /* never posted without a heading */
		free(p->heading);
		p->heading = xstrdup("Status update");
	}
	/* The header is plain text, never escaped: count it plainly. */
	n = slack_cut(p->heading, strlen(p->heading), SLACK_HEADER_MAX, 0,
	    &skip);
	p->heading[n] = '\0';

	body = slack_clean(m->body, SLACK_BODY_SCAN_MAX, TEXT_MULTILINE);
	slack_sections(p, body);

	/* Notifications show only "text": the heading first, then the body. */
	buf_adds(&b, p->heading);
	if (*body != '\0') {
		buf_adds(&b, ": ");
		budget = SLACK_TEXT_MAX - slack_cost_str(b.p) - 1;
		if (budget < 5)
			budget = 5;
		n = slack_cut(body, strlen(body), budget, 1, &skip);
		buf_add(&b, body, n);
		if (n < strlen(body))
			buf_adds(&b, "…");
	}
	p->text = buf_take(&b);
	free(body);

	title = slack_clean(m->title, 400, 0);
	sev = slack_clean(m->severity, 32, 0);
	aud = slack_clean(m->audience, 64, 0);
	if (m->time > 0)
		slack_time(m->time, m->tz, when, sizeof when);
	if (m->for_users) {
		/* Users read the time only: numbers, severities and titles
		 * are ours. */
		buf_adds(&b, *when != '\0' ? when : "");
	} else {
		buf_addf(&b, "Incident #%lld", (long long)m->incident_id);
		if (*title != '\0')
			buf_addf(&b, " %s", title);
		if (*sev != '\0')
			buf_addf(&b, " · %s", sev);
		if (*aud != '\0')
			buf_addf(&b, " · to %s", aud);
		if (*when != '\0')
			buf_addf(&b, " · %s", when);
	}
	n = slack_cut(b.p, b.len, SLACK_CONTEXT_MAX, 1, &skip);
	b.p[n] = '\0';
	b.len = n;
	p->context = buf_take(&b);
	free(title);
	free(sev);
	free(aud);
}

char *
slack_escape(const char *s)
{
	struct buf b = {0};

	for (; *s != '\0'; s++) {
		if (*s == '&')
			buf_adds(&b, "&amp;");
		else if (*s == '<')
			buf_adds(&b, "&lt;");
		else if (*s == '>')
			buf_adds(&b, "&gt;");
		else
			buf_addc(&b, *s);
	}
	return buf_take(&b);
}

static void
slack_add_escaped(cJSON *o, const char *key, const char *s)
{
	char *e = slack_escape(s);

	cJSON_AddStringToObject(o, key, e);
	free(e);
}

static cJSON *
slack_text_obj(const char *type, const char *s, int escape)
{
	cJSON *t = cJSON_CreateObject();

	cJSON_AddStringToObject(t, "type", type);
	if (escape)
		slack_add_escaped(t, "text", s);
	else
		cJSON_AddStringToObject(t, "text", s);
	return t;
}

char *
slack_payload(const struct slack_msg *m)
{
	struct slack_parts p;
	cJSON *root = cJSON_CreateObject(), *blocks, *blk, *el;
	char *json, *out;
	int i;

	if (root == NULL)
		fatal("out of memory building JSON");
	slack_parts_make(&p, m);
	slack_add_escaped(root, "text", p.text);
	blocks = cJSON_AddArrayToObject(root, "blocks");

	blk = cJSON_CreateObject();
	cJSON_AddStringToObject(blk, "type", "header");
	el = slack_text_obj("plain_text", p.heading, 0);
	cJSON_AddBoolToObject(el, "emoji", 1);
	cJSON_AddItemToObject(blk, "text", el);
	cJSON_AddItemToArray(blocks, blk);

	for (i = 0; i < p.nsec; i++) {
		blk = cJSON_CreateObject();
		cJSON_AddStringToObject(blk, "type", "section");
		cJSON_AddItemToObject(blk, "text",
		    slack_text_obj("mrkdwn", p.sec[i], 1));
		cJSON_AddItemToArray(blocks, blk);
	}

	blk = cJSON_CreateObject();
	cJSON_AddStringToObject(blk, "type", "context");
	el = cJSON_AddArrayToObject(blk, "elements");
	cJSON_AddItemToArray(el, slack_text_obj("mrkdwn", p.context, 1));
	cJSON_AddItemToArray(blocks, blk);

	json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	slack_parts_free(&p);
	if (json == NULL)
		fatal("out of memory printing JSON");
	out = xstrdup(json); /* hand over memory our free() pairs with */
	cJSON_free(json);
	return out;
}

char *
slack_preview(const struct slack_msg *m)
{
	struct slack_parts p;
	struct buf b = {0};
	int i;

	slack_parts_make(&p, m);
	buf_addf(&b, "%s\n\n", p.heading);
	for (i = 0; i < p.nsec; i++)
		buf_addf(&b, "%s\n", p.sec[i]);
	if (p.nsec > 0)
		buf_addc(&b, '\n');
	buf_addf(&b, "%s\n", p.context);
	slack_parts_free(&p);
	return buf_take(&b);
}
