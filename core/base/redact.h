/* redact.h: keep secrets (webhook URLs, API keys, passwords) out of every
 * message that may be stored, shown or logged, in whatever spelling a
 * remote answer echoes them: raw, JSON-escaped, percent-encoded (once or
 * twice), HTML-escaped, split over lines, or cut short. */
#ifndef WR_REDACT_H
#define WR_REDACT_H

#include <stddef.h>

struct config;

#define REDACT_MAX 16  /* secrets one set holds; more are ignored */
#define REDACT_MIN 6   /* secret characters in a row that are hidden */
#define REDACT_TAIL 4  /* ... or fewer, where a message was cut short */

struct redact_secret {
	char *s;           /* the value as configured */
	size_t from;       /* s[from..] is private; s[..from) is not (a host) */
	const char *label; /* what a hidden piece reads as: "<webhook>" */
};

struct redact {
	struct redact_secret sec[REDACT_MAX];
	int n;
};

enum redact_kind {
	REDACT_PLAIN,    /* all of it is secret (a key, a password) */
	REDACT_URL,      /* its path and query, and its user:password */
	REDACT_USERINFO  /* only its user:password (a server's URL) */
};
/* Add a secret value. A URL's path shorter than 8 bytes holds no secret
 * ("/" is everywhere), nor does a value shorter than 4 bytes. */
void redact_add(struct redact *r, const char *value, enum redact_kind kind,
    const char *label);
/* Every secret a config file holds: [slack] webhook*, [mackerel] api_key,
 * [statuspage] api_key, [prometheus] password, bearer_token and the url's
 * user:password. */
void redact_config(struct redact *r, const struct config *cf);
/* msg with every piece of a secret replaced by its label. Caller frees. */
char *redact_apply(const struct redact *r, const char *msg);
void redact_clear(struct redact *r);
#endif
