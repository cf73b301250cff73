/* src_command.c: a command (run by sh -c, with a timeout and bounded
 * output) that prints one number, or "timestamp value" lines. Anyone who
 * can write the database can add one, so the agent runs them only when its
 * own config file says [command] enabled = yes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "base/config.h"
#include "agent/source.h"
#include "base/text.h"

/* Parse one number filling all of [s, e); 0 or -1. */
static int
command_number(const char *s, const char *e, double *v)
{
	char tmp[80], *end;
	size_t n = (size_t)(e - s);

	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*v = strtod(tmp, &end);
	return *end == '\0' ? 0 : -1;
}

int
command_parse(const char *out, size_t len, int64_t now,
    struct sample **samples, int *n, char *err)
{
	struct sample *list = NULL;
	const char *p = out, *end = out + len;
	int cnt = 0, cap = 0, lines = 0, lineno = 0;

	*samples = NULL;
	*n = 0;
	if (memchr(out, '\0', len) != NULL) {
		err_set(err, "output is not text");
		return -1;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *a = p, *ae, *b, *be;
		double t, v;

		p = nl ? nl + 1 : end;
		lineno++;
		while (a < le && strchr(" \t\r", *a))
			a++;
		be = le;
		while (be > a && strchr(" \t\r", be[-1]))
			be--;
		if (a == be)
			continue;
		if (++lines > SOURCE_POINTS_MAX) {
			err_set(err, "more than %d lines", SOURCE_POINTS_MAX);
			goto fail;
		}
		ae = a;
		while (ae < be && !strchr(" \t", *ae))
			ae++;
		b = ae;
		while (b < be && strchr(" \t", *b))
			b++;
		if (b == be) { /* one number: a value taken now */
			t = (double)now;
			if (command_number(a, ae, &v) != 0)
				goto bad;
		} else if (command_number(a, ae, &t) != 0 ||
		    command_number(b, be, &v) != 0 || !isfinite(t) ||
		    t < 1 || t > 1e11)
			goto bad;
		if (!isfinite(v))
			continue;
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			list = xreallocarray(list, (size_t)cap, sizeof *list);
		}
		list[cnt].t = (int64_t)floor(t);
		list[cnt].v = v;
		cnt++;
	}
	if (lines == 0) {
		err_set(err, "printed nothing (expected a number)");
		goto fail;
	}
	*samples = list;
	*n = cnt;
	return 0;
bad:
	err_set(err, "line %d is not a number or \"timestamp value\"",
	    lineno);
fail:
	free(list);
	return -1;
}

static void
command_start(struct source_job *j)
{
	const char *on = config_get(j->cf, "command", "enabled");

	if (config_bool(on) != 1) {
		source_fail(j, "command: command sources are off; the agent's "
		    "config file needs [command] enabled = yes");
		return;
	}
	source_spawn(j, j->query);
}

static void
command_finish(struct source_job *j, long status, const char *data,
    size_t len)
{
	struct sample *s;
	int n, st = (int)status;
	char err[ERR_LEN];

	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		char *why = source_one_line(j->errout.p ? j->errout.p : "",
		    j->errout.len, 160);

		if (WIFEXITED(st))
			source_fail(j, "command: exit status %d%s%s",
			    WEXITSTATUS(st), *why ? ": " : "", why);
		else
			source_fail(j, "command: killed by signal %d",
			    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		free(why);
		return;
	}
	if (command_parse(data, len, j->now, &s, &n, err) != 0) {
		source_fail(j, "command: %s", err);
		return;
	}
	source_samples(j, s, n);
}

const struct metric_source src_command = {
	.name = "command",
	.start = command_start,
	.finish = command_finish,
};
