/**
 * The whole-file check run after start-up, as the source of a worker thread. It is a string so that the same code
 * runs from TypeScript (tests, tsx) and from the built app without a bundle entry of its own. It opens its own
 * read-only connection (better-sqlite3 is synchronous: on the main thread a check of a large file would stall every
 * call for seconds), runs `PRAGMA quick_check`, and posts `{ problem }` (null when sound) or `{ error }`.
 * workerData: `{ driver, file, nativeBinding }`, where `driver` is the resolved path of better-sqlite3.
 */
export const WHOLE_FILE_CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const problems = db.pragma('quick_check(5)').map((row) => row.quick_check).filter((line) => line !== 'ok');
  parentPort.postMessage({ problem: problems.length === 0 ? null : 'quick_check: ' + problems.join('; ') });
} catch (error) {
  parentPort.postMessage({ error: { code: error && error.code, message: String(error && error.message) } });
} finally {
  if (db) db.close();
}
`;
