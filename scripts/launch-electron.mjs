// `npm start` / `npm run dev`: find the Electron binary without requiring the electron package, make sure the
// Electron-ABI database driver exists, build (or serve) the app, then run Electron on this project.
// Usage: node scripts/launch-electron.mjs start|dev [-- extra app args, e.g. --data-dir DIR --kiosk]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonAbi, electronNativeBindingPath, findElectronBinary, missingElectronMessage } from './electron-paths.mjs';

const projectFolder = dirname(dirname(fileURLToPath(import.meta.url)));
const [mode, ...appArgs] = process.argv.slice(2);
if (mode !== 'start' && mode !== 'dev') {
  console.error('Usage: node scripts/launch-electron.mjs start|dev [app arguments]');
  process.exit(2);
}

const lookUpElectron = () =>
  findElectronBinary({
    projectFolder,
    env: process.env,
    platform: process.platform,
    fileExists: (path) => existsSync(path),
    readText: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null),
  });
let found = lookUpElectron();
if (found.path === null && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  // Electron 45 installs no binary at `npm ci`: fetch it once here, where the internet (or ELECTRON_MIRROR) is reachable.
  console.log('Fetching the Electron binary (first start only)…');
  spawnSync(process.execPath, [join(projectFolder, 'node_modules', 'electron', 'install.js')], {
    cwd: projectFolder,
    stdio: ['ignore', 'ignore', 'ignore'],
    timeout: 5 * 60_000,
  });
  found = lookUpElectron();
}
if (found.path === null) {
  console.error(missingElectronMessage(found.tried));
  process.exit(1);
}

const electronPackage = join(projectFolder, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;
const electronAbi = readFileSync(join(electronPackage, 'abi_version'), 'utf8').trim();
const nativeBinding = electronNativeBindingPath(projectFolder, electronVersion);
if (!existsSync(nativeBinding) || addonAbi(readFileSync(nativeBinding)) !== electronAbi) {
  // Missing, or built for another ABI: the build script replaces it.
  runOrExit(process.execPath, [join(projectFolder, 'scripts', 'build-native-for-electron.mjs')]);
}

// ELECTRON_RUN_AS_NODE would turn the binary into plain Node and the app would never open.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const electronVite = join(projectFolder, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

if (mode === 'start') {
  runOrExit(process.execPath, [electronVite, 'build']);
  forward(spawn(found.path, [projectFolder, ...appArgs], { cwd: projectFolder, env, stdio: 'inherit' }));
} else {
  // electron-vite dev starts Electron itself: ELECTRON_EXEC_PATH names the binary, and what follows `--` goes to it.
  const devEnv = { ...env, ELECTRON_EXEC_PATH: found.path };
  forward(
    spawn(process.execPath, [electronVite, 'dev', '--', ...appArgs], {
      cwd: projectFolder,
      env: devEnv,
      stdio: 'inherit',
    }),
  );
}

function runOrExit(command, args) {
  const result = spawnSync(command, args, { cwd: projectFolder, env: process.env, stdio: 'inherit' });
  if (result.error) {
    console.error(`Could not run ${args[0] ?? command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Exit with the child's status; pass Ctrl+C and termination on to it so the kiosk can close its database. */
function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${child.spawnfile}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
