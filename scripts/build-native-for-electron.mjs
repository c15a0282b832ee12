// Builds better-sqlite3 for Electron's ABI into native/electron-<version>/better_sqlite3.node, the file the app passes
// to better-sqlite3's `nativeBinding` option (src/main/native-binding.ts). It works on a temporary COPY of
// node_modules/better-sqlite3, so the Node-ABI build that tests and the browser bridge use is never touched and
// `npm start` and `npm test` work in either order.
//
// Needs either a prebuilt binary (downloaded from GitHub by prebuild-install, or a local tarball named by
// ELECTRON_SQLITE_PREBUILD) or Electron's headers to compile against: from https://electronjs.org/headers, from
// ELECTRON_HEADERS_MIRROR, or an unpacked headers folder in ELECTRON_HEADERS_DIR. Without any of them it fails with
// one clear paragraph, not a stack trace.
// Usage: node scripts/build-native-for-electron.mjs [--force]
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonAbi, electronNativeBindingPath } from './electron-paths.mjs';

const projectFolder = dirname(dirname(fileURLToPath(import.meta.url)));
const modules = join(projectFolder, 'node_modules');

class BuildFailure extends Error {}

try {
  process.exitCode = build();
} catch (error) {
  const detail = error instanceof BuildFailure ? error.message : `unexpected error: ${error?.message ?? error}`;
  console.error(`\nCould not build better-sqlite3 for Electron. ${detail}`);
  process.exitCode = 1;
}

