import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WHOLE_FILE_CHECK_WORKER } from '../repositories/whole-file-check-worker';
import { isDamagedDatabaseError } from './storage-errors';

export interface BackgroundCheck {
  /** Null when the file is sound or the check was stopped; else what is wrong. Rejects on any other failure. */
  readonly result: Promise<string | null>;
  /** Ends the check at once (the kiosk is closing); `result` then answers null. */
  stop(): void;
}

/**
 * The whole-file `quick_check` start-up leaves out, on a worker thread with its own read-only connection, so the
 * kiosk answers taps while it reads the file (seconds on a large history, more from a cold disk).
 */
export function checkWholeFileInBackground(file: string, nativeBinding: string | undefined): BackgroundCheck {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WHOLE_FILE_CHECK_WORKER, { eval: true, workerData: { driver, file, nativeBinding } });
  let stopped = false;
  const result = new Promise<string | null>((resolve, reject) => {
    worker.once('message', (message: { problem?: string | null; error?: { code?: string; message: string } }) => {
      if (message.error === undefined) {
        resolve(message.problem ?? null);
      } else if (isDamagedDatabaseError(message.error)) {
        resolve(`${message.error.code}: ${message.error.message}`);
      } else {
        reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      }
      void worker.terminate();
    });
    worker.once('error', (error) => (stopped ? resolve(null) : reject(error)));
    // Without a message the worker died (out of memory, killed): that proves nothing about the file.
    worker.once('exit', (code) =>
      stopped ? resolve(null) : reject(new Error(`the check ended early (exit ${code})`)),
    );
  });
  return {
    result,
    stop() {
      stopped = true;
      void worker.terminate();
    },
  };
}
