/**
 * Crash trials: a child process uses the kiosk as a room does (room-workload.ts) and is killed with SIGKILL at a
 * random moment; the database is then reopened and must hold every write the child acknowledged and pass
 * `PRAGMA integrity_check`, and the whole kiosk must start on it and serve calls with no `internal` answer. The child
 * is a worker writing through core.dispatch, or the bridge process itself (crash-targets.ts). Trials run in lanes:
 * each lane keeps one data folder across its trials, so later trials start from a database already through kills.
 *
 * What this proves and what it cannot: see docs/SECURITY.md, "Durability". A killed process is not a power cut.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKioskCore } from '../kiosk-core';
import { insertRoom } from '../repositories/rooms-repository';
import { seedStaff } from '../testing/seed-staff';
import { makeTempFolder } from '../testing/temp-folder';
import { emptyLedger, record } from './crash-ledger';
import { bridgeTarget, workerTarget, type CrashTarget } from './crash-targets';
import { verifyRestart, verifyStoredWrites } from './crash-verify';
import type { WorkloadStaff } from './room-workload';
import { seededRandom } from './seeded-random';

export interface CrashTrialOptions {
  trials: number;
  seed: number;
  /** Trials running side by side, each lane with its own data folder. */
  lanes?: number;
  /** The longest wait between the child saying "ready" and the kill. */
  maxKillDelayMs?: number;
  /** Told of each finished trial. */
  onTrial?: (result: CrashTrialResult) => void;
  /** What is killed: the in-process worker (default) or a bridge process (crash-targets.ts). */
  target?: CrashTarget;
}

export interface CrashTrialResult {
  trial: number;
  lane: number;
  /** Milliseconds after start (before "ready") or after "ready" at which the child was killed. */
  killedAfterMs: number;
  killedBeforeReady: boolean;
  /** Acknowledged writes seen in this trial, and checked in total for the lane so far. */
  acknowledged: number;
  /** Of those, setting and staff changes. */
  adminWrites: number;
  checked: number;
  /** Everything found wrong; empty for a good trial. */
  problems: string[];
}

/** Three nurses, so one whose number a kill-counted try locked can hand over to a colleague, and an admin. */
export const CRASH_STAFF: WorkloadStaff = { nurses: ['7', '8', '9'], admin: '1', pin: '2468' };
const ROOMS = 4;

/** A lane's folder before its first trial: four rooms, the nurses and the admin. */
export async function seedLane(dataFolder: string): Promise<void> {
  const core = openKioskCore({ dataFolder, backups: false, logger: { error: () => undefined } });
  try {
    for (let room = 1; room <= ROOMS; room++) insertRoom(core.db, { name: `Room ${room}` });
    for (const staffNumber of CRASH_STAFF.nurses)
      await seedStaff(core.db, { staffNumber, pin: CRASH_STAFF.pin, role: 'nurse' });
    await seedStaff(core.db, { staffNumber: CRASH_STAFF.admin, pin: CRASH_STAFF.pin, role: 'admin' });
  } finally {
    core.close();
  }
}

/** The bridge's kill window by default: each call crosses HTTP, so the work in the first moments is less. */
export const BRIDGE_MAX_DELAY_MS = 2500;

/**
 * The same trials against the bridge process (`npm run start:web`), driven over HTTP as the page calls it. The page it
 * serves is a stand-in: the page is not under test, its calls are.
 */
export async function runBridgeCrashTrials(options: Omit<CrashTrialOptions, 'target'>): Promise<CrashTrialResult[]> {
  const page = makeTempFolder('kiosk-crash-page-');
  try {
    writeFileSync(join(page.path, 'index.html'), '<!doctype html><html><head><title>Kiosk</title></head></html>');
    return await runCrashTrials({
      maxKillDelayMs: BRIDGE_MAX_DELAY_MS,
      ...options,
      target: bridgeTarget(page.path),
    });
  } finally {
    page.cleanup();
  }
}

/** Runs the trials; answers one result per trial (in the order they finished). */
export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashTrialResult[]> {
  const random = seededRandom(options.seed);
  const lanes = Math.max(1, Math.min(options.lanes ?? 2, options.trials));
  const maxDelay = options.maxKillDelayMs ?? 700;
  const target = options.target ?? workerTarget;
  // Drawn up front, so the plan depends only on the seed, not on which lane finishes first.
  const plan = Array.from({ length: options.trials }, () => {
    const beforeReady = random() < 0.2;
    return { beforeReady, delayMs: Math.round(random() * (beforeReady ? 1500 : maxDelay)) };
  });
  const results: CrashTrialResult[] = [];

  const runLane = async (lane: number) => {
    const dataFolder = mkdtempSync(join(tmpdir(), `kiosk-crash-${lane}-`));
    const acknowledged = emptyLedger();
    try {
      await seedLane(dataFolder);
      for (let trial = lane; trial < options.trials; trial += lanes) {
        const killAt = plan[trial]!;
        const run = await target.run(dataFolder, CRASH_STAFF, killAt);
        const problems = [...run.problems];
        let count = 0;
        const adminWritesBefore = acknowledged.adminWrites;
        for (const line of run.lines) {
          try {
            if (record(acknowledged, line)) count++;
          } catch (error) {
            problems.push((error as Error).message);
          }
        }
        const verified = verifyStoredWrites(dataFolder, acknowledged);
        problems.push(...verified.problems, ...(await verifyRestart(dataFolder, CRASH_STAFF)));
        const result: CrashTrialResult = {
          trial,
          lane,
          killedAfterMs: killAt.delayMs,
          killedBeforeReady: killAt.beforeReady,
          acknowledged: count,
          adminWrites: acknowledged.adminWrites - adminWritesBefore,
          checked: verified.checked,
          problems,
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
