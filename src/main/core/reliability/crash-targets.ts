/**
 * What the crash trials kill: a child process that writes through core.dispatch (crash-worker.ts), or the real
 * browser-kiosk bridge process (`npm run start:web`) driven over HTTP exactly as the page calls it. Either way the
 * room's work is room-workload.ts, and a write counts as acknowledged only once its ok answer arrived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BRIDGE_API_PREFIX, BRIDGE_READY_LINE, BRIDGE_TOKEN_HEADER } from '../../../shared/bridge-protocol';
import type { ApiResult } from '../../../shared/errors';
import { UNEXPECTED_FAILURE } from '../testing/failure-log';
import { RefusedCall, runRoomWorkload, type Caller, type WorkloadStaff } from './room-workload';

export interface KillPlan {
  /** Killed while starting (before "ready"), or while working. */
  beforeReady: boolean;
  /** Milliseconds after the start, or after "ready". */
  delayMs: number;
}

export interface KilledRun {
  /** The acknowledgement and "sending" lines, in order. */
  lines: string[];
  /** Everything found wrong while it ran: it ended by itself, a call was refused, it logged an unexpected failure. */
  problems: string[];
}

export interface CrashTarget {
  /** Starts the target on the folder, lets it work, kills it with SIGKILL as planned, and answers what it said. */
  run(dataFolder: string, staff: WorkloadStaff, killAt: KillPlan): Promise<KilledRun>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));
const START_WEB = fileURLToPath(new URL('../../../cli/start-web.ts', import.meta.url));

/** node --import tsx, not the tsx command: that one runs the script in a grandchild the kill would miss. */
function spawnTs(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Problems in how the child ended and in what it logged before the kill. */
export function endProblems(signal: NodeJS.Signals | null, code: number | null, stderr: string): string[] {
  const problems: string[] = [];
  if (signal !== 'SIGKILL') problems.push(`it ended by itself (code ${code}): ${stderr.trim().slice(0, 500)}`);
  const unexpected = stderr.split('\n').filter((line) => UNEXPECTED_FAILURE.test(line));
  for (const line of unexpected.slice(0, 3)) problems.push(`it logged an unexpected failure: ${line.slice(0, 300)}`);
  return problems;
}

/** The in-process worker: core.dispatch in a child process that prints each acknowledgement. */
export const workerTarget: CrashTarget = {
  run(dataFolder, staff, killAt) {
    return new Promise((resolve, reject) => {
      const child = spawnTs(WORKER, [dataFolder, JSON.stringify(staff)]);
      let stdout = '';
      let stderr = '';
      let timer: NodeJS.Timeout | undefined;
      const kill = () => child.kill('SIGKILL');
      if (killAt.beforeReady) timer = setTimeout(kill, killAt.delayMs);
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        const wasReady = stdout.includes('ready ');
        stdout += chunk;
        if (!killAt.beforeReady && !wasReady && stdout.includes('ready ')) timer = setTimeout(kill, killAt.delayMs);
      });
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const problems = endProblems(signal, code, stderr);
        // A line without its newline was cut by the kill: not an acknowledgement.
        const lines: string[] = [];
        for (const line of stdout.split('\n').slice(0, -1)) {
          if (!line.startsWith('ready ')) lines.push(line);
          else if (line !== 'ready 2 wal') problems.push(`it did not run with WAL and synchronous=FULL: "${line}"`);
        }
        resolve({ lines, problems });
      });
    });
  },
};

/** A caller that POSTs to a running bridge as the page's bridge client does, token and Origin included. */
function bridgeCaller(pageUrl: string, stopped: () => boolean): Caller {
  const url = new URL(pageUrl);
  const token = url.searchParams.get('token') ?? '';
  return async (method, input) => {
    if (stopped()) throw new Error('the bridge was killed');
    const response = await fetch(`${url.origin}${BRIDGE_API_PREFIX}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [BRIDGE_TOKEN_HEADER]: token, Origin: url.origin },
      body: JSON.stringify({ input }),
    });
    const result = (await response.json()) as ApiResult<unknown>;
    // An answer without HTTP 200 is no acknowledgement, whatever its body says.
    return response.ok ? result : { ok: false, error: { code: 'internal', message: `HTTP ${response.status}` } };
  };
}

/** The browser kiosk's bridge process (start-web.ts), serving the page in `rendererDir` (an index.html at least). */
export function bridgeTarget(rendererDir: string): CrashTarget {
  return {
    run(dataFolder, staff, killAt) {
      return new Promise((resolve, reject) => {
        const child = spawnTs(START_WEB, [
          '--no-build',
          '--port',
          '0',
          '--data-dir',
          dataFolder,
          '--renderer-dir',
          rendererDir,
        ]);
        const lines: string[] = [];
        const problems: string[] = [];
        let stdout = '';
        let stderr = '';
        let killed = false;
        let timer: NodeJS.Timeout | undefined;
        const kill = () => {
          killed = true;
          child.kill('SIGKILL');
        };
        const startWork = (pageUrl: string) => {
          if (!killAt.beforeReady) timer = setTimeout(kill, killAt.delayMs);
          const call = bridgeCaller(pageUrl, () => killed);
          runRoomWorkload(
            call,
            {
              // Recorded the moment the ok answer arrived: this process is the page.
              acknowledged: (line) => lines.push(line),
              sending: (line) => lines.push(`sending ${line}`),
            },
            staff,
          ).catch((error: unknown) => {
            // A refusal is an answer the bridge gave: a finding even if the kill came right after it.
            if (error instanceof RefusedCall || !killed) problems.push(`the page's call failed: ${String(error)}`);
          });
        };
        if (killAt.beforeReady) timer = setTimeout(kill, killAt.delayMs);
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          const wasReady = BRIDGE_READY_LINE.test(stdout);
          stdout += chunk;
          const ready = BRIDGE_READY_LINE.exec(stdout);
          if (!wasReady && ready && !killed) startWork(ready[1]!);
        });
        child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          // A call still in flight fails at once; let its rejection be seen (it is expected after the kill).
          setImmediate(() => resolve({ lines, problems: [...endProblems(signal, code, stderr), ...problems] }));
        });
      });
    },
  };
}
