/* config.h: the one configuration file ([section] and key = value lines).
 * Secrets (webhooks, API keys) live only here, never in the database. */
#ifndef WR_CONFIG_H
#define WR_CONFIG_H

struct config;

/* Load path, or when NULL the first that exists of $WARROOM_CONFIG,
 * $XDG_CONFIG_HOME/warroom/config (else ~/.config/warroom/config) and
 * /etc/warroom/config (skipped when this user may not read it: on a team
 * host it is the agent's). No file at all gives an empty config. A file that
 * others than its owner can read, or a syntax error, gives NULL and a
 * one-line reason with file and line. */
struct config *config_load(const char *path, char *err);
void config_free(struct config *cf);

/* The value of key in [section], or NULL. */
const char *config_get(const struct config *cf, const char *section,
    const char *key);
/* The file read, or NULL when there was none. */
const char *config_path(const struct config *cf);

/* Parse text as a config file named name (for tests and fuzzing). */
struct config *config_parse(const char *text, const char *name, char *err);
#endif
