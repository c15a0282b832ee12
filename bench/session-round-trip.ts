import { openKioskCore } from '../src/main/core/kiosk-core';
import { insertRoom } from '../src/main/core/repositories/rooms-repository';
import { findStaffByNumber } from '../src/main/core/repositories/staff-repository';
import { saveSetting } from '../src/main/core/services/settings-service';
import { seedStaff } from '../src/main/core/testing/seed-staff';
import { median, percentile } from './statistics';

const BENCH_STAFF = { staffNumber: '99999999', pin: '24682468' };

async function call(core: ReturnType<typeof openKioskCore>, method: string, input: unknown): Promise<unknown> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/**
 * Start a session, record five events, end it — through the same dispatch the kiosk's IPC and bridge use — on the
 * given database. The nurse's sign-in (a deliberately slow scrypt) happens before each timed round trip.
 */
export async function measureSessionRoundTrip(
  dataFolder: string,
  repetitions = 1000,
): Promise<{ medianMs: number; p99Ms: number; repetitions: number }> {
  const core = openKioskCore({ dataFolder, backups: false, logger: { error: () => undefined } });
  try {
    // A room of its own, and no cleaning step, so each round trip can start the next at once.
    saveSetting(core.db, 'cleaningStepEnabled', false);
    const roomId = insertRoom(core.db, { name: 'Benchmark room' });
    if (!findStaffByNumber(core.db, BENCH_STAFF.staffNumber)) await seedStaff(core.db, BENCH_STAFF);
    const samples: number[] = [];
    for (let index = 0; index < repetitions; index++) {
      const { staffToken } = (await call(core, 'signIn', BENCH_STAFF)) as { staffToken: string };
      const started = performance.now();
      const session = (await call(core, 'startSession', { staffToken, roomId, kind: 'pumping', language: 'es' })) as {
        id: string;
      };
      for (let event = 0; event < 5; event++) {
        await call(core, 'recordSessionEvent', {
          sessionId: session.id,
          type: 'slide-viewed',
          detail: { slide: event },
        });
      }
      await call(core, 'endSession', { sessionId: session.id, reason: 'completed' });
      samples.push(performance.now() - started);
    }
    return { medianMs: median(samples), p99Ms: percentile(samples, 0.99), repetitions };
  } finally {
    core.close();
  }
}
