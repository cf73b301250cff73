/* text.c: sanitizing outside text and measuring it in display columns. */
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/util.h"

#define REPLACEMENT 0xFFFDu

int
text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	int len, i;

	if (n == 0)
		return -1;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
	} else
		return -1; /* continuation byte, overlong lead C0/C1, or > F4 */
	if ((size_t)len > n)
		return -1;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1; /* overlong, out of range, or a surrogate */
	*cp = c;
	return len;
}

uint32_t
text_next(const char *s, size_t len, size_t *i)
{
	uint32_t cp;
	int n = text_decode(s + *i, len - *i, &cp);

	if (n < 0) {
		*i += 1;
		return REPLACEMENT;
	}
	*i += (size_t)n;
	return cp;
}

int
text_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Code points that must never reach a terminal as themselves. */
static int
text_forbidden(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1; /* C0, DEL, C1 (0x9B is a one-byte CSI) */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200E || cp == 0x200F || cp == 0x061C)
		return 1; /* bidi embeddings, overrides, isolates and marks */
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
		return 1; /* line and paragraph separators, BOM */
	if ((cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
	    (cp & 0xFFFE) == 0xFFFE)
		return 1; /* interlinear annotations, noncharacters */
	if (cp >= 0xE0000 && cp <= 0xE007F)
		return 1; /* tag characters */
	return 0;
}

char *
text_sanitize(const char *s, size_t len, size_t maxbytes, int flags)
{
	struct buf b = {0};
	size_t i = 0;
	char enc[4];

	if (s == NULL)
		return xstrdup("");
	buf_add(&b, "", 0);
	while (i < len) {
		uint32_t cp = text_next(s, len, &i);
		int n;

		if (cp == '\t')
			cp = ' ';
		else if (cp == '\r')
			continue;
		else if (cp == '\n' && (flags & TEXT_MULTILINE))
			; /* kept */
		else if (cp == '\n')
			cp = ' ';
		else if (text_forbidden(cp))
			cp = REPLACEMENT;
		n = text_encode(cp, enc);
		if (b.len + (size_t)n > maxbytes)
			break;
		buf_add(&b, enc, (size_t)n);
	}
	return buf_take(&b);
}

int
text_is_clean(const char *s, size_t len, int flags)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		int n;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++; /* the common case, without decoding */
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if (n < 0 || (text_forbidden(cp) &&
		    !(cp == '\n' && (flags & TEXT_MULTILINE))))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

char *
text_clean(char *s, size_t maxbytes, int flags)
{
	char *c;

	if (s == NULL)
		return NULL;
	c = text_sanitize(s, strlen(s), maxbytes, flags);
	free(s);
	return c;
}

int
text_check(const char *s, size_t maxbytes, const char *what, char *err)
{
	size_t len, i = 0;

	if (s == NULL) {
		err_set(err, "%s is missing", what);
		return -1;
	}
	len = strlen(s);
	if (len > maxbytes) {
		err_set(err, "%s is too long (%zu bytes, at most %zu)", what,
		    len, maxbytes);
		return -1;
	}
	while (i < len) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp);

		if (n < 0) {
			err_set(err, "%s is not valid UTF-8 (byte %zu)", what,
			    i + 1);
			return -1;
		}
		i += (size_t)n;
	}
	return 0;
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 1; /* never drawn raw; sanitized text has none */
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* No UTF-8 locale: a conservative guess that keeps wide scripts wide. */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

int
text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int w = 0;

	while (i < len)
		w += text_cp_width(text_next(s, len, &i));
	return w;
}

int
text_chars(const char *s)
{
	size_t len = strlen(s), i = 0;
	int n = 0;

	for (; i < len; n++)
		(void)text_next(s, len, &i);
	return n;
}

char *
text_pad(const char *s, int cols)
{
	int w = text_width(s), pad = w < cols ? cols - w : 0;
	size_t n = strlen(s);
	char *out = xmalloc(n + (size_t)pad + 1);

	memcpy(out, s, n);
	memset(out + n, ' ', (size_t)pad);
	out[n + (size_t)pad] = '\0';
	return out;
}

size_t
text_fit(const char *s, int cols, int *used)
{
	size_t len = strlen(s), i = 0;
	int w = 0;

	while (i < len) {
		size_t next = i;
		int cw = text_cp_width(text_next(s, len, &next));

		if (w + cw > cols)
			break;
		w += cw;
		i = next;
	}
	if (used != NULL)
		*used = w;
	return i;
}

/* Kinsoku shori (JIS X 4051), for wrapping: what a row must not start
 * with (closing brackets and quotes, stops and commas, the prolonged sound
 * mark, small kana, iteration marks), ASCII's closers among them for mixed
 * text. */
