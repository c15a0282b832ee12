import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { CsvSeparator } from '../../shared/domain';
import { csvRecord, UTF8_BOM } from '../core/export/csv-writer';
import { SESSION_COLUMNS } from '../core/export/export-columns';
import { partialPathBeside } from '../core/reliability/durable-files';
import { ZoneTime } from '../core/reports/zone-offsets';
import type { CentralConnection } from './central/central-connection';
import { assertReporter, forEachFleetSession } from './central/fleet-session-rows';

/** The fleet export's columns: the kiosk's name, then exactly the single-kiosk sessions export's columns. */
export const FLEET_SESSION_COLUMNS = ['kiosk', ...SESSION_COLUMNS] as const;

const DAY = 86_400_000;

/**
 * Every kiosk's sessions that started in [start, end) as the single-kiosk CSV (same quoting, formula guard, BOM, ISO
 * times with the offset of `timeZone`), with the kiosk's name first. Rows are formatted here rather than by
 * PostgreSQL's COPY … CSV, whose quoting and times differ from the kiosk's file. Written to a partial file that
 * replaces `path` only when complete; refused before anything is written for a role that is not a reporter. With
 * `unit`, only the sessions of that unit's kiosks.
 */
export async function exportFleetSessionsCsv(
  sql: CentralConnection,
  options: { start: number; end: number; timeZone: string; separator?: CsvSeparator; unit?: string },
  path: string,
): Promise<{ rows: number }> {
  await assertReporter(sql);
  const separator = options.separator ?? ',';
  const zone = new ZoneTime(options.timeZone, options.start - DAY, options.end + 3 * DAY);
  const iso = (instant: number | null) => (instant === null ? null : zone.toIso(instant));
  const partial = partialPathBeside(path);
  const stream = createWriteStream(partial, { flags: 'wx', flush: true });
  try {
    await once(stream, 'open');
    stream.write(UTF8_BOM + csvRecord(FLEET_SESSION_COLUMNS, separator));
    const rows = await forEachFleetSession(sql, options, async (batch) => {
      let text = '';
      for (const r of batch) {
        text += csvRecord(
          [
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            iso(r[5]),
            iso(r[6]),
            r[7] === null ? null : Math.round(r[7] / 1000),
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
            r[13],
          ],
          separator,
        );
      }
      if (!stream.write(text)) await once(stream, 'drain');
    });
    stream.end();
    await once(stream, 'finish');
    await rename(partial, path);
    return { rows };
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
