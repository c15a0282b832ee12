/**
 * Kiosks for the fleet tests: a data folder with a real, migrated kiosk.db, history written through core's own
 * repositories (so the outbox triggers run as in the app), and the two sides to compare: what a kiosk holds and what
 * the centre holds for it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock';
import { openDatabase, type KioskDatabase } from '../../core/db/open-database';
import { insertAuditEntry } from '../../core/repositories/audit-log-repository';
import { insertRoomCleaning } from '../../core/repositories/room-cleanings-repository';
import { insertRoom } from '../../core/repositories/rooms-repository';
import { insertSessionEvent } from '../../core/repositories/session-events-repository';
import { insertSession, markSessionEnded } from '../../core/repositories/sessions-repository';
import { insertStaff } from '../../core/repositories/staff-repository';
import { insertTimer, updateTimer } from '../../core/repositories/timers-repository';
import { makeTempFolder } from '../../core/testing/temp-folder';
import { runningWarmCompress } from '../../core/testing/timer-rows';
import type { ConnectionSettings } from '../central/connection-settings';
import { encodeEnrolment } from '../central/enrolment';
import { addKiosk } from '../central/kiosk-registry';
import { openCentral } from '../central/connection-settings';

export interface TestKiosk {
  folder: string;
  db: KioskDatabase;
  /** Writes `count` whole visits: a session with an event and a timer that finished and was seen, then ended, a
   * cleaning and an audit entry. `open` leaves the last session open. */
  writeVisits(count: number, options?: { open?: boolean }): void;
  /** Ends the session left open by writeVisits({ open: true }). */
  endOpenSession(): void;
  close(): void;
}

/** `clock`: history stamped with this clock's readings (a kiosk whose clock is off); otherwise a made-up time. */
export function createTestKiosk(options: { clock?: Clock } = {}): TestKiosk {
  const temp = makeTempFolder('kiosk-fleet-test-');
  const db = openDatabase(`${temp.path}/kiosk.db`);
  const roomId = insertRoom(db, { name: 'Room A' });
  const staffId = insertStaff(db, {
    staffNumber: '101',
    displayName: 'Nurse',
    role: 'nurse',
    pinHash: Buffer.alloc(32),
    pinSalt: Buffer.alloc(16),
    createdAt: 0,
  });
  let clock = Date.UTC(2026, 3, 1, 8);
  let open: number | null = null;
  const tick = () => (options.clock ? options.clock.now() : (clock += 1_000));
  const end = (id: number) => markSessionEnded(db, id, { endedAt: tick(), endedBy: staffId, endReason: 'completed' });
  return {
    folder: temp.path,
    db,
    writeVisits(count, options = {}) {
      db.transaction(() => {
        for (let visit = 0; visit < count; visit++) {
          const sessionId = insertSession(db, {
            uuid: randomUUID(),
            roomId,
            kind: 'pumping',
            language: 'en',
            startedAt: tick(),
            startedBy: staffId,
          });
          insertSessionEvent(db, { sessionId, at: tick(), type: 'guide-viewed', detail: { guide: 'latch' } });
          const running = runningWarmCompress(sessionId, tick());
          const timerId = insertTimer(db, running);
          const { sessionId: _s, preset: _p, kind: _k, startedAt: _t, ...change } = running;
          const finished = { ...change, remainingMs: 0, endedAt: running.endsAt };
          updateTimer(db, timerId, { ...finished, state: 'finished' });
          updateTimer(db, timerId, { ...finished, state: 'acknowledged' });
          if (options.open && visit === count - 1) {
            open = sessionId;
            continue;
          }
          end(sessionId);
          insertRoomCleaning(db, { roomId, cleanedAt: tick(), cleanedBy: staffId });
          insertAuditEntry(db, { at: tick(), staffId, action: 'room-cleaned', detail: { roomId } });
        }
      })();
    },
    endOpenSession() {
      if (open !== null) end(open);
      open = null;
    },
    close() {
      db.close();
      temp.cleanup();
    },
  };
}

/** Registers a kiosk with the owner's credentials and answers its enrolment string, as `fleet add-kiosk` prints it. */
export async function enrolKiosk(
  owner: ConnectionSettings,
  name: string,
  unit: string | null = 'Maternity',
): Promise<{ kioskId: string; enrolment: string }> {
  const sql = openCentral(owner);
  try {
    const kiosk = await addKiosk(sql, { name, unit });
    const enrolment = encodeEnrolment({
      connection: { ...owner, user: kiosk.kioskId, password: kiosk.password },
      kioskName: name,
      unit,
    });
    return { kioskId: kiosk.kioskId, enrolment };
  } finally {
    await sql.end();
  }
}

export const HISTORY_TABLES = ['sessions', 'session_events', 'room_cleanings', 'timers', 'audit_log'] as const;
const CENTRAL_TABLE = { timers: 'timer_outcomes' } as Record<string, string>;

/** Every row of the kiosk's history the fleet receives, as "table:id:state" strings, sorted. */
export function kioskRows(db: KioskDatabase): string[] {
  const rows: string[] = [];
  for (const table of HISTORY_TABLES) {
    const state = table === 'sessions' ? "coalesce(end_reason, 'open')" : table === 'timers' ? 'state' : "'-'";
    const where = table === 'timers' ? "WHERE state IN ('finished', 'cancelled', 'acknowledged')" : '';
    const found = db.prepare(`SELECT id, ${state} AS state FROM ${table} ${where}`).all() as {
      id: number;
      state: string;
    }[];
    rows.push(...found.map((row) => `${table}:${row.id}:${row.state}`));
  }
  return rows.sort();
}

/** The same strings for what the centre holds for one kiosk, read as the cluster's superuser. */
export async function centralRows(superuser: ConnectionSettings, kioskId: string): Promise<string[]> {
  return (await fleetRows(superuser, kioskId)).map((row) => row.slice(row.indexOf('/') + 1));
}

/**
 * Everything the centre holds, every kiosk's, as "kiosk_id/table:id:state" strings, sorted (a row held twice would
 * appear twice). To compare with the union of the kiosks' own rows, `kioskRows` prefixed with each kiosk's id.
 */
export async function fleetRows(superuser: ConnectionSettings, onlyKiosk?: string): Promise<string[]> {
  const sql = openCentral(superuser);
  try {
    const rows: string[] = [];
    for (const table of HISTORY_TABLES) {
      const central = CENTRAL_TABLE[table] ?? table;
      const state = table === 'sessions' ? "coalesce(end_reason, 'open')" : table === 'timers' ? 'state' : "'-'";
      const found = await sql.query<{ kiosk: string; id: number; state: string }>(
        `SELECT kiosk_id AS kiosk, local_id::int AS id, ${state} AS state FROM fleet.${central}
         WHERE $1::text IS NULL OR kiosk_id = $1`,
        [onlyKiosk ?? null],
      );
      rows.push(...found.map((row) => `${row.kiosk}/${table}:${row.id}:${row.state}`));
    }
    return rows.sort();
  } finally {
    await sql.end();
  }
}

/** The union of these kiosks' rows as fleetRows spells them. */
export function unionOfKioskRows(kiosks: readonly { kiosk: TestKiosk; kioskId: string }[]): string[] {
  return kiosks.flatMap(({ kiosk, kioskId }) => kioskRows(kiosk.db).map((row) => `${kioskId}/${row}`)).sort();
}
