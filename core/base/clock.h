/* clock.h: waits set on the wall clock that survive the clock stepping
 * back (NTP, a resumed VM): a time further ahead than any wait ever set
 * cannot be one we set, so it is treated as due. */
#ifndef WR_CLOCK_H
#define WR_CLOCK_H

#include <stdint.h>

/* Seconds from now until at, a time set at most max seconds ahead: 0 when
 * at is reached, and 0 too when it lies more than max ahead (the wall
 * clock went back since it was set). */
int64_t clock_wait(int64_t at, int64_t now, int64_t max);
#endif
