import type { KioskDatabase } from '../db/open-database';
import {
  endSalvagedSession,
  hasRoomCleaning,
  hasRow,
  hasSessionEvent,
  insertSalvagedRow,
  missingSessionIds,
  sessionIdByUuid,
  tableColumns,
  type Row,
  type SalvagedTable,
} from '../repositories/salvage-repository';
import type { Salvage } from './wal-salvage';

export interface MergeReport {
  /** Sessions the restored backup did not have, added from the damaged file. */
  sessions: number;
  /** Sessions the backup had open that the damaged file shows ended. */
  sessionsEnded: number;
  events: number;
  cleanings: number;
  /** Rooms, staff and settings the backup did not have at all (changes to ones it has are not carried over). */
  otherRows: number;
  /** Rows read but refused by the restored database (a room or staff member it does not know, a conflict). */
  refused: number;
  /** Tables whose reading stopped at damage: rows on the damaged pages could not be read. */
  incompleteTables: SalvagedTable[];
  /** Session ids below the highest seen that neither file holds: at most this many sessions are lost. */
  sessionIdsMissing: number;
}

const byNumber = (key: string) => (a: Row, b: Row) => Number(a[key]) - Number(b[key]);

/**
 * Adds what a damaged database still held to the restored backup, in one transaction: sessions by their uuid (never
 * twice), their events and ends, room cleanings, and rooms, staff and settings the backup lacks. Each row is checked
 * by the restored database's own constraints; a row it refuses is counted, not forced.
 */
export function mergeSalvage(db: KioskDatabase, salvage: Salvage): MergeReport {
  const report: MergeReport = {
    sessions: 0,
    sessionsEnded: 0,
    events: 0,
    cleanings: 0,
    otherRows: 0,
    refused: 0,
    incompleteTables: [...salvage.tables].filter(([, read]) => !read.complete).map(([table]) => table),
    sessionIdsMissing: 0,
  };
  const rows = (table: SalvagedTable) => salvage.tables.get(table)?.rows ?? [];
  const tryInsert = (table: SalvagedTable, row: Row, key: unknown): number | null => {
    try {
      return insertSalvagedRow(db, table, tableColumns(db, table), row, !hasRow(db, table, key));
    } catch {
      report.refused++;
      return null;
    }
  };

  db.transaction(() => {
    for (const table of ['rooms', 'staff', 'settings'] as const) {
      const key = table === 'settings' ? 'key' : 'id';
      for (const row of rows(table)) {
        if (hasRow(db, table, row[key])) continue;
        if (tryInsert(table, row, row[key]) !== null) report.otherRows++;
      }
    }

    const sessionIds = new Map<number, number>();
    for (const row of [...rows('sessions')].sort(byNumber('id'))) {
      const known = typeof row.uuid === 'string' ? sessionIdByUuid(db, row.uuid) : null;
      if (known !== null) {
        sessionIds.set(Number(row.id), known.id);
        if (known.endedAt === null && row.ended_at !== null && row.ended_at !== undefined) {
          try {
            endSalvagedSession(db, known.id, row);
            report.sessionsEnded++;
          } catch {
            report.refused++;
          }
        }
        continue;
      }
      const id = tryInsert('sessions', row, row.id);
      if (id === null) continue;
      sessionIds.set(Number(row.id), id);
      report.sessions++;
    }

    for (const row of [...rows('session_events')].sort(byNumber('id'))) {
      const sessionId = sessionIds.get(Number(row.session_id));
      if (sessionId === undefined) {
        report.refused++;
        continue;
      }
      if (hasSessionEvent(db, sessionId, row)) continue;
      if (tryInsert('session_events', { ...row, session_id: sessionId }, row.id) !== null) report.events++;
    }

    for (const row of rows('room_cleanings')) {
      if (hasRoomCleaning(db, row)) continue;
      if (tryInsert('room_cleanings', row, row.id) !== null) report.cleanings++;
    }

    if (report.incompleteTables.includes('sessions')) {
      report.sessionIdsMissing = missingSessionIds(
        db,
        rows('sessions').map((row) => Number(row.id)),
      );
    }
  })();
  return report;
}

/** The report in one sentence for the alert, the log and IT. */
export function describeMerge(report: MergeReport): string {
  const recovered =
    `From the damaged file and its write-ahead log, ${report.sessions} sessions, ${report.sessionsEnded} session ends, ` +
    `${report.events} session events, ${report.cleanings} room cleanings and ${report.otherRows} rooms, staff or ` +
    `settings missing from the backup were recovered`;
  const refused = report.refused > 0 ? `; ${report.refused} rows could not be merged` : '';
  const lost =
    report.incompleteTables.length === 0
      ? '; nothing was found unreadable.'
      : `; parts of ${report.incompleteTables.join(', ')} could not be read` +
        (report.sessionIdsMissing > 0 ? ` (up to ${report.sessionIdsMissing} sessions may be missing).` : '.');
  return `${recovered}${refused}${lost}`;
}
