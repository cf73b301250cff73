/* fuzz_text_sanitize.c: any bytes through text_sanitize give valid UTF-8 with
 * nothing a terminal would act on, within the length asked, and sanitizing
 * twice changes nothing. */
#include "fuzz.h"
#include "base/text.h"

/* Characters in s, a byte that is not UTF-8 counting as one. */
static size_t
fuzz_units(const char *s, size_t n)
{
	size_t i = 0, units = 0;

	while (i < n) {
		uint32_t cp;
		size_t l = fuzz_utf8_len((const unsigned char *)s + i, n - i,
		    &cp);

		i += l ? l : 1;
		units++;
	}
	return units;
}

static size_t
fuzz_count(const char *s, size_t n, char c)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

static const size_t fuzz_max[] = {0, 1, 2, 3, 4, 5, 7, 16, TEXT_NAME_MAX,
    TEXT_MAX, SIZE_MAX};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in;
	char *out, *again;
	size_t max, len, i = 0, n;
	int flags, cols, used;

	if (size < 1)
		return 0;
	/* The first byte picks the flags and the length bound. */
	flags = data[0] & 1 ? TEXT_MULTILINE : 0;
	max = fuzz_max[(data[0] >> 1) % (sizeof fuzz_max / sizeof fuzz_max[0])];
	in = (const char *)data + 1;
	n = size - 1;

	out = text_sanitize(in, n, max, flags);
	FUZZ_ASSERT(out != NULL);
	len = strlen(out);
	FUZZ_ASSERT(len <= max);
	/* Each input byte gives at most 3 output bytes (U+FFFD). */
	FUZZ_ASSERT(len <= 3 * n);
	FUZZ_ASSERT(fuzz_utf8_valid(out, len));
	while (i < len) {
		uint32_t cp;
		size_t l = fuzz_utf8_len((const unsigned char *)out + i,
		    len - i, &cp);

		FUZZ_ASSERT(!fuzz_cp_forbidden(cp, flags & TEXT_MULTILINE));
		i += l;
	}
	/* Unbounded, nothing vanishes but '\r': one character out for each
	 * character (or stray byte) in. */
	if (max == SIZE_MAX)
		FUZZ_ASSERT(fuzz_units(out, len) ==
		    fuzz_units(in, n) - fuzz_count(in, n, '\r'));
	/* Clean text stays as it is. */
	again = text_sanitize(out, len, SIZE_MAX, flags);
	FUZZ_ASSERT(strcmp(again, out) == 0);
	free(again);
	FUZZ_ASSERT(text_check(out, len, "text", (char[ERR_LEN]){0}) == 0);
	/* Measuring clean text stays inside it and on character bounds. */
	FUZZ_ASSERT(text_width(out) >= 0);
	for (cols = 0; cols < 6; cols++) {
		size_t fit = text_fit(out, cols, &used);

		FUZZ_ASSERT(fit <= len && used <= cols && used >= 0);
		FUZZ_ASSERT(fuzz_utf8_valid(out, fit));
	}
	free(out);
	return 0;
}
