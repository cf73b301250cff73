/* checklist.c: parsing checklist files, finding them, and parsing the
 * answers given on the command line. The parser is a pure function. */
#include "model/checklist.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "base/util.h"

#ifndef WARROOM_SHAREDIR
#define WARROOM_SHAREDIR "/usr/local/share/warroom"
#endif

#define WR_NAME_ANSWER(id, name) name,
const char *const answer_names[ANSWER_COUNT] = {ANSWERS(WR_NAME_ANSWER)};

void
checklist_clear(struct checklist *cl)
{
	int i;

	for (i = 0; i < cl->n; i++) {
		free(cl->items[i].question);
		free(cl->items[i].hint);
	}
	free(cl->items);
	free(cl->name);
	free(cl->title);
	*cl = (struct checklist){0};
}

/* Skip the spaces and tabs at s. */
static const char *
checklist_skip(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* One logical line, NUL-terminated and checked: no NUL, valid UTF-8, no
 * C0 control but tab; C1 and bidi controls are made harmless. Caller frees;
 * NULL with the reason (no location) in why. */
static char *
checklist_line(const char *p, size_t n, char *why)
{
	char *raw, *clean;
	size_t i;

	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n > CHECKLIST_LINE_MAX) {
		err_set(why, "line longer than %d bytes", CHECKLIST_LINE_MAX);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch == 0) {
			err_set(why, "NUL byte");
			return NULL;
		}
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
			err_set(why, "control character 0x%02x", ch);
			return NULL;
		}
	}
	raw = xstrndup(p, n);
	if (text_check(raw, CHECKLIST_LINE_MAX, "line", why) != 0) {
		free(raw);
		return NULL;
	}
	clean = text_sanitize(raw, n, CHECKLIST_LINE_MAX, 0);
	free(raw);
	return text_trim(clean);
}

/* The text after a prefix, trimmed; NULL (and why) when empty. */
static char *
checklist_value(const char *s, const char *what, char *why)
{
	s = checklist_skip(s);
	if (*s == '\0') {
		err_set(why, "empty %s", what);
		return NULL;
	}
	return xstrdup(s);
}

/* Parse one trimmed, checked line into cl; 0 or -1 with why. */
/* "check: rollback-safe" after a question: a yes to it claims what the
 * record of the release says, so a contradicting yes is refused. */
static int
checklist_check_line(struct checklist *cl, const char *v, char *why)
{
	v += strspn(v, " \t");
	if (cl->n == 0) {
		err_set(why, "check before any question");
		return -1;
	}
	if (cl->items[cl->n - 1].check != CHECK_NONE) {
		err_set(why, "a second check for the same question");
		return -1;
	}
	if (strcmp(v, "rollback-safe") != 0) {
		err_set(why, "unknown check '%.40s' (only 'rollback-safe')", v);
		return -1;
	}
	cl->items[cl->n - 1].check = CHECK_ROLLBACK_SAFE;
	return 0;
}

static int
checklist_item(struct checklist *cl, const char *s, int *hinted, char *why)
{
	const char *eq;

	if (s[0] == '?') {
		char *q = checklist_value(s + 1, "question", why);

		if (q == NULL)
			return -1;
		if (cl->n >= CHECKLIST_MAX) {
			free(q);
			err_set(why, "more than %d questions", CHECKLIST_MAX);
			return -1;
		}
		cl->items = xreallocarray(cl->items, (size_t)cl->n + 1,
		    sizeof *cl->items);
		cl->items[cl->n].question = q;
		cl->items[cl->n].hint = NULL;
		cl->items[cl->n].check = CHECK_NONE;
		cl->n++;
		*hinted = 0;
		return 0;
	}
	if (strncasecmp(s, "hint:", 5) == 0) {
		char *h;

		if (cl->n == 0 || *hinted) {
			err_set(why, cl->n == 0 ? "hint before any question"
			    : "a second hint for the same question");
			return -1;
		}
		if ((h = checklist_value(s + 5, "hint", why)) == NULL)
			return -1;
		cl->items[cl->n - 1].hint = h;
		*hinted = 1;
		return 0;
	}
	if (strncasecmp(s, "check:", 6) == 0)
		return checklist_check_line(cl, s + 6, why);
	eq = strchr(s, '=');
	if (eq != NULL) {
		size_t klen = (size_t)(eq - s);

		while (klen > 0 && (s[klen - 1] == ' ' || s[klen - 1] == '\t'))
			klen--;
		if (klen == 5 && strncasecmp(s, "title", 5) == 0) {
			if (cl->title != NULL) {
				err_set(why, "a second title");
				return -1;
			}
			if (cl->n > 0) {
				err_set(why, "the title must come before the "
				    "questions");
				return -1;
			}
			cl->title = checklist_value(eq + 1, "title", why);
			return cl->title != NULL ? 0 : -1;
		}
		if (klen > 0 && klen <= 32 && strcspn(s, " \t") >= klen) {
			err_set(why, "unknown key '%.*s' (only 'title')",
			    (int)klen, s);
			return -1;
		}
	}
	err_set(why, "expected '? question', 'hint: text', 'check: "
	    "rollback-safe' or 'title = text'");
	return -1;
}

