/* composer.h: the status-update composer (u): audience, the phase heading
 * (fixed), the body from the audience's template, preview and send. */
#ifndef WR_COMPOSER_H
#define WR_COMPOSER_H

struct tui;

int composer_open(struct tui *t); /* KEY_* bits */
#endif
