/* config.c: reading the configuration file, refusing one others can read,
 * and the one table of the sections and keys warroom knows. */
#include "base/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"
#include "base/util.h"

#define CONFIG_MAX_BYTES (1 << 20)

struct config_item {
	char *section, *key, *value;
	int line;
};

/* A [section] header as written, for reporting an unknown one by line. */
struct config_sect {
	char *name;
	int line;
};

struct config {
	char *path;
	char *name; /* what reports call it: the path, or config_parse's name */
	struct config_item *items;
	int n, cap;
	struct config_sect *sects;
	int nsect, capsect;
};

void
config_free(struct config *cf)
{
	int i;

	if (cf == NULL)
		return;
	for (i = 0; i < cf->n; i++) {
		free(cf->items[i].section);
		free(cf->items[i].key);
		free(cf->items[i].value);
	}
	for (i = 0; i < cf->nsect; i++)
		free(cf->sects[i].name);
	free(cf->sects);
	free(cf->items);
	free(cf->path);
	free(cf->name);
	free(cf);
}

const char *
config_get(const struct config *cf, const char *section, const char *key)
{
	int i;

	if (cf == NULL)
		return NULL;
	/* The last assignment wins, as in most config files. */
	for (i = cf->n - 1; i >= 0; i--)
		if (strcmp(cf->items[i].section, section) == 0 &&
		    strcmp(cf->items[i].key, key) == 0)
			return cf->items[i].value;
	return NULL;
}

const char *
config_path(const struct config *cf)
{
	return cf ? cf->path : NULL;
}

static int
config_name_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

static void
config_add_sect(struct config *cf, const char *name, int line)
{
	if (cf->nsect == cf->capsect) {
		cf->capsect = cf->capsect ? cf->capsect * 2 : 8;
		cf->sects = xreallocarray(cf->sects, (size_t)cf->capsect,
		    sizeof *cf->sects);
	}
	cf->sects[cf->nsect].name = xstrdup(name);
	cf->sects[cf->nsect].line = line;
	cf->nsect++;
}

static void
config_add_item(struct config *cf, const char *k, const char *v, int line)
{
	struct config_item *it;

	if (cf->n == cf->cap) {
		cf->cap = cf->cap ? cf->cap * 2 : 16;
		cf->items = xreallocarray(cf->items, (size_t)cf->cap,
		    sizeof *cf->items);
	}
	it = &cf->items[cf->n++];
	it->section = xstrdup(cf->sects[cf->nsect - 1].name);
	it->key = xstrdup(k);
	it->value = xstrdup(v);
	it->line = line;
}

/* One trimmed, non-blank, non-comment line; 0, or -1 with err. */
static int
config_parse_line(struct config *cf, char *line, const char *name,
    int lineno, char *err)
{
	char *eq, *k, *v, *hash;

	if (*line == '[') {
		char *end = strchr(line, ']');

		if (end == NULL || end[1] != '\0') {
			err_set(err, "%s:%d: a section header is [name]", name,
			    lineno);
			return -1;
		}
		*end = '\0';
		if (!config_name_ok(text_trim(line + 1))) {
			err_set(err, "%s:%d: bad section name (a name is ASCII "
			    "letters, digits, '_', '-' and '.')", name, lineno);
			return -1;
		}
		config_add_sect(cf, line + 1, lineno);
		return 0;
	}
	if ((eq = strchr(line, '=')) == NULL) {
		err_set(err, "%s:%d: expected key = value", name, lineno);
		return -1;
	}
	*eq = '\0';
	k = text_trim(line);
	v = text_trim(eq + 1);
	/* A value may end with a comment after " #". */
	if ((hash = strstr(v, " #")) != NULL) {
		*hash = '\0';
		text_trim(v);
	}
	if (!config_name_ok(k)) {
		/* Not quoted: a malformed line may hold a secret
		 * ("webhook: https://..."). */
		err_set(err, "%s:%d: bad key (a key is ASCII letters, digits, "
		    "'_', '-' and '.', then ' = value')", name, lineno);
		return -1;
	}
	if (cf->nsect == 0) {
		err_set(err, "%s:%d: a key outside a [section]", name, lineno);
		return -1;
	}
	config_add_item(cf, k, v, lineno);
	return 0;
}

