import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Vite's dev server injects CSS as <style> elements, which the page's `style-src 'self'` blocks. Only `dev` relaxes
 * the meta policy in index.html; built files keep the strict one.
 */
const allowInlineStylesInDev: Plugin = {
  name: 'kiosk:allow-inline-styles-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    // A sandboxed preload can require only 'electron': one self-contained CommonJS file.
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [svelte(), allowInlineStylesInDev],
    build: {
      minify: true,
      // KIOSK_RENDERER_DIR lets parallel work build into its own folder (the e2e fixture reads the same variable).
      outDir: process.env.KIOSK_RENDERER_DIR ?? resolve('out/renderer'),
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
