import type Database from 'better-sqlite3';

/**
 * The SQL of start-up recovery: reading what a damaged database still holds, and merging it into a restored backup.
 * Table names come only from the fixed list below, never from input.
 */
export const SALVAGED_TABLES = ['rooms', 'staff', 'settings', 'sessions', 'session_events', 'room_cleanings'] as const;
export type SalvagedTable = (typeof SALVAGED_TABLES)[number];

export type Row = Record<string, unknown>;

export interface TolerantRead {
  rows: Row[];
  /** False when a scan stopped at damage: rows stored on the damaged pages may be missing. */
  complete: boolean;
}

const KEY_OF: Record<SalvagedTable, string> = {
  rooms: 'id',
  staff: 'id',
  settings: 'key',
  sessions: 'id',
  session_events: 'id',
  room_cleanings: 'id',
};

/**
 * Every row SQLite can still read: forwards by key until the first damaged page, then backwards from the end until
 * the damage again, so rows on both sides of a damaged page come back.
 */
export function readTableTolerantly(db: Database.Database, table: SalvagedTable): TolerantRead {
  const key = KEY_OF[table];
  const byKey = new Map<unknown, Row>();
  let complete = true;
  for (const order of ['ASC', 'DESC']) {
    try {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${key} ${order}`).iterate() as Iterable<Row>) {
        byKey.set(row[key], row);
      }
      if (order === 'ASC') break;
    } catch {
      complete = false;
    }
  }
  return { rows: [...byKey.values()], complete };
}

export function tableColumns(db: Database.Database, table: SalvagedTable): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
}

/** True when a row with this key is already there. */
export function hasRow(db: Database.Database, table: SalvagedTable, keyValue: unknown): boolean {
  return db.prepare(`SELECT 1 FROM ${table} WHERE ${KEY_OF[table]} = ?`).get(keyValue) !== undefined;
}

/** Inserts the columns the table has (a backup may be an older schema); without `keepKey` the table picks the id. */
export function insertSalvagedRow(
  db: Database.Database,
  table: SalvagedTable,
  columns: readonly string[],
  row: Row,
  keepKey: boolean,
): number {
  const names = columns.filter((name) => name in row && (keepKey || name !== KEY_OF[table]));
  const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  return Number(db.prepare(sql).run(...names.map((name) => row[name])).lastInsertRowid);
}

export function sessionIdByUuid(db: Database.Database, uuid: string): { id: number; endedAt: number | null } | null {
  const row = db.prepare('SELECT id, ended_at AS endedAt FROM sessions WHERE uuid = ?').get(uuid) as
    { id: number; endedAt: number | null } | undefined;
  return row ?? null;
}

/** A session the backup has open that the damaged file shows ended. */
export function endSalvagedSession(db: Database.Database, id: number, row: Row): void {
  db.prepare('UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(
    row.ended_at,
    row.ended_by,
    row.end_reason,
    id,
  );
}

export function hasSessionEvent(db: Database.Database, sessionId: number, row: Row): boolean {
  return (
    db
      .prepare('SELECT 1 FROM session_events WHERE session_id = ? AND at = ? AND type = ? AND detail IS ?')
      .get(sessionId, row.at, row.type, row.detail) !== undefined
  );
}

export function hasRoomCleaning(db: Database.Database, row: Row): boolean {
  return (
    db
      .prepare('SELECT 1 FROM room_cleanings WHERE room_id = ? AND cleaned_at = ? AND cleaned_by = ?')
      .get(row.room_id, row.cleaned_at, row.cleaned_by) !== undefined
  );
}

/**
 * How many session ids up to the highest one seen neither the damaged file nor the restored database holds: an upper
 * bound on sessions lost on damaged pages (retention's deletions leave gaps too).
 */
export function missingSessionIds(db: Database.Database, seenIds: readonly number[]): number {
  if (seenIds.length === 0) return 0;
  const highest = Math.max(...seenIds);
  const restored = db.prepare('SELECT id FROM sessions WHERE id <= ?').pluck().all(highest) as number[];
  return highest - new Set([...seenIds, ...restored]).size;
}

export function quickCheck(db: Database.Database, table?: string): string | null {
  const pragma = table === undefined ? 'quick_check(5)' : `quick_check(${table})`;
  const rows = db.pragma(pragma, { simple: false }) as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
  return problems.length === 0 ? null : `quick_check: ${problems.slice(0, 5).join('; ')}`;
}

/** The tables of a database (not SQLite's own), for checking each on its own. */
export function userTables(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

export interface TableLayout {
  name: SalvagedTable;
  rootPage: number;
  /** Column names in order; the first is the rowid alias when `rowidAlias`. */
  columns: string[];
  rowidAlias: boolean;
}

/** True when SQLite can read the database's schema (its first pages are sound). */
export function schemaIsReadable(db: Database.Database): boolean {
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  return true;
}

/** Where this database keeps each salvaged table, and its columns. */
export function tableLayouts(db: Database.Database): TableLayout[] {
  const roots = new Map(
    (
      db.prepare("SELECT name, rootpage FROM sqlite_schema WHERE type = 'table'").all() as {
        name: string;
        rootpage: number;
      }[]
    ).map((row) => [row.name, row.rootpage]),
  );
  return SALVAGED_TABLES.filter((table) => roots.has(table)).map((table) => {
    const info = db.pragma(`table_info(${table})`) as { name: string; type: string; pk: number }[];
    const keys = info.filter((column) => column.pk > 0);
    return {
      name: table,
      rootPage: roots.get(table)!,
      columns: info.map((column) => column.name),
      rowidAlias: keys.length === 1 && keys[0] === info[0] && info[0]!.type.toUpperCase() === 'INTEGER',
    };
  });
}

/**
 * Writes schema rows naming tables at given root pages, with no constraints or indexes (reading needs neither), into
 * a scratch database whose first page then serves a damaged copy. Only ever run on that scratch file.
 */
export function writeSchemaRows(db: Database.Database, layout: readonly TableLayout[]): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  const insert = db.prepare(
    "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('table', ?, ?, ?, ?)",
  );
  db.transaction(() => {
    for (const table of layout) {
      const columns = table.columns.map((name, index) =>
        index === 0 && table.rowidAlias ? `"${name}" INTEGER PRIMARY KEY` : `"${name}"`,
      );
      insert.run(table.name, table.name, table.rootPage, `CREATE TABLE ${table.name} (${columns.join(', ')})`);
    }
  })();
  db.pragma('writable_schema = OFF');
  db.unsafeMode(false);
}
