import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvSeparator } from '../../../shared/domain';
import type { CentralConnection } from './central-connection';
import { CopyIdleGuard } from './copy-idle-guard';
import { csvGuardSql } from './csv-guard-sql';

/**
 * Sessions that started in [start, end) (UTC epoch ms), of every kiosk or of the kiosks of `unit` only, written in the
 * zone `timeZone`, fields split by `separator`.
 */
export interface FleetSessionCopyOptions {
  start: number;
  end: number;
  timeZone: string;
  separator: CsvSeparator;
  unit?: string;
  /**
   * Stops the COPY with CopyStalledError when no byte arrives for this long (copy-idle-guard.ts), and lifts the
   * connection's statement timeout for the COPY, which would otherwise bound the whole export however well it flows.
   */
  idleTimeoutMs?: number;
}

/** The transaction's setting that holds the unit asked for ('' for every kiosk: a unit's name is never empty). */
const UNIT_SETTING = 'lactation_kiosk.export_unit';

/**
 * Local time to the second and the offset of that instant in the transaction's time zone, as the kiosk's ZoneTime.toIso
 * writes it (2026-11-01T01:50:00-04:00, +05:30, +00:00): to_char reads the zone's rules for each instant, so both
 * sides of a DST change carry their own offset.
 */
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;

/** A bound of the range as a literal: COPY takes no bind parameters, so only a checked whole number is written in. */
function instantLiteral(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new Error(`Not an instant in milliseconds: ${ms}`);
  return `timestamptz '${new Date(ms).toISOString()}'`;
}

/** A CSV text field as the kiosk's writer quotes it: in double quotes, inner quotes doubled; NULL stays NULL. */
const quoted = (text: string) => `'"' || replace(${text}, '"', '""') || '"'`;
/** A text that never holds a quote (a uuid, a kind, a formatted time): quotes around it, nothing to double. */
const quotedPlain = (text: string) => `'"' || ${text} || '"'`;

/**
 * `COPY (SELECT …) TO STDOUT` writing, as its one text column, each session's record of the kiosk's sessions CSV with
 * the kiosk's name first (docs/EXPORT.md): every text quoted with its quotes doubled, numbers bare, NULL as nothing,
 * the formula guard as the kiosk's writer applies it, durations rounded as Math.round rounds. uuid and kind need no
 * guard: a uuid is hex digits and dashes, and kind is one of three words by the table's CHECK. COPY's text format ends
 * each row with LF and escapes line breaks and backslashes inside it; the caller undoes that and ends rows with CRLF.
 * (COPY's CSV format cannot be used as it is: it ends rows with LF too, and nothing tells its record ends from line
 * breaks inside quoted fields without reading every quote.) Each session's event counts are read from its own row,
 * where central migration 5 keeps them as events arrive, rather than counted here. In start order.
 */
export function fleetSessionsCopySql(options: Pick<FleetSessionCopyOptions, 'start' | 'end' | 'separator'>): string {
  if (options.separator !== ',' && options.separator !== ';') throw new Error('The separator is "," or ";".');
  const sep = ` || '${options.separator}' || `;
  const optional = (text: string) => `coalesce(${text}, '')`;
  const record = [
    quoted(csvGuardSql('k.name')),
    quotedPlain('s.uuid::text'),
    quoted(csvGuardSql('s.room_name')),
    quotedPlain('s.kind'),
    quoted(csvGuardSql('s.language')),
    quotedPlain(iso('s.started_at')),
    optional(quotedPlain(iso('s.ended_at'))),
    optional('floor(extract(epoch FROM s.ended_at - s.started_at) + 0.5)::bigint::text'),
    optional(quoted(csvGuardSql('s.end_reason'))),
    quoted(csvGuardSql('s.started_by')),
    's.guide_views',
    's.slide_views',
    's.timer_starts',
    's.help_requests',
  ].join(sep);
  return `COPY (SELECT ${record}
    FROM fleet.sessions s JOIN fleet.kiosks k USING (kiosk_id)
    WHERE s.started_at >= ${instantLiteral(options.start)} AND s.started_at < ${instantLiteral(options.end)}
      AND (coalesce(current_setting('${UNIT_SETTING}', true), '') = ''
        OR k.unit = current_setting('${UNIT_SETTING}', true))
    ORDER BY s.started_at, k.name, s.local_id)
  TO STDOUT`;
}

/**
 * Runs the COPY in one read-only transaction (one snapshot) with the transaction's time zone set to `timeZone` and
 * the unit to `unit` (bind parameters, never statement text), hands its byte stream to `consume` (through the idle
 * guard when `idleTimeoutMs` is given), and answers the rows COPY wrote. A zone PostgreSQL does not know is refused
 * before a byte is read.
 */
export async function copyFleetSessions(
  sql: CentralConnection,
  options: FleetSessionCopyOptions,
  consume: (records: Readable) => Promise<void>,
): Promise<number> {
  const text = fleetSessionsCopySql(options);
  const copy = await sql.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    // Values COPY cannot take as parameters reach it as the transaction's settings, never as statement text.
    await tx.query(`SELECT set_config('TimeZone', $1, true), set_config('${UNIT_SETTING}', $2, true)`, [
      options.timeZone,
      options.unit ?? '',
    ]);
    if (options.idleTimeoutMs === undefined) {
      const stream = tx.copyOut(text);
      await consume(stream);
      return stream;
    }
    await tx.query("SELECT set_config('statement_timeout', '0', true)");
    const stream = tx.copyOut(text);
    const guard = new CopyIdleGuard(options.idleTimeoutMs);
    const piped = pipeline(stream, guard);
    try {
      await consume(guard);
    } catch (error) {
      // The reader's own error (a stall, a full disk) says more than the premature close it causes here.
      piped.catch(() => undefined);
      throw error;
    }
    await piped;
    return stream;
  });
  // Known once COMMIT has answered: COPY's own count, sent after its last row.
  return copy.rowCount;
}
