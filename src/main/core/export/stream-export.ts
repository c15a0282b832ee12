import type { Writable } from 'node:stream';
import { contract } from '../../../shared/contract';
import type { ApiResult } from '../../../shared/errors';
import { KioskError } from '../errors';
import type { StaffAuth } from '../services/staff-auth';
import type { ExportControl } from './export-to-stream';
import type { UsageExports } from './usage-exports';

export type StreamUsageExport = (
  rawInput: unknown,
  writable: Writable,
  control?: ExportControl,
) => Promise<ApiResult<{ rows: number }>>;

/**
 * An export straight into a stream (e.g. the browser bridge's download response), for a signed-in admin: the same
 * input schema as `exportUsage`, the same audit. Never throws; a cancelled stream answers `conflict`.
 */
export function createStreamUsageExport(
  staffAuth: StaffAuth,
  usageExports: UsageExports,
  logger: { error(message: string, error: unknown): void } = console,
): StreamUsageExport {
  return async (rawInput, writable, control = {}) => {
    const parsed = contract.exportUsage.input.safeParse(rawInput);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-input', message: 'Invalid input for exportUsage.' } };
    }
    const { staffToken, ...request } = parsed.data;
    try {
      const staff = staffAuth.require(staffToken, 'admin');
      const result = await usageExports.toStream(request, writable, { staffId: staff.staffId, via: 'kiosk' }, control);
      return { ok: true, value: result };
    } catch (error) {
      if (error instanceof KioskError) return { ok: false, error: { code: error.code, message: error.message } };
      if ((error as { name?: string } | null)?.name === 'AbortError') {
        return { ok: false, error: { code: 'conflict', message: 'The export was cancelled.' } };
      }
      logger.error('exportUsage (stream): unexpected failure', error);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong. Please try again.' } };
    }
  };
}
