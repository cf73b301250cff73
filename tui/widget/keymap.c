/* keymap.c: looking a key up in a mode's table (keymap.h). */
#include "widget/keymap.h"

#include <curses.h>

const struct key_binding *
keymap_find(const struct keymap *m, int key, int is_code, int pane)
{
	int i;

	for (i = 0; i < m->n; i++) {
		const struct key_binding *k = &m->keys[i];
		int code = k->key >= KEY_MIN;

		if (k->key != key || code != is_code)
			continue;
		if (k->pane >= 0 && pane >= 0 && k->pane != pane)
			continue;
		return k;
	}
	return NULL;
}
