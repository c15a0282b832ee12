/**
 * Where the app finds its Electron-ABI build of better-sqlite3. Tests and the browser bridge use the Node-ABI build
 * in node_modules; the Electron app passes this file to better-sqlite3's `nativeBinding` option instead, so neither
 * build ever overwrites the other (see scripts/build-native-for-electron.mjs).
 *
 * - Unpackaged (npm start / npm run dev): <project>/native/electron-<version>/better_sqlite3.node, written by
 *   scripts/build-native-for-electron.mjs; the version in the folder name keeps an Electron upgrade from loading a
 *   stale ABI.
 * - Packaged: <resources>/native/better_sqlite3.node, i.e. outside app.asar (a .node file cannot be loaded from inside
 *   an asar archive). The packager copies it there with electron-builder
 *   `extraResources: [{ from: 'native/electron-<version>', to: 'native', filter: ['better_sqlite3.node'] }]`.
 *
 * Pure: no electron import, the caller passes app.isPackaged, app.getAppPath(), process.resourcesPath and
 * process.versions.electron.
 */
import { join } from 'node:path';

export const NATIVE_FOLDER = 'native';
export const NATIVE_FILE = 'better_sqlite3.node';

export function electronNativeFolder(projectFolder: string, electronVersion: string): string {
  return join(projectFolder, NATIVE_FOLDER, `electron-${electronVersion}`);
}

export function nativeBindingPath(options: {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
  electronVersion: string;
}): string {
  return options.isPackaged
    ? join(options.resourcesPath, NATIVE_FOLDER, NATIVE_FILE)
    : join(electronNativeFolder(options.appPath, options.electronVersion), NATIVE_FILE);
}
