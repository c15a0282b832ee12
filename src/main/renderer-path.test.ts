import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from './renderer-path';

const root = resolve('/srv/kiosk/out/renderer');

describe('resolveRendererFile', () => {
  it.each([
    ['kiosk://app/', 'index.html'],
    ['kiosk://app', 'index.html'],
    ['kiosk://app/index.html', 'index.html'],
    ['kiosk://app/index.html?lang=es#/admin', 'index.html'],
    ['kiosk://app/assets/index-abc123.js', join('assets', 'index-abc123.js')],
    ['kiosk://app/assets/a%20b.svg', join('assets', 'a b.svg')],
    // The URL parser folds these dot segments before we see them; they stay inside the root.
    ['kiosk://app/assets/../index.html', 'index.html'],
    ['kiosk://app/assets/%2e%2e/index.html', 'index.html'],
  ])('serves %s from the renderer folder', (url, expected) => {
    expect(resolveRendererFile(root, url)).toBe(join(root, expected));
  });

  it.each([
    ['dot segments past the root', 'kiosk://app/../../etc/passwd', join(root, 'etc', 'passwd')],
    ['encoded dot segments past the root', 'kiosk://app/%2e%2e/%2e%2e/etc/passwd', join(root, 'etc', 'passwd')],
  ])('keeps %s inside the root (the URL parser clamps them)', (_label, url, expected) => {
    expect(resolveRendererFile(root, url)).toBe(expected);
  });

  it.each([
    ['an encoded slash hiding dot segments', 'kiosk://app/assets%2F..%2F..%2F..%2Fetc%2Fpasswd'],
    ['an encoded slash to a sibling folder', 'kiosk://app/..%2Frenderer-secrets/key'],
    ['a lone encoded parent', 'kiosk://app/%2e%2e%2f'],
    ['an encoded backslash', 'kiosk://app/..%5C..%5Cetc%5Cpasswd'],
    ['a plain backslash', 'kiosk://app/assets\\..\\..\\secret'],
    ['an encoded NUL', 'kiosk://app/index.html%00.png'],
    ['a malformed escape', 'kiosk://app/%E0%A4%A'],
    ['another host', 'kiosk://evil/index.html'],
    ['a look-alike host', 'kiosk://app.evil/index.html'],
    ['credentials', 'kiosk://app@evil/index.html'],
    ['a port', 'kiosk://app:1/index.html'],
    ['another scheme', 'file:///srv/kiosk/out/renderer/index.html'],
    ['http', 'http://app/index.html'],
    ['garbage', 'not a url'],
    ['the root folder itself via an encoded slash', 'kiosk://app/assets%2F..'],
  ])('refuses %s', (_label, url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const attempts = ['..', '%2e%2e', '%252e%252e', '.%2e', '%2e.', '..%2f', '%2f..%2f..', '....//', '..;/'];
    for (const a of attempts) {
      for (const b of attempts) {
        const file = resolveRendererFile(root, `kiosk://app/${a}/${b}/etc/passwd`);
        if (file !== null) expect(file.startsWith(root + '/') || file.startsWith(root + '\\')).toBe(true);
      }
    }
  });
});
