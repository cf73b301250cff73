/* cmd_report.c: `warroom report`: every incident's key times (as its
 * postmortem has them), update cadence, decisions and actions, and the
 * total, as a table, JSON or CSV (RFC 4180 quoting, a header row). */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/text.h"
#include "base/timefmt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "report/across.h"

#define REPORT_TITLE_COLS 24

/* The four durations the report shows, by their export names. */
static const struct {
	const char *key, *head;
	size_t off;
} report_durs[] = {
	{"to_detect", "DETECT", offsetof(struct keytimes, to_detect)},
	{"to_mitigate", "MITIGATE", offsetof(struct keytimes, to_mitigate)},
	{"to_recover", "RECOVER", offsetof(struct keytimes, to_recover)},
	{"to_resolve", "RESOLVE", offsetof(struct keytimes, to_resolve)},
};
#define REPORT_NDUR ((int)ARRAY_LEN(report_durs))

static int64_t
report_dur(const struct keytimes *kt, int i)
{
	int64_t d;

	memcpy(&d, (const char *)kt + report_durs[i].off, sizeof d);
	return d;
}

/* --since: a date (from its first second, local time) or any time. */
static int
report_since(struct cli *c, int64_t *since)
{
	const char *s = cli_opt(c, "since");
	struct time_rule r = {.now = wr_now(), .allow_future = 1};
	int y, m, d, rc;
	char extra, *full;

	*since = 0;
	if (s == NULL)
		return 0;
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra)
	    == 3)
		full = xasprintf("%s 00:00:00", s);
	else
		full = xstrdup(s);
	rc = time_parse_checked(full, &r, "--since", since, c->err);
	free(full);
	return cli_result(c, rc);
}

static void
report_actions_sum(const struct across_row *r, int out[ACROSS_STATES])
{
	int k, s;

	for (s = 0; s < ACROSS_STATES; s++)
		out[s] = 0;
	for (k = 0; k < CAT_COUNT; k++)
		for (s = 0; s < ACROSS_STATES; s++)
			out[s] += r->actions[k][s];
}

/* The whole report as one row: sums of counts, medians of durations. */
static void
report_total(const struct across *a, struct across_row *t, int *kept)
{
	int i, k, s, known;

	memset(t, 0, sizeof *t);
	*kept = 0;
	for (i = 0; i < REPORT_NDUR; i++) {
		int64_t m = across_median(a, report_durs[i].off, &known);

		memcpy((char *)&t->kt + report_durs[i].off, &m, sizeof m);
	}
	for (i = 0; i < a->n; i++) {
		const struct across_row *r = &a->rows[i];

		*kept += r->missed == 0;
		t->missed += r->missed;
		t->updates += r->updates;
		t->decisions += r->decisions;
		t->noverdue += r->noverdue;
		if (r->longest_gap > t->longest_gap)
			t->longest_gap = r->longest_gap;
		for (k = 0; k < CAT_COUNT; k++)
			for (s = 0; s < ACROSS_STATES; s++)
				t->actions[k][s] += r->actions[k][s];
	}
}

/* --- the table ------------------------------------------------------- */

static char *
report_title_cell(const char *title)
{
	char *clean = text_sanitize(title, strlen(title), TEXT_MAX, 0), *p;
	int used;
	size_t fit = text_fit(clean, REPORT_TITLE_COLS, &used);

	if (clean[fit] != '\0') {
		/* Cut, and say so with an ellipsis in the last column. */
		fit = text_fit(clean, REPORT_TITLE_COLS - 1, &used);
		clean[fit] = '\0';
		p = xasprintf("%s…", clean);
		free(clean);
		clean = p;
	}
	p = text_pad(clean, REPORT_TITLE_COLS);
	free(clean);
	return p;
}

static void
report_line(struct buf *b, const char *num, const char *title,
    const char *sev, const char *phase, const struct across_row *r,
    const char *cadence)
{
	char *cell = report_title_cell(title);
	int i, sum[ACROSS_STATES];

	buf_addf(b, "%4s  %s  %-4s  %-13s", num, cell, sev, phase);
	for (i = 0; i < REPORT_NDUR; i++) {
		char d[40] = "-";
		int64_t v = report_dur(&r->kt, i);

		if (v != EXPORT_UNKNOWN)
			export_dur(v, d, sizeof d);
		buf_addf(b, "  %12s", d);
	}
	report_actions_sum(r, sum);
	buf_addf(b, "  %-16s  %4d  %d open, %d done", cadence, r->decisions,
	    sum[ACROSS_OPEN] + sum[ACROSS_OVERDUE], sum[ACROSS_DONE]);
	if (sum[ACROSS_OVERDUE] > 0)
		buf_addf(b, ", %d OVERDUE", sum[ACROSS_OVERDUE]);
	buf_addc(b, '\n');
	free(cell);
}

