/* util.h: checked allocation, growable buffers, the clock; the bottom of
 * base/ (it includes no other warroom header). */
#ifndef WR_UTIL_H
#define WR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ERR_LEN 256 /* every `char *err` points at ERR_LEN bytes */

#if defined(__GNUC__)
#define WR_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define WR_NORETURN __attribute__((noreturn))
#else
#define WR_PRINTF(a, b)
#define WR_NORETURN
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Called by fatal() before it prints: the TUI sets it to restore the terminal. */
extern void (*util_fatal_hook)(void);

void fatal(const char *fmt, ...) WR_PRINTF(1, 2) WR_NORETURN;
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);             /* NULL gives NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) WR_PRINTF(1, 2); /* caller frees */

/* A growable, always NUL-terminated byte buffer. */
struct buf {
	char *p;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) WR_PRINTF(2, 3);
char *buf_take(struct buf *b); /* caller frees; leaves b empty */
void buf_free(struct buf *b);

/* Wall clock in seconds (UTC epoch). WARROOM_NOW=EPOCH fixes it, for tests
 * and replays that need reproducible times. */
int64_t wr_now(void);
/* Monotonic milliseconds. */
int64_t wr_mono_ms(void);

/* Where v lies between lo and hi, as 0..1; always finite, whatever the
 * numbers (a range of ±1.8e308 overflows a plain hi - lo). */
double util_frac(double v, double lo, double hi);
/* d as an int within [lo, hi]: NaN gives lo. A plain (int) cast of a
 * double out of range is undefined behaviour. */
int util_clamp_int(double d, int lo, int hi);

int str_empty(const char *s); /* NULL, or only spaces */

#define DATA_DIRS_MAX 5
/* Where data files of kind sub ("themes", "checklists") are looked for,
 * most specific first: the user's config folder, the installed share
 * folder, the share folder beside the running binary (a relocated install),
 * the folder of the binary itself (a source tree) and ./sub. Fills dirs
 * with allocated strings (caller frees each); returns how many. */
int data_dirs(const char *sub, char **dirs);
#endif
