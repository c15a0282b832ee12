// Where the Electron binary and the Electron-ABI better-sqlite3 build are, decided without requiring the electron
// package (electron 45 downloads its binary on first require). Pure: file access is passed in, so it is unit-tested.
import { join } from 'node:path';

/** The executable inside an Electron dist folder, as electron's own install.js writes it to path.txt. */
export function electronExecutableName(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Same rule as node_modules/electron/index.js: ELECTRON_OVERRIDE_DIST_PATH (joined with path.txt's name, else the
 * platform's default name), else node_modules/electron/dist/<path.txt>. Answers { path } when the file exists, else
 * { path: null, tried } listing where it looked.
 */
export function findElectronBinary({ projectFolder, env, platform, fileExists, readText }) {
  const electronPackage = join(projectFolder, 'node_modules', 'electron');
  const recorded = readText(join(electronPackage, 'path.txt'))?.trim() || null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  let candidate = null;
  if (override) candidate = join(override, recorded ?? electronExecutableName(platform));
  else if (recorded) candidate = join(electronPackage, 'dist', recorded);
  if (candidate && fileExists(candidate)) return { path: candidate };
  return {
    path: null,
    tried: candidate ? [candidate] : [`${join(electronPackage, 'path.txt')}, which only electron's installer writes`],
  };
}

/** Kept in step with src/main/native-binding.ts (a test checks both agree). */
export function electronNativeBindingPath(projectFolder, electronVersion) {
  return join(projectFolder, 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
}

/** The one paragraph `npm start` prints when there is no Electron binary. */
export function missingElectronMessage(tried) {
  return [
    'Cannot start the kiosk: the Electron binary is not installed',
    `(looked for ${tried.join(', ')}).`,
    'Provide it in one of three ways: run `npm start` on a machine with internet access and ELECTRON_SKIP_BINARY_DOWNLOAD unset',
    '(it fetches the binary on first start, or run `node node_modules/electron/install.js` yourself);',
    'or download it from a mirror with `ELECTRON_MIRROR=<mirror url> node node_modules/electron/install.js`;',
    'or point at an unpacked Electron 45 folder with `ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-folder npm start`.',
    'Meanwhile `npm run start:web` runs the same kiosk, against the same kind of data folder, in a browser.',
  ].join(' ');
}

/**
 * The ABI a native addon was built for, read from its `node_register_module_v<ABI>` export (what Node and Electron
 * look up when loading it), or null when there is none. Catches a build made against Node's headers instead of
 * Electron's, which would load in Node but crash Electron at start.
 */
export function addonAbi(binary) {
  const match = /node_register_module_v(\d+)/.exec(Buffer.from(binary).toString('latin1'));
  return match ? match[1] : null;
}
