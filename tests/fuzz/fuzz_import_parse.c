/* fuzz_import_parse.c: any bytes offered to `warroom import` give a checked
 * document or one clean error line, the same way twice (at one clock
 * time); a document that parses also parses from a copy with no terminator
 * after it. */
#include "fuzz.h"
#include "report/import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Import checks times against the clock ("in the future, the clock
	 * says ..."): a clock that ticks between the two parses would make
	 * the same input give two messages. Pin it (2026-11-30 00:00 UTC). */
	setenv("WARROOM_NOW", "1796083200", 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_exact(data, size);
	char err1[ERR_LEN] = "", err2[ERR_LEN] = "";
	struct import_doc *d1, *d2;

	d1 = import_parse(buf, size, err1);
	if (d1 == NULL)
		fuzz_check_err_clean(err1);
	d2 = import_parse(buf, size, err2);
	FUZZ_ASSERT((d1 == NULL) == (d2 == NULL));
	if (d1 == NULL)
		FUZZ_ASSERT(strcmp(err1, err2) == 0);
	import_doc_free(d1);
	import_doc_free(d2);
	free(buf);
	return 0;
}
