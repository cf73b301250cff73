/* output.h: everything a command prints on standard output: stored text
 * through the one sanitizer, JSON that is valid UTF-8 with no control
 * character whatever the database holds, and one check at exit that all
 * of it arrived. */
#ifndef WR_OUTPUT_H
#define WR_OUTPUT_H

#include <cjson/cJSON.h>

#include "base/util.h"

/* Multi-line text (a status, a report): line breaks are kept, anything a
 * terminal would act on is replaced (text_sanitize with TEXT_MULTILINE). */
void output_text(const char *s);
/* One line made from fmt, cleaned as one line (a line break inside a
 * stored field becomes a space, so no field can forge a row), then '\n'. */
void output_line(const char *fmt, ...) WR_PRINTF(1, 2);
/* The same line appended to b instead of printed. */
void output_addf(struct buf *b, const char *fmt, ...) WR_PRINTF(2, 3);

/* Print a document json_string made (base/json.h), as it is (checked). */
void output_json_printed(const char *s);
/* Print j cleaned on standard output, indented. */
void output_json(cJSON *j);
/* Print a JSON document given as text, cleaned the same way and compact;
 * 0, or -1 when it does not parse (nothing printed). */
int output_json_text(const char *json);

/* CSV as RFC 4180 says: output_csv_field appends one field of a record
 * to b (cleaned, quoted when needed; first: no comma before it),
 * output_csv_end ends the record with CRLF, and output_csv prints b (each
 * record checked: clean text, CRLF kept). Terminal text keeps no '\r'. */
void output_csv_field(struct buf *b, const char *s, int first);
void output_csv_end(struct buf *b);
void output_csv(const struct buf *b);

/* Once, when the command is done: flush and close standard output. A
 * write that failed at any point (a closed pipe, a full disk) turns rc 0
 * into exit 1, or 75 (temporary) for a full disk, with the one-line error
 * in err (ERR_LEN) for the caller to print. */
int output_finish(int rc, char *err);
#endif
