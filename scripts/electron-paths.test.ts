import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../src/main/native-binding';
import { addonAbi, electronNativeBindingPath, findElectronBinary, missingElectronMessage } from './electron-paths.mjs';

const project = join('/p', 'kiosk');
const pathTxt = join(project, 'node_modules', 'electron', 'path.txt');

function fakeDisk(files: Record<string, string>) {
  return {
    fileExists: (path: string) => path in files,
    readText: (path: string) => files[path] ?? null,
  };
}

describe('findElectronBinary', () => {
  it('finds the binary electron installed, through path.txt', () => {
    const binary = join(project, 'node_modules', 'electron', 'dist', 'electron');
    const found = findElectronBinary({
      projectFolder: project,
      env: {},
      platform: 'linux',
      ...fakeDisk({ [pathTxt]: 'electron', [binary]: '' }),
    });
    expect(found).toEqual({ path: binary });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, with the platform default name when path.txt is absent', () => {
    const binary = join('/opt', 'electron-45', 'electron.exe');
    const found = findElectronBinary({
      projectFolder: project,
      env: { ELECTRON_OVERRIDE_DIST_PATH: join('/opt', 'electron-45') },
      platform: 'win32',
      ...fakeDisk({ [binary]: '' }),
    });
    expect(found).toEqual({ path: binary });
  });

  it('uses the macOS app bundle path', () => {
    const binary = join('/opt', 'e', 'Electron.app', 'Contents', 'MacOS', 'Electron');
    const found = findElectronBinary({
      projectFolder: project,
      env: { ELECTRON_OVERRIDE_DIST_PATH: join('/opt', 'e') },
      platform: 'darwin',
      ...fakeDisk({ [binary]: '' }),
    });
    expect(found).toEqual({ path: binary });
  });

  it('reports where it looked when path.txt names a binary that is gone', () => {
    const found = findElectronBinary({
      projectFolder: project,
      env: {},
      platform: 'linux',
      ...fakeDisk({ [pathTxt]: 'electron\n' }),
    });
    expect(found).toEqual({ path: null, tried: [join(project, 'node_modules', 'electron', 'dist', 'electron')] });
  });

  it('reports a missing install when electron never wrote path.txt (ELECTRON_SKIP_BINARY_DOWNLOAD)', () => {
    const found = findElectronBinary({ projectFolder: project, env: {}, platform: 'linux', ...fakeDisk({}) });
    expect(found.path).toBeNull();
    expect(found.path === null && found.tried[0]).toContain('path.txt');
  });

  it('does not fall back to node_modules when an override is set but wrong', () => {
    const installed = join(project, 'node_modules', 'electron', 'dist', 'electron');
    const found = findElectronBinary({
      projectFolder: project,
      env: { ELECTRON_OVERRIDE_DIST_PATH: join('/nowhere') },
      platform: 'linux',
      ...fakeDisk({ [pathTxt]: 'electron', [installed]: '' }),
    });
    expect(found).toEqual({ path: null, tried: [join('/nowhere', 'electron')] });
  });
});

describe('missingElectronMessage', () => {
  it('says what is missing, every way to provide it, and the browser alternative, in one paragraph', () => {
    const message = missingElectronMessage(['/x/path.txt']);
    expect(message).not.toContain('\n');
    for (const part of [
      'Electron binary',
      '/x/path.txt',
      'npm start',
      'ELECTRON_MIRROR=',
      'node node_modules/electron/install.js',
      'ELECTRON_OVERRIDE_DIST_PATH=',
      'npm run start:web',
    ]) {
      expect(message).toContain(part);
    }
  });
});

describe('electronNativeBindingPath', () => {
  it('agrees with the path the app loads when unpackaged', () => {
    expect(electronNativeBindingPath(project, '45.5.0')).toBe(
      nativeBindingPath({ isPackaged: false, appPath: project, resourcesPath: '/unused', electronVersion: '45.5.0' }),
    );
  });
});

describe('addonAbi', () => {
  it('reads the ABI from the module registration symbol', () => {
    const binary = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]),
      Buffer.from('\0_node_register_module_v150\0'),
      Buffer.alloc(8),
    ]);
    expect(addonAbi(binary)).toBe('150');
  });

  it('tells the Node-ABI build in node_modules apart from an Electron one', async () => {
    const { readFileSync } = await import('node:fs');
    const nodeBuild = readFileSync(
      join(__dirname, '..', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    );
    expect(addonAbi(nodeBuild)).toBe(process.versions.modules);
  });

  it('answers null for a file that is not an addon', () => {
    expect(addonAbi(Buffer.from('hello'))).toBeNull();
  });
});
