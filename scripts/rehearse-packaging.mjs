// An offline dress rehearsal of packaging: runs electron-builder with this project's real configuration on a
// stand-in Electron (a file carrying Electron's fuse wire, no browser) and a stand-in database driver, targets the
// Linux folder layout only, then runs scripts/check-packaging.mjs on the result. It proves the file list, app.asar,
// extraResources, the fuse flipping and the afterPack guard without the internet; it does not prove that the app
// starts (that needs the real Electron zip: see docs/DEPLOY.md).
// Usage: node scripts/rehearse-packaging.mjs [--keep]   (after `npm run build`)
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackagedApp } from './check-packaging.mjs';
import { FUSE_SENTINEL } from './check-packaging-rules.mjs';

const projectFolder = dirname(dirname(fileURLToPath(import.meta.url)));
const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

const missing = BUILT.filter((file) => !existsSync(join(projectFolder, file)));
if (missing.length > 0) {
  console.error(`Nothing to package yet (${missing.join(', ')} missing): run \`npm run build\` first.`);
  process.exit(1);
}

// Never reach for the network, even where it is reachable: this is the offline rehearsal.
process.env.ELECTRON_BUILDER_OFFLINE = 'true';
const { Arch, Platform, build } = await import('electron-builder');

const scratch = mkdtempSync(join(tmpdir(), 'kiosk-package-rehearsal-'));
try {
  const electronDist = join(scratch, 'electron');
  const nativeFolder = join(scratch, 'native');
  const output = join(scratch, 'dist');
  writeStandInElectron(electronDist);
  mkdirSync(nativeFolder);
  const abi = readFileSync(join(projectFolder, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  // What the guard and the check look for in a real driver: the module registration symbol for Electron's ABI.
  writeFileSync(join(nativeFolder, 'better_sqlite3.node'), `stand-in\0node_register_module_v${abi}\0`);

  await build({
    projectDir: projectFolder,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    // Merged into electron-builder.ts (lists are joined): only the Electron, the driver and the output differ.
    config: {
      electronDist,
      directories: { output },
      extraResources: [{ from: nativeFolder, to: 'native', filter: ['better_sqlite3.node'] }],
    },
  });

  const { problems, asarEntries } = checkPackagedApp(join(output, 'linux-unpacked'), 'linux');
  if (problems.length > 0) {
    console.error(
      `Rehearsal packaged the kiosk, but it is not fit to ship:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Rehearsal passed: ${asarEntries} entries in app.asar, fuses set, driver in resources/native.`);
  }
} finally {
  if (process.argv.includes('--keep')) console.log(`Kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

/** The files electron-builder copies from an unpacked Linux Electron, with Electron's default fuse states. */
function writeStandInElectron(folder) {
  mkdirSync(join(folder, 'locales'), { recursive: true });
  mkdirSync(join(folder, 'resources'));
  // Default wire: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off,
  // only-asar off, browser V8 snapshot off, file:// privileges on. The packager must flip six of them.
  const wire = Buffer.concat([
    Buffer.from('stand-in for the Electron executable\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, 8]),
    Buffer.from('10110001', 'latin1'),
  ]);
  writeFileSync(join(folder, 'electron'), wire);
  chmodSync(join(folder, 'electron'), 0o755);
  for (const file of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html', 'icudtl.dat', 'resources.pak']) {
    writeFileSync(join(folder, file), '');
  }
  for (const locale of ['en-US', 'es', 'es-419', 'fr', 'de'])
    writeFileSync(join(folder, 'locales', `${locale}.pak`), '');
  writeFileSync(
    join(folder, 'version'),
    readJson(join(projectFolder, 'node_modules', 'electron', 'package.json')).version,
  );
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
