import { LANGUAGES, SESSION_KINDS } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { sessionTotals, type SessionTotalsRow } from '../repositories/report-queries';
import { bulkLoadPending, endedTotalsFromRollups, openSessionsStartedIn } from '../repositories/rollup-repository';

const DAY = 86_400_000;

function add(into: SessionTotalsRow, more: SessionTotalsRow): SessionTotalsRow {
  into.sessions += more.sessions;
  into.ended += more.ended;
  into.durationMs += more.durationMs;
  more.kinds.forEach((count, index) => (into.kinds[index]! += count));
  more.endReasons.forEach((count, index) => (into.endReasons[index]! += count));
  more.languages.forEach((count, index) => (into.languages[index]! += count));
  return into;
}

/**
 * Totals of the sessions that started in [start, end): the whole UTC days inside it from the per-day rollups
 * (O(days), about a millisecond for ten years) plus the few sessions still open there, and the partial days at
 * either edge (less than a day each, in any time zone) from the sessions themselves. Both paths answer the same as
 * one pass over the sessions of the range (a property test holds them equal), which is also the answer while a bulk
 * load has the rollups idle.
 */
export function totalsForRange(db: KioskDatabase, start: number, end: number, roomId: number | null): SessionTotalsRow {
  const firstDay = Math.ceil(start / DAY);
  const endDay = Math.floor(end / DAY);
  if (endDay <= firstDay || bulkLoadPending(db)) return sessionTotals(db, start, end, roomId);
  const totals = endedTotalsFromRollups(db, firstDay, endDay - 1, roomId);
  for (const open of openSessionsStartedIn(db, firstDay * DAY, endDay * DAY, roomId)) {
    totals.sessions++;
    const kind = (SESSION_KINDS as readonly string[]).indexOf(open.kind);
    if (kind >= 0) totals.kinds[kind]!++;
    const language = (LANGUAGES as readonly string[]).indexOf(open.language);
    if (language >= 0) totals.languages[language]!++;
  }
  add(totals, sessionTotals(db, start, firstDay * DAY, roomId));
  return add(totals, sessionTotals(db, endDay * DAY, end, roomId));
}
