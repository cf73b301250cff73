/* test_tui.c: the screen's parts in-process: theme parsing, the layout at
 * many sizes, drawing wide text into curses cells, the snapshot, the four
 * panes rendered from a real database (newterm on /dev/null), the overlay
 * stack and the key tables with the help printed from them. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "model/board.h"
#include "model/incident.h"
#include "view/snapshot.h"
#include "store/store.h"
#include "model/timeline.h"
#include "widget/draw.h"
#include "pane/pane.h"
#include "widget/theme.h"

#include "fixture.h"
#include "fixture_screen.h"

static void
test_theme_parse(void **state)
{
	struct theme t;
	char err[ERR_LEN];

	(void)state;
	theme_init(&t);
	assert_int_equal(theme_parse(&t, "# comment\n\nset crit = fg=red,bold "
	    "# why\nset spark = fg=#ff0000 bg=colour17\n"
	    "  set border.focus=reverse,nobold\n", "x.theme", err), 0);
	assert_int_equal(t.el[TH_CRIT].fg, 1);
	assert_true(t.el[TH_CRIT].attrs & TH_A_BOLD);
	assert_int_equal(t.el[TH_SPARK].fg, 196);
	assert_int_equal(t.el[TH_SPARK].bg, 17);
	assert_true(t.el[TH_BORDER_FOCUS].attrs & TH_A_REVERSE);
	assert_false(t.el[TH_BORDER_FOCUS].attrs & TH_A_BOLD);

	assert_int_equal(theme_parse(&t, "set crit = bold\nset warn = fg=purple\n",
	    "bad.theme", err), -1);
	assert_string_equal(err, "bad.theme:2: unknown colour 'purple' (use a "
	    "name, colour0-255, #rrggbb or default)");
	assert_int_equal(theme_parse(&t, "set nope = bold\n", "b", err), -1);
	assert_non_null(strstr(err, "b:1: unknown element 'nope'"));
	assert_int_equal(theme_parse(&t, "crit = bold\n", "b", err), -1);
	assert_non_null(strstr(err, "b:1: expected"));
	assert_int_equal(theme_parse(&t, "set crit = blinky\n", "b", err), -1);
	assert_non_null(strstr(err, "unknown style 'blinky'"));
	/* Hostile bytes in an error are cleaned. */
	assert_int_equal(theme_parse(&t, "set \x1b[2J = bold\n", "b", err), -1);
	assert_null(strchr(err, 0x1b));
	theme_free(&t);
}

static void
test_theme_colours(void **state)
{
	(void)state;
	assert_int_equal(theme_parse_colour("default"), TH_DEFAULT);
	assert_int_equal(theme_parse_colour("brightred"), 9);
	assert_int_equal(theme_parse_colour("colour255"), 255);
	assert_int_equal(theme_parse_colour("color0"), 0);
	assert_int_equal(theme_parse_colour("colour256"), -2);
	assert_int_equal(theme_parse_colour("colour"), -2);
	assert_int_equal(theme_parse_colour("#fff"), -2);
	assert_int_equal(theme_parse_colour("#zz0000"), -2);
	assert_int_equal(theme_parse_colour("#000000"), 16);
	assert_int_equal(theme_parse_colour("#ffffff"), 231);
	assert_int_equal(theme_parse_colour("#808080"), 244);
	assert_int_equal(theme_256_to_8(196), 1);  /* red */
	assert_int_equal(theme_256_to_8(46), 2);   /* green */
	assert_int_equal(theme_256_to_8(21), 4);   /* blue */
	assert_int_equal(theme_256_to_8(9), 1);
}

/* Every shipped theme parses. */
static void
test_theme_files(void **state)
{
	static const char *const names[] = {"default", "light",
	    "high-contrast", "mono"};
	char err[ERR_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(names); i++) {
		struct theme t;
		char *path = xasprintf("themes/%s.theme", names[i]);
		int rc = theme_load(&t, path, err);

		if (rc != 0)
			fail_msg("%s", err);
		theme_free(&t);
		free(path);
	}
}

