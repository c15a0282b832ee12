/**
 * Electron's side of the command line (app-command-line.ts): which tool answers which flag, and the exit.
 * index.ts calls runAppCommandIfAsked() first thing; on a normal launch it does nothing.
 */
import { app } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExportCommand } from '../commands/export-command';
import { runFleetCommand } from '../commands/fleet-command';
import { runStaffCommand } from '../commands/staff-command';
import {
  flushed,
  parseAppCommandLine,
  runAppCommand,
  type AppCommandFlag,
  type AppCommandRunner,
} from './app-command-line';
import { installCredentialSealer } from './fleet/kiosk/credential-sealing';
import { nativeBindingPath } from './native-binding';
import { osKeystoreSealer } from './os-keystore';

/** One entry per command-line tool. A flag listed in APP_COMMAND_FLAGS without an entry here is refused cleanly. */
const RUNNERS: Partial<Record<AppCommandFlag, AppCommandRunner>> = {
  '--staff': runStaffCommand,
  '--export': runExportCommand,
  '--fleet': runFleetCommand,
};

/** Runs --staff / --export / --fleet when asked and exits the app when it ends; answers whether it did (then the kiosk must not start). */
export function runAppCommandIfAsked(): boolean {
  const command = parseAppCommandLine(process.argv);
  if (!command) return false;
  // Nothing is drawn, so no GPU process (also spares machines reached over SSH a failing one).
  app.disableHardwareAcceleration();
  const appPath = app.getAppPath();
  const defaultDataFolder = app.getPath('userData');
  // Chromium's own files (caches, storage) go to a scratch folder, away from those of a kiosk running meanwhile.
  const scratch = mkdtempSync(join(tmpdir(), 'lactation-room-kiosk-command-'));
  app.setPath('sessionData', scratch);
  const cancel = new AbortController();
  process.once('SIGINT', () => cancel.abort());
  // safeStorage answers only once the app is ready; fleet join and status need it for the credentials.
  app
    .whenReady()
    .then(() => {
      // Said to the person at the terminal only where it matters: the fleet commands.
      const say = command.flag === '--fleet' ? (message: string) => process.stderr.write(`${message}\n`) : () => {};
      installCredentialSealer(osKeystoreSealer(say));
      return runAppCommand(command, {
        env: process.env,
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        defaultDataFolder,
        core: {
          nativeBinding: nativeBindingPath({
            isPackaged: app.isPackaged,
            appPath,
            resourcesPath: process.resourcesPath,
            electronVersion: process.versions.electron,
          }),
          resourcesFolder: join(appPath, 'resources'),
        },
        runners: RUNNERS,
        signal: cancel.signal,
      });
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    })
    .then(async (code) => {
      await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
      rmSync(scratch, { recursive: true, force: true });
      app.exit(code);
    });
  return true;
}
