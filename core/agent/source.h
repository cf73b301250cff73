/* source.h: metric sources behind one interface. Each kind (prometheus,
 * mackerel, command, demo) is an ops table; every one hands its samples and
 * its failure to the round's batch writer through the same few calls, as
 * ncdu's dir_output does for its scanners. Only core/ includes this. */
#ifndef WR_SOURCE_H
#define WR_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/model.h"
#include "base/util.h"

struct config;

/* What one collection round may hold in memory is bounded by these, not by
 * the number of series or the size of their answers (`metric list` says
 * so; METRICS_ROUND_MAX caps the series of a round). */
#define SOURCE_BODY_MAX (2u << 20)   /* bytes of one HTTP answer */
#define SOURCE_PARALLEL_MAX 16       /* transfers and commands at once */
#define SOURCE_OUTPUT_MAX (64u << 10) /* bytes a command may print */
#define SOURCE_POINTS_MAX 20000       /* samples one answer may carry */
#define SOURCE_BACKFILL 3600          /* seconds fetched on a first poll */

/* One poll of one series during a round. The batch writer owns it. */
struct source_job {
	int64_t series_id;
	char *name, *query;
	int kind;              /* enum source */
	int interval;          /* seconds */
	int64_t last_ok;       /* 0 = never */
	int64_t now;           /* the round's clock */
	int64_t from;          /* fetch samples with from <= t <= now */
	int timeout_ms, connect_timeout_ms;
	const struct config *cf;
	/* What the source produced (through the calls below). */
	struct sample *samples;
	int nsamples, cap;
	int done, failed;
	char error[ERR_LEN];
	/* Transport state (source.c): an HTTP transfer or a child process. */
	void *multi;           /* CURLM * of the round */
	void *easy;            /* CURL *, while the transfer runs */
	void *headers;         /* struct curl_slist * */
	char curl_err[ERR_LEN];
	struct buf body;
	int too_big;
	pid_t pid;             /* > 0 while the child runs */
	int out_fd, err_fd;    /* -1 when closed */
	struct buf out, errout;
	int64_t deadline_ms;   /* monotonic */
};

/* The batch writer's calls: a source reports with these and only these. */
void source_sample(struct source_job *j, int64_t t, double v);
void source_fail(struct source_job *j, const char *fmt, ...) WR_PRINTF(2, 3);
void source_ok(struct source_job *j);

/* A kind of source. */
struct metric_source {
	const char *name;
	/* Begin the poll: either report at once (demo), or set up j->easy
	 * with j->url (HTTP) or j->pid with j->out_fd (command); failing to
	 * start is reported with source_fail. */
	void (*start)(struct source_job *j);
	/* The transport finished: status is the HTTP code, or the command's
	 * wait status; data is the body or the output. Reports the result. */
	void (*finish)(struct source_job *j, long status, const char *data,
	    size_t len);
};

extern const struct metric_source src_prometheus;
extern const struct metric_source src_mackerel;
extern const struct metric_source src_command;
extern const struct metric_source src_demo;
/* By enum source. */
const struct metric_source *source_get(int kind);

/*
 * Pure parsers, buffer in and samples out, for the sources and for fuzzers.
 * Each returns 0 with *out (caller frees) and *n, or -1 with a one-line
 * reason in err; no body, however hostile, makes them crash. Non-finite
 * values are skipped.
 */
/* A Prometheus /api/v1/query_range or /api/v1/query answer (matrix, vector
 * or scalar) holding exactly one series. */
int prom_parse(const char *body, size_t len, struct sample **out, int *n,
    char *err);
/* A Mackerel /api/v0/{hosts,services}/.../metrics answer. */
int mackerel_parse(const char *body, size_t len, struct sample **out, int *n,
    char *err);
/* What a command printed: one number (taken at now), or "timestamp value"
 * lines. */
int command_parse(const char *out, size_t len, int64_t now,
    struct sample **samples, int *n, char *err);
/* The demo generator: the value of curve at time t, and the curve names
 * (query.c). */
double demo_value(int curve, int64_t t);
int demo_curve(const char *name); /* -1 when unknown */
extern const char *const demo_curves[];
extern const int demo_ncurves;

/* Queries (query.c; collect_check_query checks them for `metric add`). A
 * Prometheus query written PROM_INSTANT "EXPR" asks /api/v1/query. */
#define PROM_INSTANT "instant:"
/* Split a Mackerel query "host:ID:METRIC" / "service:NAME:METRIC": 0, or
 * -1 with err; the parts are allocated (caller frees). */
int mackerel_split(const char *q, int *host, char **id, char **metric,
    char *err);

/* Transports, for start(): an HTTP GET (headers: NULL-terminated "Name:
 * value" lines; userpwd "user:password" for basic auth, or NULL), and
 * `sh -c cmd`. Both report a failure to start with source_fail. */
void source_http_get(struct source_job *j, const char *url,
    const char *const *headers, const char *userpwd);
void source_spawn(struct source_job *j, const char *cmd);
/* URL-encode s. Caller frees. */
char *source_escape(const char *s);
/* Run every job of a round to its end: starts them, then waits on all the
 * transfers and children at once until each has reported. */
void source_run(struct source_job *jobs, int n);
void source_job_clear(struct source_job *j);

/* A source's samples s (n of them; freed here), then source_ok. */
void source_samples(struct source_job *j, struct sample *s, int n);
/* How an HTTP source's poll ends, from the HTTP status and its parser's
 * result rc: the samples s (n; freed here) of a 2xx answer, else
 * source_http_error with msg (the answer's own error message, or NULL);
 * a 2xx answer the parser refused fails with its reason err. */
void source_http_finish(struct source_job *j, const char *what, long status,
    int rc, struct sample *s, int n, const char *err, const char *msg);
/* Clean outside text to one short printable line (caller frees). */
char *source_one_line(const char *s, size_t len, size_t max);
#endif
