/* decision.c: decisions (reason, risk, checklist answers, sign-off) and
 * releases and flags, each written with its timeline entry. */
#include "model/decision.h"

#include "model/authority.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "model/board.h"
#include "model/incident.h"
#include "store/store.h"
#include "base/json.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "model/timeline.h"
#include "base/util.h"

#define WR_NAME_DECISION(id, name) name,
const char *const signoff_names[SIGNOFF_COUNT] = {SIGNOFFS(WR_NAME_DECISION)};
const char *const safe_names[SAFE_COUNT] = {SAFES(WR_NAME_DECISION)};
const char *const relkind_names[RELKIND_COUNT] = {RELKINDS(WR_NAME_DECISION)};

#define DECISION_TEXT_MAX 1000  /* the decision itself: one line */
#define DECISION_NOTE_MAX 4000  /* reason, risk, sign-off note */
#define RELEASE_LINK_MAX 2000

const char *
release_safe_text(int safe)
{
	switch (safe) {
	case SAFE_YES:
		return "rollback-safe";
	case SAFE_NO:
		return "NOT rollback-safe";
	default:
		return "rollback-safe: unknown";
	}
}

static int
decision_enum(const char *const *names, int n, const char *s, int dflt)
{
	int v = s ? enum_parse(names, n, s) : -1;

	return v < 0 ? dflt : v;
}

/* A person's name, or "?" when none is given. Caller frees; NULL + err. */
static char *
decision_person(const char *name, const char *what, char *err)
{
	if (name == NULL || str_empty(name))
		return xstrdup("?");
	return text_clean_name(name, what, err);
}

/* Optional free text: NULL when absent or blank. *bad set on error. */
static char *
decision_optional(const char *s, const char *what, size_t max, int *bad,
    char *err)
{
	char *c;

	if (s == NULL || str_empty(s))
		return NULL;
	if ((c = text_clean_field(s, what, 0, err)) == NULL) {
		*bad = 1;
		return NULL;
	}
	if (strlen(c) > max) {
		err_set(err, "%s is too long (at most %zu bytes)", what, max);
		free(c);
		*bad = 1;
		return NULL;
	}
	return c;
}

/* A time given for an event must not lie ahead of the clock. */
static int
decision_check_time(int64_t at, const char *what, char *err)
{
	if (at > wr_now() + DECISION_FUTURE_SLACK) {
		char t[32];

		time_full(at, t, sizeof t);
		err_set(err, "%s %s is in the future", what, t);
		return -1;
	}
	return 0;
}

/* ---- releases and flags ------------------------------------------------ */

int
release_check_link(const char *s, char *err)
{
	size_t i, skip;

	if (text_check(s, RELEASE_LINK_MAX, "--link", err) != 0)
		return -1;
	if (strncasecmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		skip = 7;
	else {
		err_set(err, "--link must be an http:// or https:// URL");
		return -1;
	}
	if (s[skip] == '\0' || s[skip] == '/' || s[skip] == '?' ||
	    s[skip] == '#') {
		err_set(err, "--link has no host after '%.*s'", (int)skip, s);
		return -1;
	}
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch <= 0x20 || ch == 0x7f) {
			err_set(err, "--link must not contain spaces or "
			    "control characters");
			return -1;
		}
	}
	return 0;
}

/* A version or flag name: one word, cleaned. Caller frees; NULL + err. */
static char *
release_word(const char *s, const char *what, char *err)
{
	char *c = text_clean_name(s ? s : "", what, err);

	if (c != NULL && strpbrk(c, " \t") != NULL) {
		err_set(err, "%s must be one word, without spaces", what);
		free(c);
		return NULL;
	}
	return c;
}

/* Tell incident inc of a release in its timeline, unless it is resolved
 * (a resolved incident collects no later deploys). The entry id, 0 when not
 * told, -1 with err. In the caller's transaction. */
static int64_t
release_tell(struct store *st, int64_t inc, int64_t at, const char *by,
    const char *text, char *err)
{
	struct incident i = {0};
	struct entry e = {0};
	int resolved;

	if (incident_load(st, inc, &i, err) != 0)
		return -1;
	resolved = i.resolved > 0;
	incident_clear(&i);
	if (resolved)
		return 0;
	e.event_time = at;
	e.author = (char *)(uintptr_t)by;
	e.kind = KIND_RELEASE;
	e.confidence = CONF_CONFIRMED;
	e.text = (char *)(uintptr_t)text;
	return timeline_add_tx(st, inc, &e, err);
}

int64_t
release_open_incident(struct store *st, char *err)
{
	static const char sql[] = "SELECT id FROM incident WHERE resolved IS "
	    "NULL ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc = sqlite3_step(s);
	int64_t id = 0;

	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE) {
		store_err(st, "reading incidents", err);
		id = -1;
	}
	store_done(s);
	return id;
}

