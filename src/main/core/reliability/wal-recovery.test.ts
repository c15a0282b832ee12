import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { databasePath } from '../data-folder';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { listAuditEntries } from '../repositories/audit-log-repository';
import { insertRoom } from '../repositories/rooms-repository';
import { insertSessionEvent } from '../repositories/session-events-repository';
import { insertSession, markSessionEnded } from '../repositories/sessions-repository';
import { insertStaff } from '../repositories/staff-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { readCommittedWal } from './wal-replay';

const T0 = Date.UTC(2026, 2, 1, 6);
const HOUR = 60 * 60_000;
const quiet = { error: () => undefined };

let folder: ReturnType<typeof makeTempFolder>;
let clock: ManualClock;
const open = (dataFolder = folder.path): KioskCore => openKioskCore({ dataFolder, clock, logger: quiet });

beforeEach(() => {
  folder = makeTempFolder('kiosk-wal-');
  clock = new ManualClock(T0);
});
afterEach(() => folder.cleanup());

/** The one room and the one staff member whose sessions the tests write. */
function addRoomAndStaff(core: KioskCore): { roomId: number; staffId: number } {
  const roomId = insertRoom(core.db, { name: 'Room A' });
  const staffId = insertStaff(core.db, {
    staffNumber: '1001',
    displayName: 'Nurse',
    role: 'admin',
    pinHash: Buffer.alloc(32),
    pinSalt: Buffer.alloc(16),
    createdAt: T0,
  });
  return { roomId, staffId };
}

/** Sessions as the kiosk writes them: each start, its events and its end in their own commits. */
function addSessions(core: KioskCore, count: number, roomId: number, staffId: number): string[] {
  const uuids: string[] = [];
  for (let index = 0; index < count; index++) {
    const uuid = randomUUID();
    const startedAt = clock.now();
    const id = insertSession(core.db, { uuid, roomId, kind: 'pumping', language: 'en', startedAt, startedBy: staffId });
    for (let event = 0; event < 3; event++) {
      insertSessionEvent(core.db, { sessionId: id, at: startedAt + event, type: 'guide-opened', detail: { event } });
    }
    markSessionEnded(core.db, id, { endedAt: startedAt + 60_000, endedBy: staffId, endReason: 'completed' });
    clock.advance(120_000);
    uuids.push(uuid);
  }
  return uuids;
}

/**
 * 20 sessions backed up at close; then 10 more that live only in the WAL when the process is killed (the files are
 * copied while the connection is open, exactly what a SIGKILL leaves on disk). Answers the killed folder.
 */
function killedWithTenSessionsInTheWal(): { killed: string; uuids: string[] } {
  const core = open();
  const { roomId, staffId } = addRoomAndStaff(core);
  const uuids = addSessions(core, 20, roomId, staffId);
  core.close();
  clock.advance(HOUR);
  const running = open();
  uuids.push(...addSessions(running, 10, roomId, staffId));
  const killed = join(folder.path, 'killed');
  mkdirSync(killed);
  for (const suffix of ['', '-wal'])
    copyFileSync(`${databasePath(folder.path)}${suffix}`, `${databasePath(killed)}${suffix}`);
  cpSync(join(folder.path, 'backups'), join(killed, 'backups'), { recursive: true });
  cpSync(join(folder.path, 'kiosk-folder.json'), join(killed, 'kiosk-folder.json'));
  running.close();
  return { killed, uuids };
}

const countOf = (core: KioskCore, sql: string) => core.db.prepare(sql).pluck().get() as number;

describe('recovery keeps what the WAL holds', () => {
  it.each([
    ['truncated to nothing', (file: string) => truncateSync(file, 0)],
    ['truncated to half', (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2))],
    ['deleted', (file: string) => rmSync(file)],
    ['its first page overwritten', (file: string) => writeFileSync(file, Buffer.alloc(4096, 0x41), { flag: 'r+' })],
  ])('kiosk.db %s after a kill: all 30 sessions come back, with their events', (_label, damage) => {
    const { killed, uuids } = killedWithTenSessionsInTheWal();
    expect(readCommittedWal(readFileSync(`${databasePath(killed)}-wal`))!.frames.length).toBeGreaterThan(0);
    damage(databasePath(killed));
    clock.advance(HOUR);

    const core = open(killed);
    const recovery = core.storage.recovery!;
    expect(recovery.restoredFrom).not.toBeNull();
    expect(recovery.salvaged).toMatchObject({ sessions: 10, events: 30 });
    const restored = core.db.prepare('SELECT uuid FROM sessions ORDER BY id').pluck().all() as string[];
    expect(new Set(restored)).toEqual(new Set(uuids));
    expect(countOf(core, 'SELECT count(*) FROM session_events')).toBe(90);
    expect(countOf(core, 'SELECT count(*) FROM sessions WHERE ended_at IS NULL')).toBe(0);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Staff and IT are told what came back.
    expect(core.storage.alert()?.detail).toContain('10 sessions');
    const audit = listAuditEntries(core.db).find((entry) => entry.action === 'db-recovered');
    expect(audit?.detail).toMatchObject({ salvaged: { sessions: 10 } });
    core.close();
  });

  it('merges by session uuid: a session already in the backup is never added twice, and its end is kept', () => {
    const core = open();
    const { roomId, staffId } = addRoomAndStaff(core);
    const uuid = randomUUID();
    const id = insertSession(core.db, {
      uuid,
      roomId,
      kind: 'pumping',
      language: 'en',
      startedAt: T0,
      startedBy: staffId,
    });
    core.close(); // the backup has the session open
    const running = open();
    markSessionEnded(running.db, id, { endedAt: T0 + 60_000, endedBy: staffId, endReason: 'completed' });
    const killed = join(folder.path, 'killed');
    mkdirSync(killed);
    for (const suffix of ['', '-wal'])
      copyFileSync(`${databasePath(folder.path)}${suffix}`, `${databasePath(killed)}${suffix}`);
    cpSync(join(folder.path, 'backups'), join(killed, 'backups'), { recursive: true });
    running.close();
    truncateSync(databasePath(killed), 0);

    const recovered = open(killed);
    expect(recovered.storage.recovery!.salvaged).toMatchObject({ sessions: 0, sessionsEnded: 1 });
    expect(recovered.db.prepare('SELECT uuid, ended_at AS endedAt FROM sessions').all()).toEqual([
      { uuid, endedAt: T0 + 60_000 },
    ]);
    recovered.close();
  });

  it('says what could not be read when the damage took pages the WAL does not hold', () => {
    const { killed } = killedWithTenSessionsInTheWal();
    rmSync(`${databasePath(killed)}-wal`);
    truncateSync(databasePath(killed), 0);
    const core = open(killed);
    expect(core.storage.recovery!.salvaged).toBeNull();
    expect(core.storage.alert()?.detail).toContain('Nothing could be read back');
    expect(countOf(core, 'SELECT count(*) FROM sessions')).toBe(20);
    core.close();
  });

  it('leaves no working copy behind', () => {
    const { killed } = killedWithTenSessionsInTheWal();
    truncateSync(databasePath(killed), 0);
    open(killed).close();
    expect(existsSync(join(killed, 'recovering'))).toBe(false);
  });
});
