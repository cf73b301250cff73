/* source.c: the transports of one collection round. Every HTTP transfer
 * runs on one libcurl multi handle and every command is a child process;
 * one wait covers them all, so a slow source never holds up the others. */
#include "agent/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <curl/curl.h>

#include "base/redact.h"
#include "base/text.h"

#define SOURCE_STDERR_MAX 1024 /* bytes of a command's stderr we keep */

const struct metric_source *
source_get(int kind)
{
	switch (kind) {
	case SRC_PROMETHEUS:
		return &src_prometheus;
	case SRC_MACKEREL:
		return &src_mackerel;
	case SRC_COMMAND:
		return &src_command;
	case SRC_DEMO:
		return &src_demo;
	}
	return NULL;
}

/* ---- the calls sources report with ------------------------------------ */

void
source_sample(struct source_job *j, int64_t t, double v)
{
	if (j->done || !isfinite(v) || t <= 0)
		return;
	if (j->nsamples == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 64;
		j->samples = xreallocarray(j->samples, (size_t)j->cap,
		    sizeof *j->samples);
	}
	j->samples[j->nsamples].t = t;
	j->samples[j->nsamples].v = v;
	j->nsamples++;
}

void
source_fail(struct source_job *j, const char *fmt, ...)
{
	va_list ap;
	char raw[ERR_LEN], *clean, *red;
	struct redact r = {0};

	if (j->done)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* The one way an error reaches the database: an answer may echo the
	 * key or password it was sent (raw, escaped or cut short). */
	redact_config(&r, j->cf);
	red = redact_apply(&r, raw);
	redact_clear(&r);
	clean = source_one_line(red, strlen(red), sizeof j->error - 1);
	snprintf(j->error, sizeof j->error, "%s", clean);
	free(clean);
	free(red);
	/* A failed poll stores nothing: half an answer is not trusted. */
	j->nsamples = 0;
	j->failed = 1;
	j->done = 1;
}

void
source_ok(struct source_job *j)
{
	j->done = 1;
}

char *
source_one_line(const char *s, size_t len, size_t max)
{
	char *tmp = xmalloc(len + 1), *clean;
	size_t i;

	for (i = 0; i < len; i++) /* line breaks and tabs become spaces */
		tmp[i] = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' '
		    : s[i] == '\0' ? '?' : s[i];
	tmp[len] = '\0';
	clean = text_trim(text_sanitize(tmp, len, max, 0));
	free(tmp);
	return clean;
}

/* An HTTP source failed: the answer's own message, cleaned to one line;
 * "HTTP nnn" when there is none. */
static void
source_http_error(struct source_job *j, const char *what, long status,
    const char *msg)
{
	if (msg != NULL && *msg != '\0')
		source_fail(j, "%s: HTTP %ld: %.180s", what, status, msg);
	else
		source_fail(j, "%s: HTTP %ld", what, status);
}

void
source_samples(struct source_job *j, struct sample *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		source_sample(j, s[i].t, s[i].v);
	free(s);
	source_ok(j);
}

void
source_http_finish(struct source_job *j, const char *what, long status,
    int rc, struct sample *s, int n, const char *err, const char *msg)
{
	if (rc != 0) {
		if (status / 100 != 2)
			source_http_error(j, what, status, msg);
		else
			source_fail(j, "%s: %s", what, err);
		return;
	}
	if (status / 100 != 2) {
		free(s);
		source_http_error(j, what, status, NULL);
		return;
	}
	source_samples(j, s, n);
}

/* ---- HTTP ---------------------------------------------------------------- */

static void
source_global_init(void)
{
	static int done;

	if (!done && curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		done = 1;
}

char *
source_escape(const char *s)
{
	char *e, *copy;

	source_global_init();
	e = curl_easy_escape(NULL, s, 0);
	if (e == NULL)
		fatal("out of memory escaping a URL");
	copy = xstrdup(e);
	curl_free(e);
	return copy;
}

static size_t
source_on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct source_job *j = arg;
	size_t n = size * nmemb;

	if (j->body.len + n > SOURCE_BODY_MAX) {
		j->too_big = 1;
		return 0; /* aborts the transfer */
	}
	buf_add(&j->body, data, n);
	return n;
}

