/**
 * electron-builder.ts, checked without packaging: electron-builder's own loader and schema accept it, it names files
 * that exist, and electron-builder's own file filter, run over this project, packs the app and its content and
 * nothing else. scripts/rehearse-packaging.test.ts then packages for real, with a stand-in Electron.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config, { electronVersion, NATIVE_FILE, NATIVE_SOURCE_FOLDER } from '../electron-builder';
import { electronNativeFolder, nativeBindingPath } from '../src/main/native-binding';
import { EXPECTED_FUSES } from './check-packaging-rules.mjs';
import { electronNativeBindingPath } from './electron-paths.mjs';
import { readIcoDirectory } from './ico-file.mjs';

const projectFolder = resolve('.');
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const builderConfig = requireFromBuilder('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { createFilter } = requireFromBuilder('./out/util/filter.js') as {
  createFilter(src: string, patterns: unknown[]): (file: string, stat: Stats) => boolean;
};
const { Minimatch } = requireFromBuilder('minimatch') as {
  Minimatch: new (pattern: string, options: object) => unknown;
};

describe('electron-builder configuration', () => {
  it('is the file electron-builder itself loads, and its schema accepts it', async () => {
    const loaded = await builderConfig.getConfig(projectFolder, null, null);
    expect(loaded.appId).toBe('org.lactationkiosk.app');
    await expect(builderConfig.validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would catch a misspelt option (the schema check is not a formality)', async () => {
    const misspelt = { ...config, nsis: { ...config.nsis, perMachin: true } } as Configuration;
    await expect(builderConfig.validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /configuration\.nsis/,
    );
  });

  it('names the app the same everywhere', () => {
    expect(config).toMatchObject({
      appId: 'org.lactationkiosk.app',
      productName: 'Lactation Room Kiosk',
      executableName: 'lactation-room-kiosk',
      asar: true,
      npmRebuild: false,
    });
  });

  it('makes a per-machine Windows installer and a Linux .deb, AppImage off', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      perMachine: true,
      oneClick: false,
      allowToChangeInstallationDirectory: false,
      runAfterFinish: false,
      deleteAppDataOnUninstall: false,
    });
    expect(config.linux?.target).toEqual([{ target: 'deb', arch: ['x64'] }]);
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('sets every fuse the packaged-app check expects', () => {
    const expected = Object.fromEntries(
      EXPECTED_FUSES.map(([name, enabled]) => [name[0]!.toLowerCase() + name.slice(1), enabled]),
    );
    expect(config.electronFuses).toEqual(expected);
    expect(expected).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('puts the Electron-ABI driver where the packaged app loads it, from where the build script writes it', () => {
    const resourcesPath = join('/opt', 'kiosk', 'resources');
    expect(config.extraResources).toEqual([{ from: NATIVE_SOURCE_FOLDER, to: 'native', filter: [NATIVE_FILE] }]);
    const installed = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
    expect(electronVersion).toBe(installed);
    // The build script's output folder, the app's unpackaged lookup and the packager's source agree…
    expect(join(projectFolder, NATIVE_SOURCE_FOLDER, NATIVE_FILE)).toBe(
      electronNativeBindingPath(projectFolder, installed),
    );
    expect(join(projectFolder, NATIVE_SOURCE_FOLDER)).toBe(electronNativeFolder(projectFolder, installed));
    // …and so do the packager's destination and the app's packaged lookup.
    expect(nativeBindingPath({ isPackaged: true, appPath: '', resourcesPath, electronVersion: installed })).toBe(
      join(resourcesPath, 'native', NATIVE_FILE),
    );
  });

  it('uses icons that exist, at the sizes each system wants', () => {
    const ico = readIcoDirectory(readFileSync(String(config.win?.icon)));
    expect(ico.map((image) => image.size)).toContain(256);
    expect(config.nsis?.installerIcon).toBe(config.win?.icon);
    const iconFolder = String(config.linux?.icon);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(join(iconFolder, `${size}x${size}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(existsSync(join(iconFolder, 'icon.svg'))).toBe(true);
  });
});

/** The project's files that electron-builder's own filter lets into app.asar (node_modules are added separately). */
function packagedProjectFiles(): string[] {
  const patterns = (config.files as string[]).map((pattern) => new Minimatch(pattern, { dot: true }));
  const filter = createFilter(projectFolder, patterns);
  const skipped = new Set(['node_modules', '.git', 'dist', 'native', 'test-results', 'playwright-report']);
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (folder === projectFolder && skipped.has(name)) continue;
      const stat = statSync(path);
      if (!filter(path, stat)) continue;
      if (stat.isDirectory()) walk(path);
      else found.push(relative(projectFolder, path).split(sep).join('/'));
    }
  };
  walk(projectFolder);
  return found;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(projectFolder, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe('packaged file list (electron-builder’s filter over this project)', () => {
  const packaged = packagedProjectFiles();
  const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

  it('holds every content pack and illustration the core reads from <app>/resources', () => {
    const content = [...filesUnder('resources/content'), ...filesUnder('resources/illustrations')];
    expect(content.length).toBeGreaterThan(10);
    expect(packaged).toEqual(expect.arrayContaining([...content, 'package.json']));
  });

  it('leaves out sources, tests, tooling and the packager’s own inputs', () => {
    const strays = packaged.filter(
      (file) =>
        /^(src|e2e|scripts|build|docs|bench|eslint-rules)\//.test(file) ||
        /\.(test|spec)\.[cm]?[jt]s$/.test(file) ||
        /\.map$/.test(file) ||
        !/^(out|resources)\/|^package\.json$/.test(file),
    );
    expect(strays).toEqual([]);
  });

  it.skipIf(built.some((file) => !existsSync(file)))(
    'holds the main, preload and renderer entries the build produces (skipped until `npm run build`)',
    () => {
      expect(packaged).toEqual(expect.arrayContaining(built));
      expect(JSON.parse(readFileSync('package.json', 'utf8')).main).toBe('out/main/index.js');
    },
  );
});
