import type { Migration } from './migration';

/**
 * Indexes for staff reports and the usage export, so a report over a year of a busy kiosk reads indexes
 * only, in order, without sorting a million rows:
 * - sessions_report covers every per-session total (count, duration, kind, end reason, language) by start time;
 * - sessions_by_room_start_end replaces sessions_by_room_start (same prefix) and adds the end, for room occupancy;
 * - sessions_by_duration gives the median and the longest session without a sort;
 * - the two partial expression indexes count guides viewed and timers started by their id.
 */
export const reportIndexes: Migration = {
  version: 4,
  name: 'report indexes',
  up(db) {
    db.exec(`
      CREATE INDEX sessions_report ON sessions (started_at, ended_at, room_id, kind, end_reason, language);
      DROP INDEX sessions_by_room_start;
      CREATE INDEX sessions_by_room_start_end ON sessions (room_id, started_at, ended_at);
      CREATE INDEX sessions_by_duration ON sessions (ended_at - started_at, started_at, room_id)
        WHERE ended_at IS NOT NULL;
      CREATE INDEX session_events_by_guide ON session_events (json_extract(detail, '$.guide'), at)
        WHERE type = 'guide-viewed';
      CREATE INDEX session_events_by_preset ON session_events (json_extract(detail, '$.preset'), at)
        WHERE type = 'timer-started';
    `);
  },
};