struct config *
config_parse(const char *text, const char *name, char *err)
{
	struct config *cf;
	char *copy, *line, *next;
	int lineno = 0;

	if (text_check(text, CONFIG_MAX_BYTES, name, err) != 0)
		return NULL;
	cf = xcalloc(1, sizeof *cf);
	cf->name = xstrdup(name);
	copy = xstrdup(text);
	for (line = copy; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		text_trim(line);
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if (config_parse_line(cf, line, name, lineno, err) != 0) {
			free(copy);
			config_free(cf);
			return NULL;
		}
	}
	free(copy);
	return cf;
}

/*
 * Every section and key warroom reads: the one table. A key a reader asks
 * config_get() for belongs here, or every command warns that it is
 * unknown (tests/integration/config_keys.sh greps the sources to check).
 * [people] takes any key: Unix user names.
 */
#define K_URL 0x1    /* a URL the agent contacts: `config check` tries it */
#define K_SECRET 0x2 /* never printed (config_key_flags) */

static const struct config_key {
	const char *section, *key; /* key NULL: any key */
	int flags;
} config_keys[] = {
	{"slack", "webhook", K_URL | K_SECRET},
	{"slack", "webhook.engineers", K_URL | K_SECRET},
	{"slack", "webhook.managers", K_URL | K_SECRET},
	{"slack", "webhook.users", K_URL | K_SECRET},
	{"slack", "timeout", 0},
	{"slack", "reminders", K_URL | K_SECRET},
	{"prometheus", "url", K_URL},
	{"prometheus", "user", 0},
	{"prometheus", "password", K_SECRET},
	{"prometheus", "bearer_token", K_SECRET},
	{"mackerel", "api_key", K_SECRET},
	{"mackerel", "url", K_URL},
	{"statuspage", "url", K_URL},
	{"statuspage", "page_id", 0},
	{"statuspage", "api_key", K_SECRET},
	{"alertmanager", "url", K_URL},
	{"alertmanager", "matchers", 0},
	{"alertmanager", "severity_label", 0},
	{"alertmanager", "severity", 0},
	{"agent", "retention", 0},
	{"agent", "timeout", 0},
	{"agent", "connect_timeout", 0},
	{"agent", "textfile", 0},
	{"command", "enabled", 0},
	{"tui", "theme", 0},
	{"tui", "recovery_quiet", 0},
	{"tui", "bell", 0},
	{"display", "timezone", 0},
	{"people", NULL, 0},
};

int
config_bool(const char *v)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	size_t i;

	for (i = 0; v != NULL && i < ARRAY_LEN(yes); i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

int
config_key_flags(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(config_keys); i++)
		if (strcmp(config_keys[i].section, section) == 0 &&
		    (config_keys[i].key == NULL ||
		    strcmp(config_keys[i].key, key) == 0))
			return (config_keys[i].flags & K_URL ? CONFIG_URL : 0) |
			    (config_keys[i].flags & K_SECRET ? CONFIG_SECRET :
			    0) | CONFIG_KNOWN;
	return 0;
}

static int
config_section_known(const char *section)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(config_keys); i++)
		if (strcmp(config_keys[i].section, section) == 0)
			return 1;
	return 0;
}

/* Edit distance (insert, delete, change, swap two neighbours) ignoring
 * case and '-' against '_', or a large number for names too long to be a
 * typo of ours. */
