/* fuzz_config_parse.c: the configuration file parser: any text gives a
 * config or a one-line error naming the file and line, never a crash. */
#include "base/config.h"
#include "fuzz.h"

/* A report line names the file and a line, on one line. */
static void
fuzz_report(void *arg, const char *line)
{
	(void)arg;
	FUZZ_ASSERT(strncmp(line, "fuzz.conf:", 10) == 0);
	FUZZ_ASSERT(strchr(line, '\n') == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[ERR_LEN];
	char *s = fuzz_cstr(data, size);
	struct config *cf;

	err[0] = '\0';
	cf = config_parse(s, "fuzz.conf", err);
	if (cf == NULL) {
		fuzz_check_err(err);
		FUZZ_ASSERT(strncmp(err, "fuzz.conf", 9) == 0);
	} else {
		const char *v;

		/* The keys the agent asks for; values are one trimmed line. */
		v = config_get(cf, "slack", "webhook");
		FUZZ_ASSERT(v == NULL || strchr(v, '\n') == NULL);
		v = config_get(cf, "a", "b");
		FUZZ_ASSERT(v == NULL || strchr(v, '\n') == NULL);
		FUZZ_ASSERT(config_path(cf) == NULL);
		FUZZ_ASSERT(config_check_names(cf, fuzz_report, NULL) >= 0);
		config_free(cf);
	}
	free(s);
	return 0;
}
