// Renders build/icons/icon.svg into the files the packager uses: <size>x<size>.png for Linux (a freedesktop icon set)
// and icon.ico for Windows. Offline: Debian's Chromium draws the SVG on a canvas; the ICO container is written here.
// Usage: node scripts/render-icons.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
/* global Image, document -- used inside page.evaluate, which runs in Chromium */
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIco } from './ico-file.mjs';

const iconsFolder = join(dirname(dirname(fileURLToPath(import.meta.url))), 'build', 'icons');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
// Windows picks the nearest size for the taskbar, title bar, Start menu and installer; 256 is the largest it uses.
const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256];

const svg = readFileSync(join(iconsFolder, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  const sizes = [...new Set([...PNG_SIZES, ...ICO_SIZES])];
  const rendered = await page.evaluate(
    async ({ source, sizes }) => {
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(source)}`;
      await image.decode();
      return sizes.map((size) => {
        const canvas = document.createElement('canvas');
        canvas.width = size;
        canvas.height = size;
        const context = canvas.getContext('2d');
        context.imageSmoothingQuality = 'high';
        context.drawImage(image, 0, 0, size, size);
        return {
          size,
          png: canvas.toDataURL('image/png').split(',')[1],
          rgba: Array.from(context.getImageData(0, 0, size, size).data),
        };
      });
    },
    { source: svg, sizes },
  );
  const bySize = new Map(rendered.map((image) => [image.size, image]));
  for (const size of PNG_SIZES) {
    writeFileSync(join(iconsFolder, `${size}x${size}.png`), Buffer.from(bySize.get(size).png, 'base64'));
  }
  const ico = encodeIco(
    ICO_SIZES.map((size) => {
      const image = bySize.get(size);
      return { size, png: Buffer.from(image.png, 'base64'), rgba: Uint8Array.from(image.rgba) };
    }),
  );
  writeFileSync(join(iconsFolder, 'icon.ico'), ico);
  console.log(`Wrote ${PNG_SIZES.length} PNG files and icon.ico (${ICO_SIZES.join(', ')} px) to build/icons`);
} finally {
  await browser.close();
}
