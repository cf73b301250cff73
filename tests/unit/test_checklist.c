/* test_checklist.c: the checklist file parser (good files, each error with
 * its line, hostile bytes), the search path, and --answers parsing. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/checklist.h"
#include "base/text.h"
#include "base/util.h"

static int
parse(const char *s, struct checklist *cl, char *err)
{
	return checklist_parse(s, strlen(s), "f.checklist", cl, err);
}

static void
test_parse_good(void **state)
{
	struct checklist cl;
	char err[ERR_LEN] = "";
	const char *s =
	    "\xef\xbb\xbf# a comment\n"
	    "\n"
	    "  title =  Roll back a release  \r\n"
	    "? Do features or data roll back with it?\n"
	    "hint: migrations\n"
	    "   # indented comment\n"
	    "?Procedure ready?\r\n"
	    "\t? 手順は準備できているか\n"
	    "HINT:  日本語のヒント\n"
	    "? no newline at end";

	(void)state;
	assert_int_equal(parse(s, &cl, err), 0);
	assert_string_equal(cl.title, "Roll back a release");
	assert_null(cl.name);
	assert_int_equal(cl.n, 4);
	assert_string_equal(cl.items[0].question,
	    "Do features or data roll back with it?");
	assert_string_equal(cl.items[0].hint, "migrations");
	assert_string_equal(cl.items[1].question, "Procedure ready?");
	assert_null(cl.items[1].hint);
	assert_string_equal(cl.items[2].question, "手順は準備できているか");
	assert_string_equal(cl.items[2].hint, "日本語のヒント");
	assert_string_equal(cl.items[3].question, "no newline at end");
	checklist_clear(&cl);
	assert_int_equal(cl.n, 0);
	assert_null(cl.items);
}

/* Each bad file fails with "f.checklist:LINE: reason" (or no line for
 * what is missing at the end), and leaves *out empty. */
static void
test_parse_errors(void **state)
{
	static const struct {
		const char *text;
		size_t len; /* 0: strlen */
		const char *want;
	} cases[] = {
		{"? q\n", 0, "f.checklist: no title"},
		{"title = t\n# only a comment\n", 0, "f.checklist: no questions"},
		{"title = t\nhint: h\n? q\n", 0, "f.checklist:2: hint before"},
		{"title = t\n? q\nhint: a\nhint: b\n", 0,
		    "f.checklist:4: a second hint"},
		{"title = a\ntitle = b\n? q\n", 0, "f.checklist:2: a second title"},
		{"? q\ntitle = u\n", 0,
		    "f.checklist:2: the title must come before"},
		{"title = t\ncolour = red\n? q\n", 0,
		    "f.checklist:2: unknown key 'colour'"},
		{"title = t\nIs it safe?\n", 0,
		    "f.checklist:2: expected '? question'"},
		{"title = t\n?   \n", 0, "f.checklist:2: empty question"},
		{"title =\n? q\n", 0, "f.checklist:1: empty title"},
		{"title = t\n? q\nhint:\n", 0, "f.checklist:3: empty hint"},
		{"title = t\n? a\n? b\x00 c\n", 10, "f.checklist:3: NUL byte"},
		{"title = t\n? bad \xc3\x28 utf8\n", 0,
		    "f.checklist:2: line is not valid UTF-8"},
		{"title = t\n? esc \x1b[31m red\n", 0,
		    "f.checklist:2: control character 0x1b"},
		{"title = t\n? cr\rinside\n", 0,
		    "f.checklist:2: control character 0x0d"},
		{"title = t\n? del \x7f\n", 0,
		    "f.checklist:2: control character 0x7f"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct checklist cl = {.n = 99};
		char err[ERR_LEN] = "";
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);

		if (cases[i].len) /* the NUL case: the byte is inside len */
			len = strlen(cases[i].text) + 1 + strlen(cases[i].text +
			    strlen(cases[i].text) + 1);
		assert_int_equal(checklist_parse(cases[i].text, len,
		    "f.checklist", &cl, err), -1);
		if (strstr(err, cases[i].want) != err) {
			print_error("case %zu: got '%s', want '%s'\n", i, err,
			    cases[i].want);
			fail();
		}
		assert_int_equal(cl.n, 0);
		assert_null(cl.items);
		assert_null(cl.title);
	}
}

