import type { Readable } from 'node:stream';
import type { CsvSeparator } from '../../../shared/domain';
import type { CentralConnection } from './central-connection';
import { csvGuardSql } from './csv-guard-sql';
import { runFleetCopy } from './fleet-copy-run';
import {
  iso,
  durationSeconds,
  optional,
  quoted,
  quotedPlain,
  separatorSql,
  sessionRowsSql,
  type FleetRange,
} from './fleet-copy-sql';

/** Sessions that started in the range, written in the zone `timeZone`, fields split by `separator`. */
export interface FleetSessionCopyOptions extends FleetRange {
  separator: CsvSeparator;
}

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
  const sep = separatorSql(options.separator);
  const record = [
    quoted(csvGuardSql('k.name')),
    quotedPlain('s.uuid::text'),
    quoted(csvGuardSql('s.room_name')),
    quotedPlain('s.kind'),
    quoted(csvGuardSql('s.language')),
    quotedPlain(iso('s.started_at')),
    optional(quotedPlain(iso('s.ended_at'))),
    optional(`${durationSeconds}::text`),
    optional(quoted(csvGuardSql('s.end_reason'))),
    quoted(csvGuardSql('s.started_by')),
    's.guide_views',
    's.slide_views',
    's.timer_starts',
    's.help_requests',
  ].join(sep);
  const rows = sessionRowsSql(options);
  return `COPY (SELECT ${record}
    FROM ${rows.from}
    ORDER BY ${rows.order})
  TO STDOUT`;
}

/** Runs the sessions COPY (runFleetCopy), hands its byte stream to `consume`, and answers the rows COPY wrote. */
export function copyFleetSessions(
  sql: CentralConnection,
  options: FleetSessionCopyOptions,
  consume: (records: Readable) => Promise<void>,
): Promise<number> {
  return runFleetCopy(sql, options, { copy: fleetSessionsCopySql(options) }, consume);
}
