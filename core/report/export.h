/* export.h: the postmortem draft of an incident as Markdown or as a JSON
 * document (docs/export-schema.md), and the key times both are built on. */
#ifndef WR_EXPORT_H
#define WR_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "model/phase_history.h"

struct store;

#define EXPORT_FORMAT "warroom-export"
#define EXPORT_VERSION 1
#define EXPORT_SPARK_WIDTH 48   /* columns of a metric sparkline */
#define EXPORT_WINDOW_BEFORE 900 /* seconds of metrics shown before the start */
#define EXPORT_UNKNOWN INT64_MIN /* a duration that cannot be measured */

/* The milestones of an incident (epoch s; 0 = not reached or unknown) and
 * the durations measured from them (EXPORT_UNKNOWN = unknown). */
struct keytimes {
	int64_t first_event;  /* earliest event entry, if before detection */
	int64_t began;        /* when impact began, if known (declare --began) */
	int64_t detected;
	int64_t first_action; /* earliest entry of kind action or assignment */
	int64_t identified;   /* first reached identified or later */
	int64_t mitigated;    /* first reached monitoring or later */
	int64_t recovered;    /* the incident's recovered time */
	int64_t resolved;     /* the incident's resolved time */
	int64_t to_detect;    /* detected - first_event */
	int64_t to_first_action, to_identify, to_mitigate, to_recover,
	    to_resolve;       /* each milestone - detected */
};

/* Compute the key times from what is loaded. Pure. */
void export_keytimes_compute(const struct incident *inc,
    const struct entry *tl, int ntl, const struct phase_change *ph, int nph,
    struct keytimes *kt);
/* Load and compute the key times of inc. */
int export_keytimes(struct store *st, int64_t inc, struct keytimes *kt,
    char *err);

/* A duration as people read it in a postmortem, exact to the second:
 * "45s", "12m 05s", "1h 02m 03s", "2d 03h 00m 00s"; negative with '-'. */
void export_dur(int64_t secs, char *out, size_t n);
/* Markdown-escape a text (sanitized first): table pipes, emphasis, HTML,
 * line starts; newlines become "<br>" when br is set, else spaces. Caller
 * frees. */
char *export_md_escape(const char *s, int br);
/* A sparkline of n samples over [from, to] in width columns: UTF-8 block
 * characters, a space where a column has no sample. Caller frees. */
char *export_sparkline(const struct sample *v, int n, int64_t from,
    int64_t to, int width);

/* The whole postmortem of inc. Caller frees; NULL with err. now is the
 * export time written into the document. */
char *export_markdown(struct store *st, int64_t inc, int64_t now, char *err);
char *export_json(struct store *st, int64_t inc, int64_t now, char *err);

/* Write len bytes to path atomically (a temporary file in the same folder,
 * then a link or rename). An existing path is refused unless force. */
int export_write_file(const char *path, const char *data, size_t len,
    int force, char *err);
#endif
