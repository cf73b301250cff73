/* export_data.h: everything a postmortem holds, loaded at once, and what
 * the files of report/ share: load.c fills it from the store, markdown.c
 * and json_out.c write it out, import_check.c fills it from a JSON
 * document and import.c writes that to the store. Only report/ includes
 * it. */
#ifndef WR_EXPORT_DATA_H
#define WR_EXPORT_DATA_H

#include <stdint.h>

#include "model/authority.h"
#include "model/decision.h"
#include "report/export.h"
#include "model/model.h"

struct store;

/* Rows of tables that have no struct in model.h (yet): strings as stored.
 * Decisions are decision.h's own struct (release_id names a pm_release). */
struct pm_release {
	int64_t id, entry_id; /* entry_id 0 = none */
	char *kind, *name, *value, *rollback_safe;
	int64_t at;
	char *link;
	char *author;
	int before;           /* in the window before detection */
};

struct pm_update {
	int64_t id, entry_id;
	char *audience, *phase, *heading, *body, *author, *state;
	int64_t created;
	int attempts;
	int64_t next_attempt, sent_at;
	char *last_error;
	int64_t dropped_at;    /* failed and given up; 0 = not */
	char *dropped_by;
};

struct pm_series {
	struct series s;
	struct sample *v;
	int nv;
};

struct pm {
	struct incident inc;
	struct entry *tl;     /* every entry, deleted too, in time order */
	int ntl;
	struct entry *hist;   /* old versions: id is the entry's id, edited
	                       * and edited_by when and by whom replaced */
	int nhist;
	struct phase_change *ph;
	int nph;
	struct keytimes kt;
	struct responder *resp;
	int nresp;
	struct assignment *asg;
	int nasg;
	struct decision *dec; /* every decision, oldest first, those whose
	                       * entry was deleted too */
	int ndec;
	struct pm_release *rel;
	int nrel;
	struct pm_update *upd;
	int nupd;
	int64_t w0, w1;       /* the metrics window */
	struct pm_series *ser; /* series with samples in the window */
	int nser;
	struct action *act;
	int nact;
	struct role_change *roles; /* every change of role, oldest first */
	int nroles;
};

/* A checked import document (import_check.c), written by import.c. */
struct import_doc {
	struct pm pm;
};

/* Load incident inc in one read transaction; export_free releases. */
int export_load(struct store *st, int64_t inc, int64_t now, struct pm *pm,
    char *err);
void export_free(struct pm *pm);
/* Column of time t in a window [from, to] of width columns. */
int export_col(int64_t t, int64_t from, int64_t to, int width);
#endif
