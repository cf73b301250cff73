/* fuzz_checklist_parse.c: any checklist file gives 1..CHECKLIST_MAX clean
 * questions or one "file:line: reason" line; any --answers string gives
 * one answer per question or one clean line. Input: FILE NUL ANSWERS. */
#include "model/checklist.h"
#include "fuzz.h"

static void
fuzz_answers(const struct checklist *cl, const char *answers)
{
	struct checklist_answer *a = NULL;
	char err[ERR_LEN] = "";
	int i;

	if (checklist_answers_parse(cl, answers, &a, err) != 0) {
		FUZZ_ASSERT(a == NULL);
		fuzz_check_err_clean(err);
		return;
	}
	FUZZ_ASSERT(a != NULL);
	for (i = 0; i < cl->n; i++) {
		FUZZ_ASSERT(a[i].answer >= 0 && a[i].answer < ANSWER_COUNT);
		if (a[i].note != NULL) {
			fuzz_check_clean(a[i].note, 0);
			FUZZ_ASSERT(a[i].note[0] != '\0');
			FUZZ_ASSERT(strchr(a[i].note, ',') == NULL);
		}
	}
	checklist_answers_free(a, cl->n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t flen = nul ? (size_t)(nul - data) : size;
	char *file = fuzz_exact(data, flen);
	char *answers = nul ? fuzz_cstr(nul + 1, size - flen - 1)
	    : fuzz_cstr(data, 0);
	char err[ERR_LEN] = "";
	struct checklist cl = {0};
	int i;

	if (checklist_parse(file, flen, "fuzz.checklist", &cl, err) != 0) {
		fuzz_check_err_clean(err);
		FUZZ_ASSERT(strncmp(err, "fuzz.checklist", 14) == 0);
		FUZZ_ASSERT(cl.n == 0 && cl.items == NULL);
		/* Still fuzz the answers against a checklist of our own. */
		cl.title = xstrdup("fuzz");
		cl.n = (int)(size % 5) + 1;
		cl.items = xcalloc((size_t)cl.n, sizeof *cl.items);
		for (i = 0; i < cl.n; i++)
			cl.items[i].question = xstrdup("q?");
	} else {
		FUZZ_ASSERT(cl.n >= 1 && cl.n <= CHECKLIST_MAX);
		if (cl.title != NULL)
			fuzz_check_clean(cl.title, 0);
		for (i = 0; i < cl.n; i++) {
			FUZZ_ASSERT(cl.items[i].question != NULL);
			FUZZ_ASSERT(cl.items[i].question[0] != '\0');
			fuzz_check_clean(cl.items[i].question, 0);
			if (cl.items[i].hint != NULL)
				fuzz_check_clean(cl.items[i].hint, 0);
		}
	}
	fuzz_answers(&cl, answers);
	checklist_clear(&cl);
	free(file);
	free(answers);
	return 0;
}
