import { describe, expect, it, vi } from 'vitest';
import { cleanIllustration, cleanIllustrations } from './illustration-markup';

const files = import.meta.glob<string>('../../../resources/illustrations/*.svg', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const svg = (inner: string, attributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attributes}>${inner}</svg>`;

describe('illustration markup', () => {
  it('accepts every shipped drawing, without its English title and hidden from assistive technology', () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(7);
    for (const [name, markup] of Object.entries(files)) {
      const clean = cleanIllustration(markup);
      expect(clean, name).not.toBeNull();
      expect(clean).not.toMatch(/<title|<desc|role=|aria-labelledby/);
      expect(clean).toContain('aria-hidden="true"');
      expect(clean).toContain('currentColor');
    }
  });

  it.each([
    ['a script', svg('<script>alert(1)</script>')],
    ['an event handler', svg('<path d="M0 0" onclick="alert(1)"/>')],
    ['a handler on the root', svg('<path d="M0 0"/>', ' onload="alert(1)"')],
    ['a link', svg('<a href="https://example.org"><path d="M0 0"/></a>')],
    ['an image', svg('<image href="https://example.org/x.png"/>')],
    ['foreign content', svg('<foreignObject><div>hi</div></foreignObject>')],
    ['an outside reference', svg('<path d="M0 0" fill="url(https://example.org/#x)"/>')],
    ['a style element', svg('<style>path{fill:url(https://example.org)}</style>')],
    ['broken markup', '<svg xmlns="http://www.w3.org/2000/svg"><path'],
    ['not an svg', '<html><body>hi</body></html>'],
  ])('refuses a file with %s', (_, markup) => {
    expect(cleanIllustration(markup)).toBeNull();
  });

  it('keeps references inside the drawing (masks)', () => {
    const markup = svg(
      '<defs><mask id="m"><rect width="10" height="10" fill="white"/></mask></defs><g mask="url(#m)"/>',
    );
    expect(cleanIllustration(markup)).toContain('url(#m)');
  });

  it('leaves a refused file out of the set and says so in the log', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const set = cleanIllustrations({ 'good.svg': svg('<path d="M0 0"/>'), 'bad.svg': svg('<script/>') });
    expect(Object.keys(set)).toEqual(['good.svg']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('bad.svg'));
    warn.mockRestore();
  });
});
