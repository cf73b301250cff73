/* schema.sql.h: the schema as forward migrations, one statement a string. */
#ifndef WR_SCHEMA_H
#define WR_SCHEMA_H
static const char *const store_migration_1[] = {
"CREATE TABLE incident ("
" id INTEGER PRIMARY KEY,"
" title TEXT NOT NULL CHECK (length(title) > 0),"
" severity TEXT NOT NULL CHECK (severity IN ('SEV1','SEV2','SEV3','SEV4')),"
" phase TEXT NOT NULL DEFAULT 'detected' CHECK (phase IN ('detected',"
"  'investigating','identified','mitigating','monitoring','recovered',"
"  'resolved','retrospective')),"
" commander TEXT,"
" created INTEGER NOT NULL,"
" detected INTEGER NOT NULL,"
" recovered INTEGER, resolved INTEGER,"
" phase_since INTEGER NOT NULL,"
" impact TEXT NOT NULL DEFAULT 'unknown' CHECK (impact IN ('unknown','assessing','known')),"
" impact_scope TEXT,"
" comms TEXT NOT NULL DEFAULT 'not-told' CHECK (comms IN ('not-told','told','updated','recovery-told')),"
" checkin_interval INTEGER NOT NULL DEFAULT 900 CHECK (checkin_interval > 0),"
" update_interval INTEGER NOT NULL DEFAULT 0 CHECK (update_interval >= 0),"
" last_update INTEGER"
")",
"CREATE TABLE entry ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" event_time INTEGER NOT NULL,"
" recorded INTEGER NOT NULL,"
" author TEXT NOT NULL,"
" kind TEXT NOT NULL CHECK (kind IN ('event','action','decision','update',"
"  'note','phase','assignment','release')),"
" text TEXT NOT NULL,"
" source TEXT NOT NULL DEFAULT '',"
" confidence TEXT NOT NULL DEFAULT 'confirmed' CHECK (confidence IN"
"  ('confirmed','likely','unverified')),"
" version INTEGER NOT NULL DEFAULT 1,"
" deleted INTEGER NOT NULL DEFAULT 0,"
" edited INTEGER, edited_by TEXT"
")",
"CREATE INDEX entry_by_time ON entry(incident_id, deleted, event_time, id)",
/* Every version an entry had before an edit or a deletion. */
"CREATE TABLE entry_history ("
" id INTEGER PRIMARY KEY,"
" entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
" version INTEGER NOT NULL,"
" event_time INTEGER NOT NULL, author TEXT NOT NULL, kind TEXT NOT NULL,"
" text TEXT NOT NULL, source TEXT NOT NULL, confidence TEXT NOT NULL,"
" deleted INTEGER NOT NULL,"
" changed INTEGER NOT NULL, changed_by TEXT NOT NULL,"
" UNIQUE (entry_id, version)"
")",
"CREATE TABLE responder ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" name TEXT NOT NULL CHECK (length(name) > 0),"
" role TEXT NOT NULL DEFAULT 'responder' CHECK (role IN ('commander','scribe',"
"  'ops','comms','responder')),"
" state TEXT NOT NULL DEFAULT 'idle' CHECK (state IN ('active','idle','dismissed')),"
" joined INTEGER NOT NULL,"
" last_checkin INTEGER NOT NULL,"
" UNIQUE (incident_id, name)"
")",
"CREATE TABLE assignment ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" responder_id INTEGER NOT NULL REFERENCES responder(id) ON DELETE CASCADE,"
" purpose TEXT NOT NULL CHECK (length(purpose) > 0),"
" task TEXT NOT NULL CHECK (length(task) > 0),"
" state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','done','dropped')),"
" created INTEGER NOT NULL, updated INTEGER NOT NULL"
")",
"CREATE INDEX assignment_by_responder ON assignment(responder_id, state)",
/* Deploys and feature-flag changes (core/model/decision.c). */
"CREATE TABLE release ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,"
" kind TEXT NOT NULL CHECK (kind IN ('deploy','flag')),"
" name TEXT NOT NULL CHECK (length(name) > 0)," /* version, or flag name */
" value TEXT CHECK (value IS NULL OR value IN ('on','off'))," /* flag state */
" rollback_safe TEXT NOT NULL DEFAULT 'unknown' CHECK (rollback_safe IN"
"  ('yes','no','unknown')),"
" at INTEGER NOT NULL, link TEXT"
")",
"CREATE INDEX release_by_time ON release(incident_id, at)",
/* A decision is a timeline entry plus what the entry text only summarises. */
"CREATE TABLE decision ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
" text TEXT NOT NULL CHECK (length(text) > 0),"
" reason TEXT NOT NULL CHECK (length(reason) > 0),"
" risk TEXT NOT NULL DEFAULT '',"
" signoff_from TEXT,"
" signoff_state TEXT NOT NULL DEFAULT 'none' CHECK (signoff_state IN"
"  ('none','pending','approved','rejected')),"
" signed_by TEXT, signed_at INTEGER, signoff_note TEXT,"
" release_id INTEGER REFERENCES release(id) ON DELETE SET NULL," /* rolled back */
" checklist TEXT," /* JSON: {"name","title","answers":[{"q","a","note"}]} */
" CHECK ((signoff_from IS NULL) = (signoff_state = 'none'))"
")",
"CREATE INDEX decision_by_state ON decision(incident_id, signoff_state)",
"CREATE TABLE status_update ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,"
" audience TEXT NOT NULL CHECK (audience IN ('engineers','managers','users')),"
" phase TEXT NOT NULL,"
" heading TEXT NOT NULL,"
" body TEXT NOT NULL,"
" author TEXT NOT NULL,"
" created INTEGER NOT NULL,"
" state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),"
" attempts INTEGER NOT NULL DEFAULT 0,"
" next_attempt INTEGER NOT NULL DEFAULT 0,"
" sent_at INTEGER, last_error TEXT"
")",
"CREATE INDEX outbox ON status_update(state, next_attempt)",
"CREATE TABLE series ("
" id INTEGER PRIMARY KEY,"
" name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),"
" source TEXT NOT NULL CHECK (source IN ('prometheus','mackerel','command','demo')),"
" query TEXT NOT NULL,"
" unit TEXT NOT NULL DEFAULT '',"
" warn REAL, crit REAL,"
" interval INTEGER NOT NULL DEFAULT 15 CHECK (interval > 0),"
" last_ok INTEGER, last_error TEXT,"
" fail_count INTEGER NOT NULL DEFAULT 0,"
" next_poll INTEGER NOT NULL DEFAULT 0"
")",
"CREATE TABLE sample ("
" series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,"
" t INTEGER NOT NULL, v REAL NOT NULL,"
" PRIMARY KEY (series_id, t)"
") WITHOUT ROWID",
"CREATE TABLE action ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" category TEXT NOT NULL CHECK (category IN ('root-cause','permanent-fix',"
"  'prevent-recurrence','detect-faster','recover-faster')),"
" text TEXT NOT NULL CHECK (length(text) > 0),"
" owner TEXT, due INTEGER,"
" done INTEGER NOT NULL DEFAULT 0,"
" entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,"
" created INTEGER NOT NULL"
")",
NULL,
};

/* 1 -> 2: the live entry count of each incident, kept by triggers, so a
 * screen does not count a million rows on every reload. */
static const char *const store_migration_2[] = {
"CREATE TABLE entry_count ("
" incident_id INTEGER PRIMARY KEY REFERENCES incident(id) ON DELETE CASCADE,"
" live INTEGER NOT NULL DEFAULT 0"
")",
"INSERT INTO entry_count (incident_id, live) SELECT i.id, (SELECT count(*) "
"FROM entry e WHERE e.incident_id = i.id AND e.deleted = 0) FROM incident i",
"CREATE TRIGGER entry_count_insert AFTER INSERT ON entry BEGIN "
"INSERT INTO entry_count (incident_id, live) VALUES (NEW.incident_id, "
"NEW.deleted = 0) ON CONFLICT (incident_id) DO UPDATE SET "
"live = live + (NEW.deleted = 0); END",
"CREATE TRIGGER entry_count_update AFTER UPDATE OF deleted, incident_id ON "
"entry BEGIN "
"UPDATE entry_count SET live = live - (OLD.deleted = 0) "
"WHERE incident_id = OLD.incident_id; "
"INSERT INTO entry_count (incident_id, live) VALUES (NEW.incident_id, "
"NEW.deleted = 0) ON CONFLICT (incident_id) DO UPDATE SET "
"live = live + (NEW.deleted = 0); END",
"CREATE TRIGGER entry_count_delete AFTER DELETE ON entry BEGIN "
"UPDATE entry_count SET live = live - (OLD.deleted = 0) "
"WHERE incident_id = OLD.incident_id; END",
NULL,
};

/* 2 -> 3: tombstones. An entry deleted with a reason (a decision, or
 * someone else's entry) stays in the timeline as a tombstone saying who
 * deleted it, when and why; tomb_at 0 means none. deleted stays 0 so the
 * tombstone keeps its place in paging and in the live count. */
static const char *const store_migration_tombstone[] = {
"ALTER TABLE entry ADD COLUMN tomb_at INTEGER NOT NULL DEFAULT 0",
"ALTER TABLE entry ADD COLUMN tomb_by TEXT",
"ALTER TABLE entry ADD COLUMN tomb_reason TEXT",
"ALTER TABLE entry_history ADD COLUMN tomb_at INTEGER NOT NULL DEFAULT 0",
"ALTER TABLE entry_history ADD COLUMN tomb_by TEXT",
"ALTER TABLE entry_history ADD COLUMN tomb_reason TEXT",
NULL,
};

/* 3 -> 4: whether an incident came in by `warroom import`. An import is
 * a copy to read, never what a command without --incident acts on. */
static const char *const store_migration_target[] = {
"ALTER TABLE incident ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 "
"CHECK (imported IN (0, 1))",
NULL,
};

/* 4 -> 5: the origin of warroom's own entries: what warroom wrote itself carries
 * the source "warroom" (and is never marked as of unknown origin); the
 * entries written before this carry none, so they get it here. */
static const char *const store_migration_origin[] = {
"UPDATE entry SET source = 'warroom' WHERE source = '' AND "
"(kind IN ('phase', 'assignment', 'release') "
"OR id IN (SELECT entry_id FROM decision WHERE entry_id IS NOT NULL) "
"OR id IN (SELECT entry_id FROM release WHERE entry_id IS NOT NULL) "
"OR id IN (SELECT entry_id FROM status_update WHERE entry_id IS NOT NULL) "
"OR (kind = 'decision' AND text LIKE 'Sign-off: %' AND EXISTS (SELECT 1 "
"FROM decision d WHERE d.incident_id = entry.incident_id AND "
"d.signed_by = entry.author)))",
NULL,
};

/* 5 -> 6: the users' track remembers when users were told (first, last
 * update, recovery), a failed update someone gave up on is marked dropped
 * (it stops asking for attention), and a snoozed reminder waits. */
static const char *const store_migration_tracks[] = {
"ALTER TABLE incident ADD COLUMN users_told INTEGER",
"ALTER TABLE incident ADD COLUMN users_updated INTEGER",
"ALTER TABLE incident ADD COLUMN recovery_told INTEGER",
"ALTER TABLE incident ADD COLUMN snooze_until INTEGER",
"ALTER TABLE status_update ADD COLUMN dropped_at INTEGER",
"ALTER TABLE status_update ADD COLUMN dropped_by TEXT",
/* Reminders the agent posted to the commander's webhook, by key: each is
 * claimed here before its POST, so it goes out at most once. */
"CREATE TABLE reminder_sent ("
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" key TEXT NOT NULL,"
" at INTEGER NOT NULL,"
" PRIMARY KEY (incident_id, key)"
")",
NULL,
};

/* 6 -> 7: authority: one commander per incident (the one the incident names), and
 * every change of role kept for the postmortem. Old databases may hold a
 * second 'commander' row (join --role commander): it becomes a responder. */
static const char *const store_migration_authority[] = {
"UPDATE incident SET commander = (SELECT r.name FROM responder r WHERE "
"r.incident_id = incident.id AND r.role = 'commander' AND r.state <> "
"'dismissed' ORDER BY r.joined, r.id LIMIT 1) WHERE commander IS NULL",
"UPDATE responder SET role = 'responder' WHERE role = 'commander' AND "
"name IS NOT (SELECT i.commander FROM incident i WHERE "
"i.id = responder.incident_id)",
"CREATE TABLE role_change ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" name TEXT NOT NULL CHECK (length(name) > 0),"
" old_role TEXT CHECK (old_role IS NULL OR old_role IN ('commander',"
"  'scribe','ops','comms','responder')),"  /* NULL: joined */
" new_role TEXT NOT NULL CHECK (new_role IN ('commander','scribe','ops',"
"  'comms','responder')),"
" at INTEGER NOT NULL,"
" by TEXT NOT NULL"
")",
/* Triggers, not a unique index: 'VACUUM INTO' (the team host's backup)
 * recreates indexes before triggers, so an index made after migration 2's
 * triggers would dump in another order than the copy. */
"CREATE TRIGGER one_commander_insert BEFORE INSERT ON responder "
"WHEN NEW.role = 'commander' AND EXISTS (SELECT 1 FROM responder r WHERE "
"r.incident_id = NEW.incident_id AND r.role = 'commander') BEGIN "
"SELECT RAISE(ABORT, 'an incident has one commander at a time'); END",
"CREATE TRIGGER one_commander_update BEFORE UPDATE OF role, incident_id ON "
"responder WHEN NEW.role = 'commander' AND EXISTS (SELECT 1 FROM responder "
"r WHERE r.incident_id = NEW.incident_id AND r.role = 'commander' AND "
"r.id <> NEW.id) BEGIN "
"SELECT RAISE(ABORT, 'an incident has one commander at a time'); END",
/* What the board already says: each present role since joining. */
"INSERT INTO role_change (incident_id, name, old_role, new_role, at, by) "
"SELECT incident_id, name, NULL, role, joined, name FROM responder "
"ORDER BY incident_id, joined, id",
NULL,
};

/* Releases and flag changes belong to the service, not to an incident: a
 * deploy hook records them whether or not an incident is open, and an
 * incident shows those of its window (change_window seconds before
 * detection through resolution). The table is rebuilt because incident_id
 * loses NOT NULL; foreign keys stay on during migrations, so DROP TABLE
 * sets decision.release_id to NULL: the links are kept aside and put back.
 * Also when impact began (time to detect) and a rollback decision's
 * override of a contradicting checklist answer. */
static const char *const store_migration_rollback[] = {
"CREATE TABLE release_new ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER REFERENCES incident(id) ON DELETE SET NULL," /* open then */
" entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,"
" kind TEXT NOT NULL CHECK (kind IN ('deploy','flag')),"
" name TEXT NOT NULL CHECK (length(name) > 0),"
" value TEXT CHECK (value IS NULL OR value IN ('on','off')),"
" rollback_safe TEXT NOT NULL DEFAULT 'unknown' CHECK (rollback_safe IN"
"  ('yes','no','unknown')),"
" at INTEGER NOT NULL, link TEXT,"
" author TEXT NOT NULL DEFAULT '?'"
")",
"INSERT INTO release_new (id, incident_id, entry_id, kind, name, value, "
"rollback_safe, at, link, author) SELECT r.id, r.incident_id, r.entry_id, "
"r.kind, r.name, r.value, r.rollback_safe, r.at, r.link, "
"coalesce((SELECT e.author FROM entry e WHERE e.id = r.entry_id), '?') "
"FROM release r",
"CREATE TEMP TABLE release_links AS SELECT id, release_id FROM decision "
"WHERE release_id IS NOT NULL",
"DROP TABLE release",
"ALTER TABLE release_new RENAME TO release",
"UPDATE decision SET release_id = (SELECT k.release_id FROM release_links k "
"WHERE k.id = decision.id) WHERE id IN (SELECT id FROM release_links)",
"DROP TABLE temp.release_links",
"CREATE INDEX release_by_time ON release(at, id)",
"ALTER TABLE incident ADD COLUMN began INTEGER", /* impact began; NULL unknown */
"ALTER TABLE incident ADD COLUMN change_window INTEGER NOT NULL DEFAULT 86400 "
"CHECK (change_window >= 0)",
"ALTER TABLE decision ADD COLUMN override TEXT", /* NULL: none */
NULL,
};

/* 8 -> 9: the phase history as rows: every phase change (and the
 * declaration, from_phase NULL) with the entry that tells people about it,
 * so the postmortem reads facts instead of re-reading that entry's text.
 * Older databases are backfilled once here by reading their phase entries
 * ("<heading> FROM -> TO" or "<heading> FROM -> TO: NOTE"); the
 * declaration is the first live phase entry that says " declared: ". */
static const char *const store_migration_phases[] = {
"CREATE TABLE phase_change ("
" id INTEGER PRIMARY KEY,"
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" entry_id INTEGER REFERENCES entry(id) ON DELETE CASCADE," /* NULL: none */
" from_phase TEXT CHECK (from_phase IS NULL OR from_phase IN ('detected',"
"  'investigating','identified','mitigating','monitoring','recovered',"
"  'resolved','retrospective'))," /* NULL: the declaration */
" to_phase TEXT NOT NULL CHECK (to_phase IN ('detected','investigating',"
"  'identified','mitigating','monitoring','recovered','resolved',"
"  'retrospective')),"
" at INTEGER NOT NULL,"
" by TEXT NOT NULL,"
" note TEXT" /* NULL: none */
")",
"WITH p(name) AS (VALUES ('detected'), ('investigating'), ('identified'), "
"('mitigating'), ('monitoring'), ('recovered'), ('resolved'), "
"('retrospective')), "
"e AS (SELECT id, incident_id, event_time, author, "
"substr(text, instr(text, ' ') + 1) AS r FROM entry "
"WHERE kind = 'phase' AND instr(text, ' ') > 0), "
"f AS (SELECT id, incident_id, event_time, author, "
"substr(r, 1, instr(r, ' -> ') - 1) AS fr, "
"substr(r, instr(r, ' -> ') + 4) AS rest FROM e WHERE instr(r, ' -> ') > 0) "
"INSERT INTO phase_change (incident_id, entry_id, from_phase, to_phase, at, "
"by, note) SELECT f.incident_id, f.id, f.fr, t.name, f.event_time, "
"f.author, CASE WHEN f.rest = t.name THEN NULL "
"ELSE substr(f.rest, length(t.name) + 3) END "
"FROM f JOIN p t ON (f.rest = t.name OR "
"substr(f.rest, 1, length(t.name) + 2) = t.name || ': ') "
"WHERE f.fr IN (SELECT name FROM p) ORDER BY f.event_time, f.id",
"INSERT INTO phase_change (incident_id, entry_id, from_phase, to_phase, at, "
"by, note) SELECT i.id, d.id, NULL, 'detected', i.detected, "
"coalesce(d.author, i.commander, '?'), NULL FROM incident i "
"LEFT JOIN entry d ON d.id = (SELECT e.id FROM entry e WHERE "
"e.incident_id = i.id AND e.kind = 'phase' AND e.deleted = 0 AND "
"instr(e.text, ' declared: ') > 0 AND e.id NOT IN (SELECT c.entry_id "
"FROM phase_change c WHERE c.entry_id IS NOT NULL) "
"ORDER BY e.event_time, e.id LIMIT 1) ORDER BY i.id",
NULL,
};

/* 9 -> 10: search across incidents: an FTS5 index over the text of the
 * live entries (neither deleted nor tombstoned), external content (the
 * text is stored once, in entry), trigram tokens so a Japanese word inside
 * a sentence is found. Triggers keep it in step: an entry is in the index
 * exactly while it is live, with its current text, so a 'delete' always
 * names the text that was indexed. Existing live entries are indexed here. */
static const char *const store_migration_search[] = {
/* From nothing, so it may run again on a database that has it (a test
 * that steps user_version back). */
"DROP TRIGGER IF EXISTS entry_fts_insert",
"DROP TRIGGER IF EXISTS entry_fts_update",
"DROP TRIGGER IF EXISTS entry_fts_delete",
"DROP TABLE IF EXISTS entry_fts",
"CREATE VIRTUAL TABLE entry_fts USING fts5(text, content='entry', "
"content_rowid='id', tokenize='trigram')",
"INSERT INTO entry_fts (rowid, text) SELECT id, text FROM entry "
"WHERE deleted = 0 AND tomb_at = 0",
"CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry "
"WHEN NEW.deleted = 0 AND NEW.tomb_at = 0 BEGIN "
"INSERT INTO entry_fts (rowid, text) VALUES (NEW.id, NEW.text); END",
"CREATE TRIGGER entry_fts_update AFTER UPDATE OF text, deleted, tomb_at ON "
"entry BEGIN "
"INSERT INTO entry_fts (entry_fts, rowid, text) SELECT 'delete', OLD.id, "
"OLD.text WHERE OLD.deleted = 0 AND OLD.tomb_at = 0; "
"INSERT INTO entry_fts (rowid, text) SELECT NEW.id, NEW.text "
"WHERE NEW.deleted = 0 AND NEW.tomb_at = 0; END",
"CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry "
"WHEN OLD.deleted = 0 AND OLD.tomb_at = 0 BEGIN "
"INSERT INTO entry_fts (entry_fts, rowid, text) VALUES ('delete', OLD.id, "
"OLD.text); END",
NULL,
};

/* 10 -> 11: the status page ([statuspage]): a users update's delivery
 * there, apart from its Slack state (a failure on one side never resends the other),
 * and the page incident each warroom incident became, so later updates
 * PATCH it across agent restarts. IF NOT EXISTS: a test goes back to
 * schema 8 and migrates again. */
static const char *const store_migration_statuspage[] = {
"CREATE TABLE IF NOT EXISTS page_delivery ("
" update_id INTEGER PRIMARY KEY REFERENCES status_update(id) ON DELETE CASCADE,"
" state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent',"
"  'failed','off')),"
" attempts INTEGER NOT NULL DEFAULT 0,"
" next_attempt INTEGER NOT NULL DEFAULT 0,"
" sent_at INTEGER, last_error TEXT"
")",
"CREATE INDEX IF NOT EXISTS page_outbox ON page_delivery(state, next_attempt)",
"CREATE TABLE IF NOT EXISTS page_incident ("
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" page_id TEXT NOT NULL,"
" page_incident TEXT NOT NULL,"
" PRIMARY KEY (incident_id, page_id)"
")",
NULL,
};

/* 11 -> 12: the Metrics pane's markers (phase, decision, release entries
 * of a window) found by kind, not by walking every entry of the window
 * (an alert flood puts thousands in it). */
static const char *const store_migration_markers[] = {
"CREATE INDEX IF NOT EXISTS entry_by_kind ON entry(incident_id, deleted, "
"kind, event_time)",
NULL,
};

/* 12 -> 13: pins. An entry someone pinned (a decision, a key finding)
 * carries who pinned it and when, on its own row: a pin is a mark on the
 * entry, not a change of what it says, so it neither bumps the version
 * (an edit in progress does not conflict with it) nor goes to
 * entry_history. Every pin and unpin is also a row of pin_log, written in
 * the same transaction, so taking a pin off does not vanish either and the
 * timeline is not flooded with "pinned" notes. */
static const char *const store_migration_pins[] = {
"ALTER TABLE entry ADD COLUMN pinned_at INTEGER NOT NULL DEFAULT 0",
"ALTER TABLE entry ADD COLUMN pinned_by TEXT", /* NULL: not pinned */
"CREATE INDEX entry_pinned ON entry(incident_id, pinned_at) "
"WHERE pinned_at > 0",
"CREATE TABLE pin_log ("
" id INTEGER PRIMARY KEY,"
" entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
" pinned INTEGER NOT NULL CHECK (pinned IN (0, 1)),"
" at INTEGER NOT NULL,"
" by TEXT NOT NULL"
")",
NULL,
};

/* 13 -> 14: Alertmanager alerts ([alertmanager], agent/alertmanager.c):
 * what fires now (the screens' proposal, declare --from-alert), and which
 * alert (fingerprint, startsAt) each incident's timeline has told of and
 * whether its resolution was written, so nothing is written twice across
 * agent restarts. Self-contained: IF NOT EXISTS. */
static const char *const store_migration_alerts[] = {
"CREATE TABLE IF NOT EXISTS alert_firing ("
" fingerprint TEXT PRIMARY KEY,"
" name TEXT NOT NULL,"
" labels TEXT NOT NULL,"
" summary TEXT NOT NULL DEFAULT '',"
" starts_at INTEGER NOT NULL,"
" severity TEXT CHECK (severity IS NULL OR severity IN ('SEV1','SEV2',"
"  'SEV3','SEV4'))"
")",
"CREATE TABLE IF NOT EXISTS alert_seen ("
" incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,"
" fingerprint TEXT NOT NULL,"
" starts_at INTEGER NOT NULL,"
" name TEXT NOT NULL,"
" entry_id INTEGER,"
" resolved_at INTEGER,"
" PRIMARY KEY (incident_id, fingerprint, starts_at)"
")",
NULL,
};

/* 14 -> 15: routine entries as data. Every board entry warroom writes
 * is marked with what it is and the person it is about: a check-in, a
 * join, an assignment unchanged in substance (the same purpose and task,
 * but for case and spacing, as that person's last assignment still in
 * hand or dropped), or 'no' (it changes something). A screen folds the
 * routine ones without reading their text. Entries written before have
 * no mark: their check-ins and joins are still known by their text.
 * Self-contained: IF NOT EXISTS. */
static const char *const store_migration_routine[] = {
"CREATE TABLE IF NOT EXISTS entry_routine ("
" entry_id INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE,"
" routine TEXT NOT NULL CHECK (routine IN ('checkin','join','same',"
"  'no')),"
" who TEXT NOT NULL"
")",
NULL,
};

/* Index i takes user_version i to i + 1. */
static const char *const *const store_migrations[] = {
	store_migration_1,
	store_migration_2,
	store_migration_tombstone,
	store_migration_target,
	store_migration_origin,
	store_migration_tracks,
	store_migration_authority,
	store_migration_rollback,
	store_migration_phases,
	store_migration_search,
	store_migration_statuspage,
	store_migration_markers,
	store_migration_pins,
	store_migration_alerts,
	store_migration_routine,
};
#endif
