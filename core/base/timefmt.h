/* timefmt.h: the time expressions people type, and times as people read them. */
#ifndef WR_TIMEFMT_H
#define WR_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a time typed by a person, in local time unless it says otherwise:
 *   HH:MM, HH:MM:SS        today (yesterday if that would be > 5 min ahead)
 *   YYYY-MM-DD HH:MM[:SS]  or with 'T'; optional Z or +HH:MM / -HH:MM
 *   now, -5m, -90s, -2h    relative to now (-1h30m: time_dur_parse)
 *   @EPOCH                 seconds since 1970 UTC
 * 0 with *out in epoch seconds, or -1 with a one-line reason in err.
 */
int time_parse(const char *s, int64_t now, int64_t *out, char *err);

/*
 * The one grammar of durations people type and configs hold: a number
 * with a unit s, m, h or d ("90s", "15m", "24h", "7d"), several of them in
 * a row ("1h30m"), or a bare number of seconds ("90") on its own. Leading
 * white space and a '+' are allowed. 0 with *secs, or -1 when s is no
 * duration or exceeds TIME_DUR_MAX; each caller checks its own range and
 * words its own error.
 */
#define TIME_DUR_MAX (1000000LL * 86400)
int time_dur_parse(const char *s, int64_t *secs);

/* How far a time may lie ahead of our clock (another writer's clock may be
 * a little fast); beyond it a time is "in the future". */
#define TIME_SKEW 300
/* Nothing before 2000-01-01T00:00:00Z is a time an incident happened: an
 * earlier one is the epoch or a zero from somewhere, or a typing slip. */
#define TIME_FLOOR 946684800LL
/* What led to an incident may be logged up to a day before it was
 * detected (the deploy that caused it); earlier is most likely a slip. */
#define TIME_LOOKBACK 86400

/* What a time given by a person must satisfy. */
struct time_rule {
	int64_t now;
	int64_t detected;  /* the incident's detection; 0 when there is none */
	int allow_past;    /* the person said an early time is meant */
	int allow_future;  /* a deadline, not an event: ahead is fine */
	const char *hint;  /* how to say "I mean it", e.g. "--allow-past" */
};

/* 1 when t lies further ahead of now than a clock may be off. */
int time_ahead(int64_t t, int64_t now);
/* Refuse the epoch (and anything before TIME_FLOOR), a time more than
 * TIME_LOOKBACK before detection (both allowed by allow_past), and a time
 * more than TIME_SKEW ahead. what names the time ("--at"). 0, or -1 with a
 * one-line reason in err. */
int time_check(int64_t t, const struct time_rule *r, const char *what,
    char *err);
/* time_parse, then time_check: the one way a typed time is taken in. */
int time_parse_checked(const char *s, const struct time_rule *r,
    const char *what, int64_t *out, char *err);

/* Local "HH:MM" / "HH:MM:SS" / "YYYY-MM-DD HH:MM:SS". */
void time_hm(int64_t t, char *out, size_t n);
void time_hms(int64_t t, char *out, size_t n);
void time_full(int64_t t, char *out, size_t n);
/* UTC ISO-8601 "YYYY-MM-DDTHH:MM:SSZ". */
void time_iso(int64_t t, char *out, size_t n);
/* The inverse of time_iso: exactly "YYYY-MM-DDTHH:MM:SSZ", a date that
 * exists, after 1970. 0 with *out, or -1. */
int time_iso_parse(const char *s, int64_t *out);
/* A duration as "45s", "12m", "1h05m", "2d03h". */
void time_dur(int64_t secs, char *out, size_t n);
#endif
