/* fields.h: one table of fields per record of the JSON document, so that
 * a field is named once: json_out.c writes a record from its table,
 * import_check.c reads and checks it back from the same table in the same
 * order (the order of the document, and of the checks: the first broken
 * field is the one an import names), and load.c reads some of them from
 * the store with it. Only report/ includes it. */
#ifndef WR_FIELDS_H
#define WR_FIELDS_H

#include <stddef.h>
#include <stdint.h>

enum field_type {
	FT_ID,     /* int64_t: a whole number >= 1 */
	FT_REF,    /* int64_t: an entry id of the document; 0 writes null */
	FT_INT,    /* int in [min, max] */
	FT_TIME,   /* int64_t epoch s as "YYYY-MM-DDTHH:MM:SSZ"; 0 is null */
	FT_STR,    /* char *: at most max bytes, sanitized with sflags */
	FT_ENUM,   /* int: one of names; below 0 writes null (or names[dflt]) */
	FT_ENUM_STR, /* char *: one of names, kept as its string */
	FT_BOOL,   /* int: true or false */
	FT_NUM,    /* double: a number, or null for NaN */
	FT_DUR,    /* int64_t seconds, or null for EXPORT_UNKNOWN (written only) */
	FT_TOMB,   /* struct entry: its tombstone object, or null */
	FT_ORIGIN, /* struct entry: whether its origin is unknown (derived) */
	FT_ROUTINE, /* struct entry: its routine mark {mark, who} (names:
	             * the marks as model/timeline stores them), or null */
};

/* Which records a field belongs to and how it is read. */
#define FIELD_NULLABLE 0x01 /* null or missing reads as none */
#define FIELD_NONEMPTY 0x02 /* a string that must not be "" */
#define FIELD_FUTURE 0x04   /* a time that may lie ahead (a deadline) */
#define FIELD_DERIVED 0x08  /* written, never read back (derived, or an
                             * id the database gives anew) */
#define FIELD_LIVE 0x10     /* only in a current entry, */
#define FIELD_OLD 0x20      /* only in an old version of one */

struct field {
	const char *key;
	enum field_type type;
	size_t off;                /* of the value in the record */
	unsigned flags;
	size_t max;                /* FT_STR: bytes */
	size_t wmax;               /* FT_STR: bytes written, if not max */
	int sflags;                /* FT_STR: text_sanitize flags */
	int64_t min, imax;         /* FT_INT: the range read back */
	const char *const *names;  /* FT_ENUM, FT_ENUM_STR */
	int nnames;
	int dflt;                  /* FT_ENUM: what an unknown name in the
	                            * store reads as, and what a value below
	                            * 0 writes when not FIELD_NULLABLE */
};

/* The tables, each ending in a field with key NULL. load.c reads the
 * rows of responders, assignments, releases and updates with their
 * columns in the order of the table. */
extern const struct field field_entry[];     /* timeline and its history */
extern const struct field field_keytimes[];  /* written only */
extern const struct field field_durations[]; /* written only */
extern const struct field field_phase[];     /* written only */
extern const struct field field_responder[];
extern const struct field field_assignment[];
extern const struct field field_role[];
extern const struct field field_release[];
extern const struct field field_update[];
extern const struct field field_series[];    /* without its samples */
extern const struct field field_action[];

/* The name of routine mark bit (TL_ROUTINE_* of model/timeline.h) as
 * the document and entry_routine spell it; NULL for 0 (no mark). */
const char *field_routine_name(int bit);

/* Free the strings (FT_STR, FT_ENUM_STR) of rec. */
void field_free(const struct field *f, void *rec);
#endif
