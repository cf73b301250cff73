/* decide.h: decisions on screen (D): text, reason, risk, sign-off and a
 * checklist walked question by question; releases and flags (R, F). */
#ifndef WR_DECIDE_H
#define WR_DECIDE_H

struct tui;

/* Each starts its flow and returns KEY_* bits. */
int decide_open(struct tui *t);
int decide_deploy(struct tui *t);
int decide_flag(struct tui *t);
/* Release what an unfinished flow holds (at exit). */
void decide_free(struct tui *t);
#endif
