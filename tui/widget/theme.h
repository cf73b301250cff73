/* theme.h: the themeable roles of the screen and their styles. Parsing needs
 * no terminal (theme_parse), so tests and fuzzers reach it without curses. */
#ifndef WR_THEME_H
#define WR_THEME_H

#include <stdint.h>

/* One X-macro makes the enum and the names used in theme files. */
#define THEME_ELEMENTS(X)                                               \
	X(TH_NORMAL, "normal")                                          \
	X(TH_BORDER, "border")                                          \
	X(TH_BORDER_FOCUS, "border.focus")                              \
	X(TH_TITLE, "title")                                            \
	X(TH_TITLE_FOCUS, "title.focus")                                \
	X(TH_LABEL, "label")                                            \
	X(TH_MUTED, "muted")                                            \
	X(TH_SELECTED, "selected")                                      \
	X(TH_STATUS, "status")                                          \
	X(TH_STATUS_READONLY, "status.readonly")                        \
	X(TH_MESSAGE, "message")                                        \
	X(TH_ERROR, "error")                                            \
	X(TH_PROMPT, "prompt")                                          \
	X(TH_HELP, "help")                                              \
	X(TH_HELP_KEY, "help.key")                                      \
	X(TH_INCIDENT_TITLE, "incident.title")                          \
	X(TH_SEV1, "sev.1") X(TH_SEV2, "sev.2")                         \
	X(TH_SEV3, "sev.3") X(TH_SEV4, "sev.4")                         \
	X(TH_PHASE_DETECTED, "phase.detected")                          \
	X(TH_PHASE_INVESTIGATING, "phase.investigating")                \
	X(TH_PHASE_IDENTIFIED, "phase.identified")                      \
	X(TH_PHASE_MITIGATING, "phase.mitigating")                      \
	X(TH_PHASE_MONITORING, "phase.monitoring")                      \
	X(TH_PHASE_RECOVERED, "phase.recovered")                        \
	X(TH_PHASE_RESOLVED, "phase.resolved")                          \
	X(TH_PHASE_RETROSPECTIVE, "phase.retrospective")                \
	X(TH_OK, "ok")                                                  \
	X(TH_WARN, "warn")                                              \
	X(TH_CRIT, "crit")                                              \
	X(TH_STALE, "stale")                                            \
	X(TH_IDLE, "idle")                                              \
	X(TH_SPARK, "spark")                                            \
	X(TH_MARKER, "marker")                                          \
	X(TH_TIME, "time")                                              \
	X(TH_AUTHOR, "author")                                          \
	X(TH_KIND, "kind")                                              \
	X(TH_KIND_DECISION, "kind.decision")                            \
	X(TH_KIND_PHASE, "kind.phase")                                  \
	X(TH_SOURCE, "source")

#define TH_ENUM(id, name) id,
enum theme_el { THEME_ELEMENTS(TH_ENUM) TH_COUNT };
#undef TH_ENUM

extern const char *const theme_names[TH_COUNT];

/* Attributes, ours (not curses'), so this header needs no curses. */
#define TH_A_BOLD 0x01
#define TH_A_DIM 0x02
#define TH_A_UNDERLINE 0x04
#define TH_A_REVERSE 0x08
#define TH_A_ITALIC 0x10
#define TH_A_BLINK 0x20

#define TH_DEFAULT (-1) /* the terminal's own colour */

struct theme_style {
	int fg, bg;      /* 0..255, or TH_DEFAULT */
	unsigned attrs;  /* TH_A_* */
	int set;         /* given in the file */
};

struct theme {
	char *name;
	struct theme_style el[TH_COUNT];
};

/* Parse text (the content of file name) over t, which theme_init has filled
 * with the defaults: "set ELEMENT = STYLE" lines, '#' comments. 0, or -1
 * with "name:line: reason" in err. No terminal needed. */
int theme_parse(struct theme *t, const char *text, const char *name,
    char *err);
/* One style: "fg=green,bold", "bg=colour236 reverse", "#ff8800", "none". */
int theme_parse_style(const char *s, struct theme_style *out, char *err);
/* A colour: name, brightNAME, colourN/colorN, #rrggbb, default. -2 if bad. */
int theme_parse_colour(const char *s);
/* The nearest of the 8 basic colours to one of the 256. */
int theme_256_to_8(int c);

/* Defaults: every element plain. */
void theme_init(struct theme *t);
void theme_free(struct theme *t);
/* Find NAME.theme ($XDG_CONFIG_HOME/warroom/themes, the installed share
 * folder, ./themes; a NAME with a '/' is a path) and parse it over the
 * built-in defaults. 0 or -1 with err. */
int theme_load(struct theme *t, const char *name, char *err);

/* Curses side: make colour pairs for the terminal (mono when it has no
 * colours or mono is set) and the attribute of each element. */
void theme_apply(const struct theme *t, int mono);
/* The curses attribute (pair included) of an element. */
unsigned long theme_attr(enum theme_el el);
#endif
