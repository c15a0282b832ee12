import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databasePath } from '../src/main/core/data-folder';
import { withoutFsync } from '../src/main/core/db/durability';
import { openKioskCore } from '../src/main/core/kiosk-core';
import { backUpOnline } from '../src/main/core/reliability/backups';
import { insertRoom } from '../src/main/core/repositories/rooms-repository';
import { insertSessionEvent } from '../src/main/core/repositories/session-events-repository';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { median, percentile } from './statistics';

export interface DurabilityCost {
  /** One usage event committed with synchronous=FULL (an fsync of the WAL) and with NORMAL (none), alternating. */
  eventFullMs: number;
  eventNormalMs: number;
  fullToNormal: number;
  /** Durable (FULL) event commits with no backup running and while the online backup copies the database. */
  databaseMb: number;
  backupMs: number;
  commitIdleMs: number;
  commitDuringBackupMs: number;
  commitDuringBackupP99Ms: number;
  duringToIdle: number;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * What durability costs a session's events, on the kiosk's own schema and pragmas in a temp folder: the same insert
 * committed with FULL and NORMAL side by side; then what the hourly online backup costs the writes that go on while
 * it copies a database grown to `eventsForBackup` events.
 */
export async function measureDurabilityCost(rounds = 400, eventsForBackup = 300_000): Promise<DurabilityCost> {
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-durability-'));
  const core = openKioskCore({ dataFolder: folder, backups: false, logger: { error: () => undefined } });
  try {
    const db = core.db;
    const roomId = insertRoom(db, { name: 'Benchmark room' });
    const staff = { staffNumber: '99999999', pin: '24682468' };
    await seedStaff(db, staff);
    const signedIn = await core.dispatch('signIn', staff);
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const { staffToken } = signedIn.value as { staffToken: string };
    const started = await core.dispatch('startSession', { staffToken, roomId, kind: 'pumping', language: 'en' });
    if (!started.ok) throw new Error(started.error.message);
    const sessionId = (db.prepare('SELECT id FROM sessions').pluck().get() as number) ?? 0;
    const event = () => insertSessionEvent(db, { sessionId, at: Date.now(), type: 'slide-viewed', detail: { n: 1 } });
    const durable = () => db.transaction(event)();
    const time = (run: () => unknown) => {
      const at = performance.now();
      run();
      return performance.now() - at;
    };

    const full: number[] = [];
    const normal: number[] = [];
    for (let index = 0; index < rounds; index++) {
      // Alternating order, so neither mode always follows the other's fsync.
      if (index % 2 === 0) {
        full.push(time(durable));
        normal.push(time(() => withoutFsync(db, event)));
      } else {
        normal.push(time(() => withoutFsync(db, event)));
        full.push(time(durable));
      }
    }

    db.transaction(() => {
      for (let index = 0; index < eventsForBackup; index++) event();
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const databaseMb = statSync(databasePath(folder)).size / 1e6;
    const idle: number[] = [];
    for (let index = 0; index < rounds; index++) {
      idle.push(time(durable));
      await nextTurn();
    }
    // Writes arrive as separate turns of the event loop, as calls do, while the backup copies 100 pages a turn.
    const during: number[] = [];
    const backups: number[] = [];
    while (during.length < rounds) {
      let done = false;
      const at = performance.now();
      const backup = backUpOnline(db, folder, Date.now() + backups.length).then(() => (done = true));
      while (!done) {
        during.push(time(durable));
        await nextTurn();
      }
      await backup;
      backups.push(performance.now() - at);
    }
    const eventFullMs = median(full);
    const eventNormalMs = median(normal);
    const commitIdleMs = median(idle);
    const commitDuringBackupMs = median(during);
    return {
      eventFullMs,
      eventNormalMs,
      fullToNormal: eventFullMs / eventNormalMs,
      databaseMb,
      backupMs: median(backups),
      commitIdleMs,
      commitDuringBackupMs,
      commitDuringBackupP99Ms: percentile(during, 0.99),
      duringToIdle: commitDuringBackupMs / commitIdleMs,
    };
  } finally {
    core.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
