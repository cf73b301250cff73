/* fuzz_slack_payload.c: whatever a status update holds, the payload is valid
 * JSON in Slack's Block Kit shape: the heading first in a header block and
 * in the notification text, sections within Slack's limits, no raw '<' or
 * '>' that could ping a channel. Input: HEADING NUL BODY NUL TITLE NUL
 * SEVERITY NUL AUDIENCE (missing fields are NULL). */
#include <cjson/cJSON.h>
#include <time.h>

#include "fuzz.h"
#include "model/slack_msg.h"

/* Characters (code points) of valid UTF-8. */
static size_t
fuzz_chars(const char *s)
{
	size_t i = 0, n = strlen(s), k = 0;

	while (i < n) {
		uint32_t cp;
		size_t l = fuzz_utf8_len((const unsigned char *)s + i, n - i,
		    &cp);

		FUZZ_ASSERT(l > 0);
		i += l;
		k++;
	}
	return k;
}

static const char *
fuzz_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	FUZZ_ASSERT(cJSON_IsString(v) && v->valuestring != NULL);
	return v->valuestring;
}

/* Escaped mrkdwn: no raw '<' or '>' (no <!channel>, no links). */
static void
fuzz_check_escaped(const char *s)
{
	FUZZ_ASSERT(strchr(s, '<') == NULL && strchr(s, '>') == NULL);
}

/* Plain printable ASCII, no '&<>', no space at either end. */
static int
fuzz_plain(const char *s, size_t max)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > max || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7E || strchr("&<>", s[i]))
			return 0;
	return 1;
}

static const int64_t fuzz_times[] = {0, 1700000000, -1, INT64_MAX,
    INT64_MIN, 253402300799LL};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *f[5] = {NULL, NULL, NULL, NULL, NULL};
	const uint8_t *p = data, *end = data + size;
	struct slack_msg m;
	cJSON *root, *blocks;
	const cJSON *b, *t;
	const char *head, *text;
	char *json, *eh;
	int i, nb;

	for (i = 0; i < 5 && p <= end; i++) {
		const uint8_t *z = memchr(p, '\0', (size_t)(end - p));
		size_t n = z ? (size_t)(z - p) : (size_t)(end - p);

		f[i] = fuzz_cstr(p, n);
		p += n + 1;
		if (z == NULL)
			break;
	}
	memset(&m, 0, sizeof m);
	m.heading = f[0];
	m.body = f[1];
	m.title = f[2];
	m.severity = f[3];
	m.audience = f[4];
	m.incident_id = (int64_t)size * 7919 - 5;
	m.time = fuzz_times[size % (sizeof fuzz_times / sizeof *fuzz_times)];

	json = slack_payload(&m);
	FUZZ_ASSERT(json != NULL && fuzz_utf8_valid(json, strlen(json)));
	root = cJSON_ParseWithLengthOpts(json, strlen(json) + 1, NULL, 1);
	FUZZ_ASSERT(root != NULL && cJSON_IsObject(root));
	text = fuzz_str(root, "text");
	blocks = cJSON_GetObjectItemCaseSensitive(root, "blocks");
	FUZZ_ASSERT(cJSON_IsArray(blocks));
	nb = cJSON_GetArraySize(blocks);
	FUZZ_ASSERT(nb >= 2 && nb <= SLACK_BLOCKS_MAX);

	/* The header: the heading, never empty, plain text, one line. */
	b = cJSON_GetArrayItem(blocks, 0);
	FUZZ_ASSERT(strcmp(fuzz_str(b, "type"), "header") == 0);
	t = cJSON_GetObjectItemCaseSensitive(b, "text");
	FUZZ_ASSERT(strcmp(fuzz_str(t, "type"), "plain_text") == 0);
	head = fuzz_str(t, "text");
	FUZZ_ASSERT(head[0] != '\0');
	FUZZ_ASSERT(fuzz_chars(head) <= SLACK_HEADER_MAX);
	fuzz_check_clean(head, 0);
	if (f[0] != NULL && fuzz_plain(f[0], SLACK_HEADER_MAX))
		FUZZ_ASSERT(strcmp(head, f[0]) == 0);
	/* The notification text starts with the (escaped) heading. */
	eh = slack_escape(head);
	FUZZ_ASSERT(strncmp(text, eh, strlen(eh)) == 0);
	free(eh);
	FUZZ_ASSERT(fuzz_chars(text) <= SLACK_TEXT_MAX);
	fuzz_check_escaped(text);
	fuzz_check_clean(text, 1);

	/* Sections: visible text within the limit. */
	for (i = 1; i < nb - 1; i++) {
		const char *s;

		b = cJSON_GetArrayItem(blocks, i);
		FUZZ_ASSERT(strcmp(fuzz_str(b, "type"), "section") == 0);
		t = cJSON_GetObjectItemCaseSensitive(b, "text");
		FUZZ_ASSERT(strcmp(fuzz_str(t, "type"), "mrkdwn") == 0);
		s = fuzz_str(t, "text");
		FUZZ_ASSERT(s[strspn(s, " \n")] != '\0');
		FUZZ_ASSERT(fuzz_chars(s) <= SLACK_SECTION_MAX);
		fuzz_check_escaped(s);
		fuzz_check_clean(s, 1);
	}
	if (f[1] != NULL && fuzz_plain(f[1], 2000))
		FUZZ_ASSERT(nb == 3 && strcmp(fuzz_str(
		    cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(blocks,
		    1), "text"), "text"), f[1]) == 0);

	/* The context line. */
	b = cJSON_GetArrayItem(blocks, nb - 1);
	FUZZ_ASSERT(strcmp(fuzz_str(b, "type"), "context") == 0);
	t = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(b, "elements"),
	    0);
	FUZZ_ASSERT(t != NULL);
	FUZZ_ASSERT(fuzz_chars(fuzz_str(t, "text")) <= SLACK_CONTEXT_MAX);
	fuzz_check_escaped(fuzz_str(t, "text"));
	fuzz_check_clean(fuzz_str(t, "text"), 0);

	cJSON_Delete(root);
	free(json);
	for (i = 0; i < 5; i++)
		free(f[i]);
	return 0;
}
