import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, KIOSK_CSP } from './content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('KIOSK_CSP', () => {
  const policy = directives(KIOSK_CSP);

  it('lets scripts come only from our own origin, never inline or eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(KIOSK_CSP).not.toContain('unsafe-inline');
    expect(KIOSK_CSP).not.toContain('unsafe-eval');
    expect(KIOSK_CSP).not.toContain('wasm-unsafe-eval');
  });

  it('allows no network beyond our own origin', () => {
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(KIOSK_CSP).not.toMatch(/https?:|\*|ws:/);
  });

  it('shuts plugins, base rewriting, framing and form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('names each directive once', () => {
    const names = KIOSK_CSP.split(';').map((part) => part.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('buildContentSecurityPolicy', () => {
  it('joins directives with semicolons and sources with spaces', () => {
    expect(buildContentSecurityPolicy({ 'default-src': ["'none'"], 'img-src': ["'self'", 'data:'] })).toBe(
      "default-src 'none'; img-src 'self' data:",
    );
  });
});
