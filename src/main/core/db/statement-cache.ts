import type { Statement } from 'better-sqlite3';
import type { KioskDatabase } from './open-database';

const caches = new WeakMap<KioskDatabase, Map<string, Statement>>();

/**
 * A prepared statement reused for the life of the connection. Compiling SQL costs ~30–60 µs here, which added up
 * to most of a session round trip's CPU time on the hot paths (sessions, events, timers, settings).
 * A statement's mode (pluck, raw) is part of it: one SQL text must always be used in the same mode.
 */
export function cachedStatement(db: KioskDatabase, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
