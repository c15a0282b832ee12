/**
 * `npm run start:web -- [--port N] [--data-dir DIR] [--renderer-dir DIR] [--log-level LEVEL] [--no-build]`: builds the renderer and serves
 * it with the loopback bridge, for previews and browser tests, with the optional fleet as in the app (web-kiosk.ts).
 * Prints one line with the address to open.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from '../bridge/build-renderer';
import { parseStartWebArgs, type StartWebOptions } from '../bridge/start-web-args';
import { dataFolderProblem } from '../main/core/data-folder-check';
import { startWebKiosk } from './web-kiosk';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

function fail(message: string, exitCode: number): never {
  console.error(`start:web: ${message}`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  let options: StartWebOptions;
  try {
    options = parseStartWebArgs(process.argv.slice(2), process.env, {
      dataFolder: join(repoRoot, '.kiosk-data'),
      rendererDir: join(repoRoot, 'out', 'renderer'),
    });
  } catch (error) {
    fail((error as Error).message, 2);
  }
  const folderProblem = dataFolderProblem(options.dataFolder);
  if (folderProblem !== null) fail(folderProblem, 2);

  if (options.build) {
    try {
      await buildRenderer(repoRoot);
    } catch (error) {
      fail(`the renderer build failed: ${(error as Error).message}`, 1);
    }
  }
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    fail(`no built renderer at ${options.rendererDir} (run without --no-build, or npx electron-vite build)`, 1);
  }

  const bridge = await startWebKiosk({
    dataFolder: options.dataFolder,
    port: options.port,
    rendererDir: options.rendererDir,
    // The same backups, checkpoints and auto-close as the app.
    housekeepingEveryMinute: true,
    logLevel: options.logLevel,
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    bridge.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`closing failed: ${(error as Error).message}`, 1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The line BRIDGE_READY_LINE (src/shared/bridge-protocol.ts) reads: tests and the crash trials wait for it, then
  // may stop the bridge at once, so it is printed only once a stop signal closes the database cleanly.
  console.log(`Kiosk ready at ${bridge.url}`);
}

main().catch((error: unknown) => fail((error as Error).message, 1));