static int64_t
release_insert(struct store *st, int64_t inc, int kind, const char *name,
    const char *value, int safe, int64_t at, const char *link,
    const char *by, const char *entry_text, char *err)
{
	static const char sql[] = "INSERT INTO release (incident_id, entry_id, "
	    "kind, name, value, rollback_safe, at, link, author) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *s;
	int64_t eid = 0, id;

	if (store_begin(st, err) != 0)
		return -1;
	if (inc > 0 && (eid = release_tell(st, inc, at, by, entry_text, err))
	    < 0)
		goto rollback;
	s = store_stmt(st, sql);
	if (eid > 0) {
		sqlite3_bind_int64(s, 1, inc);
		sqlite3_bind_int64(s, 2, eid);
	} else {
		sqlite3_bind_null(s, 1);
		sqlite3_bind_null(s, 2);
	}
	sqlite3_bind_text(s, 3, relkind_names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, name, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 5, value);
	sqlite3_bind_text(s, 6, safe_names[safe], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, at);
	store_bind_text(s, 8, link);
	sqlite3_bind_text(s, 9, by, -1, SQLITE_TRANSIENT);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	id = sqlite3_last_insert_rowid(store_db(st));
	if (store_commit(st, err) != 0)
		return -1;
	return id;
rollback:
	store_rollback(st);
	return -1;
}

int64_t
release_deploy(struct store *st, int64_t inc, const char *version,
    int rollback_safe, int64_t at, const char *link, const char *by,
    char *err)
{
	char *v = NULL, *who = NULL, *text;
	int64_t id = -1;

	if (rollback_safe < 0 || rollback_safe >= SAFE_COUNT) {
		err_set(err, "rollback-safe must be yes, no or unknown");
		return -1;
	}
	if (link != NULL && release_check_link(link, err) != 0)
		return -1;
	if (at <= 0)
		at = wr_now();
	if (decision_check_time(at, "the deploy time", err) != 0)
		return -1;
	if ((v = release_word(version, "version", err)) == NULL)
		return -1;
	if ((who = decision_person(by, "author", err)) == NULL)
		goto out;
	text = xasprintf("Deployed %s (%s)%s%s", v,
	    release_safe_text(rollback_safe), link ? " " : "",
	    link ? link : "");
	id = release_insert(st, inc, RELEASE_DEPLOY, v, NULL, rollback_safe,
	    at, link, who, text, err);
	free(text);
out:
	free(v);
	free(who);
	return id;
}

int64_t
release_flag(struct store *st, int64_t inc, const char *name, int on,
    int64_t at, const char *by, char *err)
{
	char *f, *who, *text;
	int64_t id = -1;

	if (at <= 0)
		at = wr_now();
	if (decision_check_time(at, "the flag change time", err) != 0)
		return -1;
	if ((f = release_word(name, "flag name", err)) == NULL)
		return -1;
	if ((who = decision_person(by, "author", err)) == NULL) {
		free(f);
		return -1;
	}
	text = xasprintf("Flag %s turned %s", f, on ? "on" : "off");
	id = release_insert(st, inc, RELEASE_FLAG, f, on ? "on" : "off",
	    SAFE_UNKNOWN, at, NULL, who, text, err);
	free(text);
	free(f);
	free(who);
	return id;
}

#define RELEASE_COLUMNS                                                  \
	"SELECT r.id, r.incident_id, r.entry_id, r.kind, r.name, r.value, "  \
	"r.rollback_safe, r.at, r.link, r.author FROM release r "           \
	"LEFT JOIN entry e ON e.id = r.entry_id "

static void
release_from_row(sqlite3_stmt *s, struct release *r)
{
	const char *v = (const char *)sqlite3_column_text(s, 5);

	r->id = sqlite3_column_int64(s, 0);
	r->incident_id = sqlite3_column_int64(s, 1);
	r->entry_id = sqlite3_column_int64(s, 2);
	r->kind = decision_enum(relkind_names, RELKIND_COUNT,
	    (const char *)sqlite3_column_text(s, 3), RELEASE_DEPLOY);
	r->name = store_col_str(s, 4);
	r->flag_on = v != NULL && strcmp(v, "on") == 0;
	r->rollback_safe = decision_enum(safe_names, SAFE_COUNT,
	    (const char *)sqlite3_column_text(s, 6), SAFE_UNKNOWN);
	r->at = sqlite3_column_int64(s, 7);
	r->link = store_col_text(s, 8);
	r->author = store_col_text(s, 9);
	if (r->author == NULL)
		r->author = xstrdup("?");
}

