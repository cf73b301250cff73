/* text.h: the one sanitizer every outside text passes, and display widths. */
#ifndef WR_TEXT_H
#define WR_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define TEXT_MULTILINE 0x1 /* keep '\n' (line breaks of multi-line fields) */

#define TEXT_MAX 65536 /* the longest text field we store, in bytes */
#define TEXT_NAME_MAX 128

/*
 * Make any bytes safe to store and draw: valid UTF-8 out (invalid or overlong
 * sequences become U+FFFD), every C0/C1 control, DEL, bidi override and line
 * separator becomes U+FFFD (a tab becomes a space; '\n' is kept only with
 * TEXT_MULTILINE; '\r' is dropped), and the result is cut at a character
 * boundary to at most maxbytes bytes. Caller frees.
 */
char *text_sanitize(const char *s, size_t len, size_t maxbytes, int flags);
/* 1 when text_sanitize (with no cut) would return s unchanged: valid
 * UTF-8 with nothing to replace. Lets printers skip the copy. */
int text_is_clean(const char *s, size_t len, int flags);
/* The same in place on an allocated string: frees s, returns the clean copy. */
char *text_clean(char *s, size_t maxbytes, int flags);

/* Check user input instead of silently mending it: 0 when s is valid UTF-8
 * of at most maxbytes bytes; -1 with a one-line reason in err otherwise. */
int text_check(const char *s, size_t maxbytes, const char *what, char *err);

/* Decode one UTF-8 character at s (n bytes available): returns its length
 * (1..4) and the code point, or -1 for an invalid sequence. */
int text_decode(const char *s, size_t n, uint32_t *cp);
/* The character at s[*i] of a string of len bytes, *i moved past it; an
 * invalid byte reads as U+FFFD, one byte long. The one walk over text. */
uint32_t text_next(const char *s, size_t len, size_t *i);
/* Encode cp, return length (1..4). out must have 4 bytes. */
int text_encode(uint32_t cp, char *out);

/* Display columns of one code point (0, 1 or 2) and of a clean string. */
int text_cp_width(uint32_t cp);
int text_width(const char *s);
/* Characters (not bytes, not columns) in s; an invalid byte counts as one. */
int text_chars(const char *s);
/* How many bytes of s fit in cols columns without splitting a character;
 * *used gets the columns they take (may be cols-1 when a wide char would
 * straddle). */
size_t text_fit(const char *s, int cols, int *used);
/* Kinsoku shori (JIS X 4051), the one rule every wrap follows: 1 when cp
 * may not start a row (closers, stops and commas, ー, small kana: 。、」ー
 * っ...) / may not end one (openers: 「（...). */
int text_kinsoku_start(uint32_t cp);
int text_kinsoku_end(uint32_t cp);
/* 1 when a row may end between a and b with no space there: beside a
 * wide character (Japanese breaks between any two; never inside a word of
 * Latin text), b not a closer and a not an opener. A wrap that finds no
 * such place backs up further (oidashi: the character before a closer
 * goes down with it). */
int text_break_ok(uint32_t a, uint32_t b);
/* s followed by spaces up to cols display columns (never cut), for columns
 * of a table: "%-12s" counts bytes, so Japanese names would not line up.
 * Caller frees. */
char *text_pad(const char *s, int cols);

/* Edit distance (Levenshtein) between a and b counted in characters, not
 * bytes, so 鈴本 and 鈴木 are 1 apart; ASCII letters compare without case.
 * Anything over max gives max + 1 (and stops early). */
int text_distance(const char *a, const char *b, int max);

/* Trim leading and trailing white space in place; returns s. */
char *text_trim(char *s);
/* Validate and clean a name given by a person (responder, author): valid
 * UTF-8 of at most TEXT_NAME_MAX bytes, sanitized, trimmed, not empty.
 * Caller frees; NULL with err ("WHAT is empty"). */
char *text_clean_name(const char *name, const char *what, char *err);
/* The same for free text of at most TEXT_MAX bytes (one line unless
 * multiline). */
char *text_clean_field(const char *text, const char *what, int multiline,
    char *err);

/* The one-line error every `char *err` (ERR_LEN bytes) carries: printf
 * into err, then sanitized, since messages quote what people typed. err
 * NULL does nothing. */
void err_set(char *err, const char *fmt, ...) WR_PRINTF(2, 3);
#endif
