/* redact.c: hide secrets in messages. The message is decoded into a
 * "skeleton" (escapes undone, white space and line breaks dropped), each
 * skeleton character remembering the bytes of the message it came from;
 * any long enough piece of a secret found in the skeleton hides the bytes
 * it came from. So the secret is found however the answer spelt it. */
#include "base/redact.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/util.h"

#define REDACT_PASSES 3 /* decodings in a row: "%252F" needs two */

/* One skeleton character and the message bytes [a, b) it stands for. */
struct unit {
	unsigned char c;
	size_t a, b;
};

static void
redact_push(struct redact *r, const char *s, size_t len, size_t from,
    const char *label)
{
	if (r->n >= REDACT_MAX || len < 4 || len - from < 4)
		return;
	r->sec[r->n].s = xstrndup(s, len);
	r->sec[r->n].from = from;
	r->sec[r->n].label = label;
	r->n++;
}

void
redact_add(struct redact *r, const char *value, enum redact_kind kind,
    const char *label)
{
	const char *host, *end, *at;
	size_t len;

	if (value == NULL || *value == '\0')
		return;
	len = strlen(value);
	if (kind == REDACT_PLAIN) {
		redact_push(r, value, len, 0, label);
		return;
	}
	host = strstr(value, "://");
	host = host != NULL ? host + 3 : value;
	end = host + strcspn(host, "/?#");
	at = memchr(host, '@', (size_t)(end - host));
	if (at != NULL)
		redact_push(r, host, (size_t)(at - host), 0, label);
	/* The whole URL, private from its path on: an echo of all of it is
	 * hidden as one piece, the host alone is not. */
	if (kind == REDACT_URL && strlen(end) >= 8)
		redact_push(r, value, len, (size_t)(end - value), label);
}

void
redact_config(struct redact *r, const struct config *cf)
{
	/* The [slack] URLs of config.c's key table: the general webhook, the
	 * reminders channel and one webhook per audience. */
	static const char *const slack_urls[] = {"webhook", "reminders",
	    "webhook.engineers", "webhook.managers", "webhook.users"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(slack_urls); i++)
		redact_add(r, config_get(cf, "slack", slack_urls[i]),
		    REDACT_URL, "<webhook>");
	redact_add(r, config_get(cf, "mackerel", "api_key"), REDACT_PLAIN,
	    "<api_key>");
	redact_add(r, config_get(cf, "statuspage", "api_key"), REDACT_PLAIN,
	    "<api_key>");
	redact_add(r, config_get(cf, "prometheus", "password"), REDACT_PLAIN,
	    "<password>");
	redact_add(r, config_get(cf, "prometheus", "bearer_token"),
	    REDACT_PLAIN, "<token>");
	redact_add(r, config_get(cf, "prometheus", "url"), REDACT_USERINFO,
	    "<password>");
}

void
redact_clear(struct redact *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		free(r->sec[i].s);
	r->n = 0;
}

