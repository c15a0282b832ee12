/**
 * A kiosk for the help-call tests and bench: a test kiosk with a parent's session open in its room, joined to the
 * fleet in a unit, its HelpCalls service (core's), and its background worker wired as the app wires them
 * (fleet-background.ts): a raised call sent at once, the unit's calls read back and answered.
 */
import { systemClock } from '../../core/clock';
import { HelpCalls } from '../../core/services/help-calls';
import type { ConnectionSettings } from '../central/connection-settings';
import type { DeliveryWorker, DeliveryWorkerOptions } from '../kiosk/fleet-delivery';
import { joinFleet } from '../kiosk/fleet-membership';
import { unitHelpCalls } from '../kiosk/unit-help-calls';
import { silentLogger, startTestDelivery } from './joined-kiosk';
import { createTestKiosk, enrolKiosk, type TestKiosk } from './test-kiosk';

export interface HelpCallKiosk {
  kiosk: TestKiosk;
  kioskId: string;
  helpCalls: HelpCalls;
  /** The parent's open session, whose room a call names. */
  sessionId: string;
  /** Starts the kiosk's worker (again after stop). */
  start(options?: Partial<Omit<DeliveryWorkerOptions, 'db' | 'connection' | 'kioskId' | 'server'>>): void;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** `owner`: the owner's settings, with the port the kiosk reaches the centre on (a proxy's, to cut the network). */
export async function helpCallKiosk(owner: ConnectionSettings, name: string, unit: string): Promise<HelpCallKiosk> {
  const kiosk = createTestKiosk();
  kiosk.writeVisits(1, { open: true });
  const sessionId = kiosk.db.prepare('SELECT uuid FROM sessions WHERE ended_at IS NULL').pluck().get() as string;
  const { kioskId, enrolment } = await enrolKiosk(owner, name, unit);
  await joinFleet({ db: kiosk.db, dataFolder: kiosk.folder, enrolment, clock: systemClock });
  const helpCalls = new HelpCalls(kiosk.db, systemClock);
  const unitCalls = unitHelpCalls(kiosk.folder, silentLogger);
  let worker: DeliveryWorker | null = null;
  let stopSending: (() => void) | null = null;
  const stop = async () => {
    stopSending?.();
    helpCalls.attachUnitSource(null);
    await worker?.stop();
    worker = null;
  };
  return {
    kiosk,
    kioskId,
    helpCalls,
    sessionId,
    start(options = {}) {
      const started = startTestDelivery(kiosk, {
        ...options,
        helpCalls: {
          noteAnsweredElsewhere: (...answer) => helpCalls.noteAnsweredElsewhere(...answer),
          setUnitCalls: (calls) => unitCalls.set(calls),
        },
      });
      worker = started;
      stopSending = helpCalls.onRaised(() => started.sendHelpCallNow());
      helpCalls.attachUnitSource(unitCalls);
    },
    stop,
    async close() {
      await stop();
      kiosk.close();
    },
  };
}
