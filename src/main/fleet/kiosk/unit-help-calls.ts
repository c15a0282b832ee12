import type { UnitHelpCall } from '../../../shared/domain';
import { KioskError } from '../../core/errors';
import type { KioskLogger } from '../../core/logging/kiosk-logger';
import type { UnitHelpCallSource } from '../../core/services/help-calls';
import { openCentral } from '../central/connection-settings';
import { acknowledgeHelpCall } from '../central/help-calls';
import { errorMessage, isCentreUnavailableNow } from './centre-errors';
import { readCredentials } from './fleet-credentials';

/** A nurse waits on the answer at the screen: a few seconds, then a clear sentence. */
const ANSWER_CONNECT_SECONDS = 3;
const ANSWER_QUERY_MS = 4_000;

/**
 * The unit's open calls as delivery last read them, and answering one over a connection of its own (the delivery
 * connection may be inside a batch's transaction). An answered call leaves the list at once here; the centre's
 * notification then takes it off the other kiosks.
 */
export function unitHelpCalls(
  dataFolder: string,
  logger: Pick<KioskLogger, 'warn'>,
): UnitHelpCallSource & { set(calls: UnitHelpCall[]): void } {
  let calls: UnitHelpCall[] = [];
  const answered = new Set<string>();
  const key = (call: { kioskId: string; localId: number }) => `${call.kioskId}/${call.localId}`;
  return {
    set(next) {
      calls = next.filter((call) => !answered.has(key(call)));
      // What the centre no longer lists as open needs no memory here.
      const open = new Set(next.map(key));
      for (const done of answered) if (!open.has(done)) answered.delete(done);
    },
    list: () => calls,
    async acknowledge(call, staffNumber) {
      const credentials = readCredentials(dataFolder);
      if ('problem' in credentials) throw new KioskError('conflict', credentials.problem);
      const sql = openCentral(credentials, {
        connectTimeoutSeconds: ANSWER_CONNECT_SECONDS,
        queryTimeoutMs: ANSWER_QUERY_MS,
      });
      try {
        const at = await acknowledgeHelpCall(sql, call, staffNumber);
        answered.add(key(call));
        calls = calls.filter((open) => key(open) !== key(call));
        return at;
      } catch (error) {
        logger.warn?.(`fleet: a help call could not be answered at the centre: ${errorMessage(error)}`);
        if (isCentreUnavailableNow(error)) {
          throw new KioskError('conflict', 'The hospital database cannot be reached: answer the call in person.');
        }
        throw new KioskError('not-found', 'This call is no longer open in this unit.');
      } finally {
        await sql.end();
      }
    },
  };
}
