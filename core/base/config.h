/* config.h: the one configuration file ([section] and key = value lines).
 * Secrets (webhooks, API keys) live only here, never in the database. */
#ifndef WR_CONFIG_H
#define WR_CONFIG_H

#include <stddef.h>

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

#define CONFIG_SYSTEM "/etc/warroom/config"

/* The file config_load(NULL) reads now (it may not exist when
 * $WARROOM_CONFIG names it), or NULL when there is none. Caller frees. */
char *config_find(void);
/* Read path as config_load does, but also when others may read it: for
 * `warroom config check`, which reports the mode itself. */
struct config *config_read_any_mode(const char *path, char *err);
/* A fingerprint of the file config_load(NULL) reads (which file, its
 * inode, size and times; "none" when there is none): one stat, cheap
 * enough for the agent to compare every second and reload when it
 * differs. */
void config_stamp(char *out, size_t len);

/*
 * Report every [section] and key warroom does not know, and every key set
 * twice, one line each with file and line number: "FILE:12: unknown key
 * 'webhok' in [slack]; did you mean 'webhook'?". Names only: a value (a
 * secret) is never quoted. Returns how many lines were reported.
 */
int config_check_names(const struct config *cf,
    void (*report)(void *arg, const char *line), void *arg);
/* Where config_load sends those lines (arg NULL): by default stderr, as
 * "warroom: LINE", once per version of the file in a process. NULL keeps
 * them quiet (the check command reports them itself). */
extern void (*config_warn)(void *arg, const char *line);

#define CONFIG_KNOWN 0x1  /* a key warroom reads */
#define CONFIG_URL 0x2    /* a URL the agent contacts */
#define CONFIG_SECRET 0x4 /* never printed */
/* What the table says of key in [section]: CONFIG_* bits, 0 if unknown. */
int config_key_flags(const char *section, const char *key);
/* A yes/no value: 1 for yes, true, on, 1; 0 for no, false, off, 0; -1 for
 * anything else (and NULL). One reading for every switch in the file. */
int config_bool(const char *v);
/* The n-th key = value line in file order, or NULL past the end. */
const char *config_item_at(const struct config *cf, int n,
    const char **section, const char **key, int *line);
#endif
