/* checklist.h: checklists as data (a file of questions) and their answers,
 * walked before a risky decision such as a rollback (talk, case 1). */
#ifndef WR_CHECKLIST_H
#define WR_CHECKLIST_H

#include <stddef.h>

/*
 * The file format, one item a line (UTF-8, at most CHECKLIST_LINE_MAX bytes
 * a line, CHECKLIST_FILE_MAX bytes in all):
 *
 *   # a comment (blank lines are ignored too)
 *   title = Roll back a release
 *   ? Do features or data roll back with it?
 *   hint: schema migrations, data written in a new format
 *   ? Is the rollback procedure ready?
 *
 * `title = TEXT` once, before the first question; `? TEXT` a question
 * (1..CHECKLIST_MAX questions); `hint: TEXT` at most once right after its
 * question; `check: rollback-safe` at most once after its question (a yes
 * claims the release is recorded rollback-safe, and is refused when the
 * record says otherwise unless the commander overrides it). Anything else is an error reported as "FILE:LINE: reason".
 * A checklist named NAME is the file NAME.checklist in the first of
 * $XDG_CONFIG_HOME/warroom/checklists (else ~/.config/warroom/checklists),
 * WARROOM_SHAREDIR/checklists, ./checklists that has it.
 */
#define CHECKLIST_MAX 32
#define CHECKLIST_LINE_MAX 1000
#define CHECKLIST_FILE_MAX 65536
#define CHECKLIST_NAME_MAX 64
#define CHECKLIST_SUFFIX ".checklist"

#define ANSWERS(X) X(ANSWER_YES, "yes") X(ANSWER_NO, "no") X(ANSWER_NA, "n/a")
#define WR_ENUM_ANSWER(id, name) id,
enum answer { ANSWERS(WR_ENUM_ANSWER) ANSWER_COUNT };
extern const char *const answer_names[ANSWER_COUNT];

enum checklist_check { CHECK_NONE, CHECK_ROLLBACK_SAFE };

struct checklist_item {
	char *question;
	char *hint; /* NULL when none */
	int check;  /* enum checklist_check: what a yes claims of the record */
};

struct checklist {
	char *name;  /* NULL when parsed from a buffer */
	char *title;
	struct checklist_item *items;
	int n;
};

struct checklist_answer {
	int answer; /* enum answer */
	char *note; /* NULL when none */
};

/* Parse a checklist file held in buf (any bytes: NUL, invalid UTF-8 and
 * control characters are errors, not crashes). file names it in errors.
 * 0 with *out filled (caller clears), -1 with "file:line: reason" in err. */
int checklist_parse(const char *buf, size_t len, const char *file,
    struct checklist *out, char *err);
/* Find NAME in the search path and parse it. 0 or -1 with err. */
int checklist_load(const char *name, struct checklist *out, char *err);
void checklist_clear(struct checklist *cl);
/* 0 when name is a plausible checklist name ([A-Za-z0-9_-], not too long). */
int checklist_name_check(const char *name, char *err);
/* Every checklist name found in the search path, sorted, without
 * duplicates. Caller frees with checklist_names_free. */
int checklist_names(char ***out, int *n);
void checklist_names_free(char **names, int n);

/* One answer word: yes/y, no/n, n/a/na/- (any case). -1 if none. */
int checklist_answer_word(const char *s, size_t len);
/* "yes,no:flag covers it,n/a": one answer per question of cl, each with an
 * optional ":note" (a note cannot hold a comma). 0 with *out (cl->n
 * answers; caller frees with checklist_answers_free) or -1 with err. */
int checklist_answers_parse(const struct checklist *cl, const char *s,
    struct checklist_answer **out, char *err);
void checklist_answers_free(struct checklist_answer *a, int n);
#endif
