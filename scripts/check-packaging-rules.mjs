// What a packaged kiosk must look like, as pure functions over what scripts/check-packaging.mjs reads from disk
// (the executable's fuse wire, app.asar's file list, the native driver's bytes). Unit-tested in
// check-packaging-rules.test.ts; kept in step with electron-builder.ts, whose test checks the same fuse list.

/** Electron's fuse wire v1, in wire order, and the state the kiosk needs for each (true = enabled). */
export const EXPECTED_FUSES = [
  ['RunAsNode', false],
  ['EnableCookieEncryption', true],
  ['EnableNodeOptionsEnvironmentVariable', false],
  ['EnableNodeCliInspectArguments', false],
  ['EnableEmbeddedAsarIntegrityValidation', true],
  ['OnlyLoadAppFromAsar', true],
  ['LoadBrowserProcessSpecificV8Snapshot', false],
  ['GrantFileProtocolExtraPrivileges', false],
];

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31; // '1'
const DISABLED = 0x30; // '0'
const REMOVED = 0x72; // 'r'

/**
 * Reads the fuse wire from an Electron executable (Windows, Linux) the way @electron/fuses does: the sentinel, then
 * a version byte, a length byte and one byte per fuse. Answers null when the binary has no sentinel.
 * @param {Uint8Array} binary
 * @returns {{ version: number, states: number[] } | null}
 */
export function readFuseWire(binary) {
  const data = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const at = data.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at === -1) return null;
  const wire = at + FUSE_SENTINEL.length;
  const length = data[wire + 1] ?? 0;
  return { version: data[wire] ?? 0, states: [...data.subarray(wire + 2, wire + 2 + length)] };
}

/** @param {{ version: number, states: number[] } | null} wire */
export function fuseProblems(wire) {
  if (!wire) return ['The executable has no fuse wire: is it an Electron 12+ binary?'];
  if (wire.version !== 1) return [`Unknown fuse wire version ${wire.version}: update this check.`];
  const problems = [];
  EXPECTED_FUSES.forEach(([name, enabled], index) => {
    const state = wire.states[index];
    if (state === undefined) problems.push(`Fuse ${name} is missing from this Electron's fuse wire.`);
    else if (state === REMOVED) return;
    else if (state !== (enabled ? ENABLED : DISABLED)) {
      problems.push(`Fuse ${name} must be ${enabled ? 'enabled' : 'disabled'}.`);
    }
  });
  return problems;
}

/** Files the app cannot start, show a page or read its content without (paths inside app.asar). */
export const REQUIRED_ASAR_ENTRIES = [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
  '/resources/content/en/guides.json',
  '/resources/content/es/guides.json',
  '/resources/illustrations/cradle.svg',
  '/node_modules/better-sqlite3/lib/index.js',
  '/node_modules/zod/package.json',
];

/** What must never ship inside app.asar, and why. */
export const FORBIDDEN_ASAR_ENTRIES = [
  [/^\/(src|e2e|scripts|bench|docs|build|native|eslint-rules|test-results)(\/|$)/, 'sources, tests and tooling'],
  [/\.test\.[cm]?[jt]s$/, 'a test file'],
  [/\.map$/, 'a source map'],
  [/\.node$/, 'a native module (it cannot load from inside app.asar; the driver belongs in resources/native)'],
  [/^\/node_modules\/better-sqlite3\/(build|deps|src)(\/|$)/, 'better-sqlite3’s Node-ABI build or sources'],
  [
    /^\/node_modules\/(electron|electron-builder|electron-vite|vite|vitest|typescript|svelte|@playwright)(\/|$)/,
    'a development tool',
  ],
];

/** @param {string[]} entries  app.asar's file list, as @electron/asar lists it ("/out/main/index.js") */
export function asarProblems(entries) {
  const present = new Set(entries);
  const problems = REQUIRED_ASAR_ENTRIES.filter((entry) => !present.has(entry)).map(
    (entry) => `app.asar lacks ${entry}.`,
  );
  for (const [pattern, what] of FORBIDDEN_ASAR_ENTRIES) {
    const found = entries.filter((entry) => pattern.test(entry));
    if (found.length > 0) {
      problems.push(`app.asar holds ${what}: ${found.slice(0, 3).join(', ')}${found.length > 3 ? ', …' : ''}`);
    }
  }
  return problems;
}

/**
 * @param {Uint8Array | null} driver  resources/native/better_sqlite3.node, or null when missing
 * @param {string} electronAbi  node_modules/electron/abi_version
 */
export function nativeProblems(driver, electronAbi) {
  if (!driver) return ['resources/native/better_sqlite3.node is missing: the kiosk could not open its database.'];
  const abi = /node_register_module_v(\d+)/.exec(Buffer.from(driver).toString('latin1'))?.[1] ?? null;
  if (abi !== electronAbi) {
    return [
      `resources/native/better_sqlite3.node was built for ABI ${abi ?? 'unknown'}; Electron needs ${electronAbi} (run scripts/build-native-for-electron.mjs).`,
    ];
  }
  return [];
}

/** The installed executable's file name (electron-builder.ts sets executableName). */
export function executableFile(platform) {
  return platform === 'win32' ? 'lactation-room-kiosk.exe' : 'lactation-room-kiosk';
}
