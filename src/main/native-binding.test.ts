import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from './native-binding';

describe('nativeBindingPath', () => {
  const where = {
    appPath: join('/p', 'kiosk'),
    resourcesPath: join('/opt', 'kiosk', 'resources'),
    electronVersion: '45.5.0',
  };

  it('uses the per-version folder the build script writes when unpackaged', () => {
    expect(nativeBindingPath({ ...where, isPackaged: false })).toBe(
      join('/p', 'kiosk', 'native', 'electron-45.5.0', 'better_sqlite3.node'),
    );
  });

  it('uses the resources folder, outside app.asar, when packaged', () => {
    expect(nativeBindingPath({ ...where, isPackaged: true })).toBe(
      join('/opt', 'kiosk', 'resources', 'native', 'better_sqlite3.node'),
    );
  });

  it('never points into node_modules, where the Node-ABI build for tests lives', () => {
    for (const isPackaged of [true, false]) {
      expect(nativeBindingPath({ ...where, isPackaged })).not.toContain('node_modules');
    }
  });
});
