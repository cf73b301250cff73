/* clock.c: waits on the wall clock that a step back cannot stretch. */
#include "base/clock.h"

int64_t
clock_wait(int64_t at, int64_t now, int64_t max)
{
	if (at <= now || at - now > max)
		return 0;
	return at - now;
}