static void
report_overdue_lines(struct buf *b, const struct across *a)
{
	int i, j, said = 0;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < a->rows[i].noverdue; j++) {
			const struct action *x = &a->rows[i].overdue[j];
			char due[32];
			char *text = text_sanitize(x->text, strlen(x->text),
			    TEXT_MAX, 0);

			if (!said++)
				buf_adds(b, "\noverdue actions\n");
			time_full(x->due, due, sizeof due);
			buf_addf(b, "  !! OVERDUE since %s  #%lld action %lld "
			    "[%s] %s (owner: %s)\n", due,
			    (long long)a->rows[i].inc.id, (long long)x->id,
			    category_names[x->category], text,
			    x->owner && *x->owner ? x->owner : "none");
			free(text);
		}
}

static void
report_table(const struct across *a)
{
	struct buf b = {0};
	struct across_row t;
	char num[24], cad[48], title[64];
	int i, kept, k;

	buf_addf(&b, "%4s  %s  %-4s  %-13s", "#", "TITLE                   ",
	    "SEV", "PHASE");
	for (i = 0; i < REPORT_NDUR; i++)
		buf_addf(&b, "  %12s", report_durs[i].head);
	buf_addf(&b, "  %-16s  %4s  %s\n", "UPDATES", "DEC", "ACTIONS");
	for (i = 0; i < a->n; i++) {
		const struct across_row *r = &a->rows[i];
		char iv[32];

		time_dur(r->interval, iv, sizeof iv);
		snprintf(num, sizeof num, "%lld", (long long)r->inc.id);
		if (r->missed == 0)
			snprintf(cad, sizeof cad, "kept (%s)", iv);
		else
			snprintf(cad, sizeof cad, "MISSED %d (%s)", r->missed,
			    iv);
		report_line(&b, num, r->inc.title, severity_names[
		    r->inc.severity], phase_names[r->inc.phase], r, cad);
	}
	report_total(a, &t, &kept);
	snprintf(title, sizeof title, "all %d (median times)", a->n);
	snprintf(cad, sizeof cad, "kept %d of %d", kept, a->n);
	report_line(&b, "", title, "", "", &t, cad);
	buf_adds(&b, "\nactions by category   open  overdue  done\n");
	for (k = 0; k < CAT_COUNT; k++)
		buf_addf(&b, "  %-19s %5d  %7d  %4d\n", category_names[k],
		    t.actions[k][ACROSS_OPEN], t.actions[k][ACROSS_OVERDUE],
		    t.actions[k][ACROSS_DONE]);
	report_overdue_lines(&b, a);
	output_text(b.p ? b.p : "");
	buf_free(&b);
}

/* --- JSON ------------------------------------------------------------ */

static cJSON *
report_json_row(const struct across_row *r, int total)
{
	cJSON *o = cJSON_CreateObject(), *d, *cad, *act;
	int i, k, s;

	d = cJSON_AddObjectToObject(o, total ? "median" : "durations");
	for (i = 0; i < REPORT_NDUR; i++) {
		int64_t v = report_dur(&r->kt, i);

		if (v == EXPORT_UNKNOWN)
			cJSON_AddNullToObject(d, report_durs[i].key);
		else
			cJSON_AddNumberToObject(d, report_durs[i].key,
			    (double)v);
	}
	cad = cJSON_AddObjectToObject(o, "cadence");
	if (!total) {
		cJSON_AddNumberToObject(cad, "interval", r->interval);
		cJSON_AddBoolToObject(cad, "kept", r->missed == 0);
	}
	cJSON_AddNumberToObject(cad, "updates", r->updates);
	cJSON_AddNumberToObject(cad, "missed", r->missed);
	cJSON_AddNumberToObject(cad, "longest_gap", (double)r->longest_gap);
	cJSON_AddNumberToObject(o, "decisions", r->decisions);
	act = cJSON_AddObjectToObject(o, "actions");
	for (k = 0; k < CAT_COUNT; k++) {
		cJSON *c = cJSON_AddObjectToObject(act, category_names[k]);

		for (s = 0; s < ACROSS_STATES; s++)
			cJSON_AddNumberToObject(c, across_state_names[s],
			    r->actions[k][s]);
	}
	return o;
}

