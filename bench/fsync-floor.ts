import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './statistics';

/**
 * The physical floor of one durable commit here: a one-row insert in WAL mode with synchronous=FULL, which
 * costs one fsync of the log. Measured in the same run as the round trip so the two compare fairly.
 */
export function measureDurableCommit(repetitions = 300): { medianMs: number } {
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-fsync-'));
  const db = new Database(join(folder, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO t (at) VALUES (?)');
    const samples: number[] = [];
    for (let index = 0; index < repetitions; index++) {
      const started = performance.now();
      insert.run(index);
      samples.push(performance.now() - started);
    }
    return { medianMs: median(samples) };
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
