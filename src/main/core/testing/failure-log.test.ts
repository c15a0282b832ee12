import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { openKioskCore } from '../kiosk-core';
import { createFailureLog } from './failure-log';
import { makeTempFolder } from './temp-folder';

describe('the failure log', () => {
  it('reports an internal answer from dispatch unless the test declared it', async () => {
    const folder = makeTempFolder();
    const log = createFailureLog();
    const core = openKioskCore({
      dataFolder: folder.path,
      clock: new ManualClock(0),
      backups: false,
      logger: log.logger,
    });
    try {
      core.db.exec('DROP TABLE rooms'); // listRooms now fails in a way no typed refusal covers
      expect(await core.dispatch('listRooms', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(log.unexpected()).toEqual([expect.stringMatching(/^listRooms: unexpected failure/)]);
      log.allow(/^listRooms: unexpected failure: SqliteError: no such table/);
      expect(log.unexpected()).toEqual([]);
    } finally {
      core.close();
      folder.cleanup();
    }
  });

  it('reports an error the screen sent, which a test that looked only at the screen would miss', async () => {
    const folder = makeTempFolder();
    const log = createFailureLog();
    const core = openKioskCore({
      dataFolder: folder.path,
      clock: new ManualClock(0),
      backups: false,
      logger: log.logger,
    });
    try {
      const problem = { kind: 'error', message: 'TypeError: x is undefined', screen: 'parent-hub' };
      expect(await core.dispatch('reportProblem', problem)).toMatchObject({ ok: true, value: { logged: true } });
      expect(log.unexpected()).toEqual([expect.stringMatching(/^renderer problem \(error on parent-hub\): TypeError/)]);
    } finally {
      core.close();
      folder.cleanup();
    }
  });

  it('does not count typed refusals', async () => {
    const folder = makeTempFolder();
    const log = createFailureLog();
    const core = openKioskCore({
      dataFolder: folder.path,
      clock: new ManualClock(0),
      backups: false,
      logger: log.logger,
    });
    try {
      expect(await core.dispatch('signIn', { staffNumber: '1', pin: '0000' })).toMatchObject({ ok: false });
      expect(await core.dispatch('nope', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(log.unexpected()).toEqual([]);
    } finally {
      core.close();
      folder.cleanup();
    }
  });
});
