/* search.h: finding timeline entries across every incident by their text
 * (the FTS5 index entry_fts, migration 10), best match first. */
#ifndef WR_SEARCH_H
#define WR_SEARCH_H

#include <stdint.h>

struct store;

#define SEARCH_MAX_BYTES 256  /* the longest query, in bytes */
#define SEARCH_MIN_CHARS 3    /* shorter queries scan with LIKE */
#define SEARCH_LIMIT 20       /* hits unless asked for more */
#define SEARCH_LIMIT_MAX 1000
/* A query shorter than SEARCH_MIN_CHARS cannot use the trigram index: it
 * reads at most this many of the newest live entries. */
#define SEARCH_SHORT_SCAN 200000
/* The best matches are ranked among the newest this many entries that
 * hold the text (all of them when fewer do). */
#define SEARCH_RANKED 2000

struct search_hit {
	int64_t entry_id, incident_id;
	char *title;            /* the incident's */
	int64_t event_time;
	int kind;               /* enum kind */
	char *author, *text;
	double score;           /* bm25: lower is better; 0 for a short query */
	int ranked;             /* how many hold it: all, or SEARCH_RANKED + 1
	                         * when more do; 0 for a short query */
};

/* Check a query as typed: 0, or -1 with a one-line reason (empty, too
 * long, not UTF-8, a control character). */
int search_check(const char *q, char *err);
/* The live entries (neither deleted nor tombstoned) whose text holds q
 * (case-insensitive for ASCII; q is a literal text, never FTS syntax), at
 * most limit, best match first (bm25) among the newest SEARCH_RANKED that
 * hold it; a query of 1-2 characters: newest first, among the newest
 * SEARCH_SHORT_SCAN entries. *partial is 1 when older entries that may
 * hold it were not looked at. Caller frees with search_free. 0 or -1. */
int search_entries(struct store *st, const char *q, int limit,
    struct search_hit **out, int *n, int *partial, char *err);
void search_free(struct search_hit *v, int n);
#endif