void
release_clear(struct release *r)
{
	free(r->name);
	free(r->link);
	free(r->author);
	*r = (struct release){0};
}

static void
release_row(sqlite3_stmt *s, void *item)
{
	release_from_row(s, item);
}

static void
release_item_clear(void *item)
{
	release_clear(item);
}

static const struct store_rowtype release_rows = {
	sizeof(struct release), release_row, release_item_clear,
	"reading releases"
};

int
release_of_entry(struct store *st, int64_t entry_id, struct release *out,
    char *err)
{
	static const char sql[] = RELEASE_COLUMNS "WHERE r.entry_id = ?1 "
	    "ORDER BY r.id LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc;

	*out = (struct release){0};
	sqlite3_bind_int64(s, 1, entry_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		release_from_row(s, out);
	else if (rc != SQLITE_DONE)
		store_err(st, "reading the entry's release", err);
	store_done(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
decision_of_entry(struct store *st, int64_t entry_id, struct decision *out,
    char *err)
{
	static const char sql[] = "SELECT id FROM decision WHERE entry_id = ?1 "
	    "ORDER BY id LIMIT 1";
	sqlite3_stmt *s = store_stmt(st, sql);
	int64_t id = 0;
	int rc;

	*out = (struct decision){0};
	sqlite3_bind_int64(s, 1, entry_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		store_err(st, "reading the entry's decision", err);
	store_done(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	return decision_get(st, id, out, err) == 0 ? 1 : -1;
}

void
release_list_free(struct release *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		release_clear(&list[i]);
	free(list);
}

/* An incident's window: from change_window before detection through its
 * resolution (or now). A release whose timeline entry was deleted was
 * recorded by mistake and is left out. */
#define RELEASE_WINDOW                                                    \
	"JOIN incident i ON i.id = ?1 "                                     \
	"WHERE r.at >= i.detected - i.change_window "                       \
	"AND (i.resolved IS NULL OR r.at <= i.resolved) "                   \
	"AND (e.id IS NULL OR e.deleted = 0) "

static int release_query(struct store *st, const char *sql, int64_t inc,
    int limit, struct release **out, int *n, char *err);

int
release_list(struct store *st, int64_t inc, int limit, struct release **out,
    int *n, char *err)
{
	static const char sql[] = RELEASE_COLUMNS RELEASE_WINDOW
	    "ORDER BY r.at DESC, r.id DESC LIMIT ?2";

	return release_query(st, sql, inc, limit, out, n, err);
}

int
release_list_before(struct store *st, int64_t inc, struct release **out,
    int *n, char *err)
{
	static const char sql[] = RELEASE_COLUMNS RELEASE_WINDOW
	    "AND r.at < i.detected ORDER BY r.at, r.id LIMIT ?2";

	return release_query(st, sql, inc, 0, out, n, err);
}

static int
release_query(struct store *st, const char *sql, int64_t inc, int limit,
    struct release **out, int *n, char *err)
{
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	*out = store_rows(st, s, &release_rows, n, err);
	if (*n < 0) {
		*n = 0;
		return -1;
	}
	return 0;
}

/* ---- decisions --------------------------------------------------------- */

int
decision_is_rollback(const char *text)
{
	/* 切り戻す / 切り戻し and ロールバック; 戻す / 戻した / 戻します cover
	 * "put back to v2.13". */
	static const char *const words[] = {"roll back", "rollback",
	    "roll-back", "rolling back", "rolled back", "revert",
	    "\xe3\x83\xad\xe3\x83\xbc\xe3\x83\xab\xe3\x83\x90\xe3\x83\x83\xe3\x82\xaf",
	    "\xe5\x88\x87\xe3\x82\x8a\xe6\x88\xbb", "\xe6\x88\xbb\xe3\x81\x99",
	    "\xe6\x88\xbb\xe3\x81\x97"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(words); i++)
		if (strcasestr(text, words[i]) != NULL)
			return 1;
	return 0;
}

static int
decision_name_char(char ch)
{
	unsigned char c = (unsigned char)ch;

	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

/* Does text hold name as a word (ASCII case ignored)? "v2.1" is not named
 * by "v2.14" nor by "v2.1.3", but is by "v2.1." at a sentence's end and by
 * "v2.1を" (Japanese text around a name ends it). */
static int
decision_names(const char *text, const char *name)
{
	static const char joins[] = ".-+/";
	size_t nl = strlen(name);
	const char *p;

	if (nl == 0)
		return 0;
	for (p = text; *p != '\0'; p++) {
		if (strncasecmp(p, name, nl) != 0)
			continue;
		if (p > text && (decision_name_char(p[-1]) ||
		    strchr(joins, p[-1]) != NULL))
			continue;
		if (p[nl] != '\0' && (decision_name_char(p[nl]) ||
		    (strchr(joins, p[nl]) != NULL &&
		    decision_name_char(p[nl + 1]))))
			continue;
		return 1;
	}
	return 0;
}

const char *
release_how_text(int how)
{
	switch (how) {
	case RELEASE_BY_OPTION:
		return "named with --release";
	case RELEASE_BY_TEXT:
		return "named in the decision";
	case RELEASE_BY_LATEST:
		return "the latest deploy before detection";
	default:
		return "none";
	}
}

/* The newest deploy (of the whole service) whose version is named: by
 * version exactly (exact 1), or as a word of text. 1, 0 or -1. */
static int
release_find_named(struct store *st, const char *s, int exact,
    struct release *out, char *err)
{
	static const char sql[] = RELEASE_COLUMNS "WHERE r.kind = 'deploy' "
	    "AND (e.id IS NULL OR e.deleted = 0) ORDER BY r.at DESC, r.id DESC";
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc, found = 0;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 4);

		if (name != NULL && (exact ? strcmp(name, s) == 0 :
		    decision_names(s, name))) {
			release_from_row(q, out);
			found = 1;
			break;
		}
	}
	if (!found && rc != SQLITE_DONE) {
		store_err(st, "reading releases", err);
		found = -1;
	}
	store_done(q);
	return found;
}

/* The service's latest deploy before incident inc was detected. */
static int
release_find_latest(struct store *st, int64_t inc, struct release *out,
    char *err)
{
	static const char sql[] = RELEASE_COLUMNS "JOIN incident i ON i.id = ?1 "
	    "WHERE r.kind = 'deploy' AND r.at < i.detected "
	    "AND (e.id IS NULL OR e.deleted = 0) "
	    "ORDER BY r.at DESC, r.id DESC LIMIT 1";
	sqlite3_stmt *q = store_stmt(st, sql);
	int rc;

	sqlite3_bind_int64(q, 1, inc);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		release_from_row(q, out);
	else if (rc != SQLITE_DONE)
		store_err(st, "reading releases", err);
	store_done(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
decision_rollback_release(struct store *st, int64_t inc, const char *text,
    const char *version, int rollback_checklist, struct release *out,
    int *how, char *err)
{
	int r;

	*out = (struct release){0};
	*how = RELEASE_NONE;
	if (version != NULL) {
		r = release_find_named(st, version, 1, out, err);
		if (r == 0)
			err_set(err, "no deploy of '%.60s' is recorded (see "
			    "'warroom status'; deploy hooks run 'warroom "
			    "deploy VERSION')", version);
		if (r > 0)
			*how = RELEASE_BY_OPTION;
		return r > 0 ? 1 : -1;
	}
	if (text == NULL || (!rollback_checklist && !decision_is_rollback(text)))
		return 0;
	if ((r = release_find_named(st, text, 0, out, err)) != 0) {
		*how = r > 0 ? RELEASE_BY_TEXT : RELEASE_NONE;
		return r;
	}
	if ((r = release_find_latest(st, inc, out, err)) > 0)
		*how = RELEASE_BY_LATEST;
	return r;
}

int
decision_contradiction(const struct checklist *cl,
    const struct checklist_answer *a, const struct release *rel)
{
	int i;

	if (cl == NULL || a == NULL)
		return -1;
	for (i = 0; i < cl->n; i++)
		if (cl->items[i].check == CHECK_ROLLBACK_SAFE &&
		    a[i].answer == ANSWER_YES &&
		    (rel == NULL || rel->id == 0 ||
		    rel->rollback_safe != SAFE_YES))
			return i;
	return -1;
}

/* The answers as stored: {"name","title","answers":[{"q","a","note"}]}.
 * Caller frees. */
static char *
decision_checklist_json(const struct checklist *cl,
    const struct checklist_answer *a)
{
	cJSON *o = cJSON_CreateObject(), *arr;
	char *p;
	int i;

	cJSON_AddStringToObject(o, "name", cl->name ? cl->name : "");
	cJSON_AddStringToObject(o, "title", cl->title);
	arr = cJSON_AddArrayToObject(o, "answers");
	for (i = 0; i < cl->n; i++) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "q", cl->items[i].question);
		cJSON_AddStringToObject(x, "a", answer_names[a[i].answer]);
		if (a[i].note != NULL)
			cJSON_AddStringToObject(x, "note", a[i].note);
		cJSON_AddItemToArray(arr, x);
	}
	p = json_compact(o);
	cJSON_Delete(o);
	return p;
}

/* Clean the answers given for cl. Caller frees; NULL with err. */
static struct checklist_answer *
decision_clean_answers(const struct checklist *cl,
    const struct checklist_answer *a, char *err)
{
	struct checklist_answer *c;
	int i;

	if (cl->n <= 0 || cl->n > CHECKLIST_MAX || cl->title == NULL) {
		err_set(err, "an empty checklist");
		return NULL;
	}
	if (a == NULL) {
		err_set(err, "the checklist has no answers");
		return NULL;
	}
	c = xcalloc((size_t)cl->n, sizeof *c);
	for (i = 0; i < cl->n; i++) {
		int bad = 0;

		if (a[i].answer < 0 || a[i].answer >= ANSWER_COUNT) {
			err_set(err, "answer %d is not yes, no or n/a", i + 1);
			goto fail;
		}
		c[i].answer = a[i].answer;
		c[i].note = decision_optional(a[i].note, "a checklist note",
		    DECISION_NOTE_MAX, &bad, err);
		if (bad)
			goto fail;
	}
	return c;
fail:
	checklist_answers_free(c, cl->n);
	return NULL;
}

/* What the timeline shows of a decision. Caller frees. */
static char *
decision_entry_text(const char *text, const char *reason, const char *risk,
    const char *signoff, const struct release *rel, int how,
    const struct checklist *cl, const struct checklist_answer *a,
    const char *override)
{
	struct buf b = {0};

	buf_addf(&b, "%s — reason: %s; risk: %s", text, reason,
	    risk ? risk : "not stated");
	if (rel != NULL && rel->id != 0)
		buf_addf(&b, "; release %s is %s%s", rel->name,
		    release_safe_text(rel->rollback_safe),
		    how == RELEASE_BY_LATEST ? " (the latest deploy before "
		    "detection)" : "");
	if (override != NULL)
		buf_addf(&b, "; OVERRIDE: %s", override);
	if (cl != NULL) {
		int tally[ANSWER_COUNT] = {0}, i;

		for (i = 0; i < cl->n; i++)
			tally[a[i].answer]++;
		buf_addf(&b, "; checklist \"%s\": %d yes, %d no, %d n/a",
		    cl->title, tally[ANSWER_YES], tally[ANSWER_NO],
		    tally[ANSWER_NA]);
	}
	if (signoff != NULL)
		buf_addf(&b, "; needs sign-off from %s", signoff);
	return buf_take(&b);
}

/* What the record says of rel, for an override or a refusal. */
static char *
decision_record_text(const struct release *rel)
{
	if (rel == NULL || rel->id == 0)
		return xstrdup("no deploy is recorded to roll back, so its "
		    "rollback-safe mark is unknown");
	return xasprintf("release %s is recorded as %s", rel->name,
	    release_safe_text(rel->rollback_safe));
}

/* Refuse an answer that contradicts the record, unless overridden; an
 * override with nothing to override is refused too. *out: the override as
 * stored (caller frees), or NULL. 0 or -1 with err. */
static int
decision_check_record(const struct checklist *cl,
    const struct checklist_answer *a, const struct release *rel,
    const char *why, char **out, char *err)
{
	int i = decision_contradiction(cl, a, rel);
	char *rec;

	*out = NULL;
	if (i < 0) {
		if (why != NULL)
			err_set(err, "nothing to override: no checklist answer "
			    "contradicts the record of the release");
		return why != NULL ? -1 : 0;
	}
	rec = decision_record_text(rel);
	if (why == NULL)
		err_set(err, "checklist answer %d (\"%s\") is yes, but %s: "
		    "answer no, or override the record with a reason "
		    "(--override REASON)", i + 1, cl->items[i].question, rec);
	else
		*out = xasprintf("answered yes to \"%s\" though %s: %s",
		    cl->items[i].question, rec, why);
	free(rec);
	return why != NULL ? 0 : -1;
}

/* A decision's fields as checked and cleaned before it is written. */
struct decision_clean {
	char *text, *reason, *risk, *signoff, *author, *json, *why;
	struct checklist_answer *ans;
	int nans;
};

static void
decision_clean_free(struct decision_clean *c)
{
	free(c->text);
	free(c->reason);
	free(c->risk);
	free(c->signoff);
	free(c->author);
	free(c->json);
	free(c->why);
	if (c->ans != NULL)
		checklist_answers_free(c->ans, c->nans);
}

/* Check and clean what d gives, before the transaction. 0 or -1 with
 * err; c is freed by the caller either way. */
static int
decision_clean_new(const struct decision_new *d, struct decision_clean *c,
    char *err)
{
	int bad = 0;

	*c = (struct decision_clean){0};
	if (d->text == NULL || str_empty(d->text)) {
		err_set(err, "a decision needs its text: what was decided");
		return -1;
	}
	if (d->reason == NULL || str_empty(d->reason)) {
		err_set(err, "a decision needs a reason (--reason): the "
		    "decision, its reason and its risk go on record");
		return -1;
	}
	if ((c->text = decision_optional(d->text, "the decision",
	    DECISION_TEXT_MAX, &bad, err)) == NULL ||
	    (c->reason = decision_optional(d->reason, "the reason",
	    DECISION_NOTE_MAX, &bad, err)) == NULL)
		return -1;
	c->risk = decision_optional(d->risk, "the risk", DECISION_NOTE_MAX,
	    &bad, err);
	if (!bad)
		c->why = decision_optional(d->override, "the override reason",
		    DECISION_NOTE_MAX, &bad, err);
	if (bad || (c->author = decision_person(d->author, "author", err))
	    == NULL)
		return -1;
	if (d->signoff_from != NULL) {
		if ((c->signoff = text_clean_name(d->signoff_from,
		    "the sign-off name", err)) == NULL)
			return -1;
		if (strcmp(c->signoff, c->author) == 0) {
			err_set(err, "a sign-off must come from someone other "
			    "than the one deciding (%s)", c->author);
			return -1;
		}
	}
	if (d->at > 0 && decision_check_time(d->at, "the decision time", err)
	    != 0)
		return -1;
	if (d->cl != NULL) {
		if ((c->ans = decision_clean_answers(d->cl, d->answers, err))
		    == NULL)
			return -1;
		c->nans = d->cl->n;
		c->json = decision_checklist_json(d->cl, c->ans);
	}
	return 0;
}

/* The decision row itself, for entry eid, in the open transaction.
 * Its id, or -1 with err. */
static int64_t
decision_insert(struct store *st, int64_t inc, int64_t eid,
    const struct decision_clean *c, const struct release *rel,
    const char *override, char *err)
{
	static const char sql[] = "INSERT INTO decision (incident_id, "
	    "entry_id, text, reason, risk, signoff_from, signoff_state, "
	    "release_id, checklist, override) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10)";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_int64(s, 2, eid);
	sqlite3_bind_text(s, 3, c->text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, c->reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, c->risk ? c->risk : "", -1, SQLITE_TRANSIENT);
	store_bind_text(s, 6, c->signoff);
	sqlite3_bind_text(s, 7, signoff_names[c->signoff ? SIGNOFF_PENDING
	    : SIGNOFF_NONE], -1, SQLITE_STATIC);
	if (rel->id != 0)
		sqlite3_bind_int64(s, 8, rel->id);
	else
		sqlite3_bind_null(s, 8);
	store_bind_text(s, 9, c->json);
	store_bind_text(s, 10, override);
	if (store_exec_stmt(st, s, err) != 0)
		return -1;
	return sqlite3_last_insert_rowid(store_db(st));
}

int64_t
decision_add(struct store *st, int64_t inc, const struct decision_new *d,
    char *err)
{
	struct decision_clean c;
	char *etext = NULL, *override = NULL;
	struct release rel = {0};
	struct incident i = {0};
	struct entry e = {0};
	int64_t eid, id = -1;
	int how = RELEASE_NONE;

	if (decision_clean_new(d, &c, err) != 0)
		goto out;
	if (store_begin(st, err) != 0)
		goto out;
	if (incident_load(st, inc, &i, err) != 0)
		goto rollback;
	incident_clear(&i);
	/* Who signs must be in the response: a typo must not leave a
	 * decision waiting for someone who does not exist. */
	if (c.signoff != NULL && board_known(st, inc, c.signoff, err) != 0)
		goto rollback;
	if (decision_rollback_release(st, inc, c.text, d->release, d->cl != NULL
	    && d->cl->name != NULL && strcmp(d->cl->name, "rollback") == 0,
	    &rel, &how, err) < 0)
		goto rollback;
	if (decision_check_record(d->cl, c.ans, &rel, c.why, &override, err)
	    != 0)
		goto rollback;
	etext = decision_entry_text(c.text, c.reason, c.risk, c.signoff, &rel,
	    how, d->cl, c.ans, override);
	e.event_time = d->at;
	e.author = c.author;
	e.kind = KIND_DECISION;
	e.confidence = CONF_CONFIRMED;
	e.text = etext;
	if ((eid = timeline_add_tx(st, inc, &e, err)) < 0 ||
	    (id = decision_insert(st, inc, eid, &c, &rel, override, err)) < 0)
		goto rollback;
	if (store_commit(st, err) != 0)
		id = -1;
	goto out;
rollback:
	store_rollback(st);
out:
	decision_clean_free(&c);
	free(etext);
	free(override);
	release_clear(&rel);
	return id;
}

#define DECISION_COLUMNS                                                  \
	"SELECT d.id, d.incident_id, d.entry_id, e.event_time, e.author, "    \
	"d.text, d.reason, d.risk, d.signoff_from, d.signoff_state, "         \
	"d.signed_by, d.signed_at, d.signoff_note, d.checklist, "             \
	"d.release_id, r.name, r.rollback_safe, "                             \
	"(e.deleted OR e.tomb_at > 0), e.tomb_at, e.tomb_by, e.tomb_reason, " \
	"r.at, r.link, d.override FROM decision d "                           \
	"JOIN entry e ON e.id = d.entry_id "                                  \
	"LEFT JOIN release r ON r.id = d.release_id "

/* Read the stored checklist JSON back; anything malformed is skipped. */
static void
decision_parse_checklist(struct decision *d, const char *json)
{
	cJSON *o, *arr, *x;
	int n;

	if (json == NULL || (o = cJSON_Parse(json)) == NULL)
		return;
	arr = cJSON_GetObjectItemCaseSensitive(o, "answers");
	n = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
	d->checklist_name = xstrdup(cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(o, "name")));
	d->checklist_title = xstrdup(cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(o, "title")));
	if (d->checklist_name == NULL)
		d->checklist_name = xstrdup("");
	if (d->checklist_title == NULL)
		d->checklist_title = xstrdup(d->checklist_name);
	if (n > 0)
		d->answers = xcalloc((size_t)n, sizeof *d->answers);
	cJSON_ArrayForEach(x, arr) {
		const char *q = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(x, "q"));
		const char *a = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(x, "a"));
		const char *note = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(x, "note"));
		struct decision_answer *da;

		if (q == NULL || a == NULL || d->nanswers >= n)
			continue;
		da = &d->answers[d->nanswers++];
		da->question = xstrdup(q);
		da->answer = decision_enum(answer_names, ANSWER_COUNT, a,
		    ANSWER_NA);
		da->note = xstrdup(note);
	}
	cJSON_Delete(o);
}

