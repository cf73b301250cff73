/* output.c: standard output of every command: cleaned text, cleaned JSON,
 * and the check at exit that the output arrived whole. */
#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text.h"

/* The first write error, kept because errno does not survive later calls;
 * a command goes on printing and output_finish reports it once. */
static int output_errno;

static void
output_write(const char *s, size_t len)
{
	if (len > 0 && fwrite(s, 1, len, stdout) != len && output_errno == 0)
		output_errno = errno != 0 ? errno : EIO;
}

/* Only printable ASCII (and '\n' when multi-line): nothing to clean.
 * Most output is, and a large export then skips the copy. */
static int
output_plain(const char *s, int multiline)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u != '\0'; u++)
		if ((*u < 0x20 && !(*u == '\n' && multiline)) || *u >= 0x7F)
			return 0;
	return 1;
}

static void
output_clean(const char *s, int flags)
{
	char *c;

	if (output_plain(s, flags & TEXT_MULTILINE)) {
		output_write(s, strlen(s));
		return;
	}
	c = text_sanitize(s, strlen(s), SIZE_MAX, flags);
	output_write(c, strlen(c));
	free(c);
}

void
output_text(const char *s)
{
	output_clean(s != NULL ? s : "", TEXT_MULTILINE);
}

static void
output_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	char small[256], *line = small, *clean;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0)
		fatal("cannot format output");
	if ((size_t)n >= sizeof small) {
		line = xmalloc((size_t)n + 1);
		vsnprintf(line, (size_t)n + 1, fmt, ap2);
	}
	va_end(ap2);
	clean = text_sanitize(line, (size_t)n, SIZE_MAX, 0);
	buf_adds(b, clean);
	buf_addc(b, '\n');
	free(clean);
	if (line != small)
		free(line);
}

void
output_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	output_vaddf(b, fmt, ap);
	va_end(ap);
}

void
output_line(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	output_vaddf(&b, fmt, ap);
	va_end(ap);
	output_write(b.p, b.len);
	buf_free(&b);
}

/* A clean copy of s, or NULL when s is clean already. */
static char *
output_json_str(const char *s)
{
	char *c;

	if (output_plain(s, 1))
		return NULL;
	c = text_sanitize(s, strlen(s), SIZE_MAX, TEXT_MULTILINE);
	if (strcmp(c, s) == 0) {
		free(c);
		return NULL;
	}
	return c;
}

void
output_json_clean(cJSON *j)
{
	for (; j != NULL; j = j->next) {
		char *c;

		if (j->string != NULL && !(j->type & cJSON_StringIsConst) &&
		    (c = output_json_str(j->string)) != NULL) {
			size_t n = strlen(c) + 1;
			char *k = cJSON_malloc(n);

			if (k == NULL)
				fatal("out of memory cleaning JSON");
			memcpy(k, c, n);
			cJSON_free(j->string);
			j->string = k;
			free(c);
		}
		if (cJSON_IsString(j) && j->valuestring != NULL &&
		    (c = output_json_str(j->valuestring)) != NULL) {
			if (cJSON_SetValuestring(j, c) == NULL)
				fatal("out of memory cleaning JSON");
			free(c);
		}
		output_json_clean(j->child);
	}
}

char *
output_json_string(cJSON *j, int compact)
{
	char *p, *out;

	output_json_clean(j);
	p = compact ? cJSON_PrintUnformatted(j) : cJSON_Print(j);
	if (p == NULL)
		fatal("out of memory printing JSON");
	out = xasprintf("%s\n", p);
	cJSON_free(p);
	return out;
}

void
output_json(cJSON *j)
{
	char *s = output_json_string(j, 0);

	output_write(s, strlen(s));
	free(s);
}

int
output_json_text(const char *json)
{
	cJSON *j = cJSON_Parse(json);
	char *s;

	if (j == NULL)
		return -1;
	s = output_json_string(j, 1);
	cJSON_Delete(j);
	output_write(s, strlen(s));
	free(s);
	return 0;
}

int
output_finish(int rc)
{
	int e = output_errno, was_bad = ferror(stdout);

	errno = 0;
	if (fflush(stdout) != 0 && e == 0)
		e = errno != 0 ? errno : EIO;
	if (was_bad && e == 0)
		e = EIO; /* a write failed outside these helpers (the screen) */
	errno = 0;
	/* Closing catches what only close reports (NFS, some full disks). A
	 * stdout that was closed from the start (>&-) with nothing written
	 * is not an error, as with coreutils' close_stdout. */
	if (fclose(stdout) != 0 && e == 0 && errno != EBADF)
		e = errno != 0 ? errno : EIO;
	if (e == 0 || rc != 0)
		return rc;
	if (e == ENOSPC || e == EDQUOT) {
		/* Temporary, like a full disk under the database: free some
		 * space and run it again. */
		cli_fail("writing standard output: %s (the output is cut "
		    "short; free some space and run it again)", strerror(e));
		return 75;
	}
	if (e == EPIPE)
		return cli_fail("writing standard output: %s (the program "
		    "reading it stopped early; the output is cut short)",
		    strerror(e));
	return cli_fail("writing standard output: %s (the output is cut "
	    "short)", strerror(e));
}
