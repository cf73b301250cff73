/* timefmt.h: the time expressions people type, and times as people read them. */
#ifndef WR_TIMEFMT_H
#define WR_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a time typed by a person, in local time unless it says otherwise:
 *   HH:MM, HH:MM:SS        today (yesterday if that would be > 5 min ahead)
 *   YYYY-MM-DD HH:MM[:SS]  or with 'T'; optional Z or +HH:MM / -HH:MM
 *   now, -5m, -90s, -2h    relative to now
 *   @EPOCH                 seconds since 1970 UTC
 * 0 with *out in epoch seconds, or -1 with a one-line reason in err.
 */
int time_parse(const char *s, int64_t now, int64_t *out, char *err);

/* Local "HH:MM" / "HH:MM:SS" / "YYYY-MM-DD HH:MM:SS". */
void time_hm(int64_t t, char *out, size_t n);
void time_hms(int64_t t, char *out, size_t n);
void time_full(int64_t t, char *out, size_t n);
/* UTC ISO-8601 "YYYY-MM-DDTHH:MM:SSZ". */
void time_iso(int64_t t, char *out, size_t n);
/* A duration as "45s", "12m", "1h05m", "2d03h". */
void time_dur(int64_t secs, char *out, size_t n);
#endif
