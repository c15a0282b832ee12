/**
 * Folders are boundaries (docs/ARCHITECTURE.md, "Layers"): this rule knows each layer of the kiosk and what it may import.
 * A hand-written rule because ESLint's built-in no-restricted-imports cannot tell where a relative path lands,
 * and the import plugins that can pull in a native resolver we do not need for six folders.
 */
import { builtinModules } from 'node:module';
import { relative, resolve, dirname, sep } from 'node:path';

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Which layer a file belongs to, from its path relative to the project root. */
export function layerOf(projectPath) {
  const path = projectPath.split(sep).join('/');
  if (path.startsWith('src/shared/')) return 'shared';
  if (path.startsWith('src/main/core/')) return 'core';
  if (path.startsWith('src/main/fleet/')) return 'fleet';
  if (path.startsWith('src/main/')) return 'shell';
  if (path.startsWith('src/preload/')) return 'preload';
  if (path.startsWith('src/renderer/')) return 'renderer';
  if (path.startsWith('src/bridge/')) return 'bridge';
  if (path.startsWith('src/cli/')) return 'cli';
  if (path.startsWith('src/commands/')) return 'commands';
  return undefined;
}

/** For each layer: the layers it may import, and whether node builtins / packages / electron are allowed. */
const FENCES = {
  shared: { layers: ['shared'], node: false, packages: ['zod'], electron: false },
  core: { layers: ['core', 'shared'], node: true, packages: '*', electron: false },
  // The optional link to the hospital's PostgreSQL: above core (it reads the outbox through core's repositories),
  // below the shell and the commands, and like core free of electron so all of it is tested under plain Node.
  fleet: { layers: ['fleet', 'core', 'shared'], node: true, packages: '*', electron: false },
  shell: { layers: ['shell', 'commands', 'fleet', 'core', 'shared'], node: true, packages: '*', electron: true },
  preload: { layers: ['preload', 'shared:api-methods'], node: false, packages: [], electron: true },
  renderer: { layers: ['renderer', 'shared'], node: false, packages: '*', electron: false },
  bridge: { layers: ['bridge', 'core', 'shared'], node: true, packages: '*', electron: false },
  // The npm scripts' entry points, the browser preview's among them: it wires the bridge and the fleet together as
  // the Electron shell wires IPC and the fleet, so the bridge itself stays on core alone.
  cli: { layers: ['cli', 'commands', 'bridge', 'fleet', 'core', 'shared'], node: true, packages: '*', electron: false },
  // The IT tools (staff, export) as functions of argv and streams: the npm scripts in src/cli and the installed
  // app's --staff / --export (src/main/app-command-host.ts) both call them, so they sit below both.
  commands: { layers: ['commands', 'fleet', 'core', 'shared'], node: true, packages: '*', electron: false },
};

const FORBIDDEN_IN_RENDERER = ['better-sqlite3'];
/** The network stays out of core: nothing on the parent's or the nurse's path can wait on PostgreSQL (any client). */
const FORBIDDEN_IN_CORE = ['pg', 'pg-native', 'postgres'];

/** Tests may use test libraries (vitest, testing-library, fast-check) wherever they sit; the layer fences still hold. */
const isTestFile = (path) => /\.(test|spec)\.ts$/.test(path);

/** Test support (fixtures, fakes, harnesses) lives in folders named `testing/`, and only tests may load it. */
const isTestSupport = (path) => /(^|\/)testing\//.test(path);

/**
 * The crash trials are a test suite that runs as a program (`npm run crash-trials`), not part of the app: they use the
 * same test support as the other tests.
 */
const isCrashTrial = (path) => /^src\/main\/core\/reliability\/crash-[\w-]+\.ts$/.test(path);

const mayUseTestSupport = (path) => isTestFile(path) || isTestSupport(path) || isCrashTrial(path);

export function checkImport(fromProjectPath, source, projectRoot) {
  const fromLayer = layerOf(fromProjectPath);
  if (!fromLayer) return undefined;
  const fence = FENCES[fromLayer];
  if (source === 'electron' || source.startsWith('electron/')) {
    return fence.electron ? undefined : `${fromLayer} must not import electron`;
  }
  if (NODE_BUILTINS.has(source)) return fence.node ? undefined : `${fromLayer} must not import Node's ${source}`;
  if (!source.startsWith('.')) {
    const name = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
    if (fromLayer === 'renderer' && FORBIDDEN_IN_RENDERER.includes(name)) return `renderer must not import ${name}`;
    if (fromLayer === 'core' && FORBIDDEN_IN_CORE.includes(name)) return `core must not import ${name}`;
    if (fence.packages === '*' || fence.packages.includes(name) || isTestFile(fromProjectPath)) return undefined;
    return `${fromLayer} must not import the package ${name}`;
  }
  const target = relative(projectRoot, resolve(projectRoot, dirname(fromProjectPath), source))
    .split(sep)
    .join('/');
  const targetLayer = layerOf(`${target}/`) ?? layerOf(target);
  if (!targetLayer) return `${fromLayer} must not import ${target} from outside src`;
  if (isTestSupport(target) && !mayUseTestSupport(fromProjectPath)) {
    return `only tests may import test support (${target})`;
  }
  if (fence.layers.includes(targetLayer)) return undefined;
  if (
    targetLayer === 'shared' &&
    fence.layers.includes('shared:api-methods') &&
    /^src\/shared\/api-methods(\.ts)?$/.test(target)
  ) {
    return undefined;
  }
  return `${fromLayer} must not import from ${targetLayer} (${target})`;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the kiosk layers apart: core never imports electron, the renderer never imports main.' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename);
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const problem = checkImport(file, node.source.value, root);
      if (problem) context.report({ node: node.source, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      CallExpression(node) {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'require' &&
          node.arguments[0]?.type === 'Literal'
        ) {
          check({ source: node.arguments[0] });
        }
      },
    };
  },
};
