/* json.h: the JSON helpers every writer of JSON shares (cJSON underneath):
 * a time as ISO 8601 or null, a number or null, stored text through the
 * one sanitizer, and a whole tree made clean text before it is printed. */
#ifndef WR_JSON_H
#define WR_JSON_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* o[key] = the UTC time t as "YYYY-MM-DDTHH:MM:SSZ", or null when t <= 0
 * (not set). */
void json_time(cJSON *o, const char *key, int64_t t);
/* o[key] = v, or null when v is NaN (no threshold, no value). */
void json_num(cJSON *o, const char *key, double v);
/* o[key] = s through text_sanitize (at most max bytes, TEXT_* flags), or
 * null when s is NULL. */
void json_str(cJSON *o, const char *key, const char *s, size_t max,
    int flags);

/* j printed (indented, or compact), ending in '\n', after every string
 * and key of it was made clean text in place: valid UTF-8, no C0 control
 * but '\n', no DEL, C1, bidi control or separator (each becomes U+FFFD,
 * as on the screen); raw (number) items are left alone. Caller frees with
 * free(). */
char *json_string(cJSON *j, int compact);
/* j printed compact as it is (not cleaned, no '\n'), for JSON that is
 * stored or posted; caller frees with free(). */
char *json_compact(const cJSON *j);
#endif