void
source_http_get(struct source_job *j, const char *url,
    const char *const *headers, const char *userpwd)
{
	struct curl_slist *h = NULL;
	CURL *e;

	if ((e = curl_easy_init()) == NULL) {
		source_fail(j, "cannot start an HTTP transfer");
		return;
	}
	for (; headers != NULL && *headers != NULL; headers++)
		h = curl_slist_append(h, *headers);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)j);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, source_on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, (void *)j);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->curl_err);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)j->timeout_ms);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)j->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "warroom-agent");
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
	if (h != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	if (userpwd != NULL) {
		curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(e, CURLOPT_USERPWD, userpwd);
	}
	if (curl_multi_add_handle(j->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		curl_slist_free_all(h);
		source_fail(j, "cannot start an HTTP transfer");
		return;
	}
	j->easy = e;
	j->headers = h;
}

static void
source_http_end(struct source_job *j, CURLcode rc)
{
	const struct metric_source *ops = source_get(j->kind);
	long status = 0;

	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(j->multi, j->easy);
	curl_easy_cleanup(j->easy);
	curl_slist_free_all(j->headers);
	j->easy = NULL;
	j->headers = NULL;
	if (j->too_big)
		source_fail(j, "%s: answer larger than %u MiB", ops->name,
		    SOURCE_BODY_MAX >> 20);
	else if (rc != CURLE_OK)
		source_fail(j, "%s: %s", ops->name, j->curl_err[0]
		    ? j->curl_err : curl_easy_strerror(rc));
	else
		ops->finish(j, status, j->body.p ? j->body.p : "",
		    j->body.len);
	buf_free(&j->body);
}

/* ---- commands ------------------------------------------------------------ */

void
source_spawn(struct source_job *j, const char *cmd)
{
	int out[2], errp[2], fd;
	pid_t pid;

	if (pipe(out) != 0) {
		source_fail(j, "command: pipe: %s", strerror(errno));
		return;
	}
	if (pipe(errp) != 0) {
		source_fail(j, "command: pipe: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		return;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		source_fail(j, "command: fork: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		close(errp[0]);
		close(errp[1]);
		return;
	}
	if (pid == 0) {
		struct sigaction dfl;

		/* Its own process group, so a timeout kills what it started. */
		setpgid(0, 0);
		/* We ignore SIGPIPE and SIGXFSZ; an ignored signal stays
		 * ignored across exec, and `yes | head -1` needs SIGPIPE. */
		memset(&dfl, 0, sizeof dfl);
		dfl.sa_handler = SIG_DFL;
		sigaction(SIGPIPE, &dfl, NULL);
		sigaction(SIGXFSZ, &dfl, NULL);
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0 && fd != 0) {
			dup2(fd, 0);
			close(fd);
		}
		dup2(out[1], 1);
		dup2(errp[1], 2);
		/* Nothing of ours (the database, sockets) leaks into it. */
		for (fd = 3; fd < 1024; fd++)
			close(fd);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	close(out[1]);
	close(errp[1]);
	fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
	fcntl(errp[0], F_SETFL, fcntl(errp[0], F_GETFL) | O_NONBLOCK);
	fcntl(out[0], F_SETFD, FD_CLOEXEC);
	fcntl(errp[0], F_SETFD, FD_CLOEXEC);
	j->pid = pid;
	j->out_fd = out[0];
	j->err_fd = errp[0];
	j->deadline_ms = wr_mono_ms() + j->timeout_ms;
}

static void
source_child_close(struct source_job *j)
{
	if (j->out_fd >= 0)
		close(j->out_fd);
	if (j->err_fd >= 0)
		close(j->err_fd);
	j->out_fd = j->err_fd = -1;
}

/* Kill the child's whole group and reap it. */
static void
source_child_kill(struct source_job *j)
{
	kill(-j->pid, SIGKILL);
	kill(j->pid, SIGKILL);
	while (waitpid(j->pid, NULL, 0) < 0 && errno == EINTR)
		;
	j->pid = 0;
	source_child_close(j);
	buf_free(&j->out);
	buf_free(&j->errout);
}

/* Read what is there on one of the child's pipes; closes it at EOF. */
static void
source_child_read(struct source_job *j, int *fd, struct buf *b, size_t max,
    int strict)
{
	char chunk[4096];
	ssize_t r;

	for (;;) {
		r = read(*fd, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return; /* EAGAIN: more later */
		if (r == 0) {
			close(*fd);
			*fd = -1;
			return;
		}
		if (b->len + (size_t)r > max) {
			if (strict) {
				source_child_kill(j);
				source_fail(j, "command: printed more than %u "
				    "KiB", SOURCE_OUTPUT_MAX >> 10);
				return;
			}
			r = (ssize_t)(max > b->len ? max - b->len : 0);
		}
		buf_add(b, chunk, (size_t)r);
	}
}

/* The child closed its output: reap it when it has exited. */
static void
source_child_check(struct source_job *j)
{
	int status;
	pid_t r;

	if (j->pid <= 0 || j->out_fd >= 0 || j->err_fd >= 0)
		return;
	r = waitpid(j->pid, &status, WNOHANG);
	if (r == 0 || (r < 0 && errno == EINTR))
		return;
	j->pid = 0;
	if (r < 0)
		source_fail(j, "command: wait: %s", strerror(errno));
	else {
		/* finish() may quote j->errout. */
		src_command.finish(j, status, j->out.p ? j->out.p : "",
		    j->out.len);
	}
	buf_free(&j->out);
	buf_free(&j->errout);
}

/* ---- what commands leave behind ------------------------------------------ */

/*
 * A command can start a process that leaves its process group (setsid, a
 * daemonizing double fork), which killing the group misses. As a child
 * subreaper the agent inherits every such orphan of its commands instead
 * of init; at the end of each round it kills and reaps them all. The agent
 * starts no other children, so any child left then is a command's.
 */
static void
source_subreaper(void)
{
#if defined(__linux__) && defined(PR_SET_CHILD_SUBREAPER)
	static int done;

	if (!done && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
		done = 1;
#endif
}

/* The pid of one child of ours found in /proc, or 0 when there is none. */
static pid_t
source_find_child(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t self = getpid(), found = 0;

	if (d == NULL)
		return 0;
	while (found == 0 && (e = readdir(d)) != NULL) {
		char path[64], line[512], *p;
		long ppid, pid;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		pid = atol(e->d_name);
		snprintf(path, sizeof path, "/proc/%ld/stat", pid);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		p = fgets(line, sizeof line, f);
		fclose(f);
		/* "pid (name) state ppid ...": the name may hold ") ". */
		if (p == NULL || (p = strrchr(line, ')')) == NULL)
			continue;
		if (sscanf(p + 1, " %*c %ld", &ppid) == 1 && ppid == self)
			found = (pid_t)pid;
	}
	closedir(d);
	return found;
}

/* Kill and reap every child left; their children come to us in turn. */
static void
source_sweep(void)
{
	int rounds;
	pid_t pid;

	for (rounds = 0; rounds < 1000; rounds++) {
		if ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			continue; /* an orphan that had exited */
		if ((pid = source_find_child()) <= 0)
			return;
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
}

/* ---- the round ----------------------------------------------------------- */

static int
source_busy(const struct source_job *j)
{
	return j->easy != NULL || j->pid > 0;
}

/* Start jobs from *next on until SOURCE_PARALLEL_MAX run at once: what
 * the round holds in memory is bounded by that many answers, whatever the
 * number of series. */
static void
source_start_more(struct source_job *jobs, int n, int *next, CURLM *multi)
{
	int i, busy = 0;

	for (i = 0; i < *next; i++)
		busy += source_busy(&jobs[i]);
	while (busy < SOURCE_PARALLEL_MAX && *next < n) {
		struct source_job *j = &jobs[(*next)++];
		const struct metric_source *ops = source_get(j->kind);

		j->multi = multi;
		j->out_fd = j->err_fd = -1;
		if (ops == NULL)
			source_fail(j, "unknown source kind");
		else
			ops->start(j);
		busy += source_busy(j);
	}
}

/* What a round waits on besides the transfers: the children's pipes. */
struct source_wait {
	struct curl_waitfd *fd;
	struct source_job **job;
	int n;
	int timeout; /* ms */
};

/* Hand every finished transfer to its job. */
static void
source_http_done(CURLM *multi)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(multi, &left)) != NULL) {
		struct source_job *j = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		    (char **)&j);
		if (j != NULL)
			source_http_end(j, m->data.result);
	}
}

/* Add fd of j's child to the wait set. */
static void
source_wait_fd(struct source_wait *w, struct source_job *j, int fd)
{
	w->fd[w->n] = (struct curl_waitfd){ fd, CURL_WAIT_POLLIN, 0 };
	w->job[w->n++] = j;
}

/* Kill j's child past its deadline, reap it if it ended, and add what is
 * left to wait for to w. 1 while j is busy. */
static int
source_child_watch(struct source_job *j, int64_t now_ms, struct source_wait *w)
{
	if (j->pid > 0 && now_ms >= j->deadline_ms) {
		source_child_kill(j);
		source_fail(j, "command: timed out after %d s (killed)",
		    (j->timeout_ms + 999) / 1000);
	}
	source_child_check(j);
	if (!source_busy(j))
		return 0;
	if (j->pid > 0) {
		int64_t left_ms = j->deadline_ms - now_ms;

		if (left_ms < w->timeout)
			w->timeout = left_ms < 1 ? 1 : (int)left_ms;
		if (j->out_fd < 0 && j->err_fd < 0)
			w->timeout = w->timeout > 20 ? 20 : w->timeout;
	}
	if (j->pid > 0 && j->out_fd >= 0)
		source_wait_fd(w, j, j->out_fd);
	if (j->pid > 0 && j->err_fd >= 0)
		source_wait_fd(w, j, j->err_fd);
	return 1;
}

/* Read what the children printed, where poll saw something. */
static void
source_wait_read(const struct source_wait *w)
{
	int i;

	for (i = 0; i < w->n; i++) {
		struct source_job *j = w->job[i];

		if (w->fd[i].revents == 0 || j->pid <= 0)
			continue;
		if (w->fd[i].fd == j->out_fd)
			source_child_read(j, &j->out_fd, &j->out,
			    SOURCE_OUTPUT_MAX, 1);
		else if (w->fd[i].fd == j->err_fd)
			source_child_read(j, &j->err_fd, &j->errout,
			    SOURCE_STDERR_MAX, 0);
	}
}

void
source_run(struct source_job *jobs, int n)
{
	struct source_wait w;
	CURLM *multi;
	int i, busy, next = 0;

	w.fd = xcalloc((size_t)n * 2 + 1, sizeof *w.fd);
	w.job = xcalloc((size_t)n * 2 + 1, sizeof *w.job);
	source_global_init();
	source_subreaper();
	if ((multi = curl_multi_init()) == NULL)
		fatal("out of memory starting HTTP");
	for (;;) {
		int running;
		int64_t now_ms;

		source_start_more(jobs, n, &next, multi);
		now_ms = wr_mono_ms();
		curl_multi_perform(multi, &running);
		source_http_done(multi);
		w.n = 0;
		w.timeout = 1000;
		busy = 0;
		for (i = 0; i < n; i++)
			busy += source_child_watch(&jobs[i], now_ms, &w);
		if (busy == 0 && next >= n)
			break;
		curl_multi_poll(multi, w.fd, (unsigned)w.n, w.timeout, NULL);
		source_wait_read(&w);
	}
	for (i = 0; i < n; i++) /* a source that never reported */
		if (!jobs[i].done)
			source_fail(&jobs[i], "%s: no result",
			    source_get(jobs[i].kind) ?
			    source_get(jobs[i].kind)->name : "source");
	curl_multi_cleanup(multi);
	free(w.fd);
	free(w.job);
	source_sweep();
}

void
source_job_clear(struct source_job *j)
{
	if (j->easy != NULL) {
		curl_multi_remove_handle(j->multi, j->easy);
		curl_easy_cleanup(j->easy);
	}
	curl_slist_free_all(j->headers);
	if (j->pid > 0)
		source_child_kill(j);
	source_child_close(j);
	buf_free(&j->body);
	buf_free(&j->out);
	buf_free(&j->errout);
	free(j->name);
	free(j->query);
	free(j->samples);
	*j = (struct source_job){0};
}