static int
config_distance(const char *a, const char *b)
{
	enum { N = 40 };
	int d[N + 1][N + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > N || lb > N)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			int cost = !(ca == cb || ((ca == '-' || ca == '_') &&
			    (cb == '-' || cb == '_')));
			int v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    cb == tolower((unsigned char)a[i - 2]) &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* Close enough to be the same name mistyped. */
static int
config_close(const char *typed, const char *known)
{
	int d = config_distance(typed, known);

	return d <= (strlen(known) >= 5 ? 2 : 1);
}

/* The nearest known section to s, or NULL. */
static const char *
config_near_section(const char *s)
{
	const char *best = NULL;
	int bd = 99;
	size_t i;

	for (i = 0; i < ARRAY_LEN(config_keys); i++) {
		int d = config_distance(s, config_keys[i].section);

		if (d < bd && config_close(s, config_keys[i].section)) {
			bd = d;
			best = config_keys[i].section;
		}
	}
	return best;
}

/* "did you mean ..." for key k in known section sec, appended to b: the
 * nearest key of sec, else the same key in another section, else the
 * list of sec's keys. */
static void
config_hint_key(struct buf *b, const char *sec, const char *k)
{
	const struct config_key *best = NULL;
	int bd = 99, first = 1;
	size_t i;

	for (i = 0; i < ARRAY_LEN(config_keys); i++) {
		const struct config_key *ck = &config_keys[i];
		int d;

		if (ck->key == NULL || strcmp(ck->section, sec) != 0)
			continue;
		d = config_distance(k, ck->key);
		if (d < bd && config_close(k, ck->key))
			bd = d, best = ck;
	}
	for (i = 0; best == NULL && i < ARRAY_LEN(config_keys); i++)
		if (config_keys[i].key != NULL &&
		    config_distance(k, config_keys[i].key) == 0)
			best = &config_keys[i];
	if (best != NULL && strcmp(best->section, sec) == 0) {
		buf_addf(b, "; did you mean '%s'?", best->key);
		return;
	}
	if (best != NULL) {
		buf_addf(b, "; did you mean [%s] %s?", best->section,
		    best->key);
		return;
	}
	buf_addf(b, " (known: ");
	for (i = 0; i < ARRAY_LEN(config_keys); i++)
		if (config_keys[i].key != NULL &&
		    strcmp(config_keys[i].section, sec) == 0) {
			buf_addf(b, "%s%s", first ? "" : ", ",
			    config_keys[i].key);
			first = 0;
		}
	buf_addc(b, ')');
}

static void
config_hint_section(struct buf *b, const char *s)
{
	const char *near = config_near_section(s);
	const char *last = "";
	size_t i;

	if (near != NULL) {
		buf_addf(b, "; did you mean [%s]?", near);
		return;
	}
	buf_adds(b, " (known:");
	for (i = 0; i < ARRAY_LEN(config_keys); i++)
		if (strcmp(config_keys[i].section, last) != 0) {
			last = config_keys[i].section;
			buf_addf(b, " [%s]", last);
		}
	buf_addc(b, ')');
}

/* Is the header at line the last one before item it (its section)? */
static int
config_item_in(const struct config *cf, int sect, const struct config_item *it)
{
	return it->line > cf->sects[sect].line && (sect + 1 == cf->nsect ||
	    it->line < cf->sects[sect + 1].line);
}

static int
config_report_keys(const struct config *cf, int sect,
    void (*report)(void *, const char *), void *arg)
{
	const char *name = cf->name ? cf->name : "config";
	int i, j, n = 0;

	for (i = 0; i < cf->n; i++) {
		const struct config_item *it = &cf->items[i];
		struct buf b = {0};

		if (!config_item_in(cf, sect, it))
			continue;
		if (!(config_key_flags(it->section, it->key) & CONFIG_KNOWN)) {
			buf_addf(&b, "%s:%d: unknown key '%s' in [%s]", name,
			    it->line, it->key, it->section);
			config_hint_key(&b, it->section, it->key);
		} else
			for (j = i + 1; j < cf->n && b.len == 0; j++)
				if (strcmp(cf->items[j].section, it->section)
				    == 0 && strcmp(cf->items[j].key, it->key)
				    == 0)
					buf_addf(&b, "%s:%d: [%s] %s is set "
					    "again on line %d, which wins",
					    name, it->line, it->section,
					    it->key, cf->items[j].line);
		if (b.len > 0) {
			report(arg, b.p);
			n++;
		}
		buf_free(&b);
	}
	return n;
}

int
config_check_names(const struct config *cf,
    void (*report)(void *arg, const char *line), void *arg)
{
	const char *name;
	int i, n = 0;

	if (cf == NULL)
		return 0;
	name = cf->name ? cf->name : "config";
	for (i = 0; i < cf->nsect; i++) {
		const char *s = cf->sects[i].name;
		struct buf b = {0};

		if (config_section_known(s)) {
			n += config_report_keys(cf, i, report, arg);
			continue;
		}
		/* Its keys are not reported one by one: the header is the
		 * mistake. */
		buf_addf(&b, "%s:%d: unknown section [%s]", name,
		    cf->sects[i].line, s);
		config_hint_section(&b, s);
		report(arg, b.p);
		buf_free(&b);
		n++;
	}
	return n;
}

/* Read path; strict refuses a file others can read or write (every
 * reader but the check, which reports that itself and looks further). */
static struct config *
config_read(const char *path, int strict, char *err)
{
	struct config *cf;
	struct stat sb;
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		err_set(err, "%s: not a regular file", path);
		fclose(f);
		return NULL;
	}
	if (strict && (sb.st_mode & 077)) {
		err_set(err, "%s: refusing a config file that others can read "
		    "or write (it holds secrets): run chmod 600 %s", path,
		    path);
		fclose(f);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > CONFIG_MAX_BYTES)
			break;
	}
	fclose(f);
	if (b.len > CONFIG_MAX_BYTES) {
		err_set(err, "%s: too large", path);
		buf_free(&b);
		return NULL;
	}
	if (b.p != NULL && memchr(b.p, '\0', b.len) != NULL) {
		err_set(err, "%s: contains a NUL byte", path);
		buf_free(&b);
		return NULL;
	}
	cf = config_parse(b.p ? b.p : "", path, err);
	buf_free(&b);
	if (cf != NULL)
		cf->path = xstrdup(path);
	return cf;
}

