import { describe, expect, it } from 'vitest';
import { chooseBackupsToKeep, type DatedBackup } from './backup-retention';
import { fileStamp } from './durable-files';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Thursday 2026-03-12, 10:30 UTC. */
const NOW = Date.UTC(2026, 2, 12, 10, 30);

const backup = (takenAt: number): DatedBackup => ({ name: `kiosk-${fileStamp(takenAt)}.db`, takenAt });
const kept = (backups: DatedBackup[], now: number) =>
  backups.filter((item) => chooseBackupsToKeep(backups, now).has(item.name)).map((item) => item.takenAt);

/** Backups every `step` ms from `from` up to `to` (both included). */
function every(step: number, from: number, to: number): DatedBackup[] {
  const list: DatedBackup[] = [];
  for (let at = from; at <= to; at += step) list.push(backup(at));
  return list;
}

describe('chooseBackupsToKeep', () => {
  it('keeps nothing from an empty folder, and the only backup there is', () => {
    expect(chooseBackupsToKeep([], NOW)).toEqual(new Set());
    expect(kept([backup(NOW - 90 * DAY)], NOW)).toEqual([NOW - 90 * DAY]);
  });

  it('keeps the newest of each of the last 24 hours, 7 days and 4 weeks from 40 days of hourly backups', () => {
    const backups = every(HOUR, NOW - 40 * DAY, NOW);
    const keep = kept(backups, NOW);
    // 24 hours (10:30 back to yesterday 11:30, which holds yesterday's newest), then the newest of the 5 older days
    // among the last 7, then Sunday 23:30 of the two earlier weeks whose Sunday is not among the last 7 days.
    const hours = every(HOUR, NOW - 23 * HOUR, NOW).map((item) => item.takenAt);
    const days = [6, 7, 8, 9, 10].map((day) => Date.UTC(2026, 2, day, 23, 30));
    const weeks = [Date.UTC(2026, 2, 1, 23, 30), Date.UTC(2026, 1, 22, 23, 30)];
    expect(keep.sort((a, b) => a - b)).toEqual([...weeks, ...days, ...hours].sort((a, b) => a - b));
    expect(keep).toHaveLength(24 + 5 + 2);
  });

  it('lets 7 quick restarts within a minute replace one another, never an older daily or weekly backup', () => {
    const daily = every(DAY, NOW - 30 * DAY - 2 * HOUR, NOW - 2 * HOUR);
    const before = kept(daily, NOW);
    const restarts = every(8_000, NOW, NOW + 48_000);
    expect(restarts).toHaveLength(7);
    const at = NOW + MINUTE;
    const after = kept([...daily, ...restarts], at);
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after).toEqual([...before, NOW + 48_000].sort((a, b) => a - b));
  });

  it('does not change its choice of older backups as the hours go by, until they age out', () => {
    const backups = every(HOUR, NOW - 10 * DAY, NOW);
    const keepNow = new Set(kept(backups, NOW));
    const keepLater = kept(backups, NOW + 5 * HOUR);
    // Five hours later nothing new is kept: only hourly ones that left the last 24 hours may go.
    for (const at of keepLater) expect(keepNow.has(at)).toBe(true);
    for (const at of keepNow) {
      if (!keepLater.includes(at)) expect(at).toBeLessThan(NOW + 5 * HOUR - 23 * HOUR);
    }
  });

  it('keeps backups named in the future (the clock was set back) without letting them take a slot', () => {
    const beforeJump = every(HOUR, NOW - 3 * HOUR, NOW);
    const setBack = NOW - 2 * DAY;
    const afterJump = every(HOUR, setBack - 2 * HOUR, setBack);
    const keep = kept([...beforeJump, ...afterJump], setBack);
    expect(keep).toEqual([...beforeJump, ...afterJump].map((item) => item.takenAt));
  });

  it('keeps the newest backup when the clock jumped back before every backup', () => {
    const backups = every(HOUR, NOW, NOW + 5 * HOUR);
    expect(kept(backups, NOW - 365 * DAY)).toHaveLength(6);
  });

  it('after the clock jumps forward a year keeps only the newest of the old backups', () => {
    const backups = every(HOUR, NOW - 3 * DAY, NOW);
    expect(kept(backups, NOW + 365 * DAY)).toEqual([NOW]);
  });

  it('keeps one of two backups that share a millisecond in the same slot', () => {
    const twins = [
      { name: 'kiosk-a.db', takenAt: NOW - 2 * DAY },
      { name: 'kiosk-b.db', takenAt: NOW - 2 * DAY },
    ];
    expect(chooseBackupsToKeep([...twins, backup(NOW)], NOW).size).toBe(2);
  });
});
