import type { Readable } from 'node:stream';
import type { CentralConnection } from './central-connection';
import { csvGuardSql } from './csv-guard-sql';
import { runFleetCopy } from './fleet-copy-run';
import { eventRowsSql, iso, optional, quoted, quotedPlain, separatorSql } from './fleet-copy-sql';
import type { FleetSessionCopyOptions } from './fleet-session-copy';

/**
 * `COPY (SELECT …) TO STDOUT` writing each event's record of the kiosk's events CSV with the kiosk's name first, by
 * the same rules as the sessions' (fleetSessionsCopySql). The detail is the text the kiosk wrote (detail_text, central
 * migration 6), guarded like any text; jsonb's own text would have its keys reordered.
 */
export function fleetEventsCopySql(options: Pick<FleetSessionCopyOptions, 'start' | 'end' | 'separator'>): string {
  const record = [
    quoted(csvGuardSql('k.name')),
    quotedPlain('s.uuid::text'),
    quoted(csvGuardSql('s.room_name')),
    quotedPlain(iso('ev.at')),
    quoted(csvGuardSql('ev.type')),
    optional(quoted(csvGuardSql('ev.detail_text'))),
  ].join(separatorSql(options.separator));
  const rows = eventRowsSql(options);
  return `COPY (SELECT ${record}
    FROM ${rows.from}
    ORDER BY ${rows.order})
  TO STDOUT`;
}

/** Runs the events COPY (runFleetCopy), hands its byte stream to `consume`, and answers the rows COPY wrote. */
export function copyFleetEvents(
  sql: CentralConnection,
  options: FleetSessionCopyOptions,
  consume: (records: Readable) => Promise<void>,
): Promise<number> {
  return runFleetCopy(sql, options, { copy: fleetEventsCopySql(options) }, consume);
}
