/**
 * How the installed kiosk is packaged (electron-builder; `npm run dist`, see docs/DEPLOY.md). electron-builder finds
 * this file by its name. Choices, briefly:
 * - Windows: an assisted NSIS installer for all users (C:\Program Files), at a fixed path so Shell Launcher and
 *   scheduled tasks are set up the same way on every machine; `/S` installs silently for mass deployment.
 * - Linux: a .deb (installs to /opt, links /usr/bin/lactation-room-kiosk). AppImage is off: on Ubuntu 24.04+ its
 *   Chromium sandbox needs extra AppArmor set-up, and a kiosk service wants a fixed, package-managed path.
 * - The database driver: the Electron-ABI build of better-sqlite3 goes next to app.asar as resources/native/
 *   (src/main/native-binding.ts); the Node-ABI build, sources and SQLite amalgamation in node_modules stay out.
 * - Fuses: nothing can turn the installed binary back into plain Node or attach a debugger, and it runs only the
 *   code in app.asar. The command-line tools (--staff, --export) run inside the Electron main process, so they work
 *   with runAsNode off.
 */
import type { Configuration } from 'electron-builder';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectFolder = dirname(fileURLToPath(import.meta.url));
const electronPackage = join(projectFolder, 'node_modules', 'electron');
/** The installed Electron: what scripts/build-native-for-electron.mjs builds the driver for. */
export const electronVersion: string = JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;
const electronAbi = readFileSync(join(electronPackage, 'abi_version'), 'utf8').trim();

/** Where the driver is built (scripts/electron-paths.mjs) and where the packaged app looks for it. */
export const NATIVE_SOURCE_FOLDER = `native/electron-${electronVersion}`;
export const NATIVE_FILE = 'better_sqlite3.node';

// Publisher details for the .deb control file and the Windows file properties: replace them with your own.
const PUBLISHER = {
  homepage: 'https://lactationkiosk.org',
  maintainer: 'Lactation Room Kiosk maintainers <maintainers@lactationkiosk.org>',
};

const config: Configuration = {
  appId: 'org.lactationkiosk.app',
  productName: 'Lactation Room Kiosk',
  // One name without spaces on both systems: `lactation-room-kiosk --staff list` reads the same in every guide.
  executableName: 'lactation-room-kiosk',
  copyright: 'Copyright © Lactation Room Kiosk contributors. MIT licence.',
  electronVersion,
  extraMetadata: { homepage: PUBLISHER.homepage },
  directories: { output: 'dist', buildResources: 'build' },
  // electron-vite has bundled everything into out/; only the runtime dependencies' JavaScript is added from node_modules.
  files: [
    'package.json',
    'out/main/**/*',
    'out/preload/**/*',
    'out/renderer/**/*',
    // The core reads these from join(app.getAppPath(), 'resources'), i.e. from inside app.asar.
    'resources/content/**/*',
    'resources/illustrations/**/*',
    '!**/*.map',
    // better-sqlite3's own build is for Node's ABI and would crash Electron; its C sources are 10 MB of nothing.
    '!**/node_modules/better-sqlite3/build/**/*',
    '!**/node_modules/better-sqlite3/deps/**/*',
    '!**/node_modules/better-sqlite3/src/**/*',
    '!**/node_modules/better-sqlite3/binding.gyp',
    // zod ships its TypeScript sources and tests; the app runs the compiled files beside them.
    '!**/node_modules/zod/src/**/*',
    '!**/node_modules/**/*.{d.cts,d.mts}',
    // The fleet's PostgreSQL client: pg-protocol ships its TypeScript sources and tests beside the compiled files.
    '!**/node_modules/pg-protocol/src/**/*',
    '!**/node_modules/**/*.test.{js,ts}',
  ],
  extraResources: [{ from: NATIVE_SOURCE_FOLDER, to: 'native', filter: [NATIVE_FILE] }],
  asar: true,
  // We build the driver ourselves for Electron's ABI; a rebuild in node_modules would break `npm test`.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Chromium's own strings (form hints, context menus) in the kiosk's two languages only.
  electronLanguages: ['en-US', 'es', 'es-419'],
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    // The kiosk serves its pages on kiosk://app, never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  afterPack: async ({ appOutDir, electronPlatformName }) => {
    // extraResources skips a missing folder without a word: refuse to make an installer that cannot open its database.
    const resources =
      electronPlatformName === 'darwin' ? join(appOutDir, 'Contents', 'Resources') : join(appOutDir, 'resources');
    const driver = join(resources, 'native', NATIVE_FILE);
    if (!existsSync(driver)) {
      throw new Error(
        `${driver} is missing: run \`node scripts/build-native-for-electron.mjs\` first (npm run dist does).`,
      );
    }
    const abi = /node_register_module_v(\d+)/.exec(readFileSync(driver).toString('latin1'))?.[1];
    if (abi !== electronAbi) {
      throw new Error(
        `${driver} was built for ABI ${abi ?? 'unknown'}, but Electron ${electronVersion} needs ${electronAbi}.`,
      );
    }
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/icon.ico',
    // The kiosk never needs administrator rights; only the installer does.
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    // Installing from IT's session must not start a full-screen kiosk over it.
    runAfterFinish: false,
    // The data folder holds the hospital's records; uninstalling the program never deletes it.
    deleteAppDataOnUninstall: false,
    installerIcon: 'build/icons/icon.ico',
    uninstallerIcon: 'build/icons/icon.ico',
    artifactName: 'lactation-room-kiosk-setup-${version}-${arch}.${ext}',
  },

  linux: {
    target: [{ target: 'deb', arch: ['x64'] }],
    icon: 'build/icons',
    category: 'Utility',
    maintainer: PUBLISHER.maintainer,
    vendor: PUBLISHER.maintainer,
    synopsis: 'A calm, private touch-screen kiosk for hospital lactation rooms',
    description: 'A calm, private touch-screen kiosk for hospital lactation rooms.',
  },
  // The .deb keeps electron-builder's Debian name: lactation-room-kiosk_<version>_amd64.deb.
  deb: {
    packageCategory: 'misc',
    priority: 'optional',
  },
  // Off by default (see above); `npm run dist:linux -- --appimage` adds it.
  appImage: {
    artifactName: 'lactation-room-kiosk-${version}-${arch}.${ext}',
  },
};

export default config;
