import { describe, expect, it } from 'vitest';
import { isTrustedSender, KIOSK_ORIGIN, originOf, trustedOrigins } from './trusted-sender';

const ours = [KIOSK_ORIGIN];
const mainFrame = (url: string | null | undefined) => ({ url, isMainFrame: true });

describe('isTrustedSender', () => {
  it.each(['kiosk://app/index.html', 'kiosk://app/', 'kiosk://app', 'kiosk://app/index.html?x=1#/admin'])(
    'trusts the main frame of our own page: %s',
    (url) => {
      expect(isTrustedSender(mainFrame(url), ours)).toBe(true);
    },
  );

  it.each([
    ['a look-alike host', 'kiosk://app.evil/index.html'],
    ['credentials in front of another host', 'kiosk://app@evil/index.html'],
    ['credentials in front of our host', 'kiosk://user:pw@app/index.html'],
    ['a port', 'kiosk://app:8080/index.html'],
    ['an upper-case host (Chromium would have canonicalised a real one)', 'kiosk://APP/index.html'],
    ['a host with a trailing dot', 'kiosk://app./index.html'],
    ['a different host', 'kiosk://other/index.html'],
    ['a file URL', 'file:///work/out/renderer/index.html'],
    ['a loopback http page', 'http://127.0.0.1/index.html'],
    ['a remote https page', 'https://app/index.html'],
    ['about:blank', 'about:blank'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['a blob URL', 'blob:kiosk://app/0e1f'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['an empty URL', ''],
    ['a relative URL', '/index.html'],
    ['our scheme without a host', 'kiosk:app/index.html'],
    ['a similar scheme', 'kiosks://app/index.html'],
    // More pages that must never reach the API.
    ['a foreign https origin', 'https://evil.example/index.html'],
    ['the devtools front-end', 'devtools://devtools/bundled/inspector.html'],
    ['a chrome page', 'chrome://settings/'],
    ['an extension page', 'chrome-extension://abcdefghijklmnop/page.html'],
    ['a view-source of our page', 'view-source:kiosk://app/index.html'],
    ['a filesystem URL on our origin', 'filesystem:kiosk://app/temporary/page.html'],
    ['about:srcdoc', 'about:srcdoc'],
    ['a blob URL with a full path', 'blob:kiosk://app/4b0a3c55-0f0e-4a8e-9b1a-2c7d3e4f5a6b'],
    ['a host with a percent-encoded dot', 'kiosk://app%2Eevil/index.html'],
    ['a host followed by a backslash', 'kiosk://app\\evil.example/index.html'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(mainFrame(url), ours)).toBe(false);
  });

  it('refuses a sub-frame even on our own origin', () => {
    expect(isTrustedSender({ url: 'kiosk://app/index.html', isMainFrame: false }, ours)).toBe(false);
  });

  it('refuses a sub-frame on a foreign origin, and on about:blank', () => {
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: false }, ours)).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isMainFrame: false }, ours)).toBe(false);
  });

  it('refuses a frame that is gone or has no URL', () => {
    expect(isTrustedSender(null, ours)).toBe(false);
    expect(isTrustedSender(undefined, ours)).toBe(false);
    expect(isTrustedSender(mainFrame(null), ours)).toBe(false);
    expect(isTrustedSender(mainFrame(undefined), ours)).toBe(false);
  });

  it('trusts nothing when no origin is trusted', () => {
    expect(isTrustedSender(mainFrame('kiosk://app/index.html'), [])).toBe(false);
  });

  it('trusts the dev server origin only when it is in the list, and only with its exact port', () => {
    const withDev = [KIOSK_ORIGIN, 'http://localhost:5173'];
    expect(isTrustedSender(mainFrame('http://localhost:5173/'), withDev)).toBe(true);
    expect(isTrustedSender(mainFrame('http://localhost:5174/'), withDev)).toBe(false);
    expect(isTrustedSender(mainFrame('http://localhost:5173/'), ours)).toBe(false);
  });
});

describe('originOf', () => {
  it('keeps the scheme, host and port, and drops path, query and fragment', () => {
    expect(originOf('kiosk://app/a/b?c#d')).toBe('kiosk://app');
    expect(originOf('HTTP://LOCALHOST:5173/x')).toBe('http://localhost:5173');
  });

  it('gives null for unparsable URLs and URLs with credentials', () => {
    expect(originOf('not a url')).toBeNull();
    expect(originOf('kiosk://a:b@app/')).toBeNull();
  });
});

describe('trustedOrigins', () => {
  it('is only our protocol in the packaged app, whatever the environment says', () => {
    expect(trustedOrigins({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual([KIOSK_ORIGIN]);
  });

  it('adds a loopback dev server when unpackaged', () => {
    expect(trustedOrigins({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual([
      KIOSK_ORIGIN,
      'http://localhost:5173',
    ]);
    expect(trustedOrigins({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173/' })).toEqual([
      KIOSK_ORIGIN,
      'http://127.0.0.1:5173',
    ]);
  });

  it.each([
    'http://example.org:5173',
    'https://localhost:5173',
    'http://localhost.evil:5173',
    'http://a@localhost:5173',
    'nonsense',
  ])('ignores a dev server URL that is not plain loopback http: %s', (devServerUrl) => {
    expect(trustedOrigins({ isPackaged: false, devServerUrl })).toEqual([KIOSK_ORIGIN]);
  });
});