static const uint32_t text_no_start[] = {
	'!', ')', ',', '.', ':', ';', '?', ']', '}', 0xBB, 0x2010, 0x2013,
	0x2019, 0x201D, 0x203C, 0x2047, 0x2048, 0x2049, 0x3001, 0x3002,
	0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017,
	0x3019, 0x301C, 0x301F, 0x303B, 0x3041, 0x3043, 0x3045, 0x3047,
	0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096,
	0x309B, 0x309C, 0x309D, 0x309E, 0x30A0, 0x30A1, 0x30A3, 0x30A5,
	0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5,
	0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0xFF01, 0xFF09, 0xFF0C,
	0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61,
	0xFF63, 0xFF64, 0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B, 0xFF6C,
	0xFF6D, 0xFF6E, 0xFF6F, 0xFF70,
};
/* ... and what a row must not end with: opening brackets and quotes. */
static const uint32_t text_no_end[] = {
	'(', '[', '{', 0xAB, 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E,
	0x3010, 0x3014, 0x3016, 0x3018, 0x301D, 0xFF08, 0xFF3B, 0xFF5B,
	0xFF5F, 0xFF62,
};

static int
text_in(const uint32_t *set, size_t n, uint32_t cp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

int
text_kinsoku_start(uint32_t cp)
{
	return text_in(text_no_start, ARRAY_LEN(text_no_start), cp) ||
	    (cp >= 0x31F0 && cp <= 0x31FF); /* ㇰ-ㇿ */
}

int
text_kinsoku_end(uint32_t cp)
{
	return text_in(text_no_end, ARRAY_LEN(text_no_end), cp);
}

int
text_break_ok(uint32_t a, uint32_t b)
{
	if (text_cp_width(a) < 2 && text_cp_width(b) < 2)
		return 0; /* inside a word of Latin text */
	return !text_kinsoku_start(b) && !text_kinsoku_end(a);
}

char *
text_trim(char *s)
{
	size_t len;
	char *p = s;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	return s;
}

/* s as code points, ASCII letters lowered; an invalid byte counts as one
 * character of its own. Caller frees. */
static uint32_t *
text_points(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0;
	uint32_t *cp = xcalloc(len + 1, sizeof *cp);

	*n = 0;
	while (i < len) {
		cp[*n] = text_next(s, len, &i);
		if (cp[*n] >= 'A' && cp[*n] <= 'Z')
			cp[*n] += 'a' - 'A';
		(*n)++;
	}
	return cp;
}

int
text_distance(const char *a, const char *b, int max)
{
	size_t na, nb, i, j;
	uint32_t *x = text_points(a, &na), *y = text_points(b, &nb);
	int *row = xcalloc(nb + 1, sizeof *row), d;

	for (j = 0; j <= nb; j++)
		row[j] = (int)j;
	for (i = 1; i <= na; i++) {
		int diag = row[0], low;

		row[0] = (int)i;
		low = row[0];
		for (j = 1; j <= nb; j++) {
			int up = row[j];
			int best = diag + (x[i - 1] != y[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
			if (best < low)
				low = best;
		}
		if (low > max)
			break; /* every later row is at least as far */
	}
	d = i <= na ? max + 1 : row[nb];
	free(x);
	free(y);
	free(row);
	return d > max ? max + 1 : d;
}

void
err_set(char *err, const char *fmt, ...)
{
	va_list ap;
	char raw[ERR_LEN], *clean;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* Messages quote what people typed ('%.40s' may also cut a character
	 * in two): keep them one clean line, whoever prints them. */
	clean = text_sanitize(raw, strlen(raw), ERR_LEN - 1, 0);
	memcpy(err, clean, strlen(clean) + 1);
	free(clean);
}

char *
text_clean_name(const char *name, const char *what, char *err)
{
	char *c;

	if (text_check(name, TEXT_NAME_MAX, what, err) != 0)
		return NULL;
	c = text_trim(text_sanitize(name, strlen(name), TEXT_NAME_MAX, 0));
	if (*c == '\0') {
		err_set(err, "%s is empty", what);
		free(c);
		return NULL;
	}
	return c;
}

char *
text_clean_field(const char *text, const char *what, int multiline,
    char *err)
{
	char *c;

	if (text_check(text, TEXT_MAX, what, err) != 0)
		return NULL;
	c = text_trim(text_sanitize(text, strlen(text), TEXT_MAX,
	    multiline ? TEXT_MULTILINE : 0));
	if (*c == '\0') {
		err_set(err, "%s is empty", what);
		free(c);
		return NULL;
	}
	return c;
}