static void
decision_from_row(sqlite3_stmt *s, struct decision *d, int *deleted)
{
	d->id = sqlite3_column_int64(s, 0);
	d->incident_id = sqlite3_column_int64(s, 1);
	d->entry_id = sqlite3_column_int64(s, 2);
	d->at = sqlite3_column_int64(s, 3);
	d->author = store_col_str(s, 4);
	d->text = store_col_str(s, 5);
	d->reason = store_col_str(s, 6);
	d->risk = store_col_str(s, 7);
	d->signoff_from = store_col_text(s, 8);
	d->signoff = decision_enum(signoff_names, SIGNOFF_COUNT,
	    (const char *)sqlite3_column_text(s, 9), SIGNOFF_NONE);
	d->signed_by = store_col_text(s, 10);
	d->signed_at = sqlite3_column_int64(s, 11);
	d->signoff_note = store_col_text(s, 12);
	decision_parse_checklist(d,
	    (const char *)sqlite3_column_text(s, 13));
	d->release_id = sqlite3_column_int64(s, 14);
	d->release_name = store_col_text(s, 15);
	d->release_safe = decision_enum(safe_names, SAFE_COUNT,
	    (const char *)sqlite3_column_text(s, 16), SAFE_UNKNOWN);
	if (deleted != NULL)
		*deleted = sqlite3_column_int(s, 17);
	d->tomb_at = sqlite3_column_int64(s, 18);
	d->tomb_by = store_col_text(s, 19);
	d->tomb_reason = store_col_text(s, 20);
	d->release_at = sqlite3_column_int64(s, 21);
	d->release_link = store_col_text(s, 22);
	d->override = store_col_text(s, 23);
}

