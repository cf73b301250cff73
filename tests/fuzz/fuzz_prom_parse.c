/* fuzz_prom_parse.c: any Prometheus answer (matrix, vector, scalar, error
 * bodies, HTML, truncated JSON) gives finite samples or one clean line. */
#include "fuzz_sources.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sources_run(prom_parse, data, size);
	return 0;
}
