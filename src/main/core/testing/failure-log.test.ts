import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { createFailureLog, type FailureLog } from './failure-log';
import { makeTempFolder } from './temp-folder';

/** A core in a temp folder that logs into a fresh failure log, closed and removed after `use`. */
async function withLoggedCore(use: (core: KioskCore, log: FailureLog) => Promise<void>): Promise<void> {
  const folder = makeTempFolder();
  const log = createFailureLog();
  const core = openKioskCore({
    dataFolder: folder.path,
    clock: new ManualClock(0),
    backups: false,
    logger: log.logger,
  });
  try {
    await use(core, log);
  } finally {
    core.close();
    folder.cleanup();
  }
}

describe('the failure log', () => {
  it('reports an internal answer from dispatch unless the test declared it', () =>
    withLoggedCore(async (core, log) => {
      core.db.exec('DROP TABLE rooms'); // listRooms now fails in a way no typed refusal covers
      expect(await core.dispatch('listRooms', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(log.unexpected()).toEqual([expect.stringMatching(/^listRooms: unexpected failure/)]);
      log.allow(/^listRooms: unexpected failure: SqliteError: no such table/);
      expect(log.unexpected()).toEqual([]);
    }));

  it('reports an error the screen sent, which a test that looked only at the screen would miss', () =>
    withLoggedCore(async (core, log) => {
      const problem = { kind: 'error', message: 'TypeError: x is undefined', screen: 'parent-hub' };
      expect(await core.dispatch('reportProblem', problem)).toMatchObject({ ok: true, value: { logged: true } });
      expect(log.unexpected()).toEqual([expect.stringMatching(/^renderer problem \(error on parent-hub\): TypeError/)]);
    }));

  it('does not count typed refusals', () =>
    withLoggedCore(async (core, log) => {
      expect(await core.dispatch('signIn', { staffNumber: '1', pin: '0000' })).toMatchObject({ ok: false });
      expect(await core.dispatch('nope', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(log.unexpected()).toEqual([]);
    }));
});
