/**
 * The Electron shell: lifecycle, one kiosk window, and the wiring between the IPC handlers and core. Everything
 * that matters lives in ./core (plain Node); everything decidable without Electron lives in small pure files here.
 */
import { app, dialog, Menu, powerSaveBlocker, session, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// IT's command line.
import { runAppCommandIfAsked } from './app-command-host';
import { osKeystoreSealer } from './os-keystore';
import { resolveDataFolder } from './core/data-folder';
import { dataFolderProblem } from './core/data-folder-check';
import { openKioskCore, type KioskCore } from './core/kiosk-core';
import { installCredentialSealer } from './fleet/kiosk/credential-sealing';
import type { FleetBackground } from './fleet/kiosk/fleet-background';
import { kioskFleetWiring } from './fleet/kiosk/kiosk-fleet-wiring';
import { createFileLogger, LOG_FOLDER, type FileLogger } from './core/logging/file-logger';
import { logLevelFromArgs } from './core/logging/log-levels';
import { registerIpcHandlers } from './ipc-handlers';
import { keepDisplayAwake, lockDownWindow } from './kiosk-lockdown';
// Usage export: the save dialog for an admin's export.
import { createExportFileChooser } from './export-dialog';
import type { Lockdown } from './kiosk-lockdown';
import { isKioskMode, testClockFromEnvironment } from './launch-options';
import { nativeBindingPath } from './native-binding';
import { handleKioskProtocol, registerKioskScheme, RENDERER_ENTRY_URL } from './renderer-protocol';
import { hardenAllWebContents, hardenSession } from './security-policy';
import { trustedOrigins } from './trusted-sender';
import { createKioskWindow } from './window-factory';

// Both must happen before 'ready'.
registerKioskScheme();
app.enableSandbox();

// IT's command line: `--staff …` / `--export …` run, print and exit: no window, no single-instance lock.
if (runAppCommandIfAsked()) {
  // The command exits the app when it ends.
} else if (!app.requestSingleInstanceLock()) {
  // A second launch (a double tap on the icon) only brings the running kiosk forward: see 'second-instance'.
  app.quit();
} else {
  runKiosk();
}

/** The kiosk's log in <data folder>/logs, echoed on standard error; a bad --log-level ends the app with its reason. */
function openShellLog(): { dataFolder: string; logger: FileLogger } | null {
  try {
    const dataFolder = resolveDataFolder(process.argv, process.env, app.getPath('userData'));
    // A folder that cannot be used (a file, /proc/self, no permission, a mistyped parent): one sentence, exit code 2.
    const folderProblem = dataFolderProblem(dataFolder);
    if (folderProblem !== null) {
      console.error(`kiosk: ${folderProblem}`);
      dialog.showErrorBox('The kiosk could not start', folderProblem);
      app.exit(2);
      return null;
    }
    const logger = createFileLogger({
      folder: join(dataFolder, LOG_FOLDER),
      level: logLevelFromArgs(process.argv),
      echo: true,
    });
    logger.info(
      `kiosk ${app.getVersion()} starting (Electron ${process.versions.electron}), log level ${logger.level}`,
    );
    return { dataFolder, logger };
  } catch (error) {
    console.error(`kiosk: ${error instanceof Error ? error.message : String(error)}`);
    app.exit(2);
    return null;
  }
}

/** The better-sqlite3 binary built for this Electron, or a sentence saying how to get it. */
function electronDatabaseDriver(): string {
  const nativeBinding = nativeBindingPath({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron,
  });
  if (!existsSync(nativeBinding)) {
    throw new Error(
      `The database driver built for Electron ${process.versions.electron} is missing at ${nativeBinding}. ` +
        (app.isPackaged ? 'Reinstall the kiosk.' : 'Run: node scripts/build-native-for-electron.mjs'),
    );
  }
  return nativeBinding;
}

function runKiosk(): void {
  const shellLog = openShellLog();
  if (!shellLog) return;
  const { dataFolder, logger } = shellLog;
  const kioskMode = isKioskMode(app.isPackaged, process.argv);
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const origins = trustedOrigins({ isPackaged: app.isPackaged, devServerUrl });
  const pageUrl = devServerUrl && origins.length > 1 ? devServerUrl : RENDERER_ENTRY_URL;
  hardenAllWebContents(origins, logger);

  let window: BrowserWindow | null = null;
  let core: KioskCore | null = null;
  let unregisterIpc: (() => void) | null = null;
  let fleet: FleetBackground | null = null;
  let displayBlocker: number | null = null;
  // Usage export: the save dialog pauses the window's refocus-on-blur.
  let lockdown: Lockdown | null = null;

  const showWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const openWindow = () => {
    window = createKioskWindow({
      preloadPath: join(app.getAppPath(), 'out', 'preload', 'index.cjs'),
      kioskMode,
      isPackaged: app.isPackaged,
    });
    const opened = window;
    lockdown = lockDownWindow(opened, {
      kioskMode,
      devToolsAllowed: !app.isPackaged,
      reload: () => void opened.loadURL(pageUrl),
      logger,
    });
    opened.once('ready-to-show', showWindow);
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
    void opened.loadURL(pageUrl);
  };

  const start = () => {
    Menu.setApplicationMenu(null);
    hardenSession(session.defaultSession);
    const nativeBinding = electronDatabaseDriver();
    // The optional fleet, wired as the browser preview wires it (src/cli/web-kiosk.ts).
    const fleetWiring = kioskFleetWiring(dataFolder);
    core = openKioskCore({
      dataFolder,
      nativeBinding,
      resourcesFolder: join(app.getAppPath(), 'resources'),
      clock: testClockFromEnvironment(app.isPackaged, process.env),
      housekeepingEveryMinute: true,
      logger,
      // Damage found after start-up: a restart takes the start-up recovery (the whole file is checked first).
      onDatabaseDamaged: () => {
        app.relaunch();
        app.quit();
      },
      // Usage export: exports from the admin screen are saved where staff choose, over the kiosk window.
      chooseExportFile: createExportFileChooser({
        showSaveDialog: (owner, options) =>
          owner && !owner.isDestroyed() ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options),
        getWindow: () => window,
        pauseRefocus: () => lockdown?.pauseRefocus() ?? (() => undefined),
        documentsFolder: () => app.getPath('documents'),
      }),
      // The optional fleet: unit and hospital figures and exports (Reports tab; the export with a reporting role the admin
      // types for that one export), the board's other rooms of the unit, and the badge key kept with the credentials.
      ...fleetWiring.corePorts(),
    });
    unregisterIpc = registerIpcHandlers(core.dispatch, origins, logger);
    // Before anything reads the fleet credentials: encrypted with the OS keystore where one really protects them.
    installCredentialSealer(osKeystoreSealer((message) => logger.info(message)));
    // The optional fleet: delivery and content packs in the background, only when IT joined this kiosk to one.
    fleet = fleetWiring.startBackground(core, logger);
    handleKioskProtocol(join(app.getAppPath(), 'out', 'renderer'));
    displayBlocker = keepDisplayAwake();
    openWindow();
  };

  const shutDown = () => {
    unregisterIpc?.();
    unregisterIpc = null;
    // Stops touching the database at once; a batch in flight is sent again next time, which changes nothing.
    void fleet?.stop();
    fleet = null;
    core?.close();
    core = null;
    if (displayBlocker !== null && powerSaveBlocker.isStarted(displayBlocker)) powerSaveBlocker.stop(displayBlocker);
    displayBlocker = null;
  };

  app.on('second-instance', showWindow);
  app.on('activate', () => {
    if (!window && core) openWindow();
  });
  // A kiosk has no life without its window, on macOS too.
  app.on('window-all-closed', () => app.quit());
  // After the windows are gone, so no call can arrive at a closed database.
  app.on('will-quit', shutDown);

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      logger.error('kiosk: could not start', error);
      dialog.showErrorBox('The kiosk could not start', message);
      shutDown();
      app.exit(1);
    });
}
