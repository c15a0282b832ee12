import type { HelpCallFigures } from '../../../shared/domain';
import type { KioskDatabase } from '../db/open-database';
import { listHelpCallsBetween } from '../repositories/help-calls-repository';

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
function nearestRank(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** Calls raised in [start, end), of one room or all, and the times to answer them (see HelpCallFigures). */
export function helpCallFigures(db: KioskDatabase, start: number, end: number, roomId: number | null): HelpCallFigures {
  const calls = listHelpCallsBetween(db, start, end).filter((call) => roomId === null || call.roomId === roomId);
  const answered = calls.filter((call) => call.acknowledgedAt !== null);
  const waits = answered
    .filter((call) => call.centreReceivedAt !== null)
    .map((call) => Math.max(0, call.acknowledgedAt! - call.centreReceivedAt!) / 1000)
    .sort((a, b) => a - b);
  return {
    calls: calls.length,
    answered: answered.length,
    medianAnswerSeconds: waits.length === 0 ? null : Math.round(nearestRank(waits, 0.5)),
    p90AnswerSeconds: waits.length === 0 ? null : Math.round(nearestRank(waits, 0.9)),
  };
}
