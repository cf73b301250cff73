/* src_demo.c: the built-in demo generator. Every curve follows the same
 * incident, on a five-minute loop so a demo screen visibly moves: normal,
 * a bad deploy and a spike, a rollback, a recovery. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agent/source.h"
#include "base/text.h"

#define DEMO_PERIOD 300 /* seconds of one loop */
#define DEMO_START 60   /* the bad deploy */
#define DEMO_PEAK 80    /* full impact */
#define DEMO_ROLLBACK 170
#define DEMO_DECAY 20.0 /* seconds for the impact to fall to 1/e */


/* Normal value, value at full impact, and noise (fraction of normal). */
static const struct {
	double normal, impact, noise;
} demo_shape[] = {
	{0.4, 11.0, 0.15},    /* errors: % of requests failing */
	{120.0, 950.0, 0.06}, /* latency: p99 in ms */
	{35.0, 93.0, 0.05},   /* cpu: % busy */
	{1200.0, 650.0, 0.04}, /* requests: per second; users give up */
};

/* How bad things are at second s of the loop, 0..1. */
static double
demo_impact(int s)
{
	if (s < DEMO_START)
		return 0;
	if (s < DEMO_PEAK)
		return (double)(s - DEMO_START) / (DEMO_PEAK - DEMO_START);
	if (s < DEMO_ROLLBACK)
		return 1;
	return exp(-(s - DEMO_ROLLBACK) / DEMO_DECAY);
}

/* Repeatable noise in -1..1 from t and the curve. */
static double
demo_noise(int curve, int64_t t)
{
	uint64_t x = (uint64_t)t * 0x9e3779b97f4a7c15ull + (uint64_t)curve;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 29;
	return (double)(x % 20001) / 10000.0 - 1.0;
}

double
demo_value(int curve, int64_t t)
{
	int s = (int)(((t % DEMO_PERIOD) + DEMO_PERIOD) % DEMO_PERIOD);
	double k, v;

	if (curve < 0 || curve >= demo_ncurves)
		return NAN;
	k = demo_impact(s);
	v = demo_shape[curve].normal +
	    (demo_shape[curve].impact - demo_shape[curve].normal) * k;
	v *= 1.0 + demo_shape[curve].noise * (1.0 + k) * demo_noise(curve, t);
	return v < 0 ? 0 : v;
}

static void
demo_start(struct source_job *j)
{
	int curve = demo_curve(j->query), step = j->interval > 0 ? j->interval
	    : 1;
	int64_t t, from = j->from;

	if (curve < 0) {
		source_fail(j, "demo: unknown curve '%.40s'", j->query);
		return;
	}
	/* One sample per interval, on multiples of it, up to now; a long
	 * catch-up is cut to what one answer may carry. */
	if ((j->now - from) / step >= SOURCE_POINTS_MAX)
		from = j->now - (int64_t)step * (SOURCE_POINTS_MAX - 1);
	for (t = (from + step - 1) / step * step; t <= j->now; t += step)
		source_sample(j, t, demo_value(curve, t));
	source_ok(j);
}

static void
demo_finish(struct source_job *j, long status, const char *data, size_t len)
{
	(void)status;
	(void)data;
	(void)len;
	source_fail(j, "demo: nothing to finish");
}

const struct metric_source src_demo = {
	.name = "demo",
	.start = demo_start,
	.finish = demo_finish,
};
