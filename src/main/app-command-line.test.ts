import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runExportCommand } from '../commands/export-command';
import { runStaffCommand } from '../commands/staff-command';
import { makeTempFolder } from './core/testing/temp-folder';
import { commandStreams } from './core/testing/command-streams';
import { setUpWardIn } from './core/testing/core-calls';
import { parseAppCommandLine, runAppCommand, type AppCommand, type AppCommandHost } from './app-command-line';

describe('parseAppCommandLine', () => {
  it('is a normal kiosk launch without --staff or --export', () => {
    expect(parseAppCommandLine(['/opt/kiosk/lactation-room-kiosk'])).toBeNull();
    expect(parseAppCommandLine(['/usr/bin/electron', '/work/app', '--kiosk', '--data-dir', '/srv/kiosk'])).toBeNull();
  });

  it('gives the command everything after its flag, and keeps what came before apart', () => {
    expect(parseAppCommandLine(['C:\\Kiosk\\lactation-room-kiosk.exe', '--staff', 'list'])).toEqual({
      flag: '--staff',
      args: ['list'],
      before: [],
    });
    expect(
      parseAppCommandLine([
        '/usr/bin/lactation-room-kiosk',
        '--ozone-platform=headless',
        '--data-dir',
        '/srv/kiosk',
        '--staff',
        'reset-pin',
        '--number',
        '104',
      ]),
    ).toEqual({
      flag: '--staff',
      args: ['reset-pin', '--number', '104'],
      before: ['--ozone-platform=headless', '--data-dir', '/srv/kiosk'],
    });
  });

  it('reserves --export the same way, and the first command flag wins', () => {
    expect(parseAppCommandLine(['kiosk', '--export', '--from', '2026-01-01'])).toMatchObject({
      flag: '--export',
      args: ['--from', '2026-01-01'],
    });
    expect(parseAppCommandLine(['kiosk', '--export', '--staff'])).toMatchObject({
      flag: '--export',
      args: ['--staff'],
    });
  });

  it('never takes the executable itself for a command', () => {
    expect(parseAppCommandLine(['--staff'])).toBeNull();
  });
});

describe('runAppCommand', () => {
  let folder: ReturnType<typeof makeTempFolder>;
  beforeEach(async () => {
    folder = makeTempFolder();
    await setUpWardIn(folder.path);
  });
  afterEach(() => folder.cleanup());

  function host(overrides: Partial<AppCommandHost> = {}, stdinText = '') {
    const { stdin, stdout, stderr, output } = commandStreams(stdinText);
    const value: AppCommandHost = {
      env: {},
      stdin,
      stdout,
      stderr,
      defaultDataFolder: folder.path,
      core: { resourcesFolder: resolve('resources') },
      runners: { '--staff': runStaffCommand },
      ...overrides,
    };
    return { host: value, output };
  }
  const staff = (args: string[], before: string[] = []): AppCommand => ({ flag: '--staff', args, before });

  it('runs the staff command on the kiosk’s own data folder when none is given', async () => {
    const { host: h, output } = host();
    expect(await runAppCommand(staff(['list']), h)).toBe(0);
    expect(output.out).toMatch(/100\s+admin\s+active\s+Ana/);
  });

  it('resets a PIN read from standard input, as IT would from a scheduled task', async () => {
    const { host: h, output } = host({}, '8642\n');
    expect(await runAppCommand(staff(['reset-pin', '--number', '100']), h)).toBe(0);
    expect(output.out).toContain('New PIN set for staff number 100');
  });

  it('prefers --data-dir after the flag, then KIOSK_DATA_DIR, then --data-dir before the flag, over the default', async () => {
    const empty = makeTempFolder();
    try {
      // Each points at the folder without a database: the command names the folder it was given.
      for (const [command, env] of [
        [staff(['list', '--data-dir', empty.path]), {}],
        [staff(['list']), { KIOSK_DATA_DIR: empty.path }],
        [staff(['list'], ['--data-dir', empty.path]), {}],
      ] as const) {
        const { host: h, output } = host({ env });
        expect(await runAppCommand(command, h)).toBe(2);
        expect(output.err).toContain(`No kiosk database at ${empty.path}`);
      }
    } finally {
      empty.cleanup();
    }
  });

  it('opens the database with the driver and content folder the app passes', async () => {
    const { host: h, output } = host({
      core: { resourcesFolder: resolve('resources'), nativeBinding: resolve(folder.path, 'missing-driver.node') },
    });
    expect(await runAppCommand(staff(['list']), h)).toBe(1);
    expect(output.err).toContain('missing-driver.node');
  });

  it('runs the export on the kiosk’s own data folder, with the app’s driver', async () => {
    const out = join(folder.path, 'usage.csv');
    const exportArgs = ['--from', '2026-01-01', '--to', '2026-01-31', '--out', out];
    const exportCommand: AppCommand = { flag: '--export', args: exportArgs, before: [] };
    const withExport = { runners: { '--export': runExportCommand } };
    const { host: h, output } = host(withExport);
    expect(await runAppCommand(exportCommand, h)).toBe(0);
    expect(output.out).toBe(`Wrote 0 sessions to ${out}\n`);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toContain(','); // a CSV header, no rows

    const broken = host({
      ...withExport,
      core: { resourcesFolder: '', nativeBinding: join(folder.path, 'gone.node') },
    });
    expect(await runAppCommand({ ...exportCommand, args: [...exportArgs.slice(0, 5), `${out}.2`] }, broken.host)).toBe(
      1,
    );
    expect(broken.output.err).toContain('gone.node');
    expect(existsSync(`${out}.2`)).toBe(false);
  });

  it('refuses a reserved command that has no tool, without running anything', async () => {
    const { host: h, output } = host({ runners: { '--staff': runStaffCommand } });
    expect(await runAppCommand({ flag: '--export', args: ['--to', 'x.csv'], before: [] }, h)).toBe(2);
    expect(output.err).toBe('The --export command is not available in this version of the kiosk.\n');
  });

  it('turns a tool that throws into exit code 1 with its message', async () => {
    const failing = vi.fn(async () => {
      throw new Error('disk on fire');
    });
    const { host: h, output } = host({ runners: { '--staff': failing } });
    expect(await runAppCommand(staff(['list']), h)).toBe(1);
    expect(output.err).toBe('disk on fire\n');
  });
});
