/* cmd_export.c: the postmortem document: export it (Markdown or JSON) and
 * import a JSON export as a new incident. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "report/export.h"
#include "report/import.h"

int
cmd_export(struct cli *c)
{
	static const char *const formats[] = {"md", "json", "markdown"};
	const char *f = cli_opt(c, "format"), *path = cli_opt(c, "o");
	int format = 0, rc = 0;
	char *out;

	if (f != NULL && (format = cli_enum("format", formats, 3, f)) < 0)
		return 1;
	if (cli_flag(c, "force") && path == NULL)
		return cli_fail("export: --force only goes with -o FILE");
	if (format == 1)
		out = export_json(c->st, c->incident, wr_now(), c->err);
	else
		out = export_markdown(c->st, c->incident, wr_now(), c->err);
	if (out == NULL)
		return cli_error(c);
	if (path != NULL) {
		if (export_write_file(path, out, strlen(out),
		    cli_flag(c, "force"), c->err) != 0)
			rc = cli_error(c);
	} else if (format == 1)
		output_json_printed(out);
	else
		output_text(out);
	free(out);
	return rc;
}

/* The document is read and checked before the database is opened, so a
 * refused import into a path that does not exist yet creates nothing. */
int
cmd_import(struct cli *c)
{
	struct import_doc *d;
	char *buf;
	size_t len;
	int64_t id;

	if (import_read_file(c->pos[0], &buf, &len, c->err) != 0)
		return cli_error(c);
	d = import_parse_times(buf, len, cli_flag(c, "allow-past"), c->err);
	free(buf);
	if (d == NULL)
		return cli_error(c);
	if (cli_open(c, CLI_DB_CREATE) != 0) {
		import_doc_free(d);
		return 1;
	}
	id = import_write(c->st, d, c->err);
	import_doc_free(d);
	return cli_print_id(c, id);
}