static void
test_layout(void **state)
{
	struct rect r[PANE_COUNT];
	int rows, cols;

	(void)state;
	assert_int_equal(layout_compute(15, 80, r), -1);
	assert_int_equal(layout_compute(24, 59, r), -1);
	for (rows = LAYOUT_MIN_ROWS; rows <= 100; rows += 3)
		for (cols = LAYOUT_MIN_COLS; cols <= 300; cols += 7) {
			long area = 0;
			int i, j;

			assert_int_equal(layout_compute(rows, cols, r), 0);
			for (i = 0; i < PANE_COUNT; i++) {
				assert_true(r[i].y >= 0 && r[i].x >= 0);
				assert_true(r[i].y + r[i].h <= rows - 2);
				assert_true(r[i].x + r[i].w <= cols);
				/* Every pane shows a few lines of text. */
				assert_true(r[i].h >= 6 && r[i].w >= 24);
				area += (long)r[i].h * r[i].w;
				for (j = 0; j < i; j++)
					assert_false(r[i].x < r[j].x + r[j].w &&
					    r[j].x < r[i].x + r[i].w &&
					    r[i].y < r[j].y + r[j].h &&
					    r[j].y < r[i].y + r[i].h);
			}
			assert_int_equal(area, (long)(rows - 2) * cols);
		}
}

static int
screen_up(void **state)
{
	(void)state;
	return fx_screen_up(40, 120);
}

static int
screen_down(void **state)
{
	(void)state;
	fx_screen_down();
	return 0;
}

/* The text of row y of w as UTF-8 (wide characters once). */
static char *
row_text(WINDOW *w, int y)
{
	return fx_row(w, y, 0, getmaxx(w));
}

static void
test_draw_wide(void **state)
{
	WINDOW *w = newwin(2, 12, 0, 0);
	char *s;
	int used;

	(void)state;
	assert_true(draw_utf8());
	werase(w);
	/* 7 columns: 3 wide characters, never half of the 4th. */
	used = draw_text(w, 0, 0, "日本語テキスト", 7, TH_NORMAL);
	assert_int_equal(used, 6);
	s = row_text(w, 0);
	assert_string_equal(s, "日本語      ");
	free(s);
	/* Control characters are drawn as U+FFFD, never raw. */
	werase(w);
	used = draw_text(w, 0, 0, "a\x1b[2Jb\tc", 12, TH_NORMAL);
	s = row_text(w, 0);
	assert_string_equal(s, "a\xef\xbf\xbd[2Jb c    ");
	assert_int_equal(used, 8);
	free(s);
	/* An ellipsis marks text that was cut. */
	werase(w);
	used = draw_text_ell(w, 1, 0, "abcdefghijklmnop", 6, TH_NORMAL);
	assert_int_equal(used, 6);
	s = row_text(w, 1);
	assert_string_equal(s, "abcde…      ");
	free(s);
	/* Combining marks ride on their base character. */
	werase(w);
	used = draw_text(w, 0, 0, "e\xcc\x81x", 12, TH_NORMAL);
	assert_int_equal(used, 2);
	s = row_text(w, 0);
	assert_string_equal(s, "e\xcc\x81x          ");
	free(s);
	delwin(w);
}

static int64_t
seed(struct store *st)
{
	char err[ERR_LEN];
	struct entry e = {0};
	int64_t inc;
	int i;

	inc = incident_declare(st, "決済の障害 payments down", SEV2, "alice",
	    0, err);
	assert_true(inc > 0);
	assert_int_equal(board_join(st, inc, "田中", ROLE_OPS, "alice", err), 0);
	assert_int_equal(board_assign(st, inc, "田中", "原因の特定",
	    "ログを確認", "alice", err), 0);
	assert_int_equal(board_join(st, inc, "dave", ROLE_RESPONDER, "alice",
	    err), 0);
	e.kind = KIND_EVENT;
	e.author = (char *)(uintptr_t)"bob";
	for (i = 0; i < 50; i++) {
		char text[32];

		snprintf(text, sizeof text, "entry %02d", i);
		e.text = text;
		e.event_time = wr_now() - 100 + i;
		assert_true(timeline_add(st, inc, &e, err) > 0);
	}
	assert_int_equal(incident_set_phase(st, inc, PHASE_INVESTIGATING, NULL,
	    "alice", err), 0);
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO series (name, "
	    "source, query, unit, warn, crit, interval) VALUES "
	    "('p99 latency', 'demo', 'latency', 'ms', 800, 1500, 5), "
	    "('empty', 'demo', 'x', '', NULL, NULL, 5)", NULL, NULL, NULL),
	    SQLITE_OK);
	{
		sqlite3_stmt *s;
		int64_t now = wr_now();

		assert_int_equal(sqlite3_prepare_v2(store_db(st), "INSERT INTO "
		    "sample VALUES (1, ?1, ?2)", -1, &s, NULL), SQLITE_OK);
		for (i = 0; i < 20; i++) {
			sqlite3_bind_int64(s, 1, now - 100 + i * 5);
			sqlite3_bind_double(s, 2, 500 + i * 60);
			assert_int_equal(sqlite3_step(s), SQLITE_DONE);
			sqlite3_reset(s);
		}
		sqlite3_finalize(s);
	}
	return inc;
}

