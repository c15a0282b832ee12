import type { Migration } from './migration';

/**
 * The first schema (docs/ARCHITECTURE.md, "Data"). STRICT tables, so a wrong type is an error instead of a silent conversion.
 * Times are UTC epoch milliseconds. No column can hold a patient identifier: there is nowhere to put one.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE rooms (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        sort_order INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        needs_cleaning INTEGER NOT NULL DEFAULT 0 CHECK (needs_cleaning IN (0, 1))
      ) STRICT;

      CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        staff_number TEXT NOT NULL UNIQUE CHECK (staff_number GLOB '[0-9]*' AND length(staff_number) BETWEEN 1 AND 8),
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
        role TEXT NOT NULL CHECK (role IN ('nurse', 'admin')),
        pin_hash BLOB NOT NULL,
        pin_salt BLOB NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        lockout_count INTEGER NOT NULL DEFAULT 0 CHECK (lockout_count >= 0),
        locked_until INTEGER,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE room_cleanings (
        id INTEGER PRIMARY KEY,
        room_id INTEGER NOT NULL REFERENCES rooms (id),
        cleaned_at INTEGER NOT NULL,
        cleaned_by INTEGER NOT NULL REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX room_cleanings_by_room ON room_cleanings (room_id, cleaned_at);

      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
        room_id INTEGER NOT NULL REFERENCES rooms (id),
        kind TEXT NOT NULL CHECK (kind IN ('breastfeeding', 'pumping', 'hand-expression')),
        language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 8),
        started_at INTEGER NOT NULL,
        started_by INTEGER NOT NULL REFERENCES staff (id),
        ended_at INTEGER,
        ended_by INTEGER REFERENCES staff (id),
        end_reason TEXT CHECK (end_reason IN ('completed', 'staff-ended', 'auto-closed', 'recovered')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      ) STRICT;
      -- At most one open session per room, enforced by the database itself.
      CREATE UNIQUE INDEX sessions_one_open_per_room ON sessions (room_id) WHERE ended_at IS NULL;
      CREATE INDEX sessions_by_start ON sessions (started_at);
      CREATE INDEX sessions_by_room_start ON sessions (room_id, started_at);

      CREATE TABLE session_events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 40),
        detail TEXT CHECK (detail IS NULL OR (json_valid(detail) AND length(detail) <= 2000))
      ) STRICT;
      CREATE INDEX session_events_by_session ON session_events (session_id, at);
      CREATE INDEX session_events_by_type_time ON session_events (type, at);

      CREATE TABLE timers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        preset TEXT NOT NULL CHECK (length(preset) BETWEEN 1 AND 40),
        duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
        started_at INTEGER NOT NULL,
        ends_at INTEGER,
        paused_at INTEGER,
        remaining_ms INTEGER CHECK (remaining_ms IS NULL OR remaining_ms >= 0),
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'finished', 'cancelled', 'acknowledged'))
      ) STRICT;
      CREATE INDEX timers_by_session ON timers (session_id, state);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        staff_id INTEGER REFERENCES staff (id),
        action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 40),
        detail TEXT CHECK (detail IS NULL OR json_valid(detail))
      ) STRICT;
      CREATE INDEX audit_log_by_time ON audit_log (at);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 60),
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
