/* fuzz_sources.h: what the metric-answer harnesses share: any bytes give
 * samples within bounds or a one-line clean error, the same way twice. */
#ifndef WR_FUZZ_SOURCES_H
#define WR_FUZZ_SOURCES_H

#include <math.h>

#include "fuzz.h"
#include "agent/source.h"

typedef int (*fuzz_parse_fn)(const char *, size_t, struct sample **, int *,
    char *);

static inline void
fuzz_check_samples(const struct sample *s, int n, int rc, const char *err)
{
	int i;

	if (rc != 0) {
		FUZZ_ASSERT(rc == -1);
		FUZZ_ASSERT(s == NULL && n == 0);
		/* The error may quote the server's body: it is drawn. */
		fuzz_check_err_clean(err);
		return;
	}
	FUZZ_ASSERT(n >= 0 && n <= SOURCE_POINTS_MAX);
	FUZZ_ASSERT(n == 0 || s != NULL);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(isfinite(s[i].v)); /* non-finite values are skipped */
}

/* Parse twice (deterministic, no hidden state) and check both. */
static inline void
fuzz_sources_run(fuzz_parse_fn parse, const uint8_t *data, size_t size)
{
	char *body = fuzz_exact(data, size);
	char err1[ERR_LEN] = "", err2[ERR_LEN] = "";
	struct sample *s1 = NULL, *s2 = NULL;
	int n1 = -1, n2 = -1, r1, r2;

	r1 = parse(body, size, &s1, &n1, err1);
	fuzz_check_samples(s1, n1, r1, err1);
	r2 = parse(body, size, &s2, &n2, err2);
	FUZZ_ASSERT(r1 == r2 && n1 == n2);
	if (r1 == 0 && n1 > 0)
		FUZZ_ASSERT(memcmp(s1, s2, (size_t)n1 * sizeof *s1) == 0);
	else if (r1 != 0)
		FUZZ_ASSERT(strcmp(err1, err2) == 0);
	free(s1);
	free(s2);
	free(body);
}
#endif
