import type { Migration } from './migration';

/**
 * Timers as the parent's timer screens need them: a kind (so the +1 minute limit and the left/right arithmetic never depend on a content
 * pack that may change), a left/right timer that counts up (so no duration), each side's total, and the time a timer
 * ended (for the events' actual seconds).
 *
 * SQLite cannot change a column's constraints, so the table is rebuilt and its rows copied (preset ids may now be 60
 * characters, as in content packs). Version 1 had no code that wrote timers, but any row found is kept: its kind is
 * read from the shipped preset ids, falling back to warm-compress, whose limit is the strictest; missing times are
 * filled so every copied row meets the new checks.
 */
export const timerKindsAndSides: Migration = {
  version: 3,
  name: 'timer kinds and sides',
  up(db) {
    db.exec(`
      CREATE TABLE timers_v3 (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        preset TEXT NOT NULL CHECK (length(preset) BETWEEN 1 AND 60),
        kind TEXT NOT NULL CHECK (kind IN ('warm-compress', 'cool-pack', 'warm-up', 'left-right')),
        -- Planned length including added minutes; NULL for the left/right timer, which counts up.
        duration_ms INTEGER CHECK (duration_ms IS NULL OR duration_ms > 0),
        started_at INTEGER NOT NULL,
        -- Running countdown: wall-clock end, rewritten on every change (the restart fallback; timers-clock.ts).
        ends_at INTEGER,
        paused_at INTEGER,
        -- Paused or ended countdown: what was left.
        remaining_ms INTEGER CHECK (remaining_ms IS NULL OR remaining_ms >= 0),
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'finished', 'cancelled', 'acknowledged')),
        -- When it finished or was cancelled (wall clock).
        ended_at INTEGER,
        -- Left/right timer only: the side now counting, each side's total up to side_started_at, and the wall time
        -- from which the current side counts (NULL unless running).
        side TEXT CHECK (side IS NULL OR side IN ('left', 'right')),
        left_ms INTEGER NOT NULL DEFAULT 0 CHECK (left_ms >= 0),
        right_ms INTEGER NOT NULL DEFAULT 0 CHECK (right_ms >= 0),
        side_started_at INTEGER,
        CHECK ((kind = 'left-right') = (duration_ms IS NULL)),
        CHECK ((kind = 'left-right') = (side IS NOT NULL)),
        CHECK ((state IN ('running', 'paused')) = (ended_at IS NULL)),
        CHECK (state <> 'running' OR kind = 'left-right' OR ends_at IS NOT NULL),
        CHECK (state <> 'paused' OR kind = 'left-right' OR remaining_ms IS NOT NULL),
        CHECK (kind <> 'left-right' OR (state = 'running') = (side_started_at IS NOT NULL))
      ) STRICT;

      INSERT INTO timers_v3 (id, session_id, preset, kind, duration_ms, started_at, ends_at, paused_at, remaining_ms,
                             state, ended_at)
      SELECT id, session_id, preset,
             CASE WHEN preset LIKE 'cool-pack%' THEN 'cool-pack'
                  WHEN preset LIKE '%warm-up%' THEN 'warm-up'
                  ELSE 'warm-compress' END,
             duration_ms, started_at,
             CASE WHEN state = 'running' THEN coalesce(ends_at, started_at + duration_ms) ELSE ends_at END,
             paused_at,
             CASE WHEN state = 'paused' THEN coalesce(remaining_ms, duration_ms) ELSE remaining_ms END,
             state,
             CASE WHEN state IN ('running', 'paused') THEN NULL
                  ELSE coalesce(ends_at, paused_at, started_at) END
      FROM timers;

      DROP TABLE timers;
      ALTER TABLE timers_v3 RENAME TO timers;
      CREATE INDEX timers_by_session ON timers (session_id, state);
      CREATE INDEX timers_by_state ON timers (state);
    `);
  },
};