void
decision_clear(struct decision *d)
{
	int i;

	free(d->author);
	free(d->text);
	free(d->reason);
	free(d->risk);
	free(d->signoff_from);
	free(d->signed_by);
	free(d->signoff_note);
	free(d->checklist_name);
	free(d->checklist_title);
	for (i = 0; i < d->nanswers; i++) {
		free(d->answers[i].question);
		free(d->answers[i].note);
	}
	free(d->answers);
	free(d->release_name);
	free(d->tomb_by);
	free(d->tomb_reason);
	free(d->release_link);
	free(d->override);
	*d = (struct decision){0};
}

void
decision_list_free(struct decision *list, int n)
{
	int i;

	for (i = 0; i < n; i++)
		decision_clear(&list[i]);
	free(list);
}

static const char SQL_GET_DECISION[] = DECISION_COLUMNS "WHERE d.id = ?1";

/* decision_get, also telling whether its entry was deleted. */
static int
decision_load(struct store *st, int64_t id, struct decision *out,
    int *deleted, char *err)
{
	sqlite3_stmt *s = store_stmt(st, SQL_GET_DECISION);
	int rc;

	*out = (struct decision){0};
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		decision_from_row(s, out, deleted);
	else if (rc == SQLITE_DONE)
		err_set(err, "no decision %lld", (long long)id);
	else
		store_err(st, "reading decision", err);
	store_done(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
decision_get(struct store *st, int64_t id, struct decision *out, char *err)
{
	return decision_load(st, id, out, NULL, err);
}

static void
decision_row(sqlite3_stmt *s, void *item)
{
	decision_from_row(s, item, NULL);
}

static void
decision_item_clear(void *item)
{
	decision_clear(item);
}

static const struct store_rowtype decision_rows = {
	sizeof(struct decision), decision_row, decision_item_clear,
	"reading decisions"
};

int
decision_list(struct store *st, int64_t inc, int pending_only,
    struct decision **out, int *n, char *err)
{
	static const char sql[] = DECISION_COLUMNS "WHERE d.incident_id = ?1 "
	    "AND e.deleted = 0 AND (?2 = 0 OR (d.signoff_state = 'pending' "
	    "AND e.tomb_at = 0)) "
	    "ORDER BY e.event_time DESC, d.id DESC";
	sqlite3_stmt *s = store_stmt(st, sql);

	sqlite3_bind_int64(s, 1, inc);
	sqlite3_bind_int(s, 2, pending_only != 0);
	*out = store_rows(st, s, &decision_rows, n, err);
	if (*n < 0) {
		*n = 0;
		return -1;
	}
	return 0;
}

/* 0 when who may sign decision d off now: it is on the timeline, awaits
 * a sign-off, and from who. -1 with err saying why not. */
static int
decision_may_sign(const struct decision *d, int deleted, const char *who,
    char *err)
{
	long long id = (long long)d->id;

	if (deleted) {
		err_set(err, "decision %lld was deleted from the timeline", id);
		return -1;
	}
	if (d->signoff == SIGNOFF_NONE) {
		err_set(err, "decision %lld needs no sign-off (none was asked "
		    "for when it was recorded)", id);
		return -1;
	}
	if (d->signoff != SIGNOFF_PENDING) {
		char t[32];

		time_full(d->signed_at, t, sizeof t);
		err_set(err, "decision %lld was already %s by %s at %s", id,
		    signoff_names[d->signoff],
		    d->signed_by ? d->signed_by : "?", t);
		return -1;
	}
	if (d->signoff_from == NULL || strcmp(d->signoff_from, who) != 0) {
		int near = d->signoff_from != NULL &&
		    board_name_near(who, d->signoff_from);

		err_set(err, "decision %lld awaits sign-off from %s; %s cannot "
		    "sign it%s%s%s", id, d->signoff_from ?
		    d->signoff_from : "?", who, near ? " (did you mean --as " :
		    "", near ? d->signoff_from : "", near ? "?)" : "");
		return -1;
	}
	return 0;
}

int
decision_signoff(struct store *st, int64_t id, const char *by, int approve,
    const char *note, char *err)
{
	static const char sql[] = "UPDATE decision SET signoff_state = ?2, "
	    "signed_by = ?3, signed_at = ?4, signoff_note = ?5 "
	    "WHERE id = ?1 AND signoff_state = 'pending'";
	struct decision d = {0};
	struct entry e = {0};
	char *who = NULL, *n = NULL, *text = NULL;
	int64_t now = wr_now();
	sqlite3_stmt *s;
	int bad = 0, deleted = 0, rc = -1;

	if (by == NULL || str_empty(by)) {
		err_set(err, "a sign-off needs the name of who signs");
		return -1;
	}
	if ((who = text_clean_name(by, "the signer", err)) == NULL)
		return -1;
	n = decision_optional(note, "the note", DECISION_NOTE_MAX, &bad, err);
	if (bad)
		goto out;
	if (store_begin(st, err) != 0)
		goto out;
	if (decision_load(st, id, &d, &deleted, err) != 0 ||
	    decision_may_sign(&d, deleted, who, err) != 0)
		goto rollback;
	s = store_stmt(st, sql);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, signoff_names[approve ? SIGNOFF_APPROVED
	    : SIGNOFF_REJECTED], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now);
	store_bind_text(s, 5, n);
	if (store_exec_stmt(st, s, err) != 0)
		goto rollback;
	text = xasprintf("Sign-off: %s %s decision %lld: %s%s%s", who,
	    approve ? "approved" : "rejected", (long long)id, d.text,
	    n ? " — note: " : "", n ? n : "");
	e.author = who;
	e.kind = KIND_DECISION;
	e.confidence = CONF_CONFIRMED;
	e.text = text;
	if (timeline_add_tx(st, d.incident_id, &e, err) < 0)
		goto rollback;
	rc = store_commit(st, err);
	goto out;
rollback:
	store_rollback(st);
out:
	decision_clear(&d);
	free(who);
	free(n);
	free(text);
	return rc;
}
