import { describe, expect } from 'vitest';
import type { StaffMember } from '../../../shared/domain';
import { openKioskCore } from '../kiosk-core';
import { folderTest } from '../testing/temp-database';
import { emptyLedger, record } from './crash-ledger';
import { endProblems } from './crash-targets';
import { CRASH_STAFF, seedLane } from './crash-trials';
import { verifyRestart, verifyStoredWrites } from './crash-verify';
import { must, signInAnyOf, type Caller } from './room-workload';

/** An admin sets the chime to 33 and adds a relief nurse; answers the nurse's id. */
async function adminWrites(dataFolder: string): Promise<number> {
  const core = openKioskCore({ dataFolder, backups: false, logger: { error: () => undefined } });
  const call: Caller = (method, input) => core.dispatch(method, input);
  try {
    const { staffToken } = await signInAnyOf(call, [CRASH_STAFF.admin], CRASH_STAFF.pin);
    await must(call, 'updateSettings', { staffToken, changes: { chimeVolume: 33 } });
    const added = await must<StaffMember>(call, 'addStaff', {
      staffToken,
      displayName: 'Relief nurse',
      role: 'nurse',
      pin: CRASH_STAFF.pin,
    });
    return added.id;
  } finally {
    core.close();
  }
}

describe('the checks after a crash-trial kill', () => {
  folderTest(
    'accept the last acknowledged setting and staff state, and report one that was lost',
    async ({ folder }) => {
      await seedLane(folder.path);
      const relief = await adminWrites(folder.path);
      const ledger = emptyLedger();
      expect(record(ledger, 'setting chimeVolume 33')).toBe(true);
      expect(record(ledger, `staff ${relief} enabled`)).toBe(true);
      expect(verifyStoredWrites(folder.path, ledger).problems).toEqual([]);

      // Acknowledged later, yet not stored: lost writes.
      record(ledger, 'setting chimeVolume 34');
      record(ledger, `staff ${relief} disabled`);
      expect(verifyStoredWrites(folder.path, ledger).problems).toEqual([
        'setting chimeVolume: 34 was acknowledged last, 33 is stored',
        `staff ${relief}: disabled was acknowledged last, enabled is stored`,
      ]);

      // Sent after the last acknowledgement and cut off by the kill: what is stored may be that newer value.
      expect(record(ledger, 'sending setting chimeVolume 33')).toBe(false);
      record(ledger, `sending staff ${relief} enabled`);
      expect(verifyStoredWrites(folder.path, ledger).problems).toEqual([]);
      expect(() => record(ledger, 'settings chimeVolume 1')).toThrow('unexpected line');
    },
  );

  folderTest('start the whole kiosk again and report an internal answer or a logged failure', async ({ folder }) => {
    await seedLane(folder.path);
    expect(await verifyRestart(folder.path, CRASH_STAFF)).toEqual([]);

    const core = openKioskCore({ dataFolder: folder.path, backups: false, logger: { error: () => undefined } });
    // A fault no typed refusal covers: a session can no longer be stored.
    core.db.exec(
      "CREATE TRIGGER refuse_sessions BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
    );
    core.close();
    const problems = await verifyRestart(folder.path, CRASH_STAFF);
    expect(problems.join('\n')).toMatch(/startSession answered \{"code":"internal"/);
    expect(problems.join('\n')).toMatch(/logged: .*unexpected failure/);
  });

  folderTest('report a child that ended by itself or logged an unexpected failure', () => {
    expect(endProblems('SIGKILL', null, 'a warning\n')).toEqual([]);
    expect(endProblems(null, 3, 'crash-worker: signIn answered …')).toEqual([
      'it ended by itself (code 3): crash-worker: signIn answered …',
    ]);
    expect(endProblems('SIGKILL', null, 'kiosk: unexpected failure in startSession SqliteError\n')).toEqual([
      'it logged an unexpected failure: kiosk: unexpected failure in startSession SqliteError',
    ]);
  });
});
