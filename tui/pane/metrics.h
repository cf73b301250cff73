/* metrics.h: what the Metrics pane shares with the detail view of one
 * series (dialog/detail.c): the markers' glyphs, the scale, columns and
 * value texts of a chart, the window steps and the selected series. */
#ifndef WR_PANE_METRICS_H
#define WR_PANE_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "view/snapshot.h"
#include "widget/keymap.h"
#include "widget/theme.h"

struct tui;

/* A timeline marker's glyph: distinct shapes, and letters without UTF-8. */
struct metrics_marker {
	int kind;       /* KIND_* of the timeline entry */
	uint32_t cp;
	char ascii;
	const char *name;
};

/* The marker of an entry kind (the first one for any other kind). */
const struct metrics_marker *metrics_marker(int kind);
/* Higher is worse unless crit is set below warn. */
enum theme_el metrics_level(const struct series *s, double v);
/* The worst value a point stands for, to colour it by. */
double metrics_worst(const struct series *s, const struct snap_range *r);
/* A value with its unit ("1.50%", "600 ms"). */
void metrics_value(double v, const char *unit, char *out, size_t n);
/* A window's length as "5m", "1h"; returns out. */
const char *metrics_window_name(int64_t w, char *out, size_t n);
/* The column of time t on an axis of cols columns from..from+span, or -1. */
int metrics_col(int64_t t, int64_t from, int64_t span, int cols);
/* The lowest and highest sample of ss (INFINITY, -INFINITY without any). */
void metrics_bounds(const struct snap_series *ss, double *lo, double *hi);
/* The window keys (w + -): the next window round, a shorter or a longer
 * one, reloaded; KEY_* bits, 0 for any other action. */
int metrics_window_key(struct tui *t, enum tui_action act);
/* The index of the pane's selected series in t->snap, or -1. */
int metrics_selected(const struct tui *t);
/* Select the next (dir > 0) or previous series, round the end. */
void metrics_select_step(struct tui *t, int dir);
#endif