int
checklist_parse(const char *buf, size_t len, const char *file,
    struct checklist *out, char *err)
{
	struct checklist cl = {0};
	char why[ERR_LEN];
	char *where = text_sanitize(file ? file : "checklist",
	    strlen(file ? file : "checklist"), 120, 0);
	size_t off = 0;
	int line = 0, hinted = 0;

	*out = (struct checklist){0};
	if (len > CHECKLIST_FILE_MAX) {
		err_set(err, "%s: larger than %d bytes", where,
		    CHECKLIST_FILE_MAX);
		goto fail;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		off = 3; /* a byte-order mark some editors write */
	while (off < len) {
		const char *p = buf + off;
		const char *nl = memchr(p, '\n', len - off);
		size_t n = nl ? (size_t)(nl - p) : len - off;
		char *s;

		line++;
		off += n + (nl != NULL);
		if ((s = checklist_line(p, n, why)) == NULL)
			goto bad;
		if (s[0] == '\0' || s[0] == '#') {
			free(s);
			continue;
		}
		if (checklist_item(&cl, s, &hinted, why) != 0) {
			free(s);
			goto bad;
		}
		free(s);
	}
	if (cl.title == NULL) {
		err_set(err, "%s: no title (add a line 'title = ...')", where);
		goto fail;
	}
	if (cl.n == 0) {
		err_set(err, "%s: no questions (add lines starting with '?')",
		    where);
		goto fail;
	}
	free(where);
	*out = cl;
	return 0;
bad:
	err_set(err, "%s:%d: %s", where, line, why);
fail:
	free(where);
	checklist_clear(&cl);
	return -1;
}

int
checklist_name_check(const char *name, char *err)
{
	size_t i, n = name ? strlen(name) : 0;

	if (n == 0 || n > CHECKLIST_NAME_MAX) {
		err_set(err, "a checklist name has 1 to %d characters",
		    CHECKLIST_NAME_MAX);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char ch = name[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) {
			char *shown = text_sanitize(name, n, 40, 0);

			err_set(err, "bad checklist name '%s' (use letters, "
			    "digits, '-' and '_')", shown);
			free(shown);
			return -1;
		}
	}
	return 0;
}

static void
checklist_dirs_free(char **dirs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(dirs[i]);
}

/* Read a whole file of at most max bytes. Caller frees; NULL with errno
 * (EFBIG when larger). */
static char *
checklist_read(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = xmalloc(max + 1);
	n = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		free(buf);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	if (n > max) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
checklist_load(const char *name, struct checklist *out, char *err)
{
	char *dirs[DATA_DIRS_MAX];
	char *path = NULL, *buf = NULL;
	size_t len = 0;
	int i, n, rc = -1;

	*out = (struct checklist){0};
	if (checklist_name_check(name, err) != 0)
		return -1;
	n = data_dirs("checklists", dirs);
	for (i = 0; i < n && buf == NULL; i++) {
		free(path);
		path = xasprintf("%s/%s%s", dirs[i], name, CHECKLIST_SUFFIX);
		buf = checklist_read(path, CHECKLIST_FILE_MAX, &len);
		if (buf == NULL && errno != ENOENT && errno != ENOTDIR) {
			char *shown = text_sanitize(path, strlen(path), 120, 0);

			err_set(err, "%s: %s", shown, errno == EFBIG ?
			    "checklist file too large" : strerror(errno));
			free(shown);
			goto out;
		}
	}
	if (buf == NULL) {
		char **names;
		int nn, k;
		struct buf have = {0};

		checklist_names(&names, &nn);
		for (k = 0; k < nn; k++)
			buf_addf(&have, "%s%s", k ? ", " : "", names[k]);
		err_set(err, "no checklist '%s' (%s%s)", name,
		    nn ? "available: " : "none installed; see checklists/",
		    have.p ? have.p : "");
		buf_free(&have);
		checklist_names_free(names, nn);
		goto out;
	}
	if (checklist_parse(buf, len, path, out, err) == 0) {
		out->name = xstrdup(name);
		rc = 0;
	}
out:
	free(buf);
	free(path);
	checklist_dirs_free(dirs, n);
	return rc;
}

static int
checklist_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
checklist_names(char ***out, int *n)
{
	char *dirs[DATA_DIRS_MAX];
	char **names = NULL, err[ERR_LEN];
	int i, nd = data_dirs("checklists", dirs), cnt = 0, k;
	size_t sl = strlen(CHECKLIST_SUFFIX);

	for (i = 0; i < nd; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *de;

		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);
			char *stem;

			if (l <= sl || strcmp(de->d_name + l - sl,
			    CHECKLIST_SUFFIX) != 0)
				continue;
			stem = xstrndup(de->d_name, l - sl);
			if (checklist_name_check(stem, err) != 0 || cnt >= 256) {
				free(stem);
				continue;
			}
			names = xreallocarray(names, (size_t)cnt + 1,
			    sizeof *names);
			names[cnt++] = stem;
		}
		closedir(d);
	}
	checklist_dirs_free(dirs, nd);
	if (cnt > 1)
		qsort(names, (size_t)cnt, sizeof *names, checklist_cmp);
	for (i = k = 0; i < cnt; i++) { /* drop duplicates */
		if (k > 0 && strcmp(names[k - 1], names[i]) == 0)
			free(names[i]);
		else
			names[k++] = names[i];
	}
	*out = names;
	*n = k;
	return 0;
}