static int
redact_hex(const struct unit *u, size_t n, size_t k, int digits)
{
	int v = 0, i;

	if (k + (size_t)digits > n)
		return -1;
	for (i = 0; i < digits; i++) {
		int c = u[k + (size_t)i].c;

		if (!isxdigit(c))
			return -1;
		v = v * 16 + (isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
	}
	return v;
}

/* Does the skeleton at k spell word? */
static int
redact_at(const struct unit *u, size_t n, size_t k, const char *word)
{
	size_t i, wl = strlen(word);

	if (k + wl > n)
		return 0;
	for (i = 0; i < wl; i++)
		if (u[k + i].c != (unsigned char)word[i])
			return 0;
	return 1;
}

/*
 * How many units at k form one escape, and the character it stands for
 * (-1: drop them all). 0 when there is no escape at k.
 */
static size_t
redact_escape(const struct unit *u, size_t n, size_t k, int *c)
{
	static const struct { const char *name; int c; } ent[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
		{"&#47;", '/'}, {"&#x2F;", '/'}, {"&#x2f;", '/'},
	};
	size_t i;
	int v;

	switch (u[k].c) {
	case '\\':
		if (k + 1 < n && strchr("nrt", u[k + 1].c) != NULL) {
			*c = -1; /* a line break spelt out */
			return 2;
		}
		if (k + 1 < n && u[k + 1].c == 'u' &&
		    (v = redact_hex(u, n, k + 2, 4)) >= 0) {
			*c = v < 0x80 && v > ' ' ? v : -1;
			return 6;
		}
		*c = -1; /* "\/" and the like: the backslash means nothing */
		return 1;
	case '%':
		if ((v = redact_hex(u, n, k + 1, 2)) < 0)
			return 0;
		*c = v > ' ' ? v : -1;
		return 3;
	case '&':
		for (i = 0; i < ARRAY_LEN(ent); i++)
			if (redact_at(u, n, k, ent[i].name)) {
				*c = ent[i].c;
				return strlen(ent[i].name);
			}
		return 0;
	case 0xEF: /* U+FFFD: what the sanitizer made of a control */
		if (k + 2 < n && u[k + 1].c == 0xBF && u[k + 2].c == 0xBD) {
			*c = -1;
			return 3;
		}
		return 0;
	case ' ': case '\t': case '\r': case '\n': case '"':
		*c = -1;
		return 1;
	}
	return 0;
}

/* One decoding pass of in (n units) into out; returns the units out. */
static size_t
redact_pass(const struct unit *in, size_t n, struct unit *out)
{
	size_t k = 0, m = 0, len;
	int c;

	while (k < n) {
		if ((len = redact_escape(in, n, k, &c)) == 0) {
			out[m++] = in[k++];
			continue;
		}
		if (c >= 0) {
			out[m].c = (unsigned char)c;
			out[m].a = in[k].a;
			out[m].b = in[k + len - 1].b;
			m++;
		}
		k += len;
	}
	return m;
}

/* The longest piece of a secret at skeleton position i that is enough to
 * hide: its length in units (0: none) and the secret it is from. */
static size_t
redact_match(const struct redact *r, const struct unit *u, size_t m,
    size_t i, int *which)
{
	size_t best = 0, best_cov = 0;
	int k;

	for (k = 0; k < r->n; k++) {
		const struct redact_secret *sec = &r->sec[k];
		size_t slen = strlen(sec->s), priv = slen - sec->from, j;

		for (j = 0; j < slen; j++) {
			size_t l = 0, lo, cov, need;

			while (i + l < m && j + l < slen && tolower(u[i + l].c)
			    == tolower((unsigned char)sec->s[j + l]))
				l++;
			if (l == 0 || j + l <= sec->from)
				continue;
			lo = j > sec->from ? j : sec->from;
			cov = j + l - lo;
			need = i + l == m ? REDACT_TAIL : REDACT_MIN;
			if (need > priv)
				need = priv;
			if (cov >= need && cov > best_cov) {
				best_cov = cov;
				best = l;
				*which = k;
			}
		}
	}
	return best;
}

/* msg with the secrets found after passes decodings hidden. */
static char *
redact_run(const struct redact *r, const char *msg, int passes)
{
	size_t len = strlen(msg), m, i, p;
	struct unit *u, *v, *t;
	struct buf b = {0};
	int labelled = 0, pass;

	u = xcalloc(len + 1, sizeof *u);
	v = xcalloc(len + 1, sizeof *v);
	for (i = 0; i < len; i++) {
		u[i].c = (unsigned char)msg[i];
		u[i].a = i;
		u[i].b = i + 1;
	}
	m = len;
	for (pass = 0; pass < passes; pass++) {
		size_t m2 = redact_pass(u, m, v);

		t = u, u = v, v = t;
		if (m2 == m)
			break;
		m = m2;
	}
	for (i = 0, p = 0; i < m;) {
		int which = 0;
		size_t l = redact_match(r, u, m, i, &which);

		if (l == 0) {
			i++;
			continue;
		}
		/* Two hidden pieces in a row read as one. */
		if (u[i].a > p || !labelled) {
			buf_add(&b, msg + p, u[i].a - p);
			buf_adds(&b, r->sec[which].label);
		}
		labelled = 1;
		p = u[i + l - 1].b;
		i += l;
	}
	buf_add(&b, msg + p, len - p);
	free(u);
	free(v);
	return buf_take(&b);
}

char *
redact_apply(const struct redact *r, const char *msg)
{
	char *raw, *out;

	if (msg == NULL)
		msg = "";
	if (r == NULL || r->n == 0)
		return xstrdup(msg);
	/* Decoded first, then once more as written: a decoding can swallow
	 * the first characters of a secret into an escape ("%ab12cde..."
	 * with a secret "ab12cde..."). */
	raw = redact_run(r, msg, REDACT_PASSES);
	out = redact_run(r, raw, 0);
	free(raw);
	return out;
}