static void
test_parse_limits(void **state)
{
	struct checklist cl;
	char err[ERR_LEN] = "";
	struct buf b = {0};
	char *big;
	int i;

	(void)state;
	buf_adds(&b, "title = t\n");
	for (i = 0; i < CHECKLIST_MAX; i++)
		buf_addf(&b, "? q%d\n", i);
	assert_int_equal(parse(b.p, &cl, err), 0);
	assert_int_equal(cl.n, CHECKLIST_MAX);
	checklist_clear(&cl);
	buf_adds(&b, "? one too many\n");
	assert_int_equal(parse(b.p, &cl, err), -1);
	assert_string_equal(err, "f.checklist:34: more than 32 questions");
	buf_free(&b);

	big = xmalloc(CHECKLIST_LINE_MAX + 20);
	memcpy(big, "title = t\n? ", 12);
	memset(big + 12, 'x', CHECKLIST_LINE_MAX);
	big[12 + CHECKLIST_LINE_MAX] = '\0';
	assert_int_equal(parse(big, &cl, err), -1);
	assert_string_equal(err, "f.checklist:2: line longer than 1000 bytes");
	free(big);

	big = xcalloc(CHECKLIST_FILE_MAX + 2, 1);
	memset(big, '\n', CHECKLIST_FILE_MAX + 1);
	assert_int_equal(checklist_parse(big, CHECKLIST_FILE_MAX + 1, "f",
	    &cl, err), -1);
	assert_non_null(strstr(err, "larger than"));
	free(big);
}

/* C1 controls and bidi overrides are made harmless, not kept. */
static void
test_parse_sanitizes(void **state)
{
	struct checklist cl;
	char err[ERR_LEN] = "";

	(void)state;
	assert_int_equal(parse("title = t\xc2\x9b" "31m\n"
	    "? ok \xe2\x80\xae" "evil\n", &cl, err), 0);
	assert_null(strstr(cl.title, "\xc2\x9b"));
	assert_null(strstr(cl.items[0].question, "\xe2\x80\xae"));
	assert_non_null(strstr(cl.items[0].question, "\xef\xbf\xbd"));
	checklist_clear(&cl);
	/* A file name with an escape sequence is not echoed raw. */
	assert_int_equal(checklist_parse("", 0, "x\x1b]0;t\x07", &cl, err),
	    -1);
	assert_null(strchr(err, 0x1b));
	assert_null(strchr(err, 0x07));
}

/* Every string the parser hands out is clean: valid UTF-8 without C0
 * controls. */
static void
assert_clean(const char *s)
{
	char err[ERR_LEN];
	const unsigned char *p;

	assert_non_null(s);
	assert_int_equal(text_check(s, SIZE_MAX, "s", err), 0);
	for (p = (const unsigned char *)s; *p; p++)
		assert_true(*p >= 0x20 && *p != 0x7f);
}

