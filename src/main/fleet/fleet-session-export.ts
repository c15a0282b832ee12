import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { CsvSeparator } from '../../shared/domain';
import { csvRecord, UTF8_BOM } from '../core/export/csv-writer';
import { SESSION_COLUMNS } from '../core/export/export-columns';
import { partialPathBeside } from '../core/reliability/durable-files';
import type { CentralConnection } from './central/central-connection';
import { assertReporter } from './central/fleet-reporter';
import { copyFleetSessions, type FleetSessionCopyOptions } from './central/fleet-session-copy';
import { CopyTextToCrlfLines } from './copy-text-lines';

/** The fleet export's columns: the kiosk's name, then exactly the single-kiosk sessions export's columns. */
export const FLEET_SESSION_COLUMNS = ['kiosk', ...SESSION_COLUMNS] as const;

/**
 * Every kiosk's sessions that started in [start, end) as the single-kiosk CSV (same quoting, formula guard, BOM, ISO
 * times with the offset of `timeZone`), with the kiosk's name first. Node writes the BOM and the header; each record
 * is written by PostgreSQL in the COPY's query, and Node only ends it with CRLF (COPY ends rows with LF). Written to a partial file that replaces `path`
 * only when complete; refused before anything is written for a role that is not a reporter. With `unit`, only the
 * sessions of that unit's kiosks; with `idleTimeoutMs`, stopped (and nothing left behind) when the COPY goes quiet.
 */
export async function exportFleetSessionsCsv(
  sql: CentralConnection,
  options: Omit<FleetSessionCopyOptions, 'separator'> & { separator?: CsvSeparator },
  path: string,
): Promise<{ rows: number }> {
  await assertReporter(sql);
  const separator = options.separator ?? ',';
  const partial = partialPathBeside(path);
  const file = createWriteStream(partial, { flags: 'wx', flush: true });
  try {
    await once(file, 'open');
    file.write(UTF8_BOM + csvRecord(FLEET_SESSION_COLUMNS, separator));
    const rows = await copyFleetSessions(sql, { ...options, separator }, (records) =>
      pipeline(records, new CopyTextToCrlfLines(), file),
    );
    await rename(partial, path);
    return { rows };
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
