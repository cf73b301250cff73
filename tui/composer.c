/* composer.c: placeholder */
#include "composer.h"
#include "pane.h"
int
composer_open(struct tui *t)
{
	tui_message(t, 1, "not yet");
	return KEY_HANDLED;
}
void
composer_free(void)
{
}
