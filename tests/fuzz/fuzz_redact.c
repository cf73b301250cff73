/* fuzz_redact.c: whatever a remote answer holds, what redact_apply returns
 * has no run of REDACT_MIN characters of a secret's private part, checked
 * here by a plain search written apart from core/. */
#include <ctype.h>

#include "fuzz.h"
#include "base/redact.h"

static const char *const secrets[] = {
	"/services/T0AB12/B0CD34/XyZsecret9Token",
	"mkr-Abc123Def456Ghi789",
};

/* Is s[0..n) in hay, ignoring ASCII case? */
static int
fuzz_has(const char *hay, const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; hay[i] != '\0'; i++) {
		for (k = 0; k < n && hay[i + k] != '\0' &&
		    tolower((unsigned char)hay[i + k]) ==
		    tolower((unsigned char)s[k]); k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct redact r = {0};
	char *msg, *out;
	size_t i, k;

	if (size > 4096)
		return 0;
	msg = fuzz_cstr(data, size);
	redact_add(&r, "https://hooks.example.com/services/T0AB12/B0CD34/"
	    "XyZsecret9Token", REDACT_URL, "<webhook>");
	redact_add(&r, secrets[1], REDACT_PLAIN, "<api_key>");
	out = redact_apply(&r, msg);
	FUZZ_ASSERT(out != NULL);
	for (k = 0; k < ARRAY_LEN(secrets); k++)
		for (i = 0; secrets[k][i + REDACT_MIN - 1] != '\0'; i++)
			FUZZ_ASSERT(!fuzz_has(out, secrets[k] + i, REDACT_MIN));
	/* With nothing a decoding could undo and no 4 characters of a secret
	 * in a row, a message comes back as it was. */
	if (strpbrk(msg, " \t\r\n\"%\\&\xef") == NULL) {
		int found = 0;

		for (k = 0; k < ARRAY_LEN(secrets); k++)
			for (i = 0; secrets[k][i + 3] != '\0'; i++)
				found |= fuzz_has(msg, secrets[k] + i, 4);
		if (!found)
			FUZZ_ASSERT(strcmp(out, msg) == 0);
	}
	redact_clear(&r);
	free(out);
	free(msg);
	return 0;
}
