import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CentralConnection } from './central-connection';
import { CopyIdleGuard } from './copy-idle-guard';
import { UNIT_SETTING, type FleetRange } from './fleet-copy-sql';

/**
 * Runs `copy` (a `COPY … TO STDOUT`) in one read-only, repeatable-read transaction (one snapshot: a count read first
 * is the count the COPY writes) with the transaction's time zone set to `timeZone` and the unit to `unit` (bind
 * parameters, never statement text). With `count`, that query's one number is read first and handed to `onCount`
 * before the COPY starts (which may refuse it by throwing: nothing is read then). Answers the rows COPY wrote. A zone
 * PostgreSQL does not know is refused before a byte is read. With `idleTimeoutMs`, the COPY runs without a statement
 * timeout and through the idle guard instead: a healthy export of any size finishes, a stalled one stops.
 */
export async function runFleetCopy(
  sql: CentralConnection,
  options: Pick<FleetRange, 'timeZone' | 'unit' | 'idleTimeoutMs'>,
  statements: { copy: string; count?: string; onCount?: (count: number) => void },
  consume: (records: Readable) => Promise<void>,
): Promise<number> {
  const copy = await sql.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // Values COPY cannot take as parameters reach it as the transaction's settings, never as statement text.
    await tx.query(`SELECT set_config('TimeZone', $1, true), set_config('${UNIT_SETTING}', $2, true)`, [
      options.timeZone,
      options.unit ?? '',
    ]);
    if (statements.count !== undefined) {
      const [row] = await tx.queryArrays(statements.count);
      statements.onCount?.(Number(row?.[0]));
    }
    if (options.idleTimeoutMs === undefined) {
      const stream = tx.copyOut(statements.copy);
      await consume(stream);
      return stream;
    }
    await tx.query("SELECT set_config('statement_timeout', '0', true)");
    const stream = tx.copyOut(statements.copy);
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
