/**
 * The pieces of the fleet export's queries (sessions and events, as CSV records or as typed cells): which rows, in
 * which order, and how a time, a duration and a CSV field are written. COPY takes no bind parameters, so the only
 * values written into its text are checked here: the range's two instants and the separator.
 */
import type { CsvSeparator } from '../../../shared/domain';

/** Rows that started in [start, end) (UTC epoch ms), of every kiosk or of the kiosks of `unit` only. */
export interface FleetRange {
  start: number;
  end: number;
  /** The IANA zone the times are written in. */
  timeZone: string;
  unit?: string;
  /**
   * Stops the COPY with CopyStalledError when no byte arrives for this long (copy-idle-guard.ts), and lifts the
   * connection's statement timeout for the COPY, which would otherwise bound the whole export however well it flows.
   */
  idleTimeoutMs?: number;
}

/** The transaction's setting that holds the unit asked for ('' for every kiosk: a unit's name is never empty). */
export const UNIT_SETTING = 'lactation_kiosk.export_unit';

/**
 * Local time to the second and the offset of that instant in the transaction's time zone, as the kiosk's ZoneTime.toIso
 * writes it (2026-11-01T01:50:00-04:00, +05:30, +00:00): to_char reads the zone's rules for each instant, so both
 * sides of a DST change carry their own offset. NULL stays NULL.
 */
export const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;

/** A session's length in whole seconds, rounded as Math.round rounds (lengths are never negative); NULL while open. */
export const durationSeconds = 'floor(extract(epoch FROM s.ended_at - s.started_at) + 0.5)::bigint';

/** A bound of the range as a literal: only a checked whole number is written in. */
function instantLiteral(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new Error(`Not an instant in milliseconds: ${ms}`);
  return `timestamptz '${new Date(ms).toISOString()}'`;
}

/** The separator, checked: it is written into the statement. */
export function separatorSql(separator: CsvSeparator): string {
  if (separator !== ',' && separator !== ';') throw new Error('The separator is "," or ";".');
  return ` || '${separator}' || `;
}

/** A CSV text field as the kiosk's writer quotes it: in double quotes, inner quotes doubled; NULL stays NULL. */
export const quoted = (text: string) => `'"' || replace(${text}, '"', '""') || '"'`;
/** A text that never holds a quote (a uuid, a kind, a formatted time): quotes around it, nothing to double. */
export const quotedPlain = (text: string) => `'"' || ${text} || '"'`;
/** An empty field for NULL. */
export const optional = (text: string) => `coalesce(${text}, '')`;

/** Sessions (s) that started in the range, with their kiosk (k), of the unit asked for. */
function sessionsInRange(options: Pick<FleetRange, 'start' | 'end'>): string {
  return `s.started_at >= ${instantLiteral(options.start)} AND s.started_at < ${instantLiteral(options.end)}
      AND (coalesce(current_setting('${UNIT_SETTING}', true), '') = ''
        OR k.unit = current_setting('${UNIT_SETTING}', true))`;
}

/**
 * Which rows an export holds: `from` (tables, joins and WHERE), `countFrom` (the same rows without what only their
 * values need), and their `order`.
 */
export interface FleetRowsSql {
  from: string;
  countFrom: string;
  order: string;
}

/**
 * The sessions export's rows: each session (s) with its kiosk (k) and its counts of events (e), counted per session
 * through session_events_by_session.
 */
export function sessionRowsSql(options: Pick<FleetRange, 'start' | 'end'>): FleetRowsSql {
  return {
    countFrom: `fleet.sessions s JOIN fleet.kiosks k USING (kiosk_id) WHERE ${sessionsInRange(options)}`,
    from: `fleet.sessions s JOIN fleet.kiosks k USING (kiosk_id)
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE type = 'guide-viewed') AS guides,
        count(*) FILTER (WHERE type = 'slide-viewed') AS slides,
        count(*) FILTER (WHERE type = 'timer-started') AS timers,
        count(*) FILTER (WHERE type = 'help-requested') AS help
      FROM fleet.session_events ev WHERE ev.kiosk_id = s.kiosk_id AND ev.session_local_id = s.local_id) e ON true
    WHERE ${sessionsInRange(options)}`,
    order: 's.started_at, k.name, s.local_id',
  };
}

/**
 * The events export's rows: the events (ev) of the sessions (s) that started in the range, with their kiosk (k), in
 * the kiosk's order (session start, then the event's time and id), kiosks of one instant by name.
 */
export function eventRowsSql(options: Pick<FleetRange, 'start' | 'end'>): FleetRowsSql {
  const from = `fleet.session_events ev
    JOIN fleet.sessions s ON s.kiosk_id = ev.kiosk_id AND s.local_id = ev.session_local_id
    JOIN fleet.kiosks k ON k.kiosk_id = s.kiosk_id
    WHERE ${sessionsInRange(options)}`;
  return {
    from,
    countFrom: from,
    order: 's.started_at, k.name, s.local_id, ev.at, ev.local_id',
  };
}
