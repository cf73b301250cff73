/* theme.c: theme files (tmux-like styles per screen role) and their colour
 * pairs. Everything above theme_apply is pure parsing and needs no terminal. */
#include "widget/theme.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/text.h"
#include "base/util.h"

#ifndef WARROOM_SHAREDIR
#define WARROOM_SHAREDIR "/usr/local/share/warroom"
#endif

#define TH_NAME(id, name) name,
const char *const theme_names[TH_COUNT] = {THEME_ELEMENTS(TH_NAME)};
#undef TH_NAME

#define THEME_FILE_MAX (256 * 1024)

/* What every theme starts from: readable in mono, so an element a theme
 * leaves out still stands out where it must. */
static const char theme_builtin[] =
    "set title.focus = bold,reverse\n"
    "set border.focus = bold\n"
    "set selected = reverse\n"
    "set status = reverse\n"
    "set status.readonly = bold,reverse\n"
    "set error = bold\n"
    "set prompt = bold\n"
    "set help.key = bold\n"
    "set incident.title = bold\n"
    "set sev.1 = bold,reverse\n"
    "set sev.2 = bold\n"
    "set crit = bold,reverse\n"
    "set warn = bold\n"
    "set stale = dim\n"
    "set idle = bold,underline\n"
    "set muted = dim\n"
    "set marker = bold\n"
    "set label = bold\n";

static const char *const theme_colours[8] = {"black", "red", "green",
    "yellow", "blue", "magenta", "cyan", "white"};

void
theme_init(struct theme *t)
{
	char err[ERR_LEN];
	int i;

	t->name = NULL;
	for (i = 0; i < TH_COUNT; i++)
		t->el[i] = (struct theme_style){TH_DEFAULT, TH_DEFAULT, 0, 0};
	if (theme_parse(t, theme_builtin, "built-in", err) != 0)
		fatal("%s", err); /* a bug, caught by the tests */
	for (i = 0; i < TH_COUNT; i++)
		t->el[i].set = 0;
}

void
theme_free(struct theme *t)
{
	free(t->name);
	t->name = NULL;
}

/* The nearest of the 256 xterm colours to an RGB value. */
static int
theme_rgb_to_256(int r, int g, int b)
{
	/* As tmux's colour_find_rgb: the nearest of the 6x6x6 cube and of
	 * the grey ramp, by squared distance. */
	static const int q2c[6] = {0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff};
	int qr, qg, qb, cr, cg, cb, grey_avg, grey_idx, grey;
	long d_cube, d_grey;

#define V2C(x) ((x) < 48 ? 0 : (x) < 115 ? 1 : ((x) - 35) / 40)
	qr = V2C(r);
	qg = V2C(g);
	qb = V2C(b);
#undef V2C
	cr = q2c[qr];
	cg = q2c[qg];
	cb = q2c[qb];
	if (cr == r && cg == g && cb == b)
		return 16 + 36 * qr + 6 * qg + qb;
	grey_avg = (r + g + b) / 3;
	grey_idx = grey_avg > 238 ? 23 : (grey_avg - 3) / 10;
	if (grey_idx < 0)
		grey_idx = 0;
	grey = 8 + 10 * grey_idx;
	d_cube = (long)(cr - r) * (cr - r) + (long)(cg - g) * (cg - g) +
	    (long)(cb - b) * (cb - b);
	d_grey = (long)(grey - r) * (grey - r) + (long)(grey - g) * (grey - g) +
	    (long)(grey - b) * (grey - b);
	if (d_grey < d_cube)
		return 232 + grey_idx;
	return 16 + 36 * qr + 6 * qg + qb;
}

