import type { CentralMigration } from './central-migration';

/** The history tables one kiosk writes, each keyed by the kiosk and the row's id in that kiosk's SQLite file. */
const HISTORY_TABLES = ['sessions', 'session_events', 'room_cleanings', 'timer_outcomes', 'audit_log'] as const;

/**
 * Tables whose rows change after their first delivery (a session ends later, a finished timer is then seen); the others
 * are written once.
 */
const UPDATED_TABLES = new Set<string>(['sessions', 'timer_outcomes']);

/**
 * A history table: keyed by the kiosk and the row's id in that kiosk's file, each copy with its outbox position and
 * arrival time. `columns` are the table's own, one a line, each ending with a comma.
 */
function historyTable(table: string, columns: string): string {
  return `CREATE TABLE fleet.${table} (
       kiosk_id text NOT NULL REFERENCES fleet.kiosks,
       local_id bigint NOT NULL,
${columns}       outbox_seq bigint NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (kiosk_id, local_id)
     )`;
}

/**
 * The fleet's store (the schema `fleet` itself and its version table are made by the migrator). A kiosk's login role is also its kiosk id, so row-level security compares a row's kiosk_id with
 * current_user: no lookup per row, and no way for one kiosk's credentials to name another kiosk. Times are timestamptz
 * (the kiosk's UTC epoch milliseconds, converted on delivery) so hospital-wide reports can group by local day in SQL.
 * outbox_seq is the kiosk's outbox position when the row was read: an older copy never overwrites a newer one.
 */
export const fleetSchema: CentralMigration = {
  version: 1,
  name: 'fleet schema, roles and row-level security',
  statements: ({ kiosk, reporting }) => [
    `REVOKE ALL ON SCHEMA fleet FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA fleet TO ${kiosk}, ${reporting}`,
    `CREATE TABLE fleet.kiosks (
       kiosk_id text PRIMARY KEY,
       name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
       unit text CHECK (unit IS NULL OR length(unit) BETWEEN 1 AND 80),
       created_at timestamptz NOT NULL DEFAULT now(),
       left_at timestamptz
     )`,
    historyTable(
      'sessions',
      `       uuid uuid NOT NULL,
       room_local_id bigint NOT NULL,
       room_name text NOT NULL,
       kind text NOT NULL CHECK (kind IN ('breastfeeding', 'pumping', 'hand-expression')),
       language text NOT NULL,
       started_at timestamptz NOT NULL,
       started_by text NOT NULL,
       ended_at timestamptz,
       ended_by text,
       end_reason text,
`,
    ),
    `CREATE INDEX sessions_by_start ON fleet.sessions (started_at)`,
    historyTable(
      'session_events',
      `       session_local_id bigint NOT NULL,
       at timestamptz NOT NULL,
       type text NOT NULL,
       detail jsonb,
`,
    ),
    historyTable(
      'room_cleanings',
      `       room_local_id bigint NOT NULL,
       room_name text NOT NULL,
       cleaned_at timestamptz NOT NULL,
       cleaned_by text NOT NULL,
`,
    ),
    historyTable(
      'timer_outcomes',
      `       session_local_id bigint NOT NULL,
       preset text NOT NULL,
       kind text NOT NULL,
       duration_ms bigint,
       started_at timestamptz NOT NULL,
       ended_at timestamptz NOT NULL,
       state text NOT NULL CHECK (state IN ('finished', 'cancelled', 'acknowledged')),
       left_ms bigint NOT NULL DEFAULT 0,
       right_ms bigint NOT NULL DEFAULT 0,
`,
    ),
    historyTable(
      'audit_log',
      `       at timestamptz NOT NULL,
       staff_number text,
       action text NOT NULL,
       detail jsonb,
`,
    ),
    // A kiosk sees its own registration (name, unit) and nothing of the others.
    `ALTER TABLE fleet.kiosks ENABLE ROW LEVEL SECURITY`,
    `GRANT SELECT ON fleet.kiosks TO ${kiosk}, ${reporting}`,
    `CREATE POLICY kiosk_reads_itself ON fleet.kiosks FOR SELECT TO ${kiosk} USING (kiosk_id = current_user)`,
    `CREATE POLICY reporting_reads_all ON fleet.kiosks FOR SELECT TO ${reporting} USING (true)`,
    ...HISTORY_TABLES.flatMap((table) => [
      `ALTER TABLE fleet.${table} ENABLE ROW LEVEL SECURITY`,
      // No DELETE for anyone but the owner; UPDATE only where a row legitimately changes (its own, by RLS).
      `GRANT SELECT, INSERT${UPDATED_TABLES.has(table) ? ', UPDATE' : ''} ON fleet.${table} TO ${kiosk}`,
      `GRANT SELECT ON fleet.${table} TO ${reporting}`,
      `CREATE POLICY kiosk_own_rows ON fleet.${table} FOR ALL TO ${kiosk}
         USING (kiosk_id = current_user) WITH CHECK (kiosk_id = current_user)`,
      `CREATE POLICY reporting_reads_all ON fleet.${table} FOR SELECT TO ${reporting} USING (true)`,
    ]),
  ],
};
