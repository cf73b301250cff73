/* fuzz_mackerel_parse.c: any Mackerel metrics answer gives finite samples or
 * one clean line. */
#include "fuzz_sources.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sources_run(mackerel_parse, data, size);
	return 0;
}
