/* cmd_search.c: `warroom search TEXT`: entries across every incident. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "model/model.h"
#include "model/search.h"

/* --limit N: 1..SEARCH_LIMIT_MAX, else SEARCH_LIMIT. -1 after saying so. */
static int
cmd_search_limit(const struct cli *c)
{
	const char *s = cli_opt(c, "limit");
	char *end;
	long v;

	if (s == NULL)
		return SEARCH_LIMIT;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < 1 || v > SEARCH_LIMIT_MAX) {
		cli_fail("--limit takes a number from 1 to %d, not '%.40s'",
		    SEARCH_LIMIT_MAX, s);
		return -1;
	}
	return (int)v;
}

static void
cmd_search_json(const char *q, const struct search_hit *v, int n,
    int partial)
{
	cJSON *doc = cJSON_CreateObject(), *a;
	int i;

	json_str(doc, "query", q, SEARCH_MAX_BYTES, 0);
	cJSON_AddBoolToObject(doc, "partial", partial);
	a = cJSON_AddArrayToObject(doc, "results");
	for (i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "incident", (double)v[i].incident_id);
		json_str(o, "title", v[i].title, TEXT_MAX, 0);
		cJSON_AddNumberToObject(o, "entry", (double)v[i].entry_id);
		json_time(o, "time", v[i].event_time);
		cJSON_AddStringToObject(o, "kind", kind_names[v[i].kind]);
		json_str(o, "author", v[i].author, TEXT_MAX, 0);
		json_str(o, "text", v[i].text, TEXT_MAX, TEXT_MULTILINE);
		cJSON_AddItemToArray(a, o);
	}
	output_json(doc);
	cJSON_Delete(doc);
}

int
cmd_search(struct cli *c)
{
	struct search_hit *v;
	int n, i, partial, limit = cmd_search_limit(c);
	const char *q = c->pos[0];

	if (limit < 0)
		return 1;
	if (search_check(q, c->err) != 0)
		return cli_error(c);
	if (cli_open(c, CLI_DB_READ) != 0)
		return 1;
	if (search_entries(c->st, q, limit, &v, &n, &partial, c->err) != 0)
		return cli_error(c);
	if (cli_flag(c, "json"))
		cmd_search_json(q, v, n, partial);
	else {
		for (i = 0; i < n; i++) {
			char t[32];

			time_full(v[i].event_time, t, sizeof t);
			/* output_line cleans it as one line: a stored line
			 * break cannot forge a row. */
			output_line("#%lld  %s  [%s] %s: %s",
			    (long long)v[i].incident_id, t,
			    kind_names[v[i].kind], v[i].author, v[i].text);
		}
		if (n == 0)
			output_line("no entry matches");
	}
	/* A constant note, not stored text: nothing to clean. */
	if (partial && text_chars(q) < SEARCH_MIN_CHARS)
		fprintf(stderr, "warroom: a search of 1 or 2 characters reads "
		    "only the newest %d entries; give 3 or more to search "
		    "them all\n", SEARCH_SHORT_SCAN);
	else if (partial)
		fprintf(stderr, "warroom: more than %d entries hold it: the "
		    "best of the newest %d are shown; more words narrow it\n",
		    SEARCH_RANKED, SEARCH_RANKED);
	search_free(v, n);
	return 0;
}
