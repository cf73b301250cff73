/* config.c: reading the configuration file, refusing one others can read. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

#define CONFIG_MAX_BYTES (1 << 20)

struct config_item {
	char *section, *key, *value;
};

struct config {
	char *path;
	struct config_item *items;
	int n, cap;
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
	free(cf->items);
	free(cf->path);
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

struct config *
config_parse(const char *text, const char *name, char *err)
{
	struct config *cf = xcalloc(1, sizeof *cf);
	char *copy, *line, *next, *section = xstrdup("");
	int lineno = 0;

	if (text_check(text, CONFIG_MAX_BYTES, name, err) != 0) {
		free(section);
		free(cf);
		return NULL;
	}
	copy = xstrdup(text);
	for (line = copy; line != NULL; line = next) {
		char *eq, *k, *v;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		text_trim(line);
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if (*line == '[') {
			char *end = strchr(line, ']');

			if (end == NULL || end[1] != '\0') {
				err_set(err, "%s:%d: a section header is "
				    "[name]", name, lineno);
				goto fail;
			}
			*end = '\0';
			text_trim(line + 1);
			if (!config_name_ok(line + 1)) {
				err_set(err, "%s:%d: bad section name", name,
				    lineno);
				goto fail;
			}
			free(section);
			section = xstrdup(line + 1);
			continue;
		}
		if ((eq = strchr(line, '=')) == NULL) {
			err_set(err, "%s:%d: expected key = value", name,
			    lineno);
			goto fail;
		}
		*eq = '\0';
		k = text_trim(line);
		v = text_trim(eq + 1);
		/* A value may end with a comment after " #". */
		{
			char *hash = strstr(v, " #");

			if (hash != NULL) {
				*hash = '\0';
				text_trim(v);
			}
		}
		if (!config_name_ok(k)) {
			/* Not quoted: a malformed line may hold a secret
			 * ("webhook: https://..."). */
			err_set(err, "%s:%d: bad key (a key is letters, digits, "
			    "'_', '-' and '.', then ' = value')", name, lineno);
			goto fail;
		}
		if (*section == '\0') {
			err_set(err, "%s:%d: a key outside a [section]", name,
			    lineno);
			goto fail;
		}
		if (cf->n == cf->cap) {
			cf->cap = cf->cap ? cf->cap * 2 : 16;
			cf->items = xreallocarray(cf->items, (size_t)cf->cap,
			    sizeof *cf->items);
		}
		cf->items[cf->n].section = xstrdup(section);
		cf->items[cf->n].key = xstrdup(k);
		cf->items[cf->n].value = xstrdup(v);
		cf->n++;
	}
	free(copy);
	free(section);
	return cf;
fail:
	free(copy);
	free(section);
	config_free(cf);
	return NULL;
}

static struct config *
config_read(const char *path, char *err)
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
	if (sb.st_mode & 077) {
		err_set(err, "%s: refusing a config file that others can read "
		    "or write (it holds secrets): run chmod 600 %s", path, path);
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
config_load(const char *path, char *err)
{
	const char *env = getenv("WARROOM_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *cands[3] = {NULL, NULL, NULL};
	struct config *cf = NULL;
	int i, found = 0;

	if (path != NULL)
		return config_read(path, err);
	if (env != NULL && *env != '\0')
		return config_read(env, err);
	if (xdg != NULL && *xdg == '/')
		cands[0] = xasprintf("%s/warroom/config", xdg);
	else if (home != NULL && *home != '\0')
		cands[0] = xasprintf("%s/.config/warroom/config", home);
	cands[1] = xstrdup("/etc/warroom/config");
	for (i = 0; i < 2 && !found; i++) {
		if (cands[i] == NULL || access(cands[i], F_OK) != 0)
			continue;
		/* The system-wide file is the agent's (mode 600, it holds
		 * secrets): for other users, viewers included, it is absent,
		 * not an error that stops their screen. */
		if (i == 1 && access(cands[i], R_OK) != 0 && errno == EACCES)
			continue;
		found = 1;
		cf = config_read(cands[i], err);
	}
	for (i = 0; i < 3; i++)
		free(cands[i]);
	if (!found)
		cf = xcalloc(1, sizeof *cf);
	return cf;
}
