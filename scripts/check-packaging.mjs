// Checks a packaged kiosk folder (what electron-builder leaves in dist/<os>-unpacked before wrapping it in the
// installer): fuses, the Electron-ABI database driver next to app.asar, and app.asar's file list.
// Usage: node scripts/check-packaging.mjs [folder] [--platform linux|win32]   (default: this OS's dist/*-unpacked)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asarProblems, executableFile, fuseProblems, nativeProblems, readFuseWire } from './check-packaging-rules.mjs';

const projectFolder = dirname(dirname(fileURLToPath(import.meta.url)));
// electron-builder's own asar reader (a dependency of electron-builder, so present wherever packaging is).
const { listPackage } = createRequire(import.meta.url)('@electron/asar');

export function checkPackagedApp(folder, platform) {
  const electronAbi = readFileSync(join(projectFolder, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  const executable = join(folder, executableFile(platform));
  const resources = join(folder, 'resources');
  const asar = join(resources, 'app.asar');
  const driver = join(resources, 'native', 'better_sqlite3.node');
  const problems = [];
  if (!existsSync(executable)) problems.push(`No executable at ${executable}.`);
  else problems.push(...fuseProblems(readFuseWire(readFileSync(executable))));
  problems.push(...nativeProblems(existsSync(driver) ? readFileSync(driver) : null, electronAbi));
  let entries = [];
  if (!existsSync(asar)) problems.push(`No app.asar at ${asar}.`);
  else {
    entries = listPackage(asar, { isPack: false });
    problems.push(...asarProblems(entries));
  }
  if (existsSync(`${asar}.unpacked`)) problems.push('app.asar.unpacked exists: nothing in this app should need it.');
  return { problems, asarEntries: entries.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const platformAt = args.indexOf('--platform');
  const platform = platformAt === -1 ? process.platform : args[platformAt + 1];
  const folderArg = args.find((arg, index) => !arg.startsWith('--') && (platformAt === -1 || index !== platformAt + 1));
  const folder = folderArg ?? join(projectFolder, 'dist', platform === 'win32' ? 'win-unpacked' : 'linux-unpacked');
  const { problems, asarEntries } = checkPackagedApp(folder, platform);
  const where = relative(process.cwd(), folder) || folder;
  if (problems.length > 0) {
    console.error(`The packaged kiosk in ${where} is not fit to ship:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(
      `Packaged kiosk in ${where} checked: fuses set, database driver built for Electron's ABI, app.asar holds ` +
        `the app and its content and nothing else (${asarEntries} entries).`,
    );
  }
}
