/* output.c: standard output of every command: cleaned text, cleaned JSON,
 * and the check at exit that the output arrived whole. */
#include "cli/output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/text.h"

/* The first write error, kept because errno does not survive later calls;
 * a command goes on printing and output_finish reports it once. */
static int output_errno;

static void
output_write(const char *s, size_t len)
{
	if (len > 0 && fwrite(s, 1, len, stdout) != len && output_errno == 0)
		output_errno = errno != 0 ? errno : EIO;
}

static void
output_clean(const char *s, int flags)
{
	char *c;

	if (text_is_clean(s, strlen(s), flags)) {
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

static void output_vaddf(struct buf *b, const char *fmt, va_list ap)
    WR_PRINTF(2, 0);

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
	if (text_is_clean(line, (size_t)n, 0))
		buf_add(b, line, (size_t)n);
	else {
		clean = text_sanitize(line, (size_t)n, SIZE_MAX, 0);
		buf_adds(b, clean);
		free(clean);
	}
	buf_addc(b, '\n');
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

void
output_json_printed(const char *s)
{
	const char *p = s;

	/* Its only raw controls are cJSON's indentation and line breaks;
	 * anything else means it was not made by output_json_string. */
	while (*p != '\0') {
		size_t n = strcspn(p, "\t");

		if (!text_is_clean(p, n, TEXT_MULTILINE))
			fatal("unclean JSON reached the output (a bug)");
		p += n;
		p += *p == '\t';
	}
	output_write(s, strlen(s));
}

void
output_json(cJSON *j)
{
	char *s = json_string(j, 0);

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
	s = json_string(j, 1);
	cJSON_Delete(j);
	output_write(s, strlen(s));
	free(s);
	return 0;
}

/* A field is cleaned as multi-line text (a line break inside it is kept,
 * within the quotes) and quoted when it holds a comma, a quote, a line
 * break or an outer space, the quotes inside doubled (RFC 4180). */
void
output_csv_field(struct buf *b, const char *s, int first)
{
	char *c = text_sanitize(s, strlen(s), SIZE_MAX, TEXT_MULTILINE);
	size_t n = strlen(c);
	const char *p;

	if (!first)
		buf_addc(b, ',');
	if (strpbrk(c, ",\"\n") == NULL && (n == 0 || (c[0] != ' ' &&
	    c[n - 1] != ' '))) {
		buf_add(b, c, n);
	} else {
		buf_addc(b, '"');
		for (p = c; *p != '\0'; p++) {
			if (*p == '"')
				buf_addc(b, '"');
			buf_addc(b, *p);
		}
		buf_addc(b, '"');
	}
	free(c);
}

void
output_csv_end(struct buf *b)
{
	buf_adds(b, "\r\n");
}

void
output_csv(const struct buf *b)
{
	const char *p = b->p != NULL ? b->p : "", *e;

	/* Clean text (output_csv_field's) and the CRLF of output_csv_end:
	 * the only '\r' that reaches the output is one before '\n'. */
	for (; *p != '\0'; p = e + 2) {
		e = strstr(p, "\r\n");
		if (e == NULL || !text_is_clean(p, (size_t)(e - p),
		    TEXT_MULTILINE))
			fatal("unclean CSV reached the output (a bug)");
	}
	output_write(b->p, b->len);
}

int
output_finish(int rc, char *err)
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
		err_set(err, "writing standard output: %s (the output is cut "
		    "short; free some space and run it again)", strerror(e));
		return 75;
	}
	if (e == EPIPE)
		err_set(err, "writing standard output: %s (the program "
		    "reading it stopped early; the output is cut short)",
		    strerror(e));
	else
		err_set(err, "writing standard output: %s (the output is cut "
		    "short)", strerror(e));
	return 1;
}
