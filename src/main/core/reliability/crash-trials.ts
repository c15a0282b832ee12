/**
 * Crash trials: a child process writes through the kiosk core (crash-worker.ts) and is killed with SIGKILL at a
 * random moment; the database is then reopened and must hold every write the child acknowledged, and pass
 * `PRAGMA integrity_check`. Trials run in lanes: each lane keeps one data folder across its trials, so later trials
 * start from a database that has already been through kills.
 *
 * What this proves and what it cannot: see docs/SECURITY.md, "Durability". A killed process is not a power cut.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../clock';
import { openKioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { seedStaff } from '../testing/seed-staff';
import { openKioskStorage } from './kiosk-storage';

export interface CrashTrialOptions {
  trials: number;
  seed: number;
  /** Trials running side by side, each lane with its own data folder. */
  lanes?: number;
  /** The longest wait between the child saying "ready" and the kill. */
  maxKillDelayMs?: number;
  /** Told of each finished trial. */
  onTrial?: (result: CrashTrialResult) => void;
}

export interface CrashTrialResult {
  trial: number;
  lane: number;
  /** Milliseconds after start (before "ready") or after "ready" at which the child was killed. */
  killedAfterMs: number;
  killedBeforeReady: boolean;
  /** Acknowledged writes seen in this trial, and checked in total for the lane so far. */
  acknowledged: number;
  checked: number;
  /** Everything found wrong; empty for a good trial. */
  problems: string[];
}

const WORKER = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const STAFF = { staffNumber: '7', pin: '2468' };
const ROOMS = 4;

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Everything a lane's children acknowledged, across its trials. */
interface Acknowledged {
  started: Map<string, number>;
  events: Map<string, Set<number>>;
  ended: Set<string>;
  cleaned: Map<number, number>;
  /** Each timer's session and the last thing acknowledged of it: running, paused, cancelled, or right (side).
   * A pause is followed by an unacknowledged resume, so only the cancel and the side switch are final enough to check. */
  timers: Map<number, { session: string; last: string }>;
}

function record(acknowledged: Acknowledged, line: string): boolean {
  const [kind, first, second, third] = line.split(' ');
  if (kind === 'started' && first && second) acknowledged.started.set(first, Number(second));
  else if (kind === 'event' && first && second) {
    const seen = acknowledged.events.get(first) ?? new Set<number>();
    seen.add(Number(second));
    acknowledged.events.set(first, seen);
  } else if (kind === 'ended' && first) acknowledged.ended.add(first);
  else if (kind === 'timer' && first && second && third)
    acknowledged.timers.set(Number(first), { session: second, last: third });
  else if (kind === 'cleaned' && first)
    acknowledged.cleaned.set(Number(first), (acknowledged.cleaned.get(Number(first)) ?? 0) + 1);
  else return false;
  return true;
}

async function seedLane(dataFolder: string): Promise<void> {
  const core = openKioskCore({ dataFolder, backups: false, logger: { error: () => undefined } });
  try {
    for (let room = 1; room <= ROOMS; room++) insertRoom(core.db, { name: `Room ${room}` });
    await seedStaff(core.db, { ...STAFF, role: 'nurse' });
  } finally {
    core.close();
  }
}

/** Runs the child until the kill; answers its complete stdout lines and how it ended. */
function runChild(
  dataFolder: string,
  killAt: { beforeReady: boolean; delayMs: number },
): Promise<{ lines: string[]; stderr: string; signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataFolder, STAFF.staffNumber, STAFF.pin], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (killAt.beforeReady) timer = setTimeout(kill, killAt.delayMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const wasReady = stdout.includes('ready ');
      stdout += chunk;
      if (!killAt.beforeReady && !wasReady && stdout.includes('ready ')) timer = setTimeout(kill, killAt.delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A line without its newline was cut by the kill: not an acknowledgement.
      const lines = stdout.split('\n').slice(0, -1);
      resolve({ lines, stderr, signal, code });
    });
  });
}