static uint32_t
rnd(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

/* Hostile bytes: a valid file mutated by inserting the format's own pieces
 * and raw bytes, and buffers of pieces in any order; the parser must never
 * crash, and what it accepts is clean. */
static void
test_parse_hostile(void **state)
{
	static const char base[] = "title = T\n? one\nhint: h\n? two\n";
	static const char *const pieces[] = {"title = ", "? ", "hint: ", "\n",
	    "#", "=", "\r\n", "\xef\xbb\xbf", "\xc3", "\xe2\x80\xae", "\x1b",
	    "\x00", "\xff", "日本", " ", "\t", "title", "?", "q", "\xc2\x9b"};
	uint32_t seed = 12345;
	int round, ok = 0, bad = 0;
	char *buf = xmalloc(4096);

	(void)state;
	for (round = 0; round < 4000; round++) {
		size_t len = 0;
		int k, n, mutate = round % 2 == 0;
		struct checklist cl;
		char err[ERR_LEN];

		if (mutate) {
			memcpy(buf, base, sizeof base - 1);
			len = sizeof base - 1;
		}
		n = (int)(rnd(&seed) % (mutate ? 4 : 60));
		for (k = 0; k < n && len < 4000; k++) {
			size_t at = mutate ? rnd(&seed) % (len + 1) : len;
			const char *p = pieces[rnd(&seed) % ARRAY_LEN(pieces)];
			char raw = (char)rnd(&seed);
			size_t pl = p[0] ? strlen(p) : 1;

			if (rnd(&seed) % 5 == 0) {
				p = &raw;
				pl = 1;
			}
			memmove(buf + at + pl, buf + at, len - at);
			memcpy(buf + at, p, pl);
			len += pl;
		}
		err[0] = '\0';
		if (checklist_parse(buf, len, "fuzz", &cl, err) == 0) {
			ok++;
			assert_clean(cl.title);
			for (k = 0; k < cl.n; k++) {
				assert_clean(cl.items[k].question);
				if (cl.items[k].hint)
					assert_clean(cl.items[k].hint);
			}
			checklist_clear(&cl);
		} else {
			bad++;
			assert_true(strncmp(err, "fuzz", 4) == 0);
			assert_clean(err);
		}
	}
	free(buf);
	/* The generator reaches both sides of the parser. */
	assert_true(ok > 100);
	assert_true(bad > 100);
}

static void
test_answers(void **state)
{
	struct checklist cl;
	struct checklist_answer *a;
	char err[ERR_LEN] = "";

	(void)state;
	assert_int_equal(parse("title = T\n? a\n? b\n? c\n? d\n", &cl, err), 0);
	assert_int_equal(checklist_answers_parse(&cl,
	    "yes,NO:image not built , n/a,y:  ", &a, err), 0);
	assert_int_equal(a[0].answer, ANSWER_YES);
	assert_null(a[0].note);
	assert_int_equal(a[1].answer, ANSWER_NO);
	assert_string_equal(a[1].note, "image not built");
	assert_int_equal(a[2].answer, ANSWER_NA);
	assert_int_equal(a[3].answer, ANSWER_YES);
	assert_null(a[3].note); /* a blank note is none */
	checklist_answers_free(a, cl.n);

	assert_int_equal(checklist_answers_parse(&cl, "yes,no,n/a", &a, err),
	    -1);
	assert_null(a);
	assert_string_equal(err, "--answers has 3 answers but checklist 'T' "
	    "has 4 questions");
	assert_int_equal(checklist_answers_parse(&cl, "yes,no,n/a,no,yes", &a,
	    err), -1);
	assert_non_null(strstr(err, "more answers than the 4 questions"));
	assert_int_equal(checklist_answers_parse(&cl, "yes,maybe,no,no", &a,
	    err), -1);
	assert_string_equal(err, "--answers: answer 2 is 'maybe', not yes, no "
	    "or n/a");
	assert_int_equal(checklist_answers_parse(&cl, "yes,,no,no", &a, err),
	    -1);
	assert_int_equal(checklist_answers_parse(&cl, "yes,no\xff,no,no", &a,
	    err), -1);
	/* A note's escape sequence does not survive. */
	assert_int_equal(checklist_answers_parse(&cl,
	    "yes,no:\x1b[2J,n/a,y", &a, err), 0);
	assert_null(strchr(a[1].note, 0x1b));
	checklist_answers_free(a, cl.n);
	checklist_clear(&cl);

	assert_int_equal(checklist_answer_word(" N/A ", 5), ANSWER_NA);
	assert_int_equal(checklist_answer_word("-", 1), ANSWER_NA);
	assert_int_equal(checklist_answer_word("yess", 4), -1);
	assert_int_equal(checklist_answer_word("", 0), -1);
}

static void
test_names(void **state)
{
	char err[ERR_LEN];

	(void)state;
	assert_int_equal(checklist_name_check("disable-flag", err), 0);
	assert_int_equal(checklist_name_check("my_list2", err), 0);
	assert_int_equal(checklist_name_check("../etc/passwd", err), -1);
	assert_int_equal(checklist_name_check("a/b", err), -1);
	assert_int_equal(checklist_name_check("", err), -1);
	assert_int_equal(checklist_name_check("a b", err), -1);
	assert_int_equal(checklist_name_check("x\x1b", err), -1);
	assert_null(strchr(err, 0x1b));
}

/* The shipped checklists load from ./checklists; one in the user's folder
 * wins over them; the list has each name once. Runs from the repo top. */
static void
test_load(void **state)
{
	char dir[] = "/tmp/wr-checklist.XXXXXX", err[ERR_LEN] = "";
	char *cdir, *path, **names;
	struct checklist cl;
	FILE *f;
	int n, i, seen = 0;
	static const char *const shipped[] = {"rollback", "redeploy",
	    "failover", "disable-flag"};

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	for (i = 0; i < (int)ARRAY_LEN(shipped); i++) {
		assert_int_equal(checklist_load(shipped[i], &cl, err), 0);
		assert_string_equal(cl.name, shipped[i]);
		assert_true(cl.n >= 3);
		checklist_clear(&cl);
	}
	assert_int_equal(checklist_load("rollback", &cl, err), 0);
	assert_int_equal(cl.n, 4);
	assert_non_null(strstr(cl.items[0].question, "roll back with it"));
	assert_non_null(strstr(cl.items[1].question, "procedure ready"));
	assert_non_null(strstr(cl.items[2].question, "rollback-safe"));
	assert_non_null(strstr(cl.items[3].question, "feature flag"));
	checklist_clear(&cl);

	cdir = xasprintf("%s/warroom", dir);
	assert_int_equal(mkdir(cdir, 0700), 0);
	free(cdir);
	cdir = xasprintf("%s/warroom/checklists", dir);
	assert_int_equal(mkdir(cdir, 0700), 0);
	path = xasprintf("%s/rollback.checklist", cdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("title = Our own rollback\n? Did the DBA agree?\n", f);
	fclose(f);
	assert_int_equal(checklist_load("rollback", &cl, err), 0);
	assert_string_equal(cl.title, "Our own rollback");
	assert_int_equal(cl.n, 1);
	checklist_clear(&cl);
	unlink(path);
	free(path);

	path = xasprintf("%s/broken.checklist", cdir);
	f = fopen(path, "w");
	fputs("title = x\n? fine\nwhat is this\n", f);
	fclose(f);
	assert_int_equal(checklist_load("broken", &cl, err), -1);
	assert_non_null(strstr(err, "/broken.checklist:3: expected"));

	assert_int_equal(checklist_load("nope", &cl, err), -1);
	assert_non_null(strstr(err, "no checklist 'nope' (available: broken, "
	    "disable-flag, failover, redeploy, rollback)"));
	assert_int_equal(checklist_load("../x", &cl, err), -1);

	assert_int_equal(checklist_names(&names, &n), 0);
	for (i = 0; i < n; i++) {
		seen += strcmp(names[i], "rollback") == 0;
		if (i > 0)
			assert_true(strcmp(names[i - 1], names[i]) < 0);
	}
	assert_int_equal(seen, 1);
	checklist_names_free(names, n);
	unlink(path);
	free(path);
	rmdir(cdir);
	free(cdir);
	cdir = xasprintf("%s/warroom", dir);
	rmdir(cdir);
	free(cdir);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_parse_sanitizes),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_load),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