static void
test_snapshot(void **state)
{
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct snapshot s;
	int64_t inc = seed(st);

	(void)state;
	assert_int_equal(snapshot_load(st, inc, wr_now(), &s, err), 0);
	assert_int_equal(s.incident_id, inc);
	assert_string_equal(s.inc.title, "決済の障害 payments down");
	assert_int_equal(s.inc.phase, PHASE_INVESTIGATING);
	assert_int_equal(s.nboard, 3); /* alice, 田中, dave */
	/* 50 entries, the phase entry, and the board's own entries */
	assert_int_equal(s.tl_total, timeline_count(st, inc, NULL));
	assert_true(s.tl_total >= 51);
	assert_int_equal(s.nseries, 2);
	assert_string_equal(s.series[1].s.name, "p99 latency");
	assert_int_equal(s.series[1].nsamples, 20);
	assert_true(isnan(s.series[0].s.warn));
	assert_int_equal(s.series[0].nsamples, 0);
	assert_null(snapshot_latest(&s.series[0]));
	assert_true(snapshot_latest(&s.series[1])->v > 1600);
	/* The declaration and the phase change, oldest first. */
	assert_int_equal(s.nmarkers, 2);
	assert_int_equal(s.markers[0].kind, KIND_PHASE);
	assert_int_equal(s.markers[1].kind, KIND_PHASE);
	assert_true(s.markers[0].t <= s.markers[1].t);
	assert_true(s.next_update > s.inc.detected);
	snapshot_clear(&s);
	/* No incident: the series still load. */
	assert_int_equal(snapshot_load(st, 0, wr_now(), &s, err), 0);
	assert_int_equal(s.nseries, 2);
	assert_int_equal(s.nboard, 0);
	snapshot_clear(&s);
	fx_close(fx);
}

/* Does any row of the pane contain text? */
static int
pane_shows(struct pane *p, const char *text)
{
	int y, found = 0;

	for (y = 0; y < p->h && !found; y++) {
		char *s = row_text(p->win, y);

		found = strstr(s, text) != NULL;
		free(s);
	}
	return found;
}