function verify(dataFolder: string, acknowledged: Acknowledged): { problems: string[]; checked: number } {
  const problems: string[] = [];
  let checked = 0;
  // The kiosk's own start-up path (check, and recovery if it were needed), without loading content.
  const storage = openKioskStorage({
    dataFolder,
    clock: systemClock,
    backups: false,
    logger: { error: () => undefined },
  });
  try {
    const { db } = storage;
    if (storage.recovery) problems.push(`the database needed recovery: ${storage.recovery.reason}`);
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 3))}`);

    const session = db.prepare('SELECT id, room_id AS roomId, ended_at AS endedAt FROM sessions WHERE uuid = ?');
    const seqs = db.prepare("SELECT json_extract(detail, '$.seq') FROM session_events WHERE session_id = ?").pluck();
    const cleanings = db.prepare('SELECT count(*) FROM room_cleanings WHERE room_id = ?').pluck();
    for (const [uuid, roomId] of acknowledged.started) {
      checked++;
      const row = session.get(uuid) as { id: number; roomId: number; endedAt: number | null } | undefined;
      if (!row) {
        problems.push(`acknowledged session ${uuid} is missing`);
        continue;
      }
      if (row.roomId !== roomId) problems.push(`session ${uuid} is in room ${row.roomId}, not ${roomId}`);
      if (acknowledged.ended.has(uuid) && row.endedAt === null) problems.push(`acknowledged end of ${uuid} is missing`);
      const stored = new Set(seqs.all(row.id) as number[]);
      for (const seq of acknowledged.events.get(uuid) ?? []) {
        checked++;
        if (!stored.has(seq)) problems.push(`acknowledged event ${seq} of session ${uuid} is missing`);
      }
    }
    for (const uuid of acknowledged.ended) {
      checked++;
      if (
        !acknowledged.started.has(uuid) &&
        (session.get(uuid) as { endedAt: number | null } | undefined)?.endedAt == null
      ) {
        problems.push(`acknowledged end of ${uuid} is missing`);
      }
    }
    const timer = db.prepare(
      'SELECT s.uuid, t.state, t.side FROM timers t JOIN sessions s ON s.id = t.session_id WHERE t.id = ?',
    );
    for (const [id, { session: uuid, last }] of acknowledged.timers) {
      checked++;
      const row = timer.get(id) as { uuid: string; state: string; side: string | null } | undefined;
      if (!row) {
        problems.push(`acknowledged timer ${id} is missing`);
        continue;
      }
      if (row.uuid !== uuid) problems.push(`timer ${id} belongs to session ${row.uuid}, not ${uuid}`);
      // Ending the session (acknowledged or not) stops its timers; what was acknowledged must not come undone.
      const stopped = row.state === 'cancelled' || row.state === 'finished';
      if (last === 'cancelled' && row.state !== 'cancelled') problems.push(`timer ${id}: cancel lost (${row.state})`);
      if (last === 'right' && row.side !== 'right') problems.push(`timer ${id}: switch to the right side lost`);
      if (acknowledged.ended.has(uuid) && !stopped) problems.push(`timer ${id} outlived its ended session`);
    }
    for (const [roomId, count] of acknowledged.cleaned) {
      checked++;
      const stored = cleanings.get(roomId) as number;
      if (stored < count) problems.push(`room ${roomId}: ${count} cleanings acknowledged, ${stored} stored`);
    }
  } finally {
    storage.close();
  }
  return { problems, checked };
}

/** Runs the trials; answers one result per trial (in the order they finished). */
export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashTrialResult[]> {
  const random = seededRandom(options.seed);
  const lanes = Math.max(1, Math.min(options.lanes ?? 2, options.trials));
  const maxDelay = options.maxKillDelayMs ?? 700;
  // Drawn up front, so the plan depends only on the seed, not on which lane finishes first.
  const plan = Array.from({ length: options.trials }, () => {
    const beforeReady = random() < 0.2;
    return { beforeReady, delayMs: Math.round(random() * (beforeReady ? 1500 : maxDelay)) };
  });
  const results: CrashTrialResult[] = [];

  const runLane = async (lane: number) => {
    const dataFolder = mkdtempSync(join(tmpdir(), `kiosk-crash-${lane}-`));
    const acknowledged: Acknowledged = {
      started: new Map(),
      events: new Map(),
      ended: new Set(),
      cleaned: new Map(),
      timers: new Map(),
    };
    try {
      await seedLane(dataFolder);
      for (let trial = lane; trial < options.trials; trial += lanes) {
        const killAt = plan[trial]!;
        const child = await runChild(dataFolder, killAt);
        const problems: string[] = [];
        if (child.signal !== 'SIGKILL') {
          problems.push(`the child ended by itself (code ${child.code}): ${child.stderr.trim().slice(0, 500)}`);
        }
        let count = 0;
        for (const line of child.lines) {
          if (line.startsWith('ready ')) {
            if (line !== 'ready 2 wal') problems.push(`the child did not run with WAL and synchronous=FULL: "${line}"`);
          } else if (record(acknowledged, line)) count++;
          else problems.push(`unexpected line from the child: ${line.slice(0, 200)}`);
        }
        const verified = verify(dataFolder, acknowledged);
        const result: CrashTrialResult = {
          trial,
          lane,
          killedAfterMs: killAt.delayMs,
          killedBeforeReady: killAt.beforeReady,
          acknowledged: count,
          checked: verified.checked,
          problems: [...problems, ...verified.problems],
        };
        results.push(result);
        options.onTrial?.(result);
      }
    } finally {
      rmSync(dataFolder, { recursive: true, force: true });
    }
  };

  await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane)));
  return results;
}