void
checklist_names_free(char **names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
checklist_answer_word(const char *s, size_t len)
{
	static const struct {
		const char *word;
		int answer;
	} words[] = {
		{"yes", ANSWER_YES}, {"y", ANSWER_YES}, {"no", ANSWER_NO},
		{"n", ANSWER_NO}, {"n/a", ANSWER_NA}, {"na", ANSWER_NA},
		{"-", ANSWER_NA},
	};
	size_t i;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (i = 0; i < ARRAY_LEN(words); i++)
		if (strlen(words[i].word) == len &&
		    strncasecmp(words[i].word, s, len) == 0)
			return words[i].answer;
	return -1;
}

void
checklist_answers_free(struct checklist_answer *a, int n)
{
	int i;

	if (a == NULL)
		return;
	for (i = 0; i < n; i++)
		free(a[i].note);
	free(a);
}

int
checklist_answers_parse(const struct checklist *cl, const char *s,
    struct checklist_answer **out, char *err)
{
	struct checklist_answer *a;
	const char *p = s;
	int i = 0;

	*out = NULL;
	if (text_check(s, TEXT_MAX, "--answers", err) != 0)
		return -1;
	a = xcalloc((size_t)cl->n, sizeof *a);
	for (;;) {
		size_t n = strcspn(p, ",");
		const char *colon = memchr(p, ':', n);
		size_t wlen = colon ? (size_t)(colon - p) : n;

		if (i >= cl->n) {
			err_set(err, "--answers has more answers than the %d "
			    "questions of checklist '%s'", cl->n,
			    cl->name ? cl->name : cl->title);
			goto fail;
		}
		if ((a[i].answer = checklist_answer_word(p, wlen)) < 0) {
			char *shown = text_sanitize(p, wlen, 30, 0);

			err_set(err, "--answers: answer %d is '%s', not yes, "
			    "no or n/a", i + 1, shown);
			free(shown);
			goto fail;
		}
		if (colon != NULL) {
			char *note = text_sanitize(colon + 1,
			    n - wlen - 1, TEXT_NAME_MAX * 4, 0);

			if (*text_trim(note) == '\0')
				free(note);
			else
				a[i].note = note;
		}
		i++;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	if (i != cl->n) {
		err_set(err, "--answers has %d answer%s but checklist '%s' has "
		    "%d questions", i, i == 1 ? "" : "s",
		    cl->name ? cl->name : cl->title, cl->n);
		goto fail;
	}
	*out = a;
	return 0;
fail:
	checklist_answers_free(a, cl->n);
	return -1;
}