/* The RGB of one of the 256 colours (xterm's palette). */
static void
theme_256_rgb(int c, int *r, int *g, int *b)
{
	static const int base[16][3] = {{0, 0, 0}, {205, 0, 0}, {0, 205, 0},
	    {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205},
	    {229, 229, 229}, {127, 127, 127}, {255, 0, 0}, {0, 255, 0},
	    {255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255},
	    {255, 255, 255}};
	static const int q2c[6] = {0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff};

	if (c < 16) {
		*r = base[c][0];
		*g = base[c][1];
		*b = base[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = q2c[c / 36];
		*g = q2c[(c / 6) % 6];
		*b = q2c[c % 6];
	} else
		*r = *g = *b = 8 + 10 * (c - 232);
}

int
theme_256_to_8(int c)
{
	int r, g, b, i, best = 7;
	long bestd = -1;

	if (c < 0)
		return c;
	if (c < 16)
		return c % 8;
	theme_256_rgb(c, &r, &g, &b);
	for (i = 0; i < 8; i++) {
		int cr, cg, cb;
		long d;

		theme_256_rgb(i, &cr, &cg, &cb);
		d = (long)(cr - r) * (cr - r) + (long)(cg - g) * (cg - g) +
		    (long)(cb - b) * (cb - b);
		if (bestd < 0 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

static int
theme_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
theme_parse_colour(const char *s)
{
	int i;

	if (strcasecmp(s, "default") == 0 || strcasecmp(s, "terminal") == 0)
		return TH_DEFAULT;
	for (i = 0; i < 8; i++) {
		if (strcasecmp(s, theme_colours[i]) == 0)
			return i;
		if (strncasecmp(s, "bright", 6) == 0 &&
		    strcasecmp(s + 6, theme_colours[i]) == 0)
			return i + 8;
	}
	if (strncasecmp(s, "colour", 6) == 0 || strncasecmp(s, "color", 5) == 0) {
		const char *p = s + (tolower((unsigned char)s[4]) == 'u' ? 6 : 5);
		char *end;
		long v;

		if (!isdigit((unsigned char)*p) || strlen(p) > 3)
			return -2;
		v = strtol(p, &end, 10);
		return *end == '\0' && v >= 0 && v <= 255 ? (int)v : -2;
	}
	if (s[0] == '#' && strlen(s) == 7) {
		int v[6];

		for (i = 0; i < 6; i++)
			if ((v[i] = theme_hex((unsigned char)s[i + 1])) < 0)
				return -2;
		return theme_rgb_to_256(v[0] * 16 + v[1], v[2] * 16 + v[3],
		    v[4] * 16 + v[5]);
	}
	return -2;
}

static const struct {
	const char *name;
	unsigned bit;
} theme_attrs[] = {
	{"bold", TH_A_BOLD}, {"bright", TH_A_BOLD}, {"dim", TH_A_DIM},
	{"underline", TH_A_UNDERLINE}, {"underscore", TH_A_UNDERLINE},
	{"reverse", TH_A_REVERSE}, {"italics", TH_A_ITALIC},
	{"italic", TH_A_ITALIC}, {"blink", TH_A_BLINK},
};

int
theme_parse_style(const char *s, struct theme_style *out, char *err)
{
	struct theme_style st = {TH_DEFAULT, TH_DEFAULT, 0, 1};
	char word[64];
	const char *p = s;

	for (;;) {
		size_t n;
		size_t i;
		int found = 0, no = 0;
		const char *w = word;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " \t,");
		if (n >= sizeof word) {
			err_set(err, "style word too long");
			return -1;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		if (strncmp(w, "fg=", 3) == 0 || strncmp(w, "bg=", 3) == 0) {
			int c = theme_parse_colour(w + 3);

			if (c == -2) {
				char *clean = text_sanitize(w + 3, strlen(w + 3),
				    40, 0);

				err_set(err, "unknown colour '%s' (use a name, "
				    "colour0-255, #rrggbb or default)", clean);
				free(clean);
				return -1;
			}
			if (w[0] == 'f')
				st.fg = c;
			else
				st.bg = c;
			continue;
		}
		if (strcmp(w, "none") == 0 || strcmp(w, "default") == 0) {
			st.attrs = 0;
			continue;
		}
		if (strncmp(w, "no", 2) == 0) {
			no = 1;
			w += 2;
		}
		for (i = 0; i < ARRAY_LEN(theme_attrs); i++)
			if (strcmp(w, theme_attrs[i].name) == 0) {
				if (no)
					st.attrs &= ~theme_attrs[i].bit;
				else
					st.attrs |= theme_attrs[i].bit;
				found = 1;
			}
		if (!found) {
			char *clean = text_sanitize(word, strlen(word), 40, 0);

			err_set(err, "unknown style '%s' (use fg=COLOUR, "
			    "bg=COLOUR, bold, dim, underline, reverse, italics, "
			    "blink, none)", clean);
			free(clean);
			return -1;
		}
	}
	*out = st;
	return 0;
}

int
theme_parse(struct theme *t, const char *text, const char *name, char *err)
{
	const char *p = text;
	int line = 0;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *l = xstrndup(p, len), *s, *eq, *key, *val;
		char why[ERR_LEN];
		int i, el = -1;

		line++;
		p += len + (eol ? 1 : 0);
		/* '#' at the start or after a blank starts a comment; in
		 * "fg=#ff8800" it is a colour. */
		for (s = l; *s != '\0'; s++)
			if (*s == '#' && (s == l || s[-1] == ' ' || s[-1] == '\t')) {
				*s = '\0';
				break;
			}
		s = text_trim(l);
		if (*s == '\0') {
			free(l);
			continue;
		}
		if (strncmp(s, "set", 3) != 0 || (s[3] != ' ' && s[3] != '\t')) {
			err_set(why, "expected 'set ELEMENT = STYLE'");
			goto bad;
		}
		s += 4;
		eq = strchr(s, '=');
		if (eq == NULL) {
			err_set(why, "expected 'set ELEMENT = STYLE'");
			goto bad;
		}
		*eq = '\0';
		key = text_trim(s);
		val = text_trim(eq + 1);
		for (i = 0; i < TH_COUNT; i++)
			if (strcmp(key, theme_names[i]) == 0)
				el = i;
		if (el < 0) {
			char *clean = text_sanitize(key, strlen(key), 40, 0);

			err_set(why, "unknown element '%s'", clean);
			free(clean);
			goto bad;
		}
		if (theme_parse_style(val, &t->el[el], why) != 0)
			goto bad;
		free(l);
		continue;
	bad:
		free(l);
		err_set(err, "%s:%d: %s", name, line, why);
		return -1;
	}
	return 0;
}

static char *
theme_read(const char *path, char *err)
{
	FILE *f = fopen(path, "r");
	struct buf b = {0};
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > THEME_FILE_MAX) {
			fclose(f);
			buf_free(&b);
			err_set(err, "%s: too large for a theme", path);
			return NULL;
		}
	}
	if (ferror(f)) {
		err_set(err, "%s: %s", path, strerror(errno));
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	if (b.p == NULL)
		buf_adds(&b, "");
	if (strlen(b.p) != b.len || text_check(b.p, THEME_FILE_MAX, path,
	    err) != 0) {
		if (strlen(b.p) != b.len)
			err_set(err, "%s: not a text file", path);
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

static int
theme_name_ok(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' &&
		    *s != '.')
			return 0;
	return 1;
}

int
theme_load(struct theme *t, const char *name, char *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *dirs[3] = {NULL, NULL, NULL}, *path = NULL, *text;
	struct stat sb;
	int i, rc;

	theme_init(t);
	t->name = xstrdup(name);
	if (strchr(name, '/') != NULL)
		path = xstrdup(name);
	else {
		if (!theme_name_ok(name) || name[0] == '.') {
			err_set(err, "theme names are letters, digits, '-' and "
			    "'_' (or a path with a '/')");
			return -1;
		}
		if (xdg != NULL && *xdg != '\0')
			dirs[0] = xasprintf("%s/warroom/themes", xdg);
		else if (home != NULL && *home != '\0')
			dirs[0] = xasprintf("%s/.config/warroom/themes", home);
		dirs[1] = xstrdup(WARROOM_SHAREDIR "/themes");
		dirs[2] = xstrdup("./themes");
		for (i = 0; i < 3 && path == NULL; i++) {
			char *p;

			if (dirs[i] == NULL)
				continue;
			p = xasprintf("%s/%s.theme", dirs[i], name);
			if (stat(p, &sb) == 0)
				path = p;
			else
				free(p);
		}
		for (i = 0; i < 3; i++)
			free(dirs[i]);
		if (path == NULL) {
			/* The built-in styles stand in for the two themes the
			 * screen cannot do without. */
			if (strcmp(name, "default") == 0 ||
			    strcmp(name, "mono") == 0)
				return 0;
			err_set(err, "theme '%s' not found (looked in "
			    "$XDG_CONFIG_HOME/warroom/themes, %s/themes and "
			    "./themes)", name, WARROOM_SHAREDIR);
			return -1;
		}
	}
	text = theme_read(path, err);
	if (text == NULL) {
		free(path);
		return -1;
	}
	rc = theme_parse(t, text, path, err);
	free(text);
	free(path);
	return rc;
}

/* --- curses --------------------------------------------------------------- */

static attr_t theme_attrs_now[TH_COUNT];

static attr_t
theme_curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & TH_A_BOLD)
		r |= A_BOLD;
	if (a & TH_A_DIM)
		r |= A_DIM;
	if (a & TH_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & TH_A_REVERSE)
		r |= A_REVERSE;
	if (a & TH_A_ITALIC)
		r |= A_ITALIC;
	if (a & TH_A_BLINK)
		r |= A_BLINK;
	return r;
}

void
theme_apply(const struct theme *t, int mono)
{
	int i, colours = 0;

	if (!mono && has_colors()) {
		start_color();
		use_default_colors();
		colours = COLORS;
	}
	for (i = 0; i < TH_COUNT; i++) {
		const struct theme_style *s = &t->el[i];
		attr_t a = theme_curses_attrs(s->attrs);
		int fg = s->fg, bg = s->bg;

		if (colours > 0 && COLOR_PAIRS > i + 1 &&
		    (fg != TH_DEFAULT || bg != TH_DEFAULT)) {
			if (colours < 256) {
				/* Bright colours on 8-colour terminals: the
				 * base colour, made bold. */
				if (fg >= 8 && fg < 16 && colours < 16)
					a |= A_BOLD;
				if (fg >= colours)
					fg = theme_256_to_8(fg);
				if (bg >= colours)
					bg = theme_256_to_8(bg);
			}
			init_pair((short)(i + 1), (short)fg, (short)bg);
			a |= COLOR_PAIR(i + 1);
		}
		theme_attrs_now[i] = a;
	}
}

unsigned long
theme_attr(enum theme_el el)
{
	return (unsigned long)theme_attrs_now[el];
}
