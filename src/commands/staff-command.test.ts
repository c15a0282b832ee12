import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../main/core/clock';
import { openKioskCore } from '../main/core/kiosk-core';
import { listAuditEntries } from '../main/core/repositories/audit-log-repository';
import { StaffAuth } from '../main/core/services/staff-auth';
import { databaseFingerprint } from '../main/core/testing/database-fingerprint';
import { makeTempFolder } from '../main/core/testing/temp-folder';
import { commandStreams } from '../main/core/testing/command-streams';
import { setUpWardIn } from '../main/core/testing/core-calls';
import { runStaffCommand } from './staff-command';

let folder: ReturnType<typeof makeTempFolder>;

async function run(argv: string[], stdinText = '') {
  const { stdin, stdout, stderr, output } = commandStreams(stdinText);
  const code = await runStaffCommand(argv, { stdin, stdout, stderr, env: {} });
  return { code, ...output };
}

function withCore<T>(use: (core: ReturnType<typeof openKioskCore>) => T): T {
  const core = openKioskCore({ dataFolder: folder.path });
  try {
    return use(core);
  } finally {
    core.close();
  }
}

beforeEach(async () => {
  folder = makeTempFolder();
  await setUpWardIn(folder.path);
});
afterEach(() => folder.cleanup());

describe('staff command', () => {
  it('adds a nurse with the PIN from standard input, and lists staff', async () => {
    const added = await run(['add', '--name', 'Bea Cruz', '--data-dir', folder.path], '5678\n');
    expect(added).toMatchObject({ code: 0, out: 'Added nurse Bea Cruz with staff number 101.\n' });
    const listed = await run(['list', '--data-dir', folder.path]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/100\s+admin\s+active\s+Ana/);
    expect(listed.out).toMatch(/101\s+nurse\s+active\s+Bea Cruz/);
    const core = openKioskCore({ dataFolder: folder.path });
    try {
      const auth = new StaffAuth(core.db, new ManualClock(Date.now()), () => 60_000);
      await expect(auth.signIn('101', '5678')).resolves.toMatchObject({ role: 'nurse' });
    } finally {
      core.close();
    }
  });

  it('resets a forgotten admin PIN so the admin can sign in again, audited', async () => {
    expect(await run(['reset-pin', '--number', '100', `--data-dir=${folder.path}`], '909090\n')).toMatchObject({
      code: 0,
    });
    const core = openKioskCore({ dataFolder: folder.path });
    try {
      const auth = new StaffAuth(core.db, new ManualClock(Date.now()), () => 60_000);
      await expect(auth.signIn('100', '909090')).resolves.toMatchObject({ role: 'admin' });
      expect(listAuditEntries(core.db)[0]).toMatchObject({
        action: 'staff-changed',
        staffId: null,
        detail: { change: 'pin-reset' },
      });
    } finally {
      core.close();
    }
  });

  it('sets a badge read from standard input (never the command line), and removes it', async () => {
    expect(await run(['set-badge', '--number', '100', '--data-dir', folder.path], ' 0045219983\n')).toMatchObject({
      code: 0,
      out: 'Staff number 100 can now sign in with the badge.\n',
    });
    expect(await run(['set-badge', '--number', '100', '--data-dir', folder.path], '12\n')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Badge: a badge is 4 to 64 letters or digits.'),
    });
    const core = openKioskCore({ dataFolder: folder.path });
    try {
      const auth = new StaffAuth(core.db, new ManualClock(Date.now()), () => 60_000);
      await expect(auth.signInWithBadge('0045219983', '1234')).resolves.toMatchObject({ role: 'admin' });
      expect(JSON.stringify(listAuditEntries(core.db))).not.toContain('0045219983');
    } finally {
      core.close();
    }
    expect(await run(['remove-badge', '--number', '100', '--data-dir', folder.path])).toMatchObject({ code: 0 });
    expect(await run(['list', '--data-dir', folder.path])).toMatchObject({ code: 0 });
    withCore((core) => expect(core.staffAdmin.findByNumber('100')?.hasBadge).toBe(false));
  });

  it('refuses to disable the last admin, changing nothing', async () => {
    const before = withCore((core) => databaseFingerprint(core.db));
    const result = await run(['disable', '--number', '100', '--data-dir', folder.path]);
    expect(result).toMatchObject({ code: 1, err: 'This is the last active admin. Add another admin first.\n' });
    expect(withCore((core) => databaseFingerprint(core.db))).toBe(before);
  });

  it.each([
    [['add', '--data-dir', 'X'], /No kiosk database/],
    [['add', '--name', 'Bea'], /--data-dir is required/],
    [['explode', '--data-dir', 'X'], /Unknown command "explode"/],
    [['add', '--name', 'Bea', '--pin', '1234', '--data-dir', 'X'], /Unknown option --pin/],
    // A stray word (a name without --name) and a flag without its value are bad usage too, as in the other tools.
    [['add', 'Bea', '--data-dir', 'X'], /Unexpected argument "Bea"/],
    [['reset-pin', '--data-dir', 'HERE', '--number'], /--number needs a value/],
    [['list', '--data-dir', 'TYPO'], /^The data folder .*typo\/data cannot be used: .* does not exist\.$/m],
  ])('explains bad usage %j with exit code 2', async (argv, message) => {
    const paths: Record<string, string> = {
      X: `${folder.path}/missing`,
      HERE: folder.path,
      TYPO: `${folder.path}/typo/data`,
    };
    const result = await run(argv.map((arg) => paths[arg] ?? arg));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('refuses bad values before touching anything', async () => {
    const before = withCore((core) => databaseFingerprint(core.db));
    expect((await run(['add', '--name', 'Bea', '--role', 'boss', '--data-dir', folder.path], '1234\n')).err).toMatch(
      /--role/,
    );
    expect((await run(['add', '--name', 'Bea', '--data-dir', folder.path], '12\n')).err).toMatch(
      /PIN: a PIN is 4 to 8 digits/,
    );
    expect((await run(['reset-pin', '--data-dir', folder.path], '1234\n')).err).toMatch(/--number is required/);
    expect((await run(['reset-pin', '--number', '555', '--data-dir', folder.path], '1234\n')).err).toMatch(
      /no staff member/,
    );
    expect(withCore((core) => databaseFingerprint(core.db))).toBe(before);
  });

  it('works as `npm run staff` with the PIN piped in', () => {
    const result = spawnSync(
      'npx',
      ['tsx', 'src/cli/staff.ts', 'add', '--name', 'Cy', '--role', 'admin', '--data-dir', folder.path],
      {
        input: '24682468\n',
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('Added admin Cy with staff number 101.\n');
    expect(result.status).toBe(0);
  });
});
