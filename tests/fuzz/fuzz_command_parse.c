/* fuzz_command_parse.c: any output of a metric command (one number, or
 * "timestamp value" lines) gives finite samples or one clean line; a lone
 * number is taken at now. */
#include "fuzz_sources.h"

#define FUZZ_NOW 1700000000

static int
fuzz_command(const char *out, size_t len, struct sample **s, int *n,
    char *err)
{
	int rc = command_parse(out, len, FUZZ_NOW, s, n, err), i;

	for (i = 0; rc == 0 && i < *n; i++)
		FUZZ_ASSERT((*s)[i].t >= 1 && (*s)[i].t <= 100000000000LL);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sources_run(fuzz_command, data, size);
	return 0;
}
