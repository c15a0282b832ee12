// `npm run dist` / `dist:win` / `dist:linux`: builds the app, builds the database driver for Electron, packages the
// installer with electron-builder (electron-builder.ts) and checks the result (scripts/check-packaging.mjs).
// Needs the Electron zip and electron-builder's tools (internet, a mirror or a seeded cache: docs/DEPLOY.md).
// Usage: node scripts/dist.mjs [--win | --linux] [--appimage] [-- more electron-builder options]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectFolder = dirname(dirname(fileURLToPath(import.meta.url)));
const separator = process.argv.indexOf('--');
const own = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const passThrough = separator === -1 ? [] : process.argv.slice(separator + 1);

const unknown = own.filter((arg) => !['--win', '--linux', '--appimage'].includes(arg));
if (unknown.length > 0 || (own.includes('--win') && own.includes('--linux'))) {
  console.error('Usage: node scripts/dist.mjs [--win | --linux] [--appimage] [-- electron-builder options]');
  process.exit(2);
}
const target = own.includes('--win') ? 'win32' : own.includes('--linux') ? 'linux' : process.platform;
if (target !== 'win32' && target !== 'linux') {
  console.error(`The kiosk is packaged for Windows and Linux only, not ${target}.`);
  process.exit(2);
}
if (target !== process.platform) {
  // The driver is a native file built on this machine for this OS; an installer for another OS would not open its database.
  console.error(
    `Build the ${target === 'win32' ? 'Windows' : 'Linux'} package on ${target === 'win32' ? 'Windows' : 'Linux'}: ` +
      `the database driver (resources/native/better_sqlite3.node) is compiled for the OS it is built on.`,
  );
  process.exit(2);
}
if (own.includes('--appimage') && target !== 'linux') {
  console.error('--appimage is for the Linux package only.');
  process.exit(2);
}

// A private renderer folder (KIOSK_RENDERER_DIR, for parallel test runs) must not leave out/renderer stale.
const env = { ...process.env };
delete env.KIOSK_RENDERER_DIR;
const node = (script, args = []) => run(process.execPath, [join(projectFolder, script), ...args]);

node('node_modules/electron-vite/bin/electron-vite.js', ['build']);
node('scripts/build-native-for-electron.mjs');
const targets =
  target === 'win32' ? ['--win', 'nsis'] : ['--linux', 'deb', ...(own.includes('--appimage') ? ['AppImage'] : [])];
node('node_modules/electron-builder/cli.js', [...targets, '--x64', '--publish', 'never', ...passThrough]);
node('scripts/check-packaging.mjs', [
  join(projectFolder, 'dist', target === 'win32' ? 'win-unpacked' : 'linux-unpacked'),
]);
console.log(`\nDone: the installer is in dist/ (see docs/DEPLOY.md to install and set up the kiosk).`);

function run(command, args) {
  console.log(`\n▶ ${args.map((arg) => arg.replace(`${projectFolder}/`, '')).join(' ')}`);
  const result = spawnSync(command, args, { cwd: projectFolder, env, stdio: 'inherit' });
  if (result.error) {
    console.error(`Could not run ${args[0]}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}
