/* fuzz_text_check.c: text_check accepts exactly the well-formed UTF-8 within
 * the bound, and text_decode / text_encode agree with the Unicode table. */
#include "fuzz.h"
#include "base/text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[ERR_LEN];
	char *s;
	size_t len, max, i;
	int rc;

	if (size < 1)
		return 0;
	max = data[0] == 0xFF ? SIZE_MAX : (size_t)data[0] * 4;
	s = fuzz_cstr(data + 1, size - 1);
	len = strlen(s);
	err[0] = '\0';
	rc = text_check(s, max, "field", err);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(rc == (len <= max && fuzz_utf8_valid(s, len) ? 0 : -1));
	if (rc != 0)
		fuzz_check_err(err);

	/* Decode at every offset, as a scanner that resyncs would. */
	for (i = 0; i < size - 1; i++) {
		const char *p = (const char *)data + 1 + i;
		uint32_t cp = 0, ref = 0;
		size_t rl = fuzz_utf8_len((const unsigned char *)p,
		    size - 1 - i, &ref);
		int l = text_decode(p, size - 1 - i, &cp);

		FUZZ_ASSERT(l == (rl == 0 ? -1 : (int)rl));
		if (l > 0) {
			char enc[4];

			FUZZ_ASSERT(cp == ref);
			FUZZ_ASSERT(text_encode(cp, enc) == l);
			FUZZ_ASSERT(memcmp(enc, p, (size_t)l) == 0);
		}
	}
	free(s);
	return 0;
}