struct config *
config_read_any_mode(const char *path, char *err)
{
	return config_read(path, 0, err);
}

char *
config_find(void)
{
	const char *env = getenv("WARROOM_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *user = NULL;

	if (env != NULL && *env != '\0')
		return xstrdup(env); /* asked for: missing is an error */
	if (xdg != NULL && *xdg == '/')
		user = xasprintf("%s/warroom/config", xdg);
	else if (home != NULL && *home != '\0')
		user = xasprintf("%s/.config/warroom/config", home);
	if (user != NULL && access(user, F_OK) == 0)
		return user;
	free(user);
	/* The system-wide file is the agent's (mode 600, it holds secrets):
	 * for other users, viewers included, it is absent, not an error that
	 * stops their screen. */
	if (access(CONFIG_SYSTEM, F_OK) != 0 ||
	    (access(CONFIG_SYSTEM, R_OK) != 0 && errno == EACCES))
		return NULL;
	return xstrdup(CONFIG_SYSTEM);
}

static void
config_stamp_of(const char *path, char *out, size_t len)
{
	struct stat sb;

	if (path == NULL)
		snprintf(out, len, "none");
	else if (stat(path, &sb) != 0)
		snprintf(out, len, "%s: %d", path, errno);
	else
		/* An editor that replaces the file changes the inode; one that
		 * writes in place, the size or the times; chmod, the ctime. */
		snprintf(out, len, "%s %llu %llu %lld %lld.%09ld %lld.%09ld",
		    path, (unsigned long long)sb.st_dev,
		    (unsigned long long)sb.st_ino, (long long)sb.st_size,
		    (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec,
		    (long long)sb.st_ctim.tv_sec, sb.st_ctim.tv_nsec);
}

void
config_stamp(char *out, size_t len)
{
	char *path = config_find();

	config_stamp_of(path, out, len);
	free(path);
}

static void
config_warn_stderr(void *arg, const char *line)
{
	char *clean = text_sanitize(line, strlen(line), 1024, 0);

	(void)arg;
	fprintf(stderr, "warroom: %s\n", clean);
	free(clean);
}

void (*config_warn)(void *arg, const char *line) = config_warn_stderr;

/* Warn once per process and version of the file: a command that reads the
 * config twice says it once; the agent, after each edit. */
static void
config_warn_names(const struct config *cf)
{
	static char last[512];
	char now[512];

	if (config_warn == NULL)
		return;
	config_stamp_of(cf->path, now, sizeof now);
	if (strcmp(now, last) == 0)
		return;
	snprintf(last, sizeof last, "%s", now);
	config_check_names(cf, config_warn, NULL);
}

struct config *
config_load(const char *path, char *err)
{
	char *found = path != NULL ? xstrdup(path) : config_find();
	struct config *cf;

	if (found == NULL)
		return xcalloc(1, sizeof *cf);
	cf = config_read(found, 1, err);
	free(found);
	if (cf != NULL)
		config_warn_names(cf);
	return cf;
}

const char *
config_item_at(const struct config *cf, int n, const char **section,
    const char **key, int *line)
{
	if (cf == NULL || n < 0 || n >= cf->n)
		return NULL;
	*section = cf->items[n].section;
	*key = cf->items[n].key;
	*line = cf->items[n].line;
	return cf->items[n].value;
}
