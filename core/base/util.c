/* util.c: checked allocation, buffers and small helpers shared by all modules. */
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef WARROOM_SHAREDIR
#define WARROOM_SHAREDIR "/usr/local/share/warroom"
#endif

void (*util_fatal_hook)(void);

void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (util_fatal_hook != NULL)
		util_fatal_hook();
	fputs("warroom: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		fatal("out of memory (%zu bytes)", n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatal("allocation overflow (%zu x %zu)", n, size);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len = 0;

	while (len < n && s[len] != '\0')
		len++;
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void
buf_grow(struct buf *b, size_t need)
{
	size_t cap;

	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1) {
		if (cap > SIZE_MAX / 2)
			fatal("buffer too large");
		cap *= 2;
	}
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

static void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
    WR_PRINTF(2, 0);

static void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		fatal("bad format");
	buf_grow(b, (size_t)n);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_take(&b);
}

char *
buf_take(struct buf *b)
{
	char *p = b->p;

	if (p == NULL)
		p = xstrdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int64_t
wr_now(void)
{
	const char *fixed = getenv("WARROOM_NOW");

	if (fixed != NULL && *fixed != '\0') {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(fixed, &end, 10);
		if (errno == 0 && *end == '\0' && v > 0)
			return (int64_t)v;
	}
	return (int64_t)time(NULL);
}

int64_t
wr_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
str_empty(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

int
data_dirs(const char *sub, char **dirs)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char exe[4096];
	ssize_t len;
	int n = 0, i;

	if (xdg != NULL && xdg[0] == '/')
		dirs[n++] = xasprintf("%s/warroom/%s", xdg, sub);
	else if (home != NULL && home[0] == '/')
		dirs[n++] = xasprintf("%s/.config/warroom/%s", home, sub);
	dirs[n++] = xasprintf("%s/%s", WARROOM_SHAREDIR, sub);
	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		char *slash;

		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			dirs[n++] = xasprintf("%s/../share/warroom/%s", exe, sub);
			dirs[n++] = xasprintf("%s/%s", exe, sub);
		}
	}
	dirs[n++] = xstrdup(sub);
	/* Drop repeats, keeping the first. */
	for (i = 1; i < n; i++) {
		int j;

		for (j = 0; j < i; j++)
			if (strcmp(dirs[i], dirs[j]) == 0)
				break;
		if (j < i) {
			free(dirs[i]);
			memmove(&dirs[i], &dirs[i + 1],
			    (size_t)(n - i - 1) * sizeof *dirs);
			n--;
			i--;
		}
	}
	return n;
}

double
util_frac(double v, double lo, double hi)
{
	/* Halves first: their differences cannot overflow. */
	double f = (v / 2 - lo / 2) / (hi / 2 - lo / 2);

	if (isnan(f))
		return 0.5;
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

int
util_clamp_int(double d, int lo, int hi)
{
	if (!(d >= lo)) /* NaN too */
		return lo;
	if (d >= hi)
		return hi;
	return (int)d;
}
