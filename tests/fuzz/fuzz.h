/* fuzz.h: what every libFuzzer harness in tests/fuzz/ shares: the entry
 * point's prototype, a NUL-terminated copy of the input, and checks written
 * independently of core/ so a harness can catch core/ being wrong. */
#ifndef WR_FUZZ_H
#define WR_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message: libFuzzer saves the input that got here. */
#define FUZZ_ASSERT(cond)                                                   \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",    \
			    __FILE__, __LINE__, #cond);                     \
			abort();                                            \
		}                                                           \
	} while (0)

/* The input as a C string (stops at the first NUL, as argv would). Caller
 * frees. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* An error message must be one non-empty line that fits ERR_LEN. */
static inline void
fuzz_check_err(const char *err)
{
	size_t n = strnlen(err, ERR_LEN);

	FUZZ_ASSERT(n > 0 && n < ERR_LEN);
	FUZZ_ASSERT(strchr(err, '\n') == NULL);
}

/* Well-formed UTF-8 by the table of the Unicode standard (3.9, table 3-7),
 * written out on its own rather than reusing text_decode. Returns the length
 * of the sequence at s, or 0 when it is ill-formed. */
static inline size_t
fuzz_utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char b0 = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (b0 <= 0x7F) {
		*cp = b0;
		return 1;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF)
		len = 2;
	else if (b0 >= 0xE0 && b0 <= 0xEF)
		len = 3;
	else if (b0 >= 0xF0 && b0 <= 0xF4)
		len = 4;
	else
		return 0;
	if (b0 == 0xE0)
		lo = 0xA0;
	else if (b0 == 0xED)
		hi = 0x9F;
	else if (b0 == 0xF0)
		lo = 0x90;
	else if (b0 == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	*cp = len == 2 ? (uint32_t)(b0 & 0x1F) : len == 3
	    ? (uint32_t)(b0 & 0x0F) : (uint32_t)(b0 & 0x07);
	for (i = 1; i < len; i++)
		*cp = (*cp << 6) | (uint32_t)(s[i] & 0x3F);
	return len;
}

static inline int
fuzz_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t l = fuzz_utf8_len((const unsigned char *)s + i, n - i,
		    &cp);

		if (l == 0)
			return 0;
		i += l;
	}
	return 1;
}

/* Code points that must never reach a terminal (PRODUCT.md, FACTS.md):
 * C0 (except '\n' where allowed), DEL, C1, bidi controls, line and
 * paragraph separators, BOM. */
static inline int
fuzz_cp_forbidden(uint32_t cp, int newline_ok)
{
	if (cp == '\n')
		return !newline_ok;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	return cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}
/* Text that may reach a terminal: well-formed UTF-8 with no forbidden code
 * point ('\n' only where newline_ok). */
static inline void
fuzz_check_clean(const char *s, int newline_ok)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		uint32_t cp;
		size_t l = fuzz_utf8_len((const unsigned char *)s + i, n - i,
		    &cp);

		FUZZ_ASSERT(l > 0);
		FUZZ_ASSERT(!fuzz_cp_forbidden(cp, newline_ok));
		i += l;
	}
}

/* An error message that quotes outside text: one line, and clean. */
static inline void
fuzz_check_err_clean(const char *err)
{
	fuzz_check_err(err);
	fuzz_check_clean(err, 0);
}

/* The input as an exact-size heap copy with no terminator, so reading one
 * byte past len is caught by ASan. Caller frees. */
static inline char *
fuzz_exact(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);

	if (s == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	return s;
}
#endif
