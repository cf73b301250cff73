/* json.c: shared JSON helpers; see json.h. */
#include "base/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timefmt.h"
#include "base/util.h"

void
json_time(cJSON *o, const char *key, int64_t t)
{
	char iso[32];

	if (t <= 0) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	time_iso(t, iso, sizeof iso);
	cJSON_AddStringToObject(o, key, iso);
}

void
json_num(cJSON *o, const char *key, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v);
}

void
json_str(cJSON *o, const char *key, const char *s, size_t max, int flags)
{
	char *c;

	if (s == NULL) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	c = text_sanitize(s, strlen(s), max, flags);
	cJSON_AddStringToObject(o, key, c);
	free(c);
}

/* A clean copy of s, or NULL when s is clean already. */
static char *
json_clean_copy(const char *s)
{
	if (text_is_clean(s, strlen(s), TEXT_MULTILINE))
		return NULL;
	return text_sanitize(s, strlen(s), SIZE_MAX, TEXT_MULTILINE);
}

/* Every string and key of j made clean text in place. */
static void
json_clean(cJSON *j)
{
	for (; j != NULL; j = j->next) {
		char *c;

		if (j->string != NULL && !(j->type & cJSON_StringIsConst) &&
		    (c = json_clean_copy(j->string)) != NULL) {
			size_t n = strlen(c) + 1;
			char *k = cJSON_malloc(n);

			if (k == NULL)
				fatal("out of memory cleaning JSON");
			memcpy(k, c, n);
			cJSON_free(j->string);
			j->string = k;
			free(c);
		}
		if (cJSON_IsString(j) && j->valuestring != NULL &&
		    (c = json_clean_copy(j->valuestring)) != NULL) {
			if (cJSON_SetValuestring(j, c) == NULL)
				fatal("out of memory cleaning JSON");
			free(c);
		}
		json_clean(j->child);
	}
}

char *
json_string(cJSON *j, int compact)
{
	char *p, *out;
	size_t n;

	json_clean(j);
	p = compact ? cJSON_PrintUnformatted(j) : cJSON_Print(j);
	if (p == NULL)
		fatal("out of memory printing JSON");
	/* cJSON allocates with malloc (no hooks are set): grow it in place
	 * rather than hold a second copy of a large export. */
	n = strlen(p);
	out = xrealloc(p, n + 2);
	out[n] = '\n';
	out[n + 1] = '\0';
	return out;
}

char *
json_compact(const cJSON *j)
{
	char *p = cJSON_PrintUnformatted(j), *copy;

	if (p == NULL)
		fatal("out of memory printing JSON");
	copy = xstrdup(p); /* memory our free() pairs with */
	cJSON_free(p);
	return copy;
}