static cJSON *
report_json_overdue(const struct across_row *r)
{
	cJSON *a = cJSON_CreateArray();
	int j;

	for (j = 0; j < r->noverdue; j++) {
		const struct action *x = &r->overdue[j];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "id", (double)x->id);
		cJSON_AddStringToObject(o, "category",
		    category_names[x->category]);
		json_str(o, "text", x->text, TEXT_MAX, 0);
		json_str(o, "owner", x->owner && *x->owner ? x->owner : NULL,
		    TEXT_MAX, 0);
		json_time(o, "due", x->due);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void
report_json(const struct across *a)
{
	cJSON *doc = cJSON_CreateObject(), *list, *tot;
	struct across_row t;
	int i, kept;

	cJSON_AddStringToObject(doc, "format", "warroom-report");
	cJSON_AddNumberToObject(doc, "version", 1);
	json_time(doc, "generated", a->now);
	json_time(doc, "since", a->since);
	list = cJSON_AddArrayToObject(doc, "incidents");
	for (i = 0; i < a->n; i++) {
		const struct across_row *r = &a->rows[i];
		cJSON *o = report_json_row(r, 0);

		cJSON_AddNumberToObject(o, "incident", (double)r->inc.id);
		json_str(o, "title", r->inc.title, TEXT_MAX, 0);
		cJSON_AddStringToObject(o, "severity",
		    severity_names[r->inc.severity]);
		cJSON_AddStringToObject(o, "phase", phase_names[r->inc.phase]);
		json_time(o, "detected", r->inc.detected);
		cJSON_AddItemToObject(o, "overdue", report_json_overdue(r));
		cJSON_AddItemToArray(list, o);
	}
	report_total(a, &t, &kept);
	tot = report_json_row(&t, 1);
	cJSON_AddNumberToObject(tot, "incidents", a->n);
	cJSON_AddNumberToObject(cJSON_GetObjectItem(tot, "cadence"), "kept",
	    kept);
	cJSON_AddNumberToObject(tot, "overdue", t.noverdue);
	cJSON_AddItemToObject(doc, "total", tot);
	output_json(doc);
	cJSON_Delete(doc);
}

/* --- CSV ------------------------------------------------------------- */

static void
report_csv_row(struct buf *b, const char *inc, const char *title,
    const char *sev, const char *phase, const char *detected,
    const struct across_row *r, const char *interval, const char *kept)
{
	const char *head[] = {inc, title, sev, phase, detected};
	char v[32];
	int i, k, s;

	for (i = 0; i < 5; i++)
		output_csv_field(b, head[i], i == 0);
	for (i = 0; i < REPORT_NDUR; i++) {
		int64_t d = report_dur(&r->kt, i);

		if (d == EXPORT_UNKNOWN)
			v[0] = '\0';
		else
			snprintf(v, sizeof v, "%lld", (long long)d);
		output_csv_field(b, v, 0);
	}
	output_csv_field(b, interval, 0);
	buf_addf(b, ",%d,%d,%lld,%s,%d", r->updates, r->missed,
	    (long long)r->longest_gap, kept, r->decisions);
	for (k = 0; k < CAT_COUNT; k++)
		for (s = 0; s < ACROSS_STATES; s++)
			buf_addf(b, ",%d", r->actions[k][s]);
	output_csv_end(b);
}

static void
report_csv(const struct across *a)
{
	struct buf b = {0};
	struct across_row t;
	char iv[24], det[32], num[24];
	int i, k, s, kept;

	buf_adds(&b, "incident,title,severity,phase,detected");
	for (i = 0; i < REPORT_NDUR; i++)
		buf_addf(&b, ",%s", report_durs[i].key);
	buf_adds(&b, ",update_interval,updates,updates_missed,longest_gap,"
	    "cadence_kept,decisions");
	for (k = 0; k < CAT_COUNT; k++)
		for (s = 0; s < ACROSS_STATES; s++)
			buf_addf(&b, ",%s_%s", category_names[k],
			    across_state_names[s]);
	output_csv_end(&b);
	for (i = 0; i < a->n; i++) {
		const struct across_row *r = &a->rows[i];

		snprintf(num, sizeof num, "%lld", (long long)r->inc.id);
		snprintf(iv, sizeof iv, "%d", r->interval);
		time_iso(r->inc.detected, det, sizeof det);
		report_csv_row(&b, num, r->inc.title, severity_names[
		    r->inc.severity], phase_names[r->inc.phase], det, r, iv,
		    r->missed == 0 ? "yes" : "no");
	}
	/* The last row: every incident, medians of the durations, sums of
	 * the counts, how many kept their cadence. */
	report_total(a, &t, &kept);
	snprintf(num, sizeof num, "%d", kept);
	report_csv_row(&b, "total", "", "", "", "", &t, "", num);
	output_csv(&b);
	buf_free(&b);
}

int
cmd_report(struct cli *c)
{
	struct across a;
	int64_t since;

	if (cli_flag(c, "json") && cli_flag(c, "csv"))
		return cli_fail("--json and --csv: give one of them"), 2;
	if (report_since(c, &since) != 0)
		return 1;
	if (cli_open(c, CLI_DB_READ) != 0)
		return 1;
	if (across_load(c->st, since, wr_now(), &a, c->err) != 0)
		return cli_error(c);
	if (cli_flag(c, "json"))
		report_json(&a);
	else if (cli_flag(c, "csv"))
		report_csv(&a);
	else
		report_table(&a);
	across_free(&a);
	return 0;
}
