/* fuzz_time_parse.c: time expressions as people type them (--at): a clear
 * one-line error or a time, the same each time, and formatting any time
 * stays within its buffer. */
#include "fuzz.h"
#include "base/timefmt.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A zone with daylight saving, spelled out so no tzdata is needed:
	 * the hour that does not exist and the one that happens twice. */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t nows[] = {1764158400, 1711846800, 0, 86400,
	    253402300799LL};
	char err[ERR_LEN], buf[64];
	char *s;
	int64_t now, t = 0, t2 = 0;
	int rc;

	if (size < 1)
		return 0;
	now = nows[data[0] % (sizeof nows / sizeof nows[0])];
	s = fuzz_cstr(data + 1, size - 1);
	err[0] = '\0';
	rc = time_parse(s, now, &t, err);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	if (rc != 0)
		fuzz_check_err(err);
	FUZZ_ASSERT(time_parse(s, now, &t2, err) == rc);
	if (rc == 0) {
		FUZZ_ASSERT(t == t2);
		if (strcmp(s, "now") == 0)
			FUZZ_ASSERT(t == now);
		/* A bare clock time is within the last day (or 5 min on). */
		if (strlen(s) <= 8 && strchr(s, ':') != NULL && s[0] != '@')
			FUZZ_ASSERT(t <= now + 300 + 3600 &&
			    t >= now - 86400 - 3600);
	}
	/* Whatever came out (or the input's bytes as a number) formats
	 * safely, including times no calendar holds. */
	if (rc != 0 && size >= 9)
		memcpy(&t, data + 1, sizeof t);
	time_hm(t, buf, sizeof buf);
	time_hms(t, buf, sizeof buf);
	time_full(t, buf, sizeof buf);
	time_iso(t, buf, sizeof buf);
	FUZZ_ASSERT(strlen(buf) < sizeof buf);
	time_dur(t, buf, sizeof buf);
	time_dur(t, buf, 8); /* short buffers truncate, never overflow */
	free(s);
	return 0;
}
