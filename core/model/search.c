/* search.c: entries across incidents by text: the trigram FTS5 index for
 * queries of 3 characters or more, a bounded LIKE scan for shorter ones. */
#include "model/search.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "model/model.h"
#include "store/store.h"

int
search_check(const char *q, char *err)
{
	size_t i;

	if (str_empty(q)) {
		err_set(err, "search text is empty");
		return -1;
	}
	if (text_check(q, SEARCH_MAX_BYTES, "search text", err) != 0)
		return -1;
	for (i = 0; q[i] != '\0'; i++)
		if ((unsigned char)q[i] < 0x20 || q[i] == 0x7f) {
			err_set(err, "search text contains a control character");
			return -1;
		}
	return 0;
}

/* q as one FTS5 phrase: in double quotes, a quote doubled. Caller frees. */
static char *
search_phrase(const char *q)
{
	struct buf b = {0};

	buf_addc(&b, '"');
	for (; *q != '\0'; q++) {
		if (*q == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *q);
	}
	buf_addc(&b, '"');
	return buf_take(&b);
}

/* q as a LIKE pattern "%q%" with '\' escaping %, _ and itself. */
static char *
search_like(const char *q)
{
	struct buf b = {0};

	buf_addc(&b, '%');
	for (; *q != '\0'; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *q);
	}
	buf_addc(&b, '%');
	return buf_take(&b);
}

static void
search_row(sqlite3_stmt *s, void *item)
{
	struct search_hit *h = item;

	h->entry_id = sqlite3_column_int64(s, 0);
	h->incident_id = sqlite3_column_int64(s, 1);
	h->title = store_col_str(s, 2);
	h->event_time = sqlite3_column_int64(s, 3);
	h->kind = enum_parse(kind_names, KIND_COUNT,
	    (const char *)sqlite3_column_text(s, 4));
	if (h->kind < 0)
		h->kind = KIND_NOTE;
	h->author = store_col_str(s, 5);
	h->text = store_col_str(s, 6);
	h->score = sqlite3_column_double(s, 7);
	h->ranked = sqlite3_column_int(s, 8);
}

static void
search_clear(void *item)
{
	struct search_hit *h = item;

	free(h->title);
	free(h->author);
	free(h->text);
}

static const struct store_rowtype search_rows = {
	sizeof(struct search_hit), search_row, search_clear, "searching"
};

#define SEARCH_COLS "e.id, e.incident_id, i.title, e.event_time, e.kind, " \
	"e.author, e.text"

int
search_entries(struct store *st, const char *q, int limit,
    struct search_hit **out, int *n, int *partial, char *err)
{
	/* The index holds live entries only, so the best ?2 are picked
	 * inside it before any row of entry is read, among the newest ?3
	 * that hold the text: ranking all 200000 holders of a common text
	 * took 1.5-2.5 s at a million entries, the newest 2000 0.1-0.6 s
	 * (bm25's per-query statistics are most of what is left). n says
	 * how many hold it, up to one more than are ranked. */
	static const char fts[] = "WITH w AS (SELECT rowid AS id, rank AS r "
	    "FROM entry_fts WHERE entry_fts MATCH ?1 ORDER BY rowid DESC "
	    "LIMIT ?3 + 1), b AS (SELECT id, r, (SELECT count(*) FROM w) AS n "
	    "FROM (SELECT id, r FROM w ORDER BY id DESC LIMIT ?3) "
	    "ORDER BY r, id DESC LIMIT ?2) "
	    "SELECT " SEARCH_COLS ", b.r, b.n FROM b "
	    "JOIN entry e ON e.id = b.id "
	    "JOIN incident i ON i.id = e.incident_id "
	    "WHERE e.deleted = 0 AND e.tomb_at = 0 ORDER BY b.r, e.id DESC";
	/* Newest first, among the newest ?3 entries by id. */
	static const char like[] = "SELECT " SEARCH_COLS ", 0.0, 0 "
	    "FROM entry e JOIN incident i ON i.id = e.incident_id "
	    "WHERE e.id > (SELECT coalesce(max(id), 0) FROM entry) - ?3 "
	    "AND e.deleted = 0 AND e.tomb_at = 0 "
	    "AND e.text LIKE ?1 ESCAPE '\\' ORDER BY e.id DESC LIMIT ?2";
	static const char oldest[] = "SELECT min(id) FROM entry";
	int shortq;
	char *pat;
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	*partial = 0;
	if (search_check(q, err) != 0)
		return -1;
	shortq = text_chars(q) < SEARCH_MIN_CHARS;
	pat = shortq ? search_like(q) : search_phrase(q);
	s = store_stmt(st, shortq ? like : fts);
	if (s == NULL) {
		store_err(st, "searching", err);
		free(pat);
		return -1;
	}
	sqlite3_bind_text(s, 1, pat, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int(s, 3, shortq ? SEARCH_SHORT_SCAN : SEARCH_RANKED);
	free(pat);
	*out = store_rows(st, s, &search_rows, n, err);
	if (*n < 0) {
		*n = 0;
		return -1;
	}
	if (!shortq)
		*partial = *n > 0 && (*out)[0].ranked > SEARCH_RANKED;
	if (shortq && (s = store_stmt(st, oldest)) != NULL) {
		sqlite3_stmt *m = store_stmt(st, "SELECT max(id) FROM entry");

		if (m != NULL && sqlite3_step(s) == SQLITE_ROW &&
		    sqlite3_step(m) == SQLITE_ROW)
			*partial = sqlite3_column_int64(m, 0) -
			    sqlite3_column_int64(s, 0) >= SEARCH_SHORT_SCAN;
		store_done(s);
		if (m != NULL)
			store_done(m);
	}
	return 0;
}

void
search_free(struct search_hit *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		search_clear(&v[i]);
	free(v);
}
