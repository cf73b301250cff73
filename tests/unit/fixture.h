/* fixture.h: the set-up unit tests share: a fresh temporary folder with a
 * store open on a real SQLite file in it, optionally an incident declared
 * and people joined, and the whole folder removed again afterwards.
 * Header only (static inline): the Makefile links each test_*.c alone. */
#ifndef WARROOM_TEST_FIXTURE_H
#define WARROOM_TEST_FIXTURE_H

#include <ftw.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/util.h"
#include "model/board.h"
#include "model/incident.h"
#include "store/store.h"

struct fx {
	char dir[96];		/* the folder, under $TMPDIR or /tmp */
	char path[128];		/* DIR/w.db, the store's file */
	char other[128];	/* DIR/other, a name beside it, not made */
	struct store *st;	/* open on path (STORE_RW | STORE_CREATE) */
	int64_t inc;		/* the incident of fx_declare, or 0 */
};

static inline int
fx_rm_one(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return type == FTW_DP ? rmdir(p) : unlink(p);
}

/* Remove DIR and everything under it (links are removed, not followed). */
static inline int
fx_rmtree(const char *dir)
{
	return nftw(dir, fx_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A fresh folder holding a new, empty store; NULL (said on stderr) if
 * either cannot be made. fx_close releases it. */
static inline struct fx *
fx_open(void)
{
	struct fx *f = xcalloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");
	char err[ERR_LEN];

	snprintf(f->dir, sizeof f->dir, "%s/wr-unit-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL) {
		perror(f->dir);
		free(f);
		return NULL;
	}
	snprintf(f->path, sizeof f->path, "%s/w.db", f->dir);
	snprintf(f->other, sizeof f->other, "%s/other", f->dir);
	f->st = store_open(f->path, STORE_RW | STORE_CREATE, err);
	if (f->st == NULL) {
		fprintf(stderr, "%s: %s\n", f->path, err);
		fx_rmtree(f->dir);
		free(f);
		return NULL;
	}
	return f;
}

/* Close the store (if open), remove the folder; 0, or -1 if the folder
 * could not be removed. F may be NULL. */
static inline int
fx_close(struct fx *f)
{
	int rc;

	if (f == NULL)
		return 0;
	if (f->st != NULL)
		store_close(f->st);
	rc = fx_rmtree(f->dir);
	free(f);
	return rc == 0 ? 0 : -1;
}

/* Declare a SEV2 incident TITLE with BY as its commander, at the clock's
 * now; its id goes to f->inc. 0 or -1 (said on stderr). */
static inline int
fx_declare(struct fx *f, const char *title, const char *by)
{
	char err[ERR_LEN];

	f->inc = incident_declare(f->st, title, SEV2, by, 0, err);
	if (f->inc <= 0) {
		fprintf(stderr, "declaring '%s': %s\n", title, err);
		return -1;
	}
	return 0;
}

/* NAME joins f->inc in ROLE, added by BY. 0 or -1 (said on stderr). */
static inline int
fx_join(struct fx *f, const char *name, int role, const char *by)
{
	char err[ERR_LEN];

	if (board_join(f->st, f->inc, name, role, by, err) != 0) {
		fprintf(stderr, "joining %s: %s\n", name, err);
		return -1;
	}
	return 0;
}

/* fx_open inside a test body: a fixture or the test fails. Needs cmocka.h
 * included first, as every test does. */
static inline struct fx *
fx_must(void)
{
	struct fx *f = fx_open();

	if (f == NULL)
		fail_msg("no temporary folder and store for the test");
	return f;
}

/* The first column of the first row SQL gives on ST, or -1. Prepared here
 * rather than by store_stmt, which keeps statements by their text's
 * address. */
static inline int64_t
fx_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The wall clock warroom reads is T (WARROOM_NOW) until set again or
 * unset. */
static inline void
fx_now(int64_t t)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)t);
	setenv("WARROOM_NOW", v, 1);
}

/* cmocka set-up and tear-down for tests that want only the store. */
static inline int
fx_setup(void **state)
{
	*state = fx_open();
	return *state == NULL ? -1 : 0;
}

static inline int
fx_teardown(void **state)
{
	return fx_close(*state);
}

/* The same, with an incident declared: TITLE, its commander BY. */
static inline int
fx_setup_incident(void **state, const char *title, const char *by)
{
	struct fx *f = fx_open();

	if (f == NULL || fx_declare(f, title, by) != 0) {
		fx_close(f);
		return -1;
	}
	*state = f;
	return 0;
}

#endif
