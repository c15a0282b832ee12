import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveInsideFolder } from './static-file-paths';

const root = resolve('/srv/renderer');

describe('resolveInsideFolder', () => {
  it('names the entry page for / and files inside the folder', () => {
    expect(resolveInsideFolder(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInsideFolder(root, '/assets/app.js')).toBe(join(root, 'assets/app.js'));
    expect(resolveInsideFolder(root, '/assets/a%20b.css')).toBe(join(root, 'assets/a b.css'));
  });

  it.each([
    '/../secret',
    '/assets/../../secret',
    '/%2e%2e/secret',
    '/a%5c..%5csecret',
    '/a\\b',
    '/a%00b',
    '/%E0%A4%A',
    'relative/path',
  ])('refuses %s', (path) => {
    expect(resolveInsideFolder(root, path)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer types and never guesses an unknown one', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('APP.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('icon.ico')).toBe('image/x-icon');
    expect(contentTypeFor('payload.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/README')).toBe('application/octet-stream');
  });
});
