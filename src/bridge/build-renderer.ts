/**
 * Builds only the renderer, with exactly the configuration `electron-vite build` uses (electron.vite.config.ts), so
 * the page the bridge serves is the page the app loads. Main and preload are not needed by the bridge.
 */
export async function buildRenderer(repoRoot: string): Promise<void> {
  // Imported here so `--no-build` starts without loading the bundler at all.
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const resolved = await resolveConfig({ root: repoRoot, logLevel: 'warn' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section.');
  await build(renderer);
}
