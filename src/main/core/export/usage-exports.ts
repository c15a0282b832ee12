import type { Writable } from 'node:stream';
import type {
  CsvSeparator,
  ExportFormat,
  ExportSubject,
  Language,
  UsageExportProgress,
  UsageExportResult,
} from '../../../shared/domain';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { roomExists } from '../repositories/report-queries';
import { localRange } from '../reports/local-days';
import { loadSettings } from '../services/settings-service';
import type { ChooseExportFile } from './export-file-chooser';
import { exportToFile } from './export-to-file';
import { exportToStream, type ExportControl, type ExportOptions } from './export-to-stream';

export interface UsageExportRequest {
  what: ExportSubject;
  format: ExportFormat;
  /** CSV only: the separator (default ","). */
  separator?: CsvSeparator;
  /** Local dates, inclusive, in the kiosk's time zone. */
  from: string;
  to: string;
  roomId?: number | null;
  /** The admin screen's language, for the save dialog. */
  language?: Language;
}

/** Who asked: a signed-in admin, or IT at the command line (no staff id). */
export interface ExportRequester {
  staffId: number | null;
  via: 'kiosk' | 'command-line';
}

export interface UsageExportsOptions {
  db: KioskDatabase;
  clock: Clock;
  /** A separate read-only connection per export: the streaming iterator holds its connection busy. */
  openReader: () => KioskDatabase;
  /** Where the admin screen's export goes: the save dialog, or exports/ (export-file-chooser.ts). */
  chooseFile: ChooseExportFile;
}

interface RunningExport {
  controller: AbortController;
  what: ExportSubject;
  rowsDone: number;
  rowsTotal: number;
}

const isAbort = (error: unknown) => (error as { name?: string } | null)?.name === 'AbortError';

/**
 * Usage exports (sessions or events, CSV or JSON) with one code path for the admin screen, the command line and a
 * download endpoint: validate, stream from a read-only connection, audit. One export runs at a time; staff can
 * follow its progress and cancel it.
 */
export class UsageExports {
  readonly #options: UsageExportsOptions;
  #running: RunningExport | null = null;

  constructor(options: UsageExportsOptions) {
    this.#options = options;
  }

  /** Checks a request and resolves it to UTC bounds; throws invalid-input or not-found, touching nothing. */
  resolve(request: UsageExportRequest): ExportOptions {
    const roomId = request.roomId ?? null;
    if (roomId !== null && !roomExists(this.#options.db, roomId)) {
      throw new KioskError('not-found', `There is no room ${roomId}.`);
    }
    const { timeZone } = loadSettings(this.#options.db);
    const range = localRange(timeZone, request.from, request.to);
    return {
      what: request.what,
      format: request.format,
      separator: request.separator ?? ',',
      timeZone,
      start: range.start,
      end: range.end,
      roomId,
    };
  }

  suggestedFileName(request: UsageExportRequest): string {
    const room = request.roomId == null ? '' : `-room-${request.roomId}`;
    return `lactation-${request.what}-${request.from}-to-${request.to}${room}.${request.format}`;
  }

  progress(): UsageExportProgress {
    const running = this.#running;
    return running
      ? { running: true, what: running.what, rowsDone: running.rowsDone, rowsTotal: running.rowsTotal }
      : { running: false, what: null, rowsDone: 0, rowsTotal: 0 };
  }

  /** Stops the running export (its partial file is deleted). Answers false when none was running. */
  cancel(): boolean {
    if (!this.#running) return false;
    this.#running.controller.abort();
    return true;
  }

  /** The admin screen's export: ask where (save dialog), then write the file. */
  async exportWithChooser(request: UsageExportRequest, requester: ExportRequester): Promise<UsageExportResult> {
    this.resolve(request);
    this.#assertIdle();
    const path = await this.#options.chooseFile(this.suggestedFileName(request), request.language);
    if (path === null) return { outcome: 'cancelled' };
    try {
      const { rows } = await this.toFile(request, path, requester);
      return { outcome: 'written', fileName: path, rows };
    } catch (error) {
      if (isAbort(error)) return { outcome: 'cancelled' };
      throw error;
    }
  }

  /** Writes an export to a file (complete or not at all). Rejects with an AbortError when cancelled. */
  toFile(
    request: UsageExportRequest,
    path: string,
    requester: ExportRequester,
    control: ExportControl = {},
  ): Promise<{ rows: number }> {
    return this.#run(request, requester, control, (reader, options, run) => exportToFile(reader, options, path, run));
  }

  /** Streams an export to any writable (e.g. an HTTP download). The caller owns what a cancelled stream leaves. */
  toStream(
    request: UsageExportRequest,
    writable: Writable,
    requester: ExportRequester,
    control: ExportControl = {},
  ): Promise<{ rows: number }> {
    return this.#run(request, requester, control, (reader, options, run) =>
      exportToStream(reader, options, writable, run),
    );
  }

  async #run(
    request: UsageExportRequest,
    requester: ExportRequester,
    control: ExportControl,
    write: (reader: KioskDatabase, options: ExportOptions, control: ExportControl) => Promise<{ rows: number }>,
  ): Promise<{ rows: number }> {
    const options = this.resolve(request);
    this.#assertIdle();
    const controller = new AbortController();
    const running: RunningExport = { controller, what: request.what, rowsDone: 0, rowsTotal: 0 };
    this.#running = running;
    const signal = control.signal ? AbortSignal.any([control.signal, controller.signal]) : controller.signal;
    let rows = 0;
    let outcome: 'completed' | 'cancelled' | 'failed' = 'failed';
    const reader = this.#options.openReader();
    try {
      const result = await write(reader, options, {
        signal,
        onProgress: (done, total) => {
          running.rowsDone = done;
          running.rowsTotal = total;
          rows = done;
          control.onProgress?.(done, total);
        },
      });
      rows = result.rows;
      outcome = 'completed';
      return result;
    } catch (error) {
      if (isAbort(error)) outcome = 'cancelled';
      throw error;
    } finally {
      reader.close();
      this.#running = null;
      insertAuditEntry(this.#options.db, {
        at: this.#options.clock.now(),
        staffId: requester.staffId,
        action: 'export',
        detail: {
          what: request.what,
          format: request.format,
          ...(request.format === 'csv' ? { separator: options.separator } : {}),
          from: request.from,
          to: request.to,
          timeZone: options.timeZone,
          roomId: options.roomId,
          rows,
          outcome,
          via: requester.via,
        },
      });
    }
  }

  #assertIdle(): void {
    if (this.#running) throw new KioskError('conflict', 'An export is already running. Wait for it or cancel it.');
  }
}
