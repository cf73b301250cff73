/* screen_state.h: what a screen remembers across restarts (the Timeline's
 * kind filter and search), per user, database and name, in a small file
 * outside the database: $XDG_STATE_HOME/warroom/ or ~/.local/state/warroom/.
 * Never in the database: another person's screen has its own. */
#ifndef WR_SCREEN_STATE_H
#define WR_SCREEN_STATE_H

#define SCREEN_STATE_SEARCH_MAX 200 /* bytes of a remembered search */

struct screen_state {
	int kind;     /* enum kind shown, -1 every kind */
	char *search; /* NULL: none */
};

/* The file of the screen of as on database db (caller frees), or NULL
 * when neither $XDG_STATE_HOME nor $HOME is an absolute path. */
char *screen_state_path(const char *db, const char *as);
/* Read it into out (kind -1, search NULL when there is none yet): 0, or
 * -1 with err when the file is broken or unreadable (out stays empty: the
 * screen starts as new and says so). */
int screen_state_load(const char *db, const char *as, struct screen_state *out,
    char *err);
/* Write it atomically (a new file, mode 0600, renamed over the old one;
 * the folder made 0700). 0 or -1 with err. */
int screen_state_save(const char *db, const char *as,
    const struct screen_state *s, char *err);
void screen_state_clear(struct screen_state *s);
#endif
