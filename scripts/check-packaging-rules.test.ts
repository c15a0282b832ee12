import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  asarProblems,
  EXPECTED_FUSES,
  FUSE_SENTINEL,
  fuseProblems,
  nativeProblems,
  readFuseWire,
  REQUIRED_ASAR_ENTRIES,
} from './check-packaging-rules.mjs';
import { encodeIco, readIcoDirectory } from './ico-file.mjs';

function binaryWithWire(states: string, version = 1): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF…'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([version, states.length]),
    Buffer.from(states, 'latin1'),
    Buffer.from('…rest of the binary'),
  ]);
}
const GOOD_WIRE = EXPECTED_FUSES.map(([, enabled]) => (enabled ? '1' : '0')).join('');

describe('fuses', () => {
  it('accepts the kiosk’s fuse settings and reads them where @electron/fuses does', () => {
    expect(GOOD_WIRE).toBe('01001100');
    expect(readFuseWire(binaryWithWire(GOOD_WIRE))).toEqual({ version: 1, states: [...Buffer.from(GOOD_WIRE)] });
    expect(fuseProblems(readFuseWire(binaryWithWire(GOOD_WIRE)))).toEqual([]);
  });

  it('names each fuse in the wrong state', () => {
    // Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on; integrity and asar-only off.
    expect(fuseProblems(readFuseWire(binaryWithWire('10110001')))).toEqual([
      'Fuse RunAsNode must be disabled.',
      'Fuse EnableCookieEncryption must be enabled.',
      'Fuse EnableNodeOptionsEnvironmentVariable must be disabled.',
      'Fuse EnableNodeCliInspectArguments must be disabled.',
      'Fuse EnableEmbeddedAsarIntegrityValidation must be enabled.',
      'Fuse OnlyLoadAppFromAsar must be enabled.',
      'Fuse GrantFileProtocolExtraPrivileges must be disabled.',
    ]);
  });

  it('accepts a fuse Electron removed, and reports a binary without a wire or with a short one', () => {
    expect(fuseProblems(readFuseWire(binaryWithWire(`${GOOD_WIRE.slice(0, 6)}r0`)))).toEqual([]);
    expect(fuseProblems(readFuseWire(Buffer.from('not electron')))).toEqual([
      'The executable has no fuse wire: is it an Electron 12+ binary?',
    ]);
    expect(fuseProblems(readFuseWire(binaryWithWire(GOOD_WIRE.slice(0, 5))))).toHaveLength(3);
    expect(fuseProblems(readFuseWire(binaryWithWire(GOOD_WIRE, 2)))).toEqual([
      'Unknown fuse wire version 2: update this check.',
    ]);
  });
});

describe('app.asar contents', () => {
  const good = [...REQUIRED_ASAR_ENTRIES, '/out/renderer/assets/index-abc.js', '/node_modules/zod/index.js'];

  it('accepts the app, its content and its runtime dependencies', () => {
    expect(asarProblems(good)).toEqual([]);
  });

  it('names what is missing', () => {
    expect(asarProblems(good.filter((entry) => entry !== '/resources/content/es/guides.json'))).toEqual([
      'app.asar lacks /resources/content/es/guides.json.',
    ]);
  });

  it.each([
    ['/src/main/index.ts', 'sources'],
    ['/e2e/kiosk-page.ts', 'sources'],
    ['/out/main/app-command-line.test.js', 'a test file'],
    ['/out/main/index.js.map', 'a source map'],
    ['/node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'a native module'],
    ['/node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'Node-ABI build or sources'],
    ['/node_modules/vitest/package.json', 'a development tool'],
  ])('refuses %s', (entry, what) => {
    const problems = asarProblems([...good, entry]);
    expect(problems).toHaveLength(entry.endsWith('.node') ? 2 : 1);
    expect(problems[0]).toContain(what);
    expect(problems.join('\n')).toContain(entry);
  });
});

describe('native driver', () => {
  it('wants Electron’s ABI, not Node’s', () => {
    expect(nativeProblems(Buffer.from('..node_register_module_v150..'), '150')).toEqual([]);
    expect(nativeProblems(Buffer.from('..node_register_module_v115..'), '150')[0]).toContain('built for ABI 115');
    expect(nativeProblems(null, '150')[0]).toContain('missing');
  });
});

describe('ico files', () => {
  it('stores small sizes as bitmaps, bottom row first, and 256 px as PNG', () => {
    const size = 16;
    const rgba = new Uint8Array(size * size * 4);
    rgba.set([10, 20, 30, 255], 0); // top-left pixel
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake')]);
    const ico = encodeIco([
      { size: 256, png, rgba: new Uint8Array(0) },
      { size, png, rgba },
    ]);
    expect(readIcoDirectory(ico)).toEqual([
      { size: 16, format: 'bmp', bytes: 40 + size * size * 4 + 4 * size },
      { size: 256, format: 'png', bytes: png.length },
    ]);
    const bitmap = ico.readUInt32LE(6 + 12);
    // Top-left pixel lands in the last row of the bitmap, as BGRA.
    const at = bitmap + 40 + (size - 1) * size * 4;
    expect([...ico.subarray(at, at + 4)]).toEqual([30, 20, 10, 255]);
    expect(ico.readInt32LE(bitmap + 8)).toBe(size * 2);
  });

  it('refuses a file that is not an icon', () => {
    expect(() => readIcoDirectory(Buffer.from('GIF89a'))).toThrow('Not an .ico file');
  });

  it('the committed icon.ico has every size Windows asks for, 256 px among them', () => {
    const images = readIcoDirectory(readFileSync('build/icons/icon.ico'));
    expect(images.map((image) => image.size)).toEqual([16, 20, 24, 32, 40, 48, 64, 256]);
    expect(images.at(-1)?.format).toBe('png');
  });
});
