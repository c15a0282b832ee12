import Database from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/open-database';
import {
  SALVAGED_TABLES,
  quickCheck,
  readTableTolerantly,
  schemaIsReadable,
  tableLayouts,
  writeSchemaRows,
  type SalvagedTable,
  type TableLayout,
  type TolerantRead,
} from '../repositories/salvage-repository';
import { readCommittedWal } from './wal-replay';

export interface Salvage {
  /** What could be read of each table. */
  tables: Map<SalvagedTable, TolerantRead>;
  /** The copy passed quick_check as a whole: it can replace the backup outright. */
  sound: boolean;
  /** The working copy, to be removed with `discard`. */
  file: string;
  discard(): void;
}

const TABLE_LEAF = 0x0d;
const TABLE_INTERIOR = 0x05;

/**
 * Reads what a damaged database and its write-ahead log still hold, on a copy (the damaged files are never changed).
 * The WAL's committed frames are written onto the copy (a checkpoint done by hand: SQLite deletes the WAL of an empty
 * database file). When the copy's own schema pages are lost, it gets a first page listing the kiosk's tables at the
 * root pages a fresh kiosk database (or one of the backups, for a file restored from one) places them, if the pages
 * there are table pages. The tables are then read around any damaged page. Answers null when nothing can be read.
 */
export function salvageDatabase(
  damagedFile: string | null,
  walFile: string | null,
  workFolder: string,
  nativeBinding: string | undefined,
  schemaSources: readonly string[] = [],
): Salvage | null {
  rmSync(workFolder, { recursive: true, force: true });
  mkdirSync(workFolder, { recursive: true });
  const file = join(workFolder, 'salvage.db');
  const discard = () => rmSync(workFolder, { recursive: true, force: true });
  try {
    if (damagedFile !== null && existsSync(damagedFile)) copyFileSync(damagedFile, file);
    else closeSync(openSync(file, 'w'));
    const wal = walFile !== null && existsSync(walFile) ? readCommittedWal(readFileSync(walFile)) : null;
    if (wal !== null) {
      const fd = openSync(file, 'r+');
      try {
        for (const frame of wal.frames)
          writeSync(fd, frame.page, 0, frame.page.length, (frame.pageNumber - 1) * wal.pageSize);
      } finally {
        closeSync(fd);
      }
    }
    if (statSync(file).size === 0) {
      discard();
      return null;
    }
    const pageSize = wal?.pageSize ?? headerPageSize(file) ?? 4096;
    if (!opensWithSchema(file, nativeBinding)) {
      const layouts = candidateLayouts(join(workFolder, 'fresh.db'), schemaSources, nativeBinding);
      const layout = layouts.find((candidate) => rootsAreTablePages(file, pageSize, candidate));
      if (layout === undefined) {
        discard();
        return null;
      }
      writeSchemaPage(file, join(workFolder, 'schema.db'), pageSize, layout, nativeBinding);
    }
    return readSalvage(file, nativeBinding, discard);
  } catch {
    discard();
    return null;
  }
}

function readSalvage(file: string, nativeBinding: string | undefined, discard: () => void): Salvage | null {
  const db = new Database(file, { nativeBinding, fileMustExist: true });
  try {
    const tables = new Map<SalvagedTable, TolerantRead>();
    for (const table of SALVAGED_TABLES) {
      try {
        tables.set(table, readTableTolerantly(db, table));
      } catch {
        tables.set(table, { rows: [], complete: false });
      }
    }
    let sound = false;
    try {
      sound = quickCheck(db) === null;
    } catch {
      sound = false;
    }
    return { tables, sound, file, discard };
  } finally {
    db.close();
  }
}

function opensWithSchema(file: string, nativeBinding: string | undefined): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { nativeBinding, fileMustExist: true });
    return schemaIsReadable(db);
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function headerPageSize(file: string): number | null {
  const header = readAt(file, 0, 100);
  if (header === null || header.toString('latin1', 0, 15) !== 'SQLite format 3') return null;
  const size = header.readUInt16BE(16);
  return size === 1 ? 65536 : size;
}

function readAt(file: string, offset: number, length: number): Buffer | null {
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(length);
    return readSync(fd, bytes, 0, length, offset) === length ? bytes : null;
  } finally {
    closeSync(fd);
  }
}

/** Where a fresh kiosk database puts its tables, then where each backup does. */
function candidateLayouts(
  freshFile: string,
  sources: readonly string[],
  nativeBinding: string | undefined,
): TableLayout[][] {
  const layouts: TableLayout[][] = [];
  const fresh = openDatabase(freshFile, { nativeBinding });
  try {
    layouts.push(tableLayouts(fresh));
  } finally {
    fresh.close();
  }
  for (const source of sources) {
    try {
      const db = new Database(source, { nativeBinding, readonly: true, fileMustExist: true });
      try {
        layouts.push(tableLayouts(db));
      } finally {
        db.close();
      }
    } catch {
      // A backup that cannot be read offers no layout.
    }
  }
  return layouts;
}

/**
 * A layout fits when no root page holds something other than a table page (a page lost to the damage reads as
 * nothing and does not count against it) and at least one is a table page. A wrong fit cannot add rows that break the
 * restored database's constraints: the merge checks every row.
 */
function rootsAreTablePages(file: string, pageSize: number, layout: readonly TableLayout[]): boolean {
  let tablePages = 0;
  for (const { rootPage } of layout) {
    if (rootPage < 2) return false;
    const type = readAt(file, (rootPage - 1) * pageSize, 1)?.[0] ?? 0;
    if (type === TABLE_LEAF || type === TABLE_INTERIOR) tablePages++;
    else if (type !== 0) return false;
  }
  return tablePages > 0;
}

/** Builds a one-page schema in a scratch database and puts that page first in the copy. */
function writeSchemaPage(
  file: string,
  scratch: string,
  pageSize: number,
  layout: readonly TableLayout[],
  nativeBinding: string | undefined,
): void {
  const db = new Database(scratch, { nativeBinding });
  try {
    db.pragma(`page_size = ${pageSize}`);
    writeSchemaRows(db, layout);
  } finally {
    db.close();
  }
  const page = readFileSync(scratch).subarray(0, pageSize);
  // The database size in the header is taken as valid only while this field matches the change counter: break the
  // match, so SQLite counts the copy's pages from its length.
  page.writeUInt32BE((page.readUInt32BE(24) + 1) >>> 0, 92);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, page, 0, page.length, 0);
  } finally {
    closeSync(fd);
  }
}
