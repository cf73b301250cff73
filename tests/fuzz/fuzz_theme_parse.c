/* fuzz_theme_parse.c: any theme file gives styles within range or one
 * "name:line: reason" line. theme_parse needs no terminal: no curses call
 * is made (tui/widget/theme.c links against curses for theme_apply only). */
#include "fuzz.h"
#include "widget/theme.h"

static void
fuzz_check_style(const struct theme_style *s)
{
	FUZZ_ASSERT(s->fg == TH_DEFAULT || (s->fg >= 0 && s->fg <= 255));
	FUZZ_ASSERT(s->bg == TH_DEFAULT || (s->bg >= 0 && s->bg <= 255));
	FUZZ_ASSERT((s->attrs & ~0x3Fu) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char err[ERR_LEN] = "";
	struct theme t;
	int i, c;

	theme_init(&t);
	if (theme_parse(&t, s, "fuzz.theme", err) != 0) {
		fuzz_check_err_clean(err);
		FUZZ_ASSERT(strncmp(err, "fuzz.theme:", 11) == 0);
	}
	/* Even a failed parse leaves every element a usable style. */
	for (i = 0; i < TH_COUNT; i++)
		fuzz_check_style(&t.el[i]);
	theme_free(&t);

	/* One line as a style and as a colour. */
	{
		char *nl = strchr(s, '\n');
		struct theme_style st = {TH_DEFAULT, TH_DEFAULT, 0, 0};

		if (nl != NULL)
			*nl = '\0';
		if (theme_parse_style(s, &st, err) == 0)
			fuzz_check_style(&st);
		else
			fuzz_check_err_clean(err);
		c = theme_parse_colour(s);
		FUZZ_ASSERT(c == -2 || c == TH_DEFAULT || (c >= 0 && c <= 255));
		if (c >= 0)
			FUZZ_ASSERT(theme_256_to_8(c) >= 0 &&
			    theme_256_to_8(c) <= 7);
	}
	free(s);
	return 0;
}
