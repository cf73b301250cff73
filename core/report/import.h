/* import.h: reading a JSON export (docs/export-schema.md) back into a
 * database as a new incident. Parsing is separate from writing and needs no
 * store, so a fuzzer can drive it with bytes alone. */
#ifndef WR_IMPORT_H
#define WR_IMPORT_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct import_doc;

#define IMPORT_MAX_BYTES (64 * 1024 * 1024) /* the largest file we read */

/* Read a whole file (at most IMPORT_MAX_BYTES; "-" is stdin) into *buf,
 * NUL-terminated; caller frees. 0 or -1 with err. */
int import_read_file(const char *path, char **buf, size_t *len, char *err);

/* Parse and check len bytes (need not be NUL-terminated). Every field is
 * validated and every text sanitized; NULL with a one-line reason in err
 * for anything malformed or hostile. Caller frees with import_doc_free. */
struct import_doc *import_parse(const char *buf, size_t len, char *err);
/* The same, with a choice: times in a document may not lie ahead of the
 * clock, nor (unless allow_past) be the epoch or lie more than a day before
 * the incident's detection; import_parse is allow_past 0. */
struct import_doc *import_parse_times(const char *buf, size_t len,
    int allow_past, char *err);
void import_doc_free(struct import_doc *d);
/* Write a parsed document as a new incident, in one transaction: all of it
 * or nothing. Returns the new incident id, or -1. */
int64_t import_write(struct store *st, const struct import_doc *d, char *err);
/* Parse the text of a phase entry ("【原因特定】 investigating -> identified:
 * note"): 0 with *from, *to and *note_at (offset of the note, or -1), -1
 * when it is not a phase change. An imported document carries its phase
 * history as such entries, read this way once. */
int import_parse_phase(const char *text, int *from, int *to, int *note_at);
#endif