function build() {
  const electronVersion = readJson(join(modules, 'electron', 'package.json')).version;
  const electronAbi = readFileSync(join(modules, 'electron', 'abi_version'), 'utf8').trim();
  const driverVersion = readJson(join(modules, 'better-sqlite3', 'package.json')).version;
  const target = electronNativeBindingPath(projectFolder, electronVersion);
  const headersUrl = process.env.ELECTRON_HEADERS_MIRROR?.trim() || 'https://electronjs.org/headers';
  const headersDir = process.env.ELECTRON_HEADERS_DIR?.trim();
  const localPrebuild = process.env.ELECTRON_SQLITE_PREBUILD?.trim();
  const prebuildName = `better-sqlite3-v${driverVersion}-electron-v${electronAbi}-${process.platform}-${process.arch}.tar.gz`;

  if (existsSync(target) && addonAbi(readFileSync(target)) === electronAbi && !process.argv.includes('--force')) {
    console.log(`better-sqlite3 for Electron ${electronVersion} is already built: ${relative(projectFolder, target)}`);
    return 0;
  }
  if (localPrebuild && !existsSync(localPrebuild))
    throw new BuildFailure(`ELECTRON_SQLITE_PREBUILD names a missing file: ${localPrebuild}`);
  if (headersDir && !existsSync(headersDir))
    throw new BuildFailure(`ELECTRON_HEADERS_DIR names a missing folder: ${headersDir}`);

  const scratch = mkdtempSync(join(tmpdir(), 'kiosk-native-'));
  const work = join(scratch, 'better-sqlite3');
  const log = join(scratch, 'build.log');
  const source = join(modules, 'better-sqlite3');
  // Everything but build/: the copy starts clean, and the original build/ stays the Node-ABI one.
  cpSync(source, work, { recursive: true, filter: (path) => relative(source, path).split(sep)[0] !== 'build' });
  // prebuild-install looks in the package's prebuilds/ folder before going online.
  if (localPrebuild) {
    mkdirSync(join(work, 'prebuilds'), { recursive: true });
    copyFileSync(localPrebuild, join(work, 'prebuilds', prebuildName));
  }

  console.log(
    `Building better-sqlite3 ${driverVersion} for Electron ${electronVersion} (ABI ${electronAbi}) in ${work} ...`,
  );
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const attempts = buildAttempts({ electronVersion, headersUrl, headersDir });

  const reasons = [];
  for (const attempt of attempts) {
    appendFileSync(log, `\n$ node ${attempt.args.join(' ')}\n`);
    const result = spawnSync(process.execPath, attempt.args, {
      cwd: work,
      encoding: 'utf8',
      timeout: attempt.timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}\n` : ''}`;
    appendFileSync(log, output);
    const builtAbi = result.status === 0 && existsSync(built) ? addonAbi(readFileSync(built)) : null;
    if (builtAbi !== null && builtAbi !== electronAbi) {
      console.log(`  ${attempt.what}: built for ABI ${builtAbi}, not Electron's ${electronAbi}`);
      reasons.push(`${attempt.name}: the result was built for ABI ${builtAbi} (Node's headers instead of Electron's?)`);
      continue;
    }
    if (builtAbi === electronAbi) {
      console.log(`  ${attempt.what}: done`);
      install(built, target);
      rmSync(scratch, { recursive: true, force: true });
      console.log(`Built ${relative(projectFolder, target)}`);
      return 0;
    }
    console.log(`  ${attempt.what}: failed`);
    reasons.push(`${attempt.name}: ${telltale(output)}`);
  }

  rmSync(work, { recursive: true, force: true });
  throw new BuildFailure(noBuildAdvice({ electronVersion, headersUrl, headersDir, reasons, prebuildName, log }));
}

/** The two ways to get the driver for Electron: a prebuilt binary, else a compile against Electron's headers. */
function buildAttempts({ electronVersion, headersUrl, headersDir }) {
  return [
    {
      name: 'prebuilt',
      what: 'download a prebuilt binary',
      args: [
        join(modules, 'prebuild-install', 'bin.js'),
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        `--platform=${process.platform}`,
        '--verbose',
      ],
      timeoutMs: 120_000,
    },
    {
      name: 'headers',
      what: `compile against Electron's headers (${headersDir ?? headersUrl})`,
      args: [
        join(modules, 'node-gyp', 'bin', 'node-gyp.js'),
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        `--dist-url=${headersUrl}`,
        ...(headersDir ? [`--nodedir=${headersDir}`] : []),
        // Its own header cache, as electron-rebuild does, so Node's and Electron's headers never mix.
        `--devdir=${join(homedir(), '.electron-gyp')}`,
      ],
      timeoutMs: 15 * 60_000,
    },
  ];
}

/** What to give this machine so the build can succeed, after both attempts failed. */
function noBuildAdvice({ electronVersion, headersUrl, headersDir, reasons, prebuildName, log }) {
  return [
    `No prebuilt binary for Electron ${electronVersion} could be downloaded and Electron's headers could not be`,
    `fetched from ${headersDir ?? headersUrl} (${reasons.join('; ')}).`,
    'To build it, give this machine one of: internet access;',
    'ELECTRON_HEADERS_MIRROR=<a mirror of https://electronjs.org/headers>;',
    `ELECTRON_HEADERS_DIR=<an unpacked node-v${electronVersion}-headers folder>;`,
    `or ELECTRON_SQLITE_PREBUILD=<a downloaded ${prebuildName} from better-sqlite3's GitHub releases>.`,
    'Then run `node scripts/build-native-for-electron.mjs` again.',
    `Full log: ${log}. Tests and \`npm run start:web\` do not need this build.`,
  ].join(' ');
}

/** Copies the built file into place atomically, and makes native/ ignore itself so the build is never committed. */
function install(built, target) {
  mkdirSync(dirname(target), { recursive: true });
  const ignoreFile = join(projectFolder, 'native', '.gitignore');
  if (!existsSync(ignoreFile))
    writeFileSync(ignoreFile, '# Electron-ABI builds from scripts/build-native-for-electron.mjs\n*\n');
  const partial = `${target}.partial-${process.pid}`;
  copyFileSync(built, partial);
  renameSync(partial, target);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The most telling part of a failed attempt's output, e.g. "getaddrinfo ENOTFOUND github.com". */
function telltale(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const network = lines.findLast((line) =>
    /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|\b40[34]\b/.test(line),
  );
  if (network) return network.replace(/^prebuild-install warn install /, '').slice(0, 160);
  const download = lines.findLast((line) => line.startsWith('gyp http GET '));
  if (download && /network connectivity/.test(output))
    return `cannot download ${download.slice('gyp http GET '.length)}`;
  const error = lines.findLast((line) => /gyp ERR! stack Error|Error:/.test(line));
  return (error ?? lines.at(-1) ?? 'no output').replace(/^gyp ERR! stack /, '').slice(0, 160);
}