static void
test_panes_render(void **state)
{
	static const struct pane_class *const classes[PANE_COUNT] = {
		&pane_phase_class, &pane_board_class, &pane_metrics_class,
		&pane_timeline_class};
	char err[ERR_LEN];
	struct fx *fx = fx_must();
	struct store *st = fx->st;
	struct tui t;
	struct rect r[PANE_COUNT];
	int64_t inc = seed(st);
	int i;

	(void)state;
	memset(&t, 0, sizeof t);
	t.st = st;
	t.as = "tester";
	assert_int_equal(layout_compute(40, 120, r), 0);
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &t.panes[i];

		p->cls = classes[i];
		p->id = (enum pane_id)i;
		p->priv = p->cls->create();
		p->y = r[i].y;
		p->x = r[i].x;
		p->h = r[i].h;
		p->w = r[i].w;
		p->win = newwin(p->h, p->w, p->y, p->x);
		p->cls->resize(p, &t);
	}
	/* As the screen loads it: what the panes want (the metric window,
	 * one point per column) is known once they have their sizes. */
	assert_int_equal(snapshot_load_want(st, inc, wr_now(), &t.want,
	    &t.snap, err), 0);
	t.have_snap = 1;
	for (i = 0; i < PANE_COUNT; i++) {
		t.panes[i].cls->recalc(&t.panes[i], &t);
		t.panes[i].cls->draw(&t.panes[i], &t);
	}
	assert_true(pane_shows(&t.panes[PANE_PHASE], "Phase"));
	assert_true(pane_shows(&t.panes[PANE_PHASE], "payments down"));
	assert_true(pane_shows(&t.panes[PANE_PHASE], "【調査中】 investigating"));
	assert_true(pane_shows(&t.panes[PANE_BOARD], "田中"));
	assert_true(pane_shows(&t.panes[PANE_BOARD], "IDLE"));
	assert_true(pane_shows(&t.panes[PANE_METRICS], "1640 ms"));
	assert_true(pane_shows(&t.panes[PANE_METRICS], "no data"));
	assert_true(pane_shows(&t.panes[PANE_METRICS], "\xe2\x96\x81"));
	assert_true(pane_shows(&t.panes[PANE_TIMELINE], "entry 49"));
	assert_false(pane_shows(&t.panes[PANE_TIMELINE], "entry 00"));
	/* Keys: to the oldest entry, and back to the newest. */
	assert_true(t.panes[PANE_TIMELINE].cls->key(&t.panes[PANE_TIMELINE],
	    &t, ACT_TOP) & KEY_HANDLED);
	t.panes[PANE_TIMELINE].cls->draw(&t.panes[PANE_TIMELINE], &t);
	assert_true(pane_shows(&t.panes[PANE_TIMELINE], "scrolled back"));
	t.panes[PANE_TIMELINE].cls->key(&t.panes[PANE_TIMELINE], &t,
	    ACT_PAGE_DOWN);
	t.panes[PANE_TIMELINE].cls->key(&t.panes[PANE_TIMELINE], &t, ACT_BOTTOM);
	t.panes[PANE_TIMELINE].cls->draw(&t.panes[PANE_TIMELINE], &t);
	assert_true(pane_shows(&t.panes[PANE_TIMELINE], "entry 49"));
	for (i = 0; i < PANE_COUNT; i++) {
		t.panes[i].cls->free(&t.panes[i]);
		delwin(t.panes[i].win);
	}
	snapshot_clear(&t.snap);
	fx_close(fx);
}

/* A stand-in overlay: its data is an int; closing adds it to closed. */
static int overlay_closed;

static void
dummy_draw(struct tui *t, void *data)
{
	(void)t;
	(void)data;
}

static int
dummy_key(struct tui *t, void *data, int is_code, wint_t ch)
{
	(void)t;
	(void)is_code;
	(void)ch;
	return *(int *)data;
}

static void
dummy_close(struct tui *t, void *data)
{
	(void)t;
	overlay_closed += *(int *)data;
}

static const struct key_binding dummy_key_table[] = {
	{'x', "x", ACT_CLOSE, -1, NEED_NONE, "close the dummy", 0, NULL},
	{KEY_F(1), "F1", ACT_HELP, -1, NEED_NONE, "show these keys", 0, NULL},
	{'b', "b", ACT_DONE, PANE_BOARD, NEED_COMMANDER,
	    "the Board's only", 0, NULL},
};
static const struct keymap dummy_keys = KEYMAP("Keys: dummy",
    dummy_key_table);
static const struct overlay_ops dummy_ops = {dummy_draw, dummy_key, NULL,
	dummy_close, &dummy_keys};

