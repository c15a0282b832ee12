const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: weeks are counted from Monday 1969-12-29, 00:00 UTC. */
const FIRST_MONDAY = -3 * DAY;

interface KeepTier {
  /** The length of one slot, aligned to UTC (hours, days, weeks starting on Monday). */
  slotMs: number;
  /** The slot's start for the moment `at`. */
  slotStart(at: number): number;
  /** How many slots back from the current one (included) keep their newest backup. */
  slots: number;
}

const aligned =
  (size: number, origin = 0) =>
  (at: number) =>
    Math.floor((at - origin) / size) * size + origin;

/**
 * What the backups folder keeps: the newest backup of each of the last 24 hours, of each of the last 7 days and of
 * each of the last 4 weeks (UTC hours, days, weeks from Monday). Slots are aligned to the calendar, not to `now`, so a
 * backup kept as the newest of its day stays the newest of that day however often the kiosk restarts later.
 */
export const KEEP_TIERS: readonly KeepTier[] = [
  { slotMs: HOUR, slotStart: aligned(HOUR), slots: 24 },
  { slotMs: DAY, slotStart: aligned(DAY), slots: 7 },
  { slotMs: WEEK, slotStart: aligned(WEEK, FIRST_MONDAY), slots: 4 },
];

export interface DatedBackup {
  name: string;
  /** When it was taken (UTC epoch ms), read from its name. */
  takenAt: number;
}

/**
 * The backups to keep at `now` (the rest may be deleted), as a set of names. Pure: the caller lists and deletes.
 *
 * - The newest of each slot of each tier is kept, so quick restarts replace one another within their hour and never
 *   push out an older day's or week's backup.
 * - The newest backup is always kept, however old (a kiosk switched off for a month still has its last copy).
 * - A backup named later than `now` (the clock was set back, or was wrong when it was taken) is always kept: its age
 *   is unknown, and deleting it on the word of a clock that just jumped could delete the only good copy. It takes no
 *   slot, so backups taken after the jump are kept by the same rules as ever.
 */
export function chooseBackupsToKeep(backups: readonly DatedBackup[], now: number): Set<string> {
  const keep = new Set<string>();
  const past = backups
    .filter((backup) => {
      if (backup.takenAt <= now) return true;
      keep.add(backup.name);
      return false;
    })
    .sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
  if (past[0]) keep.add(past[0].name);
  for (const tier of KEEP_TIERS) {
    const oldestSlot = tier.slotStart(now) - (tier.slots - 1) * tier.slotMs;
    const seen = new Set<number>();
    for (const backup of past) {
      const slot = tier.slotStart(backup.takenAt);
      if (slot < oldestSlot) break;
      // Newest first: the first backup met in a slot is its newest.
      if (seen.has(slot)) continue;
      seen.add(slot);
      keep.add(backup.name);
    }
  }
  return keep;
}
