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
/* Deploys and feature-flag changes (core/decision.c). */
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

/* Index i takes user_version i to i + 1. */
static const char *const *const store_migrations[] = {
	store_migration_1,
	store_migration_2,
	store_migration_rollback,
};
#endif