static void
test_overlay_stack(void **state)
{
	struct tui t;
	int one = 1, two = 2, ten = 10;
	struct overlay *o;

	(void)state;
	memset(&t, 0, sizeof t);
	overlay_closed = 0;
	assert_null(overlay_top(&t));
	overlay_open(&t, OVERLAY_DIALOG, &dummy_ops, &one);
	overlay_open(&t, OVERLAY_FORM, &dummy_ops, &ten);
	/* The highest layer gets the keys, whatever was opened first. */
	o = overlay_top(&t);
	assert_ptr_equal(o->data, &ten);
	assert_int_equal(o->ops->key(&t, o->data, 0, 'x'), 10);
	assert_ptr_equal(overlay_get(&t, OVERLAY_DIALOG)->keys, &dummy_keys);
	assert_null(overlay_get(&t, OVERLAY_HELP));
	/* Opening into a taken layer closes what was there. */
	overlay_open(&t, OVERLAY_DIALOG, &dummy_ops, &two);
	assert_int_equal(overlay_closed, 1);
	overlay_close(&t, OVERLAY_FORM);
	assert_int_equal(overlay_closed, 11);
	assert_ptr_equal(overlay_top(&t)->data, &two);
	/* Drawn when dirty (as opened) or forced, once. */
	assert_int_equal(overlay_draw(&t, OVERLAY_DIALOG, 0), 1);
	assert_int_equal(overlay_draw(&t, OVERLAY_DIALOG, 0), 0);
	assert_int_equal(overlay_draw(&t, OVERLAY_DIALOG, 1), 1);
	overlay_mark(&t, OVERLAY_LAYERS);
	assert_int_equal(overlay_draw(&t, OVERLAY_DIALOG, 0), 1);
	assert_int_equal(overlay_draw(&t, OVERLAY_HELP, 1), 0);
	overlay_close(&t, OVERLAY_HELP); /* empty: nothing happens */
	overlay_close_all(&t);
	assert_int_equal(overlay_closed, 13);
	assert_null(overlay_top(&t));
}

/* Row y of w as text (ASCII cells). */
static const char *
win_row(WINDOW *w, int y)
{
	static char buf[256];

	if (mvwinnstr(w, y, 0, buf, (int)sizeof buf - 1) == ERR)
		buf[0] = '\0';
	return buf;
}

static void
test_keymaps(void **state)
{
	const struct key_binding *k;
	struct overlay *o;
	struct tui t;

	(void)state;
	k = keymap_find(&dummy_keys, 'x', 0, -1);
	assert_non_null(k);
	assert_int_equal(k->act, ACT_CLOSE);
	assert_null(keymap_find(&dummy_keys, 'x', 1, -1)); /* not a code */
	k = keymap_find(&dummy_keys, KEY_F(1), 1, -1);
	assert_non_null(k);
	assert_int_equal(k->act, ACT_HELP);
	assert_null(keymap_find(&dummy_keys, 'b', 0, PANE_PHASE));
	assert_non_null(keymap_find(&dummy_keys, 'b', 0, PANE_BOARD));
	assert_non_null(keymap_find(&dummy_keys, 'b', 0, -1));
	/* The panes' table: one key, an action per pane. */
	assert_int_equal(keymap_find(&keys_normal, '?', 0, PANE_PHASE)->act,
	    ACT_HELP);
	assert_int_equal(keymap_find(&keys_normal, 'a', 0, PANE_BOARD)->act,
	    ACT_ASSIGN);
	assert_int_equal(keymap_find(&keys_normal, 'a', 0, PANE_TIMELINE)->act,
	    ACT_TL_ADD);
	/* The help prints the table it was opened with. */
	memset(&t, 0, sizeof t);
	help_open(&t, &dummy_keys);
	assert_int_equal(overlay_draw(&t, OVERLAY_HELP, 1), 1);
	o = overlay_get(&t, OVERLAY_HELP);
	assert_non_null(o->win);
	assert_non_null(strstr(win_row(o->win, 0), "Keys: dummy"));
	assert_non_null(strstr(win_row(o->win, 1), "x"));
	assert_non_null(strstr(win_row(o->win, 1), "close the dummy"));
	assert_non_null(strstr(win_row(o->win, 2), "F1"));
	assert_non_null(strstr(win_row(o->win, 3), "(commander)"));
	/* Any other key closes it. */
	assert_int_equal(o->ops->key(&t, o->data, 0, 'q'), KEY_HANDLED);
	assert_null(overlay_top(&t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_parse),
		cmocka_unit_test(test_theme_colours),
		cmocka_unit_test(test_theme_files),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_snapshot),
		cmocka_unit_test(test_draw_wide),
		cmocka_unit_test(test_panes_render),
		cmocka_unit_test(test_overlay_stack),
		cmocka_unit_test(test_keymaps),
	};

	return cmocka_run_group_tests(tests, screen_up, screen_down);
}
